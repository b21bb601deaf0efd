"""The narration's person: first, second (``you``, a reader-insert's ``Y/N``) or third."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ficlens.cast import NARRATOR, READER, build_cast
from ficlens.cast.person import narration_person, reader_insert, self_references
from ficlens.nlp import Parsed

MakeParsed = Callable[..., Parsed]


def words_parse(text: str, make_parsed: MakeParsed) -> Parsed:
    """A flat parse of a text whose tokens are separated by spaces (the person only counts)."""
    return make_parsed(text, [(word, "XX", "dep", 0) for word in text.split()])


@pytest.mark.parametrize(
    ("text", "person"),
    [
        pytest.param("You open the door and your cat looks up at you .", "second", id="you"),
        pytest.param("I open the door and my cat looks up at me .", "first", id="i"),
        pytest.param("She opens the door and her cat looks up at her .", None, id="third"),
        # "I" wins over "you": a narrator who speaks to someone is still a first-person one.
        pytest.param("I told you that you were right .", "first", id="i-to-you"),
        pytest.param(
            "Y / N opens the door and the cat looks up at Y / N .", "second", id="placeholder"
        ),
    ],
)
def test_narration_person(text: str, person: str | None, make_parsed: MakeParsed) -> None:
    assert narration_person([words_parse(text, make_parsed)]) == person


def test_a_generic_you_in_third_person_narration_is_not_second_person(
    make_parsed: MakeParsed,
) -> None:
    # One "you" in 41 tokens (2.4%) stays under the 3% bar.
    text = " ".join(["She walked on through the rain ."] * 5 + ["You know how it is ."])
    assert len(text.split()) == 41
    assert narration_person([words_parse(text, make_parsed)]) is None


def test_a_first_person_poem_read_out_in_a_third_person_story_is_not_its_narration(
    make_parsed: MakeParsed,
) -> None:
    prose = "Harry stood up and read his poem to the class while Draco watched him ."
    poem = [
        "I see the mask you wear ,",
        "I know your smile ,",
        "I know what I put you through ,",
        "Forgive me ,",
        "For you are my love",
    ]
    pieces = [*([prose] * 6), *poem]
    parsed = [words_parse(piece, make_parsed) for piece in pieces]
    tokens = sum(len(piece.split()) for piece in pieces)
    assert sum(p.split().count(w) for p in poem for w in ("I", "me", "my")) / tokens > 0.02
    assert narration_person(parsed) is None
    # The same words spread through the story are a first-person narrator's.
    told = [f"{prose} I watched ." for _ in range(6)]
    assert narration_person([words_parse(piece, make_parsed) for piece in told]) == "first"


def test_self_references_in_raw_text() -> None:
    text = "You gave Y/N your scarf; she is young and yourselves are fine. I wave to my friend."
    assert [m.group() for m in self_references("second").finditer(text)] == ["You", "Y/N", "your"]
    assert [m.group() for m in self_references("first").finditer(text)] == ["I", "my"]


@pytest.mark.parametrize(
    ("text", "insert"),
    [
        ("Fred smiled at Y/N.", True),
        ("Fred smiled at (y/n).", True),
        ("Fred smiled at you.", False),
    ],
)
def test_reader_insert(text: str, insert: bool) -> None:
    assert reader_insert(text) is insert


def test_a_reader_insert_protagonist_is_the_reader(make_parsed: MakeParsed) -> None:
    text = "You smile . Fred smiles back at you . Y/N laughs ."
    cast = build_cast(text, [words_parse(text, make_parsed)])
    assert (cast.person, cast.narrator) == ("second", READER)
    reader = cast.by_id()[READER]
    assert (reader.name, reader.aliases, reader.gender) == ("Reader", ("you", "Y/N"), None)
    assert cast.resolve("Y/N") == READER  # "You're a terrible liar, Y/N," he says.


def test_a_first_person_story_called_y_n_by_the_others_is_a_reader_insert(
    make_parsed: MakeParsed,
) -> None:
    text = 'I grin at him . "Too slow , Y/L/N ." I pout and my wand flies from my hand .'
    narration = [w for w in text.split() if w not in {'"Too', "slow", ",", "Y/L/N", '."'}]
    parsed = make_parsed(text, [(word, "XX", "dep", 0) for word in narration])
    cast = build_cast(text, [parsed])
    narrator = cast.by_id()[NARRATOR]
    assert (cast.person, narrator.name, narrator.aliases) == ("first", "Reader", ("I", "Y/N"))
    assert cast.reader_insert


def test_a_first_person_story_with_y_n_in_its_narration_has_a_narrator_of_its_own(
    make_parsed: MakeParsed,
) -> None:
    text = "I grin at Y/N and Y/N pouts at me . My wand is in my hand ."
    cast = build_cast(text, [words_parse(text, make_parsed)])
    assert (cast.person, cast.by_id()[NARRATOR].name) == ("first", "Narrator")
    assert not cast.reader_insert


def test_a_second_person_story_without_placeholders_has_an_unnamed_protagonist(
    make_parsed: MakeParsed,
) -> None:
    text = "You smile . He smiles back at you and you look away ."
    cast = build_cast(text, [words_parse(text, make_parsed)])
    reader = cast.by_id()[READER]
    assert (cast.person, reader.name, reader.aliases) == ("second", "Reader", ("you",))
    assert cast.resolve("Y/N") is None


def test_a_placeholder_the_tagger_keeps_whole_counts_too(make_parsed: MakeParsed) -> None:
    text = "Y/N opens the door and the cat looks up at Y/N ."
    assert narration_person([words_parse(text, make_parsed)]) == "second"
