"""Stories written all in lower case get capitals before they are parsed."""

from __future__ import annotations

from pathlib import Path

import pytest

import ficlens
from ficlens.dialogue.truecase import lower_case, truecased
from ficlens.fandoms import load_pack
from ficlens.model import Span

PACK = (load_pack("harry_potter"),)


def test_a_story_without_capitals_is_lower_case() -> None:
    story = "ginny laughed at the joke, and harry laughed with her. " * 10
    assert lower_case(story, [Span(0, len(story))])


@pytest.mark.parametrize(
    "story",
    [
        "Ginny laughed at the joke, and Harry laughed with her. " * 10,
        "ginny laughed. " * 5,  # too short to tell
    ],
)
def test_a_story_with_capitals_or_too_short_is_not(story: str) -> None:
    assert not lower_case(story, [Span(0, len(story))])


def test_names_sentences_and_i_get_capitals_and_offsets_hold() -> None:
    text = 'i saw harry potter by the lake. "hi," said ginny. later i\'m sure lily luna came.'
    fixed = truecased(text, PACK)
    assert len(fixed) == len(text)
    assert fixed == (
        'I saw Harry Potter by the lake. "Hi," said Ginny. Later I\'m sure Lily Luna came.'
    )


def test_a_name_the_story_uses_as_a_word_stays_a_word() -> None:
    # "black" follows "the" once, so it is the colour everywhere; "sirius black" is a full name.
    text = "the black cat sat with sirius black. his black robes were wet."
    assert truecased(text, PACK) == "The black cat sat with Sirius Black. His black robes were wet."


def test_without_packs_only_sentences_and_i() -> None:
    assert truecased("harry knew. i knew.") == "Harry knew. I knew."


@pytest.mark.spacy
def test_a_lower_case_story_has_its_cast_and_its_couple() -> None:
    path = Path(__file__).parents[1] / "fixtures" / "lower_case_story.txt"
    analysis = ficlens.analyze(ficlens.read(path))
    names = {c.name for c in analysis.characters}
    assert {"Harry Potter", "Ginny Weasley", "Molly Weasley"} <= names
    assert analysis.content is not None
    [main] = [r for r in analysis.content.relationships if r.main]
    assert set(main.tag.split("/")) == {"Ginny Weasley", "Harry Potter"}
    # Offsets still index the text as written: the quotations read back in lower case.
    said = {q.span.of(analysis.work.text): q.speaker for q in analysis.quotes}
    ids = {c.name: c.id for c in analysis.characters}
    assert said["i'm allowed to stare,"] == ids["Harry Potter"]
