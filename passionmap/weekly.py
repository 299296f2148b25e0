"""What changed this week: weeks, community matching, emerging interests, summary.

Every function works on the tidy tables of a passionmap run (``comments``,
``mentions``, ``customers``, ``clusters``) so the weekly report notebook only
calls functions and shows their results.

Examples
--------
>>> previous_week("2026-W01")
'2025-W52'
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pandas as pd

from passionmap.audiences import Audience, one_channel
from passionmap.config import Config
from passionmap.errors import PassionmapError
from passionmap.phrases import (  # noqa: F401 (CHANNEL_NAMES: for weekly's users)
    CHANNEL_NAMES,
    NO_GENERATIONS,
    channel_name,
    count,
    missing,
    one_channel_text,
    percent,
)

if TYPE_CHECKING:  # pragma: no cover
    from passionmap.pipeline import Result

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")

CHANGE_COLUMNS = [
    "name",
    "cluster",
    "label",
    "prev_cluster",
    "prev_label",
    "size_prev",
    "size",
    "change_pct",
    "status",
    "note",
    "member_jaccard",
    "interest_similarity",
    "score",
    "share_prev",
    "share_curr",
    "basis",
]

EMERGING_COLUMNS = [
    "term",
    "label",
    "share_prev",
    "share_curr",
    "rise",
    "customers_curr",
    "customers_prev",
    "z",
    "p_value",
]

#: What a matched community's change compares: member counts, or the
#: community's share of the week's active customers (when a week is partial).
BASES = ("members", "share")


# --------------------------------------------------------------------- weeks
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


# ------------------------------------------------------------- week coverage
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


# ------------------------------------------------------------------ helpers
def split_list(cell) -> list[str]:
    """Split a ``"; "``-joined list cell into its items (nulls give ``[]``).

    Examples
    --------
    >>> split_list("sourdough; baking;  ")
    ['sourdough', 'baking']
    >>> split_list(None)
    []
    """
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return []
    return [part.strip() for part in str(cell).split(";") if part.strip()]


def text_or(value, default: str = "") -> str:
    """``value`` as text, ``default`` when it is missing (never ``"None"`` or ``"nan"``).

    Examples
    --------
    >>> text_or(None), text_or(float("nan"), "-"), text_or("yoga"), text_or(3)
    ('', '-', 'yoga', '3')
    """
    return default if missing(value) else str(value)


def _jaccard(a: set, b: set) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def _members(customers: pd.DataFrame, common: set) -> dict[int, set]:
    """Cluster -> member ids, restricted to customers seen in both weeks."""
    out: dict[int, set] = {}
    if customers is None or customers.empty:
        return out
    ids = customers["customer_id"].astype(str)
    for cluster, cid in zip(customers["cluster"], ids, strict=True):
        if pd.isna(cluster) or int(cluster) < 0:
            continue
        if cid in common:
            out.setdefault(int(cluster), set()).add(cid)
    return out


def _cluster_rows(clusters: pd.DataFrame) -> dict[int, dict]:
    rows = {}
    if clusters is None or clusters.empty:
        return rows
    for row in clusters.to_dict("records"):
        if pd.isna(row["cluster"]) or int(row["cluster"]) < 0:
            continue
        label = text_or(row.get("label")).strip() or f"community {int(row['cluster'])}"
        interests = [t.lower() for t in split_list(row.get("top_interests"))]
        rows[int(row["cluster"])] = {
            "label": label,
            "size": int(row["size"]),
            "interests": set(interests),
            # what the community is about first: its top interest (else its label)
            "top": interests[0] if interests else label.lower(),
        }
    return rows


def _status(before: float, after: float, threshold: float) -> tuple[str, float]:
    """Grew, shrank or stable, and the relative change in % (members, or shares)."""
    change = 100.0 * (after - before) / before if before else float("nan")
    if before and change > 100 * threshold:
        return "grew", change
    if before and change < -100 * threshold:
        return "shrank", change
    return "stable", change


def _active(customers: pd.DataFrame | None) -> int:
    """Customers in a week's customers table (with or without a community)."""
    if customers is None or customers.empty:
        return 0
    return int(customers["customer_id"].astype(str).nunique())


