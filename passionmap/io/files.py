"""Atomic writes: readers see the old file (or folder) or the new one, never half of one.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_text_atomic(folder / "a.txt", "hello").read_text()
'hello'
>>> with atomic_path(folder / "b.bin") as tmp:
...     _ = tmp.write_bytes(b"\\x00")
>>> sorted(p.name for p in folder.iterdir())  # no temporary file left
['a.txt', 'b.bin']
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import PassionmapError


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a hidden temporary path beside ``path``; move it onto ``path`` on success.

    The temporary file ``.<name>.<pid>-<random>.tmp`` lies in the same folder
    (same file system, so :func:`os.replace` is atomic). It is removed when
    the block raises (Ctrl-C too), and ``path`` is then left as it was.

    Parameters
    ----------
    path : str or os.PathLike
        The file to write.

    Yields
    ------
    Path
        Where to write the content.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_path`).

    Returns
    -------
    Path
        ``path``.
    """
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding=encoding)
    return Path(path)


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` runs (True when that cannot be told: leave its files alone).

    Examples
    --------
    >>> pid_alive(os.getpid()), pid_alive(999_999_999)
    (True, False)
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # someone else's process, or cannot tell
    return True


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


def check_output_dir(out: str | os.PathLike[str], marker: str | None = None) -> Path:
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
    blocker = _file_above(out)
    if blocker is not None:  # mkdir would say "File exists", of a folder that does not
        raise PassionmapError(f"{out}: cannot write the output folder: {blocker} is a file")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        probe = tempfile.mkdtemp(prefix=f".{out.name}.tmp-{os.getpid()}-", dir=out.parent)
        os.rmdir(probe)
    except OSError as exc:
        raise PassionmapError(
            f"{out}: cannot write the output folder ({exc.strerror or exc})"
        ) from None
    return out


def _file_above(path: Path) -> Path | None:
    """The nearest existing folder of ``path``'s parents, when it is a file (else None).

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "notes.txt"
    >>> _ = f.write_text("mine")
    >>> _file_above(f / "out" / "deeper") == f, _file_above(f.parent / "out")
    (True, None)
    """
    for parent in path.parents:
        if parent.exists():
            return None if parent.is_dir() else parent
    return None


@contextmanager
def atomic_dir(out: str | os.PathLike[str], marker: str | None = None) -> Iterator[Path]:
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
