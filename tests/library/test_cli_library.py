"""``ficlens library import|list|search`` run in-process with Typer's CliRunner."""

from __future__ import annotations

import random
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ficlens.cli import app
from ficlens.demo.build import WORKS_DIR
from ficlens.library import WorkFilter, list_works, open_library, work_characters
from ficlens.library.tables import WorkRow

WORKS = WORKS_DIR
WIDE = {"COLUMNS": "200", "NO_COLOR": "1"}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=WIDE)
    return result.exit_code, result.stdout, result.stderr


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """Two good files, a copy of one, and a zip with a good member and a broken one."""
    folder = tmp_path / "fics"
    folder.mkdir()
    shutil.copy(WORKS / "rain-on-the-bridge.txt", folder / "1-rain.txt")
    shutil.copy(WORKS / "tea-at-baker-street.ao3.epub", folder / "2-tea.epub")
    shutil.copy(WORKS / "rain-on-the-bridge.txt", folder / "3-rain-again.txt")
    noise = random.Random(7).randbytes(4096)
    with zipfile.ZipFile(folder / "4-bundle.zip", "w") as archive:
        archive.write(WORKS / "the-marauders-map-is-wrong.fff.epub", "hp/map.epub")
        archive.writestr("hp/broken.epub", noise)
    return folder


def test_import_reports_each_file_and_exits_1_when_one_fails(batch: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "lib.db")
    code, _out, err = run("library", "import", str(batch), "--db", db, "--structure-only")
    assert code == 1
    lines = flat(err)
    assert f"added #1 Rain on the Bridge ({batch / '1-rain.txt'})" in lines
    assert f"added #2 Tea at Baker Street ({batch / '2-tea.epub'})" in lines
    assert f"duplicate #1 Rain on the Bridge ({batch / '3-rain-again.txt'})" in lines
    assert f"added #3 The Marauder's Map Is Wrong ({batch / '4-bundle.zip'}:hp/map.epub)" in lines
    assert "3 added, 0 updated, 1 duplicate, 0 copy, 1 failed" in lines
    failed = lines.split("1 file failed:", 1)[1]
    assert f"{batch / '4-bundle.zip'}:hp/broken.epub: " in failed
    assert "not text" in failed or "binary" in failed
    with open_library(db) as library, library.sessions() as session:
        page = list_works(session, sort="title")
    assert [w.title for w in page.works] == [
        "Rain on the Bridge", "Tea at Baker Street", "The Marauder's Map Is Wrong"
    ]  # fmt: skip


def test_a_second_import_of_the_same_folder_is_all_duplicates(batch: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "lib.db")
    (batch / "4-bundle.zip").unlink()
    assert run("library", "import", str(batch), "--db", db, "--structure-only")[0] == 0
    code, _, err = run("library", "import", str(batch), "--db", db, "--structure-only")
    assert code == 0
    assert "0 added, 0 updated, 3 duplicate, 0 copy, 0 failed" in flat(err)


def test_a_changed_story_is_reported_updated(tmp_path: Path) -> None:
    db = str(tmp_path / "lib.db")
    story = tmp_path / "rain.txt"
    shutil.copy(WORKS / "rain-on-the-bridge.txt", story)
    run("library", "import", str(story), "--db", db, "--structure-only")
    story.write_text(story.read_text() + "\nA/N: Edited for typos!\n")
    code, _, err = run("library", "import", str(story), "--db", db, "--structure-only")
    assert code == 0
    assert "updated #1 Rain on the Bridge" in flat(err)


def test_a_poorer_copy_of_a_stored_story_is_reported_as_a_copy(tmp_path: Path) -> None:
    db = str(tmp_path / "lib.db")
    rich, poor = WORKS / "rain-on-the-bridge.ao3.html", WORKS / "rain-on-the-bridge.txt"
    code, _, err = run("library", "import", str(rich), str(poor), "--db", db, "--structure-only")
    assert code == 0
    text = flat(err)
    assert f"copy #1 Rain on the Bridge ({poor}; the richer copy stored is kept)" in text
    assert "1 added, 0 updated, 0 duplicate, 1 copy, 0 failed" in text


