"""Canon characters: names a fandom pack declares, found in the narration and merged.

spaCy's small model misses many fandom names (``Itachi``, ``Naruto``) and never knows that
``the Copy Ninja`` is Kakashi. When a work's fandom is detected, every name, alias and epithet
its pack lists is looked for in the narration, and roster groups whose names a pack knows
take the character's canonical AO3 name, pronouns and ``canon: true``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

from rapidfuzz import fuzz

from ficlens.cast.eras import (
    company_of,
    era_namesakes,
    era_of,
    namesake,
    namesakes_era,
)
from ficlens.cast.mentions import Mention, speaks
from ficlens.cast.names import split_name
from ficlens.cast.roster import Group
from ficlens.cast.things import mostly_things, not_people_of
from ficlens.fandoms import CanonCharacter, FandomPack, find_canon, name_key
from ficlens.fandoms.frequency import SPELT_LENGTH
from ficlens.fandoms.spelling import respelt, respelt_word
from ficlens.model import Span
from ficlens.nlp import STAND_IN, Parsed


@cache
def pack_pattern(packs: tuple[FandomPack, ...]) -> re.Pattern[str] | None:
    """One pattern for every name, alias and epithet of the packs' characters (``None``: none)."""
    forms: set[str] = set()
    for pack in packs:
        for character in pack.characters:
            for form in character.forms:
                bare = form.removeprefix("the ").removeprefix("The ")
                if len(bare) > 2:
                    forms.add(re.escape(bare))
    if not forms:
        return None
    alternation = "|".join(sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:(?:[Tt]he)\s+)?(?:{alternation})(?:-\w+)?(?![\w])")


def canon_mentions(
    text: str, parsed: Sequence[Parsed], packs: tuple[FandomPack, ...]
) -> list[tuple[int, Mention]]:
    """Mentions of pack characters in the narration, as ``(piece index, mention)`` pairs."""
    pattern = pack_pattern(packs)
    if pattern is None:
        return []
    found = []
    for index, piece in enumerate(parsed):
        starts = narration_starts(piece)
        for match in pattern.finditer(text, piece.span.start, piece.span.end):
            span = Span(match.start(), match.end())
            if span.start not in starts:  # inside a quotation, or inside a word
                continue
            parts = split_name(match.group())
            if _find_loosely(parts.name, packs) is not None:  # also `Granger-Malfoy`
                found.append((index, Mention(span, parts, "canon", speaks(piece, span))))
    return found


@cache
def _unlisted_given(packs: tuple[FandomPack, ...]) -> frozenset[str]:
    """First given names of pack characters that no pack lists as anyone's name on its own.

    Packs leave out bare given names ordinary English uses for anyone (``Oliver``, ``Katie``)
    or that two characters share (``Albus``): :func:`_given_lead` decides who they mean.
    """
    return frozenset(
        first
        for pack in packs
        for character in pack.characters
        if character.given
        and len(first := character.given.split()[0]) > 2
        and first[:1].isupper()
        and find_canon(first, packs) is None
    )


def given_mentions(
    text: str, parsed: Sequence[Parsed], packs: tuple[FandomPack, ...]
) -> list[tuple[int, Mention]]:
    """Mentions of the packs' unlisted given names that the parse may have missed.

    The small English model misses rare given names (``Albus stood before him``), so a story
    of Albus and Gellert had no Albus. A given name of :func:`_unlisted_given` written
    capitalised in the narration counts as a mention, unless the story also writes it in
    lower case (``hope``, ``may``, ``rose``: then it is a word).
    """
    return _written(text, parsed, _unlisted_given(packs), "given")


def surname_mentions(
    text: str, parsed: Sequence[Parsed], packs: tuple[FandomPack, ...]
) -> list[tuple[int, Mention]]:
    """Mentions of the packs' shared surnames, standing alone, that the parse may have missed.

    From Draco's side Harry is ``Potter`` (``Potter put on his glasses``), and the small model
    may call no ``Potter`` of a drabble a person. A shared surname (``Potter``, ``Weasley``)
    written capitalised in the narration counts as a mention, unless the story also writes
    it in lower case (``black``, ``wood``); whom it means is the roster's business (a
    family's lead, see :func:`merge_canon`). Full names are the pack's mentions already.
    """
    return _written(text, parsed, _shared_surnames(packs), "surname")


