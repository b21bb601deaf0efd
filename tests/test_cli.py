"""The ``ficlens analyze`` command, run in-process with Typer's CliRunner."""

from __future__ import annotations

import gc
import json
import shutil
import warnings
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from ficlens import SCHEMA
from ficlens.cli import app

WIDE = {"COLUMNS": "200", "NO_COLOR": "1"}


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=WIDE)
    return result.exit_code, result.stdout, result.stderr


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_text_report_names_the_title_and_chapters(fixture_path: Callable[[str], Path]) -> None:
    code, out, _ = _run("analyze", str(fixture_path("ao3_download_multichapter.html")))
    assert code == 0
    assert "The Lighthouse Ledger" in out
    assert "Marrow_and_Moss" in out
    assert "Low Tide" in out
    assert "High Water" in out


def test_json_output_parses_and_has_the_schema(fixture_path: Callable[[str], Path]) -> None:
    path = fixture_path("scene_break_tildes.txt")
    code, out, _ = _run("analyze", "--format", "json", str(path))
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == SCHEMA == "ficlens.analysis/1"
    assert data["source"]["path"] == str(path)
    assert data["source"]["format"] == "text"
    assert len(data["chapters"][0]["scenes"]) == 3
    assert "text" not in data  # only with --include-text


def test_out_dir_json(tmp_path: Path, fixture_path: Callable[[str], Path]) -> None:
    source = tmp_path / "buttons.txt"
    shutil.copy(fixture_path("blank_line_scene_break.txt"), source)
    out = tmp_path / "reports"
    code, stdout, _ = _run("analyze", "--format", "json", "--out", str(out), str(source))
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["buttons.json"]
    data = json.loads((out / "buttons.json").read_text(encoding="utf-8"))
    assert data["schema"] == SCHEMA
    assert data["source"]["path"] == str(source)
    assert "schema" not in stdout  # written to the file, not printed


def test_out_dir_text(tmp_path: Path, fixture_path: Callable[[str], Path]) -> None:
    source = tmp_path / "lighthouse.html"
    shutil.copy(fixture_path("ao3_download_multichapter.html"), source)
    out = tmp_path / "reports"
    code, _, _ = _run("analyze", "--out", str(out), str(source))
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["lighthouse.txt"]
    report = (out / "lighthouse.txt").read_text(encoding="utf-8")
    assert "The Lighthouse Ledger" in report
    assert "Low Tide" in report


def test_folder_with_a_broken_file(tmp_path: Path, fixture_path: Callable[[str], Path]) -> None:
    folder = tmp_path / "fics"
    folder.mkdir()
    shutil.copy(fixture_path("scene_break_tildes.txt"), folder / "good.txt")
    broken = folder / "broken.txt"
    broken.write_bytes(b"%PDF-1.5\n%binary stuff\n")
    (folder / "ignored.png").write_bytes(b"\x89PNG not a story")  # not a story suffix
    out = tmp_path / "reports"

    code, _, stderr = _run("analyze", "--format", "json", "--out", str(out), str(folder))

    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == ["good.json"]
    assert json.loads((out / "good.json").read_text(encoding="utf-8"))["schema"] == SCHEMA
    message = _flat(stderr)
    assert f"{broken}: this is a PDF document" in message
    assert "1 of 2 files failed" in message
    assert "Traceback" not in stderr


def test_folder_with_a_broken_file_to_stdout(
    tmp_path: Path, fixture_path: Callable[[str], Path]
) -> None:
    folder = tmp_path / "fics"
    folder.mkdir()
    shutil.copy(fixture_path("ao3_download_oneshot.html"), folder / "a_good.html")
    (folder / "b_empty.txt").write_bytes(b"")
    code, out, stderr = _run("analyze", str(folder))
    assert code == 1
    assert "Salt on the Sill" in out
    assert f"{folder / 'b_empty.txt'}: the file is empty" in _flat(stderr)


def test_missing_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "gone.txt"
    code, _, stderr = _run("analyze", str(missing))
    assert code == 1
    assert f"{missing}: no such file" in _flat(stderr)
    assert "Traceback" not in stderr


def test_max_bytes_option(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("The owl said nothing at all. " * 100, encoding="utf-8")
    code, _, stderr = _run("analyze", "--max-bytes", "1000", str(path))
    assert code == 1
    assert "the limit is 1,000" in _flat(stderr)


def test_include_text_slices_are_the_notes(fixture_path: Callable[[str], Path]) -> None:
    path = fixture_path("author_note_before_and_after.txt")
    code, out, _ = _run("analyze", "--format", "json", "--include-text", str(path))
    assert code == 0
    data = json.loads(out)
    text = data["text"]
    assert text == path.read_text(encoding="utf-8")
    assert data["text_length"] == len(text)
    slices = [(n["kind"], text[n["start"] : n["end"]]) for n in data["notes"]]
    assert slices == [
        (
            "author_before",
            "A/N: Hello again, everyone! Thank you so much for the reviews on the last chapter. "
            "This one took a while.",
        ),
        ("disclaimer", "Disclaimer: I don't own the Tidewater Chronicles or anyone in them."),
        (
            "author_after",
            "A/N: That's it for now! Please review and let me know what you think of the cat. "
            "Next chapter: receipts.",
        ),
    ]
    [chapter] = data["chapters"]
    assert text[chapter["heading_span"]["start"] : chapter["heading_span"]["end"]] == (
        "Chapter 4: The Keeper's Cat"
    )


def test_text_report_to_out_dir_closes_its_files(
    tmp_path: Path, fixture_path: Callable[[str], Path]
) -> None:
    source = tmp_path / "tildes.txt"
    shutil.copy(fixture_path("scene_break_tildes.txt"), source)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code, _, _ = _run("analyze", "--out", str(tmp_path / "reports"), str(source))
        gc.collect()
    assert code == 0
    leaked = [w for w in caught if issubclass(w.category, ResourceWarning)]
    assert leaked == []
