"""What a tag rule is: the compiled, validated form of one ``[[tag]]`` of ``tags.toml``.

A :class:`TagRule` holds a tag's AO3 name and aliases, its lexical pattern groups
(:class:`PatternGroup`), its thresholds, the signal it may require and its structural evidence
(:class:`StructureRule`). The constants here are the values the schema allows (signal levels,
positions, scene and chapter kinds); :func:`tag_key` is how tag names are compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SCHEMA_VERSION = 1
SIGNAL_LEVELS: dict[str, tuple[str, ...]] = {
    "sexual": ("none", "romance", "implied", "non_explicit", "explicit"),
    "substances": ("none", "mentioned", "use", "intoxication"),
    "violence": ("none", "mild", "serious", "graphic"),
}
"""The signals a tag may require, with their levels from lowest to highest."""
POSITIONS = ("any", "start", "end")
SCENE_KINDS = ("scene", "time_skip", "flashback", "interlude")
CHAPTER_KINDS = ("chapter", "prologue", "epilogue", "interlude")


@dataclass(frozen=True, slots=True)
class PatternGroup:
    r"""Patterns that count alike: each matching paragraph adds ``weight`` hits.

    Attributes:
        regex: the group's patterns as one alternation, for lower-cased text, without their
            leading ``\b`` (checked apart when scanning, see ``lexical.py``).
        weight: how many hits one matching paragraph counts for; 0 for a pure condition.
        required: the tag needs at least one hit of this group.
    """

    regex: re.Pattern[str]
    weight: float = 1.0
    required: bool = False


@dataclass(frozen=True, slots=True)
class StructureRule:
    """Structural evidence that fires a tag on its own.

    Attributes:
        scene_kinds: a scene of one of these kinds (``flashback`` ...) counts.
        chapter_kinds: a chapter of one of these kinds (``epilogue`` ...) counts.
        headings: a pattern searched in scene headings, chapter headings and titles, and
            paragraphs that read as headings; ``None`` when the rule has none.
    """

    scene_kinds: tuple[str, ...] = ()
    chapter_kinds: tuple[str, ...] = ()
    headings: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class TagRule:
    """One tag of ``tags.toml``, validated and compiled.

    Attributes:
        name: AO3's canonical form of the tag.
        aliases: close AO3 variants that mean the same tag (for scoring against author tags).
        groups: the pattern groups; the first holds the tag's plain ``patterns``.
        exclude: hits whose sentence matches this pattern do not count.
        min_hits: weighted paragraph hits needed.
        min_density: weighted hits per thousand words needed.
        requires_signal: a signal name and the lowest level that lets the tag fire.
        structure: structural evidence, or ``None``.
        position: where lexical hits must lie: ``any``, ``start`` or ``end``.
        model: a shipped word model decides the tag (``models/tag.<key>.json``, see
            :func:`model_name`); the patterns then only point at passages.
        fandom: the tag belongs to this canon (a fandom pack's name) and fires only in works
            of it (``Marauders' Era``); ``None`` for a tag any story can have.
    """

    name: str
    aliases: tuple[str, ...]
    groups: tuple[PatternGroup, ...]
    exclude: re.Pattern[str] | None
    min_hits: float
    min_density: float
    requires_signal: tuple[str, str] | None
    structure: StructureRule | None
    position: str
    model: bool = False
    fandom: str | None = None


_NOT_WORD = re.compile(r"[^a-z0-9]+")


def model_name(name: str) -> str:
    """The shipped model of a tag decided by a model (``tag.hurt_comfort`` for Hurt/Comfort).

    Example:
        >>> model_name("Hurt/Comfort"), model_name("Alternate Universe - Modern Setting")
        ('tag.hurt_comfort', 'tag.alternate_universe_modern_setting')
    """
    return "tag." + _NOT_WORD.sub("_", tag_key(name)).strip("_")


def tag_key(name: str) -> str:
    """A tag name for comparison: lower case, plain apostrophes and dashes, single spaces.

    Example:
        >>> tag_key("  Hurt/Comfort ") == tag_key("hurt/comfort")
        True
        >>> tag_key("Wakes – Funerals")
        'wakes - funerals'
    """
    plain = name.replace("’", "'").replace("–", "-").replace("—", "-").lower()
    return " ".join(plain.split())
