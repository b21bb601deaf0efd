"""Linear models without scikit-learn, their features, and the passages behind a decision.

The models here are built by hand so that every probability can be worked out on paper.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

import ficlens.content
from ficlens.content.cooccurrence import near_specs
from ficlens.content.evidence import MAX_SENTENCE, pushing_sentences
from ficlens.content.features import (
    signal_feature_names,
    signal_features,
    tfidf,
    word_counts,
)
from ficlens.content.linear import SCHEMA, LinearModel, ModelError, load_model
from ficlens.content.signals import Hit, signal_specs
from ficlens.model import Span

MODELS = Path(ficlens.content.__file__).parent / "models"


def three_class() -> dict[str, Any]:
    """Three classes, three words, one feature.

    With counts ``{"blood": 1, "tea": 1}`` the unit tf-idf vector is blood 0.6, tea 0.8
    (idf 3 and 4, norm 5); feature value 10 standardises to ``(10 - 2) / 4 * 0.5 = 1``.
    """
    return {
        "schema": SCHEMA,
        "name": "toy",
        "classes": ["calm", "tense", "cosy"],
        "words": ["blood", "kiss", "tea"],
        "idf": [3.0, 2.0, 4.0],
        "word_weights": [[2.0, 0.0, -1.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
        "feature_names": ["length"],
        "feature_mean": [2.0],
        "feature_scale": [4.0],
        "feature_weights": [[1.0, 0.0, 0.0]],
        "feature_factor": 0.5,
        "intercept": [0.0, 0.5, 0.0],
        "threshold": 0.5,
        "meta": {"work_ids": ["1", "2"]},
    }


def binary() -> dict[str, Any]:
    """One weight column: the sigmoid of the score is the probability of ``classes[1]``."""
    return {
        "schema": SCHEMA,
        "name": "warning.toy",
        "classes": ["no", "yes"],
        "words": ["blood", "tea"],
        "idf": [3.0, 4.0],
        "word_weights": [[2.0], [-1.0]],
        "feature_names": ["length"],
        "feature_mean": [0.0],
        "feature_scale": [1.0],
        "feature_weights": [[0.5]],
        "feature_factor": 1.0,
        "intercept": [-0.25],
    }


# --- LinearModel ---------------------------------------------------------------------------


def test_scores_hand_computed() -> None:
    model = LinearModel.from_json(three_class())
    scores = model.scores({"blood": 1, "tea": 1, "unknown": 7}, [10.0])
    # calm: 2 * 0.6 + 1 * 1.0; tense: intercept 0.5; cosy: -1 * 0.6 + 1 * 0.8
    assert scores == pytest.approx([2.2, 0.5, 0.2])


def test_softmax_probabilities_hand_computed() -> None:
    model = LinearModel.from_json(three_class())
    probabilities = model.probabilities({"blood": 1, "tea": 1}, [10.0])
    exps = [math.exp(2.2), math.exp(0.5), math.exp(0.2)]
    assert probabilities == pytest.approx([e / sum(exps) for e in exps])
    assert sum(probabilities) == pytest.approx(1.0)
    assert probabilities.index(max(probabilities)) == 0


def test_softmax_is_stable_for_large_scores() -> None:
    data = three_class()
    data["intercept"] = [1000.0, 999.0, -1000.0]
    probabilities = LinearModel.from_json(data).probabilities({}, [2.0])
    e = math.exp(-1.0)
    assert probabilities == pytest.approx([1 / (1 + e), e / (1 + e), 0.0])


def test_no_known_words_leaves_intercept_and_features() -> None:
    model = LinearModel.from_json(three_class())
    assert model.scores({"nothing": 3}, [2.0]) == pytest.approx([0.0, 0.5, 0.0])


def test_a_repeated_word_is_weighted_by_one_plus_log_tf_before_normalising() -> None:
    model = LinearModel.from_json(three_class())
    # blood alone is a unit vector whatever its count.
    assert model.scores({"blood": 5}, [2.0]) == pytest.approx([2.0, 0.5, -1.0])
    # blood three times: (1 + log 3) * 3; tea once: 4.
    blood, tea = (1 + math.log(3)) * 3.0, 4.0
    norm = math.hypot(blood, tea)
    scores = model.scores({"blood": 3, "tea": 1}, [2.0])
    assert scores == pytest.approx([2 * blood / norm, 0.5, (tea - blood) / norm])


def test_binary_sigmoid_probability_hand_computed() -> None:
    model = LinearModel.from_json(binary())
    # score: -0.25 + 2 * 0.6 - 1 * 0.8 + 0.5 * 1.0 = 0.65
    assert model.scores({"blood": 1, "tea": 1}, [1.0]) == pytest.approx([0.65])
    no, yes = model.probabilities({"blood": 1, "tea": 1}, [1.0])
    assert yes == pytest.approx(1 / (1 + math.exp(-0.65)))
    assert no == pytest.approx(1 - yes)


def test_binary_model_defaults() -> None:
    model = LinearModel.from_json(binary())
    assert model.threshold == 0.5
    assert model.meta == {}
    assert model.index == {"blood": 0, "tea": 1}
    assert model.calibration is None
    assert model.confidence(0.3) == 0.3  # no calibration: the probability itself


def test_a_calibrated_model_maps_its_probability_and_round_trips() -> None:
    model = LinearModel.from_json({**binary(), "calibration": [0.5, -1.0]})
    plain = LinearModel.from_json(binary()).to_json()
    assert model.to_json() == {**plain, "calibration": [0.5, -1.0]}
    assert "calibration" not in plain
    # logit(0.8) = ln 4; 0.5 * ln 4 - 1 = ln 2 - 1, so sigmoid gives 1 / (1 + e / 2)
    assert model.confidence(0.8) == pytest.approx(1 / (1 + math.e / 2))
    assert model.confidence(0.0) == 0.0 and model.confidence(1.0) == 1.0


def test_a_malformed_calibration_is_a_model_error() -> None:
    with pytest.raises(ModelError, match="malformed"):
        LinearModel.from_json({**binary(), "calibration": [0.5]})


def test_word_push_is_each_words_weight_towards_a_column() -> None:
    model = LinearModel.from_json(three_class())
    assert model.word_push(0) == {"blood": 2.0, "kiss": 0.0, "tea": 0.0}
    assert model.word_push(2) == {"blood": -1.0, "kiss": 0.0, "tea": 1.0}


def ordinal() -> dict[str, Any]:
    """Three ordered classes, two "above" columns, one word and no useful feature."""
    return {
        "schema": SCHEMA,
        "name": "toy.ordinal",
        "classes": ["mild", "middling", "strong"],
        "words": ["blood"],
        "idf": [1.0],
        "word_weights": [[2.0, 1.0]],
        "feature_names": ["length"],
        "feature_mean": [0.0],
        "feature_scale": [1.0],
        "feature_weights": [[0.0, 0.0]],
        "feature_factor": 1.0,
        "intercept": [0.0, -1.0],
        "threshold": 0.5,
        "meta": {},
        "link": "cumulative",
    }


def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def test_ordinal_probabilities_are_differences_of_above_probabilities() -> None:
    model = LinearModel.from_json(ordinal())
    # with "blood" once: above mild = sigmoid(2), above middling = sigmoid(1 - 1) = 0.5
    mild, middling, strong = model.probabilities({"blood": 1}, [0.0])
    assert mild == pytest.approx(1 - sigmoid(2.0))
    assert middling == pytest.approx(sigmoid(2.0) - 0.5)
    assert strong == pytest.approx(0.5)
    # without it: above mild 0.5, above middling sigmoid(-1)
    assert model.probabilities({}, [0.0]) == pytest.approx(
        [0.5, 0.5 - sigmoid(-1.0), sigmoid(-1.0)]
    )


def test_ordinal_probabilities_never_go_negative() -> None:
    data = ordinal()
    data["intercept"] = [-3.0, 2.0]  # "above middling" more likely than "above mild"
    probabilities = LinearModel.from_json(data).probabilities({}, [0.0])
    assert min(probabilities) == 0.0
    assert sum(probabilities) == pytest.approx(1.0)
    assert probabilities[1] == 0.0  # nothing is left between the two boundaries


def test_ordinal_extreme_scores_do_not_overflow() -> None:
    data = ordinal()
    data["intercept"] = [-5000.0, -6000.0]
    assert LinearModel.from_json(data).probabilities({}, [0.0]) == [1.0, 0.0, 0.0]


def test_class_push_of_an_ordinal_model() -> None:
    model = LinearModel.from_json(ordinal())
    # mild: against both boundaries; middling: above mild, not above middling; strong: both
    assert model.class_push(0) == {"blood": -3.0}
    assert model.class_push(1) == {"blood": 1.0}
    assert model.class_push(2) == {"blood": 3.0}


def test_class_push_of_a_softmax_model_is_weight_less_mean() -> None:
    model = LinearModel.from_json(three_class())
    assert model.class_push(0) == pytest.approx({"blood": 2 - 1 / 3, "kiss": -1 / 3, "tea": -1 / 3})


def test_an_ordinal_model_round_trips_with_its_link() -> None:
    model = LinearModel.from_json(ordinal())
    assert model.link == "cumulative"
    assert model.to_json() == ordinal()
    assert "link" not in LinearModel.from_json(three_class()).to_json()


def test_an_unknown_link_is_a_model_error() -> None:
    data = ordinal()
    data["link"] = "probit"
    with pytest.raises(ModelError, match="unknown link 'probit'"):
        LinearModel.from_json(data, source="toy.json")


def test_an_ordinal_model_with_a_column_per_class_is_a_model_error() -> None:
    data = three_class()
    data["link"] = "cumulative"
    with pytest.raises(ModelError, match="one column fewer than classes"):
        LinearModel.from_json(data)


def test_to_json_round_trip() -> None:
    data = three_class()
    model = LinearModel.from_json(data)
    assert model.to_json() == data
    again = LinearModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again == model
    assert again.probabilities({"kiss": 2}, [3.0]) == model.probabilities({"kiss": 2}, [3.0])


def test_to_json_writes_the_defaults_it_read() -> None:
    written = LinearModel.from_json(binary()).to_json()
    assert written["threshold"] == 0.5
    assert written["meta"] == {}
    assert written["schema"] == SCHEMA


@pytest.mark.parametrize("schema", [None, "ficlens.linear/2", "sklearn"])
def test_wrong_schema_is_a_model_error(schema: str | None) -> None:
    data = three_class()
    data["schema"] = schema
    with pytest.raises(ModelError, match=r"toy\.json: not a ficlens\.linear/1 model"):
        LinearModel.from_json(data, source="toy.json")


def test_missing_schema_is_a_model_error() -> None:
    data = three_class()
    del data["schema"]
    with pytest.raises(ModelError, match="not a"):
        LinearModel.from_json(data)


@pytest.mark.parametrize("key", ["name", "words", "idf", "intercept", "feature_factor"])
def test_a_missing_field_is_a_malformed_model(key: str) -> None:
    data = three_class()
    del data[key]
    with pytest.raises(ModelError, match=r"toy\.json: malformed model"):
        LinearModel.from_json(data, source="toy.json")


def test_a_non_number_factor_is_a_malformed_model() -> None:
    data = three_class()
    data["feature_factor"] = "heavy"
    with pytest.raises(ModelError, match="malformed"):
        LinearModel.from_json(data)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("idf", [3.0, 2.0]),
        ("idf", [3.0, 2.0, 4.0, 1.0]),
        ("word_weights", [[2.0, 0.0, -1.0], [0.0, 1.0, 0.0]]),
        ("words", ["blood", "kiss"]),
    ],
)
def test_vocabulary_idf_and_weights_of_different_lengths(key: str, value: list[Any]) -> None:
    data = three_class()
    data[key] = value
    with pytest.raises(ModelError, match=r"toy\.json: vocabulary, idf and weights differ"):
        LinearModel.from_json(data, source="toy.json")


@pytest.mark.parametrize("features", [[], [1.0, 2.0]])
def test_the_wrong_number_of_features_is_a_model_error(features: list[float]) -> None:
    model = LinearModel.from_json(three_class())
    with pytest.raises(ModelError, match=rf"'toy' expects 1 features, got {len(features)}"):
        model.scores({"blood": 1}, features)
    with pytest.raises(ModelError, match="retrain"):
        model.probabilities({"blood": 1}, features)


def test_feature_arrays_of_different_lengths_are_a_model_error() -> None:
    data = three_class()
    data["feature_names"] = ["length", "violence.mild.on_page"]
    with pytest.raises(ModelError):
        LinearModel.from_json(data).scores({}, [1.0, 2.0])


# --- features ------------------------------------------------------------------------------


def test_word_counts_lower_cases_and_keeps_contractions() -> None:
    counts = word_counts("Don't, DON'T go! The 3 owls don’t go either.")
    assert counts == {"don't": 3, "go": 2, "the": 1, "owls": 1, "either": 1}


def test_word_counts_drops_digits_and_punctuation() -> None:
    assert word_counts("42 -- !!! 7.5") == {}
    assert word_counts("B4 you go") == {"b": 1, "you": 1, "go": 1}


def test_tfidf_is_unit_length_and_ignores_unknown_words() -> None:
    index = {"blood": 0, "kiss": 1, "tea": 2}
    idf = [3.0, 2.0, 4.0]
    weights = tfidf({"blood": 3, "tea": 1, "gravel": 9}, index, idf)
    assert set(weights) == {0, 2}
    assert math.sqrt(sum(w * w for w in weights.values())) == pytest.approx(1.0)
    raw_blood, raw_tea = (1 + math.log(3)) * 3.0, 4.0
    assert weights[0] / weights[2] == pytest.approx(raw_blood / raw_tea)


def test_tfidf_hand_computed() -> None:
    assert tfidf({"blood": 1, "tea": 1}, {"blood": 0, "tea": 1}, [3.0, 4.0]) == pytest.approx(
        {0: 0.6, 1: 0.8}
    )


def test_tfidf_of_no_known_words_is_empty() -> None:
    assert tfidf({"gravel": 2}, {"blood": 0}, [1.0]) == {}
    assert tfidf({}, {"blood": 0}, [1.0]) == {}


def test_signal_feature_names_and_values_line_up() -> None:
    specs = signal_specs()
    names = signal_feature_names()
    near = near_specs()
    assert len(names) == 3 * sum(len(s.levels) for s in specs) + len(near) + 1
    assert names[-1] == "length"
    assert names[-1 - len(near) : -1] == [f"near.{spec.name}" for spec in near]
    assert names[:3] == [
        f"{specs[0].name}.{specs[0].levels[0].name}.{kind}"
        for kind in ("on_page", "framed", "density")
    ]
    hits = [
        Hit("violence", 0, Span(0, 5), Span(0, 10), None),
        Hit("violence", 0, Span(20, 25), Span(20, 30), None),
        Hit("violence", 0, Span(40, 45), Span(40, 50), "dream"),
    ]
    values = dict(zip(names, signal_features(hits, 5000), strict=True))
    assert values["violence.mild.on_page"] == pytest.approx(math.log1p(2))
    assert values["violence.mild.framed"] == pytest.approx(math.log1p(1))
    assert values["violence.mild.density"] == pytest.approx(math.log1p(2 / 0.5))
    assert values["length"] == pytest.approx(math.log1p(5000))
    assert values["violence.serious.on_page"] == 0.0
    assert values["sexual.romance.on_page"] == 0.0
    assert values["near.violence_near_sexual"] == 0.0


def test_a_co_occurrence_feature_counts_its_sentences() -> None:
    """Issue 4: a stated age beside a sexual passage is a feature of its own."""
    hits = [
        Hit("minor", 1, Span(0, 5), Span(0, 40), None),
        Hit("sexual", 3, Span(50, 55), Span(45, 90), None),
        Hit("minor", 0, Span(2000, 2005), Span(2000, 2040), None),
    ]
    values = dict(zip(signal_feature_names(), signal_features(hits, 1000), strict=True))
    assert values["near.minor_near_sexual"] == pytest.approx(math.log1p(1))
    assert values["near.school_near_sexual"] == 0.0


# --- pushing_sentences ---------------------------------------------------------------------

STORY = (
    "The kettle boiled over. Nell found blood on the stairs. "
    "A knife lay by the door and blood was on it. The cat slept.\n\n"
    "Later there was tea and cake. The knife was gone."
)
PUSH = {"blood": 1.0, "knife": 0.5, "tea": -2.0, "cake": 1.0}


def story_paragraphs(text: str) -> list[Span]:
    first = text.index("\n\n")
    return [Span(0, first), Span(first + 2, len(text))]


def test_pushing_sentences_strongest_first() -> None:
    found = pushing_sentences(STORY, story_paragraphs(STORY), PUSH)
    assert [s.of(STORY) for s in found] == [
        "A knife lay by the door and blood was on it.",  # 1.5
        "Nell found blood on the stairs.",  # 1.0
        "The knife was gone.",  # 0.5
    ]


def test_pushing_sentences_is_capped_by_limit() -> None:
    found = pushing_sentences(STORY, story_paragraphs(STORY), PUSH, limit=1)
    assert [s.of(STORY) for s in found] == ["A knife lay by the door and blood was on it."]


def test_pushing_sentences_skips_sentences_that_do_not_push() -> None:
    found = pushing_sentences(STORY, story_paragraphs(STORY), PUSH, limit=10)
    texts = [s.of(STORY) for s in found]
    assert "Later there was tea and cake." not in texts  # -2 + 1 < 0
    assert "The cat slept." not in texts
    assert len(texts) == 3


def test_pushing_sentences_ties_go_to_the_earlier_sentence() -> None:
    text = "The blood dried. The blood spread. The blood ran."
    found = pushing_sentences(text, [Span(0, len(text))], {"blood": 1.0}, limit=2)
    assert [s.of(text) for s in found] == ["The blood dried.", "The blood spread."]


def test_pushing_sentences_skips_run_on_sentences() -> None:
    run_on = "blood and " * (MAX_SENTENCE // 10 + 1) + "more."
    text = f"{run_on} A drop of blood."
    assert len(run_on) > MAX_SENTENCE
    found = pushing_sentences(text, [Span(0, len(text))], {"blood": 1.0})
    assert [s.of(text) for s in found] == ["A drop of blood."]


def test_pushing_sentences_with_nothing_pushing_is_empty() -> None:
    assert pushing_sentences(STORY, story_paragraphs(STORY), {}) == ()
    assert pushing_sentences(STORY, story_paragraphs(STORY), {"tea": -1.0}) == ()
    assert pushing_sentences(STORY, [], PUSH) == ()


# --- shipped models ------------------------------------------------------------------------


@pytest.mark.skipif(
    not (MODELS / "warning.major_character_death.json").is_file(),
    reason="the shipped warning models are not trained yet",
)
def test_a_shipped_warning_model_loads_and_matches_the_features() -> None:
    model = load_model("warning.major_character_death")
    assert model.classes == ("no", "major_character_death")
    assert model.feature_names == tuple(signal_feature_names())
    assert model is load_model("warning.major_character_death")
    probabilities = model.probabilities(word_counts("The owl flew home."), signal_features([], 4))
    assert len(probabilities) == 2
    assert sum(probabilities) == pytest.approx(1.0)


def test_a_words_only_model_ignores_the_signal_features() -> None:
    data = {
        "schema": SCHEMA,
        "name": "words",
        "classes": ["no", "yes"],
        "words": ["owl"],
        "idf": [1.0],
        "word_weights": [[2.0]],
        "feature_names": [],
        "feature_mean": [],
        "feature_scale": [],
        "feature_weights": [],
        "feature_factor": 0.0,
        "intercept": [-1.0],
    }
    model = LinearModel.from_json(data)
    assert model.scores(word_counts("owl"), [5.0, 6.0]) == model.scores(word_counts("owl"), ())
    assert model.scores(word_counts("owl"), ()) == [1.0]


def test_an_unknown_model_is_a_model_error() -> None:
    with pytest.raises(ModelError, match=r"models/no_such_model_here\.json: no such model"):
        load_model("no_such_model_here")
