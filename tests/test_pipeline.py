"""End to end on the embedded sample, with the quality gate against its truth."""

import json

import pandas as pd
import pytest

from passionmap import Config, run
from passionmap.analysis.metrics import adjusted_rand, precision_recall
from passionmap.datasets.sample import write_sample


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory, nlp_sm):
    d = tmp_path_factory.mktemp("sample")
    path = write_sample(d / "sample.csv", customers=600, seed=0)
    result = run(path, d / "out", Config(progress=False), nlp=nlp_sm)
    return d, result


def test_quality_gate_communities_and_channels(sample_run):
    d, result = sample_run
    truth = pd.read_csv(d / "sample_truth.csv", dtype={"customer_id": str})
    found = pd.read_csv(d / "out" / "customers.csv", dtype={"customer_id": str})
    both = truth.merge(found, on="customer_id", validate="1:1")
    ari = adjusted_rand(both["community"], both["cluster"])
    gold = pd.read_csv(d / "sample_mentions_truth.csv", dtype=str)
    mentions = pd.read_parquet(d / "out" / "mentions.parquet")
    keys = ["comment_id", "term"]
    chan = precision_recall(
        gold[gold["kind"] == "channel"], mentions[mentions["kind"] == "channel"], keys
    )
    interest = precision_recall(
        gold[gold["kind"] == "interest"], mentions[mentions["kind"] == "interest"], keys
    )
    print(f"\nsample 600 customers: ARI {ari:.3f}; channels {chan}; interests {interest}")
    # our own sample is the demo, not the yardstick (benchmarks/evaluate.py is): measured
    # 0.90 at the standard resolution 1.0, 0.97 when the resolution was tuned to it
    assert ari >= 0.85
    assert chan["recall"] >= 0.98 and chan["precision"] >= 0.95
    assert interest["recall"] >= 0.85 and interest["precision"] >= 0.85
    planted = truth.loc[truth["community"] >= 0, "community"].nunique()
    assert planted <= len(result.clusters) <= planted + 3


def test_every_output_file_with_spec_columns(sample_run):
    d, result = sample_run
    out = d / "out"
    assert list(pd.read_parquet(out / "mentions.parquet").columns) == [
        "comment_id", "customer_id", "term", "label", "kind", "category", "passion",
        "personal", "start", "end",
    ]  # fmt: skip
    assert list(pd.read_csv(out / "customers.csv").columns) == [
        "customer_id", "cluster", "generation", "age", "n_comments", "top_interests", "channels",
        "generation_source", "generation_confidence",
    ]  # fmt: skip
    clusters = pd.read_csv(out / "clusters.csv")
    assert list(clusters.columns)[:8] == [
        "cluster", "size", "label", "top_interests", "top_channels", "start_channel",
        "generation_mix", "passion",
    ]  # fmt: skip
    assert list(pd.read_csv(out / "rejects.csv").columns) == [
        "record",
        "comment_id",
        "reason",
        "text",
    ]
    assert list(pd.read_csv(out / "audience.csv").columns) == [
        "channel", "generation", "customers", "share", "share_of_all", "inferred", "top_interests",
    ]  # fmt: skip
    assert (out / "graph.gexf").read_text().startswith("<?xml")
    summary = json.loads((out / "summary.json").read_text())
    assert summary["rows_read"] == len(result.comments) + len(result.rejects)
    assert summary["rows_read"] == summary["rows_used"] + summary["rows_rejected"]
    for stage in ("load", "extract", "graph", "communities", "profile", "write"):
        assert summary["seconds"][stage] >= 0
    assert summary["clusters"] == len(clusters) and 0 < summary["modularity"] <= 1
    assert "en_core_web_sm" in summary["model"]


def test_mentions_offsets_point_at_the_text(sample_run):
    _, result = sample_run
    texts = result.comments.set_index("comment_id")["text"]
    m = result.mentions.head(200)
    for row in m.itertuples():
        surface = texts[row.comment_id][row.start : row.end]
        assert surface and surface[0].isalnum() or surface.startswith("#")
    assert m["passion"].between(0, 1).all()


