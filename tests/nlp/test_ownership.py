"""What a passion cue or a possessive points at (passionmap.nlp.ownership), on a blank pipeline."""

from __future__ import annotations

import spacy

from passionmap.nlp.ownership import passion_window, writer_owns
from passionmap.nlp.senses import not_a_channel


def test_a_positive_cue_marks_its_clause_and_a_negated_one_nothing():
    doc = spacy.blank("en")("I love cute dresses, but not this one")
    near = passion_window(doc, [(1, 2, 0.75, 0.0)], reach=6)
    assert [t.text for t in doc if near[t.i]] == ["cute", "dresses"]
    assert not any(passion_window(doc, [(1, 2, -0.5, 0.0)], reach=6))


def test_a_hashtag_is_the_writers_own_without_a_parser():
    doc = spacy.blank("en")("so proud of #vegan food and plain food")
    assert writer_owns(doc[3:5]) is True  # "#vegan"
    assert writer_owns(doc[8:9]) is False  # "food": no parser, no possessive to see


def test_a_blank_doc_after_a_tokenizer_special_case_does_not_crash():
    """spaCy's tokenizer leaves the edges of the tokens after a special case (the
    emoticon "):") past the Doc when nothing parses it: reading a token's children
    there crashed the interpreter (a reddit post: "Rainbow falls(keri keri,northland):")."""
    doc = spacy.blank("en")("northland):\nOk that wasnt a long hike, but nice")
    assert writer_owns(doc[-4:-3]) is False  # "hike"
    assert not_a_channel(spacy.blank("en")("northland):\nOk messenger")[3:4]) is False


def test_the_whole_blank_pipeline_reads_that_post(nlp_blank):
    doc = nlp_blank("Rainbow falls(keri keri,northland):\nOk that wasnt a realy long hike")
    assert [(s._.pm_key, s._.pm_personal) for s in doc.spans["passionmap"]] == [("hiking", False)]
