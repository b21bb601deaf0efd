"""What names no one: a fandom pack's places, things and oaths, and the names inside them.

A parse takes ``Hogwarts``, the ``Quibbler``, ``Lumos`` or ``Merlin`` (as in *Merlin's beard*)
for people, and inside a shop's name (``Gambol and Japes``) finds two. The packs list these
as terms and oaths; here they become a set of name keys (:func:`not_people_of`) that roster
groups are checked against, misspellings and plurals included (:func:`is_thing`), and the
spans where a term of several words stands in a text (:func:`term_spans`). A one-word name
right after ``a`` (``for a Malfoy``, ``married a Potter``) is anyone of that name or family,
not a character of the story (:func:`generic`).
"""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz.distance import OSA

from ficlens.cast.roster import Group
from ficlens.fandoms import FandomPack, name_key
from ficlens.model import Span

_INDEFINITE = re.compile(r"(?<![\w'’-])[Aa]n?\s+$")


def generic(text: str, span: Span) -> bool:
    """Whether the one-word name at ``span`` follows ``a`` or ``an`` straight away.

    ``hiding was not something a Malfoy would do``, ``she had married that nuisance of a
    Potter``: a family's or a name's any member, which must not make ``Potter`` the alias of
    the one Potter the story names. An adjective between keeps the name a person's (``a
    sleepy Draco``), as does a name of several words.

    Example:
        >>> text = "He was a Malfoy. A sleepy Draco yawned at an Evans."
        >>> names = [Span(m.start(), m.end()) for m in re.finditer(r"[A-Z][a-z]+", text)]
        >>> [(span.of(text), generic(text, span)) for span in names]
        [('He', False), ('Malfoy', True), ('Draco', False), ('Evans', True)]
    """
    if " " in span.of(text).strip():
        return False
    return _INDEFINITE.search(text, max(0, span.start - 5), span.start) is not None


@cache
def _term_pattern(packs: tuple[FandomPack, ...]) -> re.Pattern[str] | None:
    """One pattern for the packs' terms of two or more words, in any case (``None``: none)."""
    terms = {re.escape(t) for pack in packs for t in pack.terms if len(t.split()) > 1}
    if not terms:
        return None
    alternation = "|".join(sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)


def term_spans(text: str, packs: tuple[FandomPack, ...]) -> list[Span]:
    """Where the text names one of the packs' places or things of several words.

    A name inside one names no one: ``Gambol`` and ``Japes`` of the joke shop ``Gambol and
    Japes``, ``Malfoy`` of ``Malfoy Manor``, ``Godric`` of ``Godric's Hollow``.
    """
    pattern = _term_pattern(packs)
    if pattern is None:
        return []
    return [Span(m.start(), m.end()) for m in pattern.finditer(text)]


@cache
def not_people_of(packs: tuple[FandomPack, ...]) -> frozenset[str]:
    """What names no one, keyed by :func:`name_key`.

    The packs' terms (places, organisations, objects) and oaths, and their families in the
    plural (``the Weasleys``).
    """
    words = (w for pack in packs for w in (*pack.terms, *pack.oaths))
    families = (f"{surname}s" for pack in packs for surname in pack.surnames)
    return frozenset(name_key(word) for word in (*words, *families))


_THING_HEADS = frozenset(
    {"castle", "pitch", "room", "network", "powder", "match", "team", "cup", "grounds",
     "office", "fireplace", "station", "hospital", "ward", "headquarters"}
)  # fmt: skip
"""Nouns that make a term a place or a thing still: ``Hogwarts Castle``, ``Floo Room``."""
_PLACE_HEADS = frozenset(
    {"castle", "manor", "cottage", "abbey", "palace", "mansion", "estate", "fortress", "academy",
     "hospital", "station", "chapel", "cathedral"}
)  # fmt: skip
"""Nouns that make any name before them a place: ``Gaunt Castle``, ``Riddle Manor``, ``Potter
Cottage`` (not ``Hall``, ``House``, ``Lane`` or ``Church``, which are surnames too)."""


def is_thing(key: str, not_people: frozenset[str]) -> bool:
    """Whether a name key names no one: one of ``not_people``, or a place.

    In the plural, or with a head noun after it, it is still one of ``not_people``; a name of
    several words ending in a place noun (``Gaunt Castle``) is a place.

    Example:
        >>> things = frozenset({"hogwarts", "death eater", "floo"})
        >>> [is_thing(k, things) for k in ("Death Eaters", "Hogwarts Castle", "Floo", "Flo")]
        [True, True, True, False]
        >>> is_thing("Horcruxes", frozenset({"horcrux"})), is_thing("Hogwrats", things)
        (True, True)
        >>> is_thing("Gaunt Castle", things), is_thing("Gaunt", things)
        (True, False)
    """
    key = name_key(key)
    if key in not_people or any(
        key.endswith(s) and key[: -len(s)] in not_people for s in ("s", "es")
    ):
        return True
    head, _, last = key.rpartition(" ")
    if head and last in _PLACE_HEADS:
        return True
    return (last in _THING_HEADS and head in not_people) or _misspelt(key, not_people)


MISSPELT_LENGTH = 7
"""The shortest one-word name taken for a misspelt term (``Gryfindor``, ``Quiddich``)."""


def _misspelt(key: str, not_people: frozenset[str]) -> bool:
    """Whether a long one-word name is one letter away from a term (``Gryfindor``, ``Quiddich``).

    One letter left out, added, changed or two neighbours swapped (optimal string alignment
    distance 1, as for names in :mod:`ficlens.fandoms.spelling`); a family's name beside its
    plural (``Weasley``, ``Weasleys``) is no misspelling.

    Example:
        >>> [_misspelt(w, frozenset({"quidditch"})) for w in ("quiddich", "qiudditch", "quidditc")]
        [True, True, True]
        >>> [_misspelt(w, frozenset({"quidditch"})) for w in ("quidich", "quaffle", "quidditch")]
        [False, False, False]
    """
    if len(key) < MISSPELT_LENGTH or " " in key:
        return False
    return any(
        len(term) >= MISSPELT_LENGTH and term != f"{key}s" and OSA.distance(key, term) == 1
        for term in not_people
        if abs(len(term) - len(key)) <= 1
    )


def mostly_things(group: Group, not_people: frozenset[str]) -> bool:
    """Whether half or more of a group's mentions name a thing (``Quidditch Pitch``).

    A word of a thing's name the group also holds alone names it too: the ``Ball`` of a story
    that says ``the Yule Ball`` first.
    """
    named = {key for key in group.keys if is_thing(key, not_people)}
    words = {word for key in named for word in group.parts[key].tokens}
    things = sum(
        count
        for key, count in group.keys.items()
        if key in named or (len(group.parts[key].tokens) == 1 and group.parts[key].name in words)
    )
    return 2 * things >= group.size
