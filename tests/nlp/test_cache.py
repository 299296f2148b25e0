"""The incremental mentions cache (passionmap.nlp.cache)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from passionmap import Config, extract
from passionmap.cli import main
from passionmap.datasets.sample import make_sample, write_sample
from passionmap.nlp.cache import MentionCache, clear, fingerprint
from passionmap.nlp.extraction import extract_with_stats
from passionmap.nlp.nlp import load_nlp
from passionmap.pipeline import complete


@pytest.fixture(scope="module")
def weeks():
    """Five weeks of sample comments: (first four weeks, all five)."""
    comments = complete(make_sample(customers=120, weeks=5, seed=3).comments)
    last = sorted(comments["week"].unique())[-1]
    return comments[comments["week"] != last], comments


def test_second_run_reads_only_new_texts_and_gives_the_same_mentions(weeks, nlp_blank, tmp_path):
    old, everything = weeks
    cfg = Config(model="blank", progress=False, cache_dir=str(tmp_path))
    extract(old, cfg, nlp_blank)
    found = extract_with_stats(everything, cfg, nlp_blank)
    again, stats = found.mentions, found.stats
    new_texts = set(everything["text"]) - set(old["text"])
    assert stats["nlp_texts"] == len(new_texts)
    assert stats["cached"] == everything["text"].nunique() - len(new_texts)
    fresh = extract(everything, Config(model="blank", progress=False), nlp_blank)
    pd.testing.assert_frame_equal(again, fresh)
    assert extract_with_stats(everything, cfg, nlp_blank).stats["nlp_texts"] == 0
    assert again.attrs == {}  # the counts travel explicitly, not in DataFrame.attrs


def test_cached_mentions_are_reattached_to_every_comment_with_that_text(nlp_blank, tmp_path):
    text = "Obsessed with sourdough! Saw it on Instagram."
    df = pd.DataFrame(
        {"comment_id": ["1", "2", "3"], "customer_id": ["ann", "bob", "ann"], "text": [text] * 3}
    )
    cfg = Config(model="blank", progress=False, cache_dir=str(tmp_path))
    extract(df.iloc[:1], cfg, nlp_blank)
    found = extract_with_stats(df, cfg, nlp_blank)
    m = found.mentions
    assert found.stats == {"texts": 1, "nlp_texts": 0, "cached": 1}
    assert m.groupby("comment_id")["customer_id"].first().to_dict() == {
        "1": "ann",
        "2": "bob",
        "3": "ann",
    }
    assert (m.groupby("comment_id")["term"].apply(list).map(tuple).nunique()) == 1


def test_texts_without_mentions_are_cached_too(nlp_blank, tmp_path):
    df = pd.DataFrame({"comment_id": ["1"], "customer_id": ["a"], "text": ["and so on"]})
    cfg = Config(model="blank", progress=False, cache_dir=str(tmp_path))
    assert extract(df, cfg, nlp_blank).empty
    assert extract_with_stats(df, cfg, nlp_blank).stats["cached"] == 1


def test_a_changed_pattern_file_invalidates_the_cache(tmp_path):
    patterns = tmp_path / "mine.jsonl"
    patterns.write_text('{"label": "INTEREST", "pattern": "zorbball", "id": "zorbball"}\n')
    df = pd.DataFrame(
        {"comment_id": ["1"], "customer_id": ["a"], "text": ["I love zorbball and quibbleboarding"]}
    )
    cfg = Config(
        model="blank", progress=False, cache_dir=str(tmp_path / "c"), patterns=(str(patterns),)
    )
    first = extract(df, cfg, load_nlp("blank", extra_patterns=cfg.patterns))
    assert "quibbleboarding" not in set(first.loc[first["kind"] != "word", "term"])
    old_print = fingerprint(cfg)
    with patterns.open("a") as f:
        f.write('{"label": "INTEREST", "pattern": "quibbleboarding", "id": "quibbleboarding"}\n')
    nlp = load_nlp("blank", extra_patterns=cfg.patterns)
    assert fingerprint(cfg) != old_print
    found = extract_with_stats(df, cfg, nlp)
    second = found.mentions
    assert found.stats["nlp_texts"] == 1
    assert "quibbleboarding" in set(second.loc[second["kind"] != "word", "term"])


def test_every_module_that_finds_mentions_is_in_the_fingerprint():
    """A change to any module the cached extraction imports reads the texts again
    (senses.py was missing: its word senses could change and the cache not see it)."""
    import ast
    from pathlib import Path

    from passionmap.nlp import cache

    here = Path(cache.__file__).parent
    imported = set()
    for name in cache._CODE:
        tree = ast.parse((here / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                parts = [node.module] if node.module else [a.name for a in node.names]
                imported |= {f"{m.split('.')[0]}.py" for m in parts}
    # the cache itself, and the Dask engine that only hands texts to the same code
    assert imported - set(cache._CODE) == {"cache.py", "engine_dask.py"}


def test_other_stop_terms_or_model_use_another_cache():
    base = fingerprint(Config(model="blank"))
    assert fingerprint(Config(model="blank", extra_stop_terms=("flight",))) != base
    assert fingerprint(Config(model="blank", seed=7, resolution=2.0)) == base
    assert fingerprint(Config()) != base  # the installed English model


def test_a_fully_cached_run_loads_no_model(tmp_path, monkeypatch):
    cfg = Config(model="blank", progress=False, cache_dir=str(tmp_path))
    df = pd.DataFrame({"comment_id": ["1", "2"], "customer_id": ["a", "b"],
                       "text": ["Obsessed with sourdough!", "Love hiking"]})  # fmt: skip
    first = extract(df, cfg)

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded although every text is cached")

    monkeypatch.setattr("passionmap.nlp.nlp.load_nlp", no_model)
    again = extract_with_stats(df, cfg)
    pd.testing.assert_frame_equal(first, again.mentions)
    assert again.stats == {"texts": 2, "nlp_texts": 0, "cached": 2}
    with pytest.raises(AssertionError, match="was loaded"):  # a new text does need it
        extract(df.assign(text=["Obsessed with kayaks!", "Love hiking"]), cfg)


def test_many_runs_are_compacted(nlp_blank, tmp_path, monkeypatch):
    monkeypatch.setattr("passionmap.nlp.cache.MAX_PARTS", 2)
    cfg = Config(model="blank", progress=False, cache_dir=str(tmp_path))
    texts = ["I love hiking", "Obsessed with sourdough", "ok", "Pickleball every day!"]
    for i, text in enumerate(texts):
        extract(pd.DataFrame({"comment_id": [i], "customer_id": ["a"], "text": [text]}), cfg)
    cache = MentionCache(tmp_path, fingerprint(cfg))
    assert len(cache.parts()) <= 2
    df = pd.DataFrame({"comment_id": range(4), "customer_id": "a", "text": texts})
    assert extract_with_stats(df, cfg, nlp_blank).stats["nlp_texts"] == 0


def test_cli_caches_by_default_and_cache_clear_empties_it(tmp_path, capsys):
    sample = write_sample(tmp_path / "s.csv", customers=40, weeks=2)
    cache = tmp_path / "cache"
    args = ["run", str(sample), "--model", "blank", "--no-progress", "--cache-dir", str(cache)]
    assert main([*args, "--out", str(tmp_path / "o1")]) == 0
    assert list(cache.rglob("part-*.parquet"))
    # another seed: the outputs are computed again (passionmap.reuse), the mentions cached
    assert main([*args, "--out", str(tmp_path / "o2"), "--seed", "7"]) == 0
    summary = json.loads((tmp_path / "o2" / "summary.json").read_text())
    assert summary["extract"]["nlp_texts"] == 0 and summary["extract"]["cached"] > 0
    one = pd.read_parquet(tmp_path / "o1" / "mentions.parquet")
    pd.testing.assert_frame_equal(one, pd.read_parquet(tmp_path / "o2" / "mentions.parquet"))
    # read by spaCy or from the cache, the same file: the counts are in summary.json only
    mentions = [(tmp_path / o / "mentions.parquet").read_bytes() for o in ("o1", "o2")]
    assert mentions[0] == mentions[1]
    capsys.readouterr()
    assert main(["cache", "clear", "--cache-dir", str(cache)]) == 0
    assert "removed" in capsys.readouterr().out
    assert not list(cache.rglob("part-*.parquet"))
    assert clear(cache) == 0


def test_no_cache_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("PASSIONMAP_CACHE_DIR", str(tmp_path / "cache"))
    sample = write_sample(tmp_path / "s.csv", customers=30, weeks=2)
    out = tmp_path / "o"
    assert main(["run", str(sample), "--out", str(out), "--model", "blank", "--no-cache"]) == 0
    assert not (tmp_path / "cache").exists()
    assert json.loads((out / "summary.json").read_text())["config"]["cache_dir"] is None
