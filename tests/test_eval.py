"""The quality gate on real text (fast slices of make eval) and a well-formed gold set."""

from __future__ import annotations

import html
import sys

import pandas as pd
import pytest
from conftest import ROOT

from passionmap import Config, analyze, run

sys.path.insert(0, str(ROOT / "benchmarks"))

from anchor import agreement, anchor_communities  # noqa: E402
from evaluate import (  # noqa: E402
    GOLD,
    OPTIONS,
    gold_ids,
    lenient_precision_recall,
    loose_match,
    md_table,
    named_rows,
    newsgroup_truth,
    planted_means,
    read_gold,
    targets,
)
from planted import make_planted  # noqa: E402

QUIET = Config(progress=False)
# one group from each family of the dev set: the slice stays hard but small
GROUPS = ("comp.windows.x", "comp.sys.mac.hardware", "alt.atheism", "talk.politics.mideast")


def test_real_forum_authors_are_grouped_at_least_as_well_as_the_anchor(datasets, nlp_sm, tmp_path):
    """Newsgroup authors, the group never an input: passionmap against TF-IDF + Louvain."""
    posts = pd.read_csv(datasets / "newsgroups_dev.csv")
    posts = posts[posts["group"].isin(GROUPS) & (posts["text"].str.len() <= 1500)]
    posts = posts.groupby("group").head(150)
    path = tmp_path / "slice.csv"
    posts.drop(columns="group").to_csv(path, index=False)
    config = QUIET.replace(**OPTIONS["newsgroups_dev"], cache_dir=str(tmp_path / "cache"))
    truth = newsgroup_truth(posts)["group"]
    # on 379 authors one seed's partition moves ARI by +-0.05 (0.55-0.65 over seeds 0-3):
    # the mean of three seeds is the figure (the mentions cache reads the texts once)
    runs = []
    for seed in (0, 1, 2):
        result = run(path, None, config.replace(seed=seed), nlp_sm)
        runs.append(agreement(truth, result.customers.set_index("customer_id")["cluster"]))
    ours = {k: sum(r[k] for r in runs) / len(runs) for k in ("ari", "clustered")}
    anchor = agreement(truth, anchor_communities(posts))
    # measured on this slice: passionmap 0.59 (mean of 3 seeds), anchor 0.71 (on the whole
    # dev set passionmap leads: benchmarks/eval_results.md); the floor catches a fall back
    # to 0.16 (3e12e65)
    assert ours["clustered"] >= 0.9, ours
    assert ours["ari"] >= 0.5 and ours["ari"] >= anchor["ari"] - 0.15, (runs, anchor)


def test_a_small_planted_family_member_is_recovered(nlp_sm):
    """Planted communities with a vocabulary the pattern files do not contain."""
    p = make_planted(5, n_communities=6, mixing=0.2, max_customers=400)
    result = analyze(p.comments, QUIET, nlp_sm)
    truth = p.truth.set_index("customer_id")["community"]
    ours = agreement(truth, result.customers.set_index("customer_id")["cluster"])
    anchor = agreement(truth, anchor_communities(p.comments))
    # measured: passionmap 0.65, anchor 0.17 (163 customers, most with one short comment);
    # one k-NN pass without the topic-word hubs gave 0.31
    assert ours["ari"] >= 0.5 and ours["ari"] > anchor["ari"], (ours, anchor)
    # the planted topics, not the shared chatter, label the communities
    vocab = {t for v in p.params["vocabularies"] for t in v}
    labels = [w for label in result.clusters["label"] for w in label.replace(" & ", "|").split("|")]
    assert sum(w.strip().lower() in vocab for w in labels) >= len(labels) / 2, labels


def test_planted_corpora_are_reproducible():
    a, b = make_planted(3, max_customers=500), make_planted(3, max_customers=500)
    pd.testing.assert_frame_equal(a.comments, b.comments)
    assert a.params["n_communities"] == b.params["n_communities"]
    assert not make_planted(4, max_customers=500).comments.equals(a.comments)


def test_each_planted_customer_borrows_its_exact_share():
    """LFR's mixing: every customer has round(mixing x mentions) from other communities."""
    p = make_planted(2, mixing=0.3, max_customers=500)
    per = p.mentions.groupby("customer_id")["own"].agg(["size", "sum"])
    borrowed = per["size"] - per["sum"]
    assert (borrowed == (0.3 * per["size"] + 0.5).astype(int)).all()
    assert 0.2 < p.params["realised_mixing"] < 0.35  # customers with 1 mention borrow none


def test_targets_say_when_a_target_is_missed():
    res = {
        "communities": [
            {"data": "newsgroups_dev", "subset": "authors >= 2 posts", "method": "passionmap",
             "ari": 0.5, "clustered": 0.95},
            {"data": "newsgroups_dev", "subset": "authors >= 2 posts", "method": "anchor",
             "ari": 0.45, "clustered": 1.0},
        ],
        "planted": [{"mixing": 0.2, "ari": 0.95}, {"mixing": 0.5, "ari": 0.3}],
        "gold": [], "top": [],
    }  # fmt: skip
    met = {t["target"]: t["met"] for t in targets(res)}
    assert met == {
        "newsgroups ARI >= anchor + 0.10 (>= 2 posts)": False,
        "newsgroups clustered >= 0.90 (>= 2 posts)": True,
        "planted ARI >= 0.90 at every size, mixing <= 0.3": True,
    }
    assert md_table([{"a": 1}]).splitlines()[0] == "| a |"
    # with the seed spread, the target is judged on the means: 0.56 vs 0.44 is met
    res["seed_spread"] = [
        {"subset": "authors >= 2 posts", "method": "passionmap", "ari_mean": 0.56},
        {"subset": "authors >= 2 posts", "method": "anchor", "ari_mean": 0.44},
    ]
    met = {t["target"]: t["met"] for t in targets(res)}
    assert met["newsgroups ARI >= anchor + 0.10 (>= 2 posts; mean of seeds)"] is True
    # judged on the per-seed values: rounded means of 0.538 vs 0.438 hide a lead of 0.0996
    res["seed_spread"] = [
        {"subset": "authors >= 2 posts", "method": "passionmap", "ari_mean": 0.538,
         "aris": [0.5376, 0.5376]},
        {"subset": "authors >= 2 posts", "method": "anchor", "ari_mean": 0.438,
         "aris": [0.438, 0.438]},
    ]  # fmt: skip
    (news,) = [t for t in targets(res) if "mean of seeds" in t["target"]]
    assert news["met"] is False and "lead 0.0996" in news["measured"]


