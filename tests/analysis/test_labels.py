"""--labels FILE: the analyst's community names everywhere a community is named."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pandas as pd
import pytest

from passionmap import Config, load_comments
from passionmap.analysis.labels import UnknownLabels, apply_labels, read_labels
from passionmap.cli import main
from passionmap.datasets.sample import write_sample
from passionmap.errors import PassionmapError
from passionmap.viz.render import render_report
from passionmap.weekly import weekly_report, weeks_in

FORMULA = '=HYPERLINK("http://evil.example","click")'
BOLD = "<b>x</b>"
FAST = Config(model="blank", progress=False)


@pytest.fixture(scope="module")
def sample_csv(tmp_path_factory) -> Path:
    return Path(write_sample(tmp_path_factory.mktemp("labels") / "s.csv", customers=120, weeks=3))


@pytest.fixture(scope="module")
def weeks(sample_csv):
    """The sample's comments and the automatic labels of its weeks (their own analyses)."""
    comments = load_comments(sample_csv, FAST).comments
    names = weeks_in(comments)
    report = weekly_report(comments, names[1], FAST)
    return comments, names, report


def _csv(tmp_path: Path, rows, header=("community", "label")) -> Path:
    path = tmp_path / "labels.csv"
    pd.DataFrame(rows, columns=list(header)).to_csv(path, index=False)
    return path


def _main(args, capsys):
    try:
        rc = main([str(a) for a in args])
    except SystemExit as exc:
        rc = exc.code
    out, err = capsys.readouterr()
    return rc, out, err


# ------------------------------------------------------------------ the file
def test_csv_and_yaml_files(tmp_path):
    path = _csv(tmp_path, [["Sourdough & baking", "Bakers"], ["swim meet", FORMULA]])
    assert read_labels(path) == (("Sourdough & baking", "Bakers"), ("swim meet", FORMULA))
    mapping = tmp_path / "labels.yaml"
    mapping.write_text('"sourdough & baking": Bakers\nswim meet: Swimmers\n', encoding="utf-8")
    assert read_labels(mapping) == (("sourdough & baking", "Bakers"), ("swim meet", "Swimmers"))
    listed = tmp_path / "labels.yml"
    listed.write_text("- community: chess\n  label: Chess club\n", encoding="utf-8")
    assert read_labels(listed) == (("chess", "Chess club"),)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("l.csv", "cluster,name\n0,Bakers\n", "labels file has no community or label column"),
        # a quoted header holding a line break is listed escaped, on the message's one line
        ("l.csv", '"clu\nster",name\n0,Bakers\n', "(columns: 'clu\\nster', name)"),
        ("l.csv", "community,label\nsourdough,\n", "line 2: empty label"),
        ("l.csv", "community,label\nyoga,A\nYoga,B\n", "line 3: community 'Yoga' already named"),
        ("l.csv", "community,label\nyoga,A,extra\n", "line 2: 3 fields, the header has 2"),
        ("l.csv", "", "empty labels file"),
        ("l.yaml", "a: [b\n", "not YAML"),
        ("l.yaml", "- just a string\n", "item 1: expected 'community: label' pairs"),
        ("missing.csv", None, "cannot read labels file"),
    ],
)
def test_a_malformed_file_is_one_line_and_exit_2(tmp_path, capsys, name, text, message):
    path = tmp_path / name
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(PassionmapError, match=re.escape(message)):
        read_labels(path)
    for command in ("run", "report"):
        rc, _, err = _main([command, "x.csv", "--out", tmp_path / "o", "--labels", path], capsys)
        assert rc == 2, command
        assert err.startswith("passionmap: error: ") and message in err, err
        assert len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "o").exists()


def test_matching_ignores_case_and_spaces_and_tells_the_unknown():
    cl = pd.DataFrame({"cluster": [0, 1], "label": ["sourdough & baking", "chess"]})
    named, unknown = apply_labels(cl, (("SOURDOUGH  &  Baking", "Bakers"), ("go", "Go players")))
    assert named["label"].tolist() == ["Bakers", "chess"]
    assert unknown == ["go"]
    assert apply_labels(cl, ())[0] is cl


