"""Week arithmetic, community matching and emerging interests on hand-made weeks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from passionmap.errors import PassionmapError
from passionmap.phrases import NO_GENERATIONS
from passionmap.weekly import (
    EMERGING_COLUMNS,
    channel_shares,
    community_table,
    display_names,
    emerging_interests,
    interest_shares,
    latest_complete_week,
    match_communities,
    no_rise_text,
    passed_over,
    percent,
    pick_week,
    previous_week,
    rising,
    start_channels,
    summary_sentences,
    two_proportion_z,
    week_coverage,
    week_notes,
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
    # no one wrote in both weeks: its own name, last week's in the note
    assert m["name"].tolist() == ["yarn"] and m["note"].tolist() == ["last week: knitters"]
    # matched by interests, sizes not compared
    assert m["status"].tolist() == ["matched"]
    assert m["change_pct"].isna().all()
    assert m["interest_similarity"].iloc[0] == pytest.approx(1.0)


def test_one_returning_customer_lets_sizes_be_compared():
    prev_cu = _customers({0: "abcd"})
    prev_cl = _clusters({0: ("knitters", "knitting; yarn; wool")}, prev_cu)
    curr_cu = _customers({4: "avwxyz"})  # "a" wrote in both weeks
    curr_cl = _clusters({4: ("yarn", "yarn; knitting; wool")}, curr_cu)
    m = match_communities(prev_cu, prev_cl, curr_cu, curr_cl)
    assert m["status"].tolist() == ["grew"]
    assert m["change_pct"].iloc[0] == pytest.approx(50.0)


def test_summary_says_why_sizes_of_unfollowed_communities_are_not_compared():
    prev_cu = _customers({0: "abcd", 1: "efg"})
    prev_cl = _clusters({0: ("knitters", "knitting; yarn"), 1: ("chess", "chess")}, prev_cu)
    curr_cu = _customers({4: "stuvwxyz", 5: "pq"})
    curr_cl = _clusters({4: ("yarn", "yarn; knitting"), 5: ("chess", "chess")}, curr_cu)
    m = match_communities(prev_cu, prev_cl, curr_cu, curr_cl)
    assert set(m["status"]) == {"matched"}
    text = " ".join(summary_sentences(m, None, curr_cl.assign(start_channel="forum")))
    assert "No customer wrote in both weeks, so 2 communities are matched" in text
    assert "grew" not in text and "%" not in text  # "knitters grew 100%" would be noise


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


def test_match_pairs_faded_and_appeared_with_the_same_top_interest():
    """Twitter crowds change from week to week: "dog" faded and "dog" appeared is one community."""
    prev_cu = _customers({0: "abcdefghijkl", 1: "mnop"})
    prev_cl = _clusters({0: ("dog", "dog; puppy; vet; leash"), 1: ("cat", "cat; litter")}, prev_cu)
    curr_cu = _customers({3: "qrstuv", 4: "wxyz"})
    curr_cl = _clusters(
        {3: ("dog", "dog; rescue; walks; park; treats"), 4: ("cats", "kitten; cat")}, curr_cu
    )
    m = match_communities(prev_cu, prev_cl, curr_cu, curr_cl)
    dog = m[m["name"] == "dog"]
    assert len(dog) == 1  # not "dog: faded (12)" and "dog: appeared (6)"
    row = dog.iloc[0]
    assert row["cluster"] == 3 and row["prev_cluster"] == 0
    # no one wrote in both weeks: paired by interests, sizes not compared
    assert row["status"] == "matched" and row["size_prev"] == 12 and row["size"] == 6
    assert "same top interest, dog" in row["note"]
    # no one came back, so what they talk about decides: "kitten; cat" continues "cat; litter"
    # (it shares a third of its top interests), under its own name
    cat = m.set_index("name").loc["cats"]
    assert cat["cluster"] == 4 and cat["prev_cluster"] == 1 and cat["status"] == "matched"
    assert cat["note"] == "last week: cat"
    assert "faded" not in set(m["status"]) and "appeared" not in set(m["status"])


def test_match_by_talk_where_no_one_comes_back():
    """One post per customer (reddit): members say nothing, the interest profiles decide."""
    prev_cu = _customers({0: "abcdef", 1: "ghijk"})
    prev_cl = _clusters({0: ("golf", "golf; swing"), 1: ("chess", "chess; opening")}, prev_cu)
    curr_cu = _customers({7: "lmnopq", 8: "rstu", 9: "vwxy"})
    curr_cl = _clusters(
        {7: ("mixed: putter & course", "putter; course"), 8: ("chess", "chess; endgame"),
         9: ("yoga", "yoga; pose")}, curr_cu)  # fmt: skip
    talk = {"a": "golf", "b": "golf", "c": "swing", "d": "putter", "e": "golf", "f": "course",
            "g": "chess", "h": "chess", "i": "opening", "j": "chess", "k": "board",
            "l": "golf", "m": "putter", "n": "golf", "o": "course", "p": "golf", "q": "swing",
            "r": "chess", "s": "endgame", "t": "chess", "u": "board",
            "v": "yoga", "w": "pose", "x": "yoga", "y": "mat"}  # fmt: skip
    mentions = pd.DataFrame({"customer_id": list(talk), "term": list(talk.values()),
                             "kind": "interest"})  # fmt: skip
    prev_m = mentions[mentions["customer_id"] < "l"]
    curr_m = mentions[mentions["customer_id"] >= "l"]
    # the top interests alone: the golfers' week-2 list shares no word with week 1's
    tops = match_communities(prev_cu, prev_cl, curr_cu, curr_cl).set_index("label")
    assert tops.loc["mixed: putter & course", "status"] == "appeared"
    m = match_communities(prev_cu, prev_cl, curr_cu, curr_cl,
                          prev_mentions=prev_m, curr_mentions=curr_m)  # fmt: skip
    m = m.set_index("label")
    golf = m.loc["mixed: putter & course"]
    assert golf["prev_cluster"] == 0 and golf["status"] == "matched"
    # matched on talk alone it keeps its own name (on reddit such a match is the same
    # subreddit half the time) and says whom it matched
    assert golf["name"] == "mixed: putter & course" and golf["note"] == "last week: golf"
    assert golf["member_jaccard"] == 0 and golf["interest_similarity"] > 0.5
    assert m.loc["chess", "prev_cluster"] == 1
    assert m.loc["yoga", "status"] == "appeared"  # nothing like it last week


def test_match_compares_shares_of_active_customers_when_asked():
    """A partial week: everyone fewer, the community's share the same."""
    prev_cu = _customers({0: "abcdefghij", -1: "klmnopqrst"})  # 20 active, 10 in family
    prev_cl = _clusters({0: ("family", "family; kids")}, prev_cu)
    curr_cu = _customers({0: "abcd", -1: "klmn"})  # 8 active, 4 in family
    curr_cl = _clusters({0: ("family", "family; kids")}, curr_cu)
    counts = match_communities(prev_cu, prev_cl, curr_cu, curr_cl)
    assert counts["status"].iloc[0] == "shrank"  # the old, raw reading: -60%
    assert counts["change_pct"].iloc[0] == pytest.approx(-60.0)
    shares = match_communities(prev_cu, prev_cl, curr_cu, curr_cl, basis="share")
    row = shares.iloc[0]
    assert row["status"] == "stable" and row["change_pct"] == pytest.approx(0.0)
    assert (row["share_prev"], row["share_curr"], row["basis"]) == (0.5, 0.5, "share")
    text = " ".join(summary_sentences(shares, None, curr_cl))
    assert "shrank" not in text and "same share of active customers" in text
    grown = match_communities(
        prev_cu, prev_cl, curr_cu, curr_cl, basis="share", active_curr=5
    ).iloc[0]  # 4 of 5 active customers: 80% against 50%
    assert grown["status"] == "grew" and grown["change_pct"] == pytest.approx(60.0)
    sentence = " ".join(summary_sentences(grown.to_frame().T, None, curr_cl))
    assert "grew 60% as a share of active customers (50% to 80%; 10 to 4 members)" in sentence
    with pytest.raises(PassionmapError, match="basis"):
        match_communities(prev_cu, prev_cl, curr_cu, curr_cl, basis="raw")


