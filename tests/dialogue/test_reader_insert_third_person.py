"""A reader-insert told in the third person, end to end with the real spaCy model.

The fixture (written for this test) names its protagonist only ``Y/N`` (and once ``Y/N
L/N``) and calls her *she*; the parse reads the placeholder's letters as names.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import ficlens
from ficlens.cast import READER

pytestmark = pytest.mark.spacy


@pytest.fixture(scope="module")
def lighthouse() -> ficlens.Analysis:
    path = Path(__file__).parents[1] / "fixtures" / "reader_insert_third_person.txt"
    return ficlens.analyze(ficlens.read(path))


def test_the_placeholder_is_one_character_the_reader(lighthouse: ficlens.Analysis) -> None:
    assert [s.pov for s in lighthouse.work.scenes] == ["third"]
    reader = {c.id: c for c in lighthouse.characters}[READER]
    assert (reader.name, reader.aliases, reader.gender) == ("Reader", ("Y/N",), "she/her")
    assert reader.mentions == 8  # every Y/N of the narration, L/N with it
    names = {c.name for c in lighthouse.characters}
    assert not names & {"Y", "N", "L", "Y/N", "L/N"}


def test_the_reader_speaks_her_said_line(lighthouse: ficlens.Analysis) -> None:
    text = lighthouse.work.text
    [line] = [q for q in lighthouse.quotes if q.span.of(text).startswith("Potatoes are perfect")]
    assert line.speaker == READER


def test_the_pairing_is_tagged_with_the_reader(lighthouse: ficlens.Analysis) -> None:
    assert lighthouse.content is not None
    main = lighthouse.content.relationships[0]
    assert (main.tag, main.kind, main.main) == ("Tobias/Reader", "romantic", True)
