"""Streaming in chunks: the same comments, rejects, mentions and outputs as reading whole."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from passionmap import Config, run
from passionmap.cli import main
from passionmap.datasets.sample import write_sample
from passionmap.errors import PassionmapError
from passionmap.io.ingest import iter_comments, load_comments
from passionmap.pipeline import stream

BLANK = Config(model="blank", progress=False)

CSV = (
    "comment_id,customer_id,text,timestamp,age\n"
    "a1,ann,I love sourdough,2026-03-02,34\n"
    "\n"
    'a2,bob,"Hiking, and ""trail"" running\nall weekend",2026-02-31,-4\n'
    "a3,cid,,2026-03-03,40\n"
    "a1,dan,obsessed with knitting,yesterday,200\n"
    "a4,,no customer here,2026-03-04,22\n"
    "a5,eve,too,many,fields,here\n"
    "a1,fay,passionate about chess &amp; go,2026-03-05 10:00,61\n"
    "a6,gus,I love yoga,2026-03-06,29\n"
    'a7,hal,I love tea,2026-03-07,"30 and a quote that never ends\nruns on\nto the end\n'
)

JSONL = "\n".join(
    [
        json.dumps({"customer_id": "ann", "text": "I love sourdough"}),
        "{broken",
        "[1, 2]",
        "",
        json.dumps({"customer_id": "bob", "text": "hiking", "age": 70}),
        json.dumps({"customer_id": "cid", "text": ""}),
        json.dumps({"customer_id": "dan", "text": "yoga", "channel": "Insta"}),
        json.dumps({"customer_id": "eve", "text": "chess"}),
    ]
)


def files(tmp_path):
    out = {}
    out["csv"] = tmp_path / "c.csv"
    out["csv"].write_text(CSV)
    out["utf16"] = tmp_path / "u.csv"
    out["utf16"].write_bytes(CSV.replace("love", "lövé").encode("utf-16"))
    out["latin1"] = tmp_path / "l.csv"
    out["latin1"].write_bytes(CSV.replace("love", "lövé").encode("latin-1"))
    out["nul"] = tmp_path / "n.csv"
    out["nul"].write_bytes(CSV.replace("sourdough", "sour\x00dough").encode())
    out["jsonl"] = tmp_path / "j.jsonl"
    out["jsonl"].write_text(JSONL)
    frame = pd.DataFrame(
        {"customer_id": [f"c{i % 4}" for i in range(11)], "text": ["I love yoga"] * 10 + [None]}
    )
    out["parquet"] = tmp_path / "p.parquet"
    frame.to_parquet(out["parquet"])
    return out


@pytest.mark.parametrize("name", ["csv", "utf16", "latin1", "nul", "jsonl", "parquet"])
@pytest.mark.parametrize("rows", [1, 2, 3])
def test_chunks_join_to_the_whole_file(tmp_path, name, rows):
    path = files(tmp_path)[name]
    whole = load_comments(path)
    parts = list(iter_comments(path, chunk_rows=rows))
    assert len(parts) > 1
    assert all(len(p.comments) <= rows for p in parts)
    joined_comments = pd.concat([p.comments for p in parts], ignore_index=True)
    joined_rejects = pd.concat([p.rejects for p in parts], ignore_index=True)
    pd.testing.assert_frame_equal(joined_comments, whole.comments, check_dtype=False)
    pd.testing.assert_frame_equal(joined_rejects, whole.rejects, check_dtype=False)
    for key in ("rows_read", "rows_used", "rows_rejected", "bad_timestamps", "bad_ages"):
        assert sum(p.stats[key] for p in parts) == whole.stats[key], key
    assert parts[-1].position == path.stat().st_size


def test_whole_file_outcomes_seen_through_chunks(tmp_path):
    """The CSV above, read two records at a time: every row used or rejected, with its reason."""
    loaded = load_comments(files(tmp_path)["csv"], Config(chunk_rows=2))
    s = loaded.stats
    assert s["rows_read"] == 9 == s["rows_used"] + s["rows_rejected"]
    reasons = dict(zip(loaded.rejects["record"], loaded.rejects["reason"], strict=True))
    assert reasons == {
        3: "empty text",
        5: "no customer id",
        6: "expected 5 fields, found 6",
        9: "unterminated quote: runs over the last 3 lines",
    }
    # a1 repeats in later chunks: still made unique, in record order
    assert loaded.comments["comment_id"].tolist() == ["a1", "a2", "a1#2", "a1#3", "a6"]
    assert s["duplicate_ids"] == 2
    assert (s["bad_timestamps"], s["bad_ages"]) == (2, 2)


def test_json_without_any_object_fails_even_when_streamed(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("{broken\n[1]\n" * 5)
    with pytest.raises(Exception, match="no JSON objects found"):
        list(iter_comments(path, chunk_rows=2))


def test_a_bad_file_fails_before_the_model_loads(tmp_path):
    """The file's fault is reported, not the model's, and without waiting for spaCy."""
    path = tmp_path / "no_text.csv"
    path.write_text("customer_id,body\nann,I love yoga\n")
    with pytest.raises(PassionmapError, match="text"):
        stream(path, Config(model="no_such_model", progress=False))


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory):
    return write_sample(tmp_path_factory.mktemp("s") / "s.csv", customers=150, seed=3)


def test_streamed_run_matches_whole_run(tmp_path, sample_file, nlp_blank):
    """Chunks of 97 records give the same mentions (labels, brand handles), customers and
    communities as one chunk of everything."""
    whole = run(sample_file, tmp_path / "whole", BLANK.replace(chunk_rows=10**9), nlp_blank)
    small = BLANK.replace(chunk_rows=97, keep_text=False)
    chunked = run(sample_file, tmp_path / "chunked", small, nlp_blank)
    key = ["comment_id", "start", "end"]
    pd.testing.assert_frame_equal(
        chunked.mentions.sort_values(key, ignore_index=True),
        whole.mentions.sort_values(key, ignore_index=True),
    )
    for name in ("customers.csv", "clusters.csv", "audience.csv", "rejects.csv"):
        a = (tmp_path / "whole" / name).read_bytes()
        assert (tmp_path / "chunked" / name).read_bytes() == a, name
    assert chunked.summary["extract"]["texts"] >= whole.summary["extract"]["texts"]
    assert (chunked.comments["text"] == "").all()  # keep_text=False: the text was let go
    assert (whole.comments["text"] != "").all()
    inferred = (whole.customers["generation_source"] == "inferred").sum()
    assert inferred > 0  # age cues found while the text streamed past


def test_stream_counts_its_texts_explicitly_for_the_summary(sample_file, nlp_blank):
    """The chunks' counts travel in ``Streamed.stats`` (not ``DataFrame.attrs``) and reach
    ``summary["extract"]`` only when handed to analyze."""
    from passionmap import analyze

    read = stream(sample_file, BLANK.replace(chunk_rows=97), nlp_blank)
    stats = read.stats
    assert set(stats) == {"texts", "nlp_texts", "cached", "n_process"}
    assert stats["nlp_texts"] == stats["texts"] > 0 and stats["cached"] == 0  # no cache
    assert read.mentions.attrs == {} and read.words.attrs == {}
    comments = read.loaded.comments
    args = (comments, BLANK, nlp_blank, read.mentions)
    assert analyze(*args, words=read.words, stats=stats).summary["extract"] == stats
    assert analyze(*args, words=read.words).summary["extract"] == {}  # given mentions, uncounted


def test_brand_handles_counted_across_chunks(tmp_path, nlp_blank):
    """@united twice in the file, once per chunk: still the brand, not an interest."""
    path = tmp_path / "t.csv"
    path.write_text(
        "customer_id,text\n"
        "a,@united I love united so much\n"
        "b,@united lost my bag again\n"
        "c,I love united and hiking\n"
    )
    whole = stream(path, BLANK, nlp_blank).mentions
    chunked = stream(path, BLANK.replace(chunk_rows=1), nlp_blank).mentions
    assert "united" not in set(whole["term"])
    assert set(chunked["term"]) == set(whole["term"])
    assert set(whole.loc[whole["kind"] == "interest", "term"]) == {"hiking"}


def test_email_addresses_are_not_brand_handles(tmp_path, nlp_blank):
    """Newsgroup posters sign with x@sourdough.org: sourdough is still someone's interest."""
    path = tmp_path / "t.csv"
    path.write_text(
        "customer_id,text\n"
        "a,Mail me at joe@sourdough.org about hiking\n"
        "b,ann@sourdough.org here; hiking on sunday\n"
        "c,I love sourdough\n"
        "d,@sourdough is my favourite bakery account\n"
    )
    terms = set(stream(path, BLANK, nlp_blank).mentions["term"])
    assert {"sourdough", "hiking"} <= terms


