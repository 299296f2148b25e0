import re
import warnings

import pytest

from passionmap.nlp.nlp import SPAN_KEY, load_nlp, load_patterns, plural, singular
from passionmap.nlp.signatures import signature_start


def mentions(nlp, text):
    doc = nlp(text)
    return [(s._.pm_key, s.label_) for s in doc.spans[SPAN_KEY]]


def passion(nlp, text, key):
    doc = nlp(text)
    return next(s._.pm_passion for s in doc.spans[SPAN_KEY] if s._.pm_key == key)


def test_channel_synonyms_map_to_spec_keys(nlp_blank):
    text = "Got your newsletter, asked on the message board, saw it on Insta and FB"
    found = mentions(nlp_blank, text)
    assert ("email", "channel") in found
    assert ("forum", "channel") in found
    assert ("instagram", "channel") in found
    assert ("facebook", "channel") in found


def test_twitter_is_a_channel_never_a_person(nlp_sm):
    doc = nlp_sm("Saw it on Twitter yesterday, Twitter is where I read about Vonnegut")
    keys = {(s._.pm_key, s.label_) for s in doc.spans[SPAN_KEY]}
    assert ("twitter", "channel") in keys
    assert not any(e.text == "Twitter" and e.label_ == "PERSON" for e in doc.ents)
    assert ("kurt vonnegut", "interest") in keys


def test_patterns_match_plurals_and_keep_multiword(nlp_blank):
    assert ("swim meet", "interest") in mentions(nlp_blank, "Two swim meets this week")
    assert ("sourdough", "interest") in mentions(nlp_blank, "#SourdoughSunday again")


def test_noun_chunks_are_normalised(nlp_sm):
    found = dict(mentions(nlp_sm, "I love my daughter's swim meets and social media."))
    assert "swim meet" in found  # possessor stripped, plural merged
    assert "social media" in found  # never "social medium"
    found = dict(mentions(nlp_sm, "We love open water swimming and our rescue dogs."))
    assert "open water swimming" in found and "rescue dog" in found


def test_chatter_and_generic_nouns_are_not_interests(nlp_sm):
    text = "The checkout page crashed and customer service took a long time, thanks."
    assert [k for k, kind in mentions(nlp_sm, text) if kind == "interest"] == []


def test_every_noun_phrase_is_a_candidate_without_a_cue(nlp_sm):
    """Real people rarely write "I love hockey": they talk about the game."""
    text = "The Penguins power play was unreal last night, Crosby scored twice."
    keys = [k for k, kind in mentions(nlp_sm, text) if kind == "interest"]
    assert "power play" in keys and "crosby" in keys, keys


def test_places_and_airport_codes_are_never_candidates(nlp_sm):
    text = "Flying SFO to BOS, then a layover at DFW. Long Beach and Love Field next week."
    keys = {k for k, kind in mentions(nlp_sm, text) if kind == "interest"}
    assert not keys & {"sfo", "bos", "dfw", "beach", "long beach", "love field", "field"}, keys


def test_environment_and_climate_are_the_cause_only_when_bare(nlp_sm):
    """ "a work environment", "warmer climates": the garment's setting, not the cause."""
    for text in ("Perfect for a business casual environment and warmer climates.",
                 "Set the TERM environment variable in an NT environment."):  # fmt: skip
        keys = {k for k, kind in mentions(nlp_sm, text) if kind == "interest"}
        assert not keys & {"environment", "climate"}, (text, keys)
    for text in ("Young people care about the environment.",
                 "The prime motivation for protecting our environment is our kids."):  # fmt: skip
        assert "environment" in dict(mentions(nlp_sm, text)), text


def test_dates_code_headers_and_dotted_names_are_never_candidates(nlp_sm):
    """Kept as interests on the newsgroups before: "thu", "exit(1", "posting-host"..."""
    text = (
        "NNTP-Posting-Host: sun4.cs.edu\nDate: Thu, 22 Apr 1993\n"
        "I read comp.windows.x daily. Call exit(1) on error. Flew on Feb 20 to hike."
    )
    keys = {k for k, kind in mentions(nlp_sm, text) if kind == "interest"}
    assert not keys & {"thu", "apr", "feb", "exit(1", "posting-host", "comp.windows.x"}, keys
    assert "c++" in dict(mentions(nlp_sm, "I love C++ and the DEC Alpha."))


