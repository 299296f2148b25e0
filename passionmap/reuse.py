"""Re-runs of ``passionmap run`` on an unchanged input: the outputs are reused.

A scheduled job or a notebook re-runs the same file with the same settings
often. Every stage is deterministic for a given input, settings, model and
code (SPEC), so the outputs of such a run are those of the last one: they
are kept in the cache folder and copied into ``--out`` instead of being
computed again. The key covers everything that decides them:

* the input's bytes (every part file of a folder);
* every setting except those that only change speed or display
  (:data:`RUNTIME_ONLY`);
* the contents of ``--patterns`` and ``--stop-terms`` files and a digest of
  the pseudonymisation key;
* passionmap's code and pattern files, the model's identity
  (:func:`passionmap.nlp.models.model_meta`) and the versions of the libraries
  that compute the results.

Anything else changed is a miss, and the run is computed in full. This module
imports neither spaCy nor pandas: a reused run starts in a fraction of a
second. ``--no-cache`` (or ``passionmap cache clear``) turns it off.

Layout: ``CACHE_DIR/runs/<key>/`` holds one run's output files; the
:data:`KEEP` most recently used runs are kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from importlib import metadata
from pathlib import Path

from . import __version__
from .config import Config
from .io.files import atomic_dir
from .nlp.models import model_meta

RUNS = "runs"
KEEP = 8  # runs kept: a few weekly inputs and settings, without filling the disk
#: settings that change speed or display, never an output (Config comments)
RUNTIME_ONLY = frozenset(
    {"progress", "n_process", "cache_dir", "engine", "scheduler", "workers", "batch_size"}
)
#: libraries whose versions can change a result (extraction, communities, tables)
LIBRARIES = ("spacy", "numpy", "pandas", "scipy", "scikit-learn", "igraph", "networkx",
             "pyarrow", "wordfreq", "airportsdata")  # fmt: skip
CHUNK = 1 << 20
SUMMARY = "summary.json"


def _digest_file(path: Path, h: hashlib.blake2b) -> None:
    with open(path, "rb") as f:
        while block := f.read(CHUNK):
            h.update(block)


def _input_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file())
    return [path]


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def run_key(path: str | os.PathLike[str], config: Config) -> str | None:
    """Key of the outputs of ``passionmap run path`` with ``config``.

    Parameters
    ----------
    path : path
        The input file or folder of parts.
    config : Config
        The run's settings.

    Returns
    -------
    str or None
        32 hex digits; None when the run cannot be keyed (an input that cannot
        be read, a model that cannot be told from its files): then it is not
        reused.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.csv"
    >>> _ = p.write_text("text\\nI love hiking\\n")
    >>> a = run_key(p, Config(model="blank"))
    >>> a == run_key(p, Config(model="blank", progress=False)), a == run_key(p, Config(seed=7))
    (True, False)
    """
    meta = model_meta(config.model)
    if meta is None:
        return None
    h = hashlib.blake2b(digest_size=16)
    root = Path(path)
    try:
        for name in _input_files(root):  # the parts' names too: they give the record order
            h.update(str(name.relative_to(root) if name != root else "").encode())
            _digest_file(name, h)
        for name in config.patterns:
            _digest_file(Path(name), h)
    except OSError:
        return None  # the run itself says what is wrong with the file
    settings = {k: v for k, v in config.to_dict().items() if k not in RUNTIME_ONLY}
    settings.pop("patterns")  # their contents are hashed above, not their names
    here = Path(__file__).parent
    code = hashlib.blake2b(digest_size=16)
    # every module of the package and its sub-packages (weekly/, io/, ...), and the patterns
    for source in sorted([*here.rglob("*.py"), *(here / "nlp" / "patterns").glob("*")]):
        if source.is_file():
            code.update(source.relative_to(here).as_posix().encode())
            _digest_file(source, code)
    parts = {
        "settings": settings,
        "passionmap": __version__,
        "code": code.hexdigest(),
        "model": meta,
        "libraries": {name: _version(name) for name in LIBRARIES},
        "key": _key_digest(config),
    }
    h.update(json.dumps(parts, sort_keys=True, default=str).encode())
    return h.hexdigest()


def _key_digest(config: Config) -> str | None:
    """A digest of the pseudonymisation key (never the key): another key, other ids."""
    if not config.pseudonymize:
        return None
    from .io.privacy import read_key

    return hashlib.sha256(read_key(config.key_file)).hexdigest()


def _runs(cache_dir: str | os.PathLike[str]) -> Path:
    return Path(cache_dir) / RUNS


def reuse(
    key: str | None,
    cache_dir: str | os.PathLike[str] | None,
    out: str | os.PathLike[str],
    path: str | os.PathLike[str],
) -> dict | None:
    """Copy the kept outputs of ``key`` into ``out``; their summary, or None on a miss.

    ``out`` is replaced atomically, as a computed run replaces it
    (:func:`passionmap.io.files.atomic_dir`). The summary's ``input`` is the
    path of this run, its ``seconds`` those of the copy, and ``reused`` gives
    the key and the seconds of the run that computed the outputs.
    """
    if key is None or cache_dir is None:
        return None
    kept = _runs(cache_dir) / key
    if not (kept / SUMMARY).is_file():
        return None
    t0 = time.perf_counter()
    try:
        summary = json.loads((kept / SUMMARY).read_text("utf-8"))
        with atomic_dir(Path(out), SUMMARY) as tmp:
            for source in kept.iterdir():
                if source.name != SUMMARY and source.is_file():
                    shutil.copy2(source, tmp / source.name)
            summary["input"] = str(path)
            # this run's own seconds; those of the run that computed the outputs beside them
            summary["reused"] = {"key": key, "computed_seconds": summary.get("seconds")}
            summary["seconds"] = {"reuse": round(time.perf_counter() - t0, 3)}
            text = json.dumps(summary, indent=2, sort_keys=True, default=str) + "\n"
            (tmp / SUMMARY).write_text(text, "utf-8")
    except (OSError, ValueError):
        return None  # an unreadable kept run: compute it again
    os.utime(kept)  # most recently used
    return summary


def keep(
    key: str | None, cache_dir: str | os.PathLike[str] | None, out: str | os.PathLike[str]
) -> Path | None:
    """Keep a copy of the outputs in ``out`` under ``key``; the oldest runs beyond :data:`KEEP` go.

    Written to a temporary folder and renamed, so a half-copied run is never
    reused. A failure to keep (a full disk) is not an error: the next run
    computes again.
    """
    if key is None or cache_dir is None:
        return None
    runs = _runs(cache_dir)
    target = runs / key
    try:
        runs.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{key}.tmp-", dir=runs))
        try:
            for source in Path(out).iterdir():
                if source.is_file():
                    shutil.copy2(source, tmp / source.name)
            if target.exists():
                shutil.rmtree(target)
            os.replace(tmp, target)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        kept = sorted((p for p in runs.iterdir() if p.is_dir() and not p.name.startswith(".")),
                      key=lambda p: p.stat().st_mtime_ns, reverse=True)  # fmt: skip
        for old in kept[KEEP:]:
            shutil.rmtree(old, ignore_errors=True)
    except OSError:
        return None
    return target
