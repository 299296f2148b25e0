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
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pandas as pd

from passionmap.config import Config
from passionmap.errors import PassionmapError

if TYPE_CHECKING:  # pragma: no cover
    from passionmap.pipeline import Result

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")

#: How channel keys are written in sentences and figures.
CHANNEL_NAMES = {
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "linkedin": "LinkedIn",
    "whatsapp": "WhatsApp",
    "sms": "SMS",
    "email": "email",
    "forum": "forums",
    "phone": "phone",
    "website": "the website",
    "blog": "blogs",
    "store": "the store",
    "unknown": "unknown channels",
}

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


def missing(value) -> bool:
    """True for None, NaN, NaT and pd.NA (and False for every other value, lists too).

    Examples
    --------
    >>> [missing(v) for v in (None, float("nan"), pd.NA, pd.NaT, "", 0, ["a"])]
    [True, True, True, True, False, False, False]
    """
    if value is None:
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, list | tuple | set | dict) else False
    except (TypeError, ValueError):
        return False


def text_or(value, default: str = "") -> str:
    """``value`` as text, ``default`` when it is missing (never ``"None"`` or ``"nan"``).

    Examples
    --------
    >>> text_or(None), text_or(float("nan"), "-"), text_or("yoga"), text_or(3)
    ('', '-', 'yoga', '3')
    """
    return default if missing(value) else str(value)


def channel_name(key) -> str:
    """A channel key as people write it (``pinterest`` -> ``Pinterest``).

    Examples
    --------
    >>> channel_name("pinterest"), channel_name("youtube")
    ('Pinterest', 'YouTube')
    """
    key = "" if key is None or (not isinstance(key, str) and pd.isna(key)) else str(key)
    return CHANNEL_NAMES.get(key.lower(), key[:1].upper() + key[1:])


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

    # stable names: a matched community takes the previous name; others keep theirs
    names: dict[int, str] = {}
    for c, crow in curr.items():
        names[c] = prev[match_c[c]]["label"] if c in match_c else crow["label"]
    taken: set[str] = set()
    for c in sorted(curr, key=lambda c: (c not in match_c, -curr[c]["size"], c)):
        name, k = names[c], 2
        while name in taken:
            name, k = f"{names[c]} ({k})", k + 1
        names[c] = name
        taken.add(name)

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
            "name": prow["label"],
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
def channel_shares(customers: pd.DataFrame, clusters: pd.DataFrame | None = None) -> pd.DataFrame:
    """Share of each community's members found on each channel (tidy).

    A member counts for a channel when it is in their ``channels`` list (the
    channels they post on or mention).

    Returns
    -------
    DataFrame
        ``cluster``, ``label``, ``size``, ``channel``, ``members``, ``share``;
        per community, largest share first. Customers without a community
        (cluster -1) are left out.

    Examples
    --------
    >>> import pandas as pd
    >>> cu = pd.DataFrame({"customer_id": ["a", "b"], "cluster": [0, 0],
    ...                    "channels": ["pinterest; email", "pinterest"]})
    >>> channel_shares(cu)[["channel", "members", "share"]].values.tolist()
    [['pinterest', 2, 1.0], ['email', 1, 0.5]]
    """
    cols = ["cluster", "label", "size", "channel", "members", "share"]
    cu = customers[customers["cluster"] >= 0]
    if cu.empty:
        return pd.DataFrame(columns=cols)
    sizes = cu.groupby("cluster")["customer_id"].nunique().rename("size")
    rows = [
        (int(cl), ch, str(cid))
        for cl, cid, cell in zip(cu["cluster"], cu["customer_id"], cu["channels"], strict=True)
        for ch in dict.fromkeys(split_list(cell))
    ]
    long = pd.DataFrame(rows, columns=["cluster", "channel", "customer_id"])
    out = long.groupby(["cluster", "channel"])["customer_id"].nunique().rename("members")
    out = out.reset_index().merge(sizes.reset_index(), on="cluster")
    out["share"] = out["members"] / out["size"]
    out["label"] = _labels(out["cluster"], clusters)
    out = out.sort_values(["cluster", "share", "channel"], ascending=[True, False, True])
    return out[cols].reset_index(drop=True)


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


