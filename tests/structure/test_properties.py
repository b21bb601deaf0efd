"""Property tests: random fics built from the pieces fics are made of keep the anatomy sound."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from ficlens.ingest import read_bytes
from ficlens.model import Span, Work
from ficlens.structure import build_work
from ficlens.structure.patterns import strip_decoration

WORDS = [
    "the",
    "a",
    "and",
    "she",
    "he",
    "they",
    "river",
    "lantern",
    "orchard",
    "kettle",
    "fox",
    "stone",
    "quiet",
    "walked",
    "counted",
    "laughed",
    "said",
    "never",
    "again",
    "under",
    "over",
    "bright",
    "cold",
    "little",
    "old",
    "window",
    "door",
    "road",
    "home",
    "slowly",
    "because",
    "while",
    "rain",
    "morning",
    "letter",
    "boat",
    "bread",
    "garden",
]
# A few words that look like structure, to tempt the rules inside story paragraphs.
TRICKY = ["chapter", "later", "note", "review", "an", "three", "years", "own", "epilogue"]
BREAK_LINES = ["* * *", "***", "# # #", "~~~", "-x-", "xXx", "oOo", "—", "-~-~-", "Line Break"]
TIME_SKIPS = [
    "-Two Weeks Later-",
    "Three years later...",
    "The next morning",
    "~Later that night~",
    "Flashback",
    "A few hours earlier",
]
CHAPTER_HEADINGS = [
    "Chapter {n}",
    "Chapter {n}: The {w}",
    "~Chapter {n}~",
    "Ch. {n}",
    "CHAPTER {n}",
]
NAMED_HEADINGS = ["Prologue", "Epilogue", "Interlude"]
FRONT_MATTER = ["Title: The Quiet Road", "Author: Wren Hollis", "Rating: T", "Pairing: Fox/Crow"]


@dataclass(frozen=True)
class Block:
    """One paragraph-sized piece of a generated fic; ``kind`` says what it was generated as."""

    kind: str
    text: str


words = st.lists(st.sampled_from(WORDS + TRICKY), min_size=3, max_size=18)


@st.composite
def story_paragraph(draw: st.DrawFn) -> Block:
    chosen = draw(words)
    sentence = " ".join(chosen)
    sentence = sentence[0].upper() + sentence[1:] + draw(st.sampled_from([".", "!", "?", "..."]))
    if draw(st.booleans()):
        sentence = f"“{sentence}” {draw(st.sampled_from(['she said.', 'he asked.']))}"
    indent = draw(st.sampled_from(["", "", "", "    ", "\t"]))
    return Block("story", indent + sentence)


@st.composite
def author_note(draw: st.DrawFn) -> Block:
    body = " ".join(draw(words))
    form = draw(
        st.sampled_from(
            ["A/N: {b}", "AN: {b}", "Author's Note: {b}", "(A/N: {b})", "[A/N: {b}]", "~AN~ {b}"]
        )
    )
    return Block("note", form.format(b=body))


@st.composite
def disclaimer(draw: st.DrawFn) -> Block:
    body = " ".join(draw(words))
    form = draw(st.sampled_from(["I don't own {b}.", "Disclaimer: {b}.", "I do not own {b}."]))
    return Block("note", form.format(b=body))


@st.composite
def chapter_heading(draw: st.DrawFn) -> Block:
    if draw(st.integers(0, 4)) == 0:
        return Block("chapter", draw(st.sampled_from(NAMED_HEADINGS)))
    form = draw(st.sampled_from(CHAPTER_HEADINGS))
    number = draw(st.integers(1, 40))
    return Block("chapter", form.format(n=number, w=draw(st.sampled_from(WORDS)).title()))


break_line = st.sampled_from(BREAK_LINES).map(lambda line: Block("break", line))
time_skip = st.sampled_from(TIME_SKIPS).map(lambda line: Block("time_skip", line))
inline_aside = story_paragraph().map(
    lambda block: Block("story", block.text.replace(" ", " (AN: sorry, aside) ", 1))
)

block = st.one_of(
    story_paragraph(),
    story_paragraph(),
    story_paragraph(),
    inline_aside,
    author_note(),
    disclaimer(),
    chapter_heading(),
    break_line,
    time_skip,
)


@dataclass(frozen=True)
class Fic:
    """A generated fic: its text and where the generated break lines are."""

    text: str
    breaks: tuple[Span, ...]


@st.composite
def fics(draw: st.DrawFn) -> Fic:
    blocks = draw(st.lists(block, min_size=1, max_size=25))
    blocks.append(draw(story_paragraph()))  # at least one story paragraph
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    if draw(st.booleans()):
        header = draw(st.lists(st.sampled_from(FRONT_MATTER), min_size=1, max_size=4, unique=True))
        blocks.insert(0, Block("front_matter", newline.join(header)))
    parts: list[str] = []
    breaks: list[Span] = []
    length = 0
    for number, piece in enumerate(blocks):
        if number:
            gap = newline * draw(st.sampled_from([1, 2, 2, 2, 2, 3, 5]))
            parts.append(gap)
            length += len(gap)
        if piece.kind == "break":
            breaks.append(Span(length, length + len(piece.text)))
        parts.append(piece.text)
        length += len(piece.text)
    if draw(st.booleans()):
        parts.append(newline)
    return Fic("".join(parts), tuple(breaks))


def _build(fic: Fic) -> Work:
    return build_work(read_bytes(fic.text.encode("utf-8"), path="generated.txt"))


def _all_spans(work: Work) -> list[Span]:
    spans = [n.span for n in work.notes]
    for chapter in work.chapters:
        spans.append(chapter.span)
        spans.extend(s for s in (chapter.heading_span,) if s is not None)
        for scene in chapter.scenes:
            spans.append(scene.span)
            spans.extend(scene.segments)
            spans.extend(s for s in (scene.heading_span, scene.break_before) if s is not None)
    return spans


@settings(max_examples=200, deadline=None)
@given(fics())
def test_every_span_lies_inside_the_text(fic: Fic) -> None:
    work = _build(fic)
    assert work.text == fic.text
    for span in _all_spans(work):
        assert 0 <= span.start <= span.end <= len(work.text)


@settings(max_examples=200, deadline=None)
@given(fics())
def test_notes_never_overlap_each_other_or_the_story(fic: Fic) -> None:
    work = _build(fic)
    notes = sorted(n.span for n in work.notes)
    for left, right in pairwise(notes):
        assert not left.overlaps(right), (left.of(work.text), right.of(work.text))
    segments = [s for scene in work.scenes for s in scene.segments]
    for note in notes:
        for segment in segments:
            assert not note.overlaps(segment), (note.of(work.text), segment.of(work.text))


@settings(max_examples=200, deadline=None)
@given(fics())
def test_note_text_is_non_empty_and_stripped(fic: Fic) -> None:
    work = _build(fic)
    for note in work.notes:
        piece = note.span.of(work.text)
        assert piece
        assert piece == piece.strip()


@settings(max_examples=200, deadline=None)
@given(fics())
def test_scenes_are_ordered_inside_their_chapter(fic: Fic) -> None:
    work = _build(fic)
    assert [c.index for c in work.chapters] == list(range(1, len(work.chapters) + 1))
    for left, right in pairwise(work.chapters):
        assert left.span.end <= right.span.start
    for chapter in work.chapters:
        if chapter.heading_span is not None:
            assert chapter.span.contains(chapter.heading_span)
        assert [s.index for s in chapter.scenes] == list(range(1, len(chapter.scenes) + 1))
        for scene in chapter.scenes:
            assert chapter.span.contains(scene.span)
            for segment in scene.segments:
                assert scene.span.contains(segment)
            for left, right in pairwise(scene.segments):
                assert left.end <= right.start
        for left, right in pairwise(chapter.scenes):
            assert left.span.end <= right.span.start


@settings(max_examples=200, deadline=None)
@given(fics())
def test_scene_heading_is_the_heading_line_undecorated(fic: Fic) -> None:
    work = _build(fic)
    for scene in work.scenes:
        assert (scene.heading is None) == (scene.heading_span is None)
        if scene.heading_span is not None:
            assert strip_decoration(scene.heading_span.of(work.text)) == scene.heading
            assert scene.kind != "scene" or scene.heading.lower().startswith(
                ("meanwhile", "elsewhere", "end")
            )


@settings(max_examples=200, deadline=None)
@given(fics())
def test_generated_break_lines_are_never_story(fic: Fic) -> None:
    work = _build(fic)
    segments = [s for scene in work.scenes for s in scene.segments]
    for line in fic.breaks:
        for segment in segments:
            assert not line.overlaps(segment), (line.of(work.text), segment.of(work.text))


@settings(max_examples=200, deadline=None)
@given(fic=fics())
def test_story_text_is_never_lost(fic: Fic, story_lost: Callable[[Work], str]) -> None:
    work = _build(fic)
    assert story_lost(work) == ""
