"""EPUB sources: AO3-style, FanFicFare-style and generic books, built at test time."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ficlens.errors import InputError
from ficlens.ingest import read_bytes
from ficlens.model import Work
from ficlens.structure import build_work

AO3_PREFACE = """
<div id="preface">
  <h2 class="toc-heading">Preface</h2>
  <p class="message"><b>Kites Over Emberly</b><br/>Posted originally on the
    <a href="https://archiveofourown.org/">Archive of Our Own</a> at
    <a href="https://archiveofourown.org/works/77700001">https://archiveofourown.org/works/77700001</a>.</p>
  <div class="meta">
    <dl class="tags">
      <dt>Rating:</dt><dd><a href="https://archiveofourown.org/tags/Explicit">Explicit</a></dd>
      <dt>Archive Warnings:</dt><dd><a href="#">Graphic Depictions Of Violence</a>,
        <a href="#">Major Character Death</a></dd>
      <dt>Category:</dt><dd><a href="#">M/M</a></dd>
      <dt>Fandom:</dt><dd><a href="#">Emberly Skies (Invented)</a></dd>
      <dt>Relationship:</dt><dd><a href="#">Corin Vale/Pasco Reed</a></dd>
      <dt>Characters:</dt><dd><a href="#">Corin Vale</a>, <a href="#">Pasco Reed</a></dd>
      <dt>Additional Tags:</dt><dd><a href="#">Kites</a>, <a href="#">Rooftops</a></dd>
      <dt>Language:</dt><dd>English</dd>
      <dt>Stats:</dt><dd>Published: 2026-03-01 Updated: 2026-04-01 Words: 2,500 Chapters: 2/?</dd>
    </dl>
    <h1>Kites Over Emberly</h1>
    <div class="byline">by <a rel="author" href="#">string_and_paper</a></div>
    <p>Summary</p>
    <blockquote class="userstuff"><p>Two rival kite-makers share one windy rooftop.</p></blockquote>
    <p>Notes</p>
    <blockquote class="userstuff"><p>EPUB-WORK-NOTE: Kite physics has been ignored.</p></blockquote>
  </div>
</div>
"""
AO3_CHAPTER_1 = """
<div class="meta group">
  <h2 class="heading">Chapter 1: Crosswind</h2>
  <p>Chapter Notes</p>
  <blockquote class="userstuff"><p>EPUB-CH1-NOTE: Short chapter, long wind.</p></blockquote>
</div>
<div class="userstuff">
  <p>Corin's kite went up red and came down in Pasco's chimney, which was a start.</p>
  <p>Pasco sent it back with a note tied to the tail. The note said: nice try.</p>
</div>
"""
AO3_CHAPTER_2 = """
<div class="meta group"><h2 class="heading">Chapter 2: Updraft</h2></div>
<div class="userstuff">
  <p>By midsummer the two kites flew tied together, and nobody on the street would admit whose
  idea that had been.</p>
</div>
"""
AO3_AFTERWORD = """
<div id="afterword">
  <h2 class="toc-heading">Afterword</h2>
  <div class="meta"><div id="endnotes"><p>End Notes</p>
    <blockquote class="userstuff"><p>EPUB-WORK-END: More rooftops soon.</p></blockquote>
  </div></div>
  <p class="message">Please drop by the archive and comment to let the author know.</p>
</div>
"""
AO3_SUBJECTS = (
    "Explicit",
    "Graphic Depictions Of Violence",
    "Major Character Death",
    "M/M",
    "Emberly Skies (Invented)",
    "Corin Vale/Pasco Reed",
    "Corin Vale",
    "Pasco Reed",
    "Kites",
    "Rooftops",
)

FFF_TITLE_PAGE = """
<h3><a href="https://www.fanfiction.net/s/7777777/1/">Moss and Lantern</a> by
  <a href="https://www.fanfiction.net/u/222/">Bramble Finch</a></h3>
