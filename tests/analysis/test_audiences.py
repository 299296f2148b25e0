"""Audiences by network and generation, and generations inferred from age cues."""

from __future__ import annotations

import pandas as pd
import pytest

import passionmap as pm
from passionmap import Config
from passionmap.analysis.audiences import NOTE, TABLE_COLUMNS, audience, greedy_coverage
from passionmap.datasets.sample import write_sample
from passionmap.phrases import NO_GENERATIONS

FAST = Config(model="blank", progress=False)


# --------------------------------------------------------------- hand-made audience
@pytest.fixture
def crowd():
    """Two communities with known channels, generations and interests.

    Community 0 (p1-p5): instagram p1-p4, tiktok p1-p3, facebook p4-p5, so the
    majority is instagram (4 of 5) and the best second channel is facebook
    (adds p5), not tiktok (more members, but all reached already).
    Community 1 (q1-q3): all on email, q1 also on facebook (adds nobody).
    """
    posted = {
        "p1": ["instagram", "tiktok"],
        "p2": ["instagram", "tiktok"],
        "p3": ["instagram", "tiktok"],
        "p4": ["instagram", "facebook"],
        "p5": ["facebook"],
        "q1": ["email", "facebook"],
        "q2": ["email"],
        "q3": ["email"],
    }
    comments = pd.DataFrame(
        [(cid, ch) for cid, chans in posted.items() for ch in chans],
        columns=["customer_id", "channel"],
    )
    likes = {
        "p1": ["skateboarding", "coffee"],
        "p2": ["skateboarding", "coffee"],
        "p3": ["coffee"],
        "p4": ["coffee"],
        "p5": ["coffee"],
        "q1": ["coffee", "golf"],
        "q2": ["coffee", "golf"],
        "q3": ["coffee"],
    }
    mentions = pd.DataFrame(
        [(cid, t, t.title(), "interest") for cid, ts in likes.items() for t in ts],
        columns=["customer_id", "term", "label", "kind"],
    )
    customers = pd.DataFrame(
        {
            "customer_id": list(posted),
            "cluster": [0] * 5 + [1] * 3,
            "generation": ["Gen Z", "Gen Z", "Millennials", "Gen X", None] + ["Baby Boomers"] * 3,
            "generation_source": ["stated"] * 3 + ["inferred", "unknown"] + ["stated"] * 3,
        }
    )
    clusters = pd.DataFrame({"cluster": [0, 1], "label": ["skaters", "golfers"], "size": [5, 3]})
    return comments, mentions, customers, clusters


def test_table_counts_every_channel_a_customer_uses(crowd):
    aud = audience(*crowd, min_support=2)
    t = aud.table
    assert list(t.columns) == TABLE_COLUMNS
    totals = t[t["generation"] == "all"].set_index("channel")["customers"].to_dict()
    assert totals == {"instagram": 4, "facebook": 3, "email": 3, "tiktok": 3}
    assert sum(totals.values()) > 8  # a customer on two networks counts in both
    assert aud.note == NOTE and "counts in both" in NOTE and t.attrs == {}
    insta = t[t["channel"] == "instagram"].set_index("generation")
    assert insta["customers"].to_dict() == {"all": 4, "Gen X": 1, "Millennials": 1, "Gen Z": 2}
    assert insta.loc["Gen Z", "share"] == 0.5 and insta.loc["all", "share_of_all"] == 0.5
    assert insta.loc["Gen X", "inferred"] == 1 and insta.loc["Gen Z", "inferred"] == 0
    fb = t[t["channel"] == "facebook"].set_index("generation")["customers"].to_dict()
    assert fb == {"all": 3, "Gen X": 1, "Baby Boomers": 1, "unknown": 1}
    # channels by size, then name; generations oldest first, unknown last
    assert t.loc[t["generation"] == "all", "channel"].tolist() == [
        "instagram", "email", "facebook", "tiktok"
    ]  # fmt: skip
    assert list(fb) == ["all", "Baby Boomers", "Gen X", "unknown"]
    # the shares within a channel add up to 1
    per = t[t["generation"] != "all"].groupby("channel")["share"].sum()
    assert per.round(2).eq(1.0).all()


