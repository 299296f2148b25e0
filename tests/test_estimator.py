"""pm.PassionMap: one estimator, steps that own their parameters, fit and write."""

from __future__ import annotations

import json
from dataclasses import fields

import pandas as pd
import pytest

import passionmap as pm
from passionmap.config import Config
from passionmap.datasets.sample import make_sample, write_sample
from passionmap.errors import InputError, PassionmapError

BLANK = pm.Extractor(model="blank")


def test_fit_a_dataframe_sets_every_result(nlp_blank):
    model = pm.PassionMap(extractor=BLANK, progress=False)
    comments = make_sample(customers=80, seed=2).comments
    assert model.fit(comments, nlp=nlp_blank) is model
    assert set(model.customers_["customer_id"]) == set(comments["customer_id"].astype(str))
    assert len(model.communities_) >= 2 and model.graph_.number_of_nodes() > 80
    assert {"interest", "channel"} >= set(model.mentions_["kind"])
    assert model.summary_["rows_read"] == model.summary_["rows_used"] == len(comments)
    assert model.rejects_.empty and "reason" in model.terms_.columns


def test_fit_a_path_keeps_rejects_and_writes_every_output(tmp_path, nlp_blank):
    path = write_sample(tmp_path / "s.csv", customers=60)
    with path.open("a", encoding="utf-8") as f:
        f.write(",bob,,twitter,2026-01-01,\n")  # no text: a reject, never dropped
    model = pm.PassionMap(extractor=BLANK, progress=False).fit(path, nlp=nlp_blank)
    assert len(model.rejects_) == 1
    out = model.write(tmp_path / "out")
    summary = json.loads((out / "summary.json").read_text())
    assert summary["rows_read"] == summary["rows_used"] + summary["rows_rejected"]
    assert summary["rows_rejected"] == 1
    rejects = pd.read_csv(out / "rejects.csv")
    assert len(rejects) == 1 and rejects["reason"].notna().all()
    assert {"mentions.parquet", "customers.csv", "clusters.csv", "audience.csv", "graph.gexf",
            "rejects.csv", "summary.json"} <= {p.name for p in out.iterdir()}  # fmt: skip


def test_fit_write_on_the_real_clothing_reviews_keeps_its_42_rejects(tmp_path, nlp_blank, datasets):
    """Issue 15: ``PassionMap().fit(path).write(out)`` on real data keeps rejects and counts."""
    reader = pm.Reader(text_col="Review Text", customer_col="Unnamed: 0", age_col="Age",
                       channel="website")  # fmt: skip
    model = pm.PassionMap(reader=reader, extractor=BLANK, progress=False)
    out = model.fit(datasets / "clothing_reviews.csv", nlp=nlp_blank).write(tmp_path / "out")
    summary = json.loads((out / "summary.json").read_text())
    assert summary["rows_rejected"] == 42
    assert summary["rows_read"] == summary["rows_used"] + 42
    rejects = pd.read_csv(out / "rejects.csv")
    assert len(rejects) == 42 and rejects["reason"].notna().all()
    assert len(model.customers_) == summary["rows_used"]  # one review, one customer


def test_same_input_same_seed_same_communities(nlp_blank):
    comments = make_sample(customers=80, seed=3).comments
    a = pm.PassionMap(extractor=BLANK, progress=False).fit(comments, nlp=nlp_blank)
    b = pm.PassionMap(extractor=BLANK, progress=False).fit(comments, nlp=nlp_blank)
    pd.testing.assert_frame_equal(a.customers_, b.customers_)


def test_steps_own_every_setting_and_map_to_one_config():
    model = pm.PassionMap(
        reader=pm.Reader(customer_col="name", dayfirst=True),
        communities=pm.Louvain(resolution=0.7, seed=3),
    )
    config = model.config()
    assert (config.customer_col, config.dayfirst) == ("name", True)
    assert (config.algorithm, config.resolution, config.seed) == ("louvain", 0.7, 3)
    again = pm.PassionMap.from_config(config)
    assert again.config() == config and isinstance(again.communities, pm.Louvain)
    owned = [f.name for s in (pm.Reader, pm.Extractor, pm.Leiden, pm.Profiler) for f in fields(s)]
    assert len(owned) == len(set(owned))  # no setting in two steps
    assert set(owned) | {"progress", "algorithm", "keep_text", "scheduler", "workers"} == {
        f.name for f in fields(Config)
    }


def test_params_protocol():
    model = pm.PassionMap()
    model.set_params(communities__resolution=2.0, profiler__min_mentions=3)
    params = model.get_params()
    assert params["communities__resolution"] == 2.0 and params["profiler__min_mentions"] == 3
    with pytest.raises(ValueError, match="unknown parameter"):
        model.set_params(communities__nope=1)
    assert "resolution=2.0" in repr(model)


