"""Find the file's columns: the text, customer, id, time, channel and age columns.

Each canonical column has a :class:`~passionmap.config.Config` attribute (and
a command-line option) naming the file's column; :func:`match_column` finds
it by exact name first, then ignoring case and surrounding whitespace.

Examples
--------
>>> from passionmap.config import Config
>>> mapping = map_columns(["User", " Text ", "when"], Config(customer_col="user"), "c.csv")
>>> mapping["text"], mapping["customer_id"], mapping["timestamp"]
(' Text ', 'User', None)
>>> map_columns(["user", "body"], Config(), "c.csv")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
passionmap.errors.InputError: c.csv: no text column 'text' (columns: user, body); map yours ...
"""

from __future__ import annotations

import os
import re

from ..config import Config
from ..errors import InputError

__all__ = ["map_columns", "match_column", "need_time"]

# canonical column -> (Config attribute, command-line option)
_COLUMN_OPTIONS: dict[str, tuple[str, str]] = {
    "text": ("text_col", "--text-col"),
    "customer_id": ("customer_col", "--customer-col"),
    "comment_id": ("id_col", "--id-col"),
    "timestamp": ("time_col", "--time-col"),
    "channel": ("channel_col", "--channel-col"),
    "age": ("age_col", "--age-col"),
}
_REQUIRED = ("text", "customer_id")
_WHAT = {"text": "text", "customer_id": "customer", "comment_id": "comment id",
         "timestamp": "time", "channel": "channel", "age": "age"}  # fmt: skip


def show_columns(columns: list[str], limit: int = 30) -> str:
    r"""The first ``limit`` column names for a message, on one line.

    An empty name is shown as ``""``, one holding a line break or another
    control character quoted and escaped (a quoted header can hold them).

    >>> print(show_columns(["user", "", "bo\ndy"]))
    user, "", 'bo\ndy'
    """
    shown = [
        '""' if c == "" else c if c.isprintable() else repr(c) for c in map(str, columns[:limit])
    ]
    more = f", ... ({len(columns) - limit} more)" if len(columns) > limit else ""
    return ", ".join(shown) + more if shown else "none"


def match_column(wanted: str, columns: list[str]) -> str | None:
    """Exact name first, then case-insensitive and whitespace-stripped.

    ``"Unnamed: N"`` (what pandas calls an unnamed column) also matches an empty
    header at position N.
    """
    if wanted in columns:
        return wanted
    key = wanted.strip().casefold()
    for col in columns:
        if col.strip().casefold() == key:
            return col
    m = re.fullmatch(r"unnamed: ?(\d+)", key)
    if m and int(m.group(1)) < len(columns) and columns[int(m.group(1))].strip() == "":
        return columns[int(m.group(1))]
    return None


def map_columns(
    columns: list[str],
    config: Config,
    path: str | os.PathLike[str],
    strict: bool = True,
    api: bool = False,
) -> dict[str, str | None]:
    """The file's column for each canonical one (None: not there).

    The text and customer columns must be there. An optional column must be
    there too when ``config`` names it (a name other than the default, such
    as ``time_col="tweet_created"``): a typo is an error, never a column
    silently left out. ``strict=False`` skips that check (JSON Lines chunks,
    whose columns are only known once every record is read). ``api``: the
    message names the setting (``text_col=``), not the command-line option.
    """
    default = Config()
    mapping: dict[str, str | None] = {}
    for canon, (attr, option) in _COLUMN_OPTIONS.items():
        wanted = getattr(config, attr)
        found = match_column(wanted, columns) if wanted is not None else None
        mapped = wanted is not None and wanted != getattr(default, attr)
        if canon == "channel" and config.channel:
            mapped = False  # one channel for the whole file: the column is not read
        if found is None and (canon in _REQUIRED or (strict and mapped)):
            advice = "map yours with" if canon in _REQUIRED and not mapped else "check"
            raise InputError(
                path,
                f"no {_WHAT[canon]} column {wanted!r} (columns: {show_columns(columns)}); "
                f"{advice} {f'{attr}=' if api else option}",
            )
        mapping[canon] = found
    if config.channel:
        mapping["channel"] = None
    return mapping


def need_time(mapping: dict[str, str | None], config: Config, path: str | os.PathLike[str]) -> None:
    """Raise unless ``mapping`` found a time column (``--since``/``--until`` need one)."""
    if mapping.get("timestamp") is None:
        raise InputError(
            path,
            f"--since/--until need timestamps, and there is no time column "
            f"{config.time_col!r}; map yours with --time-col",
        )
