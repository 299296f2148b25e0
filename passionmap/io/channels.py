"""The channel vocabulary: canonical channel keys and the names people write for them.

A comments file's channel column holds what people typed (``Twitter``, ``X``,
``e-mail``, ``Message Board``); :func:`normalise_channel` turns each into one
of the SPEC keys (:data:`CHANNELS`), through :data:`CHANNEL_ALIASES`.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["CHANNELS", "CHANNEL_ALIASES", "normalise_channel"]

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


def _channel_key(text: str) -> str:
    return " ".join(text.strip().lower().split())


def normalise_channel(value: object) -> str:
    """Turn a channel name as people write it into a canonical channel key.

    Lower-cases, collapses whitespace, drops ``www.`` / ``.com`` and maps known
    synonyms (:data:`CHANNEL_ALIASES`) onto the SPEC keys (:data:`CHANNELS`).
    Unknown names are kept, lower-cased; a missing or blank value is
    ``"unknown"``.

    Parameters
    ----------
    value : object
        A channel name, or None / NaN.

    Returns
    -------
    str
        The channel key.

    Examples
    --------
    >>> from passionmap.io.channels import normalise_channel
    >>> [normalise_channel(v) for v in ["Twitter", "X", "e-mail", "Message Board", None]]
    ['twitter', 'twitter', 'email', 'forum', 'unknown']
    >>> normalise_channel("  My  Club ")
    'my club'
    """
    if value is None:
        return "unknown"
    if not isinstance(value, str):
        try:
            if pd.isna(value):
                return "unknown"
        except (TypeError, ValueError):
            pass
        value = str(value)
    key = _channel_key(value)
    if not key:
        return "unknown"
    bare = key
    if bare.startswith("www."):
        bare = bare[4:]
    if bare.endswith(".com"):
        bare = bare[:-4]
    for candidate in (
        key,
        bare,
        bare.replace("-", " ").replace("_", " "),
        bare.replace("-", "").replace("_", "").replace(" ", ""),
    ):
        if candidate in CHANNEL_ALIASES:
            return CHANNEL_ALIASES[candidate]
        if candidate in CHANNELS:
            return candidate
    return key
