"""AO3 categories (F/F, F/M, Gen, M/M, Multi, Other) against the ones the author chose.

A work may carry several categories, so each is scored on its own (precision, recall, F1 over
the works), and the whole set is scored by exact match. Works whose author chose none are left
out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

CATEGORIES = ("F/F", "F/M", "Gen", "M/M", "Multi", "Other")


@dataclass(frozen=True, slots=True)
class CategoryCounts:
    """One category: works FicLens gives it, works the author gives it, and both."""

    predicted: int = 0
    support: int = 0
    both: int = 0

    @property
    def precision(self) -> float:
        """Share of the works FicLens gives the category that the author gives it too."""
        return self.both / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Share of the works the author gives the category that FicLens gives it too."""
        return self.both / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True, slots=True)
class CategoryScore:
    """Categories of many works: per category, and the whole set."""

    works: int = 0
    exact: int = 0
    counts: dict[str, CategoryCounts] = field(default_factory=dict)

    @property
    def exact_rate(self) -> float:
        """Share of the works whose category set is the author's exactly."""
        return self.exact / self.works if self.works else 0.0


def score_categories(pairs: Iterable[tuple[Iterable[str], Iterable[str]]]) -> CategoryScore:
    """Score ``(author's categories, FicLens's categories)`` pairs, one per work.

    Example:
        >>> score = score_categories([(["F/M"], ["F/M"]), (["M/M", "F/M"], ["M/M"])])
        >>> score.exact, score.counts["F/M"].recall, score.counts["M/M"].precision
        (1, 0.5, 1.0)
    """
    works = exact = 0
    predicted: dict[str, int] = dict.fromkeys(CATEGORIES, 0)
    support: dict[str, int] = dict.fromkeys(CATEGORIES, 0)
    both: dict[str, int] = dict.fromkeys(CATEGORIES, 0)
    for declared, found in pairs:
        truth, guess = set(declared) & set(CATEGORIES), set(found) & set(CATEGORIES)
        if not truth:
            continue
        works += 1
        exact += truth == guess
        for name in guess:
            predicted[name] += 1
        for name in truth:
            support[name] += 1
            both[name] += name in guess
    counts = {n: CategoryCounts(predicted[n], support[n], both[n]) for n in CATEGORIES}
    return CategoryScore(works, exact, counts)
