"""Deciding which pairs are romantic, platonic or the main pairing, as AO3 relationships.

A pair is romantic when its romance weight reaches ``ROMANTIC_SHARE`` of the strongest pair's
and ``LEAD_ROMANTIC_MIN`` for the story's two most-named characters, ``ROMANTIC_MIN`` for anyone
else; platonic when it has almost no romance but strong interaction (at most ``MAX_PLATONIC``).
The top romantic pair is the main pairing when both its characters are central and it leads the
next by ``MAIN_LEAD``; three pairwise romantic characters form a ``Multi`` group. When no
pair is romantic, two fallbacks may name the pairing (:func:`_fallback`, :func:`_leads_pair`).
A trained ranker's verdict (:mod:`~ficlens.content.relationships.ranker`), when given, overrides
the main pairing: its pair is romantic and main, or, for a story not read as a romance, no pair
is main; either way the leads' lower bar and the fallbacks are off. Names in a tag follow first
appearance; evidence is the strongest passages first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import combinations
from typing import Literal

from ficlens.cast import READER
from ficlens.content.relationships.categories import category_of
from ficlens.content.relationships.naming import sort_key
from ficlens.content.relationships.pairs import Pair, pair_key
from ficlens.content.relationships.story import Story
from ficlens.model import Character, Relationship, Span

Ranked = tuple[tuple[str, str], float] | Literal[False] | None
"""The trained ranker's verdict for :func:`decide`: a pair and its probability, ``False`` (not a
romance) or ``None`` (no ranker)."""

LEAD_ROMANTIC_MIN = 1.5
"""Least romance weight of a romantic pair of the story's two most-named characters."""
ROMANTIC_MIN = 4.0
"""Least romance weight of any other romantic pair (a kiss between two named characters
weighs 3)."""
ROMANTIC_SHARE = 0.3
"""A romantic pair's romance weight must also reach this share of the strongest pair's."""
PLATONIC_MIN = 6.0
"""Least interaction of a platonic pair (sentences + paragraphs / 2 + quotations)."""
PLATONIC_SHARE = 0.33
PLATONIC_ROMANCE_MAX = 1.0
"""A pair with more romance weight than this is not called platonic."""
MAX_PLATONIC = 3
MAIN_LEAD = 1.5
"""The main pairing's score must be this many times the next romantic pair's."""
CENTRAL_RANK = 4
CENTRAL_SHARE = 0.08
FALLBACK_PASSAGES = 2
"""When no pair is romantic, how many romance passages the story needs for a fallback pair."""
FALLBACK_MIN = 0.5
"""Least romance weight of the fallback pair (both central)..."""
FALLBACK_LEAD = 1.5
"""...which must also have this many times the romance weight of any other central pair."""
LEADS_MIN = 0.5
"""When no pair is romantic and the fallback found none either, the story's two most-named
characters are its pairing when their romance weight is at least this..."""
LEADS_INTERACTION = 10.0
"""...they interact at least this much (sentences + paragraphs / 2 + quotations)..."""
LEADS_LEAD = 2.0
"""...and their romance weight is this many times any other pair's."""
GROUP_BALANCE = 0.5
"""A group is the main pairing only when its weakest pair has this share of its strongest
pair's romance weight: a real triad is shown on all three sides, a love triangle on one."""


