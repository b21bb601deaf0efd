"""Structure: find a work's anatomy — notes, chapters, scenes — in its text and markup.

``build_work(raw)`` takes what ingest read and returns a :class:`~ficlens.model.Work`. What a
source's markup states (AO3's chapter and note blocks, ``<hr>``) is taken as given; everything
else is found in the text by the rules of :mod:`ficlens.structure.patterns`, so a pasted
``.txt`` gets the same anatomy as a marked-up download.
"""

from __future__ import annotations

from dataclasses import dataclass

from ficlens.model import Chapter, Marker, Note, NoteKind, RawWork, Scene, Span, Work
from ficlens.structure.chapters import find_headings
from ficlens.structure.frontmatter import merge_front_matter
from ficlens.structure.notes import notes_from_run, scan_notes
from ficlens.structure.paragraphs import Paragraph, split_paragraphs
from ficlens.structure.patterns import HeadingMatch, chapter_heading
from ficlens.structure.scenes import split_scenes

METHOD = "structure.rules.v1"
_MARKUP_KINDS: dict[str, NoteKind] = {
    "summary": "summary",
    "author_before": "author_before",
    "author_after": "author_after",
}
_MIN_PREAMBLE_STORY_WORDS = 30

__all__ = ["METHOD", "build_work"]


@dataclass(frozen=True, slots=True)
class _Region:
    """A chapter-to-be: its span, heading paragraph span and what the heading says."""

    span: Span
    heading: Span | None
    match: HeadingMatch | None
    label: str | None


def build_work(raw: RawWork) -> Work:
    r"""Find the notes, chapters and scenes of a raw work.

    Example:
        >>> from ficlens.ingest import read_bytes
        >>> work = build_work(read_bytes(b"A/N: hi!\n\nChapter 1\n\nIt rained.", path="x.txt"))
        >>> [n.kind for n in work.notes], [c.number for c in work.chapters]
        (['author_before'], [1])
    """
    text = raw.text
    markup_notes = [m for m in raw.markers if m.kind == "note"]
    skip = [m.span for m in raw.markers if m.kind in ("note", "heading")]
    regions, preamble = _regions(raw, skip)
    notes: list[Note] = []
    fields: list[tuple[str, str]] = []
    opens_work = raw.source.flavour in ("plain", "generic", "ffn")
    if preamble is not None:
        before = _paragraphs(text, preamble, skip)
        scan = scan_notes(
            before, chapter=None, opens_work=opens_work,
            title=raw.metadata.title, before_story=True,
        )  # fmt: skip
        # What is left between the opening notes is too short to be a chapter (a title line,
        # a dedication): it is front matter, and inline notes inside it are part of it.
        leftover = before[scan.story[0] : scan.story[1]]
        notes += [n for n in scan.notes if not (leftover and n.kind == "author_inline")]
        notes += notes_from_run(leftover, kind="front_matter", chapter=None)
        fields += scan.fields
        opens_work = False
    chapters: list[Chapter] = []
    for number, region in enumerate(regions, start=1):
        heading = [region.heading] if region.heading else []
        paragraphs = _paragraphs(text, region.span, skip + heading)
        scan = scan_notes(
            paragraphs, chapter=number, opens_work=opens_work and number == 1,
            title=raw.metadata.title,
        )  # fmt: skip
        notes += scan.notes
        fields += scan.fields
        story = paragraphs[scan.story[0] : scan.story[1]]
        inline = [n for n in scan.notes if n.kind == "author_inline"]
        chapters.append(
            _chapter(number, region, split_scenes(story, text=text, inline_notes=inline))
        )
    for marker in markup_notes:
        notes += _markup_notes(text, marker, regions)
    notes.sort(key=lambda n: n.span.start)
    metadata = merge_front_matter(raw.metadata, fields)
    return Work(
        text=text,
        metadata=metadata,
        source=raw.source,
        notes=tuple(notes),
        chapters=tuple(chapters),
        methods=(("structure", METHOD),),
    )


def _paragraphs(text: str, region: Span, skip: list[Span]) -> list[Paragraph]:
    return [p for p in split_paragraphs(text, region) if not any(s.overlaps(p.span) for s in skip)]


def _markup_notes(text: str, marker: Marker, regions: list[_Region]) -> list[Note]:
    """A note block the markup declared; disclaimers inside it become notes of their own."""
    chapter = next((i for i, r in enumerate(regions, 1) if r.span.contains(marker.span)), None)
    kind: NoteKind = _MARKUP_KINDS.get(marker.label, "author_before")
    if kind == "summary":
        return [Note(kind, marker.span, chapter, (), "markup")]
    paragraphs = split_paragraphs(text, marker.span)
    return notes_from_run(paragraphs, kind=kind, chapter=chapter, method="markup")


def _regions(raw: RawWork, skip: list[Span]) -> tuple[list[_Region], Span | None]:
    """Chapters from the markup when it has them, else from headings in the text."""
    text = raw.text
    marked = [m for m in raw.markers if m.kind == "chapter"]
    if len(marked) > 1 or (marked and not _has_text_chapters(text, marked[0].span, skip)):
        headings = [m.span for m in raw.markers if m.kind == "heading"]
        regions = [_marked_region(m, headings) for m in marked]
        first = marked[0].span.start
        preamble = Span(0, first) if text[:first].strip() else None
        return regions, preamble
    whole = marked[0].span if marked else Span(0, len(text))
    paragraphs = _paragraphs(text, whole, skip)
    found = find_headings(paragraphs)
    if not found:
        return [_Region(whole, None, None, None)], None
    starts = [paragraphs[h.index].span.start for h in found]
    ends = [*starts[1:], whole.end]
    regions = [
        _Region(
            Span(start, _trim_end(text, start, end)),
            paragraphs[h.index].span,
            h.match,
            None,
        )
        for h, start, end in zip(found, starts, ends, strict=True)
    ]
    preamble_span = Span(whole.start, starts[0])
    before = [p for p in paragraphs if p.span.end <= starts[0]]
    if not before:
        return regions, None
    scan = scan_notes(before, chapter=None, opens_work=True, title=raw.metadata.title)
    story = before[scan.story[0] : scan.story[1]]
    if sum(len(p.text.split()) for p in story) >= _MIN_PREAMBLE_STORY_WORDS:
        untitled = _Region(Span(story[0].span.start, preamble_span.end), None, None, None)
        head = Span(preamble_span.start, story[0].span.start)
        return [untitled, *regions], head if text[head.start : head.end].strip() else None
    return regions, preamble_span


def _has_text_chapters(text: str, span: Span, skip: list[Span]) -> bool:
    return len(find_headings(_paragraphs(text, span, skip))) > 1


def _marked_region(marker: Marker, headings: list[Span]) -> _Region:
    heading = next((h for h in headings if marker.span.contains(h)), None)
    label = marker.label.strip() or None
    return _Region(marker.span, heading, chapter_heading(label) if label else None, label)


def _trim_end(text: str, start: int, end: int) -> int:
    return start + len(text[start:end].rstrip())


def _chapter(number: int, region: _Region, scenes: tuple[Scene, ...]) -> Chapter:
    match = region.match
    title = match.title if match else region.label
    return Chapter(
        index=number,
        title=title,
        span=region.span,
        heading_span=region.heading,
        kind=match.kind if match else "chapter",
        number=match.number if match else None,
        scenes=scenes,
    )
