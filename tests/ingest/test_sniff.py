"""Format sniffing: the content decides, whatever the extension says."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

import ficlens
from ficlens.ingest.sniff import sniff


def test_txt_that_is_really_html_is_read_as_html(fixture_path: Callable[[str], Path]) -> None:
    work = ficlens.read(fixture_path("html_saved_as_txt.txt"))
    assert work.source.format == "html"
    assert "<p>" not in work.text
    assert "<html>" not in work.text
    assert work.text.startswith("It rained marmalade on the Tuesday")
    assert work.metadata.title == "Marmalade Weather"


def test_html_file_that_is_plain_text_is_read_as_text(fixture_path: Callable[[str], Path]) -> None:
    path = fixture_path("plain_text_saved_as_html.html")
    work = ficlens.read(path)
    assert work.source.format == "text"
    assert work.source.flavour == "plain"
    assert work.text == path.read_text(encoding="utf-8")


def test_epub_named_txt_is_read_as_epub(tmp_path: Path, make_epub: Callable[..., bytes]) -> None:
    data = make_epub(
        [("c1.xhtml", "One", "<h2>The Kiln</h2><p>Tova fired the kiln at dawn.</p>")],
        title="The Kiln",
    )
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    work = ficlens.read(path)
    assert work.source.format == "epub"
    assert "PK" not in work.text
    assert "Tova fired the kiln at dawn." in work.text


def test_file_without_extension_is_sniffed(fixture_path: Callable[[str], Path]) -> None:
    work = ficlens.read(fixture_path("story_without_extension"))
    assert work.source.format == "text"
    assert [c.number for c in work.chapters] == [1, 2]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"Just a story.\n\nWith two paragraphs.", "text", id="plain"),
        pytest.param(b"<!DOCTYPE html><html><body>x</body></html>", "html", id="doctype"),
        pytest.param(b"  \n<html><p>x</p></html>", "html", id="leading-space"),
        pytest.param(b'<?xml version="1.0"?>\n<html><body>x</body></html>', "html", id="xhtml"),
        pytest.param(b"<!-- saved -->\n<body><p>x</p></body>", "html", id="comment-first"),
        pytest.param(b"<p>one</p><p>two</p><p>three</p>", "html", id="fragment"),
        pytest.param(
            codecs.BOM_UTF16_LE + "<html><body><p>x</p></body></html>".encode("utf-16-le"),
            "html",
            id="utf-16-html",
        ),
        pytest.param(
            b"I wrote <3 for her and a <b> by mistake once.", "text", id="stray-angle-brackets"
        ),
    ],
)
def test_sniff_table(data: bytes, expected: str) -> None:
    assert sniff(data, path="f") == expected
