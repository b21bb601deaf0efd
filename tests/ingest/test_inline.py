"""Italics a converter set on lines of their own go back into their sentences."""

from __future__ import annotations

import pytest

from ficlens.ingest import read_bytes
from ficlens.ingest.inline import rejoin_inline

# Each paragraph indented two spaces, paragraphs apart by empty lines, and each italic word
# on its own line two spaces deeper between lines of the paragraph's two spaces: the shape one
# HTML-to-text converter gives (the words are the project's own).
SPLIT = (
    "  Wren had been sure she \n  \n    knew\n  \n   the way home. It was\n  \n    not\n  \n"
    "  the way home.\n\n\n"
    "  “\n  \n    Osk!\n  \n  ” she shouted. He turned, slowly. “\n  \n    What\n  \n  ?”\n\n\n"
    "  The lamps were out; the street was way\n  \n    darker\n  \n   than she remembered.\n"
)


def test_each_split_word_rejoins_its_sentence_with_the_spaces_it_had() -> None:
    joined, count = rejoin_inline(SPLIT)
    assert count == 5
    assert joined == (
        "  Wren had been sure she knew the way home. It was not the way home.\n\n\n"
        "  “Osk!” she shouted. He turned, slowly. “What?”\n\n\n"
        "  The lamps were out; the street was way darker than she remembered.\n"
    )


def test_an_italic_ending_its_paragraph_keeps_the_paragraph_break() -> None:
    text = "  And here he was, \n  \n    counting owls.\n  \n\n\n  Morning came.\n"
    assert rejoin_inline(text) == ("  And here he was, counting owls.\n\n  Morning came.\n", 1)


def test_an_italic_inside_an_italic_paragraph_rejoins_too() -> None:
    text = "  \n    She \n    \n      never\n    \n     came back.\n  \n"
    joined, count = rejoin_inline(text)
    assert count == 1
    assert "She never came back." in joined


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("One paragraph.\n  \nAnother paragraph.\n", id="blank line of spaces"),
        pytest.param(
            "  The sea is calm tonight.\n  \n    The tide is full,\n      the moon lies fair.\n",
            id="an indented poem",
        ),
        pytest.param("  First.\n\n    Indented second.\n\n  Third.\n", id="empty lines apart"),
        pytest.param(
            "Heading:\n          \n  \n    A whole paragraph in italics. \n  \n\n\n  Then.\n",
            id="after a line of spaces",
        ),
    ],
)
def test_other_plain_text_keeps_its_line_breaks(text: str) -> None:
    assert rejoin_inline(text) == (text, 0)


def test_a_plain_text_file_says_how_many_it_joined() -> None:
    raw = read_bytes(SPLIT.encode("utf-8"), path="wren.txt")
    assert "Osk!” she shouted" in raw.text
    assert any(d.startswith("5 italicised passage(s)") for d in raw.source.diagnostics)
