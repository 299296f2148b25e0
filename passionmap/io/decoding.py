"""Which encoding a text file is in: checked over the whole file, a block at a time.

:func:`choose_encoding` decides how :mod:`passionmap.io.readers` decodes a file
(a given encoding, a BOM, BOM-less UTF-16, UTF-8, mostly UTF-8 with a few
bad bytes, charset_normalizer's guess, else Latin-1); :func:`open_text` opens
it so, dropping stray NUL bytes when asked; :func:`looks_binary` tells a text
file from binary data.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

from ..errors import InputError

__all__ = [
    "BLOCK",
    "SAMPLE",
    "Decoding",
    "choose_encoding",
    "head_text",
    "looks_binary",
    "mostly_utf8",
    "open_text",
    "utf16_without_bom",
    "utf8_counts",
]

BLOCK = 1 << 20  # bytes read at a time
SAMPLE = 1 << 16  # bytes looked at to guess the encoding and the format
DETECT_MAX = 8 << 20  # charset detection looks at no more than this
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
# control characters that do not occur in text (tab, newlines, form feed excluded)
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_BINARY_SHARE = 0.05  # more control characters than this share: not text


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
        """The ``errors`` argument to decode with: ``"replace"`` when some bytes are invalid."""
        return "replace" if self.invalid_bytes else "strict"


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


def looks_binary(text: str) -> bool:
    """Whether decoded text (the start of a file) holds too many control characters to be text.

    >>> looks_binary("customer_id,text\\nc1,hello\\n"), looks_binary("\\x00\\x01\\x02PK\\x03")
    (False, True)
    """
    sample = text[:SAMPLE]
    if not sample:
        return False
    return len(_CONTROL_RE.findall(sample)) > _BINARY_SHARE * len(sample)
