"""Re-runs on an unchanged input reuse the kept outputs (passionmap.reuse)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from passionmap import reuse
from passionmap.cli import main
from passionmap.datasets.sample import write_sample

DATA = ("audience.csv", "clusters.csv", "customers.csv", "graph.gexf", "rejects.csv")


@pytest.fixture
def sample(tmp_path):
    return write_sample(tmp_path / "s.csv", customers=60, seed=3)


def run(sample, out, cache, *extra):
    return main(["run", str(sample), "--out", str(out), "--no-progress", "--model", "blank",
                 "--cache-dir", str(cache), *map(str, extra)])  # fmt: skip


def test_an_unchanged_rerun_gives_the_same_outputs_without_computing(sample, tmp_path, capsys,
                                                                     monkeypatch):  # fmt: skip
    cache = tmp_path / "cache"
    assert run(sample, tmp_path / "a", cache) == 0
    first = capsys.readouterr()
    assert "reused" not in first.err

    def no_run(*args, **kwargs):
        raise AssertionError("the pipeline ran although nothing changed")

    monkeypatch.setattr("passionmap.pipeline.run", no_run)
    assert run(sample, tmp_path / "b", cache) == 0
    second = capsys.readouterr()
    assert "outputs reused from the cache" in second.err
    assert second.out.splitlines()[0].replace(
        "-> " + str(tmp_path / "b"), ""
    ) == first.out.splitlines()[0].replace("-> " + str(tmp_path / "a"), "")
    for name in DATA:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    pd.testing.assert_frame_equal(
        pd.read_parquet(tmp_path / "a" / "mentions.parquet"),
        pd.read_parquet(tmp_path / "b" / "mentions.parquet"),
    )
    summary = json.loads((tmp_path / "b" / "summary.json").read_text())
    assert summary["reused"]["key"] and summary["input"] == str(sample)


@pytest.mark.parametrize("change", ["input", "seed", "no-cache", "patterns"])
def test_any_change_computes_again(sample, tmp_path, capsys, change):
    cache = tmp_path / "cache"
    patterns = tmp_path / "mine.jsonl"
    patterns.write_text('{"label": "INTEREST", "pattern": "zorbball", "id": "zorbball"}\n')
    assert run(sample, tmp_path / "a", cache, "--patterns", patterns) == 0
    capsys.readouterr()
    extra = ["--patterns", patterns]
    if change == "input":
        with open(sample, "a", encoding="utf-8") as f:
            f.write("c9999,zed,I love zorbball,forum,2026-10-12T10:00:00,34\n")
    elif change == "seed":
        extra += ["--seed", 7]
    elif change == "no-cache":
        extra += ["--no-cache"]
    else:
        patterns.write_text('{"label": "INTEREST", "pattern": "quibble", "id": "quibble"}\n')
    assert run(sample, tmp_path / "b", cache, *extra) == 0
    assert "reused" not in capsys.readouterr().err
    assert "reused" not in json.loads((tmp_path / "b" / "summary.json").read_text())


def test_a_damaged_kept_run_is_computed_again(sample, tmp_path, capsys):
    cache = tmp_path / "cache"
    run(sample, tmp_path / "a", cache)
    for kept in (cache / reuse.RUNS).iterdir():
        (kept / "summary.json").write_text("{not json")
    capsys.readouterr()
    assert run(sample, tmp_path / "b", cache) == 0
    assert "reused" not in capsys.readouterr().err
    assert (tmp_path / "b" / "clusters.csv").is_file()


def test_only_the_latest_runs_are_kept_and_clear_removes_them(sample, tmp_path, monkeypatch):
    monkeypatch.setattr(reuse, "KEEP", 2)
    cache = tmp_path / "cache"
    for seed in (1, 2, 3):
        run(sample, tmp_path / f"o{seed}", cache, "--seed", seed)
    assert len([p for p in (cache / reuse.RUNS).iterdir() if p.is_dir()]) == 2
    assert main(["cache", "clear", "--cache-dir", str(cache)]) == 0
    assert not (cache / reuse.RUNS).exists()


def test_the_key_ignores_speed_settings_and_names_the_input_parts(tmp_path):
    from passionmap import Config

    folder = tmp_path / "parts"
    folder.mkdir()
    (folder / "a.csv").write_text("text\nI love hiking\n")
    (folder / "b.csv").write_text("text\nI love kayaks\n")
    cfg = Config(model="blank")
    key = reuse.run_key(folder, cfg)
    assert key == reuse.run_key(folder, cfg.replace(n_process=2, batch_size=64, progress=False))
    (folder / "b.csv").rename(folder / "0.csv")  # the same bytes in another order
    assert reuse.run_key(folder, cfg) != key
    assert reuse.run_key(tmp_path / "missing.csv", cfg) is None
