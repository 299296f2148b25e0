"""Quality measures: clustering agreement and extraction precision / recall."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike


def _comb2(x: np.ndarray | np.integer) -> np.ndarray | np.floating:
    return x * (x - 1) / 2.0


def adjusted_rand(truth: ArrayLike, found: ArrayLike) -> float:
    """Adjusted Rand index of two labelings (1 = identical, ~0 = chance).

    >>> adjusted_rand([0, 0, 1, 1], [5, 5, 7, 7])
    1.0
    >>> round(adjusted_rand([0, 0, 1, 1], [0, 1, 0, 1]), 3)
    -0.5
    """
    table = pd.crosstab(np.asarray(truth), np.asarray(found)).to_numpy()
    n = table.sum()
    index = _comb2(table).sum()
    rows, cols = _comb2(table.sum(axis=1)).sum(), _comb2(table.sum(axis=0)).sum()
    expected = rows * cols / _comb2(n) if n > 1 else 0.0
    top = (rows + cols) / 2.0
    if top == expected:
        return 1.0
    return float((index - expected) / (top - expected))


def normalized_mutual_info(truth: ArrayLike, found: ArrayLike) -> float:
    """Normalised mutual information (arithmetic mean normalisation).

    >>> normalized_mutual_info([0, 0, 1, 1], [1, 1, 0, 0])
    1.0
    """
    table = pd.crosstab(np.asarray(truth), np.asarray(found)).to_numpy().astype(float)
    n = table.sum()
    p = table / n
    pr, pc = p.sum(axis=1), p.sum(axis=0)
    nz = p > 0
    mi = float((p[nz] * np.log(p[nz] / np.outer(pr, pc)[nz])).sum())
    h = [-float((q[q > 0] * np.log(q[q > 0])).sum()) for q in (pr, pc)]
    if sum(h) == 0:
        return 1.0
    return round(max(0.0, 2 * mi / sum(h)), 6) if not math.isclose(sum(h), 0) else 1.0


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
