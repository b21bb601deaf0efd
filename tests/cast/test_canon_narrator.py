"""Naming a first-person narrator after the canon character only quotations name."""

from __future__ import annotations

from collections.abc import Callable

from ficlens.cast import NARRATOR, build_cast
from ficlens.cast.canon import canon_mentions
from ficlens.fandoms import load_pack
from ficlens.nlp import Parsed

MakeParsed = Callable[..., Parsed]

# Harry is named in the narration; "I" am only ever "Draco" in Harry's lines.
TEXT = (
    '"Draco, you are late," Harry said. I shrugged and I sat by the fire. '
    '"Draco, sit down," Harry said.'
)
ROWS = [
    ("Harry", "NNP", "nsubj", 1, "PERSON"),
    ("said", "VBD", "ROOT", 1),
    (".", ".", "punct", 1),
    ("I", "PRP", "nsubj", 4),
    ("shrugged", "VBD", "ROOT", 4),
    ("and", "CC", "cc", 4),
    ("I", "PRP", "nsubj", 7),
    ("sat", "VBD", "conj", 4),
    ("by", "IN", "prep", 7),
    ("the", "DT", "det", 10),
    ("fire", "NN", "pobj", 8),
    (".", ".", "punct", 4),
    ("Harry", "NNP", "nsubj", 13, "PERSON"),
    ("said", "VBD", "ROOT", 13),
    (".", ".", "punct", 13),
]


def narrator_of(text: str, make_parsed: MakeParsed, *, packs: bool = True) -> tuple[str, ...]:
    pack = (load_pack("harry_potter"),) if packs else ()
    cast = build_cast(text, [make_parsed(text, ROWS)], packs=pack)
    assert cast.narrator == NARRATOR
    (narrator,) = [c for c in cast.characters if c.id == NARRATOR]
    return narrator.name, narrator.gender or "", str(narrator.canon)


def test_the_canon_character_only_quotations_name_is_the_narrator(
    make_parsed: MakeParsed,
) -> None:
    assert narrator_of(TEXT, make_parsed) == ("Draco Malfoy", "he/him", "True")


def test_without_a_fandom_the_narrator_stays_unnamed(make_parsed: MakeParsed) -> None:
    assert narrator_of(TEXT, make_parsed, packs=False) == ("Narrator", "", "False")


def test_two_canon_characters_quoted_as_often_name_no_one(make_parsed: MakeParsed) -> None:
    rival = TEXT.replace('"Draco, sit down,"', '"Ginny, sit down,"')
    assert narrator_of(rival, make_parsed) == ("Narrator", "", "False")


def test_a_character_the_narration_names_is_not_the_narrator(make_parsed: MakeParsed) -> None:
    # Harry is named in the quotations too, but the narration names him: he is not "I".
    quoted = TEXT.replace('"Draco, sit down,"', '"Harry, sit down,"').replace(
        '"Draco, you are late,"', '"You are late, Harry,"'
    )
    assert narrator_of(quoted, make_parsed) == ("Narrator", "", "False")


def test_names_inside_quotations_are_not_canon_mentions(make_parsed: MakeParsed) -> None:
    # The parse masks quotations: "Draco" there starts no token, so it is not in the narration.
    pack = (load_pack("harry_potter"),)
    found = canon_mentions(TEXT, [make_parsed(TEXT, ROWS)], pack)
    assert [TEXT[m.span.start : m.span.end] for _, m in found] == ["Harry", "Harry"]


def test_a_canon_character_answers_to_its_canonical_name(make_parsed: MakeParsed) -> None:
    # The story only says "Harry", but "Harry Potter" (a vocative, a narrator's name) is him.
    cast = build_cast(TEXT, [make_parsed(TEXT, ROWS)], packs=(load_pack("harry_potter"),))
    harry = cast.resolve("Harry")
    assert harry is not None
    assert cast.resolve("Harry Potter") == harry


def test_a_character_the_narration_names_once_is_not_the_narrator(
    make_parsed: MakeParsed,
) -> None:
    # Draco is named once in the narration: someone "I" watch, so the quotation calling him
    # does not make him "I". (He is in the cast: a story naming fewer than two characters
    # twice keeps the pack's characters it names once.)
    text = '"Draco, you are late," Harry said. I watched Draco. "Sit down," Harry said.'
    rows = [
        ("Harry", "NNP", "nsubj", 1, "PERSON"),
        ("said", "VBD", "ROOT", 1),
        (".", ".", "punct", 1),
        ("I", "PRP", "nsubj", 4),
        ("watched", "VBD", "ROOT", 4),
        ("Draco", "NNP", "dobj", 4, "PERSON"),
        (".", ".", "punct", 4),
        ("Harry", "NNP", "nsubj", 8, "PERSON"),
        ("said", "VBD", "ROOT", 8),
        (".", ".", "punct", 8),
    ]
    pack = (load_pack("harry_potter"),)
    cast = build_cast(text, [make_parsed(text, rows)], packs=pack)
    assert cast.resolve("Draco") not in {None, NARRATOR}
    (narrator,) = [c for c in cast.characters if c.id == NARRATOR]
    assert narrator.name == "Narrator"
