"""Scenes: breaks of every shape, blank-line breaks, time-skip and point-of-view headings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import ficlens
from ficlens.model import Work

BuildText = Callable[..., Work]

BEFORE = "Juniper stacked the firewood against the north wall, the way her father had."
AFTER = "In the village, the baker was already arguing with the weather."
MORE = "Nobody won; nobody ever did, but the bread came out well enough."


def _segments(work: Work) -> list[list[str]]:
    return [[s.of(work.text) for s in scene.segments] for scene in work.scenes]


@pytest.mark.parametrize(
    "line",
    ["# # #", "***", "* * *", "~~~", "-x-", "xXx", "oOo", "—", "-~-~-~-", "Line Break"],
)
def test_break_lines_split_scenes(
    build_text: BuildText, story_lost: Callable[[Work], str], line: str
) -> None:
    work = build_text(f"{BEFORE}\n\n{line}\n\n{AFTER}\n\n{MORE}")
    first, second = work.scenes
    assert (first.index, second.index) == (1, 2)
    assert first.break_before is None
    assert second.break_before is not None
    assert second.break_before.of(work.text) == line
    assert _segments(work) == [[BEFORE], [f"{AFTER}\n\n{MORE}"]]
    assert story_lost(work) == ""


@pytest.mark.parametrize("line", ["...", "…", "Oh.", "No!", "Okay.", "x"])
def test_short_lines_that_are_not_breaks(build_text: BuildText, line: str) -> None:
    work = build_text(f"{BEFORE}\n\n{line}\n\n{AFTER}")
    [scene] = work.scenes
    assert _segments(work) == [[f"{BEFORE}\n\n{line}\n\n{AFTER}"]]
    assert scene.break_before is None


def test_tilde_breaks_from_a_fixture(fixture_path: Callable[[str], Path]) -> None:
    work = ficlens.read(fixture_path("scene_break_tildes.txt"))
    assert len(work.scenes) == 3
    assert [s.break_before.of(work.text) if s.break_before else None for s in work.scenes] == [
        None,
        "~~~",
        "~~~",
    ]
    assert work.scenes[2].segments[0].of(work.text).startswith("By evening the map")


def test_run_of_blank_lines_is_a_break(fixture_path: Callable[[str], Path]) -> None:
    work = ficlens.read(fixture_path("blank_line_scene_break.txt"))
    first, second = work.scenes
    assert first.segments[-1].of(work.text).endswith("The jar was nearly full.")
    assert second.segments[0].of(work.text).startswith("On the other side of town")
    assert second.break_before is not None
    assert second.break_before.of(work.text).strip() == ""
    assert second.break_before.of(work.text).count("\n") >= 4


def test_blank_line_gaps_of_the_usual_size_are_not_breaks(build_text: BuildText) -> None:
    # A text that always leaves two blank lines between paragraphs has no blank-line break.
    work = build_text(f"{BEFORE}\n\n\n{AFTER}\n\n\n{MORE}")
    assert len(work.scenes) == 1


WORDS = "heron ferry baker storm kettle lantern orchard mill pike gate cart bell".split()
LINES = [
    f"Line {n}: the {word} went past the window while the village slept, and nobody but "
    f"the miller's old {kind} saw it go by."
    for n, (word, kind) in enumerate((w, k) for k in ("cat", "dog") for w in WORDS)
]


def test_a_text_that_widens_its_spacing_midway_has_no_break_at_every_paragraph(
    build_text: BuildText,
) -> None:
    # Single-spaced, then every paragraph three blank lines apart: one scene, not thirteen.
    opening = "\n".join(LINES[:12])
    rest = "\n\n\n\n".join(LINES[12:])
    work = build_text(f"{opening}\n{rest}")
    assert len(work.scenes) == 1


def test_a_laid_out_notice_inside_a_scene_is_not_a_run_of_scenes(build_text: BuildText) -> None:
    # A flyer quoted in the story, each line set off by blank lines, between ordinary prose.
    flyer = "\n\n\n\n".join(["Final years!", "Party in the common room.", "Bring snacks.", "– P."])
    prose = "\n".join(LINES[:5])
    work = build_text(f"{prose}\n{BEFORE}\n\n\n\n{flyer}\n{AFTER}\n{MORE}\n{LINES[5]}")
    assert len(work.scenes) == 1


def test_blank_line_breaks_between_vignettes_stay_breaks(build_text: BuildText) -> None:
    # Short scenes, each of several lines, set off by wide gaps in a single-spaced text.
    scenes = ["\n".join(LINES[n : n + 3]) for n in (0, 3, 6)]
    work = build_text("\n\n\n\n".join(scenes))
    assert [len(scene.segments) for scene in work.scenes] == [1, 1, 1]


@pytest.mark.parametrize(
    ("heading_line", "kind", "heading"),
    [
        pytest.param("-Two Weeks Later-", "time_skip", "Two Weeks Later", id="dashes"),
        pytest.param("Three years later...", "time_skip", "Three years later", id="ellipsis"),
        pytest.param("The next morning", "time_skip", "The next morning", id="phrase"),
        pytest.param("Flashback", "flashback", "Flashback", id="flashback"),
        pytest.param("~Meanwhile~", "scene", "Meanwhile", id="meanwhile"),
    ],
)
@pytest.mark.parametrize("with_break", [True, False], ids=["after-break", "no-break"])
def test_time_skip_heading_opens_its_scene(
    build_text: BuildText,
    story_lost: Callable[[Work], str],
    heading_line: str,
    kind: str,
    heading: str,
    with_break: bool,
) -> None:
    separator = "\n\n* * *\n\n" if with_break else "\n\n"
    work = build_text(f"{BEFORE}{separator}{heading_line}\n\n{AFTER}\n\n{MORE}")
    first, second = work.scenes
    assert (first.kind, first.heading, first.heading_span) == ("scene", None, None)
    assert (second.kind, second.heading) == (kind, heading)
    assert second.heading_span is not None
    assert second.heading_span.of(work.text) == heading_line
    assert second.span.start == second.heading_span.start  # the heading opens the scene
    assert second.segments[-1].of(work.text).endswith(MORE)
    assert (second.break_before is not None) is with_break
    assert story_lost(work) == ""


def test_time_skip_at_the_start_of_a_chapter(build_text: BuildText) -> None:
    work = build_text(f"Chapter 2\n\n-Two Weeks Later-\n\n{AFTER}")
    [scene] = work.scenes
    assert (scene.kind, scene.heading) == ("time_skip", "Two Weeks Later")


def test_sentence_that_starts_like_a_time_skip_is_story(build_text: BuildText) -> None:
    sentence = "Three years later, she still hated rain."
    work = build_text(f"{BEFORE}\n\n* * *\n\n{sentence}\n\n{AFTER}")
    first, second = work.scenes
    assert first.segments[0].of(work.text) == BEFORE
    assert (second.kind, second.heading, second.heading_span) == ("scene", None, None)
    assert second.segments[0].of(work.text).startswith(sentence)


def test_sentence_with_time_phrase_does_not_split_a_scene(build_text: BuildText) -> None:
    work = build_text(f"{BEFORE}\n\nTwo days later she came home.\n\n{AFTER}")
    [scene] = work.scenes
    assert scene.heading is None


def test_scenes_are_ordered_and_inside_their_chapter(build_text: BuildText) -> None:
    work = build_text(
        f"Chapter 1\n\n{BEFORE}\n\n***\n\n{AFTER}\n\n-Later that night-\n\n{MORE}\n\n"
        f"Chapter 2\n\n{BEFORE}\n\n~~~\n\n{AFTER}"
    )
    assert [len(c.scenes) for c in work.chapters] == [3, 2]
    for chapter in work.chapters:
        assert [s.index for s in chapter.scenes] == list(range(1, len(chapter.scenes) + 1))
        for scene in chapter.scenes:
            assert chapter.span.contains(scene.span)
            for segment in scene.segments:
                assert scene.span.contains(segment)
        for left, right in zip(chapter.scenes, chapter.scenes[1:], strict=False):
            assert left.span.end <= right.span.start


def test_break_then_closing_note_leaves_no_empty_scene(build_text: BuildText) -> None:
    work = build_text(f"{BEFORE}\n\n{AFTER}\n\n* * *\n\nA/N: that's all for today!")
    [scene] = work.scenes
    assert scene.segments[-1].of(work.text) == f"{BEFORE}\n\n{AFTER}"
    [note] = work.notes
    assert note.kind == "author_after"


def test_html_hr_and_crlf_text_give_the_same_scenes(build_text: BuildText) -> None:
    html = build_text(f"<html><body><p>{BEFORE}</p><hr><p>{AFTER}</p></body></html>", path="s.html")
    text = build_text(f"{BEFORE}\n\n* * *\n\n{AFTER}", newline="\r\n")
    assert "\r\n\r\n* * *\r\n" in text.text
    assert _segments(html) == _segments(text) == [[BEFORE], [AFTER]]


def test_two_time_skip_headings_in_a_row_each_open_a_scene(
    build_text: BuildText, story_lost: Callable[[Work], str]
) -> None:
    work = build_text(
        f"{BEFORE}\n\n-Two Weeks Later-\n\n(A/N: sorry, a quick aside.)\n\n"
        f"-Three Weeks Later-\n\n{AFTER}"
    )
    headings = [(s.kind, s.heading) for s in work.scenes]
    assert headings == [
        ("scene", None),
        ("time_skip", "Two Weeks Later"),
        ("time_skip", "Three Weeks Later"),
    ]
    assert work.scenes[1].segments == ()  # the first heading has no story of its own
    assert work.scenes[2].segments[0].of(work.text) == AFTER
    assert story_lost(work) == ""


def test_a_point_of_view_heading_opens_a_scene(build_text: BuildText) -> None:
    work = build_text(f"Harry's POV\n\n{BEFORE}\n\n*Draco's POV*\n\n{AFTER}\n\n{MORE}")
    first, second = work.scenes
    assert (first.heading, second.heading) == ("Harry's POV", "Draco's POV")
    assert second.heading_span is not None
    assert second.heading_span.of(work.text) == "*Draco's POV*"
    assert _segments(work) == [[BEFORE], [f"{AFTER}\n\n{MORE}"]]
