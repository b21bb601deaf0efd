"""Archive warnings (AO3's four) and extended content warnings, each with its passages.

Archive warnings come from one binary linear model each (``warning.<key>`` in
``ficlens/content/models``), fired when its probability reaches the threshold chosen by
cross-validation *and* the text shows it on the page (the ``[[archive]]`` rules of
``warnings.toml``: content signals, or sentence co-occurrences such as a minor's age near a
sexual passage); the evidence is those passages. When none fires the work gets "No Archive
Warnings Apply".

Content warnings follow the taxonomy of Wiegmann et al. (ACL 2023) and are rules over the
content signals declared in ``warnings.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ficlens.content.cooccurrence import near_specs
from ficlens.content.corpus import ARCHIVE_WARNINGS
from ficlens.content.linear import load_model
from ficlens.content.passages import distinct
from ficlens.content.signals import (
    CAST_LEVELS,
    Hit,
    LexiconError,
    raised_evidence,
    signal_specs,
)
from ficlens.model import ContentWarning, Signal, Span

NO_WARNINGS = "No Archive Warnings Apply"
POSSIBLE = 0.2
"""An archive warning that did not fire is named beside "No Archive Warnings Apply" when its
chance is at least this (one in five)."""
WARNED_FRAMES = (None, "memory")
"""Hits a content warning counts: on the page, or remembered (*she had been raped the summer
before*): a reader is warned of a past trauma the story tells, not of a dream or a denial."""
EVIDENCE = 3


@dataclass(frozen=True, slots=True)
class Need:
    """One thing an archive warning needs on the page: any one of its alternatives.

    ``levels`` maps a signal to the weakest level number (index into its ladder) that counts;
    ``near`` names sentence co-occurrences (``[[near]]`` in ``signals.toml``) any of which counts.
    """

    levels: Mapping[str, int]
    near: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ArchiveRule:
    """What an archive warning needs on the page besides its model's probability."""

    key: str
    needs: tuple[Need, ...]
    direct: tuple[str, ...] = ()
    """Signals that name the warning's content itself (``non_consent`` for Rape/Non-Con): their
    passages are better evidence than a co-occurrence, so they come first."""
    of_age: OfAge | None = None
    """A setting whose people are grown, where the warning needs more (``[archive.of_age]``)."""


@dataclass(frozen=True, slots=True)
class OfAge:
    """A setting the text names whose people are all of age, and what the warning needs there.

    Hogwarts's eighth year (the year run again after the war) is a school of adults: a story
    that has one shows Underage Sex only with a stated minor, not with a school setting.
    """

    pattern: re.Pattern[str]
    need: Need


def archive_rules() -> dict[str, ArchiveRule]:
    """The ``[[archive]]`` rules of ``warnings.toml`` by warning key, checked against the lexicon.

    Raises:
        LexiconError: a rule names an unknown warning, signal, level or co-occurrence, or a
            warning has no rule.
    """
    return dict(_archive_rules())


@cache
def _archive_rules() -> tuple[tuple[str, ArchiveRule], ...]:
    file = "ficlens/content/warnings.toml"
    ladders = {spec.name: [level.name for level in spec.levels] for spec in signal_specs()}
    nears = {spec.name for spec in near_specs()}
    rules: dict[str, ArchiveRule] = {}
    for entry in _data().get("archive", []):
        key = entry.get("key")
        if key not in ARCHIVE_WARNINGS:
            raise LexiconError(f"{file}: archive rule for unknown warning {key!r}")
        needs = []
        for need in entry.get("needs", []):
            levels = {}
            for signal, level in need.get("levels", {}).items():
                if level not in ladders.get(signal, ()):
                    raise LexiconError(f"{file}: archive {key}: no level {level!r} of {signal!r}")
                levels[signal] = ladders[signal].index(level)
            near = tuple(need.get("near", ()))
            unknown = [name for name in near if name not in nears]
            if unknown or not (levels or near):
                raise LexiconError(f"{file}: archive {key}: bad need {need!r}")
            needs.append(Need(levels, near))
        direct = tuple(entry.get("direct", ()))
        if any(name not in ladders for name in direct):
            raise LexiconError(f"{file}: archive {key}: unknown signal in direct {direct!r}")
        of_age = _of_age(entry.get("of_age"), ladders, f"{file}: archive {key}")
        rules[key] = ArchiveRule(key, tuple(needs), direct, of_age)
    missing = [key for key in ARCHIVE_WARNINGS if key not in rules]
    if missing:
        raise LexiconError(f"{file}: no archive rule for {', '.join(missing)}")
    return tuple(rules.items())


