"""Turn a pasted fic's header lines (``Rating: T``, ``Pairing: A/B``) into declared metadata."""

from __future__ import annotations

from dataclasses import replace

from ficlens.ingest.fields import normalise_ao3_rating, parse_count, parse_status, split_tags
from ficlens.model import Metadata

_LISTS = {
    "fandom": "fandoms",
    "fandoms": "fandoms",
    "pairing": "relationships",
    "otp": "relationships",
    "pairings": "relationships",
    "relationship": "relationships",
    "relationships": "relationships",
    "character": "characters",
    "characters": "characters",
    "genre": "genres",
    "genres": "genres",
    "warning": "warnings",
    "warnings": "warnings",
    "content warning": "warnings",
    "content warnings": "warnings",
    "tags": "freeforms",
    "category": "categories",
    "categories": "categories",
    "series": "series",
}


_AUTHOR_FIELDS = ("author", "authors", "author/artist", "by", "written by", "pen name", "penname")


def merge_front_matter(metadata: Metadata, fields: list[tuple[str, str]]) -> Metadata:
    """Fill what the source did not declare from header fields; declared values win.

    Example:
        >>> fields = [("rating", "T"), ("pairing", "A/B, C & D")]
        >>> merge_front_matter(Metadata(), fields).relationships
        ('A/B', 'C & D')
    """
    if not fields:
        return metadata
    values: dict[str, object] = {}
    for key, value in fields:
        if key in _LISTS:
            target = _LISTS[key]
            previous = values.get(target, ())
            assert isinstance(previous, tuple)
            values[target] = previous + split_tags(value.replace(";", ","))
        elif key in ("title", "story title"):
            values.setdefault("title", value)
        elif key in _AUTHOR_FIELDS:
            values.setdefault("authors", split_tags(value))
        elif key in ("rating", "rated"):
            values.setdefault("rating", normalise_ao3_rating(value))
        elif key == "summary":
            values.setdefault("summary", value)
        elif key in ("word count", "words", "length"):
            values.setdefault("words", parse_count(value))
        elif key == "status":
            values.setdefault("status", parse_status(value))
        elif key == "language":
            values.setdefault("language", value)
    missing = {k: v for k, v in values.items() if not getattr(metadata, k)}
    return replace(metadata, **missing)  # type: ignore[arg-type]
