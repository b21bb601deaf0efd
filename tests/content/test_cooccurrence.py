"""Sentence co-occurrences of content signals (issue 4: age and coercion near sexual passages).

Every story line here is written for these tests.
"""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from ficlens.content.cooccurrence import (
    NearSpec,
    find_near,
    near_sentences,
    near_specs,
    parse_near,
)
from ficlens.content.signals import Hit, LexiconError, find_hits, signal_specs
from ficlens.model import Span

SPEC = NearSpec("minor_near_sexual", "minor", 0, "sexual", 2, 50)


def hit(signal: str, level: int, start: int, end: int, frame: str | None = None) -> Hit:
    """A hit filling its whole sentence ``[start, end)``."""
    return Hit(signal, level, Span(start, end), Span(start, end), frame)


def test_a_hit_in_the_same_sentence_is_near() -> None:
    both = Span(0, 60)
    hits = [Hit("minor", 0, Span(0, 5), both, None), Hit("sexual", 3, Span(20, 25), both, None)]
    assert near_sentences(hits, SPEC) == (both,)


@pytest.mark.parametrize(
    ("other_start", "near"),
    [
        pytest.param(130, True, id="gap-30-after"),
        pytest.param(150, True, id="gap-50-after"),
        pytest.param(151, False, id="gap-51-after"),
    ],
)
def test_the_window_is_the_gap_between_the_two_sentences(other_start: int, near: bool) -> None:
    hits = [hit("minor", 1, 0, 100), hit("sexual", 2, other_start, other_start + 40)]
    assert bool(near_sentences(hits, SPEC)) is near


def test_an_other_hit_before_the_sentence_counts_too() -> None:
    hits = [hit("sexual", 3, 0, 40), hit("minor", 0, 80, 120), hit("minor", 0, 500, 540)]
    assert near_sentences(hits, SPEC) == (Span(80, 120),)


def test_a_long_other_sentence_reaching_back_counts() -> None:
    """An early, long sexual sentence still ends near the minor's sentence."""
    hits = [hit("sexual", 2, 0, 900), hit("sexual", 2, 910, 920), hit("minor", 0, 940, 960)]
    assert near_sentences(hits, SPEC) == (Span(940, 960),)
    far = [hit("sexual", 2, 0, 100), hit("minor", 0, 400, 420)]
    assert near_sentences(far, SPEC) == ()


def test_levels_below_the_declared_ones_do_not_count() -> None:
    hits = [hit("minor", 0, 0, 40), hit("sexual", 1, 50, 90)]  # a kiss is not level 2
    assert near_sentences(hits, SPEC) == ()


@pytest.mark.parametrize("frame", ["negated", "hypothetical", "dream", "memory"])
def test_framed_hits_on_either_side_do_not_count(frame: str) -> None:
    assert near_sentences([hit("minor", 0, 0, 40), hit("sexual", 3, 50, 90, frame)], SPEC) == ()
    assert near_sentences([hit("minor", 0, 0, 40, frame), hit("sexual", 3, 50, 90)], SPEC) == ()


def test_each_sentence_is_listed_once_in_text_order() -> None:
    hits = [
        hit("sexual", 3, 200, 240),
        Hit("minor", 1, Span(250, 255), Span(250, 290), None),
        Hit("minor", 0, Span(260, 270), Span(250, 290), None),
        hit("minor", 0, 150, 190),
    ]
    assert near_sentences(hits, SPEC) == (Span(150, 190), Span(250, 290))


def test_find_near_on_text_finds_a_stated_age_beside_a_sexual_passage() -> None:
    text = (
        "The lamps in the tower were low. She was fifteen that winter. "
        "He unbuttoned her coat and she was naked by the fire."
    )
    found = find_near(find_hits(text, [Span(0, len(text))]))
    assert set(found) == {spec.name for spec in near_specs()}
    assert [s.of(text) for s in found["minor_near_sexual"]] == ["She was fifteen that winter."]
    assert found["distress_near_sexual"] == ()


def test_the_shipped_co_occurrences_follow_signals_toml() -> None:
    raw = resources.files("ficlens.content").joinpath("signals.toml").read_text("utf-8")
    entries = tomllib.loads(raw)["near"]
    assert [spec.name for spec in near_specs()] == [entry["name"] for entry in entries]
    assert near_specs() is near_specs()


def _entry(**changes: object) -> dict[str, object]:
    entry: dict[str, object] = {
        "name": "x",
        "signal": "minor",
        "level": "mentioned",
        "other": "sexual",
        "other_level": "explicit",
        "window": 10,
    }
    return {**entry, **changes}


def test_parse_near_gives_level_numbers() -> None:
    (spec,) = parse_near([_entry()], signal_specs(), source="t.toml")
    assert spec == NearSpec("x", "minor", 0, "sexual", 3, 10)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"name": ""}, "needs a name", id="no-name"),
        pytest.param({"signal": "weather"}, "unknown signal 'weather'", id="signal"),
        pytest.param({"other_level": "lots"}, "sexual has no level 'lots'", id="level"),
        pytest.param({"window": -1}, "window", id="negative-window"),
        pytest.param({"window": "far"}, "window", id="text-window"),
    ],
)
def test_parse_near_names_the_file_and_the_problem(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(LexiconError, match=message) as error:
        parse_near([_entry(**changes)], signal_specs(), source="t.toml")
    assert str(error.value).startswith("t.toml: ")


def test_parse_near_refuses_a_name_twice() -> None:
    with pytest.raises(LexiconError, match="declared twice"):
        parse_near([_entry(), _entry()], signal_specs(), source="t.toml")


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        pytest.param("The boy's scarf hung by the door.", ["boy"], id="boy-possessive"),
        pytest.param("Two girls and a kid ran past.", ["girls", "kid"], id="plural"),
        pytest.param("He looked so young in the lamplight.", ["young"], id="young"),
        pytest.param("Her boyfriend was younger than her.", [], id="not-inside-words"),
    ],
)
def test_youth_words_are_whole_words(sentence: str, words: list[str]) -> None:
    hits = [h for h in find_hits(sentence, [Span(0, len(sentence))]) if h.signal == "youth"]
    assert [h.span.of(sentence) for h in hits] == words


def test_youth_words_a_paragraph_away_from_a_sexual_passage_are_near() -> None:
    """The widest window (1000 characters): the scene's people are named a paragraph away."""
    opening = "The boy waited in the empty greenhouse while the rain drummed on the glass."
    filler = " The pots were stacked along the bench and the air smelled of wet earth." * 8
    scene = " She unbuttoned his shirt and he was naked in the grey light."
    text = opening + filler + scene
    found = find_near(find_hits(text, [Span(0, len(text))]))
    assert [s.of(text) for s in found["youth_near_sexual"]] == [opening]
    assert found["minor_near_sexual"] == ()
    far = opening + filler * 3 + scene
    assert find_near(find_hits(far, [Span(0, len(far))]))["youth_near_sexual"] == ()
