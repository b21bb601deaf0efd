"""Roster groups a fandom pack knows as places or things are no characters."""

from __future__ import annotations

from collections import Counter

from ficlens.cast.canon import merge_canon
from ficlens.cast.names import split_name
from ficlens.cast.roster import Group
from ficlens.fandoms import load_pack


def group(*names: str) -> Group:
    return Group(keys=Counter(dict.fromkeys(names, 2)), parts={n: split_name(n) for n in names})


def test_a_group_named_only_by_a_pack_term_is_dropped() -> None:
    packs = (load_pack("harry_potter"),)
    kept = merge_canon([group("Hogwarts"), group("Harry"), group("Wenna Roskilly")], packs)
    assert [(sorted(g.keys), c.name if c else None) for g, c in kept] == [
        (["Harry"], "Harry Potter"),
        (["Wenna Roskilly"], None),
    ]


def test_without_the_pack_a_term_is_left_alone() -> None:
    kept = merge_canon([group("Hogwarts")], (load_pack("naruto"),))
    assert [sorted(g.keys) for g, _ in kept] == [["Hogwarts"]]
