"""EPUB sources: AO3's, FanFicFare's and any other, read in spine order.

The archive is checked before anything is unpacked: entry names that escape the book
(absolute paths, ``..``), too many entries, and entries that decompress past the limits are
refused with the reason.
"""

from __future__ import annotations

import io
import posixpath
import re
import warnings
import zipfile
from dataclasses import replace

import ebooklib
from ebooklib import epub
from selectolax.lexbor import LexborHTMLParser, LexborNode

from ficlens.errors import InputError, TooLargeError
from ficlens.ingest.ao3 import is_ao3_download, read_ao3_download
from ficlens.ingest.builder import TextBuilder
from ficlens.ingest.fields import (
    normalise_ao3_rating,
    parse_count,
    parse_status,
    split_tags,
    unique,
)
from ficlens.ingest.htmltext import paragraphs_of, parse_html, text_of
from ficlens.model import Metadata, SourceFlavour
from ficlens.settings import Settings

AO3_CATEGORIES = frozenset({"F/F", "F/M", "Gen", "M/M", "Multi", "Other"})
_FFF_PAGES = ("title_page", "toc_page")
_NOTE_LABEL = re.compile(r"^\s*(?:chapter\s+)?(?:end\s+)?(?:notes?|summary)\s*:?\s*$", re.I)
_LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z ]{1,30}):\s*$")


def check_archive(data: bytes, *, path: str, settings: Settings) -> zipfile.ZipFile:
    """Open an EPUB's ZIP container, refusing damaged, hostile or oversized archives.

    Raises:
        InputError: the archive is truncated or corrupt, or an entry escapes the book.
        TooLargeError: too many entries, or they decompress past the limits.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise InputError(path, f"truncated or corrupt EPUB ({error})") from None
    if len(entries) > settings.max_archive_entries:
        raise TooLargeError(
            path, f"EPUB has {len(entries)} entries; the limit is {settings.max_archive_entries}"
        )
    total = 0
    for entry in entries:
        name = entry.filename
        normal = posixpath.normpath(name)
        if name.startswith(("/", "\\")) or normal.startswith("..") or re.match(r"^[A-Za-z]:", name):
            raise InputError(path, f"EPUB entry {name!r} points outside the book (path traversal)")
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > 1024 * 1024 and ratio > settings.max_compression_ratio:
            raise TooLargeError(
                path,
                f"EPUB entry {name!r} expands {ratio:.0f}-fold to {entry.file_size} bytes "
                f"(limit {settings.max_compression_ratio}-fold): refusing a likely zip bomb",
            )
    if total > settings.max_archive_bytes:
        raise TooLargeError(
            path,
            f"EPUB decompresses to {total} bytes; the limit is {settings.max_archive_bytes} "
            "(raise --max-archive-bytes to read it)",
        )
    bad = archive.testzip() if len(data) < 64 * 1024 * 1024 else None
    if bad is not None:
        raise InputError(path, f"EPUB entry {bad!r} is corrupt (CRC mismatch)")
    return archive


def read_epub_bytes(
    data: bytes, *, path: str, settings: Settings
) -> tuple[TextBuilder, Metadata, SourceFlavour]:
    """Read an EPUB's spine and recognise AO3 and FanFicFare books.

    Raises:
        InputError: the EPUB is damaged or has no readable spine.
    """
    check_archive(data, path=path, settings=settings)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ebooklib warns about its own future defaults
            book = epub.read_epub(io.BytesIO(data), options={"ignore_ncx": True})
    except Exception as error:  # ebooklib raises bare KeyError, ValueError, lxml errors...
        raise InputError(path, f"not a readable EPUB ({type(error).__name__}: {error})") from None
    documents = _spine_documents(book)
    if not documents:
        raise InputError(path, "EPUB has no text documents in its spine")
    joined = "".join(f"<section data-href='{name}'>{body}</section>" for name, body in documents)
    tree = parse_html(f"<html><body>{joined}</body></html>")
    if is_ao3_download(tree):
        builder, metadata = read_ao3_download(tree)
        return builder, _with_opf(metadata, book), "ao3"
    if _is_fanficfare(book, tree):
        builder, metadata = _read_fanficfare(tree)
        return builder, _with_opf(metadata, book), "fanficfare"
    builder = _read_generic(documents)
    return builder, _with_opf(Metadata(), book), "generic"


def _spine_documents(book: epub.EpubBook) -> list[tuple[str, str]]:
    documents = []
    for item_id, _linear in book.spine:
        item = book.get_item_with_id(item_id)
        if item is None or item.get_type() != ebooklib.ITEM_DOCUMENT:
            continue
        if isinstance(item, epub.EpubNav):
            continue
        content = item.get_content().decode("utf-8", errors="replace")
        body = parse_html(content).body
        if body is not None:
            documents.append((item.get_name(), body.html or ""))
    return documents


def _first(book: epub.EpubBook, name: str) -> str | None:
    values = book.get_metadata("DC", name)
    return str(values[0][0]).strip() if values else None


def _with_opf(metadata: Metadata, book: epub.EpubBook) -> Metadata:
    """Fill what the preface did not say from the OPF's Dublin Core metadata."""
    creators = tuple(str(value).strip() for value, _ in book.get_metadata("DC", "creator"))
    description = _first(book, "description")
    if description and "<" in description:
        description = text_of(LexborHTMLParser(description).body)
    return replace(
        metadata,
        title=metadata.title or _first(book, "title"),
        authors=metadata.authors or unique(creators),
        summary=metadata.summary or description,
        language=metadata.language or _first(book, "language"),
        source_url=metadata.source_url or _url(_first(book, "source")),
        freeforms=metadata.freeforms
        or unique(str(value) for value, _ in book.get_metadata("DC", "subject")),
    )


