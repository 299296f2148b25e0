"""``--algorithm leiden``: same interface and quality as the default Louvain."""

from __future__ import annotations

import pandas as pd
import pytest

from passionmap import Config, build_graph, extract, find_communities
from passionmap.metrics import adjusted_rand
from passionmap.pipeline import complete
from passionmap.sample import make_sample

pytest.importorskip("leidenalg")


def test_leiden_finds_the_planted_communities_as_well_as_louvain(nlp_blank):
    s = make_sample(customers=300, seed=0)
    comments = complete(s.comments)
    cfg = Config(model="blank", progress=False)
    graph = build_graph(comments, extract(comments, cfg, nlp_blank), cfg)
    truth = s.truth.set_index("customer_id")["community"]
    ari = {}
    for algorithm in ("louvain", "leiden"):
        found = find_communities(graph, cfg.replace(algorithm=algorithm))
        ari[algorithm] = adjusted_rand(truth.reindex(found.index), found)
    assert ari["leiden"] >= ari["louvain"] - 0.05
    assert ari["leiden"] > 0.8


def test_leiden_is_seeded_and_numbers_clusters_by_size(nlp_blank):
    comments = complete(make_sample(customers=150, seed=1).comments)
    cfg = Config(model="blank", progress=False, algorithm="leiden")
    graph = build_graph(comments, extract(comments, cfg, nlp_blank), cfg)
    first = find_communities(graph, cfg)
    pd.testing.assert_series_equal(first, find_communities(graph, cfg))
    sizes = first[first >= 0].value_counts().sort_index()
    assert sizes.is_monotonic_decreasing
    assert 0 < first.attrs["modularity"] <= 1
