"""Where to start: each community's first and second channel, by greedy coverage.

The channels a community's members post on are ranked by members
(:func:`passionmap.analysis.profiles.ranked_channels`) and ordered by greedy coverage
(:func:`greedy_coverage`: each step adds the channel that reaches the most
members not already reached). The plan of a community is the first channel
(the majority) and the second one, with what it adds. A channel members only
name in their comments counts only for a community none of whose members'
posting channels is known, and is then marked ``mentioned``.

These are the ``channels``, ``plan`` and ``overall`` of
:class:`passionmap.analysis.audiences.Audience` (:func:`passionmap.analysis.audiences.audience`
builds them; its module has these names too).

Examples
--------
>>> import pandas as pd
>>> long = pd.DataFrame({"customer_id": list("abcd"), "cluster": [0, 0, 0, 0],
...     "channel": ["instagram", "instagram", "instagram", "facebook"], "posted": True})
>>> channels, plan = _starts(long, None)
>>> plan[["first_channel", "first_members", "second_channel", "second_adds"]].values.tolist()
[['instagram', 3, 'facebook', 1]]
"""

from __future__ import annotations

import pandas as pd

from ..phrases import channel_name, count, percent
from .profiles import MENTIONED, POSTS, community_channels, members_by_channel, ranked_channels

#: The channel of a customer none is known for.
UNKNOWN = "unknown"
CHANNEL_COLUMNS = [
    "cluster", "label", "size", "rank", "channel", "members", "share", "step", "adds", "reach",
    "how",
]  # fmt: skip
PLAN_COLUMNS = [
    "cluster", "label", "size", "first_channel", "first_members", "first_share",
    "second_channel", "second_adds", "reach", "why", "how",
]  # fmt: skip


def greedy_coverage(members: dict[str, set]) -> list[tuple[str, int, int, int]]:
    """Order channels by greedy coverage: each adds the most members not yet reached.

    Ties go to the channel with more members, then to the first by name. Channels
    that add nobody are left out.

    Returns
    -------
    list of (channel, members, adds, reached so far)

    Examples
    --------
    >>> greedy_coverage({"a": {1, 2, 3}, "b": {1, 2}, "c": {4}})
    [('a', 3, 3, 3), ('c', 1, 1, 4)]
    """
    reached: set = set()
    left = dict(members)
    out = []
    while left:
        ch = min(left, key=lambda c: (-len(left[c] - reached), -len(left[c]), c))
        adds = len(left[ch] - reached)
        if adds == 0:
            break
        reached |= left.pop(ch)
        out.append((ch, len(members[ch]), adds, len(reached)))
    return out


def _community_names(clusters: pd.DataFrame | None) -> dict:
    if clusters is None or clusters.empty or "label" not in clusters:
        return {}
    return dict(zip(clusters["cluster"].astype(int), clusters["label"], strict=True))


def _starts(long: pd.DataFrame, clusters: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    names = _community_names(clusters)
    member = long.drop_duplicates("customer_id").set_index("customer_id")["cluster"]
    rows, plans = [], []
    # where to start: profiles' rule (the first ranked channel is greedy's first step too)
    for cl, (size, sets, how) in community_channels(
        long[long["channel"] != UNKNOWN], member
    ).items():
        label = names.get(cl, f"community {cl}")
        ranked = ranked_channels({ch: len(ids) for ch, ids in sets.items()})
        steps = {
            ch: (i + 1, adds, reached)
            for i, (ch, _, adds, reached) in enumerate(greedy_coverage(sets))
        }
        for rank, ch in enumerate(ranked, 1):
            step, adds, reached = steps.get(ch, (None, 0, None))
            rows.append(
                (int(cl), label, size, rank, ch, len(sets[ch]), round(len(sets[ch]) / size, 3),
                 step, adds, round(reached / size, 3) if reached is not None else None, how)
            )  # fmt: skip
        plans.append(_plan(int(cl), label, size, sets, steps, how))
    channels = pd.DataFrame(rows, columns=CHANNEL_COLUMNS).astype({"step": "Int64"})
    plan = pd.DataFrame(plans, columns=PLAN_COLUMNS)
    if len(plan):
        plan = plan.sort_values(["size", "cluster"], ascending=[False, True]).reset_index(drop=True)
    return channels, plan


def _plan(
    cl: int,
    label: str,
    size: int,
    sets: dict[str, set],
    steps: dict[str, tuple[int, int, int]],
    how: str = POSTS,
) -> dict:
    """The first and second channel of one community, and why (counts with separators).

    Examples
    --------
    >>> sets = {"twitter": set(range(5654))}
    >>> _plan(0, "fleet", 5654, sets, {"twitter": (1, 5654, 5654)})["why"]
    'Twitter: 5,654 of 5,654 members (100%) post there; no second channel reaches anyone new'
    >>> _plan(0, "fleet", 5, {"phone": {1, 2}}, {"phone": (1, 2, 2)}, "mentioned")["why"]
    'phone (mentioned): 2 of 5 members (40%) mention it; where they post is not known'
    """
    order = sorted(steps, key=lambda c: steps[c][0])
    first = order[0] if order else None
    second = order[1] if len(order) > 1 else None
    n1 = len(sets[first]) if first else 0
    adds = steps[second][1] if second else 0
    reach = (n1 + adds) / size if size else 0.0
    if first is None:
        why = "no channel known for its members"
    else:
        name = channel_name(first) + (" (mentioned)" if how == MENTIONED else "")
        verb = "mention it" if how == MENTIONED else "post there"
        why = f"{name}: {count(n1)} of {count(size)} members ({percent(n1 / size)}) {verb}"
        if second:
            why += (
                f"; then {channel_name(second)} adds {count(adds)} more, reaching {percent(reach)}"
            )
        elif how == MENTIONED:
            why += "; where they post is not known"
        else:
            why += "; no second channel reaches anyone new"
    return {
        "cluster": cl,
        "label": label,
        "size": size,
        "first_channel": first,
        "first_members": n1,
        "first_share": round(n1 / size, 3) if size else 0.0,
        "second_channel": second,
        "second_adds": adds,
        "reach": round(reach, 3),
        "why": why,
        "how": how if first else None,
    }


def _overall(long: pd.DataFrame, n_all: int) -> dict:
    sets, how = members_by_channel(long[long["channel"] != UNKNOWN])
    steps = greedy_coverage(sets)
    if not steps:
        return {"channel": None, "customers": 0, "of": n_all, "share": 0.0,
                "second_channel": None, "second_adds": 0, "reach": 0.0, "how": None}  # fmt: skip
    first = steps[0]
    second = steps[1] if len(steps) > 1 else None
    reached = second[3] if second else first[3]
    return {
        "channel": first[0],
        "customers": first[1],
        "of": n_all,
        "share": round(first[1] / n_all, 3),
        "second_channel": second[0] if second else None,
        "second_adds": second[2] if second else 0,
        "reach": round(reached / n_all, 3),
        "how": how,
    }