def test_cli_chunk_rows(tmp_path, sample_file, capsys):
    out = tmp_path / "out"
    args = ["run", str(sample_file), "--out", str(out), "--model", "blank", "--no-progress"]
    assert main([*args, "--chunk-rows", "50"]) == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["config"]["chunk_rows"] == 50
    assert summary["rows_read"] == summary["rows_used"] + summary["rows_rejected"]
    with pytest.raises(SystemExit) as exc:
        main([*args, "--chunk-rows", "0"])
    assert exc.value.code == 2
    assert "expected a positive number" in capsys.readouterr().err


def test_long_comments_make_smaller_chunks(tmp_path, monkeypatch):
    """A chunk also ends after about CHUNK_BYTES of the file, however few records it has."""
    from passionmap.io import readers

    path = tmp_path / "long.csv"
    body = "".join(f"c{i},{'I love knitting and hiking. ' * 200}\n" for i in range(600))
    path.write_text("customer_id,text\n" + body)  # about 3.4 MB, 600 records
    monkeypatch.setattr(readers, "CHUNK_BYTES", 1 << 19)
    parts = list(iter_comments(path, Config(max_chars=10**6), chunk_rows=10_000))
    assert len(parts) >= 3
    assert sum(len(p.comments) for p in parts) == 600
    joined = pd.concat([p.comments for p in parts], ignore_index=True)
    pd.testing.assert_frame_equal(joined, load_comments(path, Config(max_chars=10**6)).comments)


