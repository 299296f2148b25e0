"""Stage 2: comments -> tidy mentions table (interests and channels, with passion)."""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from spacy.language import Language
from tqdm.auto import tqdm

from ..config import Config, require_config
from ..io.columns import require_columns
from ..phrases import channel_label
from .age_component import AGE_CUE, EXTENSION
from .age_rules import encode_groups, rule_rank
from .cache import TEXT_COLUMNS, TEXT_DTYPES, cached_text_mentions
from .lexicon import singular
from .nlp import SPAN_KEY, Loader, content_words, load_nlp

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

MENTION_COLUMNS = [
    "comment_id",
    "customer_id",
    "term",
    "label",
    "kind",
    "category",
    "passion",
    "personal",
    "start",
    "end",
]
WORD = "word"  # kind of the content-word rows: similarity features, not mentions
# an @handle starts a word: "x@apple.com" is an e-mail address, and "apple" no brand handle
# (the newsgroups' addresses made 1,067 "handles" that hid apple, sun, world...)
HANDLE = re.compile(r"(?<![\w.!%+-])@(\w{3,})")
PROGRESS_MIN = 2000  # show a progress bar from this many comments
ZONE = 10_000  # comments per spaCy memory zone


@dataclass(frozen=True, eq=False)
class Extracted:
    """Mentions and what finding them counted, as explicit values.

    Not in ``DataFrame.attrs``: pandas keeps those through some operations and
    not others, and writes them into Parquet files.

    Attributes
    ----------
    mentions : DataFrame
        The mentions (of :func:`raw_mentions`, or finished as :func:`extract` returns them).
    handles : Counter
        The lower-cased @handles of the comments, each with how often it is written.
    stats : dict
        ``texts`` (distinct texts), ``nlp_texts`` (read by spaCy now) and
        ``cached`` (found in the cache).
    """

    mentions: pd.DataFrame
    handles: Counter = field(default_factory=Counter)
    stats: dict[str, int] = field(default_factory=dict)


def extract(
    comments: pd.DataFrame, config: Config = Config(), nlp: Language | Loader | None = None
) -> pd.DataFrame:
    """Find interest and channel mentions in every comment.

    Each distinct text goes through spaCy once (a comment posted twice is
    read once); with ``config.cache_dir`` set, texts already read by the same
    pipeline in an earlier run come from the on-disk cache
    (:mod:`passionmap.nlp.cache`) and only new texts are read. With
    ``config.engine == "dask"`` the texts are read on a Dask cluster
    (:mod:`passionmap.nlp.engine_dask`). The result is the same in every case.

    Parameters
    ----------
    comments : DataFrame
        At least ``comment_id``, ``customer_id`` and ``text`` (as from
        :func:`passionmap.load_comments`).
    config : Config
        ``model``, ``batch_size``, ``n_process``, ``extra_stop_terms``,
        ``patterns``, ``progress``, ``cache_dir``, ``engine``.
    nlp : spacy.Language or passionmap.nlp.nlp.Loader, optional
        A pipeline from :func:`passionmap.nlp.nlp.load_nlp`, to load the model once
        for several calls; or a :class:`~passionmap.nlp.nlp.Loader`, to load it only
        if some text is not in the cache.

    Returns
    -------
    DataFrame
        One row per mention: comment_id, customer_id, term, label, kind
        (``interest`` or ``channel``: every candidate interest, judged later by
        :func:`passionmap.nlp.vocabulary.select_interests`; ``word``: the content
        words, see :func:`split_words`; ``age_cue``: the age cues, see
        :func:`split_cues`), category, passion (0..1), personal (the
        writer's own: see :mod:`passionmap.nlp.ownership`), start, end.
        :func:`extract_with_stats` also counts the texts read and cached.

    Examples
    --------
    >>> import pandas as pd
    >>> from passionmap import Config, extract
    >>> df = pd.DataFrame({"comment_id": ["1"], "customer_id": ["ann"],
    ...                    "text": ["I'm obsessed with sourdough! Saw it on Insta."]})
    >>> m = extract(df, Config(model="blank", progress=False))
    >>> m.loc[m["kind"] != "word", ["term", "kind", "passion"]].values.tolist()
    [['sourdough', 'interest', 1.0], ['instagram', 'channel', 0.25]]
    >>> m.loc[m["kind"] == "word", "term"].tolist()  # content words: similarity features
    ['obsessed', 'sourdough', 'saw', 'insta']
    """
    needed = ("comment_id", "customer_id", "text")
    require_columns(comments, needed, "pm.extract", filled=needed)
    return extract_with_stats(comments, require_config(config, "pm.extract"), nlp).mentions


