"""Storing works: add, update in place, find, delete, and the reader's position.

Every function takes an open :class:`~sqlalchemy.orm.Session` and returns frozen records from
:mod:`ficlens.library.records`; none commits, so the caller decides the transaction
(``with library.sessions.begin() as session: ...``).

Example:
    >>> with library.sessions.begin() as session:           # doctest: +SKIP
    ...     work, status = add_or_update(session, analysis)
    >>> status                                              # doctest: +SKIP
    'added'
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import PurePath
from typing import Any, cast

from sqlalchemy import delete, exists, select, tuple_
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import Executable

from ficlens.api import outdated_stages
from ficlens.content.summary import summary_text
from ficlens.contract import analysis_to_json
from ficlens.library.errors import LibraryError, WorkNotFoundError
from ficlens.library.fts import index_work, unindex_work
from ficlens.library.languages import language_code
from ficlens.library.records import (
    ImportStatus,
    LibraryCharacter,
    LibraryWork,
    ReadingPosition,
    TagSource,
    TagType,
    WorkTag,
    folded,
    tag_key,
)
from ficlens.library.tables import (
    ChapterRow,
    CharacterRow,
    NoteRow,
    ReadingStateRow,
    TagRow,
    WorkRow,
    WorkTagRow,
    utc_now,
)
from ficlens.library.tags import (
    Contract,
    contract_declared_rating,
    contract_tags,
    is_crossover,
)
from ficlens.model import Analysis

_KEY_SEPARATOR = "\x1f"


def add_or_update(session: Session, analysis: Analysis) -> tuple[LibraryWork, ImportStatus]:
    """Store an analysed work: add it, update the work it is a new version of, or skip it.

    - ``duplicate``: a work with the same source bytes (``Source.sha256``) is stored, analysed
      by this FicLens's methods or newer ones. Nothing changes and the stored work is returned.
    - ``copy``: the work is another copy of a stored story that declares less about it (see
      below). Nothing changes and the stored copy, the richer one, is returned.
    - ``updated``: a stored work has the same source URL, or the same declared title and
      authors, or the same bytes analysed by an older FicLens (:func:`needs_reanalysis`); it
      is replaced in place (same id) and keeps its reading position.
    - ``added``: otherwise.

    A copy found by title and authors alone comes from elsewhere: the plain-text or
    FanFiction.Net copy of a story downloaded from AO3. It replaces the stored work only when
    it is a longer version (more chapters and more words: the story was updated) or declares as
    much: a source URL when the stored work has one, and as many declared tags. So importing a
    folder that holds a story in several formats keeps the copy that says most about it,
    whatever order the files come in.

    The caller commits (one transaction per work).
    """
    return store_contract(session, analysis_to_json(analysis, include_text=True))


def store_contract(session: Session, data: Contract) -> tuple[LibraryWork, ImportStatus]:
    """:func:`add_or_update` from a work's output contract, its text included.

    This is how analyses made elsewhere (``ficlens batch``, another machine) are stored: the
    contract holds everything the library keeps.

    Raises:
        LibraryError: the contract has no text (it was written without ``include_text``).
    """
    if not isinstance(data.get("text"), str):
        raise LibraryError("an analysis stored in the library needs its text")
    same = _by_sha256(session, data["source"]["sha256"])
    if same is not None and (
        not needs_reanalysis(same.methods) or outdated_stages(data.get("methods") or {})
    ):
        return _record(same), "duplicate"
    row = same or _previous_version(session, data)
    if row is not None and same is None and _declares_less(row, data):
        return _record(row), "copy"
    if row is None:
        row = WorkRow()
        _fill(session, row, data)
        session.add(row)
        session.flush()
        index_work(session, row.id)
        return _record(row), "added"
    unindex_work(session, row.id)  # the FTS 'delete' needs the old values
    old_tags = {link.tag_id for link in row.tag_links}
    row.chapters.clear()
    row.notes.clear()
    row.characters.clear()
    row.tag_links.clear()
    session.flush()  # old children go before new ones reuse their unique keys
    _fill(session, row, data)
    row.updated_at = utc_now()
    if row.reading is not None:  # keep the place, inside the new text
        row.reading.chapter = min(row.reading.chapter, max(1, row.chapter_count))
        row.reading.offset = min(row.reading.offset, len(row.text))
    session.flush()
    _prune_tags(session, old_tags)
    index_work(session, row.id)
    return _record(row), "updated"


def find_by_sha256(session: Session, sha256: str) -> LibraryWork | None:
    """The stored work imported from a file with these exact bytes, if any."""
    row = _by_sha256(session, sha256)
    return _record(row) if row is not None else None


def needs_reanalysis(methods: dict[str, Any]) -> bool:
    """Whether a stored analysis (its ``methods``) was made by another version of a stage.

    Importing its file again then analyses it again and replaces it in place, so a library
    gains what a newer FicLens finds without losing reading positions.
    """
    return bool(outdated_stages(methods))


def find_current(session: Session, sha256: str) -> LibraryWork | None:
    """The work stored from these bytes when this FicLens made its analysis, else ``None``.

    An importer skips such a file; a file stored by an older FicLens (or not at all) is read.
    """
    row = _by_sha256(session, sha256)
    return _record(row) if row is not None and not needs_reanalysis(row.methods) else None


def stale_sha256(session: Session, sha256: str) -> bool:
    """Whether the work stored from these bytes should be analysed again (see above)."""
    row = _by_sha256(session, sha256)
    return row is not None and needs_reanalysis(row.methods)


def _by_sha256(session: Session, sha256: str) -> WorkRow | None:
    return session.scalars(select(WorkRow).where(WorkRow.sha256 == sha256)).first()


def get_work(session: Session, work_id: int) -> LibraryWork:
    """One work by id, with its tags.

    Raises:
        WorkNotFoundError: no work has this id.
    """
    return _record(_row(session, work_id))


def work_text(session: Session, work_id: int) -> str:
    """A work's full text (every stored span is an offset into it)."""
    return _row(session, work_id).text


