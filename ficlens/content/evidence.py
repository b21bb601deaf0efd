"""Passages behind a model's decision: the sentences whose words push it hardest.

A linear model's score is a sum over words, so a sentence's share of a decision is the sum of
the weights of its words towards the chosen class. The sentences with the largest positive
share are the evidence; at most ``limit`` are kept, strongest first, for bounded output on a
200,000-word work.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence

from ficlens.content.features import word_counts
from ficlens.content.signals import sentences
from ficlens.model import Span

MAX_SENTENCE = 400
"""Longer "sentences" (run-on paragraphs without stops) are not shown as evidence."""


def pushing_sentences(
    text: str, paragraphs: Sequence[Span], push: Mapping[str, float], *, limit: int = 3
) -> tuple[Span, ...]:
    """The ``limit`` sentences whose words push hardest, strongest first.

    Example:
        >>> text = "They had tea. He drew his wand and blood spilled."
        >>> pushing_sentences(text, [Span(0, len(text))], {"blood": 1.0, "wand": 0.2})
        (Span(start=14, end=49),)
    """
    best: list[tuple[float, int, Span]] = []
    for paragraph in paragraphs:
        for sentence in sentences(text, paragraph):
            if sentence.end - sentence.start > MAX_SENTENCE:
                continue
            score = sum(push.get(word, 0.0) for word in word_counts(sentence.of(text)))
            if score <= 0:
                continue
            item = (score, -sentence.start, sentence)
            if len(best) < limit:
                heapq.heappush(best, item)
            else:
                heapq.heappushpop(best, item)
    return tuple(span for _, _, span in sorted(best, reverse=True))
