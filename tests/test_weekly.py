"""Week arithmetic, community matching and emerging interests on hand-made weeks."""

from __future__ import annotations

import pandas as pd
import pytest

from passionmap.errors import PassionmapError
from passionmap.weekly import (
    channel_shares,
    emerging_interests,
    interest_shares,
    match_communities,
    previous_week,
    start_channels,
    summary_sentences,
    weeks_in,
)


def _customers(groups: dict[int, str]) -> pd.DataFrame:
    """{cluster: "abc"} -> one customer per letter/ id (ids split on spaces or letters)."""
    rows = []
    for cluster, ids in groups.items():
        for cid in ids.split() if " " in ids else ids:
            rows.append({"customer_id": cid, "cluster": cluster})
    return pd.DataFrame(rows)


def _clusters(spec: dict[int, tuple[str, str]], customers: pd.DataFrame) -> pd.DataFrame:
    sizes = customers[customers["cluster"] >= 0].groupby("cluster").size()
    return pd.DataFrame(
        [
            {"cluster": c, "size": int(sizes.get(c, 0)), "label": label, "top_interests": top}
            for c, (label, top) in spec.items()
        ]
    )


# ------------------------------------------------------------------ weeks
@pytest.mark.parametrize(
    ("week", "expected"),
    [
        ("2015-W09", "2015-W08"),
        ("2026-W01", "2025-W52"),
        ("2021-W01", "2020-W53"),  # 2020 has 53 ISO weeks
        ("2016-W01", "2015-W53"),
    ],
)
def test_previous_week(week, expected):
    assert previous_week(week) == expected


@pytest.mark.parametrize("bad", ["2015-8", "2015-W54", "2019-W53", "W08", "", "2015-w08x"])
def test_previous_week_rejects_bad_weeks(bad):
    with pytest.raises(PassionmapError):
        previous_week(bad)


def test_weeks_in_sorted_and_ignores_nulls():
    c = pd.DataFrame({"week": ["2016-W01", None, "2015-W53", "2015-W09", "2016-W01"]})
    assert weeks_in(c) == ["2015-W09", "2015-W53", "2016-W01"]
    assert weeks_in(pd.DataFrame({"week": []})) == []


# ------------------------------------------------------- community matching
@pytest.fixture
def two_weeks():
    """Bakers stay and grow, gamers split in two, runners fade, chess appears."""
    prev_cu = _customers({0: "abcdefghij", 1: "klmnopqrst", 2: "uvwxy"})
    prev_cl = _clusters(
        {
            0: ("sourdough bakers", "sourdough; baking; bread"),
            1: ("gamers", "video games; consoles"),
            2: ("runners", "running; marathon"),
        },
        prev_cu,
    )
    # bakers: same 10 + 3 new customers; gamers split 6 / 4; runners gone;
    # chess: 5 brand-new customers
    curr_cu = _customers({7: "abcdefghij123", 8: "klmnop", 9: "qrst", 10: "ABCDE"})
    curr_cu = pd.concat(
        [curr_cu, pd.DataFrame({"customer_id": ["u", "v"], "cluster": [-1, -1]})],
        ignore_index=True,
    )
    curr_cl = _clusters(
        {
            7: ("bread", "sourdough; bread; baking"),
            8: ("consoles", "consoles; video games"),
            9: ("retro games", "retro games; arcade"),
            10: ("chess", "chess; openings"),
        },
        curr_cu,
    )
    return prev_cu, prev_cl, curr_cu, curr_cl


