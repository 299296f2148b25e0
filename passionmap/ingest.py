"""Read a comments file (CSV/TSV, JSON Lines, Parquet) into tidy, checked tables.

Every record ends up in exactly one of two tables: ``comments`` (usable) or
``rejects`` (unusable, with the reason), so that
``rows_read == rows_used + rows_rejected`` always holds. Bad optional fields
(timestamp, age) become null and are counted; the record is kept. A file that
cannot be read at all raises :class:`~passionmap.errors.InputError` with one
clear line.

Record numbers are 1-based and count data records only: the CSV header and
blank lines (in CSV and in JSON Lines) are not records. A quoted CSV field may
span several lines; the record still counts once.
"""

from __future__ import annotations

import html
import json
import os
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd

try:
    from pandas.tseries.api import guess_datetime_format
except ImportError:  # pandas < 2.2 (pyproject allows 2.0): the same function, not public yet
    from pandas._libs.tslibs.parsing import guess_datetime_format

from . import readers
from .config import Config
from .dates import outside_reasons, window
from .errors import InputError, PassionmapError
from .generation import generations
from .privacy import pseudonym, read_key
from .readers import REJECT_TEXT_CHARS, SAMPLE, Table

__all__ = [
    "CHANNELS",
    "CHANNEL_ALIASES",
    "COMMENT_COLUMNS",
    "REJECT_COLUMNS",
    "Loaded",
    "concat",
    "iter_comments",
    "load_comments",
    "normalise_channel",
]

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

#: Columns of :attr:`Loaded.comments`, in order.
COMMENT_COLUMNS: list[str] = [
    "record",
    "comment_id",
    "customer_id",
    "text",
    "channel",
    "timestamp",
    "age",
    "generation",
    "week",
]

#: Columns of :attr:`Loaded.rejects`, in order.
REJECT_COLUMNS: list[str] = ["record", "comment_id", "reason", "text"]

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
_SUFFIXES = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".txt": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".parquet": "parquet",
    ".pq": "parquet",
}
# control characters that do not occur in text (tab, newlines, form feed excluded)
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_BINARY_SHARE = 0.05  # more control characters than this share: not text
# lone UTF-16 surrogates (JSON `\ud83d` without its pair) cannot be written as UTF-8
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
# a plausible written date: 3 numeric parts, or a 4-digit year somewhere
_DATE_LIKE_RE = re.compile(r"\d{1,4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,4}|(?<!\d)\d{4}(?!\d)")
_TS_MIN = pd.Timestamp("1678-01-01")  # datetime64[ns] range, rounded inwards
_TS_MAX = pd.Timestamp("2261-12-31")


@dataclass
class Loaded:
    """The result of :func:`load_comments`.

    Attributes
    ----------
    comments : pandas.DataFrame
        Usable comments, one row per record, columns :data:`COMMENT_COLUMNS`.
    rejects : pandas.DataFrame
        Unusable records with the reason, columns :data:`REJECT_COLUMNS`.
    stats : dict
        Counts for ``summary.json``: rows_read, rows_used, rows_rejected,
        bad_timestamps, bad_ages, duplicate_ids, truncated_texts,
        invalid_utf8_bytes (bytes read as U+FFFD), encoding, format and columns
        (canonical name -> the file's column, or None).
    """

    comments: pd.DataFrame
    rejects: pd.DataFrame
    stats: dict = field(default_factory=dict)
    position: int = 0  # bytes of the file read so far (iter_comments progress)

    def head(self, n: int = 5) -> pd.DataFrame:
        """First ``n`` usable comments (``comments.head(n)``)."""
        return self.comments.head(n)

    def __repr__(self) -> str:
        s = self.stats
        return (
            f"Loaded(rows_read={s.get('rows_read')}, rows_used={s.get('rows_used')}, "
            f"rows_rejected={s.get('rows_rejected')}, format={s.get('format')!r}, "
            f"encoding={s.get('encoding')!r})"
        )


# --------------------------------------------------------------------------- channels


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
    >>> from passionmap.ingest import normalise_channel
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


# --------------------------------------------------------------------------- helpers


def _to_str(value) -> str | None:
    """A cell as a string (ints stay ints: 12, not 12.0); None when missing."""
    if value is None:
        return None
    if isinstance(value, str):
        return _SURROGATE_RE.sub("\ufffd", value) if _SURROGATE_RE.search(value) else value
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, np.ndarray):
        return json.dumps(value.tolist(), ensure_ascii=False, default=str)
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, np.generic):
        return str(value.item())
    return str(value)


