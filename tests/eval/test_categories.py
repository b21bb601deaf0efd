"""Scoring AO3 categories against the authors' (hand-computed cases)."""

from __future__ import annotations

from rich.console import Console

from ficlens.eval.ao3 import PairingScore
from ficlens.eval.categories import CATEGORIES, score_categories
from ficlens.eval.tables import pairing_tables


def test_each_category_is_scored_on_its_own_and_the_set_as_a_whole() -> None:
    score = score_categories(
        [
            (["F/M"], ["F/M"]),  # exact
            (["M/M", "F/M"], ["M/M"]),  # F/M missed
            (["Gen"], ["F/M"]),  # Gen missed, F/M wrong
            ([], ["M/M"]),  # the author chose none: left out
        ]
    )
    assert (score.works, score.exact) == (3, 1)
    fm = score.counts["F/M"]
    assert (fm.predicted, fm.support, fm.tp) == (2, 2, 1)
    assert (fm.precision, fm.recall, fm.f1) == (0.5, 0.5, 0.5)
    mm = score.counts["M/M"]
    assert (mm.precision, mm.recall) == (1.0, 1.0)
    gen = score.counts["Gen"]
    assert (gen.precision, gen.recall, gen.f1) == (0.0, 0.0, 0.0)
    assert list(score.counts) == list(CATEGORIES)


def test_names_that_are_not_ao3_categories_are_ignored() -> None:
    score = score_categories([(["F/M", "No Category"], ["F/M", "Romance"])])
    assert (score.works, score.exact) == (1, 1)


def test_the_category_table_follows_the_pairing_table() -> None:
    categories = score_categories([(["F/M"], ["F/M"]), (["M/M"], ["Gen"])])
    tables = pairing_tables(PairingScore(2, 1, 1, categories=categories))
    console = Console(width=120, record=True)
    for table in tables:
        console.print(table)
    out = console.export_text()
    assert "AO3 categories: the same 2 works" in out
    assert "the whole set as the author's: 1 (0.500)" in out
    assert len(tables) == 2
    assert len(pairing_tables(PairingScore(2, 1, 1))) == 1


def test_pairings_found_first_but_not_flagged_main_are_counted_apart() -> None:
    (table,) = pairing_tables(PairingScore(10, 6, 7, not_flagged=2, by_original=1))
    console = Console(width=160, record=True)
    console.print(table)
    out = console.export_text()
    assert "1 of those found as an original character" in out
    assert "2 of those found listed first but not flagged main" in out
