"""`make bench` keeps working: a quick run writes every key issue 7 names."""

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
    "peak_mb",
    "rerun_speedup",
    "big_input_peak_mb",
]


@pytest.mark.slow
def test_quick_bench_writes_results(tmp_path):
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--model", "blank", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
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
