"""Turn a file's bytes into text: byte-order marks, UTF-16, cp1252 and mojibake.

The decoded text is the work's text: every offset FicLens reports points into it.
"""

from __future__ import annotations

import codecs
import logging
from dataclasses import dataclass

import ftfy
from charset_normalizer import from_bytes

from ficlens.errors import UnsupportedFormatError

logger = logging.getLogger(__name__)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f"} | {"\x7f"}
_MAX_CONTROL_SHARE = 0.01
_MAX_REPLACEMENT_SHARE = 0.001


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text with the encoding used and anything worth telling the user."""

    text: str
    encoding: str
    diagnostics: tuple[str, ...] = ()


def decode_bytes(data: bytes, *, path: str) -> Decoded:
    """Decode a text file's bytes, guessing the encoding when there is no byte-order mark.

    UTF-8 is tried first; UTF-16 without a BOM is recognised by its zero bytes; otherwise
    charset-normalizer guesses (cp1252 for the usual Windows fics). Mojibake such as ``Ã©`` is
    repaired with ftfy. The BOM itself is not part of the text.

    Args:
        data: the file's bytes.
        path: the file's name, for error messages.

    Raises:
        UnsupportedFormatError: the bytes are not text (binary data, or undecodable).
    """
    diagnostics: list[str] = []
    encoding, body = _encoding_from_bom(data)
    if encoding is None:
        encoding, body = _guess_encoding(data, path=path, diagnostics=diagnostics)
    text = body.decode(encoding, errors="replace")
    _refuse_binary(text, path=path)
    repaired = ftfy.fix_encoding(text)
    if repaired != text:
        diagnostics.append("repaired mojibake (text that was decoded twice) with ftfy")
        text = repaired
    return Decoded(text=text, encoding=encoding, diagnostics=tuple(diagnostics))


def _encoding_from_bom(data: bytes) -> tuple[str | None, bytes]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, data[len(bom) :]
    return None, data


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0) / len(sample[0::2])
    odd_zeros = sample[1::2].count(0) / len(sample[1::2])
    if odd_zeros > 0.3 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > 0.3 and odd_zeros < 0.05:
        return "utf-16-be"
    return None


def _guess_encoding(data: bytes, *, path: str, diagnostics: list[str]) -> tuple[str, bytes]:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    else:
        return "utf-8", data
    utf16 = _looks_utf16(data)
    if utf16:
        return utf16, data
    # Mostly valid UTF-8 with a few broken bytes: keep UTF-8 and say where the damage is.
    lossy = data.decode("utf-8", errors="replace")
    bad = lossy.count("\ufffd")
    has_multibyte = any(b >= 0xC2 for b in data[:first_bad])
    # Valid multibyte characters outnumbering the broken ones is UTF-8 too, however short the
    # file: cp1252 text almost never forms a valid UTF-8 sequence.
    good = sum(1 for char in lossy if ord(char) > 127) - bad
    rare = bad / max(len(lossy), 1) < _MAX_REPLACEMENT_SHARE
    if has_multibyte and (rare or bad < good):
        diagnostics.append(
            f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD (first at byte {first_bad})"
        )
        return "utf-8", data
    if _looks_cp1252(data):
        diagnostics.append("not valid UTF-8; decoded as cp1252")
        return "cp1252", data
    best = from_bytes(data[: 1024 * 1024]).best()
    if best is None:
        raise UnsupportedFormatError(path, "not text: no character encoding fits its bytes")
    encoding = _prefer_cp1252(best.encoding)
    diagnostics.append(f"not valid UTF-8; decoded as {encoding}")
    return encoding, data


def _looks_cp1252(data: bytes) -> bool:
    """Windows-1252 text: every byte defined, and its non-ASCII characters Western ones."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    non_ascii = [char for char in text if ord(char) > 127]
    western = sum(1 for char in non_ascii if _is_western(char))
    letters = sum(1 for char in text if char.isalpha())
    # English text in cp1252 is mostly ASCII; Cyrillic or Greek read as cp1252 is not.
    accented = sum(1 for char in non_ascii if char.isalpha())
    return western >= 0.9 * len(non_ascii) and accented <= 0.3 * max(letters, 1)


def _is_western(char: str) -> bool:
    # Latin-1 letters, and the curly quotes, dashes and ellipsis Word puts in fics.
    code = ord(char)
    return 0xC0 <= code <= 0xFF or 0x2010 <= code <= 0x2026 or char in "€£©®°½¼¾«»¡¿·"


def _prefer_cp1252(encoding: str) -> str:
    # Fics saved on Windows are cp1252; latin-1 guesses lose its curly quotes and dashes.
    return "cp1252" if encoding in {"latin_1", "iso8859_1", "iso-8859-1"} else encoding


def _refuse_binary(text: str, *, path: str) -> None:
    sample = text[:65536]
    if not sample:
        return
    controls = sum(1 for char in sample if char in _CONTROL)
    if "\x00" in sample or controls / len(sample) > _MAX_CONTROL_SHARE:
        raise UnsupportedFormatError(
            path, f"not text: {controls} control characters in the first {len(sample)}"
        )
