"""The PDNC scorer on a tiny corpus written for this test, and on one real novel if present."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ficlens.cli import app
from ficlens.dialogue.candidates import FEATURES
from ficlens.dialogue.ranker import Ranker
from ficlens.errors import FicLensError
from ficlens.eval.pdnc import (
    QUOTE_TYPES,
    evaluate,
    load_novel,
    map_by_names,
    name_forms,
    train_ranker,
)
from ficlens.model import Character

pytestmark = pytest.mark.spacy

TEXT = (
    "Chapter 1\n\n"
    '"Is the ferry late again?" asked Maren.\n\n'
    '"It is always late," said Tobias. "That is its nature."\n\n'
    "Maren laughed and looked out at the grey water.\n\n"
    '"Then we shall wait," she said.\n'
)
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "pdnc"


def _span(text: str, words: str) -> list[int]:
    start = text.index(words)
    return [start, start + len(words)]


def write_novel(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "novel_text.txt").write_text(TEXT, encoding="utf-8")
    with (folder / "character_info.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Character ID", "Main Name", "Aliases", "Gender", "Category"])
        writer.writerow([0, "Maren", "{'Maren', 'Maren Holt'}", "F", "major"])
        writer.writerow([1, "Tobias", "{'Tobias'}", "M", "major"])
    rows = [
        ("Q0", [_span(TEXT, "Is the ferry late again?")], "Maren", "Explicit", ["Tobias"]),
        (
            "Q1",
            [_span(TEXT, "It is always late,"), _span(TEXT, "That is its nature.")],
            "Tobias",
            "Explicit",
            ["Maren Holt"],
        ),
        ("Q2", [_span(TEXT, "Then we shall wait,")], "Maren ", "Anaphoric", []),
    ]
    with (folder / "quotation_info.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        header = ["quoteID", "quoteText", "quoteByteSpans", "speaker", "quoteType", "addressees"]
        writer.writerow(header)
        for quote_id, spans, speaker, kind, addressees in rows:
            writer.writerow([quote_id, "", str(spans), speaker, kind, str(addressees)])


def test_load_novel_resolves_speakers_through_aliases(tmp_path: Path) -> None:
    write_novel(tmp_path / "Ferry")
    novel = load_novel(tmp_path / "Ferry")
    assert [c.name for c in novel.characters] == ["Maren", "Tobias"]
    # "Maren " with a trailing space still resolves, as PDNC's data needs.
    assert [q.speaker for q in novel.quotes] == ["0", "1", "0"]
    assert novel.quotes[1].spans[1].of(novel.text) == "That is its nature."


def test_evaluate_scores_both_protocols(tmp_path: Path) -> None:
    write_novel(tmp_path / "Ferry")
    result = evaluate(tmp_path)
    for protocol in ("end-to-end", "gold-roster"):
        total = result.total(protocol)
        assert total.gold_spans == 4
        assert total.recall == 1.0
        assert total.precision == 1.0
        assert total.accuracy() == 1.0
        assert total.accuracy("Explicit") == 1.0
        assert set(total.quotes) <= set(QUOTE_TYPES)
        # the opening question is said to Tobias, who answers it, and his answer to Maren;
        # the last quotation has no gold addressee and is not scored
        assert (total.addressed, total.addressee_given, total.addressee_right) == (2, 2, 2)
        assert total.addressee_accuracy == total.addressee_precision == 1.0


def test_the_shipped_ranker_scores_novels_it_never_saw(tmp_path: Path) -> None:
    write_novel(tmp_path / "Ferry")
    assert evaluate(tmp_path).ranker == "shipped"
    assert evaluate(tmp_path, ranker="off").ranker == "off"
    with pytest.raises(FicLensError, match="unknown ranker mode"):
        evaluate(tmp_path, ranker="sometimes")


def test_a_ranker_trained_here_is_scored_leave_one_novel_out(tmp_path: Path) -> None:
    write_novel(tmp_path / "Ferry")
    write_novel(tmp_path / "Harbour")
    out = tmp_path / "models"
    evaluation, written = train_ranker(tmp_path, out=out)
    assert evaluation.ranker == "leave-one-out"
    assert set(evaluation.scores["gold-roster"]) == {"Ferry", "Harbour"}
    ranker = Ranker.from_json(json.loads(written.read_text(encoding="utf-8")))
    assert ranker.meta["novels"] == ["Ferry", "Harbour"]
    assert set(ranker.weights) == set(FEATURES)


def test_a_broken_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "Broken").mkdir()
    (tmp_path / "Broken" / "quotation_info.csv").write_text("nonsense", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "pdnc", str(tmp_path)])
    assert result.exit_code == 1
    assert "not a PDNC novel folder" in " ".join(result.output.split())


@pytest.mark.parametrize(
    ("name", "problem"), [("absent", "no such folder"), ("a.csv", "not a folder")]
)
def test_a_path_that_is_no_folder_is_reported(tmp_path: Path, name: str, problem: str) -> None:
    (tmp_path / "a.csv").write_text("id,text\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "pdnc", str(tmp_path / name)])
    assert result.exit_code == 1
    assert f"{tmp_path / name}: {problem}" in " ".join(result.output.split())


def test_cli_prints_the_tables(tmp_path: Path) -> None:
    write_novel(tmp_path / "Ferry")
    result = CliRunner().invoke(app, ["eval", "pdnc", str(tmp_path), "-p", "gold-roster"])
    assert result.exit_code == 0, result.output
    assert "shipped speaker ranker" in " ".join(result.output.split())
    assert "gold-roster" in result.output
    assert "Ferry" in result.output
    assert "BookNLP" in result.output


def test_name_forms_ignore_case_titles_and_articles() -> None:
    assert {"cat", "the cat"} <= name_forms(["The Cat"])
    assert "darcy" in name_forms(["Mr. Darcy"])


@pytest.mark.skipif(not (SHARED / "DaisyMiller").is_dir(), reason="PDNC data not beside the repo")
def test_real_novel_beats_the_booknlp_anchor() -> None:
    """Daisy Miller, end to end: detection near-complete, speakers well above BookNLP's 0.402."""
    result = evaluate(SHARED, novels=("DaisyMiller",), protocols=("end-to-end",))
    total = result.total("end-to-end")
    assert total.recall > 0.95
    assert total.precision > 0.9
    assert total.accuracy() > 0.402


