"""Stream a comments file in chunks of records, in bounded memory.

The text formats are decoded as they are read: the file is checked once for
its encoding (a streaming pass that holds one block at a time), then parsed
record by record, and handed on in :class:`Table` chunks of at most
``chunk_rows`` records and about :data:`CHUNK_BYTES` of the file, whichever
comes first (so that long comments do not make a chunk big). Parquet is read
by record batches. Only a JSON file holding one array (``[{...}, ...]``) is
read whole; JSON Lines is the format for big files.

:mod:`passionmap.ingest` cleans each chunk; nothing here knows the column
mapping.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple

from .errors import InputError, first_line

BLOCK = 1 << 20  # bytes read at a time
SAMPLE = 1 << 16  # bytes looked at to guess the encoding and the format
DETECT_MAX = 8 << 20  # charset detection looks at no more than this
CHUNK_BYTES = 32 << 20  # and at most about this much of the file per chunk (long texts)
REJECT_TEXT_CHARS = 200  # rejects.csv keeps the start of a rejected record
# The BOMs as charset_normalizer knows them (its ENCODING_MARKS are these codecs
# constants); utf-32 first: its LE BOM starts with utf-16's. Checked here, before
# charset_normalizer, because it reads the whole file: 0.30 s against 0.05 s for
# a 50 MB UTF-8-sig file, 0.35 s against 0.07 s for UTF-16 (same answers).
_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_UTF16 = {"utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be"}
_STRAY_NUL_SHARE = 0.001  # fewer NUL bytes than this share (no UTF-16): removed, not fatal
_ESCAPED_RE = re.compile("[\udc80-\udcff]")  # a byte UTF-8 could not decode (surrogateescape)
_NON_ASCII_RE = re.compile("[^\x00-\x7f]")


@dataclass
class Table:
    """A chunk of records read from a file, before cleaning.

    ``records`` are the 1-based record numbers of the rows ``getter`` returns;
    ``rejects`` the records of this chunk that could not be parsed;
    ``position`` how far into the file (bytes) the reader has got.
    """

    columns: list[str]
    records: list[int]
    rejects: list[dict]
    fmt: str
    encoding: str | None
    getter: Callable[[str], Sequence] | None = None  # file column -> one value per row
    position: int = 0
    invalid_bytes: int = 0  # bytes replaced by U+FFFD (the whole file's, on its first chunk)


class Decoding(NamedTuple):
    """How to decode a text file: what :func:`choose_encoding` found.

    ``invalid_bytes`` is the number of bytes of a mostly UTF-8 file that are
    not UTF-8; they are read as U+FFFD (``errors`` is then ``"replace"``).
    """

    codec: str
    strip_nul: bool = False
    invalid_bytes: int = 0

    @property
    def errors(self) -> str:
        return "replace" if self.invalid_bytes else "strict"


def _reject(n: int, reason: str, text: str) -> dict:
    return {"record": n, "comment_id": str(n), "reason": reason, "text": text[:REJECT_TEXT_CHARS]}


# --------------------------------------------------------------------------- encoding


class _NoNul(io.RawIOBase):
    """A binary file with its NUL bytes removed (stray NULs in a text export)."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:
        while True:
            data = self._fh.read(len(buffer))
            if not data:
                return 0
            data = data.replace(b"\x00", b"")
            if data:
                buffer[: len(data)] = data
                return len(data)

    def tell(self) -> int:
        return self._fh.tell()

    def close(self) -> None:
        self._fh.close()
        super().close()


def _blocks(path: Path, strip_nul: bool) -> Iterator[bytes]:
    with path.open("rb") as fh:
        while block := fh.read(BLOCK):
            yield block.replace(b"\x00", b"") if strip_nul else block