def work_analysis(session: Session, work_id: int) -> dict[str, Any]:
    """A work's stored analysis: the ``ficlens.analysis/1`` JSON object, without the text."""
    return dict(_row(session, work_id).analysis)


def work_characters(session: Session, work_id: int) -> tuple[LibraryCharacter, ...]:
    """A work's cast as the analysis found it, most mentioned first (empty without NLP)."""
    row = _row(session, work_id)
    cast = sorted(row.characters, key=lambda c: (-c.mentions, c.key))
    return tuple(
        LibraryCharacter(c.key, c.name, tuple(c.aliases), c.gender, c.canon, c.mentions)
        for c in cast
    )


def delete_work(session: Session, work_id: int) -> None:
    """Delete a work with its chapters, notes, tags links, cast and reading position.

    Raises:
        WorkNotFoundError: no work has this id.
    """
    row = _row(session, work_id)
    old_tags = {link.tag_id for link in row.tag_links}
    unindex_work(session, work_id)
    session.delete(row)
    session.flush()
    _prune_tags(session, old_tags)


def set_reading_position(
    session: Session, work_id: int, *, chapter: int, offset: int
) -> ReadingPosition:
    """Remember where the reader stopped: a 1-based chapter and an offset into the text.

    Raises:
        WorkNotFoundError: no work has this id.
        LibraryError: the chapter or offset lies outside the work.
    """
    row = _row(session, work_id)
    if not 1 <= chapter <= max(1, row.chapter_count):
        raise LibraryError(f"work {work_id} has no chapter {chapter}")
    if not 0 <= offset <= len(row.text):
        raise LibraryError(f"offset {offset} lies outside work {work_id}'s text")
    moment = utc_now()
    values = {"work_id": work_id, "chapter": chapter, "offset": offset, "updated_at": moment}
    statement = _upsert_reading(session.get_bind().dialect.name, values)
    if statement is None:
        state = row.reading or ReadingStateRow(work_id=work_id)
        state.chapter, state.offset, state.updated_at = chapter, offset, moment
        row.reading = state
        session.flush()
        return _position(state)
    session.execute(statement)
    session.expire(row, ["reading"])
    return ReadingPosition(work_id, chapter, offset, _aware(moment))


