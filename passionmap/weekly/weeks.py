"""ISO weeks of the comments: week arithmetic, which days a week covers, which week to report.

Examples
--------
>>> previous_week("2026-W01")
'2025-W52'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from passionmap.errors import PassionmapError

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def parse_week(week: str) -> tuple[int, int]:
    """Split an ISO week ``"YYYY-Www"`` into ``(year, week)``, checking it exists.

    Raises
    ------
    PassionmapError
        When the text is not an ISO week (``2026-W60``, ``2026-13``, ...).

    Examples
    --------
    >>> parse_week("2015-W08")
    (2015, 8)
    """
    m = _WEEK.match(str(week).strip())
    if not m:
        raise PassionmapError(f"week {week!r} is not an ISO week like 2026-W07")
    year, num = int(m.group(1)), int(m.group(2))
    try:
        date.fromisocalendar(year, num, 1)
    except ValueError:
        raise PassionmapError(f"week {week!r} does not exist (year {year})") from None
    return year, num


def previous_week(week: str) -> str:
    """The ISO week before ``week`` (handles year ends and 53-week years).

    Examples
    --------
    >>> previous_week("2015-W09")
    '2015-W08'
    >>> previous_week("2021-W01")  # 2020 had 53 ISO weeks
    '2020-W53'
    """
    year, num = parse_week(week)
    monday = date.fromisocalendar(year, num, 1) - timedelta(days=7)
    iso = monday.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def weeks_in(comments: pd.DataFrame) -> list[str]:
    """The distinct ISO weeks of the comments, oldest first (null weeks ignored).

    Examples
    --------
    >>> import pandas as pd
    >>> weeks_in(pd.DataFrame({"week": ["2026-W02", None, "2025-W52", "2026-W02"]}))
    ['2025-W52', '2026-W02']
    """
    if "week" not in comments or comments.empty:
        return []
    weeks = comments["week"].dropna().astype(str).unique()
    return sorted(weeks, key=parse_week)


def comments_in_week(comments: pd.DataFrame, week: str) -> pd.DataFrame:
    """The comments of one ISO week (a copy, index reset).

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"comment_id": [1, 2], "week": ["2026-W01", "2026-W02"]})
    >>> comments_in_week(c, "2026-W02")["comment_id"].tolist()
    [2]
    """
    return comments[comments["week"] == week].reset_index(drop=True)


_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_text(day: date | pd.Timestamp, year: bool = False, time: bool = False) -> str:
    """A day as people read it, whatever the locale: ``Mon 23 Feb`` (``2015``, ``00:02``).

    Examples
    --------
    >>> day_text(date(2015, 2, 23)), day_text(date(2015, 3, 1), year=True)
    ('Mon 23 Feb', 'Sun 1 Mar 2015')
    >>> day_text(pd.Timestamp("2015-02-24 11:53"), time=True)
    'Tue 24 Feb 11:53'
    """
    text = f"{_DAY_NAMES[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1]}"
    if year:
        text += f" {day.year}"
    if time and isinstance(day, pd.Timestamp):
        text += f" {day:%H:%M}"
    return text


#: Comments a day from which a day without any is a gap in the data, not a quiet day
#: (a Poisson day with 5 expected comments is empty less than 1% of the time).
GAP_DAILY = 5.0


@dataclass(frozen=True)
class Coverage:
    """Which days of one ISO week the data covers; see :func:`week_coverage`.

    ``days`` are the dates with at least one comment, ``first`` and ``last``
    the first and last comment of the week, ``dated`` False when the comments
    have no timestamps (then nothing is known about the days).
    """

    week: str
    days: tuple = ()
    first: pd.Timestamp | None = None
    last: pd.Timestamp | None = None
    comments: int = 0
    customers: int = 0
    partial: bool = False
    dated: bool = True

    @property
    def monday(self) -> date:
        return date.fromisocalendar(*parse_week(self.week), 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def active_days(self) -> int:
        """Days of the week with at least one comment."""
        return len(self.days)

    @property
    def per_day(self) -> float:
        """Comments per active day (NaN without dates)."""
        return self.comments / self.active_days if self.active_days else float("nan")

    def span(self) -> str:
        """The calendar days of the week: ``Mon 23 Feb to Sun 1 Mar 2015``."""
        return f"{day_text(self.monday)} to {day_text(self.sunday, year=True)}"

    def days_text(self) -> str:
        """The days the comments cover, ``partial`` said plainly when it is.

        Examples
        --------
        >>> c = Coverage("2015-W09", days=(date(2015, 2, 23), date(2015, 2, 24)),
        ...     first=pd.Timestamp("2015-02-23 00:02"), last=pd.Timestamp("2015-02-24 11:53"),
        ...     comments=4372, customers=3000, partial=True)
        >>> c.days_text()
        'partial: comments on 2 of 7 days, Mon 23 Feb 00:02 to Tue 24 Feb 11:53'
        >>> Coverage("2015-W08", days=tuple(range(7)), comments=7).days_text()
        'comments on all 7 days'
        """
        if not self.dated:
            return "days not known (the comments have no timestamps)"
        if not self.comments:
            return "no comments"
        if self.active_days == 7 and not self.partial:
            return "comments on all 7 days"
        text = f"comments on {self.active_days} of 7 days"
        if self.partial:
            text = f"partial: {text}"
            if self.first is not None and self.last is not None:
                text += f", {day_text(self.first, time=True)} to {day_text(self.last, time=True)}"
        return text

    def describe(self) -> str:
        """One line for the report: the week, its days, its comments and their rate.

        Examples
        --------
        >>> c = Coverage("2015-W09", days=(date(2015, 2, 23), date(2015, 2, 24)),
        ...     first=pd.Timestamp("2015-02-23 00:02"), last=pd.Timestamp("2015-02-24 11:53"),
        ...     comments=4372, customers=3000, partial=True)
        >>> print(c.describe())  # doctest: +NORMALIZE_WHITESPACE
        2015-W09 (Mon 23 Feb to Sun 1 Mar 2015): partial: comments on 2 of 7 days,
        Mon 23 Feb 00:02 to Tue 24 Feb 11:53; 4,372 comments from 3,000 customers,
        2,186 a day.
        """
        text = f"{self.week} ({self.span()}): {self.days_text()}"
        if self.comments:
            text += f"; {self.comments:,} comments from {self.customers:,} customers"
            if self.active_days:
                text += f", {self.per_day:,.0f} a day"
        return text + "."


def week_coverage(
    comments: pd.DataFrame,
    week: str,
    min_daily: float = GAP_DAILY,
) -> Coverage:
    """Which days of ``week`` the comments cover, and whether the week is partial.

    A week is **partial** when it has fewer active days (days with a comment)
    than it has days, because the data starts or ends inside it (2015-W09 of
    the airline tweets: Monday and half of Tuesday), or because a day in the
    middle has no comment although the week averages ``min_daily`` or more
    comments per active day (a gap in the data). Quiet days of a sparse week
    (fewer comments a day than that) are quiet, not missing.

    Parameters
    ----------
    comments : DataFrame
        ``week``, and ``timestamp`` (naive UTC, as :func:`passionmap.load_comments`
        gives it); without timestamps nothing is known about the days.
    week : str
        ISO week ``"YYYY-Www"``.
    min_daily : float
        Comments per active day from which a day without any is a gap.

    Examples
    --------
    >>> import pandas as pd
    >>> ts = pd.to_datetime(["2015-02-16 23:36"] + [f"2015-02-{d} 12:00" for d in range(17, 23)]
    ...                     + ["2015-02-23 00:02", "2015-02-24 11:53"])
    >>> c = pd.DataFrame({"customer_id": list("abcdefghi"), "timestamp": ts,
    ...                   "week": ts.strftime("%G-W%V")})
    >>> week_coverage(c, "2015-W08").partial, week_coverage(c, "2015-W09").partial
    (False, True)
    >>> week_coverage(c, "2015-W09").active_days
    2
    """
    parse_week(week)
    rows = comments[comments["week"] == week] if "week" in comments else comments.iloc[0:0]
    n = len(rows)
    customers = int(rows["customer_id"].astype(str).nunique()) if "customer_id" in rows else 0
    stamps = comments["timestamp"].dropna() if "timestamp" in comments else pd.Series([])
    if stamps.empty:
        return Coverage(week, comments=n, customers=customers, dated=False)
    stamps = pd.to_datetime(stamps)
    ts = pd.to_datetime(rows["timestamp"]).dropna()
    days = tuple(sorted(set(ts.dt.date)))
    start, end = stamps.min().date(), stamps.max().date()
    monday = date.fromisocalendar(*parse_week(week), 1)
    in_span = [monday + timedelta(days=i) for i in range(7)]
    in_span = [d for d in in_span if start <= d <= end]
    gap = len(days) < len(in_span) and len(days) > 0 and n / len(days) >= min_daily
    return Coverage(
        week,
        days=days,
        first=ts.min() if len(ts) else None,
        last=ts.max() if len(ts) else None,
        comments=n,
        customers=customers,
        partial=bool(n) and (len(in_span) < 7 or gap),
    )


def latest_complete_week(comments: pd.DataFrame) -> str | None:
    """The latest week of the data that is not partial, None when every week is.

    Examples
    --------
    >>> import pandas as pd
    >>> ts = pd.to_datetime([f"2015-02-{d} 12:00" for d in range(16, 25)])
    >>> c = pd.DataFrame({"customer_id": list("abcdefghi"), "timestamp": ts,
    ...                   "week": ts.strftime("%G-W%V")})
    >>> latest_complete_week(c), latest_complete_week(c[c["week"] == "2015-W09"])
    ('2015-W08', None)
    """
    for week in reversed(weeks_in(comments)):
        if not week_coverage(comments, week).partial:
            return week
    return None


def pick_week(comments: pd.DataFrame, week: str | None = None) -> str:
    """The week to report: ``week`` checked against the data, else the latest complete one.

    Without ``week`` the latest week that is not partial
    (:func:`week_coverage`) is picked; when every week is partial, the latest
    week (the report then says so).

    Raises
    ------
    PassionmapError
        When the comments have no dates, or none in ``week``.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"week": ["2015-W08", "2015-W09", None]})
    >>> pick_week(c), pick_week(c, "2015-W08")  # no timestamps: no week known partial
    ('2015-W09', '2015-W08')
    >>> ts = pd.to_datetime([f"2015-02-{d} 12:00" for d in range(16, 25)])
    >>> pick_week(pd.DataFrame({"timestamp": ts, "week": ts.strftime("%G-W%V")}))
    '2015-W08'
    """
    weeks = weeks_in(comments)
    if not weeks:
        raise PassionmapError(
            "no comment has a usable timestamp, so there are no weeks to report "
            "(map the time column with --time-col; undated comments: passionmap run, "
            "or notebooks/explore.ipynb)"
        )
    if week is None or str(week).strip() == "":
        return latest_complete_week(comments) or weeks[-1]
    week = str(week).strip()
    parse_week(week)
    if week not in weeks:
        raise PassionmapError(
            f"no comments in week {week}; the data has {len(weeks)} week(s), "
            f"{weeks[0]} to {weeks[-1]}"
        )
    return week


def passed_over(comments: pd.DataFrame, week: str) -> str | None:
    """Why the report is about ``week`` and not the latest week: that one is partial.

    None when ``week`` is the latest week of the data, or the latest week is
    not partial.

    Examples
    --------
    >>> import pandas as pd
    >>> ts = pd.to_datetime([f"2015-02-{d} 12:00" for d in range(16, 25)])
    >>> c = pd.DataFrame({"customer_id": list("abcdefghi"), "timestamp": ts,
    ...                   "week": ts.strftime("%G-W%V")})
    >>> print(passed_over(c, "2015-W08"))
    2015-W09 is partial (2 of 7 days), so this report covers 2015-W08, the latest complete week.
    >>> passed_over(c, "2015-W09") is None
    True
    """
    weeks = weeks_in(comments)
    if not weeks or weeks[-1] == week:
        return None
    latest = week_coverage(comments, weeks[-1])
    if not latest.partial:
        return None
    return (
        f"{latest.week} is partial ({latest.active_days} of 7 days), so this report covers "
        f"{week}, the latest complete week."
    )


def week_notes(
    comments: pd.DataFrame, coverage: Coverage, prev_coverage: Coverage | None = None
) -> list[str]:
    """What a reader must know about the weeks before any change: partial weeks, rates.

    Examples
    --------
    >>> import pandas as pd
    >>> ts = pd.to_datetime([f"2015-02-{d} 12:00" for d in range(16, 25)])
    >>> c = pd.DataFrame({"customer_id": list("abcdefghi"), "timestamp": ts,
    ...                   "week": ts.strftime("%G-W%V")})
    >>> for s in week_notes(c, week_coverage(c, "2015-W09"), week_coverage(c, "2015-W08")):
    ...     print(s)  # doctest: +NORMALIZE_WHITESPACE
    2015-W09 is partial: comments on 2 of 7 days, Mon 23 Feb 12:00 to Tue 24 Feb 12:00.
    Changes are compared per active customer and per active day, not in raw counts:
    1 comment a day from 2 customers in 2015-W09, against 1 a day from 7 customers in 2015-W08.
    """
    out = []
    partial = [c for c in (coverage, prev_coverage) if c is not None and c.partial]
    if coverage.partial and latest_complete_week(comments) is None:
        out.append(
            f"There is no complete week in the data, so this report is about the latest "
            f"week, {coverage.week}, which is partial."
        )
    for cov in partial:
        out.append(f"{cov.week} is {cov.days_text()}.")
    if partial and prev_coverage is not None:
        out.append(
            "Changes are compared per active customer and per active day, not in raw counts: "
            f"{_rate(coverage)} in {coverage.week}, against {_rate(prev_coverage, short=True)} "
            f"in {prev_coverage.week}."
        )
    return out


def _rate(cov: Coverage, short: bool = False) -> str:
    per_day = f"{cov.per_day:,.0f}" if cov.active_days else "?"
    noun = "" if short else (" comment" if per_day == "1" else " comments")
    return f"{per_day}{noun} a day from {cov.customers:,} customers"
