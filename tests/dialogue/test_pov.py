"""Whose point of view a third-person scene is told from, end to end with the real spaCy model
(fixture written for these tests: each scene names someone other than its point-of-view
character most)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.console import Console

import ficlens
from ficlens.model import Scene
from ficlens.report import render_report

pytestmark = pytest.mark.spacy


@pytest.fixture(scope="module")
def watcher() -> ficlens.Analysis:
    path = Path(__file__).parents[1] / "fixtures" / "pov_watcher.txt"
    return ficlens.analyze(ficlens.read(path))


def focal_name(analysis: ficlens.Analysis, scene: Scene) -> str | None:
    names = {c.id: c.name for c in analysis.characters}
    return names.get(scene.focal) if scene.focal else None


def test_a_scene_follows_the_mind_it_is_in_not_the_name_it_says_most(
    watcher: ficlens.Analysis,
) -> None:
    first, _ = watcher.work.scenes
    text = first.span.of(watcher.work.text)
    assert text.count("Harry") > text.count("Draco")  # the fixture's premise
    assert first.pov == "third"
    assert focal_name(watcher, first) == "Draco Malfoy"


def test_she_stands_for_the_woman_named_last(watcher: ficlens.Analysis) -> None:
    _, second = watcher.work.scenes
    text = second.span.of(watcher.work.text)
    assert text.count("Ron") > text.count("Hermione")
    assert focal_name(watcher, second) == "Hermione Granger"


def test_the_report_names_whose_side_each_scene_is_told_from(watcher: ficlens.Analysis) -> None:
    console = Console(width=120, record=True)
    console.print(render_report(watcher))
    shown = console.export_text()
    assert "third person, Draco Malfoy" in shown
    assert "third person, Hermione Granger" in shown
    assert re.search(r"Point of view\s+third person: Draco Malfoy \(\d+%\), Hermione", shown)


def test_a_he_is_the_subject_who_carries_on_not_the_man_named_last() -> None:
    path = Path(__file__).parents[1] / "fixtures" / "pov_subject.txt"
    analysis = ficlens.analyze(ficlens.read(path))
    (scene,) = analysis.work.scenes
    assert focal_name(analysis, scene) == "Harry Potter"


def test_a_subordinate_clauses_subject_leaves_the_he_to_the_one_before() -> None:
    # "... when Vernon Dursley stamped past": every later "He wondered" is still Harry's.
    path = Path(__file__).parents[1] / "fixtures" / "pov_aside.txt"
    analysis = ficlens.analyze(ficlens.read(path))
    (scene,) = analysis.work.scenes
    assert focal_name(analysis, scene) == "Harry Potter"
