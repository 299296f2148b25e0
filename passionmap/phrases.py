"""How numbers, shares and channels are written for people, in every table, figure and sentence.

One place, so a report never says ``10268`` in one section and ``10,268`` in
another, or ``0%`` for a share that is not zero.

Examples
--------
>>> count(10268), percent(0.004), channel_name("youtube")
('10,268', '0.4%', 'YouTube')
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# how channels are written for people: defined with the channels (the names kept here)
from .vocab import CHANNEL_BRANDS, CHANNEL_NAMES  # noqa: F401

#: How list cells (top_interests, channels, ...) are joined in every table (SPEC).
SEP = "; "


def missing(value: object) -> bool:
    """True for None, NaN, NaT and pd.NA (and False for every other value, lists too).

    Examples
    --------
    >>> [missing(v) for v in (None, float("nan"), pd.NA, pd.NaT, "", 0, ["a"])]
    [True, True, True, True, False, False, False]
    """
    if value is None:
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, list | tuple | set | dict) else False
    except (TypeError, ValueError):
        return False


def channel_name(key: object) -> str:
    """A channel key as people write it (``pinterest`` -> ``Pinterest``).

    Examples
    --------
    >>> channel_name("pinterest"), channel_name("youtube")
    ('Pinterest', 'YouTube')
    """
    key = "" if missing(key) else str(key)
    return CHANNEL_NAMES.get(key.lower(), key[:1].upper() + key[1:])


def channel_label(key: str) -> str:
    """A channel key as a label (a table cell, a mention's ``label``): brands as
    spelled, other keys capitalised.

    Examples
    --------
    >>> channel_label("youtube"), channel_label("email"), channel_label("website")
    ('YouTube', 'Email', 'Website')
    """
    return CHANNEL_BRANDS.get(key, key.title())


def count(n: float | None) -> str:
    """A count with thousands separators (``10,268``); a dash when missing.

    Examples
    --------
    >>> count(5654), count(3.0), count(None)
    ('5,654', '3', '–')
    """
    if missing(n):
        return "\u2013"
    return f"{int(n):,}"


def percent(share: float, missing_text: str = "\u2013") -> str:
    """A share as a percentage; one decimal below 10% (and above 90%), where
    a whole number would hide the change; a dash when missing.

    Examples
    --------
    >>> percent(0.25), percent(0.0012), percent(0.0004), percent(0.0), percent(0.9996)
    ('25%', '0.1%', 'under 0.1%', '0%', 'over 99.9%')
    >>> percent(0.012), percent(0.05), percent(0.935), percent(1.0), percent(float("nan"))
    ('1.2%', '5.0%', '93.5%', '100%', '–')
    """
    if missing(share):
        return missing_text
    if share <= 0 or share >= 1 or 0.1 <= share <= 0.9:
        return f"{share:.0%}"
    text = f"{share:.1%}"
    if text == "0.0%":
        return "under 0.1%"
    if text == "100.0%":
        return "over 99.9%"
    return text


def one_channel_text(channel: str) -> str:
    """What a report says instead of channel advice when every comment comes from one channel.

    Examples
    --------
    >>> one_channel_text("twitter")
    'All comments come from one channel (Twitter): there is no channel choice to make.'
    """
    return (
        f"All comments come from one channel ({channel_name(channel)}): "
        "there is no channel choice to make."
    )


#: What a report says above the channel chart when no comment says where it was posted.
NO_CHANNEL = (
    "No comment says where it was posted (the input has no channel column): the channels "
    "below are the ones customers name in what they write, marked (mentioned). If the whole "
    "file comes from one place, say so: passionmap report FILE --channel twitter (the "
    "notebook's channel parameter)."
)

#: What a report says instead of generation charts and tables when no generation is known.
NO_GENERATIONS = (
    "No customer's generation is known: no ages are given and none can be inferred "
    "from what customers write."
)


def split_list(cell: object) -> list[str]:
    """The items of a list cell (``top_interests``, ``channels``, ...); nulls give ``[]``.

    In memory the tables hold Python lists, returned as they are (as text);
    a ``"; "``-joined cell, as a table read back from its CSV file holds it, is split.

    Examples
    --------
    >>> split_list(["sourdough", "baking"]), split_list(("yoga",))
    (['sourdough', 'baking'], ['yoga'])
    >>> split_list("sourdough; baking;  ")
    ['sourdough', 'baking']
    >>> split_list(None)
    []
    """
    if isinstance(cell, list | tuple | np.ndarray):
        return [str(item) for item in cell]
    if cell is None or pd.isna(cell):
        return []
    return [part.strip() for part in str(cell).split(";") if part.strip()]


def list_text(cell: object) -> str:
    """A list cell as people read it: items joined with :data:`SEP` (text as it is, ``""`` for
    a null), as in the CSV files.

    >>> list_text(["sourdough", "baking"]), list_text(None), list_text("yoga; tea")
    ('sourdough; baking', '', 'yoga; tea')
    """
    if isinstance(cell, list | tuple | np.ndarray):
        return SEP.join(str(item) for item in cell)
    return text_or(cell)


def shorten(text: str, max_chars: int) -> str:
    """``text`` cut to ``max_chars`` characters, the cut marked with an ellipsis.

    >>> shorten("Flew with my guitar again", 12), shorten("short", 12)
    ('Flew with m\u2026', 'short')
    """
    if len(text) <= max_chars:
        return text
    return text[: max_chars - 1].rstrip() + "\u2026"


def text_or(value: object, default: str = "") -> str:
    """``value`` as text, ``default`` when it is missing (never ``"None"`` or ``"nan"``).

    Examples
    --------
    >>> text_or(None), text_or(float("nan"), "-"), text_or("yoga"), text_or(3)
    ('', '-', 'yoga', '3')
    """
    return default if missing(value) else str(value)


def p_text(value: float, name: str = "p") -> str:
    """A p-value (or a q-value, ``name="q"``) as a report writes it.

    Examples
    --------
    >>> p_text(0.0004), p_text(0.1612, "q")
    ('p < 0.001', 'q = 0.161')
    """
    return f"{name} < 0.001" if value < 0.001 else f"{name} = {value:.3f}"


def points(rise: float) -> str:
    """A difference of two shares, in signed percentage points (one decimal).

    Examples
    --------
    >>> points(0.004), points(-0.125), points(0.0), points(None)
    ('+0.4 pts', '-12.5 pts', '0.0 pts', '–')
    """
    if missing(rise):
        return "\u2013"
    value = round(100 * float(rise), 1)
    sign = "+" if value > 0 else ("-" if value < 0 else "")
    return f"{sign}{abs(value):.1f} pts"


#: the label of a community no term names (``no named interest #18``: analysis.profiles)
UNNAMED = "no named interest"


def the_community(name: str, capital: bool = False) -> str:
    """A community's name inside a sentence: "the sourdough bakers community".

    A made-up label ("about: bag", "mixed: NBA & hockey", "no named interest #18")
    or a bare number ("community 3") would read as a broken sentence there, so
    it is quoted after the noun instead.

    >>> the_community("sourdough bakers"), the_community("about: bag", capital=True)
    ('the sourdough bakers community', 'The community "about: bag"')
    >>> the_community("community 3"), the_community("no named interest #18")
    ('community 3', 'the community "no named interest #18"')
    """
    if name.startswith("community ") and name[len("community ") :].isdigit():
        out = name
    elif ":" in name or name.startswith(UNNAMED):
        out = f'the community "{name}"'
    else:
        out = f"the {name} community"
    return out[:1].upper() + out[1:] if capital else out
