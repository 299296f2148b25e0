"""Stage 5: profile customers and communities (labels, interests, channels, generations)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..config import Config, require_config
from ..errors import PassionmapError
from ..io.columns import require_columns
from ..nlp.age_cues import infer_generations
from ..phrases import SEP, UNNAMED, percent
from ..vocab import GENERATIONS
from .graph import customer_channels

TOP = 5  # interests listed per customer and per community
MIN_SUPPORT = 0.15  # share of members a label interest needs
MIN_MEMBERS = 2  # members an interest needs to be a community's (min_mentions' default)
#: How the members of a community use its start channel: they post there, or only name it.
POSTS, MENTIONED = "posts on", "mentioned"


@dataclass
class Profile:
    """The two tables of :func:`profile`: one row per customer, one per community."""

    customers: pd.DataFrame
    clusters: pd.DataFrame


def profile(
    comments: pd.DataFrame,
    mentions: pd.DataFrame,
    clusters: pd.Series,
    config: Config = Config(),
    *,
    cues: pd.DataFrame | None = None,
    talk: pd.DataFrame | None = None,
) -> Profile:
    """Describe every customer and every community.

    A community's ``label`` joins its two most distinctive interests: highest
    lift (share of members mentioning it / share of all clustered customers)
    among its common interests (mentioned by at least ``MIN_SUPPORT`` of its
    members and at least half as many as its most common interest). Where no
    interest is that common, ``talk`` (candidate terms the corpus judged its
    domain, :mod:`passionmap.nlp.vocabulary`) names what the members talk about
    by the same rule: ``about: bag & luggage``; unless its interests are about
    as common as that talk (the commonest used by at least half as many
    members): then the two that set it apart most (share x log lift) name it,
    ``TrueType & printer driver`` rather than ``about: Windows``. Where no term
    is that common, ``mixed: `` and its two commonest terms that more than one member
    uses (``min_mentions``); none: ``no named interest #N``.
    ``start_channel`` is where to start with it (:func:`start_channels`:
    the channel most of its members post on). ``passion`` is the mean passion of its
    members' interest mentions; missing (NaN, a blank cell in clusters.csv) where they
    mention no interest: no data, not matter-of-fact. Generations not stated by an age are
    inferred from ``cues``, the age cues extraction found
    (:func:`passionmap.nlp.age_cues.cue_table`); without them, from the cues in the
    comments' text (:func:`passionmap.nlp.age_cues.find_cues`).

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"customer_id": list("abc"), "channel": ["pinterest"] * 3,
    ...     "age": [30.0, 31.0, None], "generation": ["Millennials"] * 2 + [None],
    ...     "timestamp": pd.NaT})
    >>> m = pd.DataFrame({"customer_id": list("abc"), "term": ["yoga"] * 3,
    ...     "label": ["yoga"] * 3, "kind": ["interest"] * 3, "passion": [0.9, 0.7, 0.5]})
    >>> p = profile(c, m, pd.Series([0, 0, 0], index=list("abc")))
    >>> p.clusters[["size", "label", "start_channel"]].values.tolist()
    [[3, 'yoga', 'pinterest']]
    """
    needed = ("customer_id", "channel", "timestamp", "age", "generation")
    require_columns(comments, needed, "pm.profile")
    require_columns(mentions, ("customer_id", "kind", "term", "label", "passion"), "pm.profile",
                    "mentions")  # fmt: skip
    config = require_config(config, "pm.profile")
    if not isinstance(clusters, pd.Series):
        raise PassionmapError(
            f"pm.profile: clusters must be a Series of community numbers indexed by customer_id "
            f"(pm.find_communities or pm.detect(...).labels), not a {type(clusters).__name__}"
        )
    comments = comments.assign(customer_id=comments["customer_id"].astype(str))
    interests = mentions[mentions["kind"] == "interest"]
    labels = mentions.drop_duplicates("term").set_index("term")["label"]
    cluster = clusters.rename("cluster")
    cluster.index = cluster.index.astype(str)
    chans = channel_uses(comments, mentions)
    customers = _customers(comments, interests, chans, cluster, labels, cues)
    starts = start_channels(chans, customers.set_index("customer_id")["cluster"])
    talked = None
    if talk is not None and len(talk):
        talked = talk.assign(customer_id=talk["customer_id"].astype(str))
        labels = pd.concat([labels, talked.drop_duplicates("term").set_index("term")["label"]])
        labels = labels[~labels.index.duplicated()]
    table = _clusters(customers, interests, chans, labels, starts, talked, config.min_mentions)
    return Profile(customers=customers, clusters=table)


def channel_uses(comments: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Each channel a customer posts on or mentions:
    :func:`~passionmap.analysis.graph.customer_channels` and ``posted`` (False for a channel
    the customer only names in a comment).
    """
    uses = customer_channels(comments, mentions)
    return uses.assign(posted=uses["posts"] > 0)


