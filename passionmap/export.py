"""Writing outputs: CSV with formula neutralisation, Parquet, GEXF, all atomically."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import pandas as pd

from .errors import PassionmapError
from .files import pid_alive

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# characters XML 1.0 cannot hold (and DEL): C0 controls, lone surrogates, U+FFFE/U+FFFF
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def neutralise(value):
    """Make a cell safe for spreadsheets (OWASP CSV injection advice).

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("sourdough")
    ('\\'=HYPERLINK("http://x")', 'sourdough')
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``df`` with every text cell neutralised."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    return out


def write_csv(df: pd.DataFrame, path: Path) -> None:
    safe_frame(df).to_csv(path, index=False, encoding="utf-8", lineterminator="\r\n")  # RFC 4180


def write_gexf(graph: nx.Graph, path: Path) -> None:
    """GEXF for Gephi; user text stripped of characters XML cannot hold."""
    g = nx.Graph(**graph.graph)  # mode="dynamic" and timeformat: Gephi's timeline
    for n, data in graph.nodes(data=True):
        clean = {k: _xml_safe(v) for k, v in data.items() if v is not None}
        g.add_node(_xml_safe(n), **clean)
    for u, v, data in graph.edges(data=True):
        g.add_edge(_xml_safe(u), _xml_safe(v), **data)
    nx.write_gexf(g, path)


def _xml_safe(value):
    return CONTROL.sub("", value) if isinstance(value, str) else value


def write_json(data: dict, path: Path) -> None:
    path.write_text(json.dumps(data, indent=2, sort_keys=True, default=str) + "\n", "utf-8")


def _sweep(out: Path) -> None:
    """Clean up what an earlier run that was killed (SIGKILL, power cut) left beside ``out``.

    Temporary folders ``.<name>.tmp-<pid>-*`` of dead processes are removed; a
    ``.<name>.old-<pid>`` folder of a dead process is the previous output, cut
    off between the two renames of the swap: it is put back when ``out`` is
    missing, else removed.
    """
    pattern = re.compile(rf"\.{re.escape(out.name)}\.(tmp|old)-(\d+)(-.*)?")
    try:
        siblings = list(out.parent.iterdir())
    except OSError:
        return
    for path in siblings:
        m = pattern.fullmatch(path.name)
        if m is None or int(m.group(2)) == os.getpid() or pid_alive(int(m.group(2))):
            continue
        if m.group(1) == "old" and not out.exists():
            os.replace(path, out)
        else:
            shutil.rmtree(path, ignore_errors=True)


def check_output_dir(out, marker: str | None = None) -> Path:
    """Check, before any work, that ``out`` can be (re)written by :func:`atomic_dir`.

    Parameters
    ----------
    out : str or path
        The output folder.
    marker : str, optional
        A file name that marks a folder as one of ours (``summary.json``). When
        given, an existing non-empty ``out`` without it is refused: replacing
        it would delete someone's files (``--out .``, ``--out data``).

    Returns
    -------
    Path
        ``out`` as an absolute path.

    Raises
    ------
    PassionmapError
        When ``out`` is a file, a folder that is not ours, or its parent cannot
        be created or written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "notes.txt").write_text("mine")
    4
    >>> check_output_dir(d / "out").name
    'out'
    >>> check_output_dir(d, marker="summary.json")
    Traceback (most recent call last):
    ...
    passionmap.errors.PassionmapError: ... holds other files ...
    """
    out = Path(os.path.abspath(Path(out).expanduser()))
    if out.exists() and not out.is_dir():
        raise PassionmapError(f"{out}: cannot write the output folder: it is a file")
    if marker is not None and out.is_dir():
        try:
            names = {p.name for p in out.iterdir()}
        except OSError as exc:
            problem = f"cannot read the output folder ({exc.strerror})"
            raise PassionmapError(f"{out}: {problem}") from None
        if names and marker not in names:
            raise PassionmapError(
                f"{out}: the output folder holds other files (no {marker}); it would be "
                "replaced as a whole, so choose a new or empty folder"
            )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        probe = tempfile.mkdtemp(prefix=f".{out.name}.tmp-{os.getpid()}-", dir=out.parent)
        os.rmdir(probe)
    except OSError as exc:
        raise PassionmapError(
            f"{out}: cannot write the output folder ({exc.strerror or exc})"
        ) from None
    return out


@contextmanager
def atomic_dir(out: Path, marker: str | None = None):
    """Yield a temporary folder beside ``out`` and move it into place on success.

    The temporary folder is ``.<name>.tmp-<pid>-<random>`` in the parent of
    ``out`` (same file system, so the final rename is atomic). The previous
    ``out`` is replaced only at the very end, after everything was written. A
    crash or Ctrl-C leaves the previous ``out`` untouched and no partial files;
    what a SIGKILL leaves behind is cleaned up by the next run (see ``_sweep``).

    Parameters
    ----------
    out : path
        The output folder.
    marker : str, optional
        See :func:`check_output_dir`.

    Raises
    ------
    PassionmapError
        When ``out`` cannot be written (see :func:`check_output_dir`).
    """
    out = check_output_dir(out, marker)
    _sweep(out)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-{os.getpid()}-", dir=out.parent))
    except OSError as exc:
        raise PassionmapError(
            f"{out}: cannot write the output folder ({exc.strerror or exc})"
        ) from None
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(tmp, 0o777 & ~mask)
    try:
        yield tmp
        old = None
        if out.exists():
            old = out.with_name(f".{out.name}.old-{os.getpid()}")
            os.replace(out, old)
        os.replace(tmp, out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
