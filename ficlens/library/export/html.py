"""A work as one self-contained HTML file, and the fragments the EPUB shares with it.

Every piece of work text is escaped here (``html.escape``); nothing from a work is markup.
"""

from __future__ import annotations

from html import escape

from ficlens.library.export.content import (
    DETECTED_MARK,
    ExportChapter,
    PrefaceRow,
    paragraphs_html,
)
from ficlens.library.records import LibraryWork

STYLE = """body { font-family: Georgia, serif; line-height: 1.5; margin: 1em auto; max-width: 40em }
dl.tags dt { font-weight: bold; }
dl.tags dd { margin: 0 0 0.5em 1.5em; }
.detected { font-style: italic; }
div.note { border: 1px solid #999; background: #f4f4f4; padding: 0 0.8em; margin: 1em 0; }
div.note h3 { font-size: 1em; margin: 0.5em 0; }
"""


def _names(row: PrefaceRow) -> str:
    names = [escape(name) for name in row.declared]
    names += [f'<span class="detected">{escape(n)} ({DETECTED_MARK})</span>' for n in row.detected]
    return ", ".join(names)


def preface_html(work: LibraryWork, rows: tuple[PrefaceRow, ...]) -> str:
    """The preface's body: title, authors, the typed tags, stats and the summary."""
    parts = [
        f"<h1>{escape(work.title)}</h1>",
        f'<p class="byline">by {escape(", ".join(work.authors) or "Anonymous")}</p>',
        '<dl class="tags">',
    ]
    for row in rows:
        parts.append(f"<dt>{escape(row.label)}:</dt><dd>{_names(row)}</dd>")
    if work.language:
        parts.append(f"<dt>Language:</dt><dd>{escape(work.language)}</dd>")
    stats = f"Words: {work.words:,} Chapters: {work.chapters}"
    parts.append(f"<dt>Stats:</dt><dd>{escape(stats)}</dd></dl>")
    if work.summary:
        parts += ['<h2>Summary</h2><div class="summary">', paragraphs_html(work.summary), "</div>"]
    if work.source_url:
        parts.append(f"<p>Source: {escape(work.source_url)}</p>")
    return "\n".join(parts)


def chapter_html(chapter: ExportChapter, heading: str = "h2") -> str:
    """A chapter's body: its heading, notes in their own blocks, story text as paragraphs."""
    parts = [f'<{heading} id="chapter-{chapter.index}">{escape(chapter.title)}</{heading}>']
    for block in chapter.blocks:
        if block.kind == "note":
            label = f"<h3>{escape(block.label)}</h3>"
            parts.append(f'<div class="note">{label}{paragraphs_html(block.text)}</div>')
        else:
            parts.append(f'<div class="text">{paragraphs_html(block.text)}</div>')
    return "\n".join(parts)


def work_html(
    work: LibraryWork, rows: tuple[PrefaceRow, ...], chapters: tuple[ExportChapter, ...]
) -> str:
    """The whole work as one HTML page with its own stylesheet, no outside resources."""
    toc = "\n".join(
        f'<li><a href="#chapter-{c.index}">{escape(c.title)}</a></li>' for c in chapters
    )
    body = "\n".join(chapter_html(chapter) for chapter in chapters)
    return (
        "<!doctype html>\n"
        f'<html lang="{escape(work.language or "en")}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(work.title)}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n"
        f'<section class="preface">\n{preface_html(work, rows)}\n</section>\n'
        f'<nav class="toc"><h2>Contents</h2><ol>\n{toc}\n</ol></nav>\n{body}\n</body>\n</html>\n'
    )
