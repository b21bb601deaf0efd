"""The stacked rating model: a words stage under boosted trees, built by hand and trained small.

Every story line here is written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ficlens.content.corpus import AO3_RATINGS, ARCHIVE_WARNINGS, LabelledWork, prepare
from ficlens.content.features import signal_feature_names, signal_features, word_counts
from ficlens.content.linear import SCHEMA as LINEAR_SCHEMA
from ficlens.content.linear import LinearModel, ModelError
from ficlens.content.stacked import (
    SCHEMA,
    Calibration,
    StackedModel,
    above,
    load_stacked,
    word_feature_names,
)
from ficlens.content.training import MODELS
from ficlens.content.trees import SCHEMA as TREES_SCHEMA
from ficlens.content.trees import Tree

CLASSES = ["General Audiences", "Teen And Up Audiences", "Mature"]


def words_json(**changes: Any) -> dict[str, Any]:
    """An ordinal words-only model: ``blood`` raises both "above" scores."""
    data: dict[str, Any] = {
        "schema": LINEAR_SCHEMA,
        "name": "rating",
        "classes": CLASSES,
        "words": ["blood", "tea"],
        "idf": [1.0, 1.0],
        "word_weights": [[4.0, 4.0], [-4.0, -4.0]],
        "feature_names": [],
        "feature_mean": [],
        "feature_scale": [],
        "feature_weights": [],
        "feature_factor": 0.0,
        "intercept": [0.0, -2.0],
        "link": "cumulative",
    }
    return {**data, **changes}


def split(feature: int, threshold: float, left: float, right: float) -> dict[str, list[Any]]:
    """A one-split tree as JSON: ``left`` when the feature is at most ``threshold``."""
    tree = Tree(
        (feature, 0, 0),
        (threshold, 0.0, 0.0),
        (1, -1, -1),
        (2, -1, -1),
        (0, left, right),
        (2, 1, 1),
    )
    return tree.to_json()


def trees_json(**changes: Any) -> dict[str, Any]:
    """Trees over one signal feature and the words stage's two "above" probabilities."""
    data: dict[str, Any] = {
        "schema": TREES_SCHEMA,
        "classes": CLASSES,
        "feature_names": ["swearing", *word_feature_names(CLASSES)],
        "learning_rate": 1.0,
        "rounds": [[split(0, 0.0, 0.0, 0.0), split(1, 0.5, 0.0, 3.0), split(2, 0.5, 0.0, 5.0)]],
    }
    return {**data, **changes}


def stacked_json(**changes: Any) -> dict[str, Any]:
    data = {"schema": SCHEMA, "name": "rating", "words": words_json(), "trees": trees_json()}
    return {**data, **changes}


def test_above_and_the_word_feature_names() -> None:
    assert above([0.5, 0.25, 0.25]) == [0.5, 0.25]
    assert word_feature_names(AO3_RATINGS) == [
        "words.above_general",
        "words.above_teen",
        "words.above_mature",
    ]


def test_the_trees_read_the_features_then_the_words_stage() -> None:
    model = StackedModel.from_json(stacked_json())
    mild = model.tree_values(word_counts("tea"), [0.0])
    dark = model.tree_values(word_counts("blood"), [0.0])
    assert mild[0] == dark[0] == 0.0
    assert mild[1] < 0.5 and dark[1] > 0.5  # above General: sigmoid(-4) and sigmoid(4)
    assert mild[2] < 0.5 and dark[2] > 0.5  # above Teen: sigmoid(-6) and sigmoid(2)
    assert np.argmax(model.probabilities(word_counts("tea"), [0.0])) == 0
    assert np.argmax(model.probabilities(word_counts("blood"), [0.0])) == 2
    assert sum(model.probabilities(word_counts("blood"), [0.0])) == pytest.approx(1.0)