def extract_with_stats(
    comments: pd.DataFrame, config: Config = Config(), nlp: Language | Loader | None = None
) -> Extracted:
    """:func:`extract`, with its counts: ``.mentions`` is what :func:`extract` returns.

    ``.stats`` counts the distinct ``texts``, those read by spaCy
    (``nlp_texts``) and those found in the cache (``cached``); ``.handles``
    the comments' @handles (see :func:`drop_handles`).

    Examples
    --------
    >>> import pandas as pd
    >>> from passionmap import Config
    >>> df = pd.DataFrame({"comment_id": ["1", "2"], "customer_id": ["ann", "bo"],
    ...                    "text": ["Love hiking @REI", "Love hiking @REI"]})
    >>> found = extract_with_stats(df, Config(model="blank", progress=False))
    >>> found.stats, dict(found.handles), len(found.mentions) > 0
    ({'texts': 1, 'nlp_texts': 1, 'cached': 0}, {'rei': 2}, True)
    """
    raw = raw_mentions(comments, config, nlp)
    return Extracted(finish_mentions(raw.mentions, raw.handles), raw.handles, raw.stats)


def raw_mentions(
    comments: pd.DataFrame, config: Config = Config(), nlp: Language | Loader | None = None
) -> Extracted:
    """The mentions of a chunk of comments, before the corpus-wide steps.

    ``.mentions``: ``label`` still holds each span's casing vote; ``.handles``
    counts the chunk's @handles and ``.stats`` its texts. Join the chunks'
    mentions and hand them to :func:`finish_mentions` with the summed handles:
    the result is the same as :func:`extract` on all the comments at once. ``nlp`` may be a
    :class:`passionmap.nlp.nlp.Loader`: the model is then loaded only if some
    text is not in the cache.
    """
    get = nlp if isinstance(nlp, Loader) else Loader(config, nlp)
    texts = comments["text"].astype(str)
    codes, uniques = pd.factorize(texts, use_na_sentinel=False)
    unique_texts = [str(t) for t in uniques]
    stats = {"texts": len(unique_texts), "nlp_texts": len(unique_texts), "cached": 0}
    if config.cache_dir:
        found, stats = cached_text_mentions(
            unique_texts, config, lambda todo: text_mentions(todo, config, get())
        )
    else:
        found = text_mentions(unique_texts, config, get())
    mentions = attach(share_strings(cues_in_rule_order(found)), codes, comments)
    handles = Counter(h.lower() for t in texts for h in HANDLE.findall(t))
    return Extracted(mentions, handles, stats)


def finish_mentions(
    raw: pd.DataFrame, handles: Counter, best: pd.Series | None = None
) -> pd.DataFrame:
    """Corpus-wide steps of :func:`extract`: drop brand handles, choose display labels.

    ``best`` (from :func:`best_labels` over the :func:`label_votes` of every
    chunk) lets each chunk be finished on its own, with the labels of the whole.
    """
    mentions = drop_handles(raw, handles)
    mentions["label"] = display_labels(mentions, best)
    return mentions.astype({"passion": "float64", "start": "int64", "end": "int64"})