_CAPITALISED = re.compile(rf"(?<![\w-])[A-Z][a-z]{{{SPELT_LENGTH - 2},}}(?![\w-])")
"""A capitalised word long enough to be a pack's name misspelt (:mod:`ficlens.fandoms.spelling`)."""


def misspelt_mentions(
    text: str, parsed: Sequence[Parsed], packs: tuple[FandomPack, ...]
) -> list[tuple[int, Mention]]:
    """Mentions of the packs' names misspelt (``Hermoine``), which the parse may have missed.

    The small model often calls such a word an organisation, so a story's ``Hermoine`` had no
    mention. Each capitalised narration word :func:`~ficlens.fandoms.spelling.respelt_word`
    corrects to a name of one character counts, unless the story also writes it in lower
    case; the roster then finds whom it names (:func:`_find_loosely`). A shared surname
    misspelt alone (``Prewitt``) names no one, as the surname does not.
    """
    words = {
        word
        for word in set(_CAPITALISED.findall(text))
        if (name := respelt_word(word, packs)) is not None and find_canon(name, packs) is not None
    }
    return _written(text, parsed, frozenset(words), "misspelt")


def _written(
    text: str, parsed: Sequence[Parsed], words: frozenset[str], source: str
) -> list[tuple[int, Mention]]:
    """Each narration occurrence of one of ``words``, capitalised, as a mention from ``source``.

    None of a word the story also writes in lower case.
    """
    names = [
        re.escape(n)
        for n in words
        if re.search(rf"\b{re.escape(n)}\b", text)
        and not re.search(rf"\b{re.escape(n.lower())}\b", text)
    ]
    if not names:
        return []
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(sorted(names))})(?![\w-])")
    found = []
    for index, piece in enumerate(parsed):
        starts = narration_starts(piece)
        for match in pattern.finditer(text, piece.span.start, piece.span.end):
            if match.start() in starts:
                span = Span(match.start(), match.end())
                mention = Mention(span, split_name(match.group()), source, speaks(piece, span))
                found.append((index, mention))
    return found


@cache
def _shared_surnames(packs: tuple[FandomPack, ...]) -> frozenset[str]:
    """Surnames a pack says several of its characters share (``Weasley``, ``Potter``)."""
    return frozenset(s for pack in packs for s in pack.shared_surnames if s[:1].isupper())


def narration_starts(piece: Parsed) -> set[int]:
    """Where the piece's narration tokens start.

    Quotation contents are masked (``nlp.mask``) to a stand-in ``Yes`` and spaces, so a name
    inside a quotation starts no other token.
    """
    return {token.start for token in piece.tokens if token.text != STAND_IN}


def merge_canon(
    groups: Sequence[Group],
    packs: tuple[FandomPack, ...],
    quoted: Sequence[tuple[str, CanonCharacter]] = (),
) -> list[tuple[Group, CanonCharacter | None]]:
    """Attach each group to the canon character its names denote; merge groups that share one.

    A group named only by the packs' terms (``Hogwarts``, ``Quidditch``) or oaths (``Merlin``,
    as in *Merlin's beard*) is dropped. ``quoted`` are the pack's names said inside quotations
    (``(name, character)``): they are no group, but one that only one era's character answers
    to (James's ``"Evans, wait"``) tells the story's era like a narration name.
    """
    merged: dict[str, tuple[Group, CanonCharacter]] = {}
    result: list[tuple[Group, CanonCharacter | None]] = []
    not_people = not_people_of(packs)
    found = _unfit_titles([(group, _canon_of(group, packs)) for group in groups], packs)
    era = era_of(found, packs, quoted) or namesakes_era(found, packs)
    named = [*(c for _, c in found), *(c for _, c in quoted)]
    company = company_of(named) if era is None else Counter[str]()
    for group, first in found:
        character = namesake(group, first, era, packs, company)
        if character is None and mostly_things(group, not_people):
            continue  # a place, a house, a game, an oath the pack lists ("Hogwarts", "Merlin")
        if character is None:
            result.append((group, None))
        elif character.name in merged:
            merged[character.name][0].absorb(group)
        else:
            merged[character.name] = (group, character)
            result.append((group, character))
    return era_namesakes(_shared_names(result, era, packs), packs)


