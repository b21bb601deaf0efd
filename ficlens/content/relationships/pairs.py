"""Gathering evidence per pair of characters: romance weight, interaction and their passages.

Each ``count_*`` function adds one kind of evidence to the ``pairs`` table, keyed by the pair's
two ids in order (:func:`pair_key`): sentences and paragraphs naming both, romantic cues
credited to the characters they join, given romance passages (``SIGNAL_WEIGHT`` each, shared
among the pairs they name), and quotations one speaks to the other. Evidence passages are
sentence-sized, cut to ``MAX_SENTENCE`` characters around the cue.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

from ficlens.cast.names import kin_names
from ficlens.content.relationships.cues import LOVERS_KISS, harm_share, weighted_cues
from ficlens.content.relationships.participants import (
    paragraph_pair,
    participants,
    quote_participants,
)
from ficlens.content.relationships.story import Story
from ficlens.fandoms import are_kin
from ficlens.model import Character, Quote, Span

INTERACTION_WEIGHT = 0.1
SIGNAL_WEIGHT = 1.5
"""Weight of one given romance passage."""
KIN_WEIGHT = 0.3
"""Share of a pair's romance weight when a fandom pack says the two are family."""
MAX_SENTENCE = 320
"""Longer sentences are cut to a window of this many characters around the cue."""
_KEPT_TOGETHER = 24
_NAMED_TALK = 1.2
"""Rank of a dialogue paragraph naming one of the pair, above a sentence naming both (1.0)."""
_UNNAMED_TALK = 0.9
"""Rank of a dialogue paragraph naming neither: below a sentence naming both."""


@dataclass(slots=True)
class Pair:
    """What was gathered about one pair of characters."""

    romance: float = 0.0
    sentences: int = 0
    paragraphs: int = 0
    talk: float = 0.0
    kin: bool = False
    cues: list[tuple[float, int, Span]] = field(default_factory=list)
    together: list[tuple[float, int, Span]] = field(default_factory=list)

    @property
    def interaction(self) -> float:
        """Sentences naming both, half their shared paragraphs, and quotations between them."""
        return self.sentences + 0.5 * self.paragraphs + self.talk

    @property
    def score(self) -> float:
        """Romance weight plus a tenth of the interaction."""
        return self.romance + INTERACTION_WEIGHT * self.interaction


def pair_key(first: str, second: str) -> tuple[str, str]:
    """The key of a pair in the ``pairs`` table: its two ids in order."""
    return (first, second) if first < second else (second, first)


def _pair(pairs: dict[tuple[str, str], Pair], first: str, second: str) -> Pair:
    key = pair_key(first, second)
    found = pairs.get(key)
    if found is None:
        found = pairs[key] = Pair()
    return found


def count_together(story: Story, pairs: dict[tuple[str, str], Pair]) -> None:
    """Sentences and paragraphs that name both characters of a pair."""
    for index, named in enumerate(story.named):
        idents = sorted({ident for _, ident in named})
        for first, second in combinations(idents, 2):
            pair = _pair(pairs, first, second)
            pair.sentences += 1
            if len(pair.together) < _KEPT_TOGETHER:
                pair.together.append((1.0, story.sentences[index].start, story.sentences[index]))
    for cast in story.paragraph_cast:
        for first, second in combinations(sorted(cast), 2):
            _pair(pairs, first, second).paragraphs += 1


def count_cues(
    story: Story, pairs: dict[tuple[str, str], Pair], harmed: frozenset[int] = frozenset()
) -> None:
    """Romantic cues, each credited to the characters it joins.

    ``harmed`` is as for :func:`~ficlens.content.relationships.cues.weighted_cues`.
    """
    for offset, weight in weighted_cues(story, harmed):
        _credit_cue(story, offset, weight, pairs)


def _credit_cue(
    story: Story, offset: int, weight: float, pairs: dict[tuple[str, str], Pair]
) -> None:
    index = story.sentence_at(offset)
    if index is None:
        return
    evidence = _clip(story.text, story.sentences[index], offset)
    quote = story.quote_at(offset)
    if quote is not None:
        _credit_quote_cue(story, quote, offset, weight, evidence, pairs)
        return
    for share, first, second in participants(story, index, offset):
        _add_romance(story, pairs, (first, second), weight * share, offset, evidence)


