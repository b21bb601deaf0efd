"""Script-format dialogue (`NAME: line`): which lines count, and the text recased for names."""

from __future__ import annotations

import pytest

from ficlens.dialogue.script import find_script, label_name, recased
from ficlens.model import Span


def lines_of(text: str) -> list[tuple[str, str]]:
    """Each script line's name and words, reading the text as one paragraph."""
    return [(line.name, line.said.of(text)) for line in find_script(text, [Span(0, len(text))])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "HARRY: Where is it?\nHERMIONE: In the library.\nHARRY: Of course.\nRON: Obviously.",
            [("Harry", "Where is it?"), ("Hermione", "In the library."), ("Harry", "Of course."),
             ("Ron", "Obviously.")],
            id="capitals-become-names",
        ),
        pytest.param(
            "[Sirius Black]: you up?\n[Remus Lupin]: no\n[Sirius Black] (typing): liar\n"
            "[Remus Lupin]: go to sleep, Pads",
            [("Sirius Black", "you up?"), ("Remus Lupin", "no"), ("Sirius Black", "liar"),
             ("Remus Lupin", "go to sleep, Pads")],
            id="chat-brackets-and-stage-directions",
        ),
        pytest.param(
            "Draco🐉: you up?\nHarry⚡️: no\nDraco🐉: liar\nHarry⚡️: go to sleep",
            [("Draco", "you up?"), ("Harry", "no"), ("Draco", "liar"), ("Harry", "go to sleep")],
            id="chat-labels-decorated-with-emoji",
        ),
    ],
)  # fmt: skip
def test_labels_lead_lines_and_become_names(text: str, expected: list[tuple[str, str]]) -> None:
    assert lines_of(text) == expected


def test_headers_notes_and_profiles_are_no_speakers() -> None:
    metadata = "Rating: T\nWarnings: none\nSummary: a day out\nNote: thanks, Sam!\nRating: M"
    assert lines_of(metadata) == []
    profile = "Name: Ada\nAge: 17\nHouse: Ravenclaw\nName: Bea\nAge: 16\nHouse: Hufflepuff"
    assert lines_of(profile) == []
    headings = (
        "First Year: Arrival\nDraco's POV: He waited.\nFirst Year: Lessons\nHarry's POV: Yes."
    )
    assert lines_of(headings) == []


def test_bracketed_captions_are_no_speakers() -> None:
    text = (
        "[Illustration: A HOUSE.]\n[Illustration: A MILL.]\n[Picture: A LANE.]\n[Picture: A HILL.]"
    )
    assert lines_of(text) == []


def test_a_list_of_characters_is_not_a_script() -> None:
    # Four labels each used once: a cast list, not a conversation.
    text = "Harry: the Boy Who Lived\nRon: his best friend\nHermione: the brains\nDraco: a prat"
    assert lines_of(text) == []


def test_too_few_lines_or_one_voice_is_not_a_script() -> None:
    assert lines_of("HARRY: Hi.\nRON: Hi.\nHARRY: Bye.") == []  # three lines
    assert lines_of("Diary: one\nDiary: two\nDiary: three\nDiary: four") == []  # one label


def test_prose_with_a_colon_is_not_a_script() -> None:
    text = (
        "He had three rules: never lie, never run, never look back.\n"
        "The list said it plainly: eggs, milk, bread.\n"
        "She knew one thing: Harry was late.\n"
        "There was only one answer: no."
    )
    assert lines_of(text) == []


def test_label_name_title_cases_capitals_only() -> None:
    assert label_name("MRS. WEASLEY") == "Mrs. Weasley"
    assert label_name("O'BRIEN") == "O'Brien"
    assert label_name("McGonagall") == "McGonagall"


def test_recased_keeps_every_offset() -> None:
    text = "Intro.\n\nHARRY: Hi.\nRON: Hi.\nHARRY: Bye.\nRON: Bye.\n"
    lines = find_script(text, [Span(8, len(text) - 1)])
    again = recased(text, lines)
    assert len(again) == len(text)
    assert again == "Intro.\n\nHarry: Hi.\nRon: Hi.\nHarry: Bye.\nRon: Bye.\n"
    assert all(again[line.said.start : line.said.end] in {"Hi.", "Bye."} for line in lines)
    assert recased(text, ()) is text
