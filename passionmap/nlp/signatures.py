"""A message's sign-off: the writer's own name and contact, not what they write about.

Forum posts and e-mails end with who wrote them ("Thank you\\nDoug Ward",
"Bob Beauchaine bobbe@vice.ICO.TEK.COM", "-Roger"). Read as named entities
those became interests of their own: on the newsgroups 638 of 4,371 PERSON
mentions stood on a line with an e-mail address or on a name-only line at the
end ("kent" 65 times, "bob beauchaine" 23, "gregg" 21), linking nobody by a
passion. :func:`sign_off_tokens` finds them, only in comments of several lines
(a tweet has no sign-off to tell from its body):

- on a line that holds an e-mail address, the PERSON and ORG entities (the
  writer and their organisation: a contact line);
- among the last :data:`LAST_LINES` lines that hold words, a line whose words
  all belong to PERSON entities (a signature), or a dash and one to three
  capitalised words ("-Roger", "--Jim Halat": the model often tags no
  PERSON there);
- the last line, where it is one bare word ("mathew", "Daniel"), not a verb or
  function word: a name the model missed;
- everything after a signature separator (:func:`signature_start`): the "-- "
  line of RFC 3676, or a rule of symbols ("-----", "/\\/\\/\\", "=-=-=-"), where
  what follows ends the message, is short, and opens with a contact (an e-mail
  address or phone number). On the newsgroups such blocks hold
  affiliations and quotes ("Dakota State University", "They said that Queens
  could stay"): 5% of the posts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from spacy.tokens import Doc

#: A sign-off sits among a message's last lines: name, then at most an address or a quote.
LAST_LINES = 3
#: Entities of a contact line that name the writer and where they write from.
CONTACT_LABELS = frozenset({"PERSON", "ORG"})
NEWLINE = re.compile("\n")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
#: Parts of speech a name's words take; "" where the pipeline tags none.
NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "X", "INTJ", ""})
#: What a sign-off line may start with before the name.
DASHES = ("-", "~", "\u2013", "\u2014")
#: A line that opens a signature: RFC 3676's "-- ", or a rule of six or more of one
#: symbol ("------", "~~~~~~") or eight or more symbols ("/\\/\\/\\/\\", "-=-=-=-=").
SEPARATOR = re.compile(r"^[ \t]*(?:--[ \t]*|([^\w\s])\1{5,}[ \t]*|[^\w\s]{8,}[ \t]*)$", re.M)
#: What a signature opens with: an e-mail address or a phone number. Not a web
#: address: under a markdown rule ("---") a link is often the post itself (reddit).
CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+(\.[\w-]+)+|\b(?:tel|phone|fax)\b|\+?\(?\d{2,4}\)?[ .-]\d{3}[ .-]\d{3,4}",
    re.I,
)
#: Netiquette asks for signatures of at most four lines (RFC 1855); real ones run
#: longer (boxes, quotes), so twice that. A longer tail is the message going on.
SIGNATURE_LINES = 8
#: The contact sits among a signature's first lines: name, address, then the rest.
CONTACT_LINES = 3


def sign_off_tokens(doc: Doc, text: str | None = None) -> Iterator[int]:
    """Indices of the tokens of ``doc``'s sign-off (see the module's docstring).
    ``text`` is ``doc.text`` where the caller has it (each read of it joins every token).

    >>> import spacy
    >>> from spacy.tokens import Span
    >>> nlp = spacy.blank("en")
    >>> doc = nlp("Any drivers for it?\\nThanks\\nDoug Ward")
    >>> doc.ents = [Span(doc, 8, 10, label="PERSON")]
    >>> [doc[i].text for i in sign_off_tokens(doc)]
    ['Doug', 'Ward']
    >>> doc = nlp("Ask Christopher.\\n-Roger")
    >>> [doc[i].text for i in sign_off_tokens(doc)]
    ['-Roger']
    >>> doc = nlp("Doug Ward")  # one line: nothing to tell a sign-off by
    >>> doc.ents = [Span(doc, 0, 2, label="PERSON")]
    >>> list(sign_off_tokens(doc))
    []
    """
    text = doc.text if text is None else text
    if "\n" not in text.strip():
        return
    breaks = [m.start() for m in NEWLINE.finditer(text)]  # in C, not a loop over characters
    lines: dict[int, list[int]] = {}  # line number -> its word tokens
    for tok in doc:
        if not (tok.is_space or tok.is_punct):
            lines.setdefault(bisect_right(breaks, tok.idx), []).append(tok.i)
    if len(lines) < 2:
        return

    def line_text(n: int) -> str:
        return text[breaks[n - 1] + 1 if n else 0 : breaks[n] if n < len(breaks) else len(text)]

    # the text, not the tokens: "bobbe@vice.ICO.TEK.COM" is split in two, neither like_email
    emails = {n for n in lines if EMAIL.search(line_text(n))}
    start = signature_start(text)
    if start is not None:  # the whole block: names, places, firms and quotes alike
        yield from (i for toks in lines.values() for i in toks if doc[i].idx >= start)
    person = bytearray(len(doc))
    line_of = {i: n for n, toks in lines.items() for i in toks}
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            person[ent.start : ent.end] = b"\x01" * len(ent)
        if ent.label_ in CONTACT_LABELS and line_of.get(ent.start) in emails:
            yield from range(ent.start, ent.end)
    last = max(lines)
    for n in sorted(lines)[-LAST_LINES:]:
        words = [i for i in lines[n] if not doc[i].like_email and not doc[i].like_url]
        if words and all(person[i] for i in words):
            yield from words
            continue
        line = line_text(n).strip()
        names = [doc[i].text.lstrip("".join(DASHES)) for i in words]
        if line.startswith(DASHES) and 1 <= len(words) <= 3 and all(w[:1].isupper() for w in names):
            yield from words
        elif n == last and _bare_name(doc, words):
            yield from words


def signature_start(text: str) -> int | None:
    """Where a message's signature block starts (a character offset), or None.

    The block is what follows the first separator line (:data:`SEPARATOR`)
    after which the message ends within :data:`SIGNATURE_LINES` lines holding
    words, the first :data:`CONTACT_LINES` of them holding a contact (an
    RFC 3676 "-- " line needs none). A rule of symbols inside a message (a
    quote marked off, code) is followed by more text, or by no contact.

    >>> signature_start("Try a new cable.\\n-----------\\nJo Doe  jo@uni.edu\\nPhysics Dept.")
    17
    >>> signature_start("See below.\\n^^^^^^^^\\nI think the card is fine.") is None
    True
    """
    if "\n" not in text:
        return None
    for m in SEPARATOR.finditer(text):
        if not any(c.isalpha() for c in text[: m.start()]):
            continue  # a rule at the top: the message has not started
        tail = [line for line in text[m.end() :].split("\n") if any(c.isalnum() for c in line)]
        if not tail or len(tail) > SIGNATURE_LINES:
            continue
        if m.group(0).strip() == "--" or CONTACT.search("\n".join(tail[:CONTACT_LINES])):
            return m.start()
    return None


def _bare_name(doc: Doc, words: list[int]) -> bool:
    """The last line is one bare word the model did not tag ("mathew", "Daniel"): a
    name. Lines of several capitalised words were measured too and not kept: on a
    four-group newsgroup slice they took ARI 0.569 -> 0.542 (mean of 8 seeds)."""
    return len(words) == 1 and doc[words[0]].is_alpha and doc[words[0]].pos_ in NAME_POS
