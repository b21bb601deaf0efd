"""A work as an EPUB 3 (ebooklib): metadata, an AO3-style preface, a file per chapter, a TOC.

Metadata: title, authors, language, an identifier, the summary as description and every tag
as a subject. The preface lists the typed tags like AO3's downloads do; detected ratings and
warnings are marked as FicLens's.
"""

from __future__ import annotations

import io
from html import escape

from ebooklib import epub

from ficlens.library.export.content import ExportChapter, PrefaceRow
from ficlens.library.export.html import STYLE, chapter_html, preface_html
from ficlens.library.records import LibraryWork

EPUB_MEDIA_TYPE = "application/epub+zip"
DEFAULT_LANGUAGE = "en"
"""The language of a work whose language is unknown (FicLens analyses English text)."""


def _page(title: str, file_name: str, language: str, body: str) -> epub.EpubHtml:
    page = epub.EpubHtml(title=title, file_name=file_name, lang=language)
    page.content = f"<html><head><title>{escape(title)}</title></head><body>{body}</body></html>"
    page.add_link(href="style/ficlens.css", rel="stylesheet", type="text/css")
    return page


def work_epub(
    work: LibraryWork, rows: tuple[PrefaceRow, ...], chapters: tuple[ExportChapter, ...]
) -> bytes:
    """The EPUB file's bytes."""
    language = work.language or DEFAULT_LANGUAGE
    book = epub.EpubBook()
    book.set_identifier(f"urn:ficlens:{work.sha256}")
    book.set_title(work.title)
    book.set_language(language)
    for author in work.authors:
        book.add_author(author)
    if work.summary:
        book.add_metadata("DC", "description", work.summary)
    for name in dict.fromkeys(t.name for t in work.tags):
        book.add_metadata("DC", "subject", name)
    if work.source_url:
        book.add_metadata("DC", "source", work.source_url)
    book.add_item(
        epub.EpubItem(
            uid="style", file_name="style/ficlens.css", media_type="text/css", content=STYLE
        )
    )
    preface = _page("Preface", "preface.xhtml", language, preface_html(work, rows))
    pages = [
        _page(c.title, f"chapter-{c.index:03d}.xhtml", language, chapter_html(c, "h1"))
        for c in chapters
    ]
    for page in (preface, *pages):
        book.add_item(page)
    book.toc = [epub.Link(preface.file_name, "Preface", "preface")] + [
        epub.Link(page.file_name, page.title, f"chapter-{c.index}")
        for page, c in zip(pages, chapters, strict=True)
    ]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = [preface, "nav", *pages]
    buffer = io.BytesIO()
    epub.write_epub(buffer, book)
    return buffer.getvalue()
