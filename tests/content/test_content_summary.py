"""The summary in the full content stage: it never quotes a paragraph with sex in it, nor the
paragraphs on either side, where the scene goes on past the words the lexicon finds.

The story is written for this test.
"""

from __future__ import annotations

from pathlib import Path

import ficlens

CABIN = [
    "Wren Hollis rented the cabin above the lake for the whole of the rainy season.",
    "Wren Hollis and Tobias Marr had not spoken since the trial, and the lake was grey.",
    "Wren Hollis pulled Tobias Marr down onto the narrow bed in the cabin above the lake. "
    "He moaned as she straddled him, both of them naked under the quilt.",
    "In the morning Wren Hollis walked to the lake and counted the boats on the water.",
    "Tobias Marr mended the cabin roof while Wren Hollis read the letters from the trial.",
    "The rain stopped on the ninth day.",
    "They drove down to the village for bread.",
    "The village baker asked after the cabin.",
    "Wren Hollis laughed at the baker.",
    "At the end Wren Hollis sold the cabin and left the lake for good.",
]


def cabin_analysis(tmp_path: Path) -> tuple[list[str], ficlens.Analysis]:
    """The cabin story analysed without spaCy: its summary sentences and the analysis."""
    story = tmp_path / "cabin.txt"
    story.write_text("\n\n".join(CABIN) + "\n", encoding="utf-8")
    analysis = ficlens.analyze(ficlens.read(story), nlp=False)
    assert analysis.content is not None
    return [span.of(analysis.work.text) for span in analysis.content.summary], analysis


def test_the_summary_leaves_out_the_whole_paragraph_with_sex_in_it(tmp_path: Path) -> None:
    summary, analysis = cabin_analysis(tmp_path)
    assert summary
    assert not [sentence for sentence in summary if "narrow bed" in sentence]
    assert analysis.content is not None
    sexual = next(s for s in analysis.content.signals if s.name == "sexual")
    assert sexual.level in ("non_explicit", "explicit")


def test_nor_the_paragraphs_on_either_side_of_it(tmp_path: Path) -> None:
    summary, _ = cabin_analysis(tmp_path)
    assert summary == [CABIN[0]]  # the only paragraph of the first 40% left
