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
#: a line of source code: a statement ending ";" with a call, "=", "->" or "[" in it
#: ("XtRealizeWidget(toplevel);", "stoploop = 1;"), a C declaration ("int screen_number;",
#: "char *name;"; not "long", "double": English words), a preprocessor line, a line
#: opening or closing a comment ("/*", "*/"; not "**/r/soccer**", markdown bold) or a
#: brace alone. A prose line may end with ";" ("claimed that she worked as a
#: prostitute;"), so ";" alone does not make code. On the newsgroups: 967 lines of
#: 119 posts; none of 21,248 reddit posts, 14,640 tweets or 958 reviews
_CODE_LINE = re.compile(
    r"(?m)^[^\n]*(?:[A-Za-z_]\w*\(|=|->|\[)[^\n]*;[ \t]*$"
    r"|^[ \t]*(?:(?:unsigned|signed|const|static|extern|register)[ \t]+)*"
    r"(?:int|char|void|unsigned|struct[ \t]+\w+)[ \t]+\**\w+[^\n]*;[ \t]*$"
    r"|^[ \t]*#[ \t]*(?:include|define|undef|ifn?def|if|elif|else|endif|pragma)\b[^\n]*$"
    r"|^[ \t]*/\*[^\n]*$|^[^\n]*\*/[ \t]*$"
    r"|^[ \t]*[{}][ \t{};]*$"
)


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


def header_fields(doc: Doc, text: str | None = None) -> Iterator[int]:
    """Tokens of the hyphenated header names that open a line: "NNTP-Posting-Host:".
    ``text`` is ``doc.text`` where the caller has it (each read of it joins every token).

    >>> import spacy
    >>> doc = spacy.blank("en")("NNTP-Posting-Host: sun4\\nNote: the Posting-Host: is")
    >>> [doc[i].text for i in header_fields(doc)]
    ['NNTP', '-', 'Posting', '-', 'Host']
    """
    text = doc.text if text is None else text
    if ":" not in text or "-" not in text:  # most comments: nothing to search
        return
    for match in _HEADER.finditer(text):
        span = doc.char_span(*match.span(1), alignment_mode="expand")
        if span is not None:
            yield from range(span.start, span.end)


def code_lines(doc: Doc, text: str | None = None) -> Iterator[int]:
    """Tokens of the lines of source code in a comment (see ``_CODE_LINE``).
    ``text`` is ``doc.text`` where the caller has it (each read of it joins every token).

    Forum posts quote code: on the newsgroups "int", "char", "null" and
    "include" became interests of 14-20 authors each. The words stay in the
    content words that compare customers (who posts code is a community); they
    are not passions.

    >>> import spacy
    >>> doc = spacy.blank("en")("Try:\\n  int screen_number;\\n  XFlush(dpy);\\nIt works; thanks")
    >>> [doc[i].text for i in code_lines(doc)]
    ['int', 'screen_number', ';', 'XFlush(dpy', ')', ';']
    """
    text = doc.text if text is None else text
    if ";" not in text and "#" not in text and "*" not in text and "{" not in text:
        return  # most comments: nothing to search
    for match in _CODE_LINE.finditer(text):
        span = doc.char_span(*match.span(), alignment_mode="expand")
        if span is not None:
            yield from (i for i in range(span.start, span.end) if not doc[i].is_space)
