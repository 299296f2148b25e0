"""Rendering a report: Ctrl-C leaves nothing behind, stale temporary files go, stages are said."""

from __future__ import annotations

import os
from pathlib import Path

import papermill
import pytest

from passionmap.cli import main
from passionmap.config import Config
from passionmap.datasets.sample import write_sample
from passionmap.io.files import atomic_path, write_text_atomic
from passionmap.viz.notebook import WEEKLY, notebook_path
from passionmap.viz.render import execute, render_report, sweep_running

FAST = Config(model="blank", progress=False)
DEAD = 999_999_999  # no process has this id


def _interrupted(template, output, **kwargs):
    """papermill.execute_notebook as Ctrl-C leaves it: the output begun, then interrupted."""
    Path(output).write_text("{}", encoding="utf-8")
    raise KeyboardInterrupt


@pytest.fixture
def sample_csv(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("render-sample")
    return Path(write_sample(folder / "sample.csv", customers=60, weeks=2, seed=3))


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_ctrl_c_in_papermill_removes_the_running_notebook(tmp_path, monkeypatch):
    monkeypatch.setattr(papermill, "execute_notebook", _interrupted)
    out = tmp_path / "weekly_report_2026-W01.ipynb"
    out.write_text("earlier report", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        execute(notebook_path(WEEKLY), out, {})
    assert _names(tmp_path) == [out.name]
    assert out.read_text(encoding="utf-8") == "earlier report"


def test_a_killed_runs_running_notebook_is_removed_by_the_next_run(tmp_path, monkeypatch):
    stale = tmp_path / f".weekly_report_2026-W01.{DEAD}.running.ipynb"
    stale.write_text("{}", encoding="utf-8")
    mine = tmp_path / f".weekly_report_2026-W02.{os.getpid()}.running.ipynb"
    mine.write_text("{}", encoding="utf-8")  # a live process's file stays
    assert sweep_running(tmp_path) == [stale]
    assert _names(tmp_path) == [mine.name]
    mine.unlink()
    stale.write_text("{}", encoding="utf-8")
    monkeypatch.setattr(papermill, "execute_notebook", _interrupted)
    with pytest.raises(KeyboardInterrupt):
        execute(notebook_path(WEEKLY), tmp_path / "weekly_report_2026-W01.ipynb", {})
    assert _names(tmp_path) == []


def test_ctrl_c_keeps_an_earlier_report_and_says_each_stage(
    sample_csv, tmp_path, monkeypatch, capsys
):
    from passionmap.io.ingest import load_comments
    from passionmap.weekly import pick_week

    week = pick_week(load_comments(sample_csv, FAST).comments)
    earlier = tmp_path / f"weekly_report_{week}.html"
    earlier.write_text("<p>last run</p>", encoding="utf-8")
    monkeypatch.setattr(papermill, "execute_notebook", _interrupted)
    with pytest.raises(KeyboardInterrupt):
        render_report(sample_csv, tmp_path, config=FAST, progress=True)
    assert _names(tmp_path) == [earlier.name]
    assert earlier.read_text(encoding="utf-8") == "<p>last run</p>"
    said = capsys.readouterr().err
    assert (
        "reading comments from sample.csv" in said
        and f"running the report notebook for {week}" in said
    )


def test_ctrl_c_in_the_report_command_is_one_line_and_exit_130(
    sample_csv, tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(papermill, "execute_notebook", _interrupted)
    code = main(["report", str(sample_csv), "--out", str(tmp_path), "--model", "blank"])
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if not ln.startswith("passionmap: reading")]
    lines = [ln for ln in lines if "running the report notebook" not in ln]
    assert code == 130 and "Traceback" not in err
    assert len(lines) == 1 and "interrupted" in lines[0]
    assert [p for p in tmp_path.iterdir() if p.name.endswith((".running.ipynb", ".tmp"))] == []


def test_no_progress_says_nothing(sample_csv, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(papermill, "execute_notebook", _interrupted)
    with pytest.raises(KeyboardInterrupt):
        render_report(sample_csv, tmp_path, config=FAST)
    assert capsys.readouterr().err == ""


def test_atomic_write_leaves_the_old_file_on_error(tmp_path):
    path = write_text_atomic(tmp_path / "a.txt", "old")
    with pytest.raises(KeyboardInterrupt), atomic_path(path) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise KeyboardInterrupt
    assert path.read_text(encoding="utf-8") == "old" and _names(tmp_path) == ["a.txt"]
