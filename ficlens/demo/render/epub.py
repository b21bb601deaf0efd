"""Write an ebooklib book to deterministic EPUB bytes."""

from __future__ import annotations

import datetime as dt
import io
import uuid
import zipfile
from html import escape

from ebooklib import epub

MODIFIED = dt.datetime(2026, 11, 20, 0, 0, 0)
"""The ``dcterms:modified`` date written into every demo EPUB."""
ZIP_TIME = (2026, 11, 20, 0, 0, 0)
"""The timestamp of every entry of every demo EPUB's ZIP container."""


def stable_identifier(kind: str, url: str) -> str:
    """A fixed ``urn:uuid:`` identifier for a book, derived from its kind and source address."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{kind}:{url}')}"


def new_book(identifier: str, title: str, author: str, language: str = "en") -> epub.EpubBook:
    """An empty book with its identifier, title, language and author set."""
    book = epub.EpubBook()
    book.set_identifier(identifier)
    book.set_title(title)
    book.set_language(language)
    book.add_author(author)
    return book


def document(uid: str, file_name: str, title: str, body: str, css: str) -> epub.EpubHtml:
    """An XHTML spine document linking the book's stylesheet ``css``."""
    item = epub.EpubHtml(uid=uid, file_name=file_name, title=title, lang="en")
    item.content = (
        f"<html><head><title>{escape(title)}</title></head><body>{body}</body></html>"
    ).encode()
    item.add_link(href=css, rel="stylesheet", type="text/css")
    return item


def stylesheet(file_name: str, css: str) -> epub.EpubItem:
    """A CSS item for the manifest."""
    return epub.EpubItem(
        uid="style", file_name=file_name, media_type="text/css", content=css.encode()
    )


def epub_bytes(book: epub.EpubBook) -> bytes:
    """Write ``book`` with a fixed modification date and fixed ZIP entry times.

    Raises:
        OSError: ebooklib could not write the book.
    """
    buffer = io.BytesIO()
    epub.write_epub(buffer, book, {"mtime": MODIFIED, "raise_exceptions": True})
    return normalise_zip(buffer.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a ZIP with fixed entry times; ``mimetype`` first and stored, the rest deflated."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w") as target,
    ):
        names = sorted(source.namelist(), key=lambda name: name != "mimetype")
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            stored = name == "mimetype"
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(name), compresslevel=None if stored else 9)
    return out.getvalue()
