"""What the reader shows: a chapter cut into blocks (notes, scene breaks, headings, text).

Built from the stored analysis (``ficlens.analysis/1``) and the work's text; every block is a
span of that text, so nothing is re-parsed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

BlockKind = Literal["note", "break", "heading", "text"]

NOTE_LABELS = {
    "author_before": "Author's note",
    "author_after": "End note",
    "author_inline": "Author's note",
    "disclaimer": "Disclaimer",
    "summary": "Summary",
}


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of a chapter, in reading order.

    Attributes:
        kind: ``note`` (author's note or disclaimer), ``break`` (scene break), ``heading``
            (a time-skip or scene heading) or ``text`` (story text).
        text: the text to show (empty for a break).
        label: a note's label (``Author's note``, ``End note`` ...).
        start: the offset into the work's text where it starts (for ordering).
    """

    kind: BlockKind
    text: str
    label: str = ""
    start: int = 0


@dataclass(frozen=True, slots=True)
class ChapterView:
    """A chapter ready to show: its number, title and blocks."""

    index: int
    title: str
    start: int
    blocks: tuple[Block, ...]


def chapter_title(chapter: dict[str, Any]) -> str:
    """``Chapter 2: Dry Season``, or ``Chapter 2`` when the chapter has no title."""
    title = chapter.get("title")
    return f"Chapter {chapter['index']}: {title}" if title else f"Chapter {chapter['index']}"


def chapter_view(analysis: dict[str, Any], text: str, index: int) -> ChapterView:
    """Chapter ``index`` (1-based) of a work as blocks: notes, breaks, headings, story text.

    Raises:
        IndexError: the work has no such chapter.
    """
    chapters = analysis["chapters"]
    if not 1 <= index <= len(chapters):
        raise IndexError(index)
    chapter = chapters[index - 1]
    blocks = [
        Block("note", text[n["start"] : n["end"]], NOTE_LABELS.get(n["kind"], "Note"), n["start"])
        for n in analysis["notes"]
        if n["kind"] in NOTE_LABELS and _belongs(n, chapter, index)
    ]
    for scene in chapter["scenes"]:
        if (mark := scene.get("break_before")) is not None:
            blocks.append(Block("break", "", start=mark["start"]))
        if (span := scene.get("heading_span")) is not None and scene.get("heading"):
            blocks.append(Block("heading", scene["heading"], start=span["start"]))
        blocks += [
            Block("text", text[s["start"] : s["end"]], start=s["start"]) for s in scene["segments"]
        ]
    blocks.sort(key=lambda block: block.start)
    return ChapterView(index, chapter_title(chapter), chapter["start"], tuple(blocks))


def _belongs(note: dict[str, Any], chapter: dict[str, Any], index: int) -> bool:
    if note.get("chapter") is not None:
        return bool(note["chapter"] == index)
    return bool(chapter["start"] <= note["start"] < chapter["end"])


def front_notes(analysis: dict[str, Any], text: str) -> tuple[Block, ...]:
    """Notes before the first chapter that a reader may want (disclaimers), as blocks."""
    first = analysis["chapters"][0]["start"] if analysis["chapters"] else len(text)
    return tuple(
        Block("note", text[n["start"] : n["end"]], NOTE_LABELS[n["kind"]], n["start"])
        for n in analysis["notes"]
        if n["kind"] in {"disclaimer", "author_before"}
        and n.get("chapter") is None
        and n["end"] <= first
    )
