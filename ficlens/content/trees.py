"""Gradient-boosted regression trees shipped as JSON, applied without scikit-learn.

A boosted model (``ficlens.content.training`` writes one inside the rating model) is a list of
*rounds*; each round holds one small regression tree per class. A work's score for a class is
the sum, over the rounds, of the value of the leaf its features reach in that class's tree,
times the learning rate; softmax turns the scores into probabilities (a multinomial
gradient-boosted classifier started at zero, as scikit-learn's ``GradientBoostingClassifier``
with ``init="zero"`` fits it).

A tree is parallel lists, one entry per node: the feature it splits on, the threshold, the left
and right children (``-1`` at a leaf), the value (used at leaves) and the cover (the weight of
the training works that reached the node). A work goes left when its feature, rounded to single
precision as scikit-learn's trees read it, is at most the threshold.

Because every split reads one feature, a score can be traced back to the features exactly: each
step down a tree moves the expected value (the cover-weighted mean of the leaves below) from the
node's to the child's, and the step is credited to the feature the node split on (Saabas's
decomposition, :meth:`BoostedTrees.contributions`).
"""

from __future__ import annotations

import itertools
import math
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

SCHEMA = "ficlens.trees/1"


class TreeError(ValueError):
    """A boosted model's JSON is malformed; the message says what is wrong."""


def _single(value: float) -> float:
    """``value`` rounded to the nearest single-precision float (scikit-learn's trees use these)."""
    return float(struct.unpack("f", struct.pack("f", value))[0])


@dataclass(frozen=True, slots=True)
class Tree:
    """One regression tree as parallel node lists (see the module docstring)."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]
    cover: tuple[float, ...] = ()

    def path(self, values: Sequence[float]) -> list[int]:
        """The nodes a work's feature values pass through, root first, ending at a leaf."""
        node, nodes = 0, [0]
        while self.left[node] >= 0:
            feature = self.feature[node]
            go_left = _single(values[feature]) <= self.threshold[node]
            node = self.left[node] if go_left else self.right[node]
            nodes.append(node)
        return nodes

    def predict(self, values: Sequence[float]) -> float:
        """The value of the leaf a work reaches."""
        return self.value[self.path(values)[-1]]

    def means(self) -> list[float]:
        """Each node's expected value: its leaves' values weighted by their cover.

        Raises:
            TreeError: the tree has no cover (a model from before covers were kept).
        """
        if not self.cover:
            raise TreeError("the tree keeps no cover; retrain the model")
        means = list(self.value)
        for node in reversed(range(len(means))):  # children come after their parents
            left, right = self.left[node], self.right[node]
            if left >= 0:
                weight = self.cover[left] + self.cover[right]
                both = self.cover[left] * means[left] + self.cover[right] * means[right]
                means[node] = both / weight if weight else 0.0
        return means

    def to_json(self) -> dict[str, list[Any]]:
        """The tree's JSON object (the inverse of :func:`_tree`)."""
        return {
            "feature": list(self.feature),
            "threshold": list(self.threshold),
            "left": list(self.left),
            "right": list(self.right),
            "value": list(self.value),
            **({"cover": list(self.cover)} if self.cover else {}),
        }


def _tree(data: Mapping[str, Any], features: int) -> Tree:
    tree = Tree(
        feature=tuple(int(v) for v in data["feature"]),
        threshold=tuple(float(v) for v in data["threshold"]),
        left=tuple(int(v) for v in data["left"]),
        right=tuple(int(v) for v in data["right"]),
        value=tuple(float(v) for v in data["value"]),
        cover=tuple(float(v) for v in data.get("cover", ())),
    )
    nodes = len(tree.feature)
    lengths = {len(tree.threshold), len(tree.left), len(tree.right), len(tree.value)}
    if not nodes or lengths != {nodes} or (tree.cover and len(tree.cover) != nodes):
        raise TreeError("a tree's node lists differ in length")
    for node in range(nodes):
        children = (tree.left[node], tree.right[node])
        if children[0] < 0:
            continue
        if not all(node < child < nodes for child in children):
            raise TreeError(f"node {node} points outside its tree or back up it")
        if not 0 <= tree.feature[node] < features:
            raise TreeError(f"node {node} splits on feature {tree.feature[node]} of {features}")
    return tree


@dataclass(frozen=True, slots=True)
class BoostedTrees:
    """A multinomial gradient-boosted tree model: see the module docstring."""

    classes: tuple[str, ...]
    feature_names: tuple[str, ...]
    learning_rate: float
    rounds: tuple[tuple[Tree, ...], ...]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> BoostedTrees:
        """Build a model from its JSON object, checking the schema and the shapes.

        Raises:
            TreeError: the object is not a well-formed boosted model.
        """
        if not isinstance(data, Mapping) or data.get("schema") != SCHEMA:
            raise TreeError(f"not a {SCHEMA} model")
        try:
            classes = tuple(str(c) for c in data["classes"])
            names = tuple(str(n) for n in data["feature_names"])
            rounds = tuple(
                tuple(_tree(tree, len(names)) for tree in round_) for round_ in data["rounds"]
            )
            model = cls(classes, names, float(data["learning_rate"]), rounds)
        except (KeyError, TypeError, ValueError) as error:
            if isinstance(error, TreeError):
                raise
            raise TreeError(f"malformed boosted model ({error})") from error
        if len(classes) < 3 or any(len(r) != len(classes) for r in rounds):
            raise TreeError("a round needs one tree per class, and three classes or more")
        return model

    def to_json(self) -> dict[str, Any]:
        """The model's JSON object (the inverse of :meth:`from_json`)."""
        return {
            "schema": SCHEMA,
            "classes": list(self.classes),
            "feature_names": list(self.feature_names),
            "learning_rate": self.learning_rate,
            "rounds": [[tree.to_json() for tree in round_] for round_ in self.rounds],
        }

    def _check(self, values: Sequence[float]) -> None:
        if len(values) != len(self.feature_names):
            raise TreeError(
                f"the model expects {len(self.feature_names)} features, got {len(values)}"
            )

    def scores(self, values: Sequence[float]) -> list[float]:
        """The raw score of each class (before softmax)."""
        self._check(values)
        totals = [0.0] * len(self.classes)
        for round_ in self.rounds:
            for k, tree in enumerate(round_):
                totals[k] += tree.predict(values)
        return [self.learning_rate * total for total in totals]

    def probabilities(self, values: Sequence[float]) -> list[float]:
        """Class probabilities, in the order of :attr:`classes`."""
        scores = self.scores(values)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def contributions(self, values: Sequence[float], column: int) -> dict[str, float]:
        """Each feature's share of one class's score, for the features that moved it.

        The shares and :meth:`base` sum to the class's score (see the module docstring).

        Raises:
            TreeError: the model keeps no covers.
        """
        self._check(values)
        shares: dict[str, float] = {}
        for round_ in self.rounds:
            tree = round_[column]
            means = tree.means()
            nodes = tree.path(values)
            for parent, child in itertools.pairwise(nodes):
                name = self.feature_names[tree.feature[parent]]
                step = self.learning_rate * (means[child] - means[parent])
                shares[name] = shares.get(name, 0.0) + step
        return {name: share for name, share in shares.items() if share}

    def base(self, column: int) -> float:
        """A class's score before any feature is read: its trees' expected values, summed."""
        return self.learning_rate * sum(round_[column].means()[0] for round_ in self.rounds)