def test_majority_and_greedy_second_channel(crowd):
    aud = audience(*crowd)
    plan = aud.plan.set_index("label")
    skaters = plan.loc["skaters"]
    assert (skaters["first_channel"], skaters["first_members"]) == ("instagram", 4)
    assert skaters["first_share"] == 0.8
    assert (skaters["second_channel"], skaters["second_adds"]) == ("facebook", 1)
    assert skaters["reach"] == 1.0
    assert "Facebook adds 1 more" in skaters["why"]
    golfers = plan.loc["golfers"]
    assert (golfers["first_channel"], golfers["first_members"]) == ("email", 3)
    assert pd.isna(golfers["second_channel"]) and golfers["second_adds"] == 0
    ch = aud.channels[aud.channels["cluster"] == 0].set_index("channel")
    assert ch["rank"].to_dict() == {"instagram": 1, "tiktok": 2, "facebook": 3}
    assert ch.loc["facebook", "step"] == 2 and pd.isna(ch.loc["tiktok", "step"])
    assert ch.loc["tiktok", "members"] == 3 and ch.loc["tiktok", "adds"] == 0
    assert aud.overall["channel"] == "instagram" and aud.overall["customers"] == 4
    assert aud.overall["second_channel"] in {"email", "facebook"}
    assert aud.overall["second_adds"] == 3


def test_greedy_coverage_prefers_new_members_over_size():
    order = greedy_coverage({"big": {1, 2, 3, 4}, "copy": {1, 2, 3}, "new": {5, 6}})
    assert order == [("big", 4, 4, 4), ("new", 2, 2, 6)]
    assert greedy_coverage({}) == []


def test_distinctive_interests_per_cell_and_speak_to_everyone(crowd):
    aud = audience(*crowd, min_support=2, min_group=1)
    t = aud.table.set_index(["channel", "generation"])
    # skateboarding: 2 of 2 Gen Z on instagram, 2 of 8 overall: lift 4
    assert t.loc[("instagram", "Gen Z"), "top_interests"][0] == "Skateboarding"
    assert t.loc[("email", "Baby Boomers"), "top_interests"][0] == "Golf"
    seg = aud.segments
    row = seg[(seg["channel"] == "instagram") & (seg["generation"] == "Gen Z")].iloc[0]
    assert (row["term"], row["customers"], row["share"], row["lift"]) == (
        "skateboarding",
        2,
        1.0,
        4.0,
    )
    # below the minimum support nothing is listed
    assert t.loc[("instagram", "Millennials"), "top_interests"] == []
    # coffee reaches all four known generations; skateboarding only Gen Z
    every = aud.everyone.set_index("term")
    assert every.loc["coffee", "generations"] == 4
    assert "skateboarding" not in every.index and "golf" not in every.index
    assert "Gen Z 100%" in every.loc["coffee", "by_generation"]


def test_no_everyone_list_with_fewer_than_three_generations(crowd):
    comments, mentions, customers, clusters = crowd
    customers = customers.assign(generation="Gen Z")
    assert audience(comments, mentions, customers, clusters).everyone.empty


def test_customers_without_a_channel_count_under_unknown_and_no_plan_uses_it():
    comments = pd.DataFrame({"customer_id": ["a", "b"], "channel": ["unknown", "email"]})
    mentions = pd.DataFrame(columns=["customer_id", "term", "label", "kind"])
    customers = pd.DataFrame(
        {"customer_id": ["a", "b"], "cluster": [0, 0], "generation": [None, "Gen X"]}
    )
    aud = audience(comments, mentions, customers)
    t = aud.table
    assert t["channel"].tolist()[-1] == "unknown"  # listed last
    assert t.loc[t["generation"] == "all", "customers"].sum() == 2
    assert aud.plan["first_channel"].tolist() == ["email"]
    assert aud.plan["first_share"].tolist() == [0.5]


def test_empty_inputs_give_empty_tables():
    empty = pd.DataFrame(columns=["customer_id", "channel", "term", "label", "kind"])
    customers = pd.DataFrame(columns=["customer_id", "cluster", "generation"])
    aud = audience(empty, empty, customers)
    assert aud.table.empty and aud.plan.empty and aud.everyone.empty
    assert list(aud.to_frame().columns) == TABLE_COLUMNS


# --------------------------------------------------------------- figure and outputs
def test_audience_bars(crowd):
    from passionmap.viz import plots

    aud = audience(*crowd)
    fig = plots.audience_bars(aud.table)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == "Instagram (50%)"  # the majority on top
    assert "inferred (hatched)" in ax.get_legend_handles_labels()[1]
    assert "No channels" in plots.audience_bars(aud.table.iloc[0:0]).axes[0].texts[0].get_text()


