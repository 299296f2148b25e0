"""The community map (network, layout, interactive HTML) and communities over time."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import re  # noqa: E402
from html.parser import HTMLParser  # noqa: E402
from pathlib import Path  # noqa: E402
from types import SimpleNamespace  # noqa: E402

import nbformat  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from passionmap.viz import network_map as nm  # noqa: E402

EVIL_NAME = "<script>alert(1)</script>"
EVIL_ATTR = '"onmouseover=alert(2) x'


def _clusters(n: int = 3, interests: int = 3, evil: bool = False) -> pd.DataFrame:
    rows = []
    for c in range(n):
        tops = [f"interest {c}-{j}" for j in range(interests)] + ["coffee"]
        rows.append({"cluster": c, "size": 100 - c, "label": f"community {c}",
                     "top_interests": "; ".join(tops), "start_channel": "instagram",
                     "start_share": 0.5})  # fmt: skip
    cl = pd.DataFrame(rows)
    if evil:
        cl.loc[0, "label"] = EVIL_NAME
        cl.loc[1, "label"] = EVIL_ATTR
        cl.loc[0, "top_interests"] = f"<img src=x onerror=alert(3)>; {EVIL_ATTR}; coffee"
    return cl


class _Tags(HTMLParser):
    """Every start tag and its attributes, and the text of scripts."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(page: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


# ------------------------------------------------------------------ network
def test_distinctive_interests_rank_common_interests_by_lift():
    cu = pd.DataFrame({"customer_id": list("abcdefgh"), "cluster": [0, 0, 0, 0, 1, 1, 1, -1]})
    rows = [(c, "coffee") for c in "abcdefg"]  # everyone: lift 1
    rows += [(c, "sourdough") for c in "abc"]  # bakers only: lift 7/4
    rows += [("a", "chess")]  # one member: not common, comes last
    rows += [(c, "trail running") for c in "efg"] + [("h", "sourdough")]  # h: no community
    me = pd.DataFrame(rows, columns=["customer_id", "term"]).assign(
        kind="interest", label=lambda d: d["term"]
    )
    t = nm.distinctive_interests(me, cu, top=3)
    bakers = t[t["cluster"] == 0]
    assert bakers["interest"].tolist() == ["sourdough", "coffee", "chess"]
    assert bakers["share"].tolist() == pytest.approx([0.75, 1.0, 0.25])
    assert bakers["lift"].iloc[0] == pytest.approx(0.75 / (3 / 7))
    assert t[t["cluster"] == 1]["interest"].tolist() == ["trail running", "coffee"]
    assert nm.distinctive_interests(me.iloc[:0], cu).empty


def test_map_graph_is_capped_and_shared_interests_link_communities():
    g = nm.map_graph(_clusters(30, 6), top=4, max_communities=20)
    kinds = [k for _, k in g.nodes(data="kind")]
    assert kinds.count("community") == 20 and g.graph["left_out"] == 10
    assert all(g.degree(v) == 4 for v, k in g.nodes(data="kind") if k == "community")
    assert g.number_of_nodes() <= 20 + 20 * 4  # does not grow with the data
    # each community's top 4 are its own 3-... interests: "coffee" (5th) is cut
    assert ("interest", "coffee") not in g
    g = nm.map_graph(_clusters(3, 2))
    assert sorted(g[("interest", "coffee")]) == [("community", c) for c in range(3)]
    assert g.nodes[("community", 0)]["start"] == "Instagram (50% of members post there)"
    assert g.nodes[("community", 0)]["color"] != g.nodes[("community", 1)]["color"]


def test_map_graph_takes_the_interest_table_in_its_order():
    cl = _clusters(2, 2)
    table = pd.DataFrame({"cluster": [0, 0, 1], "interest": ["Tea", "yoga", "tea"],
                          "share": [0.9, 0.4, 0.5]})  # fmt: skip
    g = nm.map_graph(cl, table)
    assert g.nodes[("community", 0)]["interests"] == [("Tea", 0.9), ("yoga", 0.4)]
    assert g.nodes[("interest", "tea")]["communities"] == ["community 0", "community 1"]
    assert g.edges[("community", 0), ("interest", "tea")]["weight"] == pytest.approx(0.9)


def test_map_layout_is_seeded_and_puts_shared_interests_between():
    g = nm.map_graph(_clusters(6, 3))
    a, b = nm.map_layout(g, seed=1), nm.map_layout(g, seed=1)
    assert set(a) == set(g)
    assert all(np.array_equal(a[v], b[v]) for v in g)
    xy = np.array(list(a.values()))
    assert np.abs(xy).max() < 1.2
    coffee = a[("interest", "coffee")]
    assert coffee == pytest.approx(np.mean([a[("community", c)] for c in range(6)], axis=0))
    # own interests fan out near their community, not on top of another one
    for c in range(6):
        for j in range(3):
            d = np.linalg.norm(a[("interest", f"interest {c}-{j}")] - a[("community", c)])
            assert 0.15 <= d <= 0.31


