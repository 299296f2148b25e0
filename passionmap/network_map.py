"""The community map, and the communities' life over every week of the data.

- :func:`distinctive_interests`: each community's interests, the most distinctive first;
- :func:`map_graph` and :func:`map_layout`: communities linked to their top interests
  (an interest several communities share links them), capped in size, and its seeded layout;
- :func:`interactive_map`: that network as a Bokeh figure whose HTML carries BokehJS
  inline (no CDN: it works offline inside the one self-contained report and in
  JupyterLab), with the static PNG of :func:`passionmap.plots.community_map` shown
  where scripts do not run (e-mail, an untrusted notebook);
- :func:`weekly_results` and :func:`track_communities`: every week analysed, and its
  communities chained week to week (:func:`passionmap.weekly.match_communities`) under
  one stable id and name;
- :func:`communities_over_time`: members of each community in each week.

The map never grows with the data: at most ``max_communities`` communities and
``top`` interests each are drawn (:data:`MAX_COMMUNITIES`, :data:`TOP_INTERESTS`),
so its HTML is BokehJS (about 1.27 MB) plus a few tens of kilobytes. User text
(community names, interests) reaches the page only as escaped data that Bokeh
draws as text, never as markup.

The network and its layout are :mod:`passionmap.community_graph`'s (its examples).
"""

from __future__ import annotations

import base64
import hashlib
import io
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import pandas as pd

from passionmap.community_graph import (  # noqa: F401 (the map's own names, here too)
    MAX_COMMUNITIES,
    PALETTE,
    TOP_INTERESTS,
    _communities,
    _community_positions,
    _label_places,
    _node_px,
    _picks,
    _rank_of,
    _short,
    distinctive_interests,
    map_bounds,
    map_graph,
    map_layout,
    outward,
)
from passionmap.config import Config
from passionmap.phrases import count, missing, percent, text_or
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

    from passionmap.pipeline import Result

#: Statuses of :func:`passionmap.weekly.match_communities` that continue a community.
CONTINUES = ("grew", "shrank", "stable")
TIMELINE_COLUMNS = [
    "week", "community", "name", "cluster", "label", "members", "share", "status", "partial",
]  # fmt: skip


@dataclass
class CommunityMap:
    """An interactive community map: a Bokeh figure and what Jupyter shows of it.

    Shown in Jupyter (``_repr_html_``, also what nbconvert puts in the report) it
    is one HTML fragment: BokehJS inline, the figure, and the static PNG
    (``png``) that a script hides once BokehJS runs, so that where scripts do
    not run (e-mail, an untrusted notebook) the PNG is what is seen.
    :meth:`html` is a standalone page, :meth:`save` writes it.
    """

    figure: Any
    graph: nx.Graph
    positions: dict = field(default_factory=dict)
    png: bytes | None = None

    def __repr__(self) -> str:
        kinds = [k for _, k in self.graph.nodes(data="kind")]
        return (
            f"CommunityMap({kinds.count('community')} communities, "
            f"{kinds.count('interest')} interests)"
        )

    def _repr_html_(self) -> str:
        return self.fragment()

    def fragment(self) -> str:
        """The map as one HTML fragment with BokehJS inline (no network needed)."""
        from bokeh.embed import components
        from bokeh.resources import Resources

        script, div = _fixed_ids(*components(self.figure))
        js = Resources(mode="inline", components=["bokeh"]).render_js()
        parts = ['<div class="pm-map">']
        img_id = ""
        if self.png:
            img_id = "pm-map-png-" + hashlib.sha1(self.png).hexdigest()[:12]
            data = base64.b64encode(self.png).decode("ascii")
            parts.append(
                f'<img id="{img_id}" alt="Figure: community map" style="max-width:100%" '
                f'src="data:image/png;base64,{data}">'
            )
        parts += [js, div, script]
        if img_id:  # BokehJS ran: the interactive map replaces the picture
            parts.append(
                "<script>if (window.Bokeh) { var pmImg = document.getElementById("
                f'"{img_id}"); if (pmImg) {{ pmImg.style.display = "none"; }} }}</script>'
            )
        parts.append("</div>")
        return "\n".join(parts)

    def html(self, title: str = "Community map") -> str:
        """A standalone HTML page of the map, BokehJS inline."""
        from bokeh.embed import file_html
        from bokeh.resources import INLINE

        return file_html(self.figure, INLINE, title)

    def save(self, path) -> str:
        """Write :meth:`html` to ``path``; returns the path."""
        from passionmap.files import write_text_atomic

        return str(write_text_atomic(path, self.html()))


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _fixed_ids(script: str, div: str) -> tuple[str, str]:
    """Bokeh's random element ids replaced by ids drawn from the content: the same map
    gives the same HTML."""
    digest = hashlib.sha1(_UUID.sub("", script + div).encode("utf-8")).hexdigest()[:12]
    ids: dict[str, str] = {}

    def fixed(match: re.Match) -> str:
        return ids.setdefault(match.group(0), f"pm-{digest}-{len(ids)}")

    return _UUID.sub(fixed, script), _UUID.sub(fixed, div)


