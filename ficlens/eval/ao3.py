"""Ratings and archive warnings against AO3 authors' own labels (``ficlens eval ao3 FILE``).

Only the story text is given to FicLens; the labels are the author's. Two modes:

- *shipped*: the models in ``ficlens/content/models`` rate the works. Used for files the models
  were not trained on (works by other authors).
- *cross-validation*: when any work of the file was in the models' training data, scoring the
  shipped models would be in-sample, so the models are retrained five times, split by author,
  and every work is rated by a model that never saw its author's works. Which authors share a
  fold is fixed; ``split`` draws another assignment (:func:`resplit`), so a figure can be checked
  on several splits rather than one.

Three baselines run in the same command, always by cross-validation split by author on the file
itself: the majority class of the training folds, a model of length only, and a model of a
profanity word list's counts. Warnings treat "Creator Chose Not To Use Archive Warnings" as
unknown: those works are left out of the warning scores.

Beside the scores, the report checks whether the confidences FicLens states hold on these
works (:mod:`ficlens.eval.calibration`): the rating's probability for the rating it chose, each
archive warning's calibrated chance (over every work, and where it fires), and the chance "No
Archive Warnings Apply" states when none fires.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from ficlens.content import PAIRING_MODEL, ROMANCE_MODEL
from ficlens.content.cooccurrence import find_near
from ficlens.content.corpus import (
    AO3_RATINGS,
    ARCHIVE_WARNINGS,
    LabelledWork,
    Prepared,
    pair_matches,
    pairing_evaluation,
    prepare_all,
    some_labelled,
    tag_names,
    tagged_pair,
)
from ficlens.content.linear import LinearModel, load_model
from ficlens.content.rating import decide
from ficlens.content.signals import summarise
from ficlens.content.stacked import load_stacked
from ficlens.content.warnings import (
    NO_WARNINGS,
    archive_warning_fires,
    no_warning_confidence,
    possible_warnings,
)
from ficlens.errors import InputError
from ficlens.eval.calibration import Reliability, reliability
from ficlens.eval.categories import CategoryScore, score_categories
from ficlens.eval.shares import share

RATING_CALIBRATION = "rating: the chosen rating's probability"
"""The key of the rating's confidence in :attr:`Ao3Report.calibration`."""
RATING_UNCALIBRATED = "rating: the trees' own probability (uncalibrated)"
"""The same before the rating model's calibration, for comparison."""

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``."""

PROFANITY = frozenset(
    "fuck fucking fucked fucker shit shitty bullshit bitch bastard damn damned crap cunt "
    "dick dickhead twat wanker bollocks arse ass asshole piss pissed bloody hell".split()
)
"""The profanity word list of the baseline (common English swear words)."""


@dataclass(frozen=True, slots=True)
class RatingScores:
    """How a rater did on the four AO3 ratings."""

    n: int
    accuracy: float
    per_class_f1: tuple[float, ...]
    macro_f1: float
    kappa: float
    confusion: tuple[tuple[int, ...], ...]
    under_explicit: float
    under_mature_explicit: float


@dataclass(frozen=True, slots=True)
class WarningScore:
    """Precision, recall and F1 of one archive warning."""

    support: int
    predicted: int
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True, slots=True)
class PairingScore:
    """How often the pairing the author tags first is found."""

    works: int
    main_found: int
    anywhere: int
    untagged: int = 0
    untagged_main: int = 0
    untagged_any: int = 0
    in_training: int = 0
    by_original: int = 0
    """Of ``main_found``, how many matched only as an original character (a character no
    fandom pack knows, in a fan work, against AO3's ``Original ... Character(s)`` tag)."""
    not_flagged: int = 0
    """Of ``main_found``, how many FicLens lists first among its romantic pairings without
    flagging it main (a story read as no romance still lists a pair with strong cues)."""
    categories: CategoryScore | None = None
    """FicLens's AO3 categories against the author's, over the same works."""

    @property
    def main_rate(self) -> float:
        """Share of works whose tagged pairing is FicLens's main romantic pairing."""
        return share(self.main_found, self.works)

    @property
    def anywhere_rate(self) -> float:
        """Share of works whose tagged pairing is among FicLens's romantic pairings."""
        return share(self.anywhere, self.works)

    @property
    def untagged_main_rate(self) -> float:
        """Share of works tagging no relationship given a main romantic pairing anyway."""
        return share(self.untagged_main, self.untagged)

    @property
    def untagged_any_rate(self) -> float:
        """Share of works tagging no relationship given any romantic pairing."""
        return share(self.untagged_any, self.untagged)


@dataclass
class Ao3Report:
    """Everything ``ficlens eval ao3`` prints."""

    path: str
    works: int
    mode: str
    split: int = 0
    """Which assignment of authors to folds cross-validation used (0: the standard one)."""
    ratings: dict[str, RatingScores] = field(default_factory=dict)
    warnings: dict[str, dict[str, WarningScore]] = field(default_factory=dict)
    warned_works: int = 0
    pairings: PairingScore | None = None
    problems: list[str] = field(default_factory=list)
    calibration: dict[str, Reliability] = field(default_factory=dict)
    """Whether FicLens's stated confidences hold, by what is stated (see
    :mod:`ficlens.eval.calibration`)."""


def rating_scores(truth: Sequence[int], predicted: Sequence[int]) -> RatingScores:
    """Accuracy, per-class and macro F1, quadratic weighted kappa, confusion, under-rating.

    Example:
        >>> s = rating_scores([0, 1, 2, 3], [0, 1, 3, 1])
        >>> s.accuracy, s.under_explicit
        (0.5, 1.0)
    """
    k = len(AO3_RATINGS)
    confusion = np.zeros((k, k), dtype=int)
    for t, p in zip(truth, predicted, strict=True):
        confusion[t, p] += 1
    n = int(confusion.sum())
    f1s = []
    for c in range(k):
        tp = confusion[c, c]
        denominator = confusion[c, :].sum() + confusion[:, c].sum()
        f1s.append(float(2 * tp / denominator) if denominator else 0.0)
    explicit = confusion[3]
    strong = confusion[2:]
    return RatingScores(
        n=n,
        accuracy=float(np.trace(confusion) / n) if n else 0.0,
        per_class_f1=tuple(f1s),
        macro_f1=float(np.mean(f1s)),
        kappa=quadratic_kappa(confusion),
        confusion=tuple(tuple(int(v) for v in row) for row in confusion),
        under_explicit=float(explicit[:2].sum() / explicit.sum()) if explicit.sum() else 0.0,
        under_mature_explicit=float(strong[:, :2].sum() / strong.sum()) if strong.sum() else 0.0,
    )


def quadratic_kappa(confusion: NDArray[np.int_]) -> float:
    """Cohen's kappa with quadratic weights, from a confusion matrix (rows: truth)."""
    k = confusion.shape[0]
    n = confusion.sum()
    if not n:
        return 0.0
    weights = np.array([[(i - j) ** 2 for j in range(k)] for i in range(k)], dtype=float)
    expected = np.outer(confusion.sum(axis=1), confusion.sum(axis=0)) / n
    denominator = float((weights * expected).sum())
    return 1.0 - float((weights * confusion).sum()) / denominator if denominator else 0.0


def warning_score(truth: Sequence[bool], predicted: Sequence[bool]) -> WarningScore:
    """Precision, recall and F1 of one binary label."""
    tp = sum(1 for t, p in zip(truth, predicted, strict=True) if t and p)
    support, fired = sum(truth), sum(predicted)
    precision = tp / fired if fired else 0.0
    recall = tp / support if support else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return WarningScore(support, fired, precision, recall, f1)


def in_training_data(works: Sequence[LabelledWork]) -> bool:
    """Whether any of these works trained the shipped models."""
    trained = set(load_stacked("rating").meta.get("work_ids", ()))
    return any(w.work_id in trained for w in works)


def evaluate_ao3(
    path: str | Path,
    *,
    mode: str = "auto",
    pairings: int = 0,
    split: int = 0,
    progress: Progress | None = None,
) -> Ao3Report:
    """Score ratings and archive warnings on a labelled JSON-lines file (see the module doc).

    Args:
        path: the labelled works.
        mode: ``auto`` (cross-validation when the file overlaps the training data, else the
            shipped models), ``shipped`` or ``cv``.
        pairings: how many works that tag a romantic pairing first to run the full pipeline
            (spaCy) on, to see whether FicLens finds that pairing; 0 skips.
        split: another assignment of authors to cross-validation folds (:func:`resplit`);
            0 is the standard one. Needs cross-validation.
        progress: told of each stage's progress.
    """
    works, problems = some_labelled(path)
    tell = progress or (lambda _stage, _done, _total: None)
    kept: list[LabelledWork] = []
    prepared: list[Prepared] = []
    results = prepare_all(works, progress=lambda n: tell("reading works", n, len(works)))
    for work, item in zip(works, results, strict=True):
        if isinstance(item, str):
            problems.append(item)
        else:
            kept.append(work)
            prepared.append(item)
    if mode == "auto":
        mode = "cv" if in_training_data(kept) else "shipped"
    if split and mode != "cv":
        raise InputError(str(path), f"--split {split} needs cross-validation, not {mode} models")
    kept = resplit(kept, split)
    report = Ao3Report(str(path), len(kept), mode, split, problems=problems)
    try:
        _rate(report, kept, prepared, tell)
        _warn(report, kept, prepared, tell)
    except ValueError as error:  # a split with no work of some label
        raise InputError(
            str(path), f"too few works to cross-validate by author: {error}"
        ) from error
    if pairings:
        report.pairings = pairing_score(kept, prepared, limit=pairings, progress=tell)
    return report


def resplit(works: Sequence[LabelledWork], split: int) -> list[LabelledWork]:
    """The works with their authors' groups relabelled at random, for another fold assignment.

    The sorted group names are shuffled by ``random.Random(split)`` and each group takes the
    name at its place in the shuffle. Folds are balanced by group size, and groups of equal
    size are dealt out in the order of their names, so the authors are dealt out afresh; an
    author's works still share one group. Split 0 keeps the names.

    Example:
        >>> w = [LabelledWork(str(i), a, "", None, ()) for i, a in enumerate("aabc")]
        >>> [x.group for x in resplit(w, 0)], [x.group for x in resplit(w, 1)]
        (['a', 'a', 'b', 'c'], ['b', 'b', 'c', 'a'])
    """
    if not split:
        return list(works)
    names = sorted({w.group for w in works})
    shuffled = list(names)
    random.Random(split).shuffle(shuffled)
    label = dict(zip(names, shuffled, strict=True))
    return [replace(w, group=label[w.group]) for w in works]


def pairing_score(
    works: Sequence[LabelledWork],
    prepared: Sequence[Prepared],
    *,
    limit: int,
    progress: Progress | None = None,
) -> PairingScore:
    """Run the full pipeline on the pairing evaluation's works (:func:`pairing_evaluation`).

    Counts how often the tagged pairing is the first romantic pairing FicLens gives (a
    character no pack knows in a fan work answering to AO3's original-character tags, see
    :func:`tag_names`), of those how many it does not flag main, and how often works tagging
    no relationship get a romantic pairing, main or any; and scores FicLens's AO3 categories
    against the authors' on all these works. Works the pairing models were trained on are
    counted apart (``in_training``): the shipped models hold the default evaluation's authors
    out.
    """
    from ficlens.api import analyze  # noqa: PLC0415 (the api imports the evaluation's parts)

    items = {w.work_id: p for w, p in zip(works, prepared, strict=True)}
    tagged, untagged = pairing_evaluation(works, limit)
    trained = {
        work_id
        for name in (PAIRING_MODEL, ROMANCE_MODEL)
        for work_id in load_model(name).meta.get("work_ids", ())
    }
    counts = dict.fromkeys(
        ("main", "anywhere", "untagged_main", "untagged_any", "original", "not_flagged"), 0
    )
    chosen = [*tagged, *untagged]
    categories: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for done, work in enumerate(chosen, start=1):
        analysis = analyze(items[work.work_id].work)
        categories.append((work.category, analysis.content.categories if analysis.content else ()))
        fan_work = bool(analysis.fandoms)
        names = {c.id: tag_names(c, fan_work) for c in analysis.characters}
        romantic = [
            ([names.get(i, ("",)) for i in r.characters], r.main)
            for r in (analysis.content.relationships if analysis.content else ())
            if r.kind == "romantic"
        ]
        target = tagged_pair(work)
        if target is None:
            counts["untagged_main"] += any(main for _, main in romantic)
            counts["untagged_any"] += bool(romantic)
        elif romantic and pair_matches(romantic[0][0], target):
            counts["main"] += 1
            counts["original"] += not pair_matches([n[0] for n in romantic[0][0]], target)
            counts["not_flagged"] += not romantic[0][1]
        counts["anywhere"] += target is not None and any(
            pair_matches(pair, target) for pair, _ in romantic
        )
        if progress is not None:
            progress("pairings (full pipeline)", done, len(chosen))
    return PairingScore(
        len(tagged), counts["main"], counts["anywhere"], len(untagged), counts["untagged_main"],
        counts["untagged_any"], sum(w.work_id in trained for w in chosen), counts["original"],
        counts["not_flagged"], score_categories(categories),
    )  # fmt: skip


def _rate(
    report: Ao3Report, works: Sequence[LabelledWork], prepared: Sequence[Prepared], tell: Progress
) -> None:
    rated = [i for i, w in enumerate(works) if w.rating]
    items = [prepared[i] for i in rated]
    truth = np.array([AO3_RATINGS.index(works[i].rating or "") for i in rated])
    groups = [works[i].group for i in rated]
    probabilities = np.zeros((len(items), len(AO3_RATINGS)))
    stated = np.zeros_like(probabilities)
    if report.mode == "cv":
        from ficlens.content.training import fold_models, rating_fitter  # noqa: PLC0415

        tell("cross-validating the rating model", 0, 1)
        folds = fold_models(items, truth, groups, rating_fitter)
    else:
        folds = iter([(np.arange(len(items)), load_stacked("rating"))])
    for test, model in folds:
        for i in test:
            probabilities[i] = model.probabilities(items[i].counts, items[i].features)
            stated[i] = model.calibrated(probabilities[i])
    predicted = [
        decide(row.tolist(), {s.name: s for s in summarise(p.hits, p.words)})
        for row, p in zip(probabilities, items, strict=True)
    ]
    report.ratings["FicLens"] = rating_scores(list(truth), predicted)
    right = [choice == answer for choice, answer in zip(predicted, truth, strict=True)]
    for key, rows in ((RATING_CALIBRATION, stated), (RATING_UNCALIBRATED, probabilities)):
        report.calibration[key] = reliability(
            [float(row[choice]) for row, choice in zip(rows, predicted, strict=True)], right
        )
    for name, baseline in _baselines(items, truth, groups).items():
        report.ratings[name] = rating_scores(list(truth), list(baseline))


def _baselines(
    items: Sequence[Prepared], truth: NDArray[np.int_], groups: Sequence[str]
) -> dict[str, NDArray[np.int_]]:
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415
    from sklearn.model_selection import GroupKFold  # noqa: PLC0415

    length = np.array([[math.log1p(p.words)] for p in items])
    swearing = np.array([_profanity(p) for p in items])
    found = {name: np.zeros(len(truth), dtype=int) for name in ("majority", "length", "profanity")}
    for train, test in GroupKFold(5).split(length, truth, groups):
        found["majority"][test] = np.bincount(truth[train]).argmax()
        for name, x in (("length", length), ("profanity", swearing)):
            model = LogisticRegression(max_iter=1000).fit(x[train], truth[train])
            found[name][test] = model.predict(x[test])
    return {f"baseline: {name}": values for name, values in found.items()}


def _profanity(item: Prepared) -> list[float]:
    count = sum(n for word, n in item.counts.items() if word in PROFANITY)
    return [math.log1p(count), math.log1p(count * 1000 / max(item.words, 1))]


def _warn(
    report: Ao3Report, works: Sequence[LabelledWork], prepared: Sequence[Prepared], tell: Progress
) -> None:
    warned = [i for i, w in enumerate(works) if w.warned]
    report.warned_works = len(warned)
    items = [prepared[i] for i in warned]
    groups = [works[i].group for i in warned]
    signals = [{s.name: s for s in summarise(p.hits, p.words)} for p in items]
    near = [find_near(p.hits) for p in items]
    scores: dict[str, WarningScore] = {}
    stated: list[list[float]] = []  # per warning, each work's calibrated chance
    fired_any = [False] * len(items)
    for key, name in ARCHIVE_WARNINGS.items():
        truth = np.array([int(name in works[i].warnings) for i in warned])
        tell(f"scoring warning: {name}", 0, 1)
        chances = _warning_chances(key, items, truth, groups, report.mode)
        fired = [
            archive_warning_fires(key, p, t, found, close, item.story)
            for (p, t, _), found, close, item in zip(chances, signals, near, items, strict=True)
        ]
        right = [bool(t) for t in truth]
        scores[name] = warning_score(right, fired)
        stated.append([c for _, _, c in chances])
        fired_any = [a or f for a, f in zip(fired_any, fired, strict=True)]
        report.calibration[f"{name}: stated when it fires"] = reliability(
            [c for c, f in zip(stated[-1], fired, strict=True) if f],
            [r for r, f in zip(right, fired, strict=True) if f],
        )
        report.calibration[f"{name}: its chance, every work"] = reliability(stated[-1], right)
    report.warnings["FicLens"] = scores
    quiet = [i for i, fired in enumerate(fired_any) if not fired]
    report.calibration[f"{NO_WARNINGS}: stated when none fires"] = reliability(
        [no_warning_confidence([column[i] for column in stated]) for i in quiet],
        [not any(name in works[warned[i]].warnings for name in ARCHIVE_WARNINGS.values())
         for i in quiet],
    )  # fmt: skip
    possible = []  # each warning the report would name beside "No Archive Warnings Apply"
    for i in quiet:
        names = zip(ARCHIVE_WARNINGS.values(), stated, strict=True)
        odds = {name: column[i] for name, column in names}
        named = possible_warnings(odds)
        possible += [(odds[name], name in works[warned[i]].warnings) for name, _ in named]
    report.calibration[f"a warning named as possible beside {NO_WARNINGS}"] = reliability(
        [chance for chance, _ in possible], [right for _, right in possible]
    )


def _warning_chances(
    key: str,
    items: Sequence[Prepared],
    truth: NDArray[np.int_],
    groups: Sequence[str],
    mode: str,
) -> list[tuple[float, float, float]]:
    """Each work's ``(probability, threshold, calibrated chance)`` for one archive warning.

    In cross-validation every work is scored by the fold's model, whose threshold and
    calibration were chosen on an inner split of the other authors' works.
    """
    if mode != "cv":
        model: LinearModel = load_model(f"warning.{key}")
        return [_chance(model, item) for item in items]
    from ficlens.content.training import fold_models, warning_fitter  # noqa: PLC0415

    chances: list[tuple[float, float, float]] = [(0.0, 0.5, 0.0)] * len(items)
    for test, fold_model in fold_models(items, truth, groups, warning_fitter(key)):
        for i in test:
            chances[i] = _chance(fold_model, items[i])
    return chances


def _chance(model: LinearModel, item: Prepared) -> tuple[float, float, float]:
    probability = model.probabilities(item.counts, item.features)[1]
    return probability, model.threshold, model.confidence(probability)
