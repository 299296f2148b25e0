"""Tests for passionmap.io.generation."""

from __future__ import annotations

import doctest

import numpy as np
import pandas as pd
import pytest

from passionmap.io import generation
from passionmap.io.generation import GENERATIONS, generation_of, generations


def test_generation_names_in_order():
    assert GENERATIONS == ["Silent", "Baby Boomers", "Gen X", "Millennials", "Gen Z", "Gen Alpha"]


@pytest.mark.parametrize(
    ("birth_year", "expected"),
    [
        (1900, "Silent"),
        (1945, "Silent"),
        (1946, "Baby Boomers"),
        (1964, "Baby Boomers"),
        (1965, "Gen X"),
        (1980, "Gen X"),
        (1981, "Millennials"),
        (1996, "Millennials"),
        (1997, "Gen Z"),
        (2012, "Gen Z"),
        (2013, "Gen Alpha"),
        (2030, "Gen Alpha"),
    ],
)
def test_generation_boundaries(birth_year, expected):
    assert generation_of(birth_year) == expected


def test_generation_of_missing_and_fractional():
    assert generation_of(None) is None
    assert generation_of(float("nan")) is None
    assert generation_of(pd.NA) is None
    assert generation_of(1945.7) == "Silent"  # rounded down
    assert generation_of(np.int64(1990)) == "Millennials"


def test_generations_vectorised_with_constant_year():
    age = pd.Series([80, 79, 61, 60, 45, 44, 29, 28, 13, 12, np.nan], index=list("abcdefghijk"))
    out = generations(age, 2025)
    assert out.dtype == object
    assert list(out.index) == list("abcdefghijk")
    assert out.tolist() == [
        "Silent",  # 1945
        "Baby Boomers",  # 1946
        "Baby Boomers",  # 1964
        "Gen X",  # 1965
        "Gen X",  # 1980
        "Millennials",  # 1981
        "Millennials",  # 1996
        "Gen Z",  # 1997
        "Gen Z",  # 2012
        "Gen Alpha",  # 2013
        None,
    ]


def test_generations_with_year_series_and_missing_year():
    age = pd.Series([20.0, 20.0, 20.0])
    year = pd.Series([2016, 2017, np.nan])
    assert generations(age, year).tolist() == ["Millennials", "Gen Z", None]


def test_generations_agrees_with_scalar():
    ages = pd.Series(np.arange(0.5, 110, 0.75))
    vector = generations(ages, 2024).tolist()
    scalar = [generation_of(2024 - a) for a in ages]
    assert vector == scalar


def test_generations_length_mismatch():
    with pytest.raises(ValueError):
        generations(pd.Series([1, 2]), pd.Series([2020]))


def test_doctests():
    result = doctest.testmod(generation)
    assert result.failed == 0 and result.attempted > 0
