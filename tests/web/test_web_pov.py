"""The work page's cast says how much of the story is told from each character's side (a
library imported with the NLP stages and the real spaCy model; fixture written for the tests)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ficlens.library import import_paths, open_library
from ficlens.web import create_app

pytestmark = pytest.mark.spacy

FIXTURE = Path(__file__).parents[1] / "fixtures" / "pov_watcher.txt"


def test_the_cast_table_says_whose_side_the_story_is_told_from(tmp_path: Path) -> None:
    db = str(tmp_path / "library.db")
    with open_library(db) as library:
        report = import_paths(library, [FIXTURE], nlp=True)
    assert not report.failures, report.failures
    with TestClient(create_app(db)) as client:
        [work] = client.get("/api/works").json()["works"]
        page = client.get(f"/works/{work['id']}").text
    rows = dict(re.findall(r"<tr><td>([^<]+)</td>(?:<td>[^<]*</td>){2}<td>([^<]*)</td></tr>", page))
    assert rows["Draco Malfoy"].endswith("% of the story")
    assert rows["Hermione Granger"].endswith("% of the story")
    assert rows["Harry Potter"] == ""  # named most, but watched, not watching
