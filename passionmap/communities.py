"""Stage 4: communities of customers who share passions (networkx Louvain; Leiden optional)."""

from __future__ import annotations

import functools
import math

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse

from .config import Config


def interest_matrix(graph: nx.Graph, config: Config = Config()):
    """Customers x interests matrix of edge weights, rows L2-normalised.

    Interests used by more than ``config.max_share`` of the customers who
    have any interest are left out: they join everyone and separate no one.

    Returns
    -------
    (customers, terms, matrix) : list[str], list[str], scipy.sparse.csr_matrix
    """
    edges = [
        (u, v, d["weight"]) if graph.nodes[u]["kind"] == "customer" else (v, u, d["weight"])
        for u, v, d in graph.edges(data=True)
        if {graph.nodes[u]["kind"], graph.nodes[v]["kind"]} == {"customer", "interest"}
    ]
    customers = sorted({e[0] for e in edges})
    if not customers:
        return [], [], sparse.csr_matrix((0, 0))
    reach = pd.Series([e[1] for e in edges]).value_counts()
    keep = set(reach[reach <= max(config.max_share * len(customers), 2)].index)
    edges = [e for e in edges if e[1] in keep]
    terms = sorted(keep)
    ci = {c: i for i, c in enumerate(customers)}
    ti = {t: i for i, t in enumerate(terms)}
    rows = np.fromiter((ci[e[0]] for e in edges), dtype=np.int64, count=len(edges))
    cols = np.fromiter((ti[e[1]] for e in edges), dtype=np.int64, count=len(edges))
    vals = np.fromiter((e[2] for e in edges), dtype=np.float64, count=len(edges))
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(len(customers), len(terms)))
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    x = sparse.diags(1.0 / norms) @ x
    return [c.split(":", 1)[1] for c in customers], [t.split(":", 1)[1] for t in terms], x.tocsr()


def knn_graph(x: sparse.csr_matrix, k: int) -> sparse.coo_matrix:
    """Symmetric k-nearest-neighbour cosine-similarity graph of the rows of ``x``.

    Memory grows with rows x k, not rows squared: similarities are computed
    in blocks and only the top ``k`` of each row are kept.
    """
    n = x.shape[0]
    xt = x.T.tocsc()
    rows, cols, vals = [], [], []
    block = max(1, 2_000_000 // max(n, 1))
    for lo in range(0, n, block):
        sim = (x[lo : lo + block] @ xt).toarray()
        for r in range(sim.shape[0]):
            sim[r, lo + r] = 0.0
        kk = min(k, n - 1)
        if kk <= 0:
            break
        top = np.argpartition(-sim, kk - 1, axis=1)[:, :kk]
        top_vals = np.take_along_axis(sim, top, axis=1)
        r_idx = np.repeat(np.arange(lo, lo + sim.shape[0]), kk)
        mask = top_vals.ravel() > 0
        rows.append(r_idx[mask])
        cols.append(top.ravel()[mask])
        vals.append(top_vals.ravel()[mask])
    if not rows:
        return sparse.coo_matrix((n, n))
    a = sparse.coo_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)
    ).tocsr()
    return a.maximum(a.T).tocoo()


#: Automatic resolution (``Config.resolution=None``): tuned by ``make eval`` on the
#: sample at 600 to 5,000 customers and on its one-week slices (200 to 300).
AUTO_RESOLUTION = ((3000, 0.5), (None, 0.3))  # (below this many customers, resolution)


def resolution_for(config: Config, customers: int) -> float:
    """The resolution to use: ``config.resolution``, or by size when it is None.

    Small graphs (a week of comments) need a higher resolution than large ones
    to keep communities apart: 0.5 below 3,000 customers with interests, 0.3
    from there.

    Examples
    --------
    >>> resolution_for(Config(), 600), resolution_for(Config(), 5000)
    (0.5, 0.3)
    >>> resolution_for(Config(resolution=1.0), 600)
    1.0
    """
    if config.resolution is not None:
        return float(config.resolution)
    return next(r for limit, r in AUTO_RESOLUTION if limit is None or customers < limit)


def find_communities(graph: nx.Graph, config: Config = Config()) -> pd.Series:
    """Group customers by shared interests.

    Customers become points (their idf-weighted interest profiles), linked to
    their ``config.neighbors`` most similar customers (cosine); Louvain
    (``config.resolution``, ``config.seed``) splits that graph. Groups smaller
    than ``config.min_cluster_size`` and customers with no interest get -1.
    Clusters are numbered by size, largest first; same input and seed, same
    result.

    Returns
    -------
    Series
        ``cluster`` (int) indexed by ``customer_id`` for every customer node;
        ``.attrs["modularity"]`` holds the modularity of the partition.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> for c, i in [("a", "yoga"), ("b", "yoga"), ("c", "yoga"), ("d", "chess"),
    ...              ("e", "chess"), ("f", "chess")]:
    ...     g.add_node(f"customer:{c}", kind="customer")
    ...     g.add_node(f"interest:{i}", kind="interest")
    ...     g.add_edge(f"customer:{c}", f"interest:{i}", weight=1.0)
    >>> find_communities(g).tolist()
    [0, 0, 0, 1, 1, 1]
    """
    everyone = sorted(n.split(":", 1)[1] for n, k in graph.nodes(data="kind") if k == "customer")
    result = pd.Series(-1, index=pd.Index(everyone, name="customer_id"), name="cluster")
    customers, _, x = interest_matrix(graph, config)
    result.attrs["modularity"] = 0.0
    if len(customers) < 2:
        return result
    config = config.replace(resolution=resolution_for(config, len(customers)))
    # cached: the resolution search and the final partition share their runs
    partition = functools.lru_cache(maxsize=None)(_partitioner(x, len(customers), config))
    if config.communities:
        config = config.replace(resolution=_resolution_for_count(partition, config))
    parts, result.attrs["modularity"] = partition(config.resolution)
    result.attrs["resolution"] = config.resolution
    groups = sorted(([customers[i] for i in p] for p in parts), key=lambda m: (-len(m), min(m)))
    number = 0
    for members in groups:
        if len(members) < config.min_cluster_size:
            continue
        result[sorted(members)] = number
        number += 1
    return result


