"""Shared fixtures: fixture files, text-to-Work building, and EPUB/ZIP builders.

EPUB fixtures are built here at test time (never committed as binaries): ``make_epub`` writes a
well-formed book with ebooklib, ``make_zip`` writes raw ZIP entries for hostile archives.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path

import pytest
from ebooklib import epub

from ficlens.ingest import read_bytes
from ficlens.library.throwaway import ThrowawayPostgres, throwaway_postgres, unavailable
from ficlens.model import Span, Work
from ficlens.nlp import Entity, Parsed, Token
from ficlens.structure import build_work
from ficlens.structure.patterns import is_scene_break

FIXTURES = Path(__file__).parent / "fixtures"

EPUB_MIMETYPE = b"application/epub+zip"
CONTAINER_XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""
CONTENT_OPF = b"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:00000000-0000-4000-8000-000000000001</dc:identifier>
    <dc:title>The Gravel Path</dc:title>
    <dc:language>en</dc:language>
  </metadata>
  <manifest>
    <item id="c1" href="chapter1.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine>
    <itemref idref="c1"/>
  </spine>
</package>
"""
CHAPTER_XHTML = b"""<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>One</title></head>
<body><h2>The Gravel Path</h2>
<p>Sorrel raked the gravel path into spirals every morning.</p>
<p>Every night something undid them.</p>
</body></html>
"""

# (file name, document title, body HTML)
EpubDocument = tuple[str, str, str]

# A hand-written token: (word, tag, dep, head row) or (word, tag, dep, head row, entity label)
TokenRow = tuple[str, str, str, int] | tuple[str, str, str, int, str]


@pytest.fixture
def fixture_path() -> Callable[[str], Path]:
    """Return the path of a file in ``tests/fixtures``, failing clearly if it is missing."""

    def get(name: str) -> Path:
        path = FIXTURES / name
        assert path.is_file(), f"missing test fixture {path}"
        return path

    return get


@pytest.fixture
def build_text() -> Callable[..., Work]:
    """Build a Work from a story written as a string, the way a pasted ``.txt`` is read."""

    def build(text: str, *, path: str = "x.txt", newline: str = "\n") -> Work:
        data = text.replace("\n", newline).encode("utf-8")
        return build_work(read_bytes(data, path=path))

    return build


def covered_spans(work: Work) -> list[Span]:
    """Every stretch the anatomy accounts for: notes, headings, scene segments, breaks."""
    spans = [note.span for note in work.notes]
    for chapter in work.chapters:
        if chapter.heading_span is not None:
            spans.append(chapter.heading_span)
        for scene in chapter.scenes:
            spans.extend(scene.segments)
            spans.extend(s for s in (scene.heading_span, scene.break_before) if s is not None)
    return spans


def lost_text(work: Work) -> str:
    """The non-whitespace characters outside every note, heading, segment and break line."""
    text = work.text
    covered = bytearray(len(text))
    for span in covered_spans(work):
        covered[span.start : span.end] = b"\x01" * len(span)
    offset = 0
    for line in text.splitlines(keepends=True):
        if is_scene_break(line):
            covered[offset : offset + len(line)] = b"\x01" * len(line)
        offset += len(line)
    return "".join(c for c, done in zip(text, covered, strict=True) if not done and not c.isspace())


@pytest.fixture(scope="session")
def story_lost() -> Callable[[Work], str]:
    """``story_lost(work)`` is the text no note, heading, segment or break line accounts for."""
    return lost_text


@pytest.fixture
def make_epub() -> Callable[..., bytes]:
    """Write a well-formed EPUB with ebooklib and return its bytes.

    The builder takes the spine documents as ``(file name, title, body HTML)`` and optional
    Dublin Core metadata.
    """

    def make(
        documents: Sequence[EpubDocument],
        *,
        title: str = "Untitled",
        author: str = "Anonymous",
        subjects: Sequence[str] = (),
        contributors: Sequence[str] = (),
        description: str | None = None,
        source: str | None = None,
    ) -> bytes:
        book = epub.EpubBook()
        book.set_identifier("urn:uuid:00000000-0000-4000-8000-0000000000aa")
        book.set_title(title)
        book.set_language("en")
        book.add_author(author)
        for subject in subjects:
            book.add_metadata("DC", "subject", subject)
        for contributor in contributors:
            book.add_metadata("DC", "contributor", contributor)
        if description is not None:
            book.add_metadata("DC", "description", description)
        if source is not None:
            book.add_metadata("DC", "source", source)
        items = []
        for number, (file_name, doc_title, body) in enumerate(documents, start=1):
            item = epub.EpubHtml(uid=f"doc{number}", file_name=file_name, title=doc_title)
            item.content = (
                f"<html><head><title>{doc_title}</title></head><body>{body}</body></html>"
            ).encode()
            book.add_item(item)
            items.append(item)
        book.add_item(epub.EpubNcx())
        book.add_item(epub.EpubNav())
        book.toc = items
        book.spine = items
        buffer = io.BytesIO()
        epub.write_epub(buffer, book, {"raise_exceptions": True})
        return buffer.getvalue()

    return make