# ----------------------------------------------------------- interactive map
def test_interactive_map_escapes_user_text():
    m = nm.interactive_map(_clusters(3, 2, evil=True))
    page = m.fragment()
    assert EVIL_NAME not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(3)&gt;" in page
    # the quote only ever appears JSON-escaped inside Bokeh's data, never closing an attribute
    assert re.search(r'(?<!\\)"onmouseover=', page) is None
    assert '\\"onmouseover=alert(2) x' in page
    tags = _tags(page)
    assert not [(t, a) for t, a in tags if any(k.startswith("on") for k in a)]
    assert [t for t, _ in tags].count("script") == 4  # BokehJS, the data, embed, hide the PNG
    assert [t for t, _ in tags].count("img") == 1  # only the fallback picture
    # nothing fetched from the network: BokehJS is inline
    assert not [a for _, a in tags if re.match(r"https?:", a.get("src", "") + a.get("href", ""))]
    assert "cdn.bokeh.org" not in page


def test_interactive_map_size_does_not_grow_with_the_data():
    small = nm.interactive_map(_clusters(3, 2), fallback=False).fragment()
    big = nm.interactive_map(_clusters(200, 10), fallback=False).fragment()
    js = len(small) - 20_000
    assert 1_000_000 < len(small.encode()) < 1_600_000  # BokehJS inline, about 1.27 MB
    assert len(big.encode()) - len(small.encode()) < 150_000  # 20 communities x 4 interests
    assert js > 0


def test_interactive_map_carries_the_png_for_where_scripts_do_not_run():
    m = nm.interactive_map(_clusters(3, 2))
    assert m.png.startswith(b"\x89PNG")
    page = m.fragment()
    img = re.search(r'<img id="(pm-map-png-[0-9a-f]+)"', page).group(1)
    assert f'document.getElementById("{img}")' in page
    assert page.index("<img") < page.index("<script")  # seen first, hidden once BokehJS ran
    assert nm.interactive_map(_clusters(3, 2), fallback=False).fragment().count("<img") == 0
    assert repr(m) == "CommunityMap(3 communities, 7 interests)"
    assert m._repr_html_() == page


def test_interactive_map_hover_legend_and_no_communities():
    from bokeh.models import HoverTool, Legend

    m = nm.interactive_map(_clusters(3, 2), fallback=False)
    hovers = m.figure.select(type=HoverTool)
    fields = {name for h in hovers for name, _ in h.tooltips}
    assert {"community", "members", "top interests", "start with", "interest", "in"} <= fields
    legend = m.figure.select_one({"type": Legend})
    labels = [item.label.value for item in legend.items]
    assert labels[0] == "community 0 (100)" and labels[-1].startswith("interest")
    empty = nm.interactive_map(pd.DataFrame(columns=["cluster", "size", "label"]))
    assert empty.figure.title.text == "No communities found"
    assert empty.png.startswith(b"\x89PNG")


