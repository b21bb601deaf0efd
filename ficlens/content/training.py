"""Train the rating and archive-warning models (needs scikit-learn: ``pip install .[train]``).

``ficlens train ao3 ../shared/data/ao3-hp/works.jsonl`` reads labelled AO3 works (see
:mod:`ficlens.content.corpus`) and writes the models trained on all of them to
``ficlens/content/models/``; ``ficlens eval ao3`` measures them by cross-validation split by
author (no author's works are ever on both sides of a split). Only the story text is read as
input; the rating, warnings and the rest are labels. "Creator Chose Not To Use Archive
Warnings" means unknown: those works train and score no warning model.

Each warning model is an L2-regularised logistic regression over two blocks of features (see
:mod:`ficlens.content.features`): ``(1 + log tf) * idf`` word weights over a vocabulary of
``VOCABULARY`` words chosen by chi-squared among the words in at least ``MIN_DF`` training
works, and the standardised content-signal features scaled by a factor. The rating model is
stacked (:mod:`ficlens.content.stacked`): an ordinal regression over the words alone (three
regressions, "above General", "above Teen", "above Mature"), under boosted trees that read the
signal features and its out-of-fold probabilities (:mod:`ficlens.content.tree_training`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np
from numpy.typing import NDArray

from ficlens.content.cooccurrence import find_near
from ficlens.content.corpus import (
    AO3_RATINGS,
    ARCHIVE_WARNINGS,
    LabelledWork,
    Prepared,
    prepare_all,
    some_labelled,
)
from ficlens.content.features import signal_feature_names
from ficlens.content.linear import LinearModel
from ficlens.content.signals import summarise
from ficlens.content.stacked import StackedModel, above, word_feature_names
from ficlens.content.tree_training import calibrate_trees, fit_trees
from ficlens.content.warnings import shows_on_page

VOCABULARY = 4000
MIN_DF = 5
FEATURE_FACTOR = 0.3
RATING_C = 1.0
WARNING_C = 4.0
WARNING_FEATURE_FACTOR = 0.1
"""The warning models regularise the words lightly but the signal features strongly: with 50 to
170 tagged works per warning, the 200-odd signal features otherwise crowd out the words (cross-
validated by author on the AO3 file, macro-F1 about 0.33 with ``C`` 0.25 and factor 0.3, about
0.35 for ``C`` from 2 to 16 with factor 0.05 to 0.1)."""
MODELS = Path(__file__).parent / "models"

FOLDS = 5
INNER_FOLDS = 3
"""Inner splits by author, for a warning's threshold and for the rating's stacked trees."""


class Scorer(Protocol):
    """What cross-validation needs of a trained model."""

    @property
    def threshold(self) -> float:
        """The probability at which a binary model fires (0.5 for the others)."""
        ...

    def probabilities(self, counts: Mapping[str, int], features: Sequence[float]) -> list[float]:
        """Class probabilities of one work."""
        ...


Fitter = Callable[[Sequence[Prepared], NDArray[np.int_], Sequence[str]], Scorer]
"""Fits a model on prepared works, their labels and their authors (for any inner split)."""
LinearFitter = Callable[[Sequence[Prepared], NDArray[np.int_], Sequence[str]], LinearModel]
S = TypeVar("S", bound=Scorer)
"""A :data:`Fitter` of linear models."""


def _sklearn() -> Any:
    try:
        import sklearn  # noqa: PLC0415 (optional dependency)
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise SystemExit(
            "training and cross-validation need scikit-learn: pip install 'ficlens[train]'"
        ) from error
    return sklearn


def _matrix(prepared: Sequence[Prepared], index: dict[str, int], idf: NDArray[np.float64]) -> Any:
    from scipy.sparse import csr_matrix  # noqa: PLC0415 (comes with scikit-learn)

    rows, cols, values = [], [], []
    for r, item in enumerate(prepared):
        pairs = [(index[w], c) for w, c in item.counts.items() if w in index]
        weights = [(1.0 + math.log(c)) * idf[i] for i, c in pairs]
        norm = math.sqrt(sum(w * w for w in weights)) or 1.0
        for (i, _), w in zip(pairs, weights, strict=True):
            rows.append(r)
            cols.append(i)
            values.append(w / norm)
    return csr_matrix((values, (rows, cols)), shape=(len(prepared), len(index)))


def _vocabulary(
    prepared: Sequence[Prepared], y: NDArray[np.int_]
) -> tuple[list[str], NDArray[np.float64]]:
    """The ``VOCABULARY`` words most associated with the labels (chi-squared), with their idf."""
    _sklearn()
    from sklearn.feature_selection import chi2  # noqa: PLC0415

    df: dict[str, int] = {}
    for item in prepared:
        for word in item.counts:
            df[word] = df.get(word, 0) + 1
    candidates = sorted(w for w, n in df.items() if n >= MIN_DF)
    index = {w: i for i, w in enumerate(candidates)}
    n = len(prepared)
    idf = np.array([math.log((1 + n) / (1 + df[w])) + 1 for w in candidates])
    scores, _ = chi2(_matrix(prepared, index, idf), y)
    order = np.argsort(-np.nan_to_num(scores))[:VOCABULARY]
    chosen = sorted(candidates[i] for i in order)
    return chosen, np.array([math.log((1 + n) / (1 + df[w])) + 1 for w in chosen])


def fit_model(
    name: str,
    classes: Sequence[str],
    prepared: Sequence[Prepared],
    y: NDArray[np.int_],
    c: float,
    *,
    ordinal: bool = False,
    feature_factor: float = FEATURE_FACTOR,
    signals: bool = True,
) -> LinearModel:
    """Fit one model on prepared works with labels ``y`` (indices into ``classes``).

    ``feature_factor`` scales the standardised signal features against the word weights: the
    smaller it is, the more strongly they are regularised. Without ``signals`` the model reads
    the words only (the words stage of the stacked rating model).

    With ``ordinal``, ``classes`` are ordered (mildest first) and the model is one binary
    regression per boundary, "above ``classes[k]``" (see :mod:`ficlens.content.linear`), each
    with balanced class weights.

    Raises:
        ValueError: some class has no work: the model would silently lose it.
    """
    missing = [name for i, name in enumerate(classes) if not np.any(y == i)]
    if missing:
        raise ValueError(f"no training works labelled {', '.join(missing)}")
    _sklearn()
    from scipy.sparse import csr_matrix, hstack  # noqa: PLC0415
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415

    words, idf = _vocabulary(prepared, y)
    index = {w: i for i, w in enumerate(words)}
    dense = np.array([item.features if signals else () for item in prepared], dtype=float)
    dense = dense.reshape(len(prepared), -1)
    mean = dense.mean(axis=0)
    scale = dense.std(axis=0)
    scale[scale == 0] = 1.0
    scaled = (dense - mean) / scale * feature_factor
    x = hstack([_matrix(prepared, index, idf), csr_matrix(scaled)]).tocsr()
    if ordinal:
        above = [
            LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(x, y > k)
            for k in range(len(classes) - 1)
        ]
        coef = np.column_stack([m.coef_[0] for m in above])  # (features, columns)
        intercept = np.array([m.intercept_[0] for m in above])
    else:
        model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(x, y)
        coef = model.coef_.T
        intercept = model.intercept_
    return LinearModel(
        name=name,
        classes=tuple(classes),
        words=tuple(words),
        idf=tuple(round(float(v), 5) for v in idf),
        word_weights=tuple(tuple(round(float(w), 5) for w in row) for row in coef[: len(words)]),
        feature_names=tuple(signal_feature_names()) if signals else (),
        feature_mean=tuple(round(float(v), 6) for v in mean),
        feature_scale=tuple(round(float(v), 6) for v in scale),
        feature_weights=tuple(tuple(round(float(w), 5) for w in row) for row in coef[len(words) :]),
        feature_factor=feature_factor,
        intercept=tuple(round(float(v), 6) for v in intercept),
        threshold=0.5,
        meta={},
        index=index,
        link="cumulative" if ordinal else "logistic",
    )


def probabilities(model: Scorer, prepared: Sequence[Prepared]) -> NDArray[np.float64]:
    """Class probabilities for each prepared work, one row each."""
    return np.array([model.probabilities(p.counts, p.features) for p in prepared])


def fold_models(
    prepared: Sequence[Prepared],
    y: NDArray[np.int_],
    groups: Sequence[str],
    fitter: Callable[[Sequence[Prepared], NDArray[np.int_], Sequence[str]], S],
    *,
    folds: int = FOLDS,
) -> Iterator[tuple[NDArray[np.int_], S]]:
    """Each fold's held-out works (their indices) and the model fitted without their authors."""
    _sklearn()
    from sklearn.model_selection import GroupKFold  # noqa: PLC0415

    for train, test in GroupKFold(folds).split(y, y, groups):
        yield test, fitter([prepared[i] for i in train], y[train], [groups[i] for i in train])


