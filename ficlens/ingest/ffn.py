"""FanFiction.Net: a story page saved from the browser.

The page has ``div#profile_top`` (title, author, summary and the grey line
``Rated: Fiction T - English - Romance/Hurt/Comfort - [Sakura H., Kakashi H.] - Words: 5,123 -
... - Status: Complete - id: 123``), breadcrumbs naming the fandom in ``div#pre_story_links``,
a chapter menu ``select#chap_select`` and the chapter's text in ``div#storytext``.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from ficlens.ingest.builder import TextBuilder
from ficlens.ingest.fields import parse_count, parse_status, unique
from ficlens.ingest.htmltext import paragraphs_of, text_of
from ficlens.model import Metadata

# FanFiction.Net's genre list; "Hurt/Comfort" contains the separator, hence the explicit list.
FFN_GENRES = (
    "Adventure", "Angst", "Crime", "Drama", "Family", "Fantasy", "Friendship", "General",
    "Horror", "Humor", "Hurt/Comfort", "Mystery", "Parody", "Poetry", "Romance", "Sci-Fi",
    "Spiritual", "Supernatural", "Suspense", "Tragedy", "Western",
)  # fmt: skip
_GENRE_PATTERN = re.compile(
    "^(?:"
    + "|".join(re.escape(g) for g in FFN_GENRES)
    + r")(?:/(?:"
    + "|".join(re.escape(g) for g in FFN_GENRES)
    + "))*$"
)
_RATED = re.compile(r"Rated:\s*(?:Fiction\s+)?(K\+|MA|K|T|M)(?![\w+])")
_KEY_VALUE = re.compile(
    r"^(Chapters|Words|Reviews|Favs|Follows|Updated|Published|Status|id):\s*(.*)$"
)
_CHAPTER_NUMBER = re.compile(r"^\s*\d+\.\s*")


def is_ffn_page(tree: LexborHTMLParser) -> bool:
    """A saved FanFiction.Net page has ``#storytext`` or ``#profile_top``."""
    return tree.css_first("#storytext, #profile_top") is not None


def parse_rated_line(line: str) -> dict[str, object]:
    """Parse FFN's grey metadata line into rating, language, genres, characters and pairings.

    Example:
        >>> line = "Rated: Fiction T - English - Romance - [Sakura H., Kakashi H.]"
        >>> info = parse_rated_line(line)
        >>> info["rating"], info["pairings"]
        ('T', [['Sakura H.', 'Kakashi H.']])
    """
    info: dict[str, object] = {"genres": [], "characters": [], "pairings": []}
    rated = _RATED.search(line)
    if rated:
        info["rating"] = rated.group(1)
    parts = [part.strip() for part in re.split(r"\s+-\s+", line) if part.strip()]
    free: list[str] = []
    for part in parts[1:] if rated else parts:
        key_value = _KEY_VALUE.match(part)
        if key_value:
            info[key_value.group(1).lower()] = key_value.group(2).strip()
        else:
            free.append(part)
    if free:
        info["language"] = free.pop(0)
    if free and _GENRE_PATTERN.match(free[0]):
        info["genres"] = _split_genres(free.pop(0))
    if free:
        _parse_characters(" ".join(free), info)
    return info


def _split_genres(value: str) -> list[str]:
    found, rest = [], value
    while rest:
        for genre in sorted(FFN_GENRES, key=len, reverse=True):
            if rest.startswith(genre):
                found.append(genre)
                rest = rest[len(genre) :].lstrip("/")
                break
        else:
            break
    return found


def _parse_characters(value: str, info: dict[str, object]) -> None:
    pairings = [
        [name.strip() for name in group.split(",") if name.strip()]
        for group in re.findall(r"\[([^\]]*)\]", value)
    ]
    names = re.sub(r"[\[\]]", ",", value)
    info["pairings"] = pairings
    info["characters"] = [name.strip() for name in names.split(",") if name.strip()]


def read_ffn_page(tree: LexborHTMLParser) -> tuple[TextBuilder, Metadata]:
    """Read one saved FanFiction.Net chapter page."""
    profile = tree.css_first("#profile_top")
    grey = text_of(profile.css_first("span.xgray")) if profile else ""
    info = parse_rated_line(grey)
    options = tree.css_first("select#chap_select")
    titles = [_CHAPTER_NUMBER.sub("", text_of(o)) for o in options.css("option")] if options else []
    selected = options.css_first("option[selected]") if options else None
    current = _CHAPTER_NUMBER.sub("", text_of(selected)) if selected else ""
    builder = TextBuilder()
    builder.start_chapter(current)
    builder.add_paragraphs(paragraphs_of(tree.css_first("#storytext")))
    builder.end_chapter()
    crumbs = [text_of(a) for a in tree.css("#pre_story_links a")]
    canonical = tree.css_first("link[rel=canonical], meta[property='og:url']")
    url = None
    if canonical is not None:
        url = canonical.attributes.get("href") or canonical.attributes.get("content")
    pairings = info["pairings"]
    assert isinstance(pairings, list)
    metadata = Metadata(
        title=text_of(profile.css_first("b.xcontrast_txt, b")) or None if profile else None,
        authors=unique(text_of(a) for a in profile.css("a[href^='/u/']")) if profile else (),
        summary=text_of(profile.css_first("div.xcontrast_txt")) or None if profile else None,
        rating=str(info["rating"]) if "rating" in info else None,
        fandoms=unique(crumbs[-1:]),
        relationships=tuple("/".join(pair) for pair in pairings if len(pair) > 1),
        characters=unique(_as_strings(info["characters"])),
        genres=tuple(_as_strings(info["genres"])),
        language=_optional(info.get("language")),
        chapter_titles=tuple(titles),
        chapters=_optional(info.get("chapters")),
        source_url=url,
        words=parse_count(_optional(info.get("words"))),
        status=parse_status(_optional(info.get("status"))) or ("in_progress" if grey else None),
        published=_optional(info.get("published")),
        updated=_optional(info.get("updated")),
        site="ffn",
    )
    return builder, metadata


def _as_strings(value: object) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


def _optional(value: object) -> str | None:
    return str(value) if value else None