# ---------------------------------------------------------- match communities
def match_communities(
    prev_customers: pd.DataFrame,
    prev_clusters: pd.DataFrame,
    curr_customers: pd.DataFrame,
    curr_clusters: pd.DataFrame,
    *,
    interest_weight: float = 0.4,
    min_score: float = 0.15,
    part_share: float = 0.5,
    threshold: float = 0.1,
    basis: str = "members",
    active_prev: int | None = None,
    active_curr: int | None = None,
) -> pd.DataFrame:
    """Match this week's communities to last week's and say what happened to each.

    Two communities match when they share members and interests: the score
    is ``(1 - interest_weight) * member_jaccard + interest_weight *
    interest_similarity``, where ``member_jaccard`` compares the members seen in
    both weeks and ``interest_similarity`` is the Jaccard overlap of the
    ``top_interests``. Pairs are matched one to one, best score first, when
    the score reaches ``min_score``. A matched community keeps the previous
    week's label as its ``name``, so names stay stable from week to week.

    Then, for what is left over:

    * a current community made mostly (``part_share``) of returning members,
      at least ``part_share`` of whom come from a previous community already
      matched elsewhere, is a ``"split"`` (note ``"split from X"``; the
      matched piece notes ``"split into ..."``);
    * a previous community at least ``part_share`` of whose returning
      members went to a current community already matched elsewhere is
      ``"merged"`` (note ``"merged into Y"``; Y notes ``"merged with ..."``);
    * a current community and a previous one, both still unmatched, that
      share their top interest (the first of ``top_interests``; both topped
      by "dog") are one community that continues with new members (note
      ``"continues: same top interest, dog"``), not one that faded and one
      that appeared;
    * other current communities ``"appeared"``, other previous ones
      ``"faded"``.

    Matched communities ``"grew"`` or ``"shrank"`` when their size changed by
    more than ``threshold`` (a share: 0.1 = 10%), else they are ``"stable"``.
    With ``basis="share"`` the size compared is the community's share of the
    week's active customers instead of its member count: what a partial week
    (two days of comments against seven) needs, where every community has
    fewer members.

    Parameters
    ----------
    prev_customers, curr_customers : DataFrame
        ``customer_id`` and ``cluster`` (-1 = in no community) per week.
    prev_clusters, curr_clusters : DataFrame
        ``cluster``, ``size``, ``label`` and ``top_interests`` per week.
    interest_weight : float
        Weight of the interest similarity in the score (0 = members only).
    min_score : float
        Smallest score that counts as the same community.
    part_share : float
        Share of a community's returning members that makes it a split or merge part.
    threshold : float
        Relative size change below which a matched community is ``"stable"``.
    basis : {"members", "share"}
        What ``change_pct`` and the status compare: member counts, or shares
        of the week's active customers.
    active_prev, active_curr : int, optional
        Active customers of each week (default: the customers in
        ``prev_customers`` / ``curr_customers``, with or without a community).

    Returns
    -------
    DataFrame
        One row per current community (largest first), then one per faded or
        merged previous community: ``name`` (stable name), ``cluster``,
        ``label`` (this week's own label), ``prev_cluster``, ``prev_label``,
        ``size_prev``, ``size``, ``change_pct``, ``status``, ``note``,
        ``member_jaccard``, ``interest_similarity``, ``score``, then
        ``share_prev`` and ``share_curr`` (share of each week's active
        customers) and ``basis``.

    Examples
    --------
    >>> import pandas as pd
    >>> prev_cu = pd.DataFrame({"customer_id": list("abcdef"), "cluster": [0, 0, 0, 1, 1, 1]})
    >>> prev_cl = pd.DataFrame({"cluster": [0, 1], "size": [3, 3],
    ...                         "label": ["bakers", "runners"],
    ...                         "top_interests": ["sourdough; baking", "running"]})
    >>> curr_cu = pd.DataFrame({"customer_id": list("abcxyz"), "cluster": [5, 5, 5, 5, 6, 6]})
    >>> curr_cl = pd.DataFrame({"cluster": [5, 6], "size": [4, 2],
    ...                         "label": ["sourdough", "chess"],
    ...                         "top_interests": ["sourdough; bread", "chess"]})
    >>> m = match_communities(prev_cu, prev_cl, curr_cu, curr_cl)
    >>> for r in m.itertuples():
    ...     print(r.name, r.status, r.size_prev, r.size, round(r.change_pct, 1))
    bakers grew 3.0 4 33.3
    chess appeared nan 2 nan
    runners faded 3.0 0 nan
    """
    if basis not in BASES:
        raise PassionmapError(f"basis must be one of {', '.join(BASES)}, not {basis!r}")
    prev = _cluster_rows(prev_clusters)
    curr = _cluster_rows(curr_clusters)
    n_prev = _active(prev_customers) if active_prev is None else int(active_prev)
    n_curr = _active(curr_customers) if active_curr is None else int(active_curr)

    def shares(size_prev, size) -> tuple[float, float]:
        nan = float("nan")
        before = size_prev / n_prev if n_prev and not missing(size_prev) else nan
        return before, (size / n_curr if n_curr else nan)

    def status(size_prev: int, size: int) -> tuple[str, float]:
        if basis == "share":
            return _status(*shares(size_prev, size), threshold)
        return _status(size_prev, size, threshold)

    common = set()
    if prev_customers is not None and curr_customers is not None:
        common = set(prev_customers["customer_id"].astype(str)) & set(
            curr_customers["customer_id"].astype(str)
        )
    prev_m = _members(prev_customers, common)
    curr_m = _members(curr_customers, common)

    pairs = {}
    for p, prow in prev.items():
        pm = prev_m.get(p, set())
        for c, crow in curr.items():
            cm = curr_m.get(c, set())
            mj = _jaccard(pm, cm)
            ij = _jaccard(prow["interests"], crow["interests"])
            score = (1 - interest_weight) * mj + interest_weight * ij
            pairs[(p, c)] = (mj, ij, score, len(pm & cm))

    # 1. one-to-one matches, best score first (ties: larger overlap, then ids)
    order = sorted(pairs.items(), key=lambda kv: (-kv[1][2], -kv[1][3], kv[0]))
    match_c: dict[int, int] = {}  # current -> previous
    match_p: dict[int, int] = {}  # previous -> current
    for (p, c), (_mj, _ij, score, _n) in order:
        if score < min_score or p in match_p or c in match_c:
            continue
        match_c[c], match_p[p] = p, c

    # 2. splits: an unmatched current community mostly drawn from one matched previous
    split_from: dict[int, int] = {}
    for c in sorted(curr):
        if c in match_c or not curr_m.get(c):
            continue
        p, n = _largest_source(curr_m[c], prev_m)
        if p is None or n / len(curr_m[c]) < part_share:
            continue
        if len(curr_m[c]) < part_share * curr[c]["size"]:
            continue  # mostly newcomers: it appeared, whoever the few old faces were
        if p in match_p:
            split_from[c] = p
        else:  # its main source is free: it is the same community, shrunk or grown
            match_c[c], match_p[p] = p, c

    # 3. merges: an unmatched previous community that mostly went to one matched current
    merged_into: dict[int, int] = {}
    for p in sorted(prev):
        if p in match_p or not prev_m.get(p):
            continue
        c, n = _largest_source(prev_m[p], curr_m)
        if c is None or n / len(prev_m[p]) < part_share:
            continue
        if c in match_c:
            merged_into[p] = c
        else:
            match_c[c], match_p[p] = p, c

    # 4. what is left and shares its top interest continues: a new crowd, same passion
    by_top: dict[int, str] = {}
    for c in sorted(curr, key=lambda c: (-curr[c]["size"], c)):
        if c in match_c or c in split_from:
            continue
        same = [
            p
            for p in prev
            if p not in match_p and p not in merged_into and prev[p]["top"] == curr[c]["top"]
        ]
        if same:
            p = max(same, key=lambda p: (pairs[(p, c)][2], prev[p]["size"], -p))
            match_c[c], match_p[p] = p, c
            by_top[c] = curr[c]["top"]

    # stable names: a matched community takes the previous name; others keep theirs;
    # communities that would share a name are told apart by their number
    names = tell_apart(
        {
            c: prev[match_c[c]]["label"] if c in match_c else crow["label"]
            for c, crow in curr.items()
        }
    )
    gone = tell_apart(
        {p: prow["label"] for p, prow in prev.items() if p not in match_p},
        taken=set(names.values()),
        tag="#{} last week",
    )

    rows = []
    for c in sorted(curr, key=lambda c: (-curr[c]["size"], c)):
        crow = curr[c]
        row = {"name": names[c], "cluster": c, "label": crow["label"], "size": crow["size"]}
        notes = []
        if c in match_c:
            p = match_c[c]
            mj, ij, score, _n = pairs[(p, c)]
            status_, change = status(prev[p]["size"], crow["size"])
            if c in by_top:
                notes.append(f"continues: same top interest, {by_top[c]}")
            pieces = [names[o] for o, src in sorted(split_from.items()) if src == p]
            if pieces:
                notes.append("split into " + " + ".join([names[c], *pieces]))
            merged = [prev[o]["label"] for o, dst in sorted(merged_into.items()) if dst == c]
            if merged:
                notes.append("merged with " + " + ".join(merged))
            row.update(prev_cluster=p, prev_label=prev[p]["label"], size_prev=prev[p]["size"])
        elif c in split_from:
            p = split_from[c]
            mj, ij, score, _n = pairs[(p, c)]
            status_, change = "split", float("nan")
            notes.append(f"split from {names[match_p[p]]}")
            row.update(prev_cluster=p, prev_label=prev[p]["label"], size_prev=prev[p]["size"])
        else:
            mj = ij = score = float("nan")
            status_, change = "appeared", float("nan")
            notes.append("new this week")
        share_prev, share_curr = shares(row.get("size_prev"), crow["size"])
        row.update(
            change_pct=change,
            status=status_,
            note="; ".join(notes),
            member_jaccard=mj,
            interest_similarity=ij,
            score=score,
            share_prev=share_prev,
            share_curr=share_curr,
        )
        rows.append(row)

    for p in sorted(prev, key=lambda p: (-prev[p]["size"], p)):
        if p in match_p:
            continue
        prow = prev[p]
        row = {
            "name": gone[p],
            "cluster": None,
            "label": None,
            "prev_cluster": p,
            "prev_label": prow["label"],
            "size_prev": prow["size"],
            "size": 0,
            "change_pct": float("nan"),
            "member_jaccard": float("nan"),
            "interest_similarity": float("nan"),
            "score": float("nan"),
            "share_prev": shares(prow["size"], 0)[0],
            "share_curr": 0.0,
        }
        if p in merged_into:
            c = merged_into[p]
            mj, ij, score, _n = pairs[(p, c)]
            row.update(
                status="merged",
                note=f"merged into {names[c]}",
                member_jaccard=mj,
                interest_similarity=ij,
                score=score,
            )
        else:
            row.update(status="faded", note="not seen this week")
        rows.append(row)

    out = pd.DataFrame(rows, columns=CHANGE_COLUMNS).assign(basis=basis)
    for col in ("cluster", "prev_cluster"):
        out[col] = out[col].astype("Int64")
    for col in (
        "size_prev",
        "change_pct",
        "member_jaccard",
        "interest_similarity",
        "score",
        "share_prev",
        "share_curr",
    ):
        out[col] = out[col].astype(float)
    out["size"] = out["size"].astype(int)
    return out


def tell_apart(names: dict[int, str], taken: set | None = None, tag: str = "#{}") -> dict[int, str]:
    """Names made unique: every name two communities share gets its community number.

    A name also in ``taken`` (names already given to other communities) is
    tagged too. ``tag`` formats the number.

    Examples
    --------
    >>> tell_apart({3: "fleet & fleek", 5: "fleet & fleek", 6: "yoga"})
    {3: 'fleet & fleek (#3)', 5: 'fleet & fleek (#5)', 6: 'yoga'}
    >>> tell_apart({1: "yoga"}, taken={"yoga"}, tag="#{} last week")
    {1: 'yoga (#1 last week)'}
    """
    taken = set(taken or ())
    seen: dict[str, int] = {}
    for name in names.values():
        seen[name] = seen.get(name, 0) + 1
    return {
        c: f"{name} ({tag.format(c)})" if seen[name] > 1 or name in taken else name
        for c, name in names.items()
    }


