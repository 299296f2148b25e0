"""Match this week's communities to last week's: stable, grew, shrank, split, merged, new, faded."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from passionmap.errors import PassionmapError
from passionmap.phrases import split_list, text_or
from passionmap.weekly.changes import (
    Matches,
    Sizes,
    change_table,
    current_rows,
    gone_rows,
)

#: What a matched community's change compares: member counts, or the
#: community's share of the week's active customers (when a week is partial).
BASES = ("members", "share")


def interest_profiles(customers: pd.DataFrame, mentions: pd.DataFrame) -> pd.Series:
    """Customers per (cluster, interest): what each community talks about, all of it.

    >>> cu = pd.DataFrame({"customer_id": ["a", "b", "c"], "cluster": [0, 0, -1]})
    >>> m = pd.DataFrame({"customer_id": ["a", "a", "b", "c"], "kind": "interest",
    ...                   "term": ["chess", "chess", "chess", "golf"]})
    >>> interest_profiles(cu, m).to_dict()
    {(0, 'chess'): 2}
    """
    m = mentions.loc[mentions["kind"] == "interest", ["customer_id", "term"]]
    member = customers.set_index(customers["customer_id"].astype(str))["cluster"]
    m = m.assign(cluster=m["customer_id"].astype(str).map(member)).drop_duplicates()
    m = m[m["cluster"].fillna(-1) >= 0].astype({"cluster": int})
    return m.groupby(["cluster", "term"]).size()


def profile_similarity(prev: pd.Series, curr: pd.Series) -> dict[tuple[int, int], float]:
    """Cosine of two weeks' community profiles (:func:`interest_profiles`), IDF-weighted.

    An interest every community of the two weeks shares tells none apart: each
    is weighted by log(1 + communities / communities using it), as c-TF-IDF
    weighs a topic's words.

    >>> a = pd.Series({(0, "chess"): 5, (0, "tea"): 1, (1, "golf"): 4})
    >>> b = pd.Series({(7, "chess"): 3, (7, "tea"): 2, (8, "yoga"): 2})
    >>> {k: round(v, 2) for k, v in profile_similarity(a, b).items() if v}
    {(0, 7): 0.92}
    """
    if prev.empty or curr.empty:
        return {}
    table = pd.concat({"prev": prev, "curr": curr}).unstack(fill_value=0)
    x = table.to_numpy(float)
    x = x * np.log1p(len(x) / (x > 0).sum(axis=0))
    x = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    side = table.index.get_level_values(0)
    ids = table.index.get_level_values(1).astype(int)
    p, c = np.flatnonzero(side == "prev"), np.flatnonzero(side == "curr")
    sim = x[p] @ x[c].T
    return {(int(ids[i]), int(ids[j])): float(sim[a, b])
            for a, i in enumerate(p) for b, j in enumerate(c)}  # fmt: skip


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
        written = split_list(row.get("top_interests"))
        interests = [t.lower() for t in written]
        rows[int(row["cluster"])] = {
            "label": label,
            "size": int(row["size"]),
            "interests": set(interests),
            # what the community is about first: its top interest (else its label)
            "top": interests[0] if interests else label.lower(),
            # the same as a reader reads it, in the note of one that continues
            "top_said": f"same top interest, {written[0]}" if written else f"same name, {label}",
        }
    return rows


def customer_count(customers: pd.DataFrame | None) -> int:
    """Customers in a week's customers table (with or without a community)."""
    if customers is None or customers.empty:
        return 0
    return int(customers["customer_id"].astype(str).nunique())


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
    prev_mentions: pd.DataFrame | None = None,
    curr_mentions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Match this week's communities to last week's and say what happened to each.

    Two communities match when they share members and interests: the score
    is ``w * member_jaccard + (1 - w) * interest_similarity``.
    ``member_jaccard`` compares the members seen in both weeks, and
    ``interest_similarity`` is the cosine of the two communities' interest
    profiles (:func:`profile_similarity`: customers per interest, from each
    week's mentions) or, without the mentions, the Jaccard overlap of their
    ``top_interests``. Members vote as far as they can: ``w`` is ``1 -
    interest_weight`` times the share of the pair's members seen in both weeks.
    Where few customers come back (one post each, as on reddit), who the
    members are says nothing and what they talk about decides; where all come
    back, the weights are ``1 - interest_weight`` and ``interest_weight``.
    Pairs are matched one to one, best score first, when the score reaches
    ``min_score``. A matched community keeps the previous
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
    Where no customer is in both weeks, matched communities are ``"matched"``
    and no size change is given: two communities found anew on different
    people, joined only by what they talk about, say nothing about growth
    (measured on reddit: :class:`passionmap.weekly.changes.Sizes`).
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
    prev_mentions, curr_mentions : DataFrame, optional
        Each week's mentions (``customer_id``, ``kind``, ``term``), for the
        interest profiles; without both, ``top_interests`` is compared.

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
    n_prev = customer_count(prev_customers) if active_prev is None else int(active_prev)
    n_curr = customer_count(curr_customers) if active_curr is None else int(active_curr)
    common = set()
    known = prev_customers is not None and curr_customers is not None
    if known:
        common = set(prev_customers["customer_id"].astype(str)) & set(
            curr_customers["customer_id"].astype(str)
        )
    prev_m = _members(prev_customers, common)
    curr_m = _members(curr_customers, common)
    similar = None
    if prev_mentions is not None and curr_mentions is not None:
        similar = profile_similarity(
            interest_profiles(prev_customers, prev_mentions),
            interest_profiles(curr_customers, curr_mentions),
        )
    pairs = _pair_scores(prev, curr, prev_m, curr_m, interest_weight, similar)
    m = Matches()
    _best_pairs(m, pairs, min_score)
    _splits(m, prev_m, curr_m, curr, part_share)
    _merges(m, prev_m, curr_m, prev, part_share)
    _same_top(m, prev, curr, pairs)
    sizes = Sizes(n_prev, n_curr, basis, threshold, followed=bool(common) or not known)
    rows = current_rows(m, prev, curr, pairs, sizes) + gone_rows(m, prev, curr, pairs, sizes)
    return change_table(rows, basis)


def _pair_scores(
    prev: dict,
    curr: dict,
    prev_m: dict,
    curr_m: dict,
    interest_weight: float,
    similar: dict | None = None,
) -> dict[tuple[int, int], tuple[float, float, float, int]]:
    """(previous, current) -> (member Jaccard, interest similarity, score, shared members).

    Members weigh ``1 - interest_weight`` times the share of the pair's members
    seen in both weeks. Measured on 15 reddit weeks (2013-W18..W32, one post per
    customer, so no one comes back), with the subreddits as truth: a fixed member
    weight left 94 of the 192 communities called "appeared" with a "faded" twin
    of the same subreddits (truth cosine >= 0.5); weighted by who came back and
    with the interest profiles, 48 of 132, with as few wrong matches (5 under
    truth cosine 0.2). On the sample's weeks, where 40% of customers return,
    the tracked communities hold their planted ones as before.
    """
    pairs = {}
    for p, prow in prev.items():
        pm = prev_m.get(p, set())
        for c, crow in curr.items():
            cm = curr_m.get(c, set())
            mj = _jaccard(pm, cm)
            if similar is None:
                ij = _jaccard(prow["interests"], crow["interests"])
            else:
                ij = similar.get((p, c), 0.0)
            both = prow["size"] + crow["size"]
            seen = min(1.0, (len(pm) + len(cm)) / both) if both else 0.0
            w = (1 - interest_weight) * seen
            pairs[(p, c)] = (mj, ij, w * mj + (1 - w) * ij, len(pm & cm))
    return pairs


def _best_pairs(m: Matches, pairs: dict, min_score: float) -> None:
    """1. One-to-one matches, best score first (ties: larger overlap, then ids)."""
    order = sorted(pairs.items(), key=lambda kv: (-kv[1][2], -kv[1][3], kv[0]))
    for (p, c), (_mj, _ij, score, _n) in order:
        if score < min_score or p in m.prev_to_curr or c in m.curr_to_prev:
            continue
        m.pair(c, p)


def _splits(m: Matches, prev_m: dict, curr_m: dict, curr: dict, part_share: float) -> None:
    """2. Splits: an unmatched current community mostly drawn from one matched previous."""
    for c, p in _mostly_from(curr, curr_m, prev_m, m.curr_to_prev, part_share):
        if len(curr_m[c]) < part_share * curr[c]["size"]:
            continue  # mostly newcomers: it appeared, whoever the few old faces were
        if p in m.prev_to_curr:
            m.split_from[c] = p
        else:  # its main source is free: it is the same community, shrunk or grown
            m.pair(c, p)


def _merges(m: Matches, prev_m: dict, curr_m: dict, prev: dict, part_share: float) -> None:
    """3. Merges: an unmatched previous community that mostly went to one matched current."""
    for p, c in _mostly_from(prev, prev_m, curr_m, m.prev_to_curr, part_share):
        if c in m.curr_to_prev:
            m.merged_into[p] = c
        else:
            m.pair(c, p)


def _mostly_from(
    groups: dict, members: dict, others: dict[int, set], matched: dict, part_share: float
) -> Iterator[tuple[int, int]]:
    """Each unmatched group of ``groups`` with the other side's group most of its members share."""
    for g in sorted(groups):
        if g in matched or not members.get(g):
            continue
        o, n = _largest_source(members[g], others)
        if o is not None and n / len(members[g]) >= part_share:
            yield g, o


def _same_top(m: Matches, prev: dict, curr: dict, pairs: dict) -> None:
    """4. What is left and shares its top interest continues: a new crowd, same passion."""
    for c in sorted(curr, key=lambda c: (-curr[c]["size"], c)):
        if c in m.curr_to_prev or c in m.split_from:
            continue
        same = [
            p
            for p in prev
            if p not in m.prev_to_curr
            and p not in m.merged_into
            and prev[p]["top"] == curr[c]["top"]
        ]
        if same:
            p = max(same, key=lambda p: (pairs[(p, c)][2], prev[p]["size"], -p))
            m.pair(c, p)
            m.by_top[c] = curr[c]["top_said"]


def _largest_source(members: set, groups: dict[int, set]) -> tuple[int | None, int]:
    """The group holding most of ``members`` and how many it holds."""
    best, best_n = None, 0
    for g in sorted(groups):
        n = len(members & groups[g])
        if n > best_n:
            best, best_n = g, n
    return best, best_n