def _counted(rows: pd.DataFrame, posted: pd.Series) -> tuple[pd.DataFrame, str]:
    """The rows that count for where to start: those posted on; all of them (how
    :data:`MENTIONED`) when none is. ``rows`` are per customer (:func:`members_by_channel`)
    or per channel (:func:`pick_starts`); ``posted`` marks the ones posted on."""
    return (rows[posted], POSTS) if bool(posted.any()) or rows.empty else (rows, MENTIONED)


def members_by_channel(uses: pd.DataFrame) -> tuple[dict[str, set], str]:
    """The members of a group on each channel, and how (:data:`POSTS` or :data:`MENTIONED`).

    ``uses`` are the group's rows of :func:`channel_uses`. The channels its
    members post on count; a channel they only mention counts only when none
    of them posts on a known channel (``how`` is then :data:`MENTIONED`).

    Examples
    --------
    >>> u = pd.DataFrame({"customer_id": list("abc"), "channel": ["sms", "sms", "phone"],
    ...                   "posted": [True, True, False]})
    >>> sets, how = members_by_channel(u)
    >>> {ch: sorted(ids) for ch, ids in sets.items()}, how
    ({'sms': ['a', 'b']}, 'posts on')
    >>> members_by_channel(u[~u["posted"]])
    ({'phone': {'c'}}, 'mentioned')
    """
    use, how = _counted(uses, uses["posted"].astype(bool))
    return {str(ch): set(g["customer_id"]) for ch, g in use.groupby("channel")}, how


def community_channels(
    uses: pd.DataFrame, member: pd.Series
) -> dict[int, tuple[int, dict[str, set], str]]:
    """Each community's size, its members on each channel and how (:func:`members_by_channel`).

    ``uses`` are rows of :func:`channel_uses`; ``member`` the community of each
    customer (index ``customer_id``; -1: none). Every community of ``member``
    has an entry, in cluster order, those with no known channel too (no sets).

    >>> u = pd.DataFrame({"customer_id": list("abc"), "channel": ["sms", "sms", "phone"],
    ...                   "posted": [True, False, False]})
    >>> community_channels(u, pd.Series([0, 0, 1], index=list("abc")))
    {0: (2, {'sms': {'a'}}, 'posts on'), 1: (1, {'phone': {'c'}}, 'mentioned')}
    """
    member = member[member >= 0]
    sizes = member.groupby(member).size()
    uses = uses.assign(cluster=uses["customer_id"].map(member))
    by_cluster = dict(list(uses[uses["cluster"].notna()].groupby("cluster")))
    return {
        int(cl): (int(sizes[cl]), *members_by_channel(by_cluster.get(cl, uses.iloc[:0])))
        for cl in sorted(sizes.index)
    }


def ranked_channels(members: Mapping[str, int]) -> list[str]:
    """Channels by members, most first; ties go to the first by name. The first is where to start.

    >>> ranked_channels({"sms": 1, "email": 1, "phone": 2})
    ['phone', 'email', 'sms']
    """
    return sorted(members, key=lambda ch: (-members[ch], ch))


def start_channels(uses: pd.DataFrame, member: pd.Series) -> pd.DataFrame:
    """Where to start with each community: the one implementation of "where to start".

    The channel most of its members post on (ties: the first by name); for a
    community none of whose members posts on a known channel, the channel most
    of them mention, with ``how`` :data:`MENTIONED` (:func:`members_by_channel`,
    then :func:`pick_starts`). :func:`profile`,
    :func:`passionmap.analysis.audiences.audience` (through
    :func:`community_channels`) and :func:`passionmap.weekly.tables.start_channels`
    (through :func:`pick_starts`) all take it from here.

    Parameters
    ----------
    uses : DataFrame
        :func:`channel_uses` (``customer_id``, ``channel``, ``posted``).
    member : Series
        The community of each customer (index ``customer_id``; -1: none).

    Returns
    -------
    DataFrame
        ``cluster``, ``size``, ``start_channel`` (None when no channel is
        known), ``members``, ``share``, ``how``; one row per community, in
        cluster order.

    Examples
    --------
    >>> u = pd.DataFrame({"customer_id": list("abc"), "channel": ["sms", "sms", "phone"],
    ...                   "posted": [True, False, False]})
    >>> start_channels(u, pd.Series([0, 0, 1], index=list("abc"))).values.tolist()
    [[0, 2, 'sms', 1, 0.5, 'posts on'], [1, 1, 'phone', 1, 1.0, 'mentioned']]
    """
    groups = community_channels(uses, member)
    counts = pd.DataFrame(
        [
            (cl, ch, len(ids), how)
            for cl, (_, sets, how) in groups.items()
            for ch, ids in sets.items()
        ],
        columns=["cluster", "channel", "members", "how"],
    )
    return pick_starts(counts, {cl: size for cl, (size, _, _) in groups.items()})