def test_community_table_prints_no_missing_markers(two_weeks):
    changes = match_communities(*two_weeks)
    clusters = two_weeks[3].assign(
        start_channel=[None, "twitter", float("nan"), "email"],
        generation_mix=[None, float("nan"), "Gen Z 100%", pd.NA],
        label=["bread", None, "retro games", "chess"],
    )
    table = community_table(clusters, changes)
    cells = [str(v) for v in table.to_numpy().ravel()]
    for bad in ("None", "nan", "NaN", "<NA>"):
        assert not any(bad in c for c in cells), (bad, cells)


def test_match_same_labels_get_unique_names():
    prev_cu = _customers({0: "abc"})
    prev_cl = _clusters({0: ("bakers", "baking")}, prev_cu)
    curr_cu = _customers({0: "abc", 1: "xyz"})
    curr_cl = _clusters({0: ("bakers", "baking"), 1: ("bakers", "cakes")}, curr_cu)
    m = match_communities(prev_cu, prev_cl, curr_cu, curr_cl)
    # both are told apart by their number, never by a "(2)" that reads like a size
    assert sorted(m["name"]) == ["bakers (#0)", "bakers (#1)"]


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
    assert list(high.columns) == EMERGING_COLUMNS


def test_emerging_top(spike):
    mentions, comments = spike
    e = emerging_interests(mentions, comments, "2026-W06", "2026-W05", min_support=1, top=1)
    assert e["term"].tolist() == ["pickleball"]


def test_emerging_no_previous_week_invents_no_rise(spike):
    """No previous week: nothing rose from 0% (the old result listed every interest)."""
    mentions, comments = spike
    for prev in (None, "2026-W04"):  # no week given, or a week without comments
        e = emerging_interests(mentions, comments, "2026-W06", prev, min_support=1)
        assert e.empty, prev
        assert {"share_prev", "z", "p_value"} <= set(e.columns)


