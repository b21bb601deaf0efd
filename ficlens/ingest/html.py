"""HTML sources: FanFiction.Net and AO3 pages, AO3 downloads, and any other HTML.

Scripts, styles and event handlers never reach the text: the parser drops them and only text
nodes are read. Broken nesting is repaired by the HTML5 parser (lexbor).
"""

from __future__ import annotations

from collections import Counter

from selectolax.lexbor import LexborHTMLParser

from ficlens.ingest.ao3 import is_ao3_download, is_ao3_page, read_ao3_download, read_ao3_page
from ficlens.ingest.builder import TextBuilder
from ficlens.ingest.ffn import is_ffn_page, read_ffn_page
from ficlens.ingest.htmltext import paragraphs_of, parse_html, tagged_paragraphs, text_of
from ficlens.model import Metadata, SourceFlavour

_HEADINGS = ("h1", "h2", "h3", "h4")
_TITLE_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_MIN_CHAPTER_HEADINGS = 2


def read_html_text(html: str) -> tuple[TextBuilder, Metadata, SourceFlavour]:
    """Read decoded HTML, recognising which site or tool made it.

    Returns:
        The built text with its markers, the declared metadata and the flavour recognised.
    """
    tree = parse_html(html)
    if is_ao3_download(tree):
        builder, metadata = read_ao3_download(tree)
        return builder, metadata, "ao3"
    if is_ao3_page(tree):
        builder, metadata = read_ao3_page(tree)
        return builder, metadata, "ao3"
    if is_ffn_page(tree):
        builder, metadata = read_ffn_page(tree)
        return builder, metadata, "ffn"
    builder, metadata = read_generic_html(tree)
    return builder, metadata, "generic"


def read_generic_html(tree: LexborHTMLParser) -> tuple[TextBuilder, Metadata]:
    """Read any HTML: paragraphs kept in order, repeated headings taken as chapter headings."""
    title = text_of(tree.css_first("title")) or text_of(tree.css_first("h1"))
    body = tree.body or tree.root
    level = _chapter_heading_level(tree, title)
    builder = TextBuilder()
    if level is None:
        builder.start_chapter("")
        builder.add_paragraphs(paragraphs_of(body))
        builder.end_chapter()
    else:
        _read_headed_chapters(tree, builder, level)
    author = tree.css_first("meta[name=author]")
    authors = (author.attributes.get("content") or "",) if author is not None else ()
    return builder, Metadata(title=title or None, authors=tuple(a for a in authors if a))


def _chapter_heading_level(tree: LexborHTMLParser, title: str) -> str | None:
    counts = Counter(node.tag for node in tree.css(",".join(_HEADINGS)) if text_of(node) != title)
    for tag in _HEADINGS:
        if counts[tag] >= _MIN_CHAPTER_HEADINGS:
            return tag
    return None


def _read_headed_chapters(tree: LexborHTMLParser, builder: TextBuilder, level: str) -> None:
    """Split the body at every heading of ``level``; text before the first is its own part.

    Headings above the first chapter (the work's title, a byline) stay outside the chapters:
    they are front matter, not an untitled chapter of their own.
    """
    opened = False
    for paragraph, tag in tagged_paragraphs(tree.body or tree.root):
        if tag == level:
            builder.start_chapter(paragraph)
            builder.add_heading(paragraph)
            opened = True
            continue
        if not opened and tag in _TITLE_TAGS:
            builder.add_paragraphs([paragraph])
            continue
        if not opened:
            builder.start_chapter("")
            opened = True
        builder.add_paragraphs([paragraph])
    builder.end_chapter()
