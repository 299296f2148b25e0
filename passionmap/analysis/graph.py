"""Stage 3: a networkx graph of customers, interests and channels."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd

from ..config import Config, require_config
from ..io.columns import require_columns

#: the columns each function of this module reads
COMMENTS_NEEDED = ("customer_id", "channel")
MENTIONS_NEEDED = ("customer_id", "term", "label", "kind", "passion")


def node(kind: str, key: str) -> str:
    """Node id of a customer, interest or channel.

    >>> node("interest", "sourdough")
    'interest:sourdough'
    """
    return f"{kind}:{key}"


def interest_weights(
    mentions: pd.DataFrame, n_customers: int, config: Config = Config()
) -> pd.DataFrame:
    """Customer-interest weights: sum of (0.5 + passion) over mentions, times idf.

    Interests mentioned by fewer than ``config.min_mentions`` customers are
    dropped; idf = log(N / customers mentioning) damps those shared by almost
    everyone.

    Returns
    -------
    DataFrame
        customer_id, term, mentions, passion (mean), weight; sorted.
    """
    m = mentions[mentions["kind"] == "interest"]
    if m.empty:
        return pd.DataFrame(columns=["customer_id", "term", "mentions", "passion", "weight"])
    m = m.assign(strength=0.5 + m["passion"].clip(lower=0))
    pairs = (
        m.groupby(["customer_id", "term"], sort=True)
        .agg(mentions=("term", "size"), passion=("passion", "mean"), strength=("strength", "sum"))
        .reset_index()
    )
    df = pairs.groupby("term")["customer_id"].transform("size")
    pairs = pairs[df >= config.min_mentions].copy()
    df = df[df >= config.min_mentions]
    idf = (max(n_customers, 1) / df).map(math.log).clip(lower=0.05)
    pairs["weight"] = (pairs["strength"] * idf).round(6)
    return pairs.drop(columns="strength").reset_index(drop=True)


def customer_channels(comments: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Every channel a customer posts on or mentions, with how often.

    Returns
    -------
    DataFrame
        customer_id, channel, posts, mentions, n (posts + mentions); sorted.
    """
    require_columns(comments, COMMENTS_NEEDED, "pm.customer_channels")
    require_columns(mentions, ("customer_id", "kind", "term"), "pm.customer_channels", "mentions")
    # ids as text on both sides, as the graph's nodes have them: numbers merged with
    # extract's text ids raised (a frame built by hand, customer_id 1, 2, ...)
    posts = comments.loc[comments["channel"] != "unknown", ["customer_id", "channel"]]
    posts = posts.astype({"customer_id": str}).value_counts().rename("posts").reset_index()
    said = mentions.loc[mentions["kind"] == "channel", ["customer_id", "term"]]
    said = said.astype({"customer_id": str})
    said = said.rename(columns={"term": "channel"}).value_counts().rename("mentions")
    out = posts.merge(said.reset_index(), on=["customer_id", "channel"], how="outer")
    out = out.fillna({"posts": 0, "mentions": 0}).astype({"posts": "int64", "mentions": "int64"})
    out["n"] = out["posts"] + out["mentions"]
    return out.sort_values(["customer_id", "channel"]).reset_index(drop=True)


