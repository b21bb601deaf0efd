"""Tell a file's format from its content, whatever its extension says."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Literal

from ficlens.errors import UnsupportedFormatError

Sniffed = Literal["text", "html", "epub"]

_HTML_START = re.compile(
    rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S
)
_TAG = re.compile(rb"<(p|div|br|span|i|em|b|strong|h[1-6]|hr|center|blockquote)\b[^>]*>", re.I)
_MIN_TAGS = 3
_OTHER_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document; save the story as text, HTML or EPUB"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document; save it as plain text or HTML"),
    (b"\x1f\x8b", "a gzip archive; unpack it first"),
)


def sniff(data: bytes, *, path: str) -> Sniffed:
    """Return the format of a file from its first bytes.

    Args:
        data: the file's bytes (the first few KiB are enough except for ZIP files).
        path: the file's name, for error messages.

    Raises:
        UnsupportedFormatError: a ZIP that is not an EPUB, a PDF, an image and the like.
    """
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(data, path=path)
    for signature, what in _OTHER_SIGNATURES:
        if data.startswith(signature):
            raise UnsupportedFormatError(path, f"this is {what}, not a story FicLens can read")
    head = _ascii_view(data[:8192])
    if _HTML_START.match(head) or len(_TAG.findall(head)) >= _MIN_TAGS:
        return "html"
    return "text"


def _ascii_view(head: bytes) -> bytes:
    # UTF-16 HTML has a zero byte after every ASCII character; drop them so the patterns match.
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head.count(0) > len(head) // 4:
        return head.replace(b"\x00", b"").lstrip(b"\xff\xfe")
    return head.removeprefix(b"\xef\xbb\xbf")


def _sniff_zip(data: bytes, *, path: str) -> Sniffed:
    if data[30:58] == b"mimetypeapplication/epub+zip":
        return "epub"
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        # A truncated EPUB still starts with its mimetype entry; let the EPUB reader explain.
        if b"application/epub+zip" in data[:100]:
            return "epub"
        raise UnsupportedFormatError(path, "a damaged ZIP archive") from None
    if "META-INF/container.xml" in names:
        return "epub"
    if "word/document.xml" in names:
        raise UnsupportedFormatError(path, "a Word document (DOCX); save it as HTML or text")
    raise UnsupportedFormatError(
        path, "a ZIP archive that is not an EPUB; unpack it and analyse its files"
    )
