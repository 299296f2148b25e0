"""Quality measures: clustering agreement and extraction precision / recall."""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike


def adjusted_rand(truth: ArrayLike, found: ArrayLike) -> float:
    """Adjusted Rand index of two labelings (1 = identical, ~0 = chance): scikit-learn's.

    >>> adjusted_rand([0, 0, 1, 1], [5, 5, 7, 7])
    1.0
    >>> round(adjusted_rand([0, 0, 1, 1], [0, 1, 0, 1]), 3)
    -0.5
    """
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(np.asarray(truth), np.asarray(found)))


def normalized_mutual_info(truth: ArrayLike, found: ArrayLike) -> float:
    """Normalised mutual information (arithmetic mean normalisation): scikit-learn's.

    >>> normalized_mutual_info([0, 0, 1, 1], [1, 1, 0, 0])
    1.0
    """
    from sklearn.metrics import normalized_mutual_info_score

    return float(normalized_mutual_info_score(np.asarray(truth), np.asarray(found)))


def precision_recall(gold: pd.DataFrame, found: pd.DataFrame, keys: list[str]) -> dict:
    """Precision, recall and F1 of ``found`` rows against ``gold`` rows on ``keys``.

    >>> g = pd.DataFrame({"id": [1, 1, 2], "term": ["a", "b", "c"]})
    >>> f = pd.DataFrame({"id": [1, 2, 2], "term": ["a", "c", "x"]})
    >>> precision_recall(g, f, ["id", "term"])
    {'precision': 0.667, 'recall': 0.667, 'f1': 0.667, 'gold': 3, 'found': 3}
    """
    g = set(map(tuple, gold[keys].astype(str).drop_duplicates().to_numpy()))
    f = set(map(tuple, found[keys].astype(str).drop_duplicates().to_numpy()))
    hit = len(g & f)
    p = hit / len(f) if f else 1.0
    r = hit / len(g) if g else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f1, 3),
        "gold": len(g),
        "found": len(f),
    }