def test_match_grow_split_appear_fade(two_weeks):
    m = match_communities(*two_weeks).set_index("name")
    assert m.loc["sourdough bakers", "status"] == "grew"
    assert m.loc["sourdough bakers", "cluster"] == 7
    assert m.loc["sourdough bakers", "label"] == "bread"  # the week's own label is kept too
    assert m.loc["sourdough bakers", "change_pct"] == pytest.approx(30.0)
    # the larger piece of the gamers keeps the name; the other is a split
    assert m.loc["gamers", "cluster"] == 8
    assert m.loc["gamers", "status"] == "shrank"
    assert "split into gamers + retro games" in m.loc["gamers", "note"]
    assert m.loc["retro games", "status"] == "split"
    assert m.loc["retro games", "note"] == "split from gamers"
    assert m.loc["retro games", "prev_cluster"] == 1
    assert m.loc["chess", "status"] == "appeared"
    assert pd.isna(m.loc["chess", "prev_cluster"])
    assert m.loc["runners", "status"] == "faded"
    assert pd.isna(m.loc["runners", "cluster"])
    assert m.loc["runners", "size"] == 0
    assert len(m) == 5  # 4 current + 1 faded


def test_match_rows_current_first_by_size(two_weeks):
    m = match_communities(*two_weeks)
    current = m.dropna(subset=["cluster"])
    assert current["size"].tolist() == sorted(current["size"], reverse=True)
    assert m["cluster"].isna().tolist() == [False] * 4 + [True]
    assert m["name"].is_unique


def test_match_merge():
    prev_cu = _customers({0: "abcdef", 1: "ghij"})
    prev_cl = _clusters(
        {0: ("espresso", "espresso; coffee"), 1: ("latte art", "latte art")}, prev_cu
    )
    curr_cu = _customers({3: "abcdefghij"})
    curr_cl = _clusters({3: ("coffee", "coffee; espresso; latte art")}, curr_cu)
    m = match_communities(prev_cu, prev_cl, curr_cu, curr_cl).set_index("name")
    assert m.loc["espresso", "status"] == "grew"
    assert m.loc["espresso", "note"] == "merged with latte art"
    assert m.loc["latte art", "status"] == "merged"
    assert m.loc["latte art", "note"] == "merged into espresso"


def test_match_by_interests_when_members_churn():
    """Whole new membership but the same interests: still the same community."""
    prev_cu = _customers({0: "abcd"})
    prev_cl = _clusters({0: ("knitters", "knitting; yarn; wool")}, prev_cu)
    curr_cu = _customers({4: "wxyz"})
    curr_cl = _clusters({4: ("yarn", "yarn; knitting; wool")}, curr_cu)
    m = match_communities(prev_cu, prev_cl, curr_cu, curr_cl)
    assert m["name"].tolist() == ["knitters"]
    assert m["status"].tolist() == ["stable"]
    assert m["interest_similarity"].iloc[0] == pytest.approx(1.0)


def test_match_threshold_controls_stable():
    prev_cu = _customers({0: "abcdefghij"})
    prev_cl = _clusters({0: ("bakers", "baking")}, prev_cu)
    curr_cu = _customers({0: "abcdefghijk"})  # +10%
    curr_cl = _clusters({0: ("bakers", "baking")}, curr_cu)
    assert match_communities(prev_cu, prev_cl, curr_cu, curr_cl)["status"].iloc[0] == "stable"
    loose = match_communities(prev_cu, prev_cl, curr_cu, curr_cl, threshold=0.05)
    assert loose["status"].iloc[0] == "grew"


def test_match_without_previous_week():
    curr_cu = _customers({0: "abc"})
    curr_cl = _clusters({0: ("bakers", "baking")}, curr_cu)
    empty_cu = pd.DataFrame(columns=["customer_id", "cluster"])
    empty_cl = pd.DataFrame(columns=["cluster", "size", "label", "top_interests"])
    m = match_communities(empty_cu, empty_cl, curr_cu, curr_cl)
    assert m["status"].tolist() == ["appeared"]


def test_match_same_labels_get_unique_names():
    prev_cu = _customers({0: "abc"})
    prev_cl = _clusters({0: ("bakers", "baking")}, prev_cu)
    curr_cu = _customers({0: "abc", 1: "xyz"})
    curr_cl = _clusters({0: ("bakers", "baking"), 1: ("bakers", "cakes")}, curr_cu)
    m = match_communities(prev_cu, prev_cl, curr_cu, curr_cl)
    assert sorted(m["name"]) == ["bakers", "bakers (2)"]


