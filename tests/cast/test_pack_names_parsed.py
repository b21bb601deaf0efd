"""What a fandom pack's names do in a cast built from a real spaCy parse."""

from __future__ import annotations

import re

from ficlens.cast import Cast, build_cast
from ficlens.dialogue.sieves import vocative
from ficlens.fandoms import load_pack
from ficlens.model import Span
from ficlens.nlp import parse

HP = (load_pack("harry_potter"),)

STORY = (
    "Harry grinned as laughter hit the air. Draco was right there, in the middle of it all.\n"
    "Grey eyes met his as the fire crackled, and a blush painted Draco's cheeks.\n"
    '"Get a room, you two," Ron grumbled as he topped up everyone\'s drinks.\n'
    '"Gladly," Harry said, walking over to Draco.\n'
    '"Sap," Draco said.\n'
)


def cast_of(text: str) -> Cast:
    paragraphs = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    quotes = [Span(m.start() + 1, m.end() - 1) for m in re.finditer(r'"[^"]*"', text)]
    return build_cast(text, list(parse(text, paragraphs, hidden=quotes)), packs=HP)


def test_a_pack_name_that_speaks_once_counts_twice() -> None:
    # "Ron grumbled" names Ron once: as the subject of a speech verb he weighs two mentions,
    # as a name the parse found would; before, the pack's mention of him weighed one.
    names = {c.name for c in cast_of(STORY).characters}
    assert names == {"Harry Potter", "Draco Malfoy", "Ron Weasley"}


def test_a_pack_name_named_once_without_speaking_stays_out() -> None:
    story = STORY.replace("Ron grumbled as he topped", "someone grumbled as Ron topped")
    names = {c.name for c in cast_of(story).characters}
    assert names == {"Harry Potter", "Draco Malfoy"}


def test_a_surname_only_the_quotations_use_resolves_to_its_one_bearer() -> None:
    # The narration says "Draco" and "Harry"; only the quotations say "Malfoy" and "Potter".
    # The pack lists no bare "Malfoy" (a family shares it), but one Malfoy is in this cast.
    story = (
        "Harry slid over in his bed. Draco climbed in beside him and Harry grinned.\n"
        '"Quiet, Potter," Draco said.\n'
        "Harry laughed into the pillow. Draco glared.\n"
        '"Quietly, Malfoy."\n'
    )
    cast = cast_of(story)
    ids = {c.name: c.id for c in cast.characters}
    quotes = [Span(m.start() + 1, m.end() - 1) for m in re.finditer(r'"[^"]*"', story)]
    assert [vocative(story, q, cast=cast) for q in quotes] == [
        ids["Harry Potter"],
        ids["Draco Malfoy"],
    ]
    assert cast.resolve("Malfoy") == ids["Draco Malfoy"]


def test_a_misspelt_name_is_the_character_it_misspells() -> None:
    # "Hermoine" had been a stranger beside Hermione Granger, and the lone "Grindlewald" of a
    # story no canon character at all
    story = (
        "Hermione Granger opened the book. Hermoine turned the page and frowned.\n"
        "Ron watched her. Grindlewald had written the chapter, and Hermione hated it.\n"
        "Grindlewald wrote that power was a burden. Hermoine closed the book.\n"
    )
    people = {c.name: c for c in cast_of(story).characters}
    assert "Hermoine" in people["Hermione Granger"].aliases
    assert people["Gellert Grindelwald"].canon
    assert not any("Hermoine" in name or "Grindlewald" in name for name in people)


def test_a_name_one_letter_from_a_pack_name_that_is_a_name_itself_is_not_corrected() -> None:
    # Bilius is Ron's middle name, not Filius misspelt; the pack lists no Bilius
    story = (
        "Bilius Weasley drank too much at the wedding. Bilius laughed at Harry.\n"
        "Filius Flitwick stood on a chair. Filius raised his wand.\n"
    )
    people = {c.name for c in cast_of(story).characters}
    assert "Filius Flitwick" in people and "Bilius Weasley" in people


def test_a_shared_surname_misspelt_alone_is_no_mention() -> None:
    # "Prewitt" is the Prewetts' name misspelt, and a shared surname alone names no one
    story = (
        "Ron Weasley opened the letter. Ron read it twice.\n"
        "The vault of House Prewitt was empty. Prewitt gold had gone missing.\n"
    )
    assert {c.name for c in cast_of(story).characters} == {"Ron Weasley"}
