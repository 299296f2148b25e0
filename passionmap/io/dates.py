"""``--since`` / ``--until``: the days of comments a run or report uses.

A day is a calendar day in UTC, the convention of every timestamp passionmap
reads (:func:`passionmap.load_comments` turns a stated offset into UTC and takes
a time without one as UTC) and of the ISO weeks the report uses. Both ends are
inclusive: ``--since 2015-02-20 --until 2015-02-21`` keeps two whole days.

This module imports no pandas at import time: the command line checks the
dates before anything heavy is loaded.

Examples
--------
>>> day("2015-02-20", "--since")
'2015-02-20'
>>> day("2015-13-40", "--since")
Traceback (most recent call last):
...
passionmap.errors.PassionmapError: --since: expected a date YYYY-MM-DD, got '2015-13-40'
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..errors import PassionmapError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def day(value: object, flag: str = "date") -> str | None:
    """``value`` checked as a ``YYYY-MM-DD`` day; the same day back as text (None: None).

    Raises
    ------
    PassionmapError
        On anything that is not a real day (``2015-13-40``, ``20/02/2015``).
    """
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        if not _DAY.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise PassionmapError(f"{flag}: expected a date YYYY-MM-DD, got {value!r}") from None


def window(
    since: str | date | None, until: str | date | None
) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """``[start, end)`` as naive-UTC pandas Timestamps (None: open), from the two days.

    ``until`` is inclusive: the end is the midnight after it.

    Raises
    ------
    PassionmapError
        On a bad date, or ``since`` after ``until``.

    Examples
    --------
    >>> window("2015-02-20", "2015-02-21")
    (Timestamp('2015-02-20 00:00:00'), Timestamp('2015-02-22 00:00:00'))
    >>> window(None, None)
    (None, None)
    """
    import pandas as pd

    since, until = day(since, "--since"), day(until, "--until")
    if since and until and since > until:
        raise PassionmapError(f"--since {since} is after --until {until}: no day is left")
    start = pd.Timestamp(since) if since else None
    end = pd.Timestamp(date.fromisoformat(until) + timedelta(days=1)) if until else None
    return start, end


def outside_reasons(
    timestamps: pd.Series, since: str | date | None, until: str | date | None
) -> pd.Series:
    """Why each comment is left out by ``--since``/``--until`` (None: it is kept).

    ``timestamps`` are naive UTC (as :func:`passionmap.load_comments` gives
    them). A comment without a readable timestamp cannot be shown to be inside
    the dates, so it is left out too when a date is given.

    Returns
    -------
    pandas.Series of str or None, on the index of ``timestamps``

    Examples
    --------
    >>> import pandas as pd
    >>> ts = pd.Series(pd.to_datetime(["2015-02-19 23:59", "2015-02-20 00:00", None,
    ...                                "2015-02-21 23:59", "2015-02-22 00:00"]))
    >>> outside_reasons(ts, "2015-02-20", "2015-02-21").tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['before --since 2015-02-20', None, 'no timestamp (--since/--until given)', None,
     'after --until 2015-02-21']
    """
    import numpy as np
    import pandas as pd

    start, end = window(since, until)
    reasons = np.full(len(timestamps), None, dtype=object)
    if start is None and end is None:
        return pd.Series(reasons, index=timestamps.index, dtype=object)
    ts = pd.to_datetime(timestamps, errors="coerce")
    if getattr(ts.dt, "tz", None) is not None:
        ts = ts.dt.tz_convert("UTC").dt.tz_localize(None)
    if end is not None:
        reasons[(ts >= end).to_numpy()] = f"after --until {day(until)}"
    if start is not None:
        reasons[(ts < start).to_numpy()] = f"before --since {day(since)}"
    reasons[ts.isna().to_numpy()] = NO_TIMESTAMP
    return pd.Series(reasons, index=timestamps.index, dtype=object)


#: The reason of a comment left out for having no readable timestamp.
NO_TIMESTAMP = "no timestamp (--since/--until given)"


def keep_within(
    comments: pd.DataFrame, since: str | None, until: str | None
) -> tuple[pd.DataFrame, int]:
    """The comments inside ``since``/``until`` (``--since``/``--until``), and how many left out.

    >>> import pandas as pd
    >>> c = pd.DataFrame({"timestamp": pd.to_datetime(["2015-02-19", "2015-02-20"], utc=True)})
    >>> kept, n = keep_within(c, "2015-02-20", None)
    >>> len(kept), n
    (1, 1)
    """
    out = outside_reasons(comments["timestamp"], since, until).notna()
    if out.all() and comments["timestamp"].isna().all():
        raise PassionmapError("--since/--until need timestamps; these comments have none")
    n = int(out.sum())
    return (comments[~out.to_numpy()].reset_index(drop=True), n) if n else (comments, 0)
