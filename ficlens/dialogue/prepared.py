"""A work's story paragraphs, their quotations and the parse around them: the dialogue input."""

from __future__ import annotations

from dataclasses import dataclass

from ficlens.dialogue.conventions import Convention
from ficlens.dialogue.quotes import FoundQuote
from ficlens.dialogue.script import ScriptLine
from ficlens.model import Span
from ficlens.nlp import Parsed


@dataclass(frozen=True)
class Prepared:
    """The parse of a work's story paragraphs, before any roster is built.

    Kept apart so that an evaluation can run several rosters over one parse.

    Attributes:
        text: the work's text.
        paragraphs: the story paragraphs (notes excluded).
        found: the quotations found, in order.
        convention: the dialogue convention.
        parsed: the parse of each paragraph (``parsed[i]`` for ``paragraphs[i]``).
        script: the script-format lines (``NAME: line``), whose words are among ``found``.
        sections: the scenes a point-of-view heading (``Draco's POV``) gives to a name, with
            that name (:func:`ficlens.dialogue.voices.headed_sections`).
    """

    text: str
    paragraphs: tuple[Span, ...]
    found: tuple[FoundQuote, ...]
    convention: Convention
    parsed: tuple[Parsed, ...]
    script: tuple[ScriptLine, ...] = ()
    sections: tuple[tuple[Span, str], ...] = ()