def _unfit_titles(
    found: list[tuple[Group, CanonCharacter | None]], packs: tuple[FandomPack, ...]
) -> list[tuple[Group, CanonCharacter | None]]:
    """Names whose title is another gender's than the canon character's, split off.

    The roster joins a titled surname to the one full name holding it when nothing yet says
    that name's gender: ``Ms. Weasley``, once in a list of present-givers, went into Ron
    Weasley's group. The pack knows Ron's pronouns, so the title's name leaves his group as a
    group of its own (which a later rule may give the one Weasley woman the story names).
    """
    result: list[tuple[Group, CanonCharacter | None]] = []
    for group, character in found:
        if character is None:
            result.append((group, character))
            continue
        fits = (None, character.pronouns)
        unfit = [key for key, parts in group.parts.items() if parts.gender_hint not in fits]
        if not unfit:
            result.append((group, character))
            continue
        if len(unfit) == len(group.parts):  # "Miss Rosier" alone: not Evan
            result.append((group, _fitting(group, packs)))
            continue
        apart = Group()
        for key in unfit:
            apart.keys[key] = group.keys.pop(key)
            apart.parts[key] = group.parts.pop(key)
        result.append((group, _canon_of(group, packs)))  # which the title's name may have set
        result.append((apart, _fitting(apart, packs)))
    return result


def _fitting(group: Group, packs: tuple[FandomPack, ...]) -> CanonCharacter | None:
    """The canon character a titled name denotes, if its title fits them.

    Else the one character of the packs with that surname whom the title fits: ``Miss
    Rosier`` beside the Fantastic Beasts pack is Vinda Rosier, not the pack's ``Rosier``,
    Evan; ``Mr. Granger`` is no one the packs know.
    """
    hints = group.gender_hints()
    found = _canon_of(group, packs)
    if found is not None and found.pronouns in (None, *hints):
        return found
    surnames = {p.tokens[-1] for p in group.parts.values() if p.tokens}
    fitting = [
        character
        for pack in packs
        for character in pack.characters
        if character.surname in surnames and character.pronouns in hints
    ]
    return fitting[0] if len(fitting) == 1 else None


_DOMINANCE = 3
"""A shared name goes to the character of the story named this many times more than any other."""


def _shared_names(
    attached: list[tuple[Group, CanonCharacter | None]],
    era: str | None,
    packs: tuple[FandomPack, ...],
) -> list[tuple[Group, CanonCharacter | None]]:
    """A bare name several canon characters share (``Malfoy``) joins the one the story names.

    That is the only one of them present, or the one named far more often than the rest, or
    else the family's lead of the story's era if present (:func:`_family_lead_present`). When
    the story names none of them otherwise, a shared surname is the family's most-written
    character of the story's era (:func:`family_lead`): a story told from Draco's side calls
    Harry only ``Potter``; and a given name too common in English for the pack to list
    (``Alicia``, ``Katie``) is the one character of the packs it is the first name of
    (:func:`_given_lead`).
    """
    present = [(g, c) for g, c in attached if c is not None]
    kept: list[tuple[Group, CanonCharacter | None]] = []
    for group, character in attached:
        if character is None and (owner := _titled_owner(group, present)) is not None:
            owner.absorb(group)
            continue
        word = _bare_word(group) if character is None else None
        owners = [(g, c) for g, c in present if word and word in (c.surname, c.given)]
        owners.sort(key=lambda pair: -pair[0].size)
        if len(owners) == 1 and (lead := _outnumbering_lead(group, owners[0], era, packs)):
            kept.append((group, lead))  # "Lupin" 25 times beside his son "Teddy" 5: Remus
            continue
        if owners and (len(owners) == 1 or owners[0][0].size >= _DOMINANCE * owners[1][0].size):
            owners[0][0].absorb(group)
            continue
        if word and owners and (chosen := _family_lead_present(word, owners, era, packs)):
            chosen.absorb(group)  # Draco's "Potter" beside Harry and Lily named: Harry
            continue
        lead = (
            (family_lead(word, era, packs) or _given_lead(word, era, packs))
            if word and not owners
            else None
        )
        if lead is not None and _someone_else(group, lead):
            lead = None  # "Septimus Malfoy", then "Malfoy": not Draco
        kept.append((group, lead or character))
    return _late_surnames(kept)