def test_write_before_fit_is_a_clear_error(tmp_path):
    with pytest.raises(RuntimeError, match="fit"):
        pm.PassionMap().write(tmp_path / "out")


def test_a_dataframe_with_the_users_own_column_names(nlp_blank):
    df = pd.DataFrame({"who": ["a", "b", "c", "d"], "body": ["I love sourdough"] * 4})
    model = pm.PassionMap(reader=pm.Reader(customer_col="who", text_col="body"),
                          extractor=BLANK, progress=False).fit(df, nlp=nlp_blank)  # fmt: skip
    assert set(model.customers_["customer_id"]) == {"a", "b", "c", "d"}
    assert set(model.mentions_["term"]) >= {"sourdough"}


def test_a_dataframe_is_read_as_its_file_is(tmp_path, nlp_blank, datasets):
    """``fit(pd.read_csv(f))`` and ``fit(f)``: the same rejects, customers and communities.

    The clothing reviews hold 42 empty reviews (NaN in pandas), HTML entities
    and ages; a DataFrame used to skip the reader, crash on the NaN texts and
    keep no rejects.
    """
    reader = pm.Reader(text_col="Review Text", customer_col="Unnamed: 0", age_col="Age",
                       channel="website")  # fmt: skip
    path = tmp_path / "reviews.csv"
    pd.read_csv(datasets / "clothing_reviews.csv").head(400).to_csv(path, index=False)
    by_path = pm.PassionMap(reader=reader, extractor=BLANK, progress=False).fit(path, nlp=nlp_blank)
    frame = pd.read_csv(path)
    assert frame["Review Text"].isna().sum() > 0 and frame["Review Text"].str.contains("&#").any()
    by_frame = pm.PassionMap(reader=reader, extractor=BLANK, progress=False).fit(
        frame, nlp=nlp_blank
    )
    pd.testing.assert_frame_equal(by_frame.rejects_, by_path.rejects_)
    assert (by_frame.rejects_["reason"] == "empty text").all() and len(by_frame.rejects_) > 0
    pd.testing.assert_frame_equal(by_frame.customers_, by_path.customers_)
    for key in ("rows_read", "rows_used", "rows_rejected", "clusters"):
        assert by_frame.summary_[key] == by_path.summary_[key], key


def test_a_dataframe_gets_the_readers_checks(nlp_blank):
    df = pd.DataFrame({"who": ["a", "b", None, "d"], "body": ["I love sourdough"] * 4,
                       "when": ["03-02-2015", "04-02-2015", "05-02-2015", "23-02-2015"],
                       "age": [34, 999, 40, "forty"]})  # fmt: skip
    reader = pm.Reader(customer_col="who", text_col="body", time_col="when", dayfirst=True)
    model = pm.PassionMap(reader=reader, extractor=BLANK, progress=False).fit(df, nlp=nlp_blank)
    assert model.rejects_[["record", "reason"]].values.tolist() == [[3, "no customer id"]]
    assert model.summary_["rows_read"] == 4 and model.summary_["rows_used"] == 3
    comments = model.result_.comments.set_index("customer_id")
    assert comments.loc["a", "week"] == "2015-W06"  # 3 February, not 2 March
    assert comments.loc["a", "age"] == 34 and comments[["age"]].loc[["b", "d"]].isna().all().all()
    early = pm.Reader(customer_col="who", text_col="body", time_col="when", dayfirst=True,
                      until="2015-02-10")  # fmt: skip
    model = pm.PassionMap(reader=early, extractor=BLANK, progress=False).fit(df, nlp=nlp_blank)
    assert model.summary_["rows_rejected"] == len(model.rejects_) == 2
    with pytest.raises(InputError, match=r"no text column 'text' .*; map yours with text_col="):
        pm.PassionMap(progress=False).fit(df.rename(columns={"who": "customer_id"}))
    with pytest.raises(InputError, match="no rows"):
        pm.PassionMap(reader=reader, progress=False).fit(df.iloc[:0])


@pytest.mark.parametrize(
    ("model", "says"),
    [
        (pm.PassionMap(communities=pm.Leiden(resolution="high")), "resolution must be a number"),
        (pm.PassionMap(profiler=pm.Profiler(min_mentions=0)), "min_mentions must be a whole"),
    ],
)
def test_a_bad_setting_is_one_clear_line(model, says):
    """Not a ValueError from deep in the community code, after the text was read."""
    with pytest.raises(PassionmapError, match=says):
        model.config()
