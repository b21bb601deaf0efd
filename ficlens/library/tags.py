"""Which tags a work gets in the library: what its source declares and what FicLens detected.

Declared tags come from the file's metadata (AO3's tag blocks, FanFiction.Net's fields;
FanFiction.Net genres such as Hurt/Comfort count as freeform tags, as AO3 uses them). Detected
tags come from the analysis: the AO3 rating, warnings, relationships, categories, freeform tags,
characters (only when the NLP stages ran) and fandoms.
"""

from __future__ import annotations

from ficlens.library.records import TagType, WorkTag
from ficlens.model import Analysis


def declared_rating(analysis: Analysis) -> str | None:
    """The declared rating in AO3's names when the content stage could map it, else as written.

    Example: FanFiction.Net's ``T`` is stored as ``Teen And Up Audiences``.
    """
    rating = analysis.content.rating if analysis.content else None
    if rating is not None and rating.declared:
        return rating.declared
    return analysis.work.metadata.rating


def work_tags(analysis: Analysis) -> tuple[WorkTag, ...]:
    """Every tag of a work, declared then detected, without repeats or empty names."""
    return _unique((*_declared(analysis), *_detected(analysis)))


def _declared(analysis: Analysis) -> list[WorkTag]:
    meta = analysis.work.metadata
    rating = declared_rating(analysis)
    groups: list[tuple[TagType, tuple[str, ...]]] = [
        ("rating", (rating,) if rating else ()),
        ("warning", meta.warnings),
        ("category", meta.categories),
        ("fandom", meta.fandoms),
        ("character", meta.characters),
        ("relationship", meta.relationships),
        ("freeform", (*meta.freeforms, *meta.genres)),
    ]
    return [WorkTag(kind, name, "declared") for kind, names in groups for name in names]


def _detected(analysis: Analysis) -> list[WorkTag]:
    found: list[tuple[TagType, str]] = []
    content = analysis.content
    if content is not None:
        if content.rating is not None and content.rating.ao3:
            found.append(("rating", content.rating.ao3))
        found += [("warning", warning.name) for warning in content.warnings]
        found += [("category", category) for category in content.categories]
        found += [("relationship", relationship.tag) for relationship in content.relationships]
        found += [("freeform", tag.name) for tag in content.tags]
    found += [("character", character.name) for character in analysis.characters]
    found += [("fandom", fandom.name) for fandom in analysis.fandoms]
    return [WorkTag(kind, name, "detected") for kind, name in found]


def _unique(tags: tuple[WorkTag, ...]) -> tuple[WorkTag, ...]:
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for tag in tags:
        name = " ".join(tag.name.split())
        key = (tag.type, name.casefold(), tag.source)
        if name and key not in seen:
            seen.add(key)
            kept.append(WorkTag(tag.type, name, tag.source))
    return tuple(kept)
