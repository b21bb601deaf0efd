"""How old the characters of a sexual scene are said or known to be."""

from __future__ import annotations

import re

import pytest

from ficlens.content.ages import LEVEL, Age, canon_minors, refine, scene_ages, stated_minors
from ficlens.content.cooccurrence import find_near
from ficlens.content.signals import Hit, find_hits, summarise
from ficlens.content.warnings import archive_evidence, shows_on_page
from ficlens.model import Character, Span

# A made-up story's names; Naruto's pack knows Uzumaki Naruto's canon age (12).
CAST = {"Odile": ("c1", False), "Bram": ("c2", False), "Naruto": ("c3", True)}
CANON = {"c3": "Uzumaki Naruto"}
# Detection fixtures stay clinical: one word the lexicon reads as non-explicit sexual content.
SCENE = "The case file said Odile and Bram were sexually involved."
FAR = " ".join(["The rain kept on all afternoon."] * 20)  # more than the scene window


def run(*paragraphs: str) -> tuple[str, list[Hit], tuple[Age, ...]]:
    """The story's text, its signal hits and the ages of its sexual scenes' characters."""
    text = "\n\n".join(paragraphs)
    spans, at = [], 0
    for paragraph in paragraphs:
        spans.append(Span(at, at + len(paragraph)))
        at += len(paragraph) + 2
    pattern = re.compile("|".join(CAST))
    mentions = [(Span(m.start(), m.end()), CAST[m.group()][0]) for m in pattern.finditer(text)]
    characters = [
        Character(ident, CANON.get(ident, name), (), None, canon, 1, 0)
        for name, (ident, canon) in CAST.items()
    ]
    hits = find_hits(text, spans)
    return text, hits, scene_ages(text, hits, characters, mentions)


def minors(*paragraphs: str) -> tuple[str, ...]:
    return stated_minors(run(*paragraphs)[2])


@pytest.mark.parametrize(
    "statement",
    [
        "Odile was fifteen that summer.",
        "Odile turned fourteen in March.",
        "Everyone liked fifteen-year-old Odile.",
        "The fifth-year Odile laughed.",
    ],
)
def test_a_stated_minor_in_a_sexual_scene_is_named(statement: str) -> None:
    assert minors(statement, SCENE) == ("c1",)


@pytest.mark.parametrize(
    "paragraphs",
    [
        # a stated adult age outweighs a minor one
        ("The fifth-year Odile laughed.", "Years on, Odile was nineteen.", SCENE),
        ("Odile was fifteen once.", "Now Odile was of age.", SCENE),
        # negated: not an age on the page
        ("Odile wasn't fifteen any more.", SCENE),
        # the age is hers but the scene is far from any mention of her
        ("Odile was fifteen.", FAR, "The file said Bram was sexually involved."),
        # a kiss is no sexual scene
        ("Odile was fifteen.", "Odile kissed Bram."),
        # a pronoun's age is no one's in particular
        ("Odile smiled. She was fifteen.", SCENE),
        ("Odile felt like they're sixteen again.", SCENE),
        # a school year as a time, not as an adjective
        ("The rows began in fifth-year Odile said.", SCENE),
        ("Bram recalled the first year Odile came.", SCENE),
        # a childhood told long before the scene
        ("Eleven-year-old Odile loved the sea.", *[FAR] * 7, SCENE),
    ],
)
def test_no_minor_is_named_without_a_plain_statement_and_a_scene(
    paragraphs: tuple[str, ...],
) -> None:
    assert minors(*paragraphs) == ()


def test_the_minor_signal_rises_and_shows_the_statement_first() -> None:
    text, hits, ages = run("Bram was sixteen.", SCENE.replace("Odile", "Bram"))
    signals = {s.name: s for s in summarise(hits, 100)}
    raised = refine(signals["minor"], ages)
    assert (signals["minor"].level, raised.level, raised.characters) == ("stated", LEVEL, ("c2",))
    assert text[raised.evidence[0].start : raised.evidence[0].end] == "Bram was sixteen."
    assert shows_on_page("underage", {**signals, "minor": raised}, {})


def test_a_canon_age_is_reported_apart_and_only_without_a_stated_one() -> None:
    scene = "The file said Naruto and Odile were sexually involved."
    ages = run(scene)[2]
    assert [(a.character, a.years, a.source) for a in canon_minors(ages)] == [("c3", 12, "canon")]
    assert stated_minors(ages) == ()
    assert canon_minors(run("Naruto was twenty now.", scene)[2]) == ()


def test_underage_evidence_leads_with_the_stated_minor() -> None:
    text, hits, ages = run("Bram was sixteen.", SCENE.replace("Odile", "Bram"))
    signals = {s.name: s for s in summarise(hits, 100)}
    signals["minor"] = refine(signals["minor"], ages)
    first = archive_evidence("underage", signals, find_near(hits))[0]
    assert text[first.start : first.end] == "Bram was sixteen."
