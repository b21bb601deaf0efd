"""The relationship tests' story builder: people, their mentions, and a run of the finder.

A module of its own, which both relationship test modules import. Every story in them is written
for these tests.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ficlens.content.relationships import find_relationships
from ficlens.content.relationships.cues import weighted_cues
from ficlens.content.relationships.story import read_story
from ficlens.model import Character, Quote, Relationship, Span
from ficlens.structure.paragraphs import split_paragraphs


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    gender: str | None
    aliases: tuple[str, ...] = ()
    canon: bool = False


@dataclass(frozen=True)
class Story:
    text: str
    paragraphs: tuple[Span, ...]
    characters: tuple[Character, ...]
    mentions: tuple[tuple[Span, str], ...]


def story(text: str, *people: Person) -> Story:
    """Paragraphs, characters and every name mention (outside quotation marks) of a text."""
    owners = {form: p.id for p in people for form in (p.name, *p.aliases)}
    pattern = re.compile(r"\b(?:" + "|".join(sorted(owners, key=len, reverse=True)) + r")\b")
    quoted = [m.span() for m in re.finditer(r'"[^"]*"', text)]
    mentions = tuple(
        (Span(m.start(), m.end()), owners[m.group()])
        for m in pattern.finditer(text)
        if not any(start < m.start() < end for start, end in quoted)
    )
    characters = tuple(
        Character(
            p.id,
            p.name,
            p.aliases,
            p.gender,
            p.canon,
            sum(1 for _, ident in mentions if ident == p.id),
            next((s.start for s, ident in mentions if ident == p.id), -1),
        )
        for p in people
    )
    paragraphs = tuple(p.span for p in split_paragraphs(text))
    return Story(text, paragraphs, characters, mentions)


def run(
    s: Story,
    *,
    quotes: Sequence[Quote] = (),
    romance: Sequence[Span] = (),
    narrator: str | None = None,
    max_evidence: int = 3,
) -> tuple[Relationship, ...]:
    return find_relationships(
        s.text, s.paragraphs, s.characters, s.mentions, quotes, romance, narrator, max_evidence
    )


def romances(text: str, *people: Person) -> set[str]:
    """The tags of the romantic pairings found in a text with these characters."""
    return {r.tag for r in run(story(text, *people)) if r.kind == "romantic"}


def quotes_of(text: str, turns: Sequence[tuple[str | None, str | None]]) -> tuple[Quote, ...]:
    """The text's quotations (inside straight double quotes) with the given speakers."""
    spans = [Span(m.start() + 1, m.end() - 1) for m in re.finditer(r'"[^"]*"', text)]
    assert len(spans) == len(turns)
    return tuple(
        Quote(span, speaker, addressee, "test", 1.0)
        for span, (speaker, addressee) in zip(spans, turns, strict=True)
    )


def cue_weights(text: str, *people: Person, quotes: Sequence[Quote] = ()) -> list[float]:
    """The weights of the romantic cues of a text with these characters, in text order."""
    s = story(text, *people)
    known = {p.id for p in people}
    read = read_story(text, s.paragraphs, s.characters, s.mentions, quotes, None, known)
    return [weight for _, weight in weighted_cues(read)]


NELL = Person("c1", "Nell Adair", "she/her", ("Nell",))
TOMAS = Person("c2", "Tomas Reyes", "he/him", ("Tomas",))
