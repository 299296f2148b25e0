"""Figures on hand-made tables: the expected axes, labels, bars and cells."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import io  # noqa: E402

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from passionmap.viz import plots  # noqa: E402
from passionmap.weekly import channel_shares, interest_shares  # noqa: E402


@pytest.fixture
def tables():
    customers = pd.DataFrame(
        {
            "customer_id": list("abcdefgh"),
            "cluster": [0, 0, 0, 0, 1, 1, 2, -1],
            "generation": ["Millennials", "Millennials", "Gen X", None, "Gen Z", "Gen Z",
                           "Baby Boomers", "Gen X"],
            "channels": ["pinterest; instagram", "pinterest", "pinterest", "email",
                         "strava", "strava; instagram", "facebook", "email"],
        }
    )  # fmt: skip
    clusters = pd.DataFrame(
        {
            "cluster": [0, 1, 2],
            "size": [4, 2, 1],
            "label": ["sourdough & baking", "trail running", "<b>bold</b> knitting"],
            "top_interests": ["sourdough; baking; coffee", "trail running; coffee", "knitting"],
            "start_channel": ["pinterest", "strava", "facebook"],
        }
    )
    mentions = pd.DataFrame(
        {
            "customer_id": list("aabcdefgh"),
            "term": ["sourdough", "coffee", "sourdough", "baking", "sourdough",
                     "trail running", "trail running", "knitting", "chess"],
            "label": ["sourdough", "coffee", "sourdough", "baking", "sourdough",
                      "trail running", "trail running", "knitting", "chess"],
            "kind": ["interest"] * 9,
            "passion": [0.9, 0.2, 0.8, 0.5, 0.7, 0.95, 0.6, 0.3, 0.1],
        }
    )  # fmt: skip
    return customers, clusters, mentions


def _renders(fig: Figure) -> None:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    assert buf.getvalue().startswith(b"\x89PNG")


def test_community_map(tables):
    _, clusters, _ = tables
    fig = plots.community_map(clusters)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    # the communities (name and members), then their interests: a network, not a ring of dots
    assert sorted(texts[:3]) == [
        "<b>bold</b>\nknitting\n(1)",
        "sourdough & baking\n(4)",
        "trail running\n(2)",
    ]
    assert sorted(texts[3:]) == ["baking", "coffee", "knitting", "sourdough", "trail running"]
    interests, communities = ax.collections[-2:]
    assert len(communities.get_sizes()) == 3 and len(interests.get_sizes()) == 5
    # circle area grows with members: largest community, largest circle
    assert communities.get_sizes()[0] == pytest.approx(60**2)
    assert communities.get_sizes()[1] == pytest.approx((18 + 42 * (2 / 4) ** 0.5) ** 2)
    assert len(ax.lines) == 6  # one line per community -> interest link
    _renders(fig)


def test_community_map_is_seeded_and_capped(tables):
    _, clusters, _ = tables

    def png(**kw) -> bytes:
        buf = io.BytesIO()
        plots.community_map(clusters, **kw).savefig(buf, format="png")
        return buf.getvalue()

    assert png(seed=3) == png(seed=3)
    ax = plots.community_map(clusters, max_communities=2, top=1).axes[0]
    assert len(ax.texts) == 2 + 2 and "1 smaller community not drawn" in ax.get_title()


def test_community_graph_edges_from_shared_interests(tables):
    _, clusters, _ = tables
    g = plots.community_graph(clusters)
    assert sorted(g.nodes) == [0, 1, 2]
    assert list(g.edges(data="shared")) == [(0, 1, "coffee")]
    assert g.nodes[0]["size"] == 4


def test_channel_heatmap(tables):
    customers, clusters, _ = tables
    fig = plots.channel_heatmap(channel_shares(customers, clusters))
    ax = fig.axes[0]
    assert ax.get_title().startswith("Where communities hang out")
    xt = [t.get_text() for t in ax.get_xticklabels()]
    assert xt[0] == "Pinterest"  # most members overall first
    assert set(xt) == {"Pinterest", "Instagram", "Strava", "email", "Facebook"}
    yt = [t.get_text() for t in ax.get_yticklabels()]
    assert yt == ["sourdough & baking (4)", "trail running (2)", "<b>bold</b> knitting (1)"]
    image = ax.images[0].get_array()
    assert image.shape == (3, 5)
    assert image[0, 0] == pytest.approx(0.75)  # 3 of 4 bakers on Pinterest
    cells = [t.get_text() for t in ax.texts]
    assert len(cells) == 6 and "75%" in cells  # the 9 empty cells stay blank, not "0%"
    assert "0%" not in cells
    assert len(fig.axes) == 2  # the colour bar
    _renders(fig)


def test_channel_heatmap_top_limits_columns(tables):
    customers, clusters, _ = tables
    ax = plots.channel_heatmap(channel_shares(customers, clusters), top=2).axes[0]
    assert len(ax.get_xticklabels()) == 2


def test_top_interests_bars_small_multiples(tables):
    customers, clusters, mentions = tables
    fig = plots.top_interests_bars(interest_shares(mentions, customers, clusters), ncols=2)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(fig.axes) == 4 and len(visible) == 3  # 2 x 2 grid, one spare
    assert [ax.get_title() for ax in visible] == [
        "sourdough & baking",
        "trail running",
        "<b>bold</b> knitting",
    ]
    bakers = visible[0]
    bars = [p for p in bakers.patches if isinstance(p, Rectangle)]
    assert len(bars) == 1  # sourdough (3 of 4); baking and coffee are one member's each
    assert max(b.get_width() for b in bars) == pytest.approx(0.75)
    labels = [t.get_text() for t in bakers.get_yticklabels()]
    assert labels[-1] == "sourdough"
    # one member's interests still count in a one-member community (all of it)
    assert [t.get_text() for t in visible[2].get_yticklabels()] == ["knitting"]
    everyone = plots.top_interests_bars(
        interest_shares(mentions, customers, clusters), ncols=2, min_members=1
    )
    bars = [p for p in everyone.axes[0].patches if isinstance(p, Rectangle)]
    assert len(bars) == 3  # sourdough, baking, coffee
    assert "not drawn" not in everyone.get_suptitle()
    _renders(fig)


def test_top_interests_bars_leave_out_single_members_passions():
    """Brand tweets: communities where no interest is shared by two members get no panel
    of one-member bars; the title says how many were left out."""
    t = pd.DataFrame({"cluster": [0, 0, 1, 2, 3], "label": ["bags", "bags", "wifi", "crew", "gate"],
                      "interest": ["guitar", "golf", "dog", "Disney", "coffee"],
                      "members": [5, 1, 1, 1, 1],
                      "share": [0.011, 0.002, 0.006, 0.002, 0.01]})  # fmt: skip
    fig = plots.top_interests_bars(t)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in visible] == ["bags"]
    assert [t.get_text() for t in visible[0].get_yticklabels()] == ["guitar"]
    left = "3 communities not drawn: no interest shared by 2 of their members"
    assert fig.get_suptitle().endswith(left)
    none = plots.top_interests_bars(t[t["members"] == 1])
    assert none.axes[0].texts[0].get_text() == "No interest is shared by 2 members of any community"


def test_top_interests_bars_count_communities_no_member_mentions_an_interest_of():
    """Airline tweets: 12 panels for 22 communities, and the title said 5 were not drawn."""
    t = pd.DataFrame({"cluster": [0, 1], "label": ["bags", "wifi"], "interest": ["dog", "golf"],
                      "members": [3, 1], "share": [0.03, 0.01]})  # fmt: skip
    clusters = pd.DataFrame({"cluster": [-1, 0, 1, 2, 3], "label": ["", "bags", "wifi", "a", "b"]})
    fig = plots.top_interests_bars(t, clusters=clusters)
    assert [ax.get_title() for ax in fig.axes if ax.get_visible()] == ["bags"]
    assert fig.get_suptitle().endswith(
        "3 communities not drawn: no interest shared by 2 of their members"
    )  # wifi (one member's golf), and 2 and 3, which mention no interest at all


def test_passion_hist_counts_in_whole_mentions():
    """A few mentions gave a y axis of 0.5 steps: half a mention."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    m = pd.DataFrame({"kind": "interest", "passion": [0.25, 0.25, 0.8]})
    fig = plots.passion_hist(m)
    FigureCanvasAgg(fig).draw()
    ticks = fig.axes[0].get_yticks()
    assert len(ticks) >= 2 and all(float(y).is_integer() for y in ticks)
    # the spike at 0.25 is the mentions no cue points at (94.7% of the newsgroups'): said
    notes = [t.get_text() for t in fig.axes[0].texts]
    assert "no passion cue (0.25): 67% of mentions" in notes, notes


