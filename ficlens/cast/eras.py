"""Eras of a canon: which generation a story is of, and whose a short name two eras share is.

A fandom pack marks characters with the era they belong to (``era``: Lily Luna Potter, of the
next generation) or the eras they are written in (``eras``: Teddy Lupin, of the main era and
the next). A story's era-bound characters tell its era (:func:`story_era`), and the story's era
tells whom a short name several eras share means (``Lily``: Lily Evans Potter or Lily Luna
Potter). :func:`ficlens.cast.canon.merge_canon` reads them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache

from ficlens.cast.names import split_name
from ficlens.cast.roster import Group
from ficlens.fandoms import CanonCharacter, FandomPack, name_key

ERA_MENTIONS = 3
"""How often a story must name canon characters of one era (those no short name could make
someone else) for that era to be the story's; it must also have more of them than any other."""


def story_era(named: Sequence[tuple[CanonCharacter, int]]) -> str | None:
    """The era of the story's era-bound canon characters, given with how often each is named.

    The era with the most distinct characters wins, when they are named at least
    ``ERA_MENTIONS`` times in all and no other era has as many.

    Example:
        >>> from ficlens.fandoms import find_canon
        >>> story_era([(find_canon("Scorpius Malfoy"), 5), (find_canon("Harry Potter"), 9)])
        'next generation'
        >>> story_era([(find_canon("Harry Potter"), 9), (find_canon("Ron Weasley"), 4)]) is None
        True
        >>> story_era([(find_canon("Regulus Black"), 2), (find_canon("Regulus Black"), 2)])
        'marauders'
    """
    people: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    seen: set[str] = set()
    for character, count in named:  # one character may be several groups (Regulus, Reg)
        if character.era:
            people[character.era] += character.name not in seen
            mentions[character.era] += count
            seen.add(character.name)
    ranked = people.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0] if mentions[ranked[0][0]] >= ERA_MENTIONS else None


def era_of(
    found: Sequence[tuple[Group, CanonCharacter | None]],
    packs: tuple[FandomPack, ...],
    quoted: Sequence[tuple[str, CanonCharacter]] = (),
) -> str | None:
    """The story's era, from the canon characters no short name could make someone else.

    Their names in the narration (``found``) and inside quotations (``quoted``) both count.
    """
    said = Counter(
        character
        for name, character in quoted
        if character.era
        and all(other == character for other in _bearers({name_key(split_name(name).name)}, packs))
    )
    return story_era(
        [
            *(
                (c, g.size)
                for g, c in found
                if c is not None and all(other == c for other in _namesakes(g, None, packs))
            ),
            *said.items(),
        ]
    )


def namesakes_era(
    found: Sequence[tuple[Group, CanonCharacter | None]], packs: tuple[FandomPack, ...]
) -> str | None:
    """The era whose namesakes the story's shared short names are, when they agree.

    A story naming only ``Albus`` and ``Lily`` is of Albus Severus and Lily Luna Potter, not of
    Albus Dumbledore (of no era) beside Lily Evans Potter. Of the groups a short name leaves in
    doubt (namesakes of two eras, or a namesake and no character yet: the pack gives Dumbledore
    no bare ``Albus``, as it gives Molly Weasley ``Molly``), the next generation's namesakes
    cover both, the Marauders' one. That era is the story's when its namesakes cover at least
    two such groups and more than any other era's do, and every other character of the story
    bound to eras is of that one too: beside Severus Snape, of the Marauders' era and the main
    one, ``Lily`` and ``Albus`` are Lily Evans and Dumbledore.
    """
    covered: Counter[str] = Counter()
    others: list[CanonCharacter | None] = []
    for group, character in found:
        eras = {c.era for c in _namesakes(group, None, packs) if c.era}
        if character is not None and character.era and eras:
            eras.add(character.era)
        if eras and (len(eras) > 1 or character is None):
            covered.update(eras)
        else:
            others.append(character)
    ranked = covered.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    era = ranked[0][0]
    strangers = [c for c in others if c is not None and (c.era or c.eras)]
    return None if any(era not in (c.era, *c.eras) for c in strangers) else era


COMPANY = 1
"""When no era-bound character settles the story's era, how many characters of several eras
(``CanonCharacter.eras``) must share one of two namesakes' eras, and no other, to settle it:
one, so that a story naming only ``James`` and ``Lily`` (the pack's Lily Evans Potter) is of
her era."""


def company_of(named: Sequence[CanonCharacter | None]) -> Counter[str]:
    """How many of the story's canon characters are written in each era.

    Those of several eras (``CanonCharacter.eras``) count in each; so does an era-bound one
    whose names another era's character shares (``Lily``, the pack's Lily Evans Potter, whom
    no era settled): what the story's other shared names mean should agree with it, so
    ``James`` beside that ``Lily`` and ``Moody`` is her husband, not her grandson. The
    characters named only in quotations count too (Dumbledore tells ``James`` to hide with
    ``Lily``, and that ``Moody`` owns a cloak like his).
    """
    characters = {c.name: c for c in named if c is not None}
    return Counter(era for c in characters.values() for era in (*c.eras, *filter(None, [c.era])))