def _largest_source(members: set, groups: dict[int, set]) -> tuple[int | None, int]:
    """The group holding most of ``members`` and how many it holds."""
    best, best_n = None, 0
    for g in sorted(groups):
        n = len(members & groups[g])
        if n > best_n:
            best, best_n = g, n
    return best, best_n


# --------------------------------------------------------- emerging interests
def _interest_customers(mentions: pd.DataFrame, comments: pd.DataFrame, week) -> pd.DataFrame:
    """Distinct (customer, term, label) interest mentions in one week."""
    if week is None or mentions is None or mentions.empty:
        return pd.DataFrame(columns=["customer_id", "term", "label"])
    ids = comments.loc[comments["week"] == week, "comment_id"].astype(str)
    m = mentions[(mentions["kind"] == "interest") & mentions["comment_id"].astype(str).isin(ids)]
    return m[["customer_id", "term", "label"]].astype({"customer_id": str})


def active_customers(comments: pd.DataFrame, week) -> int:
    """How many customers commented in ``week``.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"customer_id": ["a", "a", "b"], "week": ["2026-W01"] * 3})
    >>> active_customers(c, "2026-W01")
    2
    """
    if week is None:
        return 0
    return int(comments.loc[comments["week"] == week, "customer_id"].astype(str).nunique())


def two_proportion_z(x1: int, n1: int, x0: int, n0: int) -> tuple[float, float]:
    """The two-proportion z-test of a rise from ``x0 / n0`` to ``x1 / n1``.

    ``z = (p1 - p0) / sqrt(p (1 - p) (1/n1 + 1/n0))`` with the pooled share
    ``p = (x1 + x0) / (n1 + n0)``; the p-value is one-sided (the chance of a
    rise at least this large when the share did not change). NaN when a week
    has no customers.

    Examples
    --------
    >>> z, p = two_proportion_z(8, 20, 1, 20)
    >>> round(z, 2), round(p, 4)
    (2.65, 0.004)
    >>> two_proportion_z(3, 10, 3, 10)
    (0.0, 0.5)
    """
    if n1 <= 0 or n0 <= 0:
        return float("nan"), float("nan")
    p1, p0 = x1 / n1, x0 / n0
    pooled = (x1 + x0) / (n1 + n0)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0))
    if se == 0:
        z = 0.0 if p1 == p0 else math.copysign(math.inf, p1 - p0)
    else:
        z = (p1 - p0) / se
    return z, 0.5 * math.erfc(z / math.sqrt(2))


def emerging_interests(
    mentions: pd.DataFrame,
    comments: pd.DataFrame,
    week: str,
    prev_week: str | None,
    min_support: int = 3,
    top: int = 10,
    prev_counts: pd.Series | None = None,
) -> pd.DataFrame:
    """Interests whose share of active customers rose since the previous week, by z-test.

    The share of an interest in a week is the number of customers who
    mentioned it in that week's comments over the number of customers who
    commented that week at all (shares, not counts, so a partial week compares
    fairly). Each rise is tested with a one-sided two-proportion z-test
    (:func:`two_proportion_z`) and interests are ranked by ``z``, the
    statistic, not by the raw rise: 8 customers of 20 against 1 of 20 is a
    surer rise than 3 of 4,000 against 0 of 8,000. Only interests mentioned by
    at least ``min_support`` customers this week and with a positive rise are
    kept, so one enthusiastic customer is never a trend.

    Without a previous week (``prev_week`` None, or no comments in it)
    nothing can rise: the result is empty, never a rise from 0%.

    Parameters
    ----------
    mentions : DataFrame
        ``comment_id``, ``customer_id``, ``term``, ``label``, ``kind``.
    comments : DataFrame
        ``comment_id``, ``customer_id``, ``week``.
    week, prev_week : str
        ISO weeks ``"YYYY-Www"``; ``prev_week`` None means no previous week.
    min_support : int
        Fewest customers mentioning the interest this week.
    top : int
        How many interests to return.
    prev_counts : Series, optional
        Customers per term last week over every *candidate* term (the
        ``customers`` of last week's :func:`passionmap.vocabulary.term_table`).
        Each week keeps its own interests, so a term kept this week but not
        last week was still said last week: without these counts it would
        seem to rise from 0.

    Returns
    -------
    DataFrame
        ``term``, ``label``, ``share_prev``, ``share_curr``, ``rise`` (share
        difference, 0..1), ``customers_curr``, ``customers_prev``, ``z`` and
        ``p_value`` (one-sided); largest ``z`` first.

    Examples
    --------
    >>> import pandas as pd
    >>> comments = pd.DataFrame({"comment_id": [1, 2, 3, 4, 5, 6],
    ...     "customer_id": list("abcabc"), "week": ["2026-W01"] * 3 + ["2026-W02"] * 3})
    >>> mentions = pd.DataFrame({"comment_id": [1, 4, 5, 6], "customer_id": list("aabc"),
    ...     "term": ["chess"] * 4, "label": ["Chess"] * 4, "kind": ["interest"] * 4})
    >>> e = emerging_interests(mentions, comments, "2026-W02", "2026-W01", min_support=2)
    >>> e[["term", "share_prev", "share_curr", "customers_curr", "z"]].round(2).to_dict("records")
    [{'term': 'chess', 'share_prev': 0.33, 'share_curr': 1.0, 'customers_curr': 3, 'z': 1.73}]
    >>> emerging_interests(mentions, comments, "2026-W02", None).empty  # no previous week
    True
    """
    n_curr = active_customers(comments, week)
    n_prev = active_customers(comments, prev_week)
    curr = _interest_customers(mentions, comments, week)
    if curr.empty or n_curr == 0 or n_prev == 0:
        return pd.DataFrame(columns=EMERGING_COLUMNS)
    prev = _interest_customers(mentions, comments, prev_week)

    c_counts = curr.groupby("term")["customer_id"].nunique()
    p_counts = prev.groupby("term")["customer_id"].nunique() if not prev.empty else pd.Series()
    if prev_counts is not None:  # last week's candidates, kept as interests or not
        p_counts = prev_counts.combine(p_counts, max, fill_value=0)
    labels = curr.groupby("term")["label"].agg(lambda s: s.value_counts().index[0])
    out = pd.DataFrame({"customers_curr": c_counts})
    out["customers_prev"] = p_counts.reindex(out.index).fillna(0).astype(int)
    out["share_curr"] = out["customers_curr"] / n_curr
    out["share_prev"] = out["customers_prev"] / n_prev
    out["rise"] = out["share_curr"] - out["share_prev"]
    out["label"] = labels.reindex(out.index)
    out = out[(out["customers_curr"] >= min_support) & (out["rise"] > 0)]
    tests = [
        two_proportion_z(int(x1), n_curr, int(x0), n_prev)
        for x1, x0 in zip(out["customers_curr"], out["customers_prev"], strict=True)
    ]
    out["z"] = [z for z, _ in tests]
    out["p_value"] = [p for _, p in tests]
    out = out.rename_axis("term").reset_index()
    out = out.sort_values(["z", "customers_curr", "term"], ascending=[False, False, True])
    out["customers_curr"] = out["customers_curr"].astype(int)
    out = out[EMERGING_COLUMNS].head(top).reset_index(drop=True)
    return out.astype({"z": float, "p_value": float})