def test_run_writes_audience_csv(tmp_path):
    path = write_sample(tmp_path / "s.csv", customers=80, weeks=2, seed=4)
    res = pm.run(path, tmp_path / "out", FAST)
    table = pd.read_csv(tmp_path / "out" / "audience.csv", keep_default_na=False)
    assert list(table.columns) == TABLE_COLUMNS
    totals = table[table["generation"] == "all"]
    assert totals["customers"].sum() >= res.customers["channels"].map(len).gt(0).sum()
    assert set(table["channel"]) <= set(res.customers["channels"].explode())
    customers = pd.read_csv(tmp_path / "out" / "customers.csv")
    assert {"generation_source", "generation_confidence"} <= set(customers.columns)
    assert set(customers["generation_source"]) <= {"stated", "inferred", "unknown"}
    stated = customers["generation_source"] == "stated"
    assert customers.loc[stated, "age"].notna().all()
    assert customers.loc[~stated, "age"].isna().all()
    assert res.audience is not None and res.summary["seconds"]["audience"] >= 0


# --------------------------------------------------------------- what reports say
def test_where_to_start_counts_channels_members_post_on_not_ones_they_mention(crowd):
    comments, mentions, customers, clusters = crowd
    phone = pd.DataFrame(
        {"customer_id": ["p1", "p2", "p3", "p4", "p5"], "term": "phone", "label": "phone",
         "kind": "channel"}
    )  # fmt: skip
    aud = audience(comments, pd.concat([mentions, phone]), customers, clusters)
    skaters = aud.plan.set_index("label").loc["skaters"]
    assert skaters["first_channel"] == "instagram" and skaters["how"] == "posts on"
    assert "phone" not in set(aud.channels["channel"])
    assert aud.mentioned == ("phone",)
    assert aud.channel_label("phone") == "phone (mentioned)"
    assert aud.overall["channel"] == "instagram"
    # still counted where customers hang out (a channel they use), and labelled
    assert "phone" in set(aud.table["channel"])


def test_one_channel_and_no_generation_are_one_sentence_each(crowd):
    comments, mentions, customers, clusters = crowd
    one = comments.assign(channel="twitter")
    unknown = customers.assign(generation=None, generation_source="unknown")
    aud = audience(one, mentions, unknown, clusters)
    assert aud.one_channel == "twitter" and not aud.generations_known
    assert aud.sentences() == [
        "All comments come from one channel (Twitter): there is no channel choice to make.",
        NO_GENERATIONS,
    ]
    assert set(aud.top_channels()["generation"]) == {"all"}  # no "unknown 100%" rows


def test_counts_in_sentences_have_thousands_separators():
    ids = [str(i) for i in range(5654)]
    comments = pd.DataFrame({"customer_id": ids, "channel": ["twitter"] * 5000 + ["email"] * 654})
    customers = pd.DataFrame({"customer_id": ids, "cluster": 0, "generation": "Gen X"})
    empty = pd.DataFrame(columns=["customer_id", "term", "label", "kind"])
    aud = audience(comments, empty, customers)
    assert aud.sentences()[0] == (
        "Start on Twitter: 5,000 of 5,654 customers (88%) post there; "
        "email adds 654 more (reaching 100%)."
    )
    assert aud.plan["why"].iloc[0].startswith("Twitter: 5,000 of 5,654 members (88%) post there")


def test_speak_to_everyone_lists_no_generation_at_zero(crowd):
    comments, mentions, customers, clusters = crowd
    golf = pd.DataFrame({"customer_id": ["p1", "p4", "q1"], "term": "golf", "label": "Golf",
                         "kind": "interest"})  # fmt: skip
    aud = audience(comments, pd.concat([mentions, golf]), customers, min_group=1)
    every = aud.everyone.set_index("term")
    assert "golf" in every.index
    entries = every.loc["golf", "by_generation"].split("; ")
    assert entries == ["Baby Boomers 67%", "Gen X 100%", "Gen Z 50%"]  # never "Millennials 0%"


def test_a_small_share_is_not_written_as_zero():
    """audience.csv wrote one Instagram customer in 5,654 as a share of 0.0 (3 places)."""
    ids = [f"c{i}" for i in range(2500)]
    comments = pd.DataFrame({"customer_id": ids, "channel": ["instagram"] + ["email"] * 2499})
    mentions = pd.DataFrame({"customer_id": ids, "term": "golf", "label": "Golf",
                             "kind": "interest"})  # fmt: skip
    customers = pd.DataFrame({"customer_id": ids, "cluster": 0, "generation": None,
                              "generation_source": "unknown"})  # fmt: skip
    t = audience(comments, mentions, customers).table.set_index(["channel", "generation"])
    assert t.loc[("instagram", "all"), "share_of_all"] == 0.0004
