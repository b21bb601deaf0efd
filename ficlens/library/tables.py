"""The library's tables as SQLAlchemy 2 ORM classes (typed ``Mapped[...]`` columns).

The same schema serves SQLite (the embedded default) and PostgreSQL. The migration in
``migrations/versions`` creates exactly these tables, plus the full-text index, which has no
ORM class: SQLite's ``works_fts`` table or PostgreSQL's generated ``works.search_vector``
column (see :mod:`ficlens.library.fts`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

JSONDocument = JSON().with_variant(JSONB(), "postgresql")


FTS_TABLE = "works_fts"
"""SQLite's full-text index over ``works``; made by the migration, not by these classes."""

SEARCH_VECTOR = "search_vector"
"""PostgreSQL's generated ``tsvector`` column on ``works`` (and ``ix_works_search_vector``)."""


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic autogenerate filter: leave the full-text indexes (FTS5, ``tsvector``) alone."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(FTS_TABLE)
    if type_ == "column":
        return name != SEARCH_VECTOR
    return not (type_ == "index" and name == f"ix_works_{SEARCH_VECTOR}")


def utc_now() -> datetime:
    """The current time in UTC, as stored in the library (naive UTC on SQLite)."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Base class of the library's tables."""

    type_annotation_map = {dict[str, Any]: JSONDocument, list[str]: JSONDocument}  # noqa: RUF012


class WorkRow(Base):
    """One work: its declared metadata, counts, the analysis as JSON, and its text."""

    __tablename__ = "works"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(Text)
    authors: Mapped[list[str]]
    # casefold(title) + U+001F + casefold(authors): how a re-import finds the work it updates.
    match_key: Mapped[str | None] = mapped_column(Text, index=True)
    summary: Mapped[str | None] = mapped_column(Text)
    source_path: Mapped[str] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(Text, index=True)
    source_format: Mapped[str] = mapped_column(String(16))
    source_flavour: Mapped[str] = mapped_column(String(16))
    rating: Mapped[str | None] = mapped_column(String(64))
    words: Mapped[int] = mapped_column(Integer, index=True)
    chapter_count: Mapped[int] = mapped_column(Integer, index=True)
    complete: Mapped[bool | None] = mapped_column(Boolean)
    language: Mapped[str | None] = mapped_column(String(32))
    # Two or more canons among one source's fandom tags (ficlens.library.tags.is_crossover).
    crossover: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, index=True
    )
    methods: Mapped[dict[str, Any]]
    # The big columns load only when read, so listings stay light.
    analysis: Mapped[dict[str, Any]] = mapped_column(JSONDocument, deferred=True)
    notes_text: Mapped[str] = mapped_column(Text, default="", deferred=True)
    text: Mapped[str] = mapped_column(Text, deferred=True)

    chapters: Mapped[list[ChapterRow]] = relationship(
        back_populates="work",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ChapterRow.index",
    )
    notes: Mapped[list[NoteRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    characters: Mapped[list[CharacterRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    tag_links: Mapped[list[WorkTagRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    reading: Mapped[ReadingStateRow | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class ChapterRow(Base):
    """A chapter of a work: its 1-based index, title and span in the work's text."""

    __tablename__ = "chapters"
    __table_args__ = (UniqueConstraint("work_id", "index"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    work_id: Mapped[int] = mapped_column(ForeignKey("works.id", ondelete="CASCADE"))
    index: Mapped[int] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    words: Mapped[int] = mapped_column(Integer)

    work: Mapped[WorkRow] = relationship(back_populates="chapters")


class NoteRow(Base):
    """An author's note, disclaimer or summary block, by kind and span."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    work_id: Mapped[int] = mapped_column(ForeignKey("works.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    chapter: Mapped[int | None] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class TagRow(Base):
    """A tag of one type (``rating``, ``fandom``, ``freeform`` ...), shared by works."""

    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("type", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)
    # casefold(name): AO3 treats tags that differ only in case as one tag.
    key: Mapped[str] = mapped_column(Text)


class WorkTagRow(Base):
    """The link of a work to a tag, once per source (``declared`` or ``detected``)."""

    __tablename__ = "work_tags"
    __table_args__ = (Index("ix_work_tags_tag_work", "tag_id", "work_id"),)

    work_id: Mapped[int] = mapped_column(
        ForeignKey("works.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True)
    source: Mapped[str] = mapped_column(String(16), primary_key=True)

    tag: Mapped[TagRow] = relationship(lazy="joined")


class CharacterRow(Base):
    """A character of a work's cast, as the analysis found it."""

    __tablename__ = "characters"
    __table_args__ = (UniqueConstraint("work_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    work_id: Mapped[int] = mapped_column(ForeignKey("works.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[str]]
    gender: Mapped[str | None] = mapped_column(String(32))
    canon: Mapped[bool] = mapped_column(Boolean)
    mentions: Mapped[int] = mapped_column(Integer)
    first: Mapped[int] = mapped_column(Integer)


class ReadingStateRow(Base):
    """Where the reader stopped in a work; survives re-imports of the work."""

    __tablename__ = "reading_state"

    work_id: Mapped[int] = mapped_column(
        ForeignKey("works.id", ondelete="CASCADE"), primary_key=True
    )
    chapter: Mapped[int] = mapped_column(Integer)
    offset: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
