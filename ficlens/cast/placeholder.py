"""A reader-insert's name placeholder (``Y/N``) as one character, whatever the narration's person.

Reader-insert fics write ``Y/N`` ("your name"), sometimes with ``L/N`` ("last name"), where the
protagonist's name would go, so that whoever reads puts their own there. AO3 tags that
protagonist ``Reader``. In the second person the narration's ``you`` is that ``Reader`` already
(:func:`ficlens.cast.build_cast`). Some reader-inserts are told in the third person (*It was
Y/N's first year at Hogwarts. She didn't know what to expect*): the parse then read the
placeholder's letters as people called ``Y`` and ``N``.

Here every placeholder in the narration is a mention of one name, ``Y/N``, whose group becomes
the ``Reader`` (id ``reader``), and no parsed name overlapping a placeholder counts.
"""

from __future__ import annotations

from collections.abc import Sequence

from ficlens.cast.mentions import Mention
from ficlens.cast.names import split_name
from ficlens.cast.person import PLACEHOLDER, Person
from ficlens.cast.roster import Group
from ficlens.model import Span
from ficlens.nlp import Parsed

PLACEHOLDER_NAME = "Y/N"
"""The name every placeholder is read as (``L/N`` and ``y/n`` too)."""


def placeholder_spans(text: str, parsed: Sequence[Parsed]) -> list[tuple[int, Span]]:
    """Each placeholder in the parsed narration, with the index of its piece.

    Only a placeholder a token of the piece starts at counts: quotations are masked in the
    parse, so a ``Y/N`` inside one (a vocative) is not a mention.
    """
    if PLACEHOLDER.search(text) is None:  # nearly every story: no per-piece scan
        return []
    found = []
    for index, piece in enumerate(parsed):
        starts = {token.start for token in piece.tokens}
        for match in PLACEHOLDER.finditer(text, piece.span.start, piece.span.end):
            if match.start() in starts:
                found.append((index, Span(match.start(), match.end())))
    return found


def with_placeholders(
    located: Sequence[tuple[int, Mention]],
    placeholders: Sequence[tuple[int, Span]],
    person: Person | None,
) -> list[tuple[int, Mention]]:
    """The mentions but those inside a placeholder, with the placeholders as ``Y/N`` mentions.

    In the second person the placeholders are left to the narration's ``Reader`` (they are
    not added).

    Example:
        >>> y = Mention(Span(0, 1), split_name("Y"), "ner")
        >>> [m.key for _, m in with_placeholders([(0, y)], [(0, Span(0, 3))], None)]
        ['Y/N']
    """
    spans = [span for _, span in placeholders]
    kept = [(i, m) for i, m in located if not any(m.span.overlaps(s) for s in spans)]
    if person == "second" or not placeholders:
        return kept
    parts = split_name(PLACEHOLDER_NAME)
    added = [(i, Mention(span, parts, "placeholder")) for i, span in placeholders]
    return sorted([*kept, *added], key=lambda pair: pair[1].span.start)


def is_placeholder(group: Group) -> bool:
    """Whether a roster group is the placeholder's (its names are ``Y/N`` alone)."""
    return set(group.keys) == {PLACEHOLDER_NAME}
