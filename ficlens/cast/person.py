"""The narration's grammatical person, and the words by which it names its protagonist.

A first-person story calls its narrator ``I``; a second-person story calls its protagonist
``you`` (``You pull your scarf tighter as you cross the garden``). Second person is how most
*reader-insert* fics are written: the protagonist is the reader, and the text stands a
placeholder where their name would go (``Y/N`` for "your name", ``L/N`` for "last name"). AO3
tags that protagonist ``Reader`` (``Fred Weasley/Reader``).

The narration's person is decided from the share of its words that are first- or
second-person pronouns, quotations excluded (they are masked before parsing): ``I``/``me``/
``my`` in at least 2% of the narration's tokens is first person, as before; otherwise
``you``/``your`` (and the placeholders) in at least 3% is second person. The higher bar for
``you`` keeps out third-person narration that drifts into a generic ``you know how it is``
or unquoted thoughts. Either person's words must also run through the story, in two of its
thirds at least (:data:`SPREAD_THIRDS`), so a poem in the first person read out in a story
told in the third does not make it first person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from ficlens.nlp import STAND_IN, Parsed

Person = Literal["first", "second"]

FIRST_PERSON_SHARE = 0.02
"""Share of the narration's tokens that are ``I``/``me``/``my``... for first person."""
SECOND_PERSON_SHARE = 0.03
"""Share that are ``you``/``your``... (or a ``Y/N`` placeholder) for second person."""

SPREAD_LEAST = 4
SPREAD_THIRDS = 2
"""In how many thirds of the narration (by tokens) a person's words must stand, each third
holding a sixth of them or more: a poem or a letter in the first person, read out in a story
told in the third, has them all in one stretch, where a first-person narrator's run through
the story. On the 51 works of ``ao3-hp`` whose authors tag the story's person, every first-
and second-person one spreads over two thirds or three."""

SELF_WORDS: dict[Person, frozenset[str]] = {
    "first": frozenset({"i", "me", "my", "myself", "mine"}),
    "second": frozenset({"you", "your", "yourself", "yours"}),
}
"""The words, lower-cased, by which narration in each person names its protagonist."""

SUBJECT_WORDS: dict[Person, frozenset[str]] = {
    "first": frozenset({"i", "me"}),
    "second": frozenset({"you"}),
}
"""The protagonist's words that can be the subject of a speech verb (``I said``, ``you say``)."""

_SELF_PATTERNS: dict[Person, re.Pattern[str]] = {
    "first": re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Mm]yself|[Mm]ine)\b"),
    "second": re.compile(r"\b(?:[Yy]ou|[Yy]our|[Yy]ourself|[Yy]ours)\b|\b[Yy]/[Nn]\b"),
}
PLACEHOLDER = re.compile(r"\b[YyLl]/[Nn]\b")
"""A reader-insert's name placeholder: ``Y/N`` (your name), ``L/N`` (last name), any case."""


def self_references(person: Person) -> re.Pattern[str]:
    """The pattern of the protagonist's words in raw text (``Y/N`` too, in the second person).

    Example:
        >>> [m.group() for m in self_references("second").finditer("You told Y/N your name.")]
        ['You', 'Y/N', 'your']
    """
    return _SELF_PATTERNS[person]


def narration_person(pieces: Sequence[Parsed]) -> Person | None:
    """The person of the narration in ``pieces``: ``first``, ``second`` or ``None`` (third).

    Quotation stand-ins and whitespace are not counted; a ``Y/N`` placeholder counts as a
    second-person word.
    """
    words = [
        t.text.lower() for p in pieces for t in p.tokens if t.text.strip() and t.text != STAND_IN
    ]
    if not words:
        return None
    first = [t in SELF_WORDS["first"] for t in words]
    if sum(first) / len(words) >= FIRST_PERSON_SHARE and _thirds(first) >= SPREAD_THIRDS:
        return "first"
    second = _second_person_words(words)
    if sum(second) / len(words) >= SECOND_PERSON_SHARE and _thirds(second) >= SPREAD_THIRDS:
        return "second"
    return None


def _second_person_words(tokens: Sequence[str]) -> list[bool]:
    """Whether each lower-cased token is ``you``/``your``... or part of a ``Y/N`` placeholder."""
    found = [t in SELF_WORDS["second"] or PLACEHOLDER.fullmatch(t) is not None for t in tokens]
    # The tagger usually splits a placeholder in three: "Y", "/", "N".
    for n, (a, b, c) in enumerate(zip(tokens, tokens[1:], tokens[2:], strict=False)):
        if a in ("y", "l") and b == "/" and c.rstrip(".") == "n":
            found[n] = True
    return found


def _thirds(marked: Sequence[bool]) -> int:
    """In how many thirds of the tokens the marked ones stand, a sixth of them at least in each.

    Fewer than :data:`SPREAD_LEAST` marked tokens are too few to say: they count as spread.

    Example:
        >>> _thirds([True, True, False] * 3)
        3
        >>> _thirds([True] * 6 + [False] * 12)
        1
        >>> _thirds([True] * 2 + [False] * 12)  # too few to say
        3
    """
    if sum(marked) < SPREAD_LEAST:
        return 3
    counts = [0, 0, 0]
    for n, mark in enumerate(marked):
        counts[3 * n // len(marked)] += mark
    least = max(1, sum(counts) / 6)
    return sum(1 for count in counts if count >= least)


def reader_insert(text: str) -> bool:
    """Whether the text stands ``Y/N``-style placeholders for its protagonist's name."""
    return PLACEHOLDER.search(text) is not None
