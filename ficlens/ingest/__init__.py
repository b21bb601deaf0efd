"""Ingest: read a fic file as people have it into a :class:`~ficlens.model.RawWork`.

``read_raw(path)`` sniffs the format from the content (the extension may lie), decodes text,
and dispatches to the plain-text, HTML or EPUB reader.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ficlens.errors import InputError, TooLargeError
from ficlens.ingest.decode import decode_bytes
from ficlens.ingest.epub import read_epub_bytes
from ficlens.ingest.html import read_html_text
from ficlens.ingest.inline import rejoin_inline
from ficlens.ingest.sniff import sniff
from ficlens.model import Metadata, RawWork, Source, SourceFlavour
from ficlens.settings import Settings

__all__ = ["read_bytes", "read_raw"]


def read_raw(path: str | os.PathLike[str], *, settings: Settings | None = None) -> RawWork:
    """Read a ``.txt``, ``.html`` or ``.epub`` file (whatever its extension) as a raw work.

    Args:
        path: the file.
        settings: limits such as the largest file read; defaults apply when omitted.

    Raises:
        InputError: the file is missing, empty, too large, damaged or not a story.
    """
    settings = settings or Settings()
    name = str(path)
    file = Path(path)
    try:
        size = file.stat().st_size
        if not file.is_file():
            raise InputError(name, "not a file")
        if size > settings.max_bytes:
            raise TooLargeError(
                name,
                f"file is {size:,} bytes; the limit is {settings.max_bytes:,} "
                "(raise it with --max-bytes)",
            )
        data = file.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    return read_bytes(data, path=name, settings=settings)


def read_bytes(data: bytes, *, path: str, settings: Settings | None = None) -> RawWork:
    """Read a file's bytes; ``path`` names it in errors and in the work's source."""
    settings = settings or Settings()
    if len(data) > settings.max_bytes:
        raise TooLargeError(path, f"{len(data):,} bytes; the limit is {settings.max_bytes:,}")
    if not data.strip():
        raise InputError(path, "the file is empty")
    kind = sniff(data, path=path)
    digest = hashlib.sha256(data).hexdigest()
    encoding: str | None = None
    diagnostics: tuple[str, ...] = ()
    flavour: SourceFlavour
    if kind == "epub":
        builder, metadata, flavour = read_epub_bytes(data, path=path, settings=settings)
        text, markers = builder.text, builder.markers
    else:
        decoded = decode_bytes(data, path=path)
        encoding, diagnostics = decoded.encoding, decoded.diagnostics
        if kind == "html":
            builder, metadata, flavour = read_html_text(decoded.text)
            text, markers = builder.text, builder.markers
        else:
            text, joined = rejoin_inline(decoded.text)
            metadata, markers, flavour = Metadata(), (), "plain"
            if joined:
                diagnostics += (
                    f"{joined} italicised passage(s) set on lines of their own by "
                    "an HTML-to-text converter joined back into their sentences",
                )
    if not text.strip():
        raise InputError(path, f"no story text found in this {kind} file")
    source = Source(
        path=path,
        format=kind,
        flavour=flavour,
        sha256=digest,
        size=len(data),
        encoding=encoding,
        diagnostics=diagnostics,
    )
    return RawWork(text=text, metadata=metadata, source=source, markers=markers)
