"""Each scene's point of view: first, second or third person, and the character it follows.

A first-person scene follows its narrator and a second-person one its ``you``. A scene that a
point-of-view heading gives to a character (``Draco's POV``; :mod:`ficlens.dialogue.voices`)
follows that character: in the first person, its ``I`` is them. Any other third-person
scene follows the character whose mind the narration is in: the one most often the subject of
a verb of thought or perception (``Harry wondered``, ``she realised``, ``he saw``), a ``he`` or
``she`` standing for the last subject of that gender (a subject carries on; a subordinate
clause's does not take over), else the character of that gender named most recently before
it. The narration naming someone most is only the tie-breaker: a story told from Draco's side
names Harry on every page, because Harry is whom Draco watches.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ficlens.cast import Cast
from ficlens.cast.person import narration_person
from ficlens.model import Scene, Span, Work
from ficlens.nlp import STAND_IN, Parsed, Token

METHOD = "pov.minds.v5"

MIND_VERBS = frozenset(
    """
    think thinks thinking thought  feel feels feeling felt  know knows knowing knew
    see sees seeing saw  hear hears hearing heard  understand understands understood
    wonder wonders wondering wondered  notice notices noticing noticed
    watch watches watching watched  want wants wanting wanted
    remember remembers remembering remembered  recall recalls recalling recalled
    wish wishes wishing wished  hope hopes hoping hoped  sense senses sensing sensed
    realise realises realising realised  realize realizes realizing realized
    consider considers considering considered  doubt doubts doubting doubted
    need needs needing needed  worry worries worrying worried  fear fears fearing feared
    miss misses missing missed  guess guesses guessing guessed  figure figures figured
    imagine imagines imagining imagined  decide decides deciding decided
    believe believes believing believed  suppose supposes supposed
    love loves loved  hate hates hated
    """.split()
)
"""Verbs of thought and perception, in all the forms narration uses: their subject is a mind
the narration is in."""

MIND_WEIGHT = 1.0
"""What one mind verb's subject adds to a character's claim on the scene."""
MENTION_WEIGHT = 0.1
"""What one narration mention adds: enough to break ties and to decide a scene with no mind
verb, never enough to outweigh a mind."""
PRONOUN_REACH = 3000
"""How far back (in characters) a ``he`` or ``she`` looks for the character it stands for."""
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PRONOUNS = frozenset({"he", "she"})
_SUBORDINATE = frozenset({"advcl", "relcl", "acl", "ccomp"})


def _scene_pov(
    scene: Scene, pieces: Sequence[Parsed], cast: Cast, starts: Sequence[int]
) -> tuple[str | None, str | None]:
    inside = [p for p in pieces if any(seg.contains(p.span) for seg in scene.segments)]
    if not any(t.text.strip() and t.text != STAND_IN for p in inside for t in p.tokens):
        return None, None
    person = narration_person(inside)
    if person == "first":
        return person, cast.narrator_at(scene.span.start)
    if person:
        return person, cast.narrator
    if (voice := cast.voice_at(scene.span.start)) is not None:
        return "third", voice  # a heading says whose side the scene is on
    claims: dict[str, float] = defaultdict(float)  # in the order first claimed
    for piece in inside:
        lo = bisect.bisect_left(starts, piece.span.start)
        hi = bisect.bisect_left(starts, piece.span.end)
        for i in range(lo, hi):
            claims[cast.mentions[i][1]] += MENTION_WEIGHT
    for ident, minds in mind_claims(inside, cast, starts).items():
        claims[ident] += MIND_WEIGHT * minds
    focal = max(claims, key=claims.__getitem__) if claims else None  # a tie: the first named
    return "third", focal


def mind_claims(pieces: Sequence[Parsed], cast: Cast, starts: Sequence[int]) -> Counter[str]:
    """How often each character is the subject of a verb of thought or perception.

    Every subject of every verb is followed in text order: a ``he`` or ``she`` stands for the
    last subject of that gender (within ``PRONOUN_REACH`` characters), else for the character
    of that gender named most recently. A subject carries on from sentence to sentence: in
    *Harry looked at Draco. He wondered why*, the one wondering is Harry. ``starts`` are the
    offsets of the cast's mentions.
    """
    genders = {c.id: (c.gender or "").split("/")[0] for c in cast.characters}
    last: dict[str, tuple[int, str]] = {}  # a gender's last subject: offset and character
    found: Counter[str] = Counter()
    for piece in pieces:
        tokens = piece.tokens
        for token in tokens:
            if token.dep not in _SUBJECTS:
                continue
            ident = _subject(token, cast.mentions, starts, genders, last)
            if ident is None:
                continue
            gender = genders.get(ident)
            if gender in _PRONOUNS and not _aside(tokens, token, last.get(gender)):
                last[gender] = (token.start, ident)
            if 0 <= token.head < len(tokens) and tokens[token.head].text.lower() in MIND_VERBS:
                found[ident] += 1
    return found


def _aside(tokens: Sequence[Token], token: Token, chain: tuple[int, str] | None) -> bool:
    """Whether a subject is only a subordinate clause's, leaving the subject before it in place.

    In *Harry's hands are black when Uncle Vernon takes the light out. He wonders ...*, the one
    wondering is still Harry: a subject of a clause that hangs on another (*when* ...,
    *who* ..., *that* ...) carries on no chain that runs within ``PRONOUN_REACH``.
    """
    if chain is None or token.start - chain[0] > PRONOUN_REACH:
        return False
    head = token.head
    return 0 <= head < len(tokens) and tokens[head].dep in _SUBORDINATE


def _subject(
    token: Token,
    mentions: Sequence[tuple[Span, str]],
    starts: Sequence[int],
    genders: Mapping[str, str],
    last: Mapping[str, tuple[int, str]],
) -> str | None:
    """The character a subject token is: a mention it is part of, or a pronoun's antecedent.

    A ``he`` or ``she`` stands for the last subject of that gender, else the character of that
    gender named most recently, within ``PRONOUN_REACH`` characters.
    """
    index = bisect.bisect_right(starts, token.start) - 1
    if index >= 0 and mentions[index][0].start <= token.start < mentions[index][0].end:
        return mentions[index][1]
    gender = token.text.lower()
    if gender not in _PRONOUNS:
        return None
    if gender in last and token.start - last[gender][0] <= PRONOUN_REACH:
        return last[gender][1]
    while index >= 0 and token.start - mentions[index][0].start <= PRONOUN_REACH:
        ident = mentions[index][1]
        if genders.get(ident) == gender:
            return ident
        index -= 1
    return None


def with_points_of_view(work: Work, parsed: Sequence[Parsed], cast: Cast) -> Work:
    """A copy of the work whose scenes say their point of view and focal character."""
    starts = [span.start for span, _ in cast.mentions]
    piece_starts = [p.span.start for p in parsed]
    chapters = []
    for chapter in work.chapters:
        scenes = []
        for scene in chapter.scenes:
            lo = bisect.bisect_left(piece_starts, scene.span.start)
            hi = bisect.bisect_right(piece_starts, scene.span.end)
            pov, focal = _scene_pov(scene, parsed[lo:hi], cast, starts)
            scenes.append(replace(scene, pov=pov, focal=focal))
        chapters.append(replace(chapter, scenes=tuple(scenes)))
    return replace(work, chapters=tuple(chapters))