def test_emerging_ranked_by_z_test_not_by_raw_rise():
    """A: 0 -> 4 of 20 (rise 20 points, z 2.1); B: 8 -> 13 of 20 (rise 25 points, z 1.6)."""
    comments, mentions = [], []
    for week in ("2026-W05", "2026-W06"):
        for i in range(20):
            cid = f"c{i}"
            comments.append({"comment_id": f"{week}-{i}", "customer_id": cid, "week": week})
            terms = []
            if week == "2026-W06" and i < 4:
                terms.append("a")
            if i < (8 if week == "2026-W05" else 13):
                terms.append("b")
            for t in terms:
                mentions.append(
                    {"comment_id": f"{week}-{i}", "customer_id": cid, "term": t,
                     "label": t.upper(), "kind": "interest"}
                )  # fmt: skip
    e = emerging_interests(
        pd.DataFrame(mentions), pd.DataFrame(comments), "2026-W06", "2026-W05", min_support=3
    )
    assert e["term"].tolist() == ["a", "b"]  # the raw rise would put b first
    assert e["rise"].tolist() == pytest.approx([0.20, 0.25])
    # z = (p1 - p0) / sqrt(p (1 - p) (1/n1 + 1/n0)), p pooled; one-sided p-value
    assert e["z"].iloc[0] == pytest.approx(0.2 / (0.1 * 0.9 * 0.1) ** 0.5)
    assert e["z"].iloc[1] == pytest.approx(0.25 / (0.525 * 0.475 * 0.1) ** 0.5)
    assert e["p_value"].iloc[0] == pytest.approx(0.0175, abs=5e-4)
    assert e["p_value"].iloc[1] == pytest.approx(0.0569, abs=5e-4)
    # two interests tested: Benjamini-Hochberg q = p * 2 / rank
    assert e["q_value"].tolist() == pytest.approx([0.035, 0.0569], abs=1e-3)


def test_unchanged_interests_are_not_called_rising():
    """300 interests at the same 2% share both weeks: p < 0.05 finds false rises, q none."""
    rng = np.random.default_rng(0)
    n, comments, mentions = 2000, [], []
    for week in ("2026-W05", "2026-W06"):
        comments += [{"comment_id": f"{week}-{i}", "customer_id": f"c{i}", "week": week}
                     for i in range(n)]  # fmt: skip
        for t in range(300):
            for i in rng.choice(n, size=rng.binomial(n, 0.02), replace=False):
                row = {"comment_id": f"{week}-{i}", "customer_id": f"c{i}", "kind": "interest"}
                mentions.append({**row, "term": f"t{t}", "label": f"t{t}"})
    e = emerging_interests(pd.DataFrame(mentions), pd.DataFrame(comments), "2026-W06",
                           "2026-W05", top=300)  # fmt: skip
    assert (e["p_value"] < 0.05).sum() >= 5  # chance alone, one test in twenty
    assert (e["q_value"] < 0.05).sum() == 0


def test_only_rises_with_q_below_005_are_listed_and_none_is_one_sentence():
    """reddit 2013-W32 listed ten rises, all q = 0.161, under "a rise is called only when
    q < 0.05", and nothing said that none counts."""
    emerging = pd.DataFrame(
        {"term": ["cat", "dog", "tea"], "label": ["cat", "dog", "tea"], "rise": [0.012, 0.01, 0.02],
         "z": [2.5, 2.2, 1.9], "p_value": [0.006, 0.014, 0.03], "q_value": [0.161] * 3}
    )  # fmt: skip
    assert rising(emerging).empty
    assert no_rise_text(emerging) == (
        "No interest rose significantly this week (q < 0.05); the surest rise was cat "
        "(+1.2 pts, q = 0.161)."
    )
    sure = emerging.assign(q_value=[0.01, 0.04, 0.2])
    assert rising(sure)["label"].tolist() == ["cat", "dog"] and no_rise_text(sure) is None
    assert no_rise_text(emerging.iloc[:0]) is None  # nothing rose: the table's own line
    # the report lists the called rises; emerging (emerging.csv) keeps every one
    from dataclasses import replace

    wr = replace(_hand_made(), emerging=emerging)
    assert len(wr.emerging) == 3 and wr.rising.empty
    assert wr.emerging_note == no_rise_text(emerging)
    wr = replace(wr, emerging=sure)
    assert wr.rising["label"].tolist() == ["cat", "dog"] and wr.emerging_note is None


def test_two_proportion_z():
    z, p = two_proportion_z(8, 20, 1, 20)
    assert z == pytest.approx(2.6505, abs=1e-4)
    assert p == pytest.approx(0.00402, abs=1e-5)
    assert two_proportion_z(0, 10, 0, 10) == (0.0, 0.5)
    assert all(v != v for v in two_proportion_z(1, 10, 0, 0))  # NaN without customers


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
    assert "Rising interest: Chess (mentioned by 20% of active customers, up from 0%)." in text
    joined = " ".join(text)
    assert "The sourdough bakers community grew 30% (10 to 13 members)." in joined
    assert "faded" in joined and "runners" in joined
    assert "Rising interest: Chess" in joined
    assert "split from gamers" in joined
    # the advice is about the biggest newcomer or grower (chess: 5 new members)
    assert text[-1] == "Start with Discord for the chess community."
    assert text.index("New: the chess community (5 members).") == 1


def test_summary_quotes_a_made_up_community_name(two_weeks):
    """ "New: the no named interest #18 community" read as a broken sentence (reddit, 2013-W32)."""
    prev_cu, prev_cl, curr_cu, curr_cl = two_weeks
    curr_cl = curr_cl.assign(label=["bread", "consoles", "about: arcade", "no named interest #10"])
    changes = match_communities(prev_cu, prev_cl, curr_cu, curr_cl)
    joined = " ".join(summary_sentences(changes, None, curr_cl.assign(start_channel="discord")))
    assert 'New: the community "no named interest #10" (5 members).' in joined
    assert 'Start with Discord for the community "no named interest #10".' in joined
    assert "the no named interest" not in joined and "the about: arcade" not in joined


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


