"""Split a chapter's story paragraphs into scenes at breaks and at time or point-of-view lines."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from ficlens.model import Note, Scene, SceneKind, Span
from ficlens.structure.paragraphs import Paragraph
from ficlens.structure.patterns import is_scene_break, pov_heading, strip_decoration, time_heading

METHOD = "scenes.rules.v2"
_MIN_BLANK_BREAK = 3
SPACING_WINDOW = 8
"""A paragraph's spacing is compared with this many paragraphs' on each side as well as the
whole chapter's: a text whose second half sets every paragraph three blank lines apart has no
scene break at each of them."""
LAYOUT_RUN = 3
LAYOUT_WORDS = 40
"""This many one-paragraph stretches in a row, each of at most ``LAYOUT_WORDS`` words and set
off by blank lines, are a laid-out document (a flyer, a list, lines spaced for effect), not
scenes."""


def _blank_breaks(paragraphs: Sequence[Paragraph]) -> set[int]:
    """The indices of the paragraphs a run of blank lines opens a scene before.

    A run is a break when it is well beyond the chapter's usual spacing; where the spacing of
    the paragraphs before or after it (:data:`SPACING_WINDOW`) would itself be a break by that
    measure, the text has changed its spacing there, and the run must be well beyond theirs. Nor is
    the spacing of a laid-out run of short lines a break (:data:`LAYOUT_RUN`).
    """
    gaps = [p.gap_before for p in paragraphs]
    typical = median(gaps[1:] or [1])
    found = set()
    for index in range(1, len(paragraphs)):
        before = gaps[max(1, index - SPACING_WINDOW) : index]
        after = gaps[index + 1 : index + 1 + SPACING_WINDOW]
        local = max([*_least_usual(before), *_least_usual(after)], default=typical)
        usual = local if _beyond(local, typical) else typical
        if _beyond(gaps[index], usual):
            found.add(index)
    return found - _layout(paragraphs, found)


def _least_usual(gaps: Sequence[int]) -> list[int]:
    """The spacing at least three quarters of these paragraphs have (none: too few to say).

    A quartile, not the median, so that the other breaks near a break do not hide it.
    """
    if len(gaps) < SPACING_WINDOW // 2:
        return []
    return [sorted(gaps)[len(gaps) // 4]]


def _beyond(gap: float, usual: float) -> bool:
    """Whether a run of blank lines is well beyond the usual spacing: a scene break's."""
    return gap >= max(_MIN_BLANK_BREAK, 2 * usual + 2)


def _layout(paragraphs: Sequence[Paragraph], breaks: set[int]) -> set[int]:
    """The breaks that open the short one-paragraph stretches of a laid-out run.

    The break after the run is one of them when what follows is short too (a flyer's
    signature), not when the story goes on.
    """

    def short(index: int) -> bool:
        return len(paragraphs[index].text.split()) <= LAYOUT_WORDS

    laid_out: set[int] = set()
    run: list[int] = []
    for index in [*sorted(breaks), -1]:
        if run and index == run[-1] + 1 and short(run[-1]):
            run.append(index)
            continue
        if len(run) > LAYOUT_RUN:
            laid_out.update(run if short(run[-1]) else run[:-1])
        run = [index]
    return laid_out


def split_scenes(
    paragraphs: Sequence[Paragraph], *, text: str, inline_notes: Sequence[Note] = ()
) -> tuple[Scene, ...]:
    """Group story paragraphs into scenes.

    A scene ends at a scene-break line (``* * *``, ``-x-``...), at a long run of blank lines,
    or where a time-skip heading (``-Two Weeks Later-``) or a point-of-view heading
    (``Draco's POV``) opens the next scene; the heading belongs to the scene it opens. Inline
    author's notes are cut out of the scenes' segments.

    Args:
        paragraphs: the story paragraphs of one chapter, in order.
        text: the work's text, to place blank-line breaks.
        inline_notes: notes inside the story, which scene segments must not cover.
    """
    blank_breaks = _blank_breaks(paragraphs)
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
        if index in blank_breaks and current:
            close()
            break_before = _blank_span(text, paragraphs[index - 1].span.end, paragraph.span.start)
        if any(note.span.contains(paragraph.span) for note in inline_notes):
            continue  # an author's note between story paragraphs is a hole, not story
        found = time_heading(paragraph.text)
        if found is None and pov_heading(paragraph.text) is not None:
            found = ("scene", strip_decoration(paragraph.text))
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