<div>
<b>Category:</b> Naruto<br />
<b>Genre:</b> F/M, Angst<br />
<b>Language:</b> English<br />
<b>Characters:</b> Hinata H., Shino A.<br />
<b>Relationships:</b> Hinata H./Shino A.<br />
<b>Status:</b> Completed<br />
<b>Published:</b> 2026-02-03<br />
<b>Updated:</b> 2026-03-04<br />
<b>Rating:</b> Mature<br />
<b>Chapters:</b> 2<br />
<b>Words:</b> 1,500<br />
<b>Publisher:</b> www.fanfiction.net<br />
<b>Story URL:</b> <a href="https://www.fanfiction.net/s/7777777/1/">link</a><br />
<b>Summary:</b> Beetles, lanterns, and one very patient greenhouse.<br />
</div>
"""
FFF_TOC_PAGE = """
<div><h3>Table of Contents</h3>
<a href="file0001.xhtml">1. Glasshouse</a><br />
<a href="file0002.xhtml">2. Night Bloom</a><br />
</div>
"""
FFF_CHAPTER_1 = """
<h3 class="fff_chapter_title">1. Glasshouse</h3>
<div class="fff_chapter_notes fff_head_notes"><b>Notes:</b><blockquote>
  <p>FFF-HEAD: This one is for everyone who asked about the greenhouse.</p></blockquote></div>
<p>The greenhouse was warm even in February, and the beetles liked it better than anyone.</p>
<p>Hinata brought tea. Shino brought a lantern and a notebook of very small handwriting.</p>
<div class="fff_chapter_notes fff_foot_notes"><b>End Notes:</b><blockquote>
  <p>FFF-FOOT: More beetles next time, I promise.</p></blockquote></div>
