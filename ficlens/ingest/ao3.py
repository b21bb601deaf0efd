"""Archive of Our Own: downloaded HTML (and its EPUB) and saved work pages.

AO3's download template puts a preface (``div#preface``: ``dl.tags`` of typed tags, title,
byline, summary and notes blockquotes), then ``div#chapters`` (per chapter a ``div.meta.group``
heading with chapter notes, ``div.userstuff`` content and ``div#endnotesN``), then
``div#afterword`` with the work's end notes. A work page saved from the browser uses
``dl.work.meta`` with ``dd.rating.tags`` and friends and ``div.chapter`` blocks instead.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ficlens.ingest.builder import TextBuilder
from ficlens.ingest.fields import (
    normalise_ao3_rating,
    parse_count,
    parse_status,
    split_tags,
    status_from_chapters,
    unique,
)
from ficlens.ingest.htmltext import paragraphs_of, text_of
from ficlens.model import Metadata

# dt labels of AO3's download preface, singular and plural (Tag::VISIBLE types).
_PREFACE_FIELDS = {
    "rating": "rating",
    "ratings": "rating",
    "archive warning": "warnings",
    "archive warnings": "warnings",
    "category": "categories",
    "categories": "categories",
    "fandom": "fandoms",
    "fandoms": "fandoms",
    "relationship": "relationships",
    "relationships": "relationships",
    "character": "characters",
    "characters": "characters",
    "additional tags": "freeforms",
    "additional tag": "freeforms",
    "language": "language",
    "series": "series",
    "stats": "stats",
}
# dd classes of a saved work page.
_PAGE_FIELDS = ("rating", "warning", "category", "fandom", "relationship", "character", "freeform")
_PAGE_TARGET = {
    "rating": "rating",
    "warning": "warnings",
    "category": "categories",
    "fandom": "fandoms",
    "relationship": "relationships",
    "character": "characters",
    "freeform": "freeforms",
}
_STATS = re.compile(r"(Published|Completed|Updated|Words|Chapters):\s*([^\s]+)")


def is_ao3_download(tree: LexborHTMLParser) -> bool:
    """AO3's download HTML (or the body of its EPUB) has a preface with typed tags."""
    return tree.css_first("#preface dl.tags, div.meta dl.tags") is not None


def is_ao3_page(tree: LexborHTMLParser) -> bool:
    """A saved AO3 work page has ``dl.work.meta`` and ``div#workskin``."""
    return tree.css_first("dl.work.meta, #workskin") is not None


def read_ao3_download(tree: LexborHTMLParser) -> tuple[TextBuilder, Metadata]:
    """Read AO3's downloaded HTML (or the concatenated spine of its EPUB)."""
    fields = _preface_fields(tree)
    title = text_of(tree.css_first("#preface h1, div.meta h1")) or text_of(
        tree.css_first("p.message b")
    )
    builder = TextBuilder()
    summary = _labelled_blockquotes(tree.css_first("#preface div.meta, div.meta"))
    builder.add_note(summary.get("summary", []), "summary")
    builder.add_note(summary.get("notes", []), "author_before")
    chapter_titles = _download_chapters(tree, builder)
    endnotes = tree.css_first("#afterword #endnotes blockquote, #endnotes blockquote")
    builder.add_note(paragraphs_of(endnotes), "author_after")
    links = [a.attributes.get("href") or "" for a in tree.css("p.message a")]
    work_urls = [link for link in links if "/works/" in link]
    stats = fields.pop("stats", [""])[0]
    stat_values = dict(_STATS.findall(stats))
    metadata = Metadata(
        title=title or None,
        authors=unique(text_of(a) for a in tree.css(".byline a[rel=author]"))
        or _byline_names(tree),
        summary="\n\n".join(summary.get("summary", [])) or None,
        rating=normalise_ao3_rating(next(iter(fields.get("rating", [])), None)),
        warnings=unique(fields.get("warnings", [])),
        categories=unique(fields.get("categories", [])),
        fandoms=unique(fields.get("fandoms", [])),
        relationships=unique(fields.get("relationships", [])),
        characters=unique(fields.get("characters", [])),
        freeforms=unique(fields.get("freeforms", [])),
        language=next(iter(fields.get("language", [])), None),
        series=unique(fields.get("series", [])),
        chapter_titles=chapter_titles,
        chapters=stat_values.get("Chapters"),
        source_url=work_urls[0] if work_urls else None,
        words=parse_count(stat_values.get("Words")),
        status=status_from_chapters(stat_values.get("Chapters")),
        published=stat_values.get("Published"),
        updated=stat_values.get("Completed") or stat_values.get("Updated"),
        site="ao3",
    )
    return builder, metadata


def _preface_fields(tree: LexborHTMLParser) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    tags = tree.css_first("dl.tags")
    if tags is None:
        return fields
    label = ""
    for child in tags.iter():
        if child.tag == "dt":
            label = _PREFACE_FIELDS.get(text_of(child).rstrip(":").strip().lower(), "")
        elif child.tag == "dd" and label:
            links = [text_of(a) for a in child.css("a")]
            values = links if links and label not in ("series", "stats") else [text_of(child)]
            if label not in ("series", "stats", "language") and not links:
                values = list(split_tags(text_of(child)))
            fields.setdefault(label, []).extend(values)
    return fields


def _byline_names(tree: LexborHTMLParser) -> tuple[str, ...]:
    byline = text_of(tree.css_first(".byline"))
    byline = re.sub(r"^by\s+", "", byline, flags=re.I)
    return unique(name for name in re.split(r",\s*|\s+and\s+", byline))


