"""FicLens's settings: one declared table that drives the CLI options and the docs.

Example:
    >>> Settings().max_bytes
    33554432
"""

from __future__ import annotations

from dataclasses import dataclass, fields

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its name, default and the help shown by the CLI and the docs."""

    name: str
    default: int
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "max_bytes",
        32 * MIB,
        "Largest input file read, in bytes (32 MiB holds about five million words).",
    ),
    Setting(
        "max_archive_bytes",
        256 * MIB,
        "Largest total uncompressed size of an EPUB's entries, in bytes.",
    ),
    Setting(
        "max_archive_entries",
        10_000,
        "Most entries an EPUB may hold.",
    ),
    Setting(
        "max_compression_ratio",
        200,
        "Largest uncompressed-to-compressed ratio of an EPUB entry (zip bombs exceed it).",
    ),
)


@dataclass(frozen=True, slots=True)
class Settings:
    """The values in force; defaults come from :data:`SETTINGS`."""

    max_bytes: int = SETTINGS[0].default
    max_archive_bytes: int = SETTINGS[1].default
    max_archive_entries: int = SETTINGS[2].default
    max_compression_ratio: int = SETTINGS[3].default


def _check_table() -> None:
    # The dataclass and the table must describe the same settings, in the same order.
    names = [f.name for f in fields(Settings)]
    if names != [s.name for s in SETTINGS]:  # pragma: no cover - guarded by a test
        raise RuntimeError(f"Settings fields {names} do not match SETTINGS")


_check_table()
