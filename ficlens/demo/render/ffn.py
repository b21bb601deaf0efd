"""A FanFiction.Net chapter page as saved from a browser: chapter 1 and the chapter menu."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections.abc import Iterator
from html import escape
from typing import TYPE_CHECKING

from ficlens.demo.render.common import (
    AN_LABEL,
    RULER,
    Block,
    foot_notes,
    split_paragraphs,
    stable_number,
    story_blocks,
    story_words,
    without_an_label,
)

if TYPE_CHECKING:
    from ficlens.demo.build import DemoSource

_CATEGORY_PATHS = {
    "Anime/Manga": "anime",
    "Books": "book",
    "Cartoons": "cartoon",
    "Comics": "comic",
    "Games": "game",
    "Misc": "misc",
    "Movies": "movie",
    "Plays/Musicals": "play",
    "TV Shows": "tv",
}
_CSS = "body{font-family:Verdana,Arial;font-size:13px}#storytext{font-size:1.1em}"


def dashed(text: str) -> str:
    """FFN's URL form of a title or fandom: runs of other characters become ``-``.

    Example:
        >>> dashed("The Marauder's Map Is Wrong")
        'The-Marauder-s-Map-Is-Wrong'
    """
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")


def ffn_characters(source: DemoSource) -> str:
    """FFN's character list: ``[A, B] [C, D] E, F`` with pairings in brackets first."""
    paired = {name for group in source.ffn_pairings for name in group}
    groups = [f"[{', '.join(group)}]" for group in source.ffn_pairings if group]
    rest = ", ".join(name for name in source.ffn_characters if name not in paired)
    return " ".join([*groups, rest] if rest else groups)


def _xutime(day: str) -> str:
    date = dt.date.fromisoformat(day)
    stamp = calendar.timegm(date.timetuple())
    return f'<span data-xutime="{stamp}">{date.month}/{date.day}/{date.year}</span>'


def _rated_line(source: DemoSource, story_id: int) -> str:
    parts = [
        'Rated: <a class="xcontrast_txt" href="https://www.fictionratings.com/" target="rating">'
        f"Fiction  {escape(source.ffn_rating)}</a>",
        escape(source.language),
        escape("/".join(source.ffn_genres)),
        escape(ffn_characters(source)),
        f"Chapters: {len(source.chapters)}",
        f"Words: {story_words(source):,}",
        "Reviews: 3",
        "Favs: 5",
        "Follows: 2",
    ]
    if source.updated != source.published:
        parts.append(f"Updated: {_xutime(source.updated)}")
    parts.append(f"Published: {_xutime(source.published)}")
    if source.is_complete:
        parts.append("Status: Complete")
    parts.append(f"id: {story_id} ")
    return " - ".join(part for part in parts if part)


def _top(source: DemoSource, story_id: int) -> str:
    category = _CATEGORY_PATHS.get(source.ffn_category, "misc")
    author = escape(source.author)
    user_id = stable_number(f"ffn-user:{source.author}", 7)
    return (
        '<div id="pre_story_links"><span class="lc-left">'
        f'<a class="xcontrast_txt" href="/{category}/">{escape(source.ffn_category)}</a>'
        '<span class="xcontrast_txt icon-chevron-right xicon-section-arrow"></span>'
        f'<a class="xcontrast_txt" href="/{category}/{dashed(source.ffn_fandom)}/">'
        f"{escape(source.ffn_fandom)}</a></span></div>\n"
        f'<div id="profile_top"><b class="xcontrast_txt">{escape(source.title)}</b>'
        '<span class="xcontrast_txt"><div style="height:5px"></div>By:</span> '
        f'<a class="xcontrast_txt" href="/u/{user_id}/{dashed(source.author)}">{author}</a> '
        f'<div style="margin-top:2px" class="xcontrast_txt">{escape(source.summary)}</div>'
        f'<span class="xgray xcontrast_txt">{_rated_line(source, story_id)}</span></div>\n'
    )


def _chapter_menu(source: DemoSource) -> str:
    if len(source.chapters) < 2:
        return ""
    options = "".join(
        f'<option value="{n}"{" selected" if n == 1 else ""}>{n}. '
        f"{escape(chapter.title or f'Chapter {n}')}</option>"
        for n, chapter in enumerate(source.chapters, 1)
    )
    return (
        '<select id="chap_select" title="Chapter Navigation" name="chapter" '
        f"onChange=\"self.location = '/s/' + storyid + '/' + this.options"
        f'[this.selectedIndex].value;">{options}</select>\n'
    )


def _notes_html(paragraphs: tuple[str, ...]) -> Iterator[str]:
    for number, paragraph in enumerate(paragraphs):
        if number == 0:
            yield f"<p><strong>{AN_LABEL}</strong> {escape(without_an_label(paragraph))}</p>"
        else:
            yield f"<p>{escape(paragraph)}</p>"


def _block_html(block: Block) -> str:
    kind, text = block
    if kind == "break":
        if text == RULER:
            return '<hr size="1" noshade="noshade">'
        return f'<p style="text-align:center;">{escape(text)}</p>'
    if kind == "heading":
        return f'<p style="text-align:center;"><em>{escape(text)}</em></p>'
    return f"<p>{escape(text)}</p>"


def _storytext(source: DemoSource) -> str:
    chapter = source.chapters[0]
    lines = [f"<p>Disclaimer: {escape(source.disclaimer)}</p>"]
    lines.extend(_notes_html(split_paragraphs(source.notes)))
    lines.extend(_notes_html(split_paragraphs(chapter.notes)))
    lines.extend(_block_html(block) for block in story_blocks(chapter))
    if len(source.chapters) == 1:
        lines.extend(_notes_html(foot_notes(source, 0)))
    else:
        lines.extend(_notes_html(split_paragraphs(chapter.end_notes)))
    return (
        '<div role="main" aria-label="story content" class="storytextp" id="storytextp">'
        '<div class="storytext xcontrast_txt nocopy" id="storytext">\n'
        + "\n".join(lines)
        + "\n</div></div>\n"
    )


def _script(source: DemoSource, story_id: int) -> str:
    values = {"storyid": story_id, "chapter": 1, "chapters": len(source.chapters)}
    assignments = "".join(f"var {key} = {value};" for key, value in values.items())
    title = json.dumps(source.title).replace("</", "<\\/")
    return (
        f"<script>{assignments}var title_t = {title};"
        "function toggleTheme(){var b=document.body;b.className=b.className?'':'dark';}"
        "if(document.cookie.indexOf('xtheme=dark')>=0){toggleTheme();}</script>"
    )


def render_ffn_html(source: DemoSource) -> bytes:
    """Render chapter 1 of the work as a saved FanFiction.Net page."""
    story_id = stable_number(f"ffn:{source.slug}", 8)
    chapter_title = source.chapters[0].title or "Chapter 1"
    canonical = f"https://www.fanfiction.net/s/{story_id}/1/{dashed(source.title)}"
    page = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{escape(source.title)} Chapter 1: {escape(chapter_title)}, "
        f"a {escape(source.ffn_fandom)} fanfic | FanFiction</title>"
        f'<link rel="canonical" href="{canonical}"><style>{_CSS}</style>'
        f"{_script(source, story_id)}</head>\n<body>\n"
        f"{_top(source, story_id)}{_chapter_menu(source)}{_storytext(source)}"
        "<script>document.getElementById('storytext').oncopy = function(){return false;};"
        "</script>\n</body></html>\n"
    )
    return page.encode("utf-8")
