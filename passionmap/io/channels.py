"""The channel vocabulary: canonical channel keys and the names people write for them.

A comments file's channel column holds what people typed (``Twitter``, ``X``,
``e-mail``, ``Message Board``); :func:`normalise_channel` turns each into one
of the SPEC keys (:data:`CHANNELS`), through :data:`CHANNEL_ALIASES` (both defined in
:mod:`passionmap.vocab`).
"""

from __future__ import annotations

import pandas as pd

from ..vocab import CHANNEL_ALIASES, CHANNELS  # the one vocabulary module (names kept here)

__all__ = ["CHANNELS", "CHANNEL_ALIASES", "normalise_channel"]


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
