"""The trained ranker of candidate pairs: its features, its verdict, and how decide uses it."""

from __future__ import annotations

import math
import re

import pytest

from ficlens.content.linear import LinearModel
from ficlens.content.pairing_training import PairExamples, fit_ranker
from ficlens.content.relationships import (
    ROMANCE_GATE,
    RULES_GATE,
    find_relationships,
    gather_pairs,
)
from ficlens.content.relationships.ranker import (
    FEATURE_NAMES,
    RANKER_MID,
    RANKER_SURE,
    candidate_features,
    top_pair,
)
from ficlens.content.relationships.ships import Ships
from ficlens.model import Character, Relationship, Span

# Wren and Osk are together all through the story, with no romantic cue; Wren and Pell kiss.
QUARRY = """Wren and Osk walked to the quarry at dawn. Osk carried the ropes for Wren.

Wren and Osk sat on the ledge and shared bread. Osk laughed at Wren.

At the fair Wren kissed Pell behind the tent. Pell kissed Wren again at the gate.

Wren and Osk climbed down before dark. Osk held the lamp while Wren tied the knots.

Wren and Osk came home late, and Osk stayed for supper with Wren."""
CAST = {"Wren": ("c1", "she/her"), "Osk": ("c2", "he/him"), "Pell": ("c3", "he/him")}


def cast_of(
    text: str, cast: dict[str, tuple[str, str]] = CAST, *, canon: bool = False
) -> tuple[list[Span], list[Character], list[tuple[Span, str]]]:
    """Paragraphs, characters and name mentions of a text whose names are ``cast``'s."""
    names = "|".join(map(re.escape, cast))
    mentions = [
        (Span(m.start(), m.end()), cast[m.group()][0])
        for m in re.finditer(rf"\b(?:{names})\b", text)
    ]
    characters = [
        Character(ident, name, (), gender, canon,
                  sum(1 for _, i in mentions if i == ident),
                  next(s.start for s, i in mentions if i == ident))
        for name, (ident, gender) in cast.items()
    ]  # fmt: skip
    paragraphs, start = [], 0
    for block in text.split("\n\n"):
        paragraphs.append(Span(start, start + len(block)))
        start += len(block) + 2
    return paragraphs, characters, mentions


def ranker_preferring(feature: str, weight: float = 4.0, intercept: float = 0.0) -> LinearModel:
    """A hand-made ranker that only looks at one feature (standardised as is)."""
    n = len(FEATURE_NAMES)
    return LinearModel(
        name="pairing", classes=("other", "main"), words=(), idf=(), word_weights=(),
        feature_names=FEATURE_NAMES, feature_mean=(0.0,) * n, feature_scale=(1.0,) * n,
        feature_weights=tuple((weight if name == feature else 0.0,) for name in FEATURE_NAMES),
        feature_factor=1.0, intercept=(intercept,), threshold=0.5, meta={}, index={},
    )  # fmt: skip


def test_a_pair_the_fandom_tags_often_leads_when_the_ranker_reads_the_ship() -> None:
    # With no romantic cue, Wren and Osk are the pair a ship-minded ranker picks.
    paragraphs, characters, mentions = cast_of(QUARRY)
    story, pairs = gather_pairs(QUARRY, paragraphs, characters, mentions)
    ships = Ships.from_counts({frozenset({"Wren", "Osk"}): 40, frozenset({"Wren", "Pell"}): 5})
    found = dict(candidate_features(story, pairs, characters, passages=0, ships=ships))
    named = {key: dict(zip(FEATURE_NAMES, values, strict=True)) for key, values in found.items()}
    assert named[("c1", "c2")]["ship.log"] == pytest.approx(math.log1p(40))
    assert named[("c1", "c3")]["ship.share"] == 1.0  # all of Pell's tags
    assert named[("c1", "c2")]["ship.share"] == 1.0
    verdict = top_pair(story, pairs, characters, 0, ranker_preferring("ship.log"), ships=ships)
    assert verdict is not None and verdict[0] == ("c1", "c2")


def relationships(likely: float | None, ranker: LinearModel | None) -> tuple[Relationship, ...]:
    paragraphs, characters, mentions = cast_of(QUARRY)
    return find_relationships(
        QUARRY, paragraphs, characters, mentions, romance_likely=likely, ranker=ranker
    )


def romantic(text: str, likely: float | None, ranker: LinearModel | None) -> list[tuple[str, bool]]:
    """The romantic pairings of a text whose names are ``CAST``'s, as (tag, main)."""
    paragraphs, characters, mentions = cast_of(text)
    return [
        (r.tag, r.main)
        for r in find_relationships(
            text, paragraphs, characters, mentions, romance_likely=likely, ranker=ranker
        )
        if r.kind == "romantic"
    ]


