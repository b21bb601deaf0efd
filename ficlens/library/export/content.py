"""What an exported work holds: the preface's typed tags and each chapter's blocks.

Everything is cut from the stored analysis and text (every block is a span of the text), as
the web reader does; the writers (:mod:`.epub`, :mod:`.html`) escape it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import Any, Literal

from sqlalchemy.orm import Session

from ficlens.library.records import LibraryWork, TagType
from ficlens.library.repository import get_work, work_analysis, work_text

NOTE_LABELS = {
    "author_before": "Author's note",
    "author_after": "End note",
    "author_inline": "Author's note",
    "disclaimer": "Disclaimer",
}
PREFACE_TYPES: tuple[tuple[TagType, str], ...] = (
    ("rating", "Rating"),
    ("warning", "Archive Warnings"),
    ("category", "Category"),
    ("fandom", "Fandom"),
    ("relationship", "Relationships"),
    ("character", "Characters"),
    ("freeform", "Additional Tags"),
)
DETECTED_MARK = "detected by FicLens"
"""How a tag FicLens detected (rating, warnings) is marked in the preface."""


@dataclass(frozen=True, slots=True)
class PrefaceRow:
    """One line of the preface: ``Fandom: Naruto``; ``detected`` names are FicLens's own."""

    label: str
    declared: tuple[str, ...]
    detected: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExportBlock:
    """A piece of a chapter: ``note`` (with its label) or ``text``."""

    kind: Literal["note", "text"]
    text: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class ExportChapter:
    """A chapter's number, title and blocks, in reading order."""

    index: int
    title: str
    blocks: tuple[ExportBlock, ...]


def preface_rows(work: LibraryWork) -> tuple[PrefaceRow, ...]:
    """The typed tags as AO3's preface lists them; only the non-empty rows.

    Declared tags of every type, plus the rating and warnings FicLens detected that were not
    declared (marked as detected).
    """
    rows = []
    for kind, label in PREFACE_TYPES:
        declared = work.tag_names(kind, "declared")
        detected: tuple[str, ...] = ()
        if kind in ("rating", "warning"):
            seen = {name.casefold() for name in declared}
            detected = tuple(
                n for n in work.tag_names(kind, "detected") if n.casefold() not in seen
            )
        if declared or detected:
            rows.append(PrefaceRow(label, declared, detected))
    return tuple(rows)


def _title(chapter: dict[str, Any]) -> str:
    title = chapter.get("title")
    return f"Chapter {chapter['index']}: {title}" if title else f"Chapter {chapter['index']}"


def export_chapters(analysis: dict[str, Any], text: str) -> tuple[ExportChapter, ...]:
    """Each chapter as notes and story text; front notes (disclaimers) open chapter 1."""
    chapters = analysis.get("chapters", [])
    result = []
    for position, chapter in enumerate(chapters):
        first, last = position == 0, position == len(chapters) - 1
        pieces: list[tuple[int, ExportBlock]] = []
        for note in analysis.get("notes", []):
            if note["kind"] not in NOTE_LABELS:
                continue
            owner = note.get("chapter")
            inside = chapter["start"] <= note["start"] < chapter["end"]
            front = owner is None and first and note["end"] <= chapter["start"]
            back = owner is None and last and note["start"] >= chapter["end"]
            if owner == chapter["index"] or (owner is None and inside) or front or back:
                block = ExportBlock(
                    "note", text[note["start"] : note["end"]], NOTE_LABELS[note["kind"]]
                )
                pieces.append((note["start"], block))
        for scene in chapter.get("scenes", []):
            pieces += [
                (s["start"], ExportBlock("text", text[s["start"] : s["end"]]))
                for s in scene.get("segments", [])
            ]
        pieces.sort(key=lambda piece: piece[0])
        result.append(ExportChapter(chapter["index"], _title(chapter), tuple(b for _, b in pieces)))
    return tuple(result)


def export_parts(
    session: Session, work_id: int
) -> tuple[LibraryWork, tuple[PrefaceRow, ...], tuple[ExportChapter, ...]]:
    """A stored work, its preface rows and its chapters, ready for a writer.

    Raises:
        WorkNotFoundError: no such work.
    """
    work = get_work(session, work_id)
    chapters = export_chapters(work_analysis(session, work_id), work_text(session, work_id))
    return work, preface_rows(work), chapters


def paragraphs_html(text: str) -> str:
    r"""Plain text as escaped XHTML paragraphs; single newlines become ``<br/>``.

    Example:
        >>> paragraphs_html("a <b>\n\nc")
        '<p>a &lt;b&gt;</p>\n<p>c</p>'
    """
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    return "\n".join(
        "<p>" + "<br/>".join(escape(line, quote=False) for line in block.splitlines()) + "</p>"
        for block in blocks
    )