def test_a_work_an_older_ficlens_analysed_is_analysed_again(tmp_path: Path) -> None:
    db = str(tmp_path / "lib.db")
    story = str(WORKS / "rain-on-the-bridge.txt")
    run("library", "import", story, "--db", db, "--structure-only")
    with open_library(db) as library, library.sessions.begin() as session:
        row = session.get(WorkRow, 1)
        assert row is not None
        row.methods = {**row.methods, "content": "content.lexicon.v1"}
    code, _, err = run("library", "import", story, "--db", db, "--structure-only")
    assert code == 0
    assert "updated #1 Rain on the Bridge" in flat(err)
    code, _, err = run("library", "import", story, "--db", db, "--structure-only")
    assert "duplicate #1 Rain on the Bridge" in flat(err)


def test_the_environment_names_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "from-env.db"
    monkeypatch.setenv("FICLENS_DB", str(db))
    code, _, _ = run("library", "import", str(WORKS / "tea-at-baker-street.txt"),
                     "--structure-only")  # fmt: skip
    assert code == 0
    assert db.is_file()
    code, out, _ = run("library", "list")
    assert "Tea at Baker Street" in out


def test_list_and_search_show_the_library(batch: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "lib.db")
    run("library", "import", str(batch), "--db", db, "--structure-only")
    code, out, _ = run("library", "list", "--db", db, "--sort", "title")
    assert code == 0
    rows = [flat(line) for line in out.splitlines() if "│" in line]
    assert rows[0].startswith(
        "│ 1 │ Rain on the Bridge │ inkstainedkunai │ Teen And Up Audiences │ 1,2"
    )
    assert "│ 2 │ Tea at Baker Street │ kettleblack221 │ General Audiences │" in rows[1]
    assert "3 works; page 1 of 1" in out

    code, out, _ = run("library", "search", "umbrella", "--db", db)
    assert code == 0
    assert "Rain on the Bridge" in out
    assert "umbrella" in out.lower()
    assert "1 work matches 'umbrella'" in out
    code, out, _ = run("library", "search", '"AND(', "--db", db)
    assert code == 0
    assert "3 works match" in out  # the word "and", in every story
    code, out, _ = run("library", "search", '"*', "--db", db)
    assert code == 0
    assert "0 works match" in out


def test_list_of_an_empty_library_and_a_bad_sort(tmp_path: Path) -> None:
    db = str(tmp_path / "lib.db")
    code, out, _ = run("library", "list", "--db", db)
    assert code == 0
    assert "The library is empty." in out
    code, _, err = run("library", "list", "--db", db, "--sort", "kudos")
    assert code == 1
    assert "unknown sort 'kudos'" in flat(err)


def test_import_of_nothing_and_a_bad_database(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run("library", "import", str(empty), "--db", str(tmp_path / "lib.db"))
    assert code == 1
    assert "No story files found" in err
    code, _, err = run("library", "list", "--db", "nosuchdb://x")
    assert code == 1
    assert "cannot use this database" in flat(err)


@pytest.mark.spacy
def test_the_full_pipeline_stores_detected_characters_and_relationships(tmp_path: Path) -> None:
    db = str(tmp_path / "lib.db")
    story = WORKS / "rain-on-the-bridge.ao3.epub"
    code, _, err = run("library", "import", str(story), "--db", db)
    assert code == 0, err
    with open_library(db) as library, library.sessions() as session:
        (work,) = list_works(session).works
        cast = work_characters(session, work.id)
        together = list_works(
            session, WorkFilter(include={"relationship": ["Haruno Sakura & Hatake Kakashi"],
                                         "character": ["Uzumaki Naruto"]})
        )  # fmt: skip
    names = [c.name for c in cast]
    assert {"Hatake Kakashi", "Haruno Sakura", "Uzumaki Naruto"} <= set(names)
    # Sasuke, who has left the village, is only talked about: "Sasuke-kun used to stand like that"
    assert {c.name for c in cast if c.mentions == 0} == {"Uchiha Sasuke"}
    assert cast[0].canon
    detected = work.tag_names("character", "detected")
    assert {"Hatake Kakashi", "Haruno Sakura"} <= set(detected)
    assert "Haruno Sakura & Hatake Kakashi" in work.tag_names("relationship", "detected")
    assert work.language == "en"
    assert together.total == 1
