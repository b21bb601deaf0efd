"""Small linear models shipped as JSON, applied without scikit-learn.

A model file (``ficlens/content/models/*.json``, written by ``ficlens.content.training``)
holds a vocabulary with idf weights, per-class weights for words and for signal features (with
the mean and scale that standardise them), and intercepts. Multi-class models give softmax
probabilities; a binary model (one weight column) gives a sigmoid probability of ``classes[1]``.
An *ordinal* model (``"link": "cumulative"``, classes mildest first) has one column fewer than
classes: column ``k`` is the sigmoid probability that the class is above ``classes[k]``, and a
class's probability is the difference of two neighbouring ones (Frank and Hall's reduction of
ordered classes to binary questions).
Because the model is linear, each word's share of a decision is its weight times its value:
that is how a decision is traced back to the passages that hold its words.

A binary model may carry a ``calibration``, ``[slope, intercept]`` on the logit of its
probability (Platt scaling, fitted on out-of-fold predictions in training): trained with
balanced classes, a warning model's probability runs about twice the real chance, which is
right for choosing a threshold but not for telling a reader how sure FicLens is.
:meth:`LinearModel.confidence` applies it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ficlens.content.features import tfidf

SCHEMA = "ficlens.linear/1"
_PAIRING_MODELS = frozenset({"pairing", "romance"})
"""Models ``ficlens train pairings`` writes (the others come from ``ficlens train ao3``)."""
LINKS = ("logistic", "cumulative")
"""``logistic``: softmax over classes (sigmoid for one column); ``cumulative``: ordinal."""


class ModelError(ValueError):
    """A model file is missing or malformed; the message names it."""


@dataclass(frozen=True, slots=True)
class LinearModel:
    """A trained linear model: see the module docstring for the file format."""

    name: str
    classes: tuple[str, ...]
    words: tuple[str, ...]
    idf: tuple[float, ...]
    word_weights: tuple[tuple[float, ...], ...]
    feature_names: tuple[str, ...]
    feature_mean: tuple[float, ...]
    feature_scale: tuple[float, ...]
    feature_weights: tuple[tuple[float, ...], ...]
    feature_factor: float
    intercept: tuple[float, ...]
    threshold: float
    meta: Mapping[str, Any]
    index: Mapping[str, int]
    link: str = "logistic"
    calibration: tuple[float, float] | None = None
    """Platt scaling of a binary model's probability: ``(slope, intercept)`` on its logit."""

    @classmethod
    def from_json(cls, data: Mapping[str, Any], *, source: str = "model") -> LinearModel:
        """Build a model from its JSON object, checking the schema and the shapes."""
        if data.get("schema") != SCHEMA:
            raise ModelError(f"{source}: not a {SCHEMA} model")
        try:
            words = tuple(data["words"])
            model = cls(
                name=str(data["name"]),
                classes=tuple(data["classes"]),
                words=words,
                idf=tuple(data["idf"]),
                word_weights=tuple(tuple(row) for row in data["word_weights"]),
                feature_names=tuple(data["feature_names"]),
                feature_mean=tuple(data["feature_mean"]),
                feature_scale=tuple(data["feature_scale"]),
                feature_weights=tuple(tuple(row) for row in data["feature_weights"]),
                feature_factor=float(data["feature_factor"]),
                intercept=tuple(data["intercept"]),
                threshold=float(data.get("threshold", 0.5)),
                meta=data.get("meta", {}),
                index={word: i for i, word in enumerate(words)},
                link=str(data.get("link", "logistic")),
                calibration=_pair(data["calibration"]) if "calibration" in data else None,
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ModelError(f"{source}: malformed model ({error})") from error
        if len(model.idf) != len(words) or len(model.word_weights) != len(words):
            raise ModelError(f"{source}: vocabulary, idf and weights differ in length")
        features = len(model.feature_names)
        if {len(model.feature_mean), len(model.feature_scale), len(model.feature_weights)} != {
            features
        }:
            raise ModelError(f"{source}: feature names, means, scales and weights differ in length")
        if model.link not in LINKS:
            raise ModelError(f"{source}: unknown link {model.link!r} (one of {', '.join(LINKS)})")
        if model.link == "cumulative" and len(model.intercept) != len(model.classes) - 1:
            raise ModelError(f"{source}: an ordinal model needs one column fewer than classes")
        return model

    def to_json(self) -> dict[str, Any]:
        """The model's JSON object (the inverse of :meth:`from_json`)."""
        return {
            "schema": SCHEMA,
            "name": self.name,
            "classes": list(self.classes),
            "words": list(self.words),
            "idf": list(self.idf),
            "word_weights": [list(r) for r in self.word_weights],
            "feature_names": list(self.feature_names),
            "feature_mean": list(self.feature_mean),
            "feature_scale": list(self.feature_scale),
            "feature_weights": [list(r) for r in self.feature_weights],
            "feature_factor": self.feature_factor,
            "intercept": list(self.intercept),
            "threshold": self.threshold,
            "meta": dict(self.meta),
            **({"link": self.link} if self.link != "logistic" else {}),
            **({"calibration": list(self.calibration)} if self.calibration else {}),
        }

    def confidence(self, probability: float) -> float:
        """How likely the positive class really is, given the model's ``probability`` of it.

        The calibration's mapping when the model has one, else the probability itself.

        >>> from dataclasses import replace
        >>> model = replace(load_model("warning.underage"), calibration=(1.0, -math.log(2)))
        >>> round(model.confidence(0.5), 3), round(model.confidence(0.0), 3)
        (0.333, 0.0)
        """
        if self.calibration is None or probability <= 0.0 or probability >= 1.0:
            return probability
        slope, intercept = self.calibration
        return _sigmoid(slope * math.log(probability / (1.0 - probability)) + intercept)

    def scores(self, counts: Mapping[str, int], features: Sequence[float]) -> list[float]:
        """The raw linear scores, one per weight column.

        A model with no feature names reads the words only and ignores ``features``.

        Raises:
            ModelError: the features are not the ones the model was trained on (the signals
                lexicon or the ranker's features changed since: retrain the model).
        """
        if not self.feature_names:
            features = ()
        if len(features) != len(self.feature_names):
            raise ModelError(
                f"model {self.name!r} expects {len(self.feature_names)} features, got "
                f"{len(features)}: its features changed; retrain with "
                f"`ficlens train {train_command(self.name)}`"
            )
        scores = list(self.intercept)
        for i, value in tfidf(counts, self.index, self.idf).items():
            for k, weight in enumerate(self.word_weights[i]):
                scores[k] += weight * value
        for j, value in enumerate(features):
            scaled = (value - self.feature_mean[j]) / self.feature_scale[j] * self.feature_factor
            for k, weight in enumerate(self.feature_weights[j]):
                scores[k] += weight * scaled
        return scores

    def probabilities(self, counts: Mapping[str, int], features: Sequence[float]) -> list[float]:
        """Class probabilities, in the order of :attr:`classes`."""
        scores = self.scores(counts, features)
        if self.link == "cumulative":
            return _ordinal([_sigmoid(s) for s in scores])
        if len(scores) == 1:
            p = _sigmoid(scores[0])
            return [1.0 - p, p]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def word_push(self, column: int) -> dict[str, float]:
        """Each vocabulary word's weight towards one column (class) of the model."""
        return {word: self.word_weights[i][column] for i, word in enumerate(self.words)}

    def class_push(self, chosen: int) -> dict[str, float]:
        """Each vocabulary word's pull towards class ``chosen`` rather than the others.

        For a softmax model, the word's weight for the class less its mean weight; for an
        ordinal one, its weights for "above" every milder class less those for "above" this
        class and every stronger one (a word pulls towards Teen when it raises "above General"
        and lowers "above Teen").
        """
        if self.link == "cumulative":
            return {
                word: sum(w if k < chosen else -w for k, w in enumerate(weights))
                for word, weights in zip(self.words, self.word_weights, strict=True)
            }
        columns = len(self.classes)
        return {
            word: weights[chosen] - sum(weights) / columns
            for word, weights in zip(self.words, self.word_weights, strict=True)
        }


def _sigmoid(score: float) -> float:
    if score < 0:  # never overflows: exp of a non-positive number
        e = math.exp(score)
        return e / (1.0 + e)
    return 1.0 / (1.0 + math.exp(-score))


def _ordinal(above: Sequence[float]) -> list[float]:
    """Class probabilities from "above class k" probabilities, kept non-increasing."""
    bounded: list[float] = []
    for p in above:
        bounded.append(min(p, bounded[-1]) if bounded else p)
    edges = [1.0, *bounded, 0.0]
    return [edges[k] - edges[k + 1] for k in range(len(edges) - 1)]


def train_command(name: str) -> str:
    """The ``ficlens train`` subcommand that writes the shipped model ``name``."""
    if name.startswith("tag."):
        return "tags"
    return "pairings" if name in _PAIRING_MODELS else "ao3"


def read_model(name: str) -> tuple[dict[str, Any], str]:
    """A shipped model's JSON object by name, with the label that names its file in errors.

    Raises:
        ModelError: the file is missing or is not JSON.
    """
    source = resources.files("ficlens.content").joinpath("models", f"{name}.json")
    label = f"ficlens/content/models/{name}.json"
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        message = (
            f"{label}: no such model; train it with `ficlens train {train_command(name)} FILE`"
        )
        raise ModelError(message) from error
    except json.JSONDecodeError as error:
        raise ModelError(f"{label}: not valid JSON: {error}") from error
    if not isinstance(data, dict):
        raise ModelError(f"{label}: not a model object")
    return data, label


@cache
def load_model(name: str) -> LinearModel:
    """A shipped linear model by name (``warning.major_character_death``, ``romance`` ...)."""
    data, label = read_model(name)
    return LinearModel.from_json(data, source=label)


def _pair(value: Any) -> tuple[float, float]:
    """A model file's ``[slope, intercept]``."""
    slope, intercept = value
    return float(slope), float(intercept)
