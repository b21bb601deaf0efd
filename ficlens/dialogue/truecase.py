"""Stories written all in lower case, read with the capitals a parser needs.

Some writers leave out every capital (``harry and ginny reconciled``). The named-entity model
and the cast's name rules look for capitalised names, so such a story had no cast at all.
:func:`truecased` gives the text back with capitals where English would write them: the
word ``I``, the first letter of each sentence, and the names the story's fandom packs know.
It has the same length as the text, so every offset found in it holds in the original; the
dialogue stage reads it instead of the text, as it reads a script's labels recased.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from ficlens.fandoms import FandomPack
from ficlens.model import Span

LOWER_SHARE = 0.01
"""A story is written in lower case when fewer than this share of its words begin with a
capital (``I`` left out)."""
LEAST_WORDS = 100
"""Fewest words for that share to say anything."""

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_I = re.compile(r"(?<![\w'’-])i(?=(?:['’](?:m|d|ll|ve))?(?![\w-]))")
_SENTENCE = re.compile(r"(?:^|[.!?…]['\"’”)]*\s+|\n\s*)['\"‘“(*_~-]*([a-z])", re.M)
_USED_AS_WORD = frozenset(
    {"the", "a", "an", "this", "these", "those", "his", "her", "my", "your", "their", "its",
     "our", "i", "you", "he", "she", "we", "they", "it", "will", "would", "can", "could",
     "should", "must", "might", "very"}
)  # fmt: skip
"""Words before which a pack's name is an ordinary word in this story (*the black cat*, *she
will*, *no hope*): a name never follows them."""


def lower_case(text: str, paragraphs: Iterable[Span]) -> bool:
    """Whether the story's paragraphs are written without capitals.

    Example:
        >>> story = "harry and ginny were married in the spring. " * 20
        >>> lower_case(story, [Span(0, len(story))])
        True
        >>> lower_case(story.replace("harry", "Harry"), [Span(0, len(story))])
        False
    """
    words = capitals = 0
    for paragraph in paragraphs:
        for match in _WORD.finditer(paragraph.of(text)):
            words += 1
            capitals += match.group()[0].isupper() and match.group() != "I"
    return words >= LEAST_WORDS and capitals < LOWER_SHARE * words


def truecased(text: str, packs: tuple[FandomPack, ...] = ()) -> str:
    """The text with ``I``, sentence openings and the packs' names capitalised; same length.

    A one-word name the story also uses as a word (after an article, a possessive, a pronoun
    or a modal: *the black cat*, *she may*) stays as written everywhere.

    Example:
        >>> truecased("i told harry. he laughed, and i'm glad.")
        "I told harry. He laughed, and I'm glad."
    """
    chars = list(text)
    for match in _I.finditer(text):
        chars[match.start()] = "I"
    for match in _SENTENCE.finditer(text):
        chars[match.start(1)] = match.group(1).upper()
    names = _names(packs)
    if names:
        lower = text.lower()
        words = _alternation(names)
        taken = {m.group(1) for m in re.finditer(rf"(?<![\w'’])(?:{_BEFORE})\s+({words})\b", lower)}
        kept = [n for n in names if " " in n or n not in taken]
        if kept:
            for match in re.finditer(_alternation(kept), lower):
                _capitalise(chars, match.start(), match.group())
    return "".join(chars)


_BEFORE = "|".join(sorted(_USED_AS_WORD))


def _alternation(names: Sequence[str]) -> str:
    """A pattern for any of ``names`` (longest first) as whole words."""
    return r"(?<![\w'’-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])"


def _capitalise(chars: list[str], start: int, name: str) -> None:
    """Capitalise each word of ``name`` written at ``start`` (``lily luna`` → ``Lily Luna``)."""
    at_word = True
    for offset, char in enumerate(name):
        if at_word and char.isalpha():
            chars[start + offset] = char.upper()
        at_word = not char.isalnum() and char not in "'’"


@cache
def _names(packs: tuple[FandomPack, ...]) -> tuple[str, ...]:
    """Every name of the packs' characters in lower case, longest first.

    Their forms, first given names and surnames, and the packs' shared surnames.
    """
    found: set[str] = set()
    for pack in packs:
        for character in pack.characters:
            given = character.given.split()[:1]
            surname = [character.surname] if character.surname else []
            for form in (*character.forms, *given, *surname):
                bare = form.removeprefix("the ").removeprefix("The ")
                if len(bare) > 2 and bare[:1].isupper():
                    found.add(bare.lower())
        found.update(s.lower() for s in pack.shared_surnames)
    return tuple(sorted(found, key=len, reverse=True))
