"""``--engine dask``: the same mentions as a local run, on a 2-worker LocalCluster."""

from __future__ import annotations

import pandas as pd
import pytest

from passionmap import Config, extract, run
from passionmap.datasets.sample import make_sample
from passionmap.io.ingest import load_comments
from passionmap.nlp.engine_dask import load_parts, part_files
from passionmap.pipeline import complete

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture(scope="module")
def comments():
    return complete(make_sample(customers=200, weeks=3, seed=5).comments)


def test_dask_extract_gives_the_local_mentions(client, comments):
    cfg = Config(model="blank", progress=False)
    local = extract(comments, cfg)
    remote = extract(comments, cfg.replace(engine="dask"))
    pd.testing.assert_frame_equal(local, remote)
    assert (remote["kind"] == "age_cue").sum() > 10  # the workers find the age cues too
    assert len(client.scheduler_info()["workers"]) == 2


def test_the_model_is_loaded_once_per_worker(client, comments):
    extract(comments, Config(model="blank", progress=False, engine="dask"))

    def loaded(dask_worker):
        return len(getattr(dask_worker, "_passionmap_nlp", {}))

    assert set(client.run(loaded).values()) <= {0, 1}
    assert sum(client.run(loaded).values()) >= 1


def test_partitioned_parquet_is_read_like_one_file(client, comments, tmp_path):
    raw = comments[["comment_id", "customer_id", "text", "channel", "timestamp", "age"]]
    raw.to_csv(tmp_path / "all.csv", index=False)
    parts = tmp_path / "parts"
    parts.mkdir()
    for i, lo in enumerate(range(0, len(raw), 200)):
        raw.iloc[lo : lo + 200].to_parquet(parts / f"part-{i:03d}.parquet", index=False)
    (parts / "_SUCCESS").write_text("")
    assert len(part_files(parts)) == -(-len(raw) // 200)
    cfg = Config(model="blank", progress=False, engine="dask")
    whole = load_comments(tmp_path / "all.csv", cfg)
    split = load_parts(parts, cfg)
    cols = ["record", "comment_id", "customer_id", "text", "channel", "week"]
    pd.testing.assert_frame_equal(whole.comments[cols], split.comments[cols])
    assert split.stats["rows_read"] == whole.stats["rows_read"]
    local = run(tmp_path / "all.csv", config=cfg.replace(engine="local"))
    remote = run(parts, config=cfg)
    pd.testing.assert_frame_equal(local.mentions, remote.mentions)
    pd.testing.assert_frame_equal(local.customers, remote.customers)


def test_parts_without_ids_are_numbered_across_parts(client, tmp_path):
    for i in range(2):
        pd.DataFrame({"customer_id": ["a", "b"], "text": ["I love hiking", "sourdough!"]}).to_csv(
            tmp_path / f"p{i}.csv", index=False
        )
    loaded = load_parts(tmp_path, Config(model="blank", progress=False, engine="dask"))
    assert loaded.comments["comment_id"].tolist() == ["1", "2", "3", "4"]


def test_report_reads_a_folder_of_parts_with_the_dask_engine(comments, tmp_path):
    """``report --engine dask`` reads a folder of parts, as ``run`` does (issue 16)."""
    from passionmap.viz.render import render_report

    raw = comments[["comment_id", "customer_id", "text", "channel", "timestamp", "age"]]
    parts = tmp_path / "parts"
    parts.mkdir()
    for i, lo in enumerate(range(0, len(raw), 250)):
        raw.iloc[lo : lo + 250].to_csv(parts / f"part-{i:03d}.csv", index=False)
    cfg = Config(model="blank", progress=False, engine="dask", workers=1)
    html = render_report(parts, tmp_path / "reports", None, cfg)
    text = html.read_text(encoding="utf-8")
    assert html.is_file() and "Weekly passion report" in text
    assert f"{len(raw):,}" in text or str(len(raw)) in text  # every part's comments were read
