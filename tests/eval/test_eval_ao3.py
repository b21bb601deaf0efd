"""The AO3 scorer's arithmetic on hand-made labels, and the labelled-works reader.

(Named ``test_eval_ao3.py`` because ``tests/ingest/test_ao3.py`` already takes the module name
``test_ao3`` and the test directories have no ``__init__.py``.) Every work here is written for
these tests; the answers are worked out by hand in the comments.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.model_selection import GroupKFold

from ficlens.content.corpus import (
    AO3_RATINGS,
    LabelledWork,
    pair_matches,
    pairing_evaluation,
    pairing_holdout,
    read_labelled,
    same_character,
    tag_names,
    tagged_pair,
)
from ficlens.errors import InputError
from ficlens.eval.ao3 import quadratic_kappa, rating_scores, resplit, warning_score
from ficlens.model import Character

# --- rating_scores -------------------------------------------------------------------------

# truth     G G T M E E
# predicted G T T M T E
TRUTH = [0, 0, 1, 2, 3, 3]
PREDICTED = [0, 1, 1, 2, 1, 3]


def test_rating_scores_confusion_and_accuracy() -> None:
    scores = rating_scores(TRUTH, PREDICTED)
    assert scores.n == 6
    assert scores.confusion == (
        (1, 1, 0, 0),
        (0, 1, 0, 0),
        (0, 0, 1, 0),
        (0, 1, 0, 1),
    )
    assert scores.accuracy == pytest.approx(4 / 6)


def test_rating_scores_per_class_and_macro_f1() -> None:
    scores = rating_scores(TRUTH, PREDICTED)
    # F1 = 2 tp / (row + column): G 2/(2+1), T 2/(1+3), M 2/(1+1), E 2/(2+1)
    expected = (2 / 3, 2 / 4, 1.0, 2 / 3)
    assert scores.per_class_f1 == pytest.approx(expected)
    assert scores.macro_f1 == pytest.approx(sum(expected) / 4)


def test_rating_scores_under_rating_rates() -> None:
    scores = rating_scores(TRUTH, PREDICTED)
    # Explicit works rated General or Teen: 1 of 2.
    assert scores.under_explicit == pytest.approx(0.5)
    # Mature or Explicit works rated General or Teen: 1 of 3.
    assert scores.under_mature_explicit == pytest.approx(1 / 3)


def test_rating_scores_kappa_hand_computed() -> None:
    # Observed weighted disagreement: (G->T) 1 * 1 + (E->T) 1 * 4 = 5.
    # Expected: rows (2, 1, 1, 2), columns (1, 3, 1, 1), n = 6:
    # sum of r_i * c_j * (i - j)^2 = 32 + 6 + 8 + 44 = 90, over n = 15.
    assert rating_scores(TRUTH, PREDICTED).kappa == pytest.approx(1 - 5 / 15)


def test_a_class_never_seen_nor_predicted_has_f1_zero() -> None:
    scores = rating_scores([0, 1], [0, 1])
    assert scores.per_class_f1 == (1.0, 1.0, 0.0, 0.0)
    assert scores.macro_f1 == pytest.approx(0.5)
    assert scores.accuracy == 1.0
    assert scores.under_explicit == 0.0
    assert scores.under_mature_explicit == 0.0


def test_perfect_ratings() -> None:
    truth = [0, 1, 2, 3, 3, 2]
    scores = rating_scores(truth, truth)
    assert scores.accuracy == 1.0
    assert scores.per_class_f1 == (1.0, 1.0, 1.0, 1.0)
    assert scores.kappa == pytest.approx(1.0)
    assert scores.under_explicit == 0.0


def test_every_explicit_work_rated_mildly() -> None:
    scores = rating_scores([3, 3, 2], [0, 1, 2])
    assert scores.under_explicit == 1.0
    assert scores.under_mature_explicit == pytest.approx(2 / 3)
    assert scores.per_class_f1[3] == 0.0


def test_no_works_scores_zero() -> None:
    scores = rating_scores([], [])
    assert scores.n == 0
    assert scores.accuracy == 0.0
    assert scores.kappa == 0.0
    assert scores.confusion == ((0,) * 4,) * 4


def test_truth_and_predictions_must_have_the_same_length() -> None:
    with pytest.raises(ValueError, match="argument 2 is shorter than argument 1"):
        rating_scores([0, 1], [0])
    with pytest.raises(ValueError, match="argument 2 is longer than argument 1"):
        rating_scores([0], [0, 1])


# --- quadratic_kappa -----------------------------------------------------------------------


def test_quadratic_kappa_is_one_for_perfect_agreement() -> None:
    assert quadratic_kappa(np.diag([3, 1, 2, 5])) == pytest.approx(1.0)


def test_quadratic_kappa_of_a_two_by_two_matrix() -> None:
    # n = 4, one disagreement of weight 1; rows (3, 1), columns (2, 2):
    # expected disagreement 3 * 2 / 4 + 1 * 2 / 4 = 2, so kappa = 1 - 1 / 2 (Cohen's kappa).
    assert quadratic_kappa(np.array([[2, 1], [0, 1]])) == pytest.approx(0.5)


def test_quadratic_kappa_weighs_distant_mistakes_more() -> None:
    near = np.array([[4, 1, 0, 0], [0, 5, 0, 0], [0, 0, 5, 0], [0, 0, 0, 5]])
    far = np.array([[4, 0, 0, 1], [0, 5, 0, 0], [0, 0, 5, 0], [0, 0, 0, 5]])
    assert quadratic_kappa(far) < quadratic_kappa(near) < 1.0


def test_quadratic_kappa_of_opposite_extremes_is_minus_one() -> None:
    # General rated Explicit and Explicit rated General: observed 9 + 9 = 18;
    # rows and columns (1, 0, 0, 1), n = 2: expected (9 + 9) / 2 = 9.
    confusion = np.zeros((4, 4), dtype=int)
    confusion[0, 3] = confusion[3, 0] = 1
    assert quadratic_kappa(confusion) == pytest.approx(-1.0)


def test_quadratic_kappa_without_spread_is_zero() -> None:
    assert quadratic_kappa(np.zeros((4, 4), dtype=int)) == 0.0
    only_general = np.zeros((4, 4), dtype=int)
    only_general[0, 0] = 5
    assert quadratic_kappa(only_general) == 0.0


# --- warning_score -------------------------------------------------------------------------


def test_warning_score_hand_computed() -> None:
    truth = [True, True, False, False, True]
    predicted = [True, False, True, False, True]
    score = warning_score(truth, predicted)
    assert (score.support, score.predicted) == (3, 3)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(2 / 3)
    assert score.f1 == pytest.approx(2 / 3)


def test_warning_score_with_unequal_precision_and_recall() -> None:
    score = warning_score([True, True, True, True, False], [True, False, False, False, False])
    assert (score.precision, score.recall) == (1.0, 0.25)
    assert score.f1 == pytest.approx(2 * 0.25 / 1.25)


def test_warning_score_when_nothing_fires() -> None:
    score = warning_score([True, False], [False, False])
    assert (score.support, score.predicted) == (1, 0)
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_warning_score_without_any_true_label() -> None:
    score = warning_score([False, False], [True, False])
    assert (score.support, score.predicted, score.precision, score.recall, score.f1) == (
        0,
        1,
        0.0,
        0.0,
        0.0,
    )


# --- read_labelled -------------------------------------------------------------------------


def work_line(**fields: object) -> str:
    row: dict[str, object] = {
        "work_id": "101",
        "authors": ["quillfeather"],
        "rating": "Teen And Up Audiences",
        "warnings": ["No Archive Warnings Apply"],
        "category": ["Gen"],
        "relationships": [],
        "freeforms": ["Fluff"],
        "text": "Work Text:\nThe lighthouse keeper counted gulls until the tide turned.",
    }
    row.update(fields)
    return json.dumps(row)


def write_lines(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "works.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_good_lines_are_kept_and_bad_lines_reported_with_file_and_line(tmp_path: Path) -> None:
    missing_text = json.loads(work_line(work_id="103"))
    del missing_text["text"]
    path = write_lines(
        tmp_path,
        work_line(),
        '{"work_id": "102", "text": "broken',
        json.dumps(missing_text),
        "",
        work_line(work_id="104", text=["not", "a", "string"]),
        work_line(work_id="105", authors=[]),
    )
    works, problems = read_labelled(path)
    assert [w.work_id for w in works] == ["101", "105"]
    assert len(problems) == 3
    assert problems[0].startswith(f"{path}:2: ")
    assert problems[1].startswith(f"{path}:3: ")
    assert problems[2].startswith(f"{path}:5: ")
    assert "text" in problems[1]


def test_a_labelled_works_fields(tmp_path: Path) -> None:
    (work,), problems = read_labelled(write_lines(tmp_path, work_line()))
    assert problems == []
    assert work == LabelledWork(
        work_id="101",
        group="quillfeather",
        text="Work Text:\nThe lighthouse keeper counted gulls until the tide turned.",
        rating="Teen And Up Audiences",
        warnings=("No Archive Warnings Apply",),
        relationships=(),
        category=("Gen",),
        freeforms=("Fluff",),
    )
    assert work.warned


def test_a_work_without_authors_is_its_own_group_and_ids_become_strings(tmp_path: Path) -> None:
    (work,), _ = read_labelled(write_lines(tmp_path, work_line(work_id=77, authors=None)))
    assert work.work_id == "77"
    assert work.group == "work:77"


def test_single_strings_are_read_as_one_item_lists(tmp_path: Path) -> None:
    line = work_line(authors="tidewatcher", warnings="Major Character Death", category="F/M")
    (work,), _ = read_labelled(write_lines(tmp_path, line))
    assert work.group == "tidewatcher"
    assert work.warnings == ("Major Character Death",)
    assert work.category == ("F/M",)


def test_the_old_underage_warning_is_renamed(tmp_path: Path) -> None:
    line = work_line(warnings=["Underage", "Graphic Depictions Of Violence"])
    (work,), _ = read_labelled(write_lines(tmp_path, line))
    assert work.warnings == ("Underage Sex", "Graphic Depictions Of Violence")


@pytest.mark.parametrize(
    "warning", ["Creator Chose Not To Use Archive Warnings", "Choose Not To Use Archive Warnings"]
)
def test_choosing_not_to_warn_is_not_warned(tmp_path: Path, warning: str) -> None:
    line = work_line(warnings=[warning, "Major Character Death"])
    (work,), _ = read_labelled(write_lines(tmp_path, line))
    assert not work.warned


@pytest.mark.parametrize("rating", ["Not Rated", "T", None, 3])
def test_a_rating_that_is_not_one_of_ao3s_four_is_none(tmp_path: Path, rating: object) -> None:
    (work,), _ = read_labelled(write_lines(tmp_path, work_line(rating=rating)))
    assert work.rating is None


@pytest.mark.parametrize("rating", AO3_RATINGS)
def test_ao3s_four_ratings_are_kept(tmp_path: Path, rating: str) -> None:
    (work,), _ = read_labelled(write_lines(tmp_path, work_line(rating=rating)))
    assert work.rating == rating


def test_a_line_that_is_not_an_object_is_reported(tmp_path: Path) -> None:
    works, problems = read_labelled(write_lines(tmp_path, "[1, 2]", "42", work_line()))
    assert len(works) == 1
    assert [p.split(": ")[0] for p in problems] == [
        f"{tmp_path / 'works.jsonl'}:1",
        f"{tmp_path / 'works.jsonl'}:2",
    ]


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "absent.jsonl"
    with pytest.raises(InputError, match="cannot open") as caught:
        read_labelled(path)
    assert caught.value.path == str(path)


def test_a_line_of_invalid_utf8_is_reported_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "works.jsonl"
    path.write_bytes(
        (work_line() + "\n").encode()
        + b'{"work_id": "9", "text": "caf\xe9"}\n'
        + (work_line(work_id="105") + "\n").encode()
    )
    works, problems = read_labelled(path)
    assert [w.work_id for w in works] == ["101", "105"]
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:2: ")


def labelled(*relationships: str) -> LabelledWork:
    return LabelledWork("1", "author", "text", "Mature", (), relationships)


@pytest.mark.parametrize(
    ("relationships", "expected"),
    [
        (("Draco Malfoy/Harry Potter", "Hermione Granger & Ron Weasley"),
         ("draco malfoy", "harry potter")),
        (("Original Female Character(s)/Sirius Black",),
         ("original female character", "sirius black")),
        (("Hermione Granger & Ron Weasley", "Draco Malfoy/Harry Potter"), None),
        (("Ron Weasley/Ron Weasley",), None),
        ((), None),
    ],
)  # fmt: skip
def test_tagged_pair_is_the_first_tag_when_romantic(
    relationships: tuple[str, ...], expected: tuple[str, str] | None
) -> None:
    assert tagged_pair(labelled(*relationships)) == expected


@pytest.mark.parametrize(
    ("found", "tagged", "expected"),
    [
        ("Draco Malfoy", "Draco Malfoy", True),
        ("Draco", "Draco Malfoy", True),
        ("Malfoy", "Draco Malfoy", True),
        ("Lucius Malfoy", "Draco Malfoy", False),
        ("Narrator", "Original Female Character(s)", False),
        ("", "Draco Malfoy", False),
    ],
)
def test_same_character_accepts_the_words_of_the_tagged_name(
    found: str, tagged: str, expected: bool
) -> None:
    assert same_character(found, tagged) is expected


def by(author: str, work_id: str, *relationships: str) -> LabelledWork:
    return LabelledWork(work_id, author, "text", "Teen And Up Audiences", (), relationships)


def test_the_pairing_evaluation_takes_the_first_tagged_and_half_as_many_untagged() -> None:
    works = [
        by("ana", "1", "Ana/Bo"),
        by("cy", "2"),
        by("cy", "3", "Ana & Bo"),
        by("dee", "4", "Cy/Dee"),
        by("eli", "5"),
        by("fay", "6", "Eli/Fay"),
    ]
    tagged, untagged = pairing_evaluation(works, limit=2)
    assert [w.work_id for w in tagged] == ["1", "4"]
    assert [w.work_id for w in untagged] == ["2"]
    # held out by author: every work of theirs, whatever it tags
    held_out = {w.group for w in (*tagged, *untagged)}
    assert held_out == {"ana", "cy", "dee"}
    assert pairing_holdout(works) == frozenset({"ana", "cy", "dee", "eli", "fay"})


@pytest.mark.parametrize(
    ("canon", "gender", "fan_work", "expected"),
    [
        (True, "she/her", True, ("Amelia",)),
        (False, "she/her", False, ("Amelia",)),
        (False, "she/her", True, ("Amelia", "original female character")),
        (False, "he/him", True, ("Amelia", "original male character")),
        (False, None, True, ("Amelia", "original character")),
    ],
)
def test_a_character_no_pack_knows_in_a_fan_work_answers_to_the_original_character_tags(
    canon: bool, gender: str | None, fan_work: bool, expected: tuple[str, ...]
) -> None:
    character = Character("c1", "Amelia", (), gender, canon, 5, 0)
    assert tag_names(character, fan_work) == expected
    tagged = ("percival graves", "original female character")
    found = pair_matches([tag_names(character, fan_work), "Percival Graves"], tagged)
    assert found is (expected[-1] in ("original female character", "original character"))


def test_another_split_deals_the_authors_out_afresh_and_keeps_each_together() -> None:
    works = [LabelledWork(str(i), f"author{i // 2}", "", None, ()) for i in range(40)]

    def folds(split: int) -> list[frozenset[str]]:
        dealt = resplit(works, split)
        groups = [w.group for w in dealt]
        by_fold = [
            frozenset(dealt[i].work_id for i in test)
            for _, test in GroupKFold(5).split(groups, groups, groups)
        ]
        for w, x in zip(works, dealt, strict=True):
            assert w.work_id == x.work_id and w.text == x.text
        return sorted(by_fold, key=sorted)

    for split in (0, 1, 2):
        for fold in folds(split):  # an author's two works are never split between folds
            assert all(str(int(i) ^ 1) in fold for i in fold)
    assert folds(1) != folds(0) and folds(2) != folds(1)
    assert folds(1) == folds(1)