def split_words(mentions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(mentions, words): the interest and channel rows, and the content-word rows.

    The words (customer_id, comment_id, term) compare customers
    (:func:`passionmap.analysis.communities.customer_features`); they are not mentions.
    """
    needed = ("customer_id", "comment_id", "term", "kind")
    require_columns(mentions, needed, "pm.split_words", "mentions")
    is_word = (mentions["kind"] == WORD).to_numpy()
    if not is_word.any():
        empty = pd.Series(dtype=str)
        words = pd.DataFrame({"customer_id": empty, "comment_id": empty, "term": empty})
        return mentions, words
    words = mentions.loc[is_word, ["customer_id", "comment_id", "term"]].reset_index(drop=True)
    return mentions[~is_word].reset_index(drop=True), words


def split_cues(mentions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(mentions, cues): the rows of every other kind, and the age-cue rows.

    The age cues (kind ``age_cue``, found by the ``passionmap_age_cues`` component:
    term is the rule id, label the words matched, category the rule's groups, start
    and end their offsets) say how old a writer may be
    (:func:`passionmap.nlp.age_cues.cue_table`); they are not mentions.

    Examples
    --------
    >>> import pandas as pd
    >>> from passionmap import Config
    >>> df = pd.DataFrame({"comment_id": ["1"], "customer_id": ["ann"],
    ...                    "text": ["Retired last spring, now it's golf"]})
    >>> mentions, cues = split_cues(extract(df, Config(model="blank", progress=False)))
    >>> cues[["term", "label", "start", "end"]].values.tolist()
    [['retired', 'Retired last', 0, 12]]
    """
    is_cue = (mentions["kind"] == AGE_CUE).to_numpy()
    if not is_cue.any():
        return mentions, mentions.iloc[:0]
    cues = mentions[is_cue].reset_index(drop=True)
    return mentions[~is_cue].reset_index(drop=True), cues


def cues_in_rule_order(found: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`text_mentions` with the age cues at the end, by text, rule, offset.

    The cache and :func:`doc_rows` keep a text's rows in offset order; the cues
    are voted on (:func:`passionmap.nlp.age_cues.infer_generations`) in the
    order of the rules file, as :func:`passionmap.nlp.age_cues.find_cues` lists
    them. :func:`attach` sorts by text, stably: each text's cues come after
    its other rows, which keep their order.
    """
    is_cue = (found["kind"] == AGE_CUE).to_numpy()
    if not is_cue.any():
        return found
    cues = found[is_cue]
    rank = cues["term"].map(rule_rank()).to_numpy()
    order = np.lexsort((cues["start"].to_numpy(), rank, cues["text"].to_numpy()))
    return pd.concat([found[~is_cue], cues.iloc[order]], ignore_index=True)


def text_mentions(
    texts: list[str], config: Config = Config(), nlp: Language | None = None
) -> pd.DataFrame:
    """Mentions of a list of texts, by position in the list: the spaCy part of :func:`extract`.

    Runs ``nlp.pipe`` in batches of ``config.batch_size`` with
    ``config.n_process`` processes, inside ``nlp.memory_zone()`` every
    ``ZONE`` texts so that long streams do not grow the vocabulary; or hands
    the texts to the Dask cluster when ``config.engine == "dask"``.

    Returns
    -------
    DataFrame
        text (position in ``texts``), term, label (the span's own casing, a
        vote for :func:`display_labels`), kind, category, passion, start, end;
        in text order, then span order.
    """
    if config.engine == "dask" and texts:
        from .engine_dask import dask_text_mentions

        return dask_text_mentions(texts, config, text_mentions)
    if not texts:
        return text_frame([])
    if nlp is None:
        nlp = load_nlp(config.model, config.extra_stop_terms, config.patterns)
    rows: list[tuple] = []
    bar = tqdm(
        total=len(texts),
        desc="extract",
        unit="comment",
        disable=not config.progress or len(texts) < PROGRESS_MIN,
        leave=False,  # one bar per chunk of a streamed file: do not pile them up
    )
    n_process = max(1, int(config.n_process))
    # spaCy hands Docs back a batch at a time, the first after a whole batch (11 s for 512
    # newsgroup posts on two processes): a bar moved per Doc then said "1/2600, 7:52:51
    # left" for a two-minute run. Moved per batch, its first rate is a batch's.
    step, done = config.batch_size * n_process, 0
    for lo in range(0, len(texts), ZONE):
        with nlp.memory_zone():
            chunk = texts[lo : lo + ZONE]
            docs = nlp.pipe(chunk, batch_size=config.batch_size, n_process=n_process)
            for i, doc in enumerate(docs, start=lo):
                rows.extend(doc_rows(doc, i))
                done += 1
                if done == step:
                    bar.update(done)
                    done = 0
    bar.update(done)
    bar.close()
    return text_frame(rows)


def doc_rows(doc: Doc, i: int) -> list[tuple]:
    """The mentions of one Doc as rows of :data:`TEXT_COLUMNS`, text position ``i``.

    Interests, channels, the Doc's content words (kind ``word``: the
    features that compare customers, never written to mentions.parquet; see
    :func:`passionmap.nlp.doc_words.content_words`) and its age cues (kind
    ``age_cue``: see :func:`split_cues`), ordered by their offsets.
    """
    words = [(i, w, "", WORD, "", 0.0, False, a, b) for w, a, b in content_words(doc)]
    # (cue, start, end, text, groups): a CueMatch, or a list after a trip between processes
    words += [
        (i, cue, text, AGE_CUE, encode_groups(groups), 0.0, False, a, b)
        for cue, a, b, text, groups in doc._.get(EXTENSION) or ()
    ]
    rows = [_span_row(span, i) for span in doc.spans[SPAN_KEY]]
    # in text order, as the cache gives them back (stable: a span before its own word)
    return sorted(rows + words, key=lambda r: (r[7], r[8]))


def _span_row(span: Span, i: int) -> tuple:
    """One mention span as a row of :data:`TEXT_COLUMNS`."""
    own = span._  # once: each ``span._`` builds its accessor anew (a quarter of this time)
    return (i, own.pm_key, _casing(span), span.label_, own.pm_category or "", own.pm_passion,
            bool(own.pm_personal), span.start_char, span.end_char)  # fmt: skip


def text_frame(rows: list[tuple]) -> pd.DataFrame:
    """Rows of :data:`TEXT_COLUMNS` as a typed DataFrame."""
    frame = pd.DataFrame(rows, columns=TEXT_COLUMNS)
    return frame.astype(TEXT_DTYPES)


SHARED_COLUMNS = ("term", "kind", "category")  # few distinct values, millions of rows


def share_strings(frame: pd.DataFrame, columns: Sequence[str] = SHARED_COLUMNS) -> pd.DataFrame:
    """Object columns in which equal values are one shared Python string.

    Millions of mentions then hold a few hundred string objects, 8 bytes a row,
    instead of one string each (about 60 bytes). Values and order are unchanged.

    >>> terms = ["yoga", "".join(["yo", "ga"])]  # equal, two objects
    >>> f = share_strings(pd.DataFrame({"term": terms, "kind": "x", "category": ""}))
    >>> f["term"].iloc[0] is f["term"].iloc[1], f["term"].tolist()
    (True, ['yoga', 'yoga'])
    """
    shared = {}
    for col in columns:
        codes, uniques = pd.factorize(frame[col])
        values = np.array([sys.intern(str(u)) for u in uniques] + [None], dtype=object)
        # code -1 (missing) takes the None at the end; object dtype, or pandas makes it str again
        shared[col] = pd.Series(values[codes], index=frame.index, dtype=object)
    return frame.assign(**shared)


def attach(found: pd.DataFrame, codes: np.ndarray, comments: pd.DataFrame) -> pd.DataFrame:
    """Give every comment the mentions of its text (``codes``: text position per comment).

    Keeps the comment order, and the span order within a comment.
    """
    found = found.sort_values("text", kind="stable")
    n_texts = int(codes.max()) + 1 if len(codes) else 0
    counts = np.bincount(found["text"].to_numpy(), minlength=n_texts)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]]) if n_texts else counts
    per_comment = counts[codes] if len(codes) else np.zeros(0, dtype=np.int64)
    total = int(per_comment.sum())
    comment = np.repeat(np.arange(len(codes)), per_comment)
    first = np.repeat(np.cumsum(per_comment) - per_comment, per_comment)
    take = np.repeat(starts[codes], per_comment) + (np.arange(total) - first)
    body = found.iloc[take].drop(columns="text").reset_index(drop=True)
    for col in ("customer_id", "comment_id"):  # taken, not copied into objects
        body.insert(0, col, comments[col].astype("str").iloc[comment].reset_index(drop=True))
    return body[MENTION_COLUMNS]


def _casing(span: Span) -> str:
    """The span's text as a vote for its display casing.

    A capital that only marks the start of a sentence ("Hiking is my life")
    does not count: it votes for the lower-case form.
    """
    text = span.text
    if span[0].is_sent_start and text[:1].isupper() and not any(c.isupper() for c in text[1:]):
        return text[:1].lower() + text[1:]
    return text


def drop_handles(mentions: pd.DataFrame, handles: Counter) -> pd.DataFrame:
    """Drop interests that name an @handle of the corpus (the brand being addressed).

    "@united ... United lost my bag": "united" is the brand, not a passion, and
    so are "united airlines" (a word of it is the handle) and "southwest"
    (the start of @SouthwestAir). ``handles`` counts the lower-cased handles of
    every comment; those written at least twice count.
    """
    handles = {h for h, n in handles.items() if n >= 2}
    if not handles or mentions.empty:
        return mentions

    def is_brand(term: str) -> bool:
        joined = term.replace(" ", "")
        if len(joined) >= 4 and any(
            h == joined or (h.startswith(joined) and len(joined) >= 5) for h in handles
        ):
            return True
        words = term.split(" ")
        return len(words) > 1 and any(
            (len(w) >= 4 and w in handles)
            or (len(w) >= 5 and any(h.startswith(w) for h in handles))
            for w in words
        )

    interest = mentions["kind"] == "interest"  # channels and content words are never brands
    terms = mentions.loc[interest, "term"]
    brand = terms.map({t: is_brand(t) for t in terms.unique()}).astype(bool)
    return mentions.drop(index=brand.index[brand]).reset_index(drop=True)


def label_votes(mentions: pd.DataFrame) -> pd.Series:
    """How often each term is written in each casing: (term, label) -> count.

    A group's name votes in the number its members write it: the key of "Jews" is
    "jew" (a plural group name is keyed singular), and shows as "Jews" where that
    is the commoner form.
    """
    low = mentions["label"].str.lower()
    same = (low == mentions["term"]) & (mentions["kind"] != AGE_CUE)
    group = (mentions["category"] == "norp") & ~same
    if group.any():
        same[group] = low[group].map(singular) == mentions.loc[group, "term"]
    return mentions.loc[same, ["term", "label"]].value_counts()


def best_labels(votes: pd.Series) -> pd.Series:
    """Each term's most common casing (ties: the first in sort order), from :func:`label_votes`."""
    counts = votes.rename("count").reset_index()
    counts = counts.sort_values(["term", "count", "label"], ascending=[True, False, True])
    return counts.drop_duplicates("term").set_index("term")["label"]


def display_labels(mentions: pd.DataFrame, best: pd.Series | None = None) -> pd.Series:
    """One display form per term: the key in its most common written casing.

    Age cues keep their label: the words matched.
    """
    labels = mentions["term"].copy()
    if mentions.empty:
        return labels
    if best is None:
        best = best_labels(label_votes(mentions))
    mapped = labels.map(best)
    labels = mapped.where(mapped.notna(), labels).astype(object)
    channels = mentions["kind"] == "channel"
    labels[channels] = mentions.loc[channels, "term"].map(channel_label)
    cues = mentions["kind"] == AGE_CUE
    labels[cues] = mentions.loc[cues, "label"]
    return shared(labels)


def shared(values: pd.Series) -> pd.Series:
    """``values`` as one Python string per distinct value, every row pointing to it.

    Mapping onto the Arrow-backed labels and back to object made one string per
    row: 57 bytes a mention, a fifth of a streamed run's memory (make bench).

    >>> s = shared(pd.Series(["a", "b"] * 2).astype("str").astype(object))
    >>> s.tolist(), s[0] is s[2]
    (['a', 'b', 'a', 'b'], True)
    """
    codes, uniques = pd.factorize(values)
    out = np.asarray(uniques, dtype=object)[codes] if len(uniques) else np.full(len(codes), None)
    out[codes < 0] = np.nan
    return pd.Series(out, index=values.index, name=values.name, dtype=object)