def _late_surnames(
    kept: list[tuple[Group, CanonCharacter | None]],
) -> list[tuple[Group, CanonCharacter | None]]:
    """A bare surname joins the one character who has it, once every group has its canon.

    A story that calls Dean Thomas only ``Dean`` (made canon by :func:`_given_lead`, since the
    pack lists no bare ``Dean``) and, in Draco's letters, ``Thomas``: the surname found no
    owner in the first pass because Dean's group had no character yet. A word that is also
    someone's given name here (a ``Thomas Smith``) stays apart.
    """
    present = [(g, c) for g, c in kept if c is not None]
    given = {c.given.split()[0] for _, c in present if c.given} | {
        part.tokens[0] for g, _ in kept for part in g.parts.values() if len(part.tokens) > 1
    }
    result: list[tuple[Group, CanonCharacter | None]] = []
    for group, character in kept:
        word = _bare_word(group) if character is None else None
        owners = [g for g, c in present if word and word == c.surname]
        if word not in given and len(owners) == 1:
            owners[0].absorb(group)
            continue
        result.append((group, character))
    return result


def _someone_else(group: Group, lead: CanonCharacter) -> bool:
    """Whether the group's full names give the family lead's surname another first name.

    A story of Orion Black's parents names ``Septimus Malfoy`` once, then ``Septimus`` and
    ``Malfoy``; the bare surname is his, not the family's most-written Malfoy's. The first name
    must name him alone too: an epithet (``Sodding Potter``) never does.
    """
    own = {name_key(lead.given.split()[0])} if lead.given else set()
    own |= {name_key(alias.split()[0]) for alias in lead.aliases if " " in alias}
    alone = {name_key(p.name) for p in group.parts.values() if len(p.tokens) == 1}
    return any(
        len(parts.tokens) > 1
        and parts.tokens[-1] == lead.surname
        and name_key(parts.tokens[0]) in alone - own
        for parts in group.parts.values()
    )


def _outnumbering_lead(
    group: Group,
    owner: tuple[Group, CanonCharacter],
    era: str | None,
    packs: tuple[FandomPack, ...],
) -> CanonCharacter | None:
    """The family's lead a bare surname means rather than the one bearer the story names.

    A domestic story calls Remus only ``Lupin``, 25 times, and names his son ``Teddy`` 5
    times: the surname is not the boy's. When the bare surname is named :data:`_DOMINANCE`
    times as often as its one present bearer, it goes to the family's lead of the story's era
    (:func:`family_lead`) if that is someone else of no era in particular (an era's own lead
    is the era's business), of the pronouns the surname's own votes give
    (Draco's ``Weasley``, she, beside ``Ginny`` stays hers) and no full name gives the surname
    another first name (:func:`_someone_else`). ``None``: the bearer keeps it.
    """
    word = _bare_word(group)
    bearer_group, bearer = owner
    if word is None or word != bearer.surname or group.size < _DOMINANCE * bearer_group.size:
        return None
    lead = family_lead(word, era, packs)
    if lead is None or lead.era or lead.name == bearer.name or _someone_else(group, lead):
        return None
    gender = group.clear_gender()
    return lead if gender is None or gender == lead.pronouns else None