def test_summary_never_calls_a_rise_without_a_previous_week():
    cl = pd.DataFrame(
        {"cluster": [0], "size": [4], "label": ["family"], "start_channel": ["twitter"]}
    )
    emerging = pd.DataFrame(
        {"term": ["family"], "label": ["family"], "share_prev": [0.0], "share_curr": [0.012],
         "rise": [0.012], "customers_curr": [5], "z": [2.5], "p_value": [0.006]}
    )  # fmt: skip
    text = " ".join(summary_sentences(None, emerging, cl))
    assert "Rising" not in text and "up from" not in text
    assert "no previous week" in text.lower()


def test_summary_rise_states_its_test_and_real_percentages(two_weeks):
    changes = match_communities(*two_weeks)
    emerging = pd.DataFrame(
        {"term": ["dog"], "label": ["dog"], "share_prev": [0.002], "share_curr": [0.012],
         "rise": [0.01], "customers_curr": [12], "z": [3.2], "p_value": [0.0007]}
    )  # fmt: skip
    text = " ".join(summary_sentences(changes, emerging, two_weeks[3]))
    assert "Rising interest: dog (mentioned by 1.2% of active customers, up from 0.2%" in text
    assert "z = 3.2, p < 0.001" in text
    weak = emerging.assign(p_value=[0.2], z=[0.8])  # not significant: not called rising
    assert "Rising" not in " ".join(summary_sentences(changes, weak, two_weeks[3]))
    # one of many tested: a low p with a high q (false discovery rate) is not a rise either
    many = emerging.assign(p_value=[0.01], q_value=[0.3])
    assert "Rising" not in " ".join(summary_sentences(changes, many, two_weeks[3]))
    sure = emerging.assign(q_value=[0.004])
    said = " ".join(summary_sentences(changes, sure, two_weeks[3]))
    assert "z = 3.2, p < 0.001, q = 0.004" in said


@pytest.mark.parametrize(
    ("share", "text"),
    [(0.004, "0.4%"), (0.012, "1.2%"), (0.0004, "under 0.1%"), (0.25, "25%"), (0.0, "0%")],
)
def test_percent_shows_small_shares_to_one_decimal(share, text):
    assert percent(share) == text  # never a rounded "0%" for 0.4%


# ------------------------------------------------------------ week coverage
def _days(spec: dict[str, int]) -> pd.DataFrame:
    """{"2015-02-16 09:00": 3, ...} -> that many comments at each time, by distinct customers."""
    rows, n = [], 0
    for when, count in spec.items():
        for _ in range(count):
            n += 1
            rows.append({"comment_id": str(n), "customer_id": f"c{n}", "timestamp": when})
    df = pd.DataFrame(rows)
    df["timestamp"] = pd.to_datetime(df["timestamp"])
    df["week"] = df["timestamp"].dt.strftime("%G-W%V")
    return df


@pytest.fixture
def airline_like():
    """2015-W08 with comments every day; 2015-W09 only Monday and Tuesday morning."""
    spec = {f"2015-02-{d} 12:00": 10 for d in range(16, 23)}
    spec.update({"2015-02-23 00:02": 10, "2015-02-24 11:53": 6})
    return _days(spec)


def test_partial_week_is_called_partial_with_its_days(airline_like):
    w09 = week_coverage(airline_like, "2015-W09")
    assert w09.partial and w09.active_days == 2
    assert w09.days_text() == (
        "partial: comments on 2 of 7 days, Mon 23 Feb 00:02 to Tue 24 Feb 11:53"
    )
    assert w09.span() == "Mon 23 Feb to Sun 1 Mar 2015"
    assert w09.per_day == pytest.approx(8.0)
    w08 = week_coverage(airline_like, "2015-W08")
    assert not w08.partial
    assert w08.days_text() == "comments on all 7 days"
    assert "Mon 16 Feb to Sun 22 Feb 2015" in w08.describe()


def test_week_with_a_gap_is_partial_but_a_sparse_week_is_not():
    busy = _days({f"2026-03-{d:02d} 10:00": 8 for d in (2, 3, 4, 7, 8)})  # Thu, Fri empty
    busy = pd.concat([busy, _days({"2026-03-09 10:00": 1})], ignore_index=True)
    assert week_coverage(busy, "2026-W10").partial  # 8 a day, then two days of nothing
    sparse = _days({f"2026-03-{d:02d} 10:00": 1 for d in (2, 4, 8)})
    sparse = pd.concat([sparse, _days({"2026-03-09 10:00": 1})], ignore_index=True)
    cov = week_coverage(sparse, "2026-W10")
    assert not cov.partial  # one comment a day: quiet days are quiet, not missing
    assert cov.days_text() == "comments on 3 of 7 days"


def test_week_without_timestamps_is_not_called_partial():
    c = pd.DataFrame({"customer_id": ["a"], "week": ["2026-W02"]})
    cov = week_coverage(c, "2026-W02")
    assert not cov.dated and not cov.partial
    assert "not known" in cov.days_text()


