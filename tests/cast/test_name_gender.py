"""The pronouns usual for a given name (1990 US Census lists), and the cast's use of them."""

from __future__ import annotations

import pytest

from ficlens.cast import build_cast
from ficlens.cast.name_gender import usual_pronouns
from ficlens.model import Span
from ficlens.nlp import parse


@pytest.mark.parametrize(
    ("name", "alone", "expected"),
    [
        ("Antonio", False, "he/him"),
        ("Margaret", True, "she/her"),
        ("Jordan", False, None),  # given to both
        ("Lee", True, None),  # a lone word the lists know better as a surname
        ("Lee", False, None),
        ("Draco", False, None),  # not in the lists
    ],
)
def test_usual_pronouns(name: str, alone: bool, expected: str | None) -> None:
    assert usual_pronouns(name, alone=alone) == expected


def test_a_man_her_narrators_she_follows_keeps_his_name_s_pronouns() -> None:
    # Told from Nell's side: the "she" after Antonio is mostly Nell's.
    text = (
        "Nell Adair watched the door. Antonio came in, and she smiled. Antonio sat down; she "
        "poured the wine. Antonio laughed, and she laughed too. Antonio spoke of ships, and "
        "she listened. Nell Adair said nothing. Antonio kissed her hand; she blushed. Antonio "
        "rose, and he left. Antonio came back, and he stayed."
    )
    cast = build_cast(text, list(parse(text, [Span(0, len(text))])))
    genders = {c.name: c.gender for c in cast.characters}
    assert genders["Antonio"] == "he/him"
