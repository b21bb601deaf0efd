"""Who could be speaking a quotation, and the facts that tell them apart.

For each quotation the sieves could not pin to a name, :func:`candidates` lists the characters
who might speak it (the sieves' guess, the speakers and addressees of the turns around, the
narrator, those named in the paragraph or in the last few thousand characters, the recent
speakers) and describes each with a row of facts: was she the last woman named when the
quotation says ``she said``? did she speak two turns ago and not one? is she the one
addressed, or named inside the quotation? ``FEATURES`` lists every fact a row may carry; a row
holds only those that are true (value 1) or non-zero.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from ficlens.cast import Cast
from ficlens.cast.person import SELF_WORDS, SUBJECT_WORDS
from ficlens.dialogue.addressees import quote_turns
from ficlens.dialogue.mentions import SUBJECTS, MentionIndex, index_mentions
from ficlens.dialogue.prepared import Prepared
from ficlens.dialogue.script import METHOD as SCRIPT_METHOD
from ficlens.dialogue.sieves import (
    NAMED_SPEECH_VERB,
    SAID_FROM,
    SELF,
    SELF_NAMED,
    beat_pronoun,
    first_subject_pronoun,
    pronoun_bound,
    speech_pronoun,
    vocative,
    voice_of,
)
from ficlens.dialogue.sites import QuoteSite, build_sites
from ficlens.dialogue.speakers import lead_before, leads
from ficlens.model import Quote, Span
from ficlens.nlp import Parsed

KEPT = NAMED_SPEECH_VERB | {SELF_NAMED, SAID_FROM, SCRIPT_METHOD}
"""Methods the ranker never revises: a speech verb whose subject is a name or ``I``, a
speaker who names themself (``"My name is Jon."``), a line given ``from`` a name (``a soft
"Are you okay?" from James``) and a script line's label (``HARRY: ...``)."""

_LOOKBACK_CHARS = 10_000
_MAX_CANDIDATES = 16
_RECENT_QUOTES = 12
_RUN_GAP = 2
_NEAR_RANKS = 4
_NEAR_ORDER = 6
_TURN_OFFSETS = (-3, -2, -1, 1, 2, 3)
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?")

_FAMILIES = (
    "speech_verb.pronoun",
    "introduced",
    "action_beat",
    "single_mention",
    "same_paragraph",
    "turn_taking.back",
    "turn_taking.forward",
    "turn_taking.pair",
    "turn_taking.vocative",
    "most_recent",
)

FEATURES: tuple[str, ...] = (
    *(f"sieve:{family}" for family in _FAMILIES),
    *(f"rank:{n}" for n in range(_NEAR_RANKS)),
    "rank:far",
    "rank:absent",
    "rank_subject:0",
    "rank_subject:1",
    *(f"pronoun_rank:{n}" for n in range(3)),
    "pronoun_match",
    "pronoun_mismatch",
    "pronoun_unknown_gender",
    "before_subject",
    "before_named",
    "after_named",
    "after_subject",
    "paragraph_named",
    "previous_paragraph_named",
    "previous_paragraph_subject",
    "addressed_here",
    "named_inside",
    *(f"turn:{offset:+d}" for offset in _TURN_OFFSETS),
    "turn:-2_and_not_-1",
    "turn:+2_and_not_+1",
    "addressed_previous",
    "vocative_previous",
    "addressee_next",
    "same_paragraph_speaker",
    "recent_speaker_share",
    "popularity",
    "narrator",
    "narrator_paragraph",
    "narrator_previous_paragraph",
    "run_start",
    "run_start_and_rank0",
    "anchor:odd",
    "anchor:even_near",
    "anchor:even_far",
    "pronoun_rank0_and_turn:-1",
    "pronoun_match_and_turn:-2_not_-1",
    "paragraph_subject",
    "beat_pronoun_match",
    "beat_pronoun_rank:0",
    "beat_pronoun_mismatch",
    "previous_beat_match",
    "previous_beat_mismatch",
)


@dataclass(frozen=True, slots=True)
class Candidates:
    """The characters who could speak one quotation, and a row of facts about each."""

    quote: int
    ids: tuple[str, ...]
    rows: tuple[dict[str, float], ...]