def _upsert_reading(dialect: str, values: dict[str, Any]) -> Executable | None:
    """One INSERT that updates the row it collides with, where the dialect has ``ON CONFLICT``.

    Two readers opening the same work at once (two server processes) then cannot both insert
    the reading position: the second one updates it.
    """
    changed = ("chapter", "offset", "updated_at")
    if dialect == "postgresql":
        pg = postgresql_insert(ReadingStateRow).values(**values)
        return pg.on_conflict_do_update(
            index_elements=["work_id"], set_={name: pg.excluded[name] for name in changed}
        )
    if dialect == "sqlite":
        lite = sqlite_insert(ReadingStateRow).values(**values)
        return lite.on_conflict_do_update(
            index_elements=["work_id"], set_={name: lite.excluded[name] for name in changed}
        )
    return None


def reading_position(session: Session, work_id: int) -> ReadingPosition | None:
    """Where the reader stopped in a work, or ``None`` if they have not started it."""
    state = session.get(ReadingStateRow, work_id)
    return _position(state) if state is not None else None


def _row(session: Session, work_id: int) -> WorkRow:
    row = session.get(WorkRow, work_id)
    if row is None:
        raise WorkNotFoundError(work_id)
    return row


def match_key(title: str | None, authors: tuple[str, ...]) -> str | None:
    """The key that finds a re-imported work by declared title and authors (case-blind).

    ``None`` when the title or the authors are not declared: a file name is no identity.
    """
    names = [folded(name) for name in (title or "", *authors)]
    if not names[0] or not any(names[1:]):
        return None
    return _KEY_SEPARATOR.join(names)


def _previous_version(session: Session, data: Contract) -> WorkRow | None:
    meta = data.get("declared") or {}
    newest = (WorkRow.updated_at.desc(), WorkRow.id.desc())
    if meta.get("source_url"):
        query = select(WorkRow).where(WorkRow.source_url == meta["source_url"]).order_by(*newest)
        row = session.scalars(query.limit(1)).first()
        if row is not None:
            return row
    key = match_key(meta.get("title"), tuple(meta.get("authors") or ()))
    if key is None:
        return None
    query = select(WorkRow).where(WorkRow.match_key == key).order_by(*newest)
    return session.scalars(query.limit(1)).first()


def _declares_less(row: WorkRow, data: Contract) -> bool:
    """Whether a copy of a stored work from another source should leave the stored one be.

    See :func:`add_or_update`. A copy from the stored work's own source URL always replaces it.
    """
    url = (data.get("declared") or {}).get("source_url")
    if url and url == row.source_url:
        return False
    if len(data["chapters"]) > row.chapter_count and int(data["stats"]["words"]) > row.words:
        return False  # a longer version: the story was updated since
    declared = sum(1 for tag in contract_tags(data) if tag.source == "declared")
    stored = sum(1 for link in row.tag_links if link.source == "declared")
    return bool(row.source_url and not url) or declared < stored