def test_generation_mix(tables):
    customers, clusters, _ = tables
    table = plots.generation_table(customers, clusters)
    assert list(table.index) == ["sourdough & baking (4)", "trail running (2)",
                                 "<b>bold</b> knitting (1)"]  # fmt: skip
    assert list(table.columns) == ["Baby Boomers", "Gen X", "Millennials", "Gen Z", "unknown"]
    assert table.loc["sourdough & baking (4)", "Millennials"] == pytest.approx(0.5)
    assert table.sum(axis=1).tolist() == pytest.approx([1, 1, 1])

    fig = plots.generation_mix(customers, clusters)
    ax = fig.axes[0]
    assert ax.get_legend_handles_labels()[1] == list(table.columns)
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(bars) == 3 * 5  # one segment per community and generation
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks[-1] == "sourdough & baking (4)"  # largest community on top
    _renders(fig)


def test_passion_hist(tables):
    _, _, mentions = tables
    fig = plots.passion_hist(mentions, bins=5)
    ax = fig.axes[0]
    heights = [p.get_height() for p in ax.patches]
    assert len(heights) == 5 and sum(heights) == 9
    assert ax.get_ylabel() == "interest mentions"
    _renders(fig)


@pytest.mark.parametrize(
    "draw",
    [
        lambda: plots.community_map(pd.DataFrame(columns=["cluster", "size", "label"])),
        lambda: plots.channel_heatmap(pd.DataFrame()),
        lambda: plots.top_interests_bars(pd.DataFrame()),
        lambda: plots.generation_mix(pd.DataFrame({"cluster": [-1], "generation": [None]})),
        lambda: plots.passion_hist(pd.DataFrame({"kind": [], "passion": []})),
    ],
)
def test_empty_tables_give_a_message(draw):
    fig = draw()
    assert isinstance(fig, Figure)
    assert fig.axes[0].texts[0].get_text().startswith("No ")
    _renders(fig)