def test_pick_week_prefers_the_latest_complete_week(airline_like):
    assert pick_week(airline_like) == "2015-W08"  # not the partial 2015-W09
    assert pick_week(airline_like, "2015-W09") == "2015-W09"  # asked for: given
    only_partial = airline_like[airline_like["week"] == "2015-W09"]
    assert latest_complete_week(only_partial) is None
    assert pick_week(only_partial) == "2015-W09"  # none complete: the latest


def test_week_notes_say_partial_and_compare_rates(airline_like):
    notes = week_notes(
        airline_like,
        week_coverage(airline_like, "2015-W09"),
        week_coverage(airline_like, "2015-W08"),
    )
    text = " ".join(notes)
    assert "2015-W09 is partial: comments on 2 of 7 days" in text
    assert "per active customer and per active day" in text
    assert "8 comments a day from 16 customers in 2015-W09" in text
    assert "10 a day from 70 customers in 2015-W08" in text
    only = airline_like[airline_like["week"] == "2015-W09"]
    notes = week_notes(only, week_coverage(only, "2015-W09"), None)
    assert notes[0].startswith("There is no complete week in the data")
    full = week_notes(airline_like, week_coverage(airline_like, "2015-W08"), None)
    assert full == []


# ------------------------------------------------------ on the embedded sample
@pytest.mark.slow
def test_weekly_report_finds_the_planted_changes(tmp_path):
    """The sample's last week has a growing community and a spiking interest."""
    from passionmap import Config, load_comments
    from passionmap.datasets.sample import (
        GROWING_COMMUNITY,
        TREND_INTEREST,
        make_sample,
        write_sample,
    )
    from passionmap.weekly import weekly_report

    cfg = Config(model="blank", progress=False)
    path = write_sample(tmp_path / "s.csv", customers=600, seed=0)
    wr = weekly_report(load_comments(path, cfg).comments, config=cfg)
    assert wr.emerging["term"].iloc[0] == TREND_INTEREST
    # the summary says how far the seeded runs agree, the number of this week's run
    agree = wr.current.summary["agreement"]
    assert 0.9 <= agree <= 1.0  # planted communities: every run finds them
    assert f"The 5 seeded community runs agree {agree:.2f}" in wr.summary[-1]
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


# ---------------------------------------------- weekly report on a partial week
def _sample_with_partial_last_week(folder, customers=150, weeks=3):
    """The embedded sample, its last week cut to Monday and Tuesday morning."""
    from passionmap.datasets.sample import write_sample

    path = write_sample(folder / "s.csv", customers=customers, weeks=weeks)
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    ts = pd.to_datetime(df["timestamp"])
    monday = ts.max().normalize() - pd.Timedelta(days=ts.max().weekday())
    df = df[ts < monday + pd.Timedelta(hours=36)]
    df.to_csv(folder / "partial.csv", index=False)
    return folder / "partial.csv"


@pytest.fixture(scope="module")
def partial_comments(tmp_path_factory):
    from passionmap import Config, load_comments

    path = _sample_with_partial_last_week(tmp_path_factory.mktemp("partial"))
    return load_comments(path, Config(model="blank", progress=False)).comments


def test_weekly_report_default_week_is_the_latest_complete_one(partial_comments, nlp_blank):
    from passionmap import Config
    from passionmap.weekly import weekly_report

    weeks = weeks_in(partial_comments)
    cfg = Config(model="blank", progress=False)
    wr = weekly_report(partial_comments, config=cfg, nlp=nlp_blank)
    assert wr.week == weeks[-2]  # the last week is partial
    assert not wr.coverage.partial and wr.basis == "members"
    assert wr.weeks_text()[0].startswith(f"This week, {wr.week} (")
    assert "comments on all 7 days" in wr.weeks_text()[0]
    assert wr.intro().endswith(f"and what changed since {wr.prev_week}.")


def test_weekly_report_on_a_partial_week_says_so_and_compares_rates(partial_comments, nlp_blank):
    from passionmap import Config
    from passionmap.weekly import weekly_report

    week = weeks_in(partial_comments)[-1]
    cfg = Config(model="blank", progress=False)
    wr = weekly_report(partial_comments, week, config=cfg, nlp=nlp_blank)
    assert wr.coverage.partial and wr.coverage.active_days == 2
    assert wr.basis == "share"
    assert wr.summary[0].startswith(f"{week} is partial: comments on 2 of 7 days, Mon ")
    assert "per active customer and per active day, not in raw counts" in wr.summary[1]
    assert "partial" in wr.weeks_text()[0]
    assert (wr.changes["basis"] == "share").all()
    changed = wr.changes[wr.changes["status"].isin(["grew", "shrank"])]
    for s in (s for s in wr.summary if " grew " in s or " shrank " in s):
        assert "as a share of active customers" in s
    assert changed["share_curr"].notna().all()


def test_weekly_report_without_a_previous_week(partial_comments, nlp_blank):
    from passionmap import Config
    from passionmap.weekly import weekly_report

    first = weeks_in(partial_comments)[0]
    cfg = Config(model="blank", progress=False)
    wr = weekly_report(partial_comments, first, config=cfg, nlp=nlp_blank)
    assert wr.previous is None and wr.changes is None
    assert wr.emerging.empty  # nothing "rose from 0%"
    text = " ".join(wr.summary)
    assert "No previous week" in text and "Rising" not in text
    assert "no comments (no previous week to compare with)" in wr.weeks_text()[1]
    # the opening sentence promises no comparison it cannot make
    assert "nothing is compared" in wr.intro() and "changed since" not in wr.intro()