def test_a_capitalised_name_ending_in_a_landform_is_a_place(nlp_sm):
    text = "We flew to Palm Beach, then Fort Walton Beach. See #DaytonaBeach pics. Flew SFO-LAX."
    keys = {k for k, kind in mentions(nlp_sm, text) if kind == "interest"}
    assert not keys & {"beach", "palm", "palm beach", "daytonabeach", "daytona beach", "lax"}, keys
    assert "beach" in dict(mentions(nlp_sm, "We love the beach, every summer."))


def test_a_lower_case_landform_after_a_name_is_a_place(nlp_sm):
    """Tweets write "Palm beach": the interest list's "beach" hid the place from NER."""
    for text in ("We've been delayed here in Palm beach... Need to head to Westchester.",
                 "Headed to Miami beach for golf"):  # fmt: skip
        keys = {k for k, kind in mentions(nlp_sm, text) if kind == "interest"}
        assert not keys & {"beach", "palm", "palm beach", "miami beach"}, keys
    assert "beach" in dict(mentions(nlp_sm, "I love Maui beaches"))  # a plural: the topic


def test_a_city_name_the_model_reads_as_a_person_is_a_person(nlp_sm):
    """City lists name people (Clinton, Iowa; Reno, Nevada): the name is a person unless
    it stands where a place does."""
    text = "Do you think Clinton, Reno, the FBI, and the ATF would be so eager to act?"
    keys = {k for k, kind in mentions(nlp_sm, text) if kind == "interest"}
    assert {"clinton", "reno"} <= keys, keys
    text = "Chelsea Clinton was kidnapped by terrorists."
    keys = {k for k, kind in mentions(nlp_sm, text) if kind == "interest"}
    assert "chelsea clinton" in keys and "chelsea" not in keys, keys
    for text in ("Just landed in Reno after a long day.", "Flight to Charlotte delayed again"):
        keys = {k for k, kind in mentions(nlp_sm, text) if kind == "interest"}
        assert not keys & {"reno", "charlotte"}, keys


def test_a_city_name_the_model_reads_as_a_firm_or_a_work_is_one(nlp_sm):
    """Town lists hold firms, teams and works too (Mercedes, Texas; Batman, Turkey): read as
    an organisation or a work, the name is that, unless it stands where a place does."""
    text = "Tricky Dick had stern warnings for Bush & Clinton: do not lose Russia."
    keys = {k for k, kind in mentions(nlp_sm, text) if kind == "interest"}
    assert {"bush", "clinton"} <= keys, keys
    keys = {k for k, kind in mentions(nlp_sm, "The Miami Heat have officially signed Birdman")}
    assert "miami heat" in keys, keys


def test_a_hashtag_naming_a_place_is_a_place(nlp_sm):
    """#LasVegas is Las Vegas, whatever the spelling; #GolfLife is still golf."""
    for text in (
        "Off to #LasVegas with my clubs #GolfLife",
        "#SanFrancisco here we come #GolfLife",
    ):
        keys = {k for k, kind in mentions(nlp_sm, text) if kind == "interest"}
        assert not keys & {"las vegas", "san francisco", "vegas", "francisco"}, keys
        assert "golf" in keys, keys


def test_a_hashtag_is_never_an_amount(nlp_sm):
    """The small model reads "#" as a currency sign: "#GolfLife" came out as MONEY."""
    keys = {k for k, kind in mentions(nlp_sm, "Great trip. #GolfLife all week") if kind}
    assert "golf" in keys and not {"week", "all week"} & keys, keys
    assert "fail" in dict(mentions(nlp_sm, "Flight delayed again #FAIL"))  # the corpus judges it


def test_a_stop_word_with_a_modifier_of_its_own_can_be_a_topic(nlp_sm):
    """ "manager" alone is chatter; "window manager" is what X users talk about."""
    keys = dict(mentions(nlp_sm, "The window manager crashed, so I called customer service."))
    assert "window manager" in keys and "customer service" not in keys, keys


def test_airport_codes_that_are_words_stay_when_not_places(nlp_sm):
    text = "Upgraded the RAM and the CPU on my old box, the GUI is snappy now."
    keys = {k for k, kind in mentions(nlp_sm, text) if kind == "interest"}
    assert {"ram", "cpu"} <= keys, keys


def test_a_pastime_verb_in_progress_is_not_a_pastime(nlp_sm):
    """The issue's "I was swimming in it": a size too big, not a swimmer."""
    assert "swimming" not in dict(mentions(nlp_sm, "I got a small and was still swimming in it."))
    assert "travel" not in dict(mentions(nlp_sm, "We are traveling with a 2 year old."))
    assert dict(mentions(nlp_sm, "I love swimming and baking."))["swimming"] == "interest"


