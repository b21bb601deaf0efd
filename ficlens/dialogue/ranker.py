"""A second look at the quotations the sieves could not pin to a name: rank the candidates.

The sieves of :mod:`ficlens.dialogue.speakers` are precise when a speech verb has a named
subject (``said Elinor``) but guess when it has a pronoun (``she said``), when a turn of a
conversation stands alone, or when nothing is said at all. For those quotations
:mod:`ficlens.dialogue.candidates` lists who could be speaking, with a row of facts about each;
a :class:`Ranker` — a linear model trained on the development novels of PDNC by
``ficlens train pdnc`` (see ``docs/evaluation.md``) — scores the rows, and the best candidate
speaks, with its softmax share of the scores as the confidence.

The model file ``models/speaker_ranker.json`` holds one weight per fact name, so what the
ranker learned can be read off it; applying it needs no scikit-learn.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from ficlens.cast import Cast
from ficlens.dialogue.candidates import Candidates, candidates
from ficlens.dialogue.prepared import Prepared
from ficlens.model import Quote

SCHEMA = "ficlens.ranker/1"
METHOD = "speakers.ranked.v1"
MODEL_FILE = "speaker_ranker.json"


class RankerError(ValueError):
    """The ranker model file is malformed; the message names it."""


@dataclass(frozen=True, slots=True)
class Ranker:
    """A linear scorer of candidates: ``intercept + sum(weights[fact] * value)``.

    Attributes:
        weights: one weight per fact name (facts it does not know weigh nothing).
        intercept: the constant term (it does not change which candidate wins).
        meta: how it was trained: the novels, the regularisation, the date.
    """

    weights: Mapping[str, float]
    intercept: float
    meta: Mapping[str, Any]

    @classmethod
    def from_json(cls, data: Mapping[str, Any], *, source: str = "ranker") -> Ranker:
        """Build a ranker from its JSON object, checking the schema."""
        if data.get("schema") != SCHEMA:
            raise RankerError(f"{source}: not a {SCHEMA} model")
        try:
            weights = {str(k): float(v) for k, v in data["weights"].items()}
            return cls(weights, float(data["intercept"]), dict(data.get("meta", {})))
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise RankerError(f"{source}: malformed ranker ({error})") from error

    def to_json(self) -> dict[str, Any]:
        """The JSON object :meth:`from_json` reads."""
        return {
            "schema": SCHEMA,
            "weights": dict(self.weights),
            "intercept": self.intercept,
            "meta": dict(self.meta),
        }

    def score(self, row: Mapping[str, float]) -> float:
        """One candidate's score (a logit)."""
        return self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in row.items())


@cache
def load_ranker() -> Ranker | None:
    """The shipped ranker, or ``None`` when the package carries none."""
    path = resources.files("ficlens.dialogue") / "models" / MODEL_FILE
    if not path.is_file():
        return None
    return Ranker.from_json(json.loads(path.read_text(encoding="utf-8")), source=str(path))


def rerank(
    prepared: Prepared, quotes: Sequence[Quote], *, cast: Cast, ranker: Ranker | None = None
) -> tuple[Quote, ...]:
    """The quotations with the speakers the ranker prefers where the sieves only guessed.

    Args:
        prepared: the parsed work.
        quotes: the sieves' answers, one per quotation found.
        cast: the roster.
        ranker: the model; by default the shipped one (no model: the quotations unchanged).
    """
    model = ranker or load_ranker()
    if model is None:
        return tuple(quotes)
    return choose(quotes, candidates(prepared, quotes, cast=cast), model)


def choose(
    quotes: Sequence[Quote], groups: Iterable[Candidates], ranker: Ranker
) -> tuple[Quote, ...]:
    """The quotations with each group's best-scoring candidate as the speaker."""
    revised = list(quotes)
    for group in groups:
        scores = [ranker.score(row) for row in group.rows]
        best = max(range(len(scores)), key=scores.__getitem__)
        total = sum(math.exp(s - scores[best]) for s in scores)
        revised[group.quote] = replace(
            revised[group.quote],
            speaker=group.ids[best],
            method=METHOD,
            confidence=round(1.0 / total, 3),
        )
    return tuple(revised)
