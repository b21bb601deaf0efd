"""What an import reads: folders, missing files and .zip archives, safely and with limits."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from ficlens.errors import InputError, TooLargeError
from ficlens.library import collect_files
from ficlens.settings import Settings

MakeZip = Callable[..., bytes]


def failure(load: Callable[[], bytes]) -> InputError:
    with pytest.raises(InputError) as caught:
        load()
    return caught.value


def test_folders_give_their_story_files_sorted_and_skip_the_rest(tmp_path: Path) -> None:
    for name in ("b.txt", "a.HTML", "sub/c.epub", "sub/d.xhtml", "e.zip", "notes.md",
                 "cover.png", ".hidden.txt", ".git/x.txt"):  # fmt: skip
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    names = [Path(f.name).relative_to(tmp_path).as_posix() for f in collect_files([tmp_path])]
    # e.zip is not a readable archive: it stays, as one file that fails.
    assert names == ["a.HTML", "b.txt", "e.zip", "sub/c.epub", "sub/d.xhtml"]


def test_a_missing_file_fails_alone_with_its_name(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("A story.")
    files = collect_files([tmp_path / "missing.txt", good])
    assert [Path(f.name).name for f in files] == ["missing.txt", "good.txt"]
    error = failure(files[0].load)
    assert error.reason == "no such file"
    assert str(tmp_path / "missing.txt") in str(error)
    assert files[1].load() == b"A story."


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 100)
    (only,) = collect_files([big], settings=Settings(max_bytes=100))
    error = failure(only.load)
    assert isinstance(error, TooLargeError)
    assert error.reason == "file is 500 bytes; the limit is 100"  # "word " is 5 bytes
    assert str(big) in str(error)


def test_zip_members_are_read_in_memory_and_named_inside_the_archive(
    tmp_path: Path, make_zip: MakeZip
) -> None:
    archive = tmp_path / "bundle.zip"
    archive.write_bytes(
        make_zip(
            [("stories/one.txt", b"One."), ("two.html", b"<p>Two</p>"), ("cover.jpg", b"\xff"),
             ("__MACOSX/stories/._one.txt", b"junk"), ("inner.zip", b"PK"), ("stories/", b"")],
            epub=False,
        )
    )  # fmt: skip
    files = collect_files([archive])
    assert [f.name for f in files] == [f"{archive}:stories/one.txt", f"{archive}:two.html"]
    assert [f.load() for f in files] == [b"One.", b"<p>Two</p>"]
    assert not (tmp_path / "stories").exists()  # nothing was extracted


@pytest.mark.parametrize("member", ["../escape.txt", "a/../../escape.txt", "/etc/x.txt",
                                    "C:/x.txt", "\\\\server\\x.txt"])  # fmt: skip
def test_a_member_path_can_never_escape(tmp_path: Path, make_zip: MakeZip, member: str) -> None:
    archive = tmp_path / "evil.zip"
    archive.write_bytes(make_zip([(member, b"gotcha"), ("fine.txt", b"Fine.")], epub=False))
    files = {f.name.split(".zip:", 1)[1]: f for f in collect_files([archive])}
    assert "outside the archive" in failure(files[member].load).reason
    assert files["fine.txt"].load() == b"Fine."


def test_an_unreadable_zip_is_one_failure(tmp_path: Path) -> None:
    archive = tmp_path / "broken.zip"
    archive.write_bytes(b"PK\x03\x04 not really a zip")
    (only,) = collect_files([archive])
    assert only.name == str(archive)
    assert "not a readable ZIP" in failure(only.load).reason


def test_archive_limits(tmp_path: Path, make_zip: MakeZip) -> None:
    archive = tmp_path / "many.zip"
    archive.write_bytes(make_zip([(f"{n}.txt", b"x") for n in range(5)], epub=False))
    (only,) = collect_files([archive], settings=Settings(max_archive_entries=4))
    assert "5 entries" in failure(only.load).reason
    (only,) = collect_files([archive], settings=Settings(max_archive_bytes=4))
    assert "decompress to 5 bytes" in failure(only.load).reason
    empty = tmp_path / "empty.zip"
    empty.write_bytes(make_zip([("cover.png", b"x")], epub=False))
    (only,) = collect_files([empty])
    assert "no story files" in failure(only.load).reason


def test_a_zip_bomb_member_and_an_oversized_member_fail_alone(
    tmp_path: Path, make_zip: MakeZip
) -> None:
    archive = tmp_path / "bomb.zip"
    archive.write_bytes(make_zip([("bomb.txt", b"a" * (4 * 1024 * 1024)), ("ok.txt", b"ok")],
                                 epub=False))  # fmt: skip
    files = {f.name.rsplit(":", 1)[1]: f for f in collect_files([archive])}
    assert "zip bomb" in failure(files["bomb.txt"].load).reason
    assert files["ok.txt"].load() == b"ok"
    small = collect_files([archive], settings=Settings(max_bytes=1024))
    assert isinstance(failure(small[0].load), TooLargeError)


def test_a_corrupt_member_fails_alone(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("bad.txt", b"A story that will be damaged on disk.")
        archive.writestr("good.txt", b"An intact story.")
    data = bytearray(buffer.getvalue())
    at = data.index(b"damaged")
    data[at : at + 7] = b"DAMAGED"  # the CRC no longer matches
    path = tmp_path / "crc.zip"
    path.write_bytes(bytes(data))
    files = {f.name.rsplit(":", 1)[1]: f for f in collect_files([path])}
    assert "damaged archive member" in failure(files["bad.txt"].load).reason
    assert files["good.txt"].load() == b"An intact story."
