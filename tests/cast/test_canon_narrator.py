"""Canon characters only the quotations name: a first-person narrator takes the name, and in
the third person they join the cast."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ficlens.cast import NARRATOR, build_cast
from ficlens.cast.canon import canon_mentions, nickname_in_foreign_name
from ficlens.cast.mentions import Mention
from ficlens.cast.names import split_name
from ficlens.cast.quoted import quoted_cast
from ficlens.dialogue.quotes import find_quotes
from ficlens.fandoms import load_pack
from ficlens.model import Span
from ficlens.nlp import STAND_IN, Parsed, mask

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


def masked_parse(text: str, rows: list[tuple[Any, ...]], make_parsed: MakeParsed) -> Parsed:
    """The parse of ``text`` with its quotations masked as the pipeline masks them: each is
    the stand-in word ``Yes`` (a row of its own) up to its kept final mark."""
    whole = Span(0, len(text))
    quotes, _ = find_quotes(text, [whole])
    masked = mask(text, whole, [quote.span for quote in quotes])
    starts, cursor = [], 0
    for row in rows:
        cursor = masked.find(row[0], cursor)
        starts.append(cursor)
        cursor += len(row[0])
    stand_ins = [masked.find(STAND_IN, quote.span.start) for quote in quotes]
    order = sorted([(at, n) for n, at in enumerate(starts)] + [(at, -1) for at in stand_ins])
    moved = {n: k for k, (_, n) in enumerate(order) if n >= 0}
    merged = [
        (STAND_IN, "UH", "intj", k) if n < 0 else (*rows[n][:3], moved[rows[n][3]], *rows[n][4:])
        for k, (_, n) in enumerate(order)
    ]
    return make_parsed(masked, merged)


def narrator_of(text: str, make_parsed: MakeParsed, *, packs: bool = True) -> tuple[str, ...]:
    pack = (load_pack("harry_potter"),) if packs else ()
    cast = build_cast(text, [masked_parse(text, ROWS, make_parsed)], packs=pack)
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
    (harry,) = [c for c in cast.characters if c.name == "Harry Potter"]
    assert harry.id != NARRATOR
    assert cast.resolve("Harry") == harry.id
    assert cast.resolve("Harry Potter") == harry.id


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


# The same scene told in the third person: Draco is only ever "Draco" in Harry's lines.
THIRD = TEXT.replace("I shrugged and I sat", "He shrugged and he sat")
THIRD_ROWS = [({3: "He", 6: "he"}.get(n, row[0]), *row[1:]) for n, row in enumerate(ROWS)]
PACK = (load_pack("harry_potter"),)


def test_a_canon_character_named_only_in_quotations_joins_the_cast(
    make_parsed: MakeParsed,
) -> None:
    cast = build_cast(THIRD, [make_parsed(THIRD, THIRD_ROWS)], packs=PACK)
    assert cast.narrator is None
    by_name = {c.name: c for c in cast.characters}
    assert set(by_name) == {"Harry Potter", "Draco Malfoy"}
    draco = by_name["Draco Malfoy"]
    assert (draco.mentions, draco.canon, draco.gender) == (0, True, "he/him")
    assert draco.first == THIRD.index("Draco")
    assert draco.id == "c2"  # after the roster's own
    # the vocatives find him: he answers to his pack's names
    assert cast.resolve("Draco") == draco.id
    assert cast.resolve("Draco Malfoy") == draco.id


def test_a_name_said_once_or_without_a_fandom_adds_no_one(make_parsed: MakeParsed) -> None:
    once = THIRD.replace('"Draco, sit down,"', '"Sit down,"')
    names = {
        c.name for c in build_cast(once, [make_parsed(once, THIRD_ROWS)], packs=PACK).characters
    }
    assert names == {"Harry Potter"}
    plain = build_cast(THIRD, [make_parsed(THIRD, THIRD_ROWS)])
    assert not any("Draco" in c.name for c in plain.characters)


def test_a_character_the_cast_already_has_by_any_name_is_not_added_again(
    make_parsed: MakeParsed,
) -> None:
    parsed = [make_parsed(THIRD, THIRD_ROWS)]
    (found,) = quoted_cast(THIRD, parsed, PACK, {"harry potter", "harry"})
    assert (found[0].name, found[1], found[2]) == ("Draco Malfoy", 2, THIRD.index("Draco"))
    # a roster that calls him by a nickname of his own keeps the quotations' Draco out
    assert quoted_cast(THIRD, parsed, PACK, {"harry potter", "draco"}) == []


def test_a_nickname_of_a_roster_name_a_term_or_another_era_adds_no_one(
    make_parsed: MakeParsed,
) -> None:
    parsed = [make_parsed(THIRD, THIRD_ROWS)]
    # "Draco" shares its first letters with the roster's "Drake": his nickname, not Draco Malfoy
    assert quoted_cast(THIRD, parsed, PACK, {"drake"}) == []
    # a house is no one
    house = THIRD.replace("Draco", "Hufflepuff")
    assert quoted_cast(house, [make_parsed(house, THIRD_ROWS)], PACK, {"harry potter"}) == []
    # Scorpius is of the next generation, not the Marauders'
    later = THIRD.replace("Draco", "Scorpius")
    assert quoted_cast(later, [make_parsed(later, THIRD_ROWS)], PACK, set(), era="marauders") == []
    (found,) = quoted_cast(
        later, [make_parsed(later, THIRD_ROWS)], PACK, set(), era="next generation"
    )
    assert found[0].name == "Scorpius Malfoy"


def test_a_pack_nickname_inside_a_full_name_of_a_foreign_family_names_no_canon_character(
    make_parsed: MakeParsed,
) -> None:
    # fic calls Penelope Clearwater "Penny"; this story's Penny Haywood is someone else
    text = "Penny Haywood laughed. Penny Haywood waved. Penny sat."
    rows = [
        ("Penny", "NNP", "compound", 1),
        ("Haywood", "NNP", "nsubj", 2),
        ("laughed", "VBD", "ROOT", 2),
        (".", ".", "punct", 2),
        ("Penny", "NNP", "compound", 5),
        ("Haywood", "NNP", "nsubj", 6),
        ("waved", "VBD", "ROOT", 6),
        (".", ".", "punct", 6),
        ("Penny", "NNP", "nsubj", 9),
        ("sat", "VBD", "ROOT", 9),
        (".", ".", "punct", 9),
    ]
    entities = [(0, 1, "PERSON"), (4, 5, "PERSON"), (8, 8, "PERSON")]
    cast = build_cast(text, [make_parsed(text, rows, entities=entities)], packs=PACK)
    assert [(c.name, c.canon, c.mentions) for c in cast.characters] == [("Penny Haywood", False, 3)]
    clearwater = text.replace("Haywood", "Clearwater")
    cast = build_cast(clearwater, [make_parsed(clearwater, [
        (w.replace("Haywood", "Clearwater"), *rest) for w, *rest in rows
    ], entities=entities)], packs=PACK)  # fmt: skip
    assert [(c.name, c.canon) for c in cast.characters] == [("Penelope Clearwater", True)]


def test_only_a_nickname_used_in_a_full_name_twice_yields_to_the_parse() -> None:
    def mention(text: str, word: str, start: int = 0) -> Mention:
        at = text.index(word, start)
        return Mention(Span(at, at + len(word)), split_name(word), "ner")

    twice = "Penny Haywood ran. Later Penny Haywood sat."
    assert nickname_in_foreign_name(mention(twice, "Penny"), mention(twice, "Penny Haywood"),
                                    twice, PACK)  # fmt: skip
    once = "Penny Haywood ran."
    assert not nickname_in_foreign_name(mention(once, "Penny"), mention(once, "Penny Haywood"),
                                        once, PACK)  # fmt: skip
    # a surname is no nickname, nor is a misspelt canon family foreign
    for text, short, full in (
        ("Granger Mudblood! Granger Mudblood!", "Granger", "Granger Mudblood"),
        ("Ron Weasly ran. Ron Weasly sat.", "Ron", "Ron Weasly"),
    ):
        assert not nickname_in_foreign_name(mention(text, short), mention(text, full), text, PACK)


def test_a_name_exclaimed_is_no_one_in_the_story(make_parsed: MakeParsed) -> None:
    def quoted(text: str) -> list[str]:
        found = quoted_cast(text, [make_parsed(text, THIRD_ROWS)], PACK, {"harry potter"})
        return [character.name for character, _, _ in found]

    assert quoted(THIRD.replace("Draco", "Helga")) == ["Helga Hufflepuff"]
    assert quoted(THIRD.replace("Draco", "Holy Helga")) == []
