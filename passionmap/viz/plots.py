"""Figures of a passionmap run, drawn with matplotlib from the tidy tables.

Every function returns a :class:`matplotlib.figure.Figure` built without
pyplot (no global state, nothing shown twice in notebooks); save it with
``fig.savefig(path)`` or let Jupyter display it. The figures of generations
(:func:`generation_table`, :func:`generation_mix`, :func:`audience_bars`) are
:mod:`passionmap.viz.generation_plots`'s, here too.

Examples
--------
>>> import pandas as pd
>>> clusters = pd.DataFrame({"cluster": [0, 1], "size": [12, 5],
...     "label": ["sourdough & baking", "trail running"],
...     "top_interests": ["sourdough; baking", "trail running; baking"]})
>>> fig = community_map(clusters)
>>> fig.axes[0].get_title()
'Communities and their distinctive interests (circle area = members)'
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from passionmap.analysis.profiles import MIN_MEMBERS, shared_by
from passionmap.nlp.lexicon import NEUTRAL
from passionmap.phrases import channel_name, count, percent, split_list
from passionmap.viz.community_graph import (
    MAX_COMMUNITIES,
    TOP_INTERESTS,
    map_bounds,
    map_graph,
    map_layout,
    outward,
)
from passionmap.viz.figure_base import _empty, _wrap
from passionmap.viz.generation_plots import (  # noqa: F401 (the generation figures, here too)
    GENERATION_ORDER,
    audience_bars,
    generation_mix,
    generation_table,
)
from passionmap.viz.name_places import Place, map_labels


def _communities(clusters: pd.DataFrame) -> pd.DataFrame:
    if clusters is None or clusters.empty:
        return pd.DataFrame(columns=["cluster", "size", "label", "top_interests"])
    return clusters[clusters["cluster"] >= 0].sort_values(
        ["size", "cluster"], ascending=[False, True]
    )


# ------------------------------------------------------------ community map
def community_graph(clusters: pd.DataFrame) -> nx.Graph:
    """Communities as nodes, linked when they share top interests.

    Nodes carry ``size`` and ``label``; an edge's ``weight`` is the number of
    top interests the two communities share and ``shared`` lists them.

    Examples
    --------
    >>> import pandas as pd
    >>> cl = pd.DataFrame({"cluster": [0, 1, 2], "size": [5, 4, 3], "label": list("abc"),
    ...                    "top_interests": ["x; y", "y; z", "w"]})
    >>> g = community_graph(cl)
    >>> sorted(g.edges(data="shared"))
    [(0, 1, 'y')]
    """
    g = nx.Graph()
    rows = _communities(clusters).to_dict("records")
    interests = {}
    for r in rows:
        c = int(r["cluster"])
        g.add_node(c, size=int(r["size"]), label=str(r["label"]))
        interests[c] = {t.lower(): t for t in split_list(r.get("top_interests"))}
    ids = sorted(interests)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            shared = sorted(set(interests[a]) & set(interests[b]))
            if shared:
                names = "; ".join(interests[a][t] for t in shared)
                g.add_edge(a, b, weight=len(shared), shared=names)
    return g


def community_map(
    clusters: pd.DataFrame,
    interests: pd.DataFrame | None = None,
    figsize: tuple[float, float] = (11, 7.5),
    top: int = TOP_INTERESTS,
    max_communities: int = MAX_COMMUNITIES,
    seed: int = 0,
) -> Figure:
    """Draw the communities and their distinctive interests as a network (static, for e-mail).

    The network of :func:`passionmap.viz.community_graph.map_graph` in its seeded
    spring layout (:func:`passionmap.viz.community_graph.map_layout`, the same as the
    interactive map's): communities are coloured circles (area = members),
    labelled with their name and members; their top interests are small
    white circles (grey: shared by several communities) joined to them, so
    communities that share interests sit together.

    Parameters
    ----------
    clusters : DataFrame
        ``cluster``, ``size``, ``label``, ``top_interests`` (cluster -1 is ignored).
    interests : DataFrame, optional
        :func:`passionmap.viz.community_graph.distinctive_interests` (or ``cluster``,
        ``interest``, ``share`` rows); default: ``top_interests``.
    figsize : tuple
        Figure size in inches.
    top, max_communities : int
        Interests per community, most communities drawn (the largest).
    seed : int
        Seed of the layout.

    Examples
    --------
    >>> import pandas as pd
    >>> cl = pd.DataFrame({"cluster": [0], "size": [3], "label": ["yoga"],
    ...                    "top_interests": ["yoga mats"]})
    >>> [t.get_text() for t in community_map(cl).axes[0].texts]  # community, then interest
    ['yoga\\n(3)', 'yoga mats']
    """
    g = map_graph(clusters, interests, top, max_communities)
    title = "Communities and their distinctive interests (circle area = members)"
    comms = [v for v, k in g.nodes(data="kind") if k == "community"]
    if not comms:
        return _empty("Communities", "No communities found")
    if g.graph.get("left_out"):
        n = g.graph["left_out"]
        title += f"\n{n} smaller communit{'y' if n == 1 else 'ies'} not drawn"
    pos = map_layout(g, seed)
    inters = [v for v, k in g.nodes(data="kind") if k == "interest"]
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.subplots()
    ax.set_title(title)
    biggest = max(g.nodes[v]["size"] for v in comms)
    for a, b, w in sorted(g.edges(data="weight"), key=lambda e: (str(e[0]), str(e[1]))):
        c = a if g.nodes[a]["kind"] == "community" else b
        ax.plot(
            [pos[a][0], pos[b][0]], [pos[a][1], pos[b][1]], color=g.nodes[c]["color"],
            alpha=0.45, linewidth=0.8 + 4 * w, zorder=1,
        )  # fmt: skip
    shared = [len(g.nodes[v]["communities"]) > 1 for v in inters]
    # dot area grows with the communities sharing it (points^2); its diameter places names
    area = [40 + 25 * min(len(g.nodes[v]["communities"]) - 1, 4) for v in inters]
    ax.scatter(
        [pos[v][0] for v in inters], [pos[v][1] for v in inters], s=area,
        c=["#555555" if s else "white" for s in shared], edgecolors="#555555", zorder=2,
    )  # fmt: skip
    # area grows with members: the diameter is that of the interactive map (points, not pixels)
    diam = [18 + 42 * math.sqrt(g.nodes[v]["size"] / biggest) for v in comms]
    ax.scatter(
        [pos[v][0] for v in comms], [pos[v][1] for v in comms], s=[d**2 for d in diam],
        c=[g.nodes[v]["color"] for v in comms], alpha=0.9, edgecolors="white", linewidths=2,
        zorder=3,
    )  # fmt: skip
    fontsize = 9 if len(comms) <= 12 else 7.5
    ax.set_axis_off()
    xlim, ylim = map_bounds(pos)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    fig.draw_without_rendering()  # settle the layout: names are placed in points on the page
    scale = 72.0 / fig.dpi  # display pixels -> points

    def at(v: tuple[str, object]) -> np.ndarray:
        return ax.transData.transform(pos[v]) * scale

    names = [[*_wrap(g.nodes[v]["name"]).split("\n"), f"({count(g.nodes[v]['size'])})"]
             for v in comms]  # fmt: skip
    labels = [_wrap(g.nodes[v]["name"], 16).split("\n") for v in inters]
    box = ax.get_window_extent()
    away = outward(pos, comms)
    places, spots = map_labels(
        np.array([at(v) for v in comms]), diam, np.array([away[v] for v in comms]), names,
        np.array([at(v) for v in inters]).reshape(-1, 2), [math.sqrt(a) for a in area], labels,
        (fontsize, fontsize - 1), (box.x0 * scale, box.y0 * scale, box.x1 * scale, box.y1 * scale),
        keep_unclear=True,  # no legend here: every name is written, where it covers least
    )  # fmt: skip
    # each name on the side away from its interests, or the nearest spot that covers nothing
    for v, lines, p in zip(comms, names, places, strict=True):
        _annotate(ax, "\n".join(lines), pos[v], p, fontsize, fontweight="bold", zorder=5)
    # then each interest's name, right of its dot first
    for v, lines, p in zip(inters, labels, spots, strict=True):
        _annotate(ax, "\n".join(lines), pos[v], p, fontsize - 1, color="#444444", zorder=4)
    return fig


def _annotate(ax: Axes, text: str, xy: np.ndarray, p: Place, size: float, **kw: object) -> None:
    """``text`` at ``p`` (points) from ``xy``, outside the layout (placed once it is settled)."""
    ax.annotate(
        text, xy, xytext=(p.dx, p.dy), textcoords="offset points", ha=p.align,
        va={"middle": "center"}.get(p.baseline, p.baseline), fontsize=size, **kw,
    ).set_in_layout(False)  # fmt: skip


# ---------------------------------------------------------- channel heat map
def channel_heatmap(
    shares: pd.DataFrame, top: int = 12, figsize: tuple[float, float] | None = None
) -> Figure:
    """Heat map of communities x channels: the share of members on each channel.

    A channel members only name in their comments (``how`` ``"mentioned"`` in
    :func:`passionmap.weekly.channel_shares`) is labelled ``(mentioned)``, so
    it never reads as a channel they post on. Empty cells stay blank.

    Parameters
    ----------
    shares : DataFrame
        :func:`passionmap.weekly.channel_shares` output (``cluster``, ``label``,
        ``size``, ``channel``, ``share``, and ``how``).
    top : int
        Most channels shown (those with the most members overall).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"cluster": [0, 0, 1], "label": ["a", "a", "b"], "size": [2, 2, 1],
    ...                   "channel": ["pinterest", "email", "strava"], "share": [1.0, .5, 1.0]})
    >>> ax = channel_heatmap(s).axes[0]
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['Pinterest', 'email', 'Strava']
    >>> ax = channel_heatmap(s.assign(how=["posts on", "mentioned", "posts on"])).axes[0]
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['Pinterest', 'email (mentioned)', 'Strava']
    """
    title = "Where communities hang out (share of members per channel)"
    if shares is None or shares.empty:
        return _empty(title, "No channels found")
    s = shares.assign(members=shares["share"] * shares["size"])
    order = s.groupby("channel")["members"].sum().sort_values(ascending=False, kind="stable")
    channels = list(order.index[:top])
    mentioned = set()
    if "how" in s:
        posted = set(s.loc[s["how"] != "mentioned", "channel"])
        mentioned = set(s.loc[s["how"] == "mentioned", "channel"]) - posted
    rows = s.drop_duplicates("cluster").sort_values(["size", "cluster"], ascending=[False, True])
    grid = (
        s.pivot_table(index="cluster", columns="channel", values="share", aggfunc="max")
        .reindex(index=rows["cluster"], columns=channels)
        .fillna(0.0)
    )
    if figsize is None:
        figsize = (1.6 + 0.8 * len(channels) + 2, 1.2 + 0.5 * len(rows))
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.subplots()
    im = ax.imshow(grid.to_numpy(), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    xlabels = [channel_name(c) + (" (mentioned)" if c in mentioned else "") for c in channels]
    ax.set_xticks(range(len(channels)), xlabels, rotation=45, ha="right")
    ylabels = [
        f"{_wrap(lab, 30)} ({count(n)})" for lab, n in zip(rows["label"], rows["size"], strict=True)
    ]
    ax.set_yticks(range(len(rows)), ylabels)
    for i in range(grid.shape[0]):
        for j in range(grid.shape[1]):
            v = grid.iat[i, j]
            if v <= 0:
                continue  # nobody there: a blank cell, not a column of "0%"
            color = "white" if v > 0.6 else "black"
            ax.text(j, i, percent(v), ha="center", va="center", fontsize=8, color=color)
    ax.set_title(title)
    if mentioned & set(channels):
        ax.set_xlabel("(mentioned): named in comments by members, not a channel they post on")
    fig.colorbar(im, ax=ax, label="share of members", format=lambda x, _: f"{x:.0%}")
    return fig


# -------------------------------------------------------- top interests
#: Upper ends the share axis may take: round numbers, so panels read alike.
_SHARE_TOPS = (0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.5, 1.0)


def share_axis(largest: float) -> float:
    """The share axis's upper end: the first round number above the largest share.

    One scale for every panel keeps them comparable; fitting it to the data
    keeps a week where no interest reaches 3% of a community from drawing
    empty 0-100% boxes. 15% headroom leaves room for the member counts.

    >>> share_axis(0.028), share_axis(0.3), share_axis(0.95)
    (0.05, 0.5, 1.0)
    """
    for top in _SHARE_TOPS:
        if largest * 1.15 <= top:
            return top
    return 1.0


def top_interests_bars(
    interests: pd.DataFrame,
    ncols: int = 3,
    figsize: tuple[float, float] | None = None,
    min_members: int = MIN_MEMBERS,
    clusters: pd.DataFrame | None = None,
) -> Figure:
    """Small multiples: one horizontal bar chart of top interests per community.

    Parameters
    ----------
    interests : DataFrame
        :func:`passionmap.weekly.interest_shares` output (``cluster``,
        ``label``, ``interest``, ``members``, ``share``).
    ncols : int
        Charts per row.
    min_members : int
        Interests fewer members share (fewer than all of a smaller community)
        are left out, and so is a community with none: one member's passion
        is not the community's (the graph, too, links people by an interest
        only from ``min_mentions``, 2, customers). On brand tweets that was
        20 panels of single-member bars. The title counts what is left out.
    clusters : DataFrame, optional
        The communities (``cluster``; -1 is no community). Given, the title
        counts every one not drawn, also those no member mentions an interest
        of (absent from ``interests``); else only those in ``interests``.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"cluster": [0, 0, 1, 2], "label": ["a", "a", "b", "c"],
    ...     "interest": ["yoga", "tea", "chess", "golf"], "members": [3, 1, 2, 1],
    ...     "share": [1, .3, 1, .1]})
    >>> fig = top_interests_bars(t)
    >>> [ax.get_title() for ax in fig.axes if ax.get_visible()]
    ['a', 'b']
    >>> fig.get_suptitle().splitlines()[1]
    '1 community not drawn: no interest shared by 2 of its members'
    >>> cl = pd.DataFrame({"cluster": [-1, 0, 1, 2, 3]})  # 3: no interest mentioned
    >>> top_interests_bars(t, clusters=cl).get_suptitle().splitlines()[1]
    '2 communities not drawn: no interest shared by 2 of their members'
    """
    title = "Top interests per community (share of members)"
    if interests is None or interests.empty:
        return _empty(title, "No interests found")
    size = (interests["members"] / interests["share"]).round()
    shared = interests[shared_by(interests["members"], size, min_members)]
    every = interests["cluster"] if clusters is None else clusters["cluster"]
    left = every[every >= 0].nunique() - shared["cluster"].nunique()
    if left:
        one = left == 1  # "... not drawn: ..." (it read as if the members were not drawn)
        title += (
            f"\n{count(left)} communit{'y' if one else 'ies'} not drawn: no interest shared "
            f"by {min_members} of {'its' if one else 'their'} members"
        )
    if shared.empty:
        return _empty(title.splitlines()[0], f"No interest is shared by {min_members} members "
                      "of any community")  # fmt: skip
    interests = shared
    groups = list(interests.groupby("cluster", sort=False))
    n = len(groups)
    ncols = max(1, min(ncols, n))
    nrows = math.ceil(n / ncols)
    per = interests.groupby("cluster").size().max()
    if figsize is None:
        figsize = (4.2 * ncols, (0.6 + 0.35 * per) * nrows + 0.6)
    fig = Figure(figsize=figsize, layout="constrained")
    axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel()
    top = share_axis(interests["share"].max())
    for ax, (_cluster, g) in zip(axes, groups, strict=False):
        g = g.sort_values("share")
        ax.barh([_wrap(t, 22) for t in g["interest"]], g["share"], color="#4c72b0")
        ax.set_xlim(0, top)
        ax.set_title(_wrap(g["label"].iloc[0], 40), fontsize=10)
        # ticks at 1, 2 or 5 x 10^k: a 2.5% step printed "2%, 5%, 8%" (rounded)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
        ax.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}" if top >= 0.1 else f"{x:.1%}")
        for y, (v, m) in enumerate(zip(g["share"], g["members"], strict=True)):
            ax.text(min(v, 0.8 * top) + 0.02 * top, y, count(m), va="center", fontsize=8)
        ax.tick_params(axis="y", labelsize=8)
    for ax in axes[n:]:
        ax.set_visible(False)
    fig.suptitle(title)
    return fig


# --------------------------------------------------------- passion
def passion_hist(
    mentions: pd.DataFrame, bins: int = 20, figsize: tuple[float, float] = (7, 3.5)
) -> Figure:
    """Histogram of how passionately interests are mentioned (0 = flat, 1 = intense).

    A mention no passion cue, "!" or emoji points at scores the neutral
    :data:`~passionmap.nlp.lexicon.NEUTRAL`; the chart says what share of
    mentions that is (most, in forum posts: 94% of the newsgroups'), so a
    single bar there reads as "no cue", not as "everyone a little passionate".

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"kind": ["interest", "interest", "channel"], "passion": [.25, .9, .5]})
    >>> ax = passion_hist(m, bins=10).axes[0]
    >>> len(ax.patches), ax.get_xlabel()
    (10, 'passion (0 = matter-of-fact, 1 = intense)')
    >>> [t.get_text() for t in ax.texts][-1]
    'no passion cue (0.25): 50% of mentions'
    """
    title = "How passionately customers talk about their interests"
    m = mentions[mentions["kind"] == "interest"] if mentions is not None else None
    if m is None or m.empty:
        return _empty(title, "No interest mentions found")
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.subplots()
    values = m["passion"].astype(float).clip(0, 1).dropna()
    ax.hist(values, bins=bins, range=(0, 1), color="#c44e52", edgecolor="white")
    ax.axvline(values.mean(), color="black", linestyle="--", linewidth=1)
    ax.text(
        values.mean(),
        ax.get_ylim()[1] * 0.95,
        f" mean {values.mean():.2f}",
        va="top",
        fontsize=8,
    )
    neutral = float(np.isclose(values, NEUTRAL).mean())
    ax.text(0.99, 0.95, f"no passion cue ({NEUTRAL:.2f}): {percent(neutral)} of mentions",
            transform=ax.transAxes, ha="right", va="top", fontsize=8,
            bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"})  # fmt: skip
    ax.set_xlim(0, 1)
    ax.set_xlabel("passion (0 = matter-of-fact, 1 = intense)")
    ax.set_ylabel("interest mentions")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 0.5 steps
    ax.set_title(title)
    return fig
