"""Flatten HTML into paragraphs of plain text, dropping scripts, styles and markup."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ficlens.ingest.builder import BREAK_LINE

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n")


def parse_html(html: str) -> LexborHTMLParser:
    """Parse HTML (any nesting, however broken) and drop what never holds story text."""
    tree = LexborHTMLParser(html)
    tree.strip_tags(list(DROPPED_TAGS))
    return tree


def paragraphs_of(node: LexborNode | None) -> list[str]:
    """Return the paragraphs of text under ``node``; an ``<hr>`` becomes a ``* * *`` line.

    Block elements end paragraphs; ``<br>`` starts a new line and two ``<br>`` in a row a new
    paragraph, as old FanFiction.Net chapters use them. Whitespace runs collapse to one space.
    """
    return [text for text, _ in tagged_paragraphs(node)]


def tagged_paragraphs(node: LexborNode | None) -> list[tuple[str, str]]:
    """Like :func:`paragraphs_of`, with the tag of the block element each paragraph ended in."""
    if node is None:
        return []
    out: list[tuple[str, str]] = []
    buffer: list[str] = []

    def flush(tag: str = "") -> None:
        text = "".join(buffer)
        buffer.clear()
        for chunk in _BLANK_LINES.split(text):
            lines = [_SPACES.sub(" ", line).strip() for line in chunk.split("\n")]
            paragraph = "\n".join(line for line in lines if line)
            if paragraph:
                out.append((paragraph, tag))

    # An explicit stack instead of recursion: broken nesting can go thousands of levels deep.
    stack: list[tuple[LexborNode, bool]] = [(node, False)]
    while stack:
        current, leaving = stack.pop()
        tag = current.tag or ""
        if leaving:
            flush(tag)
            continue
        if tag == "-text":
            buffer.append((current.text_content or "").replace("\n", " "))
            continue
        if tag == "br":
            buffer.append("\n")
            continue
        if tag == "hr":
            flush()
            out.append((BREAK_LINE, "hr"))
            continue
        if tag in BLOCK_TAGS:
            flush()
            stack.append((current, True))
        children = list(current.iter(include_text=True))
        stack.extend((child, False) for child in reversed(children))
    flush()
    return out


def text_of(node: LexborNode | None) -> str:
    """The node's text on one line with whitespace collapsed, or ``""``.

    Inline markup adds no space (``<a>Chapter 1</a>: Title`` -> ``Chapter 1: Title``); block
    elements and ``<br>`` separate words.
    """
    if node is None:
        return ""
    parts = (text for text, tag in tagged_paragraphs(node) if tag != "hr")
    return " ".join(" ".join(parts).split())
