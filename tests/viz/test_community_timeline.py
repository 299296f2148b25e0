"""Communities over time as a reader sees it: no change the data does not have."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from passionmap.viz import community_timeline as ct  # noqa: E402

WEEKS = [f"2024-W{w:02d}" for w in range(1, 9)]
TOTAL = 600  # customers in some community, every week


def _churning() -> pd.DataFrame:
    """Weeks like the reddit report's (2013-W32): a steady total in many small communities
    that are not matched from week to week (new ids every week), a long-lived one, a large
    one that ended in week 5, and the last week's largest, all young (from week 7)."""
    rows = []
    sid = 100

    def add(week, community, name, members):
        rows.append({"week": week, "community": community, "cluster": len(rows),
                     "name": name, "members": members, "partial": False})  # fmt: skip

    for i, week in enumerate(WEEKS):
        left = TOTAL
        add(week, 1, "cycling", 40)
        left -= 40
        if i < 5:
            add(week, 2, "hiking", 50)
            left -= 50
        if i >= 6:
            for k in range(6):
                add(week, 10 + k, f"young {k}", 45 - k)
                left -= 45 - k
        while left > 0:
            n = min(15, left)
            add(week, sid, f"small {sid}", n)
            sid += 1
            left -= n
    t = pd.DataFrame(rows)
    t["share"] = t["members"] / TOTAL
    return t


def _panel_totals(fig) -> np.ndarray:
    drawn, other = fig.axes[1].containers  # the two stacked bars of the panel
    return np.array([a.get_height() + b.get_height() for a, b in zip(drawn, other, strict=True)])


@pytest.mark.parametrize("measure", ["members", "share"])
def test_the_others_do_not_swamp_the_lines_nor_fall_in_the_last_week(measure):
    t = _churning()
    fig = ct.communities_over_time(t, measure=measure)
    ax = fig.axes[0]
    names = set(t["name"])
    # only communities are lines: no sum of the others beside them
    assert ax.lines and all(line.get_label() in names for line in ax.lines)
    # the lines have the axis to themselves: the largest takes most of its height
    top = max(np.nanmax(line.get_ydata()) for line in ax.lines)
    assert top >= 0.6 * ax.get_ylim()[1]
    # the others in the panel above: with those drawn, every week's customers in any
    # community, as steady as the data (no fall in the last week from the choice drawn)
    weekly = t.groupby("week")[measure].sum().reindex(WEEKS).to_numpy()
    np.testing.assert_allclose(_panel_totals(fig), weekly)
    assert np.ptp(_panel_totals(fig)) == pytest.approx(0)
    labels = fig.axes[1].get_legend_handles_labels()[1]
    assert labels == ["in the 12 communities drawn below",
                      f"in the {t['community'].nunique() - 12} not drawn"]  # fmt: skip
    fig.savefig(__import__("io").BytesIO(), format="png")


def test_the_communities_drawn_are_this_weeks_largest_and_the_largest_over_the_weeks():
    t = _churning()
    ax = ct.communities_over_time(t, top=8).axes[0]
    labels = ax.get_legend_handles_labels()[1]
    # half the last week's largest, in the map's order and colours; then the largest over
    # the weeks shown: a community that ended is drawn, so the lines do not all start late
    assert labels[:4] == ["young 0", "young 1", "young 2", "young 3"]
    assert [line.get_color() for line in ax.lines[:4]] == list(ct.PALETTE[:4])
    assert "hiking" in labels and "cycling" in labels
    firsts = [int(np.flatnonzero(~np.isnan(line.get_ydata()))[0]) for line in ax.lines]
    assert min(firsts) == 0 and sum(f == 0 for f in firsts) >= 2
    # one not in the last week is dashed, in a colour no other line has
    hiking = ax.lines[labels.index("hiking")]
    assert hiking.get_linestyle() == "--"
    colours = [line.get_color() for line in ax.lines]
    assert len(set(colours)) == len(colours)
    assert all(line.get_linestyle() == "-" for line in ax.lines if line is not hiking)


def test_no_panel_when_every_community_is_drawn():
    t = _churning()
    t = t[t["community"] < 100]
    fig = ct.communities_over_time(t, top=20)
    assert len(fig.axes) == 1 and fig.axes[0].get_title().startswith("Communities over time")
    assert len(fig.axes[0].lines) == t["community"].nunique()
