"""Capitalised words that are things, roles or idioms, not characters (spaCy parses)."""

from __future__ import annotations

import pytest

from ficlens.cast import build_cast
from ficlens.model import Span
from ficlens.nlp import parse


def cast_names(text: str) -> dict[str, int]:
    """The built cast of a text with no fandom pack: each character's name and mentions."""
    cast = build_cast(text, list(parse(text, [Span(0, len(text))])))
    return {character.name: character.mentions for character in cast.characters}


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        pytest.param(
            "Harry read the letter twice. The Aurors said that he had broken the law. Harry "
            "laughed. Later the Aurors announced a new decree, and Harry threw it away.",
            "Aurors",
            id="a plural after an article",
        ),
        pytest.param(
            "Harry read the letter twice. Logic said that he should stay. Harry laughed and went "
            "out. Harry came back at dawn.",
            "Logic",
            id="a common word opening its sentence",
        ),
        pytest.param(
            "He told her about the Order. She asked about the Order again, and Sirius shook his "
            "head. The Order had lost three. The Order needed him.",
            "Order",
            id="one word after an article that never speaks",
        ),
        pytest.param(
            "Willow screamed. The Light held on. Even as the Dark began to move the Vessel, "
            "Willow wept. The Dark struggled, and the Dark started to fade. The Dark began "
            "to warp the tree.",
            "Dark",
            id="one word after an article that begins to act, not to speak",
        ),
        pytest.param(
            "Draco swallowed, his Adam's apple bobbing. Draco looked away. His Adam's apple "
            "bobbed again as Adam's apple do.",
            "Adam",
            id="an idiom",
        ),
    ],
)
def test_a_thing_is_no_character(text: str, thing: str) -> None:
    assert thing not in cast_names(text)


def test_a_role_after_an_article_is_still_a_character() -> None:
    # "said the Hatter": many a character is named by a role.
    text = (
        'Alice sat down. "Not at all," the Stranger said. Alice waited. "Why not?" the Stranger '
        "asked."
    )
    assert "Stranger" in cast_names(text)


def test_a_role_after_an_article_that_speaks_once_parsed_apart_is_still_a_character() -> None:
    # "said the Hatter" twice: the later mentions are the first one's, carried over without a
    # parse of their own, and must still be asked whether they speak.
    text = (
        'Alice sat down. The Hatter opened his eyes. "Why is a raven like a desk?" said the '
        'Hatter. Alice sighed. "No room!" said the Hatter.'
    )
    assert "Hatter" in cast_names(text)


def test_a_name_its_owner_calls_his_is_still_a_character() -> None:
    # "his Hali" is fond: a possessive counts half, so a name named so is still a person.
    text = (
        "Hali had a temper. Harley waited by the door. His Hali was safe now, Harley thought. He "
        "held his Hali close and said nothing."
    )
    assert "Hali" in cast_names(text)


def test_a_family_name_before_a_noun_is_no_thing() -> None:
    # "the Malfoy heir" qualifies a noun: it does not make Malfoy a thing.
    text = "The Malfoy heir said nothing. The Malfoy heir sat down. Harry watched Malfoy eat."
    assert "Malfoy" in cast_names(text)
