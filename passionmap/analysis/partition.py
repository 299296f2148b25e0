"""Partitions of a weighted graph in igraph's C code: one run, or the consensus of several.

:func:`partition` runs Leiden (default) or Louvain once. :func:`consensus`
runs it with several seeds and partitions the graph of how often each linked
pair fell together (Lancichinetti and Fortunato, "Consensus clustering in
complex networks", Sci. Rep. 2, 336, 2012): pairs the runs agree on hold,
pairs only some runs join are weakened, pairs no run joins are cut.
"""

from __future__ import annotations

import random
import time
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

if TYPE_CHECKING:
    import igraph as ig

ALGORITHMS = ("leiden", "louvain")
#: Leiden iterations at most. igraph's "until stable" (n_iterations=-1) never returned on a
#: 5-node graph (tests/io/test_bad_input.py); the gain after a few iterations is tiny.
LEIDEN_ITERATIONS = 50
#: Iterate while modularity rises by at least this: it is reported to 4 places, and a smaller
#: rise moves few customers (make eval: every ARI within 0.01 of iterating down to 1e-12). At
#: 1M mentions each further iteration cost 0.9 s for a rise of 6e-9 (make bench).
LEIDEN_MIN_RISE = 1e-6
#: Above this many edges one run decides: each run there costs seconds (a 3.1M-edge graph
#: about 8 s here, make bench), and the consensus of five would cost five times that for a
#: partition whose runs already agree (ARI 0.9998 between seeds there).
CONSENSUS_MAX_EDGES = 1_000_000
#: Seconds the worker processes of a consensus cost before their runs pay back: joblib/loky
#: starting them with numpy, scipy and igraph, each building its own copy of the graph and
#: its first Leiden call (measured here: four runs of 320k links on two fresh workers took
#: 2.65 s where their Leiden alone is 0.82 s, 1.8 s more; on workers already running, 0.5 s).
#: The runs after the first go to workers only where the first run's time says they save
#: more than that: a clean planted graph (0.5 s a run) stays in one process; the text graphs
#: gain (the consensus of five on 2 cores, cached features, same partition: newsgroups' 264k
#: links 6.2 -> 5.3 s, reddit's 454k 21.2 -> 16.5 s; more cores, more runs side by side).
WORKER_START_S = 1.8


def _graph(adj: sparse.coo_matrix) -> ig.Graph:
    import igraph as ig

    g = ig.Graph(n=adj.shape[0], directed=False)
    # add_edges takes the (m, 2) array as is: 0.7 s for 2.2M edges where Graph(edges=...) took 1.7
    g.add_edges(np.column_stack([adj.row, adj.col]).astype(np.int64))
    # an edge attribute: igraph converts a weights array anew on every call (0.15 s at 2.2M)
    g.es["weight"] = adj.data.astype(float)
    return g


def _check(algorithm: str) -> None:
    if algorithm not in ALGORITHMS:
        from ..errors import PassionmapError

        raise PassionmapError(
            f"unknown community algorithm {algorithm!r}; use one of {', '.join(ALGORITHMS)}"
        )


def _membership(
    row: np.ndarray, col: np.ndarray, data: np.ndarray, n: int, resolution: float, seed: int,
    algorithm: str,
) -> np.ndarray:  # fmt: skip
    """One seeded run on the graph of ``(data, (row, col))``: a worker process's task."""
    g = _graph(sparse.coo_matrix((data, (row, col)), shape=(n, n)))
    return np.asarray(_run(g, resolution, seed, algorithm).membership)


def _in_workers(
    adj: sparse.coo_matrix, resolution: float, seeds: list[int], algorithm: str, workers: int
) -> list[np.ndarray] | None:
    """The seeded runs in joblib's worker processes (reused across calls); None, with a
    warning, where the workers cannot start or die (the caller runs them itself: the
    same partitions, only slower)."""
    import warnings

    from joblib import Parallel, delayed

    task = delayed(_membership)
    try:
        return Parallel(n_jobs=workers)(
            task(adj.row, adj.col, adj.data, adj.shape[0], resolution, s, algorithm) for s in seeds
        )
    except (OSError, RuntimeError) as exc:  # no processes here, or a worker killed (memory)
        warnings.warn(
            f"community runs in one process: worker processes failed ({exc})", stacklevel=3
        )
        return None


def _run(g: ig.Graph, resolution: float, seed: int, algorithm: str) -> ig.VertexClustering:
    """One seeded run on ``g``; its ``q``: the modularity at the run's weights and resolution."""
    import igraph as ig

    _check(algorithm)
    ig.set_random_number_generator(random.Random(seed))
    try:
        if algorithm == "leiden":
            found = _leiden(g, resolution)
        else:
            found = g.community_multilevel(weights="weight", resolution=resolution)
    finally:
        ig.set_random_number_generator(random)
    return found


def _modularity(g: ig.Graph, q: float) -> float:
    return round(float(q), 4) if g.ecount() else 0.0


