"""Training the word models that decide tone tags (``ficlens train tags``).

Every rule of ``tags.toml`` with ``model = true`` gets one binary logistic regression over
the story's words (tf-idf, the chi-squared vocabulary of :mod:`ficlens.content.training`, no
signals), labelled by the authors' freeform tags: a work is a positive when one of its tags is
the rule's name or one of its ``aliases``, compared as ``bench/dev_tags.py`` compares them
(``Fluff and Angst`` counts for both). The threshold is the one with the best F1 over
out-of-fold probabilities, five folds split by author.

A tag of one canon (``fandom`` in ``tags.toml``) is trained only on the works FicLens places in
that canon, as it only fires in them.

Only the first :data:`DEVELOPMENT` works of the file are read, so the rest stay a held-out
split for ``bench/dev_tags.py``. Authors under-tag, so the labels hold false negatives; the
models learn what authors who *do* tag a tone write.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from ficlens.api import work_fandoms
from ficlens.content.corpus import LabelledWork, Prepared, some_labelled
from ficlens.content.linear import LinearModel
from ficlens.content.tags import TagRule, load_tags, model_name
from ficlens.content.training import (
    FOLDS,
    MODELS,
    best_threshold,
    fit_model,
    out_of_fold,
    platt,
    readable,
    training_meta,
    write_models,
)
from ficlens.eval.tags import canonical_gold, variant_index

DEVELOPMENT = 3000
"""Works read for training, from the start of the file; ``bench/dev_tags.py`` holds out the
rest (works 3,000–3,999 of ``../shared/data/ao3-hp/works.jsonl``)."""
TAG_C = 1.0
"""Inverse regularisation strength. Chosen by author-split cross-validation on the
development works among 0.5, 1 and 4 (all within 0.04 F1 of each other on every tag)."""


def tag_labels(rule: TagRule, works: Sequence[LabelledWork]) -> NDArray[np.int_]:
    """1 for each work whose author used the rule's tag or one of its aliases, else 0."""
    index = variant_index({rule.name: rule.aliases})
    return np.array([int(rule.name in canonical_gold(w.freeforms, index)) for w in works])


def fit_tag_model(
    rule: TagRule, prepared: Sequence[Prepared], y: NDArray[np.int_], groups: Sequence[str]
) -> LinearModel:
    """The rule's model, its threshold and calibration chosen on out-of-fold probabilities.

    The folds split by author. The calibration (Platt scaling, :func:`platt`) turns the
    model's probability, overstated by the balanced class weights, into the chance the tag
    stands for, which is what a tag's confidence tells a reader.
    """

    def plain(
        items: Sequence[Prepared], labels: NDArray[np.int_], _groups: Sequence[str]
    ) -> LinearModel:
        return fit_model(model_name(rule.name), ("no", rule.name), items, labels, TAG_C,
                         signals=False)  # fmt: skip

    folds = min(FOLDS, len(set(groups)))
    found, _ = out_of_fold(prepared, y, groups, plain, folds=folds)
    threshold = best_threshold(found[:, 1], y)
    model = plain(prepared, y, groups)
    return replace(model, threshold=threshold, calibration=platt(found[:, 1], y))


def train_tag_models(
    path: str | Path,
    *,
    say: Callable[[str], None],
    out: Path = MODELS,
    limit: int = DEVELOPMENT,
) -> list[LinearModel]:
    """Train the model of every ``model = true`` tag on the file's first ``limit`` works.

    Raises:
        ValueError: some tag has no positive or no negative work among them.
    """
    works, problems = some_labelled(path)
    for problem in problems:
        say(problem)
    works = works[:limit]
    say(f"reading {len(works)} works")
    kept, prepared = readable(works, say)
    fandoms = [{m.pack.name for m in work_fandoms(item.work)} for item in prepared]
    models = []
    for rule in (rule for rule in load_tags() if rule.model):
        chosen = [i for i, found in enumerate(fandoms) if rule.fandom in (None, *found)]
        works_in = [kept[i] for i in chosen]
        y = tag_labels(rule, works_in)
        say(f"training the {rule.name} model ({int(y.sum())} of {len(y)} works tagged)")
        model = fit_tag_model(rule, [prepared[i] for i in chosen], y, [w.group for w in works_in])
        meta = training_meta(path, works_in)
        models.append(LinearModel.from_json({**model.to_json(), "meta": meta}))
    return write_models(models, out, say)
