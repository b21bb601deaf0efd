"""Which tags a work gets in the library: what its source declares and what FicLens detected.

Declared tags come from the file's metadata (AO3's tag blocks, FanFiction.Net's fields;
FanFiction.Net genres such as Hurt/Comfort count as freeform tags, as AO3 uses them). Detected
tags come from the analysis: the AO3 rating, warnings, relationships, categories, freeform tags,
characters (only when the NLP stages ran) and fandoms.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ficlens.cast import NAMELESS
from ficlens.contract import analysis_to_json
from ficlens.fandoms import canon_count
from ficlens.library.records import TagType, WorkTag, same_tag, tag_key
from ficlens.model import Analysis

Contract = Mapping[str, Any]
"""A work's output contract (:func:`ficlens.contract.analysis_to_json`)."""


def declared_rating(analysis: Analysis) -> str | None:
    """The declared rating in AO3's names when the content stage could map it, else as written.

    Example: FanFiction.Net's ``T`` is stored as ``Teen And Up Audiences``.
    """
    return contract_declared_rating(analysis_to_json(analysis))


def contract_declared_rating(data: Contract) -> str | None:
    """:func:`declared_rating` read from a work's output contract."""
    rating = data.get("rating") or {}
    declared = rating.get("declared")
    return str(declared) if declared else (data.get("declared") or {}).get("rating")


def work_tags(analysis: Analysis) -> tuple[WorkTag, ...]:
    """Every tag of a work, declared then detected, without repeats or empty names."""
    return contract_tags(analysis_to_json(analysis))


def contract_tags(data: Contract) -> tuple[WorkTag, ...]:
    """:func:`work_tags` read from a work's output contract.

    A detected character or relationship that the source declares under another form of its
    names takes the declared form (``Steve Rogers & Natasha Romanov (Marvel)`` beside a declared
    ``Natasha Romanov & Steve Rogers``): one pairing, one name in the library's sidebar.
    """
    declared = _declared(data)
    forms = {same_tag(tag.type, tag.name): tag.name for tag in declared}
    detected = [
        WorkTag(tag.type, forms.get(same_tag(tag.type, tag.name), tag.name), tag.source)
        for tag in _detected(data)
    ]
    return _unique((*declared, *detected))


def is_crossover(tags: tuple[WorkTag, ...]) -> bool:
    """Whether a work is a crossover: one source's fandom tags name two or more canons.

    Declared and detected tags are counted apart, so a declared ``Naruto`` beside a detected
    Naruto is one canon, not two. Tags naming one fandom pack are one canon (``Marvel Cinematic
    Universe`` and ``Captain America (Movies)``); see :func:`ficlens.fandoms.canon_count`.
    """
    by_source: dict[str, list[str]] = {}
    for tag in tags:
        if tag.type == "fandom":
            by_source.setdefault(tag.source, []).append(tag.name)
    return any(canon_count(tuple(names)) >= 2 for names in by_source.values())


def _declared(data: Contract) -> list[WorkTag]:
    meta = data.get("declared") or {}
    rating = contract_declared_rating(data)

    def names(*keys: str) -> list[str]:
        return [str(name) for key in keys for name in meta.get(key) or ()]

    groups: list[tuple[TagType, list[str]]] = [
        ("rating", [rating] if rating else []),
        ("warning", names("warnings")),
        ("category", names("categories")),
        ("fandom", names("fandoms")),
        ("character", names("characters")),
        ("relationship", names("relationships")),
        ("freeform", names("freeforms", "genres")),
    ]
    return [WorkTag(kind, name, "declared") for kind, found in groups for name in found]


def _detected(data: Contract) -> list[WorkTag]:
    found: list[tuple[TagType, str]] = []
    rating = data.get("rating") or {}
    if rating.get("ao3"):
        found.append(("rating", rating["ao3"]))
    found += [("warning", warning["name"]) for warning in data.get("warnings") or ()]
    found += [("category", category) for category in data.get("categories") or ()]
    found += [("relationship", r["tag"]) for r in data.get("relationships") or ()]
    found += [("freeform", tag["name"]) for tag in data.get("tags") or ()]
    found += [
        ("character", character["name"])
        for character in data.get("characters") or ()
        if (character["id"], character["name"]) != _UNNAMED_NARRATOR
    ]
    found += [("fandom", fandom["name"]) for fandom in data.get("fandoms") or ()]
    return [WorkTag(kind, name, "detected") for kind, name in found]


_UNNAMED_NARRATOR = NAMELESS["first"][:2]
"""A first-person narrator the story never names (``narrator``, ``Narrator``): in the work's
cast, but no character tag to filter a library by (every such story would share it)."""


def _unique(tags: tuple[WorkTag, ...]) -> tuple[WorkTag, ...]:
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for tag in tags:
        name = " ".join(tag.name.split())
        key = (tag.type, tag_key(tag.type, name), tag.source)
        if name and key not in seen:
            seen.add(key)
            kept.append(WorkTag(tag.type, name, tag.source))
    return tuple(kept)
