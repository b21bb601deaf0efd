"""Exporting a stored work: an EPUB (ebooklib) or one self-contained HTML file.

Both carry an AO3-style preface (the typed tags, declared and detected) and the chapters as
escaped paragraphs with author's notes set apart. See ``docs/web.md`` ("Downloads").

Example:
    >>> with library.sessions() as session:                      # doctest: +SKIP
    ...     data = work_epub(*export_parts(session, work_id))
"""

from ficlens.library.export.content import (
    ExportBlock,
    ExportChapter,
    PrefaceRow,
    export_chapters,
    export_parts,
    preface_rows,
)
from ficlens.library.export.epub import DEFAULT_LANGUAGE, EPUB_MEDIA_TYPE, work_epub
from ficlens.library.export.html import work_html

__all__ = [
    "DEFAULT_LANGUAGE",
    "EPUB_MEDIA_TYPE",
    "ExportBlock",
    "ExportChapter",
    "PrefaceRow",
    "export_chapters",
    "export_parts",
    "preface_rows",
    "work_epub",
    "work_html",
]
