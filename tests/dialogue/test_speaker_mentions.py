"""The cast's mentions as the speaker rules index them: who is named, and as a subject."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ficlens.cast import Cast
from ficlens.dialogue.mentions import index_mentions
from ficlens.model import Character, Span
from ficlens.nlp import Parsed

MakeParsed = Callable[..., Parsed]
Row = tuple[str, str, str, int]

HARRY = Character("c1", "Harry Potter", ("Harry",), "he/him", False, 1, 0)
RON = Character("c2", "Ron Weasley", ("Ron",), "he/him", False, 1, 0)


def subjects(make_parsed: MakeParsed, text: str, rows: list[Row]) -> list[bool]:
    mentions = tuple(
        (Span(text.index(name), text.index(name) + len(name)), ident)
        for name, ident in (("Harry", "c1"), ("Ron", "c2"))
        if name in text
    )
    cast = Cast((HARRY, RON), mentions, None, {}, {})
    return list(index_mentions(cast, [make_parsed(text, rows)]).subject)


@pytest.mark.parametrize(
    ("text", "rows", "expected"),
    [
        pytest.param(
            "Ron slept. It was Harry.",
            [("Ron", "NNP", "nsubj", 1), ("slept", "VBD", "ROOT", 1), (".", ".", "punct", 1),
             ("It", "PRP", "nsubj", 4), ("was", "VBD", "ROOT", 4), ("Harry", "NNP", "attr", 4),
             (".", ".", "punct", 4)],
            [True, True], id="it-was-names-a-subject",
        ),
        pytest.param(
            "Ron saw Harry.",
            [("Ron", "NNP", "nsubj", 1), ("saw", "VBD", "ROOT", 1), ("Harry", "NNP", "dobj", 1),
             (".", ".", "punct", 1)],
            [True, False], id="an-object-is-no-subject",
        ),
        pytest.param(
            "Ron was Harry's friend.",
            [("Ron", "NNP", "nsubj", 1), ("was", "VBD", "ROOT", 1), ("Harry", "NNP", "poss", 4),
             ("'s", "POS", "case", 2), ("friend", "NN", "attr", 1), (".", ".", "punct", 1)],
            [True, False], id="a-named-subject-is-no-empty-one",
        ),
    ],
)  # fmt: skip
def test_subjects(
    make_parsed: MakeParsed, text: str, rows: list[Row], expected: list[bool]
) -> None:
    assert subjects(make_parsed, text, rows) == expected