def build_graph(
    comments: pd.DataFrame, mentions: pd.DataFrame, config: Config = Config()
) -> nx.Graph:
    """Build the customer-interest-channel graph.

    Nodes have ``kind`` (customer, interest, channel) and ``label``; customer
    nodes also ``n_comments``, interest nodes ``customers`` (how many mention
    it). Customer-interest edges carry ``weight`` (passion-weighted mentions
    times idf) and ``mentions``; customer-channel edges ``weight`` = posts +
    mentions.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"customer_id": ["a", "b"], "channel": ["twitter", "twitter"]})
    >>> m = pd.DataFrame({"customer_id": ["a", "b"], "term": ["yoga", "yoga"],
    ...     "label": ["yoga", "yoga"], "kind": ["interest"] * 2, "passion": [0.9, 0.5]})
    >>> g = build_graph(c, m)
    >>> sorted(g.nodes)
    ['channel:twitter', 'customer:a', 'customer:b', 'interest:yoga']
    """
    require_columns(comments, COMMENTS_NEEDED, "pm.build_graph")
    require_columns(mentions, MENTIONS_NEEDED, "pm.build_graph", "mentions")
    config = require_config(config, "pm.build_graph")
    g = nx.Graph()
    counts = comments["customer_id"].astype(str).value_counts()
    for cid in sorted(counts.index):
        g.add_node(node("customer", cid), kind="customer", label=cid, n_comments=int(counts[cid]))
    weights = interest_weights(mentions, len(counts), config)
    labels = mentions.drop_duplicates("term").set_index("term")["label"]
    per_term = weights.groupby("term")["customer_id"].size()
    for term, n in per_term.items():
        g.add_node(
            node("interest", term), kind="interest", label=str(labels[term]), customers=int(n)
        )
    for row in weights.itertuples(index=False):
        g.add_edge(
            node("customer", row.customer_id),
            node("interest", row.term),
            weight=float(row.weight),
            mentions=int(row.mentions),
        )
    chans = customer_channels(comments, mentions)
    for key in sorted(chans["channel"].unique()):
        g.add_node(node("channel", key), kind="channel", label=key)
    for row in chans.itertuples(index=False):
        g.add_edge(
            node("customer", row.customer_id), node("channel", row.channel), weight=float(row.n)
        )
    return g


def annotate_communities(graph: nx.Graph, comments: pd.DataFrame, customers: pd.DataFrame,
                         clusters: pd.DataFrame) -> nx.Graph:  # fmt: skip
    """Put each customer's community and active dates on its node, for Gephi.

    Customer nodes get ``cluster`` (-1: none), ``community`` (the community's
    label, "" for none) and, where the comments have timestamps, ``start`` and
    ``end`` (first and last comment day, ISO dates: Gephi's timeline); the
    graph becomes ``mode="dynamic"`` then. Changes ``graph`` in place and
    returns it.
    """
    labels = dict(zip(clusters["cluster"], clusters["label"], strict=True))
    member = dict(zip(customers["customer_id"].astype(str), customers["cluster"], strict=True))
    times = pd.to_datetime(comments.get("timestamp"), errors="coerce", utc=True)
    spans: dict[str, tuple[str, str]] = {}
    if times is not None and times.notna().any():
        by = times.groupby(comments["customer_id"].astype(str))
        days = pd.DataFrame({"start": by.min(), "end": by.max()}).dropna()
        # ISO dates for every customer at once: a .at lookup per node took 1.2 s a week at 16k
        starts = days["start"].dt.strftime("%Y-%m-%d")
        ends = days["end"].dt.strftime("%Y-%m-%d")
        spans = dict(zip(days.index, zip(starts, ends, strict=True), strict=True))
        graph.graph.update(mode="dynamic", timeformat="date")
    for cid, cluster in member.items():
        n = node("customer", cid)
        if n not in graph:
            continue
        attrs = graph.nodes[n]
        attrs["cluster"] = int(cluster)
        attrs["community"] = str(labels.get(cluster, ""))
        if cid in spans:
            attrs["start"], attrs["end"] = spans[cid]
    return graph


def interest_subgraph(graph: nx.Graph) -> tuple[nx.Graph, int]:
    """The graph without customers who have no interest edge, and how many were left out.

    They hang only on their channel node and make a hairball in Gephi.
    """
    lonely = [
        n
        for n, kind in graph.nodes(data="kind")
        if kind == "customer"
        and not any(graph.nodes[m].get("kind") == "interest" for m in graph.neighbors(n))
    ]
    if not lonely:
        return graph, 0
    sub = graph.copy()
    sub.remove_nodes_from(lonely)
    return sub, len(lonely)
