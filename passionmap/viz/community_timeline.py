"""The communities' life over every week of the data.

- :func:`weekly_results`: every week analysed on its own (its own communities);
- :func:`track_communities`: each week's communities chained to the week
  before's (:func:`passionmap.weekly.match_communities`) under one stable id and name;
- :func:`communities_over_time`: members of each community in each week, one
  line per stable community, in the map's colours (:data:`PALETTE`).

:mod:`passionmap.viz.network_map` draws one week's map; its names for these are
the same as here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from passionmap.config import Config
from passionmap.phrases import count, missing, percent, text_or
from passionmap.viz.community_graph import PALETTE, _communities
from passionmap.weekly import (
    comments_in_week,
    customer_count,
    match_communities,
    parse_week,
    tell_apart,
    week_coverage,
    weeks_in,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure
    from spacy.language import Language

    from passionmap.pipeline import Result

#: Statuses of :func:`passionmap.weekly.match_communities` that continue a community.
CONTINUES = ("grew", "shrank", "stable", "matched")
TIMELINE_COLUMNS = [
    "week", "community", "name", "cluster", "label", "members", "share", "status", "partial",
]  # fmt: skip


def weekly_results(
    comments: pd.DataFrame,
    config: Config = Config(),  # noqa: B008 (frozen)
    nlp: Language | None = None,
    mentions: pd.DataFrame | None = None,
    weeks: list[str] | None = None,
    known: Mapping[str, Result | None] | None = None,
) -> dict[str, Result]:
    """Analyse every week of ``comments`` on its own (its own communities).

    Parameters
    ----------
    comments : DataFrame
        Loaded comments with a ``week`` column.
    config : Config
    nlp : spacy.Language, optional
        A loaded pipeline (else loaded once here when a week needs extraction).
    mentions : DataFrame, optional
        Mentions already extracted for all the comments (skips extraction).
    weeks : list of str, optional
        The weeks to analyse (default: every week in the data).
    known : mapping, optional
        Weeks already analysed (``{wr.week: wr.current, wr.prev_week:
        wr.previous}``): reused, not analysed again.

    Returns
    -------
    dict
        ``{week: Result}`` in week order; weeks without comments are left out.
    """
    from passionmap.pipeline import analyze

    weeks = sorted(weeks or weeks_in(comments), key=parse_week)
    known = {w: r for w, r in (known or {}).items() if r is not None}
    if nlp is None and mentions is None and any(w not in known for w in weeks):
        from passionmap.nlp.nlp import load_nlp

        nlp = load_nlp(config.model, config.extra_stop_terms, config.patterns)
    out = {}
    for week in weeks:
        if week in known:
            out[week] = known[week]
            continue
        part = comments_in_week(comments, week)
        if len(part):
            out[week] = analyze(part, config, nlp, mentions)
    return out


def track_communities(
    results: Mapping[str, Any],
    names: Mapping[int, str] | None = None,
    comments: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Chain each week's communities to the week before's into stable communities.

    Consecutive weeks (in week order; a week without comments is skipped) are
    matched by :func:`passionmap.weekly.match_communities`: a community that
    grew, shrank or stayed stable continues its match's stable community
    (also one that continues by the same top interest); one that appeared or
    split off starts a new one. A stable community is numbered in order of
    appearance (the largest first in a week) and named by its label in its
    first week, unless ``names`` names it in the last week (kept as given);
    two with one name are told apart by their id (``dog (#3)``).

    Parameters
    ----------
    results : mapping
        ``{week: result}`` with ``customers`` and ``clusters`` tables
        (:func:`weekly_results`, or any objects with those two attributes).
    names : mapping, optional
        ``{cluster: name}`` of the last week's communities (``wr.names`` of
        the weekly report), so the chart names them as the report does.
    comments : DataFrame, optional
        All comments: then ``partial`` says which weeks are partial
        (:func:`passionmap.weekly.week_coverage`).

    Returns
    -------
    DataFrame
        One row per week and community: ``week``, ``community`` (stable id),
        ``name`` (stable name), ``cluster`` and ``label`` (that week's own),
        ``members``, ``share`` (of the week's customers), ``status`` (``new``
        in a first week, else as matched: ``appeared``, ``split``, ``grew``,
        ...), ``partial``.

    Examples
    --------
    >>> import pandas as pd
    >>> from types import SimpleNamespace as R
    >>> def week(groups, labels):
    ...     cu = pd.DataFrame([(c, k) for k, ids in groups.items() for c in ids],
    ...                       columns=["customer_id", "cluster"])
    ...     cl = pd.DataFrame({"cluster": list(groups), "size": [len(v) for v in groups.values()],
    ...                        "label": labels, "top_interests": labels})
    ...     return R(customers=cu, clusters=cl)
    >>> weeks = {"2024-W01": week({0: "abcd", 1: "efg"}, ["bread", "runs"]),
    ...          "2024-W02": week({5: "abcdx", 6: "yz"}, ["sourdough", "chess"]),
    ...          "2024-W03": week({2: "abcdxw"}, ["bakes"])}
    >>> t = track_communities(weeks)
    >>> t[["week", "community", "name", "members", "status"]].values.tolist()
    ... # doctest: +NORMALIZE_WHITESPACE
    [['2024-W01', 1, 'bread', 4, 'new'], ['2024-W01', 2, 'runs', 3, 'new'],
     ['2024-W02', 1, 'bread', 5, 'grew'], ['2024-W02', 3, 'chess', 2, 'appeared'],
     ['2024-W03', 1, 'bread', 6, 'grew']]
    """
    weeks = sorted((w for w in results if results[w] is not None), key=parse_week)
    rows: list[dict] = []
    born: dict[int, str] = {}  # stable id -> its label in its first week
    of: dict[tuple[str, int], int] = {}  # (week, cluster) -> stable id
    prev_week = None
    for week in weeks:
        r = results[week]
        cl = _communities(r.clusters)
        active = customer_count(r.customers)
        status: dict[int, str] = {}
        parent: dict[int, int] = {}
        if prev_week is not None:
            p = results[prev_week]
            ch = match_communities(p.customers, p.clusters, r.customers, r.clusters,
                                   prev_mentions=getattr(p, "mentions", None),
                                   curr_mentions=getattr(r, "mentions", None))  # fmt: skip
            for c, pc, st in zip(ch["cluster"], ch["prev_cluster"], ch["status"], strict=True):
                if missing(c):
                    continue
                status[int(c)] = str(st)
                if st in CONTINUES and not missing(pc):
                    parent[int(c)] = of[(prev_week, int(pc))]
        for row in cl.to_dict("records"):
            c = int(row["cluster"])
            label = text_or(row.get("label")).strip() or f"community {c}"
            if c in parent:
                sid = parent[c]
            else:
                sid = len(born) + 1
                born[sid] = label
            of[(week, c)] = sid
            rows.append(
                {
                    "week": week,
                    "community": sid,
                    "cluster": c,
                    "label": label,
                    "members": int(row["size"]),
                    "share": int(row["size"]) / active if active else float("nan"),
                    "status": status.get(c, "new"),
                }
            )
        prev_week = week
    given = {}  # the report's names stay as they are; other communities are told apart
    if names and weeks:
        for c, name in names.items():
            sid = of.get((weeks[-1], int(c)))
            if sid is not None and text_or(name).strip():
                given[sid] = str(name)
    others = tell_apart(
        {s: n for s, n in born.items() if s not in given}, taken=set(given.values())
    )
    stable = {**others, **given}
    out = pd.DataFrame(rows, columns=[c for c in TIMELINE_COLUMNS if c not in ("name", "partial")])
    out.insert(2, "name", out["community"].map(stable).astype(object))
    partial = {}
    if comments is not None:
        partial = {w: week_coverage(comments, w).partial for w in weeks}
    out["partial"] = out["week"].map(lambda w: bool(partial.get(w, False))).astype(bool)
    return out[TIMELINE_COLUMNS]


