"""Find author's notes, disclaimers and front matter among a chapter's paragraphs.

Notes are found where fic writers put them: a run at the start of a chapter (opened by
``A/N:``, ``Author's Note``, a disclaimer or a bracket), a run at its end (notes, review
requests, sign-offs), and inline paragraphs or bracketed asides in the middle. Nothing is
removed: notes are labelled spans, and the story keeps every other character.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ficlens.model import Note, NoteKind, Span
from ficlens.structure.paragraphs import Paragraph
from ficlens.structure.patterns import (
    chapter_heading,
    has_author_cues,
    header_field,
    is_disclaimer,
    is_landmark,
    is_review_request,
    is_scene_break,
    is_signoff,
    is_story_start,
    starts_note,
    time_heading,
)

METHOD = "notes.rules.v1"
_MAX_DISCLAIMER_WORDS = 60
_MAX_CUE_WORDS = 120
_MAX_BRACKET_PARAGRAPHS = 12
# "(A/N: ...)", "[Author's note - ...]"; bare "an"/"note" need a colon or dash: "(an hour ago)".
_INLINE_ASIDE = re.compile(
    r"[(\[](?:(?:a/n|a\.n\.|author'?s note|author note)\s*[:\-–—]?|(?:an|note|n/a)\s*[:\-–—])"
    r"\s*[^()\[\]]{1,600}[)\]]",
    re.I,
)
_BY_LINE = re.compile(r"^by\s*:?\s+\S.{0,80}$", re.I)
_BY_PREFIX = re.compile(r"^by\s*:?\s*", re.I)


@dataclass(frozen=True, slots=True)
class NoteScan:
    """The notes of one chapter and where its story lies.

    Attributes:
        notes: the notes found, in text order.
        story: the index range ``[start, end)`` of paragraphs between start and end notes.
        fields: front-matter fields (``("rating", "T")``) when the chapter opens the work.
    """

    notes: tuple[Note, ...]
    story: tuple[int, int]
    fields: tuple[tuple[str, str], ...] = ()


def _words(paragraph: Paragraph) -> int:
    return len(paragraph.text.split())


def _structural(paragraph: Paragraph) -> bool:
    text = paragraph.text
    return (
        is_scene_break(text) or chapter_heading(text) is not None or time_heading(text) is not None
    )


def _strong(paragraph: Paragraph) -> bool:
    """A paragraph that is a note by itself, whatever surrounds it."""
    text = paragraph.text
    return (
        starts_note(text)
        or (is_disclaimer(text) and _words(paragraph) <= _MAX_DISCLAIMER_WORDS * 2)
        or (is_review_request(text) and _words(paragraph) <= _MAX_CUE_WORDS)
        or is_signoff(text)
    )


def _note_like(paragraph: Paragraph) -> bool:
    if _structural(paragraph):
        return False
    return (
        _strong(paragraph)
        or is_story_start(paragraph.text)
        or (has_author_cues(paragraph.text) and _words(paragraph) <= _MAX_CUE_WORDS)
    )


def _unclosed(texts: Sequence[str]) -> bool:
    joined = "".join(texts)
    opened = joined.lstrip()[:1]
    if opened == "(":
        return joined.count("(") > joined.count(")")
    if opened == "[":
        return joined.count("[") > joined.count("]")
    return False


def _start_run(paragraphs: Sequence[Paragraph], first: int, limit: int) -> int:
    """Return the end (exclusive) of the note run that opens at ``first``."""
    end = first + 1
    while end < limit:
        texts = [p.text for p in paragraphs[first:end]]
        if _unclosed(texts) and end - first < _MAX_BRACKET_PARAGRAPHS:
            end += 1
            continue
        if is_story_start(paragraphs[end - 1].text) and end - 1 > first:
            break
        if not _note_like(paragraphs[end]):
            break
        end += 1
    return end


def _kind_of(paragraph: Paragraph, default: NoteKind) -> NoteKind:
    text = paragraph.text
    if is_disclaimer(text) and _words(paragraph) <= _MAX_DISCLAIMER_WORDS:
        return "disclaimer"
    return default


def _labels(paragraphs: Sequence[Paragraph]) -> tuple[str, ...]:
    labels = []
    texts = [p.text for p in paragraphs]
    if any(is_disclaimer(t) for t in texts):
        labels.append("disclaimer")
    if any(is_review_request(t) for t in texts):
        labels.append("review_request")
    if any(is_signoff(t) for t in texts):
        labels.append("signoff")
    return tuple(labels)


def notes_from_run(
    paragraphs: Sequence[Paragraph],
    *,
    kind: NoteKind,
    chapter: int | None,
    method: str = METHOD,
) -> list[Note]:
    """Turn a run of note paragraphs into notes: disclaimers apart, the rest merged."""
    notes: list[Note] = []
    group: list[Paragraph] = []
    group_kind: NoteKind = kind
    for paragraph in paragraphs:
        this_kind = _kind_of(paragraph, kind)
        if group and this_kind != group_kind:
            notes.append(_note(group, group_kind, chapter, method))
            group = []
        group.append(paragraph)
        group_kind = this_kind
    if group:
        notes.append(_note(group, group_kind, chapter, method))
    return notes


def _note(group: Sequence[Paragraph], kind: NoteKind, chapter: int | None, method: str) -> Note:
    span = Span(group[0].span.start, group[-1].span.end)
    return Note(kind, span, chapter, _labels(group), method)


def scan_front_matter(
    paragraphs: Sequence[Paragraph], *, title: str | None
) -> tuple[list[Note], int, list[tuple[str, str]]]:
    """Read a pasted fic's header: ``Title:``/``Rating:`` lines and a ``Title / by Author`` opening.

    The header of a fest or archive fic is read whole: a few short lines before the first
    field (``Day 7``, ``Recipient: ...``), fields whose value is on the next line or paragraph
    (``Summary:`` alone, then the summary), an ``A/N:`` line among the fields, and a few short
    paragraphs between the fields and a scene break (``Thanks to my beta.`` then ``*~*~*``).

    Returns:
        The notes, the index of the first paragraph after the front matter, and the fields.
    """
    notes: list[Note] = []
    fields: list[tuple[str, str]] = []
    index = _title_lines(paragraphs, title, fields)
    if index:
        notes += notes_from_run(paragraphs[:index], kind="front_matter", chapter=None)
    else:
        index = _lead_lines(paragraphs)
        if index:
            notes += [Note("front_matter", p.span, None, (), METHOD) for p in paragraphs[:index]]
    header_start = len(notes)
    while index < len(paragraphs) and _opens_field(paragraphs[index].text):
        pieces = _field_lines(paragraphs[index])
        for line, field in pieces:
            if field[0] == "note":
                notes.append(Note("author_before", line.span, None, _labels([line]), METHOD))
                continue
            fields.append(field)
            kind = _FIELD_KINDS.get(field[0], "front_matter")
            notes.append(Note(kind, line.span, None, _labels([line]), METHOD))
        index += 1
        key, value = pieces[-1][1]
        if key != "note" and not value and index < len(paragraphs):
            index = _field_value(paragraphs, index, fields, notes)
    if len(notes) - header_start >= _HEADER_FIELDS:
        index = _before_break(paragraphs, index, notes)
    return notes, index, fields


_FIELD_KINDS: dict[str, NoteKind] = {"summary": "summary", "disclaimer": "disclaimer"}
_HEADER_FIELDS = 2
"""Fields that make a header block: with as many, short lines around them are header too."""
_LEAD_PARAGRAPHS = 3
_LEAD_WORDS = 8
_BEFORE_BREAK_PARAGRAPHS = 3
_BEFORE_BREAK_WORDS = 100
_QUOTE_OPENING = tuple("\"“‘'«")


def _title_lines(
    paragraphs: Sequence[Paragraph], title: str | None, fields: list[tuple[str, str]]
) -> int:
    """A ``Title`` then ``by Author`` opening (one paragraph, two, or three with a bare ``By``).

    Returns:
        How many paragraphs it takes (0 when the work does not open so); ``fields`` gains the
        title and the author.
    """
    first_lines = [line.strip() for line in paragraphs[0].text.splitlines()] if paragraphs else []
    if (
        len(first_lines) == 2
        and _BY_LINE.match(first_lines[1])
        and len(first_lines[0].split()) <= 15
    ):
        fields += [("title", first_lines[0]), ("author", _BY_PREFIX.sub("", first_lines[1]))]
        return 1
    texts = [p.text.strip() for p in paragraphs[:3]]
    if len(texts) > 1 and _BY_LINE.match(texts[1]) and len(texts[0].split()) <= 15:
        fields += [("title", texts[0]), ("author", _BY_PREFIX.sub("", texts[1]))]
        return 2
    if (
        len(texts) > 2
        and texts[1].lower() in ("by", "by:")
        and len(texts[0].split()) <= 15
        and len(texts[2].split()) <= 5
    ):
        fields += [("title", texts[0]), ("author", texts[2])]
        return 3
    if texts and title and texts[0].lower() == title.strip().lower():
        return 1
    return 0


def _lead_lines(paragraphs: Sequence[Paragraph]) -> int:
    """Short lines before a header's fields (``Day 7``, ``To: a friend``), or 0.

    They count only when a run of at least ``_HEADER_FIELDS`` field lines follows them.
    """
    for index, paragraph in enumerate(paragraphs[: _LEAD_PARAGRAPHS + 1]):
        if _opens_field(paragraph.text):
            following = sum(
                len(_field_lines(p))
                for p in paragraphs[index : index + _HEADER_FIELDS]
                if _opens_field(p.text)
            )
            return index if following >= _HEADER_FIELDS else 0
        if _words(paragraph) > _LEAD_WORDS or paragraph.text.lstrip().startswith(_QUOTE_OPENING):
            return 0
    return 0


def _field_value(
    paragraphs: Sequence[Paragraph], index: int, fields: list[tuple[str, str]], notes: list[Note]
) -> int:
    """A field given alone (``Summary:``) takes the next paragraph, unless it is a field too.

    ``fields[-1]`` and ``notes[-1]`` are that field and its note; both grow to hold the value.
    """
    paragraph = paragraphs[index]
    if _opens_field(paragraph.text) or _structural(paragraph) or _words(paragraph) > _MAX_CUE_WORDS:
        return index
    key = fields[-1][0]
    fields[-1] = (key, " ".join(paragraph.text.split()))
    last = notes[-1]
    notes[-1] = Note(
        last.kind, Span(last.span.start, paragraph.span.end), None, last.labels, METHOD
    )
    return index + 1


def _before_break(paragraphs: Sequence[Paragraph], index: int, notes: list[Note]) -> int:
    """Notes between a header and the scene break that ends it, not the story's first scene.

    They are short and read as notes (``Thanks to my beta.``).
    """
    for end in range(index, min(index + _BEFORE_BREAK_PARAGRAPHS, len(paragraphs) - 1) + 1):
        paragraph = paragraphs[end]
        if is_scene_break(paragraph.text):
            if end > index:
                notes += notes_from_run(paragraphs[index:end], kind="author_before", chapter=None)
            return end
        if not _note_like(paragraph) or _words(paragraph) > _BEFORE_BREAK_WORDS:
            break
    return index


def _opens_field(text: str) -> bool:
    """Whether a paragraph's first line is a header field (``Rating: T``, or ``Summary:``)."""
    line = text.split("\n", maxsplit=1)[0].strip()
    return header_field(line) is not None