# ------------------------------------------- what the report says, on hand-made weeks
def _week_rows(week_monday: str, customers: list[str], channels: dict[str, str]) -> pd.DataFrame:
    """One comment per customer, spread over the 7 days of the week."""
    monday = pd.Timestamp(week_monday)
    rows = []
    for i, cid in enumerate(customers):
        when = monday + pd.Timedelta(days=i % 7, hours=12)
        rows.append(
            {"comment_id": f"{week_monday}-{cid}", "customer_id": cid, "timestamp": when,
             "channel": channels.get(cid, "twitter"), "text": f"comment of {cid}"}
        )  # fmt: skip
    df = pd.DataFrame(rows)
    df["week"] = df["timestamp"].dt.strftime("%G-W%V")
    return df


def _result(comments, groups, labels, interests, said=None, generations=None):
    """A passionmap Result of one week built by hand: {cluster: "c0 c1"}, labels, interests."""
    import networkx as nx

    from passionmap.pipeline import Result

    said = said or {}
    generations = generations or {}
    member = {cid: cl for cl, ids in groups.items() for cid in ids.split()}
    rows = []
    for r in comments.itertuples():
        term = interests[member[r.customer_id]]
        rows.append((r.comment_id, r.customer_id, term, term, "interest", 0.8))
        if r.customer_id in said:
            rows.append((r.comment_id, r.customer_id, said[r.customer_id], "", "channel", 0.0))
    mentions = pd.DataFrame(
        rows, columns=["comment_id", "customer_id", "term", "label", "kind", "passion"]
    )
    posted = comments.groupby("customer_id")["channel"].first()
    customers = pd.DataFrame(
        {
            "customer_id": list(member),
            "cluster": list(member.values()),
            "generation": [generations.get(c) for c in member],
            "channels": ["; ".join(dict.fromkeys([posted[c], *([said[c]] if c in said else [])]))
                         for c in member],
            "generation_source": ["stated" if c in generations else "unknown" for c in member],
        }
    )  # fmt: skip
    sizes = customers.groupby("cluster").size()
    clusters = pd.DataFrame(
        {
            "cluster": list(groups),
            "size": [int(sizes[c]) for c in groups],
            "label": [labels[c] for c in groups],
            "top_interests": [interests[c] for c in groups],
            "start_channel": [posted[groups[c].split()[0]] for c in groups],
            "generation_mix": ["unknown 100%"] * len(groups),
            "passion": [0.8] * len(groups),
        }
    )
    return Result(comments, mentions, nx.Graph(), customers, clusters)


def _hand_made(channels: dict[str, str] | None = None, generations=None):
    """Two full weeks. This week: two communities both labelled "fleet & fleek" (#3, #5),
    and "dog training" (#6), which is last week's "dog lovers" grown from 3 to 4 members.
    c0 names the phone in a comment."""
    from passionmap.weekly import compare_weeks

    channels = channels or {}
    this = [f"c{i}" for i in range(12)]
    last = ["c8", "c9", "c10", "x1", "x2", "x3", "x4"]
    comments = pd.concat(
        [_week_rows("2015-02-16", last, channels), _week_rows("2015-02-23", this, channels)],
        ignore_index=True,
    )
    previous = _result(
        comments[comments["week"] == "2015-W08"].reset_index(drop=True),
        {0: "c8 c9 c10", 1: "x1 x2 x3 x4"},
        {0: "dog lovers", 1: "chess"},
        {0: "dog training", 1: "chess"},
        generations=generations,
    )
    current = _result(
        comments[comments["week"] == "2015-W09"].reset_index(drop=True),
        {3: "c0 c1 c2 c3", 5: "c4 c5 c6 c7", 6: "c8 c9 c10 c11"},
        {3: "fleet & fleek", 5: "fleet & fleek", 6: "dog training"},
        {3: "fleet", 5: "fleek", 6: "dog training"},
        said={"c0": "phone"},
        generations=generations,
    )
    return compare_weeks(comments, "2015-W09", current, previous)


def _every_name(wr) -> dict[str, set]:
    """The community names each section of the report uses."""
    from passionmap.viz import plots
    from passionmap.weekly import voices

    heat = plots.channel_heatmap(wr.channels).axes[0]
    gens = plots.generation_table(wr.current.customers, wr.clusters)
    return {
        "community table": set(wr.community_table()["community"]),
        "changes": set(wr.changes.dropna(subset=["cluster"])["name"]),
        "community map": set(wr.clusters["label"]),
        "heat map": {t.get_text().rsplit(" (", 1)[0] for t in heat.get_yticklabels()},
        "interests": set(wr.interests["label"]),
        "generations": {name.rsplit(" (", 1)[0] for name in gens.index},
        "where to start": set(wr.starts["label"]),
        "start with, then": set(wr.audience.plan["label"]),
        "voices": set(voices(wr.current.comments, wr.current.customers, wr.clusters,
                             wr.current.mentions)["community"]),
    }  # fmt: skip


def test_one_name_per_community_in_every_section():
    wr = _hand_made()
    names = {"fleet & fleek (#3)", "fleet & fleek (#5)", "dog lovers"}
    for section, shown in _every_name(wr).items():
        assert shown == names, section
    # "In short" names the grown community by the same name as every table and figure
    assert "The dog lovers community grew 33% (3 to 4 members)." in wr.summary
    assert not any("dog training community" in s for s in wr.summary)


