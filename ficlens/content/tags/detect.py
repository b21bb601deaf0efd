"""Detecting a work's tags: every rule scored against the work, with confidence and evidence.

:func:`detect_tags` prepares the work once (lower-cased text, headings, signals by name, word
count) and scores each rule: the signal gate first, then structural and lexical evidence.
Confidence is half at the threshold and approaches 1; evidence is structural spans first, then
one sentence per paragraph, heavier hits first. A rule with ``model = true`` is decided by its
trained word model instead (``model.py``), with the model's probability as its confidence.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ficlens.content.features import word_counts
from ficlens.content.tags.lexical import Hit, PreparedText, lexical_hits, lexical_score
from ficlens.content.tags.loader import load_tags
from ficlens.content.tags.model import Models, model_tag
from ficlens.content.tags.schema import SIGNAL_LEVELS, TagRule
from ficlens.content.tags.structure import Heading, find_headings, structure_hits
from ficlens.model import Chapter, Scene, Signal, Span, Tag
from ficlens.stats import count_words

STRUCTURE_HITS = 2.0
"""A structural hit counts as this many times ``min_hits`` when computing confidence."""


def _signal_allows(rule: TagRule, signals: dict[str, Signal]) -> bool:
    if rule.requires_signal is None:
        return True
    name, level = rule.requires_signal
    signal = signals.get(name)
    if signal is None or signal.level not in SIGNAL_LEVELS[name]:
        return False
    order = SIGNAL_LEVELS[name]
    return order.index(signal.level) >= order.index(level)


@dataclass(frozen=True, slots=True)
class _Context:
    """What every rule is scored against: the text, its parts and the signals by name."""

    prepared: PreparedText
    scenes: Sequence[Scene]
    chapters: Sequence[Chapter]
    headings: Sequence[Heading]
    signals: dict[str, Signal]
    words: int
    counts: Mapping[str, int]
    models: Models | None
    fandoms: frozenset[str]


def _confidence(score: float, needed: float) -> float:
    """Half at the threshold, three quarters at twice it, approaching 1."""
    return round(1 - math.pow(0.5, score / max(needed, 1.0)), 3)


def _evidence(structural: Iterable[Span], lexical: list[list[Hit]], limit: int) -> tuple[Span, ...]:
    """Structural spans first, then one span per paragraph, heavier hits first."""
    best = [max(hits, key=lambda hit: hit.weight) for hits in lexical]
    ranked = sorted(best, key=lambda hit: (-hit.weight, hit.span.start))
    spans = list(dict.fromkeys([*structural, *(hit.span for hit in ranked)]))
    return tuple(spans[: max(limit, 0)])


def _signal_tag(rule: TagRule, context: _Context, limit: int) -> Tag | None:
    """A tag decided by its signal alone: the signal's passages are its evidence."""
    assert rule.requires_signal is not None
    signal = context.signals[rule.requires_signal[0]]
    hits = max(len(signal.evidence), 1)
    if hits < rule.min_hits:
        return None
    return Tag(rule.name, _confidence(hits, rule.min_hits), signal.evidence[: max(limit, 0)])


def _detect(rule: TagRule, context: _Context, limit: int) -> Tag | None:
    """Score one rule against a work; the tag, or ``None`` when the evidence is too thin."""
    if not _signal_allows(rule, context.signals):
        return None
    if rule.fandom is not None and rule.fandom not in context.fandoms:
        return None
    if rule.model:
        prepared = context.prepared
        lexical = lexical_hits(rule, prepared)
        return model_tag(
            rule, prepared.text, prepared.paragraphs, context.counts, lexical,
            words=context.words, limit=limit, models=context.models,
        )  # fmt: skip
    if not rule.groups and rule.structure is None:
        return _signal_tag(rule, context, limit)
    structural = structure_hits(
        rule, context.prepared.text, context.headings, context.scenes, context.chapters
    )
    lexical = lexical_hits(rule, context.prepared)
    score = lexical_score(rule, lexical, context.words)
    if not structural and not score:
        return None
    score += STRUCTURE_HITS * max(rule.min_hits, 1.0) * len(structural)
    evidence = _evidence(structural, lexical, limit)
    return Tag(rule.name, _confidence(score, rule.min_hits), evidence)


def detect_tags(
    text: str,
    paragraphs: Sequence[Span],
    *,
    scenes: Sequence[Scene] = (),
    chapters: Sequence[Chapter] = (),
    signals: Sequence[Signal] = (),
    max_evidence: int = 3,
    rules: Sequence[TagRule] | None = None,
    counts: Mapping[str, int] | None = None,
    models: Models | None = None,
    fandoms: Iterable[str] = (),
) -> tuple[Tag, ...]:
    r"""Suggest AO3 freeform tags for a work, each with the passages that show it.

    Args:
        text: the work's text; every span indexes into it.
        paragraphs: the story's paragraphs in order, author's notes excluded.
        scenes: the work's scenes (their kinds and headings are structural evidence).
        chapters: the work's chapters (their kinds, headings and titles).
        signals: content signals; tags with ``requires_signal`` need the signal's level.
        max_evidence: at most this many evidence spans per tag.
        rules: the tag rules to apply; the packaged ``tags.toml`` when ``None``.
        counts: the story's word counts, if the caller has them (computed otherwise); only
            rules with ``model = true`` read them.
        models: word models to decide ``model = true`` rules by tag name, instead of the
            shipped ones.
        fandoms: the names of the canons the work belongs to (its fandom packs' names); a tag
            of one canon (``fandom`` in ``tags.toml``) fires only in its works.

    Returns:
        The tags found, strongest first (confidence, then name).

    Example:
        >>> text = "Epilogue\n\nThey married in spring."
        >>> [tag.name for tag in detect_tags(text, [Span(0, 8), Span(10, 33)])]
        ['Epilogue']
    """
    ordered = sorted(paragraphs)
    chosen = load_tags() if rules is None else rules
    if counts is None and any(rule.model for rule in chosen):
        counts = word_counts(" ".join(p.of(text) for p in ordered))
    context = _Context(
        prepared=PreparedText.of(text, ordered),
        scenes=scenes,
        chapters=chapters,
        headings=find_headings(text, ordered, scenes, chapters),
        signals={signal.name: signal for signal in signals},
        words=sum(count_words(paragraph.of(text)) for paragraph in ordered),
        counts=counts or {},
        models=models,
        fandoms=frozenset(fandoms),
    )
    found = (_detect(rule, context, max_evidence) for rule in chosen)
    tags = [tag for tag in found if tag is not None]
    return tuple(sorted(tags, key=lambda tag: (-tag.confidence, tag.name)))
