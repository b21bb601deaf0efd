"""``ficlens train pairings`` end to end on a tiny labelled file of our own (real spaCy)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ficlens.content.corpus import LabelledWork
from ficlens.content.linear import LinearModel
from ficlens.content.pairing_training import pair_examples, train_pairings
from ficlens.content.relationships.ranker import FEATURE_NAMES

COUPLES = [("Mara", "Jonah"), ("Tess", "Elias"), ("Nora", "Felix"), ("Ruth", "Simon"),
           ("Clara", "Tobias"), ("Hazel", "Owen")]  # fmt: skip
FRIENDS = [("Ivy", "Marcus"), ("Lena", "Peter"), ("Greta", "Hugo")]

ROMANCE = """{a} waited for {b} at the station. {b} came late, and {a} laughed at him.

"I missed you," {b} said. {a} kissed {b} on the platform and held his hand.

{a} and {b} walked home in the rain. That night {b} told {a} that he loved her.

Their neighbour, Mrs Abbott, waved at {a} from her window, and Mrs Abbott smiled at {b}."""

ERRAND = """{a} fixed the fence with {b} on Saturday. {b} carried the posts and {a} held the level.

"Pass the hammer," {a} said. {b} passed it and went back to the shed for nails.

{a} and {b} ate sandwiches on the step and argued about the football.

Their neighbour, Mrs Abbott, brought them tea in the afternoon."""


def labelled_file(tmp_path: Path) -> Path:
    rows = [
        {"work_id": f"r{n}", "authors": [f"writer{n}"], "relationships": [f"{a}/{b}"],
         "rating": "Teen And Up Audiences", "warnings": [], "text": ROMANCE.format(a=a, b=b)}
        for n, (a, b) in enumerate(COUPLES)
    ] + [
        {"work_id": f"f{n}", "authors": [f"friend{n}"], "relationships": [],
         "rating": "General Audiences", "warnings": [], "text": ERRAND.format(a=a, b=b)}
        for n, (a, b) in enumerate(FRIENDS)
    ]  # fmt: skip
    path = tmp_path / "works.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    return path


def test_the_tagged_couple_is_a_positive_candidate() -> None:
    work = LabelledWork("r0", "writer0", ROMANCE.format(a="Mara", b="Jonah"), None, (),
                        ("Mara/Jonah",))  # fmt: skip
    examples = pair_examples(work)
    assert sum(examples.labels) == 1
    assert all(len(row) == len(FEATURE_NAMES) for row in examples.features)


def test_training_writes_both_models_from_the_works_it_may_see(tmp_path: Path) -> None:
    said: list[str] = []
    models = train_pairings(
        labelled_file(tmp_path), say=said.append, jobs=0, hold_out=False, out=tmp_path / "models"
    )
    assert [m.name for m in models] == ["romance", "pairing"]
    romance, ranker = (
        LinearModel.from_json(json.loads((tmp_path / "models" / f"{name}.json").read_text()))
        for name in ("romance", "pairing")
    )
    assert romance.meta["works"] == 9 and ranker.meta["works"] == 6
    assert ranker.feature_names == FEATURE_NAMES and ranker.words == ()
    assert any(message.startswith("wrote ") for message in said)
    ships = json.loads((tmp_path / "models" / "ships.json").read_text())
    # each couple is tagged by one work only: a fandom's prior needs two
    assert (ships["schema"], ships["works"], ships["pairs"]) == ("ficlens.ships/1", 9, [])


def test_by_default_the_pairing_evaluations_authors_are_held_out(tmp_path: Path) -> None:
    said: list[str] = []
    # every author of so small a file is one the evaluation scores: nothing is left to learn
    with pytest.raises(ValueError, match="no training works"):
        train_pairings(labelled_file(tmp_path), say=said.append, jobs=0, out=tmp_path / "m")
    assert said == ["9 works by the pairing evaluation's authors held out"]
