"""`make bench` keeps working: a quick run writes every key issues 7 and 16 name.

Smoke tests only: keys and sane types (ratios positive), never timing thresholds.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py"
KEYS = [
    "extract_wps",
    "spacy_wps",
    "tokenizer_wps",
    "extract_over_spacy",
    "cluster_seconds_1m_edges",
    "cluster_largest",
    "peak_mb",
    "rerun_speedup",
    "big_input_peak_mb",
    # issue 16: each beside its anchor
    "warm_speedup",
    "newsgroups_extract_over_bare",
    "newsgroups_n_process2_speedup",
    "report_html_mb",
    "report_seconds",
    "consensus_2_process_speedup",
    "finder_seconds_1m_edges",
]


def bench(*args, timeout=300):
    proc = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--model", "blank", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def positive(*values):
    return all(isinstance(v, (int, float)) and v > 0 for v in values)


@pytest.mark.slow
def test_quick_bench_writes_results(tmp_path):
    out = tmp_path / "results.json"
    proc = bench("--out", str(out), timeout=600)
    results = json.loads(out.read_text())
    for key in KEYS:
        assert key in results, key
    assert results["extract_wps"] > 0 and results["spacy_wps"] > 0
    rerun = results["rerun"]  # the cache: only the new week's texts go through spaCy again
    assert 0 < rerun["texts_read_again"] < rerun["distinct_texts"]
    big = results["big_input"]  # the same generated file streamed and read whole
    assert big["stream_small"]["rows"] == big["whole_small"]["rows"] > 0
    assert big["stream_small"]["mentions"] == big["whole_small"]["mentions"] > 0
    assert big["stream_small"]["words"] == big["whole_small"]["words"] > 0
    assert big["peak_mb"] > 0
    assert "L2/L1" in proc.stdout  # the table is printed
    md = (tmp_path / "results.md").read_text(encoding="utf-8")  # and written, with anchors
    for anchor in ("networkx Louvain", "bare spaCy", "cold ", "input CSV"):
        assert anchor in md, anchor

    # igraph's partitions beside networkx's Louvain on the same (largest) graph
    side = results["cluster_largest"]
    assert {"leiden", "louvain", "networkx"} <= set(side)
    for algorithm in ("leiden", "louvain"):
        assert isinstance(side[algorithm]["ari_minus_networkx"], float)
        assert positive(side[algorithm]["speedup_over_networkx"])

    # the user's re-run: cold and warm processes beside the start-up floors
    w = results["warm_cold_cli"]
    assert "errors" not in w, w.get("errors")
    assert w["comments"] > 0
    assert positive(w["cold_s"], w["warm_s"], w["warm_speedup"])
    assert positive(w["python_pass_s"], w["import_passionmap_s"], w["cli_version_s"])
    assert results["warm_speedup"] == w["warm_speedup"]
    assert isinstance(w["cold_stages"], dict) and isinstance(w["warm_stages"], dict)
    assert w["same_outputs"] is True, w["differing_outputs"]  # warm gives what cold gave

    # words/s on real posts beside bare spaCy (skipped where the data set is absent)
    n = results["newsgroups_wps"]
    if "skipped" not in n:
        assert n["posts"] > 0 and n["words"] > 0
        assert positive(n["extract_wps"], n["bare_wps"], n["extract_over_bare"])
        assert len(n["extract_over_bare_each"]) == 3  # each side three times, in turn
        assert positive(n["wps_n_process_1"], n["wps_n_process_2"], n["n_process2_speedup"])
        assert isinstance(n["cpus"], int)
        assert "bare spaCy" in proc.stdout

    # the consensus's runs in two processes beside one: the same communities
    c = results["consensus_processes"]
    assert c["same"] is True and positive(c["one_s"], c["two_s"], c["speedup"])

    # the community finder alone on a k-NN weight matrix, beside networkx's Louvain on it
    rows = results["finder"]["rows"]
    assert {"leiden", "louvain", "networkx"} == set(rows)
    assert rows["leiden"]["edges"] == rows["networkx"]["edges"] > 0  # the same matrix
    for algorithm in ("leiden", "louvain"):
        assert isinstance(rows[algorithm]["ari_minus_networkx"], float)
        assert positive(rows[algorithm]["speedup_over_networkx"])
    assert "community finder alone (leiden)" in md

    # the report's size beside its input
    r = results["report_size"]
    assert "errors" not in r, r.get("errors")
    assert positive(r["cold_s"], r["warm_s"], r["html_mb"], r["input_mb"], r["comments"])
    assert 0 <= r["html_images_mb"] < r["html_mb"]
    assert r["tables_mb"] >= 0 and r["tables_files"] > 0
    assert "passionmap report" in proc.stdout


def bench_only(case, tmp_path):
    """``--only case`` into a results.json that holds another figure already; what it wrote."""
    out = tmp_path / "results.json"
    out.write_text(json.dumps({"kept": 1}))
    bench("--only", case, "--out", str(out))
    return json.loads(out.read_text())


@pytest.mark.slow
def test_only_case_merges_into_results(tmp_path):
    results = bench_only("warm_cold_cli", tmp_path)
    assert results["kept"] == 1  # the other cases are left as they were
    assert "(--only warm_cold_cli)" in results["warm_cold_cli"]["measured"]
    assert "| warm re-run" in (tmp_path / "results.md").read_text(encoding="utf-8")
    assert positive(results["warm_speedup"])


@pytest.mark.slow
def test_only_extraction_re_measures_it_beside_bare_spacy(tmp_path):
    results = bench_only("extraction", tmp_path)
    assert results["kept"] == 1
    assert "(--only extraction)" in results["extraction_measured"]
    (row,) = results["extraction"]
    assert positive(row["extract_over_spacy"], row["spacy_wps"], row["extract_wps"])
    assert results["extract_over_spacy"] == row["extract_over_spacy"]
