"""The command line as a user runs it: outputs, one-line errors, exit codes, real data."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from passionmap.cli import main


def passionmap(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "passionmap.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
    )


def test_sample_command_writes_data_and_truth(tmp_path):
    assert main(["sample", "--out", str(tmp_path / "s.csv"), "--customers", "40"]) == 0
    assert {p.name for p in tmp_path.iterdir()} == {
        "s.csv", "s_truth.csv", "s_mentions_truth.csv",
    }  # fmt: skip
    assert pd.read_csv(tmp_path / "s_truth.csv")["customer_id"].nunique() == 40


def test_run_command_writes_every_output(tmp_path, capsys):
    main(["sample", "--out", str(tmp_path / "s.csv"), "--customers", "60"])
    code = main(["run", str(tmp_path / "s.csv"), "--out", str(tmp_path / "out"), "--no-progress"])
    assert code == 0
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert names == {
        "mentions.parquet", "customers.csv", "clusters.csv", "graph.gexf", "rejects.csv",
        "summary.json", "audience.csv",
    }  # fmt: skip
    assert "rows read" in capsys.readouterr().out


@pytest.mark.parametrize(
    "content, expected",
    [
        (None, "does not exist"),
        ("", "empty"),
        ("who,comment\na,hello\n", "--text-col"),
    ],
)
def test_unreadable_input_is_one_line_and_exit_2(tmp_path, content, expected):
    path = tmp_path / "in.csv"
    if content is not None:
        path.write_text(content)
    proc = passionmap("run", path, "--out", tmp_path / "out")
    assert proc.returncode == 2
    assert expected in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_unknown_model_is_exit_2(tmp_path):
    main(["sample", "--out", str(tmp_path / "s.csv"), "--customers", "20"])
    proc = passionmap("run", tmp_path / "s.csv", "--out", tmp_path / "o", "--model", "xx_nope")
    assert proc.returncode == 2 and "xx_nope" in proc.stderr and "Traceback" not in proc.stderr


def test_rejected_rows_are_listed_with_reasons(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(
        "customer_id,text\n"
        "ann,I love sourdough\n"
        ",no customer here\n"
        "bob,\n"
        'cat,"=HYPERLINK(""http://evil"")"\n'
    )
    assert main(["run", str(path), "--out", str(tmp_path / "out"), "--no-progress"]) == 0
    rejects = pd.read_csv(tmp_path / "out" / "rejects.csv")
    assert rejects["record"].tolist() == [2, 3]
    assert rejects["reason"].str.len().gt(0).all()
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert (summary["rows_read"], summary["rows_used"], summary["rows_rejected"]) == (4, 2, 2)


@pytest.mark.slow
def test_airline_tweets_run_completes_with_nothing_lost(datasets, tmp_path):
    proc = passionmap(
        "run", datasets / "airline_tweets.csv", "--out", tmp_path / "air",
        "--customer-col", "name", "--time-col", "tweet_created", "--dayfirst",
        "--channel", "twitter", "--no-progress",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    summary = json.loads((tmp_path / "air" / "summary.json").read_text())
    print(
        "\nairline:",
        {
            k: summary[k]
            for k in ("rows_read", "rows_used", "rows_rejected", "customers", "clusters", "seconds")
        },
    )
    assert summary["rows_read"] == 14640
    assert summary["rows_read"] == summary["rows_used"] + summary["rows_rejected"]
    customers = pd.read_csv(tmp_path / "air" / "customers.csv")
    assert customers["customer_id"].nunique() == summary["customers"]
    assert summary["clusters"] >= 2