"""
FFF_CHAPTER_2 = """
<h3 class="fff_chapter_title">2. Night Bloom</h3>
<p>The flower opened at midnight, which neither of them had believed it would.</p>
<p>They did not speak. The lantern hummed. Something with six legs applauded.</p>
"""


def _work(data: bytes, path: str = "book.epub") -> Work:
    return build_work(read_bytes(data, path=path))


@pytest.fixture
def ao3_epub(make_epub: Callable[..., bytes]) -> Work:
    data = make_epub(
        [
            ("preface.xhtml", "Preface", AO3_PREFACE),
            ("chapter_001.xhtml", "Chapter 1: Crosswind", AO3_CHAPTER_1),
            ("chapter_002.xhtml", "Chapter 2: Updraft", AO3_CHAPTER_2),
            ("afterword.xhtml", "Afterword", AO3_AFTERWORD),
        ],
        title="Kites Over Emberly",
        author="string_and_paper",
        subjects=AO3_SUBJECTS,
        source="https://archiveofourown.org/works/77700001",
    )
    return _work(data)


@pytest.fixture
def fff_epub(make_epub: Callable[..., bytes]) -> Work:
    data = make_epub(
        [
            ("title_page.xhtml", "Title Page", FFF_TITLE_PAGE),
            ("toc_page.xhtml", "Table of Contents", FFF_TOC_PAGE),
            ("file0001.xhtml", "1. Glasshouse", FFF_CHAPTER_1),
            ("file0002.xhtml", "2. Night Bloom", FFF_CHAPTER_2),
        ],
        title="Moss and Lantern",
        author="Bramble Finch",
        subjects=("FanFiction", "Naruto", "F/M", "Angst"),
        contributors=("FanFicFare [https://github.com/JimmXinu/FanFicFare]",),
    )
    return _work(data)


def test_ao3_epub_is_recognised(ao3_epub: Work) -> None:
    assert (ao3_epub.source.format, ao3_epub.source.flavour) == ("epub", "ao3")
    assert ao3_epub.source.encoding is None


def test_ao3_epub_has_typed_tags_not_flattened_subjects(ao3_epub: Work) -> None:
    meta = ao3_epub.metadata
    assert meta.rating == "Explicit"
    assert meta.warnings == ("Graphic Depictions Of Violence", "Major Character Death")
    assert meta.categories == ("M/M",)
    assert meta.fandoms == ("Emberly Skies (Invented)",)
    assert meta.relationships == ("Corin Vale/Pasco Reed",)
    assert meta.characters == ("Corin Vale", "Pasco Reed")
    assert meta.freeforms == ("Kites", "Rooftops")  # not every dc:subject
    assert meta.status == "in_progress"  # Chapters: 2/?
    assert meta.title == "Kites Over Emberly"
    assert meta.authors == ("string_and_paper",)
    assert meta.words == 2500


def test_ao3_epub_chapters_and_notes(ao3_epub: Work) -> None:
    text = ao3_epub.text
    assert [(c.number, c.title) for c in ao3_epub.chapters] == [(1, "Crosswind"), (2, "Updraft")]
    notes = [(n.kind, n.chapter, n.span.of(text)) for n in ao3_epub.notes]
    assert notes == [
        ("summary", None, "Two rival kite-makers share one windy rooftop."),
        ("author_before", None, "EPUB-WORK-NOTE: Kite physics has been ignored."),
        ("author_before", 1, "EPUB-CH1-NOTE: Short chapter, long wind."),
        ("author_after", None, "EPUB-WORK-END: More rooftops soon."),
    ]
    assert "Posted originally" not in text
    assert ao3_epub.chapters[1].scenes[0].segments[0].of(text).startswith("By midsummer")


def test_fanficfare_epub_is_recognised(fff_epub: Work) -> None:
    assert (fff_epub.source.format, fff_epub.source.flavour) == ("epub", "fanficfare")


def test_fanficfare_title_page_metadata(fff_epub: Work) -> None:
    meta = fff_epub.metadata
    assert meta.fandoms == ("Naruto",)  # from Category
    assert meta.categories == ("F/M",)  # AO3 categories split out of Genre
    assert meta.freeforms == ("Angst",)  # the rest of Genre
    assert meta.rating == "Mature"
    assert meta.characters == ("Hinata H.", "Shino A.")
    assert meta.relationships == ("Hinata H./Shino A.",)
    assert meta.status == "complete"
    assert meta.words == 1500
    assert meta.summary == "Beetles, lanterns, and one very patient greenhouse."
    assert meta.title == "Moss and Lantern"
    assert meta.authors == ("Bramble Finch",)


def test_fanficfare_chapters(fff_epub: Work) -> None:
    chapters = [(c.index, c.number, c.title) for c in fff_epub.chapters]
    assert chapters == [(1, 1, "Glasshouse"), (2, 2, "Night Bloom")]
    assert fff_epub.metadata.chapter_titles == ("1. Glasshouse", "2. Night Bloom")
    assert "Table of Contents" not in fff_epub.text  # FanFicFare's contents page is not a chapter
    assert "Category:" not in fff_epub.text  # nor is its title page


def test_fanficfare_notes(fff_epub: Work) -> None:
    text = fff_epub.text
    notes = [(n.kind, n.chapter, n.span.of(text)) for n in fff_epub.notes]
    assert notes == [
        ("author_before", 1, "FFF-HEAD: This one is for everyone who asked about the greenhouse."),
        ("author_after", 1, "FFF-FOOT: More beetles next time, I promise."),
    ]
    story = " ".join(s.of(text) for scene in fff_epub.scenes for s in scene.segments)
    assert "FFF-" not in story
    assert "Notes:" not in text  # FanFicFare's captions are not note text


def test_generic_epub_chapters_in_spine_order(make_epub: Callable[..., bytes]) -> None:
    documents = [
        ("c3.xhtml", "Three", "<h1>The Harbour</h1><p>Boats knocked together in the dark.</p>"),
        ("c1.xhtml", "One", "<h2>The Road</h2><p>The road went down to the sea.</p>"),
        ("c2.xhtml", "Two", "<h3>The Gate</h3><p>The gate was open.</p><hr/><p>Then shut.</p>"),
    ]
    work = _work(make_epub(documents, title="Down to the Sea", author="Teasel Marsh"))
    assert work.source.flavour == "generic"
    assert [c.title for c in work.chapters] == ["The Harbour", "The Road", "The Gate"]
    text = work.text
    for chapter, heading in zip(
        work.chapters, ["The Harbour", "The Road", "The Gate"], strict=True
    ):
        assert chapter.heading_span is not None
        assert chapter.heading_span.of(text) == heading
    assert [len(c.scenes) for c in work.chapters] == [1, 1, 2]
    assert work.metadata.title == "Down to the Sea"
    assert work.metadata.authors == ("Teasel Marsh",)


def test_generic_epub_html_description_is_flattened(make_epub: Callable[..., bytes]) -> None:
    data = make_epub(
        [("c1.xhtml", "One", "<p>The bees left the hive at noon.</p><p>They came back.</p>")],
        description="<p>A story about <b>bees</b>.</p>",
        subjects=("Bees", "Summer"),
    )
    work = _work(data)
    assert work.metadata.summary == "A story about bees."  # no space before the full stop
    assert work.metadata.freeforms == ("Bees", "Summer")


def test_epub_without_text_documents_is_refused(make_epub: Callable[..., bytes]) -> None:
    data = make_epub([("c1.xhtml", "Empty", "<div></div>")])
    with pytest.raises(InputError) as caught:
        _work(data, path="hollow.epub")
    assert str(caught.value).startswith("hollow.epub: ")
