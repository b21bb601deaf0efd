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
or unquoted thoughts.
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
    tokens = [t.text for p in pieces for t in p.tokens if t.text.strip() and t.text != STAND_IN]
    if not tokens:
        return None
    lowered = [t.lower() for t in tokens]
    first = sum(1 for t in lowered if t in SELF_WORDS["first"])
    if first / len(tokens) >= FIRST_PERSON_SHARE:
        return "first"
    second = sum(1 for t in lowered if t in SELF_WORDS["second"] or PLACEHOLDER.fullmatch(t))
    # The tagger usually splits a placeholder in three: "Y", "/", "N".
    placeholders = sum(1 for a, b, c in zip(lowered, lowered[1:], lowered[2:], strict=False)
                       if a in ("y", "l") and b == "/" and c.rstrip(".") == "n")  # fmt: skip
    if (second + placeholders) / len(tokens) >= SECOND_PERSON_SHARE:
        return "second"
    return None


def reader_insert(text: str) -> bool:
    """Whether the text stands ``Y/N``-style placeholders for its protagonist's name."""
    return PLACEHOLDER.search(text) is not None
