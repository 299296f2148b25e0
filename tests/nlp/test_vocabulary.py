"""Which candidate terms are interests (passionmap.nlp.vocabulary), on small tables."""

from __future__ import annotations

import pandas as pd

from passionmap.config import Config
from passionmap.nlp.vocabulary import corpus_subject, judge, select_interests


def table(rows: list[tuple]) -> pd.DataFrame:
    """A term_table from (term, customers, ratio, top_share, top_lift, known) rows."""
    t = pd.DataFrame(rows, columns=["term", "customers", "ratio", "top_share", "top_lift", "known"])
    expected = (t["customers"] / t["ratio"] - 1.0).clip(lower=0.0)  # ratio = n / (expected + 1)
    return t.assign(
        mentions=t["customers"], share=t["customers"] / 100, passion=0.3, entity=False,
        english=1e-6, expected=expected,
    )  # fmt: skip


BRAND = table([
    ("flight", 60, 150.0, 0.3, 1.5, False),  # everyone's subject
    ("wifi", 8, 30.0, 0.9, 20.0, False),  # a part of it, its users in one community
    ("middle seat", 6, 1.0, 0.8, 15.0, False),  # English-looking phrase around a domain word
    ("seat", 20, 18.0, 0.3, 3.0, False),
    ("rescue dog", 5, 1.0, 0.8, 12.0, True),  # a passion the pattern files know
    ("golf bag", 4, 1.5, 0.9, 20.0, True),  # the lexicon names golf
    ("coat", 4, 1.5, 0.9, 20.0, False),  # as rare and grouped as golf, but not a passion
])  # fmt: skip
#: communities of 30, 25, 20, 15 and 10 customers: "flight" (60) outgrows them all
BRAND_CLUSTERS = pd.Series([0] * 30 + [1] * 25 + [2] * 20 + [3] * 15 + [4] * 10)


def test_a_word_that_outgrows_every_community_is_the_corpus_subject():
    assert corpus_subject(BRAND, BRAND_CLUSTERS) == "flight"
    forum = pd.Series([0] * 70 + [1] * 30)  # the largest community holds more than "flight"
    assert corpus_subject(BRAND, forum) is None
    assert corpus_subject(BRAND, None) is None
    assert corpus_subject(BRAND, pd.Series([0] * 100)) is None  # one community: nothing to compare


def test_in_a_one_subject_corpus_its_elevated_words_are_domain_however_concentrated():
    judged = judge(BRAND, Config(min_mentions=2), "flight").set_index("term")["reason"]
    assert judged["wifi"] == "domain"
    assert judged["rescue dog"] == "interest" and judged["golf bag"] == "interest"
    # among many subjects the same concentrated word is a community's topic
    forum = judge(BRAND, Config(min_mentions=2), None).set_index("term")["reason"]
    assert forum["wifi"] == "interest" and forum["seat"] == "domain"


def test_in_a_one_subject_corpus_only_known_interests_are_passions():
    """Travellers carry coats and golf clubs alike: only the lexicon tells them apart."""
    judged = judge(BRAND, Config(min_mentions=2), "flight").set_index("term")["reason"]
    assert judged["coat"] == "unlisted" and judged["golf bag"] == "interest"
    # among many subjects the corpus itself separates topics: the open word stays
    forum = judge(BRAND, Config(min_mentions=2), None).set_index("term")["reason"]
    assert forum["coat"] == "interest"


def test_in_a_one_subject_corpus_a_known_term_nobody_owns_is_not_a_passion():
    """Rule 6: "no coffee on the flight" is the service's coffee; "my golf bag" is a golfer's."""
    t = BRAND.assign(own=BRAND["customers"])
    t.loc[t["term"] == "rescue dog", "own"] = 0
    judged = judge(t, Config(min_mentions=2), "flight").set_index("term")["reason"]
    assert judged["rescue dog"] == "impersonal" and judged["golf bag"] == "interest"
    # among many subjects the forum is the customers' own topic: no such test
    forum = judge(t, Config(min_mentions=2), None).set_index("term")["reason"]
    assert forum["rescue dog"] == "interest"


def test_one_customers_known_term_counts_only_when_it_is_theirs():
    """The flight attendant's "crossword" is not the writer's passion; "my knitting" is."""
    t = table([
        ("flight", 60, 150.0, 0.3, 1.5, False),
        ("crossword", 1, 1.0, 1.0, 5.0, True),
        ("knitting", 1, 1.0, 1.0, 5.0, True),
    ]).assign(own=[60, 0, 1])  # fmt: skip
    judged = judge(t, Config(min_mentions=2), "flight").set_index("term")["reason"]
    assert judged["crossword"] == "impersonal" and judged["knitting"] == "interest"


def test_a_phrase_holding_a_domain_word_is_domain():
    judged = judge(BRAND, Config(min_mentions=2), "flight").set_index("term")["reason"]
    assert judged["seat"] == "domain" and judged["middle seat"] == "domain"


def test_select_interests_names_the_brand_subject_from_mentions():
    """End to end on mentions: airline-like chatter, and dog lovers who also fly."""
    rows = [(f"c{i}", "flight") for i in range(40)]
    rows += [(f"c{i}", "wifi") for i in range(8)] + [(f"c{i}", "rescue dog") for i in range(30, 36)]
    m = pd.DataFrame(rows, columns=["customer_id", "term"]).assign(
        kind="interest", category="", passion=0.3
    )
    m.loc[m["term"] == "rescue dog", "category"] = "pets"  # a pattern-file term
    clusters = pd.Series({f"c{i}": (0 if i < 8 else 1 if i < 30 else 2) for i in range(40)})
    kept, terms = select_interests(m, Config(min_mentions=2), clusters, n_words=400)
    reasons = terms.set_index("term")["reason"]
    assert reasons["wifi"] == "domain", terms
    assert terms.loc[terms["subject"], "term"].tolist() == ["flight"]  # judged with the rest
    assert kept.loc[kept["kind"] == "interest", "term"].unique().tolist() == ["rescue dog"]


