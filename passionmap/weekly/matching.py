"""Match this week's communities to last week's: stable, grew, shrank, split, merged, new, faded."""

from __future__ import annotations

import pandas as pd

from passionmap.errors import PassionmapError
from passionmap.phrases import missing, split_list, text_or
from passionmap.weekly.names import tell_apart

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


#: What a matched community's change compares: member counts, or the
#: community's share of the week's active customers (when a week is partial).
BASES = ("members", "share")


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


def _largest_source(members: set, groups: dict[int, set]) -> tuple[int | None, int]:
    """The group holding most of ``members`` and how many it holds."""
    best, best_n = None, 0
    for g in sorted(groups):
        n = len(members & groups[g])
        if n > best_n:
            best, best_n = g, n
    return best, best_n
