"""Sentence co-occurrences of two content signals (a minor's age near a sexual passage).

A signal on its own says little about some archive warnings: a story may mention a fifteen-year-
old and, much later, an adult couple's night together. What matters is the two on the same page,
in the same or nearby sentences. Each co-occurrence is declared as a ``[[near]]`` table in
``signals.toml``: the hits of ``signal`` (at ``level`` or stronger) whose sentence lies within
``window`` characters of the sentence of a hit of ``other`` (at ``other_level`` or stronger).
Only on-page hits count: a negated, hypothetical, dreamt or remembered hit is not an event of the
story's present (see :mod:`ficlens.content.signals`).
"""

from __future__ import annotations

import bisect
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate

from ficlens.content.signals import Hit, LexiconError, SignalSpec, signal_specs
from ficlens.model import Span

_FILE = "ficlens/content/signals.toml"


@dataclass(frozen=True, slots=True)
class NearSpec:
    """One declared co-occurrence: hits of ``signal`` near hits of ``other``.

    ``level`` and ``other_level`` are level numbers (indices into each signal's ladder), the
    weakest that counts; ``window`` is the most characters allowed between the two sentences.
    """

    name: str
    signal: str
    level: int
    other: str
    other_level: int
    window: int


@cache
def near_specs() -> tuple[NearSpec, ...]:
    """The co-occurrences of ``signals.toml``, checked against its signals."""
    raw = resources.files("ficlens.content").joinpath("signals.toml").read_text("utf-8")
    return parse_near(tomllib.loads(raw).get("near", []), signal_specs(), source=_FILE)


def parse_near(
    entries: Sequence[Mapping[str, object]], specs: Sequence[SignalSpec], *, source: str
) -> tuple[NearSpec, ...]:
    """Check and compile ``[[near]]`` tables against the signals they name.

    Raises:
        LexiconError: an entry names an unknown signal or level, has no name, repeats a name or
            has a window that is not a non-negative whole number.
    """
    ladders = {spec.name: [level.name for level in spec.levels] for spec in specs}
    found: list[NearSpec] = []
    for entry in entries:
        name = entry.get("name")
        if not isinstance(name, str) or not name:
            raise LexiconError(f"{source}: every [[near]] needs a name")
        if any(spec.name == name for spec in found):
            raise LexiconError(f"{source}: near {name!r} is declared twice")
        levels = []
        for signal_key, level_key in (("signal", "level"), ("other", "other_level")):
            signal, level = entry.get(signal_key), entry.get(level_key)
            if not isinstance(signal, str) or signal not in ladders:
                raise LexiconError(f"{source}: near {name!r}: unknown signal {signal!r}")
            if level not in ladders[signal]:
                raise LexiconError(f"{source}: near {name!r}: {signal} has no level {level!r}")
            levels.append(ladders[signal].index(str(level)))
        window = entry.get("window")
        if not isinstance(window, int) or isinstance(window, bool) or window < 0:
            raise LexiconError(f"{source}: near {name!r}: window must be a whole number >= 0")
        found.append(
            NearSpec(name, str(entry["signal"]), levels[0], str(entry["other"]), levels[1], window)
        )
    return tuple(found)


def near_sentences(hits: Sequence[Hit], spec: NearSpec) -> tuple[Span, ...]:
    """The sentences of ``spec.signal``'s on-page hits that lie near an ``spec.other`` hit.

    Example:
        >>> a = Hit("minor", 0, Span(0, 5), Span(0, 20), None)
        >>> b = Hit("sexual", 2, Span(30, 35), Span(25, 60), None)
        >>> far = Hit("minor", 0, Span(900, 905), Span(900, 920), None)
        >>> spec = NearSpec("minor_near_sexual", "minor", 0, "sexual", 2, 100)
        >>> near_sentences([a, b, far], spec)
        (Span(start=0, end=20),)
    """
    others = sorted(
        {
            (h.sentence.start, h.sentence.end)
            for h in hits
            if h.signal == spec.other and h.level >= spec.other_level and h.frame is None
        }
    )
    if not others:
        return ()
    starts = [start for start, _ in others]
    furthest = list(accumulate((end for _, end in others), max))
    found: dict[Span, None] = {}
    for hit in hits:
        if hit.signal != spec.signal or hit.level < spec.level or hit.frame is not None:
            continue
        sentence = hit.sentence
        # the other sentences starting before this one's end plus the window; the one of them
        # reaching furthest must end no earlier than the window before this sentence
        reach = bisect.bisect_right(starts, sentence.end + spec.window)
        if reach and furthest[reach - 1] >= sentence.start - spec.window:
            found[sentence] = None
    return tuple(sorted(found, key=lambda s: s.start))


def find_near(
    hits: Sequence[Hit], specs: Sequence[NearSpec] | None = None
) -> dict[str, tuple[Span, ...]]:
    """Every declared co-occurrence's sentences, by name (empty when there are none)."""
    specs = near_specs() if specs is None else specs
    return {spec.name: near_sentences(hits, spec) for spec in specs}
