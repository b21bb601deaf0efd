"""Archive warnings (AO3's four) and extended content warnings, each with its passages.

Archive warnings come from one binary linear model each (``warning.<key>`` in
``ficlens/content/models``), fired when its probability reaches the threshold chosen by
cross-validation *and* the matching content signals are on the page; the evidence is those
signals' passages. When none fires the work gets "No Archive Warnings Apply".

Content warnings follow the taxonomy of Wiegmann et al. (ACL 2023) and are rules over the
content signals declared in ``warnings.toml``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ficlens.content.corpus import ARCHIVE_WARNINGS
from ficlens.content.linear import load_model
from ficlens.content.signals import Hit, LexiconError, signal_specs
from ficlens.model import ContentWarning, Signal

NO_WARNINGS = "No Archive Warnings Apply"
EVIDENCE = 3

_SIGNAL_OF = {
    "graphic_violence": ("violence",),
    "major_character_death": ("death",),
    "rape_non_con": ("non_consent",),
    "underage": ("minor", "sexual"),
}
"""The content signals whose passages show each archive warning."""

_NEEDS: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {
    "graphic_violence": (("violence", frozenset({"serious", "graphic"})),),
    "major_character_death": (("death", frozenset({"on_page"})),),
    "rape_non_con": (("non_consent", frozenset({"mentioned", "on_page"})),),
    "underage": (
        ("minor", frozenset({"mentioned", "stated"})),
        ("sexual", frozenset({"implied", "non_explicit", "explicit"})),
    ),
}
"""The on-page evidence an archive warning needs besides its model's probability."""


def archive_warning_fires(
    key: str, probability: float, threshold: float, signals: Mapping[str, Signal]
) -> bool:
    """Whether an archive warning fires: its model is sure enough *and* the text shows it.

    A warning needs its signals on the page (``_NEEDS``): Underage Sex needs both a minor and
    sexual content beyond kissing, so a novel whose words merely resemble such works gets no
    warning it cannot point to. On the AO3 data this gate costs no F1 (docs/evaluation.md).
    """
    if probability < threshold:
        return False
    return all(name in signals and signals[name].level in levels for name, levels in _NEEDS[key])


@dataclass(frozen=True, slots=True)
class WarningRule:
    """A content warning: fires on ``min_hits`` on-page hits of ``signal`` at ``level`` or up."""

    name: str
    signal: str
    level: int
    min_hits: int


@cache
def warning_rules() -> tuple[WarningRule, ...]:
    """The content-warning rules of ``warnings.toml``, checked against the signals lexicon."""
    file = "ficlens/content/warnings.toml"
    data = tomllib.loads(
        resources.files("ficlens.content").joinpath("warnings.toml").read_text("utf-8")
    )
    specs = {spec.name: spec for spec in signal_specs()}
    rules = []
    for entry in data.get("warning", []):
        spec = specs.get(entry.get("signal", ""))
        if spec is None:
            raise LexiconError(f"{file}: warning {entry.get('name')!r}: unknown signal")
        levels = [level.name for level in spec.levels]
        if entry.get("level") not in levels:
            raise LexiconError(f"{file}: warning {entry['name']!r}: {spec.name} has no such level")
        rules.append(
            WarningRule(
                entry["name"], spec.name, levels.index(entry["level"]), int(entry["min_hits"])
            )
        )
    return tuple(rules)


def content_warnings(hits: Sequence[Hit], *, limit: int = EVIDENCE) -> tuple[ContentWarning, ...]:
    """The extended content warnings whose rules the hits satisfy."""
    found = []
    for rule in warning_rules():
        strong = [
            h for h in hits if h.signal == rule.signal and h.level >= rule.level and h.frame is None
        ]
        if len(strong) < rule.min_hits:
            continue
        strong.sort(key=lambda h: (-h.level, h.span.start))
        evidence = tuple(dict.fromkeys(h.sentence for h in strong))[:limit]
        confidence = min(0.95, 0.5 + 0.1 * len(strong) / rule.min_hits)
        found.append(ContentWarning(rule.name, "content", round(confidence, 2), evidence))
    return tuple(found)


def archive_warnings(
    counts: Mapping[str, int],
    features: Sequence[float],
    signals: Mapping[str, Signal],
    *,
    limit: int = EVIDENCE,
) -> tuple[ContentWarning, ...]:
    """AO3's archive warnings from the shipped models, or "No Archive Warnings Apply"."""
    found = []
    for key, name in ARCHIVE_WARNINGS.items():
        model = load_model(f"warning.{key}")
        probability = model.probabilities(counts, features)[1]
        if not archive_warning_fires(key, probability, model.threshold, signals):
            continue
        spans = (span for signal in _SIGNAL_OF[key] for span in signals[signal].evidence)
        evidence = tuple(spans)[:limit]
        found.append(ContentWarning(name, "ao3", round(probability, 3), evidence))
    if not found:
        return (ContentWarning(NO_WARNINGS, "ao3", 1.0),)
    return tuple(found)
