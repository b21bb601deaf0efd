"""How old the characters of a story's sexual scenes are said or known to be.

The lexicon finds stated ages (*was fifteen*, *fifteen-year-old*, *fifth-year*) and sexual
passages, and a sentence co-occurrence puts the two near each other; but not whose age it is.
With the cast's named mentions:

- the characters *in a sexual scene* are those named within ``WINDOW`` characters of an on-page
  sexual passage at ``non_explicit`` or stronger;
- a stated age belongs to the character named right before it (``Harry was fifteen``,
  ``Ginny turned fourteen``, ``Harry was of age``) or, for an age or hyphenated school year
  used as an adjective, right after it (``fifteen-year-old Harry``, ``fifth-year Ginny``), as
  :mod:`ficlens.content.attribution` reads them; only on-page statements count (not *Harry
  wasn't fifteen any more*), not one led by a pronoun (*they're sixteen again*), not a school
  year used as a time (*in fifth-year*), and a minor's age only within ``STATED_NEAR``
  characters of a sexual passage the character is in (a childhood memory is not the scene);
- a canon character's age comes from the fandom pack (``age``, the age in the canon's main
  timeline), where the pack knows it.

A character in a sexual scene is a **stated minor** when the story gives them an age under 18
(a school year from first to sixth counts as 11 to 16; *seventeen-year-old* is still a minor in
AO3's sense) and never an adult one (*nineteen*, *of age*); the ``minor`` signal then reaches
``in_sexual_scene``, names them and shows those sentences first.
A canon age under 18 with no stated age is reported apart, as a reason only: fan fiction ages
characters up more often than not, and the story may say so in a way the lexicon misses.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ficlens.content.attribution import Mentions, inside, name_after, name_before
from ficlens.content.passages import distinct
from ficlens.content.signals import CAST_LEVELS, MAX_EVIDENCE, Hit
from ficlens.fandoms import find_canon
from ficlens.model import Character, Signal, Span

WINDOW = 400
"""Characters named this close to a sexual passage are in its scene (as ``minor_near_sexual``)."""
STATED_NEAR = 4000
"""A minor's age counts only when stated this close to a sexual passage they are in (about 700
words): characters grow up within a story, and a childhood memory (*eleven-year-old Remus*) says
nothing of the scene."""
SEXUAL_FROM = 2
"""The weakest ``sexual`` level number that makes a scene: ``non_explicit``."""
ADULT_AGE = 18
LEVEL = CAST_LEVELS["minor"][0]

_NUMBERS = {
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "first": 11, "second": 12, "third": 13, "fourth": 14, "fifth": 15, "sixth": 16,
}  # fmt: skip
_AGE = re.compile(r"\b(?:(\d{2})|(" + "|".join(_NUMBERS) + r"))\b", re.I)
_ADJECTIVE = re.compile(r"years?[- ]old$|-years?$", re.I)
_PRONOUN_LED = re.compile(r"(?:i|he|she|they|you|we)\b", re.I)
_TIME = re.compile(r"\b(?:in|since|during|from|until|after|before|by|of)\s+$", re.I)
_OF_AGE = re.compile(r"\bof age\b", re.I)
_GROWN = re.compile(
    r"\b(?:was|is|were|are|turned|turning)\s+(?:nearly |almost |already |finally |now )?"
    r"(seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|1[7-9]|[2-5]\d)\b"
    r"(?![-:]|\s+(?:seconds|minutes|hours|days|weeks|months|o['’]clock|past|to|feet|inches|"
    r"points|pounds|percent|galleons|times|of|and|or|more|people|others))",
    re.I,
)
"""A name-led adult age (``Harry was nineteen``): the lexicon's adult ages are pronoun-led, and
a stated adult age outweighs a minor one (a flashback's *fifth-year*)."""
_LOOK_BACK = 80
"""How far before a name-led age its name is looked for, in characters."""


@dataclass(frozen=True, slots=True)
class Age:
    """What the story or its canon says of the age of a character in a sexual scene.

    Attributes:
        character: the character's id.
        years: the age stated or known (``None`` for *of age*).
        source: ``stated`` (the text says it) or ``canon`` (the fandom pack knows it).
        sentence: the sentence that states it; for a canon age, the first sexual passage the
            character is named near.
    """

    character: str
    years: int | None
    source: str
    sentence: Span

    @property
    def minor(self) -> bool:
        """Whether this age is under 18."""
        return self.years is not None and self.years < ADULT_AGE


def scene_ages(
    text: str,
    hits: Sequence[Hit],
    characters: Sequence[Character],
    mentions: Mentions,
) -> tuple[Age, ...]:
    """The ages of the characters named in the story's sexual scenes, stated ones first.

    A character with a stated age gets every on-page statement; one without gets its canon
    age, if the pack knows it.
    """
    scenes = sorted(
        {
            h.sentence
            for h in hits
            if h.signal == "sexual" and h.level >= SEXUAL_FROM and not h.frame
        }
    )
    if not scenes or not mentions:
        return ()
    present = _in_scenes(scenes, mentions)
    starts = {ident: [scene.start for scene in near] for ident, near in present.items()}
    stated = [
        age
        for age in _stated(text, hits, mentions)
        if age.character in present
        and (
            not age.minor
            or _close_in_time(age.sentence, present[age.character], starts[age.character])
        )
    ]
    told = {age.character for age in stated}
    canon = []
    for character in characters:
        known = find_canon(character.name) if character.canon else None
        if known is None or known.age is None or character.id in told:
            continue
        if character.id in present:
            canon.append(Age(character.id, known.age, "canon", present[character.id][0]))
    return (*stated, *canon)


def stated_minors(ages: Sequence[Age]) -> tuple[str, ...]:
    """Characters the story states to be under 18 and never states to be adults."""
    adults = {a.character for a in ages if a.source == "stated" and not a.minor}
    return tuple(
        dict.fromkeys(a.character for a in ages if a.source == "stated" and a.minor and
                      a.character not in adults)
    )  # fmt: skip


def canon_minors(ages: Sequence[Age]) -> tuple[Age, ...]:
    """Canon ages under 18 of characters the story gives no age."""
    return tuple(a for a in ages if a.source == "canon" and a.minor)


def refine(signal: Signal, ages: Sequence[Age], *, limit: int = MAX_EVIDENCE) -> Signal:
    """The ``minor`` signal at ``in_sexual_scene`` when a stated minor is in a sexual scene.

    It then names them (``characters``) and shows their age statements first.
    """
    minors = stated_minors(ages)
    if not minors:
        return signal
    sentences = [a.sentence for a in ages if a.character in minors and a.source == "stated"]
    evidence = distinct([*sentences, *signal.evidence], limit)
    return replace(signal, level=LEVEL, evidence=evidence, characters=minors)


def _in_scenes(scenes: Sequence[Span], mentions: Mentions) -> dict[str, list[Span]]:
    """Characters named near a sexual passage, each with the passages they are near, in order."""
    present: dict[str, list[Span]] = {}
    at = 0
    for span, ident in mentions:
        while at < len(scenes) and scenes[at].end + WINDOW < span.start:
            at += 1
        if at < len(scenes) and scenes[at].start - WINDOW <= span.end:
            near = present.setdefault(ident, [])
            if not near or near[-1] != scenes[at]:
                near.append(scenes[at])
    return present


def _close_in_time(sentence: Span, scenes: Sequence[Span], starts: Sequence[int]) -> bool:
    """Whether a statement is within ``STATED_NEAR`` characters of one of these passages.

    ``scenes`` are in text order (``starts`` their offsets), so only the passages either side
    of it need a look.
    """
    at = bisect_left(starts, sentence.start)
    return any(
        scene.start - STATED_NEAR <= sentence.end and sentence.start <= scene.end + STATED_NEAR
        for scene in scenes[max(0, at - 1) : at + 1]
    )


def _stated(text: str, hits: Sequence[Hit], mentions: Mentions) -> list[Age]:
    """Every on-page age statement the text makes of a named character."""
    found = []
    starts = [span.start for span, _ in mentions]
    for hit in hits:
        if hit.frame is not None or hit.signal not in ("minor", "adult"):
            continue
        words = text[hit.span.start : hit.span.end]
        names = inside(hit.sentence, mentions, starts)
        if _PRONOUN_LED.match(words) or _TIME.search(text[hit.sentence.start : hit.span.start]):
            continue  # "they're sixteen again" is no one's in particular; "in fifth year"
        if _ADJECTIVE.search(words):  # "fifteen-year-old Harry", "fifth-year Ginny"
            who = name_after(text, hit.span, names, hit.sentence.end, most=1)
        elif (hit.signal == "minor" and hit.level == 1) or _OF_AGE.search(words):
            who = name_before(text, hit.span, names)  # "Harry was fifteen", "was of age"
        else:
            continue
        if who is not None:
            found.append(Age(who, _years(words, hit.signal == "minor"), "stated", hit.sentence))
    for match in _GROWN.finditer(text):
        cue = Span(match.start(), match.end())
        near = mentions[
            bisect_left(starts, cue.start - _LOOK_BACK) : bisect_left(starts, cue.start)
        ]
        who = name_before(text, cue, near)
        if who is not None:  # the clause from the name to the age is its evidence
            start = next(span.start for span, ident in reversed(near) if ident == who)
            found.append(Age(who, _years(match.group(1), False), "stated", Span(start, cue.end)))
    return found


def _years(words: str, minor: bool) -> int | None:
    """The age a cue states.

    Its number; else under 18 for a minor's cue, ``None`` (an adult of no stated age: *of
    age*, *seventh-year*) for an adult's.
    """
    match = _AGE.search(words)
    if match is None:
        return ADULT_AGE - 1 if minor else None
    digits, word = match.groups()
    years = int(digits) if digits else _NUMBERS[word.lower()]
    return min(years, ADULT_AGE - 1) if minor else years
