"""The spaCy component ``passionmap_age_cues``: the age cues of a Doc.

Registered with ``@Language.factory`` when this module is imported;
:func:`passionmap.nlp.nlp.load_nlp` adds it to every pipeline, ``blank``
included. It reads only ``doc.text``: the rules of ``patterns/age_cues.jsonl``
(:mod:`passionmap.nlp.age_rules`), matched by
:func:`passionmap.nlp.age_rules.match_cues`, go into ``doc._.pm_age_cues`` as
a list of :class:`passionmap.nlp.age_rules.CueMatch`. Extraction turns them into
rows of kind ``age_cue`` (:func:`passionmap.nlp.extraction.doc_rows`), cached
with the mentions: a re-run reads no text for them.

Examples
--------
>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("passionmap_age_cues")
>>> [(c.cue, c.start, c.end, c.text) for c in nlp("Our toddler loves it")._.pm_age_cues]
[('young_children', 0, 11, 'Our toddler')]
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .age_rules import Cue, load_cues, match_cues

#: ``kind`` of the age-cue rows of :func:`passionmap.nlp.extraction.extract`
AGE_CUE = "age_cue"
#: the Doc extension holding the matches: ``doc._.pm_age_cues``
EXTENSION = "pm_age_cues"

if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)


@Language.factory("passionmap_age_cues")
def make_age_cues(nlp: Language, name: str) -> AgeCues:
    """Find the age cues of ``patterns/age_cues.jsonl``; store them in ``doc._.pm_age_cues``."""
    return AgeCues()


class AgeCues:
    """Store :func:`passionmap.nlp.age_rules.match_cues` of ``doc.text`` on the Doc.

    Needs no other component: it works in a blank pipeline.
    """

    def __init__(self, cues: tuple[Cue, ...] | None = None) -> None:
        self.cues = load_cues() if cues is None else cues

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(EXTENSION, match_cues(doc.text, self.cues))
        return doc
