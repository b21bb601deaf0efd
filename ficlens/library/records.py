"""What the library hands out: frozen records, never ORM rows.

Repository functions read rows inside a session and return these values, so callers (the CLI,
later the web app) never touch a lazy-loading row after its session has closed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, get_args

TagType = Literal[
    "rating", "warning", "category", "fandom", "character", "relationship", "freeform"
]  # fmt: skip
"""The kinds of tag, in AO3's order."""

TAG_TYPES: tuple[TagType, ...] = (
    "rating", "warning", "category", "fandom", "character", "relationship", "freeform"
)  # fmt: skip

TagSource = Literal["declared", "detected"]
"""``declared``: the source file or its author said so; ``detected``: FicLens's analysis did."""

CrossoverMode = Literal["only", "exclude"]
"""``only``: crossovers alone; ``exclude``: no crossovers (see :class:`WorkFilter`)."""

_DISAMBIGUATION = re.compile(r"\s*\([^()]*\)\s*$")
"""A fandom's disambiguation after a name: ``Natasha Romanov (Marvel)``."""

UNKNOWN_LANGUAGE = "unknown"
"""The language name a :class:`WorkFilter` and :class:`LanguageCount` use for works with none."""

ImportStatus = Literal["added", "updated", "duplicate", "copy"]
"""What :func:`~ficlens.library.repository.add_or_update` did with a work: ``duplicate`` when the
same bytes are stored, ``copy`` when another copy of the story that says more about it is (the
stored one is kept)."""
IMPORT_STATUSES: tuple[ImportStatus, ...] = get_args(ImportStatus)
"""Every :data:`ImportStatus`, in the order reports count them."""
COPY_KEPT = "the richer copy stored is kept"
"""What a ``copy`` outcome tells the reader, wherever it is shown."""


@dataclass(frozen=True, slots=True)
class WorkTag:
    """One tag on one work, with where it came from."""

    type: TagType
    name: str
    source: TagSource


@dataclass(frozen=True, slots=True)
class LibraryWork:
    """A work as the library stores it: what a listing or a work page shows.

    Attributes:
        id: the library's id for the work.
        sha256: hash of the source file's bytes (duplicates share it).
        title: the declared title, or the file's name when none is declared.
        authors: the declared authors, in order.
        summary: the declared summary, else FicLens's spoiler-free extractive summary.
        source_path: the file (or ``archive.zip:member``) it was imported from.
        source_url: the declared URL on its site, if any.
        source_format: ``text``, ``html`` or ``epub``.
        source_flavour: ``plain``, ``ffn``, ``ao3``, ``fanficfare`` or ``generic``.
        rating: the declared rating (in AO3's names when FicLens could map it).
        words: story words (notes excluded).
        chapters: how many chapters.
        complete: the declared status; ``None`` when the source does not say.
        language: the analysed language code, else the declared language's code
            (:func:`ficlens.library.languages.language_code`: ``English`` is ``en``).
        added: when the work entered the library (UTC).
        updated: when it was last imported or re-imported (UTC).
        tags: every tag, declared and detected.
    """

    id: int
    sha256: str
    title: str
    authors: tuple[str, ...]
    summary: str | None
    source_path: str
    source_url: str | None
    source_format: str
    source_flavour: str
    rating: str | None
    words: int
    chapters: int
    complete: bool | None
    language: str | None
    added: datetime
    updated: datetime
    tags: tuple[WorkTag, ...] = ()

    def tag_names(self, type: TagType, source: TagSource | None = None) -> tuple[str, ...]:
        """The names of this work's tags of one type, optionally from one source only.

        From both sources, a tag is named once, in its first form (the declared one comes
        first): a detected ``Steve Rogers & Natasha Romanov (Marvel)`` beside a declared
        ``Natasha Romanov & Steve Rogers`` is the same pairing (:func:`same_tag`).

        Example:
            >>> work.tag_names("relationship", "detected")    # doctest: +SKIP
            ('Haruno Sakura & Hatake Kakashi',)
        """
        kept: dict[tuple[str, ...], str] = {}
        for tag in self.tags:
            if tag.type == type and source in (None, tag.source):
                kept.setdefault(same_tag(type, tag.name), tag.name)
        return tuple(kept.values())


@dataclass(frozen=True, slots=True)
class LibraryCharacter:
    """A character the analysis found in a work (only works analysed with NLP have them)."""

    key: str
    name: str
    aliases: tuple[str, ...]
    gender: str | None
    canon: bool
    mentions: int


