"""The community map's network and layout: which communities and interests, where.

No drawing here: :func:`passionmap.viz.plots.community_map` (static PNG) and
:func:`passionmap.viz.network_map.interactive_map` (Bokeh) both draw this network,
so the two pictures always agree.

- :func:`distinctive_interests`: each community's interests, the most distinctive first;
- :func:`map_graph`: communities linked to their top interests (an interest several
  communities share links them), capped at :data:`MAX_COMMUNITIES` x :data:`TOP_INTERESTS`;
- :func:`map_layout`: its seeded layout (the same seed, the same picture).

Examples
--------
>>> import pandas as pd
>>> cl = pd.DataFrame({"cluster": [0, 1], "size": [12, 5], "label": ["bakers", "runners"],
...                    "top_interests": ["sourdough; coffee", "trail running; coffee"]})
>>> g = map_graph(cl)
>>> sorted(d["name"] for _, d in g.nodes(data=True) if d["kind"] == "interest")
['coffee', 'sourdough', 'trail running']
>>> sorted(g.neighbors(("interest", "coffee")))  # coffee links the two communities
[('community', 0), ('community', 1)]
"""

from __future__ import annotations

import math
from collections.abc import Callable

import networkx as nx
import numpy as np
import pandas as pd

from passionmap.phrases import channel_name, missing, percent, split_list, text_or

#: Most communities drawn on a map (the largest); the others are counted in its title.
MAX_COMMUNITIES = 20
#: Interests drawn per community.
TOP_INTERESTS = 4
#: One colour per community, in order of size (Bokeh's Category20 = matplotlib's tab20).
PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94",
    "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
)  # fmt: skip


# ------------------------------------------------------------- the network
def distinctive_interests(
    mentions: pd.DataFrame,
    customers: pd.DataFrame,
    top: int = TOP_INTERESTS,
    min_members: int = 2,
) -> pd.DataFrame:
    """Each community's interests, the most distinctive first.

    An interest is *common* in a community when at least ``min_members`` of
    its members (all of them, in a smaller community) and at least a quarter
    as many as its most common interest mention it. Common interests come
    first, by ``lift`` (share of members mentioning it / share of all
    clustered customers mentioning it), then the others by share.

    Parameters
    ----------
    mentions : DataFrame
        ``customer_id``, ``kind``, ``term``, ``label`` (kind ``interest`` is used).
    customers : DataFrame
        ``customer_id`` and ``cluster`` (-1 = in no community).
    top : int
        Interests kept per community.
    min_members : int
        Fewest members behind a common interest.

    Returns
    -------
    DataFrame
        ``cluster``, ``term``, ``interest`` (display label), ``members``,
        ``share`` (of the community), ``lift``; ``top`` rows per community.

    Examples
    --------
    >>> import pandas as pd
    >>> cu = pd.DataFrame({"customer_id": list("abcd"), "cluster": [0, 0, 1, 1]})
    >>> me = pd.DataFrame({"customer_id": list("aabcd"), "kind": "interest",
    ...     "term": ["bread", "tea", "bread", "tea", "tea"],
    ...     "label": ["Bread", "tea", "Bread", "tea", "tea"]})
    >>> t = distinctive_interests(me, cu)
    >>> t[["cluster", "interest", "members", "lift"]].values.tolist()
    [[0, 'Bread', 2, 2.0], [0, 'tea', 1, 0.6666666666666666], [1, 'tea', 2, 1.3333333333333333]]
    """
    cols = ["cluster", "term", "interest", "members", "share", "lift"]
    if mentions is None or customers is None or mentions.empty or customers.empty:
        return pd.DataFrame(columns=cols)
    cu = customers.loc[customers["cluster"] >= 0, ["customer_id", "cluster"]]
    cu = cu.astype({"customer_id": str, "cluster": int}).drop_duplicates("customer_id")
    m = mentions.loc[mentions["kind"] == "interest", ["customer_id", "term", "label"]]
    m = m.astype({"customer_id": str}).merge(cu, on="customer_id")
    if m.empty:
        return pd.DataFrame(columns=cols)
    sizes = cu.groupby("cluster")["customer_id"].nunique()
    spelled = m.groupby(["term", "label"]).size().rename("n").reset_index()
    spelled = spelled.sort_values(["term", "n", "label"], ascending=[True, False, True])
    names = spelled.drop_duplicates("term").set_index("term")["label"]
    users = m.drop_duplicates(["customer_id", "term"])
    pop = users.groupby("term").size() / len(cu)
    out = users.groupby(["cluster", "term"]).size().rename("members").reset_index()
    out["share"] = out["members"] / out["cluster"].map(sizes)
    out["lift"] = out["share"] / out["term"].map(pop)
    best = out.groupby("cluster")["members"].transform("max")
    need = np.minimum(min_members, out["cluster"].map(sizes))
    out["common"] = (out["members"] >= need) & (4 * out["members"] >= best)
    out["interest"] = out["term"].map(names).astype(str)
    out["rank"] = np.where(out["common"], out["lift"], -1.0)
    out = out.sort_values(
        ["cluster", "rank", "share", "term"], ascending=[True, False, False, True]
    )
    out = out.groupby("cluster", sort=True).head(top)
    return out[cols].reset_index(drop=True)


