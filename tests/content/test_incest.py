"""The Incest content warning: a romantic pairing of two canon relatives by blood."""

from __future__ import annotations

from pathlib import Path

import ficlens
from ficlens.content.incest import INCEST, MAIN_STRENGTH, MENTIONED_STRENGTH, incest_warnings
from ficlens.model import Character, Relationship, Span


def canon(ident: str, name: str, pronouns: str = "m") -> Character:
    return Character(ident, name, (), pronouns, True, 10, 0)


FRED = canon("c1", "Fred Weasley")
GEORGE = canon("c2", "George Weasley")
SIRIUS = canon("c3", "Sirius Black")
HARRY = canon("c4", "Harry Potter")
OLIVE = Character("c5", "Olive Penhallow", (), "f", False, 10, 0)
MEROPE = canon("c6", "Merope Gaunt", "f")
TOM = canon("c7", "Tom Riddle")
CAST = (FRED, GEORGE, SIRIUS, HARRY, OLIVE, MEROPE, TOM)


def pairing(first: Character, second: Character, kind: str = "romantic", main: bool = True,
            at: int = 0) -> Relationship:  # fmt: skip
    joiner = "/" if kind == "romantic" else " & "
    tag = joiner.join((first.name, second.name))
    return Relationship((first.id, second.id), kind, tag, 4.0, main, evidence=(Span(at, at + 9),))


def test_a_main_pairing_of_brothers_warns_with_its_passages() -> None:
    (warning,) = incest_warnings([pairing(FRED, GEORGE)], CAST)
    assert (warning.name, warning.scheme, warning.confidence) == (INCEST, "content", MAIN_STRENGTH)
    assert warning.evidence == (Span(0, 9),)


def test_a_mentioned_pairing_of_relatives_warns_less_surely() -> None:
    relationships = [pairing(FRED, HARRY, at=50), pairing(FRED, GEORGE, main=False, at=90)]
    (warning,) = incest_warnings(relationships, CAST)
    assert warning.confidence == MENTIONED_STRENGTH
    assert warning.evidence == (Span(90, 99),)


def test_relatives_in_a_group_pairing_warn() -> None:
    group = Relationship(
        (FRED.id, GEORGE.id, HARRY.id), "romantic", "three", 6.0, True, evidence=(Span(5, 20),)
    )
    assert [w.name for w in incest_warnings([group], CAST)] == [INCEST]


def test_no_warning_for_godparents_namesakes_platonic_kin_or_strangers() -> None:
    relationships = [
        pairing(SIRIUS, HARRY),  # godfather and godson: family, not blood
        pairing(MEROPE, TOM),  # her son by the pack's parents, but her Tom is his father
        pairing(FRED, GEORGE, kind="platonic"),
        pairing(OLIVE, HARRY),
    ]
    assert incest_warnings(relationships, CAST) == ()


TWINS = """\
Fred Weasley locked the door of the flat above the shop. George Weasley was already on the
bed, grinning at him.

"Took your time," George said.

Fred kissed him hard. George pulled him down and straddled his hips, and Fred moaned into
his mouth as George tugged his shirt over his head until they were both naked.

They kissed again, slower. George moaned when Fred's hands slid down his bare back.

Later Fred Weasley lay with his head on George's chest. "Mum can never know," he said.
"""

GODFATHER = (
    TWINS.replace("Fred Weasley", "Sirius Black")
    .replace("Fred", "Sirius")
    .replace("George Weasley", "Harry Potter")
    .replace("George", "Harry")
)


def test_the_pipeline_warns_of_twins_written_as_lovers_but_not_a_godfather(
    tmp_path: Path,
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TWINS, encoding="utf-8")
    twins = ficlens.analyze_file(path).content
    assert twins is not None
    assert [r.tag for r in twins.relationships if r.main] == ["Fred Weasley/George Weasley"]
    assert INCEST in [w.name for w in twins.warnings]
    path.write_text(GODFATHER, encoding="utf-8")
    godfather = ficlens.analyze_file(path).content
    assert godfather is not None
    assert [r.tag for r in godfather.relationships if r.main] == ["Sirius Black/Harry Potter"]
    assert INCEST not in [w.name for w in godfather.warnings]
