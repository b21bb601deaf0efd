"""The demo works, read back from every format, give the structure their sources declare.

Each source in ``ficlens/demo/sources`` is the gold standard for its five renderings: the
chapters, scenes, time-skip headings, notes and declared metadata written there must come back
from the ``.txt``, FanFiction.Net page, AO3 download, AO3 EPUB and FanFicFare EPUB alike.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import ficlens
from ficlens.demo.build import (
    RENDERERS,
    SOURCES_DIR,
    WORKS_DIR,
    DemoSource,
    load_source,
    render_all,
)
from ficlens.stats import count_words

SOURCES = sorted(SOURCES_DIR.glob("*.toml"))
CASES = [(path, suffix) for path in SOURCES for suffix in RENDERERS]


def _id(case: tuple[Path, str]) -> str:
    return case[0].stem + case[1]


@pytest.fixture(scope="module", params=CASES, ids=[_id(c) for c in CASES])
def case(request: pytest.FixtureRequest) -> tuple[DemoSource, str, ficlens.Work]:
    path, suffix = request.param
    source = load_source(path)
    return source, suffix, ficlens.read(WORKS_DIR / f"{source.slug}{suffix}")


def test_there_are_demo_works() -> None:
    assert len(SOURCES) >= 3
    assert len({load_source(p).fandoms[0] for p in SOURCES}) == len(SOURCES)


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_shipped_works_are_what_the_builder_makes(path: Path) -> None:
    source = load_source(path)
    rendered = render_all(source)
    suffixes = (".txt", ".ffn.html", ".ao3.html", ".ao3.epub", ".fff.epub")
    assert sorted(rendered) == sorted(path.stem + suffix for suffix in suffixes)
    for name, data in rendered.items():
        assert data
        assert (WORKS_DIR / name).read_bytes() == data, f"{name} is stale: run `make demo`"


def _expected_chapters(source: DemoSource, suffix: str) -> int:
    # A saved FanFiction.Net page holds one chapter.
    return 1 if suffix == ".ffn.html" else len(source.chapters)


def test_flavour_is_recognised(case: tuple[DemoSource, str, ficlens.Work]) -> None:
    _source, suffix, work = case
    expected = {
        ".txt": "plain",
        ".ffn.html": "ffn",
        ".ao3.html": "ao3",
        ".ao3.epub": "ao3",
        ".fff.epub": "fanficfare",
    }[suffix]
    assert work.source.flavour == expected


def test_chapters_and_scenes(case: tuple[DemoSource, str, ficlens.Work]) -> None:
    source, suffix, work = case
    assert len(work.chapters) == _expected_chapters(source, suffix)
    for chapter, expected in zip(work.chapters, source.chapters, strict=False):
        if expected.title:
            assert chapter.title == expected.title
        if expected.title in ("Prologue", "Epilogue"):
            assert chapter.kind == expected.title.lower()
        assert len(chapter.scenes) == len(expected.scenes)
        for scene, gold in zip(chapter.scenes, expected.scenes, strict=True):
            assert scene.heading == (gold.heading.strip("-~ .…") or None)
            if gold.heading:
                assert scene.kind == "time_skip"
                assert scene.heading_span is not None
                assert gold.heading in scene.heading_span.of(work.text)


def test_story_words_are_exactly_the_sources(case: tuple[DemoSource, str, ficlens.Work]) -> None:
    """No story is lost to notes and no note leaks into the story."""
    source, suffix, work = case
    assert len(work.chapters) == _expected_chapters(source, suffix) >= 1
    for chapter, expected in zip(work.chapters, source.chapters, strict=False):
        story = [
            p for scene in expected.scenes for p in scene.paragraphs if not p.startswith("(A/N")
        ]
        words = sum(count_words(p) for p in story)
        assert words > 0
        found = sum(count_words(s.of(work.text)) for sc in chapter.scenes for s in sc.segments)
        assert found == words


def test_notes_are_found(case: tuple[DemoSource, str, ficlens.Work]) -> None:
    source, suffix, work = case
    notes = [n.span.of(work.text) for n in work.notes]
    expected = [source.disclaimer, source.chapters[0].notes]
    if suffix != ".ffn.html" or len(source.chapters) == 1:
        expected += [source.chapters[-1].end_notes, source.end_notes]
    if suffix != ".ffn.html":
        expected += [source.notes]
    for text in filter(None, expected):
        first = text.split("\n")[0].removeprefix("A/N: ")[:40]
        assert any(first in note for note in notes), f"note not found: {first!r}"
    assert any(n.kind == "disclaimer" for n in work.notes)


def test_inline_author_note_is_cut_out_of_the_scene(
    case: tuple[DemoSource, str, ficlens.Work],
) -> None:
    source, _suffix, work = case
    inline = [
        p
        for ch in source.chapters
        for sc in ch.scenes
        for p in sc.paragraphs
        if p.startswith("(A/N")
    ]
    for paragraph in inline:
        covering = [n for n in work.notes if paragraph[:30] in n.span.of(work.text)]
        if not covering and len(work.chapters) == 1 and len(source.chapters) > 1:
            continue  # the FFN page holds chapter 1 only
        assert covering and covering[0].kind == "author_inline"
        for scene in work.scenes:
            assert all(paragraph[:30] not in s.of(work.text) for s in scene.segments)


def test_declared_metadata(case: tuple[DemoSource, str, ficlens.Work]) -> None:
    source, suffix, work = case
    declared = work.metadata
    assert declared.title == source.title
    assert declared.authors == (source.author,)
    if suffix in (".txt", ".ffn.html"):
        assert declared.rating == source.ffn_rating
        assert declared.fandoms == (source.ffn_fandom,)
    else:
        assert declared.rating == source.rating
        assert declared.fandoms == source.fandoms
        assert declared.relationships == source.relationships
        assert declared.characters == source.characters
        assert declared.freeforms == source.freeforms
        assert declared.warnings == source.warnings
        assert declared.categories == source.categories
        assert declared.status == "complete"
    if suffix == ".ffn.html":
        assert declared.genres == source.ffn_genres
        assert declared.site == "ffn"


def test_every_span_is_in_the_text(case: tuple[DemoSource, str, ficlens.Work]) -> None:
    source, suffix, work = case
    chapters = _expected_chapters(source, suffix)
    assert len(work.chapters) == chapters
    assert len(work.scenes) == sum(len(c.scenes) for c in source.chapters[:chapters])
    assert [n.kind for n in work.notes].count("disclaimer") == 1  # every source has one
    size = len(work.text)
    for note in work.notes:
        assert 0 <= note.span.start < note.span.end <= size
        for scene in work.scenes:
            assert not any(note.span.overlaps(s) for s in scene.segments)
    for chapter in work.chapters:
        for scene in chapter.scenes:
            assert chapter.span.contains(scene.span)
