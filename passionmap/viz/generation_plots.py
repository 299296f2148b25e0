"""Figures of generations: their mix in each community, and on each channel.

- :func:`generation_table` and :func:`generation_mix`: the share of each
  generation per community, as a table and as stacked bars;
- :func:`audience_bars`: the customers of each channel split by generation
  (``Audience.table`` of :func:`passionmap.audience`), inferred generations hatched.

Like every figure of :mod:`passionmap.viz.plots` (which has these names too), each
returns a :class:`matplotlib.figure.Figure` built without pyplot.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from passionmap.phrases import channel_name, count, percent
from passionmap.viz.figure_base import _empty, _wrap
from passionmap.vocab import GENERATIONS

#: Generations from oldest to youngest (stacking order); ``unknown`` comes after them.
GENERATION_ORDER = GENERATIONS
_GEN_COLORS = ["#4c72b0", "#55a868", "#c44e52", "#8172b2", "#ccb974", "#64b5cd", "#bbbbbb"]


def generation_table(customers: pd.DataFrame, clusters: pd.DataFrame | None = None) -> pd.DataFrame:
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


def generation_mix(
    customers: pd.DataFrame,
    clusters: pd.DataFrame | None = None,
    figsize: tuple[float, float] | None = None,
) -> Figure:
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


def audience_bars(
    table: pd.DataFrame,
    top: int = 12,
    figsize: tuple[float, float] | None = None,
    mentioned: Iterable[str] | None = (),
    min_share: float = 0.005,
) -> Figure:
    """Stacked bars: the customers of each channel, split by generation.

    A customer on several channels counts on each (see
    :mod:`passionmap.analysis.audiences`). Inferred generations (from age cues in the
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