def test_standalone_page_and_report_html_keep_the_map(tmp_path):
    from passionmap.viz import render

    m = nm.interactive_map(_clusters(3, 2, evil=True))
    saved = m.save(tmp_path / "map.html")
    page = open(saved, encoding="utf-8").read()
    assert "<html" in page and EVIL_NAME not in page and "cdn.bokeh.org" not in page
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("m")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": m._repr_html_(),
                                                     "text/plain": repr(m)})
    ]  # fmt: skip
    nb.cells = [nbformat.v4.new_markdown_cell("## Communities"), cell]
    nbformat.write(nb, tmp_path / "r.ipynb")
    html = render.to_html(tmp_path / "r.ipynb", tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Bokeh" in html and "pm-map-png-" in html
    assert EVIL_NAME not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# ------------------------------------------------------ communities over time
def _week(groups: dict[int, str], labels: list[str]) -> SimpleNamespace:
    cu = pd.DataFrame([(c, k) for k, ids in groups.items() for c in ids],
                      columns=["customer_id", "cluster"])  # fmt: skip
    cl = pd.DataFrame({"cluster": list(groups), "size": [len(v) for v in groups.values()],
                       "label": labels, "top_interests": labels})  # fmt: skip
    return SimpleNamespace(customers=cu, clusters=cl)


def test_track_communities_chains_weeks_and_keeps_one_name():
    weeks = {
        "2024-W03": _week({0: "abcdefgh", 1: "ijkl"}, ["bakers", "runners"]),
        "2024-W01": _week({0: "abcdefgh", 1: "ijk"}, ["bread", "runs"]),
        "2024-W02": _week({4: "abcdefgh", 7: "ijkl", 9: "xyz"}, ["sourdough", "jogs", "chess"]),
    }
    t = nm.track_communities(weeks, names={0: "bread lovers"})
    assert t["week"].tolist() == ["2024-W01"] * 2 + ["2024-W02"] * 3 + ["2024-W03"] * 2
    assert t.groupby("community")["name"].nunique().max() == 1  # one name throughout
    bread = t[t["community"] == 1]
    assert bread["name"].unique().tolist() == ["bread lovers"]  # named as the report names it
    assert bread["label"].tolist() == ["bread", "sourdough", "bakers"]  # each week's own label
    assert t[t["name"] == "runs"]["members"].tolist() == [3, 4, 4]
    assert t[t["name"] == "runs"]["status"].tolist() == ["new", "grew", "stable"]
    chess = t[t["name"] == "chess"]
    assert chess["status"].tolist() == ["appeared"] and chess["community"].tolist() == [3]
    assert t["share"].iloc[0] == pytest.approx(8 / 11)
    assert not t["partial"].any()
    assert list(t.columns) == nm.TIMELINE_COLUMNS


def test_weeks_without_returning_customers_are_said_to_be_matched_by_talk_only():
    weeks = {
        "2024-W01": _week({0: "abcd", 1: "efg"}, ["bread", "chess"]),
        "2024-W02": _week({0: "hijklm", 1: "no"}, ["bread", "chess"]),  # nobody came back
        "2024-W03": _week({0: "hijklmp", 1: "noq"}, ["bread", "chess"]),  # all came back
    }
    t = nm.track_communities(weeks)
    bread = t[t["name"] == "bread"].set_index("week")
    assert bread["community"].nunique() == 1  # one line through the three weeks
    assert bread["status"].tolist() == ["new", "matched", "grew"]
    note = nm.unfollowed_note(t)
    assert note.startswith("In 1 of the 2 weeks after the first, no customer had also written")
    followed = {w: weeks[w] for w in ("2024-W02", "2024-W03")}
    assert nm.unfollowed_note(nm.track_communities(followed)) is None


def test_track_communities_tells_apart_same_names():
    weeks = {
        "2024-W01": _week({0: "abcd"}, ["dog"]),
        "2024-W02": _week({1: "wxyz"}, ["cat"]),  # nobody stays, different interest: new
        "2024-W03": _week({2: "mnop"}, ["dog"]),
    }
    t = nm.track_communities(weeks)
    assert t["community"].tolist() == [1, 2, 3]
    assert t["name"].tolist() == ["dog (#1)", "cat", "dog (#3)"]
    # a name the report gives is kept as it is; an earlier community with it is told apart
    t = nm.track_communities(weeks, names={2: "dog"})
    assert t["name"].tolist() == ["dog (#1)", "cat", "dog"]


def test_communities_over_time_figure():
    t = pd.DataFrame({
        "week": ["2024-W01", "2024-W01", "2024-W02", "2024-W03", "2024-W03"],
        "community": [1, 2, 1, 1, 3], "cluster": [0, 1, 0, 0, 1],
        "name": ["bread", "runs", "bread", "bread", "$5 coffee"],
        "members": [4, 3, 5, 6, 9], "share": [0.5, 0.4, 0.6, 0.4, 0.6],
        "partial": [False, False, True, False, False],
    })  # fmt: skip
    fig = nm.communities_over_time(t)
    ax = fig.axes[0]
    # the last week's communities first, largest first: the map's colours
    assert ax.get_legend_handles_labels()[1] == [r"\$5 coffee", "bread", "runs"]
    assert ax.lines[0].get_color() == nm.PALETTE[0]
    ticks = [x.get_text() for x in ax.get_xticklabels()]
    assert ticks == ["2024-W01", "2024-W02\n(partial)", "2024-W03"]
    runs = ax.lines[2].get_ydata()
    assert runs[0] == 3 and np.isnan(runs[1:]).all()  # no point where it is not seen
    fig = nm.communities_over_time(t, top=1, measure="share")
    labels = fig.axes[0].get_legend_handles_labels()[1]
    # the others are no line beside the communities drawn, but bars in a panel above
    assert labels == [r"\$5 coffee"]
    labels = fig.axes[1].get_legend_handles_labels()[1]
    assert labels == ["in the community drawn below", "in the 2 not drawn"]
    assert fig.axes[0].get_ylabel() == "share of the week's customers"
    assert nm.communities_over_time(t.iloc[:0]).axes[0].texts[0].get_text().startswith("No ")
    with pytest.raises(ValueError):
        nm.communities_over_time(t, measure="bogus")
    fig.savefig(__import__("io").BytesIO(), format="png")


def test_every_week_of_the_sample_is_tracked(nlp_blank, tmp_path):
    from passionmap import Config, load_comments
    from passionmap.datasets.sample import write_sample
    from passionmap.weekly import weeks_in

    cfg = Config(model="blank", progress=False)
    path = write_sample(tmp_path / "s.csv", customers=300, weeks=5, seed=0)
    comments = load_comments(path, cfg).comments
    results = nm.weekly_results(comments, cfg, nlp_blank)
    assert list(results) == weeks_in(comments) and len(results) == 5
    t = nm.track_communities(results, comments=comments)
    assert sorted(t["week"].unique()) == list(results)
    assert t.groupby("community")["name"].nunique().max() == 1
    assert t.groupby("name")["community"].nunique().max() == 1
    # the planted communities last: at least three are seen every week, and a community
    # tracked across the weeks holds one planted community (its members' most common one)
    weeks_seen = t.groupby("community")["week"].nunique()
    assert len(weeks_seen[weeks_seen == 5]) >= 3
    from passionmap.datasets.sample import make_sample

    planted = make_sample(customers=300, weeks=5, seed=0).truth.set_index("customer_id")
    ids = {w: t[t["week"] == w].set_index("cluster")["community"] for w in results}
    members = pd.concat(
        r.customers.assign(tracked=r.customers["cluster"].map(ids[w])) for w, r in results.items()
    )
    members = members[members["cluster"] >= 0]
    members["planted"] = members["customer_id"].map(planted["community"])
    top = members.groupby("tracked")["planted"].agg(lambda s: s.value_counts().iloc[0])
    assert top.sum() >= 0.9 * len(members)
    again = nm.track_communities(nm.weekly_results(comments, cfg, nlp_blank), comments=comments)
    pd.testing.assert_frame_equal(t, again)  # deterministic
    fig = nm.communities_over_time(t)
    assert len(fig.axes[0].get_xticklabels()) == 5


#: the 26 communities of the airline tweets' weekly report (2015-W08), as the report's
#: communities.csv wrote them: long names, shared interests, a crowded map
CROWDED = Path(__file__).parent / "data" / "airline_communities.csv"


def _crowded() -> pd.DataFrame:
    return pd.read_csv(CROWDED, keep_default_na=False, dtype={"size": int})


def _overlaps(boxes: list) -> list:
    return [
        (i, j)
        for i in range(len(boxes))
        for j in range(i + 1, len(boxes))
        if min(boxes[i][2], boxes[j][2]) > max(boxes[i][0], boxes[j][0])
        and min(boxes[i][3], boxes[j][3]) > max(boxes[i][1], boxes[j][1])
    ]


def test_names_on_a_crowded_map_do_not_overlap():
    """The airline report's map wrote 'about: wifimixed: crew & landing' (names on top of
    each other): each community name, then each interest name, takes a free spot or, on
    the interactive map, none (its legend and hover give it)."""
    from bokeh.models import LabelSet

    from passionmap.viz.name_places import text_box

    m = nm.interactive_map(_crowded(), fallback=False)
    sets = [s.source.data for s in m.figure.select(type=LabelSet)]
    w, h = nm.FRAME_WIDTH, 640 - nm.FRAME_MARGIN
    (x0, x1), (y0, y1) = nm.map_bounds(m.positions)
    boxes, shown, drawn = [], {}, {}
    for data in sets:
        font = 12.0 if "members" in data else 10.0
        shown[font] = sum(1 for t in data["label"] if t)
        drawn[font] = len(data["label"])
        boxes += [
            text_box(
                (data["x"][i] - x0) / (x1 - x0) * w + data["dx"][i],
                (data["y"][i] - y0) / (y1 - y0) * h + data["dy"][i],
                [data["label"][i]], font, data["align"][i], data["baseline"][i],
            )
            for i in range(len(data["label"]))
            if data["label"][i]
        ]  # fmt: skip
    assert shown[12.0] >= 15  # of 20 communities drawn
    assert shown[10.0] >= 0.8 * drawn[10.0]  # most interests named
    assert _overlaps(boxes) == []


def test_community_names_of_the_static_map_do_not_overlap_as_drawn():
    """Measured on the rendered picture (matplotlib's own text extents), not estimated."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from passionmap.viz import plots

    fig = plots.community_map(_crowded())
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    names = [t for t in ax.texts if t.get_fontweight() == "bold"]
    assert len(names) == 20 and len(ax.texts) > 30  # and the interests' names
    boxes = [tuple(t.get_window_extent(renderer).extents) for t in names]
    assert _overlaps(boxes) == []
    # an interest's name may touch another where no spot was free; most are clear
    every = [tuple(t.get_window_extent(renderer).extents) for t in ax.texts]
    touching = {i for pair in _overlaps(every) for i in pair}
    assert len(touching) <= 0.1 * len(every), len(touching)
