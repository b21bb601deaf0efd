"""Titles and epithets say who a name is: a person after ``at``, not someone of another gender."""

from __future__ import annotations

import re

import pytest

from ficlens.cast import Cast, build_cast
from ficlens.fandoms import load_pack
from ficlens.model import Character, Span
from ficlens.nlp import parse

HP = (load_pack("harry_potter"),)


def cast_of(text: str, packs: tuple = HP) -> Cast:
    """The cast built from ``text``, one paragraph per line."""
    paragraphs = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    return build_cast(text, list(parse(text, paragraphs, hidden=[])), packs=packs)


def by_name(cast: Cast) -> dict[str, Character]:
    return {c.name: c for c in cast.characters}


def test_a_titled_name_after_at_is_a_person_not_a_place() -> None:
    # one of her two mentions follows "at": she had read as a place and left the cast
    text = "Ron Weasley sat down. Ron smiled at Mrs. Weasley. Mrs. Weasley poured the tea.\n"
    people = by_name(cast_of(text))
    assert people["Molly Weasley"].aliases == ("Mrs. Weasley",)
    assert people["Ron Weasley"].mentions == 2


def test_a_titled_name_before_s_after_at_is_still_a_place() -> None:
    text = (
        "Harry Potter walked in. Harry waited at Madam Malkin's. "
        "Hermione Granger bought ink at Madam Malkin's.\n"
    )
    assert not any("Malkin" in c.name for c in cast_of(text).characters)


def test_a_title_of_another_gender_is_not_the_pack_character_its_surname_names() -> None:
    # the pack's "Granger" is Hermione's, but "Mr. Granger" is a man: her father
    text = (
        "Hermione Granger sat down. Hermione smiled at Mr. Granger. Mr. Granger poured the tea.\n"
    )
    people = by_name(cast_of(text))
    assert people["Hermione Granger"].aliases == ("Hermione",)
    assert people["Mr. Granger"].gender == "he/him"
    assert not people["Mr. Granger"].canon


def test_the_roster_gives_no_man_a_title_of_a_woman() -> None:
    # "Ms. Weasley" holds Ron's surname, and nothing had yet said Ron's gender
    text = (
        "Ron Weasley opened his presents first. Ron grinned at Harry. Harry laughed at Ron.\n"
        "There were gifts from Hermione, from Ms. Weasley and from Hagrid. Ron ate the fudge.\n"
    )
    people = by_name(cast_of(text))
    assert people["Ron Weasley"].aliases == ("Ron",)
    assert people["Ms. Weasley"].gender == "she/her"


def test_a_titled_surname_is_the_one_character_of_the_packs_the_title_fits() -> None:
    # the Harry Potter pack's bare "Rosier" is Evan; the title says a woman: Vinda
    packs = (load_pack("fantastic_beasts"), *HP)
    text = (
        "Credence Barebone read late. Credence worked at Miss Rosier's behest.\n"
        "Miss Rosier had told him to practise. Credence sighed and practised.\n"
    )
    people = by_name(cast_of(text, packs))
    assert people["Vinda Rosier"].aliases == ("Miss Rosier",)
    assert "Evan Rosier" not in people


def test_dracos_weasel_is_ron() -> None:
    text = (
        "Draco Malfoy sneered across the hall. The Weasel was eating again.\n"
        "Draco rolled his eyes. Weasel never learned. Draco turned away.\n"
    )
    cast = cast_of(text)
    people = by_name(cast)
    assert "The Weasel" in people["Ron Weasley"].aliases
    assert not any("Weasel" in name for name in people)
    assert cast.resolve("Weasel") == people["Ron Weasley"].id


def test_a_name_written_once_is_still_among_the_aliases() -> None:
    # "Bellatrix Lestrange", once, forms no roster group of its own in a story with two
    # characters named twice, but it names Bella all the same
    text = (
        "Bella laughed. Bella ran down the hall. Rodolphus sighed. Rodolphus followed her.\n"
        "Bellatrix Lestrange would not walk away.\n"
    )
    bella = by_name(cast_of(text))["Bellatrix Black Lestrange"]
    assert bella.mentions == 3
    assert bella.aliases == ("Bella", "Bellatrix Lestrange")


def test_the_headmistress_is_minerva_mcgonagall() -> None:
    # the Headmistress of fic after the war; she had been a character of her own, "Headmistress"
    text = (
        "Hermione Granger knocked on the office door. The Headmistress smiled at her.\n"
        "Minerva poured the tea. The Headmistress sighed and Hermione Granger laughed.\n"
    )
    names = [c.name for c in cast_of(text).characters]
    assert "Minerva McGonagall" in names
    assert not any("Headmistress" in name for name in names)


@pytest.mark.parametrize(
    ("text", "other"),
    [
        # a girl Harry called Hari, and Hadrian, fanon's long form of his name
        (
            "Hari Potter pulled her cloak tighter. Hari smiled at Ron Weasley.\n"
            "Ron laughed. Hadrian, said the goblin, and Hari frowned.\n",
            ("Hari", "Hadrian"),
        ),
        (
            "Holly Potter pulled her cloak tighter. Holly smiled at Ron Weasley.\n"
            "Ron laughed. Holly frowned, and Holly sat down.\n",
            ("Holly",),
        ),
    ],
)
def test_fanons_names_for_harry_are_harry_potter(text: str, other: tuple[str, ...]) -> None:
    people = by_name(cast_of(text))
    assert "Harry Potter" in people
    assert not any(name.startswith(other) for name in people)


def test_the_black_lake_is_no_black() -> None:
    text = (
        "Harry Potter skipped stones on the Black Lake. Ron Weasley sat by Black Lake.\n"
        "Harry smiled. Black Lake was cold, Ron said.\n"
    )
    assert "Sirius Black" not in by_name(cast_of(text))
