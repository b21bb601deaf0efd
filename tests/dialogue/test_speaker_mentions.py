"""The cast as the speaker rules read it: its mentions (who is named, as a subject) and leads."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ficlens.cast import Cast
from ficlens.dialogue.mentions import index_mentions
from ficlens.dialogue.speakers import lead_before, leads
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


def test_leads_are_the_most_named_of_each_pronoun_set_from_its_first_name() -> None:
    ann = Character("c3", "Ann", (), "she/her", False, 9, 0)
    bea = Character("c4", "Bea", (), "she/her", False, 4, 0)
    kit = Character("c5", "Kit", (), None, False, 12, 0)
    mentions = tuple(
        (Span(start, start + 3), ident)
        for start, ident in ((0, "c5"), (10, "c4"), (20, "c3"), (30, "c1"))
    )
    cast = Cast((bea, HARRY, ann, kit), mentions, None, {}, {})
    found = leads(cast)
    assert found == {"she/her": ("c3", 10), "he/him": ("c1", 30)}
    # Before Bea, the first woman, is named, "she" is Ann, the lead; from then on, no one.
    assert lead_before(found, "she/her", 5) == "c3"
    assert lead_before(found, "she/her", 10) is None
    assert lead_before(found, "they/them", 5) is None
