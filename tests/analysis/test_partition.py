"""One seeded partition, or the consensus of several (passionmap.analysis.partition)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from passionmap.analysis import partition as P
from passionmap.analysis.metrics import adjusted_rand


def _noisy_blocks(seed: int = 0, blocks: int = 6, size: int = 40, p_in=0.12, p_out=0.03):
    """A planted-partition graph whose blocks a single modularity run finds only in part."""
    rng = np.random.default_rng(seed)
    n = blocks * size
    truth = np.repeat(np.arange(blocks), size)
    p = np.where(truth[:, None] == truth[None, :], p_in, p_out)
    a = np.triu(rng.random((n, n)) < p, k=1)
    row, col = np.nonzero(a)
    return sparse.coo_matrix((np.ones(len(row)), (row, col)), shape=(n, n)), truth


def _mean_pairwise_ari(partitions):
    pairs = [(a, b) for i, a in enumerate(partitions) for b in partitions[i + 1 :]]
    return np.mean([adjusted_rand(a, b) for a, b in pairs])


def test_one_run_is_the_plain_partition_and_the_same_seed_the_same_result():
    adj, _ = _noisy_blocks()
    one, q = P.consensus(adj, 1.0, seed=3, runs=1)
    plain, q_plain = P.partition(adj, 1.0, seed=3)
    assert one.tolist() == plain.tolist() and q == q_plain
    again = P.consensus(adj, 1.0, seed=3)
    assert P.consensus(adj, 1.0, seed=3)[0].tolist() == again[0].tolist()
    assert 0 < again[1] < 1


def test_consensus_agrees_with_itself_across_seeds_more_than_single_runs():
    # what a user notices: re-running with another --seed moves fewer customers
    adj, truth = _noisy_blocks()
    single = [P.partition(adj, 1.0, seed=s)[0] for s in range(6)]
    agreed = [P.consensus(adj, 1.0, seed=s)[0] for s in range(6)]
    assert _mean_pairwise_ari(agreed) > _mean_pairwise_ari(single)
    assert np.mean([adjusted_rand(truth, m) for m in agreed]) >= np.mean(
        [adjusted_rand(truth, m) for m in single]
    )


def test_a_graph_above_the_edge_limit_takes_one_run(monkeypatch):
    adj, _ = _noisy_blocks(seed=1)
    monkeypatch.setattr(P, "CONSENSUS_MAX_EDGES", adj.nnz - 1)
    assert P.consensus(adj, 1.0, seed=5)[0].tolist() == P.partition(adj, 1.0, seed=5)[0].tolist()


def test_runs_side_by_side_in_worker_processes_give_the_same_communities(monkeypatch):
    # --n-process: the seeded runs in two processes, the same partition and modularity
    import joblib

    adj, _ = _noisy_blocks(seed=2)
    alone = P.consensus(adj, 1.0, seed=7)
    pools = []

    class Spy(joblib.Parallel):
        def __call__(self, tasks):
            tasks = list(tasks)
            pools.append((self.n_jobs, len(tasks)))
            return super().__call__(tasks)

    monkeypatch.setattr(joblib, "Parallel", Spy)
    monkeypatch.setattr(P, "WORKER_START_S", 0.0)  # a small graph: workers pay only for free
    side_by_side = P.consensus(adj, 1.0, seed=7, processes=2)
    assert pools == [(2, 4)]  # the four runs after the first went to two workers
    assert side_by_side[0].tolist() == alone[0].tolist() and side_by_side[1] == alone[1]


def test_a_small_graph_keeps_its_runs_in_one_process(monkeypatch):
    adj, _ = _noisy_blocks(seed=2)
    import joblib

    monkeypatch.setattr(joblib, "Parallel", lambda *a, **k: pytest.fail("workers for 0.01 s runs"))
    assert (
        P.consensus(adj, 1.0, seed=7, processes=2)[0].tolist()
        == P.consensus(adj, 1.0, seed=7)[0].tolist()
    )


def test_an_unknown_algorithm_is_named_before_any_worker_starts():
    from passionmap.errors import PassionmapError

    adj, _ = _noisy_blocks()
    with pytest.raises(PassionmapError, match="unknown community algorithm 'walktrap'"):
        P.consensus(adj, 1.0, seed=0, algorithm="walktrap", processes=2)


def test_workers_that_cannot_start_leave_the_runs_to_this_process(monkeypatch):
    import joblib

    def no_processes(*args, **kwargs):
        raise OSError("[Errno 38] Function not implemented: /dev/shm")

    adj, _ = _noisy_blocks(seed=2)
    alone = P.consensus(adj, 1.0, seed=7)
    monkeypatch.setattr(joblib, "Parallel", no_processes)
    monkeypatch.setattr(P, "WORKER_START_S", 0.0)
    with pytest.warns(UserWarning, match="community runs in one process: worker processes failed"):
        found = P.consensus(adj, 1.0, seed=7, processes=2)
    assert found[0].tolist() == alone[0].tolist() and found[1] == alone[1]
