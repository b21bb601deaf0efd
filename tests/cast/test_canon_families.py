"""Relatives of the Harry Potter cast: a bare family name stays with the one fic calls so."""

from __future__ import annotations

from collections import Counter

import pytest

from ficlens.cast.canon import merge_canon
from ficlens.cast.names import split_name
from ficlens.cast.roster import Group
from ficlens.fandoms import FandomPack, load_pack


@pytest.fixture(scope="module")
def packs() -> tuple[FandomPack, ...]:
    return (load_pack("harry_potter"),)


def group(count: int, *names: str) -> Group:
    return Group(keys=Counter(dict.fromkeys(names, count)), parts={n: split_name(n) for n in names})


def canon_of(kept: list[tuple[Group, object]]) -> dict[str, str | None]:
    return {sorted(g.keys)[0]: getattr(character, "name", None) for g, character in kept}


@pytest.mark.parametrize(
    ("surname", "lead"),
    [
        ("Dumbledore", "Albus Dumbledore"),
        ("Longbottom", "Neville Longbottom"),
        ("Lestrange", "Bellatrix Black Lestrange"),
        ("Tonks", "Nymphadora Tonks"),
    ],
)
def test_a_family_name_alone_is_the_one_fic_calls_so(
    packs: tuple[FandomPack, ...], surname: str, lead: str
) -> None:
    # Fic calls Albus "Dumbledore" and Nymphadora "Tonks"; their relatives are in the pack too.
    kept = merge_canon([group(8, "Harry"), group(5, surname)], packs)
    assert canon_of(kept) == {"Harry": "Harry Potter", surname: lead}


def test_a_relative_answers_to_their_own_names_only(packs: tuple[FandomPack, ...]) -> None:
    # A bare "Dumbledore" is Albus even in a story of Aberforth's: fic uses it for Albus.
    kept = merge_canon([group(9, "Aberforth"), group(4, "Dumbledore")], packs)
    assert canon_of(kept) == {"Aberforth": "Aberforth Dumbledore", "Dumbledore": "Albus Dumbledore"}


@pytest.mark.parametrize(
    ("name", "character"),
    [
        ("Frank", "Frank Longbottom"),
        ("Alice", "Alice Longbottom"),
        ("Ted", "Ted Tonks"),
        ("Rabastan", "Rabastan Lestrange"),
    ],
)
def test_parents_and_brothers_of_the_main_cast_are_canon(
    packs: tuple[FandomPack, ...], name: str, character: str
) -> None:
    kept = merge_canon([group(6, "Neville"), group(5, name)], packs)
    assert canon_of(kept)[name] == character