def _communities(clusters: pd.DataFrame | None) -> pd.DataFrame:
    if clusters is None or clusters.empty:
        return pd.DataFrame(columns=["cluster", "size", "label", "top_interests"])
    cl = clusters[clusters["cluster"] >= 0]
    return cl.sort_values(["size", "cluster"], ascending=[False, True])


def _picks(row: dict, interests: pd.DataFrame | None, top: int) -> list[tuple[str, float]]:
    """(interest, share of members) drawn for one community; share NaN when not known."""
    c = int(row["cluster"])
    if interests is not None and len(interests):
        mine = interests[interests["cluster"].astype(int) == c].head(top)
        if len(mine):
            share = mine["share"] if "share" in mine else pd.Series(np.nan, index=mine.index)
            return [
                (text_or(t).strip(), float(s))
                for t, s in zip(mine["interest"], share, strict=True)
                if text_or(t).strip()
            ]
    return [(t, float("nan")) for t in split_list(row.get("top_interests"))[:top]]


def map_graph(
    clusters: pd.DataFrame,
    interests: pd.DataFrame | None = None,
    top: int = TOP_INTERESTS,
    max_communities: int = MAX_COMMUNITIES,
) -> nx.Graph:
    """Communities linked to their top interests; an interest several share links them.

    Community nodes are ``("community", cluster)`` with ``kind``, ``cluster``,
    ``name`` (the ``label`` column: give the report's names), ``size``,
    ``color`` (:data:`PALETTE`, by size), ``interests`` (``[(interest,
    share)]``) and ``start`` (the channel to start with, from
    ``start_channel``/``start_share`` when the table has them). Interest nodes
    are ``("interest", key)`` with ``kind``, ``name`` and ``communities`` (the
    names of those linked). An edge's ``weight`` is the share of the
    community's members mentioning the interest (0.5 when not known). The
    graph attribute ``left_out`` counts communities not drawn.

    Parameters
    ----------
    clusters : DataFrame
        ``cluster``, ``size``, ``label`` and ``top_interests`` (cluster -1 is ignored).
    interests : DataFrame, optional
        ``cluster``, ``interest`` and ``share``, in the order to draw them
        (:func:`distinctive_interests`, or :func:`passionmap.weekly.interest_shares`);
        default: ``top_interests`` of ``clusters``.
    top : int
        Interests per community.
    max_communities : int
        Most communities drawn (the largest).

    Examples
    --------
    >>> import pandas as pd
    >>> cl = pd.DataFrame({"cluster": [0, 1, 2], "size": [5, 4, 3], "label": list("abc"),
    ...                    "top_interests": ["x; y", "y; z", "w"]})
    >>> g = map_graph(cl, max_communities=2)
    >>> g.graph["left_out"], g.number_of_nodes(), g.nodes["interest", "y"]["communities"]
    (1, 5, ['a', 'b'])
    """
    cl = _communities(clusters)
    shown = cl.head(max(0, int(max_communities))).to_dict("records")
    g = nx.Graph(left_out=len(cl) - len(shown))
    for i, row in enumerate(shown):
        c = int(row["cluster"])
        name = text_or(row.get("label")).strip() or f"community {c}"
        start = ""
        if not missing(row.get("start_channel")) and str(row["start_channel"]) != "unknown":
            start = channel_name(row["start_channel"])
            if not missing(row.get("start_share")) and row["start_share"] > 0:
                start += f" ({percent(float(row['start_share']))} of members post there)"
        picks = _picks(row, interests, top)
        node = ("community", c)
        g.add_node(
            node,
            kind="community",
            cluster=c,
            name=name,
            size=int(row["size"]),
            color=PALETTE[i % len(PALETTE)],
            interests=picks,
            start=start,
        )
        for interest, share in picks:
            key = ("interest", interest.lower())
            if key not in g:
                g.add_node(key, kind="interest", name=interest, communities=[])
            g.nodes[key]["communities"].append(name)
            g.add_edge(node, key, weight=0.5 if math.isnan(share) else max(share, 0.05))
    return g


