"""Who each quotation is said to.

A vocative names the addressee (``"Sakura, wait!"``, :func:`.sieves.vocative`), else the
narration (``said to Harry``, ``she asked Harry``, ``Harry turned to Ron.``:
:func:`.sieves.told`). Without either, a turn of a conversation is said to the speaker of the
turn before it, a conversation's opening turn to the first other speaker who answers it, a
speaker's turns in a row to whoever the first was, and a lone turn (no one answers it) to whom
its speaker was last talking with, within ``PARTNER_GAP`` paragraphs. A speech over several
paragraphs is one turn (:func:`turn_paragraphs`). Turns are addressed twice: by the sieves,
from their own speakers, and again (:func:`readdress`) once the speaker ranker has revised who
speaks, so that an addressee always follows the final speakers. The sieves' addressing, which
the ranker reads as facts about its candidates, stays as the ranker was trained on: a turn said
to the turn before it, or to the name a vocative or the narration gives.

On PDNC's 22 development novels (``ficlens eval pdnc``), addressing again after the ranker took
addressee accuracy from 0.543 to 0.574 end to end, and the opening turn's rule to 0.654; the
gendered words of address moved it by less than 0.001. At stop 37 the narration's names, the
first other speaker answering and a speaker's run of turns took it from 0.667 to 0.708; at
stop 65 the lone turn's last partner from 0.719 to 0.744, precision 0.807 to 0.801.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from ficlens.cast import Cast
from ficlens.dialogue.mentions import index_mentions
from ficlens.dialogue.prepared import Prepared
from ficlens.dialogue.quotes import FoundQuote
from ficlens.dialogue.sieves import addressed_as, named_addressee
from ficlens.dialogue.sites import build_sites
from ficlens.model import Quote

RUN_GAP = 1
"""A paragraph of narration between two quotation paragraphs ends a conversation."""
PARTNER_GAP = 6
"""How many paragraphs back a lone turn looks for whom its speaker was talking with."""


def turn_paragraphs(paragraph_of: Sequence[int], continued: Sequence[bool]) -> list[int]:
    """Each quotation's paragraph as turns count it: a speech spread over paragraphs is one turn.

    A quotation left open at the end of its paragraph and reopened in the next (``continued``,
    the convention of a long speech) is one utterance, so the next paragraph belongs to its
    turn: from there on the paragraphs are numbered one lower, and turn-taking, the spreading
    of a decision through a paragraph and the addressing all see the speech as one turn.

    Example:
        >>> turn_paragraphs([0, 1, 2, 3], [False, True, False, False])
        [0, 1, 1, 2]
    """
    turns: list[int] = []
    shift = 0
    for index, paragraph in enumerate(paragraph_of):
        if index and continued[index - 1] and paragraph > paragraph_of[index - 1]:
            shift += paragraph - paragraph_of[index - 1]
        turns.append(paragraph - shift)
    return turns


def quote_turns(quotes: Sequence[FoundQuote]) -> list[int]:
    """:func:`turn_paragraphs` of quotations as found (their paragraphs and ``continued`` marks)."""
    return turn_paragraphs([q.paragraph for q in quotes], [q.continued for q in quotes])


def conversations(paragraph_of: Sequence[int]) -> list[list[int]]:
    """Runs of quotation paragraphs close enough to be one conversation.

    ``paragraph_of[i]`` is the paragraph of quotation ``i`` (in text order); each run lists the
    first quotation of each of its paragraphs.

    Example:
        >>> conversations([0, 0, 1, 2, 5, 6])
        [[0, 2, 3], [4, 5]]
    """
    runs: list[list[int]] = []
    last_paragraph = -10
    for index, paragraph in enumerate(paragraph_of):
        if index and paragraph_of[index - 1] == paragraph:
            continue
        if paragraph - last_paragraph > RUN_GAP or not runs:
            runs.append([])
        runs[-1].append(index)
        last_paragraph = paragraph
    return runs


def turn_addressees(
    paragraph_of: Sequence[int],
    speakers: Sequence[str | None],
    vocatives: Sequence[str | None],
    *,
    opening: bool = True,
    called: Sequence[str | None] = (),
    genders: Mapping[str, str | None] | None = None,
) -> list[str | None]:
    """Who each quotation is said to: its vocative, else the other side of the conversation.

    The other quotations of a paragraph share its first one's addressee. A quotation that calls
    its addressee by a gendered word (``"Thank you, sir."``, :func:`.sieves.addressed_as`) is
    said to the nearest other speaker of its conversation with those pronouns, when the turn
    before is someone else's.

    Args:
        paragraph_of: the paragraph of each quotation, in text order.
        speakers: each quotation's speaker (``None``: unknown).
        vocatives: each quotation's addressee named by a vocative (``None``: none).
        opening: whether a conversation's opening turn is said to the first other speaker who
            answers it, and a speaker's turns in a row keep the addressee of the first (the
            final addressing; the sieves' own, which the ranker reads, has neither rule).
        called: the pronoun set each quotation's gendered word of address gives, if any.
        genders: each character's pronoun set.

    Example:
        >>> turn_addressees([0, 1, 2], ["ann", "bo", "ann"], [None, None, None])
        ['bo', 'ann', 'bo']
    """
    result = _by_turns(paragraph_of, speakers, vocatives, opening=opening)
    if called and genders is not None:
        for n, wanted in enumerate(called):
            addressee = result[n]
            if wanted is None or vocatives[n] is not None:
                continue
            if addressee is not None and genders.get(addressee) in (None, wanted):
                continue  # of those pronouns, or of unknown ones
            result[n] = _nearest_of(n, wanted, paragraph_of, speakers, genders)
    return result


def _by_turns(
    paragraph_of: Sequence[int],
    speakers: Sequence[str | None],
    vocatives: Sequence[str | None],
    *,
    opening: bool,
) -> list[str | None]:
    """Vocatives, else the previous turn's speaker (or the answer's, for an opening turn)."""
    result = list(vocatives)
    for run in conversations(paragraph_of):
        for previous, current in pairwise(run):
            before, now = speakers[previous], speakers[current]
            if result[current] is None and before and now and before != now:
                result[current] = before
        if opening and len(run) > 1 and result[run[0]] is None:
            first = speakers[run[0]]
            answer = next((speakers[i] for i in run[1:] if speakers[i] != first), None)
            if first and answer:
                result[run[0]] = answer
        if opening:  # one speaker's turns in a row go on being said to the same listener
            for previous, current in pairwise(run):
                if result[current] is None and speakers[current] == speakers[previous]:
                    result[current] = result[previous]
        if opening and len(run) == 1 and result[run[0]] is None:
            result[run[0]] = _last_partner(run[0], paragraph_of, speakers, result)
    firsts = {
        paragraph: result[index]
        for index, paragraph in enumerate(paragraph_of)
        if not index or paragraph_of[index - 1] != paragraph
    }
    return [result[n] or firsts.get(p) for n, p in enumerate(paragraph_of)]


def _last_partner(
    index: int,
    paragraph_of: Sequence[int],
    speakers: Sequence[str | None],
    addressees: Sequence[str | None],
) -> str | None:
    """Whom the speaker of a lone turn last talked with, within ``PARTNER_GAP`` paragraphs.

    A line no one answers (``"Tea's ready."``, a paragraph of narration away from the rest of
    the talk) is most often said to whoever its speaker was talking with a moment before: the
    listener of the speaker's last line, or the speaker of the last line said to them.
    """
    speaker = speakers[index]
    if speaker is None:
        return None
    for before in range(index - 1, -1, -1):
        if paragraph_of[index] - paragraph_of[before] > PARTNER_GAP:
            break
        said_by, said_to = speakers[before], addressees[before]
        if said_by == speaker and said_to not in (None, speaker):
            return said_to
        if said_by not in (None, speaker) and said_to == speaker:
            return said_by
    return None


def _nearest_of(
    index: int,
    wanted: str,
    paragraph_of: Sequence[int],
    speakers: Sequence[str | None],
    genders: Mapping[str, str | None],
) -> str | None:
    """The nearest speaker of quotation ``index``'s conversation, not its own, of ``wanted``."""
    first = last = index
    while first > 0 and _joined(first - 1, paragraph_of):
        first -= 1
    while last + 1 < len(paragraph_of) and _joined(last, paragraph_of):
        last += 1
    nearest = sorted(
        (abs(m - index), m)
        for m in range(first, last + 1)
        if speakers[m] not in (None, speakers[index]) and genders.get(speakers[m] or "") == wanted
    )
    return speakers[nearest[0][1]] if nearest else None