@pytest.fixture
def make_zip() -> Callable[..., bytes]:
    """Write a ZIP from raw ``(entry name, bytes)`` pairs, entry names kept exactly as given.

    With ``epub=True`` (the default) the archive starts like an EPUB: a stored ``mimetype``
    entry, ``META-INF/container.xml``, an OPF and one chapter, before the given entries.
    """

    def make(
        entries: Sequence[tuple[str, bytes]],
        *,
        epub: bool = True,
        compression: int = zipfile.ZIP_DEFLATED,
    ) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            if epub:
                archive.writestr(zipfile.ZipInfo("mimetype"), EPUB_MIMETYPE)
                archive.writestr("META-INF/container.xml", CONTAINER_XML, zipfile.ZIP_DEFLATED)
                archive.writestr("OEBPS/content.opf", CONTENT_OPF, zipfile.ZIP_DEFLATED)
                archive.writestr("OEBPS/chapter1.xhtml", CHAPTER_XHTML, zipfile.ZIP_DEFLATED)
            for name, data in entries:
                archive.writestr(zipfile.ZipInfo(name), data, compression)
        return buffer.getvalue()

    return make


def parsed_by_hand(
    text: str,
    rows: Sequence[TokenRow],
    *,
    entities: Sequence[tuple[int, int, str]] = (),
    span: Span | None = None,
    sentence_starts: Collection[int] | None = None,
) -> Parsed:
    """Build a :class:`Parsed` the way the spaCy boundary would, from hand-written rows.

    Each row's word is looked for in ``text`` left to right from the previous row's end, so
    offsets are exact and words inside quotations can simply be left out. ``head`` is a row
    index. ``entities`` are ``(first row, last row, label)``; their rows get the label. A
    sentence starts at the first row and after a row ``.``, ``!`` or ``?`` unless
    ``sentence_starts`` lists the rows that start one.
    """
    piece = span or Span(0, len(text))
    cursor = piece.start
    labels = {row: label for first, last, label in entities for row in range(first, last + 1)}
    tokens = []
    for number, row in enumerate(rows):
        word, tag, dep, head = row[:4]
        start = text.find(word, cursor, piece.end)
        assert start >= 0, f"row {number}: {word!r} not found in the text after {cursor}"
        cursor = start + len(word)
        if sentence_starts is None:
            sent_start = number == 0 or rows[number - 1][0] in (".", "!", "?")
        else:
            sent_start = number in sentence_starts
        ent = row[4] if len(row) > 4 else labels.get(number, "")
        tokens.append(Token(start, cursor, word, tag, dep, head, ent, sent_start))
    found = tuple(
        Entity(Span(tokens[first].start, tokens[last].end), label,
               text[tokens[first].start : tokens[last].end])
        for first, last, label in entities
    )  # fmt: skip
    return Parsed(piece, tuple(tokens), found)


@pytest.fixture(scope="session")
def make_parsed() -> Callable[..., Parsed]:
    """``make_parsed(text, rows, entities=..., span=...)``: a hand-built parse (see
    :func:`parsed_by_hand`), for testing the cast and dialogue rules without spaCy.
    """
    return parsed_by_hand


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[ThrowawayPostgres]:
    """A throwaway PostgreSQL server for the whole session (one for every test folder).

    It needs root and Debian's ``postgresql`` (``make postgresql``); otherwise the tests that
    use it skip, saying why (see :mod:`ficlens.library.throwaway`).
    """
    reason = unavailable()
    if reason is not None:
        pytest.skip(reason)
    with throwaway_postgres() as server:
        yield server
