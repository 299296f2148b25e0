"""Age cues (passionmap.nlp.age_cues): rules, their matches, the generations they imply."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from passionmap.datasets.sample import make_sample
from passionmap.nlp.age_cues import (
    PATTERNS,
    customer_generations,
    evaluate_generation_inference,
    find_cues,
    generation_shares,
    infer_generations,
    load_cues,
)


def _gen(texts, year=2026):
    c = pd.DataFrame({"customer_id": [f"c{i}" for i in range(len(texts))], "text": texts})
    c["timestamp"] = pd.Timestamp(f"{year}-06-01")
    return infer_generations(c).set_index("customer_id")["generation"].tolist()


def test_every_cue_rule_matches_its_example():
    rows = [json.loads(x) for x in PATTERNS.read_text(encoding="utf-8").splitlines() if x]
    assert len(rows) == len(load_cues()) >= 20
    assert len({r["id"] for r in rows}) == len(rows)
    for cue in load_cues():
        assert cue.example and cue.regex.search(cue.example), cue.id
        found = find_cues(pd.DataFrame({"customer_id": ["x"], "text": [cue.example]}))
        assert cue.id in set(found["cue"]), cue.id


@pytest.mark.parametrize(
    ("text", "generation"),
    [
        ("my grandkids love this", "Baby Boomers"),
        ("Retired last spring, finally time to read", "Baby Boomers"),
        ("our toddler woke us at 5 again", "Millennials"),
        ("my college roommate got me into this", "Gen Z"),
        ("a loyal customer since the 80s", "Baby Boomers"),
        ("I'm 34, and I still love it", "Millennials"),
        ("I am in my 60's and always looking for clothes", "Baby Boomers"),
        ("I was born in 1975", "Gen X"),
        ("total 90s kid here", "Millennials"),
        ("my great-granddaughter turned two", "Silent"),
        ("as a great grandma I know what lasts", "Silent"),
        ("I'm a high school junior", "Gen Z"),
        ("menopause is no joke", "Gen X"),
        ("as a millennial I get it", "Millennials"),
    ],
)
def test_cues_give_the_right_generation(text, generation):
    assert _gen([text]) == [generation]


@pytest.mark.parametrize(
    "text",
    [
        "Lovely dress, true to size",
        "i'm 5'8\" and it hits below the knee",
        "i'm a 34 dd so i sized up",
        "i'm a 26 but went down a size",
        "it looked like it belonged on a 15 year-old",
        "@AmericanAir I thought all those planes were retired? #MD80",
        "this top makes me look like i'm pregnant",
        "@SouthwestAir @AARP thanks for the reply",
        "visited my old college roommate",
        "back when i was in my 20s",
        "classic songs from the 60s",
        "I'm 99.9% certain the Quadra has an FPU",  # a decimal point is no full stop
        "I'm 50.5 miles from the nearest store",
        # the writer's ancestor, not descendant (reddit: read as Silent, confidence 0.85)
        "My great-grandfather played for the 1909 Cubs",
        "restored my great grandmother's sewing machine",
    ],
)
def test_no_evidence_no_guess(text):
    assert find_cues(pd.DataFrame({"customer_id": ["x"], "text": [text]})).empty, text
    assert _gen([text]) == [None]


def test_weak_or_split_evidence_stays_unknown():
    # parents of teens are 38-55: Gen X and Millennials alike, so no guess
    assert _gen(["as a mom of teens I need this"]) == [None]


def test_stated_numbers_outvote_life_stages_and_use_the_comment_year():
    c = pd.DataFrame(
        {
            "customer_id": ["a", "a", "b", "c"],
            "text": [
                "I'm 25 years old",
                "my grandkids visited",
                "just turned 40",
                "just turned 40",
            ],
            "timestamp": pd.to_datetime(["2026-01-01", "2026-01-01", "2015-05-01", "2026-05-01"]),
        }
    )
    got = infer_generations(c).set_index("customer_id")
    assert got["generation"].tolist() == ["Gen Z", "Gen X", "Millennials"]
    assert got.loc["a", "cues"] == "stated_age" and got.loc["a", "confidence"] >= 0.9


def test_generation_shares_cover_open_ends():
    assert generation_shares(1900, 1940).tolist()[0] == 1.0
    assert generation_shares(2015, 2020).tolist()[-1] == 1.0
    assert generation_shares(1990, 2000).sum() == pytest.approx(1.0)


def test_customer_generations_stated_inferred_unknown():
    c = pd.DataFrame(
        {
            "customer_id": ["a", "b", "c", "d"],
            "age": [30, None, None, 70],
            "text": ["our toddler", "retired last spring", "nice fit", "our toddler"],
            "timestamp": pd.Timestamp("2026-02-01"),
        }
    )
    got = customer_generations(c).set_index("customer_id")
    assert got["generation_source"].tolist() == ["stated", "inferred", "unknown", "stated"]
    assert got["generation"].tolist() == ["Millennials", "Baby Boomers", None, "Baby Boomers"]
    assert got.loc["a", "generation_confidence"] == 1.0
    assert 0.5 <= got.loc["b", "generation_confidence"] < 1
    assert got.loc["c", "generation_confidence"] == 0.0
    assert got.loc["b", "generation_evidence"] == "retired last"


def test_inference_accuracy_on_the_sample():
    s = make_sample(customers=300, seed=3)
    assert "age" in s.truth and s.truth["age"].notna().all()
    result = evaluate_generation_inference(s.comments)
    print(f"\nsample 300: {result}")
    assert result["n"] > 200
    assert result["accuracy"] >= 0.8
    assert 0.1 <= result["coverage"] <= 0.5


def test_inference_accuracy_on_clothing_reviews(datasets):
    df = pd.read_csv(datasets / "clothing_reviews.csv")
    c = pd.DataFrame(
        {
            "customer_id": df.iloc[:, 0].astype(str),
            "text": df["Review Text"].fillna(""),
            "age": df["Age"],
        }
    )
    result = evaluate_generation_inference(c)
    print(f"\nclothing reviews: {result}")
    assert result["n"] == len(df)
    assert result["labelled"] >= 10
    assert result["accuracy"] >= 0.8


def test_the_fast_pre_check_never_hides_a_match():
    texts = make_sample(customers=200, seed=5).comments["text"].tolist()
    texts += [cue.example for cue in load_cues()]
    texts += ["im 34. love it", "I'M 50, AND STILL HERE", "my 8yo son", "a 70s baby"]
    for cue in load_cues():
        for text in texts:
            text = text.replace("\u2019", "'")
            if cue.regex.search(text):
                assert any(w in text.lower() for w in cue.requires), (cue.id, text)


# --------------------------------------------------------------- the spaCy component
TEXTS = [
    "Just turned 40, grew up in the 80s",
    "I\u2019m 34 years old and my grandkids love it",  # a typographic apostrophe
    "Lovely dress, true to size",
    "retired last spring; retired last year too",  # one rule, two matches
]


@pytest.fixture(scope="module")
def blank_cues():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("passionmap_age_cues")
    return nlp


def test_component_stores_the_matches_of_the_rules_on_the_doc(blank_cues):
    from passionmap.nlp.age_rules import match_cues

    for text in TEXTS:
        doc = blank_cues(text)
        assert doc._.pm_age_cues == match_cues(text), text
        for m in doc._.pm_age_cues:  # offsets into the Doc's own text
            assert doc.text[m.start : m.end].replace("\u2019", "'") == m.text
    doc = blank_cues(TEXTS[0])
    assert [(m.cue, m.text, m.groups) for m in doc._.pm_age_cues] == [
        ("turned", "Just turned 40", {"n": "40"}),
        ("grew_up_in", "grew up in the 80s", {"n": "80"}),
    ]
    assert [m.cue for m in blank_cues(TEXTS[3])._.pm_age_cues] == ["retired", "retired"]
    assert blank_cues(TEXTS[2])._.pm_age_cues == []


def test_every_pipeline_has_the_component(nlp_blank, nlp_sm):
    for nlp in (nlp_blank, nlp_sm):
        assert nlp.pipe_names[-1] == "passionmap_age_cues"


def _frame(texts, year="2026-03-01"):
    return pd.DataFrame(
        {
            "comment_id": [str(i) for i in range(len(texts))],
            "customer_id": [f"c{i % 3}" for i in range(len(texts))],
            "text": texts,
            "timestamp": pd.Timestamp(year),
        }
    )


def test_extraction_returns_the_cues_and_they_date_as_find_cues_does(nlp_blank):
    from passionmap import Config, extract
    from passionmap.nlp.age_cues import cue_table
    from passionmap.nlp.extraction import split_cues

    comments = make_sample(customers=300, seed=3).comments
    comments = comments.assign(comment_id=[str(i) for i in range(len(comments))])
    mentions, found = split_cues(extract(comments, Config(model="blank", progress=False)))
    assert len(found) > 50 and (mentions["kind"] != "age_cue").all()
    assert set(found["kind"]) == {"age_cue"}
    pd.testing.assert_frame_equal(cue_table(found, comments), find_cues(comments))
    # a comment's cues come rule by rule (not by offset), as find_cues lists them
    small = _frame(TEXTS * 2)
    _, found = split_cues(extract(small, Config(model="blank", progress=False), nlp_blank))
    assert found["term"].tolist()[:2] == ["turned", "grew_up_in"]
    pd.testing.assert_frame_equal(cue_table(found, small), find_cues(small))


def test_cues_survive_docs_sent_between_processes():
    from passionmap import Config, extract

    comments = _frame(TEXTS * 3)
    one = extract(comments, Config(model="blank", progress=False, n_process=1))
    two = extract(comments, Config(model="blank", progress=False, n_process=2))
    pd.testing.assert_frame_equal(one, two)
    assert (one["kind"] == "age_cue").sum() == 3 * 6


def test_a_warm_cached_run_reads_no_text_for_cues(tmp_path, monkeypatch):
    """The cues come from the mentions cache: no component call, no regex pass, same generations."""
    import passionmap.nlp.age_component as component
    import passionmap.nlp.age_cues as age_cues
    from passionmap import Config, analyze

    comments = make_sample(customers=150, seed=4).comments.drop(columns="age")
    cfg = Config(model="blank", progress=False, cache_dir=str(tmp_path))
    first = analyze(comments, cfg)
    assert (first.customers["generation_source"] == "inferred").sum() > 10

    def no_reading(*args, **kwargs):
        raise AssertionError("the text was read for age cues")

    monkeypatch.setattr(component, "match_cues", no_reading)
    monkeypatch.setattr(age_cues, "match_cues", no_reading)
    again = analyze(comments, cfg)
    assert again.summary["extract"]["nlp_texts"] == 0
    pd.testing.assert_frame_equal(again.customers, first.customers)


def test_mentions_without_cues_fall_back_to_the_text(nlp_blank):
    """Mentions read back from mentions.parquet keep no cues: the text is read for them."""
    from passionmap import Config, analyze

    comments = make_sample(customers=120, seed=6).comments.drop(columns="age")
    cfg = Config(model="blank", progress=False)
    whole = analyze(comments, cfg, nlp_blank)
    again = analyze(comments, cfg, nlp_blank, mentions=whole.mentions)  # (no words either)
    cols = ["customer_id", "generation", "generation_source", "generation_confidence"]
    pd.testing.assert_frame_equal(again.customers[cols], whole.customers[cols])
    assert (whole.customers["generation_source"] == "inferred").any()


def test_an_older_cache_is_not_read_as_this_one(monkeypatch):
    import passionmap.nlp.cache as cache
    from passionmap import Config

    cfg = Config(model="blank")
    now = cache.fingerprint(cfg)
    monkeypatch.setattr(cache, "VERSION", cache.VERSION - 1)
    assert cache.fingerprint(cfg) != now
    assert {"age_rules.py", "age_component.py"} <= set(cache._CODE)
