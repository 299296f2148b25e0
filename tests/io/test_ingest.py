"""Tests for passionmap.io.ingest."""

from __future__ import annotations

import doctest
import json
import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import DATASETS

from passionmap.config import Config
from passionmap.errors import InputError
from passionmap.io import ingest
from passionmap.io.ingest import (
    CHANNELS,
    COMMENT_COLUMNS,
    REJECT_COLUMNS,
    Loaded,
    load_comments,
    normalise_channel,
)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def check_invariants(loaded: Loaded) -> None:
    s = loaded.stats
    assert s["rows_read"] == s["rows_used"] + s["rows_rejected"]
    assert len(loaded.comments) == s["rows_used"]
    assert len(loaded.rejects) == s["rows_rejected"]
    assert list(loaded.comments.columns) == COMMENT_COLUMNS
    assert list(loaded.rejects.columns) == REJECT_COLUMNS
    assert loaded.comments["record"].dtype == "int64"
    assert loaded.rejects["record"].dtype == "int64"
    assert loaded.comments["timestamp"].dtype == "datetime64[ns]"
    assert loaded.comments["age"].dtype == "float64"
    assert loaded.comments["comment_id"].is_unique
    # every record is in exactly one table
    records = sorted(loaded.comments["record"].tolist() + loaded.rejects["record"].tolist())
    assert records == list(range(1, s["rows_read"] + 1))


# --------------------------------------------------------------------------- basics


def test_basic_csv(tmp_path):
    path = write(
        tmp_path / "c.csv",
        "comment_id,customer_id,text,channel,timestamp,age\n"
        "a1,ann,  I love sourdough &amp; hiking  ,Twitter,2024-03-04T10:00:00,34\n"
        "a2,bob,Strava every morning,strava,2024-03-11 08:30,52\n",
    )
    loaded = load_comments(path)
    check_invariants(loaded)
    c = loaded.comments
    assert c["comment_id"].tolist() == ["a1", "a2"]
    assert c["customer_id"].tolist() == ["ann", "bob"]
    assert c["text"].tolist() == ["I love sourdough & hiking", "Strava every morning"]
    assert c["channel"].tolist() == ["twitter", "strava"]
    assert c["timestamp"].tolist() == [
        pd.Timestamp("2024-03-04 10:00"),
        pd.Timestamp("2024-03-11 08:30"),
    ]
    assert c["age"].tolist() == [34.0, 52.0]
    assert c["generation"].tolist() == ["Millennials", "Gen X"]
    assert c["week"].tolist() == ["2024-W10", "2024-W11"]
    assert loaded.stats["format"] == "csv"
    assert loaded.stats["encoding"] == "utf-8"
    assert loaded.head(1).equals(c.head(1))
    assert "rows_used=2" in repr(loaded)


def test_column_mapping_options(tmp_path):
    path = write(
        tmp_path / "c.csv",
        "Msg ID, User Name ,Body,Where,When,Years\n"
        "m1,ann,hello there,FB,2024-01-02,30\n"
        "m2,bob,second one,IG,2024-01-03,40\n",
    )
    cfg = Config(
        id_col="Msg ID",
        customer_col="user name",  # case-insensitive, whitespace-stripped match
        text_col="BODY",
        channel_col="where",
        time_col="When",
        age_col="Years",
    )
    loaded = load_comments(path, cfg)
    check_invariants(loaded)
    c = loaded.comments
    assert c["comment_id"].tolist() == ["m1", "m2"]
    assert c["customer_id"].tolist() == ["ann", "bob"]
    assert c["text"].tolist() == ["hello there", "second one"]
    assert c["channel"].tolist() == ["facebook", "instagram"]
    assert c["age"].tolist() == [30.0, 40.0]
    assert loaded.stats["columns"] == {
        "text": "Body",
        "customer_id": " User Name ",
        "comment_id": "Msg ID",
        "timestamp": "When",
        "channel": "Where",
        "age": "Years",
    }


def test_exact_match_wins_over_case_insensitive(tmp_path):
    path = write(tmp_path / "c.csv", "TEXT,text,customer_id\nupper,lower,ann\n")
    loaded = load_comments(path)
    assert loaded.comments["text"].tolist() == ["lower"]


