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
        # a quoted header holding a line break: the message stays one line (hypothesis found it)
        ('"who\nam i",comment\na,hello\n', "'who\\nam i'"),
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


def test_version():
    from passionmap import __version__

    proc = passionmap("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"passionmap {__version__}"


@pytest.mark.parametrize(
    ("option", "name"),
    [("--time-col", "typo"), ("--age-col", "Years"), ("--channel-col", "where"), ("--id-col", "")],
)
def test_run_with_a_missing_mapped_column_is_exit_2(tmp_path, option, name):
    """`run --time-col typo` used to exit 0 and leave the time out without a word."""
    path = tmp_path / "in.csv"
    path.write_text("customer_id,text,timestamp\nann,I love sourdough,2026-01-05\n")
    proc = passionmap("run", path, "--out", tmp_path / "out", "--model", "blank", option, name)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert str(path) in lines[0] and repr(name) in lines[0] and option in lines[0]
    assert "columns: customer_id, text, timestamp" in lines[0]
    assert not (tmp_path / "out").exists()


def test_missing_mapped_column_in_json_lines_is_found_after_every_record(tmp_path, capsys):
    """JSON Lines keys appear as records go: a key of a later chunk is no typo."""
    path = tmp_path / "in.jsonl"
    rows = [{"customer_id": f"c{i}", "text": "I love sourdough"} for i in range(5)]
    rows[-1]["when"] = "2026-01-05"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    args = ["run", str(path), "--out", str(tmp_path / "ok"), "--model", "blank", "--no-progress"]
    assert main([*args, "--time-col", "when", "--chunk-rows", "2"]) == 0
    capsys.readouterr()
    bad = ["run", str(path), "--out", str(tmp_path / "bad"), "--model", "blank", "--no-progress"]
    assert main([*bad, "--time-col", "typo", "--chunk-rows", "2"]) == 2
    err = capsys.readouterr().err
    assert "no time column 'typo'" in err and "in.jsonl" in err
    assert not (tmp_path / "bad").exists()


def test_stray_bytes_in_utf8_are_replaced_and_counted(tmp_path):
    """Two stray bytes used to make the whole file Latin-1: "José" became "JosÃ©"."""
    path = tmp_path / "in.csv"
    body = "customer_id,text\n" + "".join(
        f"José{i},Café crème brûlée number {i}\n" for i in range(5)
    )
    path.write_bytes(body.encode("utf-8") + b"zoe,stray \xff byte and \xfe another\n")
    proc = passionmap("run", path, "--out", tmp_path / "out", "--model", "blank", "--no-progress")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["encoding"] == "utf-8"
    assert summary["invalid_utf8_bytes"] == 2
    assert summary["rows_used"] == 6
    ids = set(pd.read_csv(tmp_path / "out" / "customers.csv")["customer_id"])
    assert "José0" in ids and not any("Ã" in i for i in ids)


def test_every_setting_is_an_option_read_back_into_the_same_config(tmp_path, monkeypatch):
    """One definition (Config's field metadata) gives the options and reads them back."""
    from dataclasses import fields

    from passionmap.cli import config_from, parser
    from passionmap.config import Config

    library_only = {f.name for f in fields(Config) if "flag" not in f.metadata}
    assert library_only == {"keep_text"}
    stop = tmp_path / "stop.txt"
    stop.write_text("flight\ngate\n")
    monkeypatch.chdir(tmp_path)  # the pattern files are read (checked) as the options are
    for name in ("a.jsonl", "b.jsonl"):
        (tmp_path / name).write_text('{"pattern": "bouldering", "id": "climbing"}\n')
    args = parser().parse_args([
        "run", "in.csv", "--out", "o", "--text-col", "body", "--dayfirst", "--channel", "forum",
        "--max-share", "0.3", "--neighbors", "7", "--communities", "4", "--resolution", "0.8",
        "--stop-terms", str(stop), "--patterns", "a.jsonl", "--patterns", "b.jsonl",
        "--no-progress", "--no-cache", "--algorithm", "louvain", "--batch-size", "64",
        "--consensus", "3",
    ])  # fmt: skip
    cfg = config_from(args)
    want = Config(text_col="body", dayfirst=True, channel="forum", max_share=0.3, neighbors=7,
                  communities=4, resolution=0.8, extra_stop_terms=("flight", "gate"),
                  patterns=("a.jsonl", "b.jsonl"), progress=False, cache_dir=None,
                  algorithm="louvain", batch_size=64, consensus=3)  # fmt: skip
    assert cfg == want
    defaults = config_from(parser().parse_args(["run", "in.csv", "--out", "o", "--no-cache"]))
    assert defaults == Config()


@pytest.mark.parametrize("bad", [["--neighbors", "0"], ["--communities", "some"],
                                 ["--algorithm", "kmeans"], ["--max-share", "lots"],
                                 ["--consensus", "0"]])  # fmt: skip
def test_a_bad_option_value_is_one_line_and_exit_2(bad, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["run", "in.csv", "--out", "o", *bad])
    assert stop.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "error:" in err and "--help" in err


BLOCKER = """
import sys, importlib.abc
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"matplotlib", "papermill", "nbformat", "nbconvert",
                                  "ipykernel", "jupyterlab", "ipywidgets", "nbstripout"}:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, Block())
from passionmap.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_run_needs_no_report_extra_and_report_says_what_is_missing(tmp_path):
    """A core install (no `report` extra: matplotlib, papermill, ...) runs; report says why not."""
    sample = tmp_path / "s.csv"
    main(["sample", "--out", str(sample), "--customers", "40"])
    common = ["--model", "blank", "--no-cache", "--no-progress"]
    core = [sys.executable, "-c", BLOCKER]
    run = subprocess.run([*core, "run", str(sample), "--out", str(tmp_path / "o"), *common],
                         capture_output=True, text=True)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "o" / "clusters.csv").is_file()
    rep = subprocess.run([*core, "report", str(sample), "--out", str(tmp_path / "r"), *common],
                         capture_output=True, text=True)  # fmt: skip
    assert rep.returncode == 2
    assert rep.stderr.strip().splitlines() == [
        "passionmap: error: report needs papermill, nbformat, nbconvert, matplotlib, ipykernel: "
        "pip install 'passionmap[report]'"
    ]


# ---------------------------------------------------------- mistakes a new analyst makes
def _one_error_line(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize(
    ("bad", "said"),
    [
        (["--max-share", "2"], "argument --max-share: must be a share in (0, 1], not 2.0"),
        (["--resolution", "0"], "argument --resolution: must be a number above 0, not 0.0"),
    ],
)
def test_a_value_past_argparse_is_said_as_the_options_error(bad, said, capsys):
    """`--max-share 2` used to say `passionmap: error: max_share must be ...` (a field name)."""
    with pytest.raises(SystemExit) as stop:
        main(["run", "in.csv", "--out", "o", "--no-cache", *bad])
    assert stop.value.code == 2
    assert _one_error_line(capsys) == f"passionmap run: error: {said} (see passionmap run --help)"


def test_a_misspelt_option_is_said_by_its_command_with_the_nearest_one(capsys):
    """It used to point at `passionmap --help`, which does not list run's options."""
    with pytest.raises(SystemExit) as stop:
        main(["run", "in.csv", "--out", "o", "--text-colum", "body"])
    assert stop.value.code == 2
    assert _one_error_line(capsys) == (
        "passionmap run: error: unrecognized arguments: --text-colum body "
        "(did you mean --text-col?) (see passionmap run --help)"
    )


def test_an_option_given_twice_says_which_value_is_used(capsys):
    """`--text-col Title --text-col "Review Text"` used to drop Title without a word."""
    from passionmap.cli import config_from, parser

    args = parser().parse_args(
        ["run", "in.csv", "--out", "o", "--no-cache", "--text-col", "Title",
         "--text-col", "Review Text", "--seed", "7", "--seed", "7"]
    )  # fmt: skip
    assert config_from(args).text_col == "Review Text" and args.seed == 7
    assert capsys.readouterr().err.splitlines() == [  # the same value twice: nothing to say
        "passionmap: warning: --text-col given twice ('Title', then 'Review Text'); "
        "using 'Review Text'"
    ]


def test_report_checks_week_and_out_before_reading_the_input(tmp_path, capsys):
    """A typo in --week, or an --out that is a file, used to be found after the whole load
    (the file was "File exists"); the input named here does not even exist."""
    missing = str(tmp_path / "nowhere.csv")
    with pytest.raises(SystemExit) as stop:
        main(["report", missing, "--week", "2026-47"])
    assert stop.value.code == 2
    assert _one_error_line(capsys).startswith(
        "passionmap report: error: argument --week: week '2026-47' is not an ISO week"
    )
    (tmp_path / "a_file").write_text("mine")
    assert main(["report", missing, "--out", str(tmp_path / "a_file"), "--no-progress"]) == 2
    assert _one_error_line(capsys) == (
        f"passionmap: error: {tmp_path / 'a_file'}: cannot write the output folder: it is a file"
    )
    assert main(["report", missing, "--out", str(tmp_path / "a_file" / "r"), "--no-progress"]) == 2
    assert _one_error_line(capsys).endswith(f"output folder: {tmp_path / 'a_file'} is a file")
    assert (tmp_path / "a_file").read_text() == "mine"


def test_output_under_a_file_names_the_file(tmp_path, capsys):
    """`--out a_file/out` used to say `cannot write the output folder (File exists)`."""
    (tmp_path / "a_file").write_text("mine")
    out = tmp_path / "a_file" / "out"
    assert main(["run", str(tmp_path / "in.csv"), "--out", str(out), "--no-cache"]) == 2
    assert _one_error_line(capsys) == (
        f"passionmap: error: {out}: cannot write the output folder: {tmp_path / 'a_file'} is a file"
    )


def test_help_shows_each_default_once_and_reports_default_folder():
    from passionmap.cli import parser

    commands = parser().commands
    run = " ".join(commands["run"].format_help().split())
    assert "comment id column (none: record number; default comment_id)" in run
    assert "age column (years; default age)" in run and ") (default" not in run
    report = " ".join(commands["report"].format_help().split())
    assert "report folder (default reports)" in report
    cache = " ".join(commands["cache"].format_help().split())
    assert "every kept run output" in cache


def test_readme_clothing_reviews_report_says_there_are_no_weeks(datasets, tmp_path):
    """README: the reviews have no dates; `report` stops with one line, writes nothing."""
    proc = passionmap(
        "report", datasets / "clothing_reviews.csv", "--out", tmp_path / "r",
        "--customer-col", "", "--text-col", "Review Text", "--age-col", "Age",
        "--channel", "website", "--no-progress", "--no-cache",
    )  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "passionmap: error: no comment has a usable timestamp, so there are no weeks to report "
        "(map the time column with --time-col; undated comments: passionmap run, or "
        "notebooks/explore.ipynb)"
    ]
    assert not (tmp_path / "r").exists()