def interactive_map(
    clusters: pd.DataFrame,
    interests: pd.DataFrame | None = None,
    *,
    top: int = TOP_INTERESTS,
    max_communities: int = MAX_COMMUNITIES,
    seed: int = 0,
    height: int = 640,
    fallback: bool = True,
) -> CommunityMap:
    """The community map as an interactive Bokeh figure (hover, zoom, legend).

    Circles are communities (area: members; one colour each), small white
    circles their most distinctive interests; a line joins a community to its
    interests (thicker: a larger share of members mention it), so an interest
    several communities share sits between them. Hovering a community shows
    its name, members, top interests (share of members) and where to start;
    hovering an interest shows the communities that share it. User text is
    passed as data and drawn as text (escaped in the page), never as markup.

    Parameters
    ----------
    clusters : DataFrame
        ``cluster``, ``size``, ``label`` (the names to show), ``top_interests``,
        and optionally ``start_channel``, ``start_share``.
    interests : DataFrame, optional
        :func:`distinctive_interests` (or ``cluster``/``interest``/``share``
        rows); default: ``top_interests``.
    top, max_communities : int
        Interests per community, and most communities drawn (the largest):
        the map's size does not grow with the data.
    seed : int
        Seed of the layout (:func:`map_layout`).
    height : int
        Height in pixels; the width follows the page.
    fallback : bool
        Carry the static PNG (:func:`passionmap.plots.community_map`) for
        where scripts do not run.

    Examples
    --------
    >>> import pandas as pd
    >>> cl = pd.DataFrame({"cluster": [0, 1], "size": [12, 5], "label": ["bakers", "<b>run</b>"],
    ...                    "top_interests": ["sourdough; coffee", "trail running; coffee"]})
    >>> m = interactive_map(cl, fallback=False)
    >>> m
    CommunityMap(2 communities, 3 interests)
    >>> page = m.fragment()
    >>> "cdn.bokeh.org" in page, "<b>run</b>" in page, "&lt;b&gt;run&lt;/b&gt;" in page
    (False, False, True)
    """
    from bokeh.core.properties import value
    from bokeh.models import ColumnDataSource, HoverTool, LabelSet, Legend, LegendItem
    from bokeh.plotting import figure

    g = map_graph(clusters, interests, top, max_communities)
    pos = map_layout(g, seed)
    comms = [v for v, k in g.nodes(data="kind") if k == "community"]
    inters = [v for v, k in g.nodes(data="kind") if k == "interest"]
    title = "Communities and their distinctive interests (circle area = members)"
    if g.graph.get("left_out"):
        n = g.graph["left_out"]
        title += f"; {n} smaller communit{'y' if n == 1 else 'ies'} not drawn"
    p = figure(
        height=height,
        sizing_mode="stretch_width",
        tools="pan,wheel_zoom,reset,save",
        toolbar_location="above",
        title=title,
        x_range=map_bounds(pos)[0],
        y_range=map_bounds(pos)[1],
    )
    p.axis.visible = False
    p.grid.visible = False
    p.outline_line_color = None
    if not comms:
        p.title.text = "No communities found"
        png = _png(clusters, interests, top, max_communities, seed) if fallback else None
        return CommunityMap(p, g, pos, png)

    biggest = max(g.nodes[v]["size"] for v in comms)
    away = outward(pos, comms)
    edges = sorted(g.edges(data="weight"), key=lambda e: (str(e[0]), str(e[1])))
    edge_src = {"xs": [], "ys": [], "color": [], "width": []}
    for a, b, w in edges:
        c, _i = (a, b) if g.nodes[a]["kind"] == "community" else (b, a)
        edge_src["xs"].append([float(pos[a][0]), float(pos[b][0])])
        edge_src["ys"].append([float(pos[a][1]), float(pos[b][1])])
        edge_src["color"].append(g.nodes[c]["color"])
        edge_src["width"].append(1.0 + 5.0 * float(w))
    p.multi_line(
        "xs", "ys", source=ColumnDataSource(edge_src), line_color="color",
        line_width="width", line_alpha=0.45,
    )  # fmt: skip

    interest_src = ColumnDataSource(
        {
            "x": [float(pos[v][0]) for v in inters],
            "y": [float(pos[v][1]) for v in inters],
            "name": [g.nodes[v]["name"] for v in inters],
            "label": [_short(g.nodes[v]["name"], 24) for v in inters],
            "where": ["; ".join(g.nodes[v]["communities"]) for v in inters],
            "px": [9.0 + 3.0 * min(len(g.nodes[v]["communities"]) - 1, 4) for v in inters],
            "fill": [
                "#555555" if len(g.nodes[v]["communities"]) > 1 else "#ffffff" for v in inters
            ],
        }
    )
    shown = [g.nodes[v] for v in comms]
    comm_src = ColumnDataSource(
        {
            "x": [float(pos[v][0]) for v in comms],
            "y": [float(pos[v][1]) for v in comms],
            "name": [d["name"] for d in shown],
            "label": [_short(d["name"]) for d in shown],
            "members": [count(d["size"]) for d in shown],
            "tops": [
                ", ".join(t if math.isnan(s) else f"{t} ({percent(s)})" for t, s in d["interests"])
                or "\u2013"
                for d in shown
            ],
            "start": [d["start"] or "\u2013" for d in shown],
            "color": [d["color"] for d in shown],
            "px": [_node_px(d["size"], biggest) for d in shown],
            **_label_places(
                [away[v] for v in comms], [_node_px(d["size"], biggest) for d in shown]
            ),
        }
    )
    inter_r = p.scatter(
        "x", "y", source=interest_src, size="px", fill_color="fill", line_color="#555555",
        line_width=1.2,
    )  # fmt: skip
    comm_r = p.scatter(
        "x", "y", source=comm_src, size="px", fill_color="color", fill_alpha=0.9,
        line_color="white", line_width=2,
    )  # fmt: skip
    p.add_layout(
        LabelSet(
            x="x", y="y", text="label", source=interest_src, x_offset=7, y_offset=-5,
            text_font_size="10px", text_color="#444444",
        )
    )  # fmt: skip
    p.add_layout(
        LabelSet(
            x="x", y="y", text="label", source=comm_src, x_offset="dx", y_offset="dy",
            text_align="align", text_baseline="baseline", text_font_size="12px",
            text_font_style="bold",
        )
    )  # fmt: skip
    p.add_tools(
        HoverTool(
            renderers=[comm_r],
            tooltips=[
                ("community", "@name"),
                ("members", "@members"),
                ("top interests", "@tops"),
                ("start with", "@start"),
            ],
        ),
        HoverTool(renderers=[inter_r], tooltips=[("interest", "@name"), ("in", "@where")]),
    )
    # the legend's own markers (drawn nowhere on the map), one size for all
    key = ColumnDataSource(
        {
            "x": [float("nan")] * (len(shown) + 1),
            "y": [float("nan")] * (len(shown) + 1),
            "fill": [d["color"] for d in shown] + ["#ffffff"],
            "line": ["white"] * len(shown) + ["#555555"],
        }
    )
    key_r = p.scatter("x", "y", source=key, size=12, fill_color="fill", line_color="line")
    labels = [f"{_short(d['name'])} ({count(d['size'])})" for d in shown]
    labels.append("interest (grey: shared by several)")
    items = [
        LegendItem(label=value(text), renderers=[key_r], index=i) for i, text in enumerate(labels)
    ]
    legend = Legend(
        items=items, title="community (members)", label_text_font_size="11px",
        glyph_height=20, glyph_width=20, spacing=0,
    )  # fmt: skip
    p.add_layout(legend, "right")
    png = _png(clusters, interests, top, max_communities, seed) if fallback else None
    return CommunityMap(p, g, pos, png)


