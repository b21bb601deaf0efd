"""Canon names that hold a signal's word: ``Graves``, ``the Boy Who Lived``, ``Winter Soldier``.

A fandom pack's character may be named with a word the content signals read: Percival Graves
is no grave, *the Boy Who Lived* no child, *the Winter Soldier* no war, *Lord Explosion Murder*
no violence. :func:`name_shield` finds such names in a paragraph, so that a hit inside one is no
hit. Only the words that are themselves the content are kept there (a signal or level with
``framed = false``: a swear in a nickname, ``Shitty Hair``, is still a swear).

The names are those of the bundled packs, whatever fandom a story is detected as (the signals
are read before and apart from the cast): each name form of a character (its tag's forms, its
aliases and epithets, a leading ``the`` left out) of two or more words or hyphenated
(``Boy-Who-Lived``), and each one-word given name or surname. A one-word alias is left out:
``Death`` a character is still death. Names match with their case, so ``graves`` in the
churchyard stays a grave.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ficlens.fandoms import load_packs
from ficlens.fandoms.pack import CanonCharacter, tag_forms

if TYPE_CHECKING:
    from ficlens.content.signals import SignalSpec

_THE = re.compile(r"^the\s+", re.I)


def _forms(character: CanonCharacter) -> Iterable[str]:
    """The ways the text writes a character that could hold a signal's word."""
    for written in (*tag_forms(character.name), *character.aliases, *character.epithets):
        form = _THE.sub("", written)
        if len(form.split()) > 1 or "-" in form:
            yield form
    yield from (word for word in (character.given, character.surname) if " " not in word)


def _holds_content(form: str, specs: Sequence[SignalSpec]) -> bool:
    """Whether a framed signal's pattern matches inside ``form``."""
    return any(
        level.pattern.search(form)
        for spec in specs
        if spec.framed
        for level in spec.levels
        if level.framed
    )


@lru_cache(maxsize=8)
def name_shield(specs: tuple[SignalSpec, ...]) -> re.Pattern[str] | None:
    """A case-sensitive pattern of the bundled packs' names holding a word of ``specs``.

    Example:
        >>> from ficlens.content.signals import signal_specs
        >>> shield = name_shield(signal_specs())
        >>> [m.group() for m in shield.finditer("Graves sat by the graves with Boy Who Lived.")]
        ['Graves', 'Boy Who Lived']
    """
    forms = {
        form
        for pack in load_packs()
        for character in pack.characters
        for form in _forms(character)
        if form
    }
    held = sorted((form for form in forms if _holds_content(form, specs)), key=len, reverse=True)
    if not held:
        return None
    alternatives = (_written(form) for form in held)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


def _written(form: str) -> str:
    """A pattern for ``form`` as text writes it: any whitespace, either apostrophe."""
    words = (re.escape(word).replace("'", "['’]") for word in form.split())
    return r"\s+".join(words)


def shielded(shield: re.Pattern[str] | None, chunk: str) -> list[tuple[int, int]]:
    """The spans of ``chunk`` (offsets into it) that are such names."""
    return [match.span() for match in shield.finditer(chunk)] if shield else []