# ------------------------------------------------------ community tables
def channel_shares(
    customers: pd.DataFrame,
    clusters: pd.DataFrame | None = None,
    comments: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Share of each community's members found on each channel (tidy).

    With ``comments`` (and ``mentions``) a channel someone posts on counts the
    members who **post** there (``how`` ``"posts on"``); a channel nobody
    posts on, only names in the text ("I called the phone line"), counts the
    members who mention it (``how`` ``"mentioned"``), so a channel that is
    only talked about is never shown as where a community posts. Without
    ``comments`` a member counts for every channel in their ``channels`` list
    (posted on or mentioned; ``how`` ``"uses"``).

    Returns
    -------
    DataFrame
        ``cluster``, ``label``, ``size``, ``channel``, ``members``, ``share``,
        ``how``; per community, posted channels first, then largest share.
        Customers without a community (cluster -1) are left out.

    Examples
    --------
    >>> import pandas as pd
    >>> cu = pd.DataFrame({"customer_id": ["a", "b"], "cluster": [0, 0],
    ...                    "channels": ["pinterest; email", "pinterest"]})
    >>> channel_shares(cu)[["channel", "members", "share"]].values.tolist()
    [['pinterest', 2, 1.0], ['email', 1, 0.5]]
    >>> co = pd.DataFrame({"customer_id": ["a", "b"], "channel": ["twitter", "twitter"]})
    >>> me = pd.DataFrame({"customer_id": ["a"], "kind": ["channel"], "term": ["phone"]})
    >>> channel_shares(cu, None, co, me)[["channel", "members", "how"]].values.tolist()
    [['twitter', 2, 'posts on'], ['phone', 1, 'mentioned']]
    """
    from passionmap.graph import customer_channels

    cols = ["cluster", "label", "size", "channel", "members", "share", "how"]
    cu = customers[customers["cluster"] >= 0]
    if cu.empty:
        return pd.DataFrame(columns=cols)
    cu = cu.assign(customer_id=cu["customer_id"].astype(str))
    sizes = cu.groupby("cluster")["customer_id"].nunique().rename("size")
    member = dict(zip(cu["customer_id"], cu["cluster"].astype(int), strict=True))
    if comments is not None:
        said = mentions if mentions is not None else pd.DataFrame(columns=["customer_id", "kind"])
        uses = customer_channels(
            comments.assign(customer_id=comments["customer_id"].astype(str)),
            said.assign(customer_id=said["customer_id"].astype(str), term=said.get("term")),
        )
        posted_on = set(uses.loc[uses["posts"] > 0, "channel"])
        uses["how"] = uses["channel"].map(lambda ch: POSTS if ch in posted_on else MENTIONED)
        uses = uses[(uses["posts"] > 0) | (uses["how"] == MENTIONED)]
        uses = uses[uses["customer_id"].isin(member)]
        rows = [
            (member[cid], ch, cid, how)
            for cid, ch, how in zip(uses["customer_id"], uses["channel"], uses["how"], strict=True)
        ]
    else:
        rows = [
            (int(cl), ch, str(cid), USES)
            for cl, cid, cell in zip(cu["cluster"], cu["customer_id"], cu["channels"], strict=True)
            for ch in dict.fromkeys(split_list(cell))
        ]
    long = pd.DataFrame(rows, columns=["cluster", "channel", "customer_id", "how"])
    if long.empty:
        return pd.DataFrame(columns=cols)
    out = long.groupby(["cluster", "channel", "how"])["customer_id"].nunique().rename("members")
    out = out.reset_index().merge(sizes.reset_index(), on="cluster")
    out["share"] = out["members"] / out["size"]
    out["label"] = _labels(out["cluster"], clusters)
    out["_mentioned"] = out["how"] == MENTIONED
    out = out.sort_values(
        ["cluster", "_mentioned", "share", "channel"], ascending=[True, True, False, True]
    )
    return out[cols].reset_index(drop=True)


#: Share of community members whose generation must be known for a report to show
#: generation mixes (below it one sentence says how few are known).
MIN_KNOWN_GENERATIONS = 0.05

#: How members use a channel in :func:`channel_shares` and :func:`start_channels`.
POSTS, MENTIONED, USES = "posts on", "mentioned", "uses"


def interest_shares(
    mentions: pd.DataFrame,
    customers: pd.DataFrame,
    clusters: pd.DataFrame | None = None,
    top: int = 5,
) -> pd.DataFrame:
    """The top interests of each community: members mentioning each, and their share.

    Returns
    -------
    DataFrame
        ``cluster``, ``label`` (community), ``term``, ``interest`` (display
        label), ``members``, ``share``; ``top`` rows per community, largest first.

    Examples
    --------
    >>> import pandas as pd
    >>> cu = pd.DataFrame({"customer_id": ["a", "b"], "cluster": [0, 0]})
    >>> me = pd.DataFrame({"customer_id": ["a", "b", "b"], "kind": ["interest"] * 3,
    ...                    "term": ["chess", "chess", "go"], "label": ["Chess", "Chess", "Go"]})
    >>> interest_shares(me, cu)[["interest", "members", "share"]].values.tolist()
    [['Chess', 2, 1.0], ['Go', 1, 0.5]]
    """
    cols = ["cluster", "label", "term", "interest", "members", "share"]
    cu = customers.loc[customers["cluster"] >= 0, ["customer_id", "cluster"]].astype(
        {"customer_id": str}
    )
    m = mentions.loc[mentions["kind"] == "interest", ["customer_id", "term", "label"]]
    m = m.astype({"customer_id": str}).merge(cu, on="customer_id")
    if m.empty:
        return pd.DataFrame(columns=cols)
    sizes = cu.groupby("cluster")["customer_id"].nunique()
    names = m.groupby("term")["label"].agg(lambda s: s.value_counts().index[0])
    out = m.groupby(["cluster", "term"])["customer_id"].nunique().rename("members").reset_index()
    out["share"] = out["members"] / out["cluster"].map(sizes)
    out["interest"] = out["term"].map(names)
    out["label"] = _labels(out["cluster"], clusters)
    out = out.sort_values(["cluster", "members", "term"], ascending=[True, False, True])
    out = out.groupby("cluster", sort=True).head(top)
    return out[cols].reset_index(drop=True)


def start_channels(
    customers: pd.DataFrame,
    clusters: pd.DataFrame,
    shares: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Where to meet each community first, and why (share of members there).

    The channel with the most members, among the channels members **post
    on** when ``shares`` tells (:func:`channel_shares` with comments); a
    channel they only mention is the start only when no channel they post on
    is known, and ``how`` then says ``"mentioned"``.

    Returns
    -------
    DataFrame
        ``cluster``, ``label``, ``size``, ``start_channel``, ``share``,
        ``why``, ``how``, and ``start`` (the channel as people read it,
        ``phone (mentioned)`` for a mentioned one); largest community first.

    Examples
    --------
    >>> import pandas as pd
    >>> cu = pd.DataFrame({"customer_id": ["a", "b"], "cluster": [0, 0],
    ...                    "channels": ["pinterest; email", "pinterest"]})
    >>> cl = pd.DataFrame({"cluster": [0], "size": [2], "label": ["bakers"]})
    >>> start_channels(cu, cl)["why"].iloc[0]
    '100% of members are on Pinterest (2 of 2)'
    >>> co = pd.DataFrame({"customer_id": ["a", "b"], "channel": ["unknown", "unknown"]})
    >>> me = pd.DataFrame({"customer_id": ["a"], "kind": ["channel"], "term": ["phone"]})
    >>> start_channels(cu, cl, channel_shares(cu, cl, co, me))[["start", "why"]].values.tolist()
    [['phone (mentioned)', '50% of members mention phone (1 of 2); where they post is not known']]
    """
    cols = ["cluster", "label", "size", "start_channel", "share", "why", "how", "start"]
    shares = channel_shares(customers, clusters) if shares is None else shares
    rows = []
    for row in clusters[clusters["cluster"] >= 0].to_dict("records"):
        cl = int(row["cluster"])
        mine = shares[shares["cluster"] == cl]
        size = int(mine["size"].iloc[0]) if not mine.empty else int(row["size"])
        if mine.empty:
            rows.append((cl, row.get("label"), int(row["size"]), None, 0.0,
                         "no channel known for its members", None, ""))  # fmt: skip
            continue
        top = mine.assign(_m=mine["how"] == MENTIONED).sort_values(
            ["_m", "members", "channel"], ascending=[True, False, True]
        )
        start, members, how = top[["channel", "members", "how"]].iloc[0]
        share = members / size if size else 0.0
        name = channel_name(start)
        tally = f"({count(members)} of {count(size)})"
        if how == POSTS:
            why = f"{percent(share)} of members post on {name} {tally}"
        elif how == MENTIONED:
            why = (
                f"{percent(share)} of members mention {name} {tally}; where they post is not known"
            )
        else:
            why = f"{percent(share)} of members are on {name} {tally}"
        start_text = f"{name} (mentioned)" if how == MENTIONED else name
        rows.append((cl, row.get("label"), int(row["size"]), start, share, why, how, start_text))
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["size", "cluster"], ascending=[False, True]).reset_index(drop=True)