def _show_columns(columns: list[str], limit: int = 30) -> str:
    shown = ['""' if c == "" else c for c in columns[:limit]]
    more = f", ... ({len(columns) - limit} more)" if len(columns) > limit else ""
    return ", ".join(shown) + more if shown else "none"


def _match_column(wanted: str, columns: list[str]) -> str | None:
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


def _map_columns(
    columns: list[str], config: Config, path, strict: bool = True
) -> dict[str, str | None]:
    """The file's column for each canonical one (None: not there).

    The text and customer columns must be there. An optional column must be
    there too when ``config`` names it (a name other than the default, such
    as ``time_col="tweet_created"``): a typo is an error, never a column
    silently left out. ``strict=False`` skips that check (JSON Lines chunks,
    whose columns are only known once every record is read).
    """
    default = Config()
    mapping: dict[str, str | None] = {}
    for canon, (attr, option) in _COLUMN_OPTIONS.items():
        wanted = getattr(config, attr)
        found = _match_column(wanted, columns) if wanted is not None else None
        mapped = wanted is not None and wanted != getattr(default, attr)
        if canon == "channel" and config.channel:
            mapped = False  # one channel for the whole file: the column is not read
        if found is None and (canon in _REQUIRED or (strict and mapped)):
            advice = "map yours with" if canon in _REQUIRED and not mapped else "check"
            raise InputError(
                path,
                f"no {_WHAT[canon]} column {wanted!r} (columns: {_show_columns(columns)}); "
                f"{advice} {option}",
            )
        mapping[canon] = found
    if config.channel:
        mapping["channel"] = None
    return mapping


# --------------------------------------------------------------------------- decoding


def _looks_binary(text: str) -> bool:
    sample = text[:SAMPLE]
    if not sample:
        return False
    return len(_CONTROL_RE.findall(sample)) > _BINARY_SHARE * len(sample)


# --------------------------------------------------------------------------- cleaning


def _strings(values) -> pd.Series:
    """Values as an object Series of str or None."""
    if isinstance(values, pd.Series):
        values = values.tolist()
    return pd.Series([_to_str(v) for v in values], dtype=object)


def _clean_text(series: pd.Series) -> pd.Series:
    def clean(value):
        if value is None:
            return ""
        if "&" in value:
            value = html.unescape(value)
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return value.strip()

    return series.map(clean).astype(object)


def _stripped(values) -> pd.Series:
    """Values as an object Series of stripped, non-empty str or None."""
    return _strings(values).map(lambda v: (v.strip() or None) if v is not None else None)


def _parse_timestamps(values, dayfirst: bool) -> tuple[pd.Series, int]:
    """Parse to naive-UTC datetime64[ns]; returns (timestamps, number of bad values)."""
    if isinstance(values, pd.Series) and pd.api.types.is_datetime64_any_dtype(values.dtype):
        parsed = values.reset_index(drop=True)
        if parsed.dt.tz is None:
            parsed = parsed.dt.tz_localize("UTC")
        parsed = parsed.dt.tz_convert("UTC").dt.as_unit("us")
        present = parsed.notna()
    else:
        text = _stripped(values)
        present = text.notna()
        parsed = pd.Series(pd.NaT, index=text.index, dtype="datetime64[us, UTC]")
        if present.any():
            parsed = _to_utc(text[present], format="ISO8601").reindex(text.index)
        todo = present & parsed.isna()
        if todo.any():
            rest = text[todo]
            # dateutil accepts nearly anything ("March", "5"): ask for a date shape
            rest = rest[rest.map(lambda v: bool(_DATE_LIKE_RE.search(v)) and not v.isdigit())]
            if len(rest):
                fmt = _guess_format(rest.iloc[0], dayfirst)
                if fmt:  # one format for the lot: fast, vectorised
                    got = _to_utc(rest, format=fmt)
                    parsed.loc[got.index] = got
                    rest = rest[got.isna()]
                if len(rest):  # the rest one by one
                    got = _to_utc(rest, format="mixed", dayfirst=dayfirst)
                    parsed.loc[got.index] = got
    parsed = parsed.dt.tz_localize(None)
    parsed = parsed.where((parsed >= _TS_MIN) & (parsed <= _TS_MAX))
    parsed = parsed.astype("datetime64[ns]").reset_index(drop=True)
    bad = int((present.to_numpy() & parsed.isna().to_numpy()).sum())
    return parsed, bad


