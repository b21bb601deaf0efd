"""The main pairing by a trained ranker: which pair of characters a romance is about.

The rules of :mod:`~ficlens.content.relationships.decide` say which pairs show romance; they
miss couples written with no cue the lexicon knows and sometimes crown a side pair. When the
story as a whole reads as a romance (the ``romance`` text model, trained on whether AO3 authors
tag a romantic pairing, gives at least ``ROMANCE_GATE``), the pair the ``pairing`` model scores
highest is the main pairing; between ``RULES_GATE`` and that, the ranker's top pair is main when
the ranker is sure of it (``RANKER_MID``), the rules deciding otherwise; below ``RULES_GATE`` no
pairing is main unless the ranker is all but certain of its top pair (``RANKER_SURE``). Each
candidate pair (every pair the story names together or joins by a cue) is described by
``FEATURE_NAMES``: its romance weight, absolute and against the others', how much the two
interact, how central each is, kinship, gender combination, whether a fandom pack knows them,
how early each appears, how strong its best cue is, and how often the fandom's authors tag the
two as a pairing (:mod:`~ficlens.content.relationships.ships`). The models are trained by
``ficlens train pairings`` (:mod:`ficlens.content.pairing_training`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ficlens.content.linear import LinearModel
from ficlens.content.relationships.decide import mention_counts
from ficlens.content.relationships.pairs import Pair
from ficlens.content.relationships.ships import Ships, load_ships
from ficlens.content.relationships.story import Story
from ficlens.model import Character

ROMANCE_GATE = 0.6
"""Least probability from the ``romance`` text model for the ranker to name the main pairing."""
RULES_GATE = 0.3
"""Between this and ``ROMANCE_GATE`` the rules name the main pairing, if any; below it the story
is not read as a romance and no pairing is main."""
RANKER_MID = 0.5
"""Between the gates, the ranker's top pair is the main pairing when the ranker gives it at least
this; otherwise the rules decide. On 1,000 development works tagging a romantic pairing (none
by the evaluation's authors) this finds 11 more tagged pairs than leaving the band to the rules
(with the ranker only where they see no couple, at 0.7), and names a main pairing in 3 more of
300 development works that tag none."""
RANKER_SURE = 0.9
"""Below ``RULES_GATE`` the story is not read as a romance, unless the ranker gives its top pair
at least this: then that pair is the main pairing all the same. On the 2,568 training works
tagging a romantic pairing (the ranker cross-validated by author, the text model too), this
names 31 more main pairings, 29 of them the author's (0.94; the ranker's choices are right
0.87 of the time overall), and claims one in 3 more of 385 works that tag no relationship
(108 → 111); 0.8 would find 13 more but claim 7 more there."""

FEATURE_NAMES = (
    "romance.log", "romance.share", "romance.top", "romance.lead",
    "sentences.log", "paragraphs.log", "talk.log", "interaction.share",
    "mentions.min_share", "mentions.max_share", "mentions.min_log",
    "rank.has_first", "rank.both_top_two", "rank.both_top_four", "rank.inv_max", "rank.inv_min",
    "kin", "gender.same", "gender.different", "gender.unknown", "narrator",
    "story.passages_log", "cues.log", "canon.both", "canon.any",
    "appearance.inv_max", "appearance.inv_min", "talk.share", "cues.best",
    "ship.log", "ship.share",
)  # fmt: skip
_UNRANKED = 99
_LATE = 9


@dataclass(frozen=True)
class _Context:
    """What every pair's features compare against, computed once per story."""

    counts: Counter[str]
    total: int
    rank: dict[str, int]
    strongest: float
    busiest: float
    top_two: tuple[tuple[float, tuple[str, str]], ...]
    talk: float
    appearance: dict[str, int]
    canon: dict[str, bool]
    passages: int
    names: dict[str, str]
    ships: Ships