def _fill(session: Session, row: WorkRow, data: Contract) -> None:
    """Set a row's columns and children from an output contract (children must be empty)."""
    meta, source, text = data.get("declared") or {}, data["source"], str(data["text"])
    authors = tuple(meta.get("authors") or ())
    status = meta.get("status")
    row.sha256 = source["sha256"]
    row.title = meta.get("title") or _file_title(source["path"])
    row.authors = list(authors)
    row.match_key = match_key(meta.get("title"), authors)
    row.summary = meta.get("summary") or _extract(data, text) or None
    row.source_path, row.source_url = source["path"], meta.get("source_url")
    row.source_format, row.source_flavour = source["format"], source["flavour"]
    row.rating = contract_declared_rating(data)
    row.words = int(data["stats"]["words"])
    row.chapter_count = len(data["chapters"])
    row.complete = None if status is None else status == "complete"
    row.language = language_code(data.get("language") or meta.get("language"))
    row.methods = dict(data.get("methods") or {})
    row.analysis = {key: value for key, value in data.items() if key != "text"}
    row.notes_text = "\n\n".join(text[n["start"] : n["end"]] for n in data["notes"])
    row.text = text
    row.chapters = [
        ChapterRow(index=c["index"], title=c["title"], start=c["start"], end=c["end"],
                   words=int(c["words"]))
        for c in data["chapters"]
    ]  # fmt: skip
    row.notes = [
        NoteRow(kind=n["kind"], chapter=n["chapter"], start=n["start"], end=n["end"])
        for n in data["notes"]
    ]
    row.characters = [
        CharacterRow(key=c["id"], name=c["name"], aliases=list(c["aliases"]), gender=c["gender"],
                     canon=c["canon"], mentions=c["mentions"], first=c["first"])
        for c in data["characters"]
    ]  # fmt: skip
    tags = contract_tags(data)
    row.crossover = is_crossover(tags)
    rows = _tag_rows(session, tags)
    row.tag_links = [
        WorkTagRow(tag=rows[(t.type, tag_key(t.type, t.name))], source=t.source) for t in tags
    ]


def _tag_rows(session: Session, tags: tuple[WorkTag, ...]) -> dict[tuple[str, str], TagRow]:
    """The tag rows for these tags, created when new (one query for the existing ones)."""
    # Forms of one tag are one tag (:func:`tag_key`; work_tags() already merged them per work):
    # the first form stored names it.
    wanted = {(t.type, tag_key(t.type, t.name)): t.name for t in tags}
    found: dict[tuple[str, str], TagRow] = {}
    if wanted:
        query = select(TagRow).where(tuple_(TagRow.type, TagRow.key).in_(list(wanted)))
        found = {(tag.type, tag.key): tag for tag in session.scalars(query)}
    for (kind, key), name in wanted.items():
        if (kind, key) not in found:
            found[(kind, key)] = TagRow(type=kind, name=name, key=key)
    return found


def _prune_tags(session: Session, tag_ids: set[int]) -> None:
    """Delete tags that no work carries any more, among ``tag_ids``."""
    if tag_ids:
        linked = exists().where(WorkTagRow.tag_id == TagRow.id)
        session.execute(delete(TagRow).where(TagRow.id.in_(tag_ids), ~linked))


def _extract(data: Contract, text: str) -> str:
    """The extractive summary's sentences, joined (the summary a work without one gets)."""
    spans = data.get("summary") or ()
    return summary_text(text[s["start"] : s["end"]] for s in spans)


def _file_title(path: str) -> str:
    name = PurePath(path.rsplit(":", 1)[-1]).name
    return name.split(".", 1)[0] or name


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; the library stores UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def record_of(row: WorkRow, tags: tuple[WorkTag, ...]) -> LibraryWork:
    """A work row as a frozen record, with the tags given."""
    return LibraryWork(
        id=row.id,
        sha256=row.sha256,
        title=row.title,
        authors=tuple(row.authors),
        summary=row.summary,
        source_path=row.source_path,
        source_url=row.source_url,
        source_format=row.source_format,
        source_flavour=row.source_flavour,
        rating=row.rating,
        words=row.words,
        chapters=row.chapter_count,
        complete=row.complete,
        language=row.language,
        added=_aware(row.added_at),
        updated=_aware(row.updated_at),
        tags=tags,
    )


def link_tag(link: WorkTagRow) -> WorkTag:
    """A work–tag link as a record."""
    source: TagSource = "declared" if link.source == "declared" else "detected"
    return WorkTag(cast("TagType", link.tag.type), link.tag.name, source)


def _record(row: WorkRow) -> LibraryWork:
    return record_of(row, tuple(link_tag(link) for link in row.tag_links))


def _position(state: ReadingStateRow) -> ReadingPosition:
    return ReadingPosition(state.work_id, state.chapter, state.offset, _aware(state.updated_at))