def test_optional_columns_absent(tmp_path):
    path = write(tmp_path / "c.csv", "customer_id,text\nann,hello\n")
    loaded = load_comments(path)
    check_invariants(loaded)
    row = loaded.comments.iloc[0]
    assert row["comment_id"] == "1"
    assert row["channel"] == "unknown"
    assert pd.isna(row["timestamp"])
    assert np.isnan(row["age"])
    assert row["generation"] is None
    assert row["week"] is None
    assert loaded.stats["columns"]["timestamp"] is None


def test_constant_channel_overrides_column(tmp_path):
    path = write(tmp_path / "c.csv", "customer_id,text,channel\nann,hi,facebook\nbob,yo,\n")
    loaded = load_comments(path, Config(channel="Twitter"))
    assert loaded.comments["channel"].tolist() == ["twitter", "twitter"]
    assert loaded.stats["columns"]["channel"] is None


def test_channel_column_normalised(tmp_path):
    values = ["X", "e-mail", "Newsletter", "message board", "Telephone", "Web Site", "In Person",
              "text message", "  Insta ", "My Club", ""]  # fmt: skip
    rows = "".join(f"c{i},t{i},{v}\n" for i, v in enumerate(values))
    path = write(tmp_path / "c.csv", "customer_id,text,channel\n" + rows)
    loaded = load_comments(path)
    assert loaded.comments["channel"].tolist() == [
        "twitter", "email", "email", "forum", "phone", "website", "store", "sms",
        "instagram", "my club", "unknown",
    ]  # fmt: skip


def test_normalise_channel():
    assert normalise_channel("Twitter") == "twitter"
    assert normalise_channel("facebook.com") == "facebook"
    assert normalise_channel("www.Reddit.com") == "reddit"
    assert normalise_channel("Linked-In") == "linkedin"
    assert normalise_channel("YouTube") == "youtube"
    assert normalise_channel(None) == "unknown"
    assert normalise_channel(float("nan")) == "unknown"
    assert normalise_channel("   ") == "unknown"
    for key in CHANNELS:
        assert normalise_channel(key.upper()) == key


# --------------------------------------------------------------------------- CSV details


def test_dayfirst(tmp_path):
    path = write(
        tmp_path / "c.csv",
        "customer_id,text,timestamp\nann,a,24-02-2015 11:35\nbob,b,01-02-2015 09:00\n",
    )
    loaded = load_comments(path, Config(dayfirst=True))
    assert loaded.comments["timestamp"].tolist() == [
        pd.Timestamp("2015-02-24 11:35"),
        pd.Timestamp("2015-02-01 09:00"),
    ]
    assert loaded.stats["bad_timestamps"] == 0
    monthfirst = load_comments(path)
    assert monthfirst.comments["timestamp"].iloc[1] == pd.Timestamp("2015-01-02 09:00")


def test_timezones_become_naive_utc(tmp_path):
    path = write(
        tmp_path / "c.csv",
        "customer_id,text,timestamp\n"
        "ann,a,2024-03-04T10:00:00+02:00\n"
        "bob,b,2024-03-04T10:00:00Z\n"
        "cid,c,2024-03-04 10:00\n",
    )
    ts = load_comments(path).comments["timestamp"]
    assert ts.dt.tz is None
    assert ts.tolist() == [
        pd.Timestamp("2024-03-04 08:00"),
        pd.Timestamp("2024-03-04 10:00"),
        pd.Timestamp("2024-03-04 10:00"),
    ]


def test_multiline_quoted_fields(tmp_path):
    path = write(
        tmp_path / "c.csv",
        'customer_id,text\r\nann,"line one\r\nline two, with comma"\r\nbob,"say ""hi"""\r\n'
        'cid,"a\nb"\r\n',
    )
    loaded = load_comments(path)
    check_invariants(loaded)
    assert loaded.comments["text"].tolist() == [
        "line one\nline two, with comma",
        'say "hi"',
        "a\nb",
    ]
    assert loaded.comments["record"].tolist() == [1, 2, 3]