def own(nlp, text: str) -> dict[str, bool]:
    doc = nlp(text)
    return {s._.pm_key: s._.pm_personal for s in doc.spans["passionmap"]}


def test_the_writers_own_things_are_personal(nlp_sm):
    """Rule 6: "my golf bag" is the writer's; "no coffee on the flight" is the airline's."""
    assert own(nlp_sm, "My golf bag was broken on the flight.")["golf"] is True
    assert own(nlp_sm, "I'm trying to book our first Disney World vacation.")["disney"] is True
    assert own(nlp_sm, "We leave for a Bahamas cruise today.")["cruise"] is True
    assert own(nlp_sm, "Pleased with the #vegan meals.")["vegan"] is True
    assert own(nlp_sm, "I love the dancing in your ad.")["dancing"] is True
    assert own(nlp_sm, "There was no coffee on the flight.")["coffee"] is False
    assert own(nlp_sm, "No more faith in United.")["faith"] is False


def test_sarcasm_and_complaints_are_not_passion(nlp_sm):
    sarcastic = passion(nlp_sm, "I love missing an entire day of my vacation.", "vacation")
    sincere = passion(nlp_sm, "I love my vacation at the lake.", "vacation")
    assert sarcastic < 0.25 < sincere


def test_passion_cues_negation_and_emoji(nlp_blank):
    strong = passion(nlp_blank, "I'm obsessed with sourdough!!", "sourdough")
    plain = passion(nlp_blank, "Sourdough again.", "sourdough")
    negated = passion(nlp_blank, "I don't love sourdough.", "sourdough")
    hearts = passion(nlp_blank, "Sourdough ❤️", "sourdough")
    assert strong > 0.9 and negated < plain < hearts < strong
    assert all(0 <= p <= 1 for p in (strong, plain, negated, hearts))


def test_emoji_and_urls_are_never_interests(nlp_sm):
    keys = [k for k, _ in mentions(nlp_sm, "😍😍 http://t.co/abc @someone #123")]
    assert keys == []


def test_addresses_are_never_interests(nlp_sm):
    text = "Write to Tom Tulinsky at zuma!tom@netcomsv.netcom.com or see www.example.com/motif"
    keys = [k for k, _ in mentions(nlp_sm, text)]
    assert not [k for k in keys if "@" in k or "www" in k or "netcom" in k], keys


def test_unknown_model_is_a_clear_error():
    with pytest.raises(OSError, match="cannot load spaCy model 'xx_not_a_model'"):
        load_nlp("xx_not_a_model")


