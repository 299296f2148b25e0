"""``pm.PassionMap``: the whole pipeline as one estimator, in scikit-learn's manner.

Steps are small objects that own their parameters: a :class:`Reader` (how the
input's columns map), an :class:`Extractor` (the spaCy side), a community
finder (:class:`Leiden` or :class:`Louvain`) and a :class:`Profiler` (which
terms become interests). ``fit`` takes a path or a DataFrame and sets the
trailing-underscore results; ``write`` writes every output of SPEC "Output".
Each step's fields are :class:`passionmap.Config` fields: the steps are views
of the one Config that every stage function takes, so the estimator, the
stage functions, the command line and the notebooks read the same settings.

Examples
--------
>>> import passionmap as pm
>>> from passionmap.datasets.sample import make_sample
>>> model = pm.PassionMap(extractor=pm.Extractor(model="blank"), progress=False)
>>> model.fit(make_sample(customers=60, seed=1).comments)  # doctest: +ELLIPSIS
PassionMap(...)
>>> sorted(model.customers_.columns)[:3]
['age', 'channels', 'cluster']
>>> model.get_params()["communities__resolution"] is None
True
"""

from __future__ import annotations

import os
from dataclasses import MISSING, field, fields, make_dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .config import Config
from .errors import PassionmapError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

#: The Config fields each step owns; every Config field but ``progress``,
#: ``algorithm`` (the finder's class), ``keep_text``, ``scheduler`` and
#: ``workers`` belongs to exactly one step.
STEP_FIELDS = {
    "Reader": ("text_col", "customer_col", "id_col", "time_col", "channel_col", "age_col",
               "channel", "dayfirst", "encoding", "chunk_rows", "max_chars", "pseudonymize",
               "key_file", "since", "until"),
    "Extractor": ("model", "batch_size", "extra_stop_terms", "patterns", "n_process",
                  "cache_dir", "engine"),
    "Leiden": ("resolution", "seed", "neighbors", "communities", "min_cluster_size",
               "consensus"),
    "Profiler": ("min_mentions", "max_share", "no_text", "labels"),
}  # fmt: skip
DOCS = {
    "Reader": 'How the input maps onto passionmap\'s columns (SPEC "Input"), which days count.',
    "Extractor": "The spaCy side: model, extra patterns and stop terms, speed settings.",
    "Leiden": "Communities by Leiden (igraph) on the customers' k-nearest-neighbour graph.",
    "Profiler": "Which candidate terms are interests, what is exported, your community names.",
}


def _step(name: str, namespace: dict | None = None, bases: tuple = ()) -> type:
    """A dataclass of the Config fields ``STEP_FIELDS[name]``, with Config's types and defaults.

    Generated, not copied: a field changed in Config changes here.
    """
    own = {f.name: f for f in fields(Config)}
    specs = []
    for key in STEP_FIELDS[name]:
        f = own[key]
        default = (
            field(default_factory=f.default_factory)
            if f.default_factory is not MISSING
            else field(default=f.default)
        )
        specs.append((key, f.type, default))
    ns = {"__doc__": DOCS[name], "__module__": __name__, **(namespace or {})}
    return make_dataclass(name, specs, bases=bases, namespace=ns)


Reader = _step("Reader")
Extractor = _step("Extractor")
Leiden = _step("Leiden", {"algorithm": "leiden"})
Louvain = make_dataclass(
    "Louvain",
    [],
    bases=(Leiden,),
    namespace={
        "algorithm": "louvain",
        "__module__": __name__,
        "__doc__": "Communities by igraph's multilevel Louvain; the parameters of Leiden.",
    },
)
Profiler = _step("Profiler")

STEPS = ("reader", "extractor", "communities", "profiler")
STEP_KINDS = {"reader": Reader, "extractor": Extractor, "communities": Leiden, "profiler": Profiler}


