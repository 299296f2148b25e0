"""Content words counted per customer and word: what a streamed run keeps of them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from passionmap.analysis.words import WordTally, word_counts


def uses(customers: list[str], n: int, seed: int) -> pd.DataFrame:
    """``n`` word uses, one row each, by the given customers."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "customer_id": pd.Series(rng.choice(customers, n), dtype="str"),
            "comment_id": pd.Series(np.arange(n).astype(str), dtype="str"),
            "term": pd.Series(rng.choice([f"w{i}" for i in range(40)], n), dtype=object),
        }
    )


def as_dict(counts: pd.DataFrame) -> dict:
    return {(c, t): n for c, t, n in counts.astype({"customer_id": str, "term": str}).values}


@pytest.mark.parametrize("returning", [False, True])
def test_tally_counts_what_the_whole_file_counts(returning):
    """Customers in one chunk each (a sorted export) or back in every chunk: the same counts,
    one row per distinct pair."""
    chunks = [
        uses([f"c{i}" for i in range(5)] if returning else [f"c{k}-{i}" for i in range(5)], 300, k)
        for k in range(8)
    ]
    tally = WordTally()
    for chunk in chunks:
        tally.add(chunk)
    got = tally.counts()
    whole = pd.concat(chunks, ignore_index=True)
    want = whole.groupby(["customer_id", "term"]).size()
    assert tally.returning is returning
    assert len(got) == len(want) < len(whole)
    assert as_dict(got) == want.to_dict()
    assert as_dict(word_counts(*chunks)) == want.to_dict()
    assert got["n"].dtype == np.int64


def test_tally_of_returning_customers_stays_near_the_distinct_pairs():
    """The same 10 customers in 60 chunks: the counts kept never pile up chunk after chunk."""
    tally = WordTally()
    most = 0
    for k in range(60):
        tally.add(uses([f"c{i}" for i in range(10)], 200, k))
        most = max(most, sum(map(len, tally.parts)))
    distinct = len(tally.counts())
    assert most <= 3 * distinct < 60 * 200


def test_word_counts_skips_missing_ids_and_terms_like_a_groupby():
    w = pd.DataFrame({"customer_id": ["a", None, "b", "a"], "term": ["x", "x", None, "x"]})
    assert as_dict(word_counts(w)) == {("a", "x"): 2}
    empty = word_counts(w.iloc[:0])
    assert list(empty.columns) == ["customer_id", "term", "n"] and len(empty) == 0