@dataclass(frozen=True)
class _Work:
    """What the facts of every quotation of one work are read from."""

    text: str
    cast: Cast
    quotes: Sequence[Quote]
    sieved: Sequence[Quote]
    mentions: MentionIndex
    parsed: Sequence[Parsed]
    runs: Sequence[list[int]]
    where: Mapping[int, tuple[int, int]]
    by_turn: Mapping[int, list[int]]
    quoted: frozenset[int]
    anchors: Mapping[tuple[int, str], list[int]]
    first_person: set[int]
    popularity: Mapping[str, float]
    genders: Mapping[str, str | None]
    self_words: frozenset[str]
    leads: dict[str, tuple[str, int]]
    vocatives: Sequence[str | None]
    """Whom each quotation calls by name, read once (a quotation's own and the next turn's)."""

    def turn(self, run: int, position: int) -> list[int]:
        """The quotations of a turn (a paragraph of the run, or a speech), or none past its ends."""
        if not 0 <= position < len(self.runs[run]):
            return []
        return self.by_turn[self.runs[run][position]]


@dataclass(frozen=True)
class _Facts:
    """What is known around one quotation, before looking at any candidate."""

    site: QuoteSite
    position: int
    order: list[str]
    subjects: list[str]
    pronoun: str | None
    bound: frozenset[str]
    """Who the speech verb's pronoun cannot be (:func:`~ficlens.dialogue.sieves.pronoun_bound`)."""
    same_gender: list[str]
    beat: str | None
    beat_rank0: str | None
    previous_beat: str | None
    previous_beat_rank0: str | None
    before: tuple[set[str], set[str]]
    after: tuple[set[str], set[str]]
    paragraph: set[str]
    paragraph_subjects: set[str]
    previous: tuple[set[str], set[str]]
    inside: set[str]
    turns: dict[int, str | None]
    previous_addressee: str | None
    previous_vocative: str | None
    vocative: str | None
    """Whom the quotation calls by name (``"Sorry, Minho."``): never its speaker."""
    next_addressee: str | None
    siblings: set[str]
    recent: list[str | None]
    recent_addressees: list[str | None]
    anchors: Mapping[str, int]


def candidates(
    prepared: Prepared,
    quotes: Sequence[Quote],
    *,
    cast: Cast,
    sieved: Sequence[Quote] | None = None,
) -> Iterator[Candidates]:
    """The candidates and their facts for every quotation the ranker may revise.

    Args:
        prepared: the parsed work (text, paragraphs, quotations found, parse).
        quotes: the quotations with their current speakers (the turns around are read here).
        cast: the roster.
        sieved: the sieves' answers, when ``quotes`` already carry a ranker's; by default
            ``quotes`` are the sieves' answers.
    """
    if not quotes:
        return
    work = _work(prepared, quotes, cast, sieved or quotes)
    sites = build_sites(prepared.found, prepared.paragraphs, prepared.parsed)
    for index, site in enumerate(sites):
        if work.sieved[index].method in KEPT:
            continue
        facts = _facts(work, site)
        pool = _pool(work, facts)
        if pool:
            rows = tuple(_row(work, facts, who) for who in pool)
            yield Candidates(index, tuple(pool), rows)


def _work(
    prepared: Prepared, quotes: Sequence[Quote], cast: Cast, sieved: Sequence[Quote]
) -> _Work:
    parsed = prepared.parsed
    runs: list[list[int]] = []
    where: dict[int, tuple[int, int]] = {}
    by_turn: dict[int, list[int]] = {}
    found = prepared.found
    turn_of = quote_turns(found)
    for index, turn in enumerate(turn_of):
        if turn not in by_turn:
            if not runs or turn - runs[-1][-1] > _RUN_GAP:
                runs.append([])
            runs[-1].append(turn)
            by_turn[turn] = []
        by_turn[turn].append(index)
        where[index] = (len(runs) - 1, len(runs[-1]) - 1)
    anchors: dict[tuple[int, str], list[int]] = {}
    for run, members in enumerate(runs):
        for position, turn in enumerate(members):
            named = [sieved[i] for i in by_turn[turn] if sieved[i].method in KEPT]
            if named and named[0].speaker:
                anchors.setdefault((run, named[0].speaker), []).append(position)
    counts = {c.id: c.mentions for c in cast.characters}
    top = math.log1p(max(counts.values(), default=0)) or 1.0
    own = SELF_WORDS[cast.narration] if cast.narrator else frozenset()
    first_person = {
        n for n, piece in enumerate(parsed) if any(t.text.lower() in own for t in piece.tokens)
    }
    return _Work(
        prepared.text, cast, quotes, sieved, index_mentions(cast, parsed), parsed, runs, where,
        by_turn, frozenset(q.paragraph for q in found), anchors, first_person,
        {ident: math.log1p(n) / top for ident, n in counts.items()},
        {c.id: c.gender for c in cast.characters},
        SUBJECT_WORDS[cast.narration] if cast.narrator else frozenset(),
        leads(cast),
        [vocative(prepared.text, q.span, cast=cast) for q in quotes],
    )  # fmt: skip


