"""Which candidate terms are interests: decided by corpus statistics, not a hand list.

Extraction (:mod:`passionmap.nlp.nlp`) makes every noun phrase, named entity and
hashtag a candidate. Here each candidate term is measured over the whole
corpus (:func:`term_table`) and kept as an interest (:func:`select_interests`)
when

1. at least ``config.min_mentions`` customers use it (an interest is shared);
2. it is not everyone's chatter: no more than ``config.max_share`` of the
   customers use it;
3. it is not the brand's own domain: a term this corpus writes at least
   :data:`DOMAIN_RATIO` times as often as general English does (``wordfreq``'s
   reference frequencies) is what the comments are *about* (flights, gates,
   sizes, fabric), unless its users concentrate in one community
   (:data:`CONCENTRATION`): then it is a topic some customers share
   ("windows" among PC users, "bible" among believers) and they are not
   mostly complained about (mean passion at least :data:`NEUTRAL`). That
   escape holds only in a corpus of many subjects: where the corpus has one
   subject (:func:`corpus_subject`: "flight" in airline tweets, "dress" in
   a shop's reviews) every elevated word is a part of it ("wifi",
   "legroom"), however concentrated its users. A phrase holding a domain
   word ("middle seat", "lost bag") is domain too, unless it is a topic by
   the same test ("virtual memory" among PC users);
4. it is not everyday vocabulary: a single word as common in English as
   :data:`GENERIC_FREQUENCY` ("change", "option") is not a topic;
5. where the corpus has one subject, it is a known interest (a pattern-file
   term). There nearly every noun belongs to the subject's world: travellers
   carry coats, iPads and golf clubs alike, and "coat" is as rare, as
   concentrated and as far from general English as "golf", so no corpus
   statistic tells the two apart (reason ``unlisted``; on the airline tweets
   that was 24 of the top 30). The lexicon's categories can: it names golf,
   not coats. A user adds a term to ``patterns/interests.jsonl`` (or
   ``--patterns``) to count it. Among many subjects (forums), open-vocabulary
   terms stay interests: there the corpus itself separates the topics;
6. where the corpus has one subject, some customer makes the known term their
   own (reason ``impersonal`` otherwise): a #hashtag, "my"/"our" on its phrase
   ("my guitar", "my golf bag", "our Disney World vacation") or a strong
   passion cue at it ("love the dancing"). The subject's world also names
   lexicon words as things of the service: "no coffee on the flight", "a
   generic environment on your site", "faith in United", "church function"
   in a dress review. Nobody owns those. Among many subjects the forum itself
   is the customers' own topic, and the test is skipped.

A mention of a phrase that fails these tests but holds an interest phrase
("second world war" holds "world war") counts for that interest
(:func:`back_off`).

Terms of the pattern files are known interests: they pass 1 to 5, and 6 when
some customer owns them, however few use them (one customer's "my sourdough"
is still their interest; the graph asks for ``min_mentions`` customers before
an interest links people). Stop terms
(``patterns/stop_terms.txt`` and ``--stop-terms``) never reach this step.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from ..config import Config, require_config
from ..io.columns import require_columns
from .lexicon import NEUTRAL, feelings

#: A term written 3x more often here than general English predicts is the
#: corpus's own domain, not a passion beyond it. The ratio is smoothed by one
#: mention (count / (expected + 1)), so that counting noise in rare words does
#: not pass for it: two mentions of "sourdough" are a passion, 40 of "tarmac" not.
DOMAIN_RATIO = 3.0
#: A domain term is still an interest when at least half of its users are in one
#: community where it is at least twice as common as among all customers.
CONCENTRATION = (0.5, 2.0)
#: A word among the ~1,500 commonest of English (50 per million words and more:
#: "time", "change", "response", "option") is everyday vocabulary, not a topic,
#: unless a pattern file names it ("family", "music").
GENERIC_FREQUENCY = 50e-6
#: An open-vocabulary term (not in a pattern file) is an interest only when its
#: users form a group: at least 60% of them in one community where it is at least
#: four times as common as among all clustered customers; or the same of the two
#: communities that hold most of its users, taken together (modularity draws lines
#: inside a topic area: the PC-hardware authors of the newsgroups fell into two
#: communities, and "disk", "scsi", "ide" into "spread"; the pair test took gold
#: recall 0.275 -> 0.297 for precision 0.349 -> 0.338). A term spread across
#: communities is everyone's talk, however rare ("concern", "schedule"). On the
#: newsgroups, airline tweets and reviews alike this raised precision on the gold
#: set (0.16 -> 0.25) for a little recall (0.31 -> 0.27): benchmarks/eval_results.md.
GROUP = (0.6, 4.0)
#: categories that come from extraction, not from a pattern file
OPEN_CATEGORIES = frozenset(
    {"", "topic", "hashtag", "org", "product", "work_of_art", "event", "person", "norp"}
)
#: A model number: one word of letters and digits ("7080at", "lbp-8r", "d7000"). Written
#: after a make ("Maxtor 7080AT") it names one item of that make; the make is the topic.
#: Numbers alone ("Centris 650", "Maroon 5", "Formula 1") are left: there they are names.
MODEL_NUMBER = re.compile(r"(?=[a-z0-9./-]*\d)(?=[a-z0-9./-]*[a-z])[a-z0-9./-]+")
TERM_COLUMNS = [
    "term", "customers", "mentions", "share", "passion", "known", "entity", "ratio", "english",
    "expected", "top_share", "top_lift", "pair_share", "pair_lift", "own", "interest", "reason",
]  # fmt: skip


@lru_cache(maxsize=1 << 16)
def english_frequency(term: str) -> float:
    """How often general English writes ``term`` (per word; ``wordfreq``, 0 if unknown).

    >>> english_frequency("flight") > english_frequency("tarmac") > 0
    True
    """
    from wordfreq import word_frequency

    return float(word_frequency(term, "en"))


def term_table(mentions: pd.DataFrame, clusters: pd.Series | None = None,
               n_words: int | None = None) -> pd.DataFrame:  # fmt: skip
    """Corpus statistics of every interest candidate, one row per term.

    Parameters
    ----------
    mentions : DataFrame
        Candidates (kind ``interest``) and channels, as from :func:`passionmap.extract`.
    clusters : Series, optional
        Community per customer (-1: none), for ``top_share`` and ``top_lift``.
    n_words : int, optional
        Words in the corpus (for ``ratio``); by default 8 per mention.

    Returns
    -------
    DataFrame
        term, customers, mentions, share (of all customers with a candidate),
        passion (mean), own (customers who make it their own: a mention
        with ``personal`` set), known (a pattern-file term), entity (a named entity
        or hashtag), english (its frequency in English), expected (mentions
        English predicts here), ratio (mentions / (expected + 1)), top_share
        (share of its clustered users in its most common community), top_lift
        (how much more common it is there than among all clustered customers),
        pair_share and pair_lift (the same of its two most common communities
        together); sorted by customers, then term.
    """
    m = mentions[mentions["kind"] == "interest"]
    if m.empty:
        return pd.DataFrame(columns=TERM_COLUMNS[:-2])
    n_customers = max(m["customer_id"].nunique(), 1)
    table = m.groupby("term", sort=True).agg(
        customers=("customer_id", "nunique"),
        mentions=("term", "size"),
        passion=("passion", "mean"),
        category=("category", "first"),
    )
    if "personal" in m:
        own = m.loc[m["personal"].astype(bool), ["customer_id", "term"]].drop_duplicates()
        table["own"] = own["term"].value_counts().reindex(table.index).fillna(0).astype(int)
    else:  # hand-made mentions without the column: everyone's own
        table["own"] = table["customers"]
    table["share"] = table["customers"] / n_customers
    table["entity"] = ~table["category"].isin({"", "topic"})
    table["known"] = ~table["category"].isin(OPEN_CATEGORIES)
    words = n_words or 8 * len(m)
    english = np.array([english_frequency(t) for t in table.index])
    table["english"] = english
    table["expected"] = english * words
    table["ratio"] = table["mentions"] / (table["expected"] + 1.0)
    table["top_share"], table["top_lift"] = 0.0, 0.0
    table["pair_share"], table["pair_lift"] = 0.0, 0.0
    if clusters is not None:
        member = clusters.rename("cluster")
        users = m[["customer_id", "term"]].drop_duplicates()
        users = users.assign(cluster=users["customer_id"].astype(str).map(member))
        users = users[users["cluster"].fillna(-1) >= 0]
        if not users.empty:
            sizes = member[member >= 0].value_counts()
            n_clustered = float(sizes.sum())
            per = users.groupby(["term", "cluster"]).size().rename("n").reset_index()
            per["of_term"] = per["n"] / per.groupby("term")["n"].transform("sum")
            overall = per.groupby("term")["n"].transform("sum") / n_clustered
            per["lift"] = per["n"] / per["cluster"].map(sizes) / overall
            ranked = per.sort_values(["term", "n", "lift"], ascending=[True, False, False])
            top = ranked.drop_duplicates("term").set_index("term")
            table["top_share"] = top["of_term"].reindex(table.index).fillna(0.0)
            table["top_lift"] = top["lift"].reindex(table.index).fillna(0.0)
            # the two communities holding most of its users, together (rule 5's pair)
            pair = ranked.groupby("term", sort=False).head(2)
            pair = pair.assign(size=pair["cluster"].map(sizes) / n_clustered)
            both = pair.groupby("term")[["of_term", "size"]].sum()
            table["pair_share"] = both["of_term"].reindex(table.index).fillna(0.0)
            table["pair_lift"] = (both["of_term"] / both["size"]).reindex(table.index).fillna(0.0)
    out = table.drop(columns="category").reset_index()
    return out.sort_values(["customers", "term"], ascending=[False, True], ignore_index=True)


def corpus_subject(table: pd.DataFrame, clusters: pd.Series | None) -> str | None:
    """The one subject of the corpus, if it has one: its commonest elevated term,
    when more customers use that term than the largest community holds.

    A word that outgrows every community is shared across them: the comments
    are about one thing (airline tweets: "flight" by 2,034 customers, the
    largest community 849; a shop's reviews: "dress", 179 vs 82). In a forum
    of many subjects each community has its own words and none outgrows the
    communities (newsgroups: "window", 307 vs 632; reddit hobbies: "picture",
    436 vs 1,522). The comparison needs no constant; without two communities
    there is nothing to compare and no subject is named.

    >>> t = pd.DataFrame({"term": ["flight", "wifi"], "customers": [9, 3],
    ...                   "ratio": [50.0, 20.0], "known": False})
    >>> corpus_subject(t, pd.Series([0, 0, 0, 1, 1, 1, 2, 2]))
    'flight'
    >>> corpus_subject(t, pd.Series([0] * 10 + [1] * 5)) is None
    True
    """
    if clusters is None or table.empty:
        return None
    sizes = clusters[clusters >= 0].value_counts()
    elevated = table[(table["ratio"] >= DOMAIN_RATIO) & ~table["known"]]
    if len(sizes) < 2 or elevated.empty:
        return None
    top = elevated.sort_values(["customers", "term"], ascending=[False, True]).iloc[0]
    return str(top["term"]) if top["customers"] > sizes.iloc[0] else None


def judge(
    table: pd.DataFrame, config: Config = Config(), subject: str | None = None
) -> pd.DataFrame:
    """Add ``interest`` (bool) and ``reason`` to a :func:`term_table`.

    Reasons: ``interest``, ``rare`` (fewer customers than ``min_mentions``),
    ``chatter`` (more than ``max_share`` of customers), ``domain`` (the
    corpus's own subject: spread across communities, or any elevated word
    where the corpus has one ``subject``, see :func:`corpus_subject`; or a
    phrase holding such a word), ``generic`` (everyday English), ``feeling`` (a name of a
    feeling, ``patterns/feelings.txt``: "hatred", "joy"), ``spread``
    (an open-vocabulary term whose users do not form a group, :data:`GROUP`),
    ``unlisted`` (an open-vocabulary term where the corpus has one subject),
    ``impersonal`` (there, a known term nobody makes their own: rule 6);
    and ``subject`` (bool), True on the ``subject``'s own row.
    """
    t = table.copy()
    share_min, lift_min = CONCENTRATION
    concentrated = (t["top_share"] >= share_min) & (t["top_lift"] >= lift_min)
    # a concentrated elevated word is a community's topic only among many subjects
    # voiced neutrally on average (no cue: exactly NEUTRAL) is not complained about; the
    # tolerance absorbs the rounding of a mean
    topic = concentrated & (t["passion"] >= NEUTRAL - 1e-9) & (subject is None)
    domain = (t["ratio"] >= DOMAIN_RATIO) & ~t["known"] & ~topic
    # "middle seat" is a seat: a phrase holding a domain word is about the domain,
    # unless (among many subjects) its users form a community's topic: "virtual
    # memory" on a forum where "memory" is everyone's word
    domain_words = set(t.loc[domain, "term"])
    holds = t["term"].map(lambda term: " " in term and bool(domain_words & set(term.split())))
    domain = domain | (holds.astype(bool) & ~t["known"] & ~topic)
    single = ~t["term"].str.contains(" ", regex=False)
    generic = single & (t["english"] >= GENERIC_FREQUENCY) & ~t["known"] & ~t["entity"]
    # how a writer feels, not what they are into; judged here, not dropped as a stop term, so
    # the word still compares customers (dropped as a candidate: newsgroups 0.550 -> 0.539)
    feeling = t["term"].isin(feelings()) & ~t["known"]
    group_share, group_lift = GROUP
    grouped = (t["top_share"] >= group_share) & (t["top_lift"] >= group_lift)
    # a topic two related communities share ("scsi" among PC and Mac hardware authors)
    if "pair_share" in t:
        grouped |= (t["pair_share"] >= group_share) & (t["pair_lift"] >= group_lift)
    # without two communities there is no group to judge by: the test is skipped
    spread = ~t["known"] & ~grouped & (t["top_lift"].max() > 1.0 if len(t) else False)
    # one subject: every open-vocabulary term is part of its world (rule 5 above)
    unlisted = ~t["known"] & (subject is not None)
    # one subject: a known term nobody makes their own is a thing of the service (rule 6),
    # however few use it: one customer's unowned "crossword" (the flight attendant's) is
    # no more a passion than forty customers' unowned "coffee" (no coffee on board)
    impersonal = t["known"] & (t["own"] == 0) & (subject is not None) if "own" in t else False
    reason = np.select(
        [
            (t["customers"] < config.min_mentions) & ~t["known"],
            (t["share"] > config.max_share) & ~t["known"],
            domain,
            generic,
            feeling,
            spread,
            unlisted,
            impersonal,
        ],
        ["rare", "chatter", "domain", "generic", "feeling", "spread", "unlisted", "impersonal"],
        "interest",
    )
    t["reason"] = reason
    t["interest"] = reason == "interest"
    t["subject"] = t["term"] == subject
    return t


def select_interests(mentions: pd.DataFrame, config: Config = Config(),
                     clusters: pd.Series | None = None,
                     n_words: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:  # fmt: skip
    """Keep the interest mentions whose term the corpus shows to be an interest.

    Returns
    -------
    (mentions, terms) : DataFrame, DataFrame
        The mentions (channels and the kept interests, in their order) and the
        judged :func:`term_table` (``interest``, ``reason``) of every candidate.

    Examples
    --------
    >>> m = pd.DataFrame({"customer_id": list("abcdefghi"),
    ...     "term": ["bonsai"] * 3 + ["kiln"] + ["thing"] * 5,
    ...     "kind": "interest", "category": "", "passion": 0.25})
    >>> kept, terms = select_interests(m)
    >>> kept["term"].unique().tolist(), terms.set_index("term")["reason"].to_dict()
    (['bonsai'], {'thing': 'chatter', 'bonsai': 'interest', 'kiln': 'rare'})
    """
    needed = ("customer_id", "kind", "term", "category", "passion")
    require_columns(mentions, needed, "pm.select_interests", "mentions")
    config = require_config(config, "pm.select_interests")
    table = term_table(mentions, clusters, n_words)
    terms = judge(table, config, corpus_subject(table, clusters))
    keep = set(terms.loc[terms["interest"], "term"])
    mentions = back_off(mentions, terms, keep)
    is_interest = mentions["kind"] == "interest"
    kept = mentions[~is_interest | mentions["term"].isin(keep)].reset_index(drop=True)
    return kept, terms


def back_off(mentions: pd.DataFrame, terms: pd.DataFrame, keep: set[str]) -> pd.DataFrame:
    """A mention of a phrase that is no interest counts for the interest phrase inside it.

    "St41200n hard disk", "second world war" and "random screen saver" are each
    written once, and so fail as terms; "hard disk", "world war" and "screen
    saver" are interests of the corpus. Such a mention is re-keyed to the
    contiguous phrase of at least two of its words that is an interest (the one
    most customers use, then the longest). Its label becomes that interest's
    display form; ``start`` and ``end`` still span the whole phrase it was
    found in. Single words are not backed off to: inside a longer phrase a word
    is often a modifier out of its sense ("bus" of "local bus", "right" of
    "right hand"); ``make eval`` on the gold set: phrases only P 0.333 -> 0.341,
    R 0.311 -> 0.329; words too P 0.304, R 0.342. One exception: a phrase that
    ends in model numbers (:data:`MODEL_NUMBER`: "maxtor 7080at", "canon
    lbp-8r") counts for the make before them, one word or more.

    >>> m = pd.DataFrame({"customer_id": ["a", "b", "c"], "kind": "interest",
    ...     "term": ["window manager", "window manager", "window manager decoration"],
    ...     "label": ["window manager", "window manager", "Window Manager decoration"]})
    >>> t = pd.DataFrame({"term": ["window manager"], "customers": [2]})
    >>> back_off(m, t, {"window manager"})[["term", "label"]].values.tolist()[2]
    ['window manager', 'window manager']
    >>> m = pd.DataFrame({"customer_id": ["a", "b", "c"], "kind": "interest",
    ...                   "term": ["maxtor", "maxtor", "maxtor 7080at"]})
    >>> t = pd.DataFrame({"term": ["maxtor"], "customers": [2]})
    >>> back_off(m, t, {"maxtor"})["term"].tolist()
    ['maxtor', 'maxtor', 'maxtor']
    """
    reach = terms.set_index("term")["customers"].to_dict()
    is_interest = mentions["kind"] == "interest"
    lost = mentions.loc[is_interest & ~mentions["term"].isin(keep), "term"].unique()
    to: dict[str, str] = {}
    for term in lost:
        words = term.split(" ")
        inside = {" ".join(words[i : i + n]) for n in range(2, len(words))
                  for i in range(len(words) - n + 1)}  # fmt: skip
        make = len(words)
        while make > 1 and MODEL_NUMBER.fullmatch(words[make - 1]):
            make -= 1
        if make < len(words):  # "maxtor 7080at": the make, even as one word
            inside.add(" ".join(words[:make]))
        found = [(reach.get(p, 0), len(p.split(" ")), p) for p in inside & keep]
        if found:
            to[term] = max(found)[2]
    if not to:
        return mentions
    out = mentions.copy()
    hit = is_interest & out["term"].isin(to.keys())
    out.loc[hit, "term"] = out.loc[hit, "term"].map(to)
    if "label" in out.columns:  # each interest's display form, as extraction chose it
        shown = out.loc[is_interest & ~hit].drop_duplicates("term").set_index("term")["label"]
        out.loc[hit, "label"] = out.loc[hit, "term"].map(shown).fillna(out.loc[hit, "term"])
    return out


def domain_talk(candidates: pd.DataFrame, terms: pd.DataFrame) -> pd.DataFrame:
    """The candidate mentions of the corpus's domain words, less its one subject.

    What a community talks about when no interest is its own ("about: bag" in
    the profiles): the ``domain``, ``unlisted`` and ``impersonal`` terms of :func:`judge` (the
    subject's world), without the corpus subject, which everyone writes
    ("flight") and so names no one community.

    Parameters
    ----------
    candidates : DataFrame
        The mentions given to :func:`select_interests` (every candidate).
    terms : DataFrame
        Its judged term table (``term``, ``reason``, ``subject``).

    Examples
    --------
    >>> m = pd.DataFrame({"customer_id": list("abcd"), "kind": "interest",
    ...     "term": ["flight", "bag", "bag", "golf"]})
    >>> t = pd.DataFrame({"term": ["flight", "bag", "golf"],
    ...     "reason": ["domain", "unlisted", "interest"], "subject": [True, False, False]})
    >>> domain_talk(m, t)["term"].tolist()
    ['bag', 'bag']
    """
    world = terms["reason"].isin(["domain", "unlisted", "impersonal"]) & ~terms["subject"]
    domain = set(terms.loc[world, "term"])
    talk = candidates[(candidates["kind"] == "interest") & candidates["term"].isin(domain)]
    return talk.reset_index(drop=True)
