"""Tokens whose written shape names no topic: short dates, code, header names, dotted names.

Every noun phrase is a candidate interest (:mod:`passionmap.nlp.components`);
these shapes are never part of one, whatever the corpus says of them. Read on
the interests a user review found kept on the newsgroups ("Thu", "exit(1",
"Posting-Host", "comp.windows.x") and in the airline tweets ("Feb").

Examples
--------
>>> code_like("exit(1"), code_like("C++"), dotted_name("comp.windows.x"), dotted_name("Node.js")
(True, False, True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

#: weekday and month abbreviations written "Thu", "Feb": dates ("Thu, 22 Apr 1993" in a
#: quoted header, "on Feb 20") the small model often leaves untagged. "Sat", "Sun", "Mar"
#: and "May" are words or names too ("sat on hold", Sun Microsystems) and are left
DATE_WORDS = frozenset(
    "mon tue tues wed thu thur thurs fri jan feb apr jun jul aug sep sept oct nov dec".split()
)
#: brackets, braces, "=", ";" and backslashes inside a token: code ("exit(1", "a[i]=0"),
#: never a word of a phrase people write about
_CODE = re.compile(r"[()\[\]{}=;\\<>]")
#: three or more lower-case parts joined by dots: a newsgroup or host name
#: ("comp.windows.x", "talk.politics.misc", "x.y.z"); "Node.js" and "e.g." are not
_DOTTED = re.compile(r"[a-z0-9_+-]+(?:\.[a-z0-9_+-]+){2,}")
#: a mail or news header field at the start of a line, hyphenated ("NNTP-Posting-Host:",
#: "> Reply-To:", "X-Newsreader:"); a one-word "Note:" or "Update:" may be prose and stays
_HEADER = re.compile(r"(?m)^[ \t>]*([A-Z][A-Za-z]*(?:-[A-Za-z]+)+):")


def date_word(tok: Token) -> bool:
    """A weekday or month abbreviation in title case: "Thu", "Feb" (not "DEC", the firm).

    >>> import spacy
    >>> [date_word(t) for t in spacy.blank("en")("Thu Feb DEC feb")]
    [True, True, False, False]
    """
    return tok.is_title and tok.lower_ in DATE_WORDS


def code_like(text: str) -> bool:
    """A token holding a bracket, brace, "=", ";", "<", ">" or backslash: code."""
    return len(text) > 1 and _CODE.search(text) is not None


def dotted_name(text: str) -> bool:
    """Three or more dot-joined lower-case parts: a newsgroup or host name."""
    return _DOTTED.fullmatch(text) is not None


def header_fields(doc: Doc) -> Iterator[int]:
    """Tokens of the hyphenated header names that open a line: "NNTP-Posting-Host:".

    >>> import spacy
    >>> doc = spacy.blank("en")("NNTP-Posting-Host: sun4\\nNote: the Posting-Host: is")
    >>> [doc[i].text for i in header_fields(doc)]
    ['NNTP', '-', 'Posting', '-', 'Host']
    """
    text = doc.text
    if ":" not in text or "-" not in text:  # most comments: nothing to search
        return
    for match in _HEADER.finditer(text):
        span = doc.char_span(*match.span(1), alignment_mode="expand")
        if span is not None:
            yield from range(span.start, span.end)
