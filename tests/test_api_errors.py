"""Wrong input to the public API: one clear PassionmapError line, never pandas' KeyError.

What an analyst in a notebook sees: a raw ``pd.read_csv`` frame, a table in
the wrong argument, a path where a frame goes (or the other way round), rows
without text, a graph that is not passionmap's. Valid input still works.
"""

from __future__ import annotations

import re

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import passionmap as pm
from passionmap.errors import PassionmapError

BLANK = pm.Config(model="blank", progress=False)
RAW = pd.DataFrame(  # as pd.read_csv gives a file whose columns are not mapped
    {"tweet_id": [1, 2], "name": ["ann", "bo"], "text": ["I love hiking", "Yoga on Insta"]}
)


@pytest.fixture(scope="module")
def tables(nlp_blank):
    """comments, mentions (no content words), words and clusters of three customers."""
    df = pd.DataFrame({"customer_id": ["a", "b", "c"],
                       "text": ["I love hiking and yoga", "Yoga is my life, on Instagram",
                                "hiking all weekend"]})  # fmt: skip
    comments = pm.load_comments(df, BLANK).comments
    mentions, words = pm.split_words(pm.extract(comments, BLANK, nlp_blank))
    clusters = pd.Series(0, index=pd.Index(["a", "b", "c"], name="customer_id"))
    return comments, mentions, words, clusters


def one_line(excinfo: pytest.ExceptionInfo) -> str:
    message = str(excinfo.value)
    assert "\n" not in message
    return message


# --------------------------------------------------------------------------- comments


def test_extract_names_the_missing_column_and_load_comments():
    """The known example: a frame without comment_id raised KeyError from inside attach."""
    df = pd.DataFrame({"customer_id": ["a"], "text": ["I love hiking"]})
    with pytest.raises(PassionmapError) as e:
        pm.extract(df, BLANK)
    message = one_line(e)
    assert "pm.extract" in message and "no column comment_id" in message
    assert "pm.load_comments(df)" in message


@pytest.mark.parametrize(
    "call",
    [
        lambda: pm.extract(RAW, BLANK),
        lambda: pm.analyze(RAW, BLANK),
        lambda: pm.build_graph(RAW, pd.DataFrame()),
        lambda: pm.customer_channels(RAW, pd.DataFrame()),
        lambda: pm.infer_generations(RAW),
        lambda: pm.profile(RAW, pd.DataFrame(), pd.Series(dtype=int)),
        lambda: pm.audience(RAW, pd.DataFrame(), pd.DataFrame()),
    ],
    ids=["extract", "analyze", "graph", "channels", "generations", "profile", "audience"],
)
def test_a_raw_frame_says_which_column_is_missing(call):
    with pytest.raises(PassionmapError) as e:
        call()
    message = one_line(e)
    assert "customer_id" in message and "(columns: tweet_id, name, text)" in message
    assert "pm.load_comments(df)" in message


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("comments.csv", "not a str; to read a file, use pm.load_comments(path)"),
        (["I love hiking"], "not a list"),
        (RAW["text"], "not a Series"),
    ],
)
def test_comments_that_are_no_dataframe(value, says):
    for call in (pm.extract, pm.analyze):
        with pytest.raises(PassionmapError, match="must be a DataFrame") as e:
            call(value, BLANK)
        assert says in one_line(e)


def test_what_load_comments_returns_is_pointed_to_its_comments():
    loaded = pm.load_comments(RAW, pm.Config(customer_col="name"))
    with pytest.raises(PassionmapError, match=r"not a Loaded; pass its \.comments"):
        pm.extract(loaded, BLANK)
    assert len(pm.extract(loaded.comments, BLANK)) > 0


def test_rows_without_text_are_counted_not_crashed_on():
    df = pd.DataFrame({"comment_id": ["1", "2", "3"], "customer_id": ["a", "b", "c"],
                       "text": ["I love hiking", None, np.nan]})  # fmt: skip
    for call in (pm.extract, pm.analyze):
        with pytest.raises(PassionmapError) as e:
            call(df, BLANK)
        message = one_line(e)
        assert "2 of 3 rows of the comments have no text" in message
        assert "rejects" in message
    loaded = pm.load_comments(df, BLANK)  # the fix the message names
    assert len(loaded.comments) == 1 and len(loaded.rejects) == 2


