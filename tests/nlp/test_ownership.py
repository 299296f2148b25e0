"""What a passion cue or a possessive points at (passionmap.nlp.ownership), on a blank pipeline."""

from __future__ import annotations

import spacy

from passionmap.nlp.ownership import passion_window, writer_owns


def test_a_positive_cue_marks_its_clause_and_a_negated_one_nothing():
    doc = spacy.blank("en")("I love cute dresses, but not this one")
    near = passion_window(doc, [(1, 2, 0.75, 0.0)], reach=6)
    assert [t.text for t in doc if near[t.i]] == ["cute", "dresses"]
    assert not any(passion_window(doc, [(1, 2, -0.5, 0.0)], reach=6))


def test_a_hashtag_is_the_writers_own_without_a_parser():
    doc = spacy.blank("en")("so proud of #vegan food and plain food")
    assert writer_owns(doc[3:5]) is True  # "#vegan"
    assert writer_owns(doc[8:9]) is False  # "food": no parser, no possessive to see
