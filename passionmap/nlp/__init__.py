"""Text to mentions: spaCy, passionmap's word lists and patterns, and what wraps the extractor.

Imports :mod:`passionmap.io` and the top-level basics, nothing above. Importing
this package (or :mod:`~passionmap.nlp.lexicon`, :mod:`~passionmap.nlp.models`,
:mod:`~passionmap.nlp.age_cues`) loads no spaCy. The rooms:

- :mod:`~passionmap.nlp.extraction`: :func:`~passionmap.nlp.extraction.extract`, comments
  to the tidy mentions table;
- :mod:`~passionmap.nlp.nlp`: :func:`~passionmap.nlp.nlp.load_nlp`, the spaCy pipeline;
- :mod:`~passionmap.nlp.components`: passionmap's spaCy components;
- :mod:`~passionmap.nlp.ownership`: what a passion cue or a possessive points at
  (the writer's own things);
- :mod:`~passionmap.nlp.lexicon`: the word lists (``patterns/``, stop terms, plurals);
- :mod:`~passionmap.nlp.models`: which spaCy model a run uses, told without loading it;
- :mod:`~passionmap.nlp.cache`: mentions cached per text (wraps the extractor);
- :mod:`~passionmap.nlp.engine_dask`: ``--engine dask`` (wraps the extractor);
- :mod:`~passionmap.nlp.age_rules`: the age-cue rules and how a text is searched for them;
- :mod:`~passionmap.nlp.age_component`: the spaCy component that finds them in every Doc;
- :mod:`~passionmap.nlp.age_cues`: generations from what customers write;
- :mod:`~passionmap.nlp.vocabulary`: which candidate terms are interests;
- ``patterns/``: the JSONL pattern files and ``stop_terms.txt`` (package data).
"""
