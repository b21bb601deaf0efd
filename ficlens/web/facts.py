"""The "Before you read" panel and the adult gate, from a work's stored analysis.

Each claim carries its evidence passages (text cut from the work by their spans); the page
hides them behind ``<details>`` so nobody sees a spoiler without asking.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ficlens.content.passages import shown
from ficlens.content.rating import ao3_from_declared, disagreement
from ficlens.content.warnings import may_apply
from ficlens.library import LibraryWork
from ficlens.model import Span

ADULT_RATINGS = frozenset({"Mature", "Explicit"})
_SCHEMES = {"ao3": "AO3 archive warning", "content": "content warning"}


@dataclass(frozen=True, slots=True)
class Claim:
    """One thing the analysis says about a work, with the passages behind it."""

    name: str
    detail: str
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Facts:
    """What a reader should know before reading.

    Attributes:
        detected_ao3: the AO3 rating FicLens detected (or ``None``).
        detected_ffn: the FanFiction.Net rating FicLens detected.
        declared: the rating the author or site declared.
        milder_declared: the declared rating is milder than the detected one.
        reasons: why the rating is what it is, with evidence.
        warnings: archive and content warnings, with evidence.
        relationships: pairings, with evidence.
        tags: freeform tags, with evidence.
    """

    detected_ao3: str | None
    detected_ffn: str | None
    declared: str | None
    milder_declared: bool
    reasons: tuple[Claim, ...]
    warnings: tuple[Claim, ...]
    relationships: tuple[Claim, ...]
    tags: tuple[Claim, ...]


def _passages(text: str, spans: list[dict[str, int]]) -> tuple[str, ...]:
    return tuple(shown(text, Span(s["start"], s["end"])) for s in spans)


def work_facts(work: LibraryWork, analysis: dict[str, Any], text: str) -> Facts:
    """The "Before you read" facts of a work."""
    rating = analysis.get("rating") or {}
    detected, declared = rating.get("ao3"), rating.get("declared") or work.rating
    milder = rating.get("disagreement") == "under" or (
        not rating.get("declared")  # the analysis compared its own declared rating already
        and disagreement(ao3_from_declared(declared), detected, rating.get("probabilities"))
        == "under"
    )
    return Facts(
        detected_ao3=detected,
        detected_ffn=rating.get("ffn"),
        declared=declared,
        milder_declared=milder,
        reasons=tuple(
            Claim(r["text"], "", _passages(text, r["evidence"])) for r in rating.get("reasons", [])
        ),
        warnings=tuple(
            Claim(w["name"], _warning_detail(w), _passages(text, w["evidence"]))
            for w in analysis.get("warnings", [])
        ),
        relationships=tuple(
            Claim(r["tag"], _pairing_detail(r), _passages(text, r["evidence"]))
            for r in analysis.get("relationships", [])
        ),
        tags=tuple(
            Claim(t["name"], "", _passages(text, t["evidence"])) for t in analysis.get("tags", [])
        ),
    )


def _warning_detail(warning: Mapping[str, Any]) -> str:
    """The warning's scheme; an archive warning's calibrated chance beside it."""
    scheme = _SCHEMES.get(warning["scheme"], str(warning["scheme"]))
    chance = warning.get("confidence")
    if warning["scheme"] != "ao3" or not isinstance(chance, int | float):
        return scheme
    possible = may_apply((p["name"], p["chance"]) for p in warning.get("possible", ()))
    return f"{scheme}, chance {chance:.2f}" + (f"; may apply: {possible}" if possible else "")


def _pairing_detail(relationship: Mapping[str, Any]) -> str:
    """``romantic``, ``main, romantic``; a romantic pairing no romance passage joins says so."""
    detail = ("main, " if relationship.get("main") else "") + str(relationship["kind"])
    if relationship["kind"] == "romantic" and relationship.get("basis") == "together":
        detail += "; inferred: no romance passage joins them, these name them together"
    return detail


def is_adult(work: LibraryWork) -> bool:
    """Whether a work is rated Mature or Explicit, declared or detected."""
    return any(t.type == "rating" and t.name in ADULT_RATINGS for t in work.tags) or (
        work.rating in ADULT_RATINGS
    )


def told_from(analysis: Mapping[str, Any]) -> dict[str, int]:
    """The percentage of the story's words told from each character's side.

    A scene is told from its ``focal`` character's side (see ``ficlens.dialogue.pov``).

    Example:
        >>> scenes = [{"focal": "c1", "words": 300}, {"focal": "c2", "words": 100}]
        >>> told_from({"chapters": [{"scenes": scenes}]})
        {'c1': 75, 'c2': 25}
    """
    words: dict[str, int] = {}
    total = 0
    for chapter in analysis.get("chapters") or []:
        for scene in chapter.get("scenes") or []:
            count = int(scene.get("words") or 0)
            total += count
            if scene.get("focal"):
                words[scene["focal"]] = words.get(scene["focal"], 0) + count
    return {ident: round(100 * n / total) for ident, n in words.items() if total and n}
