"""The content stage on awkward works: no story, a poem, a script, another language, a huge fic."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

import ficlens
from ficlens.content.signals import MAX_EVIDENCE


def analyse(tmp_path: Path, text: str, *, nlp: bool = False) -> ficlens.Analysis:
    story = tmp_path / "story.txt"
    story.write_text(text, encoding="utf-8")
    return ficlens.analyze(ficlens.read(story), nlp=nlp)


def test_a_work_that_is_only_notes_has_no_rating(tmp_path: Path) -> None:
    analysis = analyse(tmp_path, "A/N: Sorry, no chapter this week! I'll be back soon.\n")
    content = analysis.content
    assert content is not None and content.rating is not None
    assert content.rating.ao3 is None
    assert content.rating.reasons[0].text == "unknown: no story text after removing notes"
    assert content.warnings == ()


def test_the_rating_an_authors_note_declares_is_read_and_compared(tmp_path: Path) -> None:
    text = (
        "A/N: Rated K for now.\n\n"
        "The blood pooled on the floor and his skull cracked open. He screamed in agony. "
        "Fuck, fuck, fuck, she said. Shit. The dead body lay there, covered in blood.\n"
    )
    rating = analyse(tmp_path, text).content.rating  # type: ignore[union-attr]
    assert rating is not None
    assert (rating.declared, rating.declared_from) == ("General Audiences", "text")
    assert rating.ao3 != "General Audiences"
    assert rating.disagreement == "under"


def test_a_poem_is_rated_without_error(tmp_path: Path) -> None:
    poem = "\n".join(
        ["the rain on the roof", "the kettle, the cat", "she kissed me once", "and that was that"]
        * 3
    )
    content = analyse(tmp_path, poem + "\n").content
    assert content is not None and content.rating is not None
    assert content.rating.ao3 is not None
    sexual = {s.name: s for s in content.signals}["sexual"]
    assert sexual.level == "romance"


def test_a_script_format_fic_is_analysed(tmp_path: Path) -> None:
    script = "\n\n".join(
        [
            "SAKURA: Where were you?",
            "NARUTO: Training! Kakashi-sensei made us run laps until we dropped.",
            "SAKURA: You're bleeding.",
            "NARUTO: It's just a scratch. Damn, that hurts.",
        ]
    )
    analysis = analyse(tmp_path, script + "\n")
    content = analysis.content
    assert content is not None and content.rating is not None and content.rating.ao3
    profanity = {s.name: s for s in content.signals}["profanity"]
    assert profanity.level == "mild"
    assert [span.of(analysis.work.text) for span in profanity.evidence] == ["Damn, that hurts."]
    violence = next(r for r in content.rating.reasons if r.text.startswith("violence"))
    assert violence.evidence[0].of(analysis.work.text) == "SAKURA: You're bleeding."


def test_a_script_fic_summary_keeps_each_line_with_its_speaker(tmp_path: Path) -> None:
    lines = [
        "GWEN: Where is the map of the old quarry?",
        "OSKAR: Gone. The river took the whole shed and everything in it last night.",
        "GWEN: You are joking. The quarry map was the only copy of the survey.",
        "OSKAR: Fine. Bring the lantern and the rope from the barn.",
        *["GWEN: We leave at dawn.", "OSKAR: Agreed.", "GWEN: And the dog?"],
        *["OSKAR: The dog stays.", "GWEN: Good.", "OSKAR: Good night."],
    ]
    analysis = analyse(tmp_path, "\n\n".join(lines) + "\n", nlp=True)
    assert analysis.content is not None
    summary = [span.of(analysis.work.text) for span in analysis.content.summary]
    assert summary
    assert set(summary) <= set(lines), summary  # never a sentence cut from its speaker


def test_a_work_in_another_language_is_not_rated(tmp_path: Path) -> None:
    text = (
        "Sakura se despertó temprano y miró por la ventana. La lluvia caía sobre el pueblo y "
        "nadie estaba en la calle. Pensó en su madre, en la escuela y en el largo camino que "
        "tenía por delante. Después se vistió, bajó a la cocina y preparó el desayuno para "
        "todos, como cada mañana desde que su padre se había marchado.\n"
    ) * 4
    analysis = analyse(tmp_path, text, nlp=True)
    content = analysis.content
    assert content is not None and content.rating is not None
    assert content.rating.ao3 is None and content.rating.ffn is None
    assert "unsupported language" in content.rating.reasons[0].text
    assert analysis.language is None


@pytest.mark.slow
def test_a_200000_word_work_keeps_its_evidence_bounded(tmp_path: Path) -> None:
    paragraph = (
        "He drew his wand and the curse hit the wall. Blood pooled on the stones and somebody "
        "screamed. She kissed him hard, then ran for the stairs, swearing: damn, damn, damn. "
        "They drank firewhisky until the sun came up, and nobody talked about the funeral."
    )
    text = "\n\n".join([paragraph] * (200_000 // len(paragraph.split()) + 1))
    tracemalloc.start()
    analysis = analyse(tmp_path, text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    content = analysis.content
    assert content is not None and content.rating is not None and content.rating.ao3
    assert all(len(s.evidence) <= MAX_EVIDENCE for s in content.signals)
    assert all(len(w.evidence) <= 3 for w in content.warnings)
    assert all(len(t.evidence) <= 3 for t in content.tags)
    assert all(len(r.evidence) <= 3 for r in content.rating.reasons)
    assert peak < 60 * len(text), "memory stays within a small multiple of the text"
