"""Given names a fandom pack leaves out of its forms, found where the parse missed them."""

from __future__ import annotations

from collections.abc import Callable

from ficlens.cast import build_cast
from ficlens.cast.canon import given_mentions
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
