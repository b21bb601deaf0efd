"""Passages shown as evidence: a sentence, cut around its hit when it runs long.

Readers read evidence at a glance, and a terminal report cuts a passage after a line or two: a
long sentence whose hit comes late would be shown without it (*Bright green eyes flicked to the
wizard sitting next to him before returning to Blaise and Hermione just in t…*). So a sentence
longer than the limit is cut to a window around the hit, on word boundaries.
"""

from __future__ import annotations

from collections.abc import Iterable

from ficlens.model import Span

SHOWN = 160
"""Characters a content signal's passage holds at most (the report shows this many)."""


def around(text: str, sentence: Span, hit: Span, limit: int) -> Span:
    """``sentence``, or a window of at most ``limit`` characters of it around ``hit``.

    The window is cut on spaces, so it may be a little shorter than ``limit``.

    Example:
        >>> text = "He walked for a long time through the rain and then he cried."
        >>> around(text, Span(0, len(text)), Span(55, 61), 30).of(text)
        'the rain and then he cried.'
    """
    if len(sentence) <= limit:
        return sentence
    hit = Span(max(hit.start, sentence.start), min(hit.end, sentence.end))
    spare = max(0, limit - len(hit))
    low = max(sentence.start, hit.start - spare // 2)
    high = min(sentence.end, low + limit)
    low = max(sentence.start, min(low, high - limit))
    if low > sentence.start:
        space = text.find(" ", low, hit.start)
        low = space + 1 if space != -1 else low
    if high < sentence.end:
        space = text.rfind(" ", hit.end, high)
        high = space if space != -1 else high
    return Span(low, high)


def distinct(spans: Iterable[Span], limit: int) -> tuple[Span, ...]:
    """The first ``limit`` spans, in order, leaving out any that overlaps one already kept.

    Example:
        >>> distinct([Span(0, 50), Span(10, 30), Span(60, 70)], 3)
        (Span(start=0, end=50), Span(start=60, end=70))
    """
    kept: list[Span] = []
    for span in spans:
        if len(kept) == limit:
            break
        if not any(span.overlaps(other) for other in kept):
            kept.append(span)
    return tuple(kept)


_ENDS = ".!?…\"'”’)*_"


def shown(text: str, span: Span) -> str:
    """A passage as a reader sees it: on one line, with ``…`` where it was cut from a sentence.

    A passage opening in lower case or ending without a stop is part of a longer sentence.

    Example:
        >>> text = "He walked for a long time through the rain and then he cried."
        >>> shown(text, Span(34, 61)), shown(text, Span(0, 20))
        ('…the rain and then he cried.', 'He walked for a long…')
    """
    flat = " ".join(span.of(text).split())
    if flat[:1].islower():
        flat = "…" + flat
    if flat and flat[-1] not in _ENDS:
        flat += "…"
    return flat
