import pandas as pd

from passionmap import Config, build_graph, customer_channels
from passionmap.analysis.graph import interest_weights


def tables():
    comments = pd.DataFrame(
        {
            "customer_id": ["a", "a", "b", "c", "d"],
            "channel": ["pinterest", "pinterest", "twitter", "unknown", "pinterest"],
        }
    )
    mentions = pd.DataFrame(
        {
            "customer_id": ["a", "b", "c", "a", "b", "d", "c"],
            "term": ["yoga", "yoga", "yoga", "chess", "chess", "kite", "email"],
            "label": ["yoga", "yoga", "yoga", "chess", "chess", "kite", "Email"],
            "kind": ["interest"] * 6 + ["channel"],
            "passion": [0.9, 0.2, 0.5, 0.5, 0.5, 1.0, 0.25],
        }
    )
    return comments, mentions


def test_nodes_have_kinds_and_rare_interests_are_left_out():
    comments, mentions = tables()
    g = build_graph(comments, mentions, Config(min_mentions=2))
    kinds = {n: k for n, k in g.nodes(data="kind")}
    assert kinds["customer:a"] == "customer" and kinds["interest:yoga"] == "interest"
    assert kinds["channel:pinterest"] == "channel" and kinds["channel:email"] == "channel"
    assert "interest:kite" not in g  # one customer only
    assert "channel:unknown" not in g
    assert g["customer:a"]["channel:pinterest"]["weight"] == 2  # two posts


def test_passion_and_idf_shape_the_weights():
    _, mentions = tables()
    w = interest_weights(mentions, n_customers=4, config=Config(min_mentions=2))
    w = w.set_index(["customer_id", "term"])["weight"]
    assert w["a", "yoga"] > w["b", "yoga"]  # more passion, more weight
    assert w["a", "chess"] > w["c", "yoga"]  # chess is rarer than yoga (idf)


def test_customer_channels_counts_posts_and_mentions():
    comments, mentions = tables()
    ch = customer_channels(comments, mentions).set_index(["customer_id", "channel"])
    assert ch.loc[("a", "pinterest"), "posts"] == 2
    assert ch.loc[("c", "email"), "mentions"] == 1
    assert ("c", "unknown") not in ch.index