def test_blank_lines_are_not_records(tmp_path):
    path = write(tmp_path / "c.csv", "customer_id,text\n\nann,a\n\n   \nbob,b\n\n")
    loaded = load_comments(path)
    check_invariants(loaded)
    assert loaded.stats["rows_read"] == 2
    assert loaded.comments["record"].tolist() == [1, 2]


def test_tsv_and_sniffed_delimiters(tmp_path):
    tsv = write(tmp_path / "c.tsv", "customer_id\ttext\nann\thello, world\n")
    loaded = load_comments(tsv)
    assert loaded.stats["format"] == "tsv"
    assert loaded.comments["text"].tolist() == ["hello, world"]
    semi = write(tmp_path / "s.csv", "customer_id;text\nann;bonjour\n")
    assert load_comments(semi).comments["text"].tolist() == ["bonjour"]
    txt = write(tmp_path / "t.txt", "customer_id\ttext\nann\thi\n")
    assert load_comments(txt).comments["text"].tolist() == ["hi"]


def test_unknown_extension_is_sniffed(tmp_path):
    csv_like = write(tmp_path / "export.dat", "customer_id,text\nann,hi\n")
    assert load_comments(csv_like).stats["format"] == "csv"
    json_like = write(tmp_path / "export.log", '{"customer_id": "ann", "text": "hi"}\n')
    assert load_comments(json_like).stats["format"] == "jsonl"


# --------------------------------------------------------------------------- encodings


def test_latin1_file(tmp_path):
    path = write(
        tmp_path / "c.csv",
        'customer_id,text\nJosé,"Crème brûlée et café au lait à Paris, très bon"\n',
        encoding="latin-1",
    )
    loaded = load_comments(path)
    assert loaded.comments["customer_id"].tolist() == ["José"]
    assert loaded.comments["text"].tolist() == ["Crème brûlée et café au lait à Paris, très bon"]
    assert loaded.stats["encoding"] not in ("utf-8", "utf-8-sig")


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("chunk_rows", [2, 1000])
def test_stray_bytes_in_utf8_are_replaced_and_counted(tmp_path, bom, chunk_rows):
    """Two stray bytes never turn a UTF-8 file into Latin-1 ("CafÃ©")."""
    body = "customer_id,text\nJosé,Café au lait\nZoë,crème brûlée\n".encode()
    path = tmp_path / "c.csv"
    path.write_bytes(bom + body + b"ann,stray \xff here\nbob,and \xc3 there\n")
    loaded = load_comments(path, Config(chunk_rows=chunk_rows))
    check_invariants(loaded)
    assert loaded.comments["customer_id"].tolist() == ["José", "Zoë", "ann", "bob"]
    assert loaded.comments["text"].tolist() == [
        "Café au lait",
        "crème brûlée",
        "stray \ufffd here",
        "and \ufffd there",
    ]
    assert loaded.stats["encoding"] == ("utf-8-sig" if bom else "utf-8")
    assert loaded.stats["invalid_utf8_bytes"] == 2  # counted once, not per chunk


def test_stray_bytes_in_utf8_json_lines(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"customer_id": "a", "text": "na\xc3\xafve caf\xc3\xa9 \xe9"}\n')
    loaded = load_comments(path)
    assert loaded.comments["text"].tolist() == ["naïve café \ufffd"]
    assert loaded.stats["invalid_utf8_bytes"] == 1


def test_latin1_is_still_latin1_and_clean_utf8_counts_nothing(tmp_path):
    text = 'customer_id,text\nJosé,"Crème brûlée et café, très bon"\n'
    latin = load_comments(write(tmp_path / "l.csv", text, encoding="latin-1"))
    assert latin.comments["text"].tolist() == ["Crème brûlée et café, très bon"]
    assert latin.stats["invalid_utf8_bytes"] == 0
    assert load_comments(write(tmp_path / "u.csv", text)).stats["invalid_utf8_bytes"] == 0


