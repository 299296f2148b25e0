"""One chunk of records cleaned into usable comments and rejects.

What :mod:`~passionmap.io.ingest` does to each chunk of a file and
:mod:`~passionmap.io.frames` to a DataFrame: text cleaned, rows without text
or customer id rejected with their reason, ids, channels, timestamps and ages
parsed.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..config import Config
from .channels import normalise_channel
from .ids import Seen, str_ids, unique_ids
from .loaded import COMMENT_COLUMNS, Loaded, derived_columns, empty_comments, rejects_frame
from .privacy import pseudonym
from .readers import Table
from .timestamps import parse_timestamps
from .values import clean_text, parse_ages, strings

__all__ = ["assemble"]


def assemble(
    table: Table, mapping: dict[str, str | None], config: Config, seen: Seen, key: bytes | None
) -> Loaded:
    """One chunk's tables: its unusable records rejected, the others cleaned."""
    records = pd.Series(table.records, dtype="int64")
    text = clean_text(strings(_column(table, mapping, "text")))
    customer = strings(_column(table, mapping, "customer_id")).map(seen.customer, na_action=None)
    ids = _record_ids(_column(table, mapping, "comment_id"), records)
    no_text = text == ""
    unusable = no_text | (customer == "")
    rejects = list(table.rejects)
    if key is not None:  # before anything else sees the ids
        rejects, customer = _pseudonymised(rejects, customer, key)
    rejects += _unusable(records, ids, text, no_text, unusable)
    keep = ~unusable.to_numpy()
    stats = _chunk_stats(table, mapping, int(keep.sum()), len(rejects))
    rows_used = stats["rows_used"]
    if rows_used == 0:
        return Loaded(empty_comments(), rejects_frame(rejects), stats)

    out_text, stats["truncated_texts"] = _truncated(_rows(text, keep), config.max_chars)
    out_ids = _rows(ids, keep)
    if mapping["comment_id"] is not None:  # record numbers are unique already
        out_ids, stats["duplicate_ids"] = unique_ids(out_ids, seen)

    def kept(canon: str) -> Iterable[object] | None:
        """The kept rows' values of an optional column; None when the file lacks it."""
        return _kept(_column(table, mapping, canon), keep) if mapping[canon] is not None else None

    channel = _channels(config, kept("channel"), rows_used)
    ts, stats["bad_timestamps"] = _timestamps(kept("timestamp"), rows_used, config.dayfirst)
    age, stats["bad_ages"] = _ages(kept("age"), rows_used)
    generation, week = derived_columns(ts, age)
    comments = pd.DataFrame(
        {
            "record": _rows(records, keep).astype("int64"),
            "comment_id": str_ids(out_ids),
            "customer_id": str_ids(_rows(customer, keep)),
            "text": out_text.astype(object),
            "channel": channel,
            "timestamp": ts,
            "age": age,
            "generation": generation,
            "week": week,
        },
        columns=COMMENT_COLUMNS,
    )
    return Loaded(comments, rejects_frame(rejects), stats)


def _column(table: Table, mapping: dict[str, str | None], canon: str) -> Iterable[object]:
    """The chunk's values of a canonical column, one a row (None each when unmapped)."""
    src = mapping.get(canon)
    return table.getter(src) if src is not None else [None] * len(table.records)


def _rows(series: pd.Series, keep: np.ndarray) -> pd.Series:
    """The rows ``keep`` marks, renumbered from 0."""
    return series.iloc[np.flatnonzero(keep)].reset_index(drop=True)


def _kept(values: Iterable[object], keep: np.ndarray) -> pd.Series | list[object]:
    """The values of the rows ``keep`` marks (a Series stays one)."""
    if isinstance(values, pd.Series):
        return _rows(values, keep)
    return [v for v, k in zip(values, keep, strict=True) if k]


def _record_ids(values: Iterable[object], records: pd.Series) -> pd.Series:
    """Comment ids, stripped; the record number where there is none."""
    ids = strings(values).map(lambda v: v.strip() if v is not None else "")
    return ids.where(ids != "", records.astype(str)).astype(object)


def _pseudonymised(
    rejects: list[dict], customer: pd.Series, key: bytes
) -> tuple[list[dict], pd.Series]:
    """Customer ids as keyed hashes, and rejects without text.

    An unparsed record's raw line holds the real id: its number and reason
    are kept, not its text.
    """
    rejects = [{**r, "text": ""} for r in rejects]
    hashed: dict[str, str] = {}
    customer = customer.map(
        lambda v: (hashed.get(v) or hashed.setdefault(v, pseudonym(v, key))) if v else v
    )
    return rejects, customer


def _unusable(
    records: pd.Series, ids: pd.Series, text: pd.Series, no_text: pd.Series, unusable: pd.Series
) -> list[dict]:
    """A reject for each parsed record without text or customer id."""
    return [
        {
            "record": int(records.iloc[i]),
            "comment_id": ids.iloc[i],
            "reason": "empty text" if no_text.iloc[i] else "no customer id",
            "text": text.iloc[i],
        }
        for i in np.flatnonzero(unusable.to_numpy())
    ]


def _chunk_stats(
    table: Table, mapping: dict[str, str | None], rows_used: int, rows_rejected: int
) -> dict:
    """The chunk's ``stats``; the counts of cleaning start at 0."""
    return {
        "rows_read": len(table.records) + len(table.rejects),
        "rows_used": rows_used,
        "rows_rejected": rows_rejected,
        "bad_timestamps": 0,
        "bad_ages": 0,
        "duplicate_ids": 0,
        "truncated_texts": 0,
        "invalid_utf8_bytes": table.invalid_bytes,
        "encoding": table.encoding,
        "format": table.fmt,
        "columns": dict(mapping),
    }


def _truncated(text: pd.Series, max_chars: int | None) -> tuple[pd.Series, int]:
    """Texts cut to ``max_chars`` (0 or None: not cut), and how many were cut."""
    if not (max_chars and max_chars > 0):
        return text, 0
    long = text.str.len() > max_chars
    if long.any():
        text[long] = text[long].str.slice(0, max_chars)
    return text, int(long.sum())


def _channels(config: Config, values: Iterable[object] | None, rows: int) -> pd.Series:
    """Channel keys: ``config.channel`` for every row, else the column's, else ``unknown``."""
    if config.channel:
        return pd.Series([normalise_channel(config.channel)] * rows, dtype=object)
    if values is None:
        return pd.Series(["unknown"] * rows, dtype=object)
    cache: dict[str | None, str] = {}
    return pd.Series(
        [
            cache[v] if v in cache else cache.setdefault(v, normalise_channel(v))
            for v in strings(values)
        ],
        dtype=object,
    )


def _timestamps(
    values: Iterable[object] | None, rows: int, dayfirst: bool
) -> tuple[pd.Series, int]:
    """Parsed timestamps and the number of bad ones; all NaT without a time column."""
    if values is None:
        return pd.Series(pd.NaT, index=range(rows), dtype="datetime64[ns]"), 0
    return parse_timestamps(values, dayfirst)


def _ages(values: Iterable[object] | None, rows: int) -> tuple[pd.Series, int]:
    """Parsed ages and the number of bad ones; all NaN without an age column."""
    if values is None:
        return pd.Series(np.nan, index=range(rows), dtype="float64"), 0
    return parse_ages(values)