def _bad_byte(path: Path, codec: str, strip_nul: bool) -> int | None:
    """The offset of the first byte ``codec`` cannot decode, None when all decode."""
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    done = 0
    try:
        for block in _blocks(path, strip_nul):
            decoder.decode(block)
            done += len(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        return max(done + exc.start - len(decoder.getstate()[0]), 0)
    return None


def utf16_without_bom(sample: bytes) -> str | None:
    """BOM-less UTF-16 (``utf-16-le`` / ``utf-16-be``) as charset_normalizer detects it, else None.

    Only the sample is looked at (charset_normalizer over a whole 100 MB
    UTF-16-LE file: 3.4 s; over its first 64 KB: 14 ms, the same answer);
    :func:`choose_encoding` then checks that the whole file decodes.

    >>> utf16_without_bom("customer_id,text\\nc1,café\\n".encode("utf-16-le"))
    'utf-16-le'
    >>> utf16_without_bom(b"customer_id,text\\nc1,caf\\x00e\\n") is None
    True
    """
    if len(sample) < 4:
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(sample[: len(sample) // 2 * 2]).best()
    return _UTF16.get(best.encoding) if best is not None else None


def utf8_counts(path: Path, strip_nul: bool = False) -> tuple[int, int]:
    """The file read as UTF-8: (valid non-ASCII characters, bytes that are not UTF-8).

    Streams the file a block at a time.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "c.csv"
    >>> _ = path.write_bytes("Café, crème brûlée".encode() + b" \\xff\\xfe")
    >>> utf8_counts(path)
    (4, 2)
    """
    decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    good = bad = 0
    for block in [*_blocks(path, strip_nul), None]:
        text = decoder.decode(b"", final=True) if block is None else decoder.decode(block)
        escaped = len(_ESCAPED_RE.findall(text))
        bad += escaped
        good += len(_NON_ASCII_RE.findall(text)) - escaped
    return good, bad


def mostly_utf8(good: int, bad: int) -> bool:
    """Whether a file that is not all UTF-8 is UTF-8 with a few stray bytes.

    True when it holds valid multi-byte UTF-8 characters and no more bytes
    that are not UTF-8 than those. Text in Latin-1 or Windows-1252 almost
    never forms a valid multi-byte UTF-8 sequence (an accented letter is one
    byte, followed by ASCII), so there the invalid bytes win.

    Examples
    --------
    >>> mostly_utf8(120, 2), mostly_utf8(0, 40), mostly_utf8(1, 30)
    (True, False, False)
    """
    return good > 0 and bad <= good


def _count_nul(path: Path) -> int:
    return sum(block.count(0) for block in _blocks(path, False))


def _detected(path: Path, strip_nul: bool) -> str:
    """charset_normalizer's best guess (ties go to Windows-1252), else Latin-1."""
    with path.open("rb") as fh:
        raw = fh.read(DETECT_MAX)
    if strip_nul:
        raw = raw.replace(b"\x00", b"")
    try:
        from charset_normalizer import from_bytes

        matches = list(from_bytes(raw))
    except Exception:  # noqa: BLE001 - detection is best effort
        matches = []
    best = matches[0] if matches else None
    for match in matches:  # ties go to Windows-1252, the usual spreadsheet export
        if (match.chaos, match.coherence) == (best.chaos, best.coherence) and (
            "cp1252" in match.could_be_from_charset
        ):
            best = match
            break
    if best is not None and best.encoding:
        try:
            codecs.lookup(best.encoding)
        except LookupError:
            return "latin-1"
        if _bad_byte(path, best.encoding, strip_nul) is None:
            return best.encoding
    return "latin-1"


def choose_encoding(path: Path, encoding: str | None) -> Decoding:
    """The codec to read ``path`` with, whether to drop stray NUL bytes, bytes to replace.

    ``encoding`` when given (checked over the whole file), else the BOM's,
    else BOM-less UTF-16 (charset_normalizer on the sample, when it holds NUL
    bytes), else UTF-8 when every byte decodes, else UTF-8 with its invalid
    bytes replaced by U+FFFD (and counted) when the file is mostly UTF-8
    (:func:`mostly_utf8`: two stray bytes never turn a whole UTF-8 file into
    Latin-1 mojibake), else charset_normalizer's guess, else Latin-1.
    charset_normalizer only proposes encodings that decode every byte, so it
    never proposes UTF-8 for such a file (a 50 MB UTF-8 file with 2 stray
    bytes: ``mac_latin2``, in 5.6 s; this check: UTF-8 in 0.6 s): the UTF-8
    checks come first. Every check streams the file a block at a time.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(path, f"unknown encoding {encoding!r}") from None
        bad = _bad_byte(path, encoding, False)
        if bad is not None:
            raise InputError(path, f"cannot decode as {encoding} (byte {bad}); check --encoding")
        return Decoding(encoding)
    with path.open("rb") as fh:
        head = fh.read(SAMPLE)
    for bom, name in _BOMS:
        if head.startswith(bom):
            if _bad_byte(path, name, False) is None:
                return Decoding(name)
            break  # a BOM followed by something else: keep guessing
    strip_nul = False
    utf16 = utf16_without_bom(head) if b"\x00" in head else None
    if b"\x00" in head and utf16 is None:
        size = path.stat().st_size
        if _count_nul(path) > max(3, _STRAY_NUL_SHARE * size):
            raise InputError(path, "not a text file (binary data)")
        strip_nul = True  # a few stray NUL bytes in a text export
        head = head.replace(b"\x00", b"")
    if b"\x00" in head:
        guess = utf16
        if guess is None or _bad_byte(path, guess, False) is not None:
            raise InputError(path, "not a text file (binary data)")
        return Decoding(guess)
    if _bad_byte(path, "utf-8", strip_nul) is None:
        return Decoding("utf-8", strip_nul)
    good, bad = utf8_counts(path, strip_nul)
    if mostly_utf8(good, bad):
        codec = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
        return Decoding(codec, strip_nul, bad)
    return Decoding(_detected(path, strip_nul), strip_nul)


def head_text(path: Path, codec: str, strip_nul: bool) -> str:
    """The decoded start of the file (about :data:`SAMPLE` bytes), BOM removed."""
    with path.open("rb") as fh:
        raw = fh.read(SAMPLE)
    if strip_nul:
        raw = raw.replace(b"\x00", b"")
    return codecs.getincrementaldecoder(codec)(errors="replace").decode(raw).lstrip("\ufeff")


def open_text(
    path: Path, codec: str, strip_nul: bool, newline: str, errors: str = "strict"
) -> tuple[io.TextIOWrapper, BinaryIO]:
    """A text stream over ``path``, and the binary file under it (for its position).

    ``errors="replace"`` reads bytes the codec cannot decode as U+FFFD.
    """
    raw = path.open("rb", buffering=0)
    binary = io.BufferedReader(_NoNul(raw) if strip_nul else raw, BLOCK)
    return io.TextIOWrapper(binary, encoding=codec, errors=errors, newline=newline), raw


def _tell(raw: BinaryIO) -> int:
    return raw.tell() if not raw.closed else Path(raw.name).stat().st_size


# --------------------------------------------------------------------------- delimited


def sniff_delimiter(header_line: str, default: str) -> str:
    if default in header_line:
        return default
    counts = {d: header_line.count(d) for d in ("\t", ";", "|", ",")}
    best = max(counts, key=counts.get)
    return best if counts[best] else default


def delimited_chunks(
    path: Path,
    codec: str,
    strip_nul: bool,
    delimiter: str,
    fmt: str,
    chunk_rows: int,
    errors: str = "strict",
) -> Iterator[Table]:
    """CSV/TSV records in chunks; rows with the wrong field count become rejects.

    A quote that is never closed swallows every line after it into the last
    record's last field: that record is rejected with the reason.

    Kept over the libraries, measured on a 50 MB sample CSV (408,002 records,
    100,000 a chunk): this loop 5.4 s; ``pd.read_csv(engine="python",
    on_bad_lines=callable, chunksize=...)`` 6.3 s, and its callable gets the
    fields without their record number; ``pyarrow.csv.open_csv`` with
    ``invalid_row_handler`` 0.8 s, but with quoted newlines (comments have
    them) its invalid rows have no number (``InvalidRow.number`` is None),
    so neither rejects nor the record-number comment ids could be kept, and
    it reads an unterminated quote as one long field, silently.
    """
    csv.field_size_limit(2**31 - 1)
    head = head_text(path, codec, strip_nul)
    first = next((ln for ln in head.splitlines() if ln.strip()), "")
    delimiter = sniff_delimiter(first, delimiter)
    if delimiter == "\t":
        fmt = "tsv"
    elif fmt == "txt":
        fmt = "csv"
    text, raw = open_text(path, codec, strip_nul, newline="", errors=errors)
    lines: list[list[str]] = [[]]  # the physical lines of the record being read

    def feed():
        for line in text:
            lines[0].append(line)
            yield line

    reader = csv.reader(feed(), delimiter=delimiter)
    header: list[str] | None = None
    index: dict[str, int] = {}
    rows: list[list[str]] = []
    records: list[int] = []
    rejects: list[dict] = []
    last_lines: list[str] = []
    n = start = 0  # records so far; file position where this chunk began

    def table(rows_: list[list[str]], records_: list[int], rejects_: list[dict]) -> Table:
        t = Table(header, records_, rejects_, fmt, codec, position=_tell(raw))
        t.getter = lambda col: [r[index[col]] for r in rows_]
        return t

    with text:
        try:
            for row in reader:
                last_lines, lines[0] = lines[0], []
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue  # blank line: not a record
                if header is None:
                    header = [h.lstrip("\ufeff") for h in row]
                    for i, name in enumerate(header):
                        index.setdefault(name, i)
                    continue
                n += 1
                if len(row) != len(header):
                    reason = f"expected {len(header)} fields, found {len(row)}"
                    rejects.append(_reject(n, reason, delimiter.join(row)))
                    continue
                rows.append(row)
                records.append(n)
                # the newest row waits: only at the end is it known to be the last
                if len(rows) > chunk_rows or (len(rows) > 1 and raw.tell() - start > CHUNK_BYTES):
                    k = len(rows) - 1
                    cut = records[k - 1]
                    done_rejects = [r for r in rejects if r["record"] <= cut]
                    rejects = [r for r in rejects if r["record"] > cut]
                    yield table(rows[:k], records[:k], done_rejects)
                    rows, records = rows[k:], records[k:]
                    start = raw.tell()
        except csv.Error as exc:
            raise InputError(path, f"cannot parse as {fmt.upper()}: {exc}") from None
        except UnicodeDecodeError as exc:  # the file changed since it was checked
            raise InputError(path, f"cannot decode as {codec}: {exc.reason}") from None
    if header is None:
        raise InputError(path, "empty file")
    if n == 0:
        raise InputError(path, "no records (header only)")
    if records and records[-1] == n and len(last_lines) > 1:
        tail = "".join(last_lines)
        if tail.count('"') % 2:
            rows.pop()
            records.pop()
            reason = f"unterminated quote: runs over the last {len(last_lines)} lines"
            rejects.append(_reject(n, reason, tail))
    yield table(rows, records, rejects)


# --------------------------------------------------------------------------- JSON


def _parse_line(line: str) -> tuple[object, str | None]:
    try:
        return json.loads(line), None
    except json.JSONDecodeError as exc:
        return None, f"invalid JSON: {exc.msg} (column {exc.colno})"
    except RecursionError:
        return None, "invalid JSON: nested too deeply"


def _json_array(path: Path, codec: str, strip_nul: bool, errors: str = "strict") -> list | None:
    """The objects of a ``.json`` file holding one array, None when it is not one."""
    with open_text(path, codec, strip_nul, newline="", errors=errors)[0] as text:
        whole = text.read().lstrip("\ufeff")
    try:
        array = json.loads(whole)
    except (json.JSONDecodeError, RecursionError):
        return None
    return array if isinstance(array, list) else None


def json_chunks(
    path: Path, codec: str, strip_nul: bool, fmt: str, chunk_rows: int, errors: str = "strict"
) -> Iterator[Table]:
    """JSON Lines records in chunks (a ``.json`` array is read whole).

    Columns are every key seen so far, in order of first appearance. A line
    that is not valid JSON, or not an object, is a reject.
    """
    array = None
    if fmt == "json" and head_text(path, codec, strip_nul).lstrip().startswith("["):
        array = _json_array(path, codec, strip_nul, errors)
        if array is not None and not array:
            raise InputError(path, "no records (empty JSON array)")
    if array is not None:
        items = ((v, json.dumps(v, ensure_ascii=False, default=str), None) for v in array)
        raw = None
    else:
        fmt = "jsonl"
        text, raw = open_text(path, codec, strip_nul, newline="\n", errors=errors)

        def items_from(text: io.TextIOWrapper = text) -> Iterator[tuple[object, str, str | None]]:
            with text:
                first = True
                try:
                    for line in text:
                        if first:
                            line, first = line.lstrip("\ufeff"), False
                        line = line.rstrip("\n").rstrip("\r")
                        if line.strip():  # a blank line is not a record
                            value, error = _parse_line(line)
                            yield value, line, error
                except UnicodeDecodeError as exc:
                    raise InputError(path, f"cannot decode as {codec}: {exc.reason}") from None

        items = items_from()
    columns: dict[str, None] = {}
    objects: list[dict] = []
    records: list[int] = []
    rejects: list[dict] = []
    n = seen = start = 0

    def table() -> Table:
        rows = objects
        t = Table(list(columns), records, rejects, fmt, codec, position=_tell(raw) if raw else 0)
        t.getter = lambda col: [obj.get(col) for obj in rows]
        return t

    for value, line, error in items:
        n += 1
        if error is None and not isinstance(value, dict):
            error = f"invalid JSON: not an object (found {type(value).__name__})"
        if error is not None:
            rejects.append(_reject(n, error, line))
            continue
        objects.append(value)
        records.append(n)
        seen += 1
        for key in value:
            columns.setdefault(str(key), None)
        if len(objects) >= chunk_rows or (raw is not None and raw.tell() - start > CHUNK_BYTES):
            yield table()
            objects, records, rejects = [], [], []
            start = raw.tell() if raw is not None else 0
    if n == 0:
        raise InputError(path, "empty file")
    if seen == 0:
        raise InputError(path, f"no JSON objects found (first record: {rejects[0]['reason']})")
    if objects or rejects:
        yield table()


# --------------------------------------------------------------------------- Parquet


def parquet_chunks(path: Path, chunk_rows: int) -> Iterator[Table]:
    """Parquet rows in record batches of ``chunk_rows``."""
    import pyarrow.parquet as pq

    def bad(exc: Exception) -> InputError:
        return InputError(path, f"cannot read as Parquet ({type(exc).__name__}: {first_line(exc)})")

    try:
        pf = pq.ParquetFile(path)
        total = pf.metadata.num_rows
        meta = pf.schema_arrow.pandas_metadata or {}
    except Exception as exc:  # noqa: BLE001 - any reader failure is a bad file
        raise bad(exc) from None
    if total == 0:
        raise InputError(path, "no records (Parquet file has no rows)")
    hidden = {c for c in meta.get("index_columns", []) if isinstance(c, str)}
    size = path.stat().st_size
    done = 0
    try:
        for batch in pf.iter_batches(batch_size=chunk_rows):
            frame = batch.to_pandas()
            frame = frame[[c for c in frame.columns if c not in hidden]]
            by_name: dict[str, object] = {}
            for c in frame.columns:
                by_name.setdefault(str(c), c)
            records = list(range(done + 1, done + len(frame) + 1))
            done += len(frame)
            t = Table(list(by_name), records, [], "parquet", None, position=size * done // total)
            t.getter = lambda col, frame=frame, by_name=by_name: frame[by_name[col]]
            yield t
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise bad(exc) from None
