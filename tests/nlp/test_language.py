"""Only English is analysed for cast and dialogue; other languages are said to be unsupported."""

from __future__ import annotations

import pytest

import ficlens
from ficlens.ingest import read_bytes
from ficlens.nlp.language import english_share, looks_english
from ficlens.structure import build_work

SPANISH = (
    "La lluvia caía sobre la aldea desde hacía seis días. Sakura se levantó temprano y "
    "caminó hasta el puente, donde su maestro la esperaba con un paraguas roto. —¿Otra vez "
    "tarde? —preguntó ella. Él sonrió detrás de la máscara y no contestó nada."
)
ENGLISH = (
    "The rain had fallen on the village for six days. Sakura got up early and walked to "
    "the bridge, where her teacher was waiting for her with a broken umbrella."
)


@pytest.mark.parametrize(("text", "expected"), [(ENGLISH, True), (SPANISH, False), ("Hi.", True)])
def test_looks_english(text: str, expected: bool) -> None:
    assert looks_english(text) is expected


def test_english_share_of_nothing_is_zero() -> None:
    assert english_share("") == 0.0


@pytest.mark.spacy
def test_non_english_story_gets_no_invented_cast() -> None:
    story = "\n\n".join([SPANISH] * 3)
    work = build_work(read_bytes(story.encode(), path="lluvia.txt"))
    analysis = ficlens.analyze(work)
    assert analysis.language is None
    assert analysis.characters == ()
    assert analysis.quotes == ()
    assert any("English" in d for d in analysis.diagnostics)
    assert analysis.to_json()["language"] is None