def _field_lines(paragraph: Paragraph) -> list[tuple[Paragraph, tuple[str, str]]]:
    """Split a header paragraph into its field lines; other lines continue the last.

    A line opening an author's note (``A/N: ...``) is its own piece, keyed ``note``. A field
    with no value on its line (``Author:``) takes the next line as its value.
    """
    found: list[tuple[Paragraph, tuple[str, str]]] = []
    offset = paragraph.span.start
    for raw in paragraph.text.split("\n"):
        line = raw.rstrip("\r")
        start = offset + len(line) - len(line.lstrip())
        end = offset + len(line.rstrip())
        offset += len(raw) + 1
        if end <= start:
            continue
        text = line.strip()
        field = header_field(text)
        if field is None and starts_note(text):
            field = ("note", text)
        piece = Paragraph(Span(start, end), 0, text)
        if field or not found:
            found.append((piece, field or ("", text)))
        else:
            previous, (name, value) = found[-1]
            merged = Paragraph(Span(previous.span.start, end), 0, previous.text + " " + text)
            found[-1] = (merged, (name, f"{value} {text}".strip()))
    return found


def scan_notes(
    paragraphs: Sequence[Paragraph],
    *,
    chapter: int | None,
    opens_work: bool = False,
    title: str | None = None,
    before_story: bool = False,
) -> NoteScan:
    """Find a chapter's notes.

    Args:
        paragraphs: the chapter's paragraphs, without its heading.
        chapter: the chapter's number for the notes, or ``None`` for work-level notes.
        opens_work: whether this stretch starts the work (front matter is read only there).
        title: the declared title, so that a leading title line is recognised.
        before_story: the stretch precedes the first chapter, so closing notes are
            ``author_before`` too.
    """
    notes: list[Note] = []
    fields: list[tuple[str, str]] = []
    start = 0
    while start < len(paragraphs) and is_landmark(paragraphs[start].text):
        where = None if opens_work else chapter
        notes.append(Note("front_matter", paragraphs[start].span, where, (), METHOD))
        start += 1
    if opens_work:
        front, skipped, fields = scan_front_matter(paragraphs[start:], title=title)
        notes += front
        start += skipped
    start = _scan_start(paragraphs, start, notes, chapter)
    end = _scan_end(paragraphs, start, notes, chapter, before_story=before_story)
    notes += _inline_notes(paragraphs[start:end], chapter)
    notes.sort(key=lambda note: note.span.start)
    return NoteScan(tuple(notes), (start, end), tuple(fields))


