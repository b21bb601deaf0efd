"""``ficlens eval ao3``, ``ficlens eval passages`` and the training code, on tiny data."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from ficlens.cli import app
from ficlens.content.corpus import AO3_RATINGS, prepare, read_labelled
from ficlens.content.training import fit_model, probabilities

WIDE = {"COLUMNS": "200", "NO_COLOR": "1"}

MILD = "They had tea in the garden and talked about the weather, the roses and the cat."
STRONG = (
    "He kissed her and they undressed; her naked hips moved and he moaned. The cock and the "
    "orgasm followed, explicit and long, and she came again with a loud moan."
)


def works_file(tmp_path: Path, count: int = 20) -> Path:
    """A labelled file: mild stories rated General, explicit ones rated Explicit."""
    rows = []
    for n in range(count):
        explicit = n % 2 == 1
        rows.append(
            {
                "work_id": str(n),
                "authors": [f"author{n % 10}"],
                "rating": "Explicit" if explicit else "General Audiences",
                "warnings": ["No Archive Warnings Apply"],
                "relationships": [],
                "text": "Work Text:\n" + "\n\n".join([STRONG if explicit else MILD] * 3),
            }
        )
    path = tmp_path / "works.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json\n", encoding="utf-8")
    return path


def test_a_fitted_model_separates_what_it_was_shown(tmp_path: Path) -> None:
    works, problems = read_labelled(works_file(tmp_path))
    assert len(works) == 20 and len(problems) == 1
    prepared = [prepare(w) for w in works]
    y = np.array([int(w.rating == "Explicit") for w in works])
    model = fit_model("explicit", ("no", "explicit"), prepared, y, c=1.0)
    p = probabilities(model, prepared)
    assert p.shape == (20, 2)
    assert all((p[i, 1] > 0.5) == bool(y[i]) for i in range(len(works)))
    assert "naked" in model.words or "moaned" in model.words


def test_fitting_refuses_a_class_without_works(tmp_path: Path) -> None:
    works, _ = read_labelled(works_file(tmp_path))
    prepared = [prepare(w) for w in works]
    y = np.array([AO3_RATINGS.index(w.rating or "") for w in works])  # no Teen, no Mature
    with pytest.raises(ValueError, match="Teen And Up Audiences, Mature"):
        fit_model("rating", AO3_RATINGS, prepared, y, c=1.0)


def test_eval_ao3_prints_ratings_baselines_and_warnings(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["eval", "ao3", str(works_file(tmp_path)), "--mode", "shipped", "--pairings", "0"],
        env=WIDE,
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "AO3 ratings: 20 works, shipped" in out
    for rater in ("FicLens", "baseline: majority", "baseline: length", "baseline: profanity"):
        assert rater in out
    assert "Major Character Death" in out
    assert "works.jsonl:21" in result.stderr  # the broken line is reported, not fatal


def test_eval_ao3_names_a_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "ao3", str(tmp_path / "none.jsonl")], env=WIDE)
    assert result.exit_code == 1
    assert "none.jsonl" in result.stderr and "cannot open" in result.stderr


@pytest.mark.parametrize("command", [["train", "ao3"], ["train", "pairings"], ["eval", "ao3"]])
def test_a_file_with_no_labelled_work_is_named(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "notes.jsonl"
    path.write_text("not json\n", encoding="utf-8")
    result = CliRunner().invoke(app, [*command, str(path)], env=WIDE)
    assert result.exit_code == 1
    assert f"error {path}: no labelled works in the file" in " ".join(result.stderr.split())


def test_training_on_too_few_works_is_an_error_naming_the_file(tmp_path: Path) -> None:
    one_sided = works_file(tmp_path, count=4)  # General and Explicit only
    result = CliRunner().invoke(app, ["train", "ao3", str(one_sided)], env=WIDE)
    assert result.exit_code == 1
    assert f"error {one_sided}: cannot train on it" in " ".join(result.stderr.split())


def test_eval_passages_scores_unanimous_votes(tmp_path: Path) -> None:
    rows = [
        {"warning": "death", "labels": [1, 1, 1], "text": "she died in his arms that night."},
        {"warning": "death", "labels": [0, 0, 0], "text": "they baked bread all afternoon."},
        {"warning": "death", "labels": [1, 0, 0], "text": "the old dog was dying."},
    ]
    archive = tmp_path / "dataset.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("dataset.jsonl", "\n".join(json.dumps(r) for r in rows))
    result = CliRunner().invoke(app, ["eval", "passages", str(archive)], env=WIDE)
    assert result.exit_code == 0, result.output
    line = next(line for line in result.stdout.splitlines() if "death" in line)
    cells = [c.strip() for c in line.strip("│ ").split("│")]
    assert cells[:5] == ["death", "2", "1", "1", "1"]
    assert cells[5:8] == ["1.000", "1.000", "1.000"]


@pytest.mark.spacy
def test_eval_speakers_scores_a_labelled_story(tmp_path: Path) -> None:
    story = tmp_path / "ferry.txt"
    story.write_text(
        "Maren Holt stood at the rail. Tobias Brandt came up beside her.\n\n"
        '"Is it always this late?" asked Maren.\n\n'
        '"Always," said Tobias.\n',
        encoding="utf-8",
    )
    labels = tmp_path / "labels.tsv"
    labels.write_text(
        "story\topening\tspeaker\taddressee\n"
        "ferry.txt\tIs it always\tMaren Holt\tTobias Brandt\n"
        "ferry.txt\tAlways\tTobias Brandt\tMaren Holt\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["eval", "speakers", str(labels)], env=WIDE)
    assert result.exit_code == 0, result.output
    line = next(line for line in result.stdout.splitlines() if "ferry.txt" in line)
    cells = [c.strip() for c in line.strip("│ ").split("│")]
    assert cells == ["ferry.txt", "2", "0", "1.000", "1.000"]


def test_eval_speakers_names_a_malformed_labels_file(tmp_path: Path) -> None:
    labels = tmp_path / "labels.tsv"
    labels.write_text("story\tspeaker\nferry.txt\tMaren\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "speakers", str(labels)], env=WIDE)
    assert result.exit_code == 1
    assert "labels.tsv" in result.stderr and "needs a header" in result.stderr


def test_eval_speakers_reports_a_missing_story_after_scoring_the_rest(tmp_path: Path) -> None:
    (tmp_path / "here.txt").write_text("Nobody spoke.\n", encoding="utf-8")
    labels = tmp_path / "labels.tsv"
    labels.write_text(
        "story\topening\tspeaker\taddressee\ngone.txt\tHi\tAnn\t-\nhere.txt\tHi\tAnn\t-\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["eval", "speakers", str(labels)], env=WIDE)
    assert result.exit_code == 1
    assert "here.txt" in result.stdout and "gone.txt" in result.stdout
    assert "gone.txt: no such story file" in result.stderr


def test_cross_validating_too_few_works_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["eval", "ao3", str(works_file(tmp_path)), "--mode", "cv", "--pairings", "0"], env=WIDE
    )
    assert result.exit_code == 1
    assert "too few works to cross-validate by author" in result.stderr


def test_another_split_needs_cross_validation(tmp_path: Path) -> None:
    args = ["eval", "ao3", str(works_file(tmp_path)), "--mode", "shipped", "--pairings", "0"]
    result = CliRunner().invoke(app, [*args, "--split", "2"], env=WIDE)
    assert result.exit_code == 1
    assert "works.jsonl" in result.stderr and "--split 2 needs cross-validation" in result.stderr