def _joined(index: int, paragraph_of: Sequence[int]) -> bool:
    """Whether quotations ``index`` and ``index + 1`` are of one conversation."""
    return paragraph_of[index + 1] - paragraph_of[index] <= RUN_GAP


@dataclass(frozen=True, slots=True)
class Addressing:
    """What addressing a work's quotations needs besides their speakers.

    Attributes:
        paragraph_of: the paragraph of each quotation as turns count it
            (:func:`turn_paragraphs`), in text order.
        vocatives: the character each quotation addresses by name (a vocative), or that the
            narration says it is spoken to (:func:`.sieves.told`), if any.
        fixed: whether each quotation keeps the addressee it has (a script line's).
    """

    paragraph_of: tuple[int, ...]
    vocatives: tuple[str | None, ...]
    fixed: tuple[bool, ...]
    called: tuple[str | None, ...] = ()
    genders: Mapping[str, str | None] | None = None


def addressing(prepared: Prepared, cast: Cast) -> Addressing:
    """The turns, vocatives and script lines of a prepared work's quotations."""
    script = {line.said.start for line in prepared.script}
    found = prepared.found
    owner = index_mentions(cast, prepared.parsed).owner
    sites = build_sites(found, prepared.paragraphs, prepared.parsed)
    return Addressing(
        tuple(quote_turns(found)),
        tuple(named_addressee(prepared.text, s, cast=cast, starts=owner) for s in sites),
        tuple(q.span.start in script for q in found),
        tuple(addressed_as(prepared.text, q.span) for q in found),
        {c.id: c.gender for c in cast.characters},
    )


def readdress(quotes: Sequence[Quote], given: Addressing) -> tuple[Quote, ...]:
    """The quotations addressed again from their (final) speakers; script lines keep theirs."""
    speakers = [q.speaker for q in quotes]
    addressees = turn_addressees(
        given.paragraph_of, speakers, given.vocatives, called=given.called, genders=given.genders
    )
    return tuple(
        quote if fixed else replace(quote, addressee=addressee)
        for quote, addressee, fixed in zip(quotes, addressees, given.fixed, strict=True)
    )
