"""Boosted trees as JSON: hand-made trees, malformed files, and agreement with scikit-learn."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from ficlens.content.trees import SCHEMA, BoostedTrees, TreeError

CLASSES = ["low", "mid", "high"]


def stump(feature: int, threshold: float, left: float, right: float) -> dict[str, list[Any]]:
    """A tree of one split: ``left`` when the feature is at most ``threshold``."""
    return {
        "feature": [feature, 0, 0],
        "threshold": [threshold, 0.0, 0.0],
        "left": [1, -1, -1],
        "right": [2, -1, -1],
        "value": [0.0, left, right],
    }


def leaf(value: float) -> dict[str, list[Any]]:
    return {"feature": [0], "threshold": [0.0], "left": [-1], "right": [-1], "value": [value]}


def model_json(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "classes": CLASSES,
        "feature_names": ["swearing", "length"],
        "learning_rate": 0.5,
        "rounds": [
            [stump(0, 1.5, 2.0, -2.0), leaf(0.0), stump(0, 1.5, -2.0, 2.0)],
            [leaf(0.0), stump(1, 10.0, 0.0, 4.0), leaf(0.0)],
        ],
    }
    return {**data, **changes}


def test_scores_sum_the_leaves_reached_times_the_rate() -> None:
    model = BoostedTrees.from_json(model_json())
    assert model.scores([0.0, 5.0]) == [1.0, 0.0, -1.0]
    assert model.scores([3.0, 20.0]) == [-1.0, 2.0, 1.0]


def test_probabilities_are_the_softmax_of_the_scores() -> None:
    model = BoostedTrees.from_json(model_json())
    probabilities = model.probabilities([0.0, 5.0])
    total = math.e + 1 + 1 / math.e
    assert probabilities == pytest.approx([math.e / total, 1 / total, 1 / math.e / total])
    assert sum(probabilities) == pytest.approx(1.0)


def test_a_value_goes_left_at_the_threshold_in_single_precision() -> None:
    # 0.1 in single precision is a little above 0.1 in double precision; scikit-learn's trees
    # compare the single-precision value, so a threshold of exactly that sends 0.1 left
    threshold = float(np.float32(0.1))
    assert threshold > 0.1
    model = BoostedTrees.from_json(
        model_json(rounds=[[stump(0, threshold, 1.0, -1.0), leaf(0.0), leaf(0.0)]])
    )
    assert model.scores([0.1, 0.0])[0] == 0.5
    assert model.scores([0.1000001, 0.0])[0] == -0.5


def test_json_round_trip() -> None:
    model = BoostedTrees.from_json(model_json())
    assert BoostedTrees.from_json(model.to_json()) == model


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"schema": "other/1"}, "not a ficlens.trees/1 model"),
        ({"learning_rate": "fast"}, "malformed boosted model"),
        ({"rounds": [[leaf(0.0), leaf(0.0)]]}, "one tree per class"),
        ({"classes": ["yes", "no"], "rounds": [[leaf(0), leaf(0)]]}, "three classes or more"),
        ({"rounds": [[{**leaf(0.0), "value": []}, leaf(0), leaf(0)]]}, "differ in length"),
        ({"rounds": [[stump(5, 1.0, 0, 0), leaf(0), leaf(0)]]}, "splits on feature 5 of 2"),
        (
            {"rounds": [[{**stump(0, 1.0, 0, 0), "left": [0, -1, -1]}, leaf(0), leaf(0)]]},
            "points outside its tree or back up it",
        ),
    ],
)
def test_a_malformed_model_is_a_clear_error(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(TreeError, match=message):
        BoostedTrees.from_json(model_json(**changes))


def test_too_few_or_too_many_features_is_a_clear_error() -> None:
    model = BoostedTrees.from_json(model_json())
    with pytest.raises(TreeError, match="expects 2 features, got 3"):
        model.scores([1.0, 2.0, 3.0])


def test_trees_fitted_by_scikit_learn_give_its_probabilities() -> None:
    sklearn_ensemble = pytest.importorskip("sklearn.ensemble")
    from sklearn.utils.class_weight import compute_sample_weight

    from ficlens.content.tree_training import TREE_DEPTH, TREE_RATE, TREE_ROUNDS, fit_trees

    rng = np.random.default_rng(7)
    x = rng.normal(size=(300, 4)).astype(np.float64)
    x[:, 3] = np.round(x[:, 3], 1)  # ties: values that sit on thresholds' neighbours
    y = np.digitize(x[:, 0] + 0.5 * x[:, 1] * x[:, 2] + rng.normal(scale=0.3, size=300), [-1, 1])
    y[y == 2] = np.where(x[y == 2, 3] > 0, 3, 2)
    classes = ["a", "b", "c", "d"]
    ours = fit_trees(x, y, classes, ["f0", "f1", "f2", "f3"])
    reference = sklearn_ensemble.GradientBoostingClassifier(
        learning_rate=TREE_RATE,
        n_estimators=TREE_ROUNDS,
        max_depth=TREE_DEPTH,
        init="zero",
        random_state=0,
    ).fit(x, y, sample_weight=compute_sample_weight("balanced", y))
    probe = np.vstack([x, rng.normal(size=(100, 4))])
    expected = reference.predict_proba(probe)
    found = np.array([ours.probabilities(list(row)) for row in probe])
    assert np.abs(found - expected).max() < 1e-5
    assert len(ours.rounds) == TREE_ROUNDS
    assert BoostedTrees.from_json(ours.to_json()) == ours


def test_fitting_refuses_a_class_without_works() -> None:
    pytest.importorskip("sklearn")
    from ficlens.content.tree_training import fit_trees

    x = np.zeros((6, 1))
    with pytest.raises(ValueError, match="no training works labelled c"):
        fit_trees(x, np.array([0, 1, 0, 1, 0, 1]), ["a", "b", "c"], ["f"])
    with pytest.raises(ValueError, match="1 feature columns but 2 names"):
        fit_trees(x, np.array([0, 1, 2, 0, 1, 2]), ["a", "b", "c"], ["f", "g"])


# --- contributions ---------------------------------------------------------------------------


def covered(tree: dict[str, list[Any]], cover: list[float]) -> dict[str, list[Any]]:
    return {**tree, "cover": cover}


def test_contributions_credit_each_step_to_the_feature_split_on() -> None:
    # class "low": 3 works went left (value 2), 1 went right (value -2), so its tree's expected
    # value is 1; a work going left moves it by +1, one going right by -3
    rounds = [
        [
            covered(stump(0, 1.5, 2.0, -2.0), [4, 3, 1]),
            covered(leaf(0.0), [4]),
            covered(stump(1, 10.0, 0.0, 4.0), [4, 2, 2]),
        ]
    ]
    model = BoostedTrees.from_json(model_json(rounds=rounds))
    assert model.base(0) == pytest.approx(0.5)
    assert model.contributions([0.0, 20.0], 0) == pytest.approx({"swearing": 0.5})
    assert model.contributions([3.0, 20.0], 0) == pytest.approx({"swearing": -1.5})
    assert model.contributions([3.0, 20.0], 2) == pytest.approx({"length": 1.0})
    assert model.contributions([3.0, 20.0], 1) == {}


def test_a_model_without_covers_cannot_be_traced() -> None:
    model = BoostedTrees.from_json(model_json())
    with pytest.raises(TreeError, match="keeps no cover"):
        model.contributions([0.0, 0.0], 0)


def test_contributions_and_base_sum_to_the_score_of_fitted_trees() -> None:
    pytest.importorskip("sklearn")
    from ficlens.content.tree_training import fit_trees

    rng = np.random.default_rng(3)
    x = rng.normal(size=(200, 3))
    y = np.digitize(x[:, 0] + x[:, 1] * x[:, 2], [-0.5, 0.5])
    model = fit_trees(x, y, ["a", "b", "c"], ["f0", "f1", "f2"], rounds=20)
    for row in rng.normal(size=(20, 3)):
        values = list(row)
        for column in range(3):
            total = model.base(column) + sum(model.contributions(values, column).values())
            assert total == pytest.approx(model.scores(values)[column], abs=1e-9)
