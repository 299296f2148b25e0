"""The embedded sample: synthetic customer comments with planted communities.

The sample is the default input of ``make report`` and the ground truth of
``make eval``. Six communities of shared passion are planted, with uneven
sizes, distinctive interests (ids of ``patterns/interests.jsonl``), a
majority channel each, and an age range that gives a generation mix. Every
comment mentions one or two of its community's interests with passion cues
of varied strength (and the odd negation), sometimes names a channel in the
text, and often carries brand chatter ("my order arrived late") that is
*not* an interest. The last week shows a change: the ``green hikers`` grow
(new customers join) and ``pickleball`` spikes among the ``swim families``.

Everything is drawn from one :func:`numpy.random.default_rng` seeded by the
caller, so the same arguments give the same frames.

Examples
--------
>>> from passionmap.sample import make_sample
>>> s = make_sample(customers=60, weeks=3, seed=1)
>>> list(s.comments.columns)
['comment_id', 'customer_id', 'text', 'channel', 'timestamp', 'age']
>>> sorted(s.truth.community_name.unique())[:2]
['dog rescuers', 'green hikers']
>>> set(s.mentions.kind) <= {"interest", "channel"}
True
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "COMMUNITIES",
    "Community",
    "GROWING_COMMUNITY",
    "NO_COMMUNITY",
    "Sample",
    "TREND_COMMUNITY",
    "TREND_INTEREST",
    "make_sample",
    "write_sample",
]


@dataclass(frozen=True)
class Community:
    """One planted community.

    Parameters
    ----------
    name : str
        Display name, e.g. ``"sourdough bakers"``.
    share : float
        Share of the (interest-bearing) customers.
    interests : tuple of str
        Interest ids (``patterns/interests.jsonl``) its members talk about,
        most popular first.
    channels : tuple of (str, float)
        Where its comments are posted: SPEC channel keys with weights; the
        first is the majority channel, the second the secondary one.
    ages : tuple of (int, int)
        Inclusive age range of its members.
    emoji : tuple of str
        Emoji its members like to add.
    """

    name: str
    share: float
    interests: tuple[str, ...]
    channels: tuple[tuple[str, float], ...]
    ages: tuple[int, int]
    emoji: tuple[str, ...]


#: The planted communities, numbered by position (0 = largest).
COMMUNITIES: tuple[Community, ...] = (
    Community(
        "sourdough bakers",
        0.30,
        ("sourdough", "farmers market", "cast iron skillet", "canning"),
        (("pinterest", 0.55), ("instagram", 0.25), ("facebook", 0.10), ("email", 0.10)),
        (28, 72),
        ("🍞", "🥖", "❤️", "😍"),
    ),
    Community(
        "swim families",
        0.22,
        ("swim meet", "open water swimming", "triathlon", "swim team"),
        (("instagram", 0.55), ("strava", 0.25), ("facebook", 0.12), ("tiktok", 0.08)),
        (15, 50),
        ("🏊", "🏅", "💦", "🙌"),
    ),
    Community(
        "dog rescuers",
        0.17,
        ("rescue dog", "dog park", "animal shelter", "dog training"),
        (("facebook", 0.55), ("instagram", 0.25), ("email", 0.10), ("website", 0.10)),
        (22, 70),
        ("🐶", "🐾", "❤️", "🥹"),
    ),
    Community(
        "sci-fi readers",
        0.13,
        ("kurt vonnegut", "book club", "science fiction", "poetry"),
        (("forum", 0.55), ("email", 0.25), ("reddit", 0.12), ("website", 0.08)),
        (19, 86),
        ("📚", "✨", "🚀"),
    ),
    Community(
        "green hikers",
        0.10,
        ("environment", "climate", "recycling", "hiking", "composting"),
        (("twitter", 0.55), ("reddit", 0.25), ("instagram", 0.10), ("tiktok", 0.10)),
        (16, 40),
        ("🌱", "🌍", "🥾", "♻️"),
    ),
    Community(
        "long-haul truckers",
        0.08,
        ("family", "home cooking", "hot shower", "country music"),
        (("youtube", 0.55), ("facebook", 0.25), ("phone", 0.12), ("sms", 0.08)),
        (27, 66),
        ("🚚", "🛣️", "🙏", "🍲"),
    ),
)

#: Community id of the few customers who only write brand chatter (no interest).
NO_COMMUNITY = -1
#: Name of the community that grows clearly in the last week.
GROWING_COMMUNITY = "green hikers"
#: The interest that spikes in the last week, and the community it spikes in.
TREND_INTEREST = "pickleball"
TREND_COMMUNITY = "swim families"

_NO_COMMUNITY_NAME = "none (brand chatter only)"
_CHATTER_ONLY_SHARE = 0.02  # customers who never mention an interest
_NEW_IN_LAST_WEEK = 0.40  # share of the growing community that joins in the last week
_TREND_P = (0.03, 0.60)  # chance a trend-community comment mentions the trend: before, last week
_NOISE_P = 0.07  # chance a comment also mentions another community's interest
_NEGATE_OWN_P = 0.03
_NEGATE_NOISE_P = 0.35
_CHATTER_P = 0.30
_CHANNEL_TEXT_P = 0.25
_MISSING_AGE_P = 0.12
_N_COMMENTS_P = (0.25, 0.22, 0.18, 0.15, 0.11, 0.09)  # 1..6 comments per customer
_AGE_CUE_P = 0.35  # customers who say something about their age (see _age_cue)
_AGE_CUE_STREAM = 8  # age cues come from their own random stream: the rest is unchanged

# Surfaces: "[...]" marks the text an extractor should find (a pattern of
# interests.jsonl, or its regular plural); a string without brackets is all surface.
# topics fit generic templates ("I love {t}"); lines are whole sentences.
_SURFACES: dict[str, dict[str, tuple[str, ...]]] = {
    "sourdough": {
        "topics": ("sourdough", "sourdough bread", "Sourdough"),
        "lines": (
            "fed my [sourdough starter] before work",
            "pulled two [sourdough loaves] out of the oven this morning",
            "my [sourdough] finally got a proper ear",
            "third [sourdough loaf] this week, no regrets",
        ),
        "tags": ("#SourdoughSunday", "#RealBread", "#WildYeast"),
    },
    "farmers market": {
        "topics": ("farmers markets", "the [farmers market]", "the [farmer's market]"),
        "lines": (
            "spent my whole Saturday at the [farmers market]",
            "got up at 6 for the [farmers market]",
            "the peaches at the [farmer's market] were unreal",
        ),
        "tags": ("#EatLocal", "#SaturdayMorning"),
    },
    "cast iron skillet": {
        "topics": ("cast iron", "cast iron skillets", "my [cast-iron skillet]"),
        "lines": (
            "re-seasoned my [cast iron] last night",
            "cornbread in the [cast iron skillet] tonight",
            "my grandma's [cast iron pan] still cooks better than anything new",
        ),
        "tags": ("#CastIronCooking",),
    },
    "canning": {
        "topics": ("canning", "home canning"),
        "lines": (
            "[canning] tomatoes all afternoon",
            "put up 14 jars of peach jam, [canning] season is here",
            "[pickling] cucumbers from the neighbours",
        ),
        "tags": ("#PutItUp",),
    },
    "swim meet": {
        "topics": ("swim meets", "the [swim meet]"),
        "lines": (
            "spent my whole weekend at the [swim meet]",
            "4 hours on the bleachers at the [swim meet] and worth every minute",
            "my daughter dropped 2 seconds at the [swim meet]!",
            "[swim meets] every Saturday until March",
        ),
        "tags": ("#SwimMom", "#SwimDad"),
    },
    "open water swimming": {
        "topics": ("open water swimming", "[open-water swimming]", "[wild swimming]"),
        "lines": (
            "lake was 58°F for [open water swimming] today",
            "first [open water swim] of the season",
            "nothing like an [open-water swim] at sunrise",
        ),
        "tags": ("#OpenWaterSwim",),
    },
    "triathlon": {
        "topics": ("triathlons", "[triathlon] training"),
        "lines": (
            "signed up for my first [triathlon]",
            "[triathlon] in 3 weeks, nervous and excited",
            "brick workout done, [triathlon] season is coming",
        ),
        "tags": ("#TriLife",),
    },
    "swim team": {
        "topics": ("swim team", "the [swim team]"),
        "lines": (
            "[swim team] at 5am again",
            "so proud of the [swim team] this season",
            "[swim practice] then straight to school",
        ),
        "tags": ("#SwimFam",),
    },
    "rescue dog": {
        "topics": ("rescue dogs", "my [rescue dog]", "our [rescue pup]"),
        "lines": (
            "adopted a [rescue dog] last month and she's perfect",
            "our [rescue pup] learned to sit!",
            "two years with my [rescue dog] today",
        ),
        "tags": ("#AdoptDontShop", "#RescueIsMyFavoriteBreed"),
    },
    "dog park": {
        "topics": ("dog parks", "the [dog park]"),
        "lines": (
            "met three new friends at the [dog park]",
            "muddy paws after the [dog park] again",
            "sunset at the [dog park] with my girl",
        ),
        "tags": ("#DogParkLife",),
    },
    "animal shelter": {
        "topics": ("animal shelters", "the [animal shelter]", "the [humane society]"),
        "lines": (
            "helped out at the [animal shelter] every Sunday this month",
            "the [animal shelter] needs blankets, please donate",
            "fostering for the [humane society] again",
        ),
        "tags": ("#AdoptDontShop", "#ShelterLove"),
    },
    "dog training": {
        "topics": ("dog training", "[puppy training]"),
        "lines": (
            "week 3 of [dog training] classes, she finally heels",
            "[dog training] is teaching me patience",
        ),
        "tags": ("#GoodGirl",),
    },
    "kurt vonnegut": {
        "topics": ("Kurt Vonnegut", "Vonnegut"),
        "lines": (
            "rereading [Slaughterhouse-Five] for the fourth time",
            "so it goes. [Vonnegut] gets it",
            "[Kurt Vonnegut] quotes all over my fridge",
            "[Cat's Cradle] on the train, stayed up way too late",
        ),
        "tags": ("#SoItGoes",),
    },
    "book club": {
        "topics": ("book club", "book clubs", "my [book club]"),
        "lines": (
            "[book club] picked a 600 page brick this month",
            "hosting [book club] on Thursday",
            "our [book club] argued for two hours, best night",
        ),
        "tags": ("#BookClubPick",),
    },
    "science fiction": {
        "topics": ("science fiction", "sci-fi", "classic [sci-fi]"),
        "lines": (
            "[sci-fi] paperbacks everywhere in my flat",
            "reading old [science fiction] magazines from the 60s",
        ),
        "tags": ("#SciFiSunday",),
    },
    "poetry": {
        "topics": ("poetry", "poems"),
        "lines": (
            "went to a [poetry reading] downtown",
            "wrote three [poems] on my lunch break",
        ),
        "tags": ("#NationalPoetryMonth",),
    },
    "environment": {
        "topics": ("the [environment]",),
        "lines": (
            "we only get one planet, protect the [environment]",
            "doing my bit for the [environment]",
        ),
        "tags": ("#ProtectOurPlanet",),
    },
    "climate": {
        "topics": ("climate action", "climate change"),
        "lines": (
            "marched for [climate action] downtown",
            "[climate change] keeps me up at night",
            "joined the [climate strike] with my classmates",
        ),
        "tags": ("#ClimateAction", "#FridaysForFuture"),
    },
    "recycling": {
        "topics": ("recycling",),
        "lines": (
            "sorted the [recycling] with my roommates",
            "[recycling] rules in my city make no sense",
        ),
        "tags": ("#ReduceReuseRecycle",),
    },
    "hiking": {
        "topics": ("hiking", "long [hikes]"),
        "lines": (
            "10 mile [hike] this morning",
            "[hiking] with friends all weekend",
            "summit views after a brutal [hike]",
        ),
        "tags": ("#GetOutside",),
    },
    "composting": {
        "topics": ("composting",),
        "lines": (
            "the worms in my [compost] are thriving",
            "started [composting] on the balcony",
        ),
        "tags": ("#CompostLife",),
    },
    "family": {
        "topics": ("family time", "my [family]"),
        "lines": (
            "three weeks on the road, can't wait to see my [family]",
            "[family] waiting at home is what keeps me driving",
            "missed the [grandkids] birthday party again",
        ),
        "tags": ("#HomeTime",),
    },
    "home cooking": {
        "topics": ("home cooking", "[home cooked meals]"),
        "lines": (
            "nothing beats my wife's [home cooking] after a long haul",
            "dreaming of a [home-cooked meal] somewhere in Nebraska",
            "truck stop food again, I miss [home cooking]",
        ),
        "tags": ("#TruckerLife",),
    },
    "hot shower": {
        "topics": ("hot showers", "a [hot shower]"),
        "lines": (
            "a [hot shower] at the truck stop is pure luxury",
            "500 miles today, all I want is a [hot shower]",
        ),
        "tags": ("#TruckerLife", "#LongHaul"),
    },
    "country music": {
        "topics": ("country music", "classic country"),
        "lines": (
            "[country music] on the radio all the way through Texas",
            "old [country songs] make the night miles go faster",
        ),
        "tags": ("#LongHaul",),
    },
    "pickleball": {
        "topics": ("pickleball",),
        "lines": (
            "tried [pickleball] with the neighbours, hooked",
            "the [pickleball] courts were packed tonight",
            "everyone at the pool is talking about [pickleball] now",
        ),
        "tags": ("#PickleballLife",),
    },
}

# Generic templates by passion cue; {t} takes a topic, {T} a capitalised one.
_TEMPLATES: dict[str, tuple[str, ...]] = {
    "strong": (
        "I'm obsessed with {t}",
        "can't get enough of {t}!!",
        "{t} is my whole personality now",
        "absolutely LOVE {t} ❤️",
        "nothing beats {t}",
        "{t} is my happy place",
        "{t} changed my life, honestly",
    ),
    "medium": (
        "I love {t}",
        "really enjoying {t} lately",
        "big fan of {t}",
        "{t} makes my week",
        "so into {t} these days",
    ),
    "weak": (
        "{t} again this morning.",
        "been thinking about {t}",
        "anyone else into {t}?",
        "a bit of {t} this weekend",
    ),
    "negated": (
        "don't really love {t} tbh",
        "not a fan of {t}",
        "never been into {t}",
        "{t}? not for me",
        "can't say I enjoy {t}",
    ),
}
_PAIR_TEMPLATES = (
    "{a} and {b}, perfect weekend",
    "{a} &amp; {b}, my two favourite things",
    "{a} + {b} = happy me",
    "weekend plans: {a}, then {b}",
)
_CUE_P = {"strong": 0.35, "medium": 0.40, "weak": 0.25}

# Channel mentions in the text: SPEC channel key -> sentences (surface in brackets).
_CHANNEL_LINES: dict[str, tuple[str, ...]] = {
    "facebook": ("saw this in the [Facebook group]", "found you on [Facebook]"),
    "instagram": ("saw your post on [Insta]", "saw your post on [Instagram]"),
    "twitter": ("saw the thread on [Twitter]", "following you on [Twitter] now"),
    "pinterest": ("saved it to my [Pinterest board]", "found it on [Pinterest]"),
    "youtube": ("watched your [YouTube video]", "saw it on [YouTube]"),
    "forum": ("asked on the [message board]", "someone on the [forum] said the same"),
    "email": ("got your [newsletter]", "read it in your [e-mail]", "your [email] this week helped"),
    "phone": ("called the [phone line]", "spent an hour [on the phone] with you"),
    "reddit": ("someone on [Reddit] recommended you",),
    "strava": ("logged it on [Strava]",),
    "tiktok": ("saw it on [TikTok]",),
    "website": ("read it on your [website]", "found it on your [web site]"),
    "store": ("picked some up from [the store]", "stopped by [in person] yesterday"),
    "sms": ("got the [SMS] reminder",),
    "yelp": ("left you a review on [Yelp]",),
    "whatsapp": ("shared it in our [WhatsApp group]",),
    "discord": ("talked about it on [Discord]",),
}
_CHANNEL_TEXT_OTHER = ("email", "phone", "forum", "website", "store", "sms", "whatsapp", "discord")
_POSTED_OTHER = ("website", "email", "store", "facebook", "twitter", "yelp", "sms", "phone")

# Brand chatter: about the product or service, never an interest nor a channel.
_CHATTER = (
    "my order arrived late",
    "the checkout page keeps crashing",
    "love the new dress but the size runs small",
    "customer service was helpful",
    "still waiting on my refund",
    "shipping took forever this time",
    "the discount code didn't work",
    "returned the jacket, easy process",
    "delivery was quick this time",
    "why did the price go up again?",
    "my package was left at the wrong door",
    "great quality for the price",
    "the support team sorted it out in minutes",
    "the tracking number doesn't work",
    "the zipper broke after a week",
    "my loyalty points vanished",
    "the sale ended too soon",
    "the box was damaged but everything inside was fine",
    "the coupon expired before I could use it",
    "two-day shipping took five days",
    "the new colours are gorgeous",
    "the login page keeps timing out",
    "the Q&amp;A under the product description helped",
    "the flight got delayed twice, your staff were great though",
    "the size chart is confusing",
)
_HANDLES = ("@maria_k", "@tom.reads", "@jen_bakes", "@coach_dave", "@trailmix22", "@bigrig_ron")
_URLS = (
    "https://bit.ly/3kPz9Q",
    "https://example.com/p/8812",
    "https://imgur.com/a/x7Qp2",
    "http://example.org/photos?id=41&ref=share",
)
_BRACKET = re.compile(r"\[([^\]]+)\]")

# Lines that imply a life stage: (youngest, oldest age that fits, the line for anyone else).
_LIFE_STAGE_LINES: dict[str, tuple[int, int, str]] = {
    "missed the [grandkids] birthday party again": (
        50,
        200,
        "missed my nephew's birthday party again, [family] comes first",
    ),
    "joined the [climate strike] with my classmates": (
        0,
        24,
        "joined the [climate strike] with my coworkers",
    ),
    "sorted the [recycling] with my roommates": (
        0,
        29,
        "sorted the [recycling] with my neighbours",
    ),
}

# Age cues (see patterns/age_cues.jsonl), by the ages they fit: (youngest, oldest, sentence).
# {a} is the age, {d} the decade ("60"), {p} early/mid/late.
_AGE_STATED = (
    "I'm {a}, and still learning new tricks.",
    "Just turned {a} this month!",
    "At {a}, I finally get it.",
    "Not bad for someone who is {a}.",
)
_AGE_DECADE = ("I'm in my {p} {d}s now.", "Life in my {d}s is good.")
_AGE_STAGES: tuple[tuple[int, int, str], ...] = (
    (13, 17, "Studying for my midterms tonight."),
    (14, 17, "I'm a high school junior, so weekends are precious."),
    (18, 23, "Finals week at my college is brutal."),
    (18, 24, "My college roommate got me into this."),
    (18, 23, "Writing this from my dorm."),
    (25, 39, "Our toddler woke us at 5 again."),
    (26, 38, "I'm 30 weeks pregnant and still going."),
    (25, 40, "Nap time for the little one, finally."),
    (38, 54, "As a mom of teens, I need this."),
    (40, 55, "My teenage son rolls his eyes at me."),
    (50, 64, "Empty nesters now, more time for us."),
    (46, 55, "Menopause is no joke."),
    (58, 79, "Retired last spring, finally some free time."),
    (55, 85, "My granddaughter visited this weekend."),
    (62, 84, "A loyal customer since the 80s."),
    (80, 99, "My great-granddaughter turned two."),
)


@dataclass
class Sample:
    """Synthetic comments and their ground truth.

    Attributes
    ----------
    comments : pandas.DataFrame
        comment_id, customer_id, text, channel, timestamp (datetime), age
        (nullable Int64), sorted by timestamp.
    truth : pandas.DataFrame
        customer_id, community (int; -1 for brand-chatter-only customers),
        community_name, age (the true age, also of the ~12 % whose comments
        leave it out; about a third of customers hint at it in one comment).
    mentions : pandas.DataFrame
        comment_id, kind (``interest`` / ``channel``), term (interest id or
        channel key), surface (the planted text), cue (``strong``,
        ``medium``, ``weak``, ``activity``, ``negated``; empty for channels),
        source (``community``, ``noise``, ``trend``, ``text``).
    """

    comments: pd.DataFrame
    truth: pd.DataFrame
    mentions: pd.DataFrame


def _pick(rng: np.random.Generator, seq):
    return seq[int(rng.integers(len(seq)))]


def _split_counts(n: int, shares: list[float]) -> list[int]:
    """Largest-remainder split of n into len(shares) whole counts."""
    raw = np.asarray(shares, dtype=float) / sum(shares) * n
    counts = np.floor(raw).astype(int)
    order = np.argsort(-(raw - counts), kind="stable")
    for i in order[: n - counts.sum()]:
        counts[i] += 1
    return counts.tolist()


def _fill(text: str) -> tuple[str, str]:
    """Strip the surface brackets; return (text, surface)."""
    m = _BRACKET.search(text)
    surface = m.group(1) if m else text
    return _BRACKET.sub(r"\1", text), surface


def _capitalise(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:] if sentence[:1].islower() else sentence


def _interest_sentence(rng, interest: str, cue: str | None, age=None) -> tuple[str, str, str]:
    """One sentence about an interest: (sentence, surface, cue)."""
    forms = _SURFACES[interest]
    if cue is None and rng.random() < 0.45:
        line = _pick(rng, forms["lines"])
        lo, hi, other = _LIFE_STAGE_LINES.get(line, (0, 200, line))
        sentence, surface = _fill(line if age is None or lo <= age <= hi else other)
        return _capitalise(sentence), surface, "activity"
    if cue is None:
        cues = list(_CUE_P)
        cue = cues[int(rng.choice(len(cues), p=list(_CUE_P.values())))]
    topics = forms["topics"]
    if cue == "negated":  # "not a fan of my rescue dog" reads wrong: no possessives
        topics = tuple(t for t in topics if not t.startswith(("my ", "our "))) or topics
    topic, surface = _fill(_pick(rng, topics))
    sentence = _pick(rng, _TEMPLATES[cue]).replace("{t}", topic)
    return _capitalise(sentence), surface, cue


def _pair_sentence(rng, a: str, b: str) -> tuple[str, list[tuple[str, str]]]:
    ta, sa = _fill(_pick(rng, _SURFACES[a]["topics"]))
    tb, sb = _fill(_pick(rng, _SURFACES[b]["topics"]))
    sentence = _pick(rng, _PAIR_TEMPLATES).format(a=ta, b=tb)
    return _capitalise(sentence), [(a, sa), (b, sb)]


def _end_sentence(sentence: str) -> str:
    return sentence if sentence[-1:] in ".!?" or not sentence[-1:].isascii() else sentence + "."


def _comment(rng, comm: int, weights, last_week: bool, age=None):
    """Text of one comment and its planted mentions [(kind, term, surface, cue, source)]."""
    planted: list[tuple[str, str, str, str, str]] = []
    parts: list[str] = []
    if comm == NO_COMMUNITY:
        for idx in rng.choice(len(_CHATTER), size=int(rng.integers(1, 3)), replace=False):
            parts.append(_capitalise(_CHATTER[int(idx)]))
        emoji = ("🙄", "👍", "😕")
    else:
        community = COMMUNITIES[comm]
        emoji = community.emoji
        k = 2 if rng.random() < 0.35 and len(community.interests) > 1 else 1
        chosen = [
            community.interests[int(i)]
            for i in rng.choice(len(community.interests), size=k, replace=False, p=weights)
        ]
        if k == 2 and rng.random() < 0.4:
            sentence, pairs = _pair_sentence(rng, *chosen)
            parts.append(sentence)
            planted += [("interest", t, s, "medium", "community") for t, s in pairs]
        else:
            for term in chosen:
                cue = "negated" if rng.random() < _NEGATE_OWN_P else None
                sentence, surface, cue = _interest_sentence(rng, term, cue, age)
                parts.append(sentence)
                planted.append(("interest", term, surface, cue, "community"))
        if community.name == TREND_COMMUNITY and rng.random() < _TREND_P[last_week]:
            sentence, surface, cue = _interest_sentence(rng, TREND_INTEREST, None)
            parts.append(sentence)
            planted.append(("interest", TREND_INTEREST, surface, cue, "trend"))
        if rng.random() < _NOISE_P:
            other = COMMUNITIES[_pick(rng, [i for i in range(len(COMMUNITIES)) if i != comm])]
            term = _pick(rng, other.interests)
            cue = "negated" if rng.random() < _NEGATE_NOISE_P else None
            sentence, surface, cue = _interest_sentence(rng, term, cue, age)
            parts.append(sentence)
            planted.append(("interest", term, surface, cue, "noise"))
        if rng.random() < 0.12:  # a hashtag for one of the planted interests
            parts[-1] = parts[-1] + " " + _pick(rng, _SURFACES[chosen[0]]["tags"])
        if rng.random() < _CHATTER_P:
            chatter = _capitalise(_pick(rng, _CHATTER))
            parts.insert(0 if rng.random() < 0.5 else len(parts), chatter)
    if rng.random() < _CHANNEL_TEXT_P:
        if comm == NO_COMMUNITY:
            key = _pick(rng, _CHANNEL_TEXT_OTHER)
        else:
            u = rng.random()
            own = COMMUNITIES[comm].channels
            key = own[0][0] if u < 0.55 else own[1][0] if u < 0.80 else None
            key = key or _pick(rng, _CHANNEL_TEXT_OTHER)
        sentence, surface = _fill(_pick(rng, _CHANNEL_LINES[key]))
        parts.insert(int(rng.integers(len(parts) + 1)), _capitalise(sentence))
        planted.append(("channel", key, surface, "", "text"))
    if rng.random() < 0.25:
        i = int(rng.integers(len(parts)))
        parts[i] = parts[i] + " " + _pick(rng, emoji)
    sentences = [_end_sentence(p) if i < len(parts) - 1 else p for i, p in enumerate(parts)]
    if rng.random() < 0.05:
        sentences[0] = _pick(rng, _HANDLES) + " " + sentences[0]
    if rng.random() < 0.04:
        sentences[-1] = _end_sentence(sentences[-1]) + " " + _pick(rng, _URLS)
    text = ""
    for i, sentence in enumerate(sentences):
        text += ("" if i == 0 else "\n" if rng.random() < 0.06 else " ") + sentence
    if rng.random() < 0.12:
        text = text.lower()
    return text, planted


def _age_cue(rng: np.random.Generator, age: int) -> str | None:
    """A sentence that hints at the age (a quarter state it), or None when none fits."""
    u = rng.random()
    if u < 0.25 and age >= 16:
        return _pick(rng, _AGE_STATED).format(a=age)
    if u < 0.40 and age >= 20:
        part = "early" if age % 10 < 4 else "mid" if age % 10 < 7 else "late"
        return _pick(rng, _AGE_DECADE).format(d=age // 10 * 10, p=part)
    fits = [line for lo, hi, line in _AGE_STAGES if lo <= age <= hi]
    return _pick(rng, fits) if fits else None


def make_sample(
    customers: int = 600, weeks: int = 6, seed: int = 0, end: str = "2026-11-22"
) -> Sample:
    """Generate the synthetic comments with planted communities.

    Parameters
    ----------
    customers : int, default 600
        Number of customers. About 2 % write only brand chatter (community
        -1); the rest are split over :data:`COMMUNITIES` by their shares.
    weeks : int, default 6
        Number of ISO weeks covered, the last one being the week of `end`.
    seed : int, default 0
        Seed of the random generator; same arguments, same frames.
    end : str, default "2026-11-22"
        Last day (ISO date) of the sample.

    Returns
    -------
    Sample
        ``comments``, ``truth`` (per customer) and ``mentions`` (per
        planted mention).

    Raises
    ------
    ValueError
        If `customers` or `weeks` is below 1, or `end` is not an ISO date.

    Examples
    --------
    >>> s = make_sample(customers=100, weeks=4, seed=3)
    >>> s.truth.customer_id.nunique()
    100
    >>> s.comments.timestamp.dt.isocalendar().week.nunique()
    4
    >>> s.comments.comment_id.iloc[0]
    'm000001'
    >>> bool(s.mentions.comment_id.isin(s.comments.comment_id).all())
    True
    """
    if int(customers) < 1:
        raise ValueError(f"customers must be at least 1, got {customers}")
    if int(weeks) < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks}")
    end_day = date.fromisoformat(str(end))
    rng = np.random.default_rng(seed)
    customers, weeks = int(customers), int(weeks)
    last_monday = end_day - timedelta(days=end_day.weekday())
    first_monday = last_monday - timedelta(weeks=weeks - 1)

    n_none = round(customers * _CHATTER_ONLY_SHARE)
    counts = _split_counts(customers - n_none, [c.share for c in COMMUNITIES])
    labels = np.array([NO_COMMUNITY] * n_none + sum(([i] * n for i, n in enumerate(counts)), []))
    labels = labels[rng.permutation(customers)]
    width = max(4, len(str(customers)))
    ids = [f"c{i + 1:0{width}d}" for i in range(customers)]
    growing = next(i for i, c in enumerate(COMMUNITIES) if c.name == GROWING_COMMUNITY)

    cue_rng = np.random.default_rng([seed, _AGE_CUE_STREAM])
    true_ages = []
    rows, planted_rows = [], []
    for cid, comm in zip(ids, labels.tolist(), strict=True):
        if comm == NO_COMMUNITY:
            lo, hi, channels, weights = 18, 80, (("website", 0.5), ("email", 0.5)), None
        else:
            c = COMMUNITIES[comm]
            lo, hi, channels = *c.ages, c.channels
            base = np.linspace(1.6, 1.0, len(c.interests))  # most popular first
            weights = rng.dirichlet(base / base.sum() * 6)
        age = None if rng.random() < _MISSING_AGE_P else int(rng.integers(lo, hi + 1))
        true_age = int(cue_rng.integers(lo, hi + 1)) if age is None else age
        true_ages.append(true_age)
        keys = [k for k, _ in channels]
        probs = np.array([p for _, p in channels])
        home = keys[int(rng.choice(len(keys), p=probs / probs.sum()))]
        n = 1 + int(rng.choice(len(_N_COMMENTS_P), p=_N_COMMENTS_P))
        new_joiner = comm == growing and rng.random() < _NEW_IN_LAST_WEEK
        age_cue = _age_cue(cue_rng, true_age) if cue_rng.random() < _AGE_CUE_P else None
        cue_at = int(cue_rng.integers(n))
        for i in range(n):
            week = weeks - 1 if new_joiner else int(rng.integers(weeks))
            monday = first_monday + timedelta(weeks=week)
            days = min(7, (end_day - monday).days + 1)
            day = monday + timedelta(days=int(rng.integers(days)))
            hour = int(rng.choice(np.arange(6, 24)))
            when = datetime(day.year, day.month, day.day, hour, int(rng.integers(60)))
            u = rng.random()
            if u < 0.75:
                channel = home
            elif u < 0.92:
                channel = keys[int(rng.choice(len(keys), p=probs / probs.sum()))]
            else:
                channel = _pick(rng, [k for k in _POSTED_OTHER if k not in keys])
            text, planted = _comment(rng, comm, weights, week == weeks - 1, true_age)
            if age_cue and i == cue_at:
                url = text.rsplit(None, 1)[-1].startswith("http")
                text = (text if url else _end_sentence(text)) + " " + age_cue
            key = len(rows)
            rows.append((key, cid, text, channel, when, age))
            planted_rows += [(key, *p) for p in planted]

    comments = pd.DataFrame(
        rows, columns=["key", "customer_id", "text", "channel", "timestamp", "age"]
    )
    comments = comments.sort_values(["timestamp", "key"], kind="stable").reset_index(drop=True)
    comments.insert(0, "comment_id", [f"m{i + 1:06d}" for i in range(len(comments))])
    id_of = dict(zip(comments["key"], comments["comment_id"], strict=True))
    comments = comments.drop(columns="key")
    comments["timestamp"] = pd.to_datetime(comments["timestamp"]).astype("datetime64[s]")
    comments["age"] = comments["age"].astype("Int64")

    mentions = pd.DataFrame(
        planted_rows, columns=["key", "kind", "term", "surface", "cue", "source"]
    )
    mentions.insert(0, "comment_id", mentions.pop("key").map(id_of))
    mentions = mentions.drop_duplicates(["comment_id", "kind", "term"])
    mentions = mentions.sort_values(["comment_id", "kind", "term"]).reset_index(drop=True)

    names = {i: c.name for i, c in enumerate(COMMUNITIES)} | {NO_COMMUNITY: _NO_COMMUNITY_NAME}
    truth = pd.DataFrame({"customer_id": ids, "community": labels.astype(int)})
    truth["community_name"] = truth["community"].map(names)
    truth["age"] = np.asarray(true_ages, dtype="int64")  # also where comments hide it
    return Sample(comments=comments, truth=truth, mentions=mentions)


def _atomic_csv(frame: pd.DataFrame, target: Path) -> Path:
    """Write frame to a temporary file beside target; return the temporary path."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            frame.to_csv(fh, index=False, lineterminator="\n")
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; a data file is readable by all
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_sample(
    path: str | os.PathLike, customers: int = 600, weeks: int = 6, seed: int = 0
) -> Path:
    """Write the sample comments CSV and its two truth files beside it.

    Writes ``path`` (comment_id, customer_id, text, channel, timestamp as
    ``2026-11-03T14:05:00``, age), ``<stem>_truth.csv`` (customer truth) and
    ``<stem>_mentions_truth.csv`` (planted mentions). Each file is written to
    a temporary file in the same folder and moved into place with
    :func:`os.replace`, so no reader ever sees half a file.

    Parameters
    ----------
    path : str or os.PathLike
        The comments CSV to write; missing folders are created.
    customers, weeks, seed : int
        As in :func:`make_sample`.

    Returns
    -------
    pathlib.Path
        The comments CSV.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     out = write_sample(f"{folder}/sample.csv", customers=50, weeks=2, seed=5)
    ...     print(sorted(p.name for p in out.parent.iterdir()))
    ...     print(pd.read_csv(out).columns.tolist())
    ['sample.csv', 'sample_mentions_truth.csv', 'sample_truth.csv']
    ['comment_id', 'customer_id', 'text', 'channel', 'timestamp', 'age']
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    sample = make_sample(customers=customers, weeks=weeks, seed=seed)
    comments = sample.comments.copy()
    comments["timestamp"] = comments["timestamp"].dt.strftime("%Y-%m-%dT%H:%M:%S")
    outputs = {
        target: comments,
        target.with_name(f"{target.stem}_truth.csv"): sample.truth,
        target.with_name(f"{target.stem}_mentions_truth.csv"): sample.mentions,
    }
    written: dict[Path, Path] = {}
    try:
        for final, frame in outputs.items():
            written[final] = _atomic_csv(frame, final)
        for final, tmp in written.items():
            os.replace(tmp, final)
    finally:
        for tmp in written.values():
            tmp.unlink(missing_ok=True)
    return target