def unfollowed_note(timeline: pd.DataFrame) -> str | None:
    """One sentence where some weeks share no customer with the week before (else None).

    There the tracked communities are ``"matched"`` by what they talk about
    only (:func:`passionmap.weekly.match_communities`), and a line's rises and
    falls are two partitions of different people, not members joining or leaving.

    >>> t = pd.DataFrame({"week": ["2024-W01", "2024-W02", "2024-W03"],
    ...                   "status": ["new", "matched", "grew"]})
    >>> print(unfollowed_note(t))  # doctest: +ELLIPSIS
    In 1 of the 2 weeks after the first, no customer had also written the week before: ...
    """
    if timeline.empty or not (timeline["status"] == "matched").any():
        return None
    weeks = timeline["week"].nunique() - 1
    blind = timeline.loc[timeline["status"] == "matched", "week"].nunique()
    return (
        f"In {blind:,} of the {weeks:,} weeks after the first, no customer had also written "
        "the week before: there a line joins communities by what they talk about only, and "
        "its rises and falls follow how each week's comments group, not who joins or leaves."
    )


def _chosen(
    timeline: pd.DataFrame, weeks: list[str], top: int, measure: str
) -> tuple[list[int], dict[int, int]]:
    """The communities drawn on their own, in legend order, and the last week's map ranks.

    Half of ``top`` (rounded up) go to the last week's largest communities (the map the
    report shows); the rest to the largest over all weeks shown (the sum of ``measure``),
    so a community that was large before the last week is drawn too, and the lines do
    not all start late only because the last week's communities are young.
    """
    last = timeline[timeline["week"] == weeks[-1]]
    last = last.sort_values(["members", "cluster"] if "cluster" in last else ["members"],
                            ascending=[False, True] if "cluster" in last else [False])  # fmt: skip
    on_map = list(dict.fromkeys(last["community"]))
    rank = {sid: i for i, sid in enumerate(on_map)}
    totals = timeline.groupby("community")[measure].sum()
    by_total = sorted(totals.index, key=lambda s: (-totals[s], s))
    top = max(0, int(top))
    chosen = set(on_map[: math.ceil(top / 2)])
    chosen |= set([s for s in by_total if s not in chosen][: top - len(chosen)])
    keep = [s for s in on_map if s in chosen]
    keep += [s for s in by_total if s in chosen and s not in rank]
    return keep, rank


