"""What the rating and warning models read: the words of a story and its content signals.

Two kinds of feature, computed the same way in training (``ficlens.content.training``) and at
run time (``ficlens.content.linear``):

- *words*: lower-cased word counts, weighted ``(1 + log tf) * idf`` over a fixed vocabulary and
  scaled to unit length;
- *signals*: per signal and level, the log count of on-page hits, of framed hits, and of on-page
  hits per ten thousand words; per sentence co-occurrence (``[[near]]`` in ``signals.toml``,
  :mod:`ficlens.content.cooccurrence`), the log count of its sentences; and the log of the
  story's length.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from ficlens.content.cooccurrence import NearSpec, near_sentences, near_specs
from ficlens.content.signals import Hit, SignalSpec, signal_specs

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def word_counts(text: str) -> Counter[str]:
    """Lower-cased word counts (``don't`` is one word; digits and punctuation are dropped).

    Example:
        >>> sorted(word_counts("Don't, don't go!").items())
        [("don't", 2), ('go', 1)]
    """
    return Counter(_WORD.findall(text.lower().replace("’", "'")))


_LOWER_WORD = re.compile(r"(?<![A-Za-z])[a-z]+(?:'[a-z]+)?")


def capitalised_words(text: str, counts: Mapping[str, int]) -> frozenset[str]:
    """The words of ``counts`` that ``text`` never writes in lower case: mostly names.

    Example:
        >>> text = "Hermione said no. No one asked Hermione."
        >>> sorted(capitalised_words(text, word_counts(text)))
        ['hermione']
    """
    lower = set(_LOWER_WORD.findall(text.replace("’", "'")))
    return frozenset(word for word in counts if word not in lower)


def signal_feature_names(
    specs: Sequence[SignalSpec] | None = None, near: Sequence[NearSpec] | None = None
) -> list[str]:
    """The names of the signal features, in the order :func:`signal_features` gives them."""
    specs = signal_specs() if specs is None else specs
    near = near_specs() if near is None else near
    names = [
        f"{spec.name}.{level.name}.{kind}"
        for spec in specs
        for level in spec.levels
        for kind in ("on_page", "framed", "density")
    ]
    return [*names, *(f"near.{spec.name}" for spec in near), "length"]


def signal_features(
    hits: Sequence[Hit],
    words: int,
    specs: Sequence[SignalSpec] | None = None,
    near: Sequence[NearSpec] | None = None,
) -> list[float]:
    """The signal features of a story from its hits and its length in words."""
    specs = signal_specs() if specs is None else specs
    near = near_specs() if near is None else near
    on_page = Counter((h.signal, h.level) for h in hits if h.frame is None)
    framed = Counter((h.signal, h.level) for h in hits if h.frame is not None)
    per_ten_thousand = max(words, 1) / 10_000
    values: list[float] = []
    for spec in specs:
        for number in range(len(spec.levels)):
            key = (spec.name, number)
            values += [
                math.log1p(on_page[key]),
                math.log1p(framed[key]),
                math.log1p(on_page[key] / per_ten_thousand),
            ]
    values += [math.log1p(len(near_sentences(hits, spec))) for spec in near]
    return [*values, math.log1p(words)]


def tfidf(
    counts: Mapping[str, int], index: Mapping[str, int], idf: Sequence[float]
) -> dict[int, float]:
    """Sparse ``(1 + log tf) * idf`` weights over a vocabulary, scaled to unit length."""
    weights = {
        index[word]: (1.0 + math.log(count)) * idf[index[word]]
        for word, count in counts.items()
        if word in index
    }
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {i: w / norm for i, w in weights.items()} if norm else {}
