"""Bad input: every problem is an InputError naming the file and the reason, never a crash."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

import ficlens
from ficlens import InputError, Settings, TooLargeError, UnsupportedFormatError


def _read_error(path: Path, settings: Settings | None = None) -> InputError:
    with pytest.raises(InputError) as caught:
        ficlens.read(path, settings=settings)
    error = caught.value
    assert str(error).startswith(f"{path}: ")
    assert error.path == str(path)
    assert error.reason
    assert error.reason in str(error)
    return error


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_empty_file(tmp_path: Path) -> None:
    error = _read_error(_write(tmp_path, "empty.txt", b""))
    assert "empty" in error.reason


def test_whitespace_only_file(tmp_path: Path) -> None:
    error = _read_error(_write(tmp_path, "blank.txt", b"  \n\n\t \r\n   \n"))
    assert "empty" in error.reason


def test_missing_file(tmp_path: Path) -> None:
    error = _read_error(tmp_path / "nowhere.txt")
    assert "no such file" in error.reason


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    error = _read_error(folder)
    assert "not a file" in error.reason or "directory" in error.reason


def test_binary_junk_with_nul_bytes(tmp_path: Path) -> None:
    rng = random.Random(20261123)
    junk = bytes(rng.randrange(256) for _ in range(4096)) + b"\x00" * 16
    error = _read_error(_write(tmp_path, "junk.txt", junk))
    assert isinstance(error, UnsupportedFormatError)
    assert "not text" in error.reason


def test_pdf_header(tmp_path: Path) -> None:
    data = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    error = _read_error(_write(tmp_path, "story.txt", data))
    assert isinstance(error, UnsupportedFormatError)
    assert "PDF" in error.reason


def test_truncated_epub(tmp_path: Path, make_epub: Callable[..., bytes]) -> None:
    data = make_epub(
        [("c1.xhtml", "One", "<h2>Moths</h2><p>The moths came to the porch light.</p>")]
    )
    error = _read_error(_write(tmp_path, "cut.epub", data[: len(data) // 2]))
    assert not isinstance(error, TooLargeError)
    assert "truncated or corrupt EPUB" in error.reason


@pytest.mark.parametrize(
    "entry",
    [
        pytest.param("../../evil.txt", id="dot-dot"),
        pytest.param("OEBPS/../../evil.txt", id="dot-dot-inside"),
        pytest.param("/etc/x", id="absolute"),
        pytest.param("C:/Windows/x.txt", id="drive-letter"),
    ],
)
def test_epub_entry_outside_the_book_is_refused(
    tmp_path: Path, make_zip: Callable[..., bytes], entry: str
) -> None:
    path = _write(tmp_path, "hostile.epub", make_zip([(entry, b"gotcha")]))
    error = _read_error(path)
    assert entry in error.reason
    assert "path traversal" in error.reason


def test_epub_zip_bomb_entry_is_refused(tmp_path: Path, make_zip: Callable[..., bytes]) -> None:
    zeros = bytes(50 * 1024 * 1024)
    path = _write(tmp_path, "bomb.epub", make_zip([("OEBPS/zeros.xhtml", zeros)]))
    assert path.stat().st_size < 1024 * 1024  # small on disk...
    error = _read_error(path)
    assert isinstance(error, TooLargeError)  # ...but refused before it is unpacked
    assert "OEBPS/zeros.xhtml" in error.reason
    assert f"limit {Settings().max_compression_ratio}-fold" in error.reason


def test_epub_over_the_archive_size_limit_is_refused(
    tmp_path: Path, make_zip: Callable[..., bytes]
) -> None:
    rng = random.Random(7)
    noise = bytes(rng.randrange(256) for _ in range(30_000))  # incompressible: ratio ~1
    path = _write(tmp_path, "big.epub", make_zip([("OEBPS/image.bin", noise)]))
    error = _read_error(path, Settings(max_archive_bytes=20_000))
    assert isinstance(error, TooLargeError)
    assert "20000" in error.reason
    assert "--max-archive-bytes" in error.reason


def test_epub_with_too_many_entries_is_refused(
    tmp_path: Path, make_zip: Callable[..., bytes]
) -> None:
    entries = [(f"OEBPS/blank{n}.txt", b"") for n in range(20)]
    path = _write(tmp_path, "many.epub", make_zip(entries))
    error = _read_error(path, Settings(max_archive_entries=10))
    assert isinstance(error, TooLargeError)
    assert "the limit is 10" in error.reason


def test_zip_that_is_not_an_epub(tmp_path: Path, make_zip: Callable[..., bytes]) -> None:
    data = make_zip([("notes.txt", b"Remember the milk."), ("pics/cat.txt", b"meow")], epub=False)
    error = _read_error(_write(tmp_path, "archive.epub", data))
    assert isinstance(error, UnsupportedFormatError)
    assert "ZIP archive that is not an EPUB" in error.reason


def test_html_with_only_scripts_and_styles(fixture_path: Callable[[str], Path]) -> None:
    error = _read_error(fixture_path("html_only_scripts.html"))
    assert not isinstance(error, UnsupportedFormatError)
    assert "no story text" in error.reason


def test_file_over_max_bytes(tmp_path: Path) -> None:
    path = _write(tmp_path, "long.txt", b"The owl said nothing. " * 100)
    assert path.stat().st_size > 2000
    error = _read_error(path, Settings(max_bytes=1000))
    assert isinstance(error, TooLargeError)
    assert "1,000" in error.reason
    assert "--max-bytes" in error.reason


def test_file_just_under_max_bytes_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path, "short.txt", b"The owl said nothing. " * 40)
    work = ficlens.read(path, settings=Settings(max_bytes=1000))
    assert work.text.startswith("The owl said nothing.")


@pytest.mark.slow
def test_fifty_megabyte_text_file(tmp_path: Path) -> None:
    """A 50 MB fic: refused by the 32 MiB default with a hint, read when the limit is raised.

    Peak memory is not measured: under tracemalloc the read takes close to a minute.
    """
    paragraph = "The lamplighter walked the long road home and counted every lantern twice.\n\n"
    path = tmp_path / "huge.txt"
    size = 0
    number = 0
    with path.open("w", encoding="utf-8") as out:
        while size < 50 * 1024 * 1024:
            number += 1
            block = f"Chapter {number}\n\n" + paragraph * 60 + "* * *\n\n" + paragraph * 60
            out.write(block)
            size += len(block)
    assert path.stat().st_size >= 50 * 1024 * 1024

    error = _read_error(path)
    assert isinstance(error, TooLargeError)
    assert "--max-bytes" in error.reason
    assert f"{Settings().max_bytes:,}" in error.reason

    work = ficlens.read(path, settings=Settings(max_bytes=64 * 1024 * 1024))
    assert len(work.chapters) == number
    assert work.chapters[-1].number == number
    assert all(len(chapter.scenes) == 2 for chapter in work.chapters)
