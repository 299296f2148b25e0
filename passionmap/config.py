"""Run settings: one frozen dataclass passed to every stage, never a global."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

CACHE_ENV = "PASSIONMAP_CACHE_DIR"


def default_cache_dir() -> Path:
    """Where the command line caches mentions and kept runs.

    ``$PASSIONMAP_CACHE_DIR`` when set, else ``$XDG_CACHE_HOME/passionmap``,
    else ``~/.cache/passionmap``. (Here, not in :mod:`passionmap.cache`: a
    re-run reused from the cache must not import pandas to find it.)
    """
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "passionmap"


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

    # input columns (the user's names for the canonical columns)
    text_col: str = "text"
    customer_col: str = "customer_id"
    id_col: str = "comment_id"
    time_col: str = "timestamp"
    channel_col: str = "channel"
    age_col: str = "age"
    channel: str | None = None  # one constant channel for the whole file
    dayfirst: bool = False  # read 01-02-2026 as 1 February
    encoding: str | None = None  # None: detect
    chunk_rows: int = 50_000  # records read (and extracted, by run) at a time: bounded memory
    # extraction
    model: str | None = None  # spaCy model name; None: the load order in README
    batch_size: int = 256  # texts per nlp.pipe batch
    max_chars: int = 5000  # longer comments are truncated (counted in summary)
    extra_stop_terms: tuple[str, ...] = field(default_factory=tuple)  # more chatter to ignore
    patterns: tuple[str, ...] = field(default_factory=tuple)  # extra interest JSONL files
    progress: bool = True  # tqdm bars on long inputs
    keep_text: bool = True  # run() keeps comment text in Result.comments; False: bounded memory
    # speed and scale (issue 7): none of these changes the results
    n_process: int = 1  # nlp.pipe processes; pays only on large inputs with free cores
    cache_dir: str | None = None  # mentions cache (passionmap.cache); None: no cache
    engine: str = "local"  # "local" or "dask": where extraction runs (passionmap.engine_dask)
    scheduler: str | None = None  # Dask scheduler address; None: a LocalCluster
    workers: int = 2  # LocalCluster workers when no scheduler is given
    # privacy (README "Privacy"); the key itself is never a Config field
    pseudonymize: bool = False  # customer ids -> keyed hash (HMAC-SHA256) in every output
    key_file: str | None = None  # file holding the key; None: env var PASSIONMAP_KEY
    no_text: bool = False  # leave comment text out of the exports (rejects.csv text empty)
    # graph and communities
    min_mentions: int = 2  # an interest needs this many customers to join the graph
    max_share: float = 0.5  # interests used by more customers than this share are ignored
    # k of the customer k-nearest-neighbour graph: 15, the usual k of k-NN community graphs
    # (UMAP's and the anchor's); 5, 10 and 30 were worse on newsgroups, reddit and planted
    # corpora alike (make eval)
    neighbors: int = 15
    resolution: float | None = None  # higher: more, smaller communities; None: 1.0 (modularity)
    communities: int | None = None  # a fixed number of communities; None: as many as found
    seed: int = 42  # community seed; same seed, same input -> same communities
    algorithm: str = "leiden"  # "leiden" or "louvain" (both igraph, C code)
    min_cluster_size: int = 3  # smaller groups are not reported as communities (cluster -1)

    def replace(self, **changes) -> Config:
        """Return a copy with some fields changed."""
        return replace(self, **changes)

    def to_dict(self) -> dict:
        """Plain dict for summary.json."""
        d = asdict(self)
        d["extra_stop_terms"] = list(self.extra_stop_terms)
        d["patterns"] = list(self.patterns)
        return d
