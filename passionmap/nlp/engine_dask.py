"""``--engine dask``: ingest and extraction on a Dask cluster.

Past one machine, the slow stage (spaCy) runs on Dask workers, everything
after it (graph, communities, profiles) stays on the machine that runs
passionmap, working on the small mentions table. The results are the same as
a local run: the workers run the very :func:`passionmap.nlp.extraction.text_mentions`
of a local run on slices of the distinct texts, and the client joins the
slices back in text order.

* **Cluster**: the Client already active in this process when there is one
  (``distributed.Client(...)`` in a notebook), else ``Config.scheduler``
  (``--scheduler tcp://host:8786``: a real cluster), else a
  ``LocalCluster`` of ``Config.workers`` processes of one thread each,
  closed after the run.
* **Model**: loaded once per worker (:func:`worker_nlp` keeps it on the
  worker object) and reused by every task that worker runs; a worker runs
  its passionmap tasks one at a time.
* **Ingest**: ``INPUT`` may be a folder (or glob) of Parquet, CSV or JSON
  Lines parts (as written by Spark, Dask or ``pandas.to_parquet(partition_cols=...)``):
  each part is read by :func:`passionmap.load_comments` on a worker, in
  parallel, and the parts are joined in file-name order, records numbered
  across parts.

The workers need passionmap, its dependencies and the spaCy model installed
(the same versions as the client: Dask checks them), and must see the
input paths (shared storage) when ingest runs there.

Examples
--------
>>> from passionmap import Config
>>> Config(engine="dask", scheduler="tcp://10.0.0.5:8786").engine
'dask'
"""

from __future__ import annotations

import glob
import os
import threading
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pandas as pd

from ..config import Config
from ..errors import PassionmapError
from ..io.loaded import Loaded

if TYPE_CHECKING:
    from distributed import Client
    from spacy.language import Language

    #: what reads texts: :func:`passionmap.nlp.extraction.text_mentions`
    Read = Callable[[list[str], Config, Language | None], pd.DataFrame]

PART_SUFFIXES = (".parquet", ".pq", ".csv", ".tsv", ".jsonl", ".ndjson", ".json")
MIN_TASK = 500  # texts per task at least: a task costs a few ms of scheduling
_LOCK = threading.Lock()


def _require() -> ModuleType:
    try:
        import distributed
    except ImportError:
        raise PassionmapError(
            "--engine dask needs the dask extra: pip install 'passionmap[dask]'"
        ) from None
    return distributed


class _Cluster:
    """The Client to use, and whether this run started (and must close) it."""

    def __init__(self, config: Config) -> None:
        distributed = _require()
        self.own = None
        try:
            self.client = distributed.default_client()
            return
        except ValueError:
            pass
        if config.scheduler:
            self.client = distributed.Client(config.scheduler)
            self.own = self.client
        else:
            cluster = distributed.LocalCluster(
                n_workers=max(1, config.workers), threads_per_worker=1, dashboard_address=None
            )
            self.client = distributed.Client(cluster)
            self.own = self.client

    def __enter__(self) -> Client:
        return self.client

    def __exit__(self, *exc: object) -> None:
        if self.own is not None:
            cluster = self.own.cluster
            self.own.close()
            if cluster is not None:
                cluster.close()


def worker_nlp(config: Config) -> tuple[Language, threading.Lock]:
    """The spaCy pipeline of ``config`` on this worker, loaded on its first task.

    Kept on the ``distributed.Worker`` object (one per worker, whether the
    workers are processes or threads of one process); outside a worker, kept
    in this module.
    """
    from .nlp import load_nlp

    try:
        from distributed import get_worker

        holder = get_worker()
    except (ImportError, ValueError):
        holder = worker_nlp
    key = (config.model, tuple(config.extra_stop_terms), tuple(config.patterns))
    with _LOCK:
        store = holder.__dict__.setdefault("_passionmap_nlp", {})
        if key not in store:
            store[key] = (load_nlp(*key), threading.Lock())
    return store[key]