def _facts(work: _Work, site: QuoteSite) -> _Facts:
    index = site.index
    quote = work.quotes[index]
    run, position = work.where[index]
    order, subjects = _recency(work.mentions, quote.span.start)
    pronoun = speech_pronoun(site)
    bound = pronoun_bound(site, work.mentions.owner) if pronoun else frozenset()
    beat = None if pronoun else beat_pronoun(site, self_words=work.self_words)
    previous_beat = _previous_beat(work, site)
    genders = work.genders
    previous_span = work.parsed[site.paragraph - 1].span if site.paragraph else Span(0, 0)
    previous_turn = work.turn(run, position - 1)
    window = work.quotes[max(0, index - _RECENT_QUOTES) : index]
    anchors = {
        who: min(abs(position - at) for at in found if at != position)
        for (where, who), found in work.anchors.items()
        if where == run and any(at != position for at in found)
    }
    return _Facts(
        site=site,
        position=position,
        order=order,
        subjects=subjects,
        pronoun=pronoun,
        bound=bound,
        same_gender=[c for c in order if pronoun and genders.get(c) == pronoun and c not in bound]
        or [lead for lead in (lead_before(work.leads, pronoun, quote.span.start),) if lead],
        beat=beat,
        beat_rank0=_first_fitting(work, order, beat, quote.span.start),
        previous_beat=previous_beat,
        previous_beat_rank0=_first_fitting(work, order, previous_beat, quote.span.start),
        before=_region_named(site, site.before, work.mentions.owner),
        after=_region_named(site, site.after, work.mentions.owner),
        paragraph=set(work.mentions.named_in(site.piece.span.start, site.piece.span.end)[0]),
        paragraph_subjects=work.mentions.named_in(site.piece.span.start, quote.span.start)[1],
        previous=_named_sets(work.mentions, previous_span),
        inside=_named_inside(work.text, quote.span, work.cast),
        turns={
            offset: _first_speaker(work, work.turn(run, position + offset))
            for offset in _TURN_OFFSETS
        },
        previous_addressee=work.quotes[previous_turn[-1]].addressee if previous_turn else None,
        previous_vocative=work.vocatives[previous_turn[-1]] if previous_turn else None,
        vocative=work.vocatives[index],
        next_addressee=_last_addressee(work, work.turn(run, position + 1)),
        siblings={
            speaker
            for i in work.turn(run, position)
            if i != index and work.sieved[i].method in KEPT and (speaker := work.quotes[i].speaker)
        },
        recent=[q.speaker for q in window],
        recent_addressees=[q.addressee for q in window],
        anchors=anchors,
    )


def _first_speaker(work: _Work, turn: Sequence[int]) -> str | None:
    return work.quotes[turn[0]].speaker if turn else None


def _last_addressee(work: _Work, turn: Sequence[int]) -> str | None:
    return work.quotes[turn[-1]].addressee if turn else None


def _pool(work: _Work, facts: _Facts) -> list[str]:
    """The candidates, most likely first, at most ``_MAX_CANDIDATES``.

    The character the quotation calls by name is left out: nobody says their own name in
    address (a stranger's ``"Sorry about that, Minho."`` is not Minho's, even when he is the
    only one about). So are those named after a ``he said`` in its sentence (``he said as
    Percy sat down``): the pronoun is someone else.
    """
    index = facts.site.index
    narrator = work.cast.narrator_at(work.quotes[index].span.start)
    named = facts.before[0] | facts.after[0] | facts.paragraph
    pool = [
        work.quotes[index].speaker,
        work.sieved[index].speaker,
        *facts.turns.values(),
        facts.previous_addressee,
        facts.next_addressee,
        *sorted(facts.siblings),
        narrator,
        *facts.same_gender[:1],
        facts.beat_rank0,
        facts.previous_beat_rank0,
        *sorted(named),
        *facts.order[:_NEAR_ORDER],
        *reversed(facts.recent),
        *reversed(facts.recent_addressees),
        *facts.order[_NEAR_ORDER:],
    ]
    left_out = {facts.vocative, *facts.bound}
    return [who for who in dict.fromkeys(pool) if who and who not in left_out][:_MAX_CANDIDATES]


