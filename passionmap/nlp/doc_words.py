"""The content words of a Doc: what compares customers beside their noun phrases."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc


def content_words(doc: Doc) -> Iterator[tuple[str, int, int]]:
    """The content words of a Doc, for similarity between customers: (lemma, start, end).

    Every token that is not a stop word, punctuation, number, URL, e-mail or
    @handle, lower-cased and lemmatised (``spacy.blank`` has no lemmatizer: the
    lower-cased text). Whole noun phrases alone are too sparse to compare
    people; their words and the verbs and adjectives around them are not.

    >>> import spacy
    >>> [w for w, _, _ in content_words(spacy.blank("en")("The Pens won again, 4-2! @nhl"))]
    ['pens', 'won']
    """
    for tok in doc:
        text = tok.text
        if (
            tok.is_stop
            or tok.is_punct
            or tok.is_space
            or len(text) < 2
            or text[:1] in "@#"
            or tok.like_url
            or tok.like_email
            or not any(c.isalpha() for c in text)
        ):
            continue
        word = (tok.lemma_ or tok.lower_).lower()
        if word and not nlp_stop(word):
            yield word, tok.idx, tok.idx + len(text)


def nlp_stop(word: str) -> bool:
    """A lemma that is a stop word even when its token was not ("be", "have", "-pron-")."""
    return word in _LEMMA_STOPS


_LEMMA_STOPS = frozenset({"be", "have", "do", "get", "-pron-", "'s", "n't", "'m", "'re", "'ve"})