def test_planted_means_average_the_seeds_of_each_mixing():
    rows = [{"mixing": 0.1, "ari": a, "anchor_ari": 0.1, "oracle_ari": 1.0} for a in (0.2, 0.8)]
    rows += [{"mixing": 0.3, "ari": 0.4, "anchor_ari": 0.0, "oracle_ari": 0.9}]
    means = {r["mixing"]: r for r in planted_means(rows)}
    assert means[0.1]["ari_mean"] == 0.5 and means[0.1]["ari_worst"] == 0.2
    assert means[0.3]["oracle_mean"] == 0.9


def test_lenient_matching_is_on_word_boundaries():
    assert loose_match("swim meet", "swim meet")
    assert loose_match("marathon", "disney princess half marathon")
    assert not loose_match("cat", "catering")
    g = pd.DataFrame({"comment_id": ["a", "b"], "term": ["beach day", "golf"]})
    f = pd.DataFrame({"comment_id": ["a", "a"], "term": ["beach", "golf"]})
    assert lenient_precision_recall(g, f) == {"precision": 0.5, "recall": 0.5}


def test_gold_file_is_well_formed():
    gold = read_gold(GOLD)
    assert len(gold) >= 300
    assert set(gold["dataset"]) == {"airline_tweets", "clothing_reviews", "newsgroups_dev"}
    assert (gold["dataset"] == "newsgroups_dev").sum() >= 40
    assert not gold.duplicated(["dataset", "row"]).any()
    assert gold["interests"].map(len).sum() >= 100
    for col in ("interests", "channels"):
        keys = [k for ks in gold[col] for k in ks]
        assert all(k == k.lower().strip() and k for k in keys)
    channels = {k for ks in gold["channels"] for k in ks}
    assert channels <= {"twitter", "facebook", "email", "phone", "website", "store", "blog",
                        "forum"}  # fmt: skip
    assert gold_ids(gold).is_unique or gold.duplicated("dataset").any()


def test_gold_rows_point_at_the_dataset_text(datasets):
    gold = read_gold(GOLD)
    files = {
        "airline_tweets": ("airline_tweets.csv", "text"),
        "clothing_reviews": ("clothing_reviews.csv", "Review Text"),
        "newsgroups_dev": ("newsgroups_dev.csv", "text"),
    }
    for name, (file, col) in files.items():
        texts = pd.read_csv(datasets / file)[col]
        mine = gold[gold["dataset"] == name]
        for row, text in zip(mine["row"], mine["text"], strict=True):
            assert html.unescape(str(texts.iloc[row])) == html.unescape(text), (name, row)


@pytest.mark.parametrize("name", sorted(OPTIONS))
def test_eval_maps_every_dataset_it_names(name, datasets):
    assert (datasets / f"{name}.csv").is_file()


def test_the_planted_vocabulary_leaves_out_the_lexicons_words():
    """The planted topics must not be findable through passionmap's own pattern files.

    When the package moved its patterns into passionmap/nlp/, the generator read
    the old folder, found nothing and silently kept 'mini golf' and 'hockey stick': a wrong path
    now raises.
    """
    from planted import PATTERNS_DIR, load_words

    kept, dropped = load_words()
    lexicon = {"mini golf", "hockey stick", "wine rack", "hiking pole"}  # each holds a pattern word
    assert lexicon <= set(dropped) and not lexicon & set(kept)
    with pytest.raises(FileNotFoundError):
        load_words(patterns_dir=PATTERNS_DIR.parent / "nowhere")


def test_named_rows_put_each_label_beside_its_main_real_group():
    from types import SimpleNamespace

    customers = pd.DataFrame({"customer_id": list("abcdef"), "cluster": [0, 0, 0, 1, 1, -1]})
    tops = [["printer"], ["motif", "server", "x11", "xterm"]]
    clusters = pd.DataFrame({"cluster": [1, 0], "size": [2, 3], "top_interests": tops,
                             "label": ["about: windows", "motif & server"]})  # fmt: skip
    # e has no known group
    truth = pd.Series({"a": "comp.windows.x", "b": "comp.windows.x", "c": "alt.atheism",
                       "d": "comp.os.ms-windows.misc"})  # fmt: skip
    rows = named_rows("news", SimpleNamespace(customers=customers, clusters=clusters), truth)
    assert [(r["cluster"], r["label"], r["main_group"], r["main_share"]) for r in rows] == [
        (0, "motif & server", "comp.windows.x", 0.67),
        (1, "about: windows", "comp.os.ms-windows.misc", 1.0),
    ]
    assert rows[0]["top_interests"] == "motif, server, x11"
