"""Counts over a work's anatomy: words of story and of notes, chapters, scenes, reading time."""

from __future__ import annotations

import re

from ficlens.model import Analysis, Work

_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
WORDS_PER_MINUTE = 230
"""Reading speed used for reading time (adult silent reading of fiction, ~230 words/min)."""


def count_words(text: str) -> int:
    """Count words the way readers do: ``don't`` and ``Kakashi-sensei`` are one word each.

    Example:
        >>> count_words("“Don't,” said Kakashi-sensei — twice.")
        4
    """
    return sum(1 for _ in _WORD.finditer(text))


def counted(number: int, noun: str) -> str:
    """A count with its noun, singular for one, as a reader writes it.

    Example:
        >>> counted(1, "scene"), counted(17, "line"), counted(0, "chapter")
        ('1 scene', '17 lines', '0 chapters')
    """
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def work_stats(work: Work) -> dict[str, int]:
    """Word counts of story and notes, chapter and scene counts, reading time in minutes."""
    story = sum(count_words(s.of(work.text)) for scene in work.scenes for s in scene.segments)
    notes = sum(count_words(note.span.of(work.text)) for note in work.notes)
    return {
        "words": story,
        "note_words": notes,
        "chapters": len(work.chapters),
        "scenes": len(work.scenes),
        "notes": len(work.notes),
        "reading_minutes": max(1, round(story / WORDS_PER_MINUTE)) if story else 0,
    }


def character_lines(analysis: Analysis) -> dict[str, tuple[int, int]]:
    """Per character id: how many quotations they speak and how many words those hold."""
    found: dict[str, tuple[int, int]] = {}
    text = analysis.work.text
    for quote in analysis.quotes:
        if quote.speaker:
            count, words = found.get(quote.speaker, (0, 0))
            found[quote.speaker] = (count + 1, words + count_words(quote.span.of(text)))
    return found


def dialogue_stats(analysis: Analysis) -> dict[str, float | int]:
    """Quotation counts and the share of the story's words spoken in dialogue."""
    work = analysis.work
    story = sum(count_words(s.of(work.text)) for scene in work.scenes for s in scene.segments)
    spoken = sum(count_words(q.span.of(work.text)) for q in analysis.quotes)
    return {
        "quotes": len(analysis.quotes),
        "attributed": sum(1 for q in analysis.quotes if q.speaker),
        "dialogue_share": round(spoken / story, 3) if story else 0.0,
    }
