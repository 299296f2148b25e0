"""The community map: one week's communities and their interests as a network.

- :func:`distinctive_interests`: each community's interests, the most distinctive first;
- :func:`map_graph` and :func:`map_layout`: communities linked to their top interests
  (an interest several communities share links them), capped in size, and its seeded layout;
- :func:`interactive_map`: that network as a Bokeh figure whose HTML carries BokehJS
  inline (no CDN: it works offline inside the one self-contained report and in
  JupyterLab), with the static PNG of :func:`passionmap.viz.plots.community_map` shown
  where scripts do not run (e-mail, an untrusted notebook);
- :func:`weekly_results`, :func:`track_communities` and :func:`communities_over_time`:
  the communities' life over every week, chained week to week under one stable id
  and name (:mod:`passionmap.viz.community_timeline`; the same names here).

The map never grows with the data: at most ``max_communities`` communities and
``top`` interests each are drawn (:data:`MAX_COMMUNITIES`, :data:`TOP_INTERESTS`),
so its HTML is BokehJS (about 1.27 MB) plus a few tens of kilobytes. User text
(community names, interests) reaches the page only as escaped data that Bokeh
draws as text, never as markup.

The network and its layout are :mod:`passionmap.viz.community_graph`'s (its examples).
"""

from __future__ import annotations

import base64
import hashlib
import io
import math
import os
import re
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from passionmap.phrases import count, percent, shorten
from passionmap.viz.community_graph import (  # noqa: F401 (the map's own names, here too)
    MAX_COMMUNITIES,
    PALETTE,
    TOP_INTERESTS,
    _communities,
    _community_positions,
    _node_px,
    _picks,
    _rank_of,
    distinctive_interests,
    map_bounds,
    map_graph,
    map_layout,
    outward,
)
from passionmap.viz.community_timeline import (  # noqa: F401 (the weeks' names, here too)
    CONTINUES,
    TIMELINE_COLUMNS,
    communities_over_time,
    track_communities,
    unfollowed_note,
    weekly_results,
)
from passionmap.viz.name_places import map_labels


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

    def save(self, path: str | os.PathLike[str]) -> str:
        """Write :meth:`html` to ``path``; returns the path."""
        from passionmap.io.files import write_text_atomic

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
        Carry the static PNG (:func:`passionmap.viz.plots.community_map`) for
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

    name_cols, interest_cols = _label_columns(pos, comms, inters, g, away, biggest, height)
    interest_src = ColumnDataSource(
        {
            "x": [float(pos[v][0]) for v in inters],
            "y": [float(pos[v][1]) for v in inters],
            "name": [g.nodes[v]["name"] for v in inters],
            **interest_cols,
            "where": ["; ".join(g.nodes[v]["communities"]) for v in inters],
            "px": [_dot_px(g, v) for v in inters],
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
            "members": [count(d["size"]) for d in shown],
            "tops": [
                ", ".join(t if math.isnan(s) else f"{t} ({percent(s)})" for t, s in d["interests"])
                or "\u2013"
                for d in shown
            ],
            "start": [d["start"] or "\u2013" for d in shown],
            "color": [d["color"] for d in shown],
            "px": [_node_px(d["size"], biggest) for d in shown],
            **name_cols,
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
            x="x", y="y", text="label", source=interest_src, x_offset="dx", y_offset="dy",
            text_align="align", text_baseline="baseline", text_font_size="10px",
            text_color="#444444",
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
    labels = [f"{shorten(d['name'], NAME_CHARS)} ({count(d['size'])})" for d in shown]
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


#: The map's drawing width assumed when its names are placed (pixels): the width follows
#: the page, and the report's page leaves about 760 beside the legend. A wider page only
#: spreads the circles further apart, so names placed clear at this width stay clear.
FRAME_WIDTH = 760
#: Pixels of the figure's height above and below the drawing (title, toolbar).
FRAME_MARGIN = 60
#: Characters of a community's name on the map and in its legend, and of an interest's:
#: longer ones are cut with an ellipsis (phrases.shorten), so a name does not cross the map.
NAME_CHARS, INTEREST_CHARS = 32, 24


def _label_columns(
    pos: dict, comms: list, inters: list, g: nx.Graph, away: dict, biggest: int, height: int
) -> tuple[dict[str, list], dict[str, list]]:
    """The LabelSet columns of the community names, then of the interests: each at a spot
    clear of the other names and dots (:func:`name_places`), community names first, or no
    name where none is clear (the legend and the hover give it)."""
    (x0, x1), (y0, y1) = map_bounds(pos)
    w, h = FRAME_WIDTH, max(height - FRAME_MARGIN, 100)
    frame = (0.0, 0.0, float(w), float(h))

    def screen(v: tuple[str, object]) -> tuple[float, float]:
        return (float(pos[v][0]) - x0) / (x1 - x0) * w, (float(pos[v][1]) - y0) / (y1 - y0) * h

    diam = [_node_px(g.nodes[v]["size"], biggest) for v in comms]
    dots = [_dot_px(g, v) for v in inters]
    names = [shorten(g.nodes[v]["name"], NAME_CHARS) for v in comms]
    labels = [shorten(g.nodes[v]["name"], INTEREST_CHARS) for v in inters]
    places, spots = map_labels(
        np.array([screen(v) for v in comms]), diam, np.array([away[v] for v in comms]),
        [[t] for t in names],
        np.array([screen(v) for v in inters]).reshape(-1, 2), dots, [[t] for t in labels],
        (12.0, 10.0), frame,
    )  # fmt: skip
    return _columns(names, places), _columns(labels, spots)


def _dot_px(g: nx.Graph, v: tuple[str, str]) -> float:
    """Diameter on screen of an interest's dot: larger the more communities share it."""
    return 9.0 + 3.0 * min(len(g.nodes[v]["communities"]) - 1, 4)


def _columns(texts: list[str], places: list) -> dict[str, list]:
    return {
        "label": [t if p.clear else "" for t, p in zip(texts, places, strict=True)],
        "dx": [p.dx for p in places],
        "dy": [p.dy for p in places],
        "align": [p.align for p in places],
        "baseline": [p.baseline for p in places],
    }


def _png(
    clusters: pd.DataFrame,
    interests: pd.DataFrame | None,
    top: int,
    max_communities: int,
    seed: int,
) -> bytes:
    from passionmap.viz.plots import community_map

    buf = io.BytesIO()
    fig = community_map(clusters, interests, top=top, max_communities=max_communities, seed=seed)
    fig.savefig(buf, format="png", dpi=80)
    return buf.getvalue()
