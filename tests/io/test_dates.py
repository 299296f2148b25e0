"""--since / --until: the days used, every other row in rejects.csv with its reason."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from passionmap import Config, analyze, load_comments
from passionmap.cli import main
from passionmap.datasets.sample import make_sample, write_sample
from passionmap.errors import PassionmapError
from passionmap.io.dates import NO_TIMESTAMP
from passionmap.io.ingest import iter_comments
from passionmap.weekly import pick_week, weeks_in

ROWS = [  # customer, text, timestamp
    ("ann", "Sourdough and hiking all weekend", "2015-02-19T23:59:00"),
    ("bob", "Sourdough starter is alive", "2015-02-20T00:00:00"),
    ("cat", "Hiking the ridge with the dog", "2015-02-20T23:30:00-05:00"),  # 21 Feb in UTC
    ("dan", "Trail running and sourdough", ""),
    ("eve", "Hiking boots for the trail", "not a date"),
    ("fay", "Sourdough crumb shots", "2015-02-21T23:59:59"),
    ("gus", "Trail running at dawn", "2015-02-22T00:00:00"),
]


@pytest.fixture
def small_csv(tmp_path) -> Path:
    path = tmp_path / "c.csv"
    pd.DataFrame(ROWS, columns=["customer_id", "text", "timestamp"]).to_csv(path, index=False)
    return path


def _run(args: list[str], capsys) -> tuple[int, str, str]:
    try:
        rc = main(args)
    except SystemExit as exc:  # argparse: a bad option value
        rc = exc.code
    out, err = capsys.readouterr()
    return rc, out, err


def test_run_keeps_the_days_and_lists_every_other_row_with_its_reason(small_csv, tmp_path, capsys):
    out = tmp_path / "out"
    rc, stdout, _ = _run(
        [
            "run", str(small_csv), "--out", str(out), "--model", "blank", "--no-progress",
            "--no-cache", "--since", "2015-02-20", "--until", "2015-02-21", "--min-mentions", "1",
        ],
        capsys,
    )  # fmt: skip
    assert rc == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["rows_read"] == 7
    assert summary["rows_used"] == 3  # bob, cat (21 Feb in UTC), fay
    assert summary["rows_rejected"] == 4
    assert summary["rows_outside_dates"] == 4
    assert summary["rows_read"] == summary["rows_used"] + summary["rows_rejected"]
    assert summary["config"]["since"] == "2015-02-20"
    assert "(4 outside --since/--until)" in stdout
    rejects = pd.read_csv(out / "rejects.csv", keep_default_na=False)
    assert rejects[["record", "reason"]].values.tolist() == [
        [1, "before --since 2015-02-20"],
        [4, NO_TIMESTAMP],
        [5, NO_TIMESTAMP],  # an unreadable timestamp cannot be shown to be inside
        [7, "after --until 2015-02-21"],
    ]
    assert (rejects["text"] == "").all()  # good rows, only outside the dates: no text kept
    customers = pd.read_csv(out / "customers.csv")
    assert sorted(customers["customer_id"]) == ["bob", "cat", "fay"]


def test_only_since_or_only_until(small_csv):
    since = load_comments(small_csv, Config(since="2015-02-21"))
    assert sorted(since.comments["customer_id"]) == ["cat", "fay", "gus"]
    until = load_comments(small_csv, Config(until="2015-02-19"))
    assert until.comments["customer_id"].tolist() == ["ann"]
    assert until.stats["rows_outside_dates"] == 6
    plain = load_comments(small_csv)
    assert len(plain.comments) == 7 and plain.stats.get("rows_outside_dates", 0) == 0


def test_chunk_by_chunk_is_the_whole_file(small_csv):
    cfg = Config(since="2015-02-20", until="2015-02-21")
    whole = load_comments(small_csv, cfg)
    parts = list(iter_comments(small_csv, cfg, chunk_rows=2))
    assert len(parts) == 4
    assert sum(p.stats["rows_outside_dates"] for p in parts) == 4
    assert [c for p in parts for c in p.comments["customer_id"]] == ["bob", "cat", "fay"]
    assert whole.stats["rows_outside_dates"] == 4
    assert whole.rejects["record"].tolist() == [1, 4, 5, 7]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2015-13-40"], "--since: expected a date YYYY-MM-DD, got '2015-13-40'"),
        (["--until", "20/02/2015"], "--until: expected a date YYYY-MM-DD"),
        (["--since", "2015-02-22", "--until", "2015-02-20"], "is after --until 2015-02-20"),
        (["--since", "2015-02-20", "--time-col", "timestamp", "--text-col", "text"], None),
    ],
)
def test_a_bad_date_is_one_line_and_exit_2(small_csv, tmp_path, capsys, args, message):
    if message is None:  # a file without a time column, and a date given
        pd.DataFrame({"customer_id": ["a"], "text": ["hiking"]}).to_csv(small_csv, index=False)
        message = "--since/--until need timestamps, and there is no time column 'timestamp'"
    for command in ("run", "report"):
        rc, stdout, err = _run(
            [command, str(small_csv), "--out", str(tmp_path / command), "--no-progress", *args],
            capsys,
        )
        assert rc == 2, command
        assert message in err, (command, err)
        assert len(err.strip().splitlines()) == 1, err
        assert not (tmp_path / command).exists() or not any((tmp_path / command).iterdir())


def test_the_library_checks_dates_too(small_csv):
    with pytest.raises(PassionmapError, match="--since: expected a date"):
        load_comments(small_csv, Config(since="2015-02-30"))


def test_analyze_filters_a_dataframe_and_counts_what_it_left_out():
    comments = make_sample(customers=60, weeks=3, seed=1).comments
    days = sorted(comments["timestamp"].dt.strftime("%Y-%m-%d").unique())
    cfg = Config(model="blank", progress=False, since=days[7], until=days[13])
    res = analyze(comments, cfg)
    kept = res.comments["timestamp"].dt.strftime("%Y-%m-%d")
    assert kept.min() >= days[7] and kept.max() <= days[13]
    assert res.summary["rows_outside_dates"] == len(comments) - len(res.comments) > 0
    assert res.summary["rows_used"] == len(res.comments)


def test_report_picks_its_week_inside_the_dates(tmp_path):
    path = write_sample(tmp_path / "s.csv", customers=60, weeks=4, seed=2)
    everything = load_comments(path).comments
    weeks = weeks_in(everything)
    assert len(weeks) == 4
    # until the Sunday that ends the second week: that week is the latest complete one
    sunday = everything.loc[everything["week"] == weeks[1], "timestamp"].max().strftime("%Y-%m-%d")
    cut = load_comments(path, Config(until=sunday)).comments
    assert weeks_in(cut) == weeks[:2]
    assert pick_week(cut, None) == weeks[1]
    with pytest.raises(PassionmapError, match=f"no comments in week {weeks[3]}"):
        pick_week(cut, weeks[3])