def decide(
    story: Story,
    characters: Sequence[Character],
    pairs: dict[tuple[str, str], Pair],
    max_evidence: int,
    *,
    passages: int = 0,
    ranked: Ranked = None,
) -> tuple[Relationship, ...]:
    """The relationships the gathered evidence supports, main pairings first.

    ``passages`` is how many romance passages the content signals found: a story with at least
    ``FALLBACK_PASSAGES`` of them but no pair over the romantic thresholds still gets the
    central pair its romance evidence clearly favours (:func:`_fallback`).

    ``ranked`` is the trained ranker's verdict (:mod:`~ficlens.content.relationships.ranker`),
    when its models are at hand: ``(pair, probability)`` when the story reads as a romance,
    and that pair is then romantic and the main pairing; ``False`` when the story does not read
    as a romance, and then no pairing is main. Either way only pairs over ``ROMANTIC_MIN`` are
    romantic besides: the leads' lower bar and the two fallbacks exist for the rules to find a
    faintly told couple, which the models have found or ruled out. ``None`` leaves the decision
    to the rules.
    """
    by_id = {c.id: c for c in characters}
    counts = mention_counts(story)
    leads = [ident for ident, _ in counts.most_common(2)]
    central = _central(counts)
    if ranked is None:  # the rules decide: their leniency finds a faintly told couple
        romantic = _romantic(pairs, set(leads))
        if not romantic and passages >= FALLBACK_PASSAGES:
            romantic = _fallback(pairs, central)
        if not romantic:
            romantic = _leads_pair(pairs, leads)
    else:  # the models named the couple, or said there is none: others need the plain bar
        romantic = _romantic(pairs, set())
    if ranked:
        top = ranked[0]
        romantic = [top, *(key for key in romantic if key != top)]
    groups = _groups(romantic, pairs, central if ranked is not False else set())
    if any(is_main for _, _, is_main in groups) or ranked is False:
        main = None
    else:
        main = romantic[0] if ranked else _main_pair(romantic, pairs, central)
    result = [
        _relationship(key, "romantic", pairs[key], key == main, by_id, max_evidence)
        for key in romantic
    ]
    result += [
        _as_multi(_relationship(trio, "romantic", group, is_main, by_id, max_evidence))
        for trio, group, is_main in groups
    ]
    result += [
        _relationship(key, "platonic", pairs[key], False, by_id, max_evidence)
        for key in _platonic(pairs, set(romantic))
    ]
    return tuple(sorted(result, key=lambda r: (not r.main, r.kind != "romantic", -r.score)))


def _romantic(pairs: dict[tuple[str, str], Pair], leads: set[str]) -> list[tuple[str, str]]:
    """Pairs with enough romance: less is asked of the two leads (unless relatives)."""
    strongest = max((pair.romance for pair in pairs.values()), default=0.0)
    chosen = [
        key
        for key, pair in pairs.items()
        if pair.romance >= ROMANTIC_SHARE * strongest
        and pair.romance
        >= (LEAD_ROMANTIC_MIN if set(key) <= leads and not pair.kin else ROMANTIC_MIN)
    ]
    return sorted(chosen, key=lambda key: (-pairs[key].score, key))


def _fallback(pairs: dict[tuple[str, str], Pair], central: set[str]) -> list[tuple[str, str]]:
    """The one central pair the romance evidence clearly favours, when none reached the bar.

    Sex scenes are often told through pronouns alone, so a story with several romance
    passages may credit its couple with too little weight for :func:`_romantic`; when what
    weight there is points at one pair of central characters (at least ``FALLBACK_MIN`` and
    ``FALLBACK_LEAD`` times any other central pair's), that pair is the likeliest pairing.
    """
    ranked = sorted(
        (
            (pair.romance, key)
            for key, pair in pairs.items()
            if set(key) <= central and not pair.kin
        ),
        reverse=True,
    )
    if not ranked or ranked[0][0] < FALLBACK_MIN:
        return []
    if len(ranked) > 1 and ranked[0][0] < FALLBACK_LEAD * ranked[1][0]:
        return []
    return [ranked[0][1]]


def _leads_pair(pairs: dict[tuple[str, str], Pair], leads: list[str]) -> list[tuple[str, str]]:
    """The two leads, when the little romance the story shows is theirs.

    Established couples are often written with no kiss on the page: a story about two
    characters who are together all the time, whose only romance cues (a blush, a held hand,
    "darling") join them and clearly no one else, is about their pairing.
    """
    if len(leads) < 2:
        return []
    key = pair_key(leads[0], leads[1])
    pair = pairs.get(key)
    if pair is None or pair.kin or pair.romance < LEADS_MIN:
        return []
    if pair.interaction < LEADS_INTERACTION:
        return []
    others = max((p.romance for k, p in pairs.items() if k != key), default=0.0)
    return [key] if pair.romance >= LEADS_LEAD * others else []


def _platonic(
    pairs: dict[tuple[str, str], Pair], romantic: set[tuple[str, str]]
) -> list[tuple[str, str]]:
    busiest = max((pair.interaction for pair in pairs.values()), default=0.0)
    floor = max(PLATONIC_MIN, PLATONIC_SHARE * busiest)
    chosen = [
        key
        for key, pair in pairs.items()
        if key not in romantic
        and pair.romance <= PLATONIC_ROMANCE_MAX
        and pair.interaction >= floor
    ]
    return sorted(chosen, key=lambda key: (-pairs[key].score, key))[:MAX_PLATONIC]


