"""The cast's mentions indexed for the speaker rules: in text order, by token, as subjects."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ficlens.cast import Cast
from ficlens.nlp import Parsed

SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True)
class MentionIndex:
    """Every resolved mention of a work, sorted, with what the parse says of it.

    Attributes:
        starts: each mention's start offset, ascending.
        ids: the character each mention names (``ids[i]`` for ``starts[i]``).
        subject: whether the mention is (part of) a grammatical subject.
        owner: token start offset -> the character whose mention holds that token.
    """

    starts: Sequence[int]
    ids: Sequence[str]
    subject: Sequence[bool]
    owner: Mapping[int, str]

    def named_in(self, start: int, end: int) -> tuple[list[str], set[str]]:
        """The characters named between two offsets, in order; and those named as subjects."""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return list(self.ids[lo:hi]), {self.ids[i] for i in range(lo, hi) if self.subject[i]}


def index_mentions(cast: Cast, parsed: Sequence[Parsed]) -> MentionIndex:
    """Index the cast's mentions against the parse of the narration."""
    spans = sorted(cast.mentions, key=lambda pair: pair[0].start)
    starts = [span.start for span, _ in spans]
    subject = [False] * len(spans)
    owner: dict[int, str] = {}
    for piece in parsed:
        named = _named_by_cleft(piece)
        for at, token in enumerate(piece.tokens):
            index = bisect.bisect_right(starts, token.start) - 1
            if index >= 0 and spans[index][0].start <= token.start < spans[index][0].end:
                owner[token.start] = spans[index][1]
                subject[index] = subject[index] or token.dep in SUBJECTS or at in named
    return MentionIndex(starts, [ident for _, ident in spans], subject, owner)


_EMPTY_SUBJECTS = frozenset({"it", "that", "this"})
_COPULAS = frozenset({"is", "was", "'s", "’s"})


def _named_by_cleft(piece: Parsed) -> set[int]:
    """The names a copula with an empty subject gives, as ``Harry`` in ``It was Harry``.

    Such a sentence makes its name the one the next ``he`` means, as a subject would.
    """
    tokens = piece.tokens
    empty = {
        token.head
        for token in tokens
        if token.dep in SUBJECTS and token.text.lower() in _EMPTY_SUBJECTS
    }
    return {
        at
        for at, token in enumerate(tokens)
        if token.dep == "attr"
        and token.head in empty
        and tokens[token.head].text.lower() in _COPULAS
    }
