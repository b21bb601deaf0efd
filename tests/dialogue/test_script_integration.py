"""Script-format fics end to end with the real spaCy model: a play written `NAME: line` and a
chat dropped into prose (fixtures written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

import ficlens
from ficlens.dialogue.script import METHOD

pytestmark = pytest.mark.spacy

CHAT_IN_PROSE = """\
Lily had not meant to read the messages. The phone lit up on the table between them, and the
name on the screen was one she knew too well.

"Don't," James said. "Whatever it says, don't."

She read it anyway, scrolling back through the evening:

Sirius: are you coming or not
James: five minutes
Sirius: you said that an hour ago
James: Padfoot, I am busy
Sirius: busy with EVANS?
James: goodnight, Sirius

"Busy," Lily said, and slid the phone back across the table. James put his head in his hands.
"""


@pytest.fixture(scope="module")
def play() -> ficlens.Analysis:
    path = Path(__file__).parents[1] / "fixtures" / "script_format.txt"
    return ficlens.analyze(ficlens.read(path))


def analyze_txt(path: Path, text: str) -> ficlens.Analysis:
    """Write ``text`` to a ``.txt`` file at ``path`` and analyse it as a reader's file."""
    path.write_text(text, encoding="utf-8")
    return ficlens.analyze(ficlens.read(path))


@pytest.fixture(scope="module")
def chat(tmp_path_factory: pytest.TempPathFactory) -> ficlens.Analysis:
    return analyze_txt(tmp_path_factory.mktemp("script") / "chat.txt", CHAT_IN_PROSE)


def said(analysis: ficlens.Analysis) -> list[tuple[str, str | None, str | None]]:
    """Each quotation's words, speaker and addressee (by name)."""
    names = {c.id: c.name for c in analysis.characters}
    text = analysis.work.text

    def name(ident: str | None) -> str | None:
        return names.get(ident) if ident else None

    return [(q.span.of(text), name(q.speaker), name(q.addressee)) for q in analysis.quotes]


def test_a_play_is_read_line_by_line_with_its_labels_as_speakers(play: ficlens.Analysis) -> None:
    assert any(d.startswith("script format: 11 lines") for d in play.diagnostics)
    assert [f.name for f in play.fandoms] == ["Harry Potter - J. K. Rowling"]
    assert sorted(c.name for c in play.characters) == [
        "Harry Potter", "Hermione Granger", "Ron Weasley",
    ]  # fmt: skip
    lines = said(play)
    assert len(lines) == 11
    assert lines[0] == ("You're still up.", "Harry Potter", "Hermione Granger")
    # a stage direction after the colon is not part of what is said
    assert lines[3][:2] == ("Which is why I am finishing it on Tuesday.", "Hermione Granger")
    # a name called is the addressee, whoever spoke last
    assert lines[5] == ("There's never food, Ron.", "Harry Potter", "Ron Weasley")
    assert lines[7] == ("Hermione is busy, Ronald.", "Hermione Granger", "Ron Weasley")
    assert {q.method for q in play.quotes} == {METHOD}


def test_capital_labels_name_their_characters_in_stage_directions_too(
    play: ficlens.Analysis,
) -> None:
    counts = {c.name: c.mentions for c in play.characters}
    # Harry: three labels and two stage directions ("HARRY comes down", "HARRY laughs")
    assert counts == {"Harry Potter": 5, "Hermione Granger": 5, "Ron Weasley": 5}


def test_a_chat_in_prose_keeps_both_kinds_of_dialogue(chat: ficlens.Analysis) -> None:
    lines = said(chat)
    by_words = {words: (speaker, addressee) for words, speaker, addressee in lines}
    assert by_words["are you coming or not"][0] == "Sirius Black"
    # a bare "James" beside Sirius and Lily, both of the Marauders' era, is James Potter
    assert by_words["five minutes"] == ("James Potter", "Sirius Black")
    assert by_words["Padfoot, I am busy"] == ("James Potter", "Sirius Black")
    assert by_words["busy with EVANS?"][0] == "Sirius Black"
    # the quotations of the prose are still the sieves' ("Don't," James said.)
    assert by_words["Don't,"][0] == "James Potter"
    assert by_words["Busy,"][0] == "Lily Evans Potter"
    scripted = [q for q in chat.quotes if q.method == METHOD]
    assert len(scripted) == 6


def test_prose_without_script_lines_has_no_script_diagnostic(tmp_path: Path) -> None:
    analysis = analyze_txt(
        tmp_path / "plain.txt",
        'He had three rules: never lie, never run, never look back.\n\n"Fine," she said.\n',
    )
    assert not any(d.startswith("script format") for d in analysis.diagnostics)
    assert [q.span.of(analysis.work.text) for q in analysis.quotes] == ["Fine,"]
    assert all(q.method != METHOD for q in analysis.quotes)


def test_a_label_used_once_still_names_its_speaker(tmp_path: Path) -> None:
    # Hermione and Ron speak once each and are named nowhere else: their labels are enough.
    analysis = analyze_txt(
        tmp_path / "short.txt",
        "HARRY: Where is it?\nHERMIONE: In the library, obviously.\n"
        "RON: Of course it is.\nHARRY: Then we go now.\n",
    )
    assert said(analysis) == [
        ("Where is it?", "Harry Potter", "Hermione Granger"),
        ("In the library, obviously.", "Hermione Granger", "Harry Potter"),
        ("Of course it is.", "Ron Weasley", "Hermione Granger"),
        ("Then we go now.", "Harry Potter", "Ron Weasley"),
    ]
