"""One analysis as rows of the batch tables (works, characters, quotes, relationships, ...).

The rows are read from the output contract (:func:`ficlens.contract.analysis_to_json`), so a
column means what the same field means in ``ficlens analyze --format json``; every row carries
the work's ``sha256`` (of the source bytes), the key that joins the tables. Spans become text
where a researcher wants words (a quotation, the summary) and stay offsets elsewhere. The
schemas are explicit, so an empty part still has its columns and every part of a table has
the same types.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa

_SPAN = pa.struct([("start", pa.int64()), ("end", pa.int64())])
_STRINGS = pa.list_(pa.string())

SCHEMAS: dict[str, pa.Schema] = {
    "works": pa.schema(
        [
            ("sha256", pa.string()),
            ("source", pa.string()),
            ("format", pa.string()),
            ("title", pa.string()),
            ("authors", _STRINGS),
            ("source_url", pa.string()),
            ("fandoms", _STRINGS),
            ("language", pa.string()),
            ("words", pa.int64()),
            ("note_words", pa.int64()),
            ("chapters", pa.int64()),
            ("scenes", pa.int64()),
            ("quotes", pa.int64()),
            ("attributed", pa.int64()),
            ("dialogue_share", pa.float64()),
            ("reading_minutes", pa.int64()),
            ("rating", pa.string()),
            ("rating_ffn", pa.string()),
            ("rating_confidence", pa.float64()),
            ("declared_rating", pa.string()),
            ("rating_disagreement", pa.string()),
            ("archive_warnings", _STRINGS),
            ("categories", _STRINGS),
            ("summary", pa.string()),
            ("seconds", pa.float64()),
        ]
    ),
    "characters": pa.schema(
        [
            ("sha256", pa.string()),
            ("id", pa.string()),
            ("name", pa.string()),
            ("aliases", _STRINGS),
            ("gender", pa.string()),
            ("canon", pa.bool_()),
            ("mentions", pa.int64()),
            ("lines", pa.int64()),
            ("words", pa.int64()),
        ]
    ),
    "quotes": pa.schema(
        [
            ("sha256", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("text", pa.string()),
            ("speaker", pa.string()),
            ("addressee", pa.string()),
            ("method", pa.string()),
            ("confidence", pa.float64()),
        ]
    ),
    "relationships": pa.schema(
        [
            ("sha256", pa.string()),
            ("tag", pa.string()),
            ("kind", pa.string()),
            ("characters", _STRINGS),
            ("score", pa.float64()),
            ("main", pa.bool_()),
            ("category", pa.string()),
            ("evidence", pa.list_(_SPAN)),
        ]
    ),
    "warnings": pa.schema(
        [
            ("sha256", pa.string()),
            ("name", pa.string()),
            ("scheme", pa.string()),
            ("confidence", pa.float64()),
            ("evidence", pa.list_(_SPAN)),
            ("possible", pa.list_(pa.struct([("name", pa.string()), ("chance", pa.float64())]))),
        ]
    ),
    "tags": pa.schema(
        [
            ("sha256", pa.string()),
            ("name", pa.string()),
            ("confidence", pa.float64()),
            ("evidence", pa.list_(_SPAN)),
        ]
    ),
    "documents": pa.schema(
        [
            ("sha256", pa.string()),
            ("source", pa.string()),
            ("text", pa.string()),
            ("analysis", pa.string()),
        ]
    ),
    "failures": pa.schema(
        [
            ("source", pa.string()),
            ("reason", pa.string()),
        ]
    ),
}
"""Every table's columns, in order. ``documents`` holds each work's text and whole output
contract (JSON, without the text), for ``--into-library`` and for anything the other tables
leave out; ``failures`` names each file that could not be analysed and why."""

_STATS = (
    "words", "note_words", "chapters", "scenes", "quotes", "attributed", "dialogue_share",
    "reading_minutes",
)  # fmt: skip
"""The ``works`` columns taken as they are from the contract's ``stats``."""

WORK_TABLES = ("works", "characters", "quotes", "relationships", "warnings", "tags", "documents")
"""The tables a successfully analysed work contributes rows to (``failures`` aside)."""

Rows = dict[str, list[dict[str, Any]]]


def rows_of(data: Mapping[str, Any], text: str, *, source: str, seconds: float) -> Rows:
    """The rows one analysed work adds to each table.

    Args:
        data: the work's output contract (``analysis_to_json``, without the text).
        text: the work's text, for the quotations' and the summary's words.
        source: how the batch names the file (``path`` or ``archive.zip:member``).
        seconds: how long the analysis took.
    """
    sha = str(data["source"]["sha256"])
    names = {c["id"]: c["name"] for c in data.get("characters", ())}
    rating = data.get("rating") or {}
    declared = data.get("declared") or {}
    warnings = data.get("warnings") or []
    work = {
        "sha256": sha,
        "source": source,
        "format": data["source"].get("format"),
        "title": declared.get("title"),
        "authors": list(declared.get("authors") or ()),
        "source_url": declared.get("source_url"),
        "fandoms": [f["name"] for f in data.get("fandoms", ())],
        "language": data.get("language"),
        **_pick(data.get("stats") or {}, _STATS),
        "rating": rating.get("ao3"),
        "rating_ffn": rating.get("ffn"),
        "rating_confidence": rating.get("confidence"),
        "declared_rating": rating.get("declared"),
        "rating_disagreement": rating.get("disagreement"),
        "archive_warnings": [w["name"] for w in warnings if w.get("scheme") == "ao3"],
        "categories": list(data.get("categories") or ()),
        "summary": " ".join(text[s["start"] : s["end"]] for s in data.get("summary", ())),
        "seconds": round(seconds, 4),
    }
    quotes = [
        {
            **_pick(q, ("start", "end", "method", "confidence")),
            "text": text[q["start"] : q["end"]],
            "speaker": names.get(q.get("speaker")),
            "addressee": names.get(q.get("addressee")),
        }
        for q in data.get("quotes", ())
    ]
    relationships = [
        {**r, "characters": [names.get(i, i) for i in r.get("characters", ())]}
        for r in data.get("relationships", ())
    ]
    found = {
        "works": [work],
        "characters": data.get("characters", ()),
        "quotes": quotes,
        "relationships": relationships,
        "warnings": warnings,
        "tags": data.get("tags", ()),
        "documents": [
            {"source": source, "text": text, "analysis": json.dumps(data, ensure_ascii=False)}
        ],
    }
    return {
        table: [{**_pick(row, SCHEMAS[table].names), "sha256": sha} for row in rows]
        for table, rows in found.items()
    }


def _pick(row: Mapping[str, Any], columns: Sequence[str]) -> dict[str, Any]:
    """The row's values for these columns (``None`` where it has none)."""
    return {column: row.get(column) for column in columns}


def empty_rows() -> Rows:
    """No rows in any table (``failures`` included)."""
    return {name: [] for name in SCHEMAS}
