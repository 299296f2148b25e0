"""The words of the embedded sample: its communities, sentences and word lists.

Data only: :mod:`passionmap.datasets.sample` draws the synthetic comments from these
tables. Changing, adding or reordering an entry changes the sample drawn for
a given seed.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "AGE_DECADE",
    "AGE_STAGES",
    "AGE_STATED",
    "CHANNEL_LINES",
    "CHANNEL_TEXT_OTHER",
    "CHATTER",
    "COMMUNITIES",
    "Community",
    "HANDLES",
    "LIFE_STAGE_LINES",
    "PAIR_TEMPLATES",
    "POSTED_OTHER",
    "SURFACES",
    "TEMPLATES",
    "URLS",
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

# Surfaces: "[...]" marks the text an extractor should find (a pattern of
# interests.jsonl, or its regular plural); a string without brackets is all surface.
# topics fit generic templates ("I love {t}"); lines are whole sentences.
SURFACES: dict[str, dict[str, tuple[str, ...]]] = {
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
TEMPLATES: dict[str, tuple[str, ...]] = {
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
PAIR_TEMPLATES = (
    "{a} and {b}, perfect weekend",
    "{a} &amp; {b}, my two favourite things",
    "{a} + {b} = happy me",
    "weekend plans: {a}, then {b}",
)

# Channel mentions in the text: SPEC channel key -> sentences (surface in brackets).
CHANNEL_LINES: dict[str, tuple[str, ...]] = {
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
CHANNEL_TEXT_OTHER = ("email", "phone", "forum", "website", "store", "sms", "whatsapp", "discord")
POSTED_OTHER = ("website", "email", "store", "facebook", "twitter", "yelp", "sms", "phone")

# Brand chatter: about the product or service, never an interest nor a channel.
CHATTER = (
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
HANDLES = ("@maria_k", "@tom.reads", "@jen_bakes", "@coach_dave", "@trailmix22", "@bigrig_ron")
URLS = (
    "https://bit.ly/3kPz9Q",
    "https://example.com/p/8812",
    "https://imgur.com/a/x7Qp2",
    "http://example.org/photos?id=41&ref=share",
)

# Lines that imply a life stage: (youngest, oldest age that fits, the line for anyone else).
LIFE_STAGE_LINES: dict[str, tuple[int, int, str]] = {
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
AGE_STATED = (
    "I'm {a}, and still learning new tricks.",
    "Just turned {a} this month!",
    "At {a}, I finally get it.",
    "Not bad for someone who is {a}.",
)
AGE_DECADE = ("I'm in my {p} {d}s now.", "Life in my {d}s is good.")
AGE_STAGES: tuple[tuple[int, int, str], ...] = (
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
