"""Whether a stated confidence means what it says: reliability bins, ECE and the Brier score.

A report that says *Mature, confidence 0.83* promises that, of the works it rates with about
that confidence, about 83% are Mature. :func:`reliability` checks the promise on labelled
works: it puts each ``(confidence, right)`` pair in one of ``BINS`` equal slices of [0, 1] and
compares, slice by slice, the mean confidence with the share that was right. The expected
calibration error (ECE) is the mean gap weighted by how many predictions fall in each slice
(Guo et al. 2017); the Brier score is the mean squared gap between each confidence and its
outcome (0 or 1), which also rewards confidences that separate right from wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BINS = 10
"""Equal-width confidence slices of [0, 1]."""


@dataclass(frozen=True, slots=True)
class Slice:
    """The predictions whose confidence lies in ``[low, high)`` (the last slice holds 1.0)."""

    low: float
    high: float
    n: int
    confidence: float
    """Their mean stated confidence."""
    right: float
    """The share of them that was right."""


@dataclass(frozen=True, slots=True)
class Reliability:
    """How well a set of stated confidences matches what happened."""

    n: int
    ece: float
    brier: float
    confidence: float
    """Mean stated confidence."""
    right: float
    """Share right over all predictions."""
    slices: tuple[Slice, ...]
    """The non-empty slices, lowest first."""


def reliability(
    confidences: Sequence[float], right: Sequence[bool], bins: int = BINS
) -> Reliability:
    """The reliability of ``confidences`` against outcomes ``right`` (same order).

    >>> r = reliability([0.9, 0.9, 0.6, 0.6], [True, True, True, False])
    >>> round(r.ece, 3), round(r.brier, 3), [(s.n, s.right) for s in r.slices]
    (0.1, 0.135, [(2, 0.5), (2, 1.0)])
    """
    if len(confidences) != len(right):
        raise ValueError("confidences and outcomes differ in length")
    n = len(confidences)
    if not n:
        return Reliability(0, 0.0, 0.0, 0.0, 0.0, ())
    slices = []
    gap = 0.0
    for number in range(bins):
        low, high = number / bins, (number + 1) / bins
        members = [
            (c, r)
            for c, r in zip(confidences, right, strict=True)
            if low <= c < high or (number == bins - 1 and c == high)
        ]
        if not members:
            continue
        mean = sum(c for c, _ in members) / len(members)
        share = sum(1 for _, r in members if r) / len(members)
        gap += len(members) * abs(mean - share)
        slices.append(Slice(low, high, len(members), mean, share))
    brier = sum((c - float(r)) ** 2 for c, r in zip(confidences, right, strict=True)) / n
    return Reliability(
        n=n,
        ece=gap / n,
        brier=brier,
        confidence=sum(confidences) / n,
        right=sum(1 for r in right if r) / n,
        slices=tuple(slices),
    )
