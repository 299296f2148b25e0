"""Cell values as read from a file, coerced: strings, clean text, ages.

A reader hands over whatever the format holds (str from CSV, numbers, lists
and dicts from JSON Lines, NumPy scalars from Parquet); these turn them into
what the comments table keeps.

Examples
--------
>>> to_str(12.0), to_str(True), to_str([1, "a"]), to_str(float("nan"))
('12', 'true', '[1, "a"]', None)
>>> clean_text(strings(["  Fish &amp; chips\\r\\n", None])).tolist()
['Fish & chips', '']
>>> ages, bad = parse_ages(["34", " ", "abc", "130"])
>>> ages.tolist()[:1], bad
([34.0], 2)
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

__all__ = ["clean_text", "parse_ages", "stripped", "strings", "to_str"]

# lone UTF-16 surrogates (JSON `\ud83d` without its pair) cannot be written as UTF-8
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def to_str(value: object) -> str | None:
    """A cell as a string (ints stay ints: 12, not 12.0); None when missing."""
    if value is None:
        return None
    if isinstance(value, str):
        return _SURROGATE_RE.sub("\ufffd", value) if _SURROGATE_RE.search(value) else value
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, np.ndarray):
        return json.dumps(value.tolist(), ensure_ascii=False, default=str)
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, np.generic):
        return str(value.item())
    return str(value)


def strings(values: Iterable[object]) -> pd.Series:
    """Values as an object Series of str or None."""
    if isinstance(values, pd.Series):
        values = values.tolist()
    return pd.Series([to_str(v) for v in values], dtype=object)


def clean_text(series: pd.Series) -> pd.Series:
    """Comment texts: HTML entities unescaped, newlines as ``\\n``, stripped ("" when missing)."""

    def clean(value: str | None) -> str:
        if value is None:
            return ""
        if "&" in value:
            value = html.unescape(value)
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return value.strip()

    return series.map(clean).astype(object)


def stripped(values: Iterable[object]) -> pd.Series:
    """Values as an object Series of stripped, non-empty str or None."""
    return strings(values).map(lambda v: (v.strip() or None) if v is not None else None)


def parse_ages(values: Iterable[object]) -> tuple[pd.Series, int]:
    """Ages as float64 (NaN unless 0 < age < 120), and the number of bad values given."""
    if isinstance(values, pd.Series) and pd.api.types.is_numeric_dtype(values.dtype):
        raw = values.reset_index(drop=True)
        present = raw.notna()
        ages = pd.to_numeric(raw, errors="coerce").astype("float64")
    else:
        text = stripped(values)
        present = text.notna()
        ages = pd.to_numeric(text, errors="coerce").astype("float64")
    ok = (ages > 0) & (ages < 120)
    ages = ages.where(ok)
    bad = int((present.to_numpy() & ages.isna().to_numpy()).sum())
    return ages.reset_index(drop=True), bad
