"""The plain-language sentences at the top of the weekly report."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from passionmap.analysis.channel_plan import UNKNOWN
from passionmap.phrases import (
    NO_CHANNEL,
    channel_name,
    count,
    missing,
    one_channel_text,
    p_text,
    percent,
    the_community,
)
from passionmap.weekly.names import display_names
from passionmap.weekly.tables import MENTIONED, POSTS
from passionmap.weekly.trends import rising

if TYPE_CHECKING:  # pragma: no cover
    from passionmap.analysis.audiences import Audience


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
        The top emerging interest is called rising only when its q-value (its
        z-test's p-value corrected for every interest tested, where ``emerging``
        has one; else the p-value) is below this; without a previous week
        (``changes`` None) no interest is ever called rising.
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

    # one of many interests tested: called rising on its false-discovery q-value (trends.rising)
    called = rising(emerging, alpha) if changes is not None and emerging is not None else None
    if called is not None and not called.empty:
        e = called.iloc[0]
        p_value = e.get("p_value")
        test = "" if missing(p_value) else f"; z = {e['z']:.1f}, {p_text(p_value)}"
        if test and not missing(e.get("q_value")):
            test += f", {p_text(e['q_value'], 'q')}"
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
        out.append(f"Start with {channel_name(start)} for {the_community(who)}{why}.")
    return out


def stability_sentence(agreement: float | None, runs: int = 5) -> str | None:
    """How far the seeded community runs agree, for the reader (None: one run).

    The number is :func:`passionmap.analysis.communities.detect`'s ``agreement``
    (mean ARI of the runs; 1: the same communities every time). Measured
    2026-12-02: our sample 0.99, newsgroups 0.79, reddit 0.72, airline tweets
    0.60, clothing reviews 0.37, where other seeds give other communities.

    >>> stability_sentence(0.37)
    'The 5 seeded community runs agree 0.37 (adjusted Rand index; 1: the same communities every run): the lower it is, the more the smaller communities are one reading among several.'
    >>> stability_sentence(None) is None
    True
    """  # noqa: E501
    if agreement is None or missing(agreement):
        return None
    return (
        f"The {runs} seeded community runs agree {agreement:.2f} (adjusted Rand index; 1: the "
        "same communities every run): the lower it is, the more the smaller communities are "
        "one reading among several."
    )


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
    moved = ~changes["status"].isin(["stable", "matched"])  # matched: sizes not compared
    ranked = changes.assign(_late=late, _weight=weight)[moved]
    return ranked.sort_values(
        ["_late", "_weight", "name"], ascending=[True, False, True], kind="stable"
    )


def not_followed_sentence(changes: pd.DataFrame | None) -> str | None:
    """Why matched communities have no size change (no customer wrote in both weeks); else None.

    >>> ch = pd.DataFrame({"status": ["matched", "matched", "appeared"]})
    >>> print(not_followed_sentence(ch))  # doctest: +ELLIPSIS
    No customer wrote in both weeks, so 2 communities are matched to last week's ...
    """
    matched = 0 if changes is None else int((changes["status"] == "matched").sum())
    if not matched:
        return None
    return (
        f"No customer wrote in both weeks, so {count(matched)} communit"
        f"{'y is' if matched == 1 else 'ies are'} matched to last week's by what they talk "
        "about only, and sizes are not compared: a community found anew on other people "
        "grows or shrinks with how each week's comments group, not with who joins."
    )


def _change_sentences(changes: pd.DataFrame, limit: int) -> list[str]:
    out = [s for s in [not_followed_sentence(changes)] if s]
    for c in _ranked(changes).head(limit).to_dict("records"):
        name, status = c["name"], c["status"]
        if status in ("grew", "shrank") and c.get("basis") == "share":
            out.append(
                f"{the_community(name, True)} {status} {abs(c['change_pct']):,.0f}% as a share of "
                f"active customers ({percent(c['share_prev'])} to {percent(c['share_curr'])}; "
                f"{count(c['size_prev'])} to {count(c['size'])} members)."
            )
        elif status in ("grew", "shrank"):
            out.append(
                f"{the_community(name, True)} {status} {abs(c['change_pct']):,.0f}% "
                f"({count(c['size_prev'])} to {count(c['size'])} members)."
            )
        elif status == "appeared":
            out.append(f"New: {the_community(name)} ({count(c['size'])} members).")
        elif status == "faded":
            out.append(
                f"{the_community(name, True)} faded ({count(c['size_prev'])} members last week)."
            )
        elif status == "split":
            out.append(f"{the_community(name, True)} ({count(c['size'])} members) {c['note']}.")
        elif status == "merged":
            out.append(f"{the_community(name, True)} {c['note']}.")
    stable = int((changes["status"] == "stable").sum())
    if not out and stable:
        same = "share of active customers" if _basis(changes) == "share" else "size"
        out.append(f"All communities are about the same {same} as last week.")
    return out


def _basis(changes: pd.DataFrame | None) -> str:
    if changes is None or "basis" not in changes or changes.empty:
        return "members"
    return str(changes["basis"].iloc[0])


def mentioned_sentence(aud: Audience | None) -> str | None:
    """The channels customers only name in their comments, as one sentence (None if none).

    Examples
    --------
    >>> import pandas as pd
    >>> from passionmap.analysis.audiences import Audience
    >>> t = pd.DataFrame({"channel": ["twitter", "phone", "email"], "generation": "all",
    ...                   "customers": [5654, 526, 160]})
    >>> print(mentioned_sentence(Audience(t, *[pd.DataFrame()] * 4, mentioned=("email", "phone"))))
    Customers also name channels in what they write, without posting there: phone (526 customers), email (160).
    """  # noqa: E501
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


def no_channel_sentence(comments: pd.DataFrame | None) -> str | None:
    """:data:`passionmap.phrases.NO_CHANNEL` where no comment says where it was posted.

    A file without a channel column (an export of tweets): every channel shown
    is one customers name, and ``--channel`` (the notebooks' ``channel``
    parameter) can say where the file comes from. None otherwise.

    >>> no_channel_sentence(pd.DataFrame({"channel": ["unknown", None]}))[:31]
    'No comment says where it was po'
    >>> no_channel_sentence(pd.DataFrame({"channel": ["unknown", "email"]})) is None
    True
    """
    if comments is None or comments.empty or "channel" not in comments:
        return None
    channels = comments["channel"]
    return NO_CHANNEL if (channels.isna() | (channels == UNKNOWN)).all() else None