def test_fallback_to_blank_warns(monkeypatch):
    import passionmap.nlp.nlp as nlp_mod

    monkeypatch.setattr(nlp_mod, "FALLBACK_MODELS", ("xx_missing_one", "xx_missing_two"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nlp = load_nlp()
    assert nlp.pipe_names == [
        "sentencizer",
        "passionmap_ruler",
        "passionmap_mentions",
        "passionmap_age_cues",
    ]
    assert any("quality" in str(w.message) or "fewer interests" in str(w.message) for w in caught)


def test_plural_and_singular_helpers():
    assert plural("cast iron skillet") == "cast iron skillets"
    assert singular("rescue") == "rescue" and singular("dogs") == "dog"
    ids = {p["id"] for p in load_patterns() if p["label"] == "CHANNEL"}
    assert {"email", "forum", "phone", "store", "twitter"} <= ids


def test_a_sign_off_is_not_an_interest(nlp_sm):
    """Forum posts end with their writer: 'bob beauchaine' was a newsgroup 'interest' (23 posts)."""
    post = (
        "Where can I ftp the proper drivers for the Diamond Stealth?\n"
        "The file at cica does not work with this video card.\n\nThank you\nDoug Ward"
    )
    keys = {k for k, kind in mentions(nlp_sm, post) if kind == "interest"}
    assert "diamond stealth" in keys and "doug ward" not in keys, keys
    contact = "Locking them up is not the answer.\n\nBob Beauchaine bobbe@vice.ICO.TEK.COM\n"
    assert "bob beauchaine" not in dict(mentions(nlp_sm, contact))
    # "Warren" is a city too: the whole name is the person (it was "christopher")
    keys = dict(mentions(nlp_sm, "Ask Warren Christopher about the embargo.\n-Roger"))
    assert "warren christopher" in keys and "-roger" not in keys and "roger" not in keys, keys
    # a bare one-word name on the last line, tagged or not; a short line with a verb stays
    for post in ("I'll stick to squaring circles.\n\nmathew",
                 "I will post a summary.\n\n\t\t\t\tDaniel"):  # fmt: skip
        keys = dict(mentions(nlp_sm, post))
        assert not {"mathew", "daniel"} & set(keys), keys
    assert "pen" in dict(mentions(nlp_sm, "Best hockey game ever.\nGo Pens"))
    assert "dress" in dict(mentions(nlp_sm, "Fits well.\nGreat dress"))
    # one line (a tweet) has no sign-off: a name there is what it is about
    assert "doug ward" in dict(mentions(nlp_sm, "Thank you Doug Ward for the signed copy!"))


def test_a_signature_block_is_not_an_interest(nlp_sm):
    """A quote and an affiliation under a rule ("Queens" was an atheism 'interest', 23 posts)."""
    body = "My atheism is based on ignorance of the existence of any god.\n\n"
    sig = (
        "/\\/\\/\\/\\/\\/\\/\\/\\/\\/\\/\\/\\/\\/\\\n\nBob Beauchaine bobbe@vice.ICO.TEK.COM\n\n"
        "They said that Queens could stay, they blew the Bronx away,\n"
        "and sank Manhattan out at sea.\n\n^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^"
    )
    keys = dict(mentions(nlp_sm, body + sig))
    assert "atheism" in keys and not {"queens", "bronx", "manhattan", "sea"} & set(keys), keys
    # the same lines inside a message (more text follows, no contact) are the message
    quote = "^^^^^^^^^^^^^^\n\nA friend who builds clones says the PCI chipset is cheap.\n"
    keys = dict(mentions(nlp_sm, body + quote + "Is that right?"))
    assert {"clone", "pci"} <= set(keys), keys
    # a markdown rule before a link is a reddit post going on, not a signature
    cards = "New cards:\n\n-------\n\n**[Urban Evolution](http://loadingreadyrun.com/b)** 3GU\n"
    assert signature_start(cards) is None
    assert signature_start(body + sig) == len(body)


def test_glued_words_stay_one_word(nlp_sm):
    """spaCy splits 'VL-bus' and 'TCP/IP' at the infix: the keys were 'bus' and 'ip'."""
    keys = dict(mentions(nlp_sm, "Is the VL-bus faster than ISA for my hi-res monitor?"))
    assert "vl-bus" in keys and "hi-res monitor" in keys and "res monitor" not in keys, keys
    keys = dict(mentions(nlp_sm, "I run TCP/IP on a multi-tasking OS."))
    assert "tcp/ip" in keys and "multi-tasking os" in keys, keys
    # a spaced dash is not glue; routes between place codes stay places
    keys = dict(mentions(nlp_sm, "Flew SFO-LAX with my guitar - the case survived"))
    assert not {k for k in keys if "sfo" in k or "lax" in k} and "guitar" in keys, keys


def test_a_plural_group_name_is_keyed_singular(nlp_sm):
    """One interest for "Serbs" and "serb"; "Windows" and the team "Yankees" keep their s."""
    keys = {k for k, kind in mentions(nlp_sm, "Republicans, Christians and Serbs argued.")}
    assert {"republican", "christian", "serb"} <= keys, keys
    # a people in -i: plural -is ("tennis" is no plural)
    keys = {k for k, kind in mentions(nlp_sm, "The Israelis met the Saudis and the Iraqis.")}
    assert {"israeli", "saudi", "iraqi"} <= keys and not {"israelis", "saudis"} & keys, keys
    assert "tennis" in dict(mentions(nlp_sm, "I love tennis and chess"))
    # a people the model tags as one PERSON in the plural: a group, not a name
    assert "croat" in dict(mentions(nlp_sm, "The Croats and the Azeris have suffered too."))
    assert "mormon" in dict(mentions(nlp_sm, "Ask the Mormons about it."))
    assert "peter desnoyers" in dict(mentions(nlp_sm, "Peter Desnoyers wrote the driver."))
    assert "windows" in dict(mentions(nlp_sm, "I run Windows 3.1 at work"))
    assert "yankees" in dict(mentions(nlp_sm, "The Yankees won again"))
    # and shows as its members write it: "Jews" (twice) over "Jew" (once), not "Jew"
    import pandas as pd

    from passionmap import Config
    from passionmap.nlp.extraction import extract

    texts = ["The Jews and the Serbs were there.", "Many Jews live here.", "A Jew wrote this."]
    ids = {"comment_id": ["1", "2", "3"], "customer_id": ["a", "b", "c"]}
    df = pd.DataFrame({**ids, "text": texts})
    found = extract(df, Config(progress=False), nlp_sm)
    shown = dict(zip(found["term"], found["label"], strict=True))
    assert shown["jew"] == "Jews" and shown["serb"] == "Serbs", shown


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("I called them twice and nobody answered.", "phone"),
        ("Please call me back.", "phone"),
        ("Called your hotline three times.", "phone"),
        ("message me on messenger please", "facebook"),
        ("RT @united thanks for the help", "twitter"),
        ("please DM me your confirmation number", "twitter"),
        ("I went to the store yesterday", "store"),
    ],
)
def test_channel_words_used_as_channels(nlp_sm, text, channel):
    assert (channel, "channel") in mentions(nlp_sm, text)


