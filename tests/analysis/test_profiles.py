import pandas as pd

from passionmap import profile
from passionmap.analysis.profiles import generation_mix


def test_label_uses_lift_not_raw_counts():
    ids = [f"c{i}" for i in range(8)]
    comments = pd.DataFrame(
        {
            "customer_id": ids,
            "channel": ["pinterest"] * 3 + ["email"] + ["twitter"] * 4,
            "age": [30.0, 31.0, 55.0, None, 20.0, 21.0, 22.0, 23.0],
            "generation": ["Millennials", "Millennials", "Gen X", None] + ["Gen Z"] * 4,
            "timestamp": pd.NaT,
        }
    )
    rows = []
    for c in ids:  # everyone drinks coffee; the first four bake, the last four swim
        rows.append((c, "coffee", 0.5))
        rows.append((c, "sourdough" if c < "c4" else "swim meet", 0.9))
    m = pd.DataFrame(rows, columns=["customer_id", "term", "passion"])
    m = m.assign(label=m["term"], kind="interest")
    clusters = pd.Series([0] * 4 + [1] * 4, index=ids)
    p = profile(comments, m, clusters)
    bakers = p.clusters.set_index("cluster").loc[0]
    assert bakers["label"].startswith("sourdough")  # coffee is more common, less distinctive
    assert bakers["start_channel"] == "pinterest" and bakers["start_share"] == 0.75
    assert bakers["generation_mix"] == "Millennials 50%; Gen X 25%; unknown 25%"
    assert bakers["size"] == 4
    cust = p.customers.set_index("customer_id")
    assert cust.loc["c0", "top_interests"] == ["sourdough", "coffee"]
    assert cust.loc["c7", "cluster"] == 1 and cust.loc["c7", "channels"] == ["twitter"]


def test_a_community_without_a_shared_interest_is_named_by_what_it_talks_about():
    """Airline-like: bag complainers share no passion; the analyst reads "about: bag"."""
    ids = [f"c{i:02d}" for i in range(20)]
    comments = pd.DataFrame({"customer_id": ids, "channel": "twitter", "age": None,
                             "generation": None, "timestamp": pd.NaT})  # fmt: skip
    one_each = [f"hobby {i}" for i in range(20)]  # 1 member in 10 each: below 15%
    m = pd.DataFrame({"customer_id": ids, "term": one_each, "passion": 0.5})
    m = m.assign(label=m["term"], kind="interest")
    talk = pd.DataFrame({"customer_id": ids, "term": ["bag"] * 10 + ["seat"] * 10})
    talk = talk.assign(label=talk["term"], kind="interest", passion=0.25)
    clusters = pd.Series([0] * 10 + [1] * 10, index=ids)
    named = profile(comments, m, clusters, talk=talk).clusters.set_index("cluster")["label"]
    assert named.to_dict() == {0: "about: bag", 1: "about: seat"}
    # without the talk, no term of theirs is shared: one member's hobby names no group (a
    # week of reddit posts had "mixed: Bale", one member's term, for 9 members)
    alone = profile(comments, m, clusters).clusters["label"]
    assert alone.tolist() == ["no named interest #0", "no named interest #1"]
    # two members of 20 share each hobby (10%, below MIN_SUPPORT): a loose mix of them
    pairs = m.assign(term=[f"hobby {i // 2}" for i in range(20)])
    mixed = profile(comments, pairs.assign(label=pairs["term"]), pd.Series(0, index=ids))
    assert mixed.clusters["label"].tolist() == ["mixed: hobby 0 & hobby 1"]


def test_a_communitys_top_interests_are_shared_by_two_members():
    """The airline report listed "charity; cruise" (one member each) for 579 members."""
    ids = [f"c{i:02d}" for i in range(10)] + ["solo"]
    comments = pd.DataFrame({"customer_id": ids, "channel": "twitter", "age": None,
                             "generation": None, "timestamp": pd.NaT})  # fmt: skip
    terms = ["golf", "golf", "charity", "cruise"] + [None] * 6 + ["knitting"]
    m = pd.DataFrame({"customer_id": ids, "term": terms}).dropna()
    m = m.assign(label=m["term"], kind="interest", passion=0.5)
    clusters = pd.Series([0] * 10 + [1], index=ids)
    tops = profile(comments, m, clusters).clusters.set_index("cluster")["top_interests"]
    assert tops.to_dict() == {0: ["golf"], 1: ["knitting"]}  # all of a one-member community


