"""Jinja2 templates and the few filters they use to show text from works safely.

Everything from a work (titles, tags, story text, notes) is plain text, and Jinja2 autoescapes
it. The only HTML we build ourselves goes through :func:`clean_html` (nh3) before a template
sees it, so no stored text can become markup.
"""

from __future__ import annotations

import re
from pathlib import Path

import nh3
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from ficlens.library import SearchHit

TEMPLATES = Path(__file__).parent / "templates"

_ALLOWED_TAGS = {"p", "br", "mark"}


def clean_html(html: str) -> Markup:
    """HTML made safe to show: only paragraphs, line breaks and ``<mark>`` survive (nh3)."""
    return Markup(nh3.clean(html, tags=_ALLOWED_TAGS, attributes={}))


def paragraphs(text: str) -> Markup:
    r"""Plain text as HTML paragraphs: blank lines split paragraphs, single newlines break lines.

    Example:
        >>> str(paragraphs("Hi <b>\n\nBye"))
        '<p>Hi &lt;b&gt;</p><p>Bye</p>'
    """
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    html = "".join(
        "<p>" + "<br>".join(str(escape(line)) for line in block.splitlines()) + "</p>"
        for block in blocks
    )
    return clean_html(html)


def highlight(hit: SearchHit) -> Markup:
    """A search hit's snippet, escaped, with only its matched stretches in ``<mark>``."""
    parts, cursor = [], 0
    for start, end in hit.highlights:
        parts += [escape(hit.snippet[cursor:start]), Markup("<mark>")]
        parts += [escape(hit.snippet[start:end]), Markup("</mark>")]
        cursor = end
    parts.append(escape(hit.snippet[cursor:]))
    return clean_html("".join(str(part) for part in parts))


templates = Jinja2Templates(directory=TEMPLATES)
templates.env.filters["paragraphs"] = paragraphs
templates.env.filters["highlight"] = highlight
templates.env.filters["thousands"] = lambda number: f"{number:,}"
