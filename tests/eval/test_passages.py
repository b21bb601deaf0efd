"""The trigger-passages scorer on a tiny dataset written for this test, bare and zipped."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from ficlens.errors import InputError
from ficlens.eval.passages import PassageScore, evaluate_passages, flags

ROWS: list[dict[str, object]] = [
    # death: one true positive, one true negative, one false positive, one false negative
    {"warning": "death", "labels": [1, 1, 1], "text": "The knight died on the bridge at sunset."},
    {"warning": "death", "labels": [0, 0, 0], "text": "The baker sold bread all morning."},
    {
        "warning": "death",
        "labels": [0, 0, 0],
        "text": "The actor lay dead on the stage, then stood up to bow.",
    },
    {"warning": "death", "labels": [1, 1, 1], "text": "The funeral was held in the rain."},
    # split votes: counted, never scored
    {"warning": "death", "labels": [1, 0, 1], "text": "Nobody knew where the ferry went."},
    {"warning": "death", "labels": [0, 1, 0], "text": "The knight died in the snow."},
    # violence: a true positive, a true negative, and a negated stabbing FicLens sets apart
    {
        "warning": "violence",
        "labels": [1, 1, 1],
        "text": "He stabbed the guard and wounded the captain.",
    },
    {"warning": "violence", "labels": [0, 0, 0], "text": "They played chess by the fire."},
    {"warning": "violence", "labels": [1, 1, 1], "text": "He did not stab the guard."},
    # ignored: a warning FicLens does not answer, and votes that are not a list
    {"warning": "pregnancy", "labels": [1, 1, 1], "text": "She gave birth at midnight."},
    {"warning": "death", "labels": "yes", "text": "The old king died."},
]


def jsonl(rows: list[dict[str, object]]) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


def write_jsonl(tmp_path: Path, rows: list[dict[str, object]] = ROWS) -> Path:
    path = tmp_path / "dataset.jsonl"
    path.write_text(jsonl(rows), encoding="utf-8")
    return path


def write_zip(tmp_path: Path, entries: dict[str, str], name: str = "trigger.zip") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        for entry, data in entries.items():
            archive.writestr(entry, data)
    return path


def by_warning(scores: list[PassageScore]) -> dict[str, PassageScore]:
    return {s.warning: s for s in scores}


def check_scores(scores: list[PassageScore]) -> None:
    assert [s.warning for s in scores] == ["death", "violence"]
    death, violence = scores
    assert (death.passages, death.split) == (4, 2)
    assert (death.score.support, death.score.predicted) == (2, 2)
    assert (death.score.precision, death.score.recall) == (0.5, 0.5)
    assert death.score.f1 == pytest.approx(0.5)
    assert (violence.passages, violence.split) == (3, 0)
    assert (violence.score.support, violence.score.predicted) == (2, 1)
    assert (violence.score.precision, violence.score.recall) == (1.0, 0.5)
    assert violence.score.f1 == pytest.approx(2 / 3)


def test_flags_follow_the_rule_level_and_framing() -> None:
    assert flags("The knight died on the bridge at sunset.", "death")
    assert not flags("The funeral was held in the rain.", "death")  # mentioned < on_page
    assert flags("He stabbed the guard.", "violence")
    assert not flags("He punched the guard.", "violence")  # mild < serious
    assert not flags("He did not stab the guard.", "violence")  # negated
    assert not flags("She dreamed the knight died.", "death")  # dream


def test_flags_need_only_one_hit_even_when_the_rule_needs_more() -> None:
    # The Death rule fires a warning on two on-page hits; one is enough to flag a passage.
    assert flags("The knight died.", "death")


def test_scores_of_a_jsonl_file(tmp_path: Path) -> None:
    check_scores(evaluate_passages(write_jsonl(tmp_path)))


def test_scores_of_a_zip_holding_the_jsonl(tmp_path: Path) -> None:
    path = write_zip(tmp_path, {"README.txt": "Trigger passages.\n", "dataset.jsonl": jsonl(ROWS)})
    check_scores(evaluate_passages(path))


def test_a_str_path_is_accepted(tmp_path: Path) -> None:
    check_scores(evaluate_passages(str(write_jsonl(tmp_path))))


def test_blank_lines_in_a_jsonl_file_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "dataset.jsonl"
    path.write_text(jsonl(ROWS[:4]) + "\n\n" + jsonl(ROWS[4:]), encoding="utf-8")
    check_scores(evaluate_passages(path))


def test_a_warning_with_only_split_votes_is_not_scored(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [
        {"warning": "war", "labels": [1, 1, 0], "text": "Bombs fell on the harbour all night."},
        {"warning": "death", "labels": [1, 1, 1], "text": "The knight died."},
    ]
    (death,) = evaluate_passages(write_jsonl(tmp_path, rows))
    assert death.warning == "death"
    assert (death.passages, death.split, death.score.recall) == (1, 0, 1.0)


def test_unanimity_follows_the_number_of_votes(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [
        {"warning": "death", "labels": [1, 1, 1, 1, 1], "text": "The knight died."},
        {"warning": "death", "labels": [1, 1, 1, 1, 0], "text": "The queen died."},
        {"warning": "death", "labels": [True, True], "text": "The page died."},
    ]
    (death,) = evaluate_passages(write_jsonl(tmp_path, rows))
    assert (death.passages, death.split) == (2, 1)
    assert (death.score.support, death.score.predicted, death.score.precision) == (2, 2, 1.0)


def test_a_file_with_no_usable_rows_has_no_scores(tmp_path: Path) -> None:
    assert evaluate_passages(write_jsonl(tmp_path, ROWS[-2:])) == []


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "absent.jsonl"
    with pytest.raises(InputError, match="no such file") as caught:
        evaluate_passages(path)
    assert caught.value.path == str(path)


def test_the_folder_of_the_data_is_read_as_the_data(tmp_path: Path) -> None:
    write_zip(tmp_path, {"dataset.jsonl": jsonl(ROWS)})
    (tmp_path / "LICENSE").write_text("terms\n", encoding="utf-8")
    check_scores(evaluate_passages(tmp_path))
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"no \.jsonl or \.zip file") as caught:
        evaluate_passages(tmp_path / "empty")
    assert caught.value.path == str(tmp_path / "empty")


def test_a_zip_without_jsonl_is_an_input_error(tmp_path: Path) -> None:
    path = write_zip(tmp_path, {"README.txt": "nothing here\n", "data.csv": "a,b\n"})
    with pytest.raises(InputError, match=r"no \.jsonl file inside the archive") as caught:
        evaluate_passages(path)
    assert caught.value.path == str(path)


def test_a_file_named_zip_that_is_not_a_zip_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "fake.zip"
    path.write_text(jsonl(ROWS), encoding="utf-8")
    with pytest.raises(InputError, match="not a trigger-passages file"):
        evaluate_passages(path)


def test_broken_json_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "dataset.jsonl"
    path.write_text(jsonl(ROWS[:2]) + '{"warning": "death", "labels": [1, 1\n', encoding="utf-8")
    with pytest.raises(InputError, match="not a trigger-passages file"):
        evaluate_passages(path)


def test_a_row_without_text_is_an_input_error(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [{"warning": "death", "labels": [1, 1, 1]}]
    with pytest.raises(InputError, match="not a trigger-passages file"):
        evaluate_passages(write_jsonl(tmp_path, rows))


def test_blank_lines_in_a_zipped_jsonl_are_skipped(tmp_path: Path) -> None:
    path = write_zip(tmp_path, {"dataset.jsonl": jsonl(ROWS[:4]) + "\n" + jsonl(ROWS[4:])})
    check_scores(evaluate_passages(path))
