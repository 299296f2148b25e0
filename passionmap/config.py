"""Run settings: one frozen dataclass passed to every stage, never a global."""

from __future__ import annotations

import numbers
import os
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import TypeVar

from .errors import ConfigValueError, PassionmapError

CACHE_ENV = "PASSIONMAP_CACHE_DIR"


def default_cache_dir() -> Path:
    """Where the command line caches mentions and kept runs.

    ``$PASSIONMAP_CACHE_DIR`` when set, else ``$XDG_CACHE_HOME/passionmap``,
    else ``~/.cache/passionmap``. (Here, not in :mod:`passionmap.nlp.cache`: a
    re-run reused from the cache must not import pandas to find it.)
    """
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "passionmap"


_T = TypeVar("_T")


def _opt(
    default: _T,
    group: str,
    flag: str,
    help: str,  # noqa: A002 (argparse's name)
    **how: object,
) -> _T:
    """A Config field with its command-line option in ``metadata`` (see Config).

    Typed as its default, like :func:`dataclasses.field`: a field of type ``_T``.
    """
    meta = {"group": group, "flag": flag, "help": help, **how}
    if isinstance(default, tuple):
        return field(default_factory=tuple, metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class Config:
    """Everything that changes a passionmap run.

    Column options map the user's own column names onto passionmap's
    canonical ones (see SPEC "Input").

    Examples
    --------
    >>> from passionmap import Config
    >>> cfg = Config(customer_col="name", channel="twitter", dayfirst=True)
    >>> cfg.replace(seed=7).seed
    7
    """

    # Each field's ``metadata`` is its command-line option (passionmap.cli builds the
    # parser and reads the Config back from it; the notebooks take the same fields as
    # papermill parameters, passionmap.viz.notebook): one definition, no copy field by field.
    # group: input | analysis | privacy | speed; flag: the option; help: its line.
    # input columns (the user's names for the canonical columns)
    text_col: str = _opt("text", "input", "--text-col", "comment text column")
    customer_col: str = _opt(
        "customer_id",
        "input",
        "--customer-col",
        'customer column ("": a CSV\'s unnamed first column)',
    )
    id_col: str = _opt("comment_id", "input", "--id-col", "comment id column (none: record number)")
    time_col: str = _opt("timestamp", "input", "--time-col", "timestamp column")
    channel_col: str = _opt("channel", "input", "--channel-col", "channel column")
    age_col: str = _opt("age", "input", "--age-col", "age column (years)")
    # one constant channel for the whole file
    channel: str | None = _opt(
        None, "input", "--channel", "one channel for the whole file, e.g. twitter"
    )
    # read 01-02-2026 as 1 February
    dayfirst: bool = _opt(False, "input", "--dayfirst", "dates are day-first (24-02-2015)")
    encoding: str | None = _opt(None, "input", "--encoding", "file encoding (default: detected)")
    # the days of comments used, inclusive, in UTC (passionmap.io.dates); outside: rejects.csv
    since: str | None = _opt(
        None, "input", "--since", "use comments from this day on (YYYY-MM-DD, UTC)", type="date"
    )
    until: str | None = _opt(
        None, "input", "--until", "use comments up to this day (YYYY-MM-DD, UTC)", type="date"
    )
    # records read (and extracted, by run) at a time: bounded memory
    chunk_rows: int = _opt(
        50_000,
        "speed",
        "--chunk-rows",
        "records read and extracted at a time; memory holds one chunk of text",
        type="positive",
    )
    # extraction
    # spaCy model name; None: the load order in README
    model: str | None = _opt(
        None, "analysis", "--model", "spaCy model (default: en_core_web_sm; 'blank' for rules only)"
    )
    batch_size: int = _opt(256, "speed", "--batch-size", "texts per spaCy batch", type="positive")
    # longer comments are truncated (counted in summary)
    max_chars: int = _opt(
        5000, "analysis", "--max-chars", "longer comments are truncated", type="positive"
    )
    # more chatter to ignore (the command line reads them from a file, one a line)
    extra_stop_terms: tuple[str, ...] = _opt(
        (),
        "analysis",
        "--stop-terms",
        "file of extra terms to ignore, one a line",
        type="terms_file",
    )
    # extra interest JSONL files
    patterns: tuple[str, ...] = _opt(
        (), "analysis", "--patterns", "extra patterns JSONL file (repeatable)", type="append"
    )
    progress: bool = _opt(
        True, "speed", "--no-progress", "no progress bars"
    )  # tqdm bars on long inputs
    # run() keeps comment text in Result.comments; False: bounded memory (the CLI: False)
    keep_text: bool = True
    # speed and scale (issue 7): none of these changes the results
    # nlp.pipe processes, and those of a consensus's community runs; pays only on large
    # inputs with free cores. 0 (auto): resources.processes_for decides by the texts,
    # partition.consensus by its first run's time; spaCy's extract alone reads 0 as 1
    n_process: int = _opt(
        0,
        "speed",
        "--n-process",
        "processes for spaCy and for the community runs; 0: as many as pay "
        "(long texts, community runs slower than the workers' start; more than one core)",
        type="count",
    )
    # mentions cache (passionmap.nlp.cache); None: no cache. The CLI: default_cache_dir()
    cache_dir: str | None = _opt(
        None,
        "speed",
        "--cache-dir",
        "mentions and outputs cache (default: $PASSIONMAP_CACHE_DIR or ~/.cache/passionmap)",
        type="cache",
    )
    # "local" or "dask": where extraction runs (passionmap.nlp.engine_dask)
    engine: str = _opt(
        "local",
        "speed",
        "--engine",
        "where extraction runs (dask: pip install 'passionmap[dask]')",
        choices=("local", "dask"),
    )
    # Dask scheduler address; None: a LocalCluster
    scheduler: str | None = _opt(
        None, "speed", "--scheduler", "Dask scheduler address (default: a LocalCluster)"
    )
    workers: int = _opt(2, "speed", "--workers", "LocalCluster workers", type="positive")
    # privacy (README "Privacy"); the key itself is never a Config field
    # customer ids -> keyed hash (HMAC-SHA256) in every output
    pseudonymize: bool = _opt(
        False,
        "privacy",
        "--pseudonymize",
        "replace customer ids by a keyed hash (key: $PASSIONMAP_KEY or --key-file)",
    )
    # file holding the key; None: env var PASSIONMAP_KEY
    key_file: str | None = _opt(
        None, "privacy", "--key-file", "file holding the --pseudonymize key"
    )
    # leave comment text out of the exports (rejects.csv text empty)
    no_text: bool = _opt(False, "privacy", "--no-text", "leave comment text out of exports")
    # graph and communities
    # an interest needs this many customers to join the graph
    min_mentions: int = _opt(
        2, "analysis", "--min-mentions", "customers an interest needs", type="positive"
    )
    # interests used by more customers than this share are ignored
    max_share: float = _opt(
        0.5,
        "analysis",
        "--max-share",
        "terms used by more than this share of customers are chatter",
    )
    # k of the customer k-nearest-neighbour graph: 15, the usual k of k-NN community graphs
    # (UMAP's and the anchor's); 5, 10 and 30 were worse on newsgroups, reddit and planted
    # corpora alike (make eval)
    neighbors: int = _opt(
        15,
        "analysis",
        "--neighbors",
        "neighbours of each customer in the similarity graph",
        type="positive",
    )
    # higher: more, smaller communities; None: 1.0 (modularity)
    resolution: float | None = _opt(
        None,
        "analysis",
        "--resolution",
        "Leiden/Louvain resolution; higher: more, smaller communities "
        "(default 1.0: standard modularity)",
    )
    # a fixed number of communities; None: as many as found
    communities: int | None = _opt(
        None,
        "analysis",
        "--communities",
        "auto (default: as many as the data gives) or a number N: "
        "the resolution is searched to give N communities",
        type="auto_or_positive",
    )
    # community seed; same seed, same input -> same communities
    seed: int = _opt(42, "analysis", "--seed", "random seed")
    # "leiden" or "louvain" (both igraph, C code)
    algorithm: str = _opt(
        "leiden",
        "analysis",
        "--algorithm",
        "community detection, both in igraph",
        choices=("leiden", "louvain"),
    )
    # runs whose consensus is the final partition (analysis.partition.consensus); 1: one run.
    # Five: make eval's newsgroups 0.526 -> 0.538 (means of seeds 0-4); on cached features ten
    # gave 0.532 against five's 0.528, for twice the time
    consensus: int = _opt(
        5,
        "analysis",
        "--consensus",
        "community runs (seeds) whose consensus is the final partition; 1: a single run",
        type="positive",
    )
    # smaller groups are not reported as communities (cluster -1)
    min_cluster_size: int = _opt(
        3, "analysis", "--min-cluster-size", "smallest community", type="positive"
    )

    # the analyst's community names: (automatic label, name) pairs (passionmap.analysis.labels);
    # the command line reads them from a CSV or YAML file
    labels: tuple[tuple[str, str], ...] = _opt(
        (),
        "analysis",
        "--labels",
        "CSV (community,label) or YAML file naming communities by their automatic label",
        type="labels_file",
    )

    def __post_init__(self) -> None:
        """Refuse a value no run can use, in one line, as the command line does.

        >>> Config(min_mentions=0)
        Traceback (most recent call last):
        ...
        passionmap.errors.ConfigValueError: min_mentions must be a whole number of at least 1, not 0
        >>> Config(resolution="high")
        Traceback (most recent call last):
        ...
        passionmap.errors.ConfigValueError: resolution must be a number above 0 (or None), not 'high'
        """  # noqa: E501
        for f in fields(self):
            value, how = getattr(self, f.name), f.metadata.get("type")
            if how in ("positive", "count") or (how == "auto_or_positive" and value is not None):
                low = 0 if how == "count" else 1
                whole = isinstance(value, numbers.Integral) and not isinstance(value, bool)
                if not whole or value < low:
                    raise ConfigValueError(f.name, f"a whole number of at least {low}", value)
            choices = f.metadata.get("choices")
            if choices and value not in choices:
                raise ConfigValueError(f.name, f"one of {', '.join(choices)}", value)
        if self.resolution is not None and not _number_above(self.resolution, 0):
            raise ConfigValueError("resolution", "a number above 0", self.resolution, unset=True)
        if not _number_above(self.max_share, 0) or self.max_share > 1:
            raise ConfigValueError("max_share", "a share in (0, 1]", self.max_share)

    def replace(self, **changes: object) -> Config:
        """Return a copy with some fields changed."""
        return replace(self, **changes)

    def to_dict(self) -> dict:
        """Plain dict for summary.json."""
        d = asdict(self)
        d["extra_stop_terms"] = list(self.extra_stop_terms)
        d["patterns"] = list(self.patterns)
        return d


def _number_above(value: object, low: float) -> bool:
    """A real number (not a bool) above ``low``."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and value > low


def require_config(config: object, where: str) -> Config:
    """``config``, when it is a :class:`Config`; else one clear line saying how to make one.

    The check at the top of a public function that takes a Config (``where``:
    ``"pm.extract"``). A model name, a dict or None in its place raised an
    AttributeError from deep inside the run.

    Examples
    --------
    >>> require_config(Config(), "pm.extract") == Config()
    True
    >>> require_config("blank", "pm.extract")
    Traceback (most recent call last):
    ...
    passionmap.errors.PassionmapError: pm.extract: config must be a passionmap.Config, \
not a str ('blank'); for a model, pass Config(model='blank')
    """
    if isinstance(config, Config):
        return config
    kind = type(config).__name__
    if isinstance(config, str):
        fix = f"for a model, pass Config(model={config!r})"
        kind = f"str ({config[:40]!r})"
    elif isinstance(config, dict):
        fix = "pass Config(**settings)"
    else:
        fix = "pass Config(...) or leave it out for the defaults"
    raise PassionmapError(f"{where}: config must be a passionmap.Config, not a {kind}; {fix}")
