"""Names the parse missed: given names a pack leaves out of its forms, and shared surnames."""

from __future__ import annotations

from collections.abc import Callable

from ficlens.cast import build_cast
from ficlens.cast.canon import given_mentions, surname_mentions
from ficlens.fandoms import load_pack
from ficlens.nlp import Parsed

MakeParsed = Callable[..., Parsed]
PACK = (load_pack("harry_potter"),)


def _plain_rows(text: str, tags: dict[str, str]) -> list[tuple[str, str, str, int]]:
    """Every word of ``text`` a row (its tag from ``tags``, else a common noun); no entities."""
    words = text.replace(".", " . ").replace(",", " , ").split()
    return [(word, tags.get(word, "NN"), "dep", 0) for word in words]


# The parse tags no entity at all: the small model misses "Albus" this way.
STORY = (
    "Gellert waited by the lake. Albus stood before him, wand raised. "
    "Gellert watched Albus walk away. Albus did not look back. Gellert left."
)


def test_an_unlisted_given_name_is_a_mention(make_parsed: MakeParsed) -> None:
    parsed = [make_parsed(STORY, _plain_rows(STORY, {}))]
    found = given_mentions(STORY, parsed, PACK)
    assert [STORY[m.span.start : m.span.end] for _, m in found] == ["Albus"] * 3
    assert {m.source for _, m in found} == {"given"}


def test_a_name_the_story_writes_in_lower_case_is_a_word(make_parsed: MakeParsed) -> None:
    # Hope Lupin's given name: "Hope" opening a sentence is the word when "hope" is written too.
    text = "Hope rose in him. He had no hope left, and Remus knew it."
    assert given_mentions(text, [make_parsed(text, _plain_rows(text, {}))], PACK) == []


def test_the_cast_gains_the_character_the_parse_missed(make_parsed: MakeParsed) -> None:
    rows = _plain_rows(STORY, {"Gellert": "NNP"})
    entities = [(i, i, "PERSON") for i, row in enumerate(rows) if row[0] == "Gellert"]
    cast = build_cast(STORY, [make_parsed(STORY, rows, entities=entities)], packs=PACK)
    names = {c.name: c.mentions for c in cast.characters}
    # Beside Gellert (and no character of the next generation), Albus is Dumbledore.
    assert names == {"Gellert Grindelwald": 3, "Albus Dumbledore": 3}


def test_a_parsed_full_name_keeps_its_own_mention(make_parsed: MakeParsed) -> None:
    # "Oliver Twist" is the parse's person; Oliver Wood's given name does not split it.
    text = "Oliver Twist asked for more. Oliver Twist was hungry. Oliver Twist ate."
    rows = _plain_rows(text, {"Oliver": "NNP", "Twist": "NNP"})
    starts = [i for i, row in enumerate(rows) if row[0] == "Oliver"]
    parsed = make_parsed(text, rows, entities=[(i, i + 1, "PERSON") for i in starts])
    cast = build_cast(text, [parsed], packs=PACK)
    assert [c.name for c in cast.characters] == ["Oliver Twist"]


# From Draco's side Harry is "Potter", and the parse tags no entity in the whole drabble.
DRABBLE = (
    "Draco liked the empty office. Potter was asleep on his desk. "
    "Potter put on his glasses. Draco handed him a cup. Potter left."
)


def test_a_shared_surname_standing_alone_is_a_mention(make_parsed: MakeParsed) -> None:
    parsed = [make_parsed(DRABBLE, _plain_rows(DRABBLE, {}))]
    found = surname_mentions(DRABBLE, parsed, PACK)
    assert [DRABBLE[m.span.start : m.span.end] for _, m in found] == ["Potter"] * 3
    assert {m.source for _, m in found} == {"surname"}


def test_a_surname_the_story_writes_in_lower_case_is_a_word(make_parsed: MakeParsed) -> None:
    text = "Black robes swirled. He wore black, and Sirius laughed."
    assert surname_mentions(text, [make_parsed(text, _plain_rows(text, {}))], PACK) == []


def test_the_cast_gains_the_family_lead_the_surname_names(make_parsed: MakeParsed) -> None:
    rows = _plain_rows(DRABBLE, {"Draco": "NNP"})
    entities = [(i, i, "PERSON") for i, row in enumerate(rows) if row[0] == "Draco"]
    cast = build_cast(DRABBLE, [make_parsed(DRABBLE, rows, entities=entities)], packs=PACK)
    assert {c.name: c.mentions for c in cast.characters} == {
        "Harry Potter": 3,
        "Draco Malfoy": 2,
    }
