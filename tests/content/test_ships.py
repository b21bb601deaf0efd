"""Counting a fandom's tagged pairings, the prior the main-pairing ranker reads."""

from __future__ import annotations

import pytest

from ficlens.content.linear import ModelError
from ficlens.content.relationships.ships import (
    MIN_COUNT,
    Ships,
    canonical_name,
    count_ships,
    load_ships,
    tagged_ships,
)


def test_tag_names_become_the_names_fandom_packs_give() -> None:
    assert canonical_name("Voldemort") == "Tom Riddle"
    assert canonical_name("Nagini (Harry Potter)") == "Nagini (Harry Potter)"
    assert canonical_name("Wenna  Roskilly") == "Wenna Roskilly"  # unknown: spacing only


def test_only_two_name_romantic_tags_are_pairs() -> None:
    tags = ["Sirius Black/Remus Lupin", "James Potter & Sirius Black",
            "Hermione Granger/Ron Weasley/Harry Potter", "Remus Lupin/Remus Lupin"]  # fmt: skip
    assert tagged_ships(tags) == [frozenset({"Sirius Black", "Remus Lupin"})]


def test_counts_are_once_a_work_and_need_two_works() -> None:
    works = [
        ["Sirius Black/Remus Lupin", "Remus Lupin/Sirius Black"],  # one work, one pair
        ["Sirius Black/Remus Lupin"],
        ["Sirius Black/James Potter"],  # a single work is an author, not a fandom
    ]
    ships = count_ships(works)
    assert MIN_COUNT == 2
    assert ships.count("Remus Lupin", "Sirius Black") == 2
    assert ships.count("Sirius Black", "James Potter") == 0


def test_a_pairs_share_is_of_its_less_shipped_character() -> None:
    ships = Ships.from_counts({frozenset({"A", "B"}): 6, frozenset({"A", "C"}): 2})
    assert ships.share("A", "C") == 1.0  # all of C's tags
    assert ships.share("A", "B") == 1.0
    assert ships.share("B", "C") == 0.0
    assert ships.share("A", "Z") == 0.0  # Z was never tagged


def test_the_file_round_trips_and_bad_files_are_named() -> None:
    ships = Ships.from_counts({frozenset({"A", "B"}): 3, frozenset({"C", "D"}): 5})
    data = ships.to_json({"data": "works.jsonl", "works": 10})
    assert data["pairs"] == [["C", "D", 5], ["A", "B", 3]]  # most tagged first
    assert Ships.from_json(data) == ships
    with pytest.raises(ModelError, match="not a ships file"):
        Ships.from_json({"schema": "ficlens.linear/1"})
    with pytest.raises(ModelError, match="malformed pairs"):
        Ships.from_json({"schema": "ficlens.ships/1", "pairs": [["A", "B"]]})


def test_the_shipped_counts_know_the_fandoms_big_pairings() -> None:
    ships = load_ships()
    assert ships.count("Draco Malfoy", "Harry Potter") > ships.count("Draco Malfoy", "Ron Weasley")
    assert ships.count("Remus Lupin", "Sirius Black") > 10