def test_dollar_signs_are_not_mathtext(tables):
    customers, clusters, _ = tables
    clusters = clusters.assign(label=["$5 coffee $$", "a_b^c $x", "$"])
    for fig in (
        plots.community_map(clusters),
        plots.channel_heatmap(channel_shares(customers, clusters)),
        plots.generation_mix(customers, clusters),
    ):
        _renders(fig)


def test_counts_in_figures_have_thousands_separators(tables):
    customers, clusters, _ = tables
    big = clusters.assign(size=[10268, 5654, 1])
    texts = [t.get_text() for t in plots.community_map(big).axes[0].texts]
    assert "sourdough & baking\n(10,268)" in texts and "trail running\n(5,654)" in texts
    shares = channel_shares(customers, clusters).assign(size=lambda s: s["size"] * 2567)
    ticks = [t.get_text() for t in plots.channel_heatmap(shares).axes[0].get_yticklabels()]
    assert ticks[0] == "sourdough & baking (10,268)"


def test_channel_heatmap_marks_mentioned_channels(tables):
    customers, clusters, _ = tables
    comments = pd.DataFrame({"customer_id": list("abcdefg"), "channel": "twitter"})
    said = pd.DataFrame({"customer_id": ["a", "e"], "kind": ["channel"] * 2,
                         "term": ["phone", "phone"]})  # fmt: skip
    shares = channel_shares(customers, clusters, comments, said)
    ax = plots.channel_heatmap(shares).axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Twitter", "phone (mentioned)"]
    assert "not a channel they post on" in ax.get_xlabel()


