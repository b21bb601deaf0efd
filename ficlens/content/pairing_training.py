"""Train the main-pairing models (needs scikit-learn): ``ficlens train pairings FILE``.

Two models, written to ``ficlens/content/models/`` (see
:mod:`ficlens.content.relationships.ranker` for how they are used):

- ``romance``: whether the author tags a romantic pairing first (``A/B``), from the story's
  words and content signals, the same kind of linear model as the rating
  (:func:`ficlens.content.training.fit_model`); every readable work is an example;
- ``pairing``: a logistic regression over the features of every candidate pair of characters
  (``FEATURE_NAMES``), the tagged pair being the positive one (names compared as the
  evaluation compares them, an original character answering to AO3's original-character
  tags). Candidates come from the full
  pipeline (spaCy cast, quotations and speakers) on each work that tags a romantic pairing,
  run in ``jobs`` processes: about a minute per 100 works and process.

The ranker's ship features read how often the training works tag each pair
(:mod:`~ficlens.content.relationships.ships`): those counts are written beside the models as
``ships.json`` and are the ones the ranker was trained with.

Only the story text is read as input. Every work by an author of the pairing evaluation
(:func:`~ficlens.content.corpus.pairing_holdout`) is left out of both, so ``ficlens eval ao3``
scores the shipped models on authors they never saw.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from ficlens.content.corpus import (
    LabelledWork,
    pair_matches,
    pairing_holdout,
    prepare,
    some_labelled,
    tag_names,
    tagged_pair,
)
from ficlens.content.linear import LinearModel
from ficlens.content.relationships import gather_pairs
from ficlens.content.relationships.ranker import FEATURE_NAMES, candidate_features
from ficlens.content.relationships.ships import FILE as SHIPS_FILE
from ficlens.content.relationships.ships import Ships, count_ships
from ficlens.content.signals import find_hits, harm_passages, romance_passages, sexual_passages
from ficlens.content.training import MODELS, fit_model, readable, training_meta, write_models
from ficlens.errors import InputError
from ficlens.fandoms import cast_packs

ROMANCE_C = 1.0
PAIRING_C = 1.0
"""Regularisation of the two models (scikit-learn's ``C``; both were compared with 0.25 and 4
by cross-validation split by author on works the evaluation does not use)."""


@dataclass(frozen=True, slots=True)
class PairExamples:
    """One work's candidate pairs: their features and whether each is the tagged pair."""

    work_id: str
    features: list[list[float]]
    labels: list[bool]


def pair_examples(work: LabelledWork, ships: Ships | None = None) -> PairExamples:
    """Run the pipeline on a work tagging a romantic pairing and describe its candidate pairs.

    ``ships`` are the tag counts the ship features read (default: the shipped ones).

    Raises:
        InputError: the text cannot be read as a story.
    """
    from ficlens.api import work_fandoms  # noqa: PLC0415 (loads spaCy)
    from ficlens.dialogue import analyze_dialogue, story_paragraphs  # noqa: PLC0415
    from ficlens.dialogue.script import find_script  # noqa: PLC0415

    target = tagged_pair(work)
    structured = prepare(work).work
    script = find_script(structured.text, story_paragraphs(structured))
    matches = work_fandoms(structured, script)
    packs = cast_packs([m.pack for m in matches])
    result = analyze_dialogue(structured, packs=packs, script=script)
    cast, text = result.cast, structured.text
    hits = find_hits(text, result.paragraphs)
    romance = romance_passages(hits)
    story, pairs = gather_pairs(
        text, result.paragraphs, cast.characters, cast.mentions, result.quotes, romance,
        cast.narrator, person=cast.person, sexual=sexual_passages(hits),
        harm=harm_passages(hits, result.paragraphs), voices=cast.voices,
    )  # fmt: skip
    names = {c.id: tag_names(c, bool(matches)) for c in cast.characters}
    features, labels = [], []
    for key, values in candidate_features(story, pairs, cast.characters, len(romance), ships):
        features.append(values)
        found = [names.get(ident, ("",)) for ident in key]
        labels.append(target is not None and pair_matches(found, target))
    return PairExamples(work.work_id, features, labels)