def _context(
    story: Story,
    pairs: dict[tuple[str, str], Pair],
    characters: Sequence[Character],
    passages: int,
    ships: Ships,
) -> _Context:
    counts = mention_counts(story)
    firsts = sorted({c.first for c in characters if c.first >= 0})
    order = {first: index for index, first in enumerate(firsts)}
    romance = sorted(((p.romance, key) for key, p in pairs.items()), reverse=True)
    return _Context(
        counts=counts,
        total=sum(counts.values()) or 1,
        rank={ident: r for r, (ident, _) in enumerate(counts.most_common())},
        strongest=romance[0][0] if romance and romance[0][0] > 0 else 1.0,
        busiest=max((p.interaction for p in pairs.values()), default=0.0) or 1.0,
        top_two=tuple(romance[:2]),
        talk=sum(p.talk for p in pairs.values()) or 1.0,
        appearance={c.id: order[c.first] for c in characters if c.first >= 0},
        canon={c.id: c.canon for c in characters},
        passages=passages,
        names={c.id: c.name for c in characters},
        ships=ships,
    )


def _features(story: Story, key: tuple[str, str], pair: Pair, context: _Context) -> list[float]:
    first, second = key
    mentions = sorted((context.counts.get(first, 0), context.counts.get(second, 0)))
    ranks = sorted((context.rank.get(first, _UNRANKED), context.rank.get(second, _UNRANKED)))
    genders = [story.genders.get(first, "?"), story.genders.get(second, "?")]
    known = all(g in ("m", "f") for g in genders)
    other = next((value for value, k in context.top_two if k != key), 0.0)
    canon = [context.canon.get(ident, False) for ident in key]
    seen = sorted(context.appearance.get(ident, _LATE) for ident in key)
    names = (context.names.get(first, ""), context.names.get(second, ""))
    return [
        math.log1p(pair.romance),
        pair.romance / context.strongest,
        float(pair.romance > 0 and pair.romance >= context.strongest),
        math.log1p(pair.romance) - math.log1p(other),
        math.log1p(pair.sentences),
        math.log1p(pair.paragraphs),
        math.log1p(pair.talk),
        pair.interaction / context.busiest,
        mentions[0] / context.total,
        mentions[1] / context.total,
        math.log1p(mentions[0]),
        float(ranks[0] == 0),
        float(ranks[1] <= 1),
        float(ranks[1] < 4),
        1 / (1 + ranks[1]),
        1 / (1 + ranks[0]),
        float(pair.kin),
        float(known and genders[0] == genders[1]),
        float(known and genders[0] != genders[1]),
        float(not known),
        float(story.narrator is not None and story.narrator in key),
        math.log1p(context.passages),
        math.log1p(len(pair.cues)),
        float(all(canon)),
        float(any(canon)),
        1 / (1 + seen[1]),
        1 / (1 + seen[0]),
        pair.talk / context.talk,
        max((weight for weight, _, _ in pair.cues), default=0.0),
        math.log1p(context.ships.count(*names)),
        context.ships.share(*names),
    ]


def candidate_features(
    story: Story,
    pairs: dict[tuple[str, str], Pair],
    characters: Sequence[Character],
    passages: int,
    ships: Ships | None = None,
) -> list[tuple[tuple[str, str], list[float]]]:
    """Every candidate pair with its features (``FEATURE_NAMES``), in the order of ``pairs``.

    ``ships`` are the tag counts the ship features read (default: the shipped ones).
    """
    context = _context(story, pairs, characters, passages, load_ships() if ships is None else ships)
    return [(key, _features(story, key, pair, context)) for key, pair in pairs.items()]


def top_pair(
    story: Story,
    pairs: dict[tuple[str, str], Pair],
    characters: Sequence[Character],
    passages: int,
    ranker: LinearModel,
    *,
    ships: Ships | None = None,
) -> tuple[tuple[str, str], float] | None:
    """The pair the ranker scores highest, with its probability; ``None`` with no pairs.

    Relatives are never presumed lovers: a pair of kin (a fandom pack's ``kin``) is a candidate
    only when a romantic cue joins them on the page, so a father and the daughter who tells
    him of her boyfriend are no pairing however much they talk.
    """
    best: tuple[tuple[str, str], float] | None = None
    for key, features in candidate_features(story, pairs, characters, passages, ships):
        if pairs[key].kin and pairs[key].romance <= 0:
            continue
        p = ranker.probabilities({}, features)[1]
        if best is None or p > best[1] or (p == best[1] and key < best[0]):
            best = (key, p)
    return best