def _audience_table(rows):
    return pd.DataFrame(
        rows, columns=["channel", "generation", "customers", "share_of_all", "inferred"]
    )


def test_audience_bars_leave_out_zero_percent_channels_and_mark_mentioned():
    t = _audience_table(
        [("twitter", "all", 9000, 0.9, 0), ("twitter", "Gen Z", 9000, 0.9, 0),
         ("phone", "all", 400, 0.04, 0), ("phone", "Gen Z", 400, 0.04, 0),
         ("email", "all", 30, 0.003, 0), ("email", "Gen Z", 30, 0.003, 0)]
    )  # fmt: skip
    ax = plots.audience_bars(t, mentioned=["phone"]).axes[0]
    labels = [x.get_text() for x in ax.get_yticklabels()]
    assert labels == ["phone (mentioned, 4.0%)", "Twitter (90%)"]  # no "email (0%)"
    assert "1 channel with under 0.5% of customers left out" in ax.get_xlabel()


def test_audience_bars_without_any_generation_are_plain():
    t = _audience_table(
        [("twitter", "all", 10, 1.0, 0), ("twitter", "unknown", 10, 1.0, 0),
         ("email", "all", 4, 0.4, 0), ("email", "unknown", 4, 0.4, 0)]
    )  # fmt: skip
    ax = plots.audience_bars(t).axes[0]
    assert ax.get_legend() is None  # no legend of one grey "unknown"
    assert "no generation known" in ax.get_title()


def test_top_interests_bars_scale_fits_small_shares():
    # a brand corpus: no interest reaches 3% of its community; 0-100% boxes would look empty
    t = pd.DataFrame({"cluster": [0, 0, 1], "label": ["a", "a", "b"],
                      "interest": ["golf", "guitar", "dog"], "members": [5, 4, 2],
                      "share": [0.028, 0.02, 0.01]})  # fmt: skip
    axes = [ax for ax in plots.top_interests_bars(t).axes if ax.get_visible()]
    assert [ax.get_xlim()[1] for ax in axes] == [0.05, 0.05]  # one scale for every panel
    widths = [p.get_width() for ax in axes for p in ax.patches if isinstance(p, Rectangle)]
    assert max(widths) < 0.05
    wide = t.assign(share=[0.75, 0.5, 0.2])
    assert plots.top_interests_bars(wide).axes[0].get_xlim()[1] == 1.0
    # at most 9.1% (the airline tweets): a 0-15% scale in whole steps, not "2%, 5%, 8%"
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = plots.top_interests_bars(t.assign(share=[0.091, 0.02, 0.01]))
    FigureCanvasAgg(fig).draw()
    ticks = [x.get_text() for x in fig.axes[0].get_xticklabels()]
    assert ticks == ["0%", "5%", "10%", "15%"]


@pytest.mark.parametrize("members", [[1, 1], [3, 1]])
def test_the_note_above_the_interests_chart_says_what_it_draws(members):
    """An empty chart under "the bars show the interests two or more members share"."""
    from passionmap.weekly.compare import WeeklyReport

    t = pd.DataFrame({"cluster": [0, 1], "label": ["bags", "wifi"], "interest": ["dog", "golf"],
                      "members": members, "share": [0.03, 0.01]})  # fmt: skip
    wr = WeeklyReport(*[None] * 8, t)
    note = wr.passion_note
    fig = plots.top_interests_bars(t)
    drawn = [ax for ax in fig.axes if ax.get_visible() and ax.patches]
    assert note.startswith("No interest is shared by 15% of any community's members")
    assert ("the bars show" in note) == bool(drawn)
    assert wr.interest_bars == bool(drawn)  # the report leaves a chart without bars out
    if not drawn:
        assert fig.axes[0].texts[0].get_text().startswith("No interest is shared by 2 members")
