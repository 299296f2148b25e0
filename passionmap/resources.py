"""What the machine gives a run: the cores to read with, the memory handed back.

:func:`processes_for` decides how many spaCy processes read the texts when
``n_process`` is 0 (auto), :func:`processes_for_runs` how many run a
consensus's community runs side by side; :func:`release_memory` returns a finished chunk's
memory to the system while a file streams; :func:`concat_draining` joins the
chunks without holding them twice; :class:`Packed` holds a chunk's string
columns as codes while it waits.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from .config import Config

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AUTO_MAX_PROCESSES",
    "AUTO_MIN_MEAN_WORDS",
    "AUTO_MIN_WORDS",
    "Packed",
    "concat_draining",
    "cpu_count",
    "processes_for",
    "processes_for_runs",
    "release_memory",
]

#: ``n_process`` 0 (auto) reads with several processes only where it paid on this 2-core
#: machine (make bench): 1,500 newsgroup posts of 116 words each read 1.37x faster with 2
#: processes, 5,000 sample comments of 12 words 0.73x as fast (each text is sent to and
#: from a worker: short texts pay that for little work). A worker loads its own model
#: (about 2 s), so a chunk must hold enough words to hide it: 200,000 words is about
#: 50 s of one core (< 5% start-up).
AUTO_MIN_WORDS = 200_000
AUTO_MIN_MEAN_WORDS = 50
AUTO_MAX_PROCESSES = 4


def processes_for(texts: pd.Series, config: Config = Config()) -> int:
    """spaCy processes to read ``texts`` with: ``config.n_process``, or when 0 (auto) by the texts.

    Auto: one process, except on more than one core for texts long enough and
    many enough that workers pay (:data:`AUTO_MIN_WORDS`,
    :data:`AUTO_MIN_MEAN_WORDS`); then one per core, at most
    :data:`AUTO_MAX_PROCESSES`. The mentions are the same either way.

    Examples
    --------
    >>> import pandas as pd
    >>> processes_for(pd.Series(["I love hiking"] * 10))
    1
    >>> processes_for(pd.Series(["word " * 120] * 3000)) == min(cpu_count(), AUTO_MAX_PROCESSES)
    True
    >>> processes_for(pd.Series(["word " * 120] * 3000), Config(n_process=1))
    1
    """
    if config.n_process >= 1:
        return int(config.n_process)
    cores = cpu_count()
    if cores < 2 or texts.empty:
        return 1
    words = texts.astype(str).str.count(r"\S+")
    if words.sum() >= AUTO_MIN_WORDS and words.mean() >= AUTO_MIN_MEAN_WORDS:
        return min(cores, AUTO_MAX_PROCESSES)
    return 1


def processes_for_runs(runs: int, config: Config = Config()) -> int:
    """The most processes ``runs`` seeded community runs may use side by side.

    ``config.n_process`` when set, else (0, auto) one per core; never more
    than ``runs``. Whether they are used is measured on the graph itself
    (:func:`passionmap.analysis.partition.consensus`: only where the first
    run outlasts a worker's start). The partitions are the same either way.

    Examples
    --------
    >>> processes_for_runs(5) == min(cpu_count(), 5)
    True
    >>> processes_for_runs(5, Config(n_process=8)), processes_for_runs(5, Config(n_process=1))
    (5, 1)
    """
    wanted = int(config.n_process) if config.n_process >= 1 else cpu_count()
    return max(1, min(wanted, runs))


def cpu_count() -> int:
    """Cores this process may use (its CPU affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def release_memory() -> None:
    """Hand the memory a finished chunk used back to the system.

    Without this, the C allocators keep the freed chunk memory for reuse but
    scatter the long-lived rows among it, and the process grows by about a
    kilobyte per comment: glibc's ``malloc_trim`` and Arrow's
    ``release_unused`` return it (no-ops where they do not exist). No
    ``gc.collect()`` here: a Ctrl-C that lands in a finaliser it runs is
    swallowed, and the run would go on.
    """
    try:
        import pyarrow as pa

        pa.default_memory_pool().release_unused()
    except (ImportError, AttributeError):
        pass
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, None where there is none."""
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def concat_draining(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """``pd.concat(frames, ignore_index=True)`` that empties ``frames`` as it copies them.

    ``pd.concat`` holds every input and the result at once: twice the rows.
    Here each numpy column is filled frame by frame and a frame is let go
    once copied (and its memory handed back, :func:`release_memory`), so memory
    holds the result and one frame. Columns of other
    dtypes (pandas' Arrow-backed ``str``: joined without a copy) and any
    column whose dtype differs between frames are joined by ``pd.concat``.

    >>> import pandas as pd
    >>> parts = [pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}), pd.DataFrame({"a": [3], "b": ["z"]})]
    >>> joined = concat_draining(parts)
    >>> joined.equals(pd.concat([joined.iloc[:2], joined.iloc[2:]], ignore_index=True)), parts
    (True, [])
    """
    import numpy as np
    import pandas as pd

    columns = frames[0].columns if frames else None
    if len(frames) < 2 or any(not f.columns.equals(columns) for f in frames):
        joined = pd.concat(frames, ignore_index=True)
        frames.clear()
        return joined

    def dtype(col: str) -> np.dtype | None:  # one numpy dtype in every frame, or None
        first = frames[0][col].dtype
        same = isinstance(first, np.dtype) and all(f[col].dtype == first for f in frames)
        return first if same else None

    total = sum(map(len, frames))
    filled = {c: np.empty(total, dt) for c in columns if (dt := dtype(c)) is not None}
    pieces: dict = {c: [] for c in columns if c not in filled}
    # a Series of the array's own dtype: pandas would read an object array of strings as str
    keep = {c: pd.Series(out, dtype=out.dtype, copy=False) for c, out in filled.items()}
    at = 0
    while frames:
        frame = frames.pop(0)
        for col, out in filled.items():
            out[at : at + len(frame)] = frame[col].to_numpy()
        for col, parts in pieces.items():
            parts.append(frame[col])  # its own array: the frame's numpy blocks can go
        at += len(frame)
        del frame
        release_memory()  # the frame's pages back to the system while the result fills
    for col in list(pieces):
        keep[col] = pd.concat(pieces.pop(col), ignore_index=True)
    del filled
    joined = pd.DataFrame({c: keep.pop(c) for c in columns}, copy=False)
    joined.columns = columns
    return joined


class Packed:
    """A frame whose string columns wait as codes into their distinct values.

    A streamed file's mentions wait, chunk by chunk, until the whole file has
    been read (brand handles and display labels are decided on all of it).
    Each id, term, label, kind and category was a pointer or an Arrow string
    per mention (about 60 bytes a mention); as 32-bit codes into one copy of
    each distinct value they take 16, while numbers stay as they are. Columns
    with a missing value stay as they are too, so :meth:`frame` gives back the
    very values and dtypes: ``Packed(f).frame()`` equals ``f``.

    >>> import pandas as pd
    >>> f = pd.DataFrame({"term": pd.Series(["yoga", "chess", "yoga"], dtype=object),
    ...                   "id": pd.Series(["a", "b", "c"], dtype="str"), "n": [1, 2, 3]})
    >>> back = Packed(f).frame()
    >>> back.equals(f), back.dtypes.equals(f.dtypes), back["term"][0] is back["term"][2]
    (True, True, True)
    """

    def __init__(self, frame: pd.DataFrame) -> None:
        import numpy as np
        import pandas as pd

        self.columns, self.index = frame.columns, frame.index
        self.parts: dict = {}
        for col in frame.columns:
            values = frame[col]
            text = values.dtype == object or pd.api.types.is_string_dtype(values.dtype)
            if text and len(values) and not values.isna().any():
                codes, uniques = pd.factorize(values)
                self.parts[col] = (codes.astype(np.int32), uniques)
            else:
                self.parts[col] = values

    def frame(self) -> pd.DataFrame:
        """The frame again, its string columns rebuilt (one object per distinct value)."""
        import pandas as pd

        data = {}
        for col, part in self.parts.items():
            if isinstance(part, tuple):
                codes, uniques = part
                data[col] = pd.Series(uniques.take(codes), index=self.index, name=col)
            else:
                data[col] = part
        out = pd.DataFrame(data, index=self.index, copy=False)
        out.columns = self.columns
        return out
