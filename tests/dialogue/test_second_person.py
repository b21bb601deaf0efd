"""Second- and first-person stories end to end with the real spaCy model: a reader-insert and
canon protagonists the others name (fixtures written for these tests)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import ficlens
from ficlens.cast import READER
from ficlens.model import Quote

pytestmark = pytest.mark.spacy


@pytest.fixture(scope="module")
def reader_insert() -> ficlens.Analysis:
    path = Path(__file__).parents[1] / "fixtures" / "reader_insert_snowfall.txt"
    return ficlens.analyze(ficlens.read(path))


@pytest.fixture(scope="module")
def talked_about() -> ficlens.Analysis:
    path = Path(__file__).parents[1] / "fixtures" / "second_person_talked_about.txt"
    return ficlens.analyze(ficlens.read(path))


@pytest.fixture(scope="module")
def canon_you() -> ficlens.Analysis:
    path = Path(__file__).parents[1] / "fixtures" / "second_person_canon.txt"
    return ficlens.analyze(ficlens.read(path))


def quote_of(analysis: ficlens.Analysis, words: str) -> Quote:
    [quote] = [q for q in analysis.quotes if q.span.of(analysis.work.text) == words]
    return quote


def test_a_reader_insert_is_told_in_the_second_person(reader_insert: ficlens.Analysis) -> None:
    assert [s.pov for s in reader_insert.work.scenes] == ["second"]
    assert [s.focal for s in reader_insert.work.scenes] == [READER]
    reader = {c.id: c for c in reader_insert.characters}[READER]
    assert (reader.name, reader.aliases) == ("Reader", ("you", "Y/N"))


@pytest.mark.parametrize(
    ("words", "speaker", "addressee"),
    [
        ("I'm fine,", READER, "Fred Weasley"),  # "...," you say,
        ("Stay out here with me, then,", READER, None),  # "...," you whisper.
        ("You're a terrible liar, Y/N,", "Fred Weasley", READER),  # Y/N is the reader
    ],
)
def test_the_reader_speaks_the_you_said_lines(
    reader_insert: ficlens.Analysis, words: str, speaker: str, addressee: str | None
) -> None:
    names = {c.id: c.name for c in reader_insert.characters} | {READER: READER}
    quote = quote_of(reader_insert, words)
    assert names.get(quote.speaker or "") == speaker
    if addressee is not None:
        assert names.get(quote.addressee or "") == addressee


def test_the_reader_insert_pairing_is_tagged_as_ao3_tags_it(
    reader_insert: ficlens.Analysis,
) -> None:
    assert reader_insert.content is not None
    main = [r for r in reader_insert.content.relationships if r.main]
    assert [(r.tag, r.kind) for r in main] == [("Fred Weasley/Reader", "romantic")]
    assert main[0].evidence  # the kiss


def test_a_second_person_protagonist_the_others_name_takes_the_canon_name(
    canon_you: ficlens.Analysis,
) -> None:
    assert [s.pov for s in canon_you.work.scenes] == ["second"]
    protagonist = {c.id: c for c in canon_you.characters}[READER]
    assert (protagonist.name, protagonist.canon) == ("Harry Potter", True)
    assert quote_of(canon_you, "Go away, Malfoy,").speaker == READER
    assert canon_you.content is not None
    [main] = [r for r in canon_you.content.relationships if r.main]
    assert set(main.tag.split("/")) == {"Draco Malfoy", "Harry Potter"}


def test_third_person_stories_keep_their_point_of_view(
    fixture_path: Callable[[str], Path],
) -> None:
    analysis = ficlens.analyze(ficlens.read(fixture_path("tiny_oneshot.txt")))
    # two scenes either side of "* * *", both about Pim and the kettle ("he", "it")
    assert [s.pov for s in analysis.work.scenes] == ["third", "third"]


def test_a_narrator_named_from_the_quotations_keeps_the_canon_name() -> None:
    # "I" am Percy in Oliver's lines; the calls of "Oliver?" from the changing rooms are
    # to Oliver, and do not make him the narrator.
    path = Path(__file__).parents[1] / "fixtures" / "first_person_canon.txt"
    analysis = ficlens.analyze(ficlens.read(path))
    [narrator] = [c for c in analysis.characters if "I" in c.aliases]
    assert (narrator.name, narrator.canon) == ("Percy Weasley", True)
    assert analysis.content is not None
    [main] = [r for r in analysis.content.relationships if r.main]
    assert set(main.tag.split("/")) == {"Oliver Wood", "Percy Weasley"}


def test_a_narrator_called_only_by_a_shared_surname_is_the_family_lead() -> None:
    # "I" am only ever "Malfoy" in Harry's first line, and the narration never writes the name;
    # the story opens its quotations with right marks (”Malfoy?”), which must open them too.
    path = Path(__file__).parents[1] / "fixtures" / "first_person_surname_right_marks.txt"
    analysis = ficlens.analyze(ficlens.read(path))
    assert len(analysis.quotes) == 10
    [narrator] = [c for c in analysis.characters if "I" in c.aliases]
    assert (narrator.name, narrator.canon) == ("Draco Malfoy", True)
    assert quote_of(analysis, "Sending a letter,").speaker == narrator.id
    assert analysis.content is not None
    [main] = [r for r in analysis.content.relationships if r.main]
    assert (main.tag, main.basis) == ("Draco Malfoy/Harry Potter", "romance")


def test_a_name_said_of_someone_else_does_not_name_the_reader(
    talked_about: ficlens.Analysis,
) -> None:
    # Fred talks to "you" about Hermione three times and never calls "you" by a name: "you"
    # stay the Reader (before, the quotations made "you" Hermione), and Hermione, whom only
    # the quotations name, joins the cast as someone else.
    characters = {c.id: c for c in talked_about.characters}
    assert characters[READER].name == "Reader"
    assert "Hermione Granger" in {c.name for c in characters.values() if c.id != READER}
    assert talked_about.content is not None
    main = [r.tag for r in talked_about.content.relationships if r.main]
    assert main == ["Fred Weasley/Reader"]
