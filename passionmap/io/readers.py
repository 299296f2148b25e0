"""Stream a comments file in chunks of records, in bounded memory.

The text formats are decoded as they are read: the file is checked once for
its encoding (a streaming pass that holds one block at a time), then parsed
record by record, and handed on in :class:`Table` chunks of at most
``chunk_rows`` records and about :data:`CHUNK_BYTES` of the file, whichever
comes first (so that long comments do not make a chunk big). Parquet is read
by record batches. Only a JSON file holding one array (``[{...}, ...]``) is
read whole; JSON Lines is the format for big files.

:mod:`passionmap.io.decoding` finds the encoding; :mod:`passionmap.io.ingest` cleans
each chunk; nothing here knows the column mapping.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, first_line
from .decoding import head_text, open_text

CHUNK_BYTES = 32 << 20  # at most about this much of the file per chunk (long texts)
REJECT_TEXT_CHARS = 200  # rejects.csv keeps the start of a rejected record


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


def _reject(n: int, reason: str, text: str) -> dict:
    return {"record": n, "comment_id": str(n), "reason": reason, "text": text[:REJECT_TEXT_CHARS]}


# --------------------------------------------------------------------------- encoding


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

    def feed() -> Iterator[str]:
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
