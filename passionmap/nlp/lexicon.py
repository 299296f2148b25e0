"""passionmap's word lists: the pattern files, stop terms, place names and plurals.

Plain data and string helpers, with no spaCy: the components
(:mod:`passionmap.nlp.components`) and the model loader (:mod:`passionmap.nlp.nlp`)
build on them.

* ``patterns/channels.jsonl`` and ``patterns/interests.jsonl`` (plus the
  user's extra pattern files and plural variants): :func:`load_patterns`;
* ``patterns/stop_terms.txt`` and the user's extra stop terms: :func:`stop_term_set`;
* ``patterns/feelings.txt``, names of feelings (never interests, still words): :func:`feelings`;
* city, airport names and IATA codes (``airportsdata``): :func:`place_names`,
  :func:`airport_codes`;
* English plurals and singulars good enough for patterns: :func:`plural`, :func:`singular`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..errors import PassionmapError

PATTERNS = Path(__file__).parent / "patterns"
#: The passion of a mention no cue, "!" or emoji points at (nlp.Mentions scores it; the
#: vocabulary's complaint test and the passion chart read it)
NEUTRAL = 0.25
# plural nouns whose lemma would mangle the meaning ("social media" -> "social medium")
KEEP_PLURAL = frozenset(
    """media news series species data glasses jeans pants shorts leggings clothes
    arts crafts sports outdoors olympics games electronics politics physics
    economics athletics gymnastics aerobics mathematics graphics""".split()
)


def _text(path: Path | str, what: str) -> str:
    """A word list's text: UTF-8, with or without the byte-order mark Notepad writes."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PassionmapError(
            f"{path}: {what} must be UTF-8 text (byte {exc.start} is not); save it as UTF-8"
        ) from None
    except OSError as exc:
        raise PassionmapError(f"{path}: cannot read {what} ({exc.strerror})") from None


def read_jsonl(path: Path | str, patterns: bool = False) -> list[dict]:
    """Read a JSON Lines file (blank lines and ``//`` comments skipped).

    Each line must be a JSON object; with ``patterns`` (an interest or channel pattern
    file), one holding a text or token-list ``pattern`` and an ``id``. A line that is
    not: :class:`PassionmapError` naming the file and line.
    """
    rows = []
    for n, line in enumerate(_text(path, "patterns").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PassionmapError(f"{path}:{n}: not a JSON object ({exc.msg})") from None
        if not isinstance(row, dict):
            raise PassionmapError(f"{path}:{n}: not a JSON object")
        if patterns and (
            not isinstance(row.get("pattern"), str | list) or not isinstance(row.get("id"), str)
        ):
            raise PassionmapError(
                f'{path}:{n}: a pattern line needs "pattern" and "id", e.g. '
                '{"pattern": "bouldering", "id": "climbing"}'
            )
        rows.append(row)
    return rows


def read_terms(path: Path | str, what: str = "the terms") -> frozenset[str]:
    """Read a one-term-per-line list (``#`` comments skipped; UTF-8, BOM or not)."""
    lines = _text(path, what).splitlines()
    return frozenset(x.strip().lower() for x in lines if x.strip() and not x.startswith("#"))


def plural(word: str) -> str:
    """English plural of the last word of a pattern, good enough for patterns.

    >>> plural("rescue dog"), plural("cast iron skillet"), plural("hobby")
    ('rescue dogs', 'cast iron skillets', 'hobbies')
    """
    head, _, last = word.rpartition(" ")
    if last.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    elif last.endswith("y") and last[-2:-1] not in tuple("aeiou"):
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}".strip()


