"""The fandom pack model: a canon's names, its characters and the words that give it away.

A pack is data (``packs/<slug>.toml``, see ``SCHEMA.md``); this module holds the frozen values
the loader builds from it, and the rules for comparing names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_DISAMBIGUATOR = re.compile(r"\s*\([^()]*\)\s*$")


def normalize(text: str) -> str:
    r"""Single-space ``text``, straighten its apostrophes and lower a leading ``The``.

    This is how a name is written for exact (case-sensitive) comparison: ``"The  Copy Ninja"``
    and ``"the Copy Ninja"`` are the same epithet, ``"T’Challa"`` is ``"T'Challa"``.

    Example:
        >>> normalize("The  Copy\nNinja")
        'the Copy Ninja'
    """
    flat = " ".join(text.split()).replace("’", "'")
    return "the " + flat[4:] if flat.startswith("The ") else flat


def name_key(text: str) -> str:
    """The case-insensitive key of a name: normalized, case-folded, without a leading ``the``.

    Two forms with the same key are the same name as far as :func:`find_canon` and the pack
    validation are concerned.

    Example:
        >>> name_key("the Copy Ninja") == name_key("copy ninja")
        True
    """
    return normalize(text).casefold().removeprefix("the ")


def without_disambiguator(tag: str) -> str:
    """An AO3 tag without the bracketed disambiguator AO3 adds to it.

    Example:
        >>> without_disambiguator("Gaara (Naruto)")
        'Gaara'
    """
    return _DISAMBIGUATOR.sub("", tag)


def tag_forms(tag: str) -> tuple[str, ...]:
    """The ways story text can write an AO3 character tag.

    AO3 adds a disambiguator in brackets (``Gaara (Naruto)``) and joins a real name and a hero
    name with ``|`` (``Aizawa Shouta | Eraserhead``); neither appears in story text.

    Example:
        >>> tag_forms("Aizawa Shouta | Eraserhead"), tag_forms("Gaara (Naruto)")
        (('Aizawa Shouta', 'Eraserhead'), ('Gaara',))
    """
    parts = (without_disambiguator(part).strip() for part in tag.split("|"))
    return tuple(part for part in parts if part)


@dataclass(frozen=True, slots=True)
class CanonCharacter:
    """One character of a canon, with every way fan fiction names them.

    Attributes:
        name: AO3's canonical character tag, e.g. ``"Hatake Kakashi"``.
        given: the given name, e.g. ``"Kakashi"``.
        surname: the family name, or ``""`` when the character has none.
        aliases: other ways the text names them: first name, surname, nicknames, titles.
        epithets: descriptive names that refer to exactly this character ("the Copy Ninja").
        pronouns: the pronouns canon uses, e.g. ``"he/him"``.
        age: the canonical age in the canon's main timeline, when well known.
        era: the generation of the canon the character belongs to ("next generation"), for
            characters who appear in one era only; a name two eras share goes to the character
            of the story's era (:func:`ficlens.cast.canon.merge_canon`).
        eras: for a character of several eras, the eras they are written in (Sirius Black: the
            Marauders' and the main one). When no era-bound character settles the story's era,
            such company still tells which of two namesakes a bare given name means (``James``
            beside Sirius, Remus and Peter is James Potter, not his grandson).
        parents: the character's parents among the pack's characters (AO3 names), so that
            ``his dad`` in a story told from Ron's side is Arthur Weasley
            (:mod:`ficlens.cast.parents`).
    """

    name: str
    given: str
    surname: str
    aliases: tuple[str, ...]
    epithets: tuple[str, ...]
    pronouns: str
    age: int | None = None
    era: str | None = None
    eras: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """Every way the text names this character: the tag's forms, aliases, then epithets."""
        return tuple(dict.fromkeys((*tag_forms(self.name), *self.aliases, *self.epithets)))


@dataclass(frozen=True, slots=True)
class FandomPack:
    """What FicLens knows about one canon.

    Attributes:
        slug: the pack's identifier and file name, e.g. ``"naruto"``.
        name: AO3's canonical fandom tag, e.g. ``"Naruto"``.
        aliases: other names of the fandom, as AO3 fandom tags or FFN categories write them.
        name_order: how canon writes full names: ``"surname_first"`` or ``"given_first"``.
        terms: words and phrases that strongly signal this canon (places, techniques, objects).
        characters: the most-written characters.
        shared_surnames: surnames several characters share ("Weasley"); they name no one alone.
        kin: groups of relatives (AO3 names): everyone in a group is family of everyone else in
            it (parents and children, siblings, cousins; spouses are not kin).
        godparents: groups of a godparent and godchildren (AO3 names): family as ``kin`` is
            for the pairings, but not blood, so a romance between them is no incest.
        oaths: names fic of this canon swears by (``Merlin``, ``Circe``): a story of the canon
            that names someone only so names no character.
        metatags: AO3's meta tags over the canon (``Wizarding World - J. K. Rowling`` over both
            Harry Potter and Fantastic Beasts): canons sharing one make no crossover.
        borrows: slugs of packs whose characters this canon's stories name too, though the
            other canon is not detected (Fantastic Beasts borrows Harry Potter's Dumbledore and
            Grindelwald); see :func:`~ficlens.fandoms.cast_packs`.
    """

    slug: str
    name: str
    aliases: tuple[str, ...]
    name_order: str
    terms: tuple[str, ...]
    characters: tuple[CanonCharacter, ...]
    shared_surnames: tuple[str, ...] = ()
    kin: tuple[tuple[str, ...], ...] = ()
    godparents: tuple[tuple[str, ...], ...] = ()
    oaths: tuple[str, ...] = ()
    metatags: tuple[str, ...] = ()
    borrows: tuple[str, ...] = ()

    @property
    def surnames(self) -> frozenset[str]:
        """Every family name of the canon: its characters' surnames and the shared ones."""
        return frozenset(c.surname for c in self.characters if c.surname) | set(
            self.shared_surnames
        )

    def __hash__(self) -> int:
        # Packs key the matcher caches; hashing every name on each call would cost more than
        # the look-up. Equal packs have equal slugs, names and sizes, so this is consistent.
        return hash((self.slug, self.name, len(self.characters), len(self.terms)))


def _or_bundled(packs: tuple[FandomPack, ...] | None) -> tuple[FandomPack, ...]:
    """The packs given, or every bundled pack when none are."""
    if packs is not None:
        return packs
    from ficlens.fandoms.loader import load_packs  # noqa: PLC0415 (loader imports this)

    return load_packs()


def find_canon(name: str, packs: tuple[FandomPack, ...] | None = None) -> CanonCharacter | None:
    """Find the character a name, alias or epithet belongs to.

    The comparison ignores case, spacing, curly apostrophes and a leading ``the``, and must
    otherwise be exact. A shared surname ("Weasley") names no one, so it finds nothing.

    Args:
        name: the name as written, e.g. ``"Kakashi"`` or ``"the Copy Ninja"``.
        packs: the packs to search, in order; the first pack that knows the name wins.
            Defaults to every bundled pack.

    Returns:
        The character, or ``None`` when no pack knows the name.

    Example:
        >>> find_canon("the copy ninja").name
        'Hatake Kakashi'
    """
    packs = _or_bundled(packs)
    key = name_key(name)
    for pack in packs:
        character = _canon_index(pack).get(key)
        if character is not None:
            return character
    return None


def is_pack_name(name: str, packs: tuple[FandomPack, ...] | None = None) -> bool:
    """Whether a pack knows the name as a person's: any form, given name or surname.

    Unlike :func:`find_canon`, a surname several characters share counts: ``Malfoy`` names
    someone even though it names no one in particular.

    Example:
        >>> is_pack_name("Malfoy"), is_pack_name("Exactly")
        (True, False)
    """
    packs = _or_bundled(packs)
    key = name_key(name)
    return any(key in _person_words(pack) for pack in packs)


@lru_cache(maxsize=64)
def _person_words(pack: FandomPack) -> frozenset[str]:
    words = {*_canon_index(pack), *(name_key(s) for s in pack.shared_surnames)}
    for character in pack.characters:
        words.update(name_key(w) for w in (character.given, character.surname) if w)
    return frozenset(words)


@lru_cache(maxsize=64)
def _canon_index(pack: FandomPack) -> dict[str, CanonCharacter]:
    index: dict[str, CanonCharacter] = {}
    for character in pack.characters:
        for form in (character.name, *character.forms):
            index.setdefault(name_key(form), character)
    return index


def are_kin(first: str, second: str, packs: tuple[FandomPack, ...] | None = None) -> bool:
    """Whether two canon characters (AO3 names) are family.

    Family as a pack's ``kin`` groups say, or as its characters' ``parents`` do: a parent and
    child, or two children of one parent (Merope Gaunt is Tom Riddle's mother whether or not a
    ``kin`` group lists the two).

    Example:
        >>> are_kin("Ron Weasley", "Ginny Weasley"), are_kin("Ron Weasley", "Hermione Granger")
        (True, False)
        >>> are_kin("Merope Gaunt", "Tom Riddle")
        True
    """
    packs = _or_bundled(packs)
    wanted = frozenset((first, second))
    return len(wanted) == 2 and any(
        wanted in _kin_pairs(pack) or wanted in _pairs(pack.godparents) for pack in packs
    )


def blood_kin(first: str, second: str, packs: tuple[FandomPack, ...] | None = None) -> bool:
    """Whether two canon characters (AO3 names) are family by blood, as a ``kin`` group says.

    Not godparents, and not from the ``parents`` field alone: a parent and child whom no kin
    group lists may be a namesake's. Merope Gaunt is Tom Riddle's mother, but the Tom she
    loves in a story is his father, Tom Riddle too, whom the pack does not list.

    Example:
        >>> blood_kin("Fred Weasley", "George Weasley"), blood_kin("Sirius Black", "Harry Potter")
        (True, False)
        >>> are_kin("Merope Gaunt", "Tom Riddle"), blood_kin("Merope Gaunt", "Tom Riddle")
        (True, False)
    """
    packs = _or_bundled(packs)
    wanted = frozenset((first, second))
    return len(wanted) == 2 and any(wanted in _pairs(pack.kin) for pack in packs)


@lru_cache(maxsize=64)
def _kin_pairs(pack: FandomPack) -> frozenset[frozenset[str]]:
    children: dict[str, list[str]] = {}
    for character in pack.characters:
        for parent in character.parents:
            children.setdefault(parent, []).append(character.name)
    return _pairs((*pack.kin, *((parent, *kids) for parent, kids in children.items())))


@lru_cache(maxsize=256)
def _pairs(groups: tuple[tuple[str, ...], ...]) -> frozenset[frozenset[str]]:
    """Every two names of one group."""
    return frozenset(frozenset((a, b)) for group in groups for a in group for b in group if a != b)
