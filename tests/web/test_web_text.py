"""Showing text from works safely: highlights, paragraphs and download names."""

from __future__ import annotations

import pytest

from ficlens.library import SearchHit
from ficlens.web.pages import highlight, paragraphs
from ficlens.web.routes.downloads import safe_filename


def test_highlight_escapes_everything_but_its_own_marks() -> None:
    hit = SearchHit(1, "T", (), "<b>rain</b> & [mark]", ((3, 7),), 1.0)
    assert str(highlight(hit)) == "&lt;b&gt;<mark>rain</mark>&lt;/b&gt; &amp; [mark]"


def test_paragraphs_escape_markup_in_story_text() -> None:
    html = str(paragraphs('one <script>alert(1)</script>\ntwo\n\n<img src=x onerror="y">'))
    assert html == (
        "<p>one &lt;script&gt;alert(1)&lt;/script&gt;<br>two</p>"
        '<p>&lt;img src=x onerror="y"&gt;</p>'
    )


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ('../"evil', "evil.txt"),
        ("..\\..\\etc/passwd", "etc-passwd.txt"),
        ("Café: “Quotes”", "cafe-quotes.txt"),
        ('"; filename="x.exe', "filename-x-exe.txt"),
        ("///", "work-7.txt"),
    ],
)
def test_safe_filename(title: str, expected: str) -> None:
    assert safe_filename(title, 7, "txt") == expected
