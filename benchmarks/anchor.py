"""The anchor: a textbook community baseline to put beside every passionmap figure.

Per-customer TF-IDF of the raw text (scikit-learn, English stop words,
sublinear tf), a cosine 15-nearest-neighbour graph, and networkx Louvain at
resolution 1. No spaCy, no passionmap code.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from sklearn.neighbors import NearestNeighbors


def anchor_communities(comments: pd.DataFrame, k: int = 15, seed: int = 42) -> pd.Series:
    """Community per customer from the raw ``text`` of ``comments`` (customer_id, text).

    >>> c = pd.DataFrame({"customer_id": list("abcdef"),
    ...     "text": ["sourdough rye bread"] * 3 + ["chess opening gambit"] * 3})
    >>> anchor_communities(c, k=2).tolist()
    [0, 0, 0, 1, 1, 1]
    """
    texts = comments.groupby(comments["customer_id"].astype(str))["text"].agg(
        lambda s: "\n".join(s.astype(str))
    )
    x = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=2).fit_transform(texts)
    n = x.shape[0]
    nn = NearestNeighbors(n_neighbors=min(k + 1, n), metric="cosine").fit(x)
    dist, idx = nn.kneighbors(x)
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for i in range(n):
        for d, j in zip(dist[i], idx[i], strict=True):
            if j != i and 1 - d > 0:
                g.add_edge(i, int(j), weight=float(1 - d))
    parts = nx.community.louvain_communities(g, weight="weight", resolution=1, seed=seed)
    labels = np.empty(n, dtype=int)
    for c, members in enumerate(sorted(parts, key=lambda p: (-len(p), min(p)))):
        labels[list(members)] = c
    return pd.Series(labels, index=texts.index, name="cluster")


def agreement(truth: pd.Series, found: pd.Series, min_size: int = 3) -> dict:
    """ARI, NMI and the share clustered of ``found`` against ``truth`` (same index).

    Customers missing from ``found``, or in a group smaller than ``min_size``,
    count as unclustered (one label, -1), as passionmap reports them.
    """
    found = found.reindex(truth.index).fillna(-1).astype(int)
    sizes = found.map(found.value_counts())
    found = found.where(sizes >= min_size, -1)
    return {
        "ari": round(float(adjusted_rand_score(truth, found)), 3),
        "nmi": round(float(normalized_mutual_info_score(truth, found)), 3),
        "clustered": round(float((found >= 0).mean()), 3),
    }