def _labelled_blockquotes(meta: LexborNode | None) -> dict[str, list[str]]:
    """In a ``div.meta``, each ``<p>Summary</p>`` or ``<p>Notes</p>`` labels the next blockquote."""
    found: dict[str, list[str]] = {}
    if meta is None:
        return found
    label = ""
    for child in meta.iter():
        if child.tag == "p":
            label = text_of(child).rstrip(":").lower()
        elif child.tag == "blockquote" and label:
            key = "summary" if "summary" in label else "notes" if "note" in label else ""
            if key:
                found.setdefault(key, []).extend(paragraphs_of(child))
            label = ""
    return found


def _download_chapters(tree: LexborHTMLParser, builder: TextBuilder) -> tuple[str, ...]:
    """Walk chapter headings, contents and end notes in document order."""
    titles: list[str] = []
    parts = tree.css("div.meta.group, div.userstuff, div[id^=endnotes]")
    open_chapter = False
    for part in parts:
        classes = (part.attributes.get("class") or "").split()
        part_id = part.attributes.get("id") or ""
        if part_id == "chapters":
            continue
        if part_id.startswith("endnotes") and part_id != "endnotes":
            builder.add_note(paragraphs_of(part.css_first("blockquote")), "author_after")
        elif "group" in classes and "meta" in classes:
            heading = text_of(part.css_first("h2.heading, h2, h3"))
            titles.append(heading)
            builder.start_chapter(heading)
            open_chapter = True
            builder.add_heading(heading)
            notes = _labelled_blockquotes(part)
            builder.add_note(notes.get("summary", []), "summary")
            builder.add_note(notes.get("notes", []), "author_before")
        elif "userstuff" in classes and _is_content(part):
            if not open_chapter:
                builder.start_chapter("")
                open_chapter = True
            builder.add_paragraphs(paragraphs_of(part))
    builder.end_chapter()
    return tuple(titles)


def _is_content(node: LexborNode) -> bool:
    # Chapter content is a div.userstuff that is not inside another one or a meta block.
    parent = node.parent
    while parent is not None:
        classes = (parent.attributes.get("class") or "").split()
        if parent.tag == "div" and ("meta" in classes or "userstuff" in classes):
            return parent.attributes.get("id") == "chapters"
        parent = parent.parent
    return True


def read_ao3_page(tree: LexborHTMLParser) -> tuple[TextBuilder, Metadata]:
    """Read a work page saved from archiveofourown.org."""
    fields: dict[str, list[str]] = {}
    for name in _PAGE_FIELDS:
        values = [text_of(a) for a in tree.css(f"dd.{name}.tags a.tag, dd.{name}.tags a")]
        fields[_PAGE_TARGET[name]] = list(unique(values))
    for landmark in tree.css("h3.landmark"):
        landmark.decompose()
    builder = TextBuilder()
    preface = tree.css_first("#workskin > div.preface.group, div.preface.group")
    summary = paragraphs_of(preface.css_first("div.summary blockquote") if preface else None)
    builder.add_note(summary, "summary")
    builder.add_note(
        paragraphs_of(preface.css_first("div.notes blockquote") if preface else None),
        "author_before",
    )
    titles = _page_chapters(tree, builder)
    builder.add_note(paragraphs_of(tree.css_first("#work_endnotes blockquote")), "author_after")
    chapters = text_of(tree.css_first("dl.stats dd.chapters")) or None
    canonical = tree.css_first("link[rel=canonical], meta[property='og:url']")
    url = None
    if canonical is not None:
        url = canonical.attributes.get("href") or canonical.attributes.get("content")
    metadata = Metadata(
        title=text_of(tree.css_first("h2.title")) or None,
        authors=unique(text_of(a) for a in tree.css("h3.byline a[rel=author]")),
        summary="\n\n".join(summary) or None,
        rating=normalise_ao3_rating(next(iter(fields["rating"]), None)),
        warnings=tuple(fields["warnings"]),
        categories=tuple(fields["categories"]),
        fandoms=tuple(fields["fandoms"]),
        relationships=tuple(fields["relationships"]),
        characters=tuple(fields["characters"]),
        freeforms=tuple(fields["freeforms"]),
        language=text_of(tree.css_first("dd.language")) or None,
        series=unique(text_of(s) for s in tree.css("dd.series span.position")),
        chapter_titles=titles,
        chapters=chapters,
        source_url=url,
        words=parse_count(text_of(tree.css_first("dl.stats dd.words"))),
        status=status_from_chapters(chapters)
        or parse_status(text_of(tree.css_first("dl.stats dt.status"))),
        published=text_of(tree.css_first("dl.stats dd.published")) or None,
        updated=text_of(tree.css_first("dl.stats dd.status")) or None,
        site="ao3",
    )
    return builder, metadata


def _page_chapters(tree: LexborHTMLParser, builder: TextBuilder) -> tuple[str, ...]:
    chapters = tree.css("#chapters > div.chapter")
    if not chapters:
        builder.start_chapter("")
        builder.add_paragraphs(paragraphs_of(tree.css_first("#chapters div.userstuff")))
        builder.end_chapter()
        return ()
    titles = []
    for chapter in chapters:
        heading = text_of(chapter.css_first("h3.title"))
        titles.append(heading)
        builder.start_chapter(heading)
        builder.add_heading(heading)
        builder.add_note(paragraphs_of(chapter.css_first("#summary blockquote")), "summary")
        builder.add_note(paragraphs_of(chapter.css_first("#notes blockquote")), "author_before")
        builder.add_paragraphs(paragraphs_of(chapter.css_first("div.userstuff")))
        builder.add_note(
            paragraphs_of(chapter.css_first("div.end.notes blockquote")), "author_after"
        )
    builder.end_chapter()
    return tuple(titles)