def test_bakers_start_on_pinterest(sample_run):
    d, result = sample_run
    truth = pd.read_csv(d / "sample_truth.csv", dtype=str).set_index("customer_id")
    customers = result.customers[result.customers["cluster"] >= 0]
    majority = customers.groupby("cluster")["customer_id"].agg(
        lambda ids: truth.loc[ids, "community_name"].mode().iloc[0]
    )
    ids = majority[majority == "sourdough bakers"].index
    bakers = result.clusters.set_index("cluster").loc[ids].sort_values("size", ascending=False)
    assert 1 <= len(bakers) <= 2
    assert bakers["start_channel"].iloc[0] == "pinterest"
    planted = {"sourdough", "cast iron skillet", "canning", "farmers market", "wild yeast"}
    assert set(bakers["label"].iloc[0].lower().removeprefix("mixed: ").split(" & ")) <= planted


def test_same_input_same_outputs(tmp_path, sample_run, nlp_sm):
    d, _ = sample_run
    shuffled = pd.read_csv(d / "sample.csv", dtype=str).sample(frac=1, random_state=5)
    shuffled.to_csv(tmp_path / "shuffled.csv", index=False)
    run(tmp_path / "shuffled.csv", tmp_path / "out", Config(progress=False), nlp=nlp_sm)
    for name in ("customers.csv", "clusters.csv"):
        assert (tmp_path / "out" / name).read_bytes() == (d / "out" / name).read_bytes()


def test_auto_processes_read_long_texts_in_parallel_with_the_same_mentions(monkeypatch):
    """--n-process 0 (auto): workers where texts are long enough; the same mentions."""
    import passionmap.resources as resources
    from passionmap import Config, analyze

    monkeypatch.setattr(resources, "AUTO_MIN_WORDS", 1_000)  # a small corpus stands for a big one
    monkeypatch.setattr(resources, "cpu_count", lambda: 2)
    long = " ".join(["I love sourdough and trail running with my dog on Sundays."] * 6)
    comments = pd.DataFrame({"comment_id": [str(i) for i in range(40)],
                             "customer_id": [f"c{i % 10}" for i in range(40)],
                             "text": [f"{long} Day {i}." for i in range(40)]})  # fmt: skip
    auto = analyze(comments, Config(model="blank", progress=False))
    one = analyze(comments, Config(model="blank", progress=False, n_process=1))
    assert auto.summary["extract"]["n_process"] == 2 and one.summary["extract"]["n_process"] == 1
    pd.testing.assert_frame_equal(auto.mentions, one.mentions)


def test_analyze_of_what_load_comments_returned_keeps_its_rejects_and_counts(tmp_path):
    """An analyst's notebook: load, look, analyse; nothing read is lost on the way."""
    import passionmap as pm

    path = tmp_path / "c.csv"
    pd.DataFrame({
        "customer_id": ["a", "b", "", "c"],
        "text": ["I love sourdough baking", "sourdough every weekend", "no customer", ""],
    }).to_csv(path, index=False)  # fmt: skip
    config = pm.Config(model="blank", progress=False)
    loaded = pm.load_comments(path, config)
    result = pm.analyze(loaded, config)
    assert len(result.rejects) == 2 and result.rejects.equals(loaded.rejects)
    s = result.summary
    assert (s["rows_read"], s["rows_used"], s["rows_rejected"]) == (4, 2, 2)
    written = json.loads((result.write(tmp_path / "out") / "summary.json").read_text())
    assert written["rows_read"] == written["rows_used"] + written["rows_rejected"]
    assert len(pd.read_csv(tmp_path / "out" / "rejects.csv")) == 2


def test_lists_stay_lists_until_the_csv_files(sample_run):
    """In memory a list cell is a list; clusters.csv and customers.csv read "a; b; c"."""
    d, result = sample_run
    out = d / "out"
    for table, name, cols in (
        (result.clusters, "clusters.csv", ("top_interests", "top_channels")),
        (result.customers, "customers.csv", ("top_interests", "channels")),
    ):
        written = pd.read_csv(out / name, dtype={"customer_id": str}, keep_default_na=False)
        for col in cols:
            assert all(isinstance(v, list) for v in table[col]), (name, col)
            assert written[col].tolist() == ["; ".join(v) for v in table[col]], (name, col)
    assert isinstance(result.clusters["top_interests"].iloc[0], list)
    assert result.clusters["top_interests"].map(len).gt(0).all()
    tops = result.audience.to_frame()["top_interests"]
    assert all(isinstance(v, list) for v in tops)