def _guess_format(value: str, dayfirst: bool) -> str | None:
    """A strftime format for ``value`` that respects the day/month order asked for.

    pandas' own guesser (``pandas.tseries.api.guess_datetime_format``), kept in
    front of ``format="mixed"`` for speed: on 1M ``24-02-2015 11:35`` strings
    one guessed format parses in 7.5 s, ``pd.to_datetime(format="mixed",
    dayfirst=True)`` takes 76 s for the same values. ISO needs no guess:
    ``format="ISO8601"`` goes first (0.4 s for 1M).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fmt = guess_datetime_format(value, dayfirst=dayfirst)
    if fmt and "%d" in fmt and "%m" in fmt:
        if (fmt.index("%d") < fmt.index("%m")) != dayfirst and "%Y" not in fmt[:3]:
            return None  # e.g. 24-02-2015 without --dayfirst: parse row by row
    return fmt


def _to_utc(values: pd.Series, **kwargs) -> pd.Series:
    """pd.to_datetime to UTC (microseconds), NaT where it fails."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            got = pd.to_datetime(values, errors="coerce", utc=True, **kwargs)
        except (ValueError, TypeError, OverflowError):
            got = pd.to_datetime(values, errors="coerce", utc=True, format="mixed")
    return pd.Series(got, index=values.index).dt.as_unit("us")


def _parse_ages(values) -> tuple[pd.Series, int]:
    if isinstance(values, pd.Series) and pd.api.types.is_numeric_dtype(values.dtype):
        raw = values.reset_index(drop=True)
        present = raw.notna()
        ages = pd.to_numeric(raw, errors="coerce").astype("float64")
    else:
        text = _stripped(values)
        present = text.notna()
        ages = pd.to_numeric(text, errors="coerce").astype("float64")
    ok = (ages > 0) & (ages < 120)
    ages = ages.where(ok)
    bad = int((present.to_numpy() & ages.isna().to_numpy()).sum())
    return ages.reset_index(drop=True), bad


def derived_columns(ts: pd.Series, age: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``generation`` (from age and the comment's year, else this year) and ISO ``week``."""
    this_year = datetime.now(timezone.utc).year
    year = ts.dt.year.astype("float64").fillna(this_year)
    return generations(age, year).astype(object), _iso_weeks(ts)


def _iso_weeks(ts: pd.Series) -> pd.Series:
    out = np.full(len(ts), None, dtype=object)
    known = ts.notna().to_numpy()
    if known.any():
        iso = ts[known].dt.isocalendar()
        names: dict[tuple[int, int], str] = {}  # one string per week, shared by its rows
        out[known] = [
            names.get((y, w)) or names.setdefault((y, w), f"{y}-W{w:02d}")
            for y, w in zip(iso["year"], iso["week"], strict=True)
        ]
    return pd.Series(out, index=ts.index, dtype=object)


def _unique_ids(ids: pd.Series, seen=None) -> tuple[pd.Series, int]:
    """Suffix repeated ids with #2, #3, ... in record order; returns (ids, count).

    ``seen`` (the ids of earlier chunks, and the suffix counters) carries the
    numbering across the chunks of one file; it is updated.
    """
    counters: dict[str, int] = seen.counters if seen is not None else {}
    dup = ids.duplicated(keep="first").to_numpy().copy()
    if seen is not None:
        dup |= seen.taken(ids.tolist())
    n = int(dup.sum())
    out = ids.tolist()
    local = set(out)
    for i in np.flatnonzero(dup):
        base = out[i]
        k = counters.get(base, 1)
        while True:
            k += 1
            candidate = f"{base}#{k}"
            if candidate not in local and not (seen is not None and seen.taken([candidate])[0]):
                break
        counters[base] = k
        local.add(candidate)
        out[i] = candidate
    if seen is not None:
        seen.add(out)
    if not n:
        return ids, 0
    return pd.Series(out, index=ids.index, dtype=object), n


def _ids(values: pd.Series) -> pd.Series:
    """Ids as pandas' ``str`` dtype: with pandas 3, one Arrow buffer, not an object per row.

    A big file keeps millions of ids while its text streams past; as Python
    objects they would pin the memory of every chunk read (pandas 2: objects).
    """
    return values.astype("str")


def _empty_comments() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "record": pd.Series([], dtype="int64"),
            "comment_id": pd.Series([], dtype="str"),
            "customer_id": pd.Series([], dtype="str"),
            "text": pd.Series([], dtype=object),
            "channel": pd.Series([], dtype=object),
            "timestamp": pd.Series([], dtype="datetime64[ns]"),
            "age": pd.Series([], dtype="float64"),
            "generation": pd.Series([], dtype=object),
            "week": pd.Series([], dtype=object),
        }
    )