def _family_lead_present(
    surname: str,
    owners: Sequence[tuple[Group, CanonCharacter]],
    era: str | None,
    packs: tuple[FandomPack, ...],
) -> Group | None:
    """The group of the family's lead (:func:`family_lead`) among several present owners.

    A story told from Draco's side calls Harry ``Potter`` a hundred times and names Harry,
    James and Lily a few times each: none of them is named far more often than the others, so
    the bare surname goes to the character fic means by it, when that one is present.
    """
    lead = family_lead(surname, era, packs)
    if lead is None:
        return None
    return next((g for g, c in owners if c.name == lead.name), None)


_SURNAME_TITLES = frozenset(
    {"Mr", "Mr.", "Mister", "Miss", "Ms", "Ms.", "Professor", "Prof.", "Dr", "Dr.", "Doctor"}
)
"""Titles fic puts before a character's own surname. A wife's (``Mrs``, ``Lady``) is left out:
``Mrs Potter`` beside Lily Luna is her mother, and titles of kin (``Aunt``) go with given names."""


def _titled_owner(group: Group, present: Sequence[tuple[Group, CanonCharacter]]) -> Group | None:
    """The story's one canon character a titled shared surname can mean, if only one.

    A story that calls Newt only ``Newt`` and ``Mr. Scamander`` writes the full name nowhere,
    so the roster cannot join the two; the pack knows Newt's surname. The group must be named
    only by that surname, with titles of :data:`_SURNAME_TITLES` (and perhaps bare), and
    exactly one character the story names must have that surname and pronouns the titles
    allow: ``Miss Weasley`` beside Ginny and Ron is Ginny; ``Mr. Malfoy`` beside both Draco
    and Lucius stays apart.
    """
    words = {p.tokens for p in group.parts.values()}
    titles_used = {p.title for p in group.parts.values()} - {""}
    if len(words) != 1 or len(next(iter(words))) != 1:
        return None
    if not titles_used or not titles_used <= _SURNAME_TITLES:
        return None
    (surname,) = next(iter(words))
    hints = group.gender_hints()
    if len(hints) > 1:
        return None
    owners = [g for g, c in present if c.surname == surname and (not hints or c.pronouns in hints)]
    return owners[0] if len(owners) == 1 else None


def _given_lead(
    given: str, era: str | None, packs: tuple[FandomPack, ...]
) -> CanonCharacter | None:
    """The one character of the packs whose first given name a bare name is.

    Packs leave out bare given names that ordinary English uses for anyone (``Alicia``,
    ``Katie``, ``Jacob``), so that novels do not read as fan fiction; but in a story of the
    fandom, an ``Alicia`` beside Angelina is Alicia Spinnet. Only characters of the story's
    era count: a ``Rose`` is Rose Weasley only in a story of the next generation, and a
    ``Susan`` there is not Susan Bones, whom the pack gives no era; so an ``Albus`` beside
    Grindelwald and Ariana, in a story of no era, is Albus Dumbledore, not Albus Severus
    Potter. ``None`` when two characters of the era share the first name. Nor is
    it one the pack says fic calls otherwise, by a name without the surname: ``William`` is not
    Bill Weasley (``Bill``), a bare ``Marge`` not Marge Dursley (``Aunt Marge``).
    """
    named = [
        character
        for pack in packs
        for character in pack.characters
        if character.given.split()[0] == given and (character.era == era or era in character.eras)
    ]
    if len(named) != 1:
        return None
    (character,) = named
    if any(
        alias != given and character.surname not in alias.split() for alias in character.aliases
    ):
        return None  # fic calls Bill Weasley "Bill", Marge Dursley "Aunt Marge"
    return character