def gather_examples(
    works: Sequence[LabelledWork],
    *,
    jobs: int,
    say: Callable[[str], None],
    ships: Ships | None = None,
) -> list[PairExamples]:
    """Candidate pairs of every work, ``jobs`` processes at a time (0: in this process)."""
    examples: list[PairExamples] = []
    if jobs == 0:
        for done, work in enumerate(works, start=1):
            _collect(work.work_id, partial(pair_examples, work, ships), examples, say)
            if done % 100 == 0:
                say(f"pairings: {done} of {len(works)} works")
        return examples
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(pair_examples, work, ships): work.work_id for work in works}
        for done, future in enumerate(as_completed(futures), start=1):
            _collect(futures[future], future.result, examples, say)
            if done % 100 == 0:
                say(f"pairings: {done} of {len(works)} works")
    return sorted(examples, key=lambda e: e.work_id)


def _collect(
    work_id: str,
    result: Callable[[], PairExamples],
    examples: list[PairExamples],
    say: Callable[[str], None],
) -> None:
    try:
        examples.append(result())
    except InputError as error:
        say(f"work {work_id}: {error}")


def fit_ranker(examples: Sequence[PairExamples], meta: dict[str, Any]) -> LinearModel:
    """The ``pairing`` model: a logistic regression over the candidates of all examples."""
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415 (optional)

    x = np.array([row for e in examples for row in e.features], dtype=float)
    y = np.array([label for e in examples for label in e.labels])
    if not y.any() or y.all():
        raise ValueError("the pairing ranker needs works whose tagged pair is among the candidates")
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=PAIRING_C, max_iter=3000).fit((x - mean) / scale, y)
    return LinearModel(
        name="pairing",
        classes=("other", "main"),
        words=(),
        idf=(),
        word_weights=(),
        feature_names=FEATURE_NAMES,
        feature_mean=tuple(round(float(v), 6) for v in mean),
        feature_scale=tuple(round(float(v), 6) for v in scale),
        feature_weights=tuple((round(float(w), 5),) for w in model.coef_[0]),
        feature_factor=1.0,
        intercept=(round(float(model.intercept_[0]), 6),),
        threshold=0.5,
        meta=meta,
        index={},
    )


def train_pairings(
    path: str | Path,
    *,
    say: Callable[[str], None],
    jobs: int = 2,
    limit: int | None = None,
    hold_out: bool = True,
    out: Path = MODELS,
) -> list[LinearModel]:
    """Train the ``romance`` and ``pairing`` models on a labelled file and write them to ``out``.

    Args:
        path: labelled AO3 works (:func:`~ficlens.content.corpus.read_labelled`).
        say: hears progress and unreadable works.
        jobs: processes running the pipeline for the ranker (0: in this process).
        limit: train the ranker on at most this many works (the first, in file order).
        hold_out: leave out the pairing evaluation's authors (:func:`pairing_holdout`); only
            a file that is not the evaluation's needs ``False``.
        out: where the model files go.
    """
    works, problems = some_labelled(path)
    for problem in problems:
        say(problem)
    held_out = pairing_holdout(works) if hold_out else frozenset()
    kept = [w for w in works if w.group not in held_out]
    if hold_out:
        say(f"{len(works) - len(kept)} works by the pairing evaluation's authors held out")
    kept, prepared = readable(kept, say)
    y = np.array([int(tagged_pair(w) is not None) for w in kept])
    romance = fit_model("romance", ("no", "yes"), prepared, y, ROMANCE_C)
    ships = count_ships(w.relationships for w in kept)
    write_ships(ships, training_meta(path, kept), out, say)
    tagged = [w for w in kept if tagged_pair(w) is not None][:limit]
    examples = gather_examples(tagged, jobs=jobs, say=say, ships=ships)
    return write_models(
        [
            LinearModel.from_json({**romance.to_json(), "meta": training_meta(path, kept)}),
            fit_ranker(examples, training_meta(path, tagged)),
        ],
        out,
        say,
    )


def write_ships(ships: Ships, meta: dict[str, Any], out: Path, say: Callable[[str], None]) -> None:
    """Write the tag counts the ship features read to ``out/ships.json`` (data and works only)."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / SHIPS_FILE
    data = ships.to_json({"data": meta["data"], "works": meta["works"]})
    target.write_text(json.dumps(data, separators=(",", ":")) + "\n", "utf-8")
    say(f"wrote {target} ({len(data['pairs'])} pairs tagged at least twice)")
