"""``rows_of``: one analysis as rows of the batch tables, each fitting its table's schema."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any

import pyarrow as pa
import pytest

from ficlens.api import analyze_file
from ficlens.batch import SCHEMAS, WORK_TABLES, rows_of
from ficlens.batch.rows import Rows, empty_rows
from ficlens.contract import analysis_to_json
from ficlens.demo.build import WORKS_DIR

DEMO_FILES = sorted(p.name for p in WORKS_DIR.iterdir() if p.suffix in {".html", ".txt", ".epub"})


@cache
def analysed(name: str, nlp: bool) -> tuple[dict[str, Any], str, Rows]:
    """A demo work's contract, text and rows (source named as the file)."""
    analysis = analyze_file(WORKS_DIR / name, nlp=nlp)
    data = analysis_to_json(analysis)
    text = analysis.work.text
    return data, text, rows_of(data, text, source=name, seconds=0.123456)


def fits(rows: Rows) -> dict[str, pa.Table]:
    return {table: pa.Table.from_pylist(rows[table], schema=SCHEMAS[table]) for table in rows}


def test_demo_files_are_there() -> None:
    assert len(DEMO_FILES) == 25  # five demo works, five renderings each


@pytest.mark.parametrize("name", DEMO_FILES)
def test_every_row_fits_its_schema_and_carries_the_works_hash(name: str) -> None:
    data, text, rows = analysed(name, False)
    sha = hashlib.sha256((WORKS_DIR / name).read_bytes()).hexdigest()
    assert set(rows) == set(WORK_TABLES)
    tables = fits(rows)
    for table, rows_of_table in rows.items():
        assert tables[table].num_rows == len(rows_of_table)
        for row in rows_of_table:
            assert list(row) == [c for c in SCHEMAS[table].names if c in row]
            assert set(row) == set(SCHEMAS[table].names), table
            assert row["sha256"] == sha, table
    (work,) = rows["works"]
    assert work["source"] == name
    assert work["format"] == data["source"]["format"]
    assert work["words"] == data["stats"]["words"] > 100
    assert work["chapters"] == data["stats"]["chapters"] >= 1
    assert work["seconds"] == 0.1235
    assert work["rating"] == data["rating"]["ao3"]
    assert all(part in text for part in work["summary"].split(" ") if part)


def test_the_works_row_has_the_declared_metadata() -> None:
    _, _, rows = analysed("rain-on-the-bridge.ao3.html", False)
    (work,) = rows["works"]
    assert work["title"] == "Rain on the Bridge"
    assert work["authors"] == ["inkstainedkunai"]
    assert work["fandoms"] == ["Naruto"]
    assert work["declared_rating"] == "Teen And Up Audiences"
    assert "No Archive Warnings Apply" in work["archive_warnings"]


def test_the_documents_row_holds_the_text_and_the_whole_contract() -> None:
    data, text, rows = analysed("tea-at-baker-street.ao3.html", False)
    (document,) = rows["documents"]
    assert document["text"] == text
    assert document["source"] == "tea-at-baker-street.ao3.html"
    assert json.loads(document["analysis"]) == data


def test_the_summary_is_the_words_of_its_spans() -> None:
    data, text, rows = analysed("rain-on-the-bridge.txt", False)
    spans = data["summary"]
    assert spans
    assert rows["works"][0]["summary"] == " ".join(text[s["start"] : s["end"]] for s in spans)


def test_the_works_row_has_the_reading_time() -> None:
    data, _, rows = analysed("rain-on-the-bridge.ao3.html", False)
    assert data["stats"]["reading_minutes"] > 0
    assert rows["works"][0]["reading_minutes"] == data["stats"]["reading_minutes"]


@pytest.mark.spacy
def test_with_the_real_model_characters_and_quotes_have_names() -> None:
    data, text, rows = analysed("rain-on-the-bridge.ao3.html", True)
    fits(rows)
    names = {c["name"] for c in rows["characters"]}
    assert {"Hatake Kakashi", "Haruno Sakura"} <= names
    assert [c["id"] for c in rows["characters"]] == [c["id"] for c in data["characters"]]
    quotes = rows["quotes"]
    assert len(quotes) == data["stats"]["quotes"] > 10
    for quote in quotes:
        assert quote["text"] == text[quote["start"] : quote["end"]]
        assert quote["speaker"] is None or quote["speaker"] in names
        assert quote["addressee"] is None or quote["addressee"] in names
    assert sum(q["speaker"] is not None for q in quotes) == data["stats"]["attributed"] > 0
    assert {"Hatake Kakashi", "Haruno Sakura"} <= {q["speaker"] for q in quotes}
    # relationships name their characters, not the contract's ids (c1, c2, ...)
    assert rows["relationships"]
    for relationship in rows["relationships"]:
        assert set(relationship["characters"]) <= names
    assert rows["works"][0]["attributed"] == data["stats"]["attributed"]


def test_empty_rows_has_every_table_and_nothing_in_it() -> None:
    rows = empty_rows()
    assert set(rows) == set(SCHEMAS) == {*WORK_TABLES, "failures"}
    assert all(value == [] for value in rows.values())
    assert all(fits(rows)[t].num_rows == 0 for t in rows)
