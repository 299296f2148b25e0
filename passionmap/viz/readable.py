"""Readable column names and legends for the tables the notebooks show.

The DataFrames of the API and the CSV files keep their names (``n_comments``,
``start_share``); only what a reader sees is renamed, through the ``names=``
of :func:`passionmap.viz.display.show` and :func:`passionmap.viz.display.table`.

Examples
--------
>>> COMMUNITIES["start_share"], MEMBERS["n_comments"], EMERGING["share_curr"]
('share there', 'comments', 'share this week')
"""

from __future__ import annotations

import pandas as pd

from passionmap.analysis.profiles import MIN_SUPPORT
from passionmap.phrases import count, percent, text_or
from passionmap.viz.display import Html, legend

#: The measures of ``loaded.stats`` and ``result.summary`` (``summary.json``), for people
#: (``stats_table(stats, names=STATS)``; a measure not listed reads with spaces for underscores).
STATS = {
    "rows_read": "records read",
    "rows_used": "records used",
    "rows_rejected": "records rejected",
    "rows_outside_dates": "records outside the dates",
    "bad_timestamps": "timestamps that could not be read",
    "bad_ages": "ages that could not be read",
    "duplicate_ids": "duplicate comment ids",
    "truncated_texts": "comments cut to the maximum length",
    "invalid_utf8_bytes": "bytes that were not valid UTF-8",
    "format": "file format",
    "comments_with_mentions": "comments that name an interest or channel",
    "mentions": "mentions of interests and channels",
    "candidate_terms": "candidate interest terms",
    "subject": "subject of the comments",
    "interests_in_graph": "interests in the community graph",
    "channels": "channels named in comments",
    "channels_used": "channels in the community graph",
    "clusters": "communities",
    "clustered_customers": "customers in a community",
    "agreement": "agreement of the seeded community runs (1: always the same)",
    "model": "spaCy model",
    "gexf_customers_without_interest": "customers left out of graph.gexf (no interest)",
    "input": "input file",
}

#: The clusters table (``result.clusters``, clusters.csv).
COMMUNITIES = {
    "cluster": "community",
    "size": "members",
    "top_interests": "top interests",
    "top_channels": "top channels",
    "start_channel": "start with",
    "generation_mix": "generations",
    "start_share": "share there",
}

#: What each column of the clusters table means, under its readable name.
COMMUNITY_MEANINGS = {
    "community": "its number, for the drill-down below",
    "members": "customers in it",
    "label": "its most distinctive interests",
    "top interests": "interests its members share, commonest first",
    "top channels": "the channels most of its members post on or name",
    "start with": "where to meet them first: the channel most of its members already post on",
    "share there": "the share of its members on that channel",
    "generations": "its members by generation (stated or inferred)",
    "passion": "the mean passion of its members' mentions (0 to 1; a dash where no member "
    "mentions an interest)",
}

#: A community's members (:func:`passionmap.weekly.community_members`, customers.csv).
MEMBERS = {
    "customer_id": "customer",
    "cluster": "community",
    "n_comments": "comments",
    "top_interests": "top interests",
    "generation_source": "generation from",
    "generation_confidence": "generation confidence",
}

#: A community's comments (:func:`passionmap.weekly.community_comments`).
COMMENTS = {"customer_id": "customer", "comment_id": "comment"}

#: Emerging interests, as both notebooks show them (their ``emerging`` cells).
EMERGING_SHOWN = [
    "label", "customers_prev", "customers_curr", "share_prev", "share_curr", "rise", "z",
    "p_value", "q_value",
]  # fmt: skip
EMERGING = {
    "label": "interest",
    "customers_prev": "customers last week",
    "customers_curr": "customers this week",
    "share_prev": "share last week",
    "share_curr": "share this week",
    "p_value": "p",
    "q_value": "q",
}

#: The audience's channels (``aud.top_channels()``), as both notebooks name them.
CHANNELS = {
    "share": "share of channel",
    "share_of_all": "share of customers",
    "inferred": "of which inferred",
    "top_interests": "top interests",
}


