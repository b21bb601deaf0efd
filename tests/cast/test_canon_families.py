"""A bare family name the Harry Potter pack shares goes to the family member the story names."""

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
def test_a_family_name_alone_is_the_familys_lead(
    packs: tuple[FandomPack, ...], surname: str, lead: str
) -> None:
    # Fic calls Albus "Dumbledore" and Nymphadora "Tonks" far more than anyone else.
    kept = merge_canon([group(8, "Harry"), group(5, surname)], packs)
    assert canon_of(kept) == {"Harry": "Harry Potter", surname: lead}


def test_a_family_name_goes_to_the_one_of_the_family_the_story_names(
    packs: tuple[FandomPack, ...],
) -> None:
    kept = merge_canon([group(9, "Aberforth"), group(4, "Dumbledore")], packs)
    assert [(sorted(g.keys), c.name if c else None) for g, c in kept] == [
        (["Aberforth", "Dumbledore"], "Aberforth Dumbledore")
    ]


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
