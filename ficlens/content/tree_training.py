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

from ficlens.content.stacked import Calibration
from ficlens.content.trees import BoostedTrees, Tree

TREE_ROUNDS = 100
TREE_RATE = 0.1
TREE_DEPTH = 3
"""Chosen by cross-validation split by author on the AO3 file, among a few settings that all
score within 0.005 of each other (rate 0.03 to 0.1, 100 to 500 rounds, depth 2 or 3); see
docs/evaluation.md."""
CALIBRATION_FOLDS = 2
"""Splits by author for the trees' out-of-fold probabilities the calibration is fitted on: two
keeps the cost at one more fit of the trees (each on half the works)."""


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


def calibrate_trees(
    x: NDArray[np.float64],
    y: NDArray[np.int_],
    groups: Sequence[str],
    classes: Sequence[str],
    feature_names: Sequence[str],
    *,
    folds: int = CALIBRATION_FOLDS,
) -> Calibration | None:
    """Fit the :class:`Calibration` of trees fitted as :func:`fit_trees` fits them.

    Trees are fitted on each split by author but one and score the works of the one left out;
    the scaling is fitted on those out-of-fold probabilities, so it learns how far the trees'
    probabilities are from the real shares on works they never saw. None when some split has
    no work of a class (too few works to calibrate on).
    """
    from sklearn.model_selection import GroupKFold  # noqa: PLC0415

    splits = list(GroupKFold(folds).split(x, y, groups))
    if any(len(set(y[train].tolist())) < len(classes) for train, _ in splits):
        return None
    held = np.zeros((len(y), len(classes)))
    for train, test in splits:
        trees = fit_trees(x[train], y[train], classes, feature_names)
        held[test] = [trees.probabilities(list(row)) for row in x[test]]
    return fit_scaling(held, y)


def fit_scaling(p: NDArray[np.float64], y: NDArray[np.int_]) -> Calibration:
    """The scale and shifts that minimise the log loss of the rescaled probabilities ``p``.

    Example:
        >>> p = np.array([[0.9, 0.1], [0.9, 0.1], [0.9, 0.1], [0.2, 0.8]])
        >>> fitted = fit_scaling(p, np.array([0, 0, 1, 1]))
        >>> [round(q, 2) for q in fitted.apply([0.9, 0.1])]
        [0.67, 0.33]
    """
    from scipy.optimize import minimize  # noqa: PLC0415

    logs = np.log(np.clip(p, 1e-12, 1.0))
    rows, width = logs.shape
    onehot = np.eye(width)[y]

    def loss(theta: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        shifts = np.concatenate([[0.0], theta[1:]])
        z = theta[0] * logs + shifts
        z -= z.max(axis=1, keepdims=True)
        log_total = np.log(np.exp(z).sum(axis=1, keepdims=True))
        q = np.exp(z - log_total)
        grad = (q - onehot) / rows
        value = -float(np.sum(onehot * (z - log_total))) / rows
        return value, np.concatenate([[np.sum(grad * logs)], grad.sum(axis=0)[1:]])

    start = np.concatenate([[1.0], np.zeros(width - 1)])
    theta = minimize(loss, start, jac=True, method="L-BFGS-B").x
    return Calibration(round(float(theta[0]), 6), (0.0, *(round(float(v), 6) for v in theta[1:])))