def map_layout(g: nx.Graph, seed: int = 0) -> dict:
    """Positions of a :func:`map_graph` within [-1, 1], the same for the same graph and seed.

    Communities first: a Kamada-Kawai layout (from seeded random starting
    points) where two communities that share interests want to be close (the
    more they share, the closer) and the others farther apart, so a map of
    unrelated communities spreads evenly instead of flying apart. Then each
    community's own interests fan out around it, on the side away from the
    centre, and an interest several communities share sits between them.

    Examples
    --------
    >>> import pandas as pd
    >>> cl = pd.DataFrame({"cluster": [0, 1], "size": [5, 4], "label": ["a", "b"],
    ...                    "top_interests": ["x; y", "y"]})
    >>> g = map_graph(cl)
    >>> a, b = map_layout(g, seed=3), map_layout(g, seed=3)
    >>> all((a[v] == b[v]).all() for v in g)
    True
    >>> bool(abs(a["interest", "y"] - (a["community", 0] + a["community", 1]) / 2).max() < 1e-9)
    True
    """
    comms = sorted(v for v, k in g.nodes(data="kind") if k == "community")
    if not comms:
        return {}
    pos = _community_positions(g, comms, seed)
    away = outward(pos, comms)
    for c in comms:
        # interests sit under half way to the nearest other community
        near = min((np.linalg.norm(pos[c] - pos[o]) for o in comms if o != c), default=0.6)
        petal = float(np.clip(0.45 * near, 0.16, 0.3))
        own = [v for v in sorted(g[c], key=_rank_of(g, c)) if g.degree(v) == 1]
        base = math.atan2(away[c][1], away[c][0])
        fan = min(math.pi, math.radians(50) * max(len(own) - 1, 0))
        for j, v in enumerate(own):
            angle = base + (fan * (j / (len(own) - 1) - 0.5) if len(own) > 1 else 0.0)
            pos[v] = pos[c] + petal * np.array([math.cos(angle), math.sin(angle)])
    shared = sorted(v for v in g if v not in pos)
    taken: dict[tuple, int] = {}
    for v in shared:
        mids = np.mean([pos[c] for c in g[v]], axis=0)
        key = tuple(np.round(mids, 3))
        n = taken.get(key, 0)  # two interests shared by the same communities: side by side
        taken[key] = n + 1
        pos[v] = mids + (n + 1) // 2 * (1 if n % 2 else -1) * np.array([0.0, 0.06])
    return pos


def outward(pos: dict, comms: list) -> dict:
    """Unit vector from the centre of the communities to each (up for one at the centre).

    A community's own interests fan out that way; its name goes the other way.
    """
    centre = np.mean([pos[c] for c in comms], axis=0) if comms else np.zeros(2)
    out = {}
    for c in comms:
        d = pos[c] - centre
        n = float(np.linalg.norm(d))
        out[c] = d / n if n > 1e-6 else np.array([0.0, 1.0])
    return out


def _rank_of(g: nx.Graph, c: tuple[str, int]) -> Callable[[tuple[str, str]], tuple[int, str]]:
    """Sort key of a community's interests: the order they were given in."""
    order = {name.lower(): i for i, (name, _s) in enumerate(g.nodes[c]["interests"])}
    return lambda v: (order.get(v[1], len(order)), v[1])


def _community_positions(g: nx.Graph, comms: list, seed: int) -> dict:
    """Communities placed by Kamada-Kawai on how many interests each two share."""
    if len(comms) == 1:
        return {comms[0]: np.zeros(2)}
    cg = nx.complete_graph(comms)
    mine = {c: set(g[c]) for c in comms}
    dist: dict = {a: {a: 0.0} for a in comms}
    for i, a in enumerate(comms):
        for b in comms[i + 1 :]:
            n = len(mine[a] & mine[b])
            dist[a][b] = dist[b][a] = 1.0 / (1.0 + 0.25 * n) if n else 1.5
    start = nx.random_layout(cg, seed=seed)
    pos = nx.kamada_kawai_layout(cg, dist=dist, pos=start)
    pos = nx.rescale_layout_dict(pos, scale=0.78)
    return {c: np.asarray(pos[c], dtype=float) for c in comms}


# -------------------------------------------------------- the interactive map
def _node_px(size: int, biggest: int) -> float:
    """Diameter on screen of a community's circle: its area grows with its members."""
    return 18.0 + 42.0 * math.sqrt(size / biggest) if biggest else 18.0


def map_bounds(pos: dict, pad: float = 0.22, right: float = 0.5) -> tuple[tuple, tuple]:
    """The x and y ranges that hold every node of a layout, with room for labels.

    ``right`` is the room on the right, where the names of interests run.
    """
    if not pos:
        return (-1.0, 1.0), (-1.0, 1.0)
    xy = np.array(list(pos.values()), dtype=float)
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    return (float(lo[0] - pad), float(hi[0] + right)), (float(lo[1] - pad), float(hi[1] + pad))
