"""The listing's filters as a query string, both ways, so every filtered page is bookmarkable.

``include_fandom=Naruto&exclude_freeform=Angst&words_min=1000&complete=1&sort=-words&page=2``:
one ``include_TYPE`` / ``exclude_TYPE`` parameter per tag (repeat it for more tags), a word
range, ``complete=1`` for complete works only, ``crossover=only`` or ``crossover=exclude``, one
``language=CODE`` per language (``unknown`` for works without one), a sort key and a page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from ficlens.library import SORTS, TAG_TYPES, CrossoverMode, TagType, WorkFilter, tag_key

SORT_CHOICES: dict[str, str] = {
    "-added": "Date added (newest)",
    "added": "Date added (oldest)",
    "-words": "Words (most)",
    "words": "Words (fewest)",
    "-updated": "Date updated (newest)",
    "updated": "Date updated (oldest)",
    "title": "Title (A-Z)",
    "author": "Author (A-Z)",
    "-author": "Author (Z-A)",
}
CROSSOVER_CHOICES: dict[str, str] = {"": "Include crossovers", "only": "Only crossovers",
                                     "exclude": "Exclude crossovers"}  # fmt: skip
DEFAULT_SORT = "-added"
PER_PAGE = 20


@dataclass(frozen=True, slots=True)
class Listing:
    """What a listing page asks for: filters, sort key and page."""

    filters: WorkFilter
    sort: str = DEFAULT_SORT
    page: int = 1

    def query(self, **changes: object) -> str:
        """This listing's query string, with ``page`` or ``sort`` changed.

        Example:
            >>> Listing(WorkFilter(include={"fandom": ["Naruto"]})).query(page=2)
            'include_fandom=Naruto&sort=-added&page=2'
        """
        pairs: list[tuple[str, str]] = []
        for prefix, tags in (("include", self.filters.include), ("exclude", self.filters.exclude)):
            for kind in TAG_TYPES:
                pairs += [(f"{prefix}_{kind}", name) for name in tags.get(kind, [])]
        if self.filters.words_min is not None:
            pairs.append(("words_min", str(self.filters.words_min)))
        if self.filters.words_max is not None:
            pairs.append(("words_max", str(self.filters.words_max)))
        if self.filters.complete:
            pairs.append(("complete", "1"))
        if self.filters.crossover:
            pairs.append(("crossover", self.filters.crossover))
        pairs += [("language", code) for code in self.filters.languages]
        pairs.append(("sort", str(changes.get("sort", self.sort))))
        page = int(str(changes.get("page", self.page)))
        if page != 1:
            pairs.append(("page", str(page)))
        return urlencode(pairs)

    def is_included(self, kind: TagType, name: str) -> bool:
        """Whether the listing includes this tag (for checking its box)."""
        return _named(kind, name, self.filters.include)

    def has_language(self, code: str) -> bool:
        """Whether the listing includes this language (for checking its box)."""
        return code.casefold() in {c.casefold() for c in self.filters.languages}

    def is_excluded(self, kind: TagType, name: str) -> bool:
        """Whether the listing excludes this tag (for checking its box)."""
        return _named(kind, name, self.filters.exclude)


def parse_listing(params: Mapping[str, Sequence[str]]) -> Listing:
    """A listing from query parameters (each name to all its values); bad values are ignored.

    Example:
        >>> parse_listing({"exclude_freeform": ["Rain"], "words_min": ["x"]}).filters.exclude
        {'freeform': ['Rain']}
    """
    include: dict[TagType, list[str]] = {}
    exclude: dict[TagType, list[str]] = {}
    for kind in TAG_TYPES:
        if names := _names(params.get(f"include_{kind}", ())):
            include[kind] = names
        if names := _names(params.get(f"exclude_{kind}", ())):
            exclude[kind] = names
    filters = WorkFilter(
        include=include,
        exclude=exclude,
        words_min=_number(params.get("words_min", ())),
        words_max=_number(params.get("words_max", ())),
        complete=True if _first(params.get("complete", ())) in {"1", "true", "on"} else None,
        crossover=_crossover(_first(params.get("crossover", ()))),
        languages=_names(params.get("language", ())),
    )
    sort = _first(params.get("sort", ())) or DEFAULT_SORT
    if sort.lstrip("-") not in SORTS:
        sort = DEFAULT_SORT
    return Listing(filters, sort, max(1, _number(params.get("page", ())) or 1))


def _crossover(value: str) -> CrossoverMode | None:
    if value == "only":
        return "only"
    if value == "exclude":
        return "exclude"
    return None


def _first(values: Sequence[str]) -> str:
    return values[0].strip() if values else ""


def _names(values: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(value.strip() for value in values if value.strip()))


def _number(values: Sequence[str]) -> int | None:
    value = _first(values)
    return int(value) if value.isdigit() and len(value) < 10 else None


def _named(kind: TagType, name: str, tags: Mapping[TagType, Sequence[str]]) -> bool:
    """Whether ``tags`` names this tag, in any of its forms (:func:`ficlens.library.tag_key`)."""
    key = tag_key(kind, name)
    return any(tag_key(kind, other) == key for other in tags.get(kind, []))