def _rejects_frame(rows: list[dict]) -> pd.DataFrame:
    rows = sorted(rows, key=lambda r: r["record"])
    return pd.DataFrame(
        {
            "record": pd.Series([r["record"] for r in rows], dtype="int64"),
            "comment_id": pd.Series([str(r["comment_id"]) for r in rows], dtype=object),
            "reason": pd.Series([r["reason"] for r in rows], dtype=object),
            "text": pd.Series([(r["text"] or "")[:REJECT_TEXT_CHARS] for r in rows], dtype=object),
        },
        columns=REJECT_COLUMNS,
    )


# --------------------------------------------------------------------------- entry point


def _detect_format(path: Path, head: bytes) -> str:
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is not None:
        return fmt
    if head.startswith(b"PAR1"):
        return "parquet"
    return "sniff"


def load_comments(
    path: str | os.PathLike[str],
    config: Config = Config(),  # noqa: B008 - frozen, immutable
) -> Loaded:
    """Read a comments file into usable comments and rejected records.

    The format follows the extension: ``.csv``/``.txt`` (comma; a tab, semicolon
    or pipe separated header is detected), ``.tsv``, ``.jsonl``/``.ndjson``/
    ``.json`` (JSON Lines; a ``.json`` file holding one array of objects works
    too) and ``.parquet``/``.pq``. Other extensions are sniffed: Parquet magic
    bytes, else JSON Lines when the text starts with ``{``, else CSV.

    Text files are decoded with ``config.encoding`` when given, else by BOM
    (UTF-8, UTF-16, UTF-32), else as UTF-8, else as UTF-8 with its few
    invalid bytes replaced by U+FFFD when the file is mostly UTF-8 (counted
    in ``stats["invalid_utf8_bytes"]``), else with charset_normalizer's best
    guess, else Latin-1. Record numbers are 1-based and count data records:
    the CSV header and blank lines are not records.

    Columns are found by the names in ``config`` (``text_col``,
    ``customer_col``, ``id_col``, ``time_col``, ``channel_col``, ``age_col``):
    exact name first, then ignoring case and surrounding whitespace. The text
    and customer columns are required; the others are optional.

    Parameters
    ----------
    path : str or os.PathLike
        The file to read.
    config : Config, optional
        Column mapping, constant channel, ``dayfirst``, ``encoding``,
        ``max_chars`` and ``pseudonymize`` (customer ids become keyed hashes,
        see :mod:`passionmap.privacy`; rejected unparsed lines then lose their
        raw text, which holds the real id).

    Returns
    -------
    Loaded
        ``comments`` (record, comment_id, customer_id, text, channel,
        timestamp, age, generation, week), ``rejects`` (record, comment_id,
        reason, text) and ``stats``. ``rows_read == rows_used + rows_rejected``.

    Raises
    ------
    InputError
        When the file cannot be read at all: missing, a directory, empty,
        header only, not text, unreadable Parquet, or without the text or
        customer column.
    PassionmapError
        With ``pseudonymize`` and no key (see :func:`passionmap.privacy.read_key`).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from passionmap.config import Config
    >>> from passionmap.ingest import load_comments
    >>> path = Path(tempfile.mkdtemp()) / "comments.csv"
    >>> _ = path.write_text(
    ...     "user,text,when\\n"
    ...     "ann,Sourdough &amp; hiking all weekend,24-02-2015 11:35\\n"
    ...     "bob,,25-02-2015 09:00\\n"
    ... )
    >>> loaded = load_comments(path, Config(customer_col="user", time_col="when",
    ...                                     channel="twitter", dayfirst=True))
    >>> loaded.comments[["comment_id", "customer_id", "text", "channel", "week"]].values.tolist()
    [['1', 'ann', 'Sourdough & hiking all weekend', 'twitter', '2015-W09']]
    >>> loaded.rejects[["record", "reason"]].values.tolist()
    [[2, 'empty text']]
    >>> loaded.stats["rows_read"], loaded.stats["rows_used"], loaded.stats["rows_rejected"]
    (2, 1, 1)
    """
    return concat(list(iter_comments(path, config)))


