"""Generic HTML: only story text reaches the work; markup states breaks and paragraphs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import ficlens
from ficlens.ingest import read_bytes
from ficlens.ingest.htmltext import paragraphs_of, parse_html
from ficlens.structure import build_work


def _html_work(html: str) -> ficlens.Work:
    return build_work(read_bytes(html.encode("utf-8"), path="story.html"))


def test_scripts_styles_handlers_and_iframes_never_reach_the_text(
    fixture_path: Callable[[str], Path],
) -> None:
    work = ficlens.read(fixture_path("html_scripts_and_handlers.html"))
    assert work.source.format == "html"
    assert "SENTINEL" not in work.text
    for fragment in ("alert", "window.location", "steal(", "document.write", "color: #333"):
        assert fragment not in work.text
    assert work.text == (
        "Tamsin wound the clock in the hall every Sunday, though it had not kept time in years."
        "\n\n"
        "One Sunday it struck thirteen, and she sat down on the stairs to think about that."
        "\n\n"
        "The clock, for its part, seemed pleased with itself."
    )


@pytest.mark.parametrize(
    "tag",
    ["script", "style", "noscript", "template", "iframe", "object", "svg"],
)
def test_dropped_tags_table(tag: str) -> None:
    html = f"<html><body><p>Kept one.</p><{tag}>DROPPED text</{tag}><p>Kept two.</p></body></html>"
    assert paragraphs_of(parse_html(html).body) == ["Kept one.", "Kept two."]


def test_broken_nesting_still_yields_the_text(fixture_path: Callable[[str], Path]) -> None:
    work = ficlens.read(fixture_path("html_broken_nesting.html"))
    assert work.source.format == "html"
    assert "Orrin sharpened the quills" in work.text
    assert "and the ink dried on its own" in work.text
    assert "<" not in work.text


def test_deeply_broken_nesting_does_not_recurse_to_death() -> None:
    html = "<div>" * 5000 + "<p>Buried deep, the sentence survived." + "</b>" * 100
    assert paragraphs_of(parse_html(html).body) == ["Buried deep, the sentence survived."]


def test_hr_is_a_scene_break(fixture_path: Callable[[str], Path]) -> None:
    work = ficlens.read(fixture_path("html_hr_and_br_breaks.html"))
    [chapter] = work.chapters
    first, second = chapter.scenes
    assert second.break_before is not None
    assert second.break_before.of(work.text) == "* * *"
    assert first.segments[0].of(work.text).startswith("Bryn lit the blue lantern first")
    assert second.segments[0].of(work.text).startswith("Across the river")


def test_double_br_splits_paragraphs_and_single_br_keeps_a_line_break(
    fixture_path: Callable[[str], Path],
) -> None:
    work = ficlens.read(fixture_path("html_hr_and_br_breaks.html"))
    paragraphs = work.text.split("\n\n")
    assert paragraphs == [
        "Bryn lit the blue lantern first, because the blue one was sulking.",
        "Then she lit the green one, which did not care either way.",
        "* * *",
        "Across the river, somebody lit a third lantern in answer.\n"
        "Nobody on the near bank owned a third lantern.",
    ]


def test_centred_asterisks_paragraph_is_a_scene_break(fixture_path: Callable[[str], Path]) -> None:
    work = ficlens.read(fixture_path("html_centred_break.html"))
    scenes = work.scenes
    assert len(scenes) == 2
    assert scenes[1].break_before is not None
    assert scenes[1].break_before.of(work.text) == "* * *"
    assert scenes[1].segments[0].of(work.text).startswith("In spring a surveyor")


def test_whitespace_and_entities_are_collapsed() -> None:
    work = _html_work(
        "<html><body><p>  Ada&nbsp;&nbsp;said\n   &ldquo;no&rdquo;\t&amp; left.  </p>"
        "<p>She meant it.</p></body></html>"
    )
    assert work.text == "Ada said “no” & left.\n\nShe meant it."


def test_title_and_author_come_from_the_head() -> None:
    work = _html_work(
        "<html><head><title>Lemon Rind</title><meta name='author' content='Basil Wick'></head>"
        "<body><p>The lemon was a problem.</p><p>So was the knife.</p></body></html>"
    )
    assert work.metadata.title == "Lemon Rind"
    assert work.metadata.authors == ("Basil Wick",)
    assert work.source.flavour == "generic"


def test_repeated_headings_become_chapters_and_the_title_line_is_not_a_chapter() -> None:
    work = _html_work(
        "<html><head><title>The Well</title></head><body><h1>The Well</h1>"
        "<h2>Chapter 1: Rope</h2><p>The rope was too short.</p>"
        "<h2>Chapter 2: Bucket</h2><p>The bucket was too small.</p></body></html>"
    )
    assert [(c.number, c.title) for c in work.chapters] == [(1, "Rope"), (2, "Bucket")]
    for chapter in work.chapters:
        assert chapter.heading_span is not None
        assert chapter.heading_span.of(work.text).startswith("Chapter ")
    # The <h1> title before the first chapter is front matter, not an empty extra chapter.
    [note] = work.notes
    assert (note.kind, note.span.of(work.text)) == ("front_matter", "The Well")
