"""A first-person story told in letters takes its narrator's name from the signatures.

The fixture (written for these tests) is three letters signed by one writer, whom no
quotation addresses and the narration never names.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import ficlens
from ficlens.dialogue.narrator import signed_name
from ficlens.model import Span

FIXTURE = Path(__file__).parents[1] / "fixtures" / "letters.txt"


def _whole(text: str) -> list[Span]:
    return [Span(0, len(text))]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dear Tam,\n\nHello.\n\nSigned Ossian\n\nDear Tam,\n\nAgain.\n\nSigned Ossian", "Ossian"),
        ("Dear Tam,\n\nHi.\n\nLove,\nOssian\n\nDear Tam,\n\n- Ossian Kerr-Vale x\n", "Ossian"),
        # one letter is no story in letters
        ("Dear Tam,\n\nHello.\n\nSigned Ossian\n", None),
        # the narration names the writer: the letters are someone else's, kept by the narrator
        ("Ossian wrote again.\n\nSigned Ossian\n\nI read it twice.\n\nSigned Ossian\n", None),
        # a relation signs no character's name
        ("Dear Tam,\n\nLove,\nMum\n\nDear Tam,\n\nLove,\nMum\n", None),
        # two writers as often: no one
        ("Signed Ossian\n\nSigned Ossian\n\nSigned Bree\n\nSigned Bree\n", None),
        # a name alone on its line signs a letter a salutation opened
        ("Dear Tam,\n\nI dreamt of you.\n\nOssian.\n\nDear Tam,\n\nAgain.\n\nOssian\n", "Ossian"),
        # ... and is a heading where no letter is open
        ("Ossian\n\nI slept.\n\nOssian\n\nI woke.\n", None),
        # letters that are the story are signed by their writer, even named elsewhere
        (
            "Dear Tam,\n\nYou called me Ossian.\n\nOssian.\n\n"
            "Dear Tam,\n\nYou said Ossian again.\n\nOssian.\n",
            "Ossian",
        ),
        # letters a narrator keeps are a small part of the story, whose narration names the writer
        (
            "Ossian wrote to me again, and Ossian's owl waited. I read it by the fire, slowly, "
            "twice, and kept it with the others in the drawer by my bed.\n\n"
            "Dear Tam,\n\nHi.\n\nOssian\n\nDear Tam,\n\nAgain.\n\nOssian\n",
            None,
        ),
    ],
)
def test_signed_name(text: str, name: str | None) -> None:
    assert signed_name(text, _whole(text)) == name


def test_only_the_story_paragraphs_are_read() -> None:
    text = "Love, Kat\n\nI waited.\n\nLove, Kat\n"
    assert signed_name(text, _whole(text)) == "Kat"
    assert signed_name(text, [Span(11, 21)]) is None  # the author's notes around the story


@pytest.mark.spacy
def test_a_story_in_letters_is_told_by_the_one_who_signs_them() -> None:
    analysis = ficlens.analyze(ficlens.read(FIXTURE))
    narrators = [c for c in analysis.characters if "I" in c.aliases]
    assert [c.name for c in narrators] == ["Draco Malfoy"]