def singular(word: str) -> str:
    """Naive singular for the blank-model fallback (no lemmatizer there).

    >>> singular("dogs"), singular("hobbies"), singular("glass"), singular("media")
    ('dog', 'hobby', 'glass', 'media')
    """
    if word in KEEP_PLURAL or len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def load_patterns(extra: tuple[str, ...] = ()) -> list[dict]:
    """Channel and interest patterns, with plural variants of interest patterns."""
    rows = read_jsonl(PATTERNS / "channels.jsonl")
    interests = read_jsonl(PATTERNS / "interests.jsonl")
    for path in extra:  # a user's pattern is a known interest, with or without a category
        rows_ = read_jsonl(Path(path), patterns=True)
        interests += [{**r, "category": r.get("category") or "interest"} for r in rows_]
    seen = {(r["label"], str(r["pattern"]).lower()) for r in rows}
    out = [x for r in rows for x in _one_word_each(r)]
    for row in interests:
        for text in (row["pattern"], plural(row["pattern"])):
            key = ("INTEREST", text.lower())
            if key not in seen:
                seen.add(key)
                out.append({**row, "label": "INTEREST", "pattern": text.lower()})
    return out


def _one_word_each(row: dict) -> list[dict]:
    """A one-token pattern matching a list of words (``{"LOWER": {"IN": [...]}}``) as one
    pattern per word: spaCy's Matcher tests an ``IN`` set by a Python call on every token
    of every text, a plain value in C. Same matches; all of spaCy's pipeline took 1% less
    time on 5,000 of ``make bench``'s comments (the 7 words of "call" in channels.jsonl).

    >>> [p["pattern"] for p in _one_word_each(
    ...     {"pattern": [{"LOWER": {"IN": ["call", "calls"]}, "POS": "VERB"}]})]
    [[{'LOWER': 'call', 'POS': 'VERB'}], [{'LOWER': 'calls', 'POS': 'VERB'}]]
    """
    pattern = row["pattern"]
    if not isinstance(pattern, list) or len(pattern) != 1:
        return [row]
    words = pattern[0].get("LOWER")
    if not isinstance(words, dict) or list(words) != ["IN"]:
        return [row]
    return [{**row, "pattern": [{**pattern[0], "LOWER": w}]} for w in words["IN"]]


@lru_cache(maxsize=8)
def _pattern_index(extra: tuple[str, ...] = ()) -> dict[str, tuple[str, str, str]]:
    """pattern text -> (label, id, category); token patterns (lists) are left out."""
    return {
        p["pattern"]: (p["label"], p["id"], p.get("category", ""))
        for p in load_patterns(extra)
        if isinstance(p["pattern"], str)
    }


@lru_cache(maxsize=8)
def _categories(extra: tuple[str, ...] = ()) -> dict[str, str]:
    """channel or interest id -> category."""
    return {p["id"]: p.get("category", "") for p in load_patterns(extra)}


@lru_cache(maxsize=1)
def feelings() -> frozenset[str]:
    """``patterns/feelings.txt``: never an interest, but unlike a stop term still a content
    word that compares customers (:func:`passionmap.analysis.communities.customer_features`).

    >>> {"hatred", "joy"} <= feelings() and "hope" not in feelings()
    True
    """
    return read_terms(PATTERNS / "feelings.txt")


@lru_cache(maxsize=8)
def stop_term_set(extra: tuple[str, ...] = ()) -> frozenset[str]:
    """``patterns/stop_terms.txt`` and the user's extra stop terms, lower case."""
    return read_terms(PATTERNS / "stop_terms.txt") | {t.lower() for t in extra}


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Lower-cased city and airport names (``airportsdata``): "long beach", "love field".

    An airport's name counts with and without its city ("dallas love field",
    "love field") and without "airport" / "international".
    """
    import airportsdata

    drop = {"airport", "international", "intl", "regional", "municipal", "county"}
    names = set()
    for row in airportsdata.load("IATA").values():
        city = row["city"].lower().strip()
        names.add(city)
        words = [w for w in row["name"].lower().replace("-", " ").split() if w not in drop]
        name = " ".join(words)
        names.add(name)
        if city and name.startswith(city + " "):
            names.add(name[len(city) + 1 :])
    return frozenset(n for n in names if len(n) >= 3)


@lru_cache(maxsize=1)
def airport_codes() -> frozenset[str]:
    """IATA airport codes (the ``airportsdata`` package, from OurAirports)."""
    import airportsdata

    return frozenset(airportsdata.load("IATA"))
