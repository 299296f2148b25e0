import networkx as nx
import numpy as np
import pandas as pd
import pytest

from passionmap import Config, find_communities
from passionmap.analysis.communities import detect


def planted(groups: dict[str, list[str]], members: int = 8, shared: str | None = None):
    """A bipartite graph with one group of customers per interest set."""
    g = nx.Graph()
    for name, interests in groups.items():
        for i in range(members):
            c = f"customer:{name}{i}"
            g.add_node(c, kind="customer")
            for t in interests[: 1 + i % len(interests)] + ([shared] if shared else []):
                g.add_node(f"interest:{t}", kind="interest")
                g.add_edge(c, f"interest:{t}", weight=1.0)
    g.add_node("customer:lonely", kind="customer")
    return g


def test_planted_groups_are_found_and_numbered_by_size():
    g = planted({"bake": ["sourdough", "rye"], "swim": ["swim meet", "triathlon"]})
    g.add_edge("customer:bake0", "interest:rye", weight=1.0)
    clusters = find_communities(g, Config())
    bakers = clusters[clusters.index.str.startswith("bake")]
    swimmers = clusters[clusters.index.str.startswith("swim")]
    assert bakers.nunique() == 1 and swimmers.nunique() == 1
    assert bakers.iloc[0] != swimmers.iloc[0]
    assert clusters["lonely"] == -1  # no interest
    assert detect(g, Config()).modularity > 0.3


def test_an_interest_everyone_shares_does_not_merge_groups():
    g = planted({"bake": ["sourdough"], "swim": ["swim meet"]}, shared="coffee")
    clusters = find_communities(g, Config())
    assert clusters[clusters >= 0].nunique() == 2


def test_same_seed_same_result_and_order_does_not_matter():
    g = planted({"a": ["x1", "x2"], "b": ["y1", "y2"], "c": ["z1", "z2"]})
    h = nx.Graph()
    h.add_nodes_from(sorted(g.nodes(data=True), reverse=True))
    h.add_edges_from(sorted(g.edges(data=True), reverse=True))
    first = find_communities(g, Config(seed=3))
    pd.testing.assert_series_equal(first, find_communities(g, Config(seed=3)))
    pd.testing.assert_series_equal(first, find_communities(h, Config(seed=3)))


def test_small_groups_are_not_communities():
    g = planted({"a": ["x1"], "b": ["y1"]}, members=2)
    clusters = find_communities(g, Config(min_cluster_size=3))
    assert (clusters == -1).all()


@pytest.mark.parametrize("wanted", [3, 6, 9])
def test_fixed_number_of_communities(wanted, nlp_blank):
    """--communities N: the resolution is searched until N communities come out."""
    from passionmap import extract
    from passionmap.datasets.sample import make_sample
    from passionmap.pipeline import analyze, complete

    comments = complete(make_sample(customers=300, seed=3).comments)
    cfg = Config(model="blank", progress=False, communities=wanted)
    mentions = extract(comments, cfg, nlp_blank)
    result = analyze(comments, cfg, nlp_blank, mentions)
    assert len(result.clusters) == wanted
    again = analyze(comments, cfg, nlp_blank, mentions)
    assert again.customers["cluster"].tolist() == result.customers["cluster"].tolist()


