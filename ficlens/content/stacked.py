"""The rating model: a linear model of the words, stacked under boosted trees over the signals.

Two stages, both shipped in one JSON file (``ficlens/content/models/rating.json``):

1. ``words``: an ordinal linear model (:mod:`ficlens.content.linear`) that reads the story's
   words only and gives the probability that its rating is above General, above Teen And Up,
   above Mature;
2. ``trees``: gradient-boosted trees (:mod:`ficlens.content.trees`) that read the content-signal
   features (:mod:`ficlens.content.features`) and those three word probabilities, and give the
   four ratings' probabilities.

Why two stages: the signals interact in ways one linear score cannot weigh (how much swearing
counts depends on the length; a little sexual content means more beside violence than in a
romance), and trees capture that, while thousands of sparse word weights are what a linear
model reads best. In training (``ficlens.content.training``) the trees learn from word
probabilities *out of fold* (from word models that never saw the work's author), the same kind
the words stage gives a new work at run time.

The trees are fitted with balanced class weights, so their probabilities lean towards the rare
ratings. A ``calibration`` (:class:`Calibration`, fitted in training on the trees'
probabilities out of fold) maps them to the share of works that have each rating; the rating
is still decided on the trees' own probabilities (:func:`ficlens.content.rating.decide`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ficlens.content.linear import LinearModel, ModelError, read_model, train_command
from ficlens.content.trees import BoostedTrees, TreeError

SCHEMA = "ficlens.stacked/1"


def above(probabilities: Sequence[float]) -> list[float]:
    """From ordered class probabilities, the probability of being above each class but the last.

    Example:
        >>> [round(p, 2) for p in above([0.5, 0.25, 0.15, 0.1])]
        [0.5, 0.25, 0.1]
    """
    return [sum(probabilities[k + 1 :]) for k in range(len(probabilities) - 1)]


def word_feature_names(classes: Sequence[str]) -> list[str]:
    """The names of the features the words stage gives the trees (``words.above_general`` ...)."""
    return [f"words.above_{c.split()[0].lower()}" for c in classes[:-1]]


@dataclass(frozen=True, slots=True)
class Calibration:
    """A scaling of class probabilities: ``q_k`` proportional to ``exp(scale * log p_k + shift_k)``.

    ``scale`` below 1 tempers overconfident probabilities; the shifts (the first class's is 0)
    move them back towards the classes' real shares, which balanced training weights distort.

    Example:
        >>> [round(q, 3) for q in Calibration(0.5, (0.0, 0.0)).apply([0.9, 0.1])]
        [0.75, 0.25]
    """

    scale: float
    shifts: tuple[float, ...]

    def apply(self, probabilities: Sequence[float]) -> list[float]:
        """The calibrated probabilities, in the same order."""
        scores = [
            self.scale * math.log(max(p, 1e-12)) + shift
            for p, shift in zip(probabilities, self.shifts, strict=True)
        ]
        top = max(scores)
        exps = [math.exp(score - top) for score in scores]
        total = sum(exps)
        return [e / total for e in exps]

    @classmethod
    def from_json(cls, data: Any, classes: int, *, source: str) -> Calibration:
        """Read ``{"scale": s, "shifts": [...]}``; raises :class:`ModelError` if malformed."""
        try:
            scale, shifts = float(data["scale"]), tuple(float(v) for v in data["shifts"])
        except (KeyError, TypeError, ValueError) as error:
            raise ModelError(f"{source}: malformed calibration ({error})") from error
        if len(shifts) != classes or not all(map(math.isfinite, (scale, *shifts))):
            raise ModelError(f"{source}: the calibration needs {classes} finite shifts")
        return cls(scale, shifts)

    def to_json(self) -> dict[str, Any]:
        """The calibration's JSON object (the inverse of :meth:`from_json`)."""
        return {"scale": self.scale, "shifts": list(self.shifts)}


@dataclass(frozen=True, slots=True)
class StackedModel:
    """A words stage and a trees stage: see the module docstring."""

    name: str
    words: LinearModel
    trees: BoostedTrees
    meta: Mapping[str, Any]
    threshold: float = 0.5
    calibration: Calibration | None = None

    @property
    def classes(self) -> tuple[str, ...]:
        """The classes, mildest first."""
        return self.trees.classes

    @classmethod
    def from_json(cls, data: Mapping[str, Any], *, source: str = "model") -> StackedModel:
        """Build a model from its JSON object, checking the two stages fit together.

        Raises:
            ModelError: the object is malformed; the message names ``source``.
        """
        if data.get("schema") != SCHEMA:
            raise ModelError(f"{source}: not a {SCHEMA} model")
        try:
            if not isinstance(data["words"], Mapping):
                raise ModelError(f"{source}: malformed model (its words stage is no object)")
            words = LinearModel.from_json(data["words"], source=f"{source} (words)")
            trees = BoostedTrees.from_json(data["trees"])
            calibration = (
                Calibration.from_json(data["calibration"], len(trees.classes), source=source)
                if "calibration" in data
                else None
            )
            model = cls(
                str(data["name"]), words, trees, dict(data.get("meta", {})),
                calibration=calibration,
            )  # fmt: skip
        except KeyError as error:
            raise ModelError(f"{source}: malformed model (no {error})") from error
        except TreeError as error:
            raise ModelError(f"{source} (trees): {error}") from error
        if words.link != "cumulative" or words.classes != trees.classes:
            raise ModelError(f"{source}: the words stage must be ordinal over the trees' classes")
        tail = trees.feature_names[-(len(trees.classes) - 1) :]
        if list(tail) != word_feature_names(trees.classes):
            raise ModelError(f"{source}: the trees do not end with the words stage's features")
        return model

    def to_json(self) -> dict[str, Any]:
        """The model's JSON object (the inverse of :meth:`from_json`)."""
        return {
            "schema": SCHEMA,
            "name": self.name,
            "words": self.words.to_json(),
            "trees": self.trees.to_json(),
            **({"calibration": self.calibration.to_json()} if self.calibration else {}),
            "meta": dict(self.meta),
        }

    def with_meta(self, meta: Mapping[str, Any]) -> StackedModel:
        """The same model recording ``meta`` (what it was trained on)."""
        return StackedModel(
            self.name, self.words, self.trees, dict(meta), self.threshold, self.calibration
        )

    def tree_values(self, counts: Mapping[str, int], features: Sequence[float]) -> list[float]:
        """What the trees read: the signal features, then the words stage's probabilities.

        Raises:
            ModelError: the signal features are not the ones the model was trained on.
        """
        expected = len(self.trees.feature_names) - len(self.classes) + 1
        if len(features) != expected:
            raise ModelError(
                f"model {self.name!r} expects {expected} features, got {len(features)}: its "
                f"features changed; retrain with `ficlens train {train_command(self.name)}`"
            )
        return [*features, *above(self.words.probabilities(counts, ()))]

    def probabilities(self, counts: Mapping[str, int], features: Sequence[float]) -> list[float]:
        """Class probabilities (the trees' own, uncalibrated), in the order of :attr:`classes`."""
        return self.trees.probabilities(self.tree_values(counts, features))

    def calibrated(self, probabilities: Sequence[float]) -> list[float]:
        """The trees' probabilities as chances (:class:`Calibration`); unchanged without one."""
        if self.calibration is None:
            return list(probabilities)
        return self.calibration.apply(probabilities)

    def pulls(self, values: Sequence[float], column: int) -> dict[str, float]:
        """How much each group of features pulled the trees towards one class over the others.

        ``values`` are what the trees read (:meth:`tree_values`). A group is a feature name's
        first part: a signal (``sexual``, ``violence`` ...), ``near`` (co-occurrences),
        ``length`` or ``words`` (the words stage). A group's pull is its share of the class's
        score less its mean share over all classes (softmax only sees the differences), so a
        positive pull favours the class.
        """
        shares = [self.trees.contributions(values, k) for k in range(len(self.classes))]
        pulls: dict[str, float] = {}
        for name in {name for share in shares for name in share}:
            mean = sum(share.get(name, 0.0) for share in shares) / len(shares)
            group = name.split(".")[0]
            pulls[group] = pulls.get(group, 0.0) + shares[column].get(name, 0.0) - mean
        return pulls


@cache
def load_stacked(name: str) -> StackedModel:
    """A shipped stacked model by name (``rating``)."""
    data, label = read_model(name)
    return StackedModel.from_json(data, source=label)