def _labels(cluster_ids: pd.Series, clusters: pd.DataFrame | None) -> pd.Series:
    if clusters is None or clusters.empty:
        return cluster_ids.map(lambda c: f"community {c}")
    names = dict(zip(clusters["cluster"].astype(int), clusters["label"], strict=True))
    return cluster_ids.map(lambda c: names.get(int(c), f"community {c}"))


# ------------------------------------------------------------------ summary
def summary_sentences(
    changes: pd.DataFrame | None,
    emerging: pd.DataFrame | None,
    clusters: pd.DataFrame,
    starts: pd.DataFrame | None = None,
    max_changes: int = 4,
    alpha: float = 0.05,
    one_channel: str | None = None,
) -> list[str]:
    """A few plain-language sentences for the top of the weekly report.

    Parameters
    ----------
    changes : DataFrame or None
        :func:`match_communities` output; None when there is no previous week.
    emerging : DataFrame or None
        :func:`emerging_interests` output.
    clusters : DataFrame
        This week's communities (``cluster``, ``size``, ``label``, ``start_channel``).
    starts : DataFrame, optional
        :func:`start_channels` output, for the share behind the channel advice.
    max_changes : int
        How many community changes to mention (largest first).
    alpha : float
        The top emerging interest is called rising only when its z-test's
        p-value is below this; without a previous week (``changes`` None)
        no interest is ever called rising.
    one_channel : str, optional
        The channel every comment comes from: then the advice on where to
        start is one sentence saying there is no channel choice to make.

    Communities are named as in ``changes`` (the stable names, told apart
    when two share one), else by their ``label``, as in every other section
    of the report.

    Examples
    --------
    >>> import pandas as pd
    >>> cl = pd.DataFrame({"cluster": [0, 1], "size": [12, 5], "label": ["bakers", "runners"],
    ...                    "start_channel": ["pinterest", "strava"]})
    >>> ch = pd.DataFrame({"name": ["sourdough bakers"], "cluster": [0], "status": ["grew"],
    ...                    "change_pct": [20.0], "size_prev": [10.0], "size": [12], "note": [""]})
    >>> for s in summary_sentences(ch, None, cl):
    ...     print(s)
    2 communities this week (17 customers).
    The sourdough bakers community grew 20% (10 to 12 members).
    Start with Pinterest for the sourdough bakers community.
    >>> summary_sentences(None, None, cl, one_channel="twitter")[-1]
    'All comments come from one channel (Twitter): there is no channel choice to make.'
    """
    out: list[str] = []
    cl = clusters[clusters["cluster"] >= 0] if clusters is not None else clusters
    if cl is None or cl.empty:
        return ["No communities this week."]
    n = len(cl)
    out.append(
        f"{n} communit{'y' if n == 1 else 'ies'} this week ({int(cl['size'].sum()):,} customers)."
    )

    names = display_names(cl, changes)
    if changes is not None and not changes.empty:
        out.extend(_change_sentences(changes, max_changes))
    else:
        out.append("No previous week to compare with.")

    if changes is not None and emerging is not None and not emerging.empty:
        e = emerging.iloc[0]
        p_value = e.get("p_value")
        if missing(p_value) or p_value < alpha:
            test = "" if missing(p_value) else f"; z = {e['z']:.1f}, {_p_text(p_value)}"
            out.append(
                f"Rising interest: {e['label']} (mentioned by {percent(e['share_curr'])} of "
                f"active customers, up from {percent(e['share_prev'])}{test})."
            )

    if one_channel:
        out.append(one_channel_text(one_channel))
        return out
    target = _focus(cl, changes)
    who = names[target]
    row = cl[cl["cluster"] == target].iloc[0]
    start, share, how = row.get("start_channel"), None, None
    if starts is not None and not starts.empty:
        hit = starts[starts["cluster"] == target]
        if not hit.empty and isinstance(hit["start_channel"].iloc[0], str):
            start, share = hit["start_channel"].iloc[0], float(hit["share"].iloc[0])
            how = hit["how"].iloc[0] if "how" in hit else None
    if isinstance(start, str) and start:
        why = ""
        if share is not None:
            verb = {POSTS: "post there", MENTIONED: "mention it"}.get(how, "are there")
            why = f" ({percent(share)} of its members {verb})"
        out.append(f"Start with {channel_name(start)} for the {who} community{why}.")
    return out


def points(rise: float) -> str:
    """A difference of two shares, in signed percentage points (one decimal).

    Examples
    --------
    >>> points(0.004), points(-0.125), points(0.0), points(None)
    ('+0.4 pts', '-12.5 pts', '0.0 pts', '–')
    """
    if missing(rise):
        return "\u2013"
    value = round(100 * float(rise), 1)
    sign = "+" if value > 0 else ("-" if value < 0 else "")
    return f"{sign}{abs(value):.1f} pts"


def _p_text(p_value: float) -> str:
    """``p < 0.001`` or ``p = 0.012``."""
    return "p < 0.001" if p_value < 0.001 else f"p = {p_value:.3f}"


def _focus(clusters: pd.DataFrame, changes: pd.DataFrame | None) -> int:
    """The community the advice is about: the top grower or newcomer, else the largest."""
    if changes is not None and not changes.empty:
        moving = _ranked(changes)
        moving = moving[moving["status"].isin(["grew", "appeared", "split"])]
        moving = moving[moving["cluster"].isin(clusters["cluster"].astype(int))]
        if not moving.empty:
            return int(moving["cluster"].iloc[0])
    biggest = clusters.sort_values(["size", "cluster"], ascending=[False, True])
    return int(biggest["cluster"].iloc[0])


def _ranked(changes: pd.DataFrame) -> pd.DataFrame:
    """Changed communities: growth and newcomers first, then by members gained or lost."""
    weight = (changes["size"] - changes["size_prev"].fillna(0)).abs()
    late = ~changes["status"].isin(["grew", "appeared"])
    ranked = changes.assign(_late=late, _weight=weight)[changes["status"] != "stable"]
    return ranked.sort_values(
        ["_late", "_weight", "name"], ascending=[True, False, True], kind="stable"
    )


def _change_sentences(changes: pd.DataFrame, limit: int) -> list[str]:
    out = []
    for c in _ranked(changes).head(limit).to_dict("records"):
        name, status = c["name"], c["status"]
        if status in ("grew", "shrank") and c.get("basis") == "share":
            out.append(
                f"The {name} community {status} {abs(c['change_pct']):,.0f}% as a share of "
                f"active customers ({percent(c['share_prev'])} to {percent(c['share_curr'])}; "
                f"{count(c['size_prev'])} to {count(c['size'])} members)."
            )
        elif status in ("grew", "shrank"):
            out.append(
                f"The {name} community {status} {abs(c['change_pct']):,.0f}% "
                f"({count(c['size_prev'])} to {count(c['size'])} members)."
            )
        elif status == "appeared":
            out.append(f"New: the {name} community ({count(c['size'])} members).")
        elif status == "faded":
            out.append(f"The {name} community faded ({count(c['size_prev'])} members last week).")
        elif status == "split":
            out.append(f"The {name} community ({count(c['size'])} members) {c['note']}.")
        elif status == "merged":
            out.append(f"The {name} community {c['note']}.")
    stable = int((changes["status"] == "stable").sum())
    if not out and stable:
        same = "share of active customers" if _basis(changes) == "share" else "size"
        out.append(f"All communities are about the same {same} as last week.")
    return out


def _basis(changes: pd.DataFrame | None) -> str:
    if changes is None or "basis" not in changes or changes.empty:
        return "members"
    return str(changes["basis"].iloc[0])