# ------------------------------------------------------- emerging interests
@pytest.fixture
def spike():
    """20 customers active in both weeks; 'pickleball' jumps from 1 to 8 customers."""
    ids = [f"c{i}" for i in range(20)]
    comments, mentions, n = [], [], 0

    def say(cid, week, terms):
        nonlocal n
        n += 1
        comments.append({"comment_id": n, "customer_id": cid, "week": week})
        for t in terms:
            mentions.append(
                {
                    "comment_id": n,
                    "customer_id": cid,
                    "term": t,
                    "label": t.title(),
                    "kind": "interest",
                }
            )

    for i, cid in enumerate(ids):
        say(cid, "2026-W05", ["coffee"] if i < 10 else [])
        say(cid, "2026-W06", ["coffee"] if i < 10 else [])
    say("c0", "2026-W05", ["pickleball"])
    for cid in ids[:8]:
        say(cid, "2026-W06", ["pickleball"])
    for cid in ids[:2]:  # a rise, but too few customers
        say(cid, "2026-W06", ["curling"])
    say("c3", "2026-W06", ["email"])  # a channel, never an interest
    mentions[-1]["kind"] = "channel"
    return pd.DataFrame(mentions), pd.DataFrame(comments)


def test_emerging_interest_spikes(spike):
    mentions, comments = spike
    e = emerging_interests(mentions, comments, "2026-W06", "2026-W05", min_support=3)
    assert e["term"].tolist() == ["pickleball"]
    row = e.iloc[0]
    assert row["label"] == "Pickleball"
    assert row["share_prev"] == pytest.approx(1 / 20)
    assert row["share_curr"] == pytest.approx(8 / 20)
    assert row["rise"] == pytest.approx(7 / 20)
    assert row["customers_curr"] == 8


def test_emerging_support_threshold(spike):
    mentions, comments = spike
    low = emerging_interests(mentions, comments, "2026-W06", "2026-W05", min_support=2)
    assert low["term"].tolist() == ["pickleball", "curling"]
    high = emerging_interests(mentions, comments, "2026-W06", "2026-W05", min_support=9)
    assert high.empty
    assert list(high.columns)[:6] == [
        "term",
        "label",
        "share_prev",
        "share_curr",
        "rise",
        "customers_curr",
    ]


def test_emerging_top_and_no_previous_week(spike):
    mentions, comments = spike
    e = emerging_interests(mentions, comments, "2026-W06", None, min_support=1, top=2)
    assert len(e) == 2
    assert (e["share_prev"] == 0).all()
    assert e["term"].tolist() == ["coffee", "pickleball"]


def test_emerging_ignores_steady_interests(spike):
    mentions, comments = spike
    e = emerging_interests(mentions, comments, "2026-W06", "2026-W05", min_support=1)
    assert "coffee" not in e["term"].tolist()  # same share both weeks
    assert "email" not in e["term"].tolist()


# --------------------------------------------------- tables and summary
@pytest.fixture
def week_tables():
    customers = pd.DataFrame(
        {
            "customer_id": ["a", "b", "c", "d", "e"],
            "cluster": [0, 0, 0, 1, -1],
            "channels": ["pinterest; email", "pinterest", "instagram", "strava", "email"],
        }
    )
    clusters = pd.DataFrame(
        {
            "cluster": [0, 1],
            "size": [3, 1],
            "label": ["bakers", "runners"],
            "top_interests": ["baking", "running"],
            "start_channel": ["pinterest", None],
        }
    )
    return customers, clusters


def test_channel_shares(week_tables):
    customers, clusters = week_tables
    s = channel_shares(customers, clusters)
    bakers = s[s["cluster"] == 0].set_index("channel")
    assert bakers.loc["pinterest", "share"] == pytest.approx(2 / 3)
    assert bakers.loc["email", "members"] == 1
    assert set(s["label"]) == {"bakers", "runners"}
    assert "e" not in s  # no community, not counted
    assert s["members"].sum() == 5