@pytest.mark.parametrize(
    ("field", "option"),
    [("time_col", "--time-col"), ("age_col", "--age-col"), ("id_col", "--id-col"),
     ("channel_col", "--channel-col")],
)  # fmt: skip
def test_named_optional_column_must_exist(tmp_path, field, option):
    path = write(tmp_path / "c.csv", "customer_id,text\nann,hi\n")
    with pytest.raises(InputError, match=f"'typo'.*{option}") as info:
        load_comments(path, Config(**{field: "typo"}))
    assert str(path) in str(info.value)
    load_comments(path)  # the default names may be absent: those columns are optional


def test_named_channel_column_is_not_needed_with_one_channel(tmp_path):
    path = write(tmp_path / "c.csv", "customer_id,text\nann,hi\n")
    loaded = load_comments(path, Config(channel_col="typo", channel="twitter"))
    assert loaded.comments["channel"].tolist() == ["twitter"]


def test_explicit_encoding(tmp_path):
    path = write(tmp_path / "c.csv", "customer_id,text\nZoë,Käse\n", encoding="cp1252")
    loaded = load_comments(path, Config(encoding="cp1252"))
    assert loaded.comments["text"].tolist() == ["Käse"]
    assert loaded.stats["encoding"] == "cp1252"
    with pytest.raises(InputError, match="unknown encoding"):
        load_comments(path, Config(encoding="no-such-codec"))


@pytest.mark.parametrize(
    ("encoding", "prefix", "reported"),
    [
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("utf-16-le", b"\xff\xfe", "utf-16"),
        ("utf-16-be", b"\xfe\xff", "utf-16"),
        ("utf-32-le", b"\xff\xfe\x00\x00", "utf-32"),
    ],
)
def test_bom_files(tmp_path, encoding, prefix, reported):
    body = "customer_id,text\nåsa,smörgåsbord 🥪\n".encode(encoding)
    path = tmp_path / "c.csv"
    path.write_bytes(prefix + body)
    loaded = load_comments(path)
    assert list(loaded.stats["columns"].values())[:2] == ["text", "customer_id"]
    assert loaded.comments["customer_id"].tolist() == ["åsa"]
    assert loaded.comments["text"].tolist() == ["smörgåsbord 🥪"]
    assert loaded.stats["encoding"] == reported