def community_columns(
    clusters: pd.DataFrame, one_channel: str | None = None, generations: bool = True
) -> list[str]:
    """The columns of the clusters table worth showing (the weekly report's rules).

    Every comment from ``one_channel``: no ``start_channel`` and ``start_share``,
    which would read the channel and 100% on every row. ``generations=False``
    (too few known): no ``generation_mix``, which would read "unknown 99%".

    Examples
    --------
    >>> cl = pd.DataFrame(columns=["cluster", "start_channel", "generation_mix", "start_share"])
    >>> community_columns(cl)
    ['cluster', 'start_channel', 'generation_mix', 'start_share']
    >>> community_columns(cl, one_channel="reddit", generations=False)
    ['cluster']
    """
    left_out = {"start_channel", "start_share"} if one_channel else set()
    left_out |= set() if generations else {"generation_mix"}
    return [c for c in clusters.columns if c not in left_out]


#: A customer's generation and where it came from (the customers table).
GENERATION_COLUMNS = ("generation", "age", "generation_source", "generation_confidence")


def member_columns(members: pd.DataFrame, generations: bool = True) -> list[str]:
    """The columns of a community's members table worth showing.

    ``generations=False`` (too few known, the weekly report's rule): no
    ``generation``, ``age``, ``generation_source`` and ``generation_confidence``,
    which would read "unknown", a dash, "unknown" and 0.00 on every row (on the
    newsgroups, 3,445 of 3,454 customers).

    Examples
    --------
    >>> m = pd.DataFrame(columns=["customer_id", "generation", "age", "n_comments",
    ...                           "generation_source", "generation_confidence"])
    >>> member_columns(m, generations=False)
    ['customer_id', 'n_comments']
    """
    left_out = set() if generations else set(GENERATION_COLUMNS)
    return [c for c in members.columns if c not in left_out]


def label_meanings(labels: pd.Series | list) -> dict[str, str]:
    """What the ``about:`` and ``mixed:`` labels among ``labels`` mean (none: ``{}``).

    The README's meaning (*How it works*, profiles): ``about:`` where no interest
    reaches 15% of the members, ``mixed:`` where nothing they say does either.

    Examples
    --------
    >>> for label, meaning in label_meanings(["yoga", "about: bag", "mixed: golf"]).items():
    ...     print(f"{label}: {meaning}")
    about: X: no interest reaches 15% of its members, so it is named by what they talk about (X)
    mixed: X & Y: neither an interest nor anything else they talk about reaches 15% of its members: a loose community, named by its two commonest terms that more than one member uses
    >>> label_meanings(["yoga & tea"])
    {}
    """  # noqa: E501
    said = [text_or(v) for v in labels]
    share = percent(MIN_SUPPORT)
    meanings = {
        "about: X": f"no interest reaches {share} of its members, so it is named by what they "
        "talk about (X)",
        "mixed: X & Y": f"neither an interest nor anything else they talk about reaches {share} "
        "of its members: a loose community, named by its two commonest terms that more than "
        "one member uses",
    }
    return {k: m for k, m in meanings.items() if any(s.startswith(k[:7]) for s in said)}


def community_legend(clusters: pd.DataFrame, columns: list[str]) -> Html:
    """The clusters table's legend: the columns shown, then its ``about:``/``mixed:`` labels.

    Examples
    --------
    >>> cl = pd.DataFrame({"cluster": [0], "label": ["mixed: golf & tea"], "passion": [0.3]})
    >>> print(community_legend(cl, ["cluster", "label"]).markup)  # doctest: +ELLIPSIS
    <p><em>community</em>: its number, ...</p><p>Labels: <em>mixed: X &amp; Y</em>: neither ...</p>
    """
    shown = pd.DataFrame(columns=[COMMUNITIES.get(c, c) for c in columns])
    markup = legend(shown, COMMUNITY_MEANINGS).markup
    labels = label_meanings(clusters["label"]) if "label" in clusters else {}
    if labels:
        markup += legend(pd.DataFrame(columns=list(labels)), labels, before="Labels:").markup
    return Html(markup)


def community_title(clusters: pd.DataFrame, cluster: int) -> str:
    """The drill-down's heading: the community by its label, number and size.

    Examples
    --------
    >>> cl = pd.DataFrame({"cluster": [0, 1], "size": [1558, 936], "label": ["bike", "cat & dog"]})
    >>> community_title(cl, 1)
    'Drill into one community: cat & dog (community 1, 936 members)'
    """
    row = clusters[clusters["cluster"] == cluster].iloc[0]
    size = int(row["size"])
    members = f"{count(size)} member{'' if size == 1 else 's'}"
    return f"Drill into one community: {text_or(row['label'])} (community {cluster}, {members})"
