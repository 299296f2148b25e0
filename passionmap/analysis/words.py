"""Content words kept as counts: what comparing customers needs of them, in little memory.

Every comment has a few dozen content words (:func:`passionmap.nlp.doc_words.content_words`);
:func:`passionmap.analysis.communities.customer_features` only sums them per customer
and word. A file of millions of comments keeps them counted, not one row per use:
:func:`passionmap.pipeline.stream` counts each chunk's words as it reads it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals


def categorical(values: pd.Series) -> pd.Categorical:
    """``values`` as a categorical of ``str`` categories (one dtype, whatever the input's).

    Equal values share one code and one string: a column of millions of rows
    holds its distinct strings once.

    >>> categorical(pd.Series(["b", "a", "b"], dtype=object)).codes.tolist()
    [1, 0, 1]
    """
    cat = values.array if isinstance(values.dtype, pd.CategoricalDtype) else pd.Categorical(values)
    if cat.categories.dtype == "str":
        return cat
    names = cat.categories.astype("str")
    if not names.is_unique:  # 1 and "1" both: one value once written out, as in a CSV
        return pd.Categorical(values.astype("str"))
    return pd.Categorical.from_codes(cat.codes, names)


def word_counts(*words: pd.DataFrame) -> pd.DataFrame:
    """Content words as counts: one row per customer and word, with how often it is used.

    Parameters
    ----------
    *words : DataFrame
        Content words, one row per use (customer_id, comment_id, term: what
        :func:`passionmap.nlp.extraction.split_words` returns), or counts of
        them (customer_id, term, n: what this function returns), in any mix:
        the chunks of a file, each counted as it was read, are joined here.

    Returns
    -------
    DataFrame
        ``customer_id`` and ``term`` (categoricals: each distinct string held
        once) and ``n`` (int64), one row per distinct (customer_id, term); a
        row with a missing customer or term is left out, as a groupby would.
        This is the form :func:`passionmap.pipeline.stream` returns: its memory
        grows with the distinct pairs (14 to 16 bytes each), not with the uses.

    Examples
    --------
    >>> w = pd.DataFrame({"customer_id": list("aab"), "comment_id": list("123"),
    ...                   "term": ["yoga", "yoga", "yoga"]})
    >>> c = word_counts(w, w)
    >>> c.astype({"customer_id": str, "term": str}).values.tolist()
    [['a', 'yoga', 4], ['b', 'yoga', 2]]
    """
    parts = [w for w in words if len(w)] or list(words[:1])
    if not parts:
        raise ValueError("word_counts needs at least one frame")
    customer = union_categoricals([categorical(w["customer_id"]) for w in parts])
    term = union_categoricals([categorical(w["term"]) for w in parts])
    uses = np.concatenate(
        [w["n"].to_numpy(np.int64) if "n" in w else np.ones(len(w), np.int64) for w in parts]
    )
    # one int64 per (customer, term), sorted: equal pairs side by side, summed in one pass
    # (half the memory and a sixth of the time of a pandas groupby on the two categoricals)
    width = max(len(term.categories), 1)
    key = customer.codes.astype(np.int64) * width + term.codes
    key[(customer.codes < 0) | (term.codes < 0)] = -1  # a missing id or term: no pair
    order = np.argsort(key)
    key, uses = key[order], uses[order]
    del order
    first = np.ones(len(key), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    first = np.flatnonzero(first & (key >= 0))
    n = np.add.reduceat(uses, first) if len(first) else np.zeros(0, np.int64)
    pair = key[first]
    del key, uses
    return pd.DataFrame(
        {
            "customer_id": _used(pair // width, customer.categories),
            "term": _used(pair % width, term.categories),
            "n": n.astype(np.int64),
        }
    )


def _used(codes: np.ndarray, categories: pd.Index) -> pd.Categorical:
    """A categorical of ``codes`` (none missing) keeping only the categories they use.

    Counting beats ``remove_unused_categories``, which sorts every code.
    """
    used = np.bincount(codes, minlength=len(categories)) > 0
    if used.all():
        return pd.Categorical.from_codes(codes, categories)
    return pd.Categorical.from_codes((np.cumsum(used) - 1)[codes], categories[used])


class WordTally:
    """Content words counted chunk by chunk, as :func:`passionmap.pipeline.stream` reads a file.

    Each chunk is counted (:func:`word_counts`) as it comes. While no customer
    has come back in a later chunk, the chunks' pairs are all distinct and are
    only joined at the end; once one has, the counts are merged whenever the
    chunks since the last merge outgrow the total, so memory stays within
    about twice the distinct pairs.

    Examples
    --------
    >>> tally = WordTally()
    >>> for chunk in ([("ann", "yoga")], [("bob", "tea")], [("ann", "yoga"), ("ann", "tea")]):
    ...     tally.add(pd.DataFrame(chunk, columns=["customer_id", "term"]))
    >>> tally.returning, tally.counts().astype(str).values.tolist()
    (True, [['ann', 'yoga', '2'], ['ann', 'tea', '1'], ['bob', 'tea', '1']])
    """

    def __init__(self) -> None:
        self.parts: list[pd.DataFrame] = []
        self.returning = False  # some customer's words are in more than one chunk
        self._seen: pd.Index | None = None  # the customers so far, while none came back

    def add(self, words: pd.DataFrame) -> None:
        """Count one chunk's words (one row per use, or counts)."""
        counted = word_counts(words)
        if not self.returning:
            customers = counted["customer_id"].cat.categories
            if self._seen is not None and customers.isin(self._seen).any():
                self.returning, self._seen = True, None
            else:
                self._seen = customers if self._seen is None else self._seen.append(customers)
        self.parts.append(counted)
        if self.returning and sum(map(len, self.parts)) > 2 * len(self.parts[0]):
            self.parts = [word_counts(*self.parts)]

    def counts(self) -> pd.DataFrame:
        """The counts of every chunk added: what :func:`word_counts` of all of them returns."""
        if self.returning or len(self.parts) < 2:
            return word_counts(*self.parts)
        # every customer in one chunk only: the pairs are distinct, joined without a sort
        parts = [p for p in self.parts if len(p)] or self.parts[:1]
        return pd.DataFrame(
            {
                "customer_id": union_categoricals([p["customer_id"].array for p in parts]),
                "term": union_categoricals([p["term"].array for p in parts]),
                "n": np.concatenate([p["n"].to_numpy(np.int64) for p in parts]),
            }
        )