def start_channels(customers: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """Where to meet each community first, and why (share of members there).

    Uses the profile's ``start_channel`` when it has one, else the channel
    with the largest share of members.

    Returns
    -------
    DataFrame
        ``cluster``, ``label``, ``size``, ``start_channel``, ``share``, ``why``.

    Examples
    --------
    >>> import pandas as pd
    >>> cu = pd.DataFrame({"customer_id": ["a", "b"], "cluster": [0, 0],
    ...                    "channels": ["pinterest; email", "pinterest"]})
    >>> cl = pd.DataFrame({"cluster": [0], "size": [2], "label": ["bakers"],
    ...                    "start_channel": ["pinterest"]})
    >>> start_channels(cu, cl)["why"].iloc[0]
    '100% of members are on Pinterest (2 of 2)'
    """
    cols = ["cluster", "label", "size", "start_channel", "share", "why"]
    shares = channel_shares(customers, clusters)
    rows = []
    for row in clusters[clusters["cluster"] >= 0].to_dict("records"):
        cl = int(row["cluster"])
        mine = shares[shares["cluster"] == cl]
        start = row.get("start_channel")
        if start is None or (not isinstance(start, str) and pd.isna(start)) or start == "":
            start = mine["channel"].iloc[0] if not mine.empty else None
        hit = mine[mine["channel"] == start]
        members = int(hit["members"].iloc[0]) if not hit.empty else 0
        size = int(mine["size"].iloc[0]) if not mine.empty else int(row["size"])
        share = members / size if size else 0.0
        why = (
            f"{share:.0%} of members are on {channel_name(start)} ({members} of {size})"
            if start
            else "no channel known for its members"
        )
        rows.append((cl, row.get("label"), int(row["size"]), start, share, why))
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
    """
    out: list[str] = []
    cl = clusters[clusters["cluster"] >= 0] if clusters is not None else clusters
    if cl is None or cl.empty:
        return ["No communities this week."]
    n = len(cl)
    out.append(
        f"{n} communit{'y' if n == 1 else 'ies'} this week ({int(cl['size'].sum()):,} customers)."
    )

    names = dict(zip(cl["cluster"].astype(int), cl["label"].astype(str), strict=True))
    if changes is not None and not changes.empty:
        for c in changes.dropna(subset=["cluster"]).to_dict("records"):
            names[int(c["cluster"])] = str(c["name"])
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

    target = _focus(cl, changes)
    who = names[target]
    row = cl[cl["cluster"] == target].iloc[0]
    start, share = row.get("start_channel"), None
    if starts is not None and not starts.empty:
        hit = starts[starts["cluster"] == target]
        if not hit.empty and isinstance(hit["start_channel"].iloc[0], str):
            start, share = hit["start_channel"].iloc[0], float(hit["share"].iloc[0])
    if isinstance(start, str) and start:
        why = f" ({share:.0%} of its members are there)" if share is not None else ""
        out.append(f"Start with {channel_name(start)} for the {who} community{why}.")
    return out


def percent(share: float, missing_text: str = "\u2013") -> str:
    """A share as a percentage; one decimal below 10% (and above 90%), where
    a whole number would hide the change; a dash when missing.

    Examples
    --------
    >>> percent(0.25), percent(0.0012), percent(0.0004), percent(0.0), percent(0.9996)
    ('25%', '0.1%', 'under 0.1%', '0%', 'over 99.9%')
    >>> percent(0.012), percent(0.05), percent(0.935), percent(1.0), percent(float("nan"))
    ('1.2%', '5.0%', '93.5%', '100%', '–')
    """
    if missing(share):
        return missing_text
    if share <= 0 or share >= 1 or 0.1 <= share <= 0.9:
        return f"{share:.0%}"
    text = f"{share:.1%}"
    if text == "0.0%":
        return "under 0.1%"
    if text == "100.0%":
        return "over 99.9%"
    return text


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
                f"The {name} community {status} {abs(c['change_pct']):.0f}% as a share of "
                f"active customers ({percent(c['share_prev'])} to {percent(c['share_curr'])}; "
                f"{int(c['size_prev'])} to {int(c['size'])} members)."
            )
        elif status in ("grew", "shrank"):
            out.append(
                f"The {name} community {status} {abs(c['change_pct']):.0f}% "
                f"({int(c['size_prev'])} to {int(c['size'])} members)."
            )
        elif status == "appeared":
            out.append(f"New: the {name} community ({int(c['size'])} members).")
        elif status == "faded":
            out.append(f"The {name} community faded ({int(c['size_prev'])} members last week).")
        elif status == "split":
            out.append(f"The {name} community ({int(c['size'])} members) {c['note']}.")
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
    themselves (partial, no complete week) that open the summary.
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

    def community_table(self) -> pd.DataFrame:
        """This week's communities with their stable names, change and where to start."""
        return community_table(self.current.clusters, self.changes, self.starts)

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
) -> WeeklyReport:
    """Analyse one week and the week before it, and compare them.

    Each week is analysed on its own comments (its own communities); the
    two are then matched (:func:`match_communities`), emerging interests
    found (:func:`emerging_interests`) and summarised (:func:`summary_sentences`).

    Parameters
    ----------
    comments : DataFrame
        Loaded comments with a ``week`` column (``load_comments(...).comments``).
    week : str, optional
        ``"YYYY-Www"``; default: the latest week in the data.
    config : Config
        Settings of both weeks' runs.
    nlp : spacy.Language, optional
        A loaded pipeline (else loaded once here for both weeks).
    mentions : DataFrame, optional
        Mentions already extracted for these comments (skips extraction).
    min_support : int
        Fewest customers behind an emerging interest.

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

    week = pick_week(comments, week)
    prev_week = previous_week(week)
    curr_comments = comments_in_week(comments, week)
    prev_comments = comments_in_week(comments, prev_week)
    if mentions is None and nlp is None:
        nlp = load_nlp(config.model, config.extra_stop_terms, config.patterns)
    current = analyze(curr_comments, config, nlp, mentions)
    previous = analyze(prev_comments, config, nlp, mentions) if len(prev_comments) else None
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
    emerging = emerging_interests(
        both, comments, week, prev_week if previous is not None else None, min_support
    )
    starts = start_channels(current.customers, current.clusters)
    channels = channel_shares(current.customers, current.clusters)
    interests = interest_shares(current.mentions, current.customers, current.clusters)
    notes = week_notes(comments, coverage, prev_coverage)
    summary = notes + summary_sentences(changes, emerging, current.clusters, starts)
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
) -> pd.DataFrame:
    """One row per community for people: name, members, change, interests, where to start.

    Examples
    --------
    >>> import pandas as pd
    >>> cl = pd.DataFrame({"cluster": [0], "size": [4], "label": ["yoga"],
    ...     "top_interests": ["yoga; tea"], "start_channel": ["instagram"],
    ...     "generation_mix": ["Gen Z 100%"], "passion": [0.61]})
    >>> community_table(cl).columns.tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['community', 'members', 'top interests', 'start with', 'generations', 'passion']
    """
    cl = clusters[clusters["cluster"] >= 0].sort_values(
        ["size", "cluster"], ascending=[False, True]
    )
    ids = cl["cluster"].astype(int).tolist()
    labels = [text_or(v) for v in cl["label"]]
    cols: dict[str, list] = {"community": labels}
    cur = None
    if changes is not None and not changes.empty:
        cur = changes.dropna(subset=["cluster"]).set_index("cluster")
        names = cur["name"].to_dict()
        cols["community"] = [text_or(names.get(c), lab) for c, lab in zip(ids, labels, strict=True)]
        cols["this week's label"] = labels
    cols["members"] = cl["size"].astype(int).tolist()
    if cur is not None:
        cols["change"] = [_change_text(cur, c) for c in ids]
    cols["top interests"] = [text_or(v) for v in cl["top_interests"]]
    why = {}
    if starts is not None and not starts.empty:
        why = dict(zip(starts["cluster"].astype(int), starts["why"], strict=True))
    starts_at = cl["start_channel"] if "start_channel" in cl else [None] * len(cl)
    cols["start with"] = [
        f"{channel_name(s)}: {why[c]}" if c in why and not missing(s) else channel_name(s)
        for c, s in zip(ids, starts_at, strict=True)
    ]
    if "generation_mix" in cl:
        cols["generations"] = [text_or(v) for v in cl["generation_mix"]]
    if "passion" in cl:
        cols["passion"] = cl["passion"].tolist()
    return pd.DataFrame(cols)


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
