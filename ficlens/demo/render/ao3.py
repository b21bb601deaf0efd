"""AO3's "Download HTML" format: preface, chapters and afterword blocks.

The blocks are shared with the AO3-style EPUB, which splits them over several documents.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote

from ficlens.demo.render.common import (
    ao3_story_html,
    ao3_work_url,
    chapter_label,
    foot_notes,
    head_notes,
    html_paragraphs,
    split_paragraphs,
    story_words,
)

if TYPE_CHECKING:
    from ficlens.demo.build import DemoSource

AO3 = "https://archiveofourown.org"
CSS = (
    "body{font-family:Georgia,serif;margin:2em}"
    ".meta dt{font-weight:bold;float:left;clear:left;margin-right:.5em}"
    ".meta dd{margin-left:0}.toc-heading{display:none}"
    "blockquote.userstuff{margin-left:1.5em}"
)
_TAG_ESCAPES = (("/", "*s*"), ("&", "*a*"), (".", "*d*"), ("?", "*q*"), ("#", "*h*"))


def tag_url(tag: str) -> str:
    """AO3's address of a tag's works, with its ``*s*``-style escapes.

    Example:
        >>> tag_url("Sherlock Holmes/John Watson")
        'https://archiveofourown.org/tags/Sherlock%20Holmes*s*John%20Watson/works'
    """
    for plain, escaped in _TAG_ESCAPES:
        tag = tag.replace(plain, escaped)
    return f"{AO3}/tags/{quote(tag, safe='*')}/works"


def _tag_row(singular: str, plural: str, tags: tuple[str, ...]) -> str:
    if not tags:
        return ""
    label = singular if len(tags) == 1 else plural
    links = ", ".join(f'<a href="{tag_url(tag)}">{escape(tag)}</a>' for tag in tags)
    return f"<dt>{label}:</dt><dd>{links}</dd>\n"


def _stats(source: DemoSource) -> str:
    count = len(source.chapters)
    if source.is_complete:
        dates = f"Published: {source.published} Completed: {source.updated}"
        chapters = f"{count}/{count}"
    else:
        dates = f"Published: {source.published} Updated: {source.updated}"
        chapters = f"{count}/?"
    return f"{dates} Words: {story_words(source):,} Chapters: {chapters}"


def _tags(source: DemoSource) -> str:
    rows = [
        _tag_row("Rating", "Ratings", (source.rating,)),
        _tag_row("Archive Warning", "Archive Warnings", source.warnings),
        _tag_row("Category", "Categories", source.categories),
        _tag_row("Fandom", "Fandoms", source.fandoms),
        _tag_row("Relationship", "Relationships", source.relationships),
        _tag_row("Character", "Characters", source.characters),
        _tag_row("Additional Tags", "Additional Tags", source.freeforms),
        f"<dt>Language:</dt><dd>{escape(source.language)}</dd>\n",
        f"<dt>Stats:</dt><dd>{_stats(source)}</dd>\n",
    ]
    return '<dl class="tags">\n' + "".join(rows) + "</dl>\n"


def preface_notes(source: DemoSource) -> tuple[str, ...]:
    """The work's notes in the preface; a one-chapter work's chapter notes join them."""
    notes = head_notes(source, 0) if len(source.chapters) == 1 else split_paragraphs(source.notes)
    return (source.disclaimer, *notes)


def end_notes(source: DemoSource) -> tuple[str, ...]:
    """The work's end notes; a one-chapter work's chapter end notes join them."""
    if len(source.chapters) == 1:
        return foot_notes(source, 0)
    return split_paragraphs(source.end_notes)


def preface_html(source: DemoSource) -> str:
    """AO3's ``div#preface``: message, tags, title, byline, summary and notes."""
    url = ao3_work_url(source)
    author = escape(source.author)
    user = quote(source.author)
    byline = f'<a rel="author" href="{AO3}/users/{user}/pseuds/{user}">'
    endnote_link = (
        '<div class="endnote-link">See the end of the work for more <a href="#endnotes">notes</a>'
        "</div>\n"
        if end_notes(source)
        else ""
    )
    return (
        '<div id="preface">\n<h2 class="toc-heading">Preface</h2>\n'
        f'<p class="message"><b>{escape(source.title)}</b><br/>Posted originally on the '
        f'<a href="{AO3}/">Archive of Our Own</a> at <a href="{url}">{url}</a>.</p>\n'
        f'<div class="meta">\n{_tags(source)}<h1>{escape(source.title)}</h1>\n'
        f'<div class="byline">by {byline}{author}</a></div>\n'
        f'<p>Summary</p>\n<blockquote class="userstuff">{html_paragraphs([source.summary])}'
        "</blockquote>\n"
        f'<p>Notes</p>\n<blockquote class="userstuff">{html_paragraphs(preface_notes(source))}'
        f"</blockquote>\n{endnote_link}</div>\n</div>\n"
    )


def _blockquote(label: str, paragraphs: tuple[str, ...]) -> str:
    return (
        f'<p>{label}</p>\n<blockquote class="userstuff">{html_paragraphs(paragraphs)}</blockquote>'
    )


def chapter_html(source: DemoSource, index: int) -> str:
    """One chapter's blocks inside ``div#chapters``: heading and notes, text, end notes."""
    chapter = source.chapters[index]
    text = f'<div class="userstuff">\n{ao3_story_html(chapter)}</div>\n'
    if len(source.chapters) == 1:
        return text
    number = index + 1
    notes = split_paragraphs(chapter.notes)
    heading = escape(chapter_label(number, chapter.title))
    meta = (
        f'<div class="meta group"><h2 class="heading">{heading}</h2>'
        f"\n{_blockquote('Chapter Notes', notes) if notes else ''}</div>\n"
    )
    after = split_paragraphs(chapter.end_notes)
    endnotes = (
        f'<div class="meta" id="endnotes{number}">{_blockquote("Chapter End Notes", after)}</div>\n'
        if after
        else ""
    )
    return meta + text + endnotes


def chapters_html(source: DemoSource, indexes: range | None = None) -> str:
    """AO3's ``div#chapters`` holding the given chapters (all of them by default)."""
    chosen = range(len(source.chapters)) if indexes is None else indexes
    inner = "".join(chapter_html(source, index) for index in chosen)
    return f'<div id="chapters" class="userstuff">\n{inner}</div>\n'


def afterword_html(source: DemoSource) -> str:
    """AO3's ``div#afterword``: end notes (if any) and the invitation to comment."""
    notes = end_notes(source)
    block = (
        f'<div class="meta"><div id="endnotes">{_blockquote("End Notes", notes)}</div></div>\n'
        if notes
        else ""
    )
    return (
        f'<div id="afterword">\n<h2 class="toc-heading">Afterword</h2>\n{block}'
        f'<p class="message">Please <a href="{ao3_work_url(source)}/comments/new">drop by the '
        "Archive and comment</a> to let the creator know if you enjoyed their work!</p>\n</div>\n"
    )


def render_ao3_html(source: DemoSource) -> bytes:
    """Render the whole work as AO3's downloaded HTML."""
    title = escape(f"{source.title} - {source.author} - {', '.join(source.fandoms)}")
    page = (
        '<!DOCTYPE html>\n<html><head><meta charset="UTF-8">'
        f"<title>{title}</title><style>{CSS}</style></head>\n<body>\n"
        f"{preface_html(source)}{chapters_html(source)}{afterword_html(source)}</body></html>\n"
    )
    return page.encode("utf-8")
