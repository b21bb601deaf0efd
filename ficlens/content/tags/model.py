"""Tags a trained word model decides: tone tags no word list separates (Fluff, Angst ...).

A rule with ``model = true`` in ``tags.toml`` is decided by its shipped binary word model
(``ficlens/content/models/tag.<key>.json``, written by ``ficlens train tags``): the tag fires
when the model's probability for the story's words reaches the model's threshold, and its
confidence is that probability calibrated (:meth:`LinearModel.confidence`): the share of works
with that probability whose authors use the tag. The evidence shows why:

1. the sentences the rule's own patterns find (one per paragraph, heavier hits first), which
   name the thing a reader looks for (*tears ran down her face* for Angst);
2. then the sentences whose words push the model hardest towards the tag.

The models read words only (no signals), so a tag's decision is traceable to its passages.
They read a story's words as a unit-length tf-idf vector, so in a story of a few sentences
every word weighs heavily and one word can decide the tone: a story shorter than
:data:`MIN_WORDS` gets no model-decided tag.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ficlens.content.evidence import pushing_sentences
from ficlens.content.linear import LinearModel, load_model
from ficlens.content.tags.lexical import Hit
from ficlens.content.tags.schema import TagRule, model_name
from ficlens.model import Span, Tag

MIN_WORDS = 100
"""Story words a model needs to decide a tag (a drabble's length): *She read the paper and went
to work. Nothing much happened.* read as Angst at 0.54 before this guard."""
Models = Mapping[str, LinearModel]
"""Tag name -> the model that decides it, to use instead of the shipped one (tests, research)."""


def tag_model(rule: TagRule, models: Models | None = None) -> LinearModel:
    """The model that decides ``rule``: one given for its name, else the shipped one.

    Raises:
        ModelError: no model is given and none is shipped (``ficlens train tags`` writes them).
    """
    if models is not None and rule.name in models:
        return models[rule.name]
    return load_model(model_name(rule.name))


def model_tag(
    rule: TagRule,
    text: str,
    paragraphs: Sequence[Span],
    counts: Mapping[str, int],
    lexical: list[list[Hit]],
    *,
    words: int,
    limit: int,
    models: Models | None = None,
) -> Tag | None:
    """The tag when its model's probability reaches the model's threshold, with evidence.

    Args:
        rule: a rule with ``model = true``.
        text: the work's text; evidence spans index into it.
        paragraphs: the story's paragraphs, in order.
        counts: the story's word counts (:func:`ficlens.content.features.word_counts`).
        lexical: the rule's pattern hits per paragraph (:func:`lexical_hits`).
        words: the story's length in words; under :data:`MIN_WORDS`, no tag.
        limit: at most this many evidence spans.
        models: models to use instead of the shipped ones, by tag name.
    """
    model = tag_model(rule, models)
    if words < MIN_WORDS:
        return None
    probability = model.probabilities(counts, ())[1]
    if probability < model.threshold:
        return None
    best = [max(hits, key=lambda hit: hit.weight) for hits in lexical]
    found = [hit.span for hit in sorted(best, key=lambda hit: (-hit.weight, hit.span.start))]
    found = found[: max(limit, 0)]
    if len(found) < limit:
        pushing = pushing_sentences(text, paragraphs, model.word_push(0), limit=limit)
        found += [s for s in pushing if not any(s.overlaps(f) for f in found)]
    chance = model.confidence(probability)  # calibrated: the share of such works so tagged
    return Tag(rule.name, round(chance, 3), tuple(found[: max(limit, 0)]))
