"""Point-of-view headings: which character tells each section of a story several narrate.

Fan fiction often heads its sections with whose side they are told from (``Harry's POV``,
``*Draco P.O.V.*``, ``POV: Hermione``; :func:`ficlens.structure.patterns.pov_heading`), or
names one in a chapter's title (``Chapter 3: Draco's POV``). Such a heading holds for the
scene it opens, and a chapter's title for those of its scenes with no heading of their own.
A scene after a plain break has no voice: authors who head their sections often head every
one, and the line after a break may name two (``Hermione & Draco's POV``) or none.

When the heading's name is a character of the cast, the section is that character's *voice*
(:attr:`ficlens.cast.Cast.voices`): the scene's point of view is theirs whatever its person,
and in a first-person story the section's ``I`` is them (:meth:`ficlens.cast.Cast.narrator_at`),
for the speaker sieves and ranker, the point of view and the pairings alike: ``"Hi," I said``
in Draco's section is Draco's line. The narrator is still named as before from the lines
outside the sections; a narrator who is no one but the ``I`` (``Narrator``) and is left with
no line at all leaves the cast, and the character whose sections are longest becomes the
story's narrator. The ``you`` of a second-person story stays the reader's in every section.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ficlens.cast import NARRATOR, Cast
from ficlens.model import Quote, Span, Work
from ficlens.structure.patterns import pov_heading


def headed_sections(work: Work) -> list[tuple[Span, str]]:
    """Each scene a point-of-view heading covers, with the name the heading gives, in order."""
    sections: list[tuple[Span, str]] = []
    for chapter in work.chapters:
        titled = pov_heading(chapter.title) if chapter.title else None
        for scene in chapter.scenes:
            name = pov_heading(scene.heading) if scene.heading else titled
            if name:
                sections.append((scene.span, name))
    return sections


def voiced_cast(cast: Cast, sections: Sequence[tuple[Span, str]]) -> Cast:
    """The cast with the voices its sections' headings name.

    A heading's name counts when the cast resolves it to one character (``Harry`` is Harry
    Potter); a name it does not know (``Normal POV``, ``Author's POV``) gives no voice.
    """
    voices = tuple(
        (span, ident) for span, name in sections if (ident := cast.resolve(name)) is not None
    )
    return replace(cast, voices=voices) if voices else cast


def retired_narrator(cast: Cast, quotes: Sequence[Quote]) -> Cast:
    """The cast without a nameless narrator that voices have left with no line to say.

    In a first-person story told wholly in headed sections, the ``I`` of every line is a voice
    (:meth:`Cast.narrator_at`), and ``Narrator`` is no one: it leaves the cast, and the voice
    of the longest sections becomes the story's narrator.
    """
    narrator = cast.narrator
    if not cast.voices or narrator != NARRATOR or cast.narration != "first":
        return cast
    if any(narrator in (q.speaker, q.addressee) for q in quotes):
        return cast
    lengths: Counter[str] = Counter()
    for span, ident in cast.voices:
        lengths[ident] += span.end - span.start
    characters = tuple(c for c in cast.characters if c.id != narrator)
    return replace(cast, characters=characters, narrator=lengths.most_common(1)[0][0])
