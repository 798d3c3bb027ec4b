"""Bytes to text: gzip, byte-order marks, binary detection and encoding detection."""
from __future__ import annotations

import gzip
import unicodedata
import zlib

from ..errors import E

_GZIP_MAGIC = b"\x1f\x8b"
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}


def gunzip(data: bytes, *, source: str) -> bytes:
    try:
        return gzip.decompress(data)
    except (EOFError, OSError, zlib.error) as err:
        raise E.E204.exc(source=source, detail=str(err) or type(err).__name__) from err


def is_gzip(data: bytes) -> bool:
    return data[:2] == _GZIP_MAGIC


def decode(data: bytes, *, source: str) -> str:
    """Decode bytes of unknown encoding; reject binary and undecodable input."""
    if not data.strip():
        raise E.E201.exc(source=source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as err:
                raise E.E203.exc(source=source) from err
    if b"\x00" in data[:8192]:
        raise E.E202.exc(source=source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise E.E203.exc(source=source)
    text = str(best)
    if _binary_like(text):
        raise E.E202.exc(source=source)
    return text


def _binary_like(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn")
              and ch not in _CONTROL_OK)
    return bad / len(sample) > 0.05


def clean_text(text: str) -> str:
    """The stored form of a text: NFC, Unix newlines, no trailing spaces, no outer blank lines."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def content_key(text: str) -> str:
    """What the content hash is computed on: case and spacing do not make a new article."""
    return " ".join(text.split()).casefold()