def test_every_candidate_pair_has_every_feature() -> None:
    paragraphs, characters, mentions = cast_of(QUARRY)
    story, pairs = gather_pairs(QUARRY, paragraphs, characters, mentions)
    found = dict(candidate_features(story, pairs, characters, passages=0))
    assert set(found) == {("c1", "c2"), ("c1", "c3")}
    assert all(len(values) == len(FEATURE_NAMES) for values in found.values())
    named = dict(zip(FEATURE_NAMES, found[("c1", "c3")], strict=True))
    assert named["romance.top"] == 1.0 and named["gender.different"] == 1.0
    assert dict(zip(FEATURE_NAMES, found[("c1", "c2")], strict=True))["romance.log"] == 0.0


def test_the_ranker_picks_the_pair_its_weights_favour() -> None:
    paragraphs, characters, mentions = cast_of(QUARRY)
    story, pairs = gather_pairs(QUARRY, paragraphs, characters, mentions)
    by_talk = top_pair(story, pairs, characters, 0, ranker_preferring("sentences.log"))
    by_kiss = top_pair(story, pairs, characters, 0, ranker_preferring("romance.log"))
    assert by_talk is not None and by_talk[0] == ("c1", "c2") and by_talk[1] > 0.5
    assert by_kiss is not None and by_kiss[0] == ("c1", "c3")


def test_a_story_read_as_a_romance_gets_the_rankers_pair_as_main() -> None:
    found = relationships(ROMANCE_GATE, ranker_preferring("sentences.log"))
    romantic = [r for r in found if r.kind == "romantic"]
    assert (romantic[0].tag, romantic[0].main) == ("Osk/Wren", True)
    # no romantic cue joins them: the evidence is where they are together, and it says so
    assert QUARRY[romantic[0].evidence[0].start :].startswith("Wren and Osk")
    assert romantic[0].basis == "together"
    assert all(not r.main for r in romantic[1:])
    assert [r.basis for r in romantic[1:]] == ["romance"]  # Wren and Pell kiss


def test_a_story_not_read_as_a_romance_has_no_main_pairing() -> None:
    fairly_sure = ranker_preferring("sentences.log", weight=0.5)  # about 0.74
    found = relationships(RULES_GATE - 0.01, fairly_sure)
    assert [r.tag for r in found if r.kind == "romantic"] == ["Pell/Wren"]
    assert not any(r.main for r in found)


def test_below_the_gates_a_ranker_all_but_certain_of_its_pair_still_names_it() -> None:
    paragraphs, characters, mentions = cast_of(QUARRY)
    certain = ranker_preferring("sentences.log", weight=4.0)
    top = top_pair(*gather_pairs(QUARRY, paragraphs, characters, mentions), characters, 0, certain)
    assert top is not None and top[1] >= RANKER_SURE
    found = relationships(RULES_GATE - 0.01, certain)
    assert [(r.tag, r.main) for r in found if r.main] == [("Osk/Wren", True)]


def test_without_the_models_or_a_sure_ranker_the_rules_decide() -> None:
    rules = relationships(None, None)
    assert [(r.tag, r.main) for r in rules if r.kind == "romantic"] == [("Pell/Wren", True)]
    assert relationships(0.99, None) == rules
    unsure = ranker_preferring("sentences.log", weight=0.1, intercept=-1.0)
    assert relationships(ROMANCE_GATE - 0.01, unsure) == rules
    sure = relationships(ROMANCE_GATE - 0.01, ranker_preferring("sentences.log"))
    assert [(r.tag, r.main) for r in sure if r.main] == [("Osk/Wren", True)]


# The same walks with no kiss: the rules see no couple at all.
NO_KISS = QUARRY.replace("At the fair Wren kissed Pell behind the tent. Pell kissed Wren again "
                         "at the gate.", "At the fair Wren met Pell behind the tent.")  # fmt: skip