@dataclass(frozen=True, slots=True)
class WorkFilter:
    """What a listing (and its tag sidebar) is narrowed to, AO3-style.

    Attributes:
        include: tag type -> names; a work must carry every one of them.
        exclude: tag type -> names; a work must carry none of them.
        words_min: fewest story words (inclusive).
        words_max: most story words (inclusive).
        complete: only complete (``True``) or only unfinished-or-unknown (``False``) works.
        crossover: ``only`` crossovers or ``exclude`` them; any work when ``None``. A
            crossover's fandom tags from one source (declared, or detected) name two or more
            canons: a declared ``Sherlock`` beside a detected ``Sherlock (TV)`` is one fandom
            named twice, and ``Marvel Cinematic Universe`` with ``Captain America (Movies)``
            one canon (:func:`ficlens.library.tags.is_crossover`).
        languages: language codes, any of which the work's language must be (case-blind);
            ``unknown`` matches works with no stored language. Empty means any language.

    Tag names match case-insensitively; a tag counts whether declared or detected.
    """

    include: dict[TagType, list[str]] = field(default_factory=dict)
    exclude: dict[TagType, list[str]] = field(default_factory=dict)
    words_min: int | None = None
    words_max: int | None = None
    complete: bool | None = None
    crossover: CrossoverMode | None = None
    languages: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class LanguageCount:
    """How many of the filtered works are in a language (``unknown``: none stored)."""

    language: str
    count: int


@dataclass(frozen=True, slots=True)
class TagCount:
    """How many of the filtered works carry a tag (one row of the listing's sidebar)."""

    type: TagType
    name: str
    count: int


@dataclass(frozen=True, slots=True)
class WorkPage:
    """One page of a listing and how many works match in all."""

    works: tuple[LibraryWork, ...]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """How many pages the whole listing has (at least 1)."""
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A work matching a text search, with a snippet around the best match.

    Attributes:
        work_id: the work's id.
        title: its title.
        authors: its authors.
        snippet: a short stretch of the best-matching field, as plain text.
        highlights: ``(start, end)`` offsets into ``snippet`` of the matched words.
        score: the relevance (BM25; higher is better).
    """

    work_id: int
    title: str
    authors: tuple[str, ...]
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    score: float

    def marked(self, before: str = "[", after: str = "]") -> str:
        """The snippet with each matched stretch wrapped in ``before`` and ``after``.

        Example:
            >>> SearchHit(1, "T", (), "the rain fell", ((4, 8),), 1.0).marked()
            'the [rain] fell'
        """
        parts, cursor = [], 0
        for start, end in self.highlights:
            parts += [self.snippet[cursor:start], before, self.snippet[start:end], after]
            cursor = end
        parts.append(self.snippet[cursor:])
        return "".join(parts)


@dataclass(frozen=True, slots=True)
class ReadingPosition:
    """Where a reader stopped in a work: a chapter and a character offset into the text."""

    work_id: int
    chapter: int
    offset: int
    updated: datetime


def same_tag(type: TagType, name: str) -> tuple[str, ...]:
    """What two forms of one tag share, to tell that they are one tag.

    That is its name, folded, and for a character or a relationship the names without a
    fandom's disambiguation, in any order.

    Example:
        >>> same_tag("relationship", "Steve Rogers & Natasha Romanov (Marvel)") == same_tag(
        ...     "relationship", "Natasha Romanov & Steve Rogers")
        True
        >>> same_tag("relationship", "A/B") == same_tag("relationship", "A & B")
        False
    """
    if type not in ("character", "relationship"):
        return (folded(name),)
    kind = "/" if "/" in name else "&"
    members = name.split("/") if kind == "/" else name.split(" & ")
    return (kind, *sorted(folded(_DISAMBIGUATION.sub("", member)) for member in members))


def tag_key(type: TagType, name: str) -> str:
    """The key a library stores a tag by and finds it by: one key for the forms of one tag.

    A tag's name folded (AO3 treats tags that differ only in case as one tag); a relationship's
    names also without a fandom's disambiguation and in order, so ``Steve Rogers & Natasha
    Romanov (Marvel)`` detected in one work and ``Natasha Romanov & Steve Rogers`` declared by
    another are one tag of the sidebar and one filter. A character keeps its disambiguation:
    ``Loki (Marvel)`` and ``Loki (Norse Religion & Lore)`` are two characters.

    Example:
        >>> tag_key("relationship", "Steve Rogers & Natasha Romanov (Marvel)")
        'natasha romanov & steve rogers'
        >>> tag_key("relationship", "Loki/Sigyn (Marvel)"), tag_key("character", "Loki (Marvel)")
        ('loki/sigyn', 'loki (marvel)')
    """
    if type != "relationship":
        return folded(name)
    kind, *members = same_tag(type, name)
    return (" & " if kind == "&" else kind).join(members)


def folded(name: str) -> str:
    """A name with its spaces collapsed and its case folded, as the library compares names.

    Example:
        >>> folded("  Natasha   ROMANOV ")
        'natasha romanov'
    """
    return " ".join(name.split()).casefold()
