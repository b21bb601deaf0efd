r"""Italics an HTML-to-text converter set on lines of their own, put back in their sentences.

Some converters (the one behind a public scrape of AO3, for one) write each inline element of
a paragraph, an ``<em>`` most often, on a line of its own, indented two spaces deeper than the
paragraph and fenced by lines holding only the paragraph's indentation::

    She said she \n  \n    knew\n  \n   no one could resist.

Read as plain text, that is three paragraphs: a sentence cut in two, and a quotation whose
marks fall in different paragraphs (``“\n  \n    Remus!\n  \n  ” shrieked Sirius``), which
breaks dialogue, sentences and everything read from them. About one work in ten of that
scrape has such lines. The shape is narrow (a blank line of exactly the paragraph's
indentation on each side, the element two spaces deeper), so other plain text keeps its line
breaks.
"""

from __future__ import annotations

import re

_SPLIT = re.compile(
    r"(?<=\S)(?P<lead>[ ]*)\n(?P<indent> {2,})\n(?P=indent)  (?P<body>[^\n]*?\S)(?P<trail>[ ]*)"
    r"\n(?P=indent)\n(?:(?P=indent)(?=[^\n])|(?=\n|\Z))"
)
_BEFORE_SPACE = re.compile(r"[\w.,!?;:”’)\]]")
_AFTER_SPACE = re.compile(r"[\w“‘(\[]")


def rejoin_inline(text: str) -> tuple[str, int]:
    r"""The text with split-off inline elements joined back, and how many were.

    A space goes between two words the converter left touching (``way`` and ``different``
    of ``way <em>different</em>``), none where either side has one or a mark closes or
    opens (``why`` of ``<em>why</em>?``).

    Example:
        >>> rejoin_inline("She \n  \n    knew\n  \n   he was way\n  \n    late\n  \n  .")
        ('She knew he was way late.', 2)
    """
    total = 0
    while True:
        joined, count = _SPLIT.subn(_joined, text)
        total += count
        if not count:
            return text, total
        text = joined


def _joined(match: re.Match[str]) -> str:
    """One split-off element back in its sentence, with the spaces its neighbours need."""
    text = match.string
    before = text[match.start() - 1]
    after = text[match.end()] if match.end() < len(text) else "\n"
    body = match.group("body") + match.group("trail")
    opening = match.group("lead") or (" " if _spaced(before, body[0]) else "")
    closing = " " if after != "\n" and _spaced(body[-1], after) else ""
    return opening + body + closing


def _spaced(before: str, after: str) -> bool:
    """Whether two characters the converter set apart need a space between them."""
    return bool(_BEFORE_SPACE.fullmatch(before) and _AFTER_SPACE.fullmatch(after))
