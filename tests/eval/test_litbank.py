"""The LitBank scorer on a two-sentence book written for this test."""

from __future__ import annotations

from pathlib import Path

import pytest

from ficlens.eval.litbank import evaluate, load_book

pytestmark = pytest.mark.spacy

SENTENCES = [
    '" Where is the lantern ? " asked Mira .',
    '" Under the stairs , " said Odo .',
]


def write_book(root: Path) -> None:
    quotes = root / "quotations" / "tsv"
    coref = root / "coref" / "tsv"
    quotes.mkdir(parents=True)
    coref.mkdir(parents=True)
    (quotes / "1_lantern_brat.txt").write_text("\n".join(SENTENCES) + "\n", encoding="utf-8")
    (quotes / "1_lantern_brat.ann").write_text(
        'QUOTE\tQ1\t0\t0\t0\t6\t" Where is the lantern ? "\n'
        'QUOTE\tQ2\t1\t0\t1\t5\t" Under the stairs , "\n'
        "ATTRIB\tQ1\tMira-0\nATTRIB\tQ2\tOdo-1\n",
        encoding="utf-8",
    )
    (coref / "1_lantern_brat.ann").write_text(
        "MENTION\tT1\t0\t8\t0\t8\tMira\tPER\tPROP\nCOREF\tT1\tMira-0\n"
        "MENTION\tT2\t1\t7\t1\t7\tOdo\tPER\tPROP\nCOREF\tT2\tOdo-1\n",
        encoding="utf-8",
    )


def test_book_is_rebuilt_with_quote_spans_inside_the_marks(tmp_path: Path) -> None:
    write_book(tmp_path)
    book = load_book(
        tmp_path / "quotations" / "tsv" / "1_lantern_brat.ann",
        tmp_path / "coref" / "tsv" / "1_lantern_brat.ann",
    )
    assert [span.of(book.text) for span, _ in book.quotes] == [
        " Where is the lantern ? ",
        " Under the stairs , ",
    ]
    assert book.entities["Mira-0"] == ("Mira",)
    assert "\n\n" in book.text  # a new paragraph where a sentence opens a quotation


def test_evaluate_finds_and_attributes_both_quotes(tmp_path: Path) -> None:
    write_book(tmp_path)
    scores = evaluate(tmp_path)
    for protocol in ("end-to-end", "gold-roster"):
        score = scores[protocol]["1_lantern"]
        assert score.recall == 1.0
        assert score.accuracy() == 1.0