def family_lead(
    surname: str, era: str | None, packs: tuple[FandomPack, ...]
) -> CanonCharacter | None:
    """The character a shared surname means when no one of that family is otherwise named.

    The first (most-written) character of the family in the pack who belongs to the story's
    era, else the first who belongs to no era in particular (``Potter`` is Harry Potter, or
    James Potter in a Marauders-era story). ``None`` for a surname no pack shares. When several
    packs share it, the lead standing highest in its own pack's order: beside Fantastic
    Beasts, ``Scamander`` is Newt, that pack's first character, not Harry Potter's Rolf, one
    of its last.

    Example:
        >>> from ficlens.fandoms import load_pack
        >>> hp, fb = load_pack("harry_potter"), load_pack("fantastic_beasts")
        >>> family_lead("Scamander", "main", (hp,)).name
        'Rolf Scamander'
        >>> family_lead("Scamander", "main", (hp, fb)).name
        'Newt Scamander'
    """
    leads: list[tuple[float, CanonCharacter]] = []
    for pack in packs:
        if surname not in pack.shared_surnames:
            continue
        family = [c for c in pack.characters if c.surname == surname]
        ordered = (*(c for c in family if era and c.era == era), *family)
        lead = next((c for c in ordered if c.era is None or c.era == era), None)
        if lead is not None:
            leads.append((pack.characters.index(lead) / len(pack.characters), lead))
    return min(leads, key=lambda ranked: ranked[0])[1] if leads else None


def _bare_word(group: Group) -> str | None:
    """The one word a group is named by, without a title.

    ``Potter``, also with epithets before it (``Sodding Potter``); ``None`` when its names that
    end otherwise (``Malfoy Manor``) or have a title (``Mrs Potter``) are more than a
    :data:`_DOMINANCE`-th of its mentions (Draco's ``Potter``, 57 times, is bare beside one
    ``Saint Potter``, one ``Auror Potter`` and one ``Auror``).
    """
    key = group.keys.most_common(1)[0][0]
    word = group.parts[key]
    if len(word.tokens) != 1 or word.title:
        return None
    other = sum(
        n for name, n in group.keys.items()
        if group.parts[name].title or group.parts[name].tokens[-1] != word.tokens[0]
    )  # fmt: skip
    if other and group.size - other < _DOMINANCE * other:
        return None
    return word.tokens[0]


def _canon_of(group: Group, packs: tuple[FandomPack, ...]) -> CanonCharacter | None:
    """The canon character a group's names denote: its fuller names first, then by frequency.

    A name of two or more words that a pack knows settles it when all such names agree: a
    group named ``Lily`` five times and ``Lily Luna`` once is Lily Luna Potter, though the pack
    gives a bare ``Lily`` to Lily Evans Potter. A nickname the pack gives a character (``Penny``)
    does not make a group with a full name of a surname no pack knows (``Penny Haywood``) that
    character; a given name does (AU fics rename Harry ``Harry Peverell``).
    """
    fuller = {
        character.name: character
        for key in group.keys
        if len(group.parts[key].name.split()) > 1
        and (character := _find_loosely(group.parts[key].name, packs)) is not None
    }
    if len(fuller) == 1:
        return next(iter(fuller.values()))
    foreign = _foreign_names(group, packs)
    for key, _count in group.keys.most_common():
        parts = group.parts[key]
        for candidate in (key, parts.name):
            character = _find_loosely(candidate, packs)
            if character is not None:
                nickname = len(parts.tokens) == 1 and parts.name != character.given
                if nickname and any(name[0] != character.given for name in foreign):
                    return None  # "Penny" of a "Penny Haywood" is not Penelope Clearwater
                return character
    return None


_SPELLING = 85
"""A surname this close to a pack's (rapidfuzz ratio) is that surname misspelt: ``Weasly``."""


def foreign_surname(word: str, packs: tuple[FandomPack, ...]) -> bool:
    """Whether no pack character has this surname, a hyphenated part of it, or one like it.

    A surname spelt nearly like a pack's (``Weasly``) is that one.

    Example:
        >>> from ficlens.fandoms import load_pack
        >>> hp = (load_pack("harry_potter"),)
        >>> [foreign_surname(w, hp) for w in ("Haywood", "Weasley", "Granger-Weasley", "Weasly")]
        [True, False, False, False]
    """
    known = _known_surnames(packs)
    parts = word.lower().split("-")
    if not known.isdisjoint(parts):
        return False
    return all(fuzz.ratio(part, surname) < _SPELLING for part in parts for surname in known)


@cache
def _known_surnames(packs: tuple[FandomPack, ...]) -> frozenset[str]:
    return frozenset(surname.lower() for pack in packs for surname in pack.surnames)