@pytest.mark.parametrize(
    "text",
    [
        "Check out a program called PC-Xview.",  # the gold set's newsgroup posts
        "Is the so-called material world outside the Kingdom?",
        "They are so big and calling them disks is kind of funny",
        "than what AppleUS calls it.",
        "Koresh is yet another messenger that got killed",
        "the Messenger of Allah said",
        "hits rt below knee on me",  # a review: right below the knee
        "it cost DM 250 in Germany",
        "it stores its files in /tmp",
        "My flight got called off",
    ],
)
def test_channel_words_in_another_sense_are_no_channel(nlp_sm, text):
    assert [k for k, kind in mentions(nlp_sm, text) if kind == "channel"] == []


@pytest.mark.parametrize(
    ("text", "key", "found"),
    [
        ("@united stuck in Goose Bay, Labrador overnight", "dog", False),  # the airline tweets
        ("flying to Martha's Vineyard next week", "wine", False),
        (
            "proud sponsor of The 13th Annual Martha's Vineyard African American Film Festival",
            "wine",
            False,
        ),  # fmt: skip
        # the model reads "Goose Bay" as a person here: the country after it places it
        ("welcome to our world. @GooseBayAirport Goose Bay, Labrador, Canada.", "dog", False),
        ("I love golf, Canada has great courses", "golf", True),  # lower case: the pastime
        ("my dad's Labrador is flying with us", "dog", True),
        ("My Labrador loves the beach", "dog", True),
        ("Orlando, Disney World trip", "disney", True),
        ("off to Napa, California for wine tasting", "wine", True),
    ],
)
def test_a_lexicon_word_inside_a_place_name_is_no_interest(nlp_sm, text, key, found):
    assert ((key, "interest") in mentions(nlp_sm, text)) is found


@pytest.mark.parametrize("model", ["sm", "blank"])
def test_passionmap_ruler_sets_what_spacys_entity_ruler_sets(nlp_sm, model):
    """The Ruler skips spaCy's per-Doc pattern count and empty updates: same entities."""
    import warnings

    from spacy.pipeline import EntityRuler

    from passionmap.nlp.nlp import load_nlp

    nlp = nlp_sm if model == "sm" else load_nlp("blank")
    ours = nlp.get_pipe("passionmap_ruler")
    theirs = EntityRuler(nlp, phrase_matcher_attr="LOWER", overwrite_ents=True)
    theirs.add_patterns(ours.patterns)
    texts = ["Saw it on Twitter, then my golf league and #sourdough", "No match here.",
             "Obsessed with knitting and Instagram reels; the Bible study group too"]  # fmt: skip
    with nlp.select_pipes(disable=["passionmap_ruler", "passionmap_mentions"]):
        docs = list(nlp.pipe(texts))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning per Doc, blank (no token patterns) too
        for doc in docs:
            a, b = ours(doc.copy()), theirs(doc.copy())
            assert [(e.start, e.end, e.label_, e.ent_id_) for e in a.ents] == [
                (e.start, e.end, e.label_, e.ent_id_) for e in b.ents
            ]
    assert any(ours(d.copy()).ents for d in docs)


