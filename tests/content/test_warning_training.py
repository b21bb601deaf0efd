"""The archive-warning models' training: light on the words, heavy on the signal features."""

from __future__ import annotations

import numpy as np
import pytest

from ficlens.content.corpus import LabelledWork, prepare
from ficlens.content.training import WARNING_FEATURE_FACTOR, fit_model, platt, warning_fitter

CALM = "The kettle sang while Odile sorted the seed packets by colour and hummed to the radio."
GRIM = (
    "The blade went in and Tamsin was bleeding, her wounds deep; she died in a pool of blood "
    "and the corpse lay in the rain. Wren sobbed at the funeral beside the grave."
)


def _works(count: int = 16) -> tuple[list[LabelledWork], np.ndarray]:
    works = [
        LabelledWork(
            work_id=str(n),
            group=f"writer{n % 8}",
            text="\n\n".join([GRIM if n % 2 else CALM] * 3),
            rating="Mature" if n % 2 else "General Audiences",
            warnings=("Major Character Death",) if n % 2 else ("No Archive Warnings Apply",),
        )
        for n in range(count)
    ]
    return works, np.array([n % 2 for n in range(count)])


def test_a_smaller_feature_factor_shrinks_what_the_signals_say() -> None:
    works, y = _works()
    prepared = [prepare(w) for w in works]
    contribution = {}
    for factor in (1.0, 0.1):
        model = fit_model("warning.test", ("no", "test"), prepared, y, 4.0, feature_factor=factor)
        assert model.feature_factor == factor
        contribution[factor] = sum(abs(row[0]) * factor for row in model.feature_weights)
    assert contribution[0.1] < contribution[1.0]


def test_the_warning_fitter_uses_the_warning_feature_factor() -> None:
    works, y = _works()
    prepared = [prepare(w) for w in works]
    model = warning_fitter("major_character_death")(prepared, y, [w.group for w in works])
    assert model.feature_factor == WARNING_FEATURE_FACTOR
    assert 0.0 < model.threshold < 1.0
    grim, calm = (model.probabilities(prepared[i].counts, prepared[i].features)[1] for i in (1, 0))
    assert grim > calm
    assert model.calibration is not None  # fitted on the inner out-of-fold probabilities


def test_platt_scaling_recovers_a_known_overstatement() -> None:
    # A model whose probability is always 0.4 where one work in five is positive: Platt
    # scaling must map 0.4 to 0.2, however the slope is shared between the two.
    p = np.full(200, 0.4)
    y = np.array([1] * 40 + [0] * 160)
    p = np.concatenate([p, np.full(200, 0.1)])  # and 0.1 where one in twenty is
    y = np.concatenate([y, np.array([1] * 10 + [0] * 190)])
    slope, intercept = platt(p, y)

    def mapped(probability: float) -> float:
        return 1 / (1 + np.exp(-(slope * np.log(probability / (1 - probability)) + intercept)))

    assert mapped(0.4) == pytest.approx(0.2, abs=1e-3)
    assert mapped(0.1) == pytest.approx(0.05, abs=1e-3)