def test_pulls_say_which_features_favoured_a_class() -> None:
    model = StackedModel.from_json(stacked_json())
    towards_mature = model.pulls(model.tree_values(word_counts("blood"), [0.0]), 2)
    assert set(towards_mature) == {"words"}
    assert towards_mature["words"] == pytest.approx(2.5 - 2.5 / 3 - 1.5 / 3)
    towards_general = model.pulls(model.tree_values(word_counts("tea"), [0.0]), 0)
    assert towards_general["words"] == pytest.approx(4 / 3)


def test_json_round_trip_and_meta() -> None:
    model = StackedModel.from_json(stacked_json())
    assert StackedModel.from_json(model.to_json()) == model
    assert model.with_meta({"works": 3}).meta == {"works": 3}
    assert model.classes == tuple(CLASSES)
    calibrated = StackedModel.from_json(
        stacked_json(calibration={"scale": 0.5, "shifts": [0.0, 0.2, -0.4]})
    )
    assert calibrated.calibration == Calibration(0.5, (0.0, 0.2, -0.4))
    assert StackedModel.from_json(calibrated.to_json()) == calibrated
    assert calibrated.with_meta({"works": 3}).calibration == calibrated.calibration


def test_a_calibration_tempers_and_shifts_the_trees_probabilities() -> None:
    raw = [0.8, 0.15, 0.05]
    assert StackedModel.from_json(stacked_json()).calibrated(raw) == raw  # none: unchanged
    tempered = Calibration(0.5, (0.0, 0.0, 0.0)).apply(raw)
    root = [p**0.5 for p in raw]
    assert tempered == pytest.approx([r / sum(root) for r in root])
    assert tempered[0] < raw[0] and tempered[2] > raw[2]
    shifted = Calibration(1.0, (0.0, 0.0, -np.log(5.0))).apply(raw)
    assert shifted == pytest.approx([0.8 / 0.96, 0.15 / 0.96, 0.01 / 0.96])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"schema": "ficlens.linear/1"}, "rating.json: not a ficlens.stacked/1 model"),
        ({"trees": None}, r"rating.json \(trees\): not a ficlens.trees/1 model"),
        ({"words": []}, "its words stage is no object"),
        ({"words": words_json(link="logistic", intercept=[0.0])}, "must be ordinal"),
        ({"trees": trees_json(feature_names=["swearing", "a", "b"])}, "do not end with"),
        ({"trees": trees_json(learning_rate="x")}, r"rating.json \(trees\): malformed"),
        ({"words": words_json(idf=[1.0])}, r"rating.json \(words\): vocabulary, idf"),
        ({"calibration": {"scale": 1.0}}, r"rating.json: malformed calibration"),
        ({"calibration": {"scale": 1.0, "shifts": [0.0]}}, "needs 3 finite shifts"),
        ({"calibration": {"scale": "nan", "shifts": [0, 0, 0]}}, "needs 3 finite shifts"),
    ],
)
def test_a_malformed_model_names_its_file(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ModelError, match=message):
        StackedModel.from_json(stacked_json(**changes), source="rating.json")


def test_features_from_another_lexicon_ask_for_retraining() -> None:
    model = StackedModel.from_json(stacked_json())
    with pytest.raises(ModelError, match=r"expects 1 features, got 2.*ficlens train ao3"):
        model.probabilities(word_counts("tea"), [0.0, 1.0])


@pytest.mark.skipif(
    not (MODELS / "rating.json").is_file(), reason="the shipped rating model is not trained yet"
)
def test_the_shipped_rating_model_loads_and_matches_the_features() -> None:
    model = load_stacked("rating")
    assert model.classes == AO3_RATINGS
    assert model.trees.feature_names == (
        *signal_feature_names(),
        *word_feature_names(AO3_RATINGS),
    )
    assert model.words.feature_names == ()
    assert model is load_stacked("rating")
    probabilities = model.probabilities(word_counts("The owl flew home."), signal_features([], 4))
    assert len(probabilities) == len(AO3_RATINGS)
    assert sum(probabilities) == pytest.approx(1.0)
    assert model.meta["works"] > 1000


