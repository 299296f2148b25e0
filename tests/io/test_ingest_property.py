"""Property-based: generated malformed files through the reader (issue 15).

Hypothesis builds a thousand files out of good rows and broken ones (unclosed
quotes, ragged rows, stray and NUL bytes, Latin-1 and UTF-16 pieces, BOMs,
huge fields, blank lines, broken JSON) and hands each to
:func:`passionmap.io.ingest.load_comments`. Each file must end one of two ways:

* read: every record counted once, ``rows_read == rows_used + rows_rejected``,
  with as many comment rows and reject rows (each with a reason); or
* a :class:`passionmap.errors.PassionmapError` (the CLI's one line and exit
  code 2) for a file with nothing to read, never any other exception.

``derandomize=True``: the same thousand files on every run, so CI is stable.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from passionmap.config import Config
from passionmap.errors import PassionmapError
from passionmap.io.ingest import load_comments

HEADERS = [
    b"comment_id,customer_id,text,timestamp,channel",
    b"Customer_ID , TEXT",  # case and spaces in the names
    b"customer_id\ttext\tage",  # a tab header in a .csv
    b"customer_id;text",
    b"text,comment_id",  # no customer column: a clear error
    b"",  # no header at all
]
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=40).map(
    lambda s: s.encode("utf-8")
)
GOOD = st.tuples(st.integers(0, 99), st.integers(0, 9), TEXT).map(
    lambda r: (
        b'%d,c%d,"%s",2024-05-0%d,email' % (r[0], r[1], r[2].replace(b'"', b'""'), r[1] % 9 + 1)
    )
)
BROKEN = st.one_of(
    TEXT.map(lambda t: b'1,c1,"' + t),  # a quote never closed
    st.binary(min_size=1, max_size=30),  # stray bytes, NULs included
    st.integers(0, 12).map(lambda n: b",".join([b"x"] * n)),  # ragged: too few or many fields
    TEXT.map(lambda t: b"2,c2," + t.decode("utf-8").encode("latin-1", "replace")),  # Latin-1
    TEXT.map(lambda t: b"3,c3," + t.decode("utf-8").encode("utf-16")),  # a UTF-16 piece
    st.sampled_from([b"", b"\r", b"   ", b'""', b'"', b"\xef\xbb\xbf"]),  # blank, CR, a BOM
    st.integers(1_000, 300_000).map(lambda n: b'4,c4,"' + b"y" * n + b'"'),  # a huge field
    TEXT.map(lambda t: b'{"customer_id": "c5", "text": "' + t + b'"'),  # JSON cut short
)
ROW = st.one_of(GOOD, GOOD, BROKEN)
FILES = st.tuples(
    st.sampled_from([HEADERS[0]] * 6 + HEADERS),  # mostly the right header
    st.lists(ROW, min_size=1, max_size=12),
    st.sampled_from([b"\n", b"\r\n"]),
    st.sampled_from([b""] * 4 + [b"\xef\xbb\xbf", b"\xff\xfe"]),  # no BOM, UTF-8's, UTF-16's
    st.sampled_from([".csv"] * 4 + [".tsv", ".txt", ".jsonl", ".dat"]),
)


@settings(
    max_examples=1000,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(FILES)
def test_any_malformed_file_is_read_whole_or_refused_clearly(case):
    header, rows, newline, bom, suffix = case
    data = bom + newline.join([header, *rows]) + newline
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"comments{suffix}"
        path.write_bytes(data)
        try:
            loaded = load_comments(path, Config(progress=False))
        except PassionmapError as err:
            event("refused")
            assert str(err).strip()  # a message the CLI prints on one line (cli._fail)
            return
    event("read, with rejects" if loaded.stats["rows_rejected"] else "read, clean")
    s = loaded.stats
    assert s["rows_read"] == s["rows_used"] + s["rows_rejected"]
    assert len(loaded.comments) == s["rows_used"]
    assert len(loaded.rejects) == s["rows_rejected"]
    assert loaded.rejects["reason"].astype(str).str.len().gt(0).all()
