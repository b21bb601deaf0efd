"""Where a quotation stands: the narration around it that the speaker sieves read."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from ficlens.dialogue.quotes import FoundQuote
from ficlens.lexicons import is_speech_verb
from ficlens.model import Span
from ficlens.nlp import Parsed, Token


@dataclass(frozen=True, slots=True)
class QuoteSite:
    """One quotation and the narration beside it in its paragraph.

    Attributes:
        index: the quotation's position among all quotations of the work.
        quote: the quotation as found.
        paragraph: index of its paragraph.
        piece: the parsed paragraph (quotations masked).
        before: narration tokens between the previous quotation (or the paragraph's start)
            and this one, last sentence only.
        after: narration tokens between this quotation and the next one (or the paragraph's
            end), first sentence only.
        first_in_paragraph: no other quotation precedes it in its paragraph.
        intro: when the quotation opens a paragraph with no narration before it and the
            previous paragraph ends with a colon or a dash (``Mr. Wilcox said quietly:``),
            that paragraph's last sentence, as a site whose ``before`` the sieves can read.
    """

    index: int
    quote: FoundQuote
    paragraph: int
    piece: Parsed
    before: tuple[int, ...]
    after: tuple[int, ...]
    first_in_paragraph: bool
    intro: QuoteSite | None = None

    def token(self, index: int) -> Token:
        """A token of the paragraph by index."""
        return self.piece.tokens[index]


def _outside(tokens: Sequence[Token], start: int, end: int) -> list[int]:
    return [i for i, t in enumerate(tokens) if start <= t.start and t.end <= end and t.text.strip()]


def _last_sentence(tokens: Sequence[Token], indices: list[int]) -> tuple[int, ...]:
    """The last sentence of ``indices`` that has a word in it (``said Jane.--`` keeps ``said``)."""
    starts = [i for i in indices if tokens[i].sent_start]
    while starts:
        kept = tuple(i for i in indices if i >= starts[-1])
        if any(tokens[i].text[:1].isalnum() for i in kept):
            return kept
        indices = [i for i in indices if i < starts[-1]]
        starts.pop()
    return tuple(indices)


def _first_sentence(tokens: Sequence[Token], indices: list[int]) -> tuple[int, ...]:
    kept: list[int] = []
    for i in indices:
        if kept and tokens[i].sent_start:
            break
        kept.append(i)
    return tuple(kept)


def build_sites(
    quotes: Sequence[FoundQuote], paragraphs: Sequence[Span], parsed: Sequence[Parsed]
) -> list[QuoteSite]:
    """A :class:`QuoteSite` per quotation; ``parsed[i]`` is the parse of ``paragraphs[i]``."""
    sites: list[QuoteSite] = []
    by_paragraph: dict[int, list[int]] = {}
    for n, quote in enumerate(quotes):
        by_paragraph.setdefault(quote.paragraph, []).append(n)
    for n, quote in enumerate(quotes):
        piece = parsed[quote.paragraph]
        siblings = by_paragraph[quote.paragraph]
        position = bisect.bisect_left(siblings, n)
        previous_end = quotes[siblings[position - 1]].span.end + 1 if position else piece.span.start
        next_start = (
            quotes[siblings[position + 1]].span.start - 1
            if position + 1 < len(siblings)
            else piece.span.end
        )
        tokens = piece.tokens
        before = _last_sentence(tokens, _outside(tokens, previous_end, quote.span.start - 1))
        after = _first_sentence(tokens, _outside(tokens, quote.span.end + 1, next_start))
        intro = None
        if position == 0 and not before and quote.paragraph > 0:
            intro = _intro(n, quote, paragraphs, parsed)
        sites.append(
            QuoteSite(n, quote, quote.paragraph, piece, before, after, position == 0, intro)
        )
    return sites


_INTRO_ENDINGS = (":", "—", "--", "–", ":--", ":—", ",")


def _intro(
    n: int, quote: FoundQuote, paragraphs: Sequence[Span], parsed: Sequence[Parsed]
) -> QuoteSite | None:
    previous = parsed[quote.paragraph - 1]
    tokens = previous.tokens
    words = [i for i, t in enumerate(tokens) if t.text.strip()]
    if not words:
        return None
    tail = "".join(tokens[i].text for i in words[-2:])
    unfinished = tokens[words[-1]].text[-1:].isalpha() and any(
        is_speech_verb(tokens[i].text) for i in words[-3:]
    )
    if not tail.endswith(_INTRO_ENDINGS) and not unfinished:
        return None
    last = _last_sentence(tokens, words)
    return QuoteSite(n, quote, quote.paragraph - 1, previous, last, (), False)
