"""Who dies on the page: the ``death`` signal told apart by the character who dies.

The lexicon (``signals.toml``) finds a death on the page (*died*, *was dead*, *killed*,
*lay dead*) but not whose it is. With the cast's named mentions, a death cue is given
to the character it is said of, within its sentence:

- ``killed`` said in the active voice kills the character named right after it
  (``Voldemort killed Cedric``); in the passive (``Cedric was killed``, ``killed by``) or with
  a reflexive (``killed himself``), the character named right before it;
- ``corpse`` and ``dead body`` belong to a possessive name right before them (``Fred's
  corpse``) or a name right after ``of`` (``the corpse of Fred``);
- every other cue (``died``, ``lay dead``, ``lifeless``, ``last breath``) belongs to the
  character named right before it (``Harry watched as Fred died``), or to a possessive name
  when the cue is bodily (``Fred's body crumpled``, not ``Lily's laughter died``).

*Right before* and *right after* are as :mod:`ficlens.content.attribution` reads them: a few
words, no clause break, no pronoun between (``Harry held him as he died`` names no one).
The lexicon leaves out idioms (a heart that ``stopped`` at a glance, ``stopped breathing``)
and this module those it tells by what follows (``dies inside``, ``dead tired``); ``dying``
counts only after *was* or *is* (not *the dying fire*), and the pluperfect (``had died``) is
backstory. Only on-page hits count: a death that is negated, dreamt, hypothetical
or remembered (:func:`ficlens.content.signals.frame_of`) is not one.

The death is of a *major* character when a fandom pack knows the character (canon) or the
character is among the story's ``MAJOR_RANK`` most-named; else of a *minor* one. The output's
``death`` signal then reaches ``minor_character`` or ``major_character`` (above ``on_page``),
names who dies, and shows those sentences first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ficlens.content.attribution import (
    Mentions,
    inside,
    name_after,
    name_before,
    pluperfect,
    possessor,
)
from ficlens.content.passages import distinct
from ficlens.content.signals import CAST_LEVELS, MAX_EVIDENCE, Hit
from ficlens.model import Character, Signal, Span

DEATH = "death"
ON_PAGE = 1
"""The level number of on-page death cues in the ``death`` ladder of ``signals.toml``."""
MAJOR_RANK = 3
"""A character among the story's this many most-named is major, canon or not."""
LEVELS = CAST_LEVELS[DEATH]
"""The levels above ``on_page`` that a named character's death gives the ``death`` signal."""

_PASSIVE = re.compile(r"\b(?:was|were|been|being|be|is|are|got|get)\s+(?:\w+ly\s+)?$", re.I)
_BY_OR_SELF = re.compile(r"^\s+(?:by\b|himself\b|herself\b|themselves\b|themself\b)", re.I)
_AUXILIARY = re.compile(r"\b(?:was|were|is|are|am)\s+$", re.I)
_OF = re.compile(r"\s+of\s+(?:the\s+)?", re.I)
_BODILY = ("body", "eyes", "last breath", "lifeless", "corpse", "dead body")
"""Cues said of a possessed body part, which then name whose death it is ("Tonks's lifeless")."""
_IDIOM = re.compile(
    r"[\s-]+(?:inside|out|down|away|like|set|serious|tired|convinced|certain|sure|wrong|right|"
    r"asleep|drunk|to the world|"
    r"on (?:his|her|their|my|your) feet)\b",
    re.I,
)
"""What after a cue makes it an idiom or a simile: *dies inside*, *the fire died out*, *was dead
tired*, *dead set*, *a corpse-like body*."""


@dataclass(frozen=True, slots=True)
class Death:
    """A character's death on the page.

    Attributes:
        character: the id of the character who dies.
        major: a canon character or one of the story's most-named.
        sentence: the sentence that tells it.
    """

    character: str
    major: bool
    sentence: Span


def character_deaths(
    text: str,
    hits: Sequence[Hit],
    characters: Sequence[Character],
    mentions: Sequence[tuple[Span, str]],
) -> tuple[Death, ...]:
    """The deaths the on-page death cues tell of named characters, one per sentence each.

    Args:
        text: the work's text (the hits' and mentions' offsets point into it).
        hits: the content-signal hits (:func:`ficlens.content.signals.find_hits`).
        characters: the cast.
        mentions: the cast's named mentions, ``(span, character id)``, in text order.
    """
    cues = [h for h in hits if h.signal == DEATH and h.level == ON_PAGE and h.frame is None]
    if not cues or not mentions:
        return ()
    major = _major(characters, mentions)
    starts = [span.start for span, _ in mentions]
    deaths: dict[tuple[str, Span], Death] = {}
    for cue in sorted(cues, key=lambda h: h.span.start):
        who = _victim(text, cue, inside(cue.sentence, mentions, starts))
        if who is not None:
            deaths.setdefault((who, cue.sentence), Death(who, who in major, cue.sentence))
    return tuple(deaths.values())


def refine(signal: Signal, deaths: Sequence[Death], *, limit: int = MAX_EVIDENCE) -> Signal:
    """The ``death`` signal raised to the level its named deaths reach, their sentences first.

    Example:
        >>> plain = Signal("death", "on_page", 2.0, (Span(0, 9),), hits=1)
        >>> refine(plain, [Death("c2", True, Span(10, 30))]).level
        'major_character'
    """
    if not deaths:
        return signal
    ranked = sorted(deaths, key=lambda d: (not d.major, d.sentence.start))
    level = LEVELS[1] if ranked[0].major else LEVELS[0]
    who = tuple(dict.fromkeys(d.character for d in ranked))
    evidence = distinct([*(d.sentence for d in ranked), *signal.evidence], limit)
    return replace(signal, level=level, evidence=evidence, characters=who)


def _major(characters: Sequence[Character], mentions: Sequence[tuple[Span, str]]) -> set[str]:
    counts = Counter(ident for _, ident in mentions)
    most = {ident for ident, _ in counts.most_common(MAJOR_RANK)}
    return most | {c.id for c in characters if c.canon}


def _victim(text: str, cue: Hit, names: Mentions) -> str | None:
    """The character the cue's death belongs to, from the names in its sentence."""
    words = text[cue.span.start : cue.span.end].lower()
    head = text[cue.sentence.start : cue.span.start]
    tail = text[cue.span.end : cue.sentence.end]
    if words == "dying" and not _AUXILIARY.search(head):
        return None  # "the dying fire"; but "Fred was dying"
    if _IDIOM.match(tail):
        return None
    if words.startswith("killed") and not (_PASSIVE.search(head) or _BY_OR_SELF.match(tail)):
        if pluperfect(head[-12:]):  # "he had killed Cedric"
            return None
        return name_after(text, cue.span, names, cue.sentence.end)
    if words in ("corpse", "dead body"):
        return _remains(text, cue, names)
    owner = possessor(text, cue.span, names) if words.startswith(_BODILY) else None
    return owner or name_before(text, cue.span, names)  # "Fred's body crumpled", "Fred died"


def _remains(text: str, cue: Hit, names: Mentions) -> str | None:
    """Whose ``corpse`` or ``dead body``: ``Fred's corpse``, ``the corpse of Fred``."""
    owner = possessor(text, cue.span, names)
    if owner is not None:
        return owner
    after = [(s, i) for s, i in names if s.start >= cue.span.end]
    if after and _OF.fullmatch(text[cue.span.end : after[0][0].start]):
        return after[0][1]
    return None