def _png(clusters, interests, top, max_communities, seed) -> bytes:
    from passionmap.plots import community_map

    buf = io.BytesIO()
    fig = community_map(clusters, interests, top=top, max_communities=max_communities, seed=seed)
    fig.savefig(buf, format="png", dpi=80)
    return buf.getvalue()


# ------------------------------------------------------ communities over time
def weekly_results(
    comments: pd.DataFrame,
    config: Config = Config(),  # noqa: B008 (frozen)
    nlp=None,
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
        from passionmap.nlp import load_nlp

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
            ch = match_communities(p.customers, p.clusters, r.customers, r.clusters)
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


def communities_over_time(
    timeline: pd.DataFrame,
    top: int = 12,
    measure: str = "members",
    figsize=None,
) -> Figure:
    """Members of each community in each week: one line per stable community.

    A community missing from a week has no point there (its line breaks).
    The last week's communities come first, largest first, in the colours of
    the map of that week (:data:`PALETTE` by size); then the others, by their
    members over all weeks. The first ``top`` are drawn, the rest summed as
    one grey dashed line. Partial weeks are shaded and marked.

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

    from passionmap.plots import _empty, _wrap

    if measure not in ("members", "share"):
        raise ValueError(f"measure must be 'members' or 'share', not {measure!r}")
    title = "Communities over time (members per week)"
    if measure == "share":
        title = "Communities over time (share of each week's customers)"
    if timeline is None or timeline.empty:
        return _empty(title, "No communities found")
    weeks = sorted(timeline["week"].unique(), key=parse_week)
    # the last week's communities first, in the map's order (so in the map's colours), then
    # the others by their members over all weeks
    last = timeline[timeline["week"] == weeks[-1]]
    last = last.sort_values(["members", "cluster"] if "cluster" in last else ["members"],
                            ascending=[False, True] if "cluster" in last else [False])  # fmt: skip
    totals = timeline.groupby("community")["members"].sum()
    order = list(dict.fromkeys(last["community"]))
    order += sorted((s for s in totals.index if s not in set(order)), key=lambda s: (-totals[s], s))
    keep, rest = order[:top], order[top:]
    grid = timeline.pivot_table(
        index="week", columns="community", values=measure, aggfunc="sum"
    ).reindex(index=weeks)
    names = timeline.drop_duplicates("community").set_index("community")["name"]
    if figsize is None:
        figsize = (10, 4.8)
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.subplots()
    x = np.arange(len(weeks))
    partial = timeline.groupby("week")["partial"].any() if "partial" in timeline else {}
    for i, w in enumerate(weeks):
        if bool(partial.get(w, False)):
            ax.axvspan(i - 0.5, i + 0.5, color="#eeeeee", zorder=0)
    for i, sid in enumerate(keep):
        ax.plot(
            x, grid[sid].to_numpy(dtype=float), marker="o", markersize=4, linewidth=2,
            color=PALETTE[i % len(PALETTE)], label=_wrap(names[sid], 30),
        )  # fmt: skip
    if rest:
        other = grid[rest].sum(axis=1, min_count=1).to_numpy(dtype=float)
        ax.plot(x, other, color="#999999", linestyle="--", marker="o", markersize=3,
                label=f"{len(rest)} other communities")  # fmt: skip
    labels = [f"{w}\n(partial)" if bool(partial.get(w, False)) else w for w in weeks]
    step = max(1, math.ceil(len(weeks) / 16))
    ax.set_xticks(x[::step], labels[::step], rotation=0 if len(weeks) <= 8 else 45,
                  ha="center" if len(weeks) <= 8 else "right")  # fmt: skip
    ax.set_xlim(-0.5, len(weeks) - 0.5)
    ax.set_ylim(bottom=0)
    if measure == "share":
        ax.yaxis.set_major_formatter(lambda v, _: percent(v))
        ax.set_ylabel("share of the week's customers")
    else:
        ax.yaxis.set_major_formatter(lambda v, _: count(v))
        ax.set_ylabel("members")
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    return fig
