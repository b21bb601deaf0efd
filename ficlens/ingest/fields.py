"""Normalise declared metadata values the way the sites write them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

_NUMBER = re.compile(r"\d[\d,.\s]*")

AO3_RATINGS = (
    "General Audiences",
    "Teen And Up Audiences",
    "Mature",
    "Explicit",
    "Not Rated",
)
FFN_RATINGS = ("K", "K+", "T", "M", "MA")


def split_tags(value: str) -> tuple[str, ...]:
    """Split a comma-separated tag list, keeping commas AO3 never puts inside tags out."""
    return tuple(tag.strip() for tag in value.split(",") if tag.strip())


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """The values in first-seen order, without duplicates or blanks."""
    seen: dict[str, None] = {}
    for value in values:
        cleaned = " ".join(value.split())
        if cleaned:
            seen.setdefault(cleaned, None)
    return tuple(seen)


def parse_count(value: str | None) -> int | None:
    """``"12,345"`` -> 12345; ``None`` when there is no number."""
    if not value:
        return None
    match = _NUMBER.search(value)
    if not match:
        return None
    digits = re.sub(r"\D", "", match.group())
    return int(digits) if digits else None


def parse_status(value: str | None) -> Literal["complete", "in_progress"] | None:
    """Map ``Complete``, ``Completed``, ``In-Progress``, ``WIP``... onto two states."""
    if not value:
        return None
    lowered = value.lower()
    if "complete" in lowered and "incomplete" not in lowered:
        return "complete"
    if any(word in lowered for word in ("progress", "wip", "incomplete", "ongoing", "updated")):
        return "in_progress"
    return None


def status_from_chapters(chapters: str | None) -> Literal["complete", "in_progress"] | None:
    """AO3 writes chapters as ``2/2`` (complete), ``2/5`` or ``2/?`` (in progress)."""
    if not chapters or "/" not in chapters:
        return None
    done, _, total = chapters.partition("/")
    return "complete" if done.strip() == total.strip() else "in_progress"


def normalise_ao3_rating(value: str | None) -> str | None:
    """Return AO3's spelling of a rating if ``value`` names one, else the value as given."""
    if not value:
        return None
    cleaned = " ".join(value.split())
    for rating in AO3_RATINGS:
        if cleaned.lower() == rating.lower():
            return rating
    return cleaned