def test_interests_as_common_as_the_talk_name_the_community():
    """Newsgroups: printer authors read "about: Windows" while 10% wrote "TrueType"."""
    ids = [f"c{i:02d}" for i in range(40)]
    comments = pd.DataFrame({"customer_id": ids, "channel": "forum", "age": None,
                             "generation": None, "timestamp": pd.NaT})  # fmt: skip
    # community 0 (30 members): 4 write TrueType, 3 printer driver (13% and 10%, below 15%),
    # 6 write "windows" (20%); community 1 (10 members): 5 write "windows", one golf
    terms = ["truetype"] * 4 + ["printer driver"] * 3 + [None] * 23 + ["golf"] + [None] * 9
    m = pd.DataFrame({"customer_id": ids, "term": terms}).dropna()
    m = m.assign(label=m["term"], kind="interest", passion=0.5)
    talk_ids = ids[:6] + ids[30:35]
    talk = pd.DataFrame({"customer_id": talk_ids, "term": "windows"})
    talk = talk.assign(label=talk["term"], kind="interest", passion=0.25)
    clusters = pd.Series([0] * 30 + [1] * 10, index=ids)
    named = profile(comments, m, clusters, talk=talk).clusters.set_index("cluster")["label"]
    assert named.to_dict() == {0: "truetype & printer driver", 1: "about: windows"}


def test_a_loose_group_is_named_by_the_terms_most_of_its_members_use():
    """No term reaches 15%: the name comes from talk 2 of 20 use, not a hobby 1 of 20 has."""
    ids = [f"c{i:02d}" for i in range(20)]
    comments = pd.DataFrame({"customer_id": ids, "channel": "twitter", "age": None,
                             "generation": None, "timestamp": pd.NaT})  # fmt: skip
    m = pd.DataFrame({"customer_id": ids, "term": [f"hobby {i:02d}" for i in range(20)]})
    m = m.assign(label=m["term"], kind="interest", passion=0.5)
    talk = pd.DataFrame({"customer_id": ids, "term": [f"part {i // 2:02d}" for i in range(20)]})
    talk = talk.assign(label=talk["term"], kind="interest", passion=0.25)
    clusters = pd.Series(0, index=ids)
    named = profile(comments, m, clusters, talk=talk).clusters["label"].tolist()
    assert named == ["mixed: part 00 & part 01"]


def test_generation_mix_orders_by_share():
    assert generation_mix(pd.Series(["Gen Z", "Gen X", "Gen X"])) == "Gen X 67%; Gen Z 33%"
    # one Millennial of 766 (the airline tweets): not "Millennials 0%; unknown 100%"
    mix = generation_mix(pd.Series(["Millennials"] + [None] * 765))
    assert mix == "Millennials 0.1%; unknown 99.9%"


def test_start_channel_is_one_answer_for_profile_audience_and_weekly():
    """Where to start counts the channels members post on, in all three places."""
    from passionmap.analysis.audiences import audience
    from passionmap.weekly.tables import channel_shares, start_channels

    ids = list("abcde")
    comments = pd.DataFrame(
        {
            "customer_id": ids,
            "channel": ["twitter", "twitter", "email", "unknown", "unknown"],
            "age": None,
            "generation": None,
            "timestamp": pd.NaT,
        }
    )
    said = pd.DataFrame(  # three name the phone line, nobody posts there
        {
            "customer_id": list("cde"),
            "term": ["phone"] * 3,
            "label": ["phone"] * 3,
            "kind": ["channel"] * 3,
            "passion": 0.0,
        }  # fmt: skip
    )
    likes = pd.DataFrame(
        {
            "customer_id": ids,
            "term": ["chess"] * 5,
            "label": ["chess"] * 5,
            "kind": ["interest"] * 5,
            "passion": 0.5,
        }  # fmt: skip
    )
    mentions = pd.concat([said, likes], ignore_index=True)
    p = profile(comments, mentions, pd.Series([0] * 5, index=ids))
    cl = p.clusters.iloc[0]
    assert (cl["start_channel"], cl["start_share"]) == ("twitter", 0.4)  # not phone (60%)
    plan = audience(comments, mentions, p.customers, p.clusters).plan.iloc[0]
    assert (plan["first_channel"], plan["first_share"]) == ("twitter", 0.4)
    shares = channel_shares(p.customers, p.clusters, comments, mentions)
    week = start_channels(p.customers, p.clusters, shares).iloc[0]
    assert (week["start_channel"], week["share"]) == ("twitter", 0.4)


