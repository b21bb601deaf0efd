"""Conversation turn-taking: who speaks an unattributed turn, from the turns around it."""

from __future__ import annotations

import pytest

from ficlens.dialogue.sieves import Decision
from ficlens.dialogue.speakers import _turn_guess  # a small pure rule, tested on its own


def turns(*speakers: str | None) -> list[Decision | None]:
    return [Decision(s, "test", 1.0) if s else None for s in speakers]


@pytest.mark.parametrize(
    ("speakers", "position", "expected"),
    [
        pytest.param(("A", "B", None), 2, ("A", "back"), id="A-B-?"),
        pytest.param((None, "B", "A"), 0, ("A", "forward"), id="?-B-A"),
        pytest.param(("A", None, None, "B"), 1, ("B", "pair"), id="two-people-one-anchor-behind"),
        pytest.param((None, "A", None, "B"), 0, ("B", "pair"), id="two-people-one-anchor-ahead"),
        pytest.param(("A", None, None, "B", "C"), 1, None, id="three-people-no-guess"),
        pytest.param(("A", None, None), 1, None, id="one-person-no-guess"),
        pytest.param(("A", None, None, None, None), 3, None, id="no-neighbour-known"),
    ],
)
def test_turn_guess(
    speakers: tuple[str | None, ...], position: int, expected: tuple[str, str] | None
) -> None:
    run = list(range(len(speakers)))
    assert _turn_guess(run, position, turns(*speakers), [None] * len(speakers)) == expected


def test_a_vocative_in_the_previous_turn_names_who_answers() -> None:
    run = [0, 1]
    assert _turn_guess(run, 1, turns("A", None), ["B", None]) == ("B", "vocative")