def _add_romance(
    story: Story,
    pairs: dict[tuple[str, str], Pair],
    two: tuple[str, str],
    amount: float,
    offset: int,
    evidence: Span,
) -> None:
    """Credit a cue to a pair, unless one of them is a small child there (``three-year-old``)."""
    if story.small_child(two[0], offset) or story.small_child(two[1], offset):
        return
    pair = _pair(pairs, *two)
    pair.romance += amount
    pair.cues.append((amount, offset, evidence))


def _credit_quote_cue(
    story: Story,
    quote: Quote,
    offset: int,
    weight: float,
    evidence: Span,
    pairs: dict[tuple[str, str], Pair],
) -> None:
    joined = quote_participants(story, quote, offset)
    if joined is not None:
        share, first, second = joined
        _add_romance(story, pairs, (first, second), weight * share, offset, evidence)


def count_signals(
    story: Story,
    romance: Sequence[Span],
    pairs: dict[tuple[str, str], Pair],
    harmed: frozenset[int] = frozenset(),
) -> None:
    """Given romance passages count for the characters named in them, else in their paragraph.

    A passage naming more than two characters shares its weight among their pairs; one in or
    just after a paragraph of ``harmed`` keeps the share ``HARMED`` of it.
    """
    for passage in romance:
        inside = _sentences_in(story, passage)
        if not inside:
            continue
        weight = SIGNAL_WEIGHT * harm_share(story.paragraph_of[inside[0]], harmed)
        cast = sorted({ident for index in inside for _, ident in story.named[index]})
        if len(cast) < 2:
            only = paragraph_pair(story, inside[0])
            cast = list(only) if only else []
        joined = list(combinations(cast, 2))
        for first, second in joined:
            evidence = _evidence_sentence(story, inside, (first, second))
            amount = weight / len(joined)
            _add_romance(story, pairs, (first, second), amount, evidence.start, evidence)


def _sentences_in(story: Story, passage: Span) -> list[int]:
    """Indices of the sentences that overlap a passage."""
    index = max(bisect_right(story.starts, passage.start) - 1, 0)
    found = []
    while index < len(story.sentences) and story.sentences[index].start < passage.end:
        if story.sentences[index].overlaps(passage):
            found.append(index)
        index += 1
    return found


def _evidence_sentence(story: Story, inside: Sequence[int], pair: tuple[str, str]) -> Span:
    """The first sentence of a passage naming both of a pair, else one of them, else its first."""
    for wanted in (2, 1):
        for index in inside:
            if len({ident for _, ident in story.named[index]} & set(pair)) >= wanted:
                return _clip(story.text, story.sentences[index], story.sentences[index].start)
    return _clip(story.text, story.sentences[inside[0]], story.sentences[inside[0]].start)


def count_talk(story: Story, pairs: dict[tuple[str, str], Pair]) -> None:
    """Quotations one character speaks to the other.

    A quotation's evidence is its paragraph (cut around it when long), so a reader sees the
    speech tag or the name that says who speaks to whom, not a bare *"What a shame."*. It ranks
    above a sentence naming both when its paragraph names one of the two, below it otherwise.
    """
    for quote in story.quotes:
        speaker, addressee = quote.speaker, quote.addressee
        if not speaker or not addressee or speaker == addressee:
            continue
        pair = _pair(pairs, speaker, addressee)
        pair.talk += 1
        if len(pair.together) < _KEPT_TOGETHER:
            span, names = _quote_paragraph(story, quote, {speaker, addressee})
            weight = _NAMED_TALK if names else _UNNAMED_TALK
            pair.together.append((weight, quote.span.start, span))