def test_a_community_that_posts_nowhere_starts_where_it_mentions_in_all_three():
    from passionmap.analysis.audiences import audience
    from passionmap.weekly.tables import channel_shares, start_channels

    ids = list("abcd")
    comments = pd.DataFrame(
        {
            "customer_id": ids,
            "channel": ["twitter", "twitter", "unknown", "unknown"],
            "age": None,
            "generation": None,
            "timestamp": pd.NaT,
        }  # fmt: skip
    )
    # c and d (their own community) post nowhere known; they name twitter, which a and b post on
    said = pd.DataFrame(
        {
            "customer_id": ["c", "d", "d"],
            "term": ["twitter", "twitter", "phone"],
            "label": ["Twitter", "Twitter", "phone"],
            "kind": ["channel"] * 3,
            "passion": 0.0,
        }  # fmt: skip
    )
    p = profile(comments, said, pd.Series([0, 0, 1, 1], index=ids))
    starts = p.clusters.set_index("cluster")
    assert starts.loc[1, "start_channel"] == "twitter" and starts.loc[1, "start_share"] == 1.0
    plan = audience(comments, said, p.customers, p.clusters).plan.set_index("cluster")
    assert plan.loc[1, ["first_channel", "how"]].tolist() == ["twitter", "mentioned"]
    shares = channel_shares(p.customers, p.clusters, comments, said)
    week = start_channels(p.customers, p.clusters, shares).set_index("cluster")
    assert week.loc[1, ["start_channel", "how"]].tolist() == ["twitter", "mentioned"]


def test_profile_fills_unknown_generations_from_cues_and_keeps_stated_ages():
    c = pd.DataFrame(
        {
            "customer_id": ["a", "b", "c"],
            "text": ["yoga and my grandkids", "yoga, our toddler", "yoga daily"],
            "channel": ["email"] * 3,
            "age": [25.0, None, None],
            "generation": ["Gen Z", None, None],
            "timestamp": pd.Timestamp("2026-02-01"),
        }
    )
    m = pd.DataFrame(
        {"customer_id": list("abc"), "term": ["yoga"] * 3, "label": ["yoga"] * 3,
         "kind": ["interest"] * 3, "passion": [0.5] * 3}
    )  # fmt: skip
    p = profile(c, m, pd.Series([0, 0, 0], index=list("abc")))
    cu = p.customers.set_index("customer_id")
    assert cu["generation"].tolist() == ["Gen Z", "Millennials", None]
    assert cu["generation_source"].tolist() == ["stated", "inferred", "unknown"]
    assert cu["age"].isna().tolist() == [False, True, True]  # no age is made up


def test_a_community_with_no_interest_mention_has_no_passion_not_zero(tmp_path):
    """The airline report read "passion 0.000" (matter-of-fact) where there was no data."""
    from passionmap.io.export import write_csv

    ids = list("abcd")
    comments = pd.DataFrame({"customer_id": ids, "channel": "twitter", "age": None,
                             "generation": None, "timestamp": pd.NaT})  # fmt: skip
    m = pd.DataFrame(  # a and b love yoga; c and d only name a channel
        {"customer_id": list("abcd"), "term": ["yoga", "yoga", "phone", "phone"],
         "label": ["yoga", "yoga", "phone", "phone"],
         "kind": ["interest", "interest", "channel", "channel"], "passion": [0.8, 0.6, 0, 0]}
    )  # fmt: skip
    cl = profile(comments, m, pd.Series([0, 0, 1, 1], index=ids)).clusters
    assert cl.set_index("cluster")["passion"].tolist()[0] == 0.7
    assert pd.isna(cl.set_index("cluster").loc[1, "passion"])
    write_csv(cl, tmp_path / "clusters.csv")
    rows = (tmp_path / "clusters.csv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    assert rows[2].split(",")[header.index("passion")] == ""  # a blank cell, not 0.0
    # the most passionate first: no data last, not as the least passionate
    read = pd.read_csv(tmp_path / "clusters.csv")
    assert read.sort_values("passion", ascending=False)["cluster"].tolist() == [0, 1]
    assert read.sort_values("passion")["cluster"].tolist() == [0, 1]
