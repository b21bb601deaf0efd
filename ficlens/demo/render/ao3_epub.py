"""AO3-style EPUB: a preface document, one document per chapter and an afterword."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ebooklib import epub

from ficlens.demo.render.ao3 import CSS, afterword_html, chapters_html, preface_html
from ficlens.demo.render.common import ao3_work_url, chapter_label
from ficlens.demo.render.epub import document, epub_bytes, new_book, stable_identifier, stylesheet

if TYPE_CHECKING:
    from ficlens.demo.build import DemoSource

_CSS_FILE = "style.css"


def ao3_subjects(source: DemoSource) -> tuple[str, ...]:
    """Every tag of the work, flattened as AO3 writes them into ``dc:subject``."""
    return (
        source.rating,
        *source.warnings,
        *source.categories,
        *source.fandoms,
        *source.relationships,
        *source.characters,
        *source.freeforms,
    )


def _chapter_documents(source: DemoSource) -> list[epub.EpubHtml]:
    documents = []
    for index, chapter in enumerate(source.chapters):
        number = index + 1
        title = chapter_label(number, chapter.title) if len(source.chapters) > 1 else source.title
        body = chapters_html(source, range(index, number))
        documents.append(
            document(f"chapter{number}", f"chapter_{number:03d}.xhtml", title, body, _CSS_FILE)
        )
    return documents


def render_ao3_epub(source: DemoSource) -> bytes:
    """Render the work as an EPUB laid out like AO3's downloads."""
    url = ao3_work_url(source)
    book = new_book(stable_identifier("ao3", url), source.title, source.author)
    book.add_metadata("DC", "description", source.summary)
    book.add_metadata("DC", "publisher", "Archive of Our Own")
    book.add_metadata("DC", "source", url)
    for subject in ao3_subjects(source):
        book.add_metadata("DC", "subject", subject)
    preface = document("preface", "preface.xhtml", "Preface", preface_html(source), _CSS_FILE)
    chapters = _chapter_documents(source)
    afterword = document(
        "afterword", "afterword.xhtml", "Afterword", afterword_html(source), _CSS_FILE
    )
    book.add_item(stylesheet(_CSS_FILE, CSS))
    for item in (preface, *chapters, afterword):
        book.add_item(item)
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.toc = [preface, *chapters, afterword]
    book.spine = [preface, *chapters, afterword]
    return epub_bytes(book)