def _character(ident: str, name: str, *aliases: str) -> Character:
    return Character(ident, name, aliases, None, False, 1, 0)


def test_mapping_prefers_shared_names_then_a_unique_word_match() -> None:
    gold = {
        "g1": ("Jake Barnes", "Barnes", "Mr. Barnes"),
        "g2": ("Newland Archer", "Newland"),
        "g3": ("May Archer", "May Welland"),
    }
    predicted = [
        _character("c1", "Barnes"),  # a whole name shared: g1
        _character("narrator", "Jake", "I", "Narrator"),  # no whole name; only g1 holds "jake"
        _character("c2", "Archer"),  # two gold characters hold "archer": nobody
        _character("c3", "Narrator", "I"),  # placeholders never match
    ]
    assert map_by_names(predicted, gold) == {"c1": "g1", "narrator": "g1"}


def test_a_placeholder_is_no_name_but_the_last_resort() -> None:
    # LitBank names some entities only "I" (the narrator, a letter's writer).
    gold = {"g1": ("Tommy", "Thomas Beresford"), "g2": ("I",), "g3": ("I", "Lockwood")}
    predicted = [
        _character("c1", "Tommy", "I"),  # a narrator merged with Tommy: his name decides
        _character("c2", "Narrator", "I"),  # only placeholders, and two gold "I"s: nobody
    ]
    assert map_by_names(predicted, gold) == {"c1": "g1"}
    assert map_by_names([_character("c3", "Narrator", "I")], {"g2": ("I",)}) == {"c3": "g2"}
