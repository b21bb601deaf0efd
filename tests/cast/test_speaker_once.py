"""A pack character named once, as who speaks a line, is in the cast (real spaCy parse)."""

from __future__ import annotations

import re

from ficlens.cast import Cast, build_cast
from ficlens.fandoms import load_pack
from ficlens.model import Span
from ficlens.nlp import parse

HP = (load_pack("harry_potter"),)

STORY = (
    "Harry grinned as laughter hit the air. Draco was right there, in the middle of it all.\n"
    "Grey eyes met his as the fire crackled, and a blush painted Draco's cheeks.\n"
    '"Get a room, you two," Ron grumbled as he topped up everyone\'s drinks.\n'
    '"Gladly," Harry said, walking over to Draco.\n'
    '"Sap," Draco said.\n'
)


def cast_of(text: str) -> Cast:
    paragraphs = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    quotes = [Span(m.start() + 1, m.end() - 1) for m in re.finditer(r'"[^"]*"', text)]
    return build_cast(text, list(parse(text, paragraphs, hidden=quotes)), packs=HP)


def test_a_pack_name_that_speaks_once_counts_twice() -> None:
    # "Ron grumbled" names Ron once: as the subject of a speech verb he weighs two mentions,
    # as a name the parse found would; before, the pack's mention of him weighed one.
    names = {c.name for c in cast_of(STORY).characters}
    assert names == {"Harry Potter", "Draco Malfoy", "Ron Weasley"}


def test_a_pack_name_named_once_without_speaking_stays_out() -> None:
    story = STORY.replace("Ron grumbled as he topped", "someone grumbled as Ron topped")
    names = {c.name for c in cast_of(story).characters}
    assert names == {"Harry Potter", "Draco Malfoy"}
