"""A one-word name the parse took for a person once is a mention wherever else it stands."""

from __future__ import annotations

from collections.abc import Callable

from ficlens.cast import build_cast
from ficlens.cast.mentions import mentions_in, propagated
from ficlens.nlp import Parsed

MakeParsed = Callable[..., Parsed]

TEXT = "Aria said nothing. Aria walked to Bram. Later Aria slept. Bram watched."
ROWS = [
    ("Aria", "NNP", "nsubj", 1),
    ("said", "VBD", "ROOT", 1),
    ("nothing", "NN", "dobj", 1),
    (".", ".", "punct", 1),
    ("Aria", "NNP", "nsubj", 5),  # the model calls this one a place
    ("walked", "VBD", "ROOT", 5),
    ("to", "IN", "prep", 5),
    ("Bram", "NNP", "pobj", 6),
    (".", ".", "punct", 5),
    ("Later", "RB", "advmod", 11),
    ("Aria", "NNP", "nsubj", 11),
    ("slept", "VBD", "ROOT", 11),
    (".", ".", "punct", 11),
    ("Bram", "NNP", "nsubj", 14),
    ("watched", "VBD", "ROOT", 14),
    (".", ".", "punct", 14),
]
ENTITIES = [(0, 0, "PERSON"), (4, 4, "GPE")]


def test_other_proper_nouns_of_a_parsed_name_are_mentions(make_parsed: MakeParsed) -> None:
    parsed = [make_parsed(TEXT, ROWS, entities=ENTITIES)]
    found = [(0, m) for m in mentions_in(TEXT, parsed[0])]
    assert [m.key for _, m in found] == ["Aria"]
    added = propagated(parsed, found)
    assert [(TEXT[m.span.start : m.span.end], m.source) for _, m in added] == [
        ("Aria", "propagated"),
        ("Aria", "propagated"),
    ]


def test_a_name_the_parse_never_took_for_a_person_stays_out(make_parsed: MakeParsed) -> None:
    # Bram is never a PERSON, a speech subject or titled: nothing to propagate from.
    cast = build_cast(TEXT, [make_parsed(TEXT, ROWS, entities=ENTITIES)])
    assert [(c.name, c.mentions) for c in cast.characters] == [("Aria", 3)]
