"""Communities in igraph's C code: Leiden (default) and Louvain, seeded, numbered by size."""

from __future__ import annotations

import pandas as pd

from passionmap import Config, analyze, extract
from passionmap.analysis.communities import customer_features, detect, find_communities
from passionmap.analysis.metrics import adjusted_rand
from passionmap.datasets.sample import make_sample
from passionmap.nlp.extraction import split_words
from passionmap.pipeline import complete


def _features(nlp, customers=300, seed=0):
    s = make_sample(customers=customers, seed=seed)
    comments = complete(s.comments)
    cfg = Config(model="blank", progress=False)
    mentions, words = split_words(extract(comments, cfg, nlp))
    return s, comments, customer_features(mentions, words, cfg)


def test_leiden_and_louvain_find_the_sample_communities(nlp_blank):
    s, comments, features = _features(nlp_blank)
    truth = s.truth.set_index("customer_id")["community"]
    ari = {}
    for algorithm in ("leiden", "louvain"):
        found = find_communities(comments["customer_id"], Config(algorithm=algorithm), features)
        ari[algorithm] = adjusted_rand(truth.reindex(found.index), found)
    # measured on this sample with the blank model: leiden 0.67, louvain about the same
    assert ari["leiden"] >= 0.6, ari
    assert abs(ari["leiden"] - ari["louvain"]) <= 0.15, ari


def test_same_seed_same_partition_numbered_by_size(nlp_blank):
    _, comments, features = _features(nlp_blank, customers=150, seed=1)
    cfg = Config(seed=7)
    first = find_communities(comments["customer_id"], cfg, features)
    pd.testing.assert_series_equal(first, find_communities(comments["customer_id"], cfg, features))
    sizes = first[first >= 0].value_counts().sort_index()
    assert sizes.is_monotonic_decreasing
    found = detect(comments["customer_id"], cfg, features)
    pd.testing.assert_series_equal(found.labels, first)
    assert 0 < found.modularity <= 1 and found.resolution == 1.0


def test_an_unknown_algorithm_is_a_clear_error(nlp_blank):
    import pytest

    from passionmap.errors import PassionmapError

    _, comments, features = _features(nlp_blank, customers=60)
    with pytest.raises(PassionmapError, match="algorithm must be one of leiden, louvain"):
        Config(algorithm="magic")  # refused where it is set, before any text is read
    with pytest.raises(PassionmapError, match="unknown community algorithm"):
        object.__setattr__(bad := Config(), "algorithm", "magic")  # past the Config check
        find_communities(comments["customer_id"], bad, features)


def test_analyze_reports_the_resolution_it_used(nlp_blank):
    comments = complete(make_sample(customers=120, seed=2).comments)
    result = analyze(comments, Config(model="blank", progress=False, resolution=2.0), nlp_blank)
    assert result.summary["resolution"] == 2.0
    assert {"interest", "domain", "rare"} & set(result.terms["reason"])