def test_the_progress_bar_moves_a_batch_at_a_time(nlp_blank, capsys):
    """spaCy hands Docs back a batch at a time: a bar moved per Doc drew "1/2600, 7:52:51
    left" at its first Doc, for a two-minute run. Its first count is a whole batch."""
    from passionmap import Config
    from passionmap.nlp.extraction import PROGRESS_MIN, text_mentions

    texts = [f"comment {i} about yoga" for i in range(PROGRESS_MIN + 50)]
    config = Config(model="blank", progress=True, batch_size=100, n_process=1)
    found = text_mentions(texts, config, nlp_blank)
    assert found["text"].nunique() == len(texts)
    drawn = capsys.readouterr().err
    counts = [int(n) for n in re.findall(rf"(\d+)/{len(texts)}", drawn)]
    # tqdm draws at most every 0.1 s: whichever counts it drew are whole batches
    assert len(counts) >= 2 and all(n % 100 == 0 for n in counts), counts


def test_lines_of_code_are_not_interests(nlp_sm):
    """Programming forums quote code: "int", "char" and "null" were interests of 14-20
    newsgroup authors each. The prose around the code keeps its interests."""
    post = (
        "Has anyone iconified a Motif window from a program?\n\n"
        "    int screen_number;\n    char *name = NULL;\n"
        "    XIconifyWindow(dpy, win, screen_number);\n"
        "    /* returns 0 if ok */\n\nIt works with the olwm window manager; thanks"
    )
    keys = dict(mentions(nlp_sm, post))
    assert not {"int", "char", "null", "screen_number", "xiconifywindow"} & set(keys), keys
    assert {"motif", "olwm window manager"} <= set(keys), keys


def test_a_shouted_word_is_a_plain_word_not_a_name(nlp_sm):
    """The model reads a word in capitals as an ORG, and named entities skip the
    everyday-word test: "BEAUTIFUL" was an interest of a week of reddit posts."""
    import pandas as pd

    from passionmap.config import Config
    from passionmap.nlp.vocabulary import judge, term_table

    doc = nlp_sm("The view from the LEDGE is BEAUTIFUL, said NASA. Apple agreed.")
    cats = {s._.pm_key: s._.pm_category for s in doc.spans[SPAN_KEY]}
    assert cats["beautiful"] == cats["ledge"] == cats["nasa"] == "" and cats["apple"] == "org"
    # a piece of an entity cut apart is no name either: "Beautiful" was a PERSON's piece
    cut = nlp_sm("Richard Gasquet - Beautiful drop volley that backspins over the net")
    assert {s._.pm_key: s._.pm_category for s in cut.spans[SPAN_KEY]}["beautiful"] == ""
    rows = [(c, s._.pm_key, s._.pm_category) for c in "abc" for s in doc.spans[SPAN_KEY]]
    rows += [(f"other{i}", f"quibble{i}", "") for i in range(20)]  # the rest of the corpus
    found = pd.DataFrame(rows, columns=["customer_id", "term", "category"])
    found = found.assign(kind="interest", passion=0.3)
    reason = judge(term_table(found), Config(min_mentions=2)).set_index("term")["reason"]
    # as common in English as "apple", but the model's name only because it was shouted
    assert reason["beautiful"] == "generic" and reason["apple"] == "interest", reason
    assert reason["nasa"] == reason["ledge"] == "interest"  # rare words stay candidates


def test_word_lists_are_matched_one_word_a_pattern(nlp_sm):
    """An ``IN`` list costs a Python call per token in spaCy's Matcher: the ruler gets plain
    values, and "called" / "callers" still name the phone."""
    ruler = nlp_sm.get_pipe("passionmap_ruler")
    tokens = [p["pattern"] for p in ruler.patterns if isinstance(p["pattern"], list)]
    assert tokens and not [t for t in tokens if any(isinstance(v, dict) for v in t[0].values())]
    assert ("phone", "channel") in mentions(nlp_sm, "I called them twice about my order")
    assert ("phone", "channel") in mentions(nlp_sm, "the callers were rude")


def test_a_feeling_still_compares_customers():
    """Unlike a stop term, a feeling stays a content word of the communities' features
    (left out, the newsgroups' ARI fell 0.550 -> 0.536: people who write of guilt and
    desire share a forum)."""
    import pandas as pd

    from passionmap.analysis.communities import customer_features

    who = list("abcdef")
    m = pd.DataFrame({"customer_id": who, "kind": "interest", "term": "chess", "passion": 0.3})
    said = ["hatred"] * 2 + ["bishop"] * 2 + ["rook"] * 2 + ["time"] * 2
    words = pd.DataFrame({"customer_id": list("abcdefab"), "term": said})
    features = customer_features(m, words)[1]
    assert "hatred" in features and "time" not in features  # "time": a stop term
