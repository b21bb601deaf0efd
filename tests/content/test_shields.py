"""Canon names holding a signal's word are no hits: Graves, the Boy Who Lived, Winter Soldier.

Every story line here is written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ficlens.content.shields import name_shield, shielded
from ficlens.content.signals import find_hits, signal_specs
from ficlens.model import Span


def hit_words(text: str, signal: str) -> list[str]:
    return [h.span.of(text) for h in find_hits(text, [Span(0, len(text))]) if h.signal == signal]


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Mr. Graves poured the tea and Percival Graves smiled.", "death"),
        ("Graves shook his head at the delivery boy's joke.", "death"),
        ("The Boy Who Lived was laughing at the window.", "youth"),
        ("Everyone knew the Boy-Who-Lived by now.", "youth"),
        ("The Winter Soldier stood at the door.", "war"),
    ],
)
def test_a_canon_name_holding_a_signal_word_is_no_hit(text: str, signal: str) -> None:
    assert hit_words(text, signal) == []


def test_the_same_words_outside_a_name_are_hits() -> None:
    text = "They dug the graves at dawn while the boy watched the soldier."
    assert hit_words(text, "death") == ["graves"]
    assert "boy" in hit_words(text, "youth")


def test_a_swear_inside_a_nickname_is_still_a_swear() -> None:
    text = "Shitty Hair waved from the gate."
    assert hit_words(text, "profanity") == ["Shitty"]


def test_the_shield_keeps_the_names_case_and_any_apostrophe() -> None:
    shield = name_shield(signal_specs())
    assert shielded(shield, "graves and GRAVES") == []
    assert shielded(shield, "Can’t Stop Twinkling") == [(0, 20)]


def test_a_lexicon_whose_words_no_name_holds_has_no_shield(tmp_path: Path) -> None:
    lexicon = tmp_path / "signals.toml"
    lexicon.write_text(
        '[[signal]]\nname = "weather"\n[[signal.level]]\nname = "rain"\npatterns = ["drizzle"]\n',
        encoding="utf-8",
    )
    specs = signal_specs(str(lexicon))
    assert name_shield(specs) is None
    text = "Graves watched the drizzle."
    assert [h.span.of(text) for h in find_hits(text, [Span(0, len(text))], specs)] == ["drizzle"]