def _of_age(
    entry: Mapping[str, Any] | None, ladders: Mapping[str, Sequence[str]], where: str
) -> OfAge | None:
    """The ``[archive.of_age]`` table: ``patterns`` (regexes) and the ``needs`` levels there."""
    if entry is None:
        return None
    patterns, levels = entry.get("patterns", []), entry.get("needs", {})
    if not patterns or not levels:
        raise LexiconError(f"{where}: of_age needs patterns and needs")
    need = {}
    for signal, level in levels.items():
        if level not in ladders.get(signal, ()):
            raise LexiconError(f"{where}: of_age: no level {level!r} of {signal!r}")
        need[signal] = list(ladders[signal]).index(level)
    try:
        pattern = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except re.error as error:
        raise LexiconError(f"{where}: of_age: bad pattern ({error})") from None
    return OfAge(pattern, Need(need))


def shows_on_page(
    key: str,
    signals: Mapping[str, Signal],
    near: Mapping[str, Sequence[Span]],
    text: str | None = None,
) -> bool:
    """Whether the text shows everything archive warning ``key`` needs (``[[archive]]`` rules).

    Example: Underage Sex needs sexual content beyond kissing *and* a minor, a school setting or
    either of them near a sexual passage; a kiss between fifth-years shows neither. In a story
    of Hogwarts's eighth year (``of_age``, read in ``text`` when given) the school setting is
    one of adults, and only a stated minor shows it.
    """
    rule = archive_rules()[key]
    needs = rule.needs
    if rule.of_age is not None and text is not None and rule.of_age.pattern.search(text):
        needs = (*needs, rule.of_age.need)
    return all(_met(need, signals, near) for need in needs)


def _met(need: Need, signals: Mapping[str, Signal], near: Mapping[str, Sequence[Span]]) -> bool:
    if any(near.get(name) for name in need.near):
        return True
    ladders = _ladders()
    for name, weakest in need.levels.items():
        signal = signals.get(name)
        if signal is not None and signal.level in ladders[name][weakest:]:
            return True
    return False


@cache
def _ladders() -> dict[str, tuple[str, ...]]:
    """Each signal's levels, mildest first, with those the cast adds on top (``CAST_LEVELS``)."""
    return {
        spec.name: (*(level.name for level in spec.levels), *CAST_LEVELS.get(spec.name, ()))
        for spec in signal_specs()
    }


def archive_warning_fires(
    key: str,
    probability: float,
    threshold: float,
    signals: Mapping[str, Signal],
    near: Mapping[str, Sequence[Span]],
    text: str | None = None,
) -> bool:
    """Whether an archive warning fires: its model is sure enough *and* the text shows it.

    A warning needs its evidence on the page (:func:`shows_on_page`), so a novel whose words
    merely resemble such works gets no warning it cannot point to; the threshold is chosen
    with this gate applied (``ficlens.content.training``).
    """
    return probability >= threshold and shows_on_page(key, signals, near, text)


def archive_evidence(
    key: str,
    signals: Mapping[str, Signal],
    near: Mapping[str, Sequence[Span]],
    *,
    limit: int = EVIDENCE,
) -> tuple[Span, ...]:
    """The passages behind an archive warning: its co-occurrences first, then its signals'.

    A signal the cast raised (``CAST_LEVELS``: a named character's death, a stated minor in a
    sexual scene) says the most, so its passages come before both; then the rule's ``direct``
    signals, which name the warning's content itself (*rape*, not *stop* near a kiss).
    """
    rule = archive_rules()[key]
    spans: list[Span] = [
        span
        for need in rule.needs
        for name in need.levels
        for span in raised_evidence(signals.get(name))
    ]
    spans += [span for name in rule.direct if name in signals for span in signals[name].evidence]
    for need in rule.needs:
        spans += [span for name in need.near for span in near.get(name, ())]
    for need in rule.needs:
        spans += [
            span for name in need.levels if name in signals for span in signals[name].evidence
        ]
    return distinct(spans, limit)


@cache
def _data() -> dict[str, Any]:
    raw = resources.files("ficlens.content").joinpath("warnings.toml").read_text("utf-8")
    return tomllib.loads(raw)


@dataclass(frozen=True, slots=True)
class WarningRule:
    """A content warning: fires on ``min_hits`` on-page or remembered hits of its signal.

    The hits count at ``level`` or up, on the page or remembered (``WARNED_FRAMES``).
    A hit whose words match ``unless`` does not count for this warning (it still counts for the
    signal, its level and the models).
    """

    name: str
    signal: str
    level: int
    min_hits: int
    unless: re.Pattern[str] | None = None


