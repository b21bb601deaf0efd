"""Which dialogue convention a text uses, and which single quote marks open a quotation."""

from __future__ import annotations

import pytest

from ficlens.dialogue.conventions import detect_convention, single_openers
from ficlens.model import Span
from ficlens.structure.paragraphs import split_paragraphs


def convention_of(text: str) -> str:
    return detect_convention(text, [p.span for p in split_paragraphs(text)])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param('"Hi," she said.\n\n"Bye," he said.', "double", id="straight-double"),
        pytest.param("“Hi,” she said.\n\n“Bye,” he said.", "double", id="curly-double"),
        pytest.param("'Hi,' she said.\n\n'Bye,' he said.", "single", id="single"),
        pytest.param("‘Hi,’ she said.\n\n‘Bye,’ he said.", "single", id="curly-single"),
        pytest.param(
            "'Don't,' said Ron. 'It's Sakura's.'\n\n'Give 'em back,' she said.",
            "single",
            id="single-with-apostrophes",
        ),
        pytest.param("— Hi, she said.\n\n— Bye, he said.", "dash", id="dash"),
        pytest.param(
            "- Hi! - she said.\n\n- Hush.\n\n-Bye.- said Ron.", "dash", id="keyboard-hyphens"
        ),
        pytest.param(
            "They packed:\n\n- a wand - the old one\n\n- the map\n\n- socks, she said.",
            "double",
            id="hyphens-of-a-list",
        ),
        pytest.param("«Hi,» she said.\n\n«Bye,» he said.", "guillemet", id="guillemets"),
        pytest.param("»Hi,« she said.\n\n»Bye,« he said.", "guillemet", id="reversed-guillemets"),
        pytest.param(
            '"Hi," she said.\n\n"No," he said.\n\n"Why?"\n\n\'Because,\' she said.',
            "double",
            id="mixed-mostly-double",
        ),
        pytest.param(
            "'Hi,' she said.\n\n'No,' he said.\n\n'Why?'\n\n\"Because,\" she said.",
            "single",
            id="mixed-mostly-single",
        ),
        pytest.param("\"Hi,\" she said.\n\n'Bye,' he said.", "double", id="tie-goes-to-double"),
        pytest.param(
            '"She told me \'never\' and left," said Ann.\n\n"Odd," he said.',
            "double",
            id="single-nested-in-double",
        ),
        pytest.param(
            "Sakura's umbrella and the boys' team don't match, 'tis true. Give 'em back.",
            "double",
            id="apostrophes-only-no-dialogue",
        ),
        pytest.param("The kettle boiled.\n\nNobody came.", "double", id="no-dialogue"),
        pytest.param("", "double", id="empty"),
    ],
)
def test_detect_convention(text: str, expected: str) -> None:
    assert convention_of(text) == expected


def test_detect_convention_reads_only_the_given_paragraphs() -> None:
    text = '\'Hi,\' she said.\n\n"Bye," he said. "Go."'
    assert detect_convention(text, [Span(0, 15)]) == "single"
    assert detect_convention(text, []) == "double"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("'Hello,' she said.", ["Hello"], id="paragraph-start"),
        pytest.param("He said, 'Go home.'", ["Go"], id="after-space"),
        pytest.param("‘Hello,’ she said.", ["Hello"], id="curly"),
        pytest.param("(‘Aside,’ she added.)", ["Aside"], id="after-bracket"),
        pytest.param("\"She said 'run' twice.\"", ["run"], id="after-double-mark"),
        pytest.param("I don't know.", [], id="contraction"),
        pytest.param("Sakura's umbrella was green.", [], id="possessive"),
        pytest.param("The boys' team lost.", [], id="plural-possessive"),
        pytest.param("Give 'em back.", [], id="elision-em"),
        pytest.param("It was late, 'tis true.", [], id="elision-tis"),
        pytest.param("I stayed 'cause you asked.", [], id="elision-cause"),
        pytest.param("''Tis late,' she said.", ["Tis"], id="opener-before-elision"),
        # A quotation opens with a capital: these words are elisions only in lower case.
        pytest.param("'Is it raining?' she asked.", ["Is"], id="capital-is"),
        pytest.param("'Bye, then.'", ["Bye"], id="capital-bye"),
        pytest.param("'Er, maybe.'", ["Er"], id="capital-er"),
        pytest.param("''Course it is.'", ["Course"], id="opener-before-course"),
        pytest.param("'Hi,' he said. 'Bye.'", ["Hi", "Bye"], id="two"),
        # After a speech tag that broke a quotation, the mark resumes it, elision-like or not.
        pytest.param(
            "'The Map,' I whispered back, 'is never wrong.'", ["The", "is"], id="resumed-is"
        ),
        pytest.param("'Fine,' Ron said, 'course it is.'", ["Fine", "course"], id="resumed-course"),
        pytest.param("'Fine,' Ron grinned, 'em too.'", ["Fine"], id="no-speech-verb-no-resume"),
        pytest.param("He took 'is hat, 'is coat.", [], id="elisions-in-narration"),
    ],
)
def test_single_openers(text: str, expected: list[str]) -> None:
    words = [text[at + 1 :].lstrip("'’").split()[0].strip(",.'’") for at in single_openers(text)]
    assert words == expected
    assert all(text[at] in "'‘" for at in single_openers(text))