def test_utf16_with_python_codec(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("customer_id,text\nann,hello\n", encoding="utf-16")  # writes a BOM
    assert load_comments(path).comments["text"].tolist() == ["hello"]


def test_utf16_without_bom(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes("customer_id,text\nann,hello there\n".encode("utf-16-le"))
    loaded = load_comments(path)
    assert loaded.comments["text"].tolist() == ["hello there"]
    assert loaded.stats["encoding"] == "utf-16-le"


# --------------------------------------------------------------------------- rejects and counts


def test_rejects_with_reasons(tmp_path):
    path = write(
        tmp_path / "c.csv",
        "comment_id,customer_id,text\n"
        "1,ann,fine\n"
        "2,bob,\n"  # empty text
        "3,,no customer here\n"  # no customer
        "4,cid,   \n"  # whitespace-only text
        "5,dan,too,many,fields,here\n"  # wrong field count
        "6,eve\n"  # too few fields
        "7,fay,&nbsp;\n"  # only an entity that unescapes to whitespace
        "8,gus,also fine\n",
    )
    loaded = load_comments(path)
    check_invariants(loaded)
    assert loaded.stats["rows_read"] == 8
    assert loaded.stats["rows_used"] == 2
    assert loaded.stats["rows_rejected"] == 6
    r = loaded.rejects
    assert r["record"].tolist() == [2, 3, 4, 5, 6, 7]
    assert r["reason"].tolist() == [
        "empty text",
        "no customer id",
        "empty text",
        "expected 3 fields, found 6",
        "expected 3 fields, found 2",
        "empty text",
    ]
    assert r["comment_id"].tolist()[:3] == ["2", "3", "4"]
    assert r["text"].iloc[1] == "no customer here"
    assert r["text"].iloc[3] == "5,dan,too,many,fields,here"


def test_reject_text_is_cut(tmp_path):
    path = write(tmp_path / "c.csv", "customer_id,text\n," + "x" * 1000 + "\n")
    loaded = load_comments(path)
    assert loaded.rejects["reason"].tolist() == ["no customer id"]
    assert len(loaded.rejects["text"].iloc[0]) == 200
    assert len(loaded.comments) == 0
    assert list(loaded.comments.columns) == COMMENT_COLUMNS


def test_bad_dates_and_ages_kept_and_counted(tmp_path):
    path = write(
        tmp_path / "c.csv",
        "customer_id,text,timestamp,age\n"
        "a,one,2026-02-31,34\n"  # impossible date
        "b,two,yesterday,abc\n"  # not a date, not a number
        "c,three,2024-05-01,130\n"  # age out of range
        "d,four,,0\n"  # missing date (not bad), age 0 (bad)
        "e,five,March,\n"  # bare month word (bad), missing age (not bad)
        "f,six,0001-01-01,-5\n"  # out of range date, negative age
        "g,seven,2024-05-01T12:00:00,41.5\n",
    )
    loaded = load_comments(path)
    check_invariants(loaded)
    c = loaded.comments
    assert loaded.stats["rows_used"] == 7
    assert loaded.stats["bad_timestamps"] == 4
    assert loaded.stats["bad_ages"] == 4
    assert c["timestamp"].isna().tolist() == [True, True, False, True, True, True, False]
    assert c["age"].isna().tolist() == [False, True, True, True, True, True, False]
    assert c["age"].iloc[6] == 41.5
    assert c["week"].iloc[2] == "2024-W18"
    assert c["week"].iloc[0] is None


def test_generation_uses_comment_year_or_current_year(tmp_path):
    path = write(
        tmp_path / "c.csv",
        "customer_id,text,timestamp,age\na,one,2015-06-01,19\nb,two,,19\n",
    )
    c = load_comments(path).comments
    assert c["generation"].iloc[0] == "Millennials"  # born 1996
    this_year = pd.Timestamp.now(tz="UTC").year
    from passionmap.io.generation import generation_of

    assert c["generation"].iloc[1] == generation_of(this_year - 19)


def test_duplicate_ids_made_unique(tmp_path):
    path = write(
        tmp_path / "c.csv",
        "comment_id,customer_id,text\n"
        "x,ann,one\n"
        "x,bob,two\n"
        "y,cid,three\n"
        "x,dan,four\n"
        "x#2,eve,five\n"  # a literal id equal to a generated one
        ",fay,six\n",  # blank id -> record number
    )
    loaded = load_comments(path)
    check_invariants(loaded)
    assert loaded.comments["comment_id"].tolist() == ["x", "x#3", "y", "x#4", "x#2", "6"]
    assert loaded.stats["duplicate_ids"] == 2


def test_truncation(tmp_path):
    path = write(tmp_path / "c.csv", "customer_id,text\na," + "y" * 50 + "\nb,short\n")
    loaded = load_comments(path, Config(max_chars=10))
    assert loaded.comments["text"].tolist() == ["y" * 10, "short"]
    assert loaded.stats["truncated_texts"] == 1


def test_stats_keys(tmp_path):
    path = write(tmp_path / "c.csv", "customer_id,text\na,b\n")
    stats = load_comments(path).stats
    assert set(stats) >= {
        "rows_read",
        "rows_used",
        "rows_rejected",
        "bad_timestamps",
        "bad_ages",
        "duplicate_ids",
        "truncated_texts",
        "encoding",
        "format",
        "columns",
    }
    json.dumps(stats)  # summary.json must be able to hold it


def test_deterministic(tmp_path):
    path = write(
        tmp_path / "c.csv",
        "comment_id,customer_id,text,timestamp\n1,a,x,2024-01-01\n1,b,,bad\n1,c,z,bad\n",
    )
    a, b = load_comments(path), load_comments(path)
    pd.testing.assert_frame_equal(a.comments, b.comments)
    pd.testing.assert_frame_equal(a.rejects, b.rejects)
    assert a.stats == b.stats


# --------------------------------------------------------------------------- JSON Lines and Parquet


def test_jsonl_with_broken_line(tmp_path):
    lines = [
        json.dumps({"customer_id": "ann", "text": "hi &amp; bye", "channel": "IG", "age": 30}),
        "",  # blank: not a record
        '{"customer_id": "bob", "text": "broken',
        "[1, 2, 3]",
        json.dumps({"customer_id": 42, "text": "numeric customer", "timestamp": "2024-03-04"}),
        json.dumps({"customer_id": "cid"}),  # no text key
    ]
    path = write(tmp_path / "c.jsonl", "\n".join(lines) + "\n")
    loaded = load_comments(path)
    check_invariants(loaded)
    assert loaded.stats["format"] == "jsonl"
    assert loaded.stats["rows_read"] == 5
    c = loaded.comments
    assert c["record"].tolist() == [1, 4]
    assert c["customer_id"].tolist() == ["ann", "42"]
    assert c["text"].tolist() == ["hi & bye", "numeric customer"]
    assert c["channel"].tolist() == ["instagram", "unknown"]
    r = loaded.rejects
    assert r["record"].tolist() == [2, 3, 5]
    assert r["reason"].iloc[0].startswith("invalid JSON: ")
    assert r["reason"].iloc[1] == "invalid JSON: not an object (found list)"
    assert r["reason"].iloc[2] == "empty text"
    assert r["text"].iloc[0] == '{"customer_id": "bob", "text": "broken'


def test_json_array(tmp_path):
    path = write(
        tmp_path / "c.json",
        json.dumps([{"customer_id": "a", "text": "one"}, {"customer_id": "b", "text": "two"}]),
    )
    loaded = load_comments(path)
    assert loaded.stats["format"] == "json"
    assert loaded.comments["text"].tolist() == ["one", "two"]


def test_jsonl_without_any_object(tmp_path):
    path = write(tmp_path / "c.jsonl", "not json\nneither\n")
    with pytest.raises(InputError, match="no JSON objects"):
        load_comments(path)


def test_parquet_numeric_ids(tmp_path):
    frame = pd.DataFrame(
        {
            "customer_id": [12, 13, 14],
            "comment_id": [1.0, np.nan, 3.0],
            "text": ["one", None, "three"],
            "timestamp": pd.to_datetime(["2024-03-04 10:00", None, "2024-03-05 00:00"]),
            "age": [30, 40, 200],
        }
    )
    path = tmp_path / "c.parquet"
    frame.to_parquet(path)
    loaded = load_comments(path)
    check_invariants(loaded)
    c = loaded.comments
    assert loaded.stats["format"] == "parquet"
    assert c["customer_id"].tolist() == ["12", "14"]
    assert c["comment_id"].tolist() == ["1", "3"]
    assert c["timestamp"].tolist() == [pd.Timestamp("2024-03-04 10:00"), pd.Timestamp("2024-03-05")]
    assert c["age"].iloc[0] == 30.0 and np.isnan(c["age"].iloc[1])
    assert loaded.stats["bad_ages"] == 1
    assert loaded.rejects["reason"].tolist() == ["empty text"]
    assert loaded.rejects["comment_id"].tolist() == ["2"]


def test_parquet_tz_aware_and_sniffed(tmp_path):
    frame = pd.DataFrame(
        {
            "customer_id": ["a"],
            "text": ["x"],
            "timestamp": pd.to_datetime(["2024-03-04 10:00+02:00"], utc=True),
        }
    )
    path = tmp_path / "c.data"  # no known extension: magic bytes
    frame.to_parquet(path)
    loaded = load_comments(path)
    assert loaded.stats["format"] == "parquet"
    assert loaded.comments["timestamp"].tolist() == [pd.Timestamp("2024-03-04 08:00")]


# --------------------------------------------------------------------------- unreadable files


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match="does not exist") as info:
        load_comments(tmp_path / "nope.csv")
    assert info.value.path.endswith("nope.csv")


def test_directory(tmp_path):
    with pytest.raises(InputError, match="directory"):
        load_comments(tmp_path)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "c.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match="empty file"):
        load_comments(path)


def test_empty_jsonl(tmp_path):
    path = write(tmp_path / "c.jsonl", "\n\n")
    with pytest.raises(InputError, match="empty file"):
        load_comments(path)


def test_header_only(tmp_path):
    path = write(tmp_path / "c.csv", "customer_id,text\n\n")
    with pytest.raises(InputError, match="header only"):
        load_comments(path)


def test_missing_text_column(tmp_path):
    path = write(tmp_path / "c.csv", "customer_id,body,when\nann,hi,2024\n")
    with pytest.raises(InputError) as info:
        load_comments(path)
    message = str(info.value)
    assert "\n" not in message
    assert "'text'" in message
    assert "--text-col" in message
    assert "customer_id, body, when" in message


def test_missing_customer_column(tmp_path):
    path = write(tmp_path / "c.csv", "user,text\nann,hi\n")
    with pytest.raises(InputError, match="--customer-col") as info:
        load_comments(path)
    assert "'customer_id'" in str(info.value)


def test_unnamed_first_column(tmp_path):
    path = write(tmp_path / "c.csv", ",Review Text\n0,nice\n1,meh\n")
    cfg = Config(id_col="", customer_col="Unnamed: 0", text_col="review text")
    loaded = load_comments(path, cfg)
    assert loaded.comments["comment_id"].tolist() == ["0", "1"]
    assert loaded.comments["customer_id"].tolist() == ["0", "1"]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".bin"])
