"""Who speaks each line of the five demo stories, against speakers labelled by hand.

The demo stories are the project's own fan fiction (``ficlens/demo/works``), written the way fan
fiction is: short untagged turns, action beats, pronoun beats, a first-person narrator, a
second-person reader-insert, British single quotes. ``tests/data/demo_speakers.tsv`` gives
every quotation's speaker and addressee, labelled by reading the stories, not from FicLens's
output. At stop 30, ``ficlens eval speakers tests/data/demo_speakers.tsv --works
ficlens/demo/works`` measured speakers 0.936 and addressees 0.786; the floors sit a little
below. The pronoun beats and leads were built while looking at these stories, so these are
development figures, not held-out ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import ficlens
from ficlens.api import analyze_file
from ficlens.errors import InputError
from ficlens.eval.labelled import read_labels, score_labels
from ficlens.model import Analysis

WORKS = Path(ficlens.__file__).parent / "demo" / "works"
GOLD = Path(__file__).parents[1] / "data" / "demo_speakers.tsv"
SPEAKER_FLOOR = 0.88
ADDRESSEE_FLOOR = 0.70


def test_the_labels_cover_every_demo_story() -> None:
    lines = read_labels(GOLD)
    assert {line.story for line in lines} == {path.name for path in WORKS.glob("*.txt")}
    assert len(lines) >= 200
    assert all(line.speaker != "?" for line in lines)


@pytest.mark.spacy
def test_speakers_and_addressees_of_the_demo_stories() -> None:
    scores = score_labels(GOLD, works=WORKS)
    lines = sum(s.lines for s in scores)
    speakers = sum(s.speakers for s in scores) / lines
    addressees = sum(s.addressees for s in scores) / sum(s.addressed for s in scores)
    assert sum(s.missed for s in scores) <= 2, "quotation detection should miss almost nothing"
    assert speakers >= SPEAKER_FLOOR, f"speaker accuracy {speakers:.3f}"
    assert addressees >= ADDRESSEE_FLOOR, f"addressee accuracy {addressees:.3f}"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("story\topening\tspeaker\n", "needs a header"),
        ("", "needs a header"),
        ("story\topening\tspeaker\taddressee\na.txt\tHi\t\t-\n", "line 2 has no speaker"),
    ],
)
def test_malformed_labels_name_the_file_and_the_problem(
    tmp_path: Path, content: str, problem: str
) -> None:
    labels = tmp_path / "labels.tsv"
    labels.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as error:
        read_labels(labels)
    assert str(labels) in str(error.value)


def test_a_story_missing_or_unreadable_is_all_missed_and_the_others_are_scored(
    tmp_path: Path,
) -> None:
    labels = tmp_path / "labels.tsv"
    labels.write_text(
        "story\topening\tspeaker\taddressee\n"
        "gone.txt\tHi\tAnn\t-\nbroken.txt\tHi\tAnn\tBea\nfine.txt\tHi\tAnn\t-\n",
        encoding="utf-8",
    )
    for name in ("broken.txt", "fine.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")

    def analyse(path: Path) -> Analysis:
        if path.name == "broken.txt":
            raise InputError(str(path), "not a story")
        return analyze_file(path, nlp=False)

    gone, broken, fine = score_labels(labels, analyse=analyse)
    assert gone.error is not None and "no such story file" in gone.error
    assert "gone.txt" in gone.error
    assert (broken.missed, broken.addressed) == (1, 1)
    assert broken.error == f"{tmp_path / 'broken.txt'}: not a story"
    assert fine.error is None and fine.lines == 1
