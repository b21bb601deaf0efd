"""Canon characters only the quotations name join the cast of a third-person story."""

from __future__ import annotations

from collections.abc import Callable

from ficlens.cast import build_cast
from ficlens.cast.canon import quoted_cast
from ficlens.fandoms import load_pack
from ficlens.nlp import Parsed

MakeParsed = Callable[..., Parsed]

# The narration names Harry and says "he"; Draco is only ever "Draco" in Harry's lines.
TEXT = (
    '"Draco, you are late," Harry said. He shrugged and he sat by the fire. '
    '"Draco, sit down," Harry said.'
)
ROWS = [
    ("Harry", "NNP", "nsubj", 1, "PERSON"),
    ("said", "VBD", "ROOT", 1),
    (".", ".", "punct", 1),
    ("He", "PRP", "nsubj", 4),
    ("shrugged", "VBD", "ROOT", 4),
    ("and", "CC", "cc", 4),
    ("he", "PRP", "nsubj", 7),
    ("sat", "VBD", "conj", 4),
    ("by", "IN", "prep", 7),
    ("the", "DT", "det", 10),
    ("fire", "NN", "pobj", 8),
    (".", ".", "punct", 4),
    ("Harry", "NNP", "nsubj", 13, "PERSON"),
    ("said", "VBD", "ROOT", 13),
    (".", ".", "punct", 13),
]
PACK = (load_pack("harry_potter"),)


def test_a_canon_character_named_only_in_quotations_joins_the_cast(
    make_parsed: MakeParsed,
) -> None:
    cast = build_cast(TEXT, [make_parsed(TEXT, ROWS)], packs=PACK)
    assert cast.narrator is None
    by_name = {c.name: c for c in cast.characters}
    assert set(by_name) == {"Harry Potter", "Draco Malfoy"}
    draco = by_name["Draco Malfoy"]
    assert (draco.mentions, draco.canon, draco.gender) == (0, True, "he/him")
    assert draco.first == TEXT.index("Draco")
    assert draco.id == "c2"  # after the roster's own
    # the vocatives find him: he answers to his pack's names
    assert cast.resolve("Draco") == draco.id
    assert cast.resolve("Draco Malfoy") == draco.id


def test_a_name_said_once_or_without_a_fandom_adds_no_one(make_parsed: MakeParsed) -> None:
    once = TEXT.replace('"Draco, sit down,"', '"Sit down,"')
    names = {c.name for c in build_cast(once, [make_parsed(once, ROWS)], packs=PACK).characters}
    assert names == {"Harry Potter"}
    plain = build_cast(TEXT, [make_parsed(TEXT, ROWS)])
    assert not any("Draco" in c.name for c in plain.characters)


def test_a_character_the_cast_already_has_by_any_name_is_not_added_again(
    make_parsed: MakeParsed,
) -> None:
    parsed = [make_parsed(TEXT, ROWS)]
    (found,) = quoted_cast(TEXT, parsed, PACK, {"harry potter", "harry"})
    assert (found[0].name, found[1], found[2]) == ("Draco Malfoy", 2, TEXT.index("Draco"))
    # a roster that calls him by a nickname of his own keeps the quotations' Draco out
    assert quoted_cast(TEXT, parsed, PACK, {"harry potter", "draco"}) == []


def test_a_nickname_of_a_roster_name_a_term_or_another_era_adds_no_one(
    make_parsed: MakeParsed,
) -> None:
    parsed = [make_parsed(TEXT, ROWS)]
    # "Draco" shares its first letters with the roster's "Drake": his nickname, not Draco Malfoy
    assert quoted_cast(TEXT, parsed, PACK, {"drake"}) == []
    # a house is no one
    house = TEXT.replace("Draco", "Hufflepuff")
    assert quoted_cast(house, [make_parsed(house, ROWS)], PACK, {"harry potter"}) == []
    # Scorpius is of the next generation, not the Marauders'
    later = TEXT.replace("Draco", "Scorpius")
    assert quoted_cast(later, [make_parsed(later, ROWS)], PACK, set(), era="marauders") == []
    (found,) = quoted_cast(later, [make_parsed(later, ROWS)], PACK, set(), era="next generation")
    assert found[0].name == "Scorpius Malfoy"