def _url(value: str | None) -> str | None:
    return value if value and value.startswith(("http://", "https://")) else None


def _is_fanficfare(book: epub.EpubBook, tree: LexborHTMLParser) -> bool:
    contributors = " ".join(str(v) for v, _ in book.get_metadata("DC", "contributor"))
    if "fanficfare" in contributors.lower():
        return True
    if tree.css_first(".fff_chapter_title, .fff_chapter_notes") is not None:
        return True
    return _title_page(tree) is not None


def _title_page(tree: LexborHTMLParser) -> LexborNode | None:
    return next(
        (s for s in tree.css("section") if "title_page" in (s.attributes.get("data-href") or "")),
        None,
    )


def _title_page_fields(tree: LexborHTMLParser) -> dict[str, str]:
    """FanFicFare's title page writes ``<b>Label:</b> value<br/>`` (or a two-column table)."""
    page = _title_page(tree)
    fields: dict[str, str] = {}
    if page is None:
        return fields
    label = ""
    for node in page.traverse(include_text=True):
        if node.tag in ("b", "strong") and _LABEL.match(text_of(node)):
            label = text_of(node).rstrip(":").strip().lower()
            fields[label] = ""
        elif node.tag == "-text" and label and _outside_label(node):
            fields[label] = (fields[label] + " " + (node.text_content or "")).strip()
        elif node.tag == "br":
            label = ""
    return fields


def _outside_label(node: LexborNode) -> bool:
    return node.parent is not None and node.parent.tag not in ("b", "strong")


def _read_fanficfare(tree: LexborHTMLParser) -> tuple[TextBuilder, Metadata]:
    fields = _title_page_fields(tree)
    genre = list(split_tags(fields.get("genre", "")))
    freeforms = split_tags(fields.get("freeform tags", "")) or tuple(
        g for g in genre if g not in AO3_CATEGORIES
    )
    categories = split_tags(fields.get("ao3 categories", "")) or tuple(
        g for g in genre if g in AO3_CATEGORIES
    )
    builder = TextBuilder()
    titles = []
    for section in tree.css("section"):
        if any(page in (section.attributes.get("data-href") or "") for page in _FFF_PAGES):
            continue  # FanFicFare's title and contents pages are not chapters
        heading = section.css_first(".fff_chapter_title, h1, h2, h3")
        title = text_of(heading)
        if heading is not None:
            heading.decompose()
        before, after = _split_fff_notes(section)
        paragraphs = paragraphs_of(section)
        if not paragraphs and not before and not after:
            continue
        titles.append(title)
        builder.start_chapter(title)
        builder.add_heading(title)
        builder.add_note(before, "author_before")
        builder.add_paragraphs(paragraphs)
        builder.add_note(after, "author_after")
    builder.end_chapter()
    rating = fields.get("rating")
    metadata = Metadata(
        title=fields.get("title"),
        authors=split_tags(fields.get("author", "")),
        summary=fields.get("summary"),
        rating=normalise_ao3_rating(rating),
        warnings=split_tags(fields.get("warnings", "")),
        categories=categories,
        fandoms=split_tags(fields.get("fandoms", "") or fields.get("category", "")),
        relationships=split_tags(fields.get("relationships", "") or fields.get("ships", "")),
        characters=split_tags(fields.get("characters", "")),
        freeforms=tuple(freeforms),
        language=fields.get("language"),
        series=split_tags(fields.get("series", "")),
        chapter_titles=tuple(titles),
        chapters=fields.get("chapters"),
        source_url=_url(fields.get("story url") or fields.get("url")),
        words=parse_count(fields.get("words")),
        status=parse_status(fields.get("status")),
        published=fields.get("published"),
        updated=fields.get("updated"),
        site=fields.get("publisher") or fields.get("site"),
    )
    return builder, metadata


def _split_fff_notes(section: LexborNode) -> tuple[list[str], list[str]]:
    """Notes blocks before the chapter's first paragraph are head notes, the rest foot notes."""
    before: list[str] = []
    after: list[str] = []
    seen_text = False
    for child in section.iter():
        classes = (child.attributes.get("class") or "").split()
        if "fff_chapter_notes" in classes:
            target = after if seen_text or "fff_foot_notes" in classes else before
            paragraphs = paragraphs_of(child)
            if paragraphs and _NOTE_LABEL.match(paragraphs[0]):
                paragraphs = paragraphs[1:]  # FanFicFare's own "Notes:" caption, not the note
            target.extend(paragraphs)
            child.decompose()
        elif text_of(child):
            seen_text = True
    return before, after


def _read_generic(documents: list[tuple[str, str]]) -> TextBuilder:
    """Each spine document with text becomes a chapter; its first heading is the title."""
    builder = TextBuilder()
    for _name, body in documents:
        tree = parse_html(f"<html><body>{body}</body></html>")
        heading = tree.css_first("h1, h2, h3")
        title = text_of(heading)
        if heading is not None:
            heading.decompose()
        paragraphs = paragraphs_of(tree.body)
        if not paragraphs:
            continue
        builder.start_chapter(title)
        builder.add_heading(title)
        builder.add_paragraphs(paragraphs)
    builder.end_chapter()
    return builder
