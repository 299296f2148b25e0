"""Both notebooks run with papermill on a small sample; the HTML report is checked.

These tests start Jupyter kernels (about 10 s each), so they are marked slow.
They use the blank spaCy model: the notebooks, not the model, are under test.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest
from conftest import ROOT

from passionmap import Config
from passionmap.datasets.sample import write_sample
from passionmap.errors import PassionmapError
from passionmap.viz.report import (
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


def _no_scripts(html: str) -> str:
    """The page without its scripts (BokehJS's own source holds NaN, MathJax's URL...)."""
    return re.sub(r"<script\b.*?</script>", " ", html, flags=re.S | re.I)


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", _no_scripts(html))


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
        f"weekly_report_{week}_tables",
    ]
    tables = out / f"weekly_report_{week}_tables"  # SPEC: the report's tables as CSV
    assert {"communities.csv", "changes.csv", "emerging.csv"} <= {p.name for p in tables.iterdir()}
    changes = pd.read_csv(tables / "changes.csv")
    assert list(changes.columns) == [
        "name", "status", "top_interests", "members_last_week", "members_this_week", "note",
    ]  # fmt: skip
    assert len(changes) >= 3 and changes["status"].notna().all()
    html = html_path.read_text(encoding="utf-8")
    assert "PosixPath" not in html  # no stray cell output
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
    # figures embedded: 5 charts, the community map's PNG fallback, communities over time
    assert html.count('src="data:image/png;base64,') == 7
    assert "Communities over time" in text
    # emerging interests: only those called rising (q < 0.05), q beside p; none: one sentence
    emerging_html = html[html.index("Emerging interests") :]
    emerging_html = emerging_html[: emerging_html.index("Where to start with each community")]
    _only_called_rises(emerging_html)
    assert (
        "q: the p-value corrected for testing every interest this week (false discovery rate); "
        "a rise is called only when q &lt; 0.05"
    ) in " ".join(_no_scripts(html).split()).replace("<em>", "").replace("</em>", "")
    assert re.search(r"\b(grew|shrank|stable|appeared|split|merged|faded)\b", text)
    # self-contained, and user text stays text: the only scripts are the interactive map's
    # (BokehJS inline and its data; its own tests check escaping: tests/viz/test_network_map.py)
    assert html.count("<script") == 4 and "Bokeh" in html
    page = _no_scripts(html)
    assert not re.search(r"""(src|href)=["']?https?:|url\(["']?https?:|@import""", page)
    assert ESCAPED in html
    assert "input_path" not in text  # code cells are hidden

    nb = nbformat.read(out / f"weekly_report_{week}.ipynb", as_version=4)
    assert nb.metadata["papermill"]["parameters"]["week"] == week
    # the notebook took the comments passionmap report read to pick the week (not the file
    # again), from a temporary file that is gone
    handed = Path(nb.metadata["papermill"]["parameters"]["loaded_path"])
    assert handed.name == "loaded.pickle" and not handed.parent.exists()
    # several channels: the channel advice and its sections stay
    assert "No comment says where it was posted" not in text
    assert "Where to start with each community" in text and "start with, then" in text
    assert "All comments come from one channel" not in text


@pytest.mark.slow
def test_weekly_report_failure_keeps_partial_notebook(sample_csv, tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    week = render_week = "2026-W47"
    stale = out / f"weekly_report_{week}.html"
    stale.write_text("an old report", encoding="utf-8")
    broken = FAST.replace()  # a value Config refuses, set past its check: the notebook fails
    object.__setattr__(broken, "neighbors", "many")  # inside, when it builds its own Config
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


_MISSING = re.compile(r"\bNone\b|\bNaN\b|\bnan\b|<NA>|&lt;NA&gt;")


def test_report_tables_show_no_missing_markers():
    """Appeared and faded rows have no size or cluster: a dash or nothing, never <NA>."""
    from passionmap.viz.report import table
    from passionmap.weekly import match_communities

    prev_cu = pd.DataFrame({"customer_id": list("abcdef"), "cluster": [0, 0, 0, 1, 1, 1]})
    prev_cl = pd.DataFrame(
        {"cluster": [0, 1], "size": [3, 3], "label": ["bakers", "runners"],
         "top_interests": ["sourdough", "running"]}
    )  # fmt: skip
    curr_cu = pd.DataFrame({"customer_id": list("abcxyz"), "cluster": [5, 5, 5, 6, 6, 6]})
    curr_cl = pd.DataFrame(
        {"cluster": [5, 6], "size": [3, 3], "label": ["bakers", None],
         "top_interests": ["sourdough", None]}
    )  # fmt: skip
    changes = match_communities(prev_cu, prev_cl, curr_cu, curr_cl)
    assert {"appeared", "faded"} <= set(changes["status"])
    shown = table(
        changes,
        ["name", "label", "status", "size_prev", "size", "share_prev", "share_curr",
         "change_pct", "member_jaccard", "note", "cluster", "prev_cluster"],
    )  # fmt: skip
    assert not _MISSING.search(shown.markup), shown.markup
    faded = shown.frame[shown.frame["status"] == "faded"].iloc[0]
    assert faded["change_pct"] == "\u2013" and faded["cluster"] == "" and faded["label"] == ""
    emerging = pd.DataFrame(
        {"label": ["dog"], "share_prev": [0.0], "share_curr": [0.004], "rise": [0.004],
         "z": [2.1], "p_value": [0.0004]}
    )  # fmt: skip
    row = table(emerging).frame.iloc[0].tolist()
    assert row == ["dog", "0%", "0.4%", "+0.4 pts", "2.1", "<0.001"]  # never "0% -> 0%, +0%"


@pytest.mark.slow
def test_weekly_report_on_partial_week(tmp_path):
    """The last week holds Monday and Tuesday morning: not picked by default, called partial."""
    path = write_sample(tmp_path / "s.csv", customers=150, weeks=3)
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    ts = pd.to_datetime(df["timestamp"])
    monday = ts.max().normalize() - pd.Timedelta(days=ts.max().weekday())
    df = df[ts < monday + pd.Timedelta(hours=36)].drop(columns=["age", "channel"])
    df.to_csv(tmp_path / "partial.csv", index=False)
    weeks = sorted(set(pd.to_datetime(df["timestamp"]).dt.strftime("%G-W%V")))
    cfg = FAST.replace(channel="twitter")  # one channel, no ages

    default = render_report(tmp_path / "partial.csv", tmp_path / "out", config=cfg)
    assert default.name == f"weekly_report_{weeks[-2]}.html"  # the latest complete week
    partial = render_report(tmp_path / "partial.csv", tmp_path / "out", weeks[-1], config=cfg)
    for html_path in (default, partial):
        html = html_path.read_text(encoding="utf-8")
        body = _text(html[html.index("<body") :])
        assert not _MISSING.search(body), _MISSING.search(body)
        assert "comments on all 7 days" in body
    text = " ".join(_text(partial.read_text(encoding="utf-8")).split())
    assert f"{weeks[-1]} is partial: comments on 2 of 7 days, Mon " in text
    assert "compared per active customer and per active day" in text
    assert "share of active customers this week" in text
    assert "two-proportion z-test" in text
    assert "so this report covers" not in text  # the week was asked for

    # the default week says why it is not the latest one
    default_text = " ".join(_text(default.read_text(encoding="utf-8")).split())
    assert (
        f"{weeks[-1]} is partial (2 of 7 days), so this report covers {weeks[-2]}, "
        "the latest complete week."
    ) in default_text
    nb = nbformat.read(default.with_suffix(".ipynb"), as_version=4)
    assert nb.metadata["papermill"]["parameters"]["picked_week"] is True

    # one channel: said once in short and once where the heat map was, never per community
    one = "All comments come from one channel (Twitter): there is no channel choice to make."
    for body in (text, default_text):
        assert body.count(one) == 2, body.count(one)
        assert "Twitter (100%" not in body and "100% of members" not in body
        assert "Where to start with each community" not in body
        assert "start with, then" not in body and "Start with " not in body
        assert "at least 3 customers this week" in body  # the value, not "min_support"
        assert "min_support" not in body


def test_report_markdown_names_no_parameter():
    """Markdown cannot show a parameter's value: the text must not print its name."""
    nb = nbformat.read(notebook_path(WEEKLY), as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    names = [ln.split(":")[0] for ln in params.source.splitlines() if ln and ln[0] != "#"]
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "remove_cell" not in cell.metadata.get("tags", []):
            for name in names:  # min_support, `week`: a name, never its value
                assert f"`{name}`" not in cell.source, (name, cell.source)
                assert "_" not in name or name not in cell.source, (name, cell.source)


def test_report_tables_and_data_table_use_thousands_separators():
    from types import SimpleNamespace

    from passionmap.viz.report import data_table, table
    from passionmap.weekly import Coverage

    shown = table(pd.DataFrame({"label": ["fleet"], "size": [10268], "size_prev": [9000.0],
                                "customers_curr": [5654], "cluster": [12345]}))  # fmt: skip
    assert shown.frame.values.tolist() == [["fleet", "10,268", "9,000", "5,654", 12345]]
    summary = {"customers": 5654, "model": "blank", "subject": "flight"}
    week = SimpleNamespace(comments=pd.DataFrame(index=range(10268)), summary=summary)
    report_ = SimpleNamespace(week="2015-W08", prev_week="2015-W07", current=week,
                              previous=None, coverage=Coverage("2015-W08", comments=10268),
                              prev_coverage=None)  # fmt: skip
    loaded = SimpleNamespace(stats={"format": "csv", "rows_read": 14640, "rows_used": 14630,
                                    "rows_rejected": 10, "rows_outside_dates": 10},
                             comments=pd.DataFrame({"week": ["2015-W08"]}))  # fmt: skip
    values = dict(data_table(loaded, report_).values.tolist())
    assert values["records read"] == "14,640"
    assert values["comments in 2015-W08"] == "10,268"
    assert values["customers in 2015-W08"] == "5,654"
    assert values["of them outside the dates"] == "10"
    assert values["subject of the comments"].startswith("'flight'")


def _only_called_rises(emerging_html: str) -> None:
    """The emerging interests shown: a table of rises with q < 0.05 (q beside p, three
    decimals), or, where none passes, the one sentence that says so."""
    if "<table" not in emerging_html:  # the sample's surest rise has q 0.11
        said = "No interest rose significantly this week (q &lt; 0.05); the surest rise was "
        assert said in emerging_html
        assert re.search(r"was .+ \([+-]\d+\.\d pts, q = 0\.\d{3}\)\.", emerging_html)
        return
    qs = re.findall(r"<td>(&lt;0\.001|[01]\.\d{3})</td>\s*</tr>", emerging_html)  # last column
    assert ">p</th>" in emerging_html and ">q</th>" in emerging_html
    assert qs and all(q == "&lt;0.001" or float(q) < 0.05 for q in qs), qs


def _headers(styled_html: str) -> list[str]:
    """The column names of the pandas Styler tables in a cell's outputs."""
    return re.findall(r'class="col_heading level0 col\d+" >([^<]*)</th>', styled_html)


# ------------------------------------------------------------------- explore
TAIL = "\nP.S. and that is the whole story, told in full, line breaks and all."


def _project(tmp_path, sample_csv) -> Path:
    """An analyst's project: notebooks/ (where Lab runs the kernel) beside data/."""
    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    (project / "data").mkdir()
    df = pd.read_csv(sample_csv, dtype=str, keep_default_na=False)
    df["text"] = df["text"] + TAIL  # every comment is long and has a line break
    df.to_csv(project / "data" / "comments.csv", index=False)
    return project


def _outputs(nb, cell_id: str) -> str:
    cell = next(c for c in nb.cells if c.get("id") == cell_id)
    return "\n".join(
        str(o.get("data", {}).get("text/html", "")) + str(o.get("text", "")) for o in cell.outputs
    )


def _column(styled_html: str, name: str) -> list[str]:
    """The cells of one column of a pandas Styler table."""
    col = re.search(rf'class="col_heading level0 (col\d+)" >{name}</th>', styled_html).group(1)
    return re.findall(rf'class="data row\d+ {col}" >([^<]*)</td>', styled_html)


@pytest.mark.slow
def test_explore_notebook_runs(sample_csv, tmp_path, monkeypatch):
    """Run in notebooks/ as JupyterLab runs it, with a path relative to the project root."""
    project = _project(tmp_path, sample_csv)
    # two @sourdough in the first week: across the whole file "sourdough" is a brand handle
    # (dropped), in the last two weeks it is an interest (a community is named by it)
    data = project / "data" / "comments.csv"
    df = pd.read_csv(data, dtype=str, keep_default_na=False)
    weeks = pd.to_datetime(df["timestamp"]).dt.strftime("%G-W%V")
    first = df.index[weeks == weeks.min()][:2]
    df.loc[first, "text"] = df.loc[first, "text"] + " @sourdough"
    df.to_csv(data, index=False)
    monkeypatch.setenv("PASSIONMAP_CACHE_DIR", str(tmp_path / "cache"))  # the kernel inherits it
    executed = tmp_path / "explore.ipynb"
    params = {"input_path": "data/comments.csv", "community": -1}  # output_dir: the default
    params.update(config_parameters(FAST))
    papermill.execute_notebook(
        str(notebook_path(EXPLORE)),
        str(executed),
        parameters=params,
        progress_bar=False,
        kernel_name="python3",
        cwd=str(project / "notebooks"),
    )
    exports = project / "data" / "processed" / "comments"  # data/processed/<input name>/
    assert {"graph.gexf", "customers.csv", "clusters.csv"} <= {p.name for p in exports.iterdir()}
    assert sorted(p.name for p in project.iterdir()) == ["data", "notebooks"]  # nothing else
    assert list((tmp_path / "cache").rglob("*.parquet"))  # the mentions cache, as the CLI's

    nb = nbformat.read(executed, as_version=4)
    assert "No comment says where it was posted" not in _outputs(nb, "audience")  # channels
    html = to_html(executed, tmp_path / "explore.html").read_text(encoding="utf-8")
    text = " ".join(_text(html).split())
    for section in (
        "Read the comments",
        "Settings",
        "What are my customers passionate about?",
        "Where do they gather?",
        "Which communities form, and how do they differ?",
        "Drill into one community",
        "What changed this week?",
        "Export",
    ):
        assert section in text, section
    assert "IProgress" not in str(nb.cells)  # no widget warning anywhere, stderr included
    assert html.count("<table") >= 10
    assert html.count('src="data:image/png;base64,') == 6
    assert "graph.gexf" in text and str(exports) in text
    assert ESCAPED in html and ATTACK not in html
    # tables: no index column, text left-aligned
    assert 'class="row_heading' not in html and "text-align: left" in html
    assert not _MISSING.search(_outputs(nb, "comments") + _outputs(nb, "members"))  # no nan

    # the drill-down: whole comments with real line breaks, passion within 0..1
    voices = _outputs(nb, "voices")
    assert TAIL.strip() in voices and "\u2026" not in voices and "..." not in voices
    assert "\\n" not in voices and TAIL in voices.replace("\r", "")  # a real newline, kept
    passion = [float(v) for v in _column(voices, "passion")]
    assert passion and all(0 <= v <= 1 for v in passion) and max(passion) > 0

    assert "<table" in _outputs(nb, "plan")  # where to start: one row per community

    # "What changed this week?": the latest complete week against the one before
    assert "communities this week (" in text
    changes = _outputs(nb, "changes")
    assert re.search(r"\b(grew|shrank|stable|appeared|split|merged|faded)\b", changes)
    # ... the communities `passionmap report` finds that week, under the same names
    reported = render_report(data, tmp_path / "reports", config=FAST)
    csv = pd.read_csv(
        reported.parent / reported.name.replace(".html", "_tables") / "changes.csv",
        keep_default_na=False,
    )
    shown = [unescape(n) for n in _column(changes, "community")]
    assert shown == csv["name"].tolist() and any("sourdough" in n for n in shown)
    assert _column(changes, "status") == csv["status"].tolist()
    # emerging interests: as the report shows them, only the rises with q < 0.05
    emerging = _outputs(nb, "emerging")
    if "<table" in emerging:
        qs = _column(emerging, "q")
        assert qs and all(q == "&lt;0.001" or float(q) < 0.05 for q in qs), qs
    else:
        _only_called_rises(emerging)

    # the tables read without internal names (rows_read, start_share, n_comments, ...)
    read, found = (_column(_outputs(nb, cell), "measure") for cell in ("load", "analyze"))
    for measures in (read, found):
        assert not [m for m in measures if "_" in m], measures
    # the analysis says what it found and does not repeat the reading figures above it
    assert "records read" in read and "communities" in found and not set(read) & set(found)
    for cell in ("clusters", "members", "voices", "emerging", "top-channels"):
        shown = _headers(_outputs(nb, cell))
        assert not [h for h in shown if "_" in h], (cell, shown)
    assert {"start with", "share there", "top interests"} <= set(_headers(_outputs(nb, "clusters")))
    assert "customers in it" in _outputs(nb, "clusters")  # the columns' legend
    # the drill-down's heading names the community it shows: the largest
    clusters = pd.read_csv(exports / "clusters.csv", keep_default_na=False)
    largest = clusters.sort_values(["size", "cluster"], ascending=[False, True]).iloc[0]
    heading = re.search(r"<h3>Drill into one community: (.+) \(community (\d+), ", html)
    assert heading and int(heading.group(2)) == largest["cluster"]
    assert unescape(heading.group(1)) == largest["label"]


def _run_explore(path: Path, tmp_path: Path) -> nbformat.NotebookNode:
    """explore.ipynb executed on ``path`` (the fast settings), exports in ``tmp_path``."""
    executed = tmp_path / "explore.ipynb"
    params = {"input_path": str(path), "output_dir": str(tmp_path / "out")}
    params.update(config_parameters(FAST))
    papermill.execute_notebook(
        str(notebook_path(EXPLORE)), str(executed), parameters=params, progress_bar=False,
        kernel_name="python3", cwd=str(tmp_path),
    )  # fmt: skip
    return nbformat.read(executed, as_version=4)


@pytest.mark.slow
def test_explore_on_one_channel_says_so_instead_of_a_start_table(sample_csv, tmp_path):
    """Airline tweets (all Twitter): 'Twitter: 766 of 766 members (100%) post there' for
    every community said nothing; one line says there is no channel choice to make."""
    tweets = tmp_path / "tweets.csv"
    pd.read_csv(sample_csv, dtype=str).assign(channel="twitter").to_csv(tweets, index=False)
    nb = _run_explore(tweets, tmp_path)
    # said once, where the channels are ("Where do they gather?"), not per chart and section
    code = [c for c in nb.cells if c.cell_type == "code"]
    said = "\n".join(_outputs(nb, c.get("id")) for c in code)
    one = "All comments come from one channel (Twitter): there is no channel choice to make."
    assert said.count("All comments come from one channel") == 1
    assert one in _outputs(nb, "audience")
    assert "Customers also name channels in what they write" in _outputs(nb, "audience")
    # no heat map of one 100% column, no bar chart of one bar, no start table or column
    for cell in ("heatmap", "audience-bars", "plan"):
        assert next(c for c in code if c.get("id") == cell).outputs == [], cell
    shown = _headers(_outputs(nb, "clusters"))
    assert "community" in shown and not {"start with", "share there"} & set(shown)
    # the channels customers only name are not channels they post on
    channels = _column(_outputs(nb, "top-channels"), "channel")
    assert "Twitter" in channels and "Instagram (mentioned)" in channels
    assert not {"instagram", "Instagram"} & set(channels)


def test_explore_without_a_channel_column_says_how_to_name_one(tmp_path):
    """An export of tweets has no channel column: every channel shown is one named.

    The preview of the comments cuts a long post (a forum FAQ ran to pages in it), and
    leaves out columns no comment fills (no ages: age and generation were dashes; no
    timestamps: an empty column in the drill-down)."""
    path = write_sample(tmp_path / "s.csv", customers=80, weeks=1)
    frame = pd.read_csv(path, dtype=str).drop(columns=["channel", "age", "timestamp"])
    long = "Atheist Resources\n\n" + "Write to: FFRF, P.O. Box 750, Madison.\n" * 60 + "THE END"
    frame.loc[0, "text"] = long
    frame.to_csv(path, index=False)
    nb = _run_explore(path, tmp_path)
    said = " ".join(_outputs(nb, "audience").split())
    assert said.count("No comment says where it was posted") == 1
    assert "--channel twitter" in said
    preview = _outputs(nb, "comments")
    assert "Atheist Resources" in preview and "\u2026" in preview and "THE END" not in preview
    shown = _headers(preview)
    assert "text" in shown and not {"age", "generation"} & set(shown), shown
    # the drill-down's comments too (newsgroup posts have no timestamps: an empty column)
    shown = _headers(_outputs(nb, "voices"))
    assert "text" in shown and "timestamp" not in shown, shown


@pytest.mark.slow
@pytest.mark.parametrize("name", [EXPLORE, WEEKLY])
def test_missing_input_is_one_line(sample_csv, tmp_path, name):
    """A mistyped relative path, opened in Lab: one line naming where it was looked for."""
    project = _project(tmp_path, sample_csv)
    with pytest.raises(papermill.PapermillExecutionError):
        papermill.execute_notebook(
            str(notebook_path(name)),
            str(tmp_path / "failed.ipynb"),
            parameters={"input_path": "data/typo.csv"},
            progress_bar=False,
            kernel_name="python3",
            cwd=str(project / "notebooks"),
        )
    nb = nbformat.read(tmp_path / "failed.ipynb", as_version=4)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert len(errors) == 1
    shown = "\n".join(errors[0].traceback)
    assert shown.count("\n") == 0, shown  # one line, no traceback
    assert shown.startswith("passionmap: data/typo.csv: no such file (looked for ")
    assert str(project / "data" / "typo.csv") in shown  # where it was looked for


def test_strip_script_check_and_fix(tmp_path):
    import subprocess
    import sys

    script = ROOT / "scripts" / "strip_notebooks.py"
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


@pytest.mark.parametrize("name", [EXPLORE, WEEKLY])
def test_charts_get_what_marks_mentioned_channels_and_counts_communities(name):
    """explore drew channels customers only name as channels they post on, and its interest
    bars' title counted only the communities with an interest: pass what the report passes."""
    import ast

    nb = nbformat.read(notebook_path(name), as_version=4)
    calls = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            code = "\n".join(ln for ln in cell.source.splitlines() if not ln.startswith("%"))
            for node in ast.walk(ast.parse(code)):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                    calls.setdefault(node.func.attr, []).append({k.arg for k in node.keywords})
    assert calls["audience_bars"] and all("mentioned" in k for k in calls["audience_bars"])
    assert calls["top_interests_bars"] and all("clusters" in k for k in calls["top_interests_bars"])


def test_readme_lists_each_notebooks_parameters():
    """The README's Notebooks section names every parameter, the notebook's own on its row,
    and its `options` example is what papermill hands the notebook."""
    import ast
    import json
    import shlex
    from dataclasses import fields

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Notebooks") : text.index("### In JupyterLab")]
    config_fields = {f.name for f in fields(Config)}
    for name in (EXPLORE, WEEKLY):
        nb = nbformat.read(notebook_path(name), as_version=4)
        cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        params = [node.target.id for node in ast.parse(cell.source).body]
        row = next(ln for ln in section.splitlines() if ln.startswith(f"| `{name}` |"))
        own = [p for p in params if p not in config_fields and p not in ("input_path", "options")]
        assert own and all(f"`{p}`" in row for p in own), (name, own, row)
        assert all(f"`{p}`" in section for p in params), name
    command = re.search(r"```\n(papermill .*?)```", section, re.S).group(1)
    args = shlex.split(command.replace("\\\n", " "))
    options = json.loads(args[args.index("-y") + 1])["options"]
    assert config_from_parameters(options=options).neighbors == 10


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


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """passionmap's wheel, built from this checkout (as ``pip install .`` builds it)."""
    import subprocess
    import sys

    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
         "-w", str(folder), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return next(folder.glob("passionmap-*.whl"))


@pytest.mark.slow
def test_the_wheel_carries_the_notebooks(wheel):
    """An installed (not editable) passionmap renders reports: the wheel holds the notebooks."""
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    assert "passionmap/notebooks_data/weekly_report.ipynb" in names
    assert "passionmap/notebooks_data/explore.ipynb" in names


@pytest.mark.slow
def test_an_installed_passionmap_renders_a_report_from_another_folder(wheel, tmp_path):
    """Issue 15: ``pip install`` (not editable), then ``passionmap report`` in any folder.

    The wheel goes into a folder of its own (``pip install --target``) that is put
    first on the path, for this process and the notebook's kernel; the
    dependencies are this environment's. The report must come from that copy.
    """
    import os
    import subprocess
    import sys

    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site),
         str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    write_sample(elsewhere / "comments.csv", customers=80, weeks=2, seed=3)
    code = (
        "import sys, passionmap; print(passionmap.__file__, file=sys.stderr); "
        "from passionmap.cli import main; sys.exit(main())"
    )
    args = ["report", "comments.csv", "--out", "reports", "--model", "blank", "--no-progress",
            "--no-cache"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stderr.splitlines()[0].startswith(str(site)), done.stderr[:500]
    html = list((elsewhere / "reports").glob("weekly_report_*.html"))
    assert len(html) == 1 and "Audience" in html[0].read_text(encoding="utf-8")


# ------------------------------------------------------------- JupyterLab
LAB_CONFIG = ROOT / ".jupyter" / "jupyter_server_config.py"


def _dirty_model() -> dict:
    """What JupyterLab sends when saving a run notebook: outputs, counts, run metadata."""
    nb = nbformat.read(notebook_path(EXPLORE), as_version=4)
    for i, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        cell.execution_count = i + 1
        cell.metadata["execution"] = {"iopub.status.idle": "2026-01-01T00:00:00Z"}
        cell.outputs = [
            nbformat.v4.new_output("stream", name="stderr", text="extract: 40%|####\n"),
            nbformat.v4.new_output(
                "execute_result", data={"text/plain": "42"}, execution_count=i + 1
            ),
        ]
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.9", "file_extension": ".py"}
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    return {"type": "notebook", "format": "json", "content": nbformat.writes(nb)}


def test_lab_pre_save_hook_strips_outputs(tmp_path):
    """make lab's hook: a notebook saved under notebooks/ is written clean, others untouched."""
    import json
    import runpy

    from traitlets.config import Config as TraitletsConfig

    cfg = TraitletsConfig()
    scope = runpy.run_path(str(LAB_CONFIG), init_globals={"get_config": lambda: cfg})
    hook = scope["strip_outputs"]
    assert cfg.ContentsManager.pre_save_hook is hook  # what Jupyter runs before each save

    model = _dirty_model()
    model["content"] = json.loads(model["content"])  # the server hands the hook a dict
    elsewhere = json.loads(json.dumps(model))
    hook(model=model, path="notebooks/explore.ipynb", contents_manager=None)
    saved = tmp_path / "explore.ipynb"
    nbformat.write(nbformat.from_dict(model["content"]), saved)
    assert notebook_problems(saved) == []
    assert strip_notebook(saved) is False  # exactly what make strip would write
    assert saved.read_text(encoding="utf-8") == notebook_path(EXPLORE).read_text(encoding="utf-8")

    hook(model=elsewhere, path="data/interim/mine.ipynb", contents_manager=None)
    assert any(c.get("outputs") for c in elsewhere["content"]["cells"])  # your copies keep them
    hook(model={"type": "file", "content": "x"}, path="notebooks/notes.txt")  # not a notebook


@pytest.mark.slow
def test_lab_saves_notebooks_without_outputs(tmp_path):
    """A real Jupyter server started as make lab starts it: a save over the REST API is clean."""
    import os
    import socket
    import subprocess
    import sys
    import time

    import requests

    (tmp_path / "notebooks").mkdir()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(LAB_CONFIG.parent)}
    env["JUPYTER_CONFIG_DIR"] = str(tmp_path / "home-jupyter")  # not the tester's own settings
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter_server", f"--ServerApp.root_dir={tmp_path}",
         f"--port={port}", "--ServerApp.token=t", "--no-browser", "--allow-root",
         "--ServerApp.open_browser=False"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/api/contents/notebooks/explore.ipynb"
        headers = {"Authorization": "token t"}
        model = _dirty_model()
        model["content"] = nbformat.reads(model["content"], as_version=4)
        for _ in range(120):
            try:
                reply = requests.put(url, json=model, headers=headers, timeout=5)
                break
            except requests.ConnectionError:
                time.sleep(0.25)
        assert reply.status_code in (200, 201), reply.text
        saved = tmp_path / "notebooks" / "explore.ipynb"
        assert notebook_problems(saved) == []
        assert "IProgress" not in saved.read_text(encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_make_lab_as_root_with_extra_arguments():
    import os
    import subprocess

    dry = subprocess.run(
        ["make", "-n", "lab", "LAB_ARGS=--port 9999 --no-browser"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    command = dry[dry.index("jupyter lab") :]
    assert "--port 9999 --no-browser" in command
    assert "JUPYTER_CONFIG_PATH" in dry and "/.jupyter" in dry  # the pre-save hook
    assert f"--ServerApp.root_dir={ROOT}" in command.replace('"', "")  # paths from the root
    assert ("--allow-root" in command) == (os.geteuid() == 0)


@pytest.mark.slow
def test_progress_bars_are_widgets_in_a_kernel(tmp_path):
    """tqdm.auto (passionmap's bars) draws a widget in a notebook: no "IProgress not found"."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_code_cell("from tqdm.auto import tqdm\nfor _ in tqdm(range(3)): pass")
    ]
    nbformat.write(nb, tmp_path / "bar.ipynb")
    papermill.execute_notebook(
        str(tmp_path / "bar.ipynb"), str(tmp_path / "ran.ipynb"),
        progress_bar=False, kernel_name="python3",
    )  # fmt: skip
    outputs = nbformat.read(tmp_path / "ran.ipynb", as_version=4).cells[0].outputs
    assert "IProgress" not in str(outputs)
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)


@pytest.mark.slow
def test_a_first_week_says_there_is_nothing_over_time_yet(tmp_path):
    """One week of data: one sentence, not a chart of single points (issue 14)."""
    path = write_sample(tmp_path / "one.csv", customers=80, weeks=1)
    # and no channel column (an export of tweets): the report says how to name the channel
    pd.read_csv(path, dtype=str).drop(columns=["channel"]).to_csv(path, index=False)
    html_path = render_report(str(path), tmp_path / "out", config=FAST)
    text = _text(html_path.read_text(encoding="utf-8"))
    assert " ".join(text.split()).count("No comment says where it was posted") == 1
    assert "--channel twitter" in text
    assert "communities over time need two weeks or more" in text
    assert "no previous week" in text.lower()
    # the communities legend defines no *change*: the table has no such column
    legend = " ".join(text[text.index("Communities this week") :].split())[:600]
    assert "members : customers in it this week" in legend
    assert "start with : the channel" in legend and "change :" not in legend
    # communities.csv names every community, as the report does
    tables = html_path.parent / html_path.name.replace(".html", "_tables")
    names = pd.read_csv(tables / "communities.csv", keep_default_na=False)["name"]
    shown = unescape(text)
    assert len(names) and (names != "").all() and all(n in shown for n in names)


def test_weeks_with_no_returning_customer_compare_no_sizes(tmp_path):
    """One post per customer (reddit): no community "grew 140%" between two partitions of
    different people; the summary and the chart over time say why."""
    path = write_sample(tmp_path / "s.csv", customers=120, weeks=3)
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    week = pd.to_datetime(df["timestamp"]).dt.strftime("%G-W%V")
    df["customer_id"] = df["customer_id"] + "-" + week  # nobody writes in two weeks
    df.to_csv(tmp_path / "once.csv", index=False)
    html_path = render_report(tmp_path / "once.csv", tmp_path / "out", config=FAST)
    text = " ".join(_text(html_path.read_text(encoding="utf-8")).split())
    short = text[text.index("In short") : text.index("Communities this week")]
    assert "No customer wrote in both weeks, so " in short
    assert not re.search(r"(grew|shrank) [\d,]+%", short), short
    tables = html_path.parent / html_path.name.replace(".html", "_tables")
    changes = pd.read_csv(tables / "changes.csv")
    assert "matched" in set(changes["status"])
    assert not {"grew", "shrank", "stable"} & set(changes["status"])
    assert "no customer had also written the week before" in text