def _colours(keep: list[int], rank: dict[int, int]) -> dict[int, str]:
    """The map's colour for a community on the last week's map (:data:`PALETTE` by rank);
    for another, a colour no drawn line and, where possible, no community of the map has
    (the greys last: grey is the panel's, of the communities not drawn)."""
    n = len(PALETTE)
    colour = {s: PALETTE[rank[s]] for s in keep if rank.get(s, n) < n}
    used = set(colour.values())
    on_map = {PALETTE[r] for r in rank.values() if r < n}
    greys = {"#7f7f7f", "#c7c7c7"}
    spare = sorted(
        (c for c in dict.fromkeys(PALETTE) if c not in used),
        key=lambda c: (c in greys, c in on_map, -PALETTE.index(c) if c in on_map else 0),
    )
    for i, s in enumerate(s for s in keep if s not in colour):
        colour[s] = spare[i % len(spare)] if spare else PALETTE[i % n]
    return colour


def communities_over_time(
    timeline: pd.DataFrame,
    top: int = 12,
    measure: str = "members",
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """Members of each community in each week: one line per stable community.

    A community missing from a week has no point there (its line breaks).
    ``top`` communities are drawn on their own: half of them (rounded up) the
    last week's largest, in the colours of the map of that week (:data:`PALETTE`
    by size), the rest the largest over all weeks shown (dashed when not on the
    last week's map). The last week's communities come first in the legend,
    largest first, then the others by their size over all weeks. Partial weeks
    are shaded and marked.

    When some communities are not drawn, a small panel above the lines shows
    every week's customers in any community: those in the communities drawn
    and those in the others. The others are not a line beside the communities
    drawn: their sum, several times larger than any one community, would squash
    the lines, and, the last week's largest being among those drawn, it would
    fall in the last week only because of which communities are drawn, reading
    as a collapse that did not happen. A week's total does not depend on that
    choice.

    Parameters
    ----------
    timeline : DataFrame
        :func:`track_communities` output.
    top : int
        Communities drawn on their own.
    measure : {"members", "share"}
        Members, or share of the week's customers (what partial weeks need).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"week": ["2024-W01", "2024-W01", "2024-W02"], "community": [1, 2, 1],
    ...     "name": ["bread", "runs", "bread"], "members": [4, 3, 5], "share": [.5, .4, .6],
    ...     "partial": [False, False, True]})
    >>> ax = communities_over_time(t).axes[0]
    >>> ax.get_legend_handles_labels()[1], [x.get_text() for x in ax.get_xticklabels()]
    (['bread', 'runs'], ['2024-W01', '2024-W02\\n(partial)'])
    """
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    from passionmap.viz.figure_base import _empty, _wrap

    if measure not in ("members", "share"):
        raise ValueError(f"measure must be 'members' or 'share', not {measure!r}")
    title = "Communities over time (members per week)"
    if measure == "share":
        title = "Communities over time (share of each week's customers)"
    if timeline is None or timeline.empty:
        return _empty(title, "No communities found")
    weeks = sorted(timeline["week"].unique(), key=parse_week)
    keep, rank = _chosen(timeline, weeks, top, measure)
    kept = set(keep)
    rest = [s for s in dict.fromkeys(timeline["community"]) if s not in kept]
    colour = _colours(keep, rank)
    grid = timeline.pivot_table(
        index="week", columns="community", values=measure, aggfunc="sum"
    ).reindex(index=weeks)
    names = timeline.drop_duplicates("community").set_index("community")["name"]
    if figsize is None:
        figsize = (10, 6.4) if rest else (10, 4.8)
    fig = Figure(figsize=figsize, layout="constrained")
    # the lines' axes first (fig.axes[0]), the panel of the week's totals above them
    grid_spec = fig.add_gridspec(2, 1, height_ratios=[1, 3.2]) if rest else None
    ax = fig.add_subplot(grid_spec[1]) if grid_spec is not None else fig.subplots()
    x = np.arange(len(weeks))
    partial = timeline.groupby("week")["partial"].any() if "partial" in timeline else {}
    shaded = [i for i, w in enumerate(weeks) if bool(partial.get(w, False))]
    for i in shaded:
        ax.axvspan(i - 0.5, i + 0.5, color="#eeeeee", zorder=0)
    for sid in keep:
        ax.plot(
            x, grid[sid].to_numpy(dtype=float), marker="o", markersize=4, linewidth=2,
            color=colour[sid], linestyle="-" if sid in rank else "--",
            label=_wrap(names[sid], 30),
        )  # fmt: skip
    labels = [f"{w}\n(partial)" if bool(partial.get(w, False)) else w for w in weeks]
    step = max(1, math.ceil(len(weeks) / 16))
    ax.set_xticks(x[::step], labels[::step], rotation=0 if len(weeks) <= 8 else 45,
                  ha="center" if len(weeks) <= 8 else "right")  # fmt: skip
    ax.set_xlim(-0.5, len(weeks) - 0.5)
    ax.set_ylim(bottom=0)  # the lines' own scale: nothing larger shares their axis
    fmt = (lambda v, _: percent(v)) if measure == "share" else (lambda v, _: count(v))
    ax.yaxis.set_major_formatter(fmt)
    ax.set_ylabel("share of the week's customers" if measure == "share" else "members")
    if keep:
        ended = any(s not in rank for s in keep)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8,
                  title=f"dashed: not in {weeks[-1]}" if ended else None, title_fontsize=8,
                  alignment="left")  # fmt: skip
    if grid_spec is None:
        ax.set_title(title)
        return fig
    panel = fig.add_subplot(grid_spec[0], sharex=ax)
    for i in shaded:
        panel.axvspan(i - 0.5, i + 0.5, color="#eeeeee", zorder=0)
    drawn = grid[keep].sum(axis=1).to_numpy(dtype=float)
    other = grid[rest].sum(axis=1).to_numpy(dtype=float)
    panel.bar(x, drawn, width=0.7, color="#8c8c8c",
              label="in the community drawn below" if len(keep) == 1
              else f"in the {count(len(keep))} communities drawn below")  # fmt: skip
    panel.bar(x, other, width=0.7, bottom=drawn, color="#d4d4d4",
              label=f"in the {count(len(rest))} not drawn")  # fmt: skip
    panel.tick_params(axis="x", labelbottom=False)
    panel.set_ylim(bottom=0)
    panel.yaxis.set_major_formatter(fmt)
    panel.yaxis.set_major_locator(MaxNLocator(3))
    panel.set_ylabel("share" if measure == "share" else "members")
    panel.set_title(title)
    panel.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8,
                 title="customers in any community", title_fontsize=8,
                 alignment="left")  # fmt: skip
    return fig
