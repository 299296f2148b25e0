"""The embedded sample: synthetic customer comments with planted communities.

The sample is the default input of ``make report`` and the ground truth of
``make eval``. Six communities of shared passion are planted, with uneven
sizes, distinctive interests (ids of ``patterns/interests.jsonl``), a
majority channel each, and an age range that gives a generation mix. Every
comment mentions one or two of its community's interests with passion cues
of varied strength (and the odd negation), sometimes names a channel in the
text, and often carries brand chatter ("my order arrived late") that is
*not* an interest. The last week shows a change: the ``green hikers`` grow
(new customers join) and ``pickleball`` spikes among the ``swim families``.

Everything is drawn from one :func:`numpy.random.default_rng` seeded by the
caller, so the same arguments give the same frames.

Examples
--------
>>> from passionmap.datasets.sample import make_sample
>>> s = make_sample(customers=60, weeks=3, seed=1)
>>> list(s.comments.columns)
['comment_id', 'customer_id', 'text', 'channel', 'timestamp', 'age']
>>> sorted(s.truth.community_name.unique())[:2]
['dog rescuers', 'green hikers']
>>> set(s.mentions.kind) <= {"interest", "channel"}
True
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd

from .sample_text import AGE_DECADE as _AGE_DECADE
from .sample_text import AGE_STAGES as _AGE_STAGES
from .sample_text import AGE_STATED as _AGE_STATED
from .sample_text import CHANNEL_LINES as _CHANNEL_LINES
from .sample_text import CHANNEL_TEXT_OTHER as _CHANNEL_TEXT_OTHER
from .sample_text import CHATTER as _CHATTER
from .sample_text import COMMUNITIES, Community
from .sample_text import HANDLES as _HANDLES
from .sample_text import LIFE_STAGE_LINES as _LIFE_STAGE_LINES
from .sample_text import PAIR_TEMPLATES as _PAIR_TEMPLATES
from .sample_text import POSTED_OTHER as _POSTED_OTHER
from .sample_text import SURFACES as _SURFACES
from .sample_text import TEMPLATES as _TEMPLATES
from .sample_text import URLS as _URLS

__all__ = [
    "COMMUNITIES",
    "Community",
    "GROWING_COMMUNITY",
    "NO_COMMUNITY",
    "Sample",
    "TREND_COMMUNITY",
    "TREND_INTEREST",
    "make_sample",
    "write_sample",
]


#: Community id of the few customers who only write brand chatter (no interest).
NO_COMMUNITY = -1
#: Name of the community that grows clearly in the last week.
GROWING_COMMUNITY = "green hikers"
#: The interest that spikes in the last week, and the community it spikes in.
TREND_INTEREST = "pickleball"
TREND_COMMUNITY = "swim families"

_NO_COMMUNITY_NAME = "none (brand chatter only)"
_CHATTER_ONLY_SHARE = 0.02  # customers who never mention an interest
_NEW_IN_LAST_WEEK = 0.40  # share of the growing community that joins in the last week
_TREND_P = (0.03, 0.60)  # chance a trend-community comment mentions the trend: before, last week
_NOISE_P = 0.07  # chance a comment also mentions another community's interest
_NEGATE_OWN_P = 0.03
_NEGATE_NOISE_P = 0.35
_CHATTER_P = 0.30
_CHANNEL_TEXT_P = 0.25
_MISSING_AGE_P = 0.12
_N_COMMENTS_P = (0.25, 0.22, 0.18, 0.15, 0.11, 0.09)  # 1..6 comments per customer
_AGE_CUE_P = 0.35  # customers who say something about their age (see _age_cue)
_AGE_CUE_STREAM = 8  # age cues come from their own random stream: the rest is unchanged

_T = TypeVar("_T")

_CUE_P = {"strong": 0.35, "medium": 0.40, "weak": 0.25}
_BRACKET = re.compile(r"\[([^\]]+)\]")


@dataclass
class Sample:
    """Synthetic comments and their ground truth.

    Attributes
    ----------
    comments : pandas.DataFrame
        comment_id, customer_id, text, channel, timestamp (datetime), age
        (nullable Int64), sorted by timestamp.
    truth : pandas.DataFrame
        customer_id, community (int; -1 for brand-chatter-only customers),
        community_name, age (the true age, also of the ~12 % whose comments
        leave it out; about a third of customers hint at it in one comment).
    mentions : pandas.DataFrame
        comment_id, kind (``interest`` / ``channel``), term (interest id or
        channel key), surface (the planted text), cue (``strong``,
        ``medium``, ``weak``, ``activity``, ``negated``; empty for channels),
        source (``community``, ``noise``, ``trend``, ``text``).
    """

    comments: pd.DataFrame
    truth: pd.DataFrame
    mentions: pd.DataFrame


def _pick(rng: np.random.Generator, seq: Sequence[_T]) -> _T:
    return seq[int(rng.integers(len(seq)))]


def _split_counts(n: int, shares: list[float]) -> list[int]:
    """Largest-remainder split of n into len(shares) whole counts."""
    raw = np.asarray(shares, dtype=float) / sum(shares) * n
    counts = np.floor(raw).astype(int)
    order = np.argsort(-(raw - counts), kind="stable")
    for i in order[: n - counts.sum()]:
        counts[i] += 1
    return counts.tolist()


def _fill(text: str) -> tuple[str, str]:
    """Strip the surface brackets; return (text, surface)."""
    m = _BRACKET.search(text)
    surface = m.group(1) if m else text
    return _BRACKET.sub(r"\1", text), surface


def _capitalise(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:] if sentence[:1].islower() else sentence


def _interest_sentence(
    rng: np.random.Generator, interest: str, cue: str | None, age: int | None = None
) -> tuple[str, str, str]:
    """One sentence about an interest: (sentence, surface, cue)."""
    forms = _SURFACES[interest]
    if cue is None and rng.random() < 0.45:
        line = _pick(rng, forms["lines"])
        lo, hi, other = _LIFE_STAGE_LINES.get(line, (0, 200, line))
        sentence, surface = _fill(line if age is None or lo <= age <= hi else other)
        return _capitalise(sentence), surface, "activity"
    if cue is None:
        cues = list(_CUE_P)
        cue = cues[int(rng.choice(len(cues), p=list(_CUE_P.values())))]
    topics = forms["topics"]
    if cue == "negated":  # "not a fan of my rescue dog" reads wrong: no possessives
        topics = tuple(t for t in topics if not t.startswith(("my ", "our "))) or topics
    topic, surface = _fill(_pick(rng, topics))
    sentence = _pick(rng, _TEMPLATES[cue]).replace("{t}", topic)
    return _capitalise(sentence), surface, cue


def _pair_sentence(rng: np.random.Generator, a: str, b: str) -> tuple[str, list[tuple[str, str]]]:
    ta, sa = _fill(_pick(rng, _SURFACES[a]["topics"]))
    tb, sb = _fill(_pick(rng, _SURFACES[b]["topics"]))
    sentence = _pick(rng, _PAIR_TEMPLATES).format(a=ta, b=tb)
    return _capitalise(sentence), [(a, sa), (b, sb)]


def _end_sentence(sentence: str) -> str:
    return sentence if sentence[-1:] in ".!?" or not sentence[-1:].isascii() else sentence + "."


def _comment(
    rng: np.random.Generator,
    comm: int,
    weights: np.ndarray | None,
    last_week: bool,
    age: int | None = None,
) -> tuple[str, list[tuple[str, str, str, str, str]]]:
    """Text of one comment and its planted mentions [(kind, term, surface, cue, source)]."""
    planted: list[tuple[str, str, str, str, str]] = []
    parts: list[str] = []
    if comm == NO_COMMUNITY:
        for idx in rng.choice(len(_CHATTER), size=int(rng.integers(1, 3)), replace=False):
            parts.append(_capitalise(_CHATTER[int(idx)]))
        emoji = ("🙄", "👍", "😕")
    else:
        community = COMMUNITIES[comm]
        emoji = community.emoji
        k = 2 if rng.random() < 0.35 and len(community.interests) > 1 else 1
        chosen = [
            community.interests[int(i)]
            for i in rng.choice(len(community.interests), size=k, replace=False, p=weights)
        ]
        if k == 2 and rng.random() < 0.4:
            sentence, pairs = _pair_sentence(rng, *chosen)
            parts.append(sentence)
            planted += [("interest", t, s, "medium", "community") for t, s in pairs]
        else:
            for term in chosen:
                cue = "negated" if rng.random() < _NEGATE_OWN_P else None
                sentence, surface, cue = _interest_sentence(rng, term, cue, age)
                parts.append(sentence)
                planted.append(("interest", term, surface, cue, "community"))
        if community.name == TREND_COMMUNITY and rng.random() < _TREND_P[last_week]:
            sentence, surface, cue = _interest_sentence(rng, TREND_INTEREST, None)
            parts.append(sentence)
            planted.append(("interest", TREND_INTEREST, surface, cue, "trend"))
        if rng.random() < _NOISE_P:
            other = COMMUNITIES[_pick(rng, [i for i in range(len(COMMUNITIES)) if i != comm])]
            term = _pick(rng, other.interests)
            cue = "negated" if rng.random() < _NEGATE_NOISE_P else None
            sentence, surface, cue = _interest_sentence(rng, term, cue, age)
            parts.append(sentence)
            planted.append(("interest", term, surface, cue, "noise"))
        if rng.random() < 0.12:  # a hashtag for one of the planted interests
            parts[-1] = parts[-1] + " " + _pick(rng, _SURFACES[chosen[0]]["tags"])
        if rng.random() < _CHATTER_P:
            chatter = _capitalise(_pick(rng, _CHATTER))
            parts.insert(0 if rng.random() < 0.5 else len(parts), chatter)
    if rng.random() < _CHANNEL_TEXT_P:
        if comm == NO_COMMUNITY:
            key = _pick(rng, _CHANNEL_TEXT_OTHER)
        else:
            u = rng.random()
            own = COMMUNITIES[comm].channels
            key = own[0][0] if u < 0.55 else own[1][0] if u < 0.80 else None
            key = key or _pick(rng, _CHANNEL_TEXT_OTHER)
        sentence, surface = _fill(_pick(rng, _CHANNEL_LINES[key]))
        parts.insert(int(rng.integers(len(parts) + 1)), _capitalise(sentence))
        planted.append(("channel", key, surface, "", "text"))
    if rng.random() < 0.25:
        i = int(rng.integers(len(parts)))
        parts[i] = parts[i] + " " + _pick(rng, emoji)
    sentences = [_end_sentence(p) if i < len(parts) - 1 else p for i, p in enumerate(parts)]
    if rng.random() < 0.05:
        sentences[0] = _pick(rng, _HANDLES) + " " + sentences[0]
    if rng.random() < 0.04:
        sentences[-1] = _end_sentence(sentences[-1]) + " " + _pick(rng, _URLS)
    text = ""
    for i, sentence in enumerate(sentences):
        text += ("" if i == 0 else "\n" if rng.random() < 0.06 else " ") + sentence
    if rng.random() < 0.12:
        text = text.lower()
    return text, planted


def _age_cue(rng: np.random.Generator, age: int) -> str | None:
    """A sentence that hints at the age (a quarter state it), or None when none fits."""
    u = rng.random()
    if u < 0.25 and age >= 16:
        return _pick(rng, _AGE_STATED).format(a=age)
    if u < 0.40 and age >= 20:
        part = "early" if age % 10 < 4 else "mid" if age % 10 < 7 else "late"
        return _pick(rng, _AGE_DECADE).format(d=age // 10 * 10, p=part)
    fits = [line for lo, hi, line in _AGE_STAGES if lo <= age <= hi]
    return _pick(rng, fits) if fits else None


def make_sample(
    customers: int = 600, weeks: int = 6, seed: int = 0, end: str = "2026-11-22"
) -> Sample:
    """Generate the synthetic comments with planted communities.

    Parameters
    ----------
    customers : int, default 600
        Number of customers. About 2 % write only brand chatter (community
        -1); the rest are split over :data:`COMMUNITIES` by their shares.
    weeks : int, default 6
        Number of ISO weeks covered, the last one being the week of `end`.
    seed : int, default 0
        Seed of the random generator; same arguments, same frames.
    end : str, default "2026-11-22"
        Last day (ISO date) of the sample.

    Returns
    -------
    Sample
        ``comments``, ``truth`` (per customer) and ``mentions`` (per
        planted mention).

    Raises
    ------
    ValueError
        If `customers` or `weeks` is below 1, or `end` is not an ISO date.

    Examples
    --------
    >>> s = make_sample(customers=100, weeks=4, seed=3)
    >>> s.truth.customer_id.nunique()
    100
    >>> s.comments.timestamp.dt.isocalendar().week.nunique()
    4
    >>> s.comments.comment_id.iloc[0]
    'm000001'
    >>> bool(s.mentions.comment_id.isin(s.comments.comment_id).all())
    True
    """
    if int(customers) < 1:
        raise ValueError(f"customers must be at least 1, got {customers}")
    if int(weeks) < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks}")
    end_day = date.fromisoformat(str(end))
    rng = np.random.default_rng(seed)
    customers, weeks = int(customers), int(weeks)
    last_monday = end_day - timedelta(days=end_day.weekday())
    first_monday = last_monday - timedelta(weeks=weeks - 1)

    n_none = round(customers * _CHATTER_ONLY_SHARE)
    counts = _split_counts(customers - n_none, [c.share for c in COMMUNITIES])
    labels = np.array([NO_COMMUNITY] * n_none + sum(([i] * n for i, n in enumerate(counts)), []))
    labels = labels[rng.permutation(customers)]
    width = max(4, len(str(customers)))
    ids = [f"c{i + 1:0{width}d}" for i in range(customers)]
    growing = next(i for i, c in enumerate(COMMUNITIES) if c.name == GROWING_COMMUNITY)

    cue_rng = np.random.default_rng([seed, _AGE_CUE_STREAM])
    true_ages = []
    rows, planted_rows = [], []
    for cid, comm in zip(ids, labels.tolist(), strict=True):
        if comm == NO_COMMUNITY:
            lo, hi, channels, weights = 18, 80, (("website", 0.5), ("email", 0.5)), None
        else:
            c = COMMUNITIES[comm]
            lo, hi, channels = *c.ages, c.channels
            base = np.linspace(1.6, 1.0, len(c.interests))  # most popular first
            weights = rng.dirichlet(base / base.sum() * 6)
        age = None if rng.random() < _MISSING_AGE_P else int(rng.integers(lo, hi + 1))
        true_age = int(cue_rng.integers(lo, hi + 1)) if age is None else age
        true_ages.append(true_age)
        keys = [k for k, _ in channels]
        probs = np.array([p for _, p in channels])
        home = keys[int(rng.choice(len(keys), p=probs / probs.sum()))]
        n = 1 + int(rng.choice(len(_N_COMMENTS_P), p=_N_COMMENTS_P))
        new_joiner = comm == growing and rng.random() < _NEW_IN_LAST_WEEK
        age_cue = _age_cue(cue_rng, true_age) if cue_rng.random() < _AGE_CUE_P else None
        cue_at = int(cue_rng.integers(n))
        for i in range(n):
            week = weeks - 1 if new_joiner else int(rng.integers(weeks))
            monday = first_monday + timedelta(weeks=week)
            days = min(7, (end_day - monday).days + 1)
            day = monday + timedelta(days=int(rng.integers(days)))
            hour = int(rng.choice(np.arange(6, 24)))
            when = datetime(day.year, day.month, day.day, hour, int(rng.integers(60)))
            u = rng.random()
            if u < 0.75:
                channel = home
            elif u < 0.92:
                channel = keys[int(rng.choice(len(keys), p=probs / probs.sum()))]
            else:
                channel = _pick(rng, [k for k in _POSTED_OTHER if k not in keys])
            text, planted = _comment(rng, comm, weights, week == weeks - 1, true_age)
            if age_cue and i == cue_at:
                url = text.rsplit(None, 1)[-1].startswith("http")
                text = (text if url else _end_sentence(text)) + " " + age_cue
            key = len(rows)
            rows.append((key, cid, text, channel, when, age))
            planted_rows += [(key, *p) for p in planted]

    comments = pd.DataFrame(
        rows, columns=["key", "customer_id", "text", "channel", "timestamp", "age"]
    )
    comments = comments.sort_values(["timestamp", "key"], kind="stable").reset_index(drop=True)
    comments.insert(0, "comment_id", [f"m{i + 1:06d}" for i in range(len(comments))])
    id_of = dict(zip(comments["key"], comments["comment_id"], strict=True))
    comments = comments.drop(columns="key")
    comments["timestamp"] = pd.to_datetime(comments["timestamp"]).astype("datetime64[s]")
    comments["age"] = comments["age"].astype("Int64")

    mentions = pd.DataFrame(
        planted_rows, columns=["key", "kind", "term", "surface", "cue", "source"]
    )
    mentions.insert(0, "comment_id", mentions.pop("key").map(id_of))
    mentions = mentions.drop_duplicates(["comment_id", "kind", "term"])
    mentions = mentions.sort_values(["comment_id", "kind", "term"]).reset_index(drop=True)

    names = {i: c.name for i, c in enumerate(COMMUNITIES)} | {NO_COMMUNITY: _NO_COMMUNITY_NAME}
    truth = pd.DataFrame({"customer_id": ids, "community": labels.astype(int)})
    truth["community_name"] = truth["community"].map(names)
    truth["age"] = np.asarray(true_ages, dtype="int64")  # also where comments hide it
    return Sample(comments=comments, truth=truth, mentions=mentions)


def _atomic_csv(frame: pd.DataFrame, target: Path) -> Path:
    """Write frame to a temporary file beside target; return the temporary path."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            frame.to_csv(fh, index=False, lineterminator="\n")
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; a data file is readable by all
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_sample(
    path: str | os.PathLike[str], customers: int = 600, weeks: int = 6, seed: int = 0
) -> Path:
    """Write the sample comments CSV and its two truth files beside it.

    Writes ``path`` (comment_id, customer_id, text, channel, timestamp as
    ``2026-11-03T14:05:00``, age), ``<stem>_truth.csv`` (customer truth) and
    ``<stem>_mentions_truth.csv`` (planted mentions). Each file is written to
    a temporary file in the same folder and moved into place with
    :func:`os.replace`, so no reader ever sees half a file.

    Parameters
    ----------
    path : str or os.PathLike
        The comments CSV to write; missing folders are created.
    customers, weeks, seed : int
        As in :func:`make_sample`.

    Returns
    -------
    pathlib.Path
        The comments CSV.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     out = write_sample(f"{folder}/sample.csv", customers=50, weeks=2, seed=5)
    ...     print(sorted(p.name for p in out.parent.iterdir()))
    ...     print(pd.read_csv(out).columns.tolist())
    ['sample.csv', 'sample_mentions_truth.csv', 'sample_truth.csv']
    ['comment_id', 'customer_id', 'text', 'channel', 'timestamp', 'age']
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    sample = make_sample(customers=customers, weeks=weeks, seed=seed)
    comments = sample.comments.copy()
    comments["timestamp"] = comments["timestamp"].dt.strftime("%Y-%m-%dT%H:%M:%S")
    outputs = {
        target: comments,
        target.with_name(f"{target.stem}_truth.csv"): sample.truth,
        target.with_name(f"{target.stem}_mentions_truth.csv"): sample.mentions,
    }
    written: dict[Path, Path] = {}
    try:
        for final, frame in outputs.items():
            written[final] = _atomic_csv(frame, final)
        for final, tmp in written.items():
            os.replace(tmp, final)
    finally:
        for tmp in written.values():
            tmp.unlink(missing_ok=True)
    return target
