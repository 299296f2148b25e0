"""The age-cue rules of ``patterns/age_cues.jsonl``, and how a text is searched for them.

* :func:`load_cues` reads the rules: each a regular expression and what it
  implies (an age range, an age, a birth decade or year, a generation).
* :func:`match_cues` finds them in one text, rule by rule. The spaCy component
  ``passionmap_age_cues`` (:mod:`passionmap.nlp.age_component`) runs it on every
  Doc, so extraction returns the cues with the mentions;
  :func:`passionmap.nlp.age_cues.find_cues` runs it on a DataFrame's text.

A match says which words matched; what they imply about the writer's birth
years depends on when the comment was written, so that is worked out per
comment, later (:func:`passionmap.nlp.age_cues.birth_range`). Imports no spaCy.

Examples
--------
>>> match_cues("Just turned 40, grew up in the 80s")  # doctest: +NORMALIZE_WHITESPACE
[CueMatch(cue='turned', start=0, end=14, text='Just turned 40', groups={'n': '40'}),
 CueMatch(cue='grew_up_in', start=16, end=34, text='grew up in the 80s', groups={'n': '80'})]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

PATTERNS = Path(__file__).parent / "patterns" / "age_cues.jsonl"
KINDS = ("age", "age_number", "age_decade", "birth_year", "birth_decade", "generation")


@dataclass(frozen=True)
class Cue:
    """One rule of ``age_cues.jsonl``: a regular expression and what it implies."""

    id: str
    kind: str
    lo: int
    hi: int
    weight: float
    regex: re.Pattern
    example: str = ""
    requires: tuple[str, ...] = ()  # lower-case words one of which every match holds


class CueMatch(NamedTuple):
    """One match of a rule in a text (``doc._.pm_age_cues`` holds a list of them).

    ``start``/``end`` are character offsets into the text; ``text`` is what
    matched (a typographic apostrophe read as ``'``); ``groups`` the rule's
    named groups that matched (the number of "I'm 34": ``{"n": "34"}``).
    Docs sent between processes (``n_process > 1``) bring them back as lists
    of the same five fields.
    """

    cue: str
    start: int
    end: int
    text: str
    groups: dict[str, str]


def load_cues(path: str | Path = PATTERNS) -> tuple[Cue, ...]:
    """Read the cue rules (one JSON object a line).

    Each line has ``id``, ``kind`` (one of :data:`KINDS`), ``range`` (what the
    kind offsets: ages, or birth years), ``weight`` (0..1, how reliable),
    ``pattern`` (a Python regular expression, matched case-insensitively),
    ``example`` (a text it matches, checked by the tests) and ``requires``
    (lower-case words one of which every match contains: a fast pre-check).

    Raises
    ------
    ValueError
        On an unknown ``kind``, a weight outside (0, 1], a pattern that does
        not compile or an ``id`` used twice.

    Examples
    --------
    >>> cues = load_cues()
    >>> len(cues) > 20, cues[0].id
    (True, 'stated_age')
    """
    return _load(str(path))


@lru_cache(maxsize=8)
def _load(path: str) -> tuple[Cue, ...]:
    out: list[Cue] = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row["kind"] not in KINDS:
            raise ValueError(f"{path}:{n}: unknown kind {row['kind']!r}")
        if not 0 < float(row["weight"]) <= 1:
            raise ValueError(f"{path}:{n}: weight must be in (0, 1]")
        if any(c.id == row["id"] for c in out):
            raise ValueError(f"{path}:{n}: id {row['id']!r} is used twice")
        try:
            regex = re.compile(row["pattern"], re.IGNORECASE)
        except re.error as err:
            raise ValueError(f"{path}:{n}: bad pattern ({err})") from None
        lo, hi = (int(v) for v in row["range"])
        requires = tuple(str(w).lower() for w in row.get("requires", ()))
        weight = float(row["weight"])
        example = row.get("example", "")
        out.append(Cue(row["id"], row["kind"], lo, hi, weight, regex, example, requires))
    return tuple(out)


def match_cues(text: str, cues: tuple[Cue, ...] | None = None) -> list[CueMatch]:
    """Every match of every rule in ``text``: rule by rule, each rule's in text order.

    >>> [(m.cue, m.text) for m in match_cues("I\u2019m 34 years old, my grandkids too")]
    [('stated_age', "I'm 34 years old"), ('grandchildren', 'my grandkids')]
    """
    cues = load_cues() if cues is None else cues
    text = text.replace("\u2019", "'")  # the same length: offsets still fit the text
    low = text.lower()
    out = []
    for cue in cues:
        if cue.requires and not any(w in low for w in cue.requires):
            continue
        for m in cue.regex.finditer(text):
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            out.append(CueMatch(cue.id, m.start(), m.end(), m.group(0), groups))
    return out


def rule_rank(cues: tuple[Cue, ...] | None = None) -> dict[str, int]:
    """Each rule's position in the rules file: the order its matches are listed in."""
    return {c.id: i for i, c in enumerate(load_cues() if cues is None else cues)}


def encode_groups(groups: dict[str, str]) -> str:
    """A match's groups as one string (the ``category`` of its row; ``""`` when none).

    >>> encode_groups({"n": "34"}), decode_groups(encode_groups({"n": "34"}))
    ('{"n":"34"}', {'n': '34'})
    """
    return json.dumps(groups, separators=(",", ":")) if groups else ""


def decode_groups(text: str) -> dict[str, str]:
    """The groups of :func:`encode_groups`."""
    return json.loads(text) if text else {}
