"""Generation when the age is unknown: rule-based cues in what customers write.

Customers often say how old they are without an age column: "my grandkids",
"retired last spring", "our toddler", "my college roommate", "since the 80s",
or outright "I'm 34". Each cue of ``patterns/age_cues.jsonl`` is a regular
expression with what it implies: an age range (life stages), an age read from
the text (``I'm 34``, ``my 50th birthday``, ``my 8 year old son`` with an
offset), a birth decade (``90s kid``) or year (``class of '98``), or a named
generation (``as a millennial``). Every cue becomes a birth-year range (using
the year of the comment, else the year of the run, as the age column does)
and a weight (how reliable the cue is).

Per customer, the cues vote: a generation's score is the sum over cues of
weight x the share of the cue's birth years falling in that generation.
Precise cues (a stated age or birth year, at most a two-year range) outvote
life stages: when a customer has any, only those count. The confidence of
the best generation is its share of the votes times the combined strength of
the evidence, ``1 - prod(1 - weight)``. A generation is given only when the
confidence reaches ``min_confidence``; no cue, or cues that disagree, leave
the customer unknown. Nothing is ever guessed without evidence.

The rules and the search live in :mod:`passionmap.nlp.age_rules`. In a run the
cues are found by the spaCy pipeline, with the mentions (the component of
:mod:`passionmap.nlp.age_component`; cached per text like them) and dated here
(:func:`cue_table`); :func:`find_cues` reads a DataFrame's text for them.

Examples
--------
>>> import pandas as pd
>>> from passionmap.nlp.age_cues import infer_generations
>>> c = pd.DataFrame({"customer_id": ["a", "b", "c"],
...     "text": ["Retired last spring, finally time for the garden",
...              "Our toddler woke us at 5 again", "Lovely dress, true to size"],
...     "timestamp": pd.to_datetime(["2026-05-01"] * 3)})
>>> infer_generations(c)[["customer_id", "generation", "confidence"]].values.tolist()
[['a', 'Baby Boomers', 0.769], ['b', 'Millennials', 0.542], ['c', None, 0.0]]
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone

import numpy as np
import pandas as pd

from ..io.columns import require_columns
from ..io.generation import GENERATIONS, generations
from .age_rules import KINDS, PATTERNS, Cue, decode_groups, load_cues, match_cues  # noqa: F401

#: Least confidence for an inferred generation; below it the customer stays unknown.
MIN_CONFIDENCE = 0.5
#: Plausible ages; a number outside is not read as an age.
AGE_RANGE = (13, 100)
#: A cue spanning at most this many birth years is precise (a stated age or year).
PRECISE_YEARS = 2
SOURCES = ("stated", "inferred", "unknown")

_FIRST_BORN = [1000, 1946, 1965, 1981, 1997, 2013]  # first birth year of each generation
_LAST_BORN = [1945, 1964, 1980, 1996, 2012, 9999]  # (the oldest and youngest are open)
_SPAN = {0: (1928, 1945), 5: (2013, 2025)}  # a named generation's usual birth years
_WORDS = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
    "seventies": 70, "eighties": 80, "nineties": 90,
}  # fmt: skip
_PART = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}
_GEN_NAMES = {
    "millennial": "Millennials", "boomer": "Baby Boomers", "baby boomer": "Baby Boomers",
    "genx": "Gen X", "genxer": "Gen X", "genz": "Gen Z", "genzer": "Gen Z", "zoomer": "Gen Z",
}  # fmt: skip
CUE_COLUMNS = ["comment_id", "customer_id", "cue", "evidence", "born_lo", "born_hi", "weight"]
INFER_COLUMNS = ["customer_id", "generation", "confidence", "cues", "evidence"]


def _number(groups: Mapping[str, str | None], prefix: str) -> str | None:
    return next((v for k, v in groups.items() if k.startswith(prefix) and v), None)


def _decade(text: str) -> int:
    text = text.lower().rstrip("s").rstrip("'")
    return _WORDS.get(text + "s", None) or int(text[-2:])


def _century(two_digits: int, year: int) -> int:
    return 2000 + two_digits if two_digits <= year % 100 else 1900 + two_digits


def birth_range(cue: Cue, match: re.Match | Mapping[str, str], year: int) -> tuple[int, int] | None:
    """Birth years a match of ``cue`` implies in a comment of ``year``; None if implausible.

    ``match`` is a regular-expression match of the cue, or its named groups
    (the ``groups`` of a :class:`passionmap.nlp.age_rules.CueMatch`).

    Examples
    --------
    >>> cue = next(c for c in load_cues() if c.id == "stated_age")
    >>> birth_range(cue, cue.regex.search("I'm 34 years old"), 2026)
    (1992, 1992)
    >>> cue = next(c for c in load_cues() if c.id == "age_decade")
    >>> birth_range(cue, cue.regex.search("i am in my late 60's"), 2026)
    (1957, 1960)
    >>> birth_range(cue, {"part": "late", "n": "60"}, 2026)
    (1957, 1960)
    """
    g = match.groupdict() if isinstance(match, re.Match) else match
    if cue.kind == "age":
        return year - cue.hi, year - cue.lo
    if cue.kind == "age_number":
        n = int(_number(g, "n"))
        lo, hi = n + cue.lo, n + cue.hi
        if cue.lo == cue.hi == 0 or cue.lo < 0:  # the number is the writer's own age
            if not AGE_RANGE[0] <= n <= AGE_RANGE[1]:
                return None
        return year - hi, year - lo
    if cue.kind == "age_decade":
        d = _decade(_number(g, "n"))
        lo, hi = _PART.get((g.get("part") or "").lower(), (cue.lo, cue.hi))
        return year - (d + hi), year - (d + lo)
    if cue.kind == "birth_year":
        text = _number(g, "y")
        y = _century(int(text[1:]), year) if text.startswith("'") else int(text)
        if not year - AGE_RANGE[1] <= y + cue.hi and y + cue.lo <= year - AGE_RANGE[0]:
            return None
        return y + cue.lo, y + cue.hi
    if cue.kind == "birth_decade":
        d = _decade(_number(g, "n"))
        start = 1900 + d if d >= 30 else _century(d, year)
        return start + cue.lo, start + cue.hi
    name = re.sub(r"[^a-z ]", "", g["g"].lower()).replace("gen ", "gen").strip()
    gen = GENERATIONS.index(_GEN_NAMES[name])
    return _SPAN.get(gen, (_FIRST_BORN[gen], _LAST_BORN[gen]))


def _years(comments: pd.DataFrame) -> np.ndarray:
    """Year of each comment: its timestamp's, else this year's (as for stated ages)."""
    this_year = datetime.now(timezone.utc).year
    if "timestamp" not in comments:
        return np.full(len(comments), this_year)
    ts = pd.to_datetime(comments["timestamp"], errors="coerce")
    return ts.dt.year.fillna(this_year).astype(int).to_numpy()


def find_cues(comments: pd.DataFrame, cues: tuple[Cue, ...] | None = None) -> pd.DataFrame:
    """Every age cue in every comment.

    Reads the text (:func:`passionmap.nlp.age_rules.match_cues`, each distinct
    text once). A run needs not: extraction finds the cues with the mentions
    (the ``passionmap_age_cues`` component) and :func:`cue_table` dates them.

    Parameters
    ----------
    comments : DataFrame
        ``customer_id`` and ``text``; ``comment_id`` and ``timestamp`` when present.
    cues : tuple of Cue, optional
        Default: :func:`passionmap.nlp.age_rules.load_cues`.

    Returns
    -------
    DataFrame
        comment_id, customer_id, cue (rule id), evidence (the matched words),
        born_lo, born_hi (birth-year range), weight.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"customer_id": ["a"], "text": ["Just turned 40, grew up in the 80s"],
    ...                   "timestamp": pd.to_datetime(["2026-01-05"])})
    >>> find_cues(c)[["cue", "evidence", "born_lo", "born_hi"]].values.tolist()
    [['turned', 'Just turned 40', 1986, 1987], ['grew_up_in', 'grew up in the 80s', 1967, 1980]]
    """
    cues = load_cues() if cues is None else cues
    ids = comments["comment_id"] if "comment_id" in comments else pd.Series(comments.index)
    texts = comments["text"].fillna("").astype(str)
    codes, uniques = pd.factorize(texts, use_na_sentinel=False)
    matches = {}  # each distinct text is searched once
    for code, text in enumerate(uniques):
        found = match_cues(str(text), cues)
        if found:
            matches[code] = found
    rows = []
    if matches:
        todo = np.flatnonzero(np.isin(codes, list(matches)))
        ids, customers = ids.astype(str).to_numpy(), comments["customer_id"].astype(str).to_numpy()
        years = _years(comments)
        rows = [
            (ids[i], customers[i], m.cue, m.text, m.groups, int(years[i]))
            for i in todo
            for m in matches[codes[i]]
        ]
    return _dated(rows, cues)


def cue_table(
    found: pd.DataFrame, comments: pd.DataFrame, cues: tuple[Cue, ...] | None = None
) -> pd.DataFrame:
    """The age-cue rows of extraction, dated: the table :func:`find_cues` returns.

    Parameters
    ----------
    found : DataFrame
        The rows of kind ``age_cue`` of :func:`passionmap.nlp.extraction.extract`
        (:func:`passionmap.nlp.extraction.split_cues`): comment_id, customer_id,
        term (the rule id), label (the matched words), category (the rule's groups).
    comments : DataFrame
        The comments they were found in: ``comment_id`` and, when present,
        ``timestamp`` (a cue is read in the year of its comment).

    Examples
    --------
    >>> import pandas as pd
    >>> from passionmap import Config, extract
    >>> from passionmap.nlp.extraction import split_cues
    >>> c = pd.DataFrame({"comment_id": ["1"], "customer_id": ["a"],
    ...     "text": ["Just turned 40, grew up in the 80s"],
    ...     "timestamp": pd.to_datetime(["2026-01-05"])})
    >>> _, found = split_cues(extract(c, Config(model="blank", progress=False)))
    >>> cue_table(found, c).equals(find_cues(c))
    True
    """
    cues = load_cues() if cues is None else cues
    if found.empty:
        return _dated([], cues)
    year = pd.Series(_years(comments), index=comments["comment_id"].astype(str).to_numpy())
    year = year[~year.index.duplicated()].reindex(found["comment_id"].astype(str))
    rows = zip(
        found["comment_id"].astype(str),
        found["customer_id"].astype(str),
        found["term"],
        found["label"],
        found["category"].fillna("").map(decode_groups),
        year.fillna(datetime.now(timezone.utc).year).astype(int),
        strict=True,
    )
    return _dated(rows, cues)


def _dated(rows: Iterable[tuple], cues: tuple[Cue, ...]) -> pd.DataFrame:
    """Rows (comment_id, customer_id, rule id, matched text, groups, year) as :data:`CUE_COLUMNS`.

    Matches whose numbers are no plausible age or birth year are dropped.
    """
    by_id = {c.id: c for c in cues}
    out = []
    for comment, customer, cue_id, text, groups, year in rows:
        cue = by_id[cue_id]
        span = birth_range(cue, groups, int(year))
        if span is not None:
            out.append((comment, customer, cue.id, text.strip(), *span, cue.weight))
    frame = pd.DataFrame(out, columns=CUE_COLUMNS)
    return frame.astype({"born_lo": "int64", "born_hi": "int64", "weight": "float64"})


def generation_shares(born_lo: int, born_hi: int) -> np.ndarray:
    """Share of a birth-year range in each generation of :data:`GENERATIONS`.

    >>> generation_shares(1960, 1969).round(1).tolist()
    [0.0, 0.5, 0.5, 0.0, 0.0, 0.0]
    """
    lo, hi = min(born_lo, born_hi), max(born_lo, born_hi)
    first = np.maximum(np.array(_FIRST_BORN), lo)
    last = np.minimum(np.array(_LAST_BORN), hi)
    overlap = np.clip(last - first + 1, 0, None).astype(float)
    return overlap / (hi - lo + 1)


def _vote(group: pd.DataFrame) -> tuple[str | None, float]:
    precise = group[group["born_hi"] - group["born_lo"] < PRECISE_YEARS]
    if len(precise):
        group = precise
    w = group["weight"].to_numpy()
    scores = sum(
        wi * generation_shares(lo, hi)
        for wi, lo, hi in zip(w, group["born_lo"], group["born_hi"], strict=True)
    )
    best = int(np.argmax(scores))
    strength = 1 - math.prod(1 - wi for wi in w)
    confidence = float(scores[best] / w.sum() * strength)
    return GENERATIONS[best], round(confidence, 3)


def infer_generations(
    comments: pd.DataFrame,
    min_confidence: float = MIN_CONFIDENCE,
    cues: tuple[Cue, ...] | None = None,
    found: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Estimate each customer's generation from the age cues in their comments.

    Parameters
    ----------
    comments : DataFrame
        ``customer_id`` and ``text`` (and ``timestamp``, ``comment_id`` when present).
    min_confidence : float
        Least confidence to name a generation; below it ``generation`` is None.
    cues : tuple of Cue, optional
        Default: :func:`load_cues`.
    found : DataFrame, optional
        The cues already found (:func:`find_cues`, e.g. chunk by chunk while
        the text streams past); then ``comments`` needs only ``customer_id``.

    Returns
    -------
    DataFrame
        One row per customer: customer_id, generation (None when the evidence is
        missing or too weak), confidence (0 without cues), cues (rule ids,
        ``; ``-joined), evidence (the matched words, ``; ``-joined).

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"customer_id": ["a", "a", "b"], "text": [
    ...     "my granddaughter picked it", "I'm 70 years old", "love it, as a mom of teens"],
    ...     "timestamp": pd.to_datetime(["2026-03-01"] * 3)})
    >>> infer_generations(c)[["generation", "confidence", "cues"]].values.tolist()
    [['Baby Boomers', 0.95, 'stated_age'], [None, 0.389, 'parent_of_teens']]
    """
    needed = ("customer_id", "text") if found is None else ("customer_id",)
    require_columns(comments, needed, "pm.infer_generations")
    ids = pd.Index(sorted(comments["customer_id"].astype(str).unique()), name="customer_id")
    out = pd.DataFrame(index=ids, columns=INFER_COLUMNS[1:])
    out["generation"] = None
    out["confidence"] = 0.0
    out["cues"] = ""
    out["evidence"] = ""
    if found is None:
        found = find_cues(comments, cues)
    else:
        found = found[found["customer_id"].isin(ids)]
    if len(found):
        found = found.drop_duplicates(["customer_id", "cue", "born_lo", "born_hi"])
        for cust, group in found.groupby("customer_id", sort=True):
            gen, conf = _vote(group)
            out.loc[cust, ["generation", "confidence"]] = [
                gen if conf >= min_confidence else None,
                conf,
            ]
            precise = group[group["born_hi"] - group["born_lo"] < PRECISE_YEARS]
            used = precise if len(precise) else group
            out.loc[cust, "cues"] = "; ".join(dict.fromkeys(used["cue"]))
            out.loc[cust, "evidence"] = "; ".join(dict.fromkeys(used["evidence"]))
    out["confidence"] = out["confidence"].astype("float64")
    out["generation"] = out["generation"].astype(object).where(out["generation"].notna(), None)
    return out.reset_index()


def stated_generations(comments: pd.DataFrame) -> pd.DataFrame:
    """Each customer's latest stated age and its generation (None where no age is known).

    Returns
    -------
    DataFrame
        customer_id, age, generation.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"customer_id": ["a", "b"], "age": [30, None],
    ...                   "timestamp": pd.to_datetime(["2026-01-01"] * 2)})
    >>> stated_generations(c).values.tolist()
    [['a', 30.0, 'Millennials'], ['b', nan, None]]
    """
    c = comments.assign(customer_id=comments["customer_id"].astype(str))
    age = pd.to_numeric(c["age"], errors="coerce") if "age" in c else pd.Series(np.nan, c.index)
    c = c.assign(_age=age.astype("float64"), _year=_years(c))
    c["_gen"] = generations(c["_age"], pd.Series(c["_year"], index=c.index))
    if "timestamp" in c:
        c = c.sort_values(["customer_id", "timestamp"], na_position="first", kind="stable")
    known = c.dropna(subset=["_age"])
    latest = known.groupby("customer_id")[["_age", "_gen"]].last()
    ids = pd.Index(sorted(c["customer_id"].unique()), name="customer_id")
    out = latest.reindex(ids).rename(columns={"_age": "age", "_gen": "generation"})
    out["generation"] = out["generation"].astype(object).where(out["generation"].notna(), None)
    return out.reset_index()


def customer_generations(
    comments: pd.DataFrame, min_confidence: float = MIN_CONFIDENCE
) -> pd.DataFrame:
    """Each customer's generation and where it comes from: stated, inferred or unknown.

    A stated age always wins; otherwise the age cues of :func:`infer_generations`;
    otherwise the generation stays unknown (None).

    Returns
    -------
    DataFrame
        customer_id, generation, generation_source (``stated`` / ``inferred`` /
        ``unknown``), generation_confidence (1.0 when stated, the cue confidence
        when inferred, 0 when unknown), generation_evidence (matched cue words).

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"customer_id": ["a", "b", "c"], "age": [30, None, None],
    ...     "text": ["nice", "my grandkids love it", "nice"],
    ...     "timestamp": pd.to_datetime(["2026-01-01"] * 3)})
    >>> customer_generations(c)[["generation", "generation_source"]].values.tolist()
    [['Millennials', 'stated'], ['Baby Boomers', 'inferred'], [None, 'unknown']]
    """
    stated = stated_generations(comments).set_index("customer_id")
    inferred = infer_generations(comments, min_confidence).set_index("customer_id")
    inferred = inferred.reindex(stated.index)
    has_stated = stated["generation"].notna()
    has_inferred = ~has_stated & inferred["generation"].notna()
    out = pd.DataFrame(index=stated.index)
    out["generation"] = stated["generation"].where(has_stated, inferred["generation"])
    out["generation"] = out["generation"].astype(object).where(out["generation"].notna(), None)
    out["generation_source"] = np.select([has_stated, has_inferred], SOURCES[:2], SOURCES[2])
    conf = np.where(has_stated, 1.0, np.where(has_inferred, inferred["confidence"], 0.0))
    out["generation_confidence"] = conf.astype("float64")
    out["generation_evidence"] = inferred["evidence"].where(has_inferred, "").fillna("")
    return out.reset_index()


def evaluate_generation_inference(
    comments: pd.DataFrame, min_confidence: float = MIN_CONFIDENCE
) -> dict:
    """Hide the known ages, infer generations from the text, and compare.

    Parameters
    ----------
    comments : DataFrame
        ``customer_id``, ``text`` and ``age`` (``timestamp`` when present), e.g.
        ``load_comments(...).comments`` of a file with an age column.

    Returns
    -------
    dict
        ``n`` (customers with a known age), ``labelled`` (those the cues give a
        generation), ``correct``, ``coverage`` (labelled / n) and ``accuracy``
        (correct / labelled; None when none is labelled).

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"customer_id": ["a", "b", "c"], "age": [70, 35, 50],
    ...     "text": ["my grandkids love it", "our toddler too", "nice fit"],
    ...     "timestamp": pd.to_datetime(["2026-01-01"] * 3)})
    >>> evaluate_generation_inference(c)
    {'n': 3, 'labelled': 2, 'correct': 2, 'coverage': 0.667, 'accuracy': 1.0}
    """
    truth = stated_generations(comments).dropna(subset=["generation"]).set_index("customer_id")
    hidden = comments.drop(columns=[c for c in ("age", "generation") if c in comments])
    hidden = hidden[hidden["customer_id"].astype(str).isin(truth.index)]
    guess = infer_generations(hidden, min_confidence).set_index("customer_id")
    guess = guess.reindex(truth.index)
    labelled = guess["generation"].notna()
    correct = int((guess.loc[labelled, "generation"] == truth.loc[labelled, "generation"]).sum())
    n, k = len(truth), int(labelled.sum())
    return {
        "n": n,
        "labelled": k,
        "correct": correct,
        "coverage": round(k / n, 3) if n else 0.0,
        "accuracy": round(correct / k, 3) if k else None,
    }
