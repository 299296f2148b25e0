"""What a passion cue or a possessive points at: the writer's own things.

:func:`passion_window` marks the tokens a positive cue points at ("I love
cute summer dresses"); :func:`writer_owns` tells whether a mention is the
writer's own ("my guitar", "#vegan", "we leave for a cruise"). Used by
:mod:`passionmap.nlp.components`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

#: A passion cue: (start, end, weight, boost) of :meth:`Mentions._cues`.
Cue = tuple[int, int, float, float]
MIN_CUE = 0.5  # a cue this strong makes a kin word after it "family" ("love my kids")
#: possessives that make a thing the writer's own: "my guitar", "our golf bags"
OWN = frozenset({"my", "our", "mine", "ours"})
WRITER = frozenset({"i", "we"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
OWN_REACH = 6  # tokens after a strong passion cue that it makes the writer's own: "love the X"
CLAUSE_END = frozenset('.,;:!?()[]"')
CONTRAST = frozenset({"but", "because", "though", "although", "however", "except", "yet"})


def writer_owns(span: Span) -> bool:
    """The writer's own thing: a #hashtag, "my"/"our" on the phrase it sits in,
    or where the writer goes or is.

    "my guitar", "my golf bag" (golf -> bag), "our first Disney World
    vacation", "my love of photography", "we leave for a cruise"; not "the
    coffee", "faith in United", "I could get an iced coffee" (a thing
    served). Needs the parser; without it only hashtags count.

    >>> import spacy
    >>> writer_owns(spacy.blank("en")("#golf")[0:2])
    True
    """
    doc = span.doc
    if span.text.startswith("#") or (span.start and doc[span.start - 1].text == "#"):
        return True
    if not doc.has_annotation("DEP"):
        # no parser: no children to read (and a blank pipeline's tokenizer can leave a
        # token's edges past the Doc after a special case, "northland):": reading them crashed)
        return False
    tok = span.root
    for _ in range(2):  # up the phrase: modifier -> its noun, "of" -> what it is of
        if any(c.dep_ == "poss" and c.lower_ in OWN for c in tok.children):
            return True
        if tok.dep_ in ("compound", "amod", "nmod", "conj"):
            tok = tok.head
        elif tok.dep_ == "pobj" and tok.head.lower_ == "of":
            tok = tok.head.head
        else:
            break
    # where the writer goes or is: "we leave for a cruise", "wish I was on the beach",
    # "I was looking for a suit to wear to the beach" (a verb without a subject of its
    # own is done by the subject of the verb above it)
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        verb = tok.head.head
        for _ in range(5):  # wear -> suit -> for -> looking, whose subject is "i"
            subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
            if subjects or verb.head is verb:
                return any(c.lower_ in WRITER for c in subjects)
            verb = verb.head
    return False


def passion_window(doc: Doc, cues: Iterable[Cue], reach: int) -> bytearray:
    """Tokens a positive passion cue points at: what follows it in its clause.

    "I love cute summer dresses and this one" marks "cute summer dresses and
    this one"; "don't love X" (a negated cue) and "hate X" mark nothing. The
    window ends at clause punctuation, a contrast ("but") or after
    ``reach`` tokens.
    """
    near = bytearray(len(doc))
    for _, end, weight, _ in cues:
        if weight < MIN_CUE:
            continue
        for i in range(end, min(len(doc), end + reach)):
            tok = doc[i]
            if tok.text in CLAUSE_END or tok.lower_ in CONTRAST or (i > end and tok.is_sent_start):
                break
            near[i] = 1
    return near
