"""AO3 categories (F/F, F/M, Gen, M/M, Multi, Other) against the ones the author chose.

A work may carry several categories, so each is scored on its own (precision, recall, F1 over
the works), and the whole set is scored by exact match. Works whose author chose none are left
out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ficlens.eval.shares import share
from ficlens.eval.tags import TagScore

CATEGORIES = ("F/F", "F/M", "Gen", "M/M", "Multi", "Other")


@dataclass(frozen=True, slots=True)
class CategoryScore:
    """Categories of many works: per category, and the whole set."""

    works: int = 0
    exact: int = 0
    counts: dict[str, TagScore] = field(default_factory=dict)
    """Per category, its counts over the works (precision, recall and F1 as for tags)."""

    @property
    def exact_rate(self) -> float:
        """Share of the works whose category set is the author's exactly."""
        return share(self.exact, self.works)


def score_categories(pairs: Iterable[tuple[Iterable[str], Iterable[str]]]) -> CategoryScore:
    """Score ``(author's categories, FicLens's categories)`` pairs, one per work.

    Example:
        >>> score = score_categories([(["F/M"], ["F/M"]), (["M/M", "F/M"], ["M/M"])])
        >>> score.exact, score.counts["F/M"].recall, score.counts["M/M"].precision
        (1, 0.5, 1.0)
    """
    works = exact = 0
    counts = {name: TagScore(name) for name in CATEGORIES}
    for declared, found in pairs:
        truth, guess = set(declared) & set(CATEGORIES), set(found) & set(CATEGORIES)
        if not truth:
            continue
        works += 1
        exact += truth == guess
        for name in truth | guess:
            counts[name].record(name in guess, name in truth)
    return CategoryScore(works, exact, counts)