# ------------------------------------------------------------- drill down
def pick_community(clusters: pd.DataFrame, community: int | None = None) -> int:
    """The community to drill into: ``community`` when it exists, else the largest.

    Raises
    ------
    PassionmapError
        When there are no communities, or ``community`` (>= 0) is not one of them.

    Examples
    --------
    >>> import pandas as pd
    >>> cl = pd.DataFrame({"cluster": [0, 1], "size": [3, 9]})
    >>> pick_community(cl), pick_community(cl, 0), pick_community(cl, -1)
    (1, 0, 1)
    """
    known = clusters.loc[clusters["cluster"] >= 0]
    if known.empty:
        raise PassionmapError("no communities were found, so there is none to drill into")
    if community is None or int(community) < 0:
        return int(
            known.sort_values(["size", "cluster"], ascending=[False, True])["cluster"].iloc[0]
        )
    if int(community) not in set(known["cluster"].astype(int)):
        ids = ", ".join(str(c) for c in sorted(known["cluster"].astype(int)))
        raise PassionmapError(f"no community {community}; the communities are {ids}")
    return int(community)


def community_members(customers: pd.DataFrame, cluster: int) -> pd.DataFrame:
    """The members of one community, most comments first.

    Examples
    --------
    >>> import pandas as pd
    >>> cu = pd.DataFrame({"customer_id": ["a", "b", "c"], "cluster": [0, 0, 1],
    ...                    "n_comments": [1, 5, 2]})
    >>> community_members(cu, 0)["customer_id"].tolist()
    ['b', 'a']
    """
    out = customers[customers["cluster"] == cluster]
    if "n_comments" in out:
        out = out.sort_values(["n_comments", "customer_id"], ascending=[False, True])
    return out.reset_index(drop=True)


def community_comments(
    comments: pd.DataFrame,
    customers: pd.DataFrame,
    cluster: int,
    mentions: pd.DataFrame | None = None,
    limit: int | None = 20,
) -> pd.DataFrame:
    """The comments written by one community's members, most passionate first.

    Parameters
    ----------
    comments, customers : DataFrame
        The run's comments and customers tables.
    cluster : int
        The community.
    mentions : DataFrame, optional
        When given, comments are ranked by the passion of their interest
        mentions (sum) and gain ``interests`` (what they mention).
    limit : int or None
        Most comments returned (None: all).

    Returns
    -------
    DataFrame
        ``customer_id``, ``comment_id``, ``channel``, ``timestamp``, ``text``
        (and ``interests``, ``passion`` with mentions).

    Examples
    --------
    >>> import pandas as pd
    >>> cu = pd.DataFrame({"customer_id": ["a", "b"], "cluster": [0, 1]})
    >>> co = pd.DataFrame({"comment_id": [1, 2, 3], "customer_id": ["a", "b", "a"],
    ...     "text": ["meh", "hi", "love yoga!"], "channel": "twitter", "timestamp": pd.NaT})
    >>> me = pd.DataFrame({"comment_id": [3], "kind": ["interest"], "label": ["yoga"],
    ...                    "passion": [0.9]})
    >>> community_comments(co, cu, 0, me)["text"].tolist()
    ['love yoga!', 'meh']
    """
    members = set(customers.loc[customers["cluster"] == cluster, "customer_id"].astype(str))
    cols = [
        c for c in ["customer_id", "comment_id", "channel", "timestamp", "text"] if c in comments
    ]
    out = comments.loc[comments["customer_id"].astype(str).isin(members), cols].copy()
    if mentions is not None and not mentions.empty:
        m = mentions[mentions["kind"] == "interest"]
        key = m["comment_id"].astype(str)
        per = m.groupby(key).agg(
            interests=("label", lambda s: "; ".join(dict.fromkeys(map(str, s)))),
            passion=("passion", "sum"),
        )
        ids = out["comment_id"].astype(str)
        out["interests"] = ids.map(per["interests"]).fillna("")
        out["passion"] = ids.map(per["passion"]).fillna(0.0).round(3)
        out = out.sort_values(["passion", "comment_id"], ascending=[False, True], kind="stable")
    out = out.reset_index(drop=True)
    return out if limit is None else out.head(limit)


def voices(
    comments: pd.DataFrame,
    customers: pd.DataFrame,
    clusters: pd.DataFrame,
    mentions: pd.DataFrame,
    per: int = 2,
    max_chars: int = 200,
) -> pd.DataFrame:
    """A few of the most passionate comments of each community, cut to ``max_chars``.

    Returns
    -------
    DataFrame
        ``community``, ``channel``, ``interests``, ``comment``; largest community first.

    Examples
    --------
    >>> import pandas as pd
    >>> cu = pd.DataFrame({"customer_id": ["a"], "cluster": [0]})
    >>> cl = pd.DataFrame({"cluster": [0], "size": [1], "label": ["yoga"]})
    >>> co = pd.DataFrame({"comment_id": [1], "customer_id": ["a"], "text": ["love yoga!"],
    ...                    "channel": ["twitter"]})
    >>> me = pd.DataFrame({"comment_id": [1], "kind": ["interest"], "label": ["yoga"],
    ...                    "passion": [0.9]})
    >>> voices(co, cu, cl, me).values.tolist()
    [['yoga', 'twitter', 'yoga', 'love yoga!']]
    """
    cols = ["community", "channel", "interests", "comment"]
    rows = []
    order = clusters[clusters["cluster"] >= 0].sort_values(
        ["size", "cluster"], ascending=[False, True]
    )
    for c, label in zip(order["cluster"], order["label"], strict=True):
        top = community_comments(comments, customers, int(c), mentions, limit=None)
        top = top[top.get("passion", pd.Series(0.0, index=top.index)) > 0].head(per)
        for r in top.to_dict("records"):
            text = " ".join(str(r["text"]).split())
            if len(text) > max_chars:
                text = text[: max_chars - 1].rstrip() + "\u2026"
            rows.append((label, r.get("channel"), r.get("interests", ""), text))
    return pd.DataFrame(rows, columns=cols)


# ----------------------------------------------------------- weekly report
@dataclass
class WeeklyReport:
    """Everything the weekly report shows for one week.

    ``previous`` and ``changes`` are None when the data has no comments in
    the week before ``week``. ``coverage`` and ``prev_coverage`` say which
    days each week covers (:func:`week_coverage`); ``basis`` is what the
    changes compare (``"members"``, or ``"share"`` of active customers when
    a week is partial); ``notes`` are the sentences about the weeks
    themselves (partial, no complete week, a partial week passed over) that
    open the summary.

    ``names`` is the one name of each of this week's communities
    (:func:`display_names`) that every table, figure and sentence uses;
    :attr:`clusters` is this week's clusters table under those names.
    ``one_channel`` is the channel every comment of the week comes from, if
    one (then there is no channel choice to make); ``audience`` is this
    week's :class:`passionmap.Audience`, its communities under ``names``.
    """

    week: str
    prev_week: str
    current: Result
    previous: Result | None
    changes: pd.DataFrame | None
    emerging: pd.DataFrame
    starts: pd.DataFrame
    channels: pd.DataFrame
    interests: pd.DataFrame
    summary: list[str] = field(default_factory=list)
    coverage: Coverage | None = None
    prev_coverage: Coverage | None = None
    basis: str = "members"
    notes: list[str] = field(default_factory=list)
    names: dict = field(default_factory=dict)
    one_channel: str | None = None
    audience: Audience | None = None
    picked: bool = False

    @property
    def clusters(self) -> pd.DataFrame:
        """This week's clusters table, ``label`` replaced by the report's names."""
        return with_names(self.current.clusters, self.names)

    def _known_generations(self) -> tuple[int, int]:
        """Community members with a stated or inferred generation, and all members."""
        cu = self.current.customers
        if cu is None or cu.empty or "generation" not in cu:
            return 0, 0
        gens = cu.loc[cu["cluster"] >= 0, "generation"]
        return int(gens.notna().sum()), len(gens)

    @property
    def generations_known(self) -> bool:
        """Whether enough community members have a known generation to show a mix.

        At least :data:`MIN_KNOWN_GENERATIONS` of them; below that a generation
        chart is a grey bar per community and says nothing.
        """
        return self.generation_note is None

    @property
    def generation_note(self) -> str | None:
        """The one sentence that replaces generation charts when (almost) no generation is known."""
        known, members = self._known_generations()
        if known == 0:
            return NO_GENERATIONS
        if known < MIN_KNOWN_GENERATIONS * members:
            return (
                f"Generations are known for only {count(known)} of {count(members)} community "
                f"members ({percent(known / members)}): too few to show a generation mix."
            )
        return None

    @property
    def mentioned_note(self) -> str | None:
        """The channels customers only name in their comments, as one sentence (None if none).

        Examples
        --------
        >>> import pandas as pd
        >>> from passionmap.audiences import Audience
        >>> t = pd.DataFrame({"channel": ["twitter", "phone", "email"], "generation": "all",
        ...                   "customers": [5654, 526, 160]})
        >>> aud = Audience(t, *[pd.DataFrame()] * 4, mentioned=("email", "phone"))
        >>> print(WeeklyReport(*[None] * 9, audience=aud).mentioned_note)
        Customers also name channels in what they write, without posting there: phone (526 customers), email (160).
        """  # noqa: E501
        aud = self.audience
        if aud is None or not aud.mentioned or aud.table.empty:
            return None
        totals = aud.table[aud.table["generation"] == "all"].set_index("channel")["customers"]
        named = sorted(aud.mentioned, key=lambda c: (-int(totals.get(c, 0)), c))
        parts = [f"{channel_name(c)} ({count(totals.get(c, 0))})" for c in named]
        first = int(totals.get(named[0], 0))
        parts[0] = parts[0][:-1] + (" customer)" if first == 1 else " customers)")
        return (
            "Customers also name channels in what they write, without posting there: "
            + ", ".join(parts)
            + "."
        )

    @property
    def channel_note(self) -> str | None:
        """The one sentence that replaces channel advice when all comments share a channel."""
        return one_channel_text(self.one_channel) if self.one_channel else None

    def community_table(self) -> pd.DataFrame:
        """This week's communities with their names, change and where to start."""
        return community_table(
            self.current.clusters,
            self.changes,
            self.starts,
            customers=self.current.customers,
            one_channel=self.one_channel,
            names=self.names,
            generations=self.generations_known,
        )

    def weeks_text(self) -> list[str]:
        """One line per week compared: the days it covers, comments and their rate."""
        lines = []
        for what, cov, week in (
            ("This week", self.coverage, self.week),
            ("Previous week", self.prev_coverage, self.prev_week),
        ):
            if cov is not None:
                lines.append(f"{what}, {cov.describe()}")
            elif what == "Previous week":
                lines.append(f"{what}, {week}: no comments (no previous week to compare with).")
        return lines


