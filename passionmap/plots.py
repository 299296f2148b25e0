"""Figures of a passionmap run, drawn with matplotlib from the tidy tables.

Every function returns a :class:`matplotlib.figure.Figure` built without
pyplot (no global state, nothing shown twice in notebooks); save it with
``fig.savefig(path)`` or let Jupyter display it.

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
import textwrap

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from passionmap.community_graph import (
    MAX_COMMUNITIES,
    TOP_INTERESTS,
    map_bounds,
    map_graph,
    map_layout,
    outward,
)
from passionmap.generation import GENERATIONS
from passionmap.phrases import channel_name, count, percent, split_list

#: Generations from oldest to youngest (stacking order); ``unknown`` comes after them.
GENERATION_ORDER = GENERATIONS
_GEN_COLORS = ["#4c72b0", "#55a868", "#c44e52", "#8172b2", "#ccb974", "#64b5cd", "#bbbbbb"]


def _wrap(text, width: int = 18) -> str:
    """Wrap user text for a figure; ``$`` is escaped so it never starts mathtext."""
    text = str(text).replace("$", r"\$")
    return "\n".join(textwrap.wrap(text, width)) or text


def _empty(title: str, message: str, figsize=(6, 2)) -> Figure:
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.subplots()
    ax.set_title(title)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return fig


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
    figsize=(11, 7.5),
    top: int = TOP_INTERESTS,
    max_communities: int = MAX_COMMUNITIES,
    seed: int = 0,
) -> Figure:
    """Draw the communities and their distinctive interests as a network (static, for e-mail).

    The network of :func:`passionmap.network_map.map_graph` in its seeded
    spring layout (:func:`passionmap.network_map.map_layout`, the same as the
    interactive map's): communities are coloured circles (area = members),
    labelled with their name and members; their top interests are small
    white circles (grey: shared by several communities) joined to them, so
    communities that share interests sit together.

    Parameters
    ----------
    clusters : DataFrame
        ``cluster``, ``size``, ``label``, ``top_interests`` (cluster -1 is ignored).
    interests : DataFrame, optional
        :func:`passionmap.network_map.distinctive_interests` (or ``cluster``,
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
    ax.scatter(
        [pos[v][0] for v in inters], [pos[v][1] for v in inters],
        s=[40 + 25 * min(len(g.nodes[v]["communities"]) - 1, 4) for v in inters],
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
    away = outward(pos, comms)
    for v, d in zip(comms, diam, strict=True):  # the name on the side away from its interests
        node = g.nodes[v]
        dx, dy = -away[v]
        ha = "center" if abs(dx) < 0.4 else ("left" if dx > 0 else "right")
        va = "center" if abs(dy) < 0.4 else ("bottom" if dy > 0 else "top")
        ax.annotate(
            f"{_wrap(node['name'])}\n({count(node['size'])})", pos[v],
            xytext=(dx * (d / 2 + 3), dy * (d / 2 + 3)), textcoords="offset points", ha=ha,
            va=va, fontsize=fontsize, fontweight="bold", zorder=5,
        )  # fmt: skip
    for v in inters:
        ax.annotate(
            _wrap(g.nodes[v]["name"], 16), pos[v], xytext=(5, 0), textcoords="offset points",
            ha="left", va="center", fontsize=fontsize - 1, color="#444444", zorder=4,
        )  # fmt: skip
    ax.set_axis_off()
    xlim, ylim = map_bounds(pos)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    return fig


# ---------------------------------------------------------- channel heat map
def channel_heatmap(shares: pd.DataFrame, top: int = 12, figsize=None) -> Figure:
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
def top_interests_bars(interests: pd.DataFrame, ncols: int = 3, figsize=None) -> Figure:
    """Small multiples: one horizontal bar chart of top interests per community.

    Parameters
    ----------
    interests : DataFrame
        :func:`passionmap.weekly.interest_shares` output (``cluster``,
        ``label``, ``interest``, ``members``, ``share``).
    ncols : int
        Charts per row.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"cluster": [0, 0, 1], "label": ["a", "a", "b"],
    ...     "interest": ["yoga", "tea", "chess"], "members": [3, 1, 2], "share": [1, .3, 1]})
    >>> [ax.get_title() for ax in top_interests_bars(t).axes if ax.get_visible()]
    ['a', 'b']
    """
    title = "Top interests per community (share of members)"
    if interests is None or interests.empty:
        return _empty(title, "No interests found")
    groups = list(interests.groupby("cluster", sort=False))
    n = len(groups)
    ncols = max(1, min(ncols, n))
    nrows = math.ceil(n / ncols)
    per = interests.groupby("cluster").size().max()
    if figsize is None:
        figsize = (4.2 * ncols, (0.6 + 0.35 * per) * nrows + 0.6)
    fig = Figure(figsize=figsize, layout="constrained")
    axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel()
    for ax, (_cluster, g) in zip(axes, groups, strict=False):
        g = g.sort_values("share")
        ax.barh([_wrap(t, 22) for t in g["interest"]], g["share"], color="#4c72b0")
        ax.set_xlim(0, 1)
        ax.set_title(_wrap(g["label"].iloc[0], 40), fontsize=10)
        ax.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
        for y, (v, m) in enumerate(zip(g["share"], g["members"], strict=True)):
            ax.text(min(v, 0.8) + 0.02, y, count(m), va="center", fontsize=8)
        ax.tick_params(axis="y", labelsize=8)
    for ax in axes[n:]:
        ax.set_visible(False)
    fig.suptitle(title)
    return fig


# -------------------------------------------------------- generation mix
def generation_table(customers: pd.DataFrame, clusters: pd.DataFrame | None = None):
    """Share of each generation per community (rows: community labels).

    Examples
    --------
    >>> import pandas as pd
    >>> gens = ["Gen Z", "Gen Z", "Gen X", None]
    >>> cu = pd.DataFrame({"cluster": [0, 0, 0, 0], "generation": gens})
    >>> generation_table(cu).round(2).to_dict("records")
    [{'Gen X': 0.25, 'Gen Z': 0.5, 'unknown': 0.25}]
    """
    cu = customers[customers["cluster"] >= 0]
    gen = cu["generation"].astype(object).where(cu["generation"].notna(), "unknown")
    table = pd.crosstab(cu["cluster"].astype(int), gen, normalize="index")
    cols = [g for g in [*GENERATION_ORDER, "unknown"] if g in table.columns]
    cols += sorted(c for c in table.columns if c not in cols)
    table = table[cols]
    sizes = cu.groupby("cluster").size()
    table = table.loc[sizes.sort_values(ascending=False, kind="stable").index]
    names = {}
    if clusters is not None and not clusters.empty:
        names = dict(zip(clusters["cluster"].astype(int), clusters["label"], strict=True))
    table.index = [
        f"{names.get(int(c), f'community {c}')} ({count(sizes[c])})" for c in table.index
    ]
    table.columns.name = None
    return table


def generation_mix(customers: pd.DataFrame, clusters: pd.DataFrame | None = None, figsize=None):
    """Stacked horizontal bars: the generations in each community (shares).

    Examples
    --------
    >>> import pandas as pd
    >>> cu = pd.DataFrame({"cluster": [0, 0, 1], "generation": ["Gen Z", "Gen X", "Gen Z"]})
    >>> fig = generation_mix(cu)
    >>> fig.axes[0].get_legend_handles_labels()[1]
    ['Gen X', 'Gen Z']
    """
    title = "Generation mix per community"
    if customers is None or (customers["cluster"] >= 0).sum() == 0:
        return _empty(title, "No communities found")
    table = generation_table(customers, clusters).iloc[::-1]  # largest on top
    if figsize is None:
        figsize = (9, 1.2 + 0.45 * len(table))
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.subplots()
    left = np.zeros(len(table))
    colors = dict(zip([*GENERATION_ORDER, "unknown"], _GEN_COLORS, strict=True))
    labels = [_wrap(t, 34) for t in table.index]
    for gen in table.columns:
        values = table[gen].to_numpy()
        ax.barh(labels, values, left=left, label=gen, color=colors.get(gen, "#dddddd"))
        for y, (x0, v) in enumerate(zip(left, values, strict=True)):
            if v >= 0.08:
                ax.text(x0 + v / 2, y, f"{v:.0%}", ha="center", va="center", fontsize=8)
        left += values
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
    ax.set_xlabel("share of members")
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return fig


# --------------------------------------------------------- passion
def passion_hist(mentions: pd.DataFrame, bins: int = 20, figsize=(7, 3.5)) -> Figure:
    """Histogram of how passionately interests are mentioned (0 = flat, 1 = intense).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"kind": ["interest", "interest", "channel"], "passion": [.2, .9, .5]})
    >>> ax = passion_hist(m, bins=10).axes[0]
    >>> len(ax.patches), ax.get_xlabel()
    (10, 'passion (0 = matter-of-fact, 1 = intense)')
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
    ax.set_xlim(0, 1)
    ax.set_xlabel("passion (0 = matter-of-fact, 1 = intense)")
    ax.set_ylabel("interest mentions")
    ax.set_title(title)
    return fig


# --------------------------------------------------- network x generation
def audience_bars(
    table: pd.DataFrame,
    top: int = 12,
    figsize=None,
    mentioned=(),
    min_share: float = 0.005,
) -> Figure:
    """Stacked bars: the customers of each channel, split by generation.

    A customer on several channels counts on each (see
    :mod:`passionmap.audiences`). Inferred generations (from age cues in the
    text) are hatched, stated ones solid; unknown is grey; when no customer's
    generation is known the bars are one colour, not a legend of "unknown".
    Each channel's label gives its share of all customers; the largest is the
    majority network. Channels customers only name in their comments
    (``mentioned``, :attr:`passionmap.Audience.mentioned`) are labelled so.
    Channels with less than ``min_share`` of the customers (they would read
    ``0%``) are left out, and the axis says how many.

    Parameters
    ----------
    table : DataFrame
        ``Audience.table`` (channel, generation, customers, share_of_all,
        inferred; ``all`` rows give the channel totals).
    top : int
        Most channels shown (those with the most customers).
    mentioned : iterable of str
        Channels nobody posts on, only mentions.
    min_share : float
        Smallest share of all customers a channel needs to be drawn.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"channel": ["instagram"] * 3 + ["email"] * 2,
    ...     "generation": ["all", "Gen Z", "unknown", "all", "Gen X"],
    ...     "customers": [3, 2, 1, 1, 1], "share_of_all": [0.75, 0.5, 0.25, 0.25, 0.25],
    ...     "inferred": [1, 1, 0, 0, 0]})
    >>> ax = audience_bars(t).axes[0]
    >>> [x.get_text() for x in ax.get_yticklabels()]
    ['email (25%)', 'Instagram (75%)']
    >>> ax.get_legend_handles_labels()[1]
    ['Gen X', 'Gen Z', 'unknown', 'inferred (hatched)']
    >>> ax = audience_bars(t, mentioned=["email"]).axes[0]
    >>> [x.get_text() for x in ax.get_yticklabels()]
    ['email (mentioned, 25%)', 'Instagram (75%)']
    """
    title = "Where each generation hangs out (customers per channel)"
    if table is None or table.empty:
        return _empty(title, "No channels found")
    totals = table[table["generation"] == "all"].sort_values(
        "customers", ascending=False, kind="stable"
    )
    totals = totals[totals["channel"] != "unknown"]
    small = totals[totals["share_of_all"] < min_share]
    totals = totals[totals["share_of_all"] >= min_share].head(top).iloc[::-1]  # largest on top
    if totals.empty:
        return _empty(title, "No channel holds 0.5% of the customers")
    cells = table[(table["generation"] != "all") & table["channel"].isin(totals["channel"])]
    gens = [g for g in [*GENERATION_ORDER, "unknown"] if g in set(cells["generation"])]
    colors = dict(zip([*GENERATION_ORDER, "unknown"], _GEN_COLORS, strict=True))
    known = [g for g in gens if g != "unknown"]
    if not known:  # nothing to split by: plain bars, no legend of "unknown"
        title = "Customers per channel (no generation known)"
        colors["unknown"] = "#4c72b0"
    grid = cells.pivot_table(
        index="channel", columns="generation", values="customers", aggfunc="sum"
    ).reindex(index=totals["channel"], columns=gens, fill_value=0)
    guessed = cells.pivot_table(
        index="channel", columns="generation", values="inferred", aggfunc="sum"
    ).reindex(index=totals["channel"], columns=gens, fill_value=0)
    grid, guessed = grid.fillna(0), guessed.fillna(0)
    if figsize is None:
        figsize = (9, 1.4 + 0.42 * len(totals))
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.subplots()
    mentioned = set(mentioned or ())
    labels = [
        f"{channel_name(c)} ({'mentioned, ' if c in mentioned else ''}{percent(s)})"
        for c, s in zip(totals["channel"], totals["share_of_all"], strict=True)
    ]
    left = np.zeros(len(totals))
    for gen in gens:
        n = grid[gen].to_numpy(dtype=float)
        k = guessed[gen].to_numpy(dtype=float)
        color = colors.get(gen, "#dddddd")
        ax.barh(labels, n - k, left=left, color=color, label=gen if known else None)
        ax.barh(labels, k, left=left + n - k, color=color, hatch="//", edgecolor="white")
        left += n
    if guessed.to_numpy().sum() > 0:
        ax.barh([labels[0]], [0], color="white", edgecolor="grey", hatch="//",
                label="inferred (hatched)")  # fmt: skip
    xlabel = "customers (a customer on several channels counts on each)"
    if len(small):
        n = len(small)
        xlabel += f"\n{n} channel{'s' if n > 1 else ''} with under 0.5% of customers left out"
    ax.set_xlabel(xlabel)
    ax.xaxis.set_major_formatter(lambda x, _: count(x))
    ax.set_title(title)
    if known:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return fig