def test_random_bytes(tmp_path, suffix):
    path = tmp_path / f"noise{suffix}"
    path.write_bytes(random.Random(0).randbytes(4096))
    with pytest.raises(InputError, match=r"not a text file \(binary data\)"):
        load_comments(path)


def _workbook(path):
    import zipfile

    with zipfile.ZipFile(path, "w") as z:  # an .xlsx is a ZIP of XML parts
        z.writestr("xl/workbook.xml", "<workbook/>")


@pytest.mark.parametrize(
    ("name", "write", "said"),
    [
        (
            "comments.csv.gz",
            lambda p: p.write_bytes(__import__("gzip").compress(b"id,text\n1,hi\n")),
            "gzip-compressed; decompress it first",
        ),
        (
            "comments.xlsx",
            _workbook,
            "save the sheet as CSV",
        ),
        ("comments.csv", lambda p: p.write_bytes(b"%PDF-1.7\n" + bytes(range(256))), "a PDF"),
    ],
)
def test_a_packed_file_is_named_with_the_way_out(tmp_path, name, write, said):
    """A .csv.gz or an Excel workbook said only "binary data"; now what it is and what to do."""
    path = tmp_path / name
    write(path)
    with pytest.raises(InputError, match="not a text file") as err:
        load_comments(path)
    assert said in str(err.value)


