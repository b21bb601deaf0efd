"""The library: analysed works stored in SQL (SQLite with FTS5 by default), browsed like AO3.

Open a library, import files, then list, filter and search::

    from ficlens.library import open_library, import_paths, list_works, search, WorkFilter
    library = open_library()                        # ~/.local/share/ficlens/library.db
    import_paths(library, [Path("fics/")], nlp=False)
    with library.sessions() as session:
        page = list_works(session, WorkFilter(include={"fandom": ["Naruto"]}))
        hits = search(session, "bridge rain")

Repository functions take a session and return frozen records (:mod:`.records`), never ORM rows.
See ``docs/library.md``.
"""

from ficlens.library.browse import SORTS, language_counts, list_works, tag_counts
from ficlens.library.db import (
    DB_ENV,
    Library,
    database_url,
    default_database_path,
    downgrade,
    migrate,
    open_library,
)
from ficlens.library.errors import DatabaseError, LibraryError, WorkNotFoundError
from ficlens.library.fts import search
from ficlens.library.importer import ImportOutcome, ImportReport, import_file, import_paths
from ficlens.library.records import (
    TAG_TYPES,
    UNKNOWN_LANGUAGE,
    CrossoverMode,
    ImportStatus,
    LanguageCount,
    LibraryCharacter,
    LibraryWork,
    ReadingPosition,
    SearchHit,
    TagCount,
    TagSource,
    TagType,
    WorkFilter,
    WorkPage,
    WorkTag,
    tag_key,
)
from ficlens.library.repository import (
    add_or_update,
    delete_work,
    find_by_sha256,
    get_work,
    needs_reanalysis,
    reading_position,
    set_reading_position,
    stale_sha256,
    store_contract,
    work_analysis,
    work_characters,
    work_text,
)
from ficlens.library.sources import PendingFile, collect_files

__all__ = [
    "DB_ENV",
    "SORTS",
    "TAG_TYPES",
    "UNKNOWN_LANGUAGE",
    "CrossoverMode",
    "DatabaseError",
    "ImportOutcome",
    "ImportReport",
    "ImportStatus",
    "LanguageCount",
    "Library",
    "LibraryCharacter",
    "LibraryError",
    "LibraryWork",
    "PendingFile",
    "ReadingPosition",
    "SearchHit",
    "TagCount",
    "TagSource",
    "TagType",
    "WorkFilter",
    "WorkNotFoundError",
    "WorkPage",
    "WorkTag",
    "add_or_update",
    "collect_files",
    "database_url",
    "default_database_path",
    "delete_work",
    "downgrade",
    "find_by_sha256",
    "get_work",
    "import_file",
    "import_paths",
    "language_counts",
    "list_works",
    "migrate",
    "needs_reanalysis",
    "open_library",
    "reading_position",
    "search",
    "set_reading_position",
    "stale_sha256",
    "store_contract",
    "tag_counts",
    "tag_key",
    "work_analysis",
    "work_characters",
    "work_text",
]
