"""Comment and customer ids: unique across the chunks of a file, stored compactly.

A comment id that repeats gets ``#2``, ``#3``, ... in record order, also when
the repeat is in a later chunk (:class:`Seen` remembers the ids taken, as
64-bit hashes). Each customer id is one string shared by all its rows.

Examples
--------
>>> import pandas as pd
>>> seen = Seen()
>>> ids, n = unique_ids(pd.Series(["a", "b", "a"]), seen)
>>> ids.tolist(), n
(['a', 'b', 'a#2'], 1)
>>> unique_ids(pd.Series(["a", "c"]), seen)[0].tolist()  # the next chunk
['a#3', 'c']
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = ["Seen", "str_ids", "unique_ids"]


@dataclass
class Seen:
    """What one chunk must know of the chunks before it: comment ids taken, customers."""

    # 64-bit hashes of the ids taken, sorted: 8 bytes an id instead of a str in a set
    hashes: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint64))
    counters: dict[str, int] = field(default_factory=dict)  # id -> the last #k given it
    # one string per customer, shared by its rows
    customers: dict[str, str] = field(default_factory=dict)

    def taken(self, ids: list[str]) -> np.ndarray:
        """Which ``ids`` an earlier chunk has (a 64-bit hash match)."""
        if not len(self.hashes) or not ids:
            return np.zeros(len(ids), dtype=bool)
        h = pd.util.hash_array(np.asarray(ids, dtype=object))
        pos = np.searchsorted(self.hashes, h).clip(max=len(self.hashes) - 1)
        return self.hashes[pos] == h

    def add(self, ids: list[str]) -> None:
        """Remember ``ids`` as taken."""
        self.hashes = np.union1d(self.hashes, pd.util.hash_array(np.asarray(ids, dtype=object)))

    def customer(self, value: str | None) -> str:
        """The stripped id ("" when missing), the same str object on every row."""
        value = value.strip() if value is not None else ""
        return self.customers.setdefault(value, value) if value else ""


def unique_ids(ids: pd.Series, seen: Seen | None = None) -> tuple[pd.Series, int]:
    """Suffix repeated ids with #2, #3, ... in record order; returns (ids, count).

    ``seen`` (the ids of earlier chunks, and the suffix counters) carries the
    numbering across the chunks of one file; it is updated.
    """
    counters: dict[str, int] = seen.counters if seen is not None else {}
    dup = ids.duplicated(keep="first").to_numpy().copy()
    if seen is not None:
        dup |= seen.taken(ids.tolist())
    n = int(dup.sum())
    out = ids.tolist()
    local = set(out)
    for i in np.flatnonzero(dup):
        base = out[i]
        k = counters.get(base, 1)
        while True:
            k += 1
            candidate = f"{base}#{k}"
            if candidate not in local and not (seen is not None and seen.taken([candidate])[0]):
                break
        counters[base] = k
        local.add(candidate)
        out[i] = candidate
    if seen is not None:
        seen.add(out)
    if not n:
        return ids, 0
    return pd.Series(out, index=ids.index, dtype=object), n


def str_ids(values: pd.Series) -> pd.Series:
    """Ids as pandas' ``str`` dtype: with pandas 3, one Arrow buffer, not an object per row.

    A big file keeps millions of ids while its text streams past; as Python
    objects they would pin the memory of every chunk read (pandas 2: objects).
    """
    return values.astype("str")
