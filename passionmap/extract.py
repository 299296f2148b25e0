"""Stage 2: comments -> tidy mentions table (interests and channels, with passion)."""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd
from spacy.language import Language
from tqdm.auto import tqdm

from .config import Config
from .nlp import SPAN_KEY, load_nlp

MENTION_COLUMNS = [
    "comment_id",
    "customer_id",
    "term",
    "label",
    "kind",
    "category",
    "passion",
    "start",
    "end",
]
CHANNEL_LABELS = {
    "youtube": "YouTube",
    "linkedin": "LinkedIn",
    "tiktok": "TikTok",
    "whatsapp": "WhatsApp",
    "sms": "SMS",
    "email": "Email",
}
HANDLE = re.compile(r"@(\w{3,})")
PROGRESS_MIN = 2000  # show a progress bar from this many comments
ZONE = 10_000  # comments per spaCy memory zone


def extract(comments: pd.DataFrame, config: Config = Config(), nlp: Language | None = None):
    """Find interest and channel mentions in every comment.

    Parameters
    ----------
    comments : DataFrame
        At least ``comment_id``, ``customer_id`` and ``text`` (as from
        :func:`passionmap.load_comments`).
    config : Config
        ``model``, ``batch_size``, ``extra_stop_terms``, ``patterns``, ``progress``.
    nlp : spacy.Language, optional
        A pipeline from :func:`passionmap.nlp.load_nlp`, to load the model once
        for several calls.

    Returns
    -------
    DataFrame
        One row per mention: comment_id, customer_id, term, label, kind
        (``interest`` or ``channel``), category, passion (0..1), start, end.

    Examples
    --------
    >>> import pandas as pd
    >>> from passionmap import Config, extract
    >>> df = pd.DataFrame({"comment_id": ["1"], "customer_id": ["ann"],
    ...                    "text": ["I'm obsessed with sourdough! Saw it on Insta."]})
    >>> m = extract(df, Config(model="blank", progress=False))
    >>> m[["term", "kind", "passion"]].values.tolist()
    [['sourdough', 'interest', 1.0], ['instagram', 'channel', 0.25]]
    """
    if nlp is None:
        nlp = load_nlp(config.model, config.extra_stop_terms, config.patterns)
    rows: list[tuple] = []
    ids = comments["comment_id"].astype(str).tolist()
    customers = comments["customer_id"].astype(str).tolist()
    texts = comments["text"].astype(str).tolist()
    bar = tqdm(
        total=len(texts),
        desc="extract",
        unit="comment",
        disable=not config.progress or len(texts) < PROGRESS_MIN,
    )
    for lo in range(0, len(texts), ZONE):
        with nlp.memory_zone():
            batch = zip(texts[lo : lo + ZONE], range(lo, lo + ZONE), strict=False)
            for doc, i in nlp.pipe(batch, as_tuples=True, batch_size=config.batch_size):
                for span in doc.spans[SPAN_KEY]:
                    rows.append(
                        (
                            ids[i],
                            customers[i],
                            span._.pm_key,
                            _casing(span),
                            span.label_,
                            span._.pm_category or "",
                            span._.pm_passion,
                            span.start_char,
                            span.end_char,
                        )
                    )
                bar.update(1)
    bar.close()
    mentions = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    mentions = drop_handles(mentions, texts)
    mentions["label"] = display_labels(mentions)
    return mentions.astype({"passion": "float64", "start": "int64", "end": "int64"})


def _casing(span) -> str:
    """The span's text as a vote for its display casing.

    A capital that only marks the start of a sentence ("Hiking is my life")
    does not count: it votes for the lower-case form.
    """
    text = span.text
    if span[0].is_sent_start and text[:1].isupper() and not any(c.isupper() for c in text[1:]):
        return text[:1].lower() + text[1:]
    return text


def drop_handles(mentions: pd.DataFrame, texts: list[str]) -> pd.DataFrame:
    """Drop interests that name an @handle of the corpus (the brand being addressed).

    "@united ... United lost my bag": "united" is the brand, not a passion.
    """
    handles = Counter(h.lower() for t in texts for h in HANDLE.findall(t))
    handles = {h for h, n in handles.items() if n >= 2}
    if not handles or mentions.empty:
        return mentions
    keys = mentions["term"].str.replace(" ", "", regex=False)
    brand = keys.map(
        lambda k: len(k) >= 4 and any(h == k or (h.startswith(k) and len(k) >= 5) for h in handles)
    )
    return mentions[~(brand & (mentions["kind"] == "interest"))].reset_index(drop=True)


def display_labels(mentions: pd.DataFrame) -> pd.Series:
    """One display form per term: the key in its most common written casing."""
    labels = mentions["term"].copy()
    if mentions.empty:
        return labels
    same = mentions.loc[mentions["label"].str.lower() == mentions["term"], ["term", "label"]]
    counts = same.value_counts().reset_index()
    counts = counts.sort_values(["term", "count", "label"], ascending=[True, False, True])
    best = counts.drop_duplicates("term").set_index("term")["label"]
    labels = labels.map(best).fillna(labels)
    channels = mentions["kind"] == "channel"
    labels[channels] = mentions.loc[channels, "term"].map(
        lambda k: CHANNEL_LABELS.get(k, k.title())
    )
    return labels