def titled_otherwise(name: Mention, titled: Mention, packs: tuple[FandomPack, ...]) -> bool:
    """Whether a pack's name stands after a title of another gender than its character's.

    In ``Mr. Granger`` the pack's ``Granger`` is Hermione's name, but the title says a man:
    her father, whom the parse's ``Mr. Granger`` names. A shared surname (``Mr. Weasley``)
    names no one character, so the rules for shared surnames decide it instead. Only the
    titles fic puts before a surname count (:data:`_SURNAME_TITLES`), not a ruler's.
    """
    hint = titled.parts.gender_hint
    if titled.parts.title not in _SURNAME_TITLES or hint is None or name.parts.title:
        return False  # a ruler's title (King Corvus Lestrange) is often a story's own invention
    if not titled.span.contains(name.span):
        return False
    character = find_canon(name.parts.name, packs)
    return character is not None and character.pronouns not in (None, hint)


def nickname_in_foreign_name(
    nickname: Mention, name: Mention, text: str, packs: tuple[FandomPack, ...]
) -> bool:
    """Whether a pack nickname begins a longer name, of a family no pack knows, used twice.

    The parse's ``Penny Haywood`` then names the person, not the pack's ``Penny`` inside it
    (Penelope Clearwater): see :func:`_canon_of`. A given name or a surname is no nickname
    (``Granger`` of a misparsed ``Granger Mudblood``), and a name the text writes once is
    likelier a misparse (``Ron Flooed``) than a person.
    """
    character = find_canon(nickname.parts.name, packs)
    tokens = name.parts.tokens
    return (
        character is not None
        and nickname.parts.name not in (character.given, character.surname)
        and len(nickname.parts.tokens) == 1
        and len(tokens) > 1
        and tokens[0] == nickname.parts.name
        and name.span.start <= nickname.span.start
        and nickname.span.end < name.span.end
        and foreign_surname(tokens[-1], packs)
        and text.count(name.parts.name) >= 2
    )


def _foreign_names(group: Group, packs: tuple[FandomPack, ...]) -> list[tuple[str, ...]]:
    """The group's untitled full names whose last word is no pack character's surname.

    A story's ``Penny Haywood`` is someone of its own even when fic calls Penelope Clearwater
    ``Penny``; a married or adopted name from the canon (``Hermione Malfoy``, ``Ron
    Granger-Weasley``) keeps its character, as does a middle name after the given one
    (``Ronald Bilius``, checked by the caller).
    """
    return [
        parts.tokens
        for parts in group.full_names()
        if not parts.title and foreign_surname(parts.tokens[-1], packs)
    ]


_INITIAL = re.compile(r"(?<=\S) [A-Z]\.?(?= \S)")
"""A middle initial: one capital, perhaps with a full stop, between two words of a name."""


def _find_loosely(name: str, packs: tuple[FandomPack, ...]) -> CanonCharacter | None:
    """The canon character a name denotes, also with middle initials the pack lacks or misspelt.

    A double-barrelled married surname (``Hermione Granger-Malfoy``) tries each part in turn.
    A misspelt name is one :func:`~ficlens.fandoms.spelling.respelt` corrects: ``Hermoine``.

    Example:
        >>> from ficlens.fandoms import load_packs
        >>> _find_loosely("James F. Potter", load_packs()).name
        'James Potter'
        >>> _find_loosely("Harry J Potter", load_packs()).name
        'Harry Potter'
        >>> _find_loosely("Grindlewald", load_packs()).name
        'Gellert Grindelwald'
        >>> _find_loosely("Hermione Granger-Malfoy", load_packs()).name
        'Hermione Granger'
    """
    character = find_canon(name, packs)
    given, _, surname = name.rpartition(" ")
    for part in surname.split("-") if character is None and given and "-" in surname else ():
        if (character := find_canon(f"{given} {part}", packs)) is not None:
            break
    if character is None and (bare := _INITIAL.sub("", name)) != name:
        character = find_canon(bare, packs)
    if character is None and (fixed := respelt(name, packs)) is not None:
        character = find_canon(fixed, packs)
    return character