# --- training on a few works -----------------------------------------------------------------

STORIES = {
    "General Audiences": "They drank tea in the garden and talked about roses and the cat.",
    "Teen And Up Audiences": "Damn it, he shouted, and the bloody door slammed. Shit, she said.",
    "Mature": "He punched him and blood ran down his broken face; the knife cut deep.",
    "Explicit": "She moaned as he thrust into her, naked, his cock hard, until her orgasm.",
}


def test_a_stacked_model_learns_what_it_was_shown() -> None:
    pytest.importorskip("sklearn")
    from ficlens.content.training import probabilities, rating_fitter

    works = [
        LabelledWork(
            work_id=str(n),
            group=f"author{n % 12}",
            text="\n\n".join([STORIES[AO3_RATINGS[n % 4]]] * 4),
            rating=AO3_RATINGS[n % 4],
            warnings=(),
        )
        for n in range(48)
    ]
    prepared = [prepare(w) for w in works]
    y = np.array([n % 4 for n in range(48)])
    model = rating_fitter(prepared, y, [w.group for w in works])
    found = probabilities(model, prepared).argmax(axis=1)
    assert list(found) == list(y)
    assert model.words.link == "cumulative" and model.words.feature_names == ()
    assert "moaned" in model.words.words or "orgasm" in model.words.words


def test_training_writes_a_stacked_rating_model_and_linear_warning_models(
    tmp_path: Path,
) -> None:
    pytest.importorskip("sklearn")
    from ficlens.content.training import train_models

    all_four = list(ARCHIVE_WARNINGS.values())
    rows = [
        {
            "work_id": str(n),
            "authors": [f"author{n % 12}"],
            "rating": AO3_RATINGS[n % 4],
            "warnings": all_four if n % 3 == 0 else ["No Archive Warnings Apply"],
            "text": "\n\n".join([STORIES[AO3_RATINGS[n % 4]]] * 4),
        }
        for n in range(48)
    ]
    path = tmp_path / "works.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    said: list[str] = []
    train_models(path, say=said.append, out=tmp_path / "models")
    rating = json.loads((tmp_path / "models" / "rating.json").read_text("utf-8"))
    model = StackedModel.from_json(rating)
    assert model.meta["works"] == 48 and model.meta["data"] == "works.jsonl"
    for key in ARCHIVE_WARNINGS:
        data = json.loads((tmp_path / "models" / f"warning.{key}.json").read_text("utf-8"))
        assert LinearModel.from_json(data).meta["works"] == 48
    assert "training the rating model" in said
    assert sum(line.startswith("wrote ") for line in said) == 1 + len(ARCHIVE_WARNINGS)


def test_the_fitted_scaling_undoes_overconfidence_and_balanced_weights() -> None:
    """Probabilities squared (overconfident) and class 2 made five times likelier (as balanced
    training weights make a rare class) are brought back to the chances they came from."""
    pytest.importorskip("scipy")
    from ficlens.content.tree_training import fit_scaling

    rng = np.random.default_rng(7)
    true = rng.dirichlet([1.0, 1.0, 1.0], size=6000)
    y = np.array([rng.choice(3, p=row) for row in true])
    skewed = true**2 * np.array([1.0, 1.0, 5.0])
    reported = skewed / skewed.sum(axis=1, keepdims=True)
    fitted = fit_scaling(reported, y)
    assert fitted.scale == pytest.approx(0.5, abs=0.05)
    assert fitted.shifts[0] == 0.0
    assert fitted.shifts[1] == pytest.approx(0.0, abs=0.1)
    assert fitted.shifts[2] == pytest.approx(-0.5 * np.log(5.0), abs=0.1)
    back = np.array([fitted.apply(list(row)) for row in reported])
    assert np.abs(back - true).mean() < 0.02
