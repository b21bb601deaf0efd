"""Lexical evidence: pattern groups scanned paragraph by paragraph, weighed and thresholded.

Each paragraph counts once per tag, with the weight of the strongest pattern group it matches
(outside the tag's ``exclude`` sentences and, with ``position``, only near the story's start or
end). :func:`lexical_score` is the weighted count when it reaches ``min_hits`` and
``min_density`` and every ``required`` group matched, else 0.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ficlens.content.tags.schema import PatternGroup, TagRule
from ficlens.content.tags.sentences import sentence_span
from ficlens.model import Span

EDGE_SHARE = 0.4
"""``position = "end"`` counts hits in the last 40% of the story; ``"start"`` the first 40%."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One piece of evidence: its sentence-sized span and how much it counts."""

    span: Span
    weight: float
    group: int


@dataclass(frozen=True, slots=True)
class PreparedText:
    """The work's text prepared for scanning: lower-cased (same length) and its paragraphs."""

    text: str
    lowered: str
    paragraphs: Sequence[Span]
    starts: list[int]

    @classmethod
    def of(cls, text: str, paragraphs: Sequence[Span]) -> PreparedText:
        """Prepare ``text``; lower-casing keeps every offset (characters that would grow stay)."""
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        return cls(text, lowered, paragraphs, [p.start for p in paragraphs])

    def paragraph_at(self, match: Span) -> int | None:
        """The index of the paragraph holding ``match`` wholly, or ``None``."""
        index = bisect_right(self.starts, match.start) - 1
        if index < 0 or match.end > self.paragraphs[index].end:
            return None
        return index

    def boundary(self, offset: int) -> bool:
        r"""Whether a word boundary (``\b``) lies at ``offset``."""
        before = offset > 0 and _is_word(self.lowered[offset - 1])
        after = offset < len(self.lowered) and _is_word(self.lowered[offset])
        return before != after


_DENIED = re.compile(
    r"(?:\b(?:not|never|no longer)|n['’]t)\s+(?:\w+\s+){0,2}$|\bno\s+(?:\w+\s+)?$", re.I
)
"""A negation that governs the words right after it: *did not cry*, *didn't even kiss*,
*wasn't going to cry*, *no tears*, *no more tears*."""


def denied(text: str, sentence: Span, match: Span) -> bool:
    """Whether the sentence denies the hit: *Sakura did not cry* is no evidence of crying.

    Only a negation a few words before the hit counts, not one anywhere earlier in the
    sentence (*Nothing could stop the tears that ran down her face* still shows crying).

    Example:
        >>> text = "Sakura did not cry."
        >>> denied(text, Span(0, len(text)), Span(15, 18))
        True
    """
    return bool(_DENIED.search(text, max(sentence.start, match.start - 40), match.start))


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _scan(group: PatternGroup, prepared: PreparedText, story: Span) -> Iterator[tuple[int, Span]]:
    """Each match of a group inside a paragraph, with the paragraph's index."""
    position = story.start
    while match := group.regex.search(prepared.lowered, position, story.end):
        if not prepared.boundary(match.start()):
            position = match.start() + 1
            continue
        found = Span(match.start(), match.end())
        index = prepared.paragraph_at(found)
        if index is not None:
            yield index, found
        position = max(match.end(), match.start() + 1)


def _in_position(rule: TagRule, paragraph: Span, story: Span) -> bool:
    if rule.position == "any" or not len(story):
        return True
    share = (paragraph.start - story.start) / len(story)
    return share >= 1 - EDGE_SHARE if rule.position == "end" else share < EDGE_SHARE


def lexical_hits(rule: TagRule, prepared: PreparedText) -> list[list[Hit]]:
    """Per paragraph with hits (in the rule's position), its first hit of each group."""
    paragraphs = prepared.paragraphs
    if not rule.groups or not paragraphs:
        return []
    story = Span(paragraphs[0].start, max(paragraphs[-1].end, paragraphs[0].start))
    found: dict[int, list[Hit]] = {}
    for number, group in enumerate(rule.groups):
        done: set[int] = set()
        for index, match in _scan(group, prepared, story):
            paragraph = paragraphs[index]
            if index in done or not _in_position(rule, paragraph, story):
                continue
            sentence = sentence_span(prepared.text, paragraph, match)
            if rule.exclude is not None and rule.exclude.search(sentence.of(prepared.text)):
                continue
            if denied(prepared.text, sentence, match):
                continue
            done.add(index)
            found.setdefault(index, []).append(Hit(sentence, group.weight, number))
    return [found[index] for index in sorted(found)]


def lexical_score(rule: TagRule, per_paragraph: list[list[Hit]], words: int) -> float:
    """The weighted hit count if it meets the rule's thresholds, else 0."""
    score = sum(max(hit.weight for hit in hits) for hits in per_paragraph)
    matched = {hit.group for hits in per_paragraph for hit in hits}
    required = {i for i, group in enumerate(rule.groups) if group.required}
    if score < rule.min_hits or not required <= matched:
        return 0.0
    if rule.min_density and 1000 * score / max(words, 1) < rule.min_density:
        return 0.0
    return score