def test_random_bytes_without_nul(tmp_path):
    data = bytes(b for b in random.Random(1).randbytes(4096) if b)
    path = tmp_path / "noise.csv"
    path.write_bytes(data)
    with pytest.raises(InputError, match="binary"):
        load_comments(path)


def test_text_file_as_parquet(tmp_path):
    path = write(tmp_path / "c.parquet", "customer_id,text\nann,hi\n")
    with pytest.raises(InputError, match="Parquet"):
        load_comments(path)


# --------------------------------------------------------------------------- docs and real data


def test_doctests():
    result = doctest.testmod(ingest)
    assert result.failed == 0 and result.attempted > 0


def test_real_airline_tweets():
    path = DATASETS / "airline_tweets.csv"
    if not path.exists():
        pytest.skip(f"real data sets not available ({DATASETS})")
    cfg = Config(customer_col="name", time_col="tweet_created", dayfirst=True, channel="twitter")
    loaded = load_comments(path, cfg)
    check_invariants(loaded)
    c = loaded.comments
    assert loaded.stats["rows_read"] == 14640
    assert loaded.stats["bad_timestamps"] == 0
    assert set(c["channel"]) == {"twitter"}
    assert c["timestamp"].notna().all()
    assert c["timestamp"].min() >= pd.Timestamp("2015-02-16")
    assert c["timestamp"].max() < pd.Timestamp("2015-02-25")
    assert set(c["week"]) == {"2015-W08", "2015-W09"}
    assert c["comment_id"].tolist() == [str(r) for r in c["record"]]
    assert c["customer_id"].nunique() < len(c)  # customers post several tweets
    assert not c["text"].str.contains("&amp;", regex=False).any()