def _row(work: _Work, facts: _Facts, who: str) -> dict[str, float]:
    """The facts about one candidate, as feature name -> value (only non-zero ones)."""
    index = facts.site.index
    sieved = work.sieved[index]
    family = sieved.method.removeprefix("speakers.").removesuffix(".v1")
    narrator = who == work.cast.narrator_at(work.quotes[index].span.start)
    paragraph = facts.site.paragraph
    flags = {
        f"sieve:{family}": family in _FAMILIES and sieved.speaker == who,
        **_rank_flags(facts, who),
        **_pronoun_flags(facts, work.genders.get(who), who),
        "before_named": who in facts.before[0],
        "before_subject": who in facts.before[1],
        "after_named": who in facts.after[0],
        "after_subject": who in facts.after[1],
        "paragraph_named": who in facts.paragraph,
        "previous_paragraph_named": who in facts.previous[0],
        "previous_paragraph_subject": who in facts.previous[1],
        "addressed_here": who == work.quotes[index].addressee,
        "named_inside": who in facts.inside,
        **{f"turn:{offset:+d}": speaker == who for offset, speaker in facts.turns.items()},
        "turn:-2_and_not_-1": facts.turns[-2] == who != facts.turns[-1],
        "turn:+2_and_not_+1": facts.turns[2] == who != facts.turns[1],
        "addressed_previous": facts.previous_addressee == who,
        "vocative_previous": facts.previous_vocative == who,
        "addressee_next": facts.next_addressee == who,
        "same_paragraph_speaker": who in facts.siblings,
        "narrator": narrator,
        "narrator_paragraph": narrator and paragraph in work.first_person,
        "narrator_previous_paragraph": narrator and paragraph - 1 in work.first_person,
        "run_start": facts.position == 0,
        "run_start_and_rank0": facts.position == 0 and facts.order[:1] == [who],
        **_anchor_flags(facts.anchors.get(who, 0)),
        "paragraph_subject": who in facts.paragraph_subjects,
        **_beat_flags(work, facts, who),
    }
    pronoun = _pronoun_flags(facts, work.genders.get(who), who)
    flags["pronoun_rank0_and_turn:-1"] = "pronoun_rank:0" in pronoun and facts.turns[-1] == who
    flags["pronoun_match_and_turn:-2_not_-1"] = (
        "pronoun_match" in pronoun and facts.turns[-2] == who != facts.turns[-1]
    )
    row = {name: 1.0 for name, on in flags.items() if on}
    share = facts.recent.count(who) / _RECENT_QUOTES
    if share:
        row["recent_speaker_share"] = share
    row["popularity"] = work.popularity.get(who, 0.0)
    return row


def _rank_flags(facts: _Facts, who: str) -> dict[str, bool]:
    if who not in facts.order:
        return {"rank:absent": True}
    rank = facts.order.index(who)
    flags = {f"rank:{rank}" if rank < _NEAR_RANKS else "rank:far": True}
    if who in facts.subjects[:2]:
        flags[f"rank_subject:{facts.subjects.index(who)}"] = True
    return flags


def _pronoun_flags(facts: _Facts, gender: str | None, who: str) -> dict[str, bool]:
    if not facts.pronoun:
        return {}
    if gender is None:
        return {"pronoun_unknown_gender": True}
    if gender != facts.pronoun:
        return {"pronoun_mismatch": True}
    rank = facts.same_gender.index(who) if who in facts.same_gender else 2
    return {"pronoun_match": True, f"pronoun_rank:{min(rank, 2)}": True}


