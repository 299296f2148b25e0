"""The vocabularies of SPEC ("Vocabularies"): channels and generations, defined once.

Channels: the canonical keys (:data:`CHANNELS`), the other names people write
for them (:data:`CHANNEL_ALIASES`), and how they are written for people
(:data:`CHANNEL_BRANDS`, :data:`CHANNEL_NAMES`). Generations: their names,
oldest first (:data:`GENERATIONS`) and the birth years that divide them
(:data:`LAST_BIRTH_YEAR`).

The modules that use them import them from here (and keep their old names:
``passionmap.io.channels.CHANNELS``, ``passionmap.io.generation.GENERATIONS``,
``passionmap.phrases.CHANNEL_NAMES``). This module imports nothing of
passionmap, so every layer may import it.

>>> GENERATIONS[0], CHANNEL_ALIASES["x"], CHANNEL_NAMES["forum"]
('Silent', 'twitter', 'forums')
"""

from __future__ import annotations

__all__ = [
    "CHANNELS",
    "CHANNEL_ALIASES",
    "CHANNEL_BRANDS",
    "CHANNEL_NAMES",
    "GENERATIONS",
    "LAST_BIRTH_YEAR",
]

# channels

#: Canonical channel keys (SPEC "Vocabularies").
CHANNELS: tuple[str, ...] = (
    "facebook",
    "twitter",
    "instagram",
    "linkedin",
    "youtube",
    "pinterest",
    "yelp",
    "ello",
    "reddit",
    "tiktok",
    "discord",
    "strava",
    "snapchat",
    "whatsapp",
    "email",
    "forum",
    "phone",
    "website",
    "blog",
    "sms",
    "store",
)

#: Other names for channels (lower case, single spaces) -> canonical key.
CHANNEL_ALIASES: dict[str, str] = {
    # social networks
    "x": "twitter",
    "tweet": "twitter",
    "tweets": "twitter",
    "fb": "facebook",
    "insta": "instagram",
    "ig": "instagram",
    "linked in": "linkedin",
    "yt": "youtube",
    "you tube": "youtube",
    "tik tok": "tiktok",
    "snap": "snapchat",
    "whats app": "whatsapp",
    # email
    "e-mail": "email",
    "e mail": "email",
    "newsletter": "email",
    "mailing list": "email",
    # forums
    "message board": "forum",
    "message boards": "forum",
    "messageboard": "forum",
    "forums": "forum",
    "discussion board": "forum",
    # phone
    "telephone": "phone",
    "call": "phone",
    "call line": "phone",
    "call center": "phone",
    "call centre": "phone",
    "hotline": "phone",
    # website
    "web site": "website",
    "web": "website",
    "webshop": "website",
    "web shop": "website",
    # blog
    "weblog": "blog",
    # sms
    "text": "sms",
    "texts": "sms",
    "text message": "sms",
    "text messages": "sms",
    "texting": "sms",
    # store
    "in person": "store",
    "in-person": "store",
    "in store": "store",
    "in-store": "store",
    "shop": "store",
}


#: How brand channels are spelled: the one owner of channel casing, for labels
#: (:func:`channel_label`, a mention's ``label``) and sentences (:func:`channel_name`).
CHANNEL_BRANDS = {
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "linkedin": "LinkedIn",
    "whatsapp": "WhatsApp",
    "sms": "SMS",
}

#: How channel keys are written in sentences and figures: brands as spelled, common
#: nouns as running text says them ("start with email", "post on forums").
CHANNEL_NAMES = {
    **CHANNEL_BRANDS,
    "email": "email",
    "forum": "forums",
    "phone": "phone",
    "website": "the website",
    "blog": "blogs",
    "store": "the store",
    "unknown": "unknown channels",
}


# generations

#: Generation names, oldest first.
GENERATIONS: list[str] = [
    "Silent",
    "Baby Boomers",
    "Gen X",
    "Millennials",
    "Gen Z",
    "Gen Alpha",
]

#: Last birth year of each generation but the youngest (which is open-ended).
LAST_BIRTH_YEAR: list[int] = [1945, 1964, 1980, 1996, 2012]
