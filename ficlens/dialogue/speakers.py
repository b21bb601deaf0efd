"""Attribute every quotation to a speaker and, where the text says, an addressee.

The per-quotation sieves of :mod:`ficlens.dialogue.sieves` run first (speech verb with its
subject, action beat, the only character named in the paragraph); then decisions spread to the
other quotations of their paragraph, and conversation turn-taking fills the gaps of a
back-and-forth between two speakers (A, B, A, B ...), using vocatives (``"Sakura, ..."``) as
hints of who answers. A conversation that turn-taking cannot fill gives its first open answer
to a known turn to the most recently named character who is not the other side, and the turns
go on from there.
What is still open goes to the most recently named character, with low confidence.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from ficlens.cast import Cast
from ficlens.dialogue.addressees import conversations, quote_turns, turn_addressees
from ficlens.dialogue.mentions import MentionIndex, index_mentions
from ficlens.dialogue.quotes import FoundQuote
from ficlens.dialogue.sieves import (
    NAMED_SPEECH_VERB,
    Decision,
    action_beat,
    named_addressee,
    pronoun_bound,
    said_from,
    self_named,
    single_mention,
    speech_verb,
)
from ficlens.dialogue.sites import QuoteSite, build_sites
from ficlens.model import Quote, Span
from ficlens.nlp import Parsed

_LOOKBACK_CHARS = 3000
_UNKNOWN = "?"  # stands for "pronouns unknown" when looking for a character
_SUBJECT_WINDOW = 2
_PROPAGATED = 0.9
_TURN_CONFIDENCE = 0.5
_RECENT_CONFIDENCE = 0.3


@dataclass(frozen=True)
class _Context:
    cast: Cast
    mentions: MentionIndex
    genders: dict[str, str | None]
    leads: dict[str, tuple[str, int]]


def _context(cast: Cast, parsed: Sequence[Parsed]) -> _Context:
    genders = {c.id: c.gender for c in cast.characters}
    return _Context(cast, index_mentions(cast, parsed), genders, leads(cast))


def leads(cast: Cast) -> dict[str, tuple[str, int]]:
    """Pronoun set -> its lead (the character of it named most) and where it is first named.

    Before that offset, no one of the set has been named, and a ``she`` means the lead: a story
    told close to its heroine may call her ``she`` for pages before it names her. After it,
    ``she`` is someone named.
    """
    genders = {c.id: c.gender for c in cast.characters}
    first: dict[str, int] = {}
    for span, ident in cast.mentions:
        gender = genders.get(ident)
        if gender and (gender not in first or span.start < first[gender]):
            first[gender] = span.start
    found: dict[str, tuple[str, int]] = {}
    for character in sorted(cast.characters, key=lambda c: -c.mentions):
        if character.gender and character.gender in first:
            found.setdefault(character.gender, (character.id, first[character.gender]))
    return found


def lead_before(found: dict[str, tuple[str, int]], pronoun: str | None, offset: int) -> str | None:
    """The lead of a pronoun set (:func:`leads`) when no one of it is named before ``offset``."""
    lead = found.get(pronoun or "")
    return lead[0] if lead is not None and offset < lead[1] else None


def _recent(
    context: _Context,
    before: int,
    *,
    gender: str | None,
    exclude: set[str],
    prefer_subject: bool = False,
) -> str | None:
    """The most recently named character before an offset, optionally of one gender.

    With ``prefer_subject`` (resolving ``he said``), a character named as a grammatical subject
    among the nearest few candidates wins over a nearer one named as an object: in ``Gregory
    stared at Syme. "What?" he asked`` it is Gregory who asks.
    """
    mentions = context.mentions
    index = bisect.bisect_left(mentions.starts, before) - 1
    candidates: list[tuple[str, bool]] = []
    while index >= 0 and mentions.starts[index] >= before - _LOOKBACK_CHARS:
        ident = mentions.ids[index]
        known = context.genders.get(ident)
        wanted = gender is None or known == gender or (gender == _UNKNOWN and known is None)
        if ident not in exclude and wanted:
            candidates.append((ident, mentions.subject[index]))
            if not prefer_subject or len(candidates) >= _SUBJECT_WINDOW:
                break
        index -= 1
    if not candidates:
        return None
    if prefer_subject:
        subject = next((ident for ident, is_subject in candidates if is_subject), None)
        return subject or candidates[0][0]
    return candidates[0][0]


def _paragraph_characters(context: _Context, piece: Parsed) -> list[str]:
    return context.mentions.named_in(piece.span.start, piece.span.end)[0]


def _decide(
    site: QuoteSite, context: _Context, addressee: str | None, itself: Decision | None
) -> Decision | None:
    def resolve_pronoun(at: QuoteSite, pronoun: str, exclude: str | None) -> str | None:
        excluded = set(pronoun_bound(at, context.mentions.owner))  # he said as Percy sat
        if exclude:
            excluded.add(exclude)
        found = _recent(
            context, at.quote.span.start, gender=pronoun, exclude=excluded, prefer_subject=True
        )
        if found is None:  # no one of that gender named yet: the lead
            lead = lead_before(context.leads, pronoun, at.quote.span.start)
            found = lead if lead not in excluded else None
        if found is None:  # no one of that gender: someone whose pronouns are unknown
            found = _recent(
                context, at.quote.span.start, gender=_UNKNOWN, exclude=excluded, prefer_subject=True
            )
        return found

    # a soft "Are you okay?" from James: the giver named right after the line, before any
    # speech verb later in the sentence (`from James, and Sirius snorted`)
    found = said_from(site, cast=context.cast, starts=context.mentions.owner, addressee=addressee)
    if found is None:
        found = speech_verb(
            site, cast=context.cast, starts=context.mentions.owner,
            resolve_pronoun=resolve_pronoun, addressee=addressee,
        )  # fmt: skip
    if found is None and site.intro is not None:
        found = speech_verb(
            site.intro, cast=context.cast, starts=context.mentions.owner,
            resolve_pronoun=resolve_pronoun, addressee=addressee,
        )  # fmt: skip
        if found is not None:
            found = Decision(found.character, "speakers.introduced.v1", found.confidence * 0.95)
    if found is None or found.method not in NAMED_SPEECH_VERB:
        found = itself or found  # "My name is Jon," the man said: Jon
    return (
        found
        or action_beat(site, starts=context.mentions.owner, addressee=addressee)
        or single_mention(_paragraph_characters(context, site.piece), addressee=addressee)
    )


def attribute_speakers(
    text: str,
    quotes: Sequence[FoundQuote],
    *,
    paragraphs: Sequence[Span],
    parsed: Sequence[Parsed],
    cast: Cast,
) -> tuple[Quote, ...]:
    """Decide the speaker and addressee of every quotation.

    Args:
        text: the work's text.
        quotes: the quotations found, in order.
        paragraphs: the story paragraphs the quotations index into.
        parsed: the parse of each paragraph (``parsed[i]`` for ``paragraphs[i]``).
        cast: the roster.
    """
    context = _context(cast, parsed)
    sites = build_sites(quotes, paragraphs, parsed)
    owner = context.mentions.owner
    addressees = [named_addressee(text, s, cast=cast, starts=owner) for s in sites]
    turn_of = quote_turns(quotes)
    runs = conversations(turn_of)
    decisions = [
        _decide(s, context, addressees[s.index], self_named(text, s.quote.span, cast=cast))
        for s in sites
    ]
    decisions = _spread_in_turns(turn_of, decisions, addressees)
    decisions = _take_turns(turn_of, runs, decisions, addressees, sites=sites, context=context)
    decisions = _fill_recent(sites, turn_of, runs, decisions, addressees, context)
    speakers = [d.character if d else None for d in decisions]
    addressees = turn_addressees(turn_of, speakers, addressees, opening=False)
    return tuple(
        Quote(
            span=q.span,
            speaker=d.character if d else None,
            addressee=addressees[n],
            method=d.method if d else "speakers.none.v1",
            confidence=round(d.confidence, 3) if d else 0.0,
            continued=q.continued,
            unclosed=q.unclosed,
        )
        for n, (q, d) in enumerate(zip(quotes, decisions, strict=True))
    )


def _spread_in_turns(
    turn_of: Sequence[int],
    decisions: list[Decision | None],
    addressees: Sequence[str | None],
) -> list[Decision | None]:
    """Quotations of one turn share its best decision (one speaker a paragraph, or a speech).

    ``turn_of`` is each quotation's paragraph as turns count it (:func:`turn_paragraphs`).
    """
    best: dict[int, Decision] = {}
    for turn, decision in zip(turn_of, decisions, strict=True):
        if decision and (turn not in best or decision.confidence > best[turn].confidence):
            best[turn] = decision
    spread: list[Decision | None] = []
    for index, (turn, decision) in enumerate(zip(turn_of, decisions, strict=True)):
        source = best.get(turn)
        if decision is None and source and source.character != addressees[index]:
            confidence = source.confidence * _PROPAGATED
            spread.append(Decision(source.character, "speakers.same_paragraph.v1", confidence))
        else:
            spread.append(decision)
    return spread


def _take_turns(
    turn_of: Sequence[int],
    runs: Sequence[list[int]],
    decisions: list[Decision | None],
    addressees: Sequence[str | None],
    *,
    sites: Sequence[QuoteSite],
    context: _Context,
) -> list[Decision | None]:
    """Fill a conversation's gaps: A, B, ?, B -> A; a quotation answers its vocative.

    When the turns known cannot fill a run any further, its first open turn that answers a
    known one goes to the most recently named character who is neither the addressee nor a
    neighbour's speaker, and the turns go on from there. In ``Hermione frowned. "Are you all
    right?" / "Fine." / "I have dittany." / "I'm fine, really."`` only the first line has a
    speaker; the second is Ron's, named before her, and the lines after it alternate rather
    than each going to whoever was named last.
    """
    result = list(decisions)
    for run in runs:
        tried: set[int] = set()
        while True:
            _fill_run(run, result, addressees)
            position = next(
                (
                    p
                    for p, i in enumerate(run)
                    if result[i] is None and i not in tried and _speaker(result, run, p - 1)
                ),
                None,
            )
            if position is None:
                break
            index = run[position]
            tried.add(index)
            near = (_speaker(result, run, p) for p in (position - 1, position + 1))
            exclude = {who for who in (*near, addressees[index]) if who}
            found = _recent(context, sites[index].quote.span.start, gender=None, exclude=exclude)
            if found:
                result[index] = Decision(found, "speakers.most_recent.v1", _RECENT_CONFIDENCE)
    return _spread_in_turns(turn_of, result, addressees)


def _speaker(result: Sequence[Decision | None], run: Sequence[int], at: int) -> str | None:
    """The speaker decided for the ``at``-th turn of a run (``None`` off its ends)."""
    decision = result[run[at]] if 0 <= at < len(run) else None
    return decision.character if decision is not None else None


def _fill_run(
    run: Sequence[int], result: list[Decision | None], addressees: Sequence[str | None]
) -> None:
    """Fill the turns of one run that its known turns decide, until none is left."""
    changed = True
    while changed:
        changed = False
        for position, index in enumerate(run):
            if result[index] is not None:
                continue
            guess = _turn_guess(run, position, result, addressees)
            if guess:
                who, how = guess
                result[index] = Decision(who, f"speakers.turn_taking.{how}.v1", _TURN_CONFIDENCE)
                changed = True


def _turn_guess(
    run: Sequence[int],
    position: int,
    result: Sequence[Decision | None],
    addressees: Sequence[str | None],
) -> tuple[str, str] | None:
    def speaker(at: int) -> str | None:
        return _speaker(result, run, at)

    previous = run[position - 1] if position > 0 else None
    called = addressees[previous] if previous is not None else None
    if called and called != speaker(position - 1):
        return called, "vocative"
    two_back, one_back = speaker(position - 2), speaker(position - 1)
    if two_back and one_back and two_back != one_back:
        return two_back, "back"
    two_on, one_on = speaker(position + 2), speaker(position + 1)
    if two_on and one_on and two_on != one_on:
        return two_on, "forward"
    pair = {who for at in range(len(run)) if (who := speaker(at))}
    neighbour = one_back or one_on
    if len(pair) == 2 and neighbour:  # a two-person conversation: the other one answers
        return min(pair - {neighbour}), "pair"  # min: one answer whatever the set order
    return None


def _neighbours(
    turn_of: Sequence[int], runs: Sequence[list[int]], decisions: Sequence[Decision | None]
) -> dict[int, set[str]]:
    """For each quotation, the speakers of the turns just before and after it in its run."""
    found: dict[int, set[str]] = {}
    for run in runs:
        for position, index in enumerate(run):
            near = set()
            for other in (position - 1, position + 1):
                decision = decisions[run[other]] if 0 <= other < len(run) else None
                if decision is not None:
                    near.add(decision.character)
            found[turn_of[index]] = near
    return found


def _fill_recent(
    sites: Sequence[QuoteSite],
    turn_of: Sequence[int],
    runs: Sequence[list[int]],
    decisions: list[Decision | None],
    addressees: Sequence[str | None],
    context: _Context,
) -> list[Decision | None]:
    """Last resort: the most recently named character who is not addressed.

    The speakers of the turns just before and after are excluded too: in a conversation,
    they are the other side.
    """
    near = _neighbours(turn_of, runs, decisions)
    filled: list[Decision | None] = []
    for site, decision in zip(sites, decisions, strict=True):
        found = None
        if decision is None:
            called = addressees[site.index]
            exclude = ({called} if called else set()) | near.get(turn_of[site.index], set())
            found = _recent(context, site.quote.span.start, gender=None, exclude=exclude)
        if found:
            filled.append(Decision(found, "speakers.most_recent.v1", _RECENT_CONFIDENCE))
        else:
            filled.append(decision)
    return filled
