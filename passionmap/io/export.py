"""Writing outputs: CSV with formula neutralisation, Parquet, GEXF, all atomically."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TypeVar

import networkx as nx
import numpy as np
import pandas as pd

from ..phrases import SEP
from .files import atomic_dir, check_output_dir  # noqa: F401 (exported here too)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# characters XML 1.0 cannot hold (and DEL): C0 controls, lone surrogates, U+FFFE/U+FFFF
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

_T = TypeVar("_T")


def neutralise(value: _T) -> _T | str:
    """Make a cell safe for spreadsheets (OWASP CSV injection advice).

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("sourdough")
    ('\\'=HYPERLINK("http://x")', 'sourdough')
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def joined(value: _T) -> _T | str:
    """A list cell as CSV holds it: items joined with :data:`~passionmap.phrases.SEP`.

    Tables keep lists (``top_interests``, ``channels``, ...) as Python lists
    in memory; only a CSV file joins them.

    >>> joined(["sourdough", "baking"]), joined([]), joined("yoga"), joined(3)
    ('sourdough; baking', '', 'yoga', 3)
    """
    if isinstance(value, list | tuple | np.ndarray):
        return SEP.join(str(v) for v in value)
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``df`` with list cells joined (:func:`joined`) and every text cell neutralised."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: neutralise(joined(v)))
        elif _whole(out[col]):  # whole numbers pandas made floats: "37", not "37.0"
            out[col] = out[col].astype("Int64")
    return out


def _whole(values: pd.Series) -> bool:
    """A float column of whole numbers: counts or ages pandas made floats (a gap in them, as
    last week's members of a new community or an unknown age, or a sum of counts). A CSV
    holds no type: "37" reads as the 37.0 it was, and reads as the count it is.

    >>> _whole(pd.Series([37.0, None])), _whole(pd.Series([0.25, None])), _whole(pd.Series([]))
    (True, False, False)
    """
    known = values.dropna()
    if not pd.api.types.is_float_dtype(values) or not len(known):
        return False
    return bool(np.isfinite(known).all() and (known == known.round()).all())


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """``df`` as CSV: lists joined with ``"; "``, formulas neutralised, CRLF lines (RFC 4180)."""
    safe_frame(df).to_csv(path, index=False, encoding="utf-8", lineterminator="\r\n")


def write_gexf(graph: nx.Graph, path: Path) -> None:
    """GEXF for Gephi; user text stripped of characters XML cannot hold."""
    g = nx.Graph(**graph.graph)  # mode="dynamic" and timeformat: Gephi's timeline
    for n, data in graph.nodes(data=True):
        clean = {k: _xml_safe(v) for k, v in data.items() if v is not None}
        g.add_node(_xml_safe(n), **clean)
    for u, v, data in graph.edges(data=True):
        g.add_edge(_xml_safe(u), _xml_safe(v), **data)
    nx.write_gexf(g, path)


def _xml_safe(value: _T) -> _T | str:
    return CONTROL.sub("", value) if isinstance(value, str) else value


def write_json(data: dict, path: Path) -> None:
    path.write_text(json.dumps(data, indent=2, sort_keys=True, default=str) + "\n", "utf-8")