def _previous_beat(work: _Work, site: QuoteSite) -> str | None:
    """A pronoun beat (``She looked down.``) opening the narration paragraph before a quotation.

    Only for a quotation that opens its paragraph with no narration before it, after a
    paragraph that holds no quotation.
    """
    paragraph = site.paragraph
    if site.before or not paragraph or paragraph - 1 in work.quoted:
        return None
    piece = work.parsed[paragraph - 1]
    return first_subject_pronoun(piece, range(len(piece.tokens)), self_words=work.self_words)


def _fits(work: _Work, who: str, pronoun: str, offset: int) -> bool | None:
    """Whether a candidate is who a beat's pronoun means; ``None`` when it cannot tell.

    ``offset`` is the quotation's: the narration's ``I`` there (:meth:`Cast.narrator_at`).
    """
    if pronoun == SELF:
        return who == work.cast.narrator_at(offset)
    gender = work.genders.get(who)
    return None if gender is None else gender == pronoun


def _first_fitting(
    work: _Work, order: Sequence[str], pronoun: str | None, offset: int
) -> str | None:
    """The most recently named candidate a beat's pronoun fits (the narrator for ``I``).

    Before anyone of the pronoun's set is named, the lead of that set (see
    :func:`~ficlens.dialogue.speakers.leads`).
    """
    if pronoun is None:
        return None
    if pronoun == SELF:
        return work.cast.narrator_at(offset)
    fitting = next((c for c in order if work.genders.get(c) == pronoun), None)
    return fitting or lead_before(work.leads, pronoun, offset)


def _beat_flags(work: _Work, facts: _Facts, who: str) -> dict[str, bool]:
    """How a candidate fits the pronoun beats beside and before the quotation."""
    flags: dict[str, bool] = {}
    offset = work.quotes[facts.site.index].span.start
    if facts.beat:
        fits = _fits(work, who, facts.beat, offset)
        flags["beat_pronoun_match"] = fits is True
        flags["beat_pronoun_rank:0"] = fits is True and facts.beat_rank0 == who
        flags["beat_pronoun_mismatch"] = fits is False
    if facts.previous_beat:
        fits = _fits(work, who, facts.previous_beat, offset)
        flags["previous_beat_match"] = fits is True and facts.previous_beat_rank0 == who
        flags["previous_beat_mismatch"] = fits is False
    return flags


def _anchor_flags(distance: int) -> dict[str, bool]:
    """How far, in turns, the nearest turn a speech verb gives this candidate is."""
    return {
        "anchor:odd": distance % 2 == 1,
        "anchor:even_near": distance in (2, 4),
        "anchor:even_far": distance >= 6 and distance % 2 == 0,
    }


def _recency(mentions: MentionIndex, before: int) -> tuple[list[str], list[str]]:
    """Distinct characters named before an offset, nearest first; and those named as subjects."""
    index = bisect.bisect_left(mentions.starts, before) - 1
    order: list[str] = []
    subjects: list[str] = []
    while index >= 0 and mentions.starts[index] >= before - _LOOKBACK_CHARS:
        ident = mentions.ids[index]
        if ident not in order:
            order.append(ident)
        if mentions.subject[index] and ident not in subjects:
            subjects.append(ident)
        index -= 1
    return order, subjects


def _named_sets(mentions: MentionIndex, span: Span) -> tuple[set[str], set[str]]:
    named, subjects = mentions.named_in(span.start, span.end)
    return set(named), subjects


def _region_named(
    site: QuoteSite, region: Sequence[int], owner: Mapping[int, str]
) -> tuple[set[str], set[str]]:
    named: set[str] = set()
    subjects: set[str] = set()
    for index in region:
        token = site.token(index)
        found = owner.get(token.start)
        if found:
            named.add(found)
            if token.dep in SUBJECTS or voice_of(site, index):
                subjects.add(found)
    return named, subjects


def _named_inside(text: str, span: Span, cast: Cast) -> set[str]:
    """Characters a quotation names (people rarely name themselves).

    A run of two capitalised words that is no name is read word by word: ``Does Tobias``
    opening a question names Tobias.
    """
    named = set()
    for match in _CAPITALISED.finditer(text[span.start : span.end]):
        words = match.group(0)
        found = cast.resolve(words)
        if found:
            named.add(found)
        elif " " in words:
            named.update(who for word in words.split() if (who := cast.resolve(word)))
    return named
