"""The output folder: whole parts or none, hashes of done works, leftovers, clear errors."""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from ficlens.batch import SCHEMAS, Output, OutputError
from ficlens.batch.store import part_key


def failure(source: str) -> dict[str, str]:
    return {"source": source, "reason": "no such file"}


def work(sha: str) -> dict[str, Any]:
    return {"sha256": sha, "source": f"{sha}.txt", "title": f"Story {sha}", "words": 10}


def test_the_folder_has_one_subfolder_per_table(tmp_path: Path) -> None:
    output = Output(tmp_path / "out" / "deeper")
    assert sorted(p.name for p in output.root.iterdir()) == sorted(SCHEMAS)


def test_a_part_is_written_whole_and_reads_back(tmp_path: Path) -> None:
    output = Output(tmp_path)
    path = output.write("works", [work("a"), work("b")], key="k1")
    assert path == tmp_path / "works" / "part-k1.parquet"
    assert path.is_file()
    assert not list((tmp_path / "works").glob("*.tmp"))
    table = output.read("works")
    assert table.schema == SCHEMAS["works"]
    assert table.column("title").to_pylist() == ["Story a", "Story b"]
    assert table.column("authors").to_pylist() == [None, None]  # missing columns are null


def test_no_rows_write_no_part(tmp_path: Path) -> None:
    output = Output(tmp_path)
    assert output.write("quotes", [], key="k") is None
    assert output.parts("quotes") == []
    empty = output.read("quotes")
    assert empty.num_rows == 0 and empty.schema == SCHEMAS["quotes"]


def test_writing_the_same_key_again_replaces_the_part(tmp_path: Path) -> None:
    output = Output(tmp_path)
    output.write("works", [work("a")], key="same")
    output.write("works", [work("a")], key="same")
    assert len(output.parts("works")) == 1
    assert output.read("works").num_rows == 1


def test_a_full_disk_leaves_no_part_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = Output(tmp_path)
    output.write("works", [work("a")], key="first")

    def full(table: object, where: str | os.PathLike[str], **_: object) -> None:
        Path(where).write_bytes(b"PAR1 half a par")  # what a write cut short leaves
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(pq, "write_table", full)
    with pytest.raises(OutputError) as raised:
        output.write("works", [work("b")], key="second")
    message = str(raised.value)
    assert "the disk is full" in message
    assert str(tmp_path / "works" / "part-second.parquet") in message
    assert [p.name for p in (tmp_path / "works").iterdir()] == ["part-first.parquet"]
    monkeypatch.undo()
    assert output.done() == {"a"}


def test_a_refused_rename_says_permission_denied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = Output(tmp_path)

    def refuse(source: object, target: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(
        OutputError, match=re.escape("part-k.parquet: cannot write: permission denied")
    ):
        output.write("failures", [failure("x.txt")], key="k")
    monkeypatch.undo()
    assert list((tmp_path / "failures").iterdir()) == []


def test_an_output_folder_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(OutputError, match="cannot create the output folder") as raised:
        Output(blocker / "out")
    assert str(blocker / "out") in str(raised.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder anyway")
def test_a_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    output = Output(tmp_path / "out")
    (tmp_path / "out" / "works").chmod(0o500)
    try:
        with pytest.raises(OutputError, match="permission denied"):
            output.write("works", [work("a")], key="k")
    finally:
        (tmp_path / "out" / "works").chmod(0o700)


def test_done_is_every_hash_in_works(tmp_path: Path) -> None:
    output = Output(tmp_path)
    assert output.done() == set()
    output.write("works", [work("a"), work("b")], key="one")
    output.write("works", [work("c")], key="two")
    output.write(
        "documents", [{"sha256": "d", "source": "d", "text": "", "analysis": "{}"}], key="x"
    )
    assert output.done() == {"a", "b", "c"}  # only `works` says a work is done


def test_start_run_forgets_half_written_parts_and_old_failures(tmp_path: Path) -> None:
    output = Output(tmp_path)
    output.write("works", [work("a")], key="kept")
    output.write("quotes", [{"sha256": "a", "start": 0, "end": 1, "text": "x"}], key="kept")
    output.write("failures", [failure("gone.txt")], key="old")
    for table in SCHEMAS:
        (tmp_path / table / "part-half.parquet.tmp").write_bytes(b"PAR1")
    output.start_run()
    for table in SCHEMAS:
        assert not list((tmp_path / table).glob("*.tmp")), table
    assert output.parts("failures") == []
    assert output.done() == {"a"}
    assert output.read("quotes").num_rows == 1


def test_part_key_is_order_free_and_short() -> None:
    key = part_key(["b", "a", "c"])
    assert key == part_key(["c", "b", "a"]) == part_key(iter(["a", "c", "b"]))
    assert len(key) == 16 and int(key, 16) >= 0
    assert part_key(["a", "b"]) != key
    assert part_key(["a", "b", "c"], salt="failures") != key


def test_a_hash_set_holds_8_bytes_a_work_and_answers_membership() -> None:
    import hashlib
    import pickle

    from ficlens.batch.store import HashSet

    stored = [hashlib.sha256(f"work {n}".encode()).hexdigest() for n in range(1000)]
    done = HashSet([*stored, stored[0]])  # a repeat counts once
    assert len(done) == 1000
    assert all(sha in done for sha in stored)
    others = [hashlib.sha256(f"other {n}".encode()).hexdigest() for n in range(1000)]
    assert not any(sha in done for sha in others)
    assert 42 not in done
    shipped = pickle.dumps(done)
    assert len(shipped) < 8 * 1000 + 200  # what each worker is sent
    assert stored[5] in pickle.loads(shipped)
    assert stored[5] not in HashSet([])
