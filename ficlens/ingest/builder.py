"""Assemble a work's text from blocks of marked-up sources, recording what each block is.

HTML and EPUB sources become plain text: paragraphs joined by blank lines, a scene break
(``<hr>``) written as a ``* * *`` line. While the text is built, :class:`TextBuilder` records
:class:`~ficlens.model.Marker` spans for chapters, headings, notes and breaks, so the structure
stage knows what the markup said.
"""

from __future__ import annotations

from collections.abc import Iterable

from ficlens.model import Marker, MarkerKind, Span

BREAK_LINE = "* * *"
"""How an ``<hr>`` scene break appears in text built from markup."""

PARAGRAPH_SEPARATOR = "\n\n"


class TextBuilder:
    """Append paragraphs and remember their spans.

    Example:
        >>> builder = TextBuilder()
        >>> span = builder.add_note(["A/N: thanks!"], "author_before")
        >>> builder.text[span.start : span.end]
        'A/N: thanks!'
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._markers: list[Marker] = []
        self._chapter_start: int | None = None
        self._chapter_title = ""

    @property
    def text(self) -> str:
        """The text built so far."""
        return "".join(self._parts)

    @property
    def markers(self) -> tuple[Marker, ...]:
        """The markers recorded so far, in order of their start."""
        return tuple(sorted(self._markers, key=lambda m: (m.span.start, -m.span.end)))

    def add_paragraphs(self, paragraphs: Iterable[str]) -> Span | None:
        """Append paragraphs of story text; return their span, or ``None`` if all were empty."""
        start: int | None = None
        for paragraph in paragraphs:
            cleaned = paragraph.strip()
            if not cleaned:
                continue
            if cleaned == BREAK_LINE:
                self._add(cleaned, "break")
                start = self._length - len(cleaned) if start is None else start
                continue
            span = self._append(cleaned)
            start = span.start if start is None else start
        return None if start is None else Span(start, self._length)

    def add_break(self) -> Span:
        """Append a scene-break line for an ``<hr>``."""
        return self._add(BREAK_LINE, "break")

    def add_heading(self, heading: str) -> Span | None:
        """Append a chapter heading line."""
        cleaned = " ".join(heading.split())
        return self._add(cleaned, "heading") if cleaned else None

    def add_note(self, paragraphs: Iterable[str], kind: str) -> Span | None:
        """Append a note block of the given :data:`~ficlens.model.NoteKind`."""
        spans = [self._append(p.strip()) for p in paragraphs if p.strip()]
        if not spans:
            return None
        span = Span(spans[0].start, spans[-1].end)
        self._markers.append(Marker("note", span, kind))
        return span

    def start_chapter(self, title: str = "") -> None:
        """Open a chapter; everything appended until :meth:`end_chapter` belongs to it."""
        self.end_chapter()
        self._chapter_start = self._next_start()
        self._chapter_title = title

    def end_chapter(self) -> None:
        """Close the open chapter, if any."""
        if self._chapter_start is None:
            return
        start = min(self._chapter_start, self._length)
        if self._length > start:
            self._markers.append(Marker("chapter", Span(start, self._length), self._chapter_title))
        self._chapter_start = None

    def _next_start(self) -> int:
        return self._length + (len(PARAGRAPH_SEPARATOR) if self._parts else 0)

    def _append(self, paragraph: str) -> Span:
        if self._parts:
            self._parts.append(PARAGRAPH_SEPARATOR)
            self._length += len(PARAGRAPH_SEPARATOR)
        start = self._length
        self._parts.append(paragraph)
        self._length += len(paragraph)
        return Span(start, self._length)

    def _add(self, line: str, kind: MarkerKind) -> Span:
        span = self._append(line)
        self._markers.append(Marker(kind, span))
        return span
