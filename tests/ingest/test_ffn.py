"""FanFiction.Net saved pages: the grey metadata line, breadcrumbs, chapter menu, story notes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import ficlens
from ficlens.ingest import read_bytes
from ficlens.ingest.ffn import parse_rated_line
from ficlens.structure import build_work

GREY_LINE = (
    "Rated: Fiction T - English - Romance/Hurt/Comfort - [Sakura H., Kakashi H.] Naruto U. - "
    "Chapters: 3 - Words: 4,321 - Reviews: 5 - Favs: 6 - Follows: 7 - Updated: 11/3 - "
    "Published: 10/1/2026 - id: 12345678"
)


@pytest.fixture
def ffn_work(fixture_path: Callable[[str], Path]) -> ficlens.Work:
    return ficlens.read(fixture_path("ffn_saved_page.html"))


def test_ffn_page_is_recognised(ffn_work: ficlens.Work) -> None:
    assert (ffn_work.source.format, ffn_work.source.flavour) == ("html", "ffn")
    assert ffn_work.metadata.site == "ffn"


def test_ffn_metadata(ffn_work: ficlens.Work) -> None:
    meta = ffn_work.metadata
    assert meta.title == "Paper Cranes at Dusk"
    assert meta.authors == ("Inkwash Heron",)
    assert meta.summary == (
        "A medic folds a thousand paper cranes while her old teacher pretends not to notice."
    )
    assert meta.rating == "T"
    assert meta.language == "English"
    assert meta.genres == ("Romance", "Hurt/Comfort")
    assert meta.characters == ("Sakura H.", "Kakashi H.", "Naruto U.")
    assert meta.relationships == ("Sakura H./Kakashi H.",)
    assert meta.words == 4321
    assert meta.chapters == "3"
    assert meta.status == "in_progress"  # no "Status: Complete" on the line
    assert meta.published == "10/1/2026"
    assert meta.updated == "11/3"
    assert meta.fandoms == ("Naruto",)  # the last breadcrumb, not "Anime/Manga"
    assert meta.chapter_titles == ("The Fold", "Wet Paper", "The Thousandth Crane")
    assert meta.source_url == "https://www.fanfiction.net/s/12345678/1/Paper-Cranes-at-Dusk"


def test_ffn_complete_status(fixture_path: Callable[[str], Path]) -> None:
    html = fixture_path("ffn_saved_page.html").read_text(encoding="utf-8")
    html = html.replace(" - id: 12345678", " - Status: Complete - id: 12345678")
    work = build_work(read_bytes(html.encode(), path="complete.html"))
    assert work.metadata.status == "complete"


def test_ffn_text_is_only_the_story_text(ffn_work: ficlens.Work) -> None:
    text = ffn_work.text
    assert "SENTINEL" not in text  # scripts, styles, handlers, iframes
    assert "Follow/Fav" not in text  # page chrome
    assert "Rated:" not in text
    assert "Paper Cranes at Dusk" not in text
    assert text.startswith("A/N: Hello again!")
    assert text.endswith("Please review and tell me what you think.")


def test_ffn_story_notes_are_found(ffn_work: ficlens.Work) -> None:
    text = ffn_work.text
    found = [(n.kind, n.span.of(text)) for n in ffn_work.notes]
    assert found == [
        (
            "author_before",
            "A/N: Hello again! This little thing has been living in my drafts since spring.",
        ),
        ("disclaimer", "Disclaimer: I don't own Naruto; the folding is all mine though."),
        ("author_after", "A/N: Thanks for reading! Please review and tell me what you think."),
    ]
    assert "review_request" in ffn_work.notes[-1].labels
    assert "disclaimer" in ffn_work.notes[1].labels


def test_ffn_chapter_and_scenes(ffn_work: ficlens.Work) -> None:
    [chapter] = ffn_work.chapters
    assert chapter.title == "The Fold"
    text = ffn_work.text
    first, second = chapter.scenes
    assert first.segments[0].of(text).startswith("Sakura folded the first crane")
    assert second.break_before is not None
    assert second.break_before.of(text) == "* * *"
    assert second.segments[-1].of(text).endswith("hand in the next report a day early.")
    story = " ".join(s.of(text) for scene in chapter.scenes for s in scene.segments)
    assert "A/N" not in story
    assert "Disclaimer" not in story


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param(
            GREY_LINE,
            {
                "rating": "T",
                "language": "English",
                "genres": ["Romance", "Hurt/Comfort"],
                "characters": ["Sakura H.", "Kakashi H.", "Naruto U."],
                "pairings": [["Sakura H.", "Kakashi H."]],
                "chapters": "3",
                "words": "4,321",
                "reviews": "5",
                "favs": "6",
                "follows": "7",
                "updated": "11/3",
                "published": "10/1/2026",
                "id": "12345678",
            },
            id="full-line",
        ),
        pytest.param(
            "Rated: Fiction K+ - English - Humor - Chapters: 1 - Words: 800 - "
            "Published: 5/5/2020 - Status: Complete - id: 1",
            {"rating": "K+", "genres": ["Humor"], "characters": [], "status": "Complete"},
            id="k-plus-no-characters",
        ),
        pytest.param(
            "Rated: Fiction M - Spanish - Hurt/Comfort/Angst - Harry P., Draco M. - Words: 12,000",
            {
                "rating": "M",
                "language": "Spanish",
                "genres": ["Hurt/Comfort", "Angst"],
                "characters": ["Harry P.", "Draco M."],
                "pairings": [],
            },
            id="slash-inside-genre",
        ),
        pytest.param(
            "Rated: Fiction MA - English - [Amy R., Bo T.] [Cy D., Di E.] - Words: 10",
            {
                "rating": "MA",
                "genres": [],
                "characters": ["Amy R.", "Bo T.", "Cy D.", "Di E."],
                "pairings": [["Amy R.", "Bo T."], ["Cy D.", "Di E."]],
            },
            id="two-pairings-no-genre",
        ),
        pytest.param(
            "Rated: Fiction K - English - Adventure/Sci-Fi - Words: 2,000",
            {"rating": "K", "genres": ["Adventure", "Sci-Fi"], "characters": []},
            id="hyphenated-genre",
        ),
        pytest.param(
            "Rated: Fiction T - French - Words: 500 - Published: 1/1/2019 - id: 9",
            {"rating": "T", "language": "French", "genres": [], "characters": [], "id": "9"},
            id="no-genre-no-characters",
        ),
        pytest.param(
            "Rated: Fiction T - English - OC, Sasuke U. - Words: 5",
            {"genres": [], "characters": ["OC", "Sasuke U."], "pairings": []},
            id="characters-without-genre",
        ),
        pytest.param(
            "",
            {"genres": [], "characters": [], "pairings": []},
            id="empty",
        ),
    ],
)
def test_parse_rated_line(line: str, expected: dict[str, object]) -> None:
    info = parse_rated_line(line)
    for key, value in expected.items():
        assert info.get(key) == value, key
    if not line:
        assert "rating" not in info
