"""Fit the boosted trees of the rating model with scikit-learn and turn them into JSON trees.

scikit-learn's ``GradientBoostingClassifier`` with ``init="zero"`` fits, per round and class,
a regression tree whose leaf values (times the learning rate) add up to the class's score; the
trees are read from its public ``estimators_`` and ``tree_`` attributes into
:class:`ficlens.content.trees.BoostedTrees`, which needs no scikit-learn at run time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ficlens.content.trees import BoostedTrees, Tree

TREE_ROUNDS = 100
TREE_RATE = 0.1
TREE_DEPTH = 3
"""Chosen by cross-validation split by author on the AO3 file, among a few settings that all
score within 0.005 of each other (rate 0.03 to 0.1, 100 to 500 rounds, depth 2 or 3); see
docs/evaluation.md."""


def _tree(fitted: Any) -> Tree:
    """A fitted scikit-learn regression tree as a :class:`Tree`."""
    inner = fitted.tree_
    leaf = inner.children_left < 0
    split = ~leaf
    return Tree(
        feature=tuple(int(f) for f in np.where(split, inner.feature, 0)),
        threshold=tuple(float(t) for t in np.where(split, inner.threshold, 0.0)),
        left=tuple(int(v) for v in inner.children_left),
        right=tuple(int(v) for v in inner.children_right),
        value=tuple(round(float(v), 7) for v in np.where(leaf, inner.value[:, 0, 0], 0.0)),
        cover=tuple(round(float(v), 4) for v in inner.weighted_n_node_samples),
    )


def fit_trees(
    x: NDArray[np.float64],
    y: NDArray[np.int_],
    classes: Sequence[str],
    feature_names: Sequence[str],
    *,
    rounds: int = TREE_ROUNDS,
    rate: float = TREE_RATE,
    depth: int = TREE_DEPTH,
) -> BoostedTrees:
    """Fit boosted trees on ``x`` (one row per work) with balanced class weights.

    Raises:
        ValueError: some class has no work, or the feature names do not match ``x``.
    """
    from sklearn.ensemble import GradientBoostingClassifier  # noqa: PLC0415 (optional)
    from sklearn.utils.class_weight import compute_sample_weight  # noqa: PLC0415

    if x.shape[1] != len(feature_names):
        raise ValueError(f"{x.shape[1]} feature columns but {len(feature_names)} names")
    missing = [name for k, name in enumerate(classes) if not np.any(y == k)]
    if missing:
        raise ValueError(f"no training works labelled {', '.join(missing)}")
    model = GradientBoostingClassifier(
        learning_rate=rate, n_estimators=rounds, max_depth=depth, init="zero", random_state=0
    ).fit(x, y, sample_weight=compute_sample_weight("balanced", y))
    return BoostedTrees(
        classes=tuple(classes),
        feature_names=tuple(feature_names),
        learning_rate=rate,
        rounds=tuple(tuple(_tree(tree) for tree in row) for row in model.estimators_),
    )