def _scan_start(
    paragraphs: Sequence[Paragraph], start: int, notes: list[Note], chapter: int | None
) -> int:
    index = start
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if is_scene_break(paragraph.text) and notes and index > 0:
            index += 1  # a break after opening notes separates them from the story
            continue
        if not _strong(paragraph) or is_signoff(paragraph.text):
            break
        end = _start_run(paragraphs, index, len(paragraphs))
        notes += notes_from_run(paragraphs[index:end], kind="author_before", chapter=chapter)
        index = end
    return index


def _scan_end(
    paragraphs: Sequence[Paragraph],
    start: int,
    notes: list[Note],
    chapter: int | None,
    *,
    before_story: bool,
) -> int:
    end = len(paragraphs)
    first = end
    while first > start and _note_like(paragraphs[first - 1]):
        first -= 1
    while first < end and not _strong(paragraphs[first]):
        first += 1  # a run must open with a real note, not a story line that thanks someone
    if first < end:
        kind: NoteKind = "author_before" if before_story else "author_after"
        notes += notes_from_run(paragraphs[first:end], kind=kind, chapter=chapter)
        end = first
    while end > start and is_scene_break(paragraphs[end - 1].text) and first < len(paragraphs):
        end -= 1  # the break before closing notes belongs to neither scene nor note
    return end


def _inline_notes(paragraphs: Sequence[Paragraph], chapter: int | None) -> list[Note]:
    found: list[Note] = []
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if starts_note(paragraph.text):
            end = index + 1
            while _unclosed([p.text for p in paragraphs[index:end]]) and end < len(paragraphs):
                end += 1
            span = Span(paragraph.span.start, paragraphs[end - 1].span.end)
            found.append(
                Note("author_inline", span, chapter, _labels(paragraphs[index:end]), METHOD)
            )
            index = end
            continue
        for match in _INLINE_ASIDE.finditer(paragraph.text):
            span = Span(paragraph.span.start + match.start(), paragraph.span.start + match.end())
            found.append(Note("author_inline", span, chapter, (), METHOD))
        index += 1
    return found
