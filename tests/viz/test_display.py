"""The notebooks' tables and CSV: what a reader sees in a cell, a legend, a file."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from passionmap import Config
from passionmap.datasets.sample import write_sample
from passionmap.viz.report import legend, show, table, write_tables
from passionmap.weekly import community_table

#: the weekly report's legend of its communities table (notebooks/weekly_report.ipynb)
MEANINGS = {
    "members": "customers in it this week",
    "change": "compared with the same community last week",
    "start with": "the channel most of its members already post on",
    "passion": "how strongly they talk about their interests",
}


def _cells(styled: str, column: str) -> list[str]:
    """The cells of one column of a pandas Styler table."""
    col = re.search(rf'class="col_heading level0 (col\d+)" >{column}</th>', styled).group(1)
    return re.findall(rf'class="data row\d+ {col}" >([^<]*)</td>', styled)


def test_show_gives_ages_in_whole_years_and_no_passion_as_a_dash():
    """The drill-down printed "33.00" for an age and "0.000" for no passion at all."""
    members = pd.DataFrame(
        {"customer_id": ["10", "11"], "age": [33.0, None], "passion": [0.254, float("nan")]}
    )
    styled = show(members).to_html()
    assert _cells(styled, "age") == ["33", "\u2013"]
    assert _cells(styled, "passion") == ["0.25", "\u2013"]


def test_report_table_shows_a_community_without_passion_as_a_dash():
    clusters = pd.DataFrame(
        {"cluster": [0, 1], "size": [9, 5], "label": ["yoga", "about: plane"],
         "top_interests": [["yoga"], []], "start_channel": ["instagram", "twitter"],
         "generation_mix": ["", ""], "passion": [0.61, float("nan")]}
    )  # fmt: skip
    shown = table(community_table(clusters))
    assert shown.frame["passion"].tolist() == ["0.61", "\u2013"]
    assert "nan" not in shown.markup and "0.00" not in shown.markup


def test_legend_lists_only_the_columns_the_table_shows():
    """No previous week and one channel: no *change*, no *start with* to define."""
    clusters = pd.DataFrame(
        {"cluster": [0], "size": [9], "label": ["yoga"], "top_interests": [["yoga"]],
         "start_channel": ["twitter"], "generation_mix": [""], "passion": [0.61]}
    )  # fmt: skip
    shown = community_table(clusters, one_channel="twitter")
    text = legend(shown, MEANINGS, "Communities <b>.", "One name each.").markup
    assert text == (
        "<p>Communities &lt;b&gt;. <em>members</em>: customers in it this week; "
        "<em>passion</em>: how strongly they talk about their interests. One name each.</p>"
    )
    several = legend(table(community_table(clusters)), MEANINGS).markup
    assert "<em>start with</em>" in several and "<em>change</em>" not in several


@pytest.fixture(scope="module")
def first_week(tmp_path_factory):
    """The weekly report of a sample's only week: no previous week to name communities by."""
    import passionmap as pm
    from passionmap.weekly import weekly_report

    path = write_sample(tmp_path_factory.mktemp("one") / "one.csv", customers=80, weeks=1)
    config = Config(model="blank", progress=False)
    return weekly_report(pm.load_input(path, config).comments, None, config)


def test_communities_csv_names_every_community_without_a_previous_week(first_week, tmp_path):
    """communities.csv had an empty name on every row when there was no previous week."""
    assert first_week.previous is None
    write_tables(first_week, tmp_path)
    communities = pd.read_csv(tmp_path / "communities.csv", keep_default_na=False)
    shown = dict(zip(first_week.clusters["cluster"], first_week.clusters["label"], strict=True))
    assert len(communities) > 1 and (communities["name"] != "").all()
    assert communities.set_index("cluster")["name"].to_dict() == shown  # the report's names
    # start_channels.csv names them the same way, in a column of the same name (its "label"
    # held the report's name while communities.csv's "label" is the automatic one)
    starts = pd.read_csv(tmp_path / "start_channels.csv", keep_default_na=False)
    assert "label" not in starts and len(starts)
    assert starts.merge(communities, on=["cluster", "name"]).shape[0] == len(starts)


def test_emerging_table_shows_q_as_it_shows_p():
    """The q-value (p corrected for every interest tested) printed as 0.2304123 beside p."""
    emerging = pd.DataFrame(
        {"label": ["dog <b>", "tea"], "z": [3.41, 1.2], "p_value": [0.0003, 0.1151],
         "q_value": [0.0009, 0.2304123]}
    )  # fmt: skip
    shown = table(emerging, names={"label": "interest", "p_value": "p", "q_value": "q"})
    assert shown.frame.columns.tolist() == ["interest", "z", "p", "q"]
    assert shown.frame["q"].tolist() == ["<0.001", "0.230"]
    assert shown.frame["p"].tolist() == ["<0.001", "0.115"]
    assert "0.2304" not in shown.markup and "dog &lt;b&gt;" in shown.markup
    styled = show(emerging, ["label", "q_value"], names={"q_value": "q"}).to_html()
    assert _cells(styled, "q") == ["&lt;0.001", "0.230"]
