"""The ``Incest`` content warning: a romantic pairing of two relatives by blood.

Many readers filter incest out, and neither FanFiction.Net nor an author's chosen AO3 tags need
say it. FicLens knows canon families from the fandom packs' ``kin`` groups
(:func:`~ficlens.fandoms.blood_kin`; not a character's ``parents`` alone, which may be a
namesake's: Merope Gaunt's Tom is Tom Riddle's father). A pairing of relatives survives the
pairing finder only when its romance is written with sexual content on the page or with kisses
only lovers give (romance between kin is otherwise family affection:
:func:`~ficlens.content.relationships.pairs.discount_kin`). So a romantic relationship, main or
mentioned, between two canon characters who are family by blood gives the warning, with the
pairing's passages as its evidence. Godparents are family but not blood (a pack's
``godparents``): Sirius Black and Harry Potter are no incest.

Relatives the packs do not know (original characters, a story's own ``his brother``) are not
found.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from ficlens.content.passages import distinct
from ficlens.fandoms import blood_kin
from ficlens.model import Character, ContentWarning, Relationship, Span

INCEST = "Incest"
MAIN_STRENGTH = 0.8
"""The rule strength of the warning when a main pairing is of relatives."""
MENTIONED_STRENGTH = 0.6
"""Its strength when only a mentioned pairing is."""
EVIDENCE = 3


def incest_warnings(
    relationships: Sequence[Relationship],
    characters: Sequence[Character],
    limit: int = EVIDENCE,
) -> tuple[ContentWarning, ...]:
    """The ``Incest`` warning, if a romantic relationship joins two relatives by blood.

    Example:
        >>> from ficlens.model import Character, Relationship
        >>> twins = [Character(f"c{n}", f"{name} Weasley", (), "m", True, 9, 0)
        ...          for n, name in enumerate(("Fred", "George"))]
        >>> pairing = Relationship(("c0", "c1"), "romantic", "Fred Weasley/George Weasley",
        ...                        5.0, True, evidence=(Span(0, 10),))
        >>> incest_warnings([pairing], twins)[0].name
        'Incest'
    """
    canon = {c.id: c.name for c in characters if c.canon}
    evidence: list[Span] = []
    main = False
    for relationship in relationships:
        if relationship.kind != "romantic":
            continue
        names = [canon.get(ident) for ident in relationship.characters]
        if any(a and b and blood_kin(a, b) for a, b in combinations(names, 2)):
            evidence.extend(relationship.evidence)
            main = main or relationship.main
    if not evidence:
        return ()
    strength = MAIN_STRENGTH if main else MENTIONED_STRENGTH
    return (ContentWarning(INCEST, "content", strength, distinct(evidence, limit)),)