def iter_comments(
    path: str | os.PathLike[str],
    config: Config = Config(),  # noqa: B008 - frozen, immutable
    chunk_rows: int | None = None,
) -> Iterator[Loaded]:
    """Read a comments file chunk by chunk, in bounded memory.

    Yields one :class:`Loaded` per chunk of at most ``chunk_rows`` records
    (default ``config.chunk_rows``), cleaned exactly as :func:`load_comments`
    cleans the whole file; record numbers run on across chunks, and a comment
    id repeated in a later chunk still gets its ``#2``. Only the chunk being
    read is in memory, so a file of any size can be processed: extract each
    chunk's mentions, keep what you need, let the text go.
    :func:`load_comments` is ``concat(list(iter_comments(path, config)))``.

    A file that cannot be read at all raises :class:`InputError` before the
    first chunk, except faults found only further on (no JSON object in the
    whole file, a file that changed while read), which raise when reached.

    Parameters
    ----------
    path : str or os.PathLike
    config : Config, optional
    chunk_rows : int, optional
        Records per chunk; None: ``config.chunk_rows``.

    Yields
    ------
    Loaded
        ``comments``, ``rejects`` and ``stats`` of the chunk;
        ``position`` is how far into the file (bytes) reading has got.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from passionmap.ingest import iter_comments
    >>> path = Path(tempfile.mkdtemp()) / "c.csv"
    >>> _ = path.write_text("customer_id,text\\n" + "".join(f"c{i},hello {i}\\n" for i in range(5)))
    >>> [len(part.comments) for part in iter_comments(path, chunk_rows=2)]
    [2, 2, 1]
    """
    path = Path(path)
    size = _check_file(path)
    key = read_key(config.key_file) if config.pseudonymize else None
    seen = _Seen()
    table = None
    dated = bool(config.since or config.until)
    if dated:
        window(config.since, config.until)  # a bad date stops the run before reading
    for table in _tables(path, size, config, chunk_rows or config.chunk_rows):
        # JSON Lines columns grow as keys appear: a named column is checked at the end
        strict = table.fmt not in ("json", "jsonl")
        mapping = _map_columns(table.columns, config, path, strict=strict)
        if dated and strict:
            _need_time(mapping, config, path)
        loaded = _assemble(table, mapping, config, seen, key)
        if dated:  # chunk by chunk: memory stays bounded
            loaded = within_dates(loaded, config)
        loaded.position = table.position
        yield loaded
    if table is not None:
        mapping = _map_columns(table.columns, config, path)  # every key seen: raises on a typo
        if dated:
            _need_time(mapping, config, path)


def _need_time(mapping: dict, config: Config, path) -> None:
    if mapping.get("timestamp") is None:
        raise InputError(
            path,
            f"--since/--until need timestamps, and there is no time column "
            f"{config.time_col!r}; map yours with --time-col",
        )


def within_dates(loaded: Loaded, config: Config) -> Loaded:
    """The comments inside ``config.since``/``config.until``; the others become rejects.

    Each comment left out goes to ``rejects`` with its reason (``before --since
    2015-02-20``, ``after --until ...``, or ``no timestamp (--since/--until
    given)``) and no text: it is a good record, only outside the dates, and a
    long file cut to one week keeps its rejects small. ``stats`` counts them
    in ``rows_outside_dates`` (part of ``rows_rejected``), so
    ``rows_read == rows_used + rows_rejected`` still holds.
    """
    loaded.stats.setdefault("rows_outside_dates", 0)
    c = loaded.comments
    if not (config.since or config.until) or c.empty:
        return loaded
    reasons = outside_reasons(c["timestamp"], config.since, config.until)
    out = reasons.notna().to_numpy()
    n = int(out.sum())
    if not n:
        return loaded
    left = pd.DataFrame(
        {
            "record": c["record"].to_numpy()[out].astype("int64"),
            "comment_id": c["comment_id"].to_numpy()[out].astype(object),
            "reason": reasons.to_numpy()[out],
            "text": "",
        },
        columns=REJECT_COLUMNS,
    )
    rejects = [r for r in (loaded.rejects, left) if len(r)]
    rejects = pd.concat(rejects, ignore_index=True) if len(rejects) > 1 else rejects[0]
    rejects = rejects.sort_values("record", kind="stable").reset_index(drop=True)
    stats = {
        **loaded.stats,
        "rows_used": loaded.stats["rows_used"] - n,
        "rows_rejected": loaded.stats["rows_rejected"] + n,
        "rows_outside_dates": loaded.stats["rows_outside_dates"] + n,
    }
    comments = c.iloc[np.flatnonzero(~out)].reset_index(drop=True)
    return Loaded(comments, rejects, stats, position=loaded.position)