def pick_starts(counts: pd.DataFrame, sizes: Mapping[int, int]) -> pd.DataFrame:
    """The rule of :func:`start_channels` applied to member counts per channel.

    ``counts`` has ``cluster``, ``channel``, ``members`` and ``how`` (one row a
    community and channel); the rows posted on (``how`` not :data:`MENTIONED`)
    count, the mentioned ones only for a community with none. ``sizes``: the
    members of each community (all of them get a row, in cluster order).

    >>> c = pd.DataFrame({"cluster": [0, 0, 1], "channel": ["sms", "phone", "phone"],
    ...     "members": [1, 2, 1], "how": ["posts on", "mentioned", "mentioned"]})
    >>> pick_starts(c, {0: 2, 1: 1, 2: 4})[["start_channel", "share", "how"]].values.tolist()
    [['sms', 0.5, 'posts on'], ['phone', 1.0, 'mentioned'], [nan, 0.0, nan]]
    """
    by_cluster = dict(list(counts.groupby("cluster")))
    rows = []
    for cl in sorted(sizes):
        size = int(sizes[cl])
        mine = by_cluster.get(cl, counts.iloc[:0])
        use, _ = _counted(mine, mine["how"] != MENTIONED)
        members = dict(zip(use["channel"], use["members"].astype(int), strict=True))
        first = next(iter(ranked_channels(members)), None)
        n = members[first] if first is not None else 0
        how = use["how"].iloc[0] if first is not None else None
        rows.append((int(cl), size, first, n, n / size if size else 0.0, how))
    cols = ["cluster", "size", "start_channel", "members", "share", "how"]
    return pd.DataFrame(rows, columns=cols)


def _customers(
    comments: pd.DataFrame,
    interests: pd.DataFrame,
    chans: pd.DataFrame,
    cluster: pd.Series,
    labels: pd.Series,
    cues: pd.DataFrame | None = None,
) -> pd.DataFrame:
    ordered = comments.sort_values(["customer_id", "timestamp"], na_position="first")
    known = ordered.dropna(subset=["age"])
    latest = known.groupby("customer_id")[["age", "generation"]].last()
    base = ordered.groupby("customer_id").size().rename("n_comments").to_frame()
    base = _with_inferred(base.join(latest), ordered, cues)
    scores = (
        interests.assign(score=0.5 + interests["passion"].clip(lower=0))
        .groupby(["customer_id", "term"])["score"]
        .sum()
        .reset_index()
        .sort_values(["customer_id", "score", "term"], ascending=[True, False, True])
    )
    top = scores.groupby("customer_id").head(TOP)
    top_txt = top.assign(label=top["term"].map(labels)).groupby("customer_id")["label"]
    base["top_interests"] = top_txt.agg(list)  # lists until export (io.export joins them)
    by_use = chans.sort_values(["customer_id", "n", "channel"], ascending=[True, False, True])
    base["channels"] = by_use.groupby("customer_id")["channel"].agg(list)
    base["cluster"] = cluster.reindex(base.index).fillna(-1).astype("int64")
    for col in ("top_interests", "channels"):  # a list for everyone, [] for nobody's
        base[col] = base[col].astype(object).map(lambda v: v if isinstance(v, list) else [])
    base.index.name = "customer_id"
    out = base.reset_index()
    cols = [
        "customer_id",
        "cluster",
        "generation",
        "age",
        "n_comments",
        "top_interests",
        "channels",
        "generation_source",
        "generation_confidence",
    ]
    return out[cols].sort_values("customer_id").reset_index(drop=True)


