"""Who dies on the page: death cues given to the named character they are said of."""

from __future__ import annotations

import re

import pytest

from ficlens.content.deaths import LEVELS, Death, character_deaths, refine
from ficlens.content.signals import find_hits, summarise
from ficlens.content.warnings import shows_on_page
from ficlens.model import Character, Span

# Names of a made-up story; ``canon`` marks the ones a fandom pack would know.
CAST = {
    "Odile": ("c1", False),
    "Bram": ("c2", False),
    "Captain Wren": ("c3", True),
    "Pell": ("c4", False),
}
# Extra mentions so Odile, Bram and Wren are the three most named; Pell is a bit part.
PADDING = (
    "Odile and Bram waited. Odile, Bram and Captain Wren talked. Captain Wren and Odile sang."
    " Bram and Captain Wren and Odile and Bram ate. Captain Wren slept. Pell left early."
)


def cast_of(text: str) -> tuple[list[Character], list[tuple[Span, str]]]:
    """The made-up cast and its named mentions in ``text``, as the cast stage gives them."""
    pattern = re.compile("|".join(sorted(map(re.escape, CAST), key=len, reverse=True)))
    mentions = [(Span(m.start(), m.end()), CAST[m.group()][0]) for m in pattern.finditer(text)]
    characters = [
        Character(ident, name, (), None, canon, sum(1 for _, i in mentions if i == ident), 0)
        for name, (ident, canon) in CAST.items()
    ]
    return characters, mentions


def deaths_in(sentence: str) -> list[tuple[str, bool]]:
    text = f"{PADDING}\n\n{sentence}"
    paragraphs = [Span(0, len(PADDING)), Span(len(PADDING) + 2, len(text))]
    characters, mentions = cast_of(text)
    found = character_deaths(text, find_hits(text, paragraphs), characters, mentions)
    names = {ident: name for name, (ident, _) in CAST.items()}
    return [(names[d.character], d.major) for d in found]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Bram watched as Odile died.", [("Odile", True)]),
        ("Odile died in Bram's arms.", [("Odile", True)]),
        ("Captain Wren killed Pell on the stairs.", [("Pell", False)]),
        ("Pell was killed by Captain Wren.", [("Pell", False)]),
        ("Pell killed himself in the cellar.", [("Pell", False)]),
        ("By morning Bram was dead.", [("Bram", True)]),
        ("They found Odile's corpse by the river.", [("Odile", True)]),
        ("They found the corpse of Bram by the river.", [("Bram", True)]),
        ("By noon Pell was dying.", [("Pell", False)]),
        ("Odile's body crumpled to the floor.", [("Odile", True)]),
        ("They found Bram's lifeless body.", [("Bram", True)]),
    ],
)
def test_the_death_goes_to_the_character_it_is_said_of(
    sentence: str, expected: list[tuple[str, bool]]
) -> None:
    assert deaths_in(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # a pronoun between the name and the cue: the name is likely someone else
        "Bram held him as he died.",
        "Odile killed him before dawn.",
        # a corpse no name owns
        "Bram found a corpse in the cellar.",
        # not on the page: negated, hypothetical, remembered
        "Odile did not die that night.",
        "If Bram died, Odile would never forgive herself.",
        # no cue at all
        "Odile and Bram laughed.",
        # idioms and things that die
        "Odile's heart stopped when the door opened.",
        "For a moment, Bram stopped breathing.",
        "Bram died inside a little.",
        "Odile was dead tired after the fair.",
        "All the fire in Bram died out.",
        "Bram lay beside Odile's corpse-like body.",
        "Bram ignored the dying fire.",
        "Odile laughed until the music died.",
        "Odile's laughter died away.",
        "Captain Wren killed Odile's hopes.",
        # backstory in the pluperfect is told, not shown
        "Pell had died in the war.",
        "Odile had killed Pell long before.",
        # too far from the cue, or across a clause break
        "Captain Wren killed the snake, Pell the rest.",
        "Bram, who everyone said was kind and gentle and good, died.",
    ],
)
def test_no_death_is_given_without_a_clear_owner_on_the_page(sentence: str) -> None:
    assert deaths_in(sentence) == []


def test_each_character_dies_once_per_sentence() -> None:
    assert deaths_in("Pell died, lifeless, his last breath gone.") == [("Pell", False)]


def test_refined_death_signal_names_who_dies_major_first() -> None:
    text = f"{PADDING}\n\nPell died first. Then Odile died."
    paragraphs = [Span(0, len(PADDING)), Span(len(PADDING) + 2, len(text))]
    hits = find_hits(text, paragraphs)
    characters, mentions = cast_of(text)
    deaths = character_deaths(text, hits, characters, mentions)
    plain = next(s for s in summarise(hits, 100) if s.name == "death")
    refined = refine(plain, deaths)
    assert plain.level == "on_page"
    assert refined.level == "major_character"
    assert refined.characters == ("c1", "c4")
    assert text[refined.evidence[0].start : refined.evidence[0].end] == "Then Odile died."


def test_a_minor_characters_death_is_the_lower_level() -> None:
    plain = next(s for s in summarise([], 100) if s.name == "death")
    refined = refine(plain, [Death("c4", False, Span(0, 5))])
    assert refined.level == LEVELS[0] == "minor_character"
    assert refine(plain, []) is plain


def test_refined_levels_still_pass_the_major_character_death_gate() -> None:
    plain = next(s for s in summarise([], 100) if s.name == "death")
    refined = refine(plain, [Death("c1", True, Span(0, 5))])
    assert not shows_on_page("major_character_death", {"death": plain}, {})
    assert shows_on_page("major_character_death", {"death": refined}, {})
