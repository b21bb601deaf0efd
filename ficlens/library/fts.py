"""Full-text search over title, summary, notes and story text (SQLite FTS5, PostgreSQL).

On SQLite, ``works_fts`` is an *external-content* FTS5 table: it indexes the ``works`` table's
columns without a second copy of the text, so the repository must tell it about every change
(FTS5's documented ``'delete'`` command needs the old values, so :func:`unindex_work` runs
*before* a row changes and :func:`index_work` after).

Search syntax: words (all must appear, in any field; English stemming, so ``waited`` finds
``waiting``), ``"a quoted phrase"``, and ``prefix*``. Everything else a user types is treated as
text, never as FTS5 syntax, so ``"``, ``AND(`` or ``*`` alone cannot break a query.

On PostgreSQL, ``works.search_vector`` is a generated ``tsvector`` column (revision 0002, GIN
index) that the database keeps in step by itself. Words and phrases go to
``websearch_to_tsquery('english', ...)`` (which accepts any text), each quoted so that
operators are text as on SQLite; a ``prefix*`` becomes a ``:*`` prefix lexeme; ``ts_rank``
ranks (title, summary, notes, text weighted 10:4:1:1) and ``ts_headline`` cuts the snippet,
marked the same way, from a window of the text around the first place the query's first word
appears (ts_headline re-parses what it is given, which on whole stories cost most of a search).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import JSON, Float, Integer, Text, column, text
from sqlalchemy.orm import Session

from ficlens.library.errors import LibraryError
from ficlens.library.records import SearchHit

_COLUMNS = "title, summary, notes_text, text"
# Private-use characters mark matches in snippet(); they never occur in stories.
_OPEN, _CLOSE = "\ue000", "\ue001"
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w", re.UNICODE)
_RUN = re.compile(r"[^\W_]+", re.UNICODE)
_SPACE = re.compile(r"\s+")
_SNIPPET_TOKENS = 16
_HIT_COLUMNS = (
    column("id", Integer),
    column("title", Text),
    column("authors", JSON),
    column("marked", Text),
    column("rank", Float),
)
"""What both engines' search queries return, one row a hit."""


_HEADLINE = (
    f"StartSel={_OPEN}, StopSel={_CLOSE}, MaxFragments=1, MaxWords=30, MinWords=12, "
    "FragmentDelimiter=…"
)
# The snippet comes from the first field that matches the whole query on its own: text,
# notes, summary, title (ts_filter keeps one weight's lexemes of the stored vector: no reparse).
# ts_headline re-parses what it is given, so a long story gets a window of it: from a little
# before the first place the query's first word appears in it (strpos on the lower-cased
# text, a cheap scan), or its opening when that word is not there as typed.
_PG_TEXT_WINDOW = "substr(w.text, greatest(1, strpos(lower(w.text), :probe) - 400), 2000)"
_PG_SNIPPET_FIELD = (
    f"CASE WHEN ts_filter(w.search_vector, '{{d}}') @@ q.query THEN {_PG_TEXT_WINDOW} "
    "WHEN ts_filter(w.search_vector, '{c}') @@ q.query THEN w.notes_text "
    "WHEN ts_filter(w.search_vector, '{b}') @@ q.query THEN w.summary "
    "WHEN ts_filter(w.search_vector, '{a}') @@ q.query THEN w.title "
    f"ELSE concat_ws(E'\\n', w.title, w.summary, w.notes_text, {_PG_TEXT_WINDOW}) END"
)
# ts_rank's weights in the order D (text), C (notes), B (summary), A (title).
_PG_WEIGHTS = "{0.1, 0.1, 0.4, 1.0}"


def is_enabled(session: Session) -> bool:
    """Whether this database keeps an FTS5 index the repository must update (SQLite)."""
    return session.get_bind().dialect.name == "sqlite"


def _terms(query: str) -> list[tuple[str, bool, bool]]:
    """The searchable terms a user typed: (text, is a phrase, is a prefix)."""
    # NUL ends a string inside FTS5's parser, PostgreSQL refuses it, and lone surrogates cannot
    # be sent: drop every character that is neither printable nor white space.
    cleaned = "".join(c if c.isprintable() or c.isspace() else " " for c in query)
    terms = []
    for phrase, word in _TOKEN.findall(cleaned):
        if phrase:
            body, prefix = phrase, False
        else:
            body, prefix = word.rstrip("*"), word.endswith("*")
        if _WORD.search(body):
            terms.append((body, bool(phrase), prefix))
    return terms


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
    terms = []
    for body, _phrase, prefix in _terms(query):
        quoted = '"' + body.replace('"', '""') + '"'
        terms.append(quoted + ("*" if prefix else ""))
    return " ".join(terms) or None