def concat(parts: list[Loaded]) -> Loaded:
    """Join the chunks of :func:`iter_comments` into one :class:`Loaded`."""
    if not parts:
        raise PassionmapError("nothing to join: no chunks")
    comments = [p.comments for p in parts if len(p.comments)]
    rejects = [p.rejects for p in parts if len(p.rejects)]
    stats = dict(parts[-1].stats)
    for name, value in stats.items():
        if isinstance(value, int) and not isinstance(value, bool):
            stats[name] = sum(p.stats.get(name, 0) for p in parts)
    return Loaded(
        pd.concat(comments, ignore_index=True)
        if len(comments) > 1
        else (comments[0] if comments else _empty_comments()),
        pd.concat(rejects, ignore_index=True)
        if len(rejects) > 1
        else (rejects[0] if rejects else _rejects_frame([])),
        stats,
        position=parts[-1].position,
    )


def _check_file(path: Path) -> int:
    if not path.exists():
        raise InputError(path, "file does not exist")
    if path.is_dir():
        raise InputError(path, "is a directory, not a file")
    try:
        with path.open("rb"):
            pass
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror or exc})") from None
    if size == 0:
        raise InputError(path, "empty file (0 bytes)")
    return size


def _tables(path: Path, size: int, config: Config, chunk_rows: int):
    with path.open("rb") as fh:
        magic = fh.read(4)
    fmt = _detect_format(path, magic)
    if fmt == "parquet":
        yield from readers.parquet_chunks(path, chunk_rows)
        return
    decoding = readers.choose_encoding(path, config.encoding)
    codec, strip_nul, errors = decoding.codec, decoding.strip_nul, decoding.errors
    head = readers.head_text(path, codec, strip_nul)
    if not head.strip() and size <= SAMPLE:
        raise InputError(path, "empty file (only whitespace)")
    if _looks_binary(head):
        raise InputError(path, "not a text file (binary data)")
    if fmt == "sniff":
        fmt = "jsonl" if head.lstrip().startswith("{") else "txt"
    if fmt in ("jsonl", "json"):
        chunks = readers.json_chunks(path, codec, strip_nul, fmt, chunk_rows, errors)
    else:
        sep = "\t" if fmt == "tsv" else ","
        chunks = readers.delimited_chunks(path, codec, strip_nul, sep, fmt, chunk_rows, errors)
    for i, table in enumerate(chunks):
        table.invalid_bytes = decoding.invalid_bytes if i == 0 else 0  # counted once
        yield table


@dataclass
class _Seen:
    """What one chunk must know of the chunks before it: comment ids taken, customers."""

    # 64-bit hashes of the ids taken, sorted: 8 bytes an id instead of a str in a set
    hashes: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint64))
    counters: dict = field(default_factory=dict)
    customers: dict = field(default_factory=dict)  # one string per customer, shared by its rows

    def taken(self, ids: list[str]) -> np.ndarray:
        """Which ``ids`` an earlier chunk has (a 64-bit hash match)."""
        if not len(self.hashes) or not ids:
            return np.zeros(len(ids), dtype=bool)
        h = pd.util.hash_array(np.asarray(ids, dtype=object))
        pos = np.searchsorted(self.hashes, h).clip(max=len(self.hashes) - 1)
        return self.hashes[pos] == h

    def add(self, ids: list[str]) -> None:
        self.hashes = np.union1d(self.hashes, pd.util.hash_array(np.asarray(ids, dtype=object)))

    def customer(self, value: str | None) -> str:
        """The stripped id ("" when missing), the same str object on every row."""
        value = value.strip() if value is not None else ""
        return self.customers.setdefault(value, value) if value else ""