def partition(
    adj: sparse.coo_matrix, resolution: float, seed: int, algorithm: str = "leiden"
) -> tuple[np.ndarray, float]:
    """Communities of a weighted graph (upper-triangle adjacency) in igraph's C code.

    ``leiden`` (default): ``Graph.community_leiden`` with the modularity
    objective, iterated while modularity rises by ``LEIDEN_MIN_RISE`` or more;
    communities are guaranteed connected.
    ``louvain``: ``Graph.community_multilevel``. Both maximise modularity with
    a resolution, as networkx's ``louvain_communities`` does; same seed, same
    partition (igraph draws from a ``random.Random(seed)`` set for the call).

    Returns
    -------
    (numpy.ndarray, float)
        Membership per node and the modularity at ``resolution`` (4 places).

    Examples
    --------
    >>> adj = sparse.coo_matrix(([1.0] * 6, ([0, 0, 1, 3, 3, 4], [1, 2, 2, 4, 5, 5])), (6, 6))
    >>> membership, q = partition(adj, 1.0, seed=0)
    >>> membership.tolist(), q
    ([0, 0, 0, 1, 1, 1], 0.5)
    """
    g = _graph(adj)
    found = _run(g, resolution, seed, algorithm)  # its q: computed while Leiden iterated
    return np.asarray(found.membership), _modularity(g, found.q)


def consensus(
    adj: sparse.coo_matrix, resolution: float, seed: int, algorithm: str = "leiden",
    runs: int = 5, processes: int = 1, seen: list | None = None,
) -> tuple[np.ndarray, float]:  # fmt: skip
    """The partition the runs of several seeds agree on.

    ``runs`` partitions (seeds drawn from ``seed``) give each edge of ``adj``
    the share of runs that put its two ends together; edges no run joins are
    dropped, and one more run partitions that graph. One run where
    ``runs`` is 1 or the graph has more than :data:`CONSENSUS_MAX_EDGES` edges.
    A single modularity run on a text-similarity graph is one of many near-equal
    optima (the newsgroups' ARI moves by 0.015 sd from seed to seed); their
    consensus is a better one on average (``make eval``). With ``processes``
    > 1 the runs after the first go side by side in worker processes (joblib)
    where the first run's time shows that pays (:data:`WORKER_START_S`); each
    run has its own seed, so the result is the same. ``seen``, when given, gets
    each run's membership (how far the runs agree: :func:`passionmap.analysis.communities.detect`).

    Returns
    -------
    (numpy.ndarray, float)
        Membership per node and its modularity on ``adj`` at ``resolution``.

    Examples
    --------
    >>> adj = sparse.coo_matrix(([1.0] * 7, ([0, 0, 1, 2, 3, 3, 4], [1, 2, 2, 3, 4, 5, 5])), (6, 6))
    >>> membership, q = consensus(adj, 1.0, seed=0)
    >>> membership.tolist(), q
    ([0, 0, 0, 1, 1, 1], 0.3571)
    """
    if runs <= 1 or adj.nnz > CONSENSUS_MAX_EDGES:
        return partition(adj, resolution, seed, algorithm)
    _check(algorithm)
    g = _graph(adj)
    draw = random.Random(seed)
    first, *rest = [draw.randrange(2**31) for _ in range(runs)]
    started = time.perf_counter()
    members = [np.asarray(_run(g, resolution, first, algorithm).membership)]
    took = time.perf_counter() - started
    workers = min(processes, len(rest))
    side_by_side = None
    if workers > 1 and -(-len(rest) // workers) * took + WORKER_START_S < len(rest) * took:
        side_by_side = _in_workers(adj, resolution, rest, algorithm, workers)
    if side_by_side is None:
        side_by_side = [np.asarray(_run(g, resolution, s, algorithm).membership) for s in rest]
    members += side_by_side
    if seen is not None:
        seen.extend(members)
    together = np.mean([m[adj.row] == m[adj.col] for m in members], axis=0)
    keep = together > 0
    agreed = sparse.coo_matrix((together[keep], (adj.row[keep], adj.col[keep])), shape=adj.shape)
    membership = _run(_graph(agreed), resolution, seed, algorithm).membership
    q = g.modularity(membership, weights="weight", resolution=resolution)  # on adj, not agreed
    return np.asarray(membership), _modularity(g, q)


def _leiden(g: ig.Graph, resolution: float) -> ig.VertexClustering:
    """Leiden iterations, each from the last partition, while modularity rises
    by at least ``LEIDEN_MIN_RISE``."""

    def step(start: list[int] | None) -> ig.VertexClustering:
        return g.community_leiden(
            objective_function="modularity",
            weights="weight",
            resolution=resolution,
            n_iterations=1,
            initial_membership=start,
        )

    found = step(None)
    if not g.ecount():  # no edges: every node alone, and no modularity to raise
        return found
    best = found.q
    for _ in range(LEIDEN_ITERATIONS - 1):
        again = step(found.membership)
        if again.q < best + LEIDEN_MIN_RISE:
            break
        found, best = again, again.q
    return found
