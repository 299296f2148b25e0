"""What explore.ipynb shows: readable column names, the communities' legend, the drill's title."""

from __future__ import annotations

import re

import pandas as pd
from conftest import ROOT

from passionmap.viz import readable
from passionmap.viz.report import show, stats_table
from passionmap.weekly import community_members

#: The measures of loaded.stats and result.summary (summary.json) explore shows.
MEASURES = [
    "rows_read", "rows_used", "rows_rejected", "bad_timestamps", "bad_ages", "duplicate_ids",
    "truncated_texts", "invalid_utf8_bytes", "encoding", "format", "customers",
    "comments_with_mentions", "mentions", "candidate_terms", "subject", "interests",
    "interests_in_graph", "channels", "channels_used", "clusters", "clustered_customers",
    "modularity", "agreement", "resolution", "model", "rows_outside_dates",
]  # fmt: skip

CLUSTERS = pd.DataFrame(
    {
        "cluster": [0, 1, 2],
        "size": [1558, 1480, 44],
        "label": ["bike", "mixed: hockey & baseball", "about: picture"],
        "top_interests": [["bike", "cycling"], ["hockey"], []],
        "top_channels": [["reddit", "website"], ["reddit"], ["reddit"]],
        "start_channel": ["reddit"] * 3,
        "generation_mix": ["Millennials 1.9%; unknown 98.1%"] * 3,
        "passion": [0.264, 0.263, float("nan")],
        "start_share": [1.0, 1.0, 1.0],
    }
)


def _headers(styled_html: str) -> list[str]:
    return re.findall(r'class="col_heading level0 col\d+" >([^<]*)</th>', styled_html)


def test_stats_tables_read_without_internal_names():
    """explore showed rows_read, comments_with_mentions, candidate_terms, interests_in_graph."""
    stats = dict.fromkeys(MEASURES, 1) | {"seconds": {"load": 1.0}}
    shown = stats_table(stats, names=readable.STATS)
    assert not [m for m in shown["measure"] if "_" in m], shown["measure"].tolist()
    measures = dict(shown.values.tolist())
    assert {"records read", "comments that name an interest or channel"} <= set(measures)
    assert {"candidate interest terms", "interests in the community graph"} <= set(measures)
    assert stats_table(stats)["measure"].tolist() == MEASURES  # the dict's own names stay


def test_community_table_names_and_one_channel():
    """One channel: start_share 1.00 and the same start channel on every row said nothing."""
    several = _headers(show(CLUSTERS, names=readable.COMMUNITIES).to_html())
    assert not [h for h in several if "_" in h], several
    assert {"community", "members", "start with", "share there", "generations"} <= set(several)
    shares = show(CLUSTERS, ["start_share"], names=readable.COMMUNITIES).to_html()
    assert "100%" in shares and "1.00" not in shares  # a share, as the other tables write it
    assert CLUSTERS.columns.tolist()[-1] == "start_share"  # the DataFrame is left as it is


def test_community_legend_says_what_about_and_mixed_mean_as_the_readme():
    legend = readable.community_legend(CLUSTERS, readable.community_columns(CLUSTERS)).markup
    assert "<em>start with</em>" in legend and "<em>passion</em>" in legend
    about = (
        "<em>about: X</em>: no interest reaches 15% of its members, so it is named by what "
        "they talk about (X)"
    )
    mixed = (
        "<em>mixed: X &amp; Y</em>: neither an interest nor anything else they talk about "
        "reaches 15% of its members: a loose community, named by its two commonest terms that "
        "more than one member uses"
    )
    assert about in legend and mixed in legend
    # the README's meaning (How it works: profiles), not another one
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    said = "Where no interest reaches 15%, the same rule runs on what its members talk about"
    assert said in readme
    said = "Where nothing reaches 15% either, the loose community is labelled `mixed: ` and "
    assert said + "its two commonest terms that more than one member uses" in readme
    # only the labels the table has, and the columns it shows
    plain = readable.community_legend(CLUSTERS.iloc[:1], ["cluster", "label"]).markup
    assert "about:" not in plain and "mixed:" not in plain and "Labels" not in plain
    assert "<em>start with</em>" not in plain and "<em>community</em>" in plain


def test_community_columns_follow_the_weekly_reports_rules():
    one = readable.community_columns(CLUSTERS, one_channel="reddit")
    assert "start_channel" not in one and "start_share" not in one
    assert "top_interests" in one and "generation_mix" in one
    few = readable.community_columns(CLUSTERS, generations=False)  # "unknown 98.1%"
    assert "generation_mix" not in few and "start_share" in few


def test_drill_title_names_the_community():
    assert readable.community_title(CLUSTERS, 1) == (
        "Drill into one community: mixed: hockey & baseball (community 1, 1,480 members)"
    )


def test_members_and_emerging_read_without_internal_names():
    members = pd.DataFrame(
        {"customer_id": ["a", "b"], "cluster": [0, 0], "generation": [None, "Gen X"],
         "age": [None, 51.0], "n_comments": [1, 3], "top_interests": [["yoga"], []],
         "channels": [["reddit"], ["reddit"]], "generation_source": ["unknown", "stated"],
         "generation_confidence": [0.0, 1.0]}
    )  # fmt: skip
    shown = _headers(show(community_members(members, 0), names=readable.MEMBERS).to_html())
    assert not [h for h in shown if "_" in h], shown
    assert {"comments", "generation from", "generation confidence"} <= set(shown)
    emerging = pd.DataFrame(
        {"term": ["cat"], "label": ["cat"], "share_prev": [0.01], "share_curr": [0.02],
         "rise": [0.01], "customers_curr": [9], "customers_prev": [4], "z": [3.1],
         "p_value": [0.001], "q_value": [0.01]}
    )  # fmt: skip
    shown = _headers(show(emerging, readable.EMERGING_SHOWN, names=readable.EMERGING).to_html())
    assert shown == [
        "interest", "customers last week", "customers this week", "share last week",
        "share this week", "rise", "z", "p", "q",
    ]  # fmt: skip
