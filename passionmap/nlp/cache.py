"""Incremental extraction: mentions cached on disk per comment text.

A weekly report over a year of comments must not re-read the year. The
mentions spaCy finds in a text depend only on the text and on the pipeline,
so they are cached under a key made of

* a hash of the text (BLAKE2b, 128 bits), and
* a *fingerprint* of the pipeline: the cache's :data:`VERSION`, passionmap and
  spaCy versions, model name and version, pipe names, a hash of passionmap's
  extraction code, of every pattern file (``passionmap/nlp/patterns/*``, the
  files of ``--patterns``) and of the extra stop terms.

The rows of a text are its mentions, its content words and its age cues
(:func:`passionmap.nlp.extraction.doc_rows`): a re-run finds all three here.

Anything that changes the fingerprint (a new model, an edited pattern file,
another passionmap) starts a new, empty cache: stale mentions are never
served. Mentions are cached per text, without comment or customer ids, and
re-attached to every comment with that text on the way out
(:func:`passionmap.nlp.extraction.attach`).

Layout: ``CACHE_DIR/<fingerprint>/part-*.parquet``, one Parquet file per run
that read new texts (written atomically: a killed run leaves no half file),
merged into one file when there are more than :data:`MAX_PARTS`.

Default: the library does not cache (``Config.cache_dir = None``); the
command line (``passionmap run`` and ``report``) caches in
:func:`default_cache_dir` unless given ``--cache-dir DIR`` or ``--no-cache``.
``passionmap cache clear`` empties it.

Examples
--------
>>> import tempfile
>>> import pandas as pd
>>> from passionmap import Config
>>> from passionmap.nlp.extraction import extract_with_stats
>>> cfg = Config(model="blank", progress=False, cache_dir=tempfile.mkdtemp())
>>> df = pd.DataFrame({"comment_id": ["1", "2"], "customer_id": ["a", "b"],
...                    "text": ["Obsessed with sourdough!", "Love hiking"]})
>>> extract_with_stats(df, cfg).stats
{'texts': 2, 'nlp_texts': 2, 'cached': 0}
>>> extract_with_stats(df, cfg).stats
{'texts': 2, 'nlp_texts': 0, 'cached': 2}
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..config import CACHE_ENV as ENV_VAR  # noqa: F401 (public name of this module)
from ..config import Config, default_cache_dir
from ..io.files import atomic_path
from .models import model_meta

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

MAX_PARTS = 16  # more part files than this are merged into one
BATCH_ROWS = 1 << 16  # cached rows looked at a time
PARTS_GLOB = "part-*.parquet"
_SCHEMA = pa.schema(
    [
        ("key", pa.string()),
        ("term", pa.string()),
        ("label", pa.string()),
        ("kind", pa.string()),
        ("category", pa.string()),
        ("passion", pa.float64()),
        ("personal", pa.bool_()),
        ("start", pa.int64()),
        ("end", pa.int64()),
    ]
)
# the code whose changes change the mentions
_CODE = (
    "nlp.py", "components.py", "ownership.py", "lexicon.py", "extraction.py", "models.py",
    "age_rules.py", "age_component.py", "signatures.py", "doc_words.py", "senses.py", "shapes.py",
    "ruler.py", "plurals.py",
)  # fmt: skip
#: what the cached rows hold; 2: a text's age cues too (kind ``age_cue``). A cache of
#: another version is another fingerprint: never read as this one.
VERSION = 2
_PATTERNS = Path(__file__).parent / "patterns"  # passionmap.nlp.lexicon.PATTERNS
#: the columns of one text's mentions (``text``: its position in the list read)
TEXT_COLUMNS = [
    "text", "term", "label", "kind", "category", "passion", "personal", "start", "end",
]  # fmt: skip
#: their types, where pandas would guess another
TEXT_DTYPES = {"text": "int64", "passion": "float64", "personal": "bool", "start": "int64",
               "end": "int64"}  # fmt: skip


def text_key(text: str) -> str:
    """Cache key of one comment text.

    >>> text_key("I love hiking")
    '7d103be8f84ca6dd69700e856827460d'
    """
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def fingerprint(config: Config = Config(), nlp: Language | None = None) -> str:
    """Fingerprint of everything besides the text that decides a text's mentions.

    Told without loading the model (its meta.json names it: see
    :func:`passionmap.nlp.models.model_meta`), so a fully cached run loads none.

    Parameters
    ----------
    config : Config
        ``model``, ``patterns`` (their contents count, not their names) and
        ``extra_stop_terms``.
    nlp : spacy.Language, optional
        The loaded pipeline; only used for a model that cannot be told
        from its files (then it is loaded to be named).

    Returns
    -------
    str
        24 hex digits; the name of this pipeline's folder in the cache.
    """
    from importlib import metadata

    from .. import __version__

    here = Path(__file__).parent
    meta = model_meta(config.model)
    if meta is None:  # a model only its loader knows: load it to name it
        if nlp is None:
            from .nlp import load_nlp

            nlp = load_nlp(config.model, config.extra_stop_terms, config.patterns)
        meta = {k: nlp.meta.get(k) for k in ("lang", "name", "version", "pipeline")}
    parts = {
        "cache": VERSION,
        "passionmap": __version__,
        "spacy": metadata.version("spacy"),
        "model": [meta.get("lang"), meta.get("name"), meta.get("version")],
        # the model's own components; those passionmap adds or disables are in its code
        "pipes": list(meta.get("pipeline") or []),
        "code": {name: _file_digest(here / name) for name in _CODE},
        "patterns": {p.name: _file_digest(p) for p in sorted(_PATTERNS.iterdir()) if p.is_file()},
        "extra_patterns": [_file_digest(Path(p)) for p in config.patterns],
        "stop_terms": sorted(config.extra_stop_terms),
    }
    blob = json.dumps(parts, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:24]


class MentionCache:
    """The cached mentions of one pipeline fingerprint.

    Parameters
    ----------
    root : path
        The cache folder (every fingerprint has a sub-folder there).
    fingerprint : str
        From :func:`fingerprint`.
    """

    def __init__(self, root: str | os.PathLike[str], fingerprint: str) -> None:
        self.root = Path(root)
        self.dir = self.root / fingerprint

    def parts(self) -> list[Path]:
        """The part files, oldest first."""
        if not self.dir.is_dir():
            return []
        return sorted(self.dir.glob(PARTS_GLOB), key=lambda p: (p.stat().st_mtime_ns, p.name))

    def load(self, keys: list[str] | None = None) -> pd.DataFrame:
        """Cached rows (all, or those of ``keys``): key, term, ..., end.

        A text without mentions has one row with a null ``term``. An
        unreadable part file is skipped with a warning (its texts are read
        again).
        """
        wanted = pa.array(sorted(set(keys)), pa.string()) if keys is not None else None
        tables = []
        for path in self.parts():
            try:
                if wanted is None:
                    tables.append(pq.read_table(path, schema=_SCHEMA))
                    continue
                # batch by batch: memory holds the rows asked for, not the whole cache
                for batch in pq.ParquetFile(path).iter_batches(BATCH_ROWS, columns=_SCHEMA.names):
                    batch = batch.filter(pc.is_in(batch.column("key"), value_set=wanted))
                    if batch.num_rows:
                        tables.append(pa.Table.from_batches([batch]).cast(_SCHEMA))
            except (OSError, pa.ArrowException) as exc:
                warnings.warn(f"skipping unreadable cache file {path}: {exc}", stacklevel=2)
                continue
        if not tables:
            return _SCHEMA.empty_table().to_pandas()
        return pa.concat_tables(tables).to_pandas()

    def store(self, rows: pd.DataFrame) -> Path | None:
        """Add rows (columns of the schema) as one new part file, atomically."""
        if rows.empty:
            return None
        self.dir.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pandas(rows[_SCHEMA.names], schema=_SCHEMA, preserve_index=False)
        path = self.dir / f"part-{uuid.uuid4().hex}.parquet"
        _write_atomic(table, path)
        if len(self.parts()) > MAX_PARTS:
            self.compact()
        return path

    def compact(self) -> None:
        """Merge every part file into one (the rows of a key are kept once)."""
        old = self.parts()
        rows = self.load()
        rows = rows.drop_duplicates(ignore_index=True)
        table = pa.Table.from_pandas(rows, schema=_SCHEMA, preserve_index=False)
        _write_atomic(table, self.dir / f"part-{uuid.uuid4().hex}.parquet")
        for path in old:
            path.unlink(missing_ok=True)


def _write_atomic(table: pa.Table, path: Path) -> None:
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp)


def clear(root: str | os.PathLike[str] | None = None) -> int:
    """Delete the cache folder; returns how many files were in it.

    Only passionmap's own files are removed: the fingerprint folders with
    their part files, the kept outputs of :mod:`passionmap.reuse` (``runs/``),
    and the root when it is left empty.
    """
    root = Path(root) if root is not None else default_cache_dir()
    if not root.is_dir():
        return 0
    n = 0
    for sub in root.iterdir():
        if sub.is_dir() and any(sub.glob(PARTS_GLOB)):
            n += sum(1 for _ in sub.glob(PARTS_GLOB))
            shutil.rmtree(sub)
    runs = root / "runs"  # passionmap.reuse.RUNS
    if runs.is_dir():
        n += sum(1 for p in runs.rglob("*") if p.is_file())
        shutil.rmtree(runs)
    if not any(root.iterdir()):
        root.rmdir()
    return n


def cached_text_mentions(
    texts: list[str], config: Config, read: Callable[[list[str]], pd.DataFrame]
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Mentions of distinct ``texts``: from the cache, reading only new texts.

    The cache wraps the reader it is given, and imports none:
    :func:`passionmap.nlp.extraction.raw_mentions` composes the two.

    Parameters
    ----------
    texts : list of str
        Distinct comment texts.
    config : Config
        ``cache_dir`` and what :func:`fingerprint` reads.
    read : callable
        ``read(texts) -> DataFrame`` of :data:`TEXT_COLUMNS`, e.g.
        :func:`passionmap.nlp.extraction.text_mentions`; called only with the texts
        the cache lacks (not at all when it has them all).

    Returns
    -------
    (DataFrame, dict)
        The rows of :func:`passionmap.nlp.extraction.text_mentions` (``text`` is the
        position in ``texts``), and counts: ``texts``, ``nlp_texts`` (read now),
        ``cached``.
    """
    cache = MentionCache(config.cache_dir, fingerprint(config))
    keys = [text_key(t) for t in texts]
    cached = cache.load(keys)
    hit = set(cached["key"])
    todo = [i for i, k in enumerate(keys) if k not in hit]
    new = read([texts[i] for i in todo]) if todo else pd.DataFrame(columns=TEXT_COLUMNS)
    if todo:
        new["text"] = pd.Series(todo, dtype="int64").to_numpy()[new["text"].to_numpy()]
        todo_keys = pd.Series([keys[i] for i in todo], index=todo, dtype=object)
        store = new.assign(key=todo_keys.reindex(new["text"]).to_numpy())
        empty = sorted(set(todo) - set(new["text"]))
        blank = pd.DataFrame(
            {
                "key": todo_keys.reindex(empty).to_numpy(),
                "passion": pd.array([None] * len(empty), dtype="Float64"),
                "personal": pd.array([None] * len(empty), dtype="boolean"),
                "start": pd.array([None] * len(empty), dtype="Int64"),
                "end": pd.array([None] * len(empty), dtype="Int64"),
            }
        )
        cache.store(pd.concat([store.drop(columns="text"), blank], ignore_index=True))
    position = pd.Series(range(len(keys)), index=keys)
    old = cached.dropna(subset=["term"]).drop_duplicates(ignore_index=True)
    old = old.assign(text=position.reindex(old["key"]).to_numpy()).drop(columns="key")
    found = pd.concat([old[TEXT_COLUMNS], new[TEXT_COLUMNS]], ignore_index=True)
    found = found.astype(TEXT_DTYPES)
    found = found.sort_values(["text", "start", "end"], kind="stable", ignore_index=True)
    stats = {"texts": len(texts), "nlp_texts": len(todo), "cached": len(texts) - len(todo)}
    return found, stats
