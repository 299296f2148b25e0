"""The tables a read produces: :class:`Loaded` (comments, rejects, counts).

Also what every comments table shares however it was made: its columns
(:data:`COMMENT_COLUMNS`, :data:`REJECT_COLUMNS`), the columns derived from
timestamp and age (:func:`derived_columns`), joining the chunks of a file
(:func:`concat`) and the ``--since``/``--until`` window (:func:`within_dates`).

Examples
--------
>>> loaded = concat([Loaded(empty_comments(), rejects_frame([]), {"rows_read": 0})] * 2)
>>> loaded
Loaded(rows_read=0, rows_used=None, rows_rejected=None, format=None, encoding=None)
>>> list(loaded.comments.columns) == COMMENT_COLUMNS
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

import numpy as np
import pandas as pd

from ..config import Config
from ..errors import PassionmapError
from .dates import outside_reasons
from .generation import generations
from .readers import REJECT_TEXT_CHARS
from .timestamps import iso_weeks

__all__ = [
    "COMMENT_COLUMNS",
    "REJECT_COLUMNS",
    "Loaded",
    "concat",
    "derived_columns",
    "empty_comments",
    "rejects_frame",
    "within_dates",
]

#: Columns of :attr:`Loaded.comments`, in order.
COMMENT_COLUMNS: list[str] = [
    "record",
    "comment_id",
    "customer_id",
    "text",
    "channel",
    "timestamp",
    "age",
    "generation",
    "week",
]

#: Columns of :attr:`Loaded.rejects`, in order.
REJECT_COLUMNS: list[str] = ["record", "comment_id", "reason", "text"]


@dataclass
class Loaded:
    """The result of :func:`passionmap.io.ingest.load_comments`.

    Attributes
    ----------
    comments : pandas.DataFrame
        Usable comments, one row per record, columns :data:`COMMENT_COLUMNS`.
    rejects : pandas.DataFrame
        Unusable records with the reason, columns :data:`REJECT_COLUMNS`.
    stats : dict
        Counts for ``summary.json``: rows_read, rows_used, rows_rejected,
        bad_timestamps, bad_ages, duplicate_ids, truncated_texts,
        invalid_utf8_bytes (bytes read as U+FFFD), encoding, format and columns
        (canonical name -> the file's column, or None).
    """

    comments: pd.DataFrame
    rejects: pd.DataFrame
    stats: dict = field(default_factory=dict)
    position: int = 0  # bytes of the file read so far (iter_comments progress)

    def head(self, n: int = 5) -> pd.DataFrame:
        """First ``n`` usable comments (``comments.head(n)``)."""
        return self.comments.head(n)

    def __repr__(self) -> str:
        s = self.stats
        return (
            f"Loaded(rows_read={s.get('rows_read')}, rows_used={s.get('rows_used')}, "
            f"rows_rejected={s.get('rows_rejected')}, format={s.get('format')!r}, "
            f"encoding={s.get('encoding')!r})"
        )


def derived_columns(ts: pd.Series, age: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``generation`` (from age and the comment's year, else this year) and ISO ``week``."""
    this_year = datetime.now(timezone.utc).year
    year = ts.dt.year.astype("float64").fillna(this_year)
    return generations(age, year).astype(object), iso_weeks(ts)


def empty_comments() -> pd.DataFrame:
    """A comments table without rows, with the columns and dtypes of a full one."""
    return pd.DataFrame(
        {
            "record": pd.Series([], dtype="int64"),
            "comment_id": pd.Series([], dtype="str"),
            "customer_id": pd.Series([], dtype="str"),
            "text": pd.Series([], dtype=object),
            "channel": pd.Series([], dtype=object),
            "timestamp": pd.Series([], dtype="datetime64[ns]"),
            "age": pd.Series([], dtype="float64"),
            "generation": pd.Series([], dtype=object),
            "week": pd.Series([], dtype=object),
        }
    )


def rejects_frame(rows: list[dict]) -> pd.DataFrame:
    """The rejects table of ``rows`` (record, comment_id, reason, text), in record order."""
    rows = sorted(rows, key=lambda r: r["record"])
    return pd.DataFrame(
        {
            "record": pd.Series([r["record"] for r in rows], dtype="int64"),
            "comment_id": pd.Series([str(r["comment_id"]) for r in rows], dtype=object),
            "reason": pd.Series([r["reason"] for r in rows], dtype=object),
            "text": pd.Series([(r["text"] or "")[:REJECT_TEXT_CHARS] for r in rows], dtype=object),
        },
        columns=REJECT_COLUMNS,
    )


def within_dates(loaded: Loaded, config: Config) -> Loaded:
    """The comments inside ``config.since``/``config.until``; the others become rejects.

    Each comment left out goes to ``rejects`` with its reason (``before --since
    2015-02-20``, ``after --until ...``, or ``no timestamp (--since/--until
    given)``) and no text: it is a good record, only outside the dates, and a
    long file cut to one week keeps its rejects small. ``stats`` counts them
    in ``rows_outside_dates`` (part of ``rows_rejected``), so
    ``rows_read == rows_used + rows_rejected`` still holds.
    """
    loaded.stats.setdefault("rows_outside_dates", 0)
    c = loaded.comments
    if not (config.since or config.until) or c.empty:
        return loaded
    reasons = outside_reasons(c["timestamp"], config.since, config.until)
    out = reasons.notna().to_numpy()
    n = int(out.sum())
    if not n:
        return loaded
    left = pd.DataFrame(
        {
            "record": c["record"].to_numpy()[out].astype("int64"),
            "comment_id": c["comment_id"].to_numpy()[out].astype(object),
            "reason": reasons.to_numpy()[out],
            "text": "",
        },
        columns=REJECT_COLUMNS,
    )
    rejects = [r for r in (loaded.rejects, left) if len(r)]
    rejects = pd.concat(rejects, ignore_index=True) if len(rejects) > 1 else rejects[0]
    rejects = rejects.sort_values("record", kind="stable").reset_index(drop=True)
    stats = {
        **loaded.stats,
        "rows_used": loaded.stats["rows_used"] - n,
        "rows_rejected": loaded.stats["rows_rejected"] + n,
        "rows_outside_dates": loaded.stats["rows_outside_dates"] + n,
    }
    comments = c.iloc[np.flatnonzero(~out)].reset_index(drop=True)
    return Loaded(comments, rejects, stats, position=loaded.position)


def concat(parts: list[Loaded]) -> Loaded:
    """Join the chunks of :func:`passionmap.io.ingest.iter_comments` into one :class:`Loaded`."""
    if not parts:
        raise PassionmapError("nothing to join: no chunks")
    comments = [p.comments for p in parts if len(p.comments)]
    rejects = [p.rejects for p in parts if len(p.rejects)]
    stats = dict(parts[-1].stats)
    for name, value in stats.items():
        if isinstance(value, int) and not isinstance(value, bool):
            stats[name] = sum(p.stats.get(name, 0) for p in parts)
    return Loaded(
        pd.concat(comments, ignore_index=True)
        if len(comments) > 1
        else (comments[0] if comments else empty_comments()),
        pd.concat(rejects, ignore_index=True)
        if len(rejects) > 1
        else (rejects[0] if rejects else rejects_frame([])),
        stats,
        position=parts[-1].position,
    )
