"""Train and measure the speaker ranker on PDNC (training needs scikit-learn).

The ranker (:mod:`ficlens.dialogue.ranker`) scores candidate speakers with one weight per fact
(:mod:`ficlens.dialogue.candidates`). Its training rows come from running the sieves on PDNC
novels under both protocols (the cast FicLens builds, and the gold roster): every candidate of
every quotation the sieves only guessed, labelled by whether it is (maps to) the gold speaker.
Quotations whose gold speaker is no candidate teach nothing and are left out. The model is an
L2-regularised logistic regression (``C`` = ``RANKER_C``) over those rows.

A ranker trained on the development novels would be scored on its own training data there, so
:func:`leave_one_out` fits, for each novel, a ranker on the *other* novels and applies it to
that one; ``ficlens eval pdnc`` does this whenever the shipped ranker was trained on a novel it
evaluates.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ficlens.dialogue import DialogueResult, Prepared
from ficlens.dialogue.addressees import Addressing, readdress
from ficlens.dialogue.candidates import FEATURES, Candidates, candidates
from ficlens.dialogue.ranker import MODEL_FILE, Ranker, choose
from ficlens.errors import FicLensError
from ficlens.model import Quote, Span

RANKER_C = 1.0
MODELS = Path(__file__).resolve().parents[1] / "dialogue" / "models"

Labelled = tuple[Candidates, tuple[bool, ...]]
"""A quotation's candidates and, for each, whether it is the gold speaker."""

GoldSpans = Sequence[tuple[Span, str | None]]
"""Every span of every gold quotation with its speaker's gold id, sorted by start."""


@dataclass(frozen=True)
class Attributed:
    """One novel under one protocol: the sieves' answers and the labelled candidates.

    Attributes:
        novel: the novel's name.
        protocol: ``end-to-end`` or ``gold-roster``.
        result: the dialogue stage's result with the sieves' answers only, parse dropped.
        groups: the candidates of every quotation the ranker may revise, labelled.
        addressing: what addressing the quotations again after the ranker needs.
    """

    novel: str
    protocol: str
    result: DialogueResult
    groups: tuple[Labelled, ...]
    addressing: Addressing

    def ranked(self, ranker: Ranker) -> tuple[Quote, ...]:
        """The quotations as the ranker revises them, addressed from the revised speakers."""
        chosen = choose(self.result.quotes, (group for group, _ in self.groups), ranker)
        return readdress(chosen, self.addressing)


def label(
    prepared: Prepared, result: DialogueResult, gold: GoldSpans, ids: dict[str, str]
) -> tuple[Labelled, ...]:
    """The candidates of a sieved result, each labelled against the gold speakers.

    Args:
        prepared: the parsed work.
        result: ``attribute(prepared, rank=False)`` — the sieves' answers.
        gold: the gold quotation spans and speakers.
        ids: predicted character id -> gold id.
    """
    starts = [span.start for span, _ in gold]
    found = candidates(prepared, result.quotes, cast=result.cast)
    labelled = []
    for group in found:
        span = result.quotes[group.quote].span
        index = bisect.bisect_left(starts, span.end)
        speaker = next(
            (who for other, who in gold[max(0, index - 3) : index] if other.overlaps(span)), None
        )
        labels = tuple(speaker is not None and ids.get(who) == speaker for who in group.ids)
        labelled.append((group, labels))
    return tuple(labelled)


def fit(
    groups: Sequence[Labelled], *, c: float = RANKER_C, meta: dict[str, Any] | None = None
) -> Ranker:
    """Fit a ranker on labelled candidates (only quotations with the gold speaker among them)."""
    try:
        import numpy as np  # noqa: PLC0415
        from sklearn.linear_model import LogisticRegression  # noqa: PLC0415
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise FicLensError(
            "training the speaker ranker needs scikit-learn: pip install 'ficlens[train]'"
        ) from error
    index = {name: n for n, name in enumerate(FEATURES)}
    rows: list[list[float]] = []
    labels: list[bool] = []
    for group, marks in groups:
        if not any(marks):
            continue
        for row, mark in zip(group.rows, marks, strict=True):
            vector = [0.0] * len(FEATURES)
            for name, value in row.items():
                vector[index[name]] = value
            rows.append(vector)
            labels.append(mark)
    if len(set(labels)) < 2:
        raise FicLensError("too little data to train the speaker ranker (no labelled choice)")
    model = LogisticRegression(C=c, max_iter=3000).fit(np.array(rows), np.array(labels))
    weights = {name: round(float(w), 5) for name, w in zip(FEATURES, model.coef_[0], strict=True)}
    return Ranker(weights, round(float(model.intercept_[0]), 5), meta or {})


def leave_one_out(
    attributed: Sequence[Attributed], *, progress: Callable[[str], None] | None = None
) -> dict[tuple[str, str], tuple[Quote, ...]]:
    """For each novel, its quotations ranked by a ranker trained on all the other novels."""
    novels = sorted({a.novel for a in attributed})
    if len(novels) < 2:
        raise FicLensError("leave-one-novel-out needs at least two novels")
    ranked: dict[tuple[str, str], tuple[Quote, ...]] = {}
    for novel in novels:
        ranker = fit([g for a in attributed if a.novel != novel for g in a.groups])
        for item in attributed:
            if item.novel == novel:
                ranked[(item.novel, item.protocol)] = item.ranked(ranker)
        if progress is not None:
            progress(novel)
    return ranked


def write_ranker(attributed: Sequence[Attributed], *, out: Path = MODELS) -> tuple[Ranker, Path]:
    """Fit the ranker on every novel given and write it where the package loads it from."""
    novels = sorted({a.novel for a in attributed})
    meta = {
        "data": "PDNC",
        "novels": novels,
        "protocols": sorted({a.protocol for a in attributed}),
        "c": RANKER_C,
        "trained": dt.date.today().isoformat(),
    }
    ranker = fit([g for a in attributed for g in a.groups], meta=meta)
    out.mkdir(parents=True, exist_ok=True)
    target = out / MODEL_FILE
    target.write_text(json.dumps(ranker.to_json(), indent=1, sort_keys=True) + "\n", "utf-8")
    return ranker, target