@cache
def warning_rules() -> tuple[WarningRule, ...]:
    """The content-warning rules of ``warnings.toml``, checked against the signals lexicon."""
    file = "ficlens/content/warnings.toml"
    data = _data()
    specs = {spec.name: spec for spec in signal_specs()}
    rules = []
    for entry in data.get("warning", []):
        spec = specs.get(entry.get("signal", ""))
        if spec is None:
            raise LexiconError(f"{file}: warning {entry.get('name')!r}: unknown signal")
        levels = [level.name for level in spec.levels]
        if entry.get("level") not in levels:
            raise LexiconError(f"{file}: warning {entry['name']!r}: {spec.name} has no such level")
        unless = entry.get("unless", [])
        try:
            compiled = re.compile("|".join(unless), re.IGNORECASE) if unless else None
        except re.error as exc:
            raise LexiconError(f"{file}: warning {entry['name']!r}: unless: {exc}") from exc
        rules.append(
            WarningRule(
                entry["name"],
                spec.name,
                levels.index(entry["level"]),
                int(entry["min_hits"]),
                compiled,
            )
        )
    return tuple(rules)


def content_warnings(
    hits: Sequence[Hit],
    *,
    text: str | None = None,
    limit: int = EVIDENCE,
    signals: Mapping[str, Signal] | None = None,
) -> tuple[ContentWarning, ...]:
    """The extended content warnings whose rules the hits satisfy.

    With ``text`` (the work's), a hit whose words match its rule's ``unless`` does not count.
    With ``signals``, a signal the cast raised (``CAST_LEVELS``: a named character's death)
    puts its passages first in the evidence of the warnings its rule feeds.
    """
    found = []
    for rule in warning_rules():
        strong = [
            h
            for h in hits
            if h.signal == rule.signal
            and h.level >= rule.level
            and h.frame in WARNED_FRAMES
            and not (text and rule.unless and rule.unless.search(h.span.of(text)))
        ]
        if len(strong) < rule.min_hits:
            continue
        strong.sort(key=lambda h: (-h.level, h.span.start))
        first = raised_evidence((signals or {}).get(rule.signal))
        evidence = distinct([*first, *(h.shown for h in strong)], limit)
        confidence = min(0.95, 0.5 + 0.1 * len(strong) / rule.min_hits)
        found.append(ContentWarning(rule.name, "content", round(confidence, 2), evidence))
    return tuple(found)


def possible_warnings(chances: Mapping[str, float]) -> tuple[tuple[str, float], ...]:
    """The archive warnings whose chance is at least ``POSSIBLE``, likeliest first.

    >>> possible_warnings({"Underage Sex": 0.21, "Rape/Non-Con": 0.05, "Violence": 0.4})
    (('Violence', 0.4), ('Underage Sex', 0.21))
    """
    notable = [(name, round(chance, 3)) for name, chance in chances.items() if chance >= POSSIBLE]
    return tuple(sorted(notable, key=lambda pair: -pair[1]))


def may_apply(possible: Iterable[tuple[str, float]]) -> str:
    """The archive warnings that may apply, for a reader: names with their chances.

    >>> may_apply([("Major Character Death", 0.31), ("Underage Sex", 0.2)])
    'Major Character Death (chance 0.31), Underage Sex (chance 0.20)'
    """
    return ", ".join(f"{name} (chance {chance:.2f})" for name, chance in possible)


def no_warning_confidence(chances: Sequence[float]) -> float:
    """How sure "No Archive Warnings Apply" is, from the four warnings' calibrated chances.

    The chance that none of the four applies, were they independent: the product of each
    one's chance of not applying.

    >>> no_warning_confidence([0.1, 0.2, 0.0, 0.5])
    0.36
    """
    confidence = 1.0
    for chance in chances:
        confidence *= 1.0 - chance
    return round(confidence, 3)


def archive_warnings(
    counts: Mapping[str, int],
    features: Sequence[float],
    signals: Mapping[str, Signal],
    near: Mapping[str, Sequence[Span]],
    *,
    text: str | None = None,
    limit: int = EVIDENCE,
) -> tuple[ContentWarning, ...]:
    """AO3's archive warnings from the shipped models, or "No Archive Warnings Apply".

    A warning fires on its model's probability against the model's threshold (and the text's
    evidence); its confidence is that probability calibrated (:meth:`LinearModel.confidence`),
    the chance that the work really carries the warning. ``text`` is the story's, notes left
    out, for the settings whose people are of age (:func:`shows_on_page`).
    """
    found = []
    chances = []
    for key, name in ARCHIVE_WARNINGS.items():
        model = load_model(f"warning.{key}")
        probability = model.probabilities(counts, features)[1]
        chances.append(model.confidence(probability))
        if not archive_warning_fires(key, probability, model.threshold, signals, near, text):
            continue
        evidence = archive_evidence(key, signals, near, limit=limit)
        found.append(ContentWarning(name, "ao3", round(chances[-1], 3), evidence))
    if not found:
        possible = possible_warnings(dict(zip(ARCHIVE_WARNINGS.values(), chances, strict=True)))
        confidence = no_warning_confidence(chances)
        return (ContentWarning(NO_WARNINGS, "ao3", confidence, possible=possible),)
    return tuple(found)
