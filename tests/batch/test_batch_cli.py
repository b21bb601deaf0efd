"""``ficlens batch`` run in-process with Typer's CliRunner (in this process: ``--workers 0``)."""

from __future__ import annotations

from pathlib import Path

from batch_corpus import copy_demo, write_invented
from typer.testing import CliRunner

from ficlens.batch import Output
from ficlens.cli import app
from ficlens.library import list_works, open_library

WIDE = {"COLUMNS": "200", "NO_COLOR": "1"}


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args], env=WIDE)
    return result.exit_code, result.stdout, result.stderr


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_failed_file_is_named_and_the_exit_code_says_so(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = run("batch", corpus, "--out", out, "--workers", "0", "--structure-only")
    assert code == 1
    text = flat(err)
    assert f"failed {corpus / 'junk.txt'}: not text" in text
    assert f"failed {corpus / 'truncated.epub'}: truncated or corrupt EPUB" in text
    assert f"failed {corpus / 'broken.zip'}: not a readable ZIP" in text
    assert "8 analysed, 0 already done, 1 duplicates, 3 failed in" in text
    assert "0 workers" in text and f"tables in {out}" in text
    assert Output(out).read("works").num_rows == 8


def test_a_clean_corpus_exits_0_and_a_rerun_has_nothing_to_do(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write_invented(corpus)
    code, _, err = run("batch", corpus, "-o", out, "--workers", "0", "--structure-only")
    assert code == 0, err
    assert "4 analysed, 0 already done, 0 duplicates, 0 failed" in flat(err)
    code, _, err = run("batch", corpus, "-o", out, "--workers", "0", "--structure-only")
    assert code == 0, err
    assert "0 analysed, 4 already done, 0 duplicates, 0 failed" in flat(err)
    assert Output(out).read("works").num_rows == 4


def test_into_library_stores_the_works(tmp_path: Path) -> None:
    corpus, out, db = tmp_path / "corpus", tmp_path / "out", tmp_path / "lib.db"
    copy_demo(corpus, (".ao3.html",))
    write_invented(corpus)
    (corpus / "broken.epub").write_bytes(b"PK\x03\x04 not a whole book")
    code, _, err = run(
        "batch", corpus, "--out", out, "--workers", "0", "--structure-only",
        "--into-library", db,
    )  # fmt: skip
    assert code == 1  # a file failed; the others are still stored
    text = flat(err)
    assert f"failed {corpus / 'broken.epub'}" in text
    assert "8 analysed" in text
    assert f"library sqlite:///{db}: 8 added, 0 updated, 0 already stored" in text
    with open_library(str(db)) as library, library.sessions() as session:
        titles = {w.title for w in list_works(session, per_page=50).works}
    assert len(titles) == 8
    assert {"Rain on the Bridge", "The Lighthouse Keeper's Cat"} <= titles
    # the same works listed as `library import` would list them
    imported = tmp_path / "imported.db"
    assert run("library", "import", corpus, "--db", imported, "--structure-only")[0] == 1
    listed = run("library", "list", "--db", db, "--sort", "title")
    expected = run("library", "list", "--db", imported, "--sort", "title")
    assert listed[0] == expected[0] == 0
    assert listed[1] == expected[1] and "A Map of Small Kingdoms" in listed[1]
    # storing again adds nothing
    code, _, err = run(
        "batch", corpus, "--out", out, "--workers", "0", "--structure-only",
        "--into-library", db,
    )  # fmt: skip
    assert "library" in err and "0 added, 0 updated, 8 already stored" in flat(err)


def test_an_unwritable_output_folder_is_an_error_not_a_traceback(
    corpus: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run("batch", corpus, "--out", blocker / "out", "--workers", "0")
    assert code == 1
    assert f"error {blocker / 'out'}: cannot create the output folder" in flat(err)
    assert "Traceback" not in err
