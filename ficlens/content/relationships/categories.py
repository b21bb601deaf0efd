"""AO3 categories (F/F, F/M, Gen, M/M, Multi, Other) of a work's romantic relationships.

A pairing's category comes from its members' referential gender: ``he/him`` is M, ``she/her``
is F; ``they/them`` or another set the text uses makes it ``Other``, and a group of three or
more is ``Multi``. A member whose gender the text never shows (an unnamed first-person
narrator, someone only ever called by name) gives the pairing no category: unknown is not
AO3's ``Other``. :func:`gender_class` is the same reading of a pronoun set, shared with the story
reader (which resolves pronouns by it).
"""

from __future__ import annotations

from collections.abc import Sequence

from ficlens.model import Character, Relationship

_CATEGORY_ORDER = ("F/F", "F/M", "Gen", "M/M", "Multi", "Other")


def gender_class(gender: str | None) -> str:
    """``m``, ``f`` or ``t`` (they) for a pronoun set such as ``she/her``; ``?`` if unknown."""
    if not gender:
        return "?"
    return {"he": "m", "she": "f", "they": "t"}.get(gender.split("/")[0].strip().lower(), "?")


def category_of(genders: Sequence[str | None]) -> str | None:
    """AO3's category of a romantic pairing from its members' pronoun sets; ``None`` if unknown.

    Example:
        >>> category_of(["he/him", "she/her"]), category_of(["she/her", "she/her"])
        ('F/M', 'F/F')
        >>> category_of(["he/him", "they/them"]), category_of(["he/him", "he/him", "she/her"])
        ('Other', 'Multi')
        >>> category_of(["he/him", None]) is None
        True
    """
    if len(genders) > 2:
        return "Multi"
    if not all(genders):
        return None  # a member's gender unknown (``xe/xem`` is known, and Other)
    letters = sorted({"m": "M", "f": "F"}.get(gender_class(g), "?") for g in genders)
    if "?" in letters:
        return "Other"
    return "/".join(letters)


def categories(
    relationships: Sequence[Relationship], characters: Sequence[Character]
) -> tuple[str, ...]:
    """AO3 categories of a work from its romantic relationships.

    Each romantic pairing gives its category (from the characters' genders); a group of three
    or more, or romantic pairings of different categories, add ``Multi``; a work with no
    romantic relationship is ``Gen``. Categories come in AO3's order (alphabetical). Romantic
    pairings whose members' genders are unknown give none: a work with only such pairings
    has no category (``()``), as AO3's "No Category".

    Example:
        >>> cast = [Character("a", "A", (), "he/him", False, 1, 0),
        ...         Character("b", "B", (), "she/her", False, 1, 0)]
        >>> categories([Relationship(("a", "b"), "romantic", "A/B", 3.0, True)], cast)
        ('F/M',)
        >>> categories([Relationship(("a", "b"), "platonic", "A & B", 3.0, False)], cast)
        ('Gen',)
    """
    genders = {c.id: c.gender for c in characters}
    romantic = [r for r in relationships if r.kind == "romantic"]
    if not romantic:
        return ("Gen",)
    found: set[str] = set()
    for relationship in romantic:
        category = category_of([genders.get(ident) for ident in relationship.characters])
        if category is not None:
            found.add(category)
    if len(found - {"Multi"}) > 1:
        found.add("Multi")
    return tuple(name for name in _CATEGORY_ORDER if name in found)