class PassionMap:
    """What customers are passionate about, where they are, which communities they form.

    Parameters
    ----------
    reader, extractor, communities, profiler : step objects, optional
        :class:`Reader`, :class:`Extractor`, :class:`Leiden` or :class:`Louvain`,
        :class:`Profiler`; defaults when omitted.
    progress : bool
        Progress bars on long inputs.

    Attributes
    ----------
    mentions_, customers_, communities_, audience_, rejects_, terms_ : DataFrame
        The tables of SPEC "Output" (``communities_`` is clusters.csv,
        ``audience_`` audience.csv, ``terms_`` every candidate term judged).
    graph_ : networkx.Graph
        Customers, interests and channels.
    summary_ : dict
        Counts, seconds per stage, model, versions and config.
    result_ : passionmap.Result
        Everything above in one object, as :func:`passionmap.analyze` returns it.
    """

    def __init__(self, reader: Reader | None = None, extractor: Extractor | None = None,
                 communities: Leiden | None = None, profiler: Profiler | None = None,
                 progress: bool = True) -> None:  # fmt: skip
        self.reader = reader if reader is not None else Reader()
        self.extractor = extractor if extractor is not None else Extractor()
        self.communities = communities if communities is not None else Leiden()
        self.profiler = profiler if profiler is not None else Profiler()
        self.progress = progress

    # --- scikit-learn's parameter protocol --------------------------------
    def get_params(self, deep: bool = True) -> dict:
        """The steps and, with ``deep``, their fields as ``step__field``."""
        out = {name: getattr(self, name) for name in STEPS}
        out["progress"] = self.progress
        if deep:
            for name in STEPS:
                for f in fields(getattr(self, name)):
                    out[f"{name}__{f.name}"] = getattr(getattr(self, name), f.name)
        return out

    def set_params(self, **params: object) -> PassionMap:
        """Set steps or ``step__field`` values; returns self.

        >>> PassionMap().set_params(communities__resolution=2.0).communities.resolution
        2.0
        """
        for key, value in params.items():
            step, _, name = key.partition("__")
            if step not in (*STEPS, "progress"):
                raise ValueError(f"unknown parameter {key!r} for PassionMap")
            if not name:
                setattr(self, step, value)
            else:
                target = getattr(self, step)
                if name not in {f.name for f in fields(target)}:
                    raise ValueError(f"unknown parameter {key!r} for PassionMap")
                setattr(target, name, value)
        return self

    def config(self) -> Config:
        """The one :class:`passionmap.Config` these steps stand for."""
        for name, kind in STEP_KINDS.items():  # a step of another kind fails in the middle
            if not isinstance(getattr(self, name), kind):
                also = " or pm.Louvain" if kind is Leiden else ""
                got = type(getattr(self, name)).__name__
                raise PassionmapError(f"PassionMap: {name} must be a pm.{kind.__name__}{also}, "
                                      f"not a {got}")  # fmt: skip
        values = {"progress": self.progress, "algorithm": self.communities.algorithm}
        for name in STEPS:
            step = getattr(self, name)
            values.update({f.name: getattr(step, f.name) for f in fields(step)})
        values["extra_stop_terms"] = tuple(values["extra_stop_terms"])
        values["patterns"] = tuple(values["patterns"])
        return Config(**values)

    @classmethod
    def from_config(cls, config: Config) -> PassionMap:
        """The estimator of a Config (the inverse of :meth:`config`)."""
        kinds = {"reader": Reader, "extractor": Extractor, "profiler": Profiler}
        steps = {
            name: kind(**{f.name: getattr(config, f.name) for f in fields(kind)})
            for name, kind in kinds.items()
        }
        finder = Louvain if config.algorithm == "louvain" else Leiden
        steps["communities"] = finder(**{f.name: getattr(config, f.name) for f in fields(finder)})
        return cls(**steps, progress=config.progress)

    # --- fit and write ----------------------------------------------------
    def fit(
        self, comments: str | Path | pd.DataFrame, y: object = None, nlp: Language | None = None
    ) -> PassionMap:
        """Read, extract, find communities and profile ``comments``.

        Parameters
        ----------
        comments : path or DataFrame
            A CSV / JSONL / Parquet file, or a DataFrame, read with the
            :class:`Reader` (its column names, ``dayfirst``, ``since``/``until``):
            rows without text or customer id go to ``rejects_`` with their
            reason, as a file's records do (:func:`passionmap.io.frames.load_frame`).
        y : ignored
            For scikit-learn's signature.
        nlp : spacy.Language, optional
            A pipeline already loaded by :func:`passionmap.load_nlp`.
        """
        from .io.frames import load_frame
        from .pipeline import analyze, run

        config = self.config()
        if isinstance(comments, (str, Path)):
            result = run(comments, None, config, nlp)
        else:  # read as a file is: the same checks, cleaning and rejects
            result = analyze(load_frame(pd.DataFrame(comments), config), config, nlp)
        self.result_ = result
        self.mentions_ = result.mentions
        self.customers_ = result.customers
        self.communities_ = result.clusters
        self.graph_ = result.graph
        self.audience_ = result.audience.to_frame() if result.audience is not None else None
        self.rejects_ = result.rejects
        self.summary_ = result.summary
        self.terms_ = result.terms
        return self

    def write(self, out: str | os.PathLike[str]) -> Path:
        """Write every output file of SPEC "Output" into ``out`` (atomically)."""
        if not hasattr(self, "result_"):
            raise RuntimeError("call fit() before write()")
        from .pipeline import write_outputs

        return write_outputs(self.result_, out)

    def __repr__(self) -> str:
        changed = []
        for name in STEPS:
            step = getattr(self, name)
            default = type(step)()
            if step != default or type(step) is not type(getattr(PassionMap(), name)):
                changed.append(f"{name}={step!r}")
        if not self.progress:
            changed.append("progress=False")
        return f"PassionMap({', '.join(changed)})"
