"""Write one file atomically: readers see the old file or the new one, never half of one.

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
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
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


def write_text_atomic(path: str | os.PathLike, text: str, encoding: str = "utf-8") -> Path:
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