def _partitioner(x: sparse.spmatrix, n: int, config: Config):
    """A function resolution -> (parts, modularity) for the configured algorithm."""
    if config.algorithm == "leiden":  # the bipartite graph directly: no projection
        return lambda r: leiden_communities(x, config.replace(resolution=r))
    adj = knn_graph(x, config.neighbors)
    h = nx.Graph()
    h.add_nodes_from(range(n))
    h.add_weighted_edges_from(
        (int(r), int(c), float(v))
        for r, c, v in zip(adj.row, adj.col, adj.data, strict=True)
        if r < c
    )

    def louvain(resolution: float):
        parts = nx.community.louvain_communities(
            h, weight="weight", resolution=resolution, seed=config.seed
        )
        if not h.number_of_edges():  # nobody shares an interest: no modularity
            return parts, 0.0
        q = nx.community.modularity(h, parts, weight="weight", resolution=resolution)
        return parts, round(q, 4)

    return louvain


def _count(parts, min_size: int) -> int:
    return sum(1 for p in parts if len(p) >= min_size)


def _resolution_for_count(partition, config: Config, steps: int = 14) -> float:
    """The resolution whose partition has ``config.communities`` groups (or the closest).

    Bisection on a log scale between 0.01 and 10: more resolution, more groups.
    Deterministic for a given seed.
    """
    want, lo, hi = config.communities, math.log(0.01), math.log(10.0)
    best_r = config.resolution
    best_gap = abs(_count(partition(best_r)[0], config.min_cluster_size) - want)
    for _ in range(steps):
        if best_gap == 0:
            break
        mid = (lo + hi) / 2
        r = round(math.exp(mid), 4)
        got = _count(partition(r)[0], config.min_cluster_size)
        if abs(got - want) < best_gap:
            best_r, best_gap = r, abs(got - want)
        lo, hi = (mid, hi) if got < want else (lo, mid)
    return best_r


def leiden_communities(x: sparse.spmatrix, config: Config = Config()):
    """Leiden (igraph + leidenalg) on the customer-interest graph: ``--algorithm leiden``.

    The fast path for large graphs, with the interface of the default (same
    ``config.resolution``, same ``config.seed``). It clusters the bipartite
    customer-interest graph itself, weighted by ``x`` (the rows of
    :func:`interest_matrix`), instead of the customer k-nearest-neighbour
    projection: time and memory grow with the edges, with no customers x
    customers similarity step. Interests join the communities of their
    customers; only the customers' communities are returned. On the
    embedded sample the partition is as good as Louvain's (ARI against the
    planted communities, see ``benchmarks/results.json``).

    The quality function is ``RBConfigurationVertexPartition``: modularity
    with a resolution parameter gamma, sum over pairs of
    (A_ij - gamma k_i k_j / 2m), the objective of networkx's
    ``louvain_communities`` too, so ``resolution`` means the same thing;
    Leiden also guarantees connected communities. Needs
    ``pip install 'passionmap[leiden]'``.

    Returns
    -------
    (list of set of int, float)
        The customer communities (row numbers of ``x``) and the modularity of
        the bipartite partition at ``config.resolution``, rounded to 4 places.
    """
    try:
        import igraph as ig
        import leidenalg
    except ImportError:
        from .errors import PassionmapError

        raise PassionmapError(
            "--algorithm leiden needs the leiden extra: pip install 'passionmap[leiden]'"
        ) from None
    x = x.tocoo()
    n = x.shape[0]
    g = ig.Graph(n=n + x.shape[1], directed=False)
    g.add_edges(np.column_stack([x.row, x.col + n]).astype(np.int64))
    g.es["weight"] = x.data.astype(float)
    part = leidenalg.find_partition(
        g,
        leidenalg.RBConfigurationVertexPartition,
        weights="weight",
        resolution_parameter=config.resolution,
        seed=int(config.seed),
        n_iterations=2,  # leidenalg's default; until-stable (-1) is 5-7x slower at 100k edges
    )
    membership = np.asarray(part.membership[:n])
    order = np.argsort(membership, kind="stable")
    cuts = np.flatnonzero(np.diff(membership[order])) + 1
    groups = [set(chunk.tolist()) for chunk in np.split(order, cuts)]
    modularity = 0.0
    if g.ecount():
        modularity = round(
            g.modularity(part.membership, weights="weight", resolution=config.resolution), 4
        )
    return groups, modularity