def pg_query_parts(query: str) -> tuple[str | None, list[str]]:
    """What a user typed as PostgreSQL search input, or ``(None, [])`` when nothing is searchable.

    Returns:
        The text for ``websearch_to_tsquery`` (every word and phrase quoted) and one
        ``to_tsquery`` input per ``prefix*`` word: its letter-and-digit runs as quoted lexemes
        with ``:*``, so no character of it can be query syntax.

    Example:
        >>> pg_query_parts('rain "the bridge" kaka* -x')
        ('"rain" "the bridge" "-x"', ["'kaka':*"])
    """
    words, prefixes = [], []
    for body, _phrase, prefix in _terms(query):
        if prefix:
            prefixes.append(" & ".join(f"'{run}':*" for run in _RUN.findall(body)))
        else:  # quoted, like FTS5 strings: a phrase of its words, operators read as text
            words.append('"' + body.replace('"', " ") + '"')
    return " ".join(words) or None, prefixes


_SUFFIXES = ("ing", "ed", "es", "s")


def probe(query: str) -> str:
    """The lower-cased stem-ish start of the query's first word, to find where a snippet starts.

    Common English endings are cut so the probe also meets the word's other forms, as the
    stemmed search does (``waited`` probes ``wait``, which meets ``waiting``).

    Example:
        >>> probe('"Waited" for the rain'), probe("kaka*"), probe("--")
        ('wait', 'kaka', '')
    """
    for body, _phrase, _prefix in _terms(query):
        runs = _RUN.findall(body.lower())
        if runs:
            word = str(runs[0])
            for suffix in _SUFFIXES:
                if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                    return word[: -len(suffix)]
            return word
    return ""


def search(session: Session, query: str, *, limit: int = 20) -> list[SearchHit]:
    """The works whose title, summary, notes or text match ``query``, best first.

    Args:
        session: an open session.
        query: what the user typed (see the module docstring for the syntax).
        limit: the most hits returned.

    Raises:
        LibraryError: the database is neither SQLite nor PostgreSQL.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return _pg_search(session, query, limit)
    if dialect != "sqlite":
        raise LibraryError(f"text search needs SQLite or PostgreSQL, not {dialect}")
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
        ).columns(*_HIT_COLUMNS),
        {"q": expression, "limit": limit},
    )
    # bm25() is lower for better matches; flip it so a higher score is better.
    return _hits(rows, sign=-1.0)


def _pg_search(session: Session, query: str, limit: int) -> list[SearchHit]:
    words, prefixes = pg_query_parts(query)
    if (words is None and not prefixes) or limit < 1:
        return []
    params: dict[str, object] = {
        "limit": limit, "options": _HEADLINE, "weights": _PG_WEIGHTS, "probe": probe(query),
    }  # fmt: skip
    parts = []
    if words is not None:
        parts.append("websearch_to_tsquery('english', :words)")
        params["words"] = words
    for number, prefix in enumerate(prefixes):
        parts.append(f"to_tsquery('english', :prefix{number})")
        params[f"prefix{number}"] = prefix
    rows = session.execute(
        text(
            # Rank and limit first (the GIN index finds the matches); ts_headline re-reads the
            # text, so it runs only for the hits kept.
            f"WITH q AS (SELECT {' && '.join(parts)} AS query), "
            "hits AS (SELECT w.id, ts_rank(CAST(:weights AS real[]), w.search_vector, q.query) "
            "AS rank FROM works AS w, q WHERE w.search_vector @@ q.query "
            "ORDER BY rank DESC, w.id LIMIT :limit) "
            "SELECT w.id AS id, w.title AS title, w.authors AS authors, "
            f"ts_headline('english', {_PG_SNIPPET_FIELD}, q.query, :options) AS marked, "
            "hits.rank AS rank "
            "FROM hits JOIN works AS w ON w.id = hits.id, q ORDER BY hits.rank DESC, w.id"
        ).columns(*_HIT_COLUMNS),
        params,
    )
    return _hits(rows, sign=1.0)


def _hits(rows: Iterable[Any], *, sign: float) -> list[SearchHit]:
    """Search hits from rows of ``_HIT_COLUMNS``; ``sign`` orients the score (higher is better)."""
    hits = []
    for row in rows:
        snippet, highlights = _unmark(row.marked or "")
        score = sign * float(row.rank)
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
