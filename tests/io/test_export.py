import csv
import xml.etree.ElementTree as ET

import networkx as nx
import pandas as pd
import pytest

from passionmap.io.export import atomic_dir, neutralise, write_csv, write_gexf


@pytest.mark.parametrize("cell", ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised(tmp_path, cell):
    write_csv(pd.DataFrame({"text": [cell], "n": [1]}), tmp_path / "x.csv")
    with open(tmp_path / "x.csv", newline="", encoding="utf-8") as f:
        row = next(csv.DictReader(f))
    assert row["text"] == "'" + cell and row["n"] == "1"
    assert neutralise("sourdough") == "sourdough"


def test_gexf_escapes_user_text_and_stays_valid(tmp_path):
    g = nx.Graph()
    g.add_node("customer:<script>alert(1)</script>", kind="customer", label="a & b\x07")
    g.add_node("interest:x", kind="interest", label="x")
    g.add_edge("customer:<script>alert(1)</script>", "interest:x", weight=1.0)
    write_gexf(g, tmp_path / "g.gexf")
    root = ET.parse(tmp_path / "g.gexf").getroot()  # raises if not valid XML
    assert "<script>" not in (tmp_path / "g.gexf").read_text()
    assert len(root.findall(".//{*}node")) == 2


def test_atomic_dir_keeps_previous_output_on_failure(tmp_path):
    out = tmp_path / "out"
    with atomic_dir(out) as tmp:
        (tmp / "a.csv").write_text("good")
    with pytest.raises(RuntimeError):
        with atomic_dir(out) as tmp:
            (tmp / "a.csv").write_text("half")
            raise RuntimeError("crash midway")
    assert (out / "a.csv").read_text() == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temp folders left


def test_gexf_has_communities_and_times_and_no_lonely_customers(tmp_path, nlp_blank):
    """Gephi: community labels on customers, a timeline, no hairball of interest-less nodes."""
    import networkx as nx

    from passionmap import Config, run
    from passionmap.datasets.sample import write_sample

    path = write_sample(tmp_path / "s.csv", customers=80)
    with path.open("a", encoding="utf-8") as f:
        f.write("x1,zed,thanks for nothing,twitter,2026-01-05T10:00:00,\n")
    out = tmp_path / "out"
    result = run(path, out, Config(model="blank", progress=False), nlp_blank)
    g = nx.read_gexf(out / "graph.gexf")
    customers = {n: d for n, d in g.nodes(data=True) if d["kind"] == "customer"}
    assert "customer:zed" not in customers  # no interest: left out, and counted
    assert result.summary["gexf_customers_without_interest"] >= 1
    labels = set(result.clusters["label"])
    assert any(d.get("community") in labels for d in customers.values())
    assert all("start" in d and "end" in d for d in customers.values())


def test_list_cells_are_joined_only_in_the_csv(tmp_path):
    frame = pd.DataFrame({"top_interests": [["sourdough", "baking"], [], ["=cmd", "x"]]})
    write_csv(frame, tmp_path / "x.csv")
    assert (tmp_path / "x.csv").read_bytes() == (
        b'top_interests\r\nsourdough; baking\r\n""\r\n\'=cmd; x\r\n'
    )
    assert frame["top_interests"].iloc[0] == ["sourdough", "baking"]  # the frame is untouched


def test_whole_numbers_with_a_gap_are_written_as_whole_numbers(tmp_path):
    """changes.csv wrote last week's members as "37.0" beside "51" (a new community has
    none, so pandas made the column floats); ages too. Shares stay as they are."""
    df = pd.DataFrame({"members_last_week": [37.0, None], "members_this_week": [51, 4],
                       "age": [56.0, None], "passion": [0.25, None]})  # fmt: skip
    write_csv(df, tmp_path / "t.csv")
    lines = (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1:] == ["37,51,56,0.25", ",4,,"]
    write_csv(df.dropna(), tmp_path / "t.csv")  # every community matched: no gap, still floats
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines()[1] == "37,51,56,0.25"
