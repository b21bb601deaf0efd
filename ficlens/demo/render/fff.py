"""FanFicFare-style EPUB of the AO3 work: a title page, then one file per chapter."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote

from ebooklib import epub

from ficlens.demo.render.common import (
    ao3_story_html,
    ao3_work_url,
    chapter_label,
    foot_notes,
    head_notes,
    html_paragraphs,
    story_words,
)
from ficlens.demo.render.epub import document, epub_bytes, new_book, stable_identifier, stylesheet

if TYPE_CHECKING:
    from ficlens.demo.build import DemoSource

CONTRIBUTOR = "FanFicFare [https://github.com/JimmXinu/FanFicFare]"
_CSS_FILE = "stylesheet.css"
_CSS = (
    "body{margin:2%}h3{text-align:center}"
    ".fff_chapter_notes{border:1px solid #999;margin:1em 0;padding:0 .5em}"
)


def fff_genres(source: DemoSource) -> tuple[str, ...]:
    """FanFicFare's genre list for an AO3 work: categories, then freeform tags."""
    return (*source.categories, *source.freeforms)


def _fields(source: DemoSource) -> list[tuple[str, str]]:
    return [
        ("Category", ", ".join(source.fandoms)),
        ("Genre", ", ".join(fff_genres(source))),
        ("Language", source.language),
        ("Characters", ", ".join(source.characters)),
        ("Relationships", ", ".join(source.relationships)),
        ("Status", "Completed" if source.is_complete else "In-Progress"),
        ("Published", source.published),
        ("Updated", source.updated),
        ("Rating", source.rating),
        ("Warnings", ", ".join(source.warnings)),
        ("Chapters", str(len(source.chapters))),
        ("Words", f"{story_words(source):,}"),
        ("Publisher", "archiveofourown.org"),
        ("Summary", source.summary),
    ]


def title_page_html(source: DemoSource) -> str:
    """The title page's body: linked title and author, then ``<b>Label:</b> value`` lines."""
    user = quote(source.author)
    author_url = f"https://archiveofourown.org/users/{user}/pseuds/{user}"
    lines = "".join(
        f"<b>{label}:</b> {escape(value)}<br />\n" for label, value in _fields(source) if value
    )
    return (
        f'<h3><a href="{ao3_work_url(source)}">{escape(source.title)}</a> by '
        f'<a class="authorlink" href="{author_url}">{escape(source.author)}</a></h3>\n'
        f"<div>\n{lines}</div>\n"
    )


def _notes_div(kind: str, label: str, paragraphs: tuple[str, ...]) -> str:
    if not paragraphs:
        return ""
    return (
        f'<div class="fff_chapter_notes {kind}"><p><b>{label}</b></p>\n'
        f"{html_paragraphs(paragraphs)}</div>\n"
    )


def chapter_body(source: DemoSource, index: int) -> str:
    """One chapter file's body: title, head notes, story text and foot notes."""
    chapter = source.chapters[index]
    single = len(source.chapters) == 1
    title = source.title if single else chapter_label(index + 1, chapter.title)
    before = head_notes(source, index)
    if index == 0:
        before = (source.disclaimer, *before)
    return (
        f'<h3 class="fff_chapter_title">{escape(title)}</h3>\n'
        + _notes_div("fff_head_notes", "Notes:", before)
        + ao3_story_html(chapter)
        + _notes_div("fff_foot_notes", "End Notes:", foot_notes(source, index))
    )


def _chapter_documents(source: DemoSource) -> list[epub.EpubHtml]:
    single = len(source.chapters) == 1
    return [
        document(
            f"file{number:04d}",
            f"file{number:04d}.xhtml",
            source.title if single else chapter_label(number, chapter.title),
            chapter_body(source, number - 1),
            _CSS_FILE,
        )
        for number, chapter in enumerate(source.chapters, 1)
    ]


def render_fff_epub(source: DemoSource) -> bytes:
    """Render the work as FanFicFare would have downloaded it from AO3."""
    url = ao3_work_url(source)
    book = new_book(stable_identifier("fanficfare", url), source.title, source.author)
    book.FOLDER_NAME = "OEBPS"
    book.add_metadata("DC", "description", source.summary)
    book.add_metadata("DC", "contributor", CONTRIBUTOR)
    book.add_metadata("DC", "source", url)
    for genre in fff_genres(source):
        book.add_metadata("DC", "subject", genre)
    title_page = document(
        "title_page", "title_page.xhtml", source.title, title_page_html(source), _CSS_FILE
    )
    chapters = _chapter_documents(source)
    book.add_item(stylesheet(_CSS_FILE, _CSS))
    for item in (title_page, *chapters):
        book.add_item(item)
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.toc = [title_page, *chapters]
    book.spine = [title_page, *chapters]
    return epub_bytes(book)
