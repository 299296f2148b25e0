"""The key word of a noun's head: its singular, and a people's or group's name in the
singular ("Israelis" -> israeli, "Serbs" -> serb, "Croats" -> croat), so that the
plural and singular of one interest are one key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import KEEP_PLURAL, singular

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


def head_word(tok: Token) -> str:
    """The key word of a noun head ``tok``: lower-case and singular."""
    word = tok.lower_
    if word in KEEP_PLURAL:
        return word
    if tok.ent_type_ == "NORP" or plural_person(tok):
        return people(tok, word)
    if tok.tag_ in ("NNS", "NNPS") and tok.lemma_:
        return tok.lemma_.lower()
    if not tok.tag_:
        return singular(word)
    return word


def plural_person(tok: Token) -> bool:
    """A one-word PERSON entity tagged as a plural: a people or group, not a person
    ("Croats", "Azeris", "Mormons" on the newsgroups; a name is not plural). In a
    name of several words ("Peter Desnoyers") the plural tag is the model's slip."""
    if tok.ent_type_ != "PERSON" or tok.tag_ != "NNPS" or tok.ent_iob_ != "B":
        return False
    nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    return nxt is None or nxt.ent_iob_ != "I"


def people(tok: Token, word: str) -> str:
    """The singular of a people's or group's name."""
    if word.endswith("is") and not word.endswith("iis"):
        # a people in -i is a plural in -is ("Israelis", "Nazis", "Kuwaitis", tagged NNPS or
        # NNP): singular() keeps -is words whole ("tennis"), so they were keys apart from
        # "israeli", "nazi" (newsgroups: 99 "israelis" beside 10 "israeli")
        return word[:-1]
    if tok.tag_ == "NNPS":
        # the model leaves plural group names as written: "Serbs", "Republicans" were keys
        # apart from "serb", "republican" (both forms are interests of the newsgroups)
        return singular(word)
    if tok.tag_ == "NNS" and tok.lemma_:
        return tok.lemma_.lower()
    return word if tok.tag_ else singular(word)
