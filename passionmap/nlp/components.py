"""passionmap's spaCy components, and the words of a Doc.

Components (registered with ``@Language.factory`` when this module is
imported; :func:`passionmap.nlp.nlp.load_nlp` adds them to the pipeline):

* ``passionmap_ruler`` (:mod:`passionmap.nlp.ruler`): an ``entity_ruler`` loaded with
  ``patterns/channels.jsonl`` and ``patterns/interests.jsonl`` (plus plural variants),
  placed before ``ner`` so that "Twitter" is a CHANNEL and never a PERSON.
* ``passionmap_mentions``: turns rule entities, #hashtags, statistical
  entities and noun chunks (every one a candidate: the corpus later decides
  which are interests) into normalised mentions with a passion score, stored
  in ``doc.spans["passionmap"]`` with ``Span._.pm_key``, ``pm_category`` and
  ``pm_passion``.

:func:`passionmap.nlp.doc_words.content_words` gives the content words of a Doc, for similarity
between customers. The word lists all this reads are :mod:`passionmap.nlp.lexicon`'s.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .lexicon import (
    NEUTRAL,
    PATTERNS,
    _categories,
    _pattern_index,
    airport_codes,
    place_names,
    read_jsonl,
    stop_term_set,
)
from .ownership import OWN_REACH, Cue, passion_window, writer_owns
from .plurals import head_word
from .ruler import make_ruler  # noqa: F401 (registers the passionmap_ruler factory)
from .senses import a_setting, in_a_name, not_a_channel, progressive
from .shapes import code_like, code_lines, date_word, dotted_name, header_fields
from .signatures import sign_off_tokens

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


SPAN_KEY = "passionmap"
# statistical entity labels that can name an interest
INTEREST_LABELS = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "PERSON", "NORP"})
# places (GPE, LOC, FAC: "Long Beach", "Love Field"), dates and amounts are never interests
PLACES = frozenset({"GPE", "LOC", "FAC"})
AMOUNTS = frozenset({"DATE", "TIME", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL", "PERCENT"})
NOT_INTERESTS = PLACES | AMOUNTS | {"LANGUAGE"}
# words before or after an airport code that make it a place: "SFO to BOS", "at DFW airport"
PLACE_BEFORE = frozenset({"to", "from", "at", "in", "into", "via", "through", "thru", "out", "of"})
PLACE_AFTER = frozenset({"to", "airport", "terminal", "gate", "-", "/", ">", "->", "✈"})
# words dropped from the front of a noun chunk: evaluation, quantity, vagueness
WEAK_MODIFIERS = frozenset(
    """good great new old nice amazing awesome best better favorite favourite whole own
    little big other same next last first many much few several such entire usual
    real total lovely perfect wonderful beautiful fantastic terrible awful bad worst
    huge main only certain various different latest recent special simple true
    excellent incredible cute fun super pretty very really so just actual usual
    fine quick fast slow long short high low""".split()
)
FAMILY = frozenset(
    """family kid kids child children daughter daughters son sons wife husband grandkids
    grandkid grandchildren grandson granddaughter grandma grandpa grandmother grandfather
    mom dad mum mother father parents sister brother""".split()
)
NEGATORS = frozenset({"not", "n't", "never", "no", "hardly", "nt", "dont", "don't"})
INTENSIFIERS = frozenset({"so", "really", "absolutely", "totally", "truly", "seriously"})
POSITIVE_EMOJI = re.compile(
    "[\u2764\u2665\U0001f495-\U0001f49f\U0001f525\U0001f60d\U0001f970\U0001f929]"
)
KIN_REACH = 3  # kin words are "family" only right after a cue: "love my kids"
SARCASM_REACH = 4  # tokens after a positive cue in which a complaint makes it sarcasm
#: a capitalised name ending in one of these is a place: "Palm Beach", "Marsh Harbor",
#: "#DaytonaBeach" (English capitalises a landform only inside a place's name)
LANDFORMS = frozenset(
    "beach bay island islands springs falls lake valley harbor harbour canyon county heights"
    " coast".split()
)
#: Three capitals in a row: a comment without them holds no airport code (most comments), and
#: this search runs in C where the token loop of ``_place_codes`` made a Token of each token
#: (4% of extraction's time on the sample comments, profiled)
THREE_CAPITALS = re.compile(r"[A-Z]{3}")
CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")

for _name in ("pm_key", "pm_category", "pm_passion", "pm_personal"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


@Language.factory(
    "passionmap_mentions",
    default_config={"stop_terms": [], "extra_patterns": []},
)
def make_mentions(
    nlp: Language, name: str, stop_terms: list[str], extra_patterns: list[str]
) -> Mentions:
    """Collect interest and channel mentions into ``doc.spans["passionmap"]``."""
    return Mentions(nlp, stop_terms=stop_terms, extra_patterns=tuple(extra_patterns))


class Mentions:
    """Find, normalise and score mentions in a Doc.

    Sources, by priority where they overlap: rule patterns (channels win over
    everything), #hashtags, statistical entities, noun chunks. Every entity and
    noun chunk whose head is not a stop term is a candidate, cue or no cue;
    places (GPE, LOC, FAC, city and airport names, airport codes used as
    places) never are. Passion cues only weight a mention
    (:meth:`_score`); :mod:`passionmap.nlp.vocabulary` decides which candidate
    terms are interests.
    """

    def __init__(
        self,
        nlp: Language,
        stop_terms: Iterable[str] = (),
        extra_patterns: tuple[str, ...] = (),
    ) -> None:
        self.stop = stop_term_set(tuple(stop_terms))
        self.index = _pattern_index(extra_patterns)
        self.categories = _categories(extra_patterns)
        self.codes = airport_codes()
        self.places = place_names()
        self.cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.weights: dict[str, float] = {}
        self.complaints: set[str] = set()
        for row in read_jsonl(PATTERNS / "passion.jsonl"):
            key = row["pattern"]
            self.weights[key] = float(row["weight"])
            if row.get("complaint"):
                self.complaints.add(key)
            self.cues.add(key, [nlp.make_doc(key)])

    # --- candidates -------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        taken = bytearray(len(doc))

        def claim(span: Span, key: str, category: str, kind: str) -> None:
            if any(taken[span.start : span.end]):
                return
            for i in range(span.start, span.end):
                taken[i] = 1
            new = Span(doc, span.start, span.end, label=kind)
            own = new._  # once: each ``new._`` builds its accessor anew
            own.pm_key, own.pm_category = key, category
            spans.append(new)

        # once: Doc.text joins every token anew (a Token object each) on every read, and
        # five helpers read it: 28% of this component's time (profiled on the sample)
        text = doc.text
        cues = self._cues(doc)
        close = passion_window(doc, cues, KIN_REACH)
        ents = doc.ents  # once: each read builds its Spans anew
        for ent in ents:  # rule entities first: channels, named interests
            if ent.label_ == "CHANNEL" and not not_a_channel(ent):  # "a program called X"
                claim(ent, ent.ent_id_, self.categories.get(ent.ent_id_, ""), "channel")
        for ent in ents:  # places, dates, amounts and place codes: never interests
            if ent.label_ in NOT_INTERESTS:
                start = ent.start
                if ent.label_ in AMOUNTS and _hashtag_word(doc, start):
                    start += 1  # "#GolfLife" as MONEY ("#" read as a currency sign): a hashtag
                taken[start : ent.end] = b"\x01" * (ent.end - start)
        for i in self._place_codes(doc, text):
            taken[i] = 1
        for i in self._place_names(doc, ents):
            taken[i] = 1
        for i in sign_off_tokens(doc, text):  # the writer's own name and contact line
            taken[i] = 1
        for i in header_fields(doc, text):  # "NNTP-Posting-Host:" in a quoted post
            taken[i] = 1
        for i in code_lines(doc, text):  # "int screen_number;" in a programming forum
            taken[i] = 1
        for ent in ents:
            if ent.label_ == "INTEREST":
                if in_a_name(ent) or a_setting(ent):  # "Goose Bay, Labrador": a place;
                    taken[ent.start : ent.end] = b"\x01" * len(ent)  # "a work environment"
                    continue
                if len(ent) == 1 and progressive(ent[0]):
                    continue  # "was swimming in it", "we're baking on this plane": not a pastime
                if ent.ent_id_ in self.stop or ent.text.lower() in self.stop:
                    continue  # the user's stop terms overrule the lexicon ("guitar")
                cat = self.index.get(ent.text.lower(), ("", "", "interest"))[2]
                if cat == "family" and not any(close[ent.start : ent.end]):
                    continue  # kin name people, not topics: "love my kids", not "my wife booked"
                claim(ent, ent.ent_id_, cat, "interest")
        for span, key, cat in self._hashtags(doc):
            claim(span, key, cat, "interest")
        # the open vocabulary: every named entity and noun chunk is a candidate;
        # the corpus decides later which are interests (passionmap.nlp.vocabulary)
        for ent in ents:
            if ent.label_ in INTEREST_LABELS:
                pieces = list(self._clean(ent, taken, close))
                # the label is the whole entity's: a piece of one cut apart is a plain word
                # ("Richard Gasquet - Beautiful" as PERSON gave a "person" named "beautiful")
                named = len(pieces) == 1 and not _shouted(ent)
                for span, key in pieces:
                    claim(span, key, ent.label_.lower() if named else "", "interest")
        if doc.has_annotation("DEP"):
            for chunk in doc.noun_chunks:
                for span, key in self._clean(chunk, taken, close):
                    claim(span, key, "", "interest")
        spans.sort(key=lambda s: s.start)
        loved = passion_window(doc, cues, OWN_REACH)
        for span, passion in zip(spans, self._scores(doc, spans, cues, text), strict=True):
            own = span._  # once: each ``span._`` builds its accessor anew
            own.pm_passion = passion
            own.pm_personal = any(loved[span.start : span.end]) or writer_owns(span)
        doc.spans[SPAN_KEY] = spans
        return doc

    def _cues(self, doc: Doc) -> list[Cue]:
        """Passion cues: (start, end, weight, boost); a negated positive cue weighs -0.5."""
        cues = []
        for match_id, start, end in self.cues(doc):
            text = doc.vocab.strings[match_id]
            tag = doc[start].tag_
            if text == "like" and tag and not tag.startswith("VB"):  # "looks like"
                continue
            weight = self.weights[text]
            window = doc[max(0, start - 3) : start]
            if weight > 0 and any(t.lower_ in NEGATORS for t in window):
                weight = -0.5
            boost = 0.05 if start > 0 and doc[start - 1].lower_ in INTENSIFIERS else 0.0
            cues.append((start, end, weight, boost))
        # sarcasm: a positive cue aimed at a complaint ("love waiting 3 hours") is not passion
        complaints = [s for s, _, w, _ in cues if w < 0]
        return [
            (s, e, -0.5, 0.0)
            if w > 0 and any(e <= c <= e + SARCASM_REACH for c in complaints)
            else (s, e, w, b)
            for s, e, w, b in cues
        ]

    def _place_codes(self, doc: Doc, text: str) -> Iterator[int]:
        """Tokens that are airport codes used as places: "SFO to BOS", "stuck at DFW".

        A code list alone is not enough (RAM, CPU, GUI and NRA are airport codes
        too): the token must be written in capitals and stand where a place
        stands, next to another code or after "to", "from", "at"...
        """
        if THREE_CAPITALS.search(text) is None:
            return
        for tok in doc:
            text = tok.text
            if len(text) != 3 or not text.isupper() or text not in self.codes:
                continue
            prev = doc[tok.i - 1] if tok.i else None
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and nxt.text in ("-", "/") and not tok.whitespace_:
                after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
                if after is not None and not nxt.whitespace_ and after.text not in self.codes:
                    continue  # "TCP/IP", "CAT-5": a glued word, not "SFO-LAX"
            routed = prev is not None and prev.text in ("-", "/", ">", "->") and prev.i > 0
            if routed and doc[prev.i - 1].text in self.codes:  # the LAX of "SFO-LAX"
                yield tok.i
                continue
            beside_code = any(t is not None and t.text in self.codes for t in (prev, nxt))
            if beside_code or _placed(doc, tok.i):
                yield tok.i

    def _hashtags(self, doc: Doc) -> Iterator[tuple[Span, str, str]]:
        for tok in doc[:-1]:
            if tok.text == "#" and not tok.whitespace_ and doc[tok.i + 1].is_alpha:
                nxt = doc[tok.i + 1]
                words = [w.lower() for w in CAMEL.findall(nxt.text)]
                span = doc[tok.i : tok.i + 2]
                hit = self._known(words)
                if hit:  # #SourdoughSunday -> sourdough
                    yield span, hit[1], hit[2]
                elif len(nxt.text) >= 3:  # #RedWine -> red wine; the corpus judges #fail
                    yield span, " ".join(words), "hashtag"

    def _known(self, words: list[str]) -> tuple[str, str, str] | None:
        """The longest known pattern inside a list of words, if any."""
        for n in range(len(words), 0, -1):
            for i in range(len(words) - n + 1):
                text = " ".join(words[i : i + n])
                hit = self.index.get(text)
                if hit and hit[0] == "INTEREST":
                    return hit
        return None

    def _clean(self, span: Span, taken: bytearray, close: bytearray) -> Iterator[tuple[Span, str]]:
        """Split a chunk or entity into clean noun phrases and normalise each."""
        run: list[Token] = []
        toks = list(span)
        for k, tok in enumerate(toks + [None]):
            if tok is not None and not taken[tok.i] and (_usable(tok) or _glued(toks, k, run)):
                run.append(tok)
                continue
            if run:
                yield from self._normalise(span.doc, run, close)
            run = []

    def _place_names(self, doc: Doc, ents: tuple[Span, ...]) -> Iterator[int]:
        """Tokens of capitalised city or airport names ("Long Beach", "Love Field").

        Runs of capitalised words are looked up in :func:`place_names`, longest
        first; a one-word name must be a proper noun that does not open the
        sentence, so "beach" and "Golf is life" stay topics.
        """
        texts = [t.text for t in doc]
        upper = [w[:1].isupper() for w in texts]  # one pass: most tokens start no name
        # a one-word city name the model reads as a person, organisation, work, event, product
        # or people is one unless it stands where a place does: "Clinton, Reno and the FBI",
        # "Bush & Clinton" (ORG), "Mercedes", "Batman", "Liverpool score", not "landed in Reno"
        # (town lists hold people, firms and words: Clinton, Mercedes, Chicken, Cache)
        named = {i for e in ents if e.label_ in INTEREST_LABELS for i in range(e.start, e.end)}
        i, n = 0, len(doc)
        while i < n:  # a name the lists lack but ending in a landform ("Palm Beach") too
            if not upper[i] and texts[i] != "#":
                i += 1
                continue
            run = 0  # capitalised words from i, up to 4
            while run < 4 and i + run < n and upper[i + run]:
                run += 1
            hit = 0
            for size in range(run, 0, -1):
                toks = doc[i : i + size]
                if size == 1 and (toks[0].is_sent_start or toks[0].pos_ not in ("PROPN", "")):
                    continue
                if size == 1 and i in named and not _placed(doc, i):
                    continue
                if toks.text.lower() in self.places:
                    hit = size + _lower_landform(doc, i + size)  # "Miami beach"
                    break
            if not hit:
                hit = self._place_tag(doc, i) if texts[i] == "#" else _landform_name(doc, i)
            if hit:
                yield from range(i, i + hit)
            i += hit or 1

    def _place_tag(self, doc: Doc, i: int) -> int:
        """2 where token ``i`` is the "#" of a tag naming a place ("#LasVegas", "#DaytonaBeach"),
        else 0. One-word tags ("#Boston", "#Nice") are left: with no POS, as often a word."""
        if i + 1 >= len(doc) or doc[i].whitespace_:
            return 0
        parts = CAMEL.findall(doc[i + 1].text)
        named = " ".join(parts).lower() in self.places  # a city or airport name
        landform = parts[-1].istitle() and parts[-1].lower() in LANDFORMS if parts else False
        return 2 if len(parts) >= 2 and (named or landform) else 0

    def _normalise(
        self, doc: Doc, toks: list[Token], close: bytearray
    ) -> Iterator[tuple[Span, str]]:
        # strip possessors ("my daughter's"), determiners, pronouns, numbers, weak adjectives
        poss = [i for i, t in enumerate(toks) if t.tag_ == "POS" or t.dep_ == "case"]
        if poss:
            toks = toks[poss[-1] + 1 :]
        while toks and (
            toks[0].is_punct  # the "-" of "well-known" once "well" is gone
            or toks[0].pos_ in ("DET", "PRON", "NUM", "ADV", "PART", "AUX", "ADP", "CCONJ")
            or toks[0].tag_ in ("PRP$", "DT", "CD", "WP", "WDT")
            or (toks[0].lower_ in WEAK_MODIFIERS and toks[0].pos_ != "PROPN")
            or toks[0].is_stop
        ):
            toks = toks[1:]
        if not toks:
            return
        if any(t.like_url or t.like_email or "@" in t.text or "://" in t.text
               or dotted_name(t.text) for t in toks):  # fmt: skip
            return  # an address (e-mail, UUCP "host!user@site", URL) is nobody's passion
        head = toks[-1]
        if doc.has_annotation("TAG") and head.pos_ not in ("NOUN", "PROPN"):
            return
        words = [t.lower_ for t in toks[:-1]] + [head_word(head)]
        # glued parts stay one word: "hi-res monitor", "vl-bus", "tcp/ip"
        key = "".join(w + (" " if t.whitespace_ else "") for w, t in zip(words, toks, strict=True))
        key = key.strip()
        words = key.split()
        if key in FAMILY or (len(words) == 1 and words[0] in FAMILY):
            if close[toks[0].i]:  # "I love my kids"; not "take my son to the show"
                yield doc[toks[0].i : head.i + 1], "family"
            return
        # a stop term names chatter alone ("manager", "card"); with a modifier of its own
        # it can name a topic ("window manager", "graphics card"): the corpus judges those
        if len(key) < 3 or key in self.stop or all(w in self.stop for w in words):
            return
        hit = self.index.get(key)
        if hit is not None:
            if hit[0] == "CHANNEL":
                return
            key = hit[1]
        yield doc[toks[0].i : head.i + 1], key

    # --- passion ----------------------------------------------------------
    def _scores(self, doc: Doc, spans: list[Span], cues: list[Cue], text: str) -> list[float]:
        """Each span's passion: the score of its sentence (:meth:`_sentence_score`);
        ``text``: ``doc.text``."""
        if not spans:
            return []
        if not cues:  # no cue, "!" or emoji anywhere: every sentence scores the base
            if "!" not in text and not POSITIVE_EMOJI.search(text):
                return [NEUTRAL] * len(spans)
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        starts = [sent.start for sent in sents]
        scored: dict[int, float] = {}  # a sentence's score, once for all its spans
        out = []
        for span in spans:
            k = bisect_right(starts, span.start) - 1  # sentences tile the Doc in order
            if k not in scored:
                scored[k] = self._sentence_score(sents[k], cues)
            out.append(scored[k])
        return out

    @staticmethod
    def _sentence_score(sent: Span, cues: list[Cue]) -> float:
        near = [(w, b) for s, _, w, b in cues if sent.start <= s < sent.end]
        if near:
            weight, boost = max(near, key=lambda x: abs(x[0]))
            base = 0.05 if weight < 0 else weight + boost
        else:
            base = NEUTRAL
        if base > 0.05:
            text = sent.text
            base += min(text.count("!"), 3) * 0.05
            base += 0.1 if POSITIVE_EMOJI.search(text) else 0.0
        return round(min(1.0, max(0.0, base)), 3)


def _landform_name(doc: Doc, i: int) -> int:
    """Length of the place name starting at token ``i`` that ends in a landform, else 0:
    "Palm Beach", "Fort Walton Beach", "Palm beach" (proper nouns before it, not "The
    Beach"); hashtags
    ("#DaytonaBeach") are :meth:`Mentions._place_tag`'s."""
    j = i
    while j < len(doc) and doc[j].text[:1].isupper() and doc[j].lower_ not in LANDFORMS:
        if doc[j].pos_ not in ("PROPN", ""):
            return 0
        j += 1
    if not (0 < j - i <= 3 and j < len(doc) and doc[j].lower_ in LANDFORMS):
        return 0
    return j - i + 1 if doc[j].text[:1].isupper() or _lower_landform(doc, j) else 0


def _lower_landform(doc: Doc, j: int) -> bool:
    """Token ``j`` is a landform written lower-case after the name it ends ("here in Palm
    beach", "Miami beach"): the parse makes the proper noun before it its compound. A
    plural stays a topic ("Maui beaches")."""
    prev = doc[j - 1] if j > 0 else None
    return (
        j < len(doc) and prev is not None and doc[j].lower_ in LANDFORMS
        and doc[j].tag_ == "NN" and prev.pos_ == "PROPN" and prev.dep_ == "compound"
        and prev.head.i == j
    )  # fmt: skip


def _shouted(ent: Span) -> bool:
    """A one-word entity written in capitals: the model reads a shouted word as a name as
    readily as an acronym ("BEAUTIFUL", "LEDGE", "MEN" as ORG on reddit), so it is a plain
    word and the corpus's everyday-word test judges it. An acronym stays a candidate the
    same way ("NBA", "SCSI": rare in English); one that spells an everyday word ("IT") is
    as ambiguous to a reader."""
    return len(ent) == 1 and ent[0].is_upper and len(ent[0].text) > 1


def _placed(doc: Doc, i: int) -> bool:
    """Token ``i`` stands where a place does: after "in", "to"..., before "to", "airport"..."""
    before = doc[i - 1].lower_ in PLACE_BEFORE if i else False
    return before or (i + 1 < len(doc) and doc[i + 1].lower_ in PLACE_AFTER)


def _hashtag_word(doc: Doc, i: int) -> bool:
    """Token ``i`` is the word of a #hashtag: a letter word glued to a "#" before it."""
    return i > 0 and doc[i - 1].text == "#" and not doc[i - 1].whitespace_ and doc[i].is_alpha


def _glued(toks: list[Token], k: int, run: list[Token]) -> bool:
    """Token ``k`` is a "-" or "/" glued between two words ("vl-bus", "tcp/ip", "hi-res")."""
    tok = toks[k]
    if tok.text not in ("-", "/") or tok.whitespace_ or not run or run[-1].whitespace_:
        return False
    return k + 1 < len(toks) and _usable(toks[k + 1])


def _usable(tok: Token) -> bool:
    text = tok.text
    if tok.like_url or tok.like_email or text[:1] in "@#" or tok.is_punct or tok.is_space:
        return False
    if tok.pos_ == "CCONJ" or date_word(tok) or code_like(text):  # "Thu", "exit(1"
        return False
    return tok.tag_ == "POS" or any(c.isalpha() for c in text)
