"""What an import reads: files as given, story files in folders, and members of ``.zip`` archives.

Nothing is read up front. :func:`collect_files` lists :class:`PendingFile` values whose
``load()`` returns the bytes or raises :class:`~ficlens.errors.InputError` naming the file and
the problem, so one broken file or archive member fails alone.

Archive members are read in memory, never extracted: a member is named
``archive.zip:folder/story.txt``, refused when its path is absolute or climbs out with ``..``,
and held to the same limits as EPUBs (entries, total size, file size, compression ratio).
Archives inside archives are not opened.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ficlens.errors import InputError, TooLargeError
from ficlens.settings import Settings

STORY_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml", ".epub"})
"""Files a folder import picks up (a file named on the command line is read whatever it is)."""

ARCHIVE_SUFFIX = ".zip"
_MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class PendingFile:
    """A file an import will read.

    Attributes:
        name: how the library and error messages name it (``path`` or ``archive.zip:member``).
        load: returns the file's bytes; raises ``InputError`` when it cannot be read.
    """

    name: str
    load: Callable[[], bytes]


def collect_files(paths: Iterable[Path], *, settings: Settings | None = None) -> list[PendingFile]:
    """The files to import from ``paths``: files, folders (recursively) and ``.zip`` archives.

    Folders contribute their ``.txt``, ``.html``, ``.htm``, ``.xhtml``, ``.epub`` and ``.zip``
    files, sorted, skipping hidden ones. A path that does not exist becomes a file that fails.
    """
    settings = settings or Settings()
    found: list[PendingFile] = []
    for path in paths:
        for file in _expand(path):
            if file.suffix.lower() == ARCHIVE_SUFFIX:
                found += archive_members(file, settings=settings)
            else:
                found.append(PendingFile(str(file), partial(read_file, file, settings=settings)))
    return found


def _expand(path: Path) -> Iterator[Path]:
    if not path.is_dir():
        yield path
        return
    wanted = STORY_SUFFIXES | {ARCHIVE_SUFFIX}
    yield from sorted(
        p
        for p in path.rglob("*")
        if p.is_file()
        and p.suffix.lower() in wanted
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )


def read_file(path: Path, *, settings: Settings) -> bytes:
    """A file's bytes, within ``settings.max_bytes``.

    Raises:
        InputError: missing, unreadable, not a file, or too large.
    """
    name = str(path)
    try:
        if not path.is_file():
            raise InputError(name, "no such file" if not path.exists() else "not a file")
        size = path.stat().st_size
        if size > settings.max_bytes:
            raise TooLargeError(
                name, f"file is {size:,} bytes; the limit is {settings.max_bytes:,}"
            )
        return path.read_bytes()
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as error:
        raise InputError(name, f"cannot read it ({error.strerror or error})") from None


def _failing(error: InputError) -> Callable[[], bytes]:
    def load() -> bytes:
        raise error

    return load


def archive_members(archive: Path, *, settings: Settings) -> list[PendingFile]:
    """The story files inside a ``.zip`` archive, or one failing entry if it cannot be used."""
    name = str(archive)
    try:
        with zipfile.ZipFile(archive) as opened:
            entries = opened.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        return [PendingFile(name, _failing(InputError(name, f"not a readable ZIP ({error})")))]
    stories = [e for e in entries if not e.is_dir() and _is_story_member(e.filename)]
    problem = _archive_problem(name, entries, stories, settings)
    if problem is not None:
        return [PendingFile(name, _failing(problem))]
    members = []
    for entry in stories:
        label = f"{name}:{entry.filename}"
        if _escapes(entry.filename):
            escape = InputError(label, "the member's path points outside the archive; skipped")
            members.append(PendingFile(label, _failing(escape)))
        else:
            load = partial(_read_member, archive, entry.filename, label=label, settings=settings)
            members.append(PendingFile(label, load))
    return members


def _is_story_member(member: str) -> bool:
    parts = member.replace("\\", "/").split("/")
    # ".." is not hidden: such a member is reported as escaping, never silently skipped.
    hidden = any(
        (part.startswith(".") and part not in (".", "..")) or part == "__MACOSX" for part in parts
    )
    return not hidden and posixpath.splitext(member)[1].lower() in STORY_SUFFIXES


def _escapes(member: str) -> bool:
    normal = posixpath.normpath(member.replace("\\", "/"))
    return (
        member.startswith(("/", "\\"))
        or re.match(r"^[A-Za-z]:", member) is not None
        or normal == ".."
        or normal.startswith("../")
    )


def _archive_problem(
    name: str,
    entries: list[zipfile.ZipInfo],
    stories: list[zipfile.ZipInfo],
    settings: Settings,
) -> InputError | None:
    if len(entries) > settings.max_archive_entries:
        return TooLargeError(
            name, f"archive has {len(entries)} entries; the limit is {settings.max_archive_entries}"
        )
    total = sum(entry.file_size for entry in stories)
    if total > settings.max_archive_bytes:
        return TooLargeError(
            name,
            f"archive's stories decompress to {total:,} bytes; the limit is "
            f"{settings.max_archive_bytes:,} (raise --max-archive-bytes)",
        )
    if not stories:
        return InputError(name, "the archive holds no story files (.txt, .html, .epub)")
    return None


def _read_member(archive: Path, member: str, *, label: str, settings: Settings) -> bytes:
    """One member's bytes, read in memory and held to the size and ratio limits."""
    try:
        with zipfile.ZipFile(archive) as opened:
            entry = opened.getinfo(member)
            _check_member(entry, label=label, settings=settings)
            with opened.open(entry) as stream:
                # Never trust the header's size: read at most one byte past the limit.
                data = stream.read(settings.max_bytes + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError) as error:
        raise InputError(label, f"damaged archive member ({error})") from None
    except (NotImplementedError, RuntimeError) as error:  # unknown compression; encrypted
        raise InputError(label, f"cannot unpack this member ({error})") from None
    if len(data) > settings.max_bytes:
        raise TooLargeError(
            label, f"member is larger than the limit of {settings.max_bytes:,} bytes"
        )
    return data


def _check_member(entry: zipfile.ZipInfo, *, label: str, settings: Settings) -> None:
    if entry.file_size > settings.max_bytes:
        raise TooLargeError(
            label, f"member is {entry.file_size:,} bytes; the limit is {settings.max_bytes:,}"
        )
    ratio = entry.file_size / max(entry.compress_size, 1)
    if entry.file_size > _MIB and ratio > settings.max_compression_ratio:
        raise TooLargeError(
            label,
            f"member expands {ratio:.0f}-fold (limit {settings.max_compression_ratio}-fold): "
            "refusing a likely zip bomb",
        )
