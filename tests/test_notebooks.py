"""Both notebooks run with papermill on a small sample; the HTML report is checked.

These tests start Jupyter kernels (about 10 s each), so they are marked slow.
They use the blank spaCy model: the notebooks, not the model, are under test.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest

from passionmap import Config
from passionmap.errors import PassionmapError
from passionmap.report import (
    EXPLORE,
    WEEKLY,
    config_from_parameters,
    config_parameters,
    notebook_path,
    notebook_problems,
    render_report,
    strip_notebook,
    to_html,
)
from passionmap.sample import write_sample

ATTACK = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
FAST = Config(model="blank")


@pytest.fixture(scope="module")
def sample_csv(tmp_path_factory) -> Path:
    """150 customers over 6 weeks; some comments start with a script tag."""
    path = write_sample(tmp_path_factory.mktemp("data") / "comments.csv", customers=150)
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    last_week = df["timestamp"] >= df["timestamp"].max()[:10]  # crude: the last day
    hostile = last_week | (df.index == 0) | (df.index % 7 == 0)
    df.loc[hostile, "text"] = ATTACK + " " + df.loc[hostile, "text"]
    df.to_csv(path, index=False)
    return path


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


# --------------------------------------------------------------- clean in git
@pytest.mark.parametrize("name", [EXPLORE, WEEKLY])
def test_committed_notebooks_have_no_outputs(name):
    path = notebook_path(name)
    assert notebook_problems(path) == []
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("name", [EXPLORE, WEEKLY])
def test_one_parameters_cell_typed_and_commented(name):
    nb = nbformat.read(notebook_path(name), as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    lines = [ln for ln in tagged[0].source.splitlines() if ln and not ln.startswith("#")]
    assert lines
    for line in lines:
        # a plain type, or a quoted Optional[...] (papermill cannot parse `float | None`)
        assert re.match(r'^\w+: (\w+|"Optional\[\w+\]") = .+  # \S', line), line
    assert 'input_path: str = ""' in tagged[0].source


def test_strip_notebook_removes_outputs(tmp_path):
    dirty = tmp_path / "dirty.ipynb"
    nb = nbformat.read(notebook_path(WEEKLY), as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code")
    cell.execution_count = 3
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hi\n")]
    nb.metadata["papermill"] = {"duration": 1.0}
    nbformat.write(nb, dirty)
    assert notebook_problems(dirty)
    assert strip_notebook(dirty) is True
    assert notebook_problems(dirty) == []
    assert strip_notebook(dirty) is False  # idempotent: nothing left to change


def test_config_parameters_round_trip():
    cfg = Config(channel="twitter", extra_stop_terms=("flight",), neighbors=7, dayfirst=True)
    params = config_parameters(cfg)
    assert params["options"] == {"extra_stop_terms": ["flight"], "neighbors": 7}
    options = params.pop("options")
    assert config_from_parameters(options=options, **params) == cfg.replace(progress=False)
    with pytest.raises(PassionmapError, match="nope"):
        config_from_parameters(nope=1)


# ------------------------------------------------------------ weekly report
@pytest.mark.slow
def test_weekly_report_renders(sample_csv, tmp_path):
    out = tmp_path / "reports"
    html_path = render_report(str(sample_csv), out, config=FAST)
    week = re.search(r"weekly_report_(\d{4}-W\d{2})\.html$", html_path.name).group(1)
    assert sorted(p.name for p in out.iterdir()) == [
        f"weekly_report_{week}.html",
        f"weekly_report_{week}.ipynb",
    ]
    html = html_path.read_text(encoding="utf-8")
    text = _text(html)
    for section in (
        f"Weekly passion report, week {week}",
        "In short",
        "Communities this week",
        "Where they hang out",
        "What changed since last week",
        "Emerging interests",
        "Where to start with each community",
        "Audience",
        "Start on ",
        "In their own words",
        "About the data",
    ):
        assert section in text, section
    assert "communities this week (" in text  # the summary sentences
    assert html.count("<table") >= 5
    assert html.count('src="data:image/png;base64,') == 6  # figures embedded
    assert re.search(r"\b(grew|shrank|stable|appeared|split|merged|faded)\b", text)
    # self-contained, and user text stays text
    assert "<script" not in html
    assert not re.search(r"""(src|href)=["']?https?:|url\(["']?https?:|@import""", html)
    assert ESCAPED in html
    assert "input_path" not in text  # code cells are hidden

    nb = nbformat.read(out / f"weekly_report_{week}.ipynb", as_version=4)
    assert nb.metadata["papermill"]["parameters"]["week"] == week


@pytest.mark.slow
def test_weekly_report_failure_keeps_partial_notebook(sample_csv, tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    week = render_week = "2026-W47"
    stale = out / f"weekly_report_{week}.html"
    stale.write_text("an old report", encoding="utf-8")
    broken = FAST.replace(neighbors="many")  # fails inside the notebook, not before
    with pytest.raises(PassionmapError) as err:
        render_report(str(sample_csv), out, week=render_week, config=broken)
    message = str(err.value)
    assert "weekly_report.ipynb failed in cell" in message
    assert "Error" in message and "failed.ipynb" in message
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"weekly_report_{week}.failed.ipynb"]  # no HTML, old one gone
    partial = nbformat.read(out / names[0], as_version=4)
    errors = [
        o for c in partial.cells if c.cell_type == "code" for o in c.outputs
        if o.output_type == "error"
    ]  # fmt: skip
    assert errors


def test_weekly_report_unknown_week(sample_csv, tmp_path):
    with pytest.raises(PassionmapError, match="no comments in week 1999-W01"):
        render_report(str(sample_csv), tmp_path, week="1999-W01", config=FAST)
    with pytest.raises(PassionmapError, match="not an ISO week"):
        render_report(str(sample_csv), tmp_path, week="last week", config=FAST)
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------- explore
@pytest.mark.slow
def test_explore_notebook_runs(sample_csv, tmp_path):
    executed = tmp_path / "explore.ipynb"
    exports = tmp_path / "exports"
    params = {"input_path": str(sample_csv), "output_dir": str(exports), "community": -1}
    params.update(config_parameters(FAST))
    papermill.execute_notebook(
        str(notebook_path(EXPLORE)),
        str(executed),
        parameters=params,
        progress_bar=False,
        kernel_name="python3",
    )
    assert {"graph.gexf", "customers.csv", "clusters.csv"} <= {p.name for p in exports.iterdir()}
    html = to_html(executed, tmp_path / "explore.html").read_text(encoding="utf-8")
    text = _text(html)
    for section in (
        "1. Load the comments",
        "2. Find interests and channels",
        "3. Build the graph",
        "4. Find communities",
        "5. Profile customers and communities",
        "Where they hang out",
        "Audiences by network and generation",
        "Export",
        "Drill into one community",
    ):
        assert section in text, section
    assert html.count("<table") >= 10
    assert html.count('src="data:image/png;base64,') == 6
    assert "graph.gexf" in text
    assert ESCAPED in html and ATTACK not in html


def test_strip_script_check_and_fix(tmp_path):
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[1] / "scripts" / "strip_notebooks.py"
    dirty = tmp_path / "dirty.ipynb"
    nb = nbformat.read(notebook_path(EXPLORE), as_version=4)
    nb.cells[1].execution_count = 1
    nbformat.write(nb, dirty)
    check = subprocess.run(
        [sys.executable, script, "--check", dirty], capture_output=True, text=True
    )
    assert check.returncode == 1 and "execution count" in check.stderr
    subprocess.run([sys.executable, script, dirty], check=True, capture_output=True)
    clean = subprocess.run([sys.executable, script, "--check", dirty], capture_output=True)
    assert clean.returncode == 0


@pytest.mark.parametrize("name", ["explore.ipynb", "weekly_report.ipynb"])
def test_parameter_defaults_match_config(name):
    """Opened by hand in JupyterLab, a notebook analyses with passionmap's defaults."""
    import ast

    nb = nbformat.read(notebook_path(name), as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    defaults = Config()
    for node in ast.parse(cell.source).body:
        name_ = node.target.id
        if hasattr(defaults, name_) and name_ not in ("channel", "model"):
            assert ast.literal_eval(node.value) == getattr(defaults, name_), name_


@pytest.mark.parametrize("name", ["explore.ipynb", "weekly_report.ipynb"])
def test_papermill_sees_every_parameter(name):
    """papermill reads every parameter: `-p resolution 1.5` warns of no "unknown parameter"."""
    import ast

    from papermill.inspection import inspect_notebook

    nb = nbformat.read(notebook_path(name), as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    names = [node.target.id for node in ast.parse(cell.source).body]
    assert list(inspect_notebook(str(notebook_path(name)))) == names
