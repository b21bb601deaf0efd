"""Full-text search over title, summary, notes and story text (SQLite FTS5).

``works_fts`` is an *external-content* FTS5 table: it indexes the ``works`` table's columns
without a second copy of the text, so the repository must tell it about every change (FTS5's
documented ``'delete'`` command needs the old values, so :func:`unindex_work` runs *before* a
row changes and :func:`index_work` after).

Search syntax: words (all must appear, in any field; English stemming, so ``waited`` finds
``waiting``), ``"a quoted phrase"``, and ``prefix*``. Everything else a user types is treated as
text, never as FTS5 syntax, so ``"``, ``AND(`` or ``*`` alone cannot break a query.
"""

from __future__ import annotations

import re

from sqlalchemy import JSON, Float, Integer, Text, column, text
from sqlalchemy.orm import Session

from ficlens.library.errors import LibraryError
from ficlens.library.records import SearchHit

_COLUMNS = "title, summary, notes_text, text"
# Private-use characters mark matches in snippet(); they never occur in stories.
_OPEN, _CLOSE = "\ue000", "\ue001"
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w", re.UNICODE)
_SPACE = re.compile(r"\s+")
_SNIPPET_TOKENS = 16


def is_enabled(session: Session) -> bool:
    """Whether this database has the full-text index (SQLite only, for now)."""
    return session.get_bind().dialect.name == "sqlite"


def index_work(session: Session, work_id: int) -> None:
    """Add a stored work's current title, summary, notes and text to the index."""
    if is_enabled(session):
        session.execute(
            text(f"INSERT INTO works_fts(rowid, {_COLUMNS}) SELECT id, {_COLUMNS} FROM works "
                 "WHERE id = :id"),
            {"id": work_id},
        )  # fmt: skip


def unindex_work(session: Session, work_id: int) -> None:
    """Remove a work from the index; call it before the row is changed or deleted."""
    if is_enabled(session):
        session.execute(
            text(f"INSERT INTO works_fts(works_fts, rowid, {_COLUMNS}) "
                 f"SELECT 'delete', id, {_COLUMNS} FROM works WHERE id = :id"),
            {"id": work_id},
        )  # fmt: skip


def match_expression(query: str) -> str | None:
    """Turn what a user typed into a safe FTS5 query, or ``None`` when nothing is searchable.

    Every word or phrase becomes an FTS5 string (quotes doubled inside), so operators and
    punctuation are plain text; a trailing ``*`` on a word keeps its prefix meaning.

    Example:
        >>> match_expression('rain "the bridge" kaka* AND(')
        '"rain" "the bridge" "kaka"* "AND("'
        >>> match_expression('" * ') is None
        True
    """
    # NUL ends a string inside FTS5's parser and lone surrogates cannot be sent: drop every
    # character that is neither printable nor white space.
    cleaned = "".join(c if c.isprintable() or c.isspace() else " " for c in query)
    terms = []
    for phrase, word in _TOKEN.findall(cleaned):
        if phrase:
            body, prefix = phrase, False
        else:
            body, prefix = word.rstrip("*"), word.endswith("*")
        if not _WORD.search(body):
            continue
        quoted = '"' + body.replace('"', '""') + '"'
        terms.append(quoted + ("*" if prefix else ""))
    return " ".join(terms) or None


def search(session: Session, query: str, *, limit: int = 20) -> list[SearchHit]:
    """The works whose title, summary, notes or text match ``query``, best first.

    Args:
        session: an open session.
        query: what the user typed (see the module docstring for the syntax).
        limit: the most hits returned.

    Raises:
        LibraryError: the database has no full-text index (not SQLite).
    """
    if not is_enabled(session):
        raise LibraryError("text search needs a SQLite library for now")
    expression = match_expression(query)
    if expression is None or limit < 1:
        return []
    rows = session.execute(
        text(
            # The index's rank is bm25 weighted title 10, summary 4, notes and text 1 (set in
            # the migration). CROSS JOIN keeps works_fts outside, so FTS5 sorts by rank itself
            # and snippet() runs only for the rows kept, not for every match.
            "SELECT w.id AS id, w.title AS title, w.authors AS authors, "
            f"snippet(works_fts, -1, '{_OPEN}', '{_CLOSE}', '…', {_SNIPPET_TOKENS}) AS marked, "
            "works_fts.rank AS rank "
            "FROM works_fts CROSS JOIN works AS w ON w.id = works_fts.rowid "
            "WHERE works_fts MATCH :q ORDER BY works_fts.rank LIMIT :limit"
        ).columns(
            column("id", Integer),
            column("title", Text),
            column("authors", JSON),
            column("marked", Text),
            column("rank", Float),
        ),
        {"q": expression, "limit": limit},
    )
    hits = []
    for row in rows:
        snippet, highlights = _unmark(row.marked or "")
        # bm25() is lower for better matches; flip it so a higher score is better.
        score = -float(row.rank)
        hits.append(SearchHit(row.id, row.title, tuple(row.authors), snippet, highlights, score))
    return hits


def _unmark(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Split a marked snippet into plain text and the highlighted ranges."""
    plain: list[str] = []
    highlights = []
    length, start = 0, 0
    for piece in re.split(f"([{_OPEN}{_CLOSE}])", marked):
        if piece == _OPEN:
            start = length
        elif piece == _CLOSE:
            highlights.append((start, length))
        else:
            flat = _SPACE.sub(" ", piece)  # a snippet is one line, whatever the text's breaks
            plain.append(flat)
            length += len(flat)
    snippet = "".join(plain)
    lead = len(snippet) - len(snippet.lstrip())
    shifted = tuple((start - lead, end - lead) for start, end in highlights)
    return snippet.strip(), shifted