def _quote_paragraph(story: Story, quote: Quote, pair: set[str]) -> tuple[Span, bool]:
    """The paragraph of a quotation, clipped around it, and whether it names one of ``pair``."""
    index = story.sentence_at(quote.span.start)
    if index is None:
        return quote.span, False
    paragraph = story.paragraph_of[index]
    first = last = index
    while first > 0 and story.paragraph_of[first - 1] == paragraph:
        first -= 1
    while last + 1 < len(story.sentences) and story.paragraph_of[last + 1] == paragraph:
        last += 1
    names = any(ident in pair for i in range(first, last + 1) for _, ident in story.named[i])
    whole = Span(story.sentences[first].start, story.sentences[last].end)
    return _clip(story.text, whole, quote.span.start), names


def _clip(text: str, sentence: Span, offset: int) -> Span:
    """The sentence, or a window of it around ``offset`` (cut at spaces) when it is long."""
    if len(sentence) <= MAX_SENTENCE:
        return sentence
    start = max(sentence.start, offset - MAX_SENTENCE // 3)
    end = min(sentence.end, start + MAX_SENTENCE)
    if start > sentence.start:
        space = text.find(" ", start, offset)
        start = space + 1 if space >= 0 else start
    if end < sentence.end:
        space = text.rfind(" ", max(offset, start), end)
        end = space if space > start else end
    return Span(start, end)


def discount_kin(
    pairs: dict[tuple[str, str], Pair],
    characters: Sequence[Character],
    sexual: Sequence[Span] = (),
    story: Story | None = None,
) -> None:
    """Scale the romance weight of relatives by ``KIN_WEIGHT``, or to nothing.

    Hugs, kisses and "I love you" between a mother and son or two brothers are family affection
    far more often than a pairing. Only canon characters are known to be relatives (a fandom
    pack's ``kin`` groups). A pair of relatives none of whose cue passages touches a ``sexual``
    passage (the sentences where the content signals find sexual content from
    ``non_explicit`` up on the page, in text order; a mother *kissing his little face*,
    sisters' hugs are not) and none of which tells of a kiss only lovers give (``LOVERS_KISS``
    in the ``story``'s narration: on the mouth, returned, *their kiss*; a son's *no more
    snogging* to his parents is not) has no romance at all; one with such passages (incest is
    written, and tagged) keeps ``KIN_WEIGHT`` of it, and may still reach the bar. Relatives are
    marked ``kin`` and get none of the leniency :mod:`.decide` gives the leads.

    A character the story calls only what a child calls a parent (``Mum``, ``Daddy``: the cast
    found no parent of that name) is no one's lover either: such a pair has no romance at all.
    Either the parent is unnamed, or ``Daddy`` is a lover's word for someone named elsewhere,
    and ``Daddy/Hermione Granger`` would be no tag.
    """
    canon = {c.id: c.name for c in characters if c.canon}
    parents = {c.id for c in characters if _kin_named(c)}
    starts = [passage.start for passage in sexual]
    for (first, second), pair in pairs.items():
        if first in parents or second in parents:
            pair.romance = 0.0
            pair.kin = True
        elif first in canon and second in canon and are_kin(canon[first], canon[second]):
            touched = any(
                _touches(span, sexual, starts) or _lovers_kiss(story, offset, span)
                for _, offset, span in pair.cues
            )
            pair.romance *= KIN_WEIGHT if touched else 0.0
            pair.kin = True


def _lovers_kiss(story: Story | None, offset: int, span: Span) -> bool:
    """Whether the cue at ``offset``, told in the narration, is of a kiss only lovers give."""
    return (
        story is not None
        and story.quote_at(offset) is None
        and LOVERS_KISS.search(story.text, span.start, span.end) is not None
    )


def _kin_named(character: Character) -> bool:
    """Whether a character is named what a child calls a parent (``Mum``, ``Daddy``).

    A cast member so named has no name of its own (the cast would have taken that), and a
    first-person narrator others address only so is named thus too.
    """
    return not character.canon and character.name in kin_names()


def _touches(span: Span, passages: Sequence[Span], starts: Sequence[int]) -> bool:
    """Whether ``span`` overlaps one of ``passages`` (in text order, ``starts`` their starts)."""
    at = bisect_right(starts, span.end - 1)  # the last passage starting before the span ends
    return at > 0 and passages[at - 1].end > span.start