def _with_inferred(
    base: pd.DataFrame, comments: pd.DataFrame, cues: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Fill unknown generations from age cues in what customers write.

    ``generation_source`` says where each generation comes from: ``stated``
    (an age), ``inferred`` (:func:`passionmap.nlp.age_cues.infer_generations`,
    with its ``generation_confidence``) or ``unknown`` (no evidence: no guess).
    """
    stated = base["generation"].notna()
    todo = comments[comments["customer_id"].isin(base.index[~stated])]
    if "text" not in todo:  # tables without text: nothing to infer from
        todo = todo.assign(text="")
    found = None if cues is None else cues.assign(customer_id=cues["customer_id"].astype(str))
    inferred = infer_generations(todo, found=found).set_index("customer_id").reindex(base.index)
    got = ~stated & inferred["generation"].notna()
    gen = base["generation"].where(stated, inferred["generation"]).astype(object)
    base["generation"] = gen.where(gen.notna(), None)
    base["generation_source"] = np.select([stated, got], ["stated", "inferred"], "unknown")
    conf = np.where(stated, 1.0, np.where(got, inferred["confidence"].fillna(0.0), 0.0))
    base["generation_confidence"] = conf.astype("float64")
    return base


def _clusters(
    customers: pd.DataFrame,
    interests: pd.DataFrame,
    chans: pd.DataFrame,
    labels: pd.Series,
    starts: pd.DataFrame,
    talk: pd.DataFrame | None = None,
    min_members: int = MIN_MEMBERS,
) -> pd.DataFrame:
    member = customers.set_index("customer_id")["cluster"]
    sizes = member[member >= 0].value_counts()
    users, pop = _users(interests, member)
    talkers, talk_pop = _users(talk, member)
    chan = chans.assign(cluster=chans["customer_id"].map(member))
    first_channel = {
        cl: (ch if ch is not None else "unknown", share)
        for cl, ch, share in zip(
            starts["cluster"], starts["start_channel"], starts["share"], strict=True
        )
    }
    rows = []
    for c in sorted(sizes.index):
        size = int(sizes[c])
        stats = _term_stats(users, pop, c, size)
        shared = stats[shared_by(stats["share"] * size, size, min_members)]
        top = [str(labels[t]) for t in shared["term"].head(TOP)]
        label = " & ".join(str(labels[t]) for t in _distinct(stats))
        talked = stats.iloc[:0]
        if not label and len(talkers):
            talked = _term_stats(talkers, talk_pop, c, size)
        if not label and _rivals(shared, talked):
            # no interest reaches MIN_SUPPORT, but its interests are as common as its talk
            label = " & ".join(str(labels[t]) for t in _telling(shared))
        if not label:  # no shared interest: what they talk about, "about: bag & luggage"
            said = _distinct(talked)
            if said:
                label = "about: " + " & ".join(str(labels[t]) for t in said)
            else:
                # no term shared by enough members: a loose group, named by its commonest
                # terms, interests or talk, whichever more members use (not "church" for 1 of
                # 600); a term of one member names no group ("mixed: Bale" for 1 of 9)
                common = talked[shared_by(talked["share"] * size, size, min_members)]
                loose = max((shared, common), key=lambda t: t["share"].max() if len(t) else -1.0)
                if len(loose):
                    label = "mixed: " + " & ".join(str(labels[t]) for t in loose["term"].head(2))
        # linked by the words they use, but no interest term is theirs: said, not hidden
        label = label or f"{UNNAMED} #{c}"
        on = chan[chan["cluster"] == c].groupby("channel")["customer_id"].nunique()
        on = on.reset_index().sort_values(["customer_id", "channel"], ascending=[False, True])
        start, start_share = first_channel.get(c, (None, 0.0))
        gens = customers.loc[customers["cluster"] == c, "generation"]
        mine = interests[interests["customer_id"].map(member) == c]
        rows.append(
            {
                "cluster": int(c),
                "size": size,
                "label": label,
                "top_interests": top,
                "top_channels": on["channel"].head(3).tolist(),
                "start_channel": start,
                "generation_mix": generation_mix(gens),
                # no interest mention: no passion to measure (NaN, a blank cell), not 0
                "passion": round(float(mine["passion"].mean()), 3) if len(mine) else np.nan,
                "start_share": round(float(start_share), 3),
            }
        )
    cols = [
        "cluster", "size", "label", "top_interests", "top_channels", "start_channel",
        "generation_mix", "passion", "start_share",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def _users(terms: pd.DataFrame | None, member: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """Distinct (customer, term, cluster) of clustered customers, and each term's share of them."""
    if terms is None or terms.empty:
        return pd.DataFrame(columns=["customer_id", "term", "cluster"]), pd.Series(dtype=float)
    users = terms[["customer_id", "term"]].drop_duplicates()
    users = users.assign(cluster=users["customer_id"].map(member))
    users = users[users["cluster"] >= 0]
    return users, users.groupby("term").size() / max((member >= 0).sum(), 1)


def shared_by(members: pd.Series, size: pd.Series | int, min_members: int) -> pd.Series:
    """Whether ``members`` of a community of ``size`` make an interest the community's:
    at least ``min_members`` (``min_mentions``, the customers an interest needs to link
    people), all of a smaller community. One member's "charity" is not a 579-member
    community's interest. The tolerance absorbs a member count rebuilt from a share.

    >>> shared_by(pd.Series([1, 2, 1]), pd.Series([579, 579, 1]), 2).tolist()
    [False, True, True]
    """
    return members >= np.minimum(min_members, size) - 1e-9


def _term_stats(users: pd.DataFrame, pop: pd.Series, cluster: int, size: int) -> pd.DataFrame:
    """term, share of the members using it, lift over all clustered customers; commonest first."""
    share = users[users["cluster"] == cluster].groupby("term").size() / size
    stats = pd.DataFrame({"share": share, "lift": share / pop.reindex(share.index)})
    return stats.reset_index(names="term").sort_values(
        ["share", "lift", "term"], ascending=[False, False, True]
    )


def _rivals(interests: pd.DataFrame, talk: pd.DataFrame) -> bool:
    """Whether a community's commonest interest is used by at least half as many
    members as its commonest talk term (the factor of :func:`_distinct`'s floor),
    where that talk would name it (``MIN_SUPPORT`` of its members).

    Then its interests name it better than its talk: on the newsgroups the printer
    authors' "TrueType" and "printer driver" beside "Windows"; where a few airline
    complainers' "dog" stands beside the "bag" most of them write, "about: bag"
    stays. A talk term below ``MIN_SUPPORT`` names no one either: that loose group
    stays "mixed: ".

    >>> _rivals(pd.DataFrame({"share": [0.10]}), pd.DataFrame({"share": [0.18]}))
    True
    >>> _rivals(pd.DataFrame({"share": [0.004]}), pd.DataFrame({"share": [0.4]}))
    False
    """
    if interests.empty or talk.empty or float(talk["share"].max()) < MIN_SUPPORT:
        return False
    return float(interests["share"].max()) >= float(talk["share"].max()) / 2


def _telling(stats: pd.DataFrame) -> list[str]:
    """The two terms that tell the community apart most: share x log(lift), each
    term's part in how far the members' terms are from everyone's (Kullback-Leibler).

    Needs no floor on the share: a term of few members or of everyone scores low.

    >>> _telling(pd.DataFrame({"term": ["motif", "server", "thanks"],
    ...     "share": [0.14, 0.16, 0.5], "lift": [6.0, 3.0, 1.0]}))
    ['motif', 'server']
    """
    score = stats["share"] * np.log(stats["lift"].clip(lower=1.0))
    ranked = stats.assign(score=score).sort_values(["score", "term"], ascending=[False, True])
    return ranked.loc[ranked["score"] > 0, "term"].head(2).tolist()


def _distinct(stats: pd.DataFrame) -> list[str]:
    """The two most distinctive common terms: highest lift among those at least
    ``MIN_SUPPORT`` of members use, and at least half as many as the commonest."""
    if stats.empty:
        return []
    floor = max(MIN_SUPPORT, stats["share"].max() / 2)
    common = stats[stats["share"] >= floor]
    ranked = common.sort_values(["lift", "share", "term"], ascending=[False, False, True])
    return ranked["term"].head(2).tolist()


def generation_mix(generations: pd.Series) -> str:
    """Shares of generations, largest first, unknown last.

    >>> generation_mix(pd.Series(["Gen X", "Gen X", "Millennials", None]))
    'Gen X 50%; Millennials 25%; unknown 25%'
    """
    if generations.empty:
        return ""
    shares = generations.fillna("unknown").value_counts(normalize=True)
    order = {g: i for i, g in enumerate(GENERATIONS)}
    known = sorted(
        (g for g in shares.index if g != "unknown"), key=lambda g: (-shares[g], order.get(g, 99))
    )
    # percent(): 1 Millennial of 766 is "0.1%", not "0%" beside "unknown 100%"
    parts = [f"{g} {percent(shares[g])}" for g in known]
    if "unknown" in shares:
        parts.append(f"unknown {percent(shares['unknown'])}")
    return SEP.join(parts)