def _task(texts: list[str], offset: int, config: Config, read: Read) -> pd.DataFrame:
    nlp, lock = worker_nlp(config)
    with lock:  # one passionmap task at a time per worker: spaCy's memory zones are not shared
        found = read(texts, config, nlp)
    found["text"] += offset
    return found


def dask_text_mentions(texts: list[str], config: Config, read: Read) -> pd.DataFrame:
    """``read(texts, config, nlp)`` computed on the Dask cluster.

    ``read`` is :func:`passionmap.nlp.extraction.text_mentions`, handed in by its
    caller (this module wraps the extractor and does not import it). The texts
    are cut into about four tasks per worker (at least :data:`MIN_TASK` texts
    each).
    """
    local = config.replace(engine="local", progress=False, n_process=1)
    with _Cluster(config) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or config.workers)
        size = max(MIN_TASK, -(-len(texts) // (4 * workers)))
        offsets = list(range(0, len(texts), size))
        futures = client.map(
            _task,
            [texts[lo : lo + size] for lo in offsets],
            offsets,
            config=local,
            read=read,
            pure=False,
        )
        parts = client.gather(futures)
    if not parts:
        return read([], local, None)
    return pd.concat(parts, ignore_index=True).sort_values("text", kind="stable", ignore_index=True)


def part_files(path: str | os.PathLike[str]) -> list[Path]:
    """The input parts: the files of a folder (recursively) or a glob, sorted by path.

    A plain file is its own single part. Hidden files and names starting with
    ``_`` (``_SUCCESS``, ``_metadata``) are skipped.
    """
    text = str(path)
    if any(c in text for c in "*?["):
        found = [Path(p) for p in glob.glob(text, recursive=True)]
    elif Path(path).is_dir():
        found = [p for p in Path(path).rglob("*") if p.is_file()]
    else:
        return [Path(path)]
    found = [
        p for p in found if p.suffix.lower() in PART_SUFFIXES and not p.name.startswith((".", "_"))
    ]
    if not found:
        raise PassionmapError(f"{path}: no Parquet, CSV or JSON Lines parts found")
    return sorted(found)


def load_parts(path: str | os.PathLike[str], config: Config = Config()) -> Loaded:
    """:func:`passionmap.load_comments` of every part of ``path``, on the Dask cluster.

    Parts are joined in path order. Records are numbered across parts (part
    two's first record follows part one's last), and so are the comment ids
    of parts without an id column; ids repeated across parts get ``#2``,
    ``#3`` like repeats within a file. A single file is read here, without
    a cluster.

    Returns
    -------
    passionmap.io.loaded.Loaded
        As :func:`passionmap.load_comments`, ``stats["parts"]`` = number of parts.
    """
    from ..io.ids import unique_ids
    from ..io.ingest import load_comments

    files = part_files(path)
    if len(files) == 1:
        loaded = load_comments(files[0], config)
        loaded.stats["parts"] = 1
        return loaded
    with _Cluster(config) as client:
        futures = client.map(load_comments, files, config=config, pure=False)
        parts = client.gather(futures)
    comments, rejects = [], []
    offset = 0
    for loaded in parts:
        c = loaded.comments.copy()
        r = loaded.rejects.copy()
        if loaded.stats.get("columns", {}).get("comment_id") is None:
            c["comment_id"] = (c["record"] + offset).astype("str")
            r["comment_id"] = (r["record"] + offset).astype(str).astype(object)
        c["record"] += offset
        r["record"] += offset
        comments.append(c)
        rejects.append(r)
        offset += loaded.stats["rows_read"]
    comments = pd.concat(comments, ignore_index=True)
    ids, repeated = unique_ids(comments["comment_id"])
    comments["comment_id"] = pd.Series(ids.to_numpy(), dtype="str")
    stats = dict(parts[0].stats)
    for key, value in stats.items():
        if isinstance(value, int) and not isinstance(value, bool):
            stats[key] = sum(p.stats.get(key, 0) for p in parts)
    stats["duplicate_ids"] += repeated
    stats["parts"] = len(parts)
    return Loaded(comments, pd.concat(rejects, ignore_index=True), stats)