def out_of_fold(
    prepared: Sequence[Prepared],
    y: NDArray[np.int_],
    groups: Sequence[str],
    fitter: Fitter,
    *,
    folds: int = FOLDS,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Probabilities for every work from a model that never saw its author's works.

    Returns:
        The probabilities (one row per work) and the threshold of the model that scored each
        work (binary models choose theirs in training).
    """
    result = np.zeros((len(y), 0))
    thresholds = np.full(len(y), 0.5)
    for test, model in fold_models(prepared, y, groups, fitter, folds=folds):
        found = probabilities(model, [prepared[i] for i in test])
        if result.shape[1] == 0:
            result = np.zeros((len(y), found.shape[1]))
        result[test] = found
        thresholds[test] = model.threshold
    return result, thresholds


def best_threshold(p: NDArray[np.float64], y: NDArray[np.int_]) -> float:
    """The probability threshold with the best F1 on these (out-of-fold) predictions."""
    best, chosen = -1.0, 0.5
    for threshold in np.arange(0.05, 0.96, 0.025):
        predicted = p >= threshold
        tp = float(np.sum(predicted & (y == 1)))
        f1 = 2 * tp / (predicted.sum() + (y == 1).sum()) if tp else 0.0
        if f1 > best:
            best, chosen = f1, float(threshold)
    return round(chosen, 3)


def platt(p: NDArray[np.float64], y: NDArray[np.int_]) -> tuple[float, float]:
    """Platt scaling: ``(slope, intercept)`` of a logistic regression of ``y`` on logit ``p``.

    Fitted on out-of-fold probabilities, it maps a model's probability to the share of works
    with that probability that really are positive (:meth:`LinearModel.confidence`).
    """
    _sklearn()
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415

    clipped = np.clip(p, 1e-6, 1 - 1e-6)
    logit = np.log(clipped / (1 - clipped)).reshape(-1, 1)
    fitted = LogisticRegression(C=1e4, max_iter=1000).fit(logit, y)
    return round(float(fitted.coef_[0][0]), 6), round(float(fitted.intercept_[0]), 6)


def word_rating_fitter(
    prepared: Sequence[Prepared], y: NDArray[np.int_], groups: Sequence[str]
) -> LinearModel:
    """Fit the rating model's words stage: ordinal, since a rating is a step on a scale."""
    del groups
    return fit_model("rating", AO3_RATINGS, prepared, y, RATING_C, ordinal=True, signals=False)


def rating_fitter(
    prepared: Sequence[Prepared], y: NDArray[np.int_], groups: Sequence[str]
) -> StackedModel:
    """Fit the stacked rating model (:mod:`ficlens.content.stacked`).

    The trees learn from the words stage's probabilities out of fold (an inner split by
    author), so they weigh them as they will be at run time, on works the words never saw. The
    calibration is fitted on the trees' own out-of-fold probabilities (another split by author:
    :func:`~ficlens.content.tree_training.calibrate_trees`).
    """
    inner, _ = out_of_fold(prepared, y, groups, word_rating_fitter, folds=INNER_FOLDS)
    words = word_rating_fitter(prepared, y, groups)
    x = np.array([[*item.features, *above(row)] for item, row in zip(prepared, inner, strict=True)])
    names = [*signal_feature_names(), *word_feature_names(AO3_RATINGS)]
    trees = fit_trees(x, y, AO3_RATINGS, names)
    calibration = calibrate_trees(x, y, groups, AO3_RATINGS, names)
    return StackedModel("rating", words, trees, {}, calibration=calibration)


def warning_fitter(key: str) -> LinearFitter:
    """A fitter for one archive warning; its threshold comes from an inner split by author.

    The threshold maximises F1 over the inner out-of-fold probabilities of the works whose text
    shows the warning on the page (:func:`on_page`), the others counting as not warned, as at
    run time.
    """

    def plain(
        prepared: Sequence[Prepared], y: NDArray[np.int_], groups: Sequence[str]
    ) -> LinearModel:
        del groups
        return fit_model(
            f"warning.{key}",
            ("no", key),
            prepared,
            y,
            WARNING_C,
            feature_factor=WARNING_FEATURE_FACTOR,
        )

    def fit(
        prepared: Sequence[Prepared], y: NDArray[np.int_], groups: Sequence[str]
    ) -> LinearModel:
        inner, _ = out_of_fold(prepared, y, groups, plain, folds=INNER_FOLDS)
        # the warning only fires where the text shows it: choose the threshold on the works
        # the gate lets through, so the gate and the threshold do not both cut recall
        shown = np.array([on_page(key, item) for item in prepared])
        threshold = best_threshold(np.where(shown, inner[:, 1], 0.0), y)
        model = plain(prepared, y, groups)
        calibration = platt(inner[:, 1], y)
        return replace(model, threshold=threshold, calibration=calibration)

    return fit


def on_page(key: str, item: Prepared) -> bool:
    """Whether a prepared work shows archive warning ``key`` on the page (its evidence gate)."""
    signals = {signal.name: signal for signal in summarise(item.hits, item.words)}
    return shows_on_page(key, signals, find_near(item.hits), item.story)


def readable(
    works: Sequence[LabelledWork], say: Callable[[str], None]
) -> tuple[list[LabelledWork], list[Prepared]]:
    """The works that can be read as stories, each with its prepared features.

    ``say`` hears why each other one cannot be read.
    """
    kept: list[LabelledWork] = []
    prepared: list[Prepared] = []
    for work, item in zip(works, prepare_all(works), strict=True):
        if isinstance(item, str):
            say(item)
            continue
        kept.append(work)
        prepared.append(item)
    return kept, prepared


def training_meta(path: str | Path, works: Sequence[LabelledWork]) -> dict[str, Any]:
    """What a model records of its training data: the file's name and the works' ids."""
    ids = sorted(w.work_id for w in works)
    return {"data": Path(path).name, "works": len(ids), "work_ids": ids}


Shipped = LinearModel | StackedModel
"""A model ``ficlens train`` writes to ``ficlens/content/models/``."""


M = TypeVar("M", bound=Shipped)


def write_models(models: Sequence[M], out: Path, say: Callable[[str], None]) -> list[M]:
    """Write each model to ``out/<name>.json`` (compact JSON) and say so."""
    out.mkdir(parents=True, exist_ok=True)
    for model in models:
        target = out / f"{model.name}.json"
        target.write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n", "utf-8")
        say(f"wrote {target} ({target.stat().st_size // 1024} KiB, threshold {model.threshold})")
    return list(models)


def train_models(
    path: str | Path, *, say: Callable[[str], None], out: Path = MODELS
) -> list[Shipped]:
    """Train every model on a labelled file and write them to ``out``; ``say`` hears progress."""
    works, problems = some_labelled(path)
    for problem in problems:
        say(problem)
    kept, prepared = readable(works, say)
    meta = training_meta(path, kept)
    rated = [i for i, w in enumerate(kept) if w.rating]
    y = np.array([AO3_RATINGS.index(kept[i].rating or "") for i in rated])
    say("training the rating model")
    rating = rating_fitter([prepared[i] for i in rated], y, [kept[i].group for i in rated])
    models: list[Shipped] = [rating.with_meta(meta)]
    warned = [i for i, w in enumerate(kept) if w.warned]
    for key, name in ARCHIVE_WARNINGS.items():
        say(f"training the {name} model")
        labels = np.array([int(name in kept[i].warnings) for i in warned])
        subset = [prepared[i] for i in warned]
        model = warning_fitter(key)(subset, labels, [kept[i].group for i in warned])
        models.append(LinearModel.from_json({**model.to_json(), "meta": meta}))
    return write_models(models, out, say)