def test_communities_with_the_same_label_are_told_apart():
    wr = _hand_made()
    assert wr.names == {3: "fleet & fleek (#3)", 5: "fleet & fleek (#5)", 6: "dog lovers"}
    text = " ".join(wr.summary)
    assert "New: the fleet & fleek (#3) community (4 members)." in text
    assert "New: the fleet & fleek (#5) community (4 members)." in text
    # without a previous week too
    assert display_names(wr.current.clusters) == {
        3: "fleet & fleek (#3)", 5: "fleet & fleek (#5)", 6: "dog training"
    }  # fmt: skip


def test_faded_community_named_like_a_current_one_is_told_apart():
    prev_cu = _customers({0: "abc", 1: "def"})
    prev_cl = _clusters({0: ("bakers", "baking"), 1: ("bakers", "cakes")}, prev_cu)
    curr_cu = _customers({0: "abc"})
    curr_cl = _clusters({0: ("bread", "baking")}, curr_cu)
    m = match_communities(prev_cu, prev_cl, curr_cu, curr_cl)
    assert m.set_index("status")["name"].to_dict() == {
        "stable": "bakers",  # this week's, under last week's name
        "faded": "bakers (#1 last week)",
    }


def test_one_channel_is_said_once_not_per_community():
    wr = _hand_made()  # every comment on Twitter; c0 names the phone
    sentence = "All comments come from one channel (Twitter): there is no channel choice to make."
    assert wr.one_channel == "twitter" and wr.channel_note == sentence
    assert wr.summary[-1] == sentence
    assert not any(s.startswith("Start with") for s in wr.summary)
    assert "start with" not in wr.community_table().columns
    lines = wr.audience.sentences()
    assert lines[0] == sentence and not any("100%" in s for s in lines)
    assert sentence not in wr.audience.sentences(channels=False)
    # what customers only talk about is said too, as talk, not as where they post
    assert wr.mentioned_note == (
        "Customers also name channels in what they write, without posting there: "
        "phone (1 customer)."
    )


def test_several_channels_keep_the_channel_advice():
    wr = _hand_made(channels={"c4": "facebook", "c5": "facebook", "c6": "facebook"})
    assert wr.one_channel is None and wr.channel_note is None
    assert "start with" in wr.community_table().columns
    assert wr.summary[-1].startswith("Start with ")


def test_no_known_generation_is_one_sentence():
    wr = _hand_made()  # nobody states an age or gives one away
    assert not wr.generations_known
    assert wr.generation_note == NO_GENERATIONS
    assert "generations" not in wr.community_table().columns  # no "unknown 100%" column
    assert NO_GENERATIONS in wr.audience.sentences()
    assert not any("unknown" in s for s in wr.audience.sentences())
    assert set(wr.audience.top_channels()["generation"]) == {"all"}
    known = _hand_made(generations={"c0": "Gen X", "c8": "Gen Z"})
    assert known.generations_known and known.generation_note is None
    gens = known.community_table().set_index("community")["generations"]
    assert gens["fleet & fleek (#3)"] == "Gen X 25%; unknown 75%"


def test_mentioned_channels_are_not_where_a_community_posts():
    wr = _hand_made()  # c0 posts on Twitter and names the phone
    fleet = wr.channels[wr.channels["cluster"] == 3].set_index("channel")
    assert fleet.loc["twitter", "how"] == "posts on" and fleet.loc["twitter", "share"] == 1.0
    assert fleet.loc["phone", "how"] == "mentioned"
    assert (wr.starts["start_channel"] == "twitter").all()
    assert wr.audience.mentioned == ("phone",)
    assert set(wr.audience.plan["first_channel"]) == {"twitter"}
    assert "phone" not in set(wr.audience.channels["channel"])


def test_mentioned_channel_is_the_start_only_when_no_posting_channel_is_known():
    customers = pd.DataFrame({"customer_id": list("abc"), "cluster": [0, 0, 0]})
    clusters = pd.DataFrame({"cluster": [0], "size": [3], "label": ["bakers"]})
    said = pd.DataFrame({"customer_id": ["a", "b"], "kind": ["channel"] * 2,
                         "term": ["phone", "phone"]})  # fmt: skip
    on = pd.DataFrame({"customer_id": list("abc"), "channel": ["email", "email", "sms"]})
    start = start_channels(customers, clusters, channel_shares(customers, clusters, on, said))
    assert start[["start_channel", "how"]].values.tolist() == [["email", "posts on"]]
    assert start["why"].iloc[0] == "67% of members post on email (2 of 3)"
    nowhere = on.assign(channel="unknown")
    start = start_channels(customers, clusters, channel_shares(customers, clusters, nowhere, said))
    assert start[["start", "how"]].values.tolist() == [["phone (mentioned)", "mentioned"]]
    assert "where they post is not known" in start["why"].iloc[0]