def display_names(clusters: pd.DataFrame, changes: pd.DataFrame | None = None) -> dict[int, str]:
    """The one name of each community, for every section of a report.

    A community matched to last week's keeps last week's name (``changes``,
    from :func:`match_communities`); the others are named by their label.
    Communities that would share a name are told apart by their number
    (:func:`tell_apart`): ``fleet & fleek (#3)`` and ``fleet & fleek (#5)``.

    Examples
    --------
    >>> import pandas as pd
    >>> cl = pd.DataFrame({"cluster": [3, 5, 6], "label": ["fleet", "fleet", "yoga"]})
    >>> display_names(cl)
    {3: 'fleet (#3)', 5: 'fleet (#5)', 6: 'yoga'}
    >>> ch = pd.DataFrame({"cluster": [6], "name": ["yogis"]})
    >>> display_names(cl, ch)[6]
    'yogis'
    """
    if clusters is None or clusters.empty:
        return {}
    cl = clusters[clusters["cluster"] >= 0]
    labels = cl["label"] if "label" in cl else pd.Series(None, index=cl.index)
    names = {
        int(c): text_or(label).strip() or f"community {int(c)}"
        for c, label in zip(cl["cluster"], labels, strict=True)
    }
    if changes is not None and not changes.empty:
        for c, name in zip(changes["cluster"], changes["name"], strict=True):
            if not missing(c) and int(c) in names and text_or(name).strip():
                names[int(c)] = str(name)
    return tell_apart(names)


def with_names(clusters: pd.DataFrame, names: dict[int, str]) -> pd.DataFrame:
    """``clusters`` with ``label`` replaced by ``names`` (a community without a name keeps its).

    Examples
    --------
    >>> import pandas as pd
    >>> cl = pd.DataFrame({"cluster": [0, 1], "label": ["a", "b"]})
    >>> with_names(cl, {0: "A"})["label"].tolist()
    ['A', 'b']
    """
    if clusters is None or clusters.empty or not names:
        return clusters
    ids = clusters["cluster"].astype(int)
    labels = [names.get(c, lab) for c, lab in zip(ids, clusters["label"], strict=True)]
    return clusters.assign(label=labels)


def _audience_named(aud: Audience | None, names: dict[int, str]) -> Audience | None:
    """The audience with its communities under the report's names."""
    if aud is None:
        return None
    out = {}
    for what in ("plan", "channels"):
        df = getattr(aud, what)
        if len(df) and "cluster" in df:
            ids = df["cluster"].astype(int)
            labels = [names.get(c, lab) for c, lab in zip(ids, df["label"], strict=True)]
            df = df.assign(label=labels)
        out[what] = df
    return replace(aud, **out)


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
            "(map the time column with --time-col)"
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


def weekly_report(
    comments: pd.DataFrame,
    week: str | None = None,
    config: Config = Config(),  # noqa: B008 (frozen)
    nlp=None,
    mentions: pd.DataFrame | None = None,
    min_support: int = 3,
    picked: bool | None = None,
) -> WeeklyReport:
    """Analyse one week and the week before it, and compare them.

    Each week is analysed on its own comments (its own communities); the
    two are then compared by :func:`compare_weeks`.

    Parameters
    ----------
    comments : DataFrame
        Loaded comments with a ``week`` column (``load_comments(...).comments``).
    week : str, optional
        ``"YYYY-Www"``; default: the latest complete week in the data (:func:`pick_week`).
    config : Config
        Settings of both weeks' runs.
    nlp : spacy.Language, optional
        A loaded pipeline (else loaded once here for both weeks).
    mentions : DataFrame, optional
        Mentions already extracted for these comments (skips extraction).
    min_support : int
        Fewest customers behind an emerging interest.
    picked : bool, optional
        Whether ``week`` was picked for the reader rather than asked for
        (default: when ``week`` is None); then a later partial week passed
        over is named in the notes (:func:`passed_over`).

    When either week is partial (:func:`week_coverage`) the communities are
    compared by their share of each week's active customers, not by member
    counts (``basis="share"``), and the summary opens by saying so.

    Examples
    --------
    >>> import tempfile
    >>> from passionmap import Config, load_comments
    >>> from passionmap.sample import write_sample
    >>> cfg = Config(model="blank", progress=False)
    >>> path = write_sample(tempfile.mkdtemp() + "/s.csv", customers=80, weeks=3)
    >>> comments = load_comments(path, cfg).comments
    >>> wr = weekly_report(comments, config=cfg)
    >>> wr.week == weeks_in(comments)[-1], wr.prev_week == weeks_in(comments)[-2]
    (True, True)
    >>> wr.changes.columns[:3].tolist()
    ['name', 'cluster', 'label']
    >>> wr.coverage.partial, wr.basis
    (False, 'members')
    """
    from passionmap.nlp import load_nlp
    from passionmap.pipeline import analyze

    picked = week in (None, "") if picked is None else bool(picked)
    week = pick_week(comments, week)
    prev_week = previous_week(week)
    curr_comments = comments_in_week(comments, week)
    prev_comments = comments_in_week(comments, prev_week)
    if mentions is None and nlp is None:
        nlp = load_nlp(config.model, config.extra_stop_terms, config.patterns)
    current = analyze(curr_comments, config, nlp, mentions)
    previous = analyze(prev_comments, config, nlp, mentions) if len(prev_comments) else None
    return compare_weeks(comments, week, current, previous, min_support, picked=picked)


