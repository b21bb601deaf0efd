"""Characters a story names once but whose pronouns fill its narration.

A story of Hermione and Severus may name her once and call her ``she`` a hundred times after.
Named once, she falls below the roster's ``MIN_MENTIONS``, and the story's only woman is
missing from its cast. Keeping every canon character the narration names once throws in names
said in passing, so only the ones the narration's pronouns call for come back: a fandom pack's
character named once whose pronoun set the narration uses at least ``LACKING_MIN`` times while
no character of the cast has it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from ficlens.cast.mentions import Mention
from ficlens.cast.names import pronoun_sets
from ficlens.fandoms import FandomPack
from ficlens.fandoms.pack import find_canon
from ficlens.nlp import Parsed

LACKING_MIN = 20
"""How many narration pronouns of a set with no character in the cast call for one."""


def narration_pronouns(parsed: Sequence[Parsed]) -> Counter[str]:
    """How often the narration uses each pronoun set (``she``, ``her``... count for ``she/her``).

    Quotations are masked in the parse, so only the narration's pronouns count.
    """
    sets = pronoun_sets()
    found = (sets.get(token.text.lower()) for piece in parsed for token in piece.tokens)
    return Counter(name for name in found if name)


def lacking(parsed: Sequence[Parsed], genders: Iterable[str | None]) -> set[str]:
    """The pronoun sets the narration uses ``LACKING_MIN`` times or more that no one has."""
    present = set(genders)
    return {
        name
        for name, count in narration_pronouns(parsed).items()
        if count >= LACKING_MIN and name not in present
    }


def called_for(
    mentions: Sequence[Mention], packs: tuple[FandomPack, ...], genders: Iterable[str]
) -> set[str]:
    """The keys of canon mentions whose character has one of ``genders`` (pronoun sets)."""
    wanted = set(genders)
    return {
        m.key
        for m in mentions
        if m.source == "canon"
        and (character := find_canon(m.key, packs)) is not None
        and character.pronouns in wanted
    }