def test_rows_without_a_customer_are_not_silently_dropped():
    df = pd.DataFrame({"customer_id": ["a", None], "text": ["I love hiking", "yoga"]})
    with pytest.raises(PassionmapError, match="1 of 2 rows of the comments have no customer_id"):
        pm.analyze(df, BLANK)


def test_infer_generations_needs_no_text_when_the_cues_are_given():
    with pytest.raises(PassionmapError, match="no column text"):
        pm.infer_generations(pd.DataFrame({"customer_id": ["a"]}))
    found = pd.DataFrame(columns=["customer_id", "cue", "evidence", "born_lo", "born_hi",
                                  "weight"])  # fmt: skip
    out = pm.infer_generations(pd.DataFrame({"customer_id": ["a"]}), found=found)
    assert out["customer_id"].tolist() == ["a"]


# --------------------------------------------------------------------------- files


@pytest.mark.parametrize("call", [pm.run, pm.stream, lambda df: list(pm.iter_comments(df))])
def test_a_dataframe_where_a_file_goes(call):
    with pytest.raises(PassionmapError) as e:
        call(RAW)
    message = one_line(e)
    assert "expected the path of a comments file, not a DataFrame" in message
    assert "pm.load_comments(df)" in message


@pytest.mark.parametrize("value", [["a.csv"], None, RAW["text"]])
def test_load_comments_takes_a_path_or_a_dataframe(value):
    with pytest.raises(PassionmapError, match="path of a comments file or a DataFrame, not a"):
        pm.load_comments(value)


