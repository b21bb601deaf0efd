"""Point-of-view headings: each section of a multi-narrator story told by the character it names.

The fixture (written for these tests) alternates ``Harry's POV`` and ``Draco's POV`` sections,
each in the first person.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import ficlens
from ficlens.cast import NARRATOR, Cast
from ficlens.dialogue.voices import headed_sections, retired_narrator, voiced_cast
from ficlens.model import Character, Quote, Span, Work

FIXTURE = Path(__file__).parents[1] / "fixtures" / "pov_headings.txt"


def _character(ident: str, name: str) -> Character:
    return Character(ident, name, (), "he/him", False, 1, 0)


def _cast(person: str | None = "first") -> Cast:
    characters = (_character("c1", "Harry"), _character("c2", "Draco"))
    narrator = Character(NARRATOR, "Narrator", ("I",), None, False, 0, 0)
    return Cast(
        (*characters, narrator),
        (),
        NARRATOR,
        {"harry": "c1", "draco": "c2"},
        {"harry": ("c1",), "draco": ("c2",)},
        person=person,  # type: ignore[arg-type]
    )


SECTIONS = [(Span(0, 100), "Harry"), (Span(100, 200), "Draco"), (Span(200, 300), "Normal")]


def test_a_heading_naming_a_character_gives_its_section_that_voice() -> None:
    cast = voiced_cast(_cast(), SECTIONS)
    assert cast.voices == ((Span(0, 100), "c1"), (Span(100, 200), "c2"))  # "Normal" is no one
    assert [cast.narrator_at(offset) for offset in (5, 150, 250)] == ["c1", "c2", NARRATOR]


def test_the_you_of_a_second_person_story_stays_the_narrator() -> None:
    cast = voiced_cast(_cast("second"), SECTIONS)
    assert cast.voice_at(150) == "c2"  # the scene is still on Draco's side
    assert cast.narrator_at(150) == NARRATOR


def test_a_nameless_narrator_with_no_line_left_retires() -> None:
    cast = voiced_cast(_cast(), SECTIONS[:2])
    quotes = [Quote(Span(10, 20), "c1", "c2", "sieve", 0.9)]
    retired = retired_narrator(cast, quotes)
    assert NARRATOR not in {c.id for c in retired.characters}
    assert retired.narrator == "c1"  # the voice of the longest sections (a tie: the first)
    assert retired.narrator_at(150) == "c2"


def test_a_narrator_with_lines_outside_the_sections_stays() -> None:
    cast = voiced_cast(_cast(), SECTIONS[:2])
    quotes = [Quote(Span(250, 260), NARRATOR, None, "sieve", 0.9)]
    assert retired_narrator(cast, quotes) == cast


def test_a_heading_holds_for_its_scene_and_a_chapter_title_for_its_chapter(
    build_text: Callable[..., Work],
) -> None:
    text = (
        "Chapter 1: Draco's POV\n\nThe rain had not stopped.\n\n* * *\n\nNor had Potter.\n\n"
        "Harry's POV\n\nI kept walking.\n\n* * *\n\nHermione & Ron's POV\n\nThey ran.\n\n"
        "Chapter 2\n\nThe castle was quiet."
    )
    work = build_text(text)
    named = [(span.of(work.text).splitlines()[-1], name) for span, name in headed_sections(work)]
    assert named == [
        ("The rain had not stopped.", "Draco"),
        ("Nor had Potter.", "Draco"),
        ("I kept walking.", "Harry"),
        ("They ran.", "Hermione & Ron"),  # two names: the cast resolves neither
    ]  # chapter 2 has no heading: no one's


@pytest.fixture(scope="module")
def told() -> ficlens.Analysis:
    return ficlens.analyze(ficlens.read(FIXTURE))


@pytest.mark.spacy
def test_each_section_is_told_by_the_character_its_heading_names(
    told: ficlens.Analysis,
) -> None:
    names = {c.id: c.name for c in told.characters}
    assert [(s.pov, names.get(s.focal or "")) for s in told.work.scenes] == [
        ("first", "Harry Potter"),
        ("first", "Draco Malfoy"),
        ("first", "Harry Potter"),
    ]
    assert "Narrator" not in names.values()


@pytest.mark.spacy
def test_the_lines_an_i_says_are_the_sections_voices(told: ficlens.Analysis) -> None:
    names = {c.id: c.name for c in told.characters}
    text = told.work.text
    spoken = {q.span.of(text): names.get(q.speaker or "") for q in told.quotes}
    assert spoken["It's a library chair,"] == "Harry Potter"  # "I said" in Harry's section
    assert spoken["Did you sleep at all?"] == "Draco Malfoy"  # "I asked him" in Draco's
    assert spoken["Thank you,"] == "Harry Potter"
    assert spoken["Not much,"] == "Harry Potter"
