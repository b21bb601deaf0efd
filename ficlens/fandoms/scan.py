"""Find every name and term of a pack in a text, in time linear in the text.

Each pack becomes one compiled regular expression (cached): a trie of its terms, character
names, aliases, epithets and shared surnames. The regexes run on the lower-cased text, and the
case of each hit is checked after: names must keep theirs, terms may be in any case and plural
(``Muggles``). One pass with the union of the packs' tries finds the word starts where some
form may begin, and each pack's regex is tried only at the starts whose first word begins one
of its forms, so adding packs costs little.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ficlens.fandoms.frequency import is_rare
from ficlens.fandoms.pack import FandomPack, normalize
from ficlens.fandoms.trie import trie_regex

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Signal:
    """What a hit is evidence of.

    Attributes:
        kind: ``term``, ``character`` or ``surname`` (a shared surname).
        label: the term as the pack writes it, the character's AO3 tag, or the surname.
        strong: a term, or a name of two or more words besides a leading "the".
        rare: a one-word name rare in English (:mod:`ficlens.fandoms.frequency`: ``Draco``,
            not ``Harry``); named often enough, it is as strong as a full name.
    """

    kind: Literal["term", "character", "surname"]
    label: str
    strong: bool
    rare: bool = False


Hit = tuple[int, int, Signal]
"""A hit: its start and end offsets in the text, and its signal."""


@dataclass(frozen=True, slots=True)
class Matcher:
    """A pack compiled for scanning.

    Attributes:
        pattern: the trie of every form, anchored at a word start; runs on lower-cased text.
        names: normalized name -> signal; a hit must equal the name, case included.
        terms: normalized lower-case term -> signal.
        firsts: the lower-case first words of the forms (with ``s``/``es`` for one-word terms).
        declared: the pack's name and aliases as whole words, ignoring case, for declared tags.
    """

    pattern: re.Pattern[str]
    names: Mapping[str, Signal]
    terms: Mapping[str, Signal]
    firsts: frozenset[str]
    declared: re.Pattern[str]

    @property
    def forms(self) -> list[tuple[str, bool]]:
        """Every form, with whether it may take a plural ending."""
        return [(name, False) for name in self.names] + [(term, True) for term in self.terms]


def _first_words(forms: list[tuple[str, bool]]) -> frozenset[str]:
    words: set[str] = set()
    for form, plural in forms:
        text = normalize(form).lower()
        first = _WORD.match(text)
        if first is None:
            continue
        words.add(first.group())
        if plural and first.end() == len(text):
            words.update((text + "s", text + "es"))
    return frozenset(words)


@lru_cache(maxsize=64)
def matcher(pack: FandomPack) -> Matcher:
    """The pack compiled for scanning (cached)."""
    names: dict[str, Signal] = {}
    for character in pack.characters:
        for form in character.forms:
            text = normalize(form)
            strong = len(text.removeprefix("the ").split()) > 1
            names[text] = Signal("character", character.name, strong, not strong and is_rare(text))
    for surname in pack.shared_surnames:
        names[normalize(surname)] = Signal("surname", surname, False, is_rare(surname))
    terms = {normalize(term).lower(): Signal("term", term, True) for term in pack.terms}
    forms = [(name, False) for name in names] + [(term, True) for term in terms]
    pattern = re.compile(r"\b" + trie_regex(forms) + r"(?!\w)")
    tags = sorted({pack.name, *pack.aliases}, key=len, reverse=True)
    declared = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, tags)) + r")(?!\w)", re.I)
    return Matcher(pattern, names, terms, _first_words(forms), declared)


@dataclass(frozen=True, slots=True)
class _Index:
    starts: re.Pattern[str]  # a word where a form of some pack begins; matches its first word
    packs: Mapping[str, tuple[int, ...]]  # first word -> the packs with a form beginning so


@lru_cache(maxsize=16)
def _index(packs: tuple[FandomPack, ...]) -> _Index:
    forms: list[tuple[str, bool]] = []
    owners: dict[str, list[int]] = {}
    for position, pack in enumerate(packs):
        compiled = matcher(pack)
        forms += compiled.forms
        for word in compiled.firsts:
            owners.setdefault(word, []).append(position)
    starts = re.compile(r"\b(?=" + trie_regex(forms) + r"(?!\w))\w+")
    return _Index(starts, {word: tuple(found) for word, found in owners.items()})


def lower(text: str) -> str:
    """``text`` in lower case, keeping its offsets.

    A letter whose lower case is longer (``"İ"``) stays as it is.
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


def candidates(packs: tuple[FandomPack, ...], lowered: str) -> list[list[int]]:
    """For each pack, the offsets in ``lowered`` where one of its forms may begin."""
    index = _index(packs)
    found: list[list[int]] = [[] for _ in packs]
    for match in index.starts.finditer(lowered):
        for position in index.packs.get(match.group(), ()):
            found[position].append(match.start())
    return found


def _lookup(compiled: Matcher, hit: str) -> Signal | None:
    text = normalize(hit)
    signal = compiled.names.get(text)
    if signal is not None:
        return signal
    lowered = text.lower()
    signal = compiled.terms.get(lowered)
    if signal is None and lowered.endswith("s"):
        signal = compiled.terms.get(lowered[:-1])
        if signal is None and lowered.endswith("es"):
            signal = compiled.terms.get(lowered[:-2])
    return signal


def scan(compiled: Matcher, text: str, lowered: str, starts: list[int]) -> list[Hit]:
    """Every hit of one pack in ``text``, left to right, not overlapping.

    The pack's regex is tried at each of ``starts`` (from :func:`candidates`) on ``lowered``
    (from :func:`lower`), and the hit's case is checked on ``text``. A match in the wrong case
    (``guy`` for *Guy*) is no hit, and the scan goes on from the next start, so a shorter name
    inside it is still found.
    """
    hits: list[Hit] = []
    match_at = compiled.pattern.match
    position = 0
    for start in starts:
        if start < position:
            continue
        match = match_at(lowered, start)
        if match is None:
            continue
        signal = _lookup(compiled, text[start : match.end()])
        if signal is not None:
            hits.append((start, match.end(), signal))
            position = match.end()
    return hits