def test_among_many_subjects_a_concentrated_phrase_on_a_domain_word_stays_a_topic():
    forum = table([
        ("memory", 30, 5.0, 0.3, 1.5, False),  # everyone's word on a PC forum
        ("virtual memory", 6, 1.0, 0.8, 6.0, False),  # one community's topic
        ("more memory", 6, 1.0, 0.3, 1.2, False),  # spread: everyone's talk
    ])  # fmt: skip
    judged = judge(forum, Config(min_mentions=2), None).set_index("term")["reason"]
    assert judged["memory"] == "domain" and judged["more memory"] == "domain"
    assert judged["virtual memory"] == "interest"


def test_a_topic_two_related_communities_share_is_still_a_topic():
    """The "scsi" of PC and Mac hardware authors: half its users in each of two communities."""
    clusters = pd.Series({f"c{i:03d}": i // 10 for i in range(100)})  # ten communities of 10
    rows = [(f"c{i:03d}", f"own {i}") for i in range(100)]  # everyone names something
    rows += [(f"c{i:03d}", "scsi") for i in (0, 1, 2, 3, 10, 11, 12, 13)]  # communities 0, 1
    rows += [(f"c{i:03d}", "schedule") for i in range(0, 100, 9)]  # everyone's talk, spread
    m = pd.DataFrame(rows, columns=["customer_id", "term"]).assign(
        kind="interest", category="", passion=0.3
    )
    _, terms = select_interests(m, Config(min_mentions=2), clusters, n_words=100_000)
    reasons = terms.set_index("term")["reason"]
    assert reasons["scsi"] == "interest" and reasons["schedule"] == "spread", terms
    # the single-community rule alone (half its users in one) would not have kept it
    row = terms.set_index("term").loc["scsi"]
    assert row["top_share"] < 0.6 <= row["pair_share"]


def test_among_many_subjects_a_topic_voiced_without_cues_is_still_a_topic():
    """Forum posts rarely say "I love": "windows" among PC users has passion 0.25, no cue."""
    forum = table([
        ("windows", 30, 40.0, 0.8, 5.0, False),  # one community's word, written plainly
        ("delay", 30, 40.0, 0.8, 5.0, False),  # as concentrated, but mostly complained about
    ]).assign(passion=[0.25, 0.1])  # fmt: skip
    judged = judge(forum, Config(min_mentions=2), None).set_index("term")["reason"]
    assert judged["windows"] == "interest"
    assert judged["delay"] == "domain"


def test_a_rare_phrase_counts_for_the_interest_phrase_inside_it():
    """A mention of "second world war" (written once; "world war" by three) counts for
    "world war", shown with its label. A single word inside ("kiln") is not backed off to."""
    rows = [(c, "world war", "World War") for c in "abc"] + [(c, "kiln", "kiln") for c in "efg"]
    rows += [("d", "second world war", "Second World War"), ("h", "electric kiln glaze", "x")]
    m = pd.DataFrame(rows, columns=["customer_id", "term", "label"])
    m = m.assign(kind="interest", category="", passion=0.25, comment_id=range(len(m)))
    kept, terms = select_interests(m, Config(min_mentions=2))
    d = kept[kept["customer_id"] == "d"]
    assert d[["term", "label"]].values.tolist() == [["world war", "World War"]]
    assert "h" not in set(kept["customer_id"])  # no two-word interest inside its phrase
    assert terms.set_index("term").loc["second world war", "interest"] == False  # noqa: E712


def test_a_make_with_a_model_number_counts_for_the_make():
    """A mention of "Maxtor 7080AT" (written once) is one drive of the make "maxtor", an interest of
    three customers; a plain number is part of a name ("Centris 650") and is not dropped."""
    rows = [(c, "maxtor", "Maxtor") for c in "abc"] + [(c, "centris", "Centris") for c in "efg"]
    rows += [("d", "maxtor 7080at", "Maxtor 7080AT"), ("h", "centris 650", "Centris 650")]
    m = pd.DataFrame(rows, columns=["customer_id", "term", "label"])
    m = m.assign(kind="interest", category="", passion=0.25, comment_id=range(len(m)))
    kept, _ = select_interests(m, Config(min_mentions=2))
    assert kept.loc[kept["customer_id"] == "d", ["term", "label"]].values.tolist() == [
        ["maxtor", "Maxtor"]
    ]
    assert "h" not in set(kept["customer_id"])


def test_a_feeling_is_no_interest_however_grouped():
    """ "hatred", "guilt", "desire" and "joy" were interests of the newsgroups: how a writer
    feels is no topic they are into (patterns/feelings.txt), however its users group."""
    forum = table([
        ("hatred", 20, 5.0, 0.8, 6.0, False),
        ("joy", 12, 5.0, 0.8, 6.0, False),
        ("genocide", 20, 5.0, 0.8, 6.0, False),  # a topic, grouped alike
    ])  # fmt: skip
    judged = judge(forum, Config(min_mentions=2), None).set_index("term")["reason"]
    assert judged.to_dict() == {"hatred": "feeling", "joy": "feeling", "genocide": "interest"}
