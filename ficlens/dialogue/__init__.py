"""Dialogue: find every quotation of a work and say who speaks it, to whom.

``analyze_dialogue(work)`` reads the story paragraphs (notes excluded), detects the dialogue
convention, finds the quotations, parses the narration around them with spaCy (quotation
contents masked), builds the cast and runs the speaker sieves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ficlens.cast import Cast, KnownCharacter, build_cast
from ficlens.dialogue.conventions import Convention
from ficlens.dialogue.quotes import find_quotes
from ficlens.dialogue.speakers import attribute_speakers
from ficlens.model import Quote, Span, Work
from ficlens.nlp import DEFAULT_MODEL, parse
from ficlens.structure.paragraphs import split_paragraphs

METHOD = "dialogue.sieve.v1"


@dataclass(frozen=True)
class DialogueResult:
    """What the dialogue stage found.

    Attributes:
        cast: the characters and their mentions.
        quotes: every quotation with its speaker and addressee, in text order.
        convention: the dialogue convention (``double``, ``single``, ``dash``, ``guillemet``).
        paragraphs: the story paragraphs read.
        diagnostics: problems worth telling (unclosed quotations).
    """

    cast: Cast
    quotes: tuple[Quote, ...]
    convention: Convention
    paragraphs: tuple[Span, ...]
    diagnostics: tuple[str, ...]


def story_paragraphs(work: Work) -> list[Span]:
    """The paragraphs of the work's scenes, in order: no notes, no headings, no breaks."""
    return [
        paragraph.span
        for scene in work.scenes
        for segment in scene.segments
        for paragraph in split_paragraphs(work.text, segment)
    ]


def analyze_dialogue(
    work: Work,
    *,
    known: Sequence[KnownCharacter] | None = None,
    model: str = DEFAULT_MODEL,
) -> DialogueResult:
    """Find the quotations, the cast and the speakers of a work.

    Args:
        work: the structured work.
        known: characters to use as the roster instead of building one (gold-roster evaluation
            or a user's list).
        model: the spaCy pipeline package.
    """
    text = work.text
    paragraphs = story_paragraphs(work)
    found, convention = find_quotes(text, paragraphs)
    parsed = list(parse(text, paragraphs, hidden=[q.span for q in found], model=model))
    cast = build_cast(text, parsed, known=known)
    quotes = attribute_speakers(text, found, paragraphs=paragraphs, parsed=parsed, cast=cast)
    diagnostics = tuple(
        f"unclosed quotation mark at offset {q.span.start - 1}; closed at the end of its paragraph"
        for q in found
        if q.unclosed
    )
    return DialogueResult(cast, quotes, convention, tuple(paragraphs), diagnostics)