def compare_weeks(
    comments: pd.DataFrame,
    week: str,
    current: Result,
    previous: Result | None = None,
    min_support: int = 3,
    picked: bool = False,
) -> WeeklyReport:
    """Compare the analyses of ``week`` and of the week before it into a :class:`WeeklyReport`.

    Matches the two weeks' communities (:func:`match_communities`), finds
    emerging interests (:func:`emerging_interests`), names every community
    once for all sections (:func:`display_names`), says where to start
    (:func:`start_channels`, from the channels members post on) and sums it
    all up (:func:`summary_sentences`).

    Parameters
    ----------
    comments : DataFrame
        All loaded comments (``week``, ``timestamp``, ``customer_id``, ``comment_id``).
    week : str
        The week reported.
    current, previous : Result
        :func:`passionmap.analyze` of the week's comments and of the week
        before's (None when it has none).
    min_support : int
        Fewest customers behind an emerging interest.
    picked : bool
        ``week`` was picked for the reader (not asked for): a later partial
        week passed over is named in the notes.
    """
    from passionmap.audiences import audience

    prev_week = previous_week(week)
    coverage = week_coverage(comments, week)
    prev_coverage = week_coverage(comments, prev_week) if previous is not None else None
    partial = coverage.partial or (prev_coverage is not None and prev_coverage.partial)
    basis = "share" if partial else "members"

    changes = None
    both = current.mentions
    if previous is not None:
        changes = match_communities(
            previous.customers,
            previous.clusters,
            current.customers,
            current.clusters,
            basis=basis,
            active_prev=active_customers(comments, prev_week),
            active_curr=active_customers(comments, week),
        )
        both = pd.concat([previous.mentions, current.mentions], ignore_index=True)
    prev_counts = None
    if previous is not None and previous.terms is not None and len(previous.terms):
        prev_counts = previous.terms.set_index("term")["customers"]
    emerging = emerging_interests(
        both,
        comments,
        week,
        prev_week if previous is not None else None,
        min_support,
        prev_counts=prev_counts,
    )
    names = display_names(current.clusters, changes)
    named = with_names(current.clusters, names)
    channels = channel_shares(current.customers, named, current.comments, current.mentions)
    starts = start_channels(current.customers, named, channels)
    interests = interest_shares(current.mentions, current.customers, named)
    single = one_channel(current.comments)
    aud = current.audience
    if aud is None:
        aud = audience(current.comments, current.mentions, current.customers, named)
    notes = week_notes(comments, coverage, prev_coverage)
    if picked:
        notes = [n for n in [passed_over(comments, week)] if n] + notes
    summary = notes + summary_sentences(changes, emerging, named, starts, one_channel=single)
    return WeeklyReport(
        week=week,
        prev_week=prev_week,
        current=current,
        previous=previous,
        changes=changes,
        emerging=emerging,
        starts=starts,
        channels=channels,
        interests=interests,
        summary=summary,
        coverage=coverage,
        prev_coverage=prev_coverage,
        basis=basis,
        notes=notes,
        names=names,
        one_channel=single,
        audience=_audience_named(aud, names),
        picked=picked,
    )


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


def community_table(
    clusters: pd.DataFrame,
    changes: pd.DataFrame | None = None,
    starts: pd.DataFrame | None = None,
    customers: pd.DataFrame | None = None,
    one_channel: str | None = None,
    names: dict[int, str] | None = None,
    generations: bool = True,
) -> pd.DataFrame:
    """One row per community for people: name, members, change, interests, where to start.

    ``community`` is the report's one name of it (``names``, else
    :func:`display_names`), as in every other section. ``start
    with`` is left out when every comment comes from ``one_channel`` (there
    is no choice to make). With ``customers`` the ``generations`` are counted
    from them (shares to one decimal below 10%, a generation with no member
    never listed) and left out when no member's generation is known;
    ``generations=False`` leaves them out in any case.

    Examples
    --------
    >>> import pandas as pd
    >>> cl = pd.DataFrame({"cluster": [0], "size": [4], "label": ["yoga"],
    ...     "top_interests": ["yoga; tea"], "start_channel": ["instagram"],
    ...     "generation_mix": ["Gen Z 100%"], "passion": [0.61]})
    >>> community_table(cl).columns.tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['community', 'members', 'top interests', 'start with', 'generations', 'passion']
    >>> cu = pd.DataFrame({"customer_id": list("abcd"), "cluster": [0] * 4, "generation": None})
    >>> community_table(cl, customers=cu, one_channel="twitter").columns.tolist()
    ['community', 'members', 'top interests', 'passion']
    """
    cl = clusters[clusters["cluster"] >= 0].sort_values(
        ["size", "cluster"], ascending=[False, True]
    )
    ids = cl["cluster"].astype(int).tolist()
    labels = [text_or(v) for v in cl["label"]]
    names = display_names(clusters, changes) if names is None else names
    shown = [names.get(c, lab) for c, lab in zip(ids, labels, strict=True)]
    cols: dict[str, list] = {"community": shown}
    cur = None
    if changes is not None and not changes.empty:
        cur = changes.dropna(subset=["cluster"]).set_index("cluster")
    cols["members"] = cl["size"].astype(int).tolist()
    if cur is not None:
        cols["change"] = [_change_text(cur, c) for c in ids]
    cols["top interests"] = [text_or(v) for v in cl["top_interests"]]
    if not one_channel:
        cols["start with"] = _start_texts(cl, ids, starts)
    if not generations:
        pass
    elif customers is not None and "generation" in customers:
        cu = customers[customers["cluster"] >= 0]
        if cu["generation"].notna().any():
            by = dict(list(cu.groupby(cu["cluster"].astype(int))["generation"]))
            cols["generations"] = [generation_text(by.get(c, pd.Series([]))) for c in ids]
    elif "generation_mix" in cl:
        cols["generations"] = [text_or(v) for v in cl["generation_mix"]]
    if "passion" in cl:
        cols["passion"] = cl["passion"].tolist()
    return pd.DataFrame(cols)


def _start_texts(cl: pd.DataFrame, ids: list[int], starts: pd.DataFrame | None) -> list[str]:
    """``Pinterest (72% of members post there)``: where to start with each community."""
    rows = {}
    if starts is not None and not starts.empty:
        rows = {int(r["cluster"]): r for r in starts.to_dict("records")}
    out = []
    fallback = cl["start_channel"] if "start_channel" in cl else [None] * len(cl)
    for c, channel in zip(ids, fallback, strict=True):
        r = rows.get(c)
        if r is None or missing(r.get("start_channel")):
            out.append("" if missing(channel) else channel_name(channel))
            continue
        verb = {POSTS: "post there", MENTIONED: "mention it"}.get(r.get("how"), "are there")
        name = text_or(r.get("start")) or channel_name(r["start_channel"])
        out.append(f"{name} ({percent(r['share'])} of members {verb})")
    return out


def generation_text(generations: pd.Series) -> str:
    """The generations of a group, largest first, unknown last; none with no member.

    Shares below 10% keep one decimal (:func:`passionmap.phrases.percent`), so a
    generation with members never reads ``0%``.

    Examples
    --------
    >>> import pandas as pd
    >>> generation_text(pd.Series(["Gen X"] * 300 + ["Millennials"] + [None] * 99))
    'Gen X 75%; Millennials 0.2%; unknown 25%'
    >>> generation_text(pd.Series([], dtype=object))
    ''
    """
    from passionmap.generation import GENERATIONS

    if generations is None or generations.empty:
        return ""
    gen = generations.astype(object).where(generations.notna(), "unknown")
    shares = gen.value_counts(normalize=True)
    order = {g: i for i, g in enumerate(GENERATIONS)}
    known = sorted(
        (g for g in shares.index if g != "unknown"), key=lambda g: (-shares[g], order.get(g, 99))
    )
    parts = [f"{g} {percent(shares[g])}" for g in known if shares[g] > 0]
    if "unknown" in shares:
        parts.append(f"unknown {percent(shares['unknown'])}")
    return "; ".join(parts)


def _change_text(changes: pd.DataFrame, cluster: int) -> str:
    if cluster not in changes.index:
        return ""
    row = changes.loc[cluster]
    if row["status"] in ("grew", "shrank", "stable") and not missing(row["change_pct"]):
        text = f"{row['status']} {row['change_pct']:+.0f}%"
        if row.get("basis") == "share":
            text += " (share of active customers)"
    else:
        text = str(row["status"])
    note = text_or(row["note"])
    return f"{text} ({note})" if note and row["status"] != "appeared" else text
