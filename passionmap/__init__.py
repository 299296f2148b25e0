"""passionmap: what customers are passionate about, where they hang out, and
which communities they form, from the comments they write.

>>> import passionmap as pm
>>> sorted(n for n in pm.__all__ if not n[0].isupper())[:3]
['analyze', 'audience', 'build_graph']
"""

__version__ = "0.1.0"

from .age_cues import infer_generations  # noqa: E402
from .audiences import Audience, audience  # noqa: E402
from .communities import customer_features, find_communities  # noqa: E402
from .config import Config  # noqa: E402
from .estimator import Extractor, Leiden, Louvain, PassionMap, Profiler, Reader  # noqa: E402
from .extraction import extract, split_words  # noqa: E402
from .graph import build_graph, customer_channels  # noqa: E402
from .ingest import iter_comments, load_comments  # noqa: E402
from .nlp import load_nlp  # noqa: E402
from .pipeline import Result, analyze, run, stream  # noqa: E402
from .profiles import profile  # noqa: E402
from .vocabulary import select_interests  # noqa: E402

__all__ = [
    "Audience",
    "Config",
    "Extractor",
    "Leiden",
    "Louvain",
    "PassionMap",
    "Profiler",
    "Reader",
    "Result",
    "analyze",
    "audience",
    "build_graph",
    "customer_channels",
    "customer_features",
    "extract",
    "find_communities",
    "infer_generations",
    "iter_comments",
    "load_comments",
    "load_nlp",
    "profile",
    "run",
    "select_interests",
    "split_words",
    "stream",
]