def test_between_the_gates_a_sure_ranker_names_the_couple_the_rules_cannot_see() -> None:
    paragraphs, characters, mentions = cast_of(NO_KISS)

    def found(likely: float | None, ranker: LinearModel | None) -> list[tuple[str, bool]]:
        return romantic(NO_KISS, likely, ranker)

    assert found(None, None) == []  # the rules alone: no couple
    middle = (RULES_GATE + ROMANCE_GATE) / 2
    sure = ranker_preferring("sentences.log", weight=4.0)
    top = top_pair(*gather_pairs(NO_KISS, paragraphs, characters, mentions), characters, 0, sure)
    assert top is not None and top[1] >= RANKER_MID
    assert found(middle, sure) == [("Osk/Wren", True)]
    unsure = ranker_preferring("sentences.log", weight=0.1, intercept=-1.0)  # about 0.3
    top = top_pair(*gather_pairs(NO_KISS, paragraphs, characters, mentions), characters, 0, unsure)
    assert top is not None and top[1] < RANKER_MID
    assert found(middle, unsure) == []
    fairly_sure = ranker_preferring("sentences.log", weight=0.5)
    assert found(middle, fairly_sure) == [("Osk/Wren", True)]
    assert found(RULES_GATE - 0.01, fairly_sure) == []  # below the gates, sure is not enough


@pytest.mark.parametrize("cue", ["Wren blushed when Osk smiled.", "Wren kissed Osk on the ledge."])
def test_a_story_not_read_as_a_romance_gives_its_leads_no_leniency(cue: str) -> None:
    # A blush (the leads' fallback) or one kiss (over the leads' lower bar) makes the two leads
    # the rules' couple; a story the romance model reads as no romance needs the plain bar.
    text = NO_KISS.replace("Osk laughed at Wren.", f"Osk laughed at Wren. {cue}")
    assert romantic(text, None, None) == [("Osk/Wren", True)]
    fairly_sure = ranker_preferring("sentences.log", weight=0.5)
    assert romantic(text, RULES_GATE - 0.01, fairly_sure) == []


def test_beside_the_rankers_couple_the_leads_get_no_leniency() -> None:
    # One kiss between the leads (weight 3) is over their lower bar, not the plain one; the
    # ranker's couple is Pell and Wren, who kiss twice.
    text = QUARRY.replace("Osk laughed at Wren.", "Osk laughed at Wren. Wren kissed Osk once.")
    assert ("Osk/Wren", False) in romantic(text, None, None)  # the rules alone keep the kiss
    by_romance = ranker_preferring("romance.log")
    assert romantic(text, ROMANCE_GATE, by_romance) == [("Pell/Wren", True)]


def test_fit_ranker_learns_which_candidate_is_tagged() -> None:
    # the tagged pair always has the larger first feature
    n_features = len(FEATURE_NAMES)
    examples = [
        PairExamples(
            str(n), [[1.0 + n % 3] + [0.0] * (n_features - 1), [0.0] * n_features], [True, False]
        )
        for n in range(12)
    ]
    model = fit_ranker(examples, {"works": 12})
    assert model.feature_names == FEATURE_NAMES and model.meta == {"works": 12}
    tagged, other = examples[0].features
    assert model.probabilities({}, tagged)[1] > 0.5 > model.probabilities({}, other)[1]


def test_fit_ranker_needs_a_tagged_pair_among_the_candidates() -> None:
    examples = [PairExamples("1", [[0.0] * len(FEATURE_NAMES)], [False])]
    with pytest.raises(ValueError, match="tagged pair is among the candidates"):
        fit_ranker(examples, {})


def test_relatives_are_no_candidates_without_a_romantic_cue_of_their_own() -> None:
    # Ron and his sister talk all through; he and Hermione once. A ranker that reads only
    # how often a pair is together would pick the siblings, but kin are never presumed lovers.
    text = "\n\n".join(["Ron Weasley and Ginny Weasley argued over the map."] * 6
                       + ["Ron Weasley and Hermione Granger took the last train."])  # fmt: skip
    people = {"Ron Weasley": ("c1", "he/him"), "Ginny Weasley": ("c2", "she/her"),
              "Hermione Granger": ("c3", "she/her")}  # fmt: skip
    paragraphs, characters, mentions = cast_of(text, people, canon=True)
    story, pairs = gather_pairs(text, paragraphs, characters, mentions)
    assert pairs[("c1", "c2")].kin and pairs[("c1", "c2")].romance == 0
    top = top_pair(story, pairs, characters, 0, ranker_preferring("sentences.log"))
    assert top is not None and top[0] == ("c1", "c3")
    kissed = text.replace("argued over the map", "kissed over the map", 1)
    story, pairs = gather_pairs(kissed, paragraphs, characters, mentions)
    top = top_pair(story, pairs, characters, 0, ranker_preferring("sentences.log"))
    assert top is not None and top[0] == ("c1", "c3")  # a relatives' kiss is family affection
    naked = text.replace("argued over the map", "kissed naked over the map", 1)
    story, pairs = gather_pairs(naked, paragraphs, characters, mentions)
    top = top_pair(story, pairs, characters, 0, ranker_preferring("sentences.log"))
    assert top is not None and top[0] == ("c1", "c2")  # a sexual cue of their own: a candidate