def test_cli_rejects_a_bad_community_count(tmp_path, capsys):
    from passionmap.cli import main

    (tmp_path / "c.csv").write_text("customer_id,text\na,hi\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        main(["run", str(tmp_path / "c.csv"), "--out", str(tmp_path / "o"), "--communities", "x"])
    assert stop.value.code == 2
    assert "expected auto or a positive number" in capsys.readouterr().err


def test_members_who_share_no_word_are_held_together_by_their_topic():
    """Each hiker names two of six hiking words, each knitter two of six knitting words,
    and everyone says "weekend": the topic words, not the everyday one, make the groups."""
    import itertools

    from passionmap.analysis.communities import customer_features

    rows = []
    topics = ("trail ridge summit cairn switchback scree", "yarn purl skein needle cable merino")
    for topic in topics:
        words = topic.split()
        for i, pair in enumerate(itertools.combinations(words, 2)):
            cid = f"{words[0]}{i}"
            for w in (*pair, "weekend"):
                rows.append({"customer_id": cid, "kind": "interest", "term": w, "passion": 0.5})
    mentions = pd.DataFrame(rows)
    features = customer_features(mentions, config=Config(max_share=1.0))
    clusters = find_communities(mentions["customer_id"].unique(), Config(), features)
    hikers = clusters[clusters.index.str.startswith("trail")]
    knitters = clusters[clusters.index.str.startswith("yarn")]
    assert (clusters >= 0).all()
    assert hikers.nunique() == 1 and knitters.nunique() == 1
    assert hikers.iloc[0] != knitters.iloc[0]


def test_feature_weights_fade_words_spread_like_the_groups():
    import numpy as np
    from scipy import sparse

    from passionmap.analysis.communities import feature_weights

    # column 0 everyone, column 1 group 0 only, column 2 half of each group
    x = sparse.csr_matrix(np.array([[1, 1, 1], [1, 1, 0], [1, 0, 1], [1, 0, 0]]))
    w = feature_weights(x, [0, 0, 1, 1])
    assert w[0] == 0 and w[1] > w[2] and w[2] == 0
    assert (feature_weights(x, [0, 0, 0, 0]) == 1).all()  # one group: nothing to judge by


def test_counted_words_give_the_features_of_words_per_use(nlp_blank):
    """Words counted per customer and word (as streamed, chunk by chunk) weigh what one row
    per use does: the same customers, features and TF-IDF values, to the bit."""
    import numpy as np

    from passionmap import extract, split_words
    from passionmap.analysis.communities import customer_features
    from passionmap.analysis.words import word_counts
    from passionmap.datasets.sample import make_sample
    from passionmap.pipeline import complete

    cfg = Config(model="blank", progress=False)
    comments = complete(make_sample(customers=120, seed=2).comments)
    mentions, words = split_words(extract(comments, cfg, nlp_blank))
    third = len(words) // 3
    chunks = [words.iloc[:third], words.iloc[third : 2 * third], words.iloc[2 * third :]]
    counted = word_counts(*map(word_counts, chunks))
    assert len(counted) < len(words) and counted["n"].sum() == len(words)
    c1, f1, x1 = customer_features(mentions, words, cfg)
    c2, f2, x2 = customer_features(mentions, counted, cfg)
    assert (c1, f1) == (c2, f2) and len(f1) > 50
    assert np.array_equal(x1.toarray(), x2.toarray())


def test_knn_graph_keeps_each_customers_k_nearest_even_among_exact_ties():
    """Against the dense cosines: each row's k largest are its k best links, every
    link weighs its cosine, and no row adds more than k links. Rows 0-4 are
    identical (cosine 1 with one another), so for k < 4 a row's own entry can fall
    out of the k + 1 the product keeps; the row must still add k links, not k + 1.
    Which of several equal cosines is kept is the library's choice, so values are
    compared, not columns."""
    from scipy import sparse
    from sklearn.preprocessing import normalize

    from passionmap.analysis.communities import knn_graph

    rng = np.random.default_rng(0)
    dense = np.vstack([np.tile([1.0, 0.0, 0.0, 0.0], (5, 1)), rng.random((25, 4)).round(1)])
    x = sparse.csr_matrix(normalize(dense))
    cos = (x @ x.T).toarray()
    np.fill_diagonal(cos, 0.0)
    for k in (1, 2, 3, 6):
        upper = knn_graph(x, k)
        got = (upper + upper.T).toarray()
        assert upper.nnz <= k * len(cos), k  # each row adds at most k links
        linked = got > 0
        assert np.allclose(got[linked], cos[linked]), k  # a link weighs its cosine
        best = -np.sort(-cos, axis=1)[:, :k]
        assert np.allclose(-np.sort(-got, axis=1)[:, :k], best), k
    same = sparse.csr_matrix(np.tile([1.0, 0.0], (6, 1)))  # six who write the same thing
    for k in (1, 2):
        assert 0 < knn_graph(same, k).nnz <= 6 * k, k


def test_agreement_says_how_solid_the_communities_are():
    """Clear topics: every seeded run finds them (agreement 1); words drawn at random: the runs
    draw different lines, and the agreement says so (the clothing reviews' trouble)."""
    from scipy import sparse

    rng = np.random.default_rng(0)
    ids = [f"c{i:03d}" for i in range(240)]
    topic = np.repeat(np.arange(4), 60)
    clear = sparse.csr_matrix(
        (np.ones(240 * 5), (np.repeat(np.arange(240), 5),
                            (topic[:, None] * 10 + rng.integers(0, 10, (240, 5))).ravel())),
        shape=(240, 40))  # fmt: skip
    noise = sparse.csr_matrix((rng.random((240, 300)) < 0.02).astype(float))
    solid = detect(ids, Config(), (ids, [f"w{i}" for i in range(40)], clear))
    weak = detect(ids, Config(), (ids, [f"w{i}" for i in range(300)], noise))
    assert solid.agreement == 1.0
    assert weak.agreement is not None and weak.agreement < 0.5
    assert detect(ids, Config(consensus=1), (ids, [], clear)).agreement is None
