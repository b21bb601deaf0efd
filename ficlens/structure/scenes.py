"""Split a chapter's story paragraphs into scenes at breaks and time-skip headings."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from ficlens.model import Note, Scene, SceneKind, Span
from ficlens.structure.paragraphs import Paragraph
from ficlens.structure.patterns import is_scene_break, time_heading

METHOD = "scenes.rules.v1"
_MIN_BLANK_BREAK = 3


def _blank_break(paragraph: Paragraph, typical_gap: float) -> bool:
    """A run of blank lines well beyond the text's usual spacing is a scene break."""
    return paragraph.gap_before >= max(_MIN_BLANK_BREAK, 2 * typical_gap + 2)


def split_scenes(
    paragraphs: Sequence[Paragraph], *, text: str, inline_notes: Sequence[Note] = ()
) -> tuple[Scene, ...]:
    """Group story paragraphs into scenes.

    A scene ends at a scene-break line (``* * *``, ``-x-``...), at a long run of blank lines,
    or where a time-skip heading (``-Two Weeks Later-``) opens the next scene; the heading
    belongs to the scene it opens. Inline author's notes are cut out of the scenes' segments.

    Args:
        paragraphs: the story paragraphs of one chapter, in order.
        text: the work's text, to place blank-line breaks.
        inline_notes: notes inside the story, which scene segments must not cover.
    """
    typical = median([p.gap_before for p in paragraphs[1:]] or [1])
    scenes: list[Scene] = []
    current: list[Paragraph] = []
    heading: tuple[SceneKind, str, Span] | None = None
    break_before: Span | None = None

    def close() -> None:
        nonlocal heading, break_before
        if current or heading:
            scenes.append(
                _scene(len(scenes) + 1, current, heading, break_before, (text, inline_notes))
            )
        current.clear()
        heading = None
        break_before = None

    for index, paragraph in enumerate(paragraphs):
        if is_scene_break(paragraph.text):
            close()
            break_before = paragraph.span
            continue
        if index and _blank_break(paragraph, typical) and current:
            close()
            break_before = _blank_span(text, paragraphs[index - 1].span.end, paragraph.span.start)
        if any(note.span.contains(paragraph.span) for note in inline_notes):
            continue  # an author's note between story paragraphs is a hole, not story
        found = time_heading(paragraph.text)
        if found is not None:
            if current or heading is not None:
                close()  # two headings in a row: the first opens a scene of its own
            heading = (found[0], found[1], paragraph.span)
            continue
        current.append(paragraph)
    close()
    return tuple(scenes)


def _blank_span(text: str, after: int, before: int) -> Span:
    start = text.find("\n", after, before)
    return Span(start if start >= 0 else after, before)


def _scene(
    index: int,
    paragraphs: Sequence[Paragraph],
    heading: tuple[SceneKind, str, Span] | None,
    break_before: Span | None,
    context: tuple[str, Sequence[Note]],
) -> Scene:
    starts = [p.span.start for p in paragraphs] + ([heading[2].start] if heading else [])
    ends = [p.span.end for p in paragraphs] + ([heading[2].end] if heading else [])
    span = Span(min(starts), max(ends))
    story = Span(paragraphs[0].span.start, paragraphs[-1].span.end) if paragraphs else None
    return Scene(
        index=index,
        span=span,
        segments=_segments(story, *context) if story else (),
        kind=heading[0] if heading else "scene",
        heading=heading[1] if heading else None,
        heading_span=heading[2] if heading else None,
        break_before=break_before,
    )


def _segments(span: Span, text: str, notes: Sequence[Note]) -> tuple[Span, ...]:
    """The scene's span with the inline notes inside it cut out, whitespace trimmed."""
    pieces: list[Span] = []
    cursor = span.start
    for note in sorted(notes, key=lambda n: n.span.start):
        if not span.overlaps(note.span):
            continue
        if note.span.start > cursor:
            pieces.append(Span(cursor, note.span.start))
        cursor = max(cursor, note.span.end)
    if cursor < span.end:
        pieces.append(Span(cursor, span.end))
    segments = []
    for piece in pieces:
        chunk = text[piece.start : piece.end]
        start = piece.start + len(chunk) - len(chunk.lstrip())
        end = piece.end - (len(chunk) - len(chunk.rstrip()))
        if end > start:
            segments.append(Span(start, end))
    return tuple(segments)