# ------------------------------------------------------------------ passionmap run
def test_run_writes_the_names_in_clusters_csv_and_gexf(sample_csv, tmp_path, capsys):
    plain = tmp_path / "plain"
    assert (
        _main(["run", sample_csv, "--out", plain, "--model", "blank", "--no-progress"], capsys)[0]
        == 0
    )
    auto = pd.read_csv(plain / "clusters.csv")["label"].tolist()
    labels = _csv(tmp_path, [[auto[0].upper(), FORMULA], [auto[1], BOLD], ["chess & go", "Chess"]])
    out = tmp_path / "named"
    rc, _, err = _main(
        ["run", sample_csv, "--out", out, "--model", "blank", "--no-progress", "--labels", labels],
        capsys,
    )
    assert rc == 0
    # the unknown community: one warning line naming it, not an error
    assert err.strip() == (
        "passionmap: warning: labels file: no community has the automatic label 'chess & go'; "
        "those names are not used"
    )
    clusters = pd.read_csv(out / "clusters.csv", keep_default_na=False)
    assert clusters["label"].tolist() == ["'" + FORMULA, BOLD, *auto[2:]]  # formula neutralised
    gexf = (out / "graph.gexf").read_text(encoding="utf-8")
    assert 'value="&lt;b&gt;x&lt;/b&gt;"' in gexf  # the community label of its customers
    assert "HYPERLINK" in gexf  # XML, not a spreadsheet: the name as written, escaped


# ------------------------------------------------------------------ weekly report
def test_names_persist_across_weeks(weeks, tmp_path):
    comments, names, report = weeks
    # name last week's communities: this week's matched ones carry the names on
    previous = report.previous.clusters["label"].tolist()
    labels = tuple((auto, f"Team {i}") for i, auto in enumerate(previous))
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnknownLabels)  # every name is used in one of the weeks
        week2 = weekly_report(comments, names[1], FAST.replace(labels=labels))
        week1 = weekly_report(comments, names[0], FAST.replace(labels=labels))
    teams = {lab for _, lab in labels}
    assert set(week1.names.values()) == teams  # week 1: its own communities, named
    same = week2.changes["status"].isin(["grew", "shrank", "stable"])  # matched one to one
    matched = week2.changes[same & week2.changes["cluster"].notna()]
    assert len(matched) and set(matched["name"]) <= teams
    for row in matched.itertuples():  # the same community, the same name, both weeks
        before = week1.names[int(row.prev_cluster)]
        assert row.name == before, (row.name, before)
    # the report's own tables and sentences use them
    assert set(week2.community_table()["community"]) & teams
    assert any("Team " in line for line in week2.summary)


@pytest.mark.slow
def test_rendered_report_shows_the_names_escaped(weeks, sample_csv, tmp_path, capsys):
    comments, names, report = weeks
    # the names the report shows (a matched community: last week's label), as an analyst
    # copies them from its community column or changes.csv
    shown = [n for n in report.names.values() if "(#" not in n]
    labels = ((shown[0], BOLD), (shown[1], FORMULA), ("chess & go", "Chess"))
    out = tmp_path / "reports"
    html_path = render_report(sample_csv, out, names[1], FAST.replace(labels=labels))
    html = html_path.read_text(encoding="utf-8")
    assert BOLD not in html and "&lt;b&gt;x&lt;/b&gt;" in html  # escaped as user text
    assert html.count("&lt;b&gt;x&lt;/b&gt;") >= 3  # summary, community and change tables
    assert "HYPERLINK" in html
    tables = out / f"weekly_report_{names[1]}_tables"
    communities = pd.read_csv(tables / "communities.csv", keep_default_na=False)
    assert BOLD in communities["name"].tolist()  # name: the report's (stable) name
    assert "'" + FORMULA in communities["name"].tolist()  # neutralised in the CSV
    err = capsys.readouterr().err
    assert (
        "passionmap: warning: labels file: no community has the automatic label 'chess & go'" in err
    )
