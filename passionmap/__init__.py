"""passionmap: what customers are passionate about, where they hang out, and
which communities they form, from the comments they write.

>>> import passionmap as pm
>>> sorted(n for n in pm.__all__ if not n[0].isupper())[:3]
['analyze', 'audience', 'build_graph']
"""

__version__ = "0.1.0"

from typing import TYPE_CHECKING

#: public name -> the submodule that defines it. Imported on first use (PEP 562):
#: ``import passionmap`` stays light (a re-run reused from the cache needs no
#: spaCy, scikit-learn or networkx), while ``pm.analyze`` etc. work as usual.
_SOURCES = {
    "infer_generations": "nlp.age_cues",
    "Audience": "analysis.audiences",
    "audience": "analysis.audiences",
    "Communities": "analysis.communities",
    "customer_features": "analysis.communities",
    "detect": "analysis.communities",
    "find_communities": "analysis.communities",
    "Config": "config",
    "Extractor": "estimator",
    "Leiden": "estimator",
    "Louvain": "estimator",
    "PassionMap": "estimator",
    "Profiler": "estimator",
    "Reader": "estimator",
    "extract": "nlp.extraction",
    "split_words": "nlp.extraction",
    "build_graph": "analysis.graph",
    "customer_channels": "analysis.graph",
    "iter_comments": "io.ingest",
    "load_comments": "io.ingest",
    "load_nlp": "nlp.nlp",
    "load_input": "pipeline",
    "Result": "pipeline",
    "analyze": "pipeline",
    "run": "pipeline",
    "stream": "pipeline",
    "profile": "analysis.profiles",
    "select_interests": "nlp.vocabulary",
}


def __getattr__(name: str) -> object:
    if name in _SOURCES:
        from importlib import import_module

        value = getattr(import_module(f".{_SOURCES[name]}", __name__), name)
        globals()[name] = value  # once: later lookups skip this function
        return value
    raise AttributeError(f"module 'passionmap' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_SOURCES})


if TYPE_CHECKING:  # for type checkers and IDEs: the same names, imported eagerly
    from .analysis.audiences import Audience, audience
    from .analysis.communities import Communities, customer_features, detect, find_communities
    from .analysis.graph import build_graph, customer_channels
    from .analysis.profiles import profile
    from .config import Config
    from .estimator import Extractor, Leiden, Louvain, PassionMap, Profiler, Reader
    from .io.ingest import iter_comments, load_comments
    from .nlp.age_cues import infer_generations
    from .nlp.extraction import extract, split_words
    from .nlp.nlp import load_nlp
    from .nlp.vocabulary import select_interests
    from .pipeline import Result, analyze, load_input, run, stream

__all__ = [
    "Audience",
    "Communities",
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
    "detect",
    "extract",
    "find_communities",
    "infer_generations",
    "iter_comments",
    "load_comments",
    "load_input",
    "load_nlp",
    "profile",
    "run",
    "select_interests",
    "split_words",
    "stream",
]
