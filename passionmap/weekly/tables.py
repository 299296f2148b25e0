"""Per-community tables of one week: channels, interests, where to start, the community table."""

from __future__ import annotations

import pandas as pd

from passionmap.analysis.profiles import MENTIONED, POSTS, pick_starts
from passionmap.phrases import (
    channel_name,
    count,
    list_text,
    missing,
    percent,
    split_list,
    text_or,
)
from passionmap.weekly.names import display_names


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
    from passionmap.analysis.graph import customer_channels

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
        uses = uses[uses["customer_id"].isin(member)]
        # a community none of whose members posts on a known channel: its mentions tell
        # where it is (profiles.members_by_channel), whoever else posts on those channels
        posting = {member[c] for c in uses.loc[uses["posts"] > 0, "customer_id"]}
        silent = ~uses["customer_id"].map(member).isin(posting)
        uses.loc[silent, "how"] = MENTIONED
        uses = uses[(uses["posts"] > 0) | (uses["how"] == MENTIONED)]
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


def known_generations(customers: pd.DataFrame | None) -> tuple[int, int]:
    """Community members with a stated or inferred generation, and all members.

    >>> import pandas as pd
    >>> known_generations(pd.DataFrame({"cluster": [0, 1, -1], "generation": ["Gen Z", None, "X"]}))
    (1, 2)
    """
    if customers is None or customers.empty or "generation" not in customers:
        return 0, 0
    members = customers.loc[customers["cluster"] >= 0, "generation"]
    return int(members.notna().sum()), len(members)


def known_share(customers: pd.DataFrame | None) -> float:
    """The share of community members whose generation is known (stated or inferred).

    Below :data:`MIN_KNOWN_GENERATIONS` the reports show no generation mix.

    Examples
    --------
    >>> import pandas as pd
    >>> cu = pd.DataFrame({"cluster": [0, 0, 1, -1], "generation": ["Gen Z", None, None, "Gen X"]})
    >>> round(known_share(cu), 3), known_share(cu.iloc[:0])
    (0.333, 0.0)
    """
    known, members = known_generations(customers)
    return known / members if members else 0.0


#: How members use a channel in :func:`channel_shares` and :func:`start_channels`: they post
#: on it, only mention it (both as in :mod:`passionmap.analysis.profiles`), or have it in
#: their ``channels`` list (no comments given).
USES = "uses"


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
    is known, and ``how`` then says ``"mentioned"``: the rule of
    :func:`passionmap.analysis.profiles.start_channels`, applied to the counts of ``shares``.

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
    rows = clusters[clusters["cluster"] >= 0].to_dict("records")
    # a community's size as shares counted it (its customers), else as clusters says
    counted = shares.drop_duplicates("cluster").set_index("cluster")["size"]
    sizes = {int(r["cluster"]): int(counted.get(int(r["cluster"]), r["size"])) for r in rows}
    picked = pick_starts(shares, sizes).set_index("cluster")
    out = []
    for row in rows:
        cl = int(row["cluster"])
        pick = picked.loc[cl]
        start, how = pick["start_channel"], pick["how"]
        if missing(start):
            out.append((cl, row.get("label"), int(row["size"]), None, 0.0,
                        "no channel known for its members", None, ""))  # fmt: skip
            continue
        members, size, share = int(pick["members"]), int(pick["size"]), float(pick["share"])
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
        out.append((cl, row.get("label"), int(row["size"]), start, share, why, how, start_text))
    table = pd.DataFrame(out, columns=cols)
    return table.sort_values(["size", "cluster"], ascending=[False, True]).reset_index(drop=True)


def _labels(cluster_ids: pd.Series, clusters: pd.DataFrame | None) -> pd.Series:
    if clusters is None or clusters.empty:
        return cluster_ids.map(lambda c: f"community {c}")
    names = dict(zip(clusters["cluster"].astype(int), clusters["label"], strict=True))
    return cluster_ids.map(lambda c: names.get(int(c), f"community {c}"))


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
    ...     "top_interests": [["yoga", "tea"]], "start_channel": ["instagram"],
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
    cols["top interests"] = [list_text(v) for v in cl["top_interests"]]
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
    from passionmap.vocab import GENERATIONS

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
