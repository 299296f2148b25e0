"""Stage 4: communities of customers who share passions.

Customers become TF-IDF vectors of what they write (interest phrases and
content words). Two passes:

1. each customer is linked to its ``k`` most similar customers (cosine) and
   Leiden (igraph, C code) splits that graph by modularity: a first,
   rough grouping;
2. each feature is weighted by how unevenly it falls across those groups
   (:func:`feature_weights`): words everyone writes alike ("weekend",
   "order", "thanks") fade, topic words stay. The re-weighted features join
   the graph as nodes, each linked to the customers who use it, and Leiden
   splits that graph again: a topic word is a hub that holds its community
   together even where two members share no word, and the nearest-neighbour
   links keep what each customer writes (``make eval``: newsgroups, reddit
   and planted corpora all gain over one k-NN pass).

The final partition is the consensus of several seeded runs
(:mod:`passionmap.analysis.partition`): one modularity run is one of many
near-equal optima. networkx keeps the graph object; the partitions run in
igraph because it is 10-100x faster on large graphs (``make bench``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse

from ..config import Config, require_config
from ..errors import PassionmapError
from ..io.columns import require_columns
from ..nlp.lexicon import stop_term_set  # the word list's own module: no spaCy import here
from ..resources import cpu_count, processes_for_runs
from .partition import consensus, partition
from .words import categorical, word_counts

#: Resolution used when ``Config.resolution`` is None: 1.0 is modularity as
#: Newman and Girvan defined it, a criterion that owes nothing to our own data.
STANDARD_RESOLUTION = 1.0
WORD_WEIGHT = 1.0  # a content word counts as much as a phrase voiced without passion (0.5 + 0.5)


#: (customers, features, matrix): the rows, columns and TF-IDF values of customer_features
Features = tuple[list[str], list[str], sparse.csr_matrix]


def customer_features(mentions: pd.DataFrame, words: pd.DataFrame | None = None,
                      config: Config = Config()) -> Features:  # fmt: skip
    """Customers x features TF-IDF matrix: what each customer writes about.

    Features are the customer's interest candidates (whole phrases, weighted
    0.5 + passion) and their content words (``words``, the kind ``word`` rows of
    :func:`passionmap.nlp.extraction.extract`; without them, the words of the
    phrases). Phrases alone are too sparse to compare people; words alone lose
    "red wine" vs "red eye". Features used by one customer only are dropped
    (they link no one), and so are those used by more than
    ``config.max_share`` of customers (everyone's chatter separates no one).
    Weights are log(1 + weight) times smooth IDF, rows L2-normalised
    (scikit-learn's ``TfidfTransformer``).

    Parameters
    ----------
    mentions : DataFrame
        customer_id, kind, term, passion (as from :func:`passionmap.extract`).
    words : DataFrame, optional
        Content words, one row per use (customer_id, term; as from
        :func:`passionmap.split_words`) or counted (customer_id, term, n; as
        from :func:`word_counts` and :func:`passionmap.stream`). A word weighs
        ``WORD_WEIGHT`` per use (``WORD_WEIGHT * n``): both forms give the same
        matrix, the counted one without a string per use.
    config : Config
        ``extra_stop_terms``, ``max_share``.

    Returns
    -------
    (customers, features, matrix) : list[str], list[str], scipy.sparse.csr_matrix

    Examples
    --------
    >>> m = pd.DataFrame({"customer_id": list("aabb"), "kind": ["interest"] * 4,
    ...     "term": ["trail running", "sourdough", "trail running", "yoga"],
    ...     "passion": [0.9, 0.2, 0.5, 0.3]})
    >>> customers, features, x = customer_features(m)
    >>> customers, features
    (['a', 'b'], ['running', 'trail', 'trail running'])
    """
    needed = ("customer_id", "kind", "term", "passion")
    require_columns(mentions, needed, "pm.customer_features", "mentions")
    if words is not None:
        require_columns(words, ("customer_id", "term"), "pm.customer_features", "words")
    config = require_config(config, "pm.customer_features")
    m = mentions[mentions["kind"] == "interest"]
    phrases = pd.DataFrame(
        {
            "customer_id": m["customer_id"].astype(str),
            "feature": m["term"].astype(str),
            "weight": 0.5 + m["passion"].astype(float).clip(lower=0),
        }
    )
    if words is None:  # no content words: the words of the phrases stand in for them
        words = phrases.assign(feature=phrases["feature"].str.split(" ")).explode("feature")
        words = words[["customer_id", "feature"]].assign(weight=WORD_WEIGHT)
    else:
        # counted: a word used n times weighs WORD_WEIGHT * n, as n rows of WORD_WEIGHT
        # (1.0: sums of it are exact); content words are single tokens, phrases here have
        # a space, so no (customer, feature) sums a word with a phrase
        if "n" not in words.columns:  # one row per use: counted first, no string per row
            words = word_counts(words[["customer_id", "term"]])
        words = pd.DataFrame({"customer_id": words["customer_id"], "feature": words["term"],
                              "weight": WORD_WEIGHT * words["n"].to_numpy(float)})  # fmt: skip
        words = words[~words["feature"].isin(stop_term_set(tuple(config.extra_stop_terms)))]
        phrases = phrases[phrases["feature"].str.contains(" ", regex=False)]
    # SPEC: cluster -1 means no interest found: a customer who names no topic at all
    # (no candidate phrase, entity or hashtag: "thanks!!") is compared with no one
    words = words[words["customer_id"].isin(m["customer_id"].astype(str).unique())]
    table = _feature_table(phrases, words)
    table = table.groupby(["customer_id", "feature"], observed=True, sort=True)["weight"].sum()
    table = table.reset_index()
    reach = table.groupby("feature", observed=True)["customer_id"].transform("size")
    n = table["customer_id"].nunique()
    table = table[(reach >= 2) & (reach <= max(config.max_share * n, 2))]
    if table.empty:
        return [], [], sparse.csr_matrix((0, 0))
    ci, customers = pd.factorize(table["customer_id"], sort=True)
    fi, features = pd.factorize(table["feature"], sort=True)
    # sublinear tf as log(1 + w): weights below 1 (a phrase voiced without passion) stay positive
    x = sparse.csr_matrix(
        (np.log1p(table["weight"].to_numpy(float)), (ci, fi)),
        shape=(len(customers), len(features)),
    )
    from sklearn.feature_extraction.text import TfidfTransformer

    x = TfidfTransformer().fit_transform(x).tocsr()
    return [str(c) for c in customers], [str(f) for f in features], x


def _feature_table(phrases: pd.DataFrame, words: pd.DataFrame) -> pd.DataFrame:
    """Phrases then words, customer_id and feature as categoricals over the sorted strings.

    Grouped on them, the rows come in the order of the strings, as they would
    grouped on strings, without a string per row.
    """
    columns = {
        col: pd.api.types.union_categoricals(
            [categorical(phrases[col]), categorical(words[col])], sort_categories=True
        )
        for col in ("customer_id", "feature")
    }
    weight = np.concatenate([phrases["weight"].to_numpy(float), words["weight"].to_numpy(float)])
    return pd.DataFrame({**columns, "weight": weight})


def graph_customers(graph: nx.Graph) -> list[str]:
    """The customer ids of a passionmap graph, sorted; one clear line for another graph.

    Customer and interest nodes are named ``customer:<id>`` and ``interest:<term>``
    (:func:`passionmap.analysis.graph.node`); a graph with nodes but no customer
    node (``kind="customer"``) is not a passionmap graph.

    >>> g = nx.Graph([("customer:b", "interest:yoga"), ("customer:a", "interest:yoga")])
    >>> nx.set_node_attributes(g, {n: n.split(":")[0] for n in g}, "kind")
    >>> graph_customers(g)
    ['a', 'b']
    >>> graph_customers(nx.karate_club_graph())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    passionmap.errors.PassionmapError: pm.detect: the graph has no customer nodes ...
    """
    customers = []
    for n, kind in graph.nodes(data="kind"):
        if kind in ("customer", "interest") and not str(n).startswith(f"{kind}:"):
            raise PassionmapError(
                f"pm.detect: the graph's {kind} node {n!r} is not named '{kind}:...'; "
                "build the graph with pm.build_graph(comments, mentions)"
            )
        if kind == "customer":
            customers.append(str(n).split(":", 1)[1])
    if graph.number_of_nodes() and not customers:
        raise PassionmapError(
            "pm.detect: the graph has no customer nodes (kind='customer'); "
            "build it with pm.build_graph(comments, mentions)"
        )
    return sorted(customers)


def interest_matrix(graph: nx.Graph, config: Config = Config()) -> Features:
    """Customers x interests rows of a passionmap graph, as :func:`customer_features` does.

    For a graph built by hand (no content words): the customer-interest
    edge weights stand for the mentions.

    Returns
    -------
    (customers, terms, matrix) : list[str], list[str], scipy.sparse.csr_matrix
    """
    rows = []
    for u, v, d in graph.edges(data=True):
        ku, kv = graph.nodes[u].get("kind"), graph.nodes[v].get("kind")
        if {ku, kv} == {"customer", "interest"}:
            c, t = (u, v) if ku == "customer" else (v, u)
            rows.append((c.split(":", 1)[1], t.split(":", 1)[1], float(d.get("weight", 1.0))))
    frame = pd.DataFrame(rows, columns=["customer_id", "term", "passion"])
    frame = frame.assign(kind="interest", passion=frame["passion"] - 0.5)
    return customer_features(frame, pd.DataFrame(frame[["customer_id", "term"]]), config)


def knn_graph(x: sparse.csr_matrix, k: int) -> sparse.coo_matrix:
    """Symmetric k-nearest-neighbour cosine-similarity graph of the rows of ``x``.

    ``x`` has L2-normalised rows, so a sparse product gives the cosine of every
    pair that shares a feature; ``sparse_dot_topn`` keeps each row's ``k + 1``
    largest while it multiplies (C++, one thread per core), so pairs sharing
    nothing are never computed and no row's full product is held. It replaced
    a blocked scipy product and a numpy top-k: on the same machine 20 s -> 0.25 s
    for 19,563 reddit posts, 1.8 s -> 0.08 s for 3,434 newsgroup authors, with
    the same edges but for ties (the selection among equal cosines is the
    library's; deterministic for a given input, whatever the thread count).
    An edge where either end is among the other's k nearest, weighted by
    their cosine; returned as the upper triangle.

    >>> x = sparse.csr_matrix([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]])
    >>> knn_graph(x, 1).toarray().round(2).tolist()
    [[0.0, 0.8, 0.0], [0.0, 0.0, 0.6], [0.0, 0.0, 0.0]]
    """
    from sparse_dot_topn import sp_matmul_topn

    n = x.shape[0]
    if n < 2 or k < 1:
        return sparse.coo_matrix((n, n))
    x = sparse.csr_matrix(x, dtype=np.float64)
    threads = min(cpu_count(), 8)
    top = sp_matmul_topn(x, x.T.tocsr(), top_n=k + 1, threshold=1e-9, n_threads=threads)
    row = np.repeat(np.arange(n, dtype=top.indices.dtype), np.diff(top.indptr))
    off = row != top.indices  # a customer is not its own neighbour
    row, col, val = row[off], top.indices[off], top.data[off]
    # k per row: where the row itself was not among its k + 1 (k others tie at cosine 1), drop
    # the last of (-cosine, column); sorted on those rows only: sorting all took 2.2 of 4.2 s
    # at 200,000 customers (make bench)
    over = np.flatnonzero(np.bincount(row, minlength=n) > k)
    if over.size:
        at = np.flatnonzero(np.isin(row, over))
        at = at[np.lexsort((col[at], -val[at], row[at]))]
        keep = np.ones(len(row), dtype=bool)
        keep[at[np.r_[row[at][1:] != row[at][:-1], True]]] = False
        row, col, val = row[keep], col[keep], val[keep]
    a = sparse.csr_matrix((val, (row, col)), shape=(n, n))
    return sparse.triu(a.maximum(a.T), k=1).tocoo()


def feature_weights(x: sparse.csr_matrix, membership: Sequence[int] | np.ndarray) -> np.ndarray:
    """How unevenly each feature (column of ``x``) falls across groups, 0..1.

    One minus the entropy of the groups of the customers who use the feature,
    over the entropy of the groups themselves: 0 for a feature spread over
    the groups as the groups are sized (it separates no one), 1 for one used
    in a single group. The counts are smoothed by one pseudo-customer drawn
    from the group sizes (Laplace's rule, no constant tuned to data), so a
    feature of two customers is not judged certain from two draws.

    Examples
    --------
    >>> x = sparse.csr_matrix([[1, 1, 0], [1, 1, 0], [1, 0, 1], [1, 0, 1]])
    >>> feature_weights(x, [0, 0, 1, 1]).round(2).tolist()
    [0.0, 0.35, 0.35]
    """
    groups, member = np.unique(np.asarray(membership), return_inverse=True)
    n = x.shape[0]
    if len(groups) < 2:
        return np.ones(x.shape[1])
    in_group = sparse.csr_matrix((np.ones(n), (np.arange(n), member)), shape=(n, len(groups)))
    counts = ((x != 0).astype(float).T @ in_group).toarray()  # features x groups: customers
    prior = np.asarray(in_group.sum(axis=0)).ravel() / n
    p = (counts + prior) / (counts.sum(axis=1, keepdims=True) + 1.0)
    entropy = -(p * np.log(p)).sum(axis=1)
    return np.clip(1.0 - entropy / -(prior * np.log(prior)).sum(), 0.0, 1.0)


def with_features(knn: sparse.coo_matrix, x: sparse.csr_matrix) -> sparse.coo_matrix:
    """The customer graph ``knn`` plus one node per feature (column of ``x``).

    Nodes ``0..n-1`` are the customers, ``n..n+f-1`` the features; a feature
    is linked to each customer who uses it, weighted by the customer's value
    in ``x``. Rows of ``x`` are L2-normalised, so that weight is the cosine
    of the customer with the feature's own axis: the same scale as the
    customer-customer cosines of ``knn``. Upper-triangle adjacency.
    """
    n, f = x.shape
    c = sparse.coo_matrix(x)
    keep = c.data > 0
    rows = np.concatenate([knn.row, c.row[keep]])
    cols = np.concatenate([knn.col, c.col[keep] + n])
    return sparse.coo_matrix(
        (np.concatenate([knn.data, c.data[keep]]), (rows, cols)), shape=(n + f, n + f)
    )


def resolution_for(config: Config) -> float:
    """``config.resolution``, or the standard 1.0 when it is None.

    >>> resolution_for(Config()), resolution_for(Config(resolution=0.5))
    (1.0, 0.5)
    """
    return STANDARD_RESOLUTION if config.resolution is None else float(config.resolution)


@dataclass(frozen=True)
class Communities:
    """What :func:`detect` found: each customer's community and the partition's quality."""

    labels: pd.Series  # cluster (int, -1: none) indexed by customer_id, largest first
    modularity: float = 0.0  # of the final partition
    resolution: float = 1.0  # the one used (--communities N searches it)
    #: mean adjusted Rand index between the consensus's seeded runs over the customers with
    #: features (1: every run found the same communities); None: one run, nothing to compare
    agreement: float | None = None


def find_communities(
    graph: nx.Graph | Iterable[str], config: Config = Config(), features: Features | None = None
) -> pd.Series:
    """Each customer's community: :func:`detect`'s ``labels``.

    >>> g = nx.Graph()
    >>> for c, i in [("a", "yoga"), ("b", "yoga"), ("c", "yoga"), ("d", "chess"),
    ...              ("e", "chess"), ("f", "chess")]:
    ...     g.add_node(f"customer:{c}", kind="customer")
    ...     g.add_node(f"interest:{i}", kind="interest")
    ...     g.add_edge(f"customer:{c}", f"interest:{i}", weight=1.0)
    >>> find_communities(g).tolist()
    [0, 0, 0, 1, 1, 1]
    """
    return detect(graph, config, features).labels


def detect(
    graph: nx.Graph | Iterable[str], config: Config = Config(), features: Features | None = None
) -> Communities:
    """Group customers by what they write about.

    Each customer is a TF-IDF vector (``features``, from
    :func:`customer_features`; by default the interests of ``graph``), linked
    to its ``config.neighbors`` most similar customers; Leiden
    (``config.resolution``, ``config.seed``) splits that graph into first
    groups. Features are re-weighted by how unevenly they fall across those
    groups (:func:`feature_weights`) and join the graph as nodes linked to
    their customers (:func:`with_features`); the consensus of
    ``config.consensus`` Leiden runs on that graph
    (:func:`passionmap.analysis.partition.consensus`) is the communities. Groups smaller
    than ``config.min_cluster_size`` and customers with nothing to compare get
    -1. Clusters are numbered by size, largest first; same input and seed,
    same result.

    Parameters
    ----------
    graph : networkx.Graph or iterable of str
        Customer nodes (``kind="customer"``) name everyone to label; or the
        customer ids themselves.
    config : Config
    features : tuple, optional
        ``(customers, features, matrix)`` from :func:`customer_features`.

    Returns
    -------
    Communities
        ``labels``: ``cluster`` (int) indexed by ``customer_id`` for every
        customer node; the ``modularity`` and ``resolution`` of the partition;
        ``agreement``, how far the seeded runs of the consensus agree (mean
        pairwise ARI; None with one run).

    Examples
    --------
    >>> ids = list("abcdef")
    >>> x = sparse.csr_matrix([[1.0, 0]] * 3 + [[0, 1.0]] * 3)  # yoga, chess
    >>> found = detect(ids, features=(ids, ["yoga", "chess"], x))
    >>> found.labels.tolist(), found.modularity > 0, found.resolution
    ([0, 0, 0, 1, 1, 1], True, 1.0)
    """
    config = require_config(config, "pm.detect")
    if isinstance(graph, nx.Graph):
        everyone = graph_customers(graph)
    elif isinstance(graph, (str, bytes, pd.DataFrame)) or not isinstance(graph, Iterable):
        raise PassionmapError(
            f"pm.detect: expected the graph of pm.build_graph or the customer ids, not a "
            f"{type(graph).__name__}; for a table of comments pass comments['customer_id']"
        )
    elif features is None:
        raise PassionmapError(
            "pm.detect: customer ids need their features=pm.customer_features(mentions, words); "
            "or pass the graph of pm.build_graph"
        )
    else:  # the customer ids themselves
        everyone = sorted({str(c) for c in graph})
    result = pd.Series(-1, index=pd.Index(everyone, name="customer_id"), name="cluster")
    customers, _, x = features if features is not None else interest_matrix(graph, config)
    resolution = resolution_for(config)
    if len(customers) < 2:
        return Communities(result, 0.0, resolution)
    has = np.asarray(x.getnnz(axis=1)) > 0
    knn = knn_graph(x, config.neighbors)
    first, _ = partition(knn, resolution, config.seed, config.algorithm)
    from sklearn.preprocessing import normalize

    adj = with_features(knn, normalize(x @ sparse.diags(feature_weights(x, first))).tocsr())
    # resolution -> (membership, modularity, each seeded run's customers with features)
    cache: dict[float, tuple[np.ndarray, float, list[np.ndarray]]] = {}
    processes = processes_for_runs(config.consensus, config)

    # the --communities search and the final partition share runs
    def run(r: float) -> tuple[np.ndarray, float]:
        if r not in cache:
            seen: list[np.ndarray] = []
            membership, q = consensus(adj, r, config.seed, config.algorithm, config.consensus,
                                      processes, seen=seen)  # fmt: skip
            # only the customers' part of each run is kept (the search tries many resolutions)
            cache[r] = membership[: len(customers)], q, [m[: len(customers)][has] for m in seen]
        return cache[r][:2]

    if config.communities:
        resolution = _resolution_for_count(run, resolution, config)
    membership, modularity = run(resolution)
    agreement = _agreement(cache[resolution][2])
    groups: dict[int, list[str]] = {}
    for i, c in enumerate(membership):
        if has[i]:
            groups.setdefault(int(c), []).append(customers[i])
    ordered = sorted(groups.values(), key=lambda m: (-len(m), min(m)))
    number = 0
    known = set(result.index)
    for members in ordered:
        if len(members) < config.min_cluster_size:
            continue
        result[sorted(m for m in members if m in known)] = number
        number += 1
    return Communities(result, float(modularity), float(resolution), agreement)


def _agreement(runs: list[np.ndarray]) -> float | None:
    """Mean adjusted Rand index of every pair of runs (3 places); None for fewer than two.

    How solid the communities are: on a weak text graph each seeded run draws
    other lines, and the consensus of them is one choice among near-equals.
    """
    if len(runs) < 2:
        return None
    from sklearn.metrics import adjusted_rand_score

    pairs = [adjusted_rand_score(a, b) for i, a in enumerate(runs) for b in runs[i + 1 :]]
    return round(float(np.mean(pairs)), 3)


def _count(membership: np.ndarray, min_size: int) -> int:
    return int((np.bincount(membership) >= min_size).sum())


def _resolution_for_count(
    run: Callable[[float], tuple[np.ndarray, float]], start: float, config: Config, steps: int = 14
) -> float:
    """The resolution whose partition has ``config.communities`` groups (or the closest).

    Bisection on a log scale between 0.01 and 10: more resolution, more groups.
    Deterministic for a given seed.
    """
    want, lo, hi = config.communities, math.log(0.01), math.log(10.0)
    best_r = start
    best_gap = abs(_count(run(best_r)[0], config.min_cluster_size) - want)
    for _ in range(steps):
        if best_gap == 0:
            break
        mid = (lo + hi) / 2
        r = round(math.exp(mid), 4)
        got = _count(run(r)[0], config.min_cluster_size)
        if abs(got - want) < best_gap:
            best_r, best_gap = r, abs(got - want)
        lo, hi = (mid, hi) if got < want else (lo, mid)
    return best_r