def namesake(
    group: Group,
    character: CanonCharacter | None,
    era: str | None,
    packs: tuple[FandomPack, ...],
    company: Counter[str] | None = None,
) -> CanonCharacter | None:
    """The character of the story's era whom a shared short name means, else ``character``.

    ``Lily`` is Lily Evans Potter's name in the pack, but in a story of the next generation
    (Scorpius, Rose, Albus Severus) ``Lily`` and ``Lily Potter`` are Lily Luna Potter: a group
    named only by the short forms of one character of the story's era (the first given name,
    with or without the surname, and the surname beside them) goes to that character. With no
    era-bound character to go by, the company decides between the namesakes: ``James`` beside
    Sirius, Remus and Peter (written in the Marauders' era, never in the next generation's) is
    James Potter, when at least ``COMPANY`` of them share that namesake's era and none the other's.
    """
    if era is None:
        era = _company_era(group, packs, company or Counter())
    if era is None or (character is not None and character.era == era):
        return character
    namesakes = _namesakes(group, era, packs)
    return namesakes[0] if len(namesakes) == 1 else character


def _company_era(group: Group, packs: tuple[FandomPack, ...], company: Counter[str]) -> str | None:
    """The era of one of the group's namesakes that the story's company alone is written in."""
    eras = {c.era for c in _namesakes(group, None, packs)}
    backed = [era for era in eras if era and company[era]]
    return (
        backed[0] if len(eras) > 1 and len(backed) == 1 and company[backed[0]] >= COMPANY else None
    )


def _namesakes(
    group: Group, era: str | None, packs: tuple[FandomPack, ...]
) -> list[CanonCharacter]:
    """The era-bound characters (of ``era``, or of any era) whose short forms name the group."""
    # a title says nothing of the era (`Mr. Potter` beside `James` is either James)
    names = {group.parts[key].name if key in group.parts else key for key in group.keys}
    return _bearers({name_key(name) for name in names}, packs, era)


def _bearers(
    keys: set[str], packs: tuple[FandomPack, ...], era: str | None = None
) -> list[CanonCharacter]:
    """The era-bound characters (of ``era``, or of any era) whose short forms are all ``keys``."""
    return [
        character
        for character, first, forms in _short_forms(packs)
        if (era is None or character.era == era) and keys <= forms and keys & first
    ]


@cache
def _short_forms(
    packs: tuple[FandomPack, ...],
) -> tuple[tuple[CanonCharacter, frozenset[str], frozenset[str]], ...]:
    """Each era-bound character with its first-name forms and those with the bare surname.

    For Lily Luna Potter: ``lily`` and ``lily potter``, then the same with ``potter``. A
    one-word alias of the character's own counts as a first-name form (``Jamie`` for James
    Sirius Potter): a group named ``James`` and ``Jamie`` is his, not his grandfather's.
    """
    table = []
    for pack in packs:
        for character in pack.characters:
            if character.era is None:
                continue
            first = character.given.split()[0]
            forms = {name_key(first)}
            forms |= {
                name_key(alias)
                for alias in character.aliases
                if " " not in alias and alias != character.surname
            }
            if character.surname:
                forms.add(name_key(f"{first} {character.surname}"))
            surname = {name_key(character.surname)} if character.surname else set()
            table.append((character, frozenset(forms), frozenset(forms | surname)))
    return tuple(table)


def era_namesakes(
    attached: list[tuple[Group, CanonCharacter | None]], packs: tuple[FandomPack, ...]
) -> list[tuple[Group, CanonCharacter | None]]:
    """A short name of a character of no era goes to its one namesake of the story's era.

    ``Albus`` is Albus Dumbledore's name in the pack, and Dumbledore belongs to no era, so the
    story's era never moved it; but beside James Sirius Potter, or Scorpius and Lily Luna, the
    boy called ``Albus`` is Albus Severus Potter. The era is that of the story's era-bound
    characters once every group has its canon, when they are all of one era; the group must be
    named only by the namesake's short forms (:func:`_namesakes`).
    """
    eras = {c.era for _, c in attached if c is not None and c.era}
    if len(eras) != 1:
        return attached
    (era,) = eras
    present = {c.name: g for g, c in attached if c is not None}
    result: list[tuple[Group, CanonCharacter | None]] = []
    for group, character in attached:
        namesakes = _namesakes(group, era, packs) if character and not character.era else []
        if len(namesakes) != 1 or character in namesakes:
            result.append((group, character))
        elif (owner := present.get(namesakes[0].name)) is not None:
            owner.absorb(group)
        else:
            result.append((group, namesakes[0]))
    return result
