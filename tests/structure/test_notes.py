"""Author's notes, disclaimers, review requests and front matter in plain text."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest

import ficlens
from ficlens.ingest import read_bytes
from ficlens.model import Work
from ficlens.structure import build_work

STORY_A = "Fern carried the letter across the marsh and did not once look at the address."
STORY_B = "At the far side the ferryman read it for her, slowly, moving his lips."
STORY_C = "Then he folded it into a boat and set it on the water, which was not the plan."

BuildText = Callable[..., Work]


def _notes(work: Work) -> list[tuple[str, str]]:
    return [(n.kind, n.span.of(work.text)) for n in work.notes]


def _story(work: Work) -> str:
    return "\n\n".join(s.of(work.text) for scene in work.scenes for s in scene.segments)


NOTE_OPENERS = [
    pytest.param("AN: sorry this took so long, exams happened.", id="AN-colon"),
    pytest.param("A/N - this chapter is mostly about the ferry.", id="A/N-dash"),
    pytest.param("A/N thanks to everyone who followed this story!", id="A/N-space"),
    pytest.param("Author's Note: the marsh is based on a real place.", id="authors-note"),
    pytest.param("~AN~ hello again, friends ~AN~", id="tilde-AN"),
    pytest.param("(A/N: set a year after the flood.)", id="paren-A/N"),
    pytest.param("[A/N: the ferryman is an original character.]", id="bracket-A/N"),
]


@pytest.mark.parametrize("note", NOTE_OPENERS)
def test_note_at_the_start(
    build_text: BuildText, story_lost: Callable[[Work], str], note: str
) -> None:
    work = build_text(f"{note}\n\n{STORY_A}\n\n{STORY_B}")
    assert _notes(work) == [("author_before", note)]
    assert work.notes[0].chapter == 1
    assert _story(work) == f"{STORY_A}\n\n{STORY_B}"
    assert story_lost(work) == ""


@pytest.mark.parametrize("note", NOTE_OPENERS)
def test_note_at_the_end(
    build_text: BuildText, story_lost: Callable[[Work], str], note: str
) -> None:
    work = build_text(f"{STORY_A}\n\n{STORY_B}\n\n{note}")
    assert _notes(work) == [("author_after", note)]
    assert _story(work) == f"{STORY_A}\n\n{STORY_B}"
    assert story_lost(work) == ""


@pytest.mark.parametrize("note", NOTE_OPENERS)
def test_note_between_story_paragraphs_is_inline(
    build_text: BuildText, story_lost: Callable[[Work], str], note: str
) -> None:
    work = build_text(f"{STORY_A}\n\n{note}\n\n{STORY_B}\n\n{STORY_C}")
    assert _notes(work) == [("author_inline", note)]
    [scene] = work.scenes
    assert [s.of(work.text) for s in scene.segments] == [STORY_A, f"{STORY_B}\n\n{STORY_C}"]
    assert story_lost(work) == ""


def test_notes_before_and_after_from_a_fixture(fixture_path: Callable[[str], Path]) -> None:
    work = ficlens.read(fixture_path("author_note_before_and_after.txt"))
    kinds = [(n.kind, n.chapter) for n in work.notes]
    assert kinds == [("author_before", None), ("disclaimer", None), ("author_after", 1)]
    assert work.notes[0].span.of(work.text).startswith("A/N: Hello again, everyone!")
    assert work.notes[-1].span.of(work.text).endswith("Next chapter: receipts.")
    assert "review_request" in work.notes[-1].labels
    [chapter] = work.chapters
    assert (chapter.number, chapter.title) == (4, "The Keeper's Cat")
    story = _story(work)
    assert story.startswith("The lighthouse cat had opinions")
    assert story.endswith("as though he had built it.")


def test_parenthesised_aside_inside_a_story_paragraph(
    build_text: BuildText, story_lost: Callable[[Work], str]
) -> None:
    paragraph = "Fern sighed (AN: she is left-handed, it matters later) and picked up the pen."
    work = build_text(f"{STORY_A}\n\n{paragraph}\n\n{STORY_B}")
    assert _notes(work) == [("author_inline", "(AN: she is left-handed, it matters later)")]
    [scene] = work.scenes
    segments = [s.of(work.text) for s in scene.segments]
    assert segments == [f"{STORY_A}\n\nFern sighed", f"and picked up the pen.\n\n{STORY_B}"]
    assert story_lost(work) == ""


@pytest.mark.parametrize(
    "paragraph",
    [
        pytest.param(
            "She laughed (an hour later she would not be laughing) and left.", id="an-hour"
        ),
        pytest.param("The sign said (note the spelling) FERY CROSSING.", id="note-the"),
        pytest.param("Annie and Nan took the boat anyway.", id="names"),
    ],
)
def test_story_parentheses_are_not_notes(build_text: BuildText, paragraph: str) -> None:
    work = build_text(f"{STORY_A}\n\n{paragraph}\n\n{STORY_B}")
    assert work.notes == ()
    assert paragraph in _story(work)


def test_bracketed_note_over_two_paragraphs_is_one_inline_note(build_text: BuildText) -> None:
    note = "(A/N: this bit needs explaining.\n\nThe ferry runs only on Sundays.)"
    work = build_text(f"{STORY_A}\n\n{note}\n\n{STORY_B}")
    assert _notes(work) == [("author_inline", note)]


@pytest.mark.parametrize(
    "disclaimer",
    [
        pytest.param("I don't own the Marsh Ferry books or anyone in them.", id="dont-own"),
        pytest.param("I do not own any of these characters, sadly.", id="do-not-own"),
        pytest.param("All characters belong to their creator; I just borrow them.", id="belong"),
    ],
)
def test_disclaimer_paragraph(build_text: BuildText, disclaimer: str) -> None:
    work = build_text(f"{disclaimer}\n\n{STORY_A}\n\n{STORY_B}")
    [note] = work.notes
    assert (note.kind, note.span.of(work.text)) == ("disclaimer", disclaimer)
    assert "disclaimer" in note.labels
    assert STORY_A in _story(work)


def test_disclaimer_field_line(build_text: BuildText) -> None:
    line = "Disclaimer: the characters are not mine."
    work = build_text(f"{line}\n\n{STORY_A}")
    [note] = work.notes
    assert (note.kind, note.span.of(work.text)) == ("disclaimer", line)
    assert note.chapter is None  # a header line of the work, not of a chapter


def test_author_note_then_disclaimer_are_two_notes(build_text: BuildText) -> None:
    work = build_text(
        f"A/N: new story! Be gentle.\n\nI don't own anything here.\n\n{STORY_A}\n\n{STORY_B}"
    )
    assert _notes(work) == [
        ("author_before", "A/N: new story! Be gentle."),
        ("disclaimer", "I don't own anything here."),
    ]


@pytest.mark.parametrize(
    "request_line",
    [
        pytest.param("Please review!", id="please-review"),
        pytest.param("Read and review, it makes my day.", id="read-and-review"),
        pytest.param("Let me know what you think in the comments!", id="let-me-know"),
        pytest.param("Kudos and comments are always welcome.", id="kudos"),
    ],
)
def test_review_request_at_the_end(build_text: BuildText, request_line: str) -> None:
    work = build_text(f"{STORY_A}\n\n{STORY_B}\n\n{request_line}")
    [note] = work.notes
    assert note.kind == "author_after"
    assert note.span.of(work.text) == request_line
    assert "review_request" in note.labels


def test_closing_run_of_notes_is_one_note(build_text: BuildText) -> None:
    ending = "A/N: thanks for sticking with this!\n\nPlease review.\n\nThanks for reading!"
    work = build_text(f"{STORY_A}\n\n{STORY_B}\n\n{ending}")
    [note] = work.notes
    assert (note.kind, note.span.of(work.text)) == ("author_after", ending)
    assert set(note.labels) >= {"review_request", "signoff"}


def test_break_between_opening_notes_and_story(
    build_text: BuildText, story_lost: Callable[[Work], str]
) -> None:
    work = build_text(f"A/N: here we go.\n\n* * *\n\n{STORY_A}\n\n{STORY_B}")
    assert _notes(work) == [("author_before", "A/N: here we go.")]
    [scene] = work.scenes
    assert scene.segments[0].of(work.text) == f"{STORY_A}\n\n{STORY_B}"
    assert story_lost(work) == ""


def test_front_matter_lines(build_text: BuildText, story_lost: Callable[[Work], str]) -> None:
    work = build_text(
        "Title: The Ferryman's Letter\nAuthor: Reed Warbler\nRating: M\n"
        "Pairing: Fern/The Ferryman\n\n"
        f"{STORY_A}\n\n{STORY_B}"
    )
    meta = work.metadata
    assert meta.title == "The Ferryman's Letter"
    assert meta.authors == ("Reed Warbler",)
    assert meta.rating == "M"
    assert meta.relationships == ("Fern/The Ferryman",)
    assert [n.kind for n in work.notes] == ["front_matter"] * 4
    assert all(n.chapter is None for n in work.notes)
    assert [n.span.of(work.text) for n in work.notes] == [
        "Title: The Ferryman's Letter",
        "Author: Reed Warbler",
        "Rating: M",
        "Pairing: Fern/The Ferryman",
    ]
    assert _story(work) == f"{STORY_A}\n\n{STORY_B}"
    assert story_lost(work) == ""


def test_title_and_by_author_opening(build_text: BuildText) -> None:
    work = build_text(f"The Ferryman's Letter\nby Reed Warbler\n\n{STORY_A}\n\n{STORY_B}")
    assert work.metadata.title == "The Ferryman's Letter"
    assert work.metadata.authors == ("Reed Warbler",)
    assert _notes(work) == [("front_matter", "The Ferryman's Letter\nby Reed Warbler")]
    assert _story(work) == f"{STORY_A}\n\n{STORY_B}"


def test_title_and_by_author_as_separate_paragraphs(build_text: BuildText) -> None:
    work = build_text(
        "The Ferryman's Letter\n\nby Reed Warbler\n\n"
        f"Chapter 1\n\n{STORY_A}\n\nChapter 2\n\n{STORY_B}"
    )
    assert work.metadata.title == "The Ferryman's Letter"
    assert work.metadata.authors == ("Reed Warbler",)
    [note] = work.notes
    assert (note.kind, note.chapter) == ("front_matter", None)
    assert [c.number for c in work.chapters] == [1, 2]


def test_fest_header_with_lead_lines_and_values_on_the_next_line(
    build_text: BuildText, story_lost: Callable[[Work], str]
) -> None:
    work = build_text(
        "Day 7\n\nPrompt: a borrowed coat\nAuthor:\nReed Warbler\nOTP: Fern/The Ferryman\n"
        "Setting: the marsh\n\nSummary:\n\nFern lends the ferryman her coat.\n\n"
        f"{STORY_A}\n\n{STORY_B}"
    )
    assert work.metadata.authors == ("Reed Warbler",)
    assert work.metadata.relationships == ("Fern/The Ferryman",)
    assert work.metadata.summary == "Fern lends the ferryman her coat."
    assert _notes(work)[0] == ("front_matter", "Day 7")
    assert _notes(work)[-1] == ("summary", "Summary:\n\nFern lends the ferryman her coat.")
    assert _story(work) == f"{STORY_A}\n\n{STORY_B}"
    assert story_lost(work) == ""


def test_title_bare_by_author_header_and_thanks_before_the_break(
    build_text: BuildText, story_lost: Callable[[Work], str]
) -> None:
    work = build_text(
        "The Ferryman's Letter\n\nBy\n\nReed Warbler\n\n"
        "Summary: Fern crosses the marsh.\nRating: PG-13 (for one kiss)\n"
        "Disclaimer: The marsh belongs to nobody.\n\nThanks to my beta, Wren.\n\n*~*~*~*\n\n"
        f"{STORY_A}\n\n{STORY_B}"
    )
    assert (work.metadata.title, work.metadata.authors) == (
        "The Ferryman's Letter",
        ("Reed Warbler",),
    )
    assert work.metadata.rating == "PG-13 (for one kiss)"
    kinds = [kind for kind, _ in _notes(work)]
    assert kinds == ["front_matter", "summary", "front_matter", "disclaimer", "author_before"]
    assert _notes(work)[-1] == ("author_before", "Thanks to my beta, Wren.")
    assert _story(work) == f"{STORY_A}\n\n{STORY_B}"
    assert story_lost(work) == ""


def test_a_note_line_inside_a_header_is_not_a_field_value(build_text: BuildText) -> None:
    work = build_text(
        "Title: The Ferryman's Letter\nRating: R\nNotes: written for the marsh challenge\n\n"
        f"{STORY_A}\n\n{STORY_B}"
    )
    assert work.metadata.rating == "R"
    assert _notes(work)[-1] == ("author_before", "Notes: written for the marsh challenge")
    assert _story(work) == f"{STORY_A}\n\n{STORY_B}"


def test_a_prompt_fill_line_is_front_matter(
    build_text: BuildText, story_lost: Callable[[Work], str]
) -> None:
    # A comment-fic answers a prompt; the line naming it, and the community, open the work.
    work = build_text(f"Fill: Marsh Tales, any, a borrowed coat\nAt the-marsh-meme\n\n{STORY_A}")
    assert _notes(work) == [
        ("front_matter", "Fill: Marsh Tales, any, a borrowed coat\nAt the-marsh-meme")
    ]
    assert _story(work) == STORY_A
    assert story_lost(work) == ""


def test_credit_lines_open_the_work_and_name_its_author(
    build_text: BuildText, story_lost: Callable[[Work], str]
) -> None:
    # A podfic's or fest entry's credits: none of their names is a character.
    credits = "Entry by: Team Heron\nWritten by: Reed Warbler\nBackground Music by: Sedge Choir"
    work = build_text(f"THE FERRY SONG\n\n{credits}\n\n{STORY_A}\n\n{STORY_B}")
    assert [kind for kind, _ in _notes(work)] == ["front_matter"] * 4
    assert work.metadata.authors == ("Reed Warbler",)
    assert _story(work) == f"{STORY_A}\n\n{STORY_B}"
    assert story_lost(work) == ""


def test_the_headings_of_a_copied_ao3_page_are_not_story(build_text: BuildText) -> None:
    work = build_text(
        f"Work Text:\n\nChapter 1: The Marsh\n\nChapter Text\n\n{STORY_A}\n\n"
        f"Chapter 2: The Ferry\n\nChapter Text\n\n{STORY_B}"
    )
    assert [text for _, text in _notes(work)] == ["Work Text:", "Chapter Text", "Chapter Text"]
    assert [note.chapter for note in work.notes] == [None, 1, 2]
    assert _story(work) == f"{STORY_A}\n\n{STORY_B}"


def test_a_copied_ao3_heading_right_above_the_story_is_a_note(build_text: BuildText) -> None:
    # No blank line between "Work Text:" and the story's first, indented line.
    work = build_text(f"Work Text:\n          {STORY_A}\n\n{STORY_B}")
    assert [text for _, text in _notes(work)] == ["Work Text:"]
    assert _story(work).strip() == f"{STORY_A}\n\n{STORY_B}"


def test_title_then_by_with_a_colon(build_text: BuildText) -> None:
    work = build_text(f"*The Ferryman's Letter*\n\nby: Reed Warbler\n\n{STORY_A}\n\n{STORY_B}")
    assert work.metadata.authors == ("Reed Warbler",)
    assert _story(work) == f"{STORY_A}\n\n{STORY_B}"


@pytest.mark.parametrize(
    "opening",
    [
        pytest.param("It was late.\n\nSetting: the sun, over the marsh.", id="one-field-line"),
        pytest.param("“Day 7,” she said.\n\nTitle: none\nAuthor: none", id="dialogue-lead"),
    ],
)
def test_story_lines_that_look_like_a_header_stay_story(
    build_text: BuildText, opening: str
) -> None:
    work = build_text(f"{opening}\n\n{STORY_A}\n\n{STORY_B}")
    assert work.notes == ()
    assert _story(work) == f"{opening}\n\n{STORY_A}\n\n{STORY_B}"


def test_front_matter_fixture_and_summary_field(fixture_path: Callable[[str], Path]) -> None:
    work = ficlens.read(fixture_path("tiny_oneshot.txt"))
    assert work.metadata.title == "The Kettle That Sang"
    assert work.metadata.authors == ("Hazel Tern",)
    assert work.metadata.rating == "K"
    assert [n.kind for n in work.notes] == ["front_matter"] * 3 + ["author_before"]


def test_declared_metadata_wins_over_front_matter(fixture_path: Callable[[str], Path]) -> None:
    # A "Title:" line in an FFN story does not replace the title the page declares.
    html = fixture_path("ffn_saved_page.html").read_text(encoding="utf-8")
    html = html.replace("<p>A/N: Hello again!", "<p>Title: Something Else</p><p>A/N: Hello again!")
    work = build_work(read_bytes(html.encode(), path="ffn.html"))
    assert work.metadata.title == "Paper Cranes at Dusk"
    assert work.notes[0].span.of(work.text) == "Title: Something Else"
    assert work.notes[0].kind == "front_matter"


def test_notes_never_overlap_and_are_stripped(build_text: BuildText) -> None:
    work = build_text(
        "Title: A Test\n\nA/N: opening words.\n\n  I don't own this.  \n\n"
        f"Chapter 1\n\n{STORY_A}\n\n(A/N: inline.)\n\n{STORY_B}\n\nPlease review!\n"
    )
    spans = sorted(n.span for n in work.notes)
    assert len(spans) == 5
    for left, right in pairwise(spans):
        assert not left.overlaps(right)
    for note in work.notes:
        piece = note.span.of(work.text)
        assert piece and piece == piece.strip()
