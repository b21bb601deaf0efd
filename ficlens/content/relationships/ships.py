"""How often a fandom's authors tag each romantic pairing: a prior for the main-pairing ranker.

A story's text decides its main pairing, but between two candidate pairs with similar evidence,
the one the fandom writes about far more often is more likely the one the story is about
(``Sirius Black/Remus Lupin`` over ``Sirius Black/James Potter``). ``ficlens train pairings``
counts the ``A/B`` relationship tags of its training works (every tag, not only the first, once
a work; a tag of three or more names is left out), keeps the pairs tagged at least
``MIN_COUNT`` times and writes them to ``ficlens/content/models/ships.json``::

    {"schema": "ficlens.ships/1", "data": "works.jsonl", "works": 3311,
     "pairs": [["Draco Malfoy", "Harry Potter", 412], ...]}

Names are AO3's, as fandom packs write them (:func:`canonical_name`), so a pair of canon
characters FicLens finds looks itself up by its characters' names. The ranker reads two
features from it (:mod:`~ficlens.content.relationships.ranker`): the log of the pair's count,
and its share of the tags of the less-shipped of its two characters.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from ficlens.content.linear import ModelError
from ficlens.fandoms.pack import find_canon, without_disambiguator

SCHEMA = "ficlens.ships/1"
FILE = "ships.json"
MIN_COUNT = 2
"""Pairs tagged fewer times than this are not written: one work is an author, not a fandom."""


def canonical_name(name: str) -> str:
    """A tag's character name as FicLens names the character: the pack's name when one knows it.

    Example:
        >>> canonical_name("Hermione Granger"), canonical_name("Voldemort")
        ('Hermione Granger', 'Tom Riddle')
    """
    name = " ".join(name.split())
    character = find_canon(name) or find_canon(without_disambiguator(name))
    return character.name if character is not None else name


def tagged_ships(relationships: Iterable[str]) -> list[frozenset[str]]:
    """The two-character romantic pairs (``A/B``) among one work's relationship tags.

    Example:
        >>> [sorted(pair) for pair in tagged_ships(["Draco Malfoy/Harry Potter", "Ron & Hermione"])]
        [['Draco Malfoy', 'Harry Potter']]
    """
    found = []
    for tag in relationships:
        names = [canonical_name(part) for part in tag.split("/")]
        if len(names) == 2 and all(names) and names[0] != names[1]:
            found.append(frozenset(names))
    return found


@dataclass(frozen=True)
class Ships:
    """Counts of tagged pairs, with each character's total over its pairs."""

    pairs: Mapping[frozenset[str], int]
    totals: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def from_counts(cls, pairs: Mapping[frozenset[str], int]) -> Ships:
        """Ships from pair counts (the totals are summed from them)."""
        totals: Counter[str] = Counter()
        for pair, count in pairs.items():
            for name in pair:
                totals[name] += count
        return cls(dict(pairs), dict(totals))

    def count(self, first: str, second: str) -> int:
        """How often the two characters (by name) were tagged as a romantic pair."""
        return self.pairs.get(frozenset((first, second)), 0)

    def share(self, first: str, second: str) -> float:
        """The pair's count over the total of the less-shipped of its two characters."""
        least = min(self.totals.get(first, 0), self.totals.get(second, 0))
        return self.count(first, second) / least if least else 0.0

    def to_json(self, meta: Mapping[str, Any]) -> dict[str, Any]:
        """The file's JSON object, most-tagged pairs first, with ``meta`` (data, works)."""
        kept = [(sorted(pair), count) for pair, count in self.pairs.items()]
        kept.sort(key=lambda row: (-row[1], row[0]))
        rows = [[*names, count] for names, count in kept]
        return {"schema": SCHEMA, **meta, "pairs": rows}

    @classmethod
    def from_json(cls, data: Mapping[str, Any], source: str = FILE) -> Ships:
        """Read a ships file's JSON object.

        Raises:
            ModelError: the object is not a ships file.
        """
        if data.get("schema") != SCHEMA:
            raise ModelError(f"{source}: not a ships file (schema {data.get('schema')!r})")
        try:
            pairs = {frozenset((str(a), str(b))): int(n) for a, b, n in data["pairs"]}
        except (KeyError, TypeError, ValueError) as error:
            raise ModelError(f"{source}: malformed pairs ({error})") from error
        return cls.from_counts(pairs)


def count_ships(tag_lists: Iterable[Iterable[str]]) -> Ships:
    """Count the tagged romantic pairs of many works (one list of relationship tags each).

    Pairs tagged fewer than ``MIN_COUNT`` times are dropped, so a ranker trained on these
    counts sees the same ones as the file written from them.
    """
    counts: Counter[frozenset[str]] = Counter()
    for tags in tag_lists:
        counts.update(set(tagged_ships(tags)))
    return Ships.from_counts({pair: n for pair, n in counts.items() if n >= MIN_COUNT})


@cache
def load_ships() -> Ships:
    """The shipped counts (``models/ships.json``); no file means no prior (all counts 0).

    Raises:
        ModelError: the file is there but malformed.
    """
    path = resources.files("ficlens.content") / "models" / FILE
    if not path.is_file():
        return Ships({})
    try:
        data = json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as error:
        raise ModelError(f"{FILE}: not JSON ({error})") from error
    return Ships.from_json(data)