def test_run_with_the_config_where_out_goes(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("customer_id,text\na,I love hiking\n")
    with pytest.raises(PassionmapError, match=r"out is a Config; pass config=\.\.\."):
        pm.run(path, BLANK)
    assert pm.run(path, config=BLANK).summary["rows_used"] == 1


# --------------------------------------------------------------------------- mentions


@pytest.mark.parametrize(
    ("name", "call"),
    [
        ("split_words", lambda c, m: pm.split_words(c)),
        ("customer_features", lambda c, m: pm.customer_features(c)),
        ("select_interests", lambda c, m: pm.select_interests(c)),
        ("build_graph", lambda c, m: pm.build_graph(c, c)),
        ("analyze", lambda c, m: pm.analyze(c, BLANK, mentions=c)),
    ],
)
def test_comments_where_the_mentions_go(tables, name, call):
    comments = tables[0]
    with pytest.raises(PassionmapError) as e:
        call(comments, None)
    message = one_line(e)
    assert f"pm.{name}: the mentions have no column" in message and "kind" in message
    assert "pass the mentions pm.extract returns" in message


def test_mentions_and_comments_swapped(tables):
    comments, mentions, _, clusters = tables
    with pytest.raises(PassionmapError, match="build_graph: the comments have no column channel"):
        pm.build_graph(mentions, comments)
    with pytest.raises(PassionmapError, match="pm.profile: the comments have no columns channel"):
        pm.profile(mentions, comments, clusters)


def test_words_without_terms(tables):
    comments, mentions, _, _ = tables
    with pytest.raises(PassionmapError, match="customer_features: the words have no column term"):
        pm.customer_features(mentions, comments)


# --------------------------------------------------------------------------- profile, audience


@pytest.mark.parametrize("clusters", [pd.DataFrame({"cluster": [0]}), {"a": 0}])
def test_profile_wants_the_community_of_each_customer(tables, clusters):
    comments, mentions, _, _ = tables
    with pytest.raises(PassionmapError, match="clusters must be a Series of community numbers"):
        pm.profile(comments, mentions, clusters)


def test_audience_names_the_customers_table(tables):
    comments, mentions, _, _ = tables
    with pytest.raises(PassionmapError, match="the customers have no column generation"):
        pm.audience(comments, mentions, pd.DataFrame({"customer_id": ["a"]}))


# --------------------------------------------------------------------------- graphs


def test_a_graph_that_is_not_passionmaps():
    with pytest.raises(PassionmapError, match="the graph has no customer nodes"):
        pm.detect(nx.karate_club_graph(), BLANK)
    g = nx.Graph()
    g.add_node("a", kind="customer")
    with pytest.raises(PassionmapError, match="customer node 'a' is not named 'customer:...'"):
        pm.find_communities(g, BLANK)
    assert pm.detect(nx.Graph(), BLANK).labels.empty  # empty in, empty out


@pytest.mark.parametrize("value", ["abc", RAW])
def test_detect_on_a_string_or_a_table(value):
    """Iterated, they were characters or column names: silently the wrong customers."""
    ids = ["a", "b"]
    features = pm.customer_features(
        pd.DataFrame({"customer_id": ids, "kind": "interest", "term": "yoga", "passion": 1.0})
    )
    with pytest.raises(PassionmapError, match="expected the graph of pm.build_graph or the"):
        pm.detect(value, BLANK, features)


def test_customer_ids_need_their_features():
    with pytest.raises(PassionmapError, match="customer ids need their features="):
        pm.detect(["a", "b"], BLANK)


# --------------------------------------------------------------------------- estimator


def test_a_step_of_the_wrong_kind():
    with pytest.raises(PassionmapError, match="extractor must be a pm.Extractor, not a Reader"):
        pm.PassionMap(extractor=pm.Reader()).fit(RAW)
    with pytest.raises(PassionmapError, match="communities must be a pm.Leiden or pm.Louvain"):
        pm.PassionMap(communities="louvain").config()
    assert pm.PassionMap(communities=pm.Louvain()).config().algorithm == "louvain"


# --------------------------------------------------------------------------- valid input


def test_valid_input_still_works(tables):
    comments, mentions, words, clusters = tables
    graph = pm.build_graph(comments, mentions, BLANK)
    assert {k for _, k in graph.nodes(data="kind")} >= {"customer", "interest"}
    assert len(pm.customer_channels(comments, mentions)) > 0
    customers, _, _ = pm.customer_features(mentions, words, BLANK)
    assert customers
    assert pm.detect(graph, BLANK).labels.index.tolist() == ["a", "b", "c"]
    kept, terms = pm.select_interests(mentions, BLANK)
    prof = pm.profile(comments, kept, clusters, BLANK)
    assert prof.customers["customer_id"].tolist() == ["a", "b", "c"]
    assert pm.audience(comments, kept, prof.customers, prof.clusters) is not None
    assert len(pm.infer_generations(comments)) == 3
    res = pm.analyze(pd.DataFrame({"customer_id": [1, 2], "text": ["hiking", "yoga"]}), BLANK)
    assert res.summary["customers"] == 2  # ids that are numbers are fine


# --------------------------------------------------------------------------- config


@pytest.mark.parametrize(
    ("value", "fix"),
    [
        ("blank", r"for a model, pass Config\(model='blank'\)"),
        ({"model": "blank"}, r"pass Config\(\*\*settings\)"),
        (None, r"pass Config\(\.\.\.\) or leave it out"),
    ],  # fmt: skip
)
def test_a_model_name_or_dict_where_the_config_goes(tables, tmp_path, value, fix):
    """pm.extract(df, "blank") raised AttributeError: 'str' object has no attribute 'cache_dir'."""
    comments, mentions, words, clusters = tables
    customers = pm.profile(comments, mentions, clusters, BLANK).customers
    path = tmp_path / "c.csv"
    comments[["customer_id", "text"]].to_csv(path, index=False)
    calls = {
        "pm.extract": lambda: pm.extract(comments, value),
        "pm.load_comments": lambda: pm.load_comments(RAW, value),
        "pm.iter_comments": lambda: next(pm.iter_comments(path, value)),
        "pm.analyze": lambda: pm.analyze(comments, value),
        "pm.run": lambda: pm.run(path, None, value),
        "pm.stream": lambda: pm.stream(path, value),
        "pm.load_input": lambda: pm.load_input(path, value),
        "pm.select_interests": lambda: pm.select_interests(mentions, value),
        "pm.customer_features": lambda: pm.customer_features(mentions, words, value),
        "pm.detect": lambda: pm.detect(pm.build_graph(comments, mentions, BLANK), value),
        "pm.build_graph": lambda: pm.build_graph(comments, mentions, value),
        "pm.profile": lambda: pm.profile(comments, mentions, clusters, value),
        "pm.audience": lambda: pm.audience(comments, mentions, customers, None, value),
    }
    for where, call in calls.items():
        with pytest.raises(PassionmapError) as e:
            call()
        message = one_line(e)
        assert message.startswith(f"{where}: config must be a passionmap.Config, not a "), message
        assert re.search(fix, message), message