def mention_counts(story: Story) -> Counter[str]:
    """How often each character is named (the narrator: each ``I``/``me``/``my``)."""
    counts: Counter[str] = Counter()
    for named in story.named:
        counts.update(ident for _, ident in named)
    return counts


def _central(counts: Counter[str]) -> set[str]:
    """Characters among the most named, or named in a good share of all mentions."""
    total = sum(counts.values())
    return {
        ident
        for rank, (ident, count) in enumerate(counts.most_common())
        if rank < CENTRAL_RANK or count >= CENTRAL_SHARE * total
    }


def _main_pair(
    romantic: Sequence[tuple[str, str]], pairs: dict[tuple[str, str], Pair], central: set[str]
) -> tuple[str, str] | None:
    if not romantic:
        return None
    top = romantic[0]
    if not set(top) <= central:
        return None
    if len(romantic) > 1 and pairs[top].score < MAIN_LEAD * pairs[romantic[1]].score:
        return None
    return top


def _relationship(
    key: Sequence[str],
    kind: str,
    pair: Pair,
    main: bool,
    by_id: dict[str, Character],
    max_evidence: int,
) -> Relationship:
    def name(ident: str) -> str:
        return by_id[ident].name if ident in by_id else "Narrator"

    # In the order of AO3's canonical tags: by family name, a reader-insert's Reader last
    members = tuple(sorted(key, key=lambda ident: (ident == READER, sort_key(name(ident)), ident)))
    names = [name(ident) for ident in members]
    romantic = kind == "romantic"
    category = (
        category_of([by_id[i].gender if i in by_id else None for i in members])
        if romantic
        else None
    )
    basis = "romance" if romantic and pair.cues else "together"
    evidence = _best(pair.cues if basis == "romance" else pair.together, max_evidence)
    return Relationship(
        characters=members,
        kind=kind,
        tag=("/" if romantic else " & ").join(names),
        score=round(pair.score, 3),
        main=main,
        category=category,
        evidence=evidence,
        basis=basis,
    )


def _best(found: Iterable[tuple[float, int, Span]], limit: int) -> tuple[Span, ...]:
    """The strongest passages, none overlapping a stronger one.

    Windows cut from one long sentence around its several cues would show the same words again.
    """
    chosen: list[Span] = []
    for _, _, span in sorted(found, key=lambda item: (-item[0], item[1])):
        if not any(span.overlaps(other) for other in chosen):
            chosen.append(span)
        if len(chosen) >= limit:
            break
    return tuple(chosen)


def _groups(
    romantic: Sequence[tuple[str, str]],
    pairs: dict[tuple[str, str], Pair],
    central: set[str],
) -> list[tuple[tuple[str, str, str], Pair, bool]]:
    """Three characters who are pairwise romantic form a group, with its evidence.

    A group is main when its three characters are central, it holds the top pair and its
    weakest pair has at least ``GROUP_BALANCE`` of its strongest pair's romance weight (else the
    top pair alone is the main pairing: two rivals for one character are no triad).
    """
    linked = set(romantic)
    people = sorted({ident for key in romantic for ident in key})
    groups = []
    for trio in combinations(people, 3):
        keys = [pair_key(a, b) for a, b in combinations(trio, 2)]
        if not all(key in linked for key in keys):
            continue
        merged = Pair(
            romance=sum(pairs[k].romance for k in keys) / 3,
            cues=[cue for k in keys for cue in pairs[k].cues],
        )
        weights = [pairs[k].romance for k in keys]
        balanced = min(weights) >= GROUP_BALANCE * max(weights)
        main = set(trio) <= central and romantic[0] in keys and balanced
        groups.append(((trio[0], trio[1], trio[2]), merged, main))
    return groups


def _as_multi(relationship: Relationship) -> Relationship:
    return Relationship(
        relationship.characters, relationship.kind, relationship.tag, relationship.score,
        relationship.main, "Multi", relationship.evidence, relationship.basis,
    )  # fmt: skip
