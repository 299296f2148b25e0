"""Generations from age: birth year = year of the comment (or of the run) - age.

Birth-year ranges follow the SPEC ("Vocabularies"): Silent (<=1945), Baby Boomers
(1946-64), Gen X (1965-80), Millennials (1981-96), Gen Z (1997-2012) and Gen Alpha
(>=2013), as :mod:`passionmap.vocab` defines them. A fractional birth year (from a
fractional age) is rounded down.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..vocab import GENERATIONS, LAST_BIRTH_YEAR  # the one vocabulary module (names kept here)

__all__ = ["GENERATIONS", "generation_of", "generations"]


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def generation_of(birth_year: float | None) -> str | None:
    """Name the generation of one birth year.

    Parameters
    ----------
    birth_year : int, float or None
        Year of birth. A fractional year is rounded down; ``None`` or NaN gives
        ``None``.

    Returns
    -------
    str or None
        One of :data:`GENERATIONS`, or ``None`` when the birth year is missing.

    Examples
    --------
    >>> from passionmap.io.generation import generation_of
    >>> generation_of(1945), generation_of(1946), generation_of(1990)
    ('Silent', 'Baby Boomers', 'Millennials')
    >>> generation_of(2013), generation_of(None)
    ('Gen Alpha', None)
    """
    if _is_missing(birth_year):
        return None
    year = math.floor(float(birth_year))
    return GENERATIONS[int(np.searchsorted(LAST_BIRTH_YEAR, year, side="left"))]


def generations(age: pd.Series, year: pd.Series | int) -> pd.Series:
    """Name the generation of each age, vectorised.

    Parameters
    ----------
    age : pandas.Series
        Ages in years (numeric or numeric strings); missing or non-numeric values
        give ``None``.
    year : pandas.Series or int
        Year each age refers to (the comment's year), aligned with ``age`` by
        position, or one year for all (the year of the run). A missing year gives
        ``None``.

    Returns
    -------
    pandas.Series
        Object dtype, same index as ``age``: a name from :data:`GENERATIONS` or
        ``None``.

    Examples
    --------
    >>> import pandas as pd
    >>> from passionmap.io.generation import generations
    >>> generations(pd.Series([80, 45, 30, None]), 2025).tolist()
    ['Silent', 'Gen X', 'Millennials', None]
    >>> generations(pd.Series([20, 20]), pd.Series([2016, 2017])).tolist()
    ['Millennials', 'Gen Z']
    """
    ages = pd.to_numeric(pd.Series(age), errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    if isinstance(year, pd.Series):
        years = pd.to_numeric(year, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
        if len(years) != len(ages):
            raise ValueError(f"age and year differ in length ({len(ages)} vs {len(years)})")
    else:
        years = np.full(len(ages), np.nan if _is_missing(year) else float(year))
    birth = np.floor(years - ages)
    known = ~np.isnan(birth)
    out = np.full(len(ages), None, dtype=object)
    if known.any():
        idx = np.searchsorted(LAST_BIRTH_YEAR, birth[known], side="left")
        out[known] = np.asarray(GENERATIONS, dtype=object)[idx]
    index = age.index if isinstance(age, pd.Series) else None
    return pd.Series(out, index=index, dtype=object, name="generation")
