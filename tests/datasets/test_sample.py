"""The embedded sample generator and the shipped interest patterns."""

from __future__ import annotations

import doctest
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
import spacy

import passionmap.datasets.sample as sample_mod
import passionmap.nlp.nlp as nlp_mod
from passionmap.datasets.sample import (
    COMMUNITIES,
    GROWING_COMMUNITY,
    NO_COMMUNITY,
    TREND_COMMUNITY,
    TREND_INTEREST,
    make_sample,
    write_sample,
)
from passionmap.nlp.nlp import plural, read_jsonl

PATTERNS = Path(nlp_mod.__file__).parent / "patterns"  # the shipped pattern files
SPEC_CHANNELS = frozenset(
    """facebook twitter instagram linkedin youtube pinterest yelp ello reddit tiktok discord
    strava snapchat whatsapp email forum phone website blog sms store""".split()
)
# channel words of the SPEC (keys and synonyms) and the short forms the sample uses
CHANNEL_WORDS = {
    **{k: k for k in SPEC_CHANNELS},
    "insta": "instagram",
    "e-mail": "email",
    "newsletter": "email",
    "message board": "forum",
    "telephone": "phone",
    "call line": "phone",
    "web site": "website",
    "in person": "store",
}
CHANNEL_RE = re.compile(
    r"(?<![\w@#/.-])("
    + "|".join(sorted(map(re.escape, CHANNEL_WORDS), key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
CATEGORIES = frozenset(
    """sports outdoors pets food books music film_tv arts_crafts family travel gaming tech
    fitness causes home_garden fashion_beauty faith cars wellbeing""".split()
)
NOT_INTERESTS = frozenset(
    """thing time day week stuff people order dress size price delivery flight shipping refund
    product service customer checkout package discount coupon jacket""".split()
)


def read_patterns() -> list[dict]:
    return read_jsonl(PATTERNS / "interests.jsonl")


@pytest.fixture(scope="module")
def sample():
    return make_sample()


@pytest.fixture(scope="module")
def interest_ruler():
    """Blank English with interests.jsonl (plus regular plurals) in an entity_ruler."""
    patterns = read_patterns()
    have = {p["pattern"] for p in patterns}
    patterns += [
        {**p, "pattern": plural(p["pattern"])}
        for p in list(patterns)
        if plural(p["pattern"]) not in have
    ]
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(patterns)
    return nlp


# --- the pattern file -------------------------------------------------------


def test_interest_patterns_file_is_well_formed():
    rows = read_patterns()
    seen = set()
    for row in rows:
        assert (
            {"label", "pattern", "id", "category"}
            <= set(row)
            <= {
                "label",
                "pattern",
                "id",
                "category",
                "cue",  # true: only counts after a passion cue ("love traveling")
            }
        ), row
        assert row.get("cue", True) is True, row
        assert row["label"] == "INTEREST"
        assert row["pattern"] == row["pattern"].lower().strip() and row["pattern"]
        assert row["id"] == row["id"].lower().strip() and row["id"]
        assert row["category"] in CATEGORIES, row
        assert row["pattern"] not in seen, f"duplicate pattern {row['pattern']!r}"
        seen.add(row["pattern"])
    ids = {r["id"] for r in rows}
    assert len(ids) >= 200
    # one category per id
    assert len({(r["id"], r["category"]) for r in rows}) == len(ids)
    mission = {"swim meet", "rescue dog", "kurt vonnegut", "environment", "family"}
    assert mission | {"home cooking", "hot shower", "sourdough", TREND_INTEREST} <= ids


def test_interest_patterns_hold_no_channel_generic_or_shopping_words():
    for row in read_patterns():
        words = set(row["pattern"].split())
        assert not CHANNEL_RE.search(row["pattern"]), row
        assert not (words & {"phone", "forum", "blog", "store", "website", "email"}), row
        assert row["pattern"] not in NOT_INTERESTS, row


def test_synonyms_share_an_id():
    by_pattern = {r["pattern"]: r["id"] for r in read_patterns()}
    assert by_pattern["sourdough starter"] == by_pattern["sourdough bread"] == "sourdough"
    assert by_pattern["vonnegut"] == by_pattern["kurt vonnegut"] == "kurt vonnegut"


# --- make_sample ------------------------------------------------------------


def test_same_seed_same_frames_other_seed_other_frames():
    a, b = make_sample(customers=150, weeks=3, seed=7), make_sample(customers=150, weeks=3, seed=7)
    for name in ("comments", "truth", "mentions"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    c = make_sample(customers=150, weeks=3, seed=8)
    assert not a.comments["text"].equals(c.comments["text"])
    assert not a.truth["community"].equals(c.truth["community"])


def test_columns_ids_and_order(sample):
    c = sample.comments
    assert list(c.columns) == ["comment_id", "customer_id", "text", "channel", "timestamp", "age"]
    assert list(sample.truth.columns)[:3] == ["customer_id", "community", "community_name"]
    assert list(sample.mentions.columns)[:3] == ["comment_id", "kind", "term"]
    assert c["comment_id"].is_unique
    assert c["comment_id"].str.fullmatch(r"m\d{6}").all()
    assert c["comment_id"].iloc[0] == "m000001"
    assert c["customer_id"].str.fullmatch(r"c\d{4}").all()
    assert c["timestamp"].is_monotonic_increasing
    assert c["text"].str.len().gt(0).all()
    assert sample.truth["customer_id"].is_unique
    assert set(c["customer_id"]) == set(sample.truth["customer_id"])
    assert len(sample.truth) == 600
    assert sample.mentions["comment_id"].isin(c["comment_id"]).all()
    assert set(sample.mentions["kind"]) == {"interest", "channel"}


def test_communities_are_uneven_and_distinct(sample):
    sizes = sample.truth.loc[sample.truth.community != NO_COMMUNITY, "community"].value_counts()
    assert len(sizes) == len(COMMUNITIES) == 6
    assert sizes.is_unique  # all different
    assert sizes.max() >= 3 * sizes.min()
    names = sample.truth.groupby("community")["community_name"].nunique()
    assert (names == 1).all()
    assert "sourdough bakers" in set(sample.truth.community_name)
    for community in COMMUNITIES:
        assert 3 <= len(community.interests) <= 5
    all_interests = [i for c in COMMUNITIES for i in c.interests]
    assert len(all_interests) == len(set(all_interests)), "communities share an interest"
    # a few customers write only brand chatter: no planted interest at all
    none = sample.truth.loc[sample.truth.community == NO_COMMUNITY, "customer_id"]
    assert 0 < len(none) < 0.05 * len(sample.truth)
    ids = sample.comments.loc[sample.comments.customer_id.isin(none), "comment_id"]
    assert not (sample.mentions.comment_id.isin(ids) & (sample.mentions.kind == "interest")).any()


def test_every_planted_interest_exists_in_the_pattern_file(sample):
    ids = {r["id"] for r in read_patterns()}
    planted = set(sample.mentions.loc[sample.mentions.kind == "interest", "term"])
    assert planted <= ids
    assert {i for c in COMMUNITIES for i in c.interests} <= ids
    assert {i for c in COMMUNITIES for i in c.interests} | {TREND_INTEREST} == planted


def test_every_planted_channel_is_a_spec_key(sample):
    assert set(sample.comments["channel"]) <= SPEC_CHANNELS
    channels = sample.mentions.loc[sample.mentions.kind == "channel", "term"]
    assert set(channels) <= SPEC_CHANNELS
    assert len(channels) > 0.1 * len(sample.comments)
    for community in COMMUNITIES:
        assert {k for k, _ in community.channels} <= SPEC_CHANNELS


def test_each_community_has_its_majority_channel(sample):
    c = sample.comments.merge(sample.truth, on="customer_id")
    majors = set()
    for i, community in enumerate(COMMUNITIES):
        counts = c.loc[c.community == i, "channel"].value_counts()
        assert counts.index[0] == community.channels[0][0], community.name
        assert counts.index[1] == community.channels[1][0], community.name
        majors.add(counts.index[0])
    assert len(majors) == len(COMMUNITIES)


def test_comments_mention_their_community_interests(sample):
    c = sample.comments.merge(sample.truth, on="customer_id")
    m = sample.mentions[sample.mentions.kind == "interest"].merge(c, on="comment_id")
    own = m.apply(lambda r: r.term in COMMUNITIES[r.community].interests, axis=1)
    assert own.mean() > 0.85
    noise = m[m.source == "noise"]
    assert 0.03 < len(noise) / len(c) < 0.12
    assert not noise.apply(lambda r: r.term in COMMUNITIES[r.community].interests, axis=1).any()
    # every comment of a community member plants 1-2 of its interests
    per = m[m.source == "community"].groupby("comment_id").size()
    members = c.loc[c.community != NO_COMMUNITY, "comment_id"]
    assert set(per.index) == set(members)
    assert per.between(1, 2).all()
    assert set(m["cue"]) >= {"strong", "medium", "weak", "activity", "negated"}


def test_comments_per_customer(sample):
    n = sample.comments.groupby("customer_id").size()
    assert n.min() == 1 and n.max() <= 6
    assert (n == 1).sum() > 0.1 * len(n)
    assert n.nunique() == 6


def test_weeks_present_and_in_range(sample):
    ts = sample.comments["timestamp"]
    end = date(2026, 11, 22)
    first_monday = end - timedelta(days=end.weekday()) - timedelta(weeks=5)
    assert ts.min() >= pd.Timestamp(first_monday)
    assert ts.max() < pd.Timestamp(end + timedelta(days=1))
    weeks = ts.dt.isocalendar()
    assert weeks.groupby(["year", "week"]).ngroups == 6
    assert (weeks.week.max(), weeks.year.max()) == (end.isocalendar().week, 2026)
    assert (
        make_sample(customers=80, weeks=2, seed=3, end="2026-03-04")
        .comments["timestamp"]
        .dt.isocalendar()
        .week.nunique()
        == 2
    )


def test_last_week_growth_and_trend(sample):
    c = sample.comments.merge(sample.truth, on="customer_id")
    c["week"] = c.timestamp.dt.isocalendar().week
    last = c.week.max()
    active = c[c.community_name == GROWING_COMMUNITY].groupby("week").customer_id.nunique()
    assert active[last] >= 1.5 * active.drop(last).max()
    m = sample.mentions[sample.mentions.term == TREND_INTEREST].merge(c, on="comment_id")
    assert (m.week == last).mean() > 0.5
    assert (m.community_name == TREND_COMMUNITY).mean() > 0.8
    before = m[m.week != last].groupby("week").size()
    assert (m.week == last).sum() >= 3 * before.max()


def test_ages_give_a_generation_mix(sample):
    per = sample.comments.groupby("customer_id").age.first()
    assert 0.05 < per.isna().mean() < 0.25
    assert per.dropna().between(13, 95).all()
    assert str(sample.comments.age.dtype) == "Int64"
    born = 2026 - per.dropna()
    bins = pd.cut(born, [0, 1945, 1964, 1980, 1996, 2012, 3000])
    assert bins.nunique() >= 4


def test_brand_chatter_and_decoration(sample):
    text = sample.comments.text.str.lower()
    chatter = text.apply(lambda t: any(s.lower() in t for s in sample_mod._CHATTER))
    assert 0.2 < chatter.mean() < 0.45
    assert text.str.contains("&amp;", regex=False).any()
    assert text.str.contains(r"(?:^|\s)@\w", regex=True).any()
    assert text.str.contains("https?://", regex=True).any()
    assert text.str.contains("#", regex=False).any()
    assert text.str.contains("\n", regex=False).any()
    assert text.str.contains("❤️", regex=False).any()


def test_planted_interests_are_found_by_the_patterns(interest_ruler):
    s = make_sample(customers=200, weeks=4, seed=11)
    planted = (
        s.mentions[s.mentions.kind == "interest"].groupby("comment_id")["term"].apply(set).to_dict()
    )
    surfaces = s.mentions[s.mentions.kind == "interest"].groupby("comment_id")
    surfaces = surfaces.apply(
        lambda g: set(zip(g.term, g.surface.str.lower(), strict=True))
    ).to_dict()
    for cid, text in zip(s.comments.comment_id, s.comments.text, strict=True):
        ents = list(interest_ruler(text).ents)
        # exactly the planted interests: no chatter or template word is an interest
        assert {e.ent_id_ for e in ents} == planted.get(cid, set()), text
        assert surfaces.get(cid, set()) <= {(e.ent_id_, e.text.lower()) for e in ents}, text


def test_chatter_templates_and_channel_lines_hold_no_interest(interest_ruler):
    texts = list(sample_mod._CHATTER)
    texts += [t for lines in sample_mod._CHANNEL_LINES.values() for t in lines]
    texts += [t.replace("{t}", "") for ts in sample_mod._TEMPLATES.values() for t in ts]
    texts += [t.format(a="", b="") for t in sample_mod._PAIR_TEMPLATES]
    for text in texts:
        assert not interest_ruler(text).ents, text
        if text in sample_mod._CHATTER:
            assert not CHANNEL_RE.search(text), text


def test_channel_words_appear_only_where_planted(sample):
    planted = (
        sample.mentions[sample.mentions.kind == "channel"]
        .groupby("comment_id")["term"]
        .apply(set)
        .to_dict()
    )
    for cid, text in zip(sample.comments.comment_id, sample.comments.text, strict=True):
        found = {CHANNEL_WORDS[m.group(1).lower()] for m in CHANNEL_RE.finditer(text)}
        assert found == planted.get(cid, set()), text


def test_planted_channels_are_found_by_the_channel_patterns():
    path = PATTERNS / "channels.jsonl"
    if not path.exists():
        pytest.skip("patterns/channels.jsonl is absent")
    rows = read_jsonl(path)
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    # phrase patterns only: token patterns with POS need a tagger
    ruler.add_patterns(
        [r for r in rows if r.get("label") == "CHANNEL" and isinstance(r["pattern"], str)]
    )
    s = make_sample(customers=200, weeks=4, seed=12)
    planted = (
        s.mentions[s.mentions.kind == "channel"].groupby("comment_id")["term"].apply(set).to_dict()
    )
    for cid, text in zip(s.comments.comment_id, s.comments.text, strict=True):
        found = {e.ent_id_ for e in nlp(text).ents if e.label_ == "CHANNEL"}
        assert planted.get(cid, set()) <= found, text


def test_bad_arguments():
    with pytest.raises(ValueError):
        make_sample(customers=0)
    with pytest.raises(ValueError):
        make_sample(weeks=0)
    with pytest.raises(ValueError):
        make_sample(end="22/11/2026")


def test_tiny_samples_work():
    s = make_sample(customers=1, weeks=1, seed=0)
    assert len(s.truth) == 1 and len(s.comments) >= 1


# --- write_sample -----------------------------------------------------------


def test_write_sample_writes_three_files_that_read_back(tmp_path):
    out = write_sample(tmp_path / "raw" / "sample.csv", customers=120, weeks=3, seed=4)
    assert out == tmp_path / "raw" / "sample.csv"
    names = sorted(p.name for p in out.parent.iterdir())
    assert names == ["sample.csv", "sample_mentions_truth.csv", "sample_truth.csv"]
    expected = make_sample(customers=120, weeks=3, seed=4)

    comments = pd.read_csv(out, dtype={"age": "Int64"}, keep_default_na=False, na_values=[""])
    assert list(comments.columns) == list(expected.comments.columns)
    assert comments["timestamp"].str.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d").all()
    assert datetime.fromisoformat(comments["timestamp"].iloc[0])
    comments["timestamp"] = pd.to_datetime(comments["timestamp"]).astype("datetime64[s]")
    pd.testing.assert_frame_equal(comments, expected.comments, check_dtype=False)

    truth = pd.read_csv(out.with_name("sample_truth.csv"), dtype={"customer_id": str})
    pd.testing.assert_frame_equal(truth, expected.truth, check_dtype=False)
    mentions = pd.read_csv(out.with_name("sample_mentions_truth.csv"), keep_default_na=False)
    pd.testing.assert_frame_equal(mentions, expected.mentions, check_dtype=False)


def test_write_sample_is_atomic(tmp_path, monkeypatch):
    target = tmp_path / "sample.csv"
    target.write_text("old\n", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(sample_mod.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_sample(target, customers=30, weeks=2, seed=1)
    # the old file is untouched and no temporary file is left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sample.csv"]
    assert target.read_text(encoding="utf-8") == "old\n"


def test_docstring_examples_run():
    result = doctest.testmod(sample_mod, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