def test_counts_have_thousands_separators():
    cl = pd.DataFrame({"cluster": [0], "size": [10268], "label": ["fleet"],
                       "start_channel": ["twitter"]})  # fmt: skip
    ch = pd.DataFrame({"name": ["fleet"], "cluster": [0], "status": ["grew"],
                       "change_pct": [14.1], "size_prev": [9000.0], "size": [10268],
                       "note": [""]})  # fmt: skip
    text = summary_sentences(ch, None, cl)
    assert text[0] == "1 community this week (10,268 customers)."
    assert "The fleet community grew 14% (9,000 to 10,268 members)." in text
    customers = pd.DataFrame({"customer_id": [str(i) for i in range(5654)], "cluster": 0,
                              "channels": "twitter"})  # fmt: skip
    cl = pd.DataFrame({"cluster": [0], "size": [5654], "label": ["fleet"]})
    assert start_channels(customers, cl)["why"].iloc[0] == (
        "100% of members are on Twitter (5,654 of 5,654)"
    )


def test_generations_never_read_zero_percent():
    from passionmap.weekly import generation_text

    gens = pd.Series(["Gen X"] * 997 + ["Millennials"] * 3)
    assert generation_text(gens) == "Gen X 99.7%; Millennials 0.3%"  # not "Millennials 0%"


def test_default_week_says_which_partial_week_it_passed_over(partial_comments, nlp_blank):
    from passionmap import Config
    from passionmap.weekly import weekly_report

    weeks = weeks_in(partial_comments)
    cfg = Config(model="blank", progress=False)
    wr = weekly_report(partial_comments, config=cfg, nlp=nlp_blank)
    assert wr.picked and wr.week == weeks[-2]
    assert wr.summary[0] == (
        f"{weeks[-1]} is partial (2 of 7 days), so this report covers {weeks[-2]}, "
        "the latest complete week."
    )
    asked = weekly_report(partial_comments, weeks[-2], config=cfg, nlp=nlp_blank)
    assert not asked.picked and "so this report covers" not in " ".join(asked.summary)


def test_passed_over_names_the_partial_week(airline_like):
    assert passed_over(airline_like, "2015-W08") == (
        "2015-W09 is partial (2 of 7 days), so this report covers 2015-W08, "
        "the latest complete week."
    )
    assert passed_over(airline_like, "2015-W09") is None
    full = airline_like[airline_like["week"] == "2015-W08"]
    assert passed_over(full, "2015-W08") is None


def test_a_handful_of_known_generations_is_one_sentence_too():
    from dataclasses import replace

    wr = _hand_made(generations={"c0": "Gen X"})
    assert wr.generations_known  # 1 of 12 members (8.3%): a mix worth showing
    few = pd.DataFrame({"customer_id": [f"m{i}" for i in range(40)], "cluster": 3,
                        "generation": ["Gen X"] + [None] * 39})  # fmt: skip
    wr = replace(wr, current=replace(wr.current, customers=few))
    assert not wr.generations_known
    assert wr.generation_note == (
        "Generations are known for only 1 of 40 community members (2.5%): "
        "too few to show a generation mix."
    )
    assert "generations" not in wr.community_table().columns


def test_an_interest_kept_this_week_only_does_not_rise_from_zero():
    """Each week judges its own interests: last week's candidates still count last week."""
    from passionmap.weekly import emerging_interests

    comments = pd.DataFrame({"comment_id": list("123456"), "customer_id": list("abcdef"),
                             "week": ["2026-W01"] * 3 + ["2026-W02"] * 3})  # fmt: skip
    mentions = pd.DataFrame({"comment_id": list("456"), "customer_id": list("def"),
                             "term": ["kiln"] * 3, "label": ["kiln"] * 3,
                             "kind": ["interest"] * 3})  # fmt: skip
    naive = emerging_interests(mentions, comments, "2026-W02", "2026-W01", min_support=3)
    assert naive["customers_prev"].tolist() == [0]  # kiln was not an interest last week
    fair = emerging_interests(mentions, comments, "2026-W02", "2026-W01", min_support=3,
                              prev_counts=pd.Series({"kiln": 3}))  # fmt: skip
    assert fair.empty  # 3 of 3 customers both weeks: no rise


def test_drilldown_lists_numbers_in_number_order_and_unscored_comments_last():
    from passionmap.weekly import community_comments

    cu = pd.DataFrame({"customer_id": ["7", "8"], "cluster": [0, 0]})
    co = pd.DataFrame({"comment_id": ["107", "10", "9", "11"], "customer_id": ["7", "8", "7", "8"],
                       "text": ["a", "b", "c", "love yoga"], "channel": "web"})  # fmt: skip
    me = pd.DataFrame({"comment_id": ["11"], "kind": ["interest"], "label": ["yoga"],
                       "passion": [0.9]})  # fmt: skip
    out = community_comments(co, cu, 0, me)
    assert out["comment_id"].tolist() == ["11", "9", "10", "107"]  # not "10", "107", "9"
    assert out["passion"].iloc[0] == 0.9 and out["passion"].iloc[1:].isna().all()  # not 0.00


def test_a_community_that_continues_by_its_name_says_so_as_written():
    """Without top interests two communities continue by their label: the note read
    "same top interest, mixed: flighted & weather" (the airline tweets' 2015-W09)."""
    prev_cu = _customers({0: "abcd"})
    prev_cl = _clusters({0: ("mixed: Flighted & weather", "")}, prev_cu)
    curr_cu = _customers({5: "wxyz"})
    curr_cl = _clusters({5: ("mixed: Flighted & weather", "")}, curr_cu)
    row = match_communities(prev_cu, prev_cl, curr_cu, curr_cl).iloc[0]
    assert row["prev_cluster"] == 0 and row["cluster"] == 5
    assert "continues: same name, mixed: Flighted & weather" in row["note"], row["note"]