def test_streamed_words_are_counted_per_customer_and_word(sample_file, nlp_blank):
    """A streamed file keeps one row per customer and content word, with its uses, not one
    row per use: chunks of 97 records count what the whole file's words count."""
    from passionmap import extract, split_words

    read = stream(sample_file, BLANK.replace(chunk_rows=97), nlp_blank)
    _, words = split_words(extract(load_comments(sample_file).comments, BLANK, nlp_blank))
    per_pair = words.groupby(["customer_id", "term"]).size().rename("n")
    assert list(read.words.columns) == ["customer_id", "term", "n"]
    assert len(read.words) == len(per_pair) < len(words)  # 2,675 pairs, 3,136 uses
    assert (read.words["customer_id"].dtype, read.words["term"].dtype) == ("category",) * 2
    counted = read.words.astype({"customer_id": str, "term": str})
    counted = counted.set_index(["customer_id", "term"])["n"].sort_index()
    pd.testing.assert_series_equal(counted, per_pair.sort_index(), check_index_type=False)


def test_streamed_labels_hold_each_display_form_once_per_chunk(sample_file, nlp_blank):
    """A mention's label is a pointer to its term's display form, not a string of its own:
    one string per mention was a fifth of a streamed 263 MB file's memory (make bench)."""
    read = stream(sample_file, BLANK.replace(chunk_rows=300), nlp_blank)
    labels = read.mentions["label"]
    chunks = -(-len(load_comments(sample_file).comments) // 300)
    # 824 mentions, 90 labels; 433 comments: 2 chunks
    assert len(labels) > 2 * chunks * labels.nunique()
    assert len({id(x) for x in labels}) <= labels.nunique() * chunks


def test_packed_mentions_come_back_as_they_were(sample_file, nlp_blank):
    """A chunk's mentions wait packed (strings as codes) and come back with the very
    values and dtypes, missing values included, in fewer bytes."""
    from passionmap import extract
    from passionmap.resources import Packed

    m = extract(load_comments(sample_file).comments, BLANK, nlp_blank)
    m["category"] = m["category"].where(m.index % 7 > 0, None)  # a missing value: kept as is
    packed = Packed(m)
    pd.testing.assert_frame_equal(packed.frame(), m)
    assert packed.frame()["category"].isna().sum() == m["category"].isna().sum() > 0
    codes = [p[0] for p in packed.parts.values() if isinstance(p, tuple)]
    # comment and customer ids, term, label, kind
    assert {c.dtype.name for c in codes} == {"int32"} and len(codes) == 5


def test_stream_then_analyze_gives_the_outputs_of_the_whole_file(tmp_path, sample_file, nlp_blank):
    """Counted words (streamed, chunks of 97) and words per use (read whole, extracted by
    analyze) make the same communities and the same files."""
    from passionmap import analyze

    whole = analyze(load_comments(sample_file, BLANK), BLANK, nlp_blank)
    read = stream(sample_file, BLANK.replace(chunk_rows=97, keep_text=False), nlp_blank)
    args = (read.loaded, BLANK, nlp_blank, read.mentions)  # the mentions carry the age cues
    streamed = analyze(*args, words=read.words, stats=read.stats)
    assert streamed.summary["clusters"] == whole.summary["clusters"] >= 3
    assert streamed.summary["modularity"] == whole.summary["modularity"]
    whole.write(tmp_path / "whole")
    streamed.write(tmp_path / "streamed")
    for name in ("mentions.parquet", "customers.csv", "clusters.csv", "audience.csv", "graph.gexf"):
        got, want = (tmp_path / "streamed" / name), (tmp_path / "whole" / name)
        assert got.read_bytes() == want.read_bytes(), name


def test_streamed_age_cues_keep_the_words_they_matched(sample_file, nlp_blank):
    """Streaming resets each chunk's labels to the term (display labels are chosen at the
    end), but an age cue's label is its evidence: "My granddaughter", not its rule id."""
    from passionmap import extract

    read = stream(sample_file, BLANK.replace(chunk_rows=97, keep_text=False), nlp_blank)
    whole = extract(load_comments(sample_file, BLANK).comments, BLANK, nlp_blank)
    cues = ["comment_id", "term", "label"]
    got = read.mentions.loc[read.mentions["kind"] == "age_cue", cues].reset_index(drop=True)
    want = whole.loc[whole["kind"] == "age_cue", cues].reset_index(drop=True)
    assert len(got) > 10 and (got["label"] != got["term"]).all()
    pd.testing.assert_frame_equal(got.astype(str), want.astype(str))