def _assemble(
    table: Table, mapping: dict[str, str | None], config: Config, seen: _Seen, key: bytes | None
) -> Loaded:
    n = len(table.records)
    records = pd.Series(table.records, dtype="int64")

    def column(canon: str):
        src = mapping.get(canon)
        return table.getter(src) if src is not None else [None] * n

    text = _clean_text(_strings(column("text")))
    customer = _strings(column("customer_id")).map(seen.customer, na_action=None)
    ids = _strings(column("comment_id")).map(lambda v: v.strip() if v is not None else "")
    ids = ids.where(ids != "", records.astype(str)).astype(object)

    no_text = text == ""
    no_customer = customer == ""
    reject_mask = no_text | no_customer
    rejects = list(table.rejects)
    if key is not None:  # before anything else sees the ids
        # an unparsed record's raw line holds the real id: keep its number and reason only
        rejects = [{**r, "text": ""} for r in rejects]
        hashed: dict[str, str] = {}
        customer = customer.map(
            lambda v: (hashed.get(v) or hashed.setdefault(v, pseudonym(v, key))) if v else v
        )
    for i in np.flatnonzero(reject_mask.to_numpy()):
        rejects.append(
            {
                "record": int(records.iloc[i]),
                "comment_id": ids.iloc[i],
                "reason": "empty text" if no_text.iloc[i] else "no customer id",
                "text": text.iloc[i],
            }
        )
    keep = ~reject_mask.to_numpy()
    rows_used = int(keep.sum())
    stats = {
        "rows_read": n + len(table.rejects),
        "rows_used": rows_used,
        "rows_rejected": len(rejects),
        "bad_timestamps": 0,
        "bad_ages": 0,
        "duplicate_ids": 0,
        "truncated_texts": 0,
        "invalid_utf8_bytes": table.invalid_bytes,
        "encoding": table.encoding,
        "format": table.fmt,
        "columns": dict(mapping),
    }
    if rows_used == 0:
        return Loaded(_empty_comments(), _rejects_frame(rejects), stats)

    def kept(values):
        if isinstance(values, pd.Series):
            return values.iloc[np.flatnonzero(keep)].reset_index(drop=True)
        return [v for v, k in zip(values, keep, strict=True) if k]

    out_records = records[keep].reset_index(drop=True)
    out_text = text[keep].reset_index(drop=True)
    if config.max_chars and config.max_chars > 0:
        long = out_text.str.len() > config.max_chars
        stats["truncated_texts"] = int(long.sum())
        if long.any():
            out_text[long] = out_text[long].str.slice(0, config.max_chars)
    out_ids = ids[keep].reset_index(drop=True)
    if mapping["comment_id"] is not None:  # record numbers are unique already
        out_ids, stats["duplicate_ids"] = _unique_ids(out_ids, seen)

    if config.channel:
        channel = pd.Series([normalise_channel(config.channel)] * rows_used, dtype=object)
    elif mapping["channel"] is not None:
        cache: dict = {}
        channel = pd.Series(
            [
                cache[v] if v in cache else cache.setdefault(v, normalise_channel(v))
                for v in _strings(kept(column("channel")))
            ],
            dtype=object,
        )
    else:
        channel = pd.Series(["unknown"] * rows_used, dtype=object)

    if mapping["timestamp"] is not None:
        ts, stats["bad_timestamps"] = _parse_timestamps(kept(column("timestamp")), config.dayfirst)
    else:
        ts = pd.Series(pd.NaT, index=range(rows_used), dtype="datetime64[ns]")
    if mapping["age"] is not None:
        age, stats["bad_ages"] = _parse_ages(kept(column("age")))
    else:
        age = pd.Series(np.nan, index=range(rows_used), dtype="float64")
    generation, week = derived_columns(ts, age)
    comments = pd.DataFrame(
        {
            "record": out_records.astype("int64"),
            "comment_id": _ids(out_ids),
            "customer_id": _ids(customer[keep].reset_index(drop=True)),
            "text": out_text.astype(object),
            "channel": channel,
            "timestamp": ts,
            "age": age,
            "generation": generation,
            "week": week,
        },
        columns=COMMENT_COLUMNS,
    )
    return Loaded(comments, _rejects_frame(rejects), stats)
