"""Who dies, end to end: the real pipeline (spaCy cast, fandom packs) names the dead."""

from __future__ import annotations

from pathlib import Path

import ficlens

STORY = """\
Harry Potter followed Sirius Black down the stone steps. Remus Lupin came behind them, wand
raised, and nobody spoke.

"Stay close," Sirius said. Harry nodded.

The room below was cold. Sirius laughed at the first curse and ducked the second, and for a
moment Harry thought they would all walk out again.

The third curse struck him in the chest. Sirius fell back through the archway, and on the
other side Sirius died without a sound.

Remus caught Harry before he could follow. "He's gone," Remus said. "Harry, he's gone."
"""


def analyse(tmp_path: Path, text: str) -> ficlens.Analysis:
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    return ficlens.analyze_file(path)


def death_of(analysis: ficlens.Analysis) -> tuple[str, list[str]]:
    assert analysis.content is not None
    signal = next(s for s in analysis.content.signals if s.name == "death")
    names = {c.id: c.name for c in analysis.characters}
    return signal.level, [names[ident] for ident in signal.characters]


def test_a_canon_character_dying_on_the_page_is_a_major_death(tmp_path: Path) -> None:
    analysis = analyse(tmp_path, STORY)
    assert death_of(analysis) == ("major_character", ["Sirius Black"])
    assert analysis.content is not None and analysis.content.rating is not None
    reasons = [reason.text for reason in analysis.content.rating.reasons]
    assert "death: major character (Sirius Black)" in reasons
    out = analysis.to_json()
    death = next(s for s in out["signals"] if s["name"] == "death")
    named = [c["name"] for c in out["characters"] if c["id"] in death["characters"]]
    assert named == ["Sirius Black"]


def test_a_dreamt_death_names_no_one(tmp_path: Path) -> None:
    dreamt = STORY.replace(
        "on the\nother side Sirius died without a sound.",
        "in his\ndream that night Harry saw that Sirius died without a sound.",
    )
    assert dreamt != STORY
    level, who = death_of(analyse(tmp_path, dreamt))
    assert (level, who) != ("major_character", ["Sirius Black"])
    assert who == []


def test_the_death_content_warning_shows_the_named_death_first(tmp_path: Path) -> None:
    # the Death content warning needs two on-page deaths: a stranger's first, then Sirius's
    stranger = "A guard lay dead by the door, and nobody looked at him.\n\n"
    analysis = analyse(tmp_path, stranger + STORY)
    assert analysis.content is not None
    death = next(w for w in analysis.content.warnings if w.name == "Death")
    first = analysis.work.text[death.evidence[0].start : death.evidence[0].end]
    assert "Sirius died without a sound" in first
