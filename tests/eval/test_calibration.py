"""Reliability, ECE and Brier on hand-made confidences; the no-warning confidence."""

from __future__ import annotations

import pytest

from ficlens.content.warnings import no_warning_confidence
from ficlens.eval.calibration import reliability


def test_a_perfectly_calibrated_set_has_no_gap() -> None:
    # ten predictions at 0.8, eight right; ten at 0.3, three right
    confidences = [0.8] * 10 + [0.3] * 10
    right = [True] * 8 + [False] * 2 + [True] * 3 + [False] * 7
    r = reliability(confidences, right)
    assert r.ece == pytest.approx(0.0)
    assert r.right == pytest.approx(11 / 20)
    assert [(s.low, s.n, s.right) for s in r.slices] == [
        (pytest.approx(0.3), 10, pytest.approx(0.3)),
        (pytest.approx(0.8), 10, pytest.approx(0.8)),
    ]
    # Brier: 0.8 slice 8 * 0.04 + 2 * 0.64; 0.3 slice 3 * 0.49 + 7 * 0.09
    assert r.brier == pytest.approx((8 * 0.04 + 2 * 0.64 + 3 * 0.49 + 7 * 0.09) / 20)


def test_an_overconfident_set_has_the_gap_it_shows() -> None:
    # always 0.95, right half the time: a gap of 0.45 in the one slice holding them
    r = reliability([0.95] * 4, [True, False, True, False])
    assert r.ece == pytest.approx(0.45)
    assert r.confidence == pytest.approx(0.95)
    assert len(r.slices) == 1 and r.slices[0].low == pytest.approx(0.9)


def test_a_confidence_of_one_falls_in_the_last_slice() -> None:
    r = reliability([1.0, 0.0], [True, False])
    assert [s.n for s in r.slices] == [1, 1]
    assert r.ece == 0.0 and r.brier == 0.0


def test_no_predictions_score_zero_and_unequal_lengths_are_refused() -> None:
    assert reliability([], []).n == 0
    with pytest.raises(ValueError, match="differ in length"):
        reliability([0.5], [True, False])


def test_no_warning_confidence_is_the_chance_none_applies() -> None:
    assert no_warning_confidence([0.0, 0.0, 0.0, 0.0]) == 1.0
    assert no_warning_confidence([0.5, 0.5]) == 0.25
    assert no_warning_confidence([0.2, 0.1, 0.0, 0.0]) == pytest.approx(0.72)
    assert no_warning_confidence([1.0, 0.0]) == 0.0
