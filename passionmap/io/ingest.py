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

This module puts the steps together; the layers below it, none of which
imports it: :mod:`~passionmap.io.decoding` and :mod:`~passionmap.io.readers` (bytes
to chunks of records), :mod:`~passionmap.io.columns` (the file's columns),
:mod:`~passionmap.io.values`, :mod:`~passionmap.io.timestamps`,
:mod:`~passionmap.io.channels` and :mod:`~passionmap.io.ids` (cell values cleaned),
:mod:`~passionmap.io.chunks` (one chunk cleaned into comments and rejects),
:mod:`~passionmap.io.loaded` (the resulting tables); :mod:`~passionmap.io.frames`
gives a DataFrame the same treatment.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from ..config import Config, require_config
from ..errors import InputError, PassionmapError
from ..vocab import CHANNEL_ALIASES, CHANNELS
from . import readers
from .channels import normalise_channel
from .chunks import assemble
from .columns import map_columns, need_time
from .dates import window
from .decoding import SAMPLE, choose_encoding, head_text, looks_binary
from .ids import Seen
from .loaded import (
    COMMENT_COLUMNS,
    REJECT_COLUMNS,
    Loaded,
    concat,
    within_dates,
)
from .privacy import read_key
from .readers import Table

__all__ = [
    "CHANNELS",
    "CHANNEL_ALIASES",
    "COMMENT_COLUMNS",
    "REJECT_COLUMNS",
    "Loaded",
    "comments_path",
    "concat",
    "input_size",
    "iter_comments",
    "load_comments",
    "normalise_channel",
]

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


# --------------------------------------------------------------------------- entry point


def load_comments(
    path: str | os.PathLike[str] | pd.DataFrame,
    config: Config = Config(),  # noqa: B008 - frozen, immutable
) -> Loaded:
    """Read a comments file (or a DataFrame) into usable comments and rejected records.

    A DataFrame goes through :func:`passionmap.io.frames.load_frame`: the same columns, checks and
    cleaning as a file.

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
        see :mod:`passionmap.io.privacy`; rejected unparsed lines then lose their
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
        With ``pseudonymize`` and no key (see :func:`passionmap.io.privacy.read_key`).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from passionmap.config import Config
    >>> from passionmap.io.ingest import load_comments
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
    config = require_config(config, "pm.load_comments")
    if isinstance(path, pd.DataFrame):
        from .frames import load_frame  # it builds on this module's cleaning

        return load_frame(path, config)
    comments_path(path, frames=True)  # a list or a Series: one clear line
    return concat(list(iter_comments(path, config)))


def comments_path(path: object, frames: bool = False) -> Path:
    """``path`` as a Path; one clear line when it is no path (a DataFrame, a list ...).

    ``frames``: the caller takes a DataFrame too (:func:`load_comments`).

    >>> comments_path("c.csv").name
    'c.csv'
    >>> comments_path(pd.DataFrame())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    passionmap.errors.PassionmapError: expected the path of a comments file, not a DataFrame; ...
    """
    if isinstance(path, (str, os.PathLike)):
        return Path(path)
    kind = type(path).__name__
    if frames:
        raise PassionmapError(
            f"pm.load_comments takes the path of a comments file or a DataFrame, not a {kind}"
        )
    fix = "pm.analyze(pm.load_comments(df)) analyses a DataFrame"
    if not isinstance(path, pd.DataFrame):
        fix = "pass the path of a CSV, JSON Lines or Parquet file"
    raise PassionmapError(f"expected the path of a comments file, not a {kind}; {fix}")


def input_size(path: str | os.PathLike[str]) -> int:
    """The size of the comments file ``path`` in bytes (0: a folder or glob of parts).

    >>> input_size("no-such-file.csv")
    0
    """
    path = comments_path(path)
    return path.stat().st_size if path.is_file() else 0


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
    >>> from passionmap.io.ingest import iter_comments
    >>> path = Path(tempfile.mkdtemp()) / "c.csv"
    >>> _ = path.write_text("customer_id,text\\n" + "".join(f"c{i},hello {i}\\n" for i in range(5)))
    >>> [len(part.comments) for part in iter_comments(path, chunk_rows=2)]
    [2, 2, 1]
    """
    config = require_config(config, "pm.iter_comments")
    path = comments_path(path)
    size = _check_file(path)
    key = read_key(config.key_file) if config.pseudonymize else None
    seen = Seen()
    table: Table | None = None
    dated = bool(config.since or config.until)
    if dated:
        window(config.since, config.until)  # a bad date stops the run before reading
    for table in _tables(path, size, config, chunk_rows or config.chunk_rows):
        # JSON Lines columns grow as keys appear: a named column is checked at the end
        strict = table.fmt not in ("json", "jsonl")
        mapping = map_columns(table.columns, config, path, strict=strict)
        if dated and strict:
            need_time(mapping, config, path)
        loaded = assemble(table, mapping, config, seen, key)
        if dated:  # chunk by chunk: memory stays bounded
            loaded = within_dates(loaded, config)
        loaded.position = table.position
        yield loaded
    if table is not None:
        mapping = map_columns(table.columns, config, path)  # every key seen: raises on a typo
        if dated:
            need_time(mapping, config, path)


def _check_file(path: Path) -> int:
    """The size of ``path``; raises :class:`InputError` unless it is a readable, non-empty file."""
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


def _detect_format(path: Path, head: bytes) -> str:
    """The format by extension, else ``parquet`` by its magic bytes, else ``sniff``."""
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is not None:
        return fmt
    if head.startswith(b"PAR1"):
        return "parquet"
    return "sniff"


#: first bytes of files analysts hand over that are no text: what to do instead
_PACKED = {
    b"\x1f\x8b": "gzip-compressed; decompress it first (gunzip)",
    b"\xfd7zXZ": "xz-compressed; decompress it first (unxz)",
    b"(\xb5/\xfd": "zstd-compressed; decompress it first (unzstd)",
    b"PK\x03\x04": "a ZIP archive, as an Excel .xlsx workbook is; save the sheet as CSV",
    b"PK\x05\x06": "an empty ZIP archive",
    b"\xd0\xcf\x11\xe0": "an Office file, as an old Excel .xls is; save the sheet as CSV",
    b"%PDF-": "a PDF",
}


def packed(head: bytes) -> str | None:
    r"""What a file whose first bytes are ``head`` is, when it is a known non-text format.

    >>> packed(b"\x1f\x8b\x08\x00"), packed(b"id,text")
    ('gzip-compressed; decompress it first (gunzip)', None)
    """
    if re.match(rb"BZh[1-9]1A", head):  # bzip2: "BZh", the block size, a block's magic
        return "bzip2-compressed; decompress it first (bunzip2)"
    return next((what for magic, what in _PACKED.items() if head.startswith(magic)), None)


def _tables(path: Path, size: int, config: Config, chunk_rows: int) -> Iterator[Table]:
    """The file's chunks of records, in the format its name or first bytes tell."""
    with path.open("rb") as fh:
        magic = fh.read(6)
    what = packed(magic)
    if what is not None:  # "comments.csv.gz", an .xlsx: said as what it is, with the way out
        raise InputError(path, f"not a text file ({what})")
    fmt = _detect_format(path, magic)
    if fmt == "parquet":
        yield from readers.parquet_chunks(path, chunk_rows)
        return
    decoding = choose_encoding(path, config.encoding)
    codec, strip_nul, errors = decoding.codec, decoding.strip_nul, decoding.errors
    head = head_text(path, codec, strip_nul)
    if not head.strip() and size <= SAMPLE:
        raise InputError(path, "empty file (only whitespace)")
    if looks_binary(head):
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
