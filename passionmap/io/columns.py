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
from typing import TYPE_CHECKING

from ..config import Config
from ..errors import InputError, PassionmapError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["map_columns", "match_column", "need_time", "require_columns"]

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


#: how to get each table a public function takes: the end of its error messages
FIXES = {
    "comments": "pm.load_comments(df).comments maps a raw frame's columns "
    "(name yours with Config(text_col=..., customer_col=...))",
    "mentions": "pass the mentions pm.extract returns",
    "words": "pass the words pm.split_words returns",
    "customers": "pass the customers table of pm.profile",
}
#: how to get rows without a missing value (``filled`` of :func:`require_columns`)
FILL_FIXES = {"comments": "pm.load_comments(df) sets such rows aside in its rejects"}


def require_columns(frame: object, needed: tuple[str, ...], where: str, what: str = "comments",
                    filled: tuple[str, ...] = ()) -> pd.DataFrame:  # fmt: skip
    """``frame``, when it is a DataFrame with every column of ``needed``; else one clear line.

    The check at the top of a public function (``where``: ``"pm.extract"``): a
    raw or wrong table raises :class:`~passionmap.errors.PassionmapError`
    naming what is wrong (not a DataFrame; the missing columns; rows with no
    value in a column of ``filled``) and how to get the right ``what``
    (:data:`FIXES`), never a KeyError from inside pandas.

    Examples
    --------
    >>> import pandas as pd
    >>> require_columns(pd.DataFrame({"text": ["hi"]}), ("customer_id", "text"), "pm.extract")
    Traceback (most recent call last):
    ...
    passionmap.errors.PassionmapError: pm.extract: the comments have no column customer_id \
(columns: text); pm.load_comments(df).comments maps a raw frame's columns ...
    """
    import pandas as pd

    fix = FIXES.get(what, f"pass the {what} table")
    if not isinstance(frame, pd.DataFrame):
        kind = type(frame).__name__
        if hasattr(frame, "comments") and hasattr(frame, "rejects"):  # what load_comments returns
            fix = "pass its .comments"
        elif isinstance(frame, (str, os.PathLike)) and what == "comments":
            fix = "to read a file, use pm.load_comments(path) or pm.run(path)"
        raise PassionmapError(f"{where}: the {what} must be a DataFrame, not a {kind}; {fix}")
    columns = [str(c) for c in frame.columns]
    missing = [c for c in needed if c not in columns]
    if missing:
        raise PassionmapError(
            f"{where}: the {what} have no column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)} (columns: {show_columns(columns)}); {fix}"
        )
    for col in filled:
        empty = frame[col].isna().to_numpy()
        if empty.any():
            first = frame.index[empty.argmax()]
            raise PassionmapError(
                f"{where}: {int(empty.sum())} of {len(frame)} rows of the {what} have no {col} "
                f"(the first: row {first!r}); {FILL_FIXES.get(what, 'drop or fill them')}"
            )
    return frame