def test_start_channels_explains(week_tables):
    customers, clusters = week_tables
    s = start_channels(customers, clusters).set_index("label")
    assert s.loc["bakers", "start_channel"] == "pinterest"
    assert s.loc["bakers", "why"] == "67% of members are on Pinterest (2 of 3)"
    assert s.loc["runners", "start_channel"] == "strava"  # fallback: largest share


def test_interest_shares_top_per_community(week_tables):
    customers, clusters = week_tables
    mentions = pd.DataFrame(
        {
            "customer_id": ["a", "b", "c", "a", "d", "e"],
            "term": ["baking", "baking", "baking", "cakes", "running", "baking"],
            "label": ["Baking", "baking", "Baking", "Cakes", "Running", "Baking"],
            "kind": ["interest"] * 6,
        }
    )
    s = interest_shares(mentions, customers, clusters, top=1)
    assert s[["label", "interest", "members"]].values.tolist() == [
        ["bakers", "Baking", 3],
        ["runners", "Running", 1],
    ]


def test_summary_sentences(two_weeks):
    prev_cu, prev_cl, curr_cu, curr_cl = two_weeks
    changes = match_communities(prev_cu, prev_cl, curr_cu, curr_cl)
    curr_cl = curr_cl.assign(start_channel=["pinterest", "twitch", "reddit", "discord"])
    emerging = pd.DataFrame(
        {
            "term": ["chess"],
            "label": ["Chess"],
            "share_prev": [0.0],
            "share_curr": [0.2],
            "rise": [0.2],
            "customers_curr": [5],
        }
    )
    text = summary_sentences(changes, emerging, curr_cl)
    assert text[0] == "4 communities this week (28 customers)."
    joined = " ".join(text)
    assert "The sourdough bakers community grew 30% (10 to 13 members)." in joined
    assert "faded" in joined and "runners" in joined
    assert "Rising interest: Chess" in joined
    assert "split from gamers" in joined
    # the advice is about the biggest newcomer or grower (chess: 5 new members)
    assert text[-1] == "Start with Discord for the chess community."
    assert text.index("New: the chess community (5 members).") == 1


def test_summary_without_previous_week():
    cl = pd.DataFrame(
        {"cluster": [0], "size": [4], "label": ["bakers"], "start_channel": ["pinterest"]}
    )
    text = summary_sentences(None, None, cl)
    assert text == [
        "1 community this week (4 customers).",
        "No previous week to compare with.",
        "Start with Pinterest for the bakers community.",
    ]
    assert summary_sentences(None, None, cl.iloc[0:0]) == ["No communities this week."]


# ------------------------------------------------------ on the embedded sample
@pytest.mark.slow
def test_weekly_report_finds_the_planted_changes(tmp_path):
    """The sample's last week has a growing community and a spiking interest."""
    from passionmap import Config, load_comments
    from passionmap.sample import GROWING_COMMUNITY, TREND_INTEREST, make_sample, write_sample
    from passionmap.weekly import weekly_report

    cfg = Config(model="blank", progress=False)
    path = write_sample(tmp_path / "s.csv", customers=600, seed=0)
    wr = weekly_report(load_comments(path, cfg).comments, config=cfg)
    assert wr.emerging["term"].iloc[0] == TREND_INTEREST
    truth = make_sample(customers=600, seed=0).truth.set_index("customer_id")["community_name"]
    cu = wr.current.customers
    majority = (
        cu[cu["cluster"] >= 0]
        .groupby("cluster")["customer_id"]
        .agg(lambda ids: truth.reindex(ids).mode().iloc[0])
    )
    hikers = wr.changes.set_index("cluster").loc[majority[majority == GROWING_COMMUNITY].index]
    assert len(hikers) == 1
    # 40% of the hikers join in the last week: too few last week to be a community
    # of their own (then it "appeared") or a clear rise (then it "grew")
    row = hikers.iloc[0]
    assert row["status"] in ("grew", "appeared")
    if row["status"] == "grew":
        assert row["change_pct"] >= 20
    verb = "grew" if row["status"] == "grew" else "New:"
    assert any(row["name"] in s and verb in s for s in wr.summary), wr.summary
