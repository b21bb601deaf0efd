"""Rich tables of evaluation results, with the published anchors beside them."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table

from ficlens.eval.ao3 import RATING_CALIBRATION, Ao3Report, PairingScore
from ficlens.eval.calibration import Reliability
from ficlens.eval.categories import CategoryScore
from ficlens.eval.labelled import StoryScore
from ficlens.eval.passages import PassageScore
from ficlens.eval.pdnc import PROTOCOLS, QUOTE_TYPES, Evaluation, Score

ANCHORS = {
    "end-to-end": "BookNLP end to end: 0.402 (Vishnubhotla et al. 2023)",
    "gold-roster": "BookNLP retrained on PDNC, gold roster: Explicit 0.986, others 0.689",
    "detection": "BookNLP quote detection: 0.988 of quotations found",
}


def pdnc_tables(evaluation: Evaluation) -> list[Table]:
    """A summary table (micro, both protocols) and one table per protocol per novel."""
    ranker = {
        "leave-one-out": "speaker ranker trained on the other novels for each novel",
        "shipped": "shipped speaker ranker",
        "off": "sieves only, no speaker ranker",
    }.get(evaluation.ranker, evaluation.ranker)
    summary = Table(title=f"PDNC, micro over all novels ({ranker})", title_justify="left")
    summary.add_column("protocol")
    summary.add_column("detection P", justify="right")
    summary.add_column("detection R", justify="right")
    summary.add_column("speaker acc.", justify="right")
    for kind in QUOTE_TYPES:
        summary.add_column(kind, justify="right")
    summary.add_column("addressee acc.", justify="right")
    summary.add_column("addressee P", justify="right")
    for protocol in PROTOCOLS:
        if protocol not in evaluation.scores:
            continue
        total = evaluation.total(protocol)
        summary.add_row(
            protocol,
            f"{total.precision:.3f}",
            f"{total.recall:.3f}",
            f"{total.accuracy():.3f}",
            *(f"{total.accuracy(kind):.3f}" for kind in QUOTE_TYPES),
            f"{total.addressee_accuracy:.3f}",
            f"{total.addressee_precision:.3f}",
        )
    summary.caption = "Anchors: " + "; ".join(ANCHORS.values())
    summary.caption_justify = "left"
    tables = [summary]
    for protocol, novels in evaluation.scores.items():
        table = Table(title=f"PDNC per novel, {protocol}", title_justify="left")
        for column in ("novel", "quotes", "P", "R", "acc.", *QUOTE_TYPES, "addr."):
            table.add_column(column, justify="left" if column == "novel" else "right")
        for name, score in novels.items():
            table.add_row(
                name,
                str(sum(score.quotes.values())),
                f"{score.precision:.3f}",
                f"{score.recall:.3f}",
                f"{score.accuracy():.3f}",
                *(f"{score.accuracy(kind):.3f}" for kind in QUOTE_TYPES),
                f"{score.addressee_accuracy:.3f}",
            )
        tables.append(table)
    return tables


def litbank_tables(scores: dict[str, dict[str, Score]]) -> list[Table]:
    """The LitBank summary: detection and speaker accuracy per protocol, micro over books."""
    table = Table(title="LitBank quotations, micro over books", title_justify="left")
    for column in ("protocol", "books", "quotes", "detection P", "detection R", "speaker acc."):
        table.add_column(column, justify="left" if column == "protocol" else "right")
    for protocol, books in scores.items():
        total = Score()
        for score in books.values():
            total.add(score)
        table.add_row(
            protocol,
            str(len(books)),
            str(sum(total.quotes.values())),
            f"{total.precision:.3f}",
            f"{total.recall:.3f}",
            f"{total.accuracy():.3f}",
        )
    table.caption = "BookNLP was trained on LitBank: its scores there are in-sample."
    table.caption_justify = "left"
    return [table]


AO3_ANCHORS = (
    "Anchors (other data of the same kind): a plain text classifier reaches accuracy 0.606, "
    "macro-F1 0.58 (Mature F1 0.29), calls 8.3% of Explicit works General or Teen; archive "
    "warnings F1 0.28-0.37; PAN 2023 trigger detection macro-F1 0.25 (baseline) to 0.37 (best)."
)


def ao3_tables(report: Ao3Report) -> list[Table]:
    """Ratings (FicLens and the baselines), the confusion matrix, and archive warnings."""
    how = "shipped models"
    if report.mode == "cv":
        how = "cross-validation split by author" + (
            f", split {report.split}" if report.split else ""
        )
    ratings = Table(
        title=f"AO3 ratings: {report.works} works, {report.mode} ({how})",
        title_justify="left",
    )
    short = ("General", "Teen", "Mature", "Explicit")
    for column in ("rater", "acc.", "macro-F1", *(f"F1 {s}" for s in short), "QWK"):
        ratings.add_column(column, justify="left" if column == "rater" else "right")
    ratings.add_column("E → G/T", justify="right")
    ratings.add_column("M/E → G/T", justify="right")
    for name, s in report.ratings.items():
        ratings.add_row(
            name,
            f"{s.accuracy:.3f}",
            f"{s.macro_f1:.3f}",
            *(f"{f:.3f}" for f in s.per_class_f1),
            f"{s.kappa:.3f}",
            f"{s.under_explicit:.3f}",
            f"{s.under_mature_explicit:.3f}",
        )
    ratings.caption = AO3_ANCHORS
    ratings.caption_justify = "left"
    tables = [ratings]
    if "FicLens" in report.ratings:
        confusion = Table(title="FicLens rating confusion (rows: author's rating)")
        confusion.add_column("author \\ FicLens")
        for name in short:
            confusion.add_column(name, justify="right")
        for name, row in zip(short, report.ratings["FicLens"].confusion, strict=True):
            confusion.add_row(name, *(str(v) for v in row))
        tables.append(confusion)
    for rater, scores in report.warnings.items():
        table = Table(
            title=f"Archive warnings, {rater}: {report.warned_works} works that use warnings "
            "(chose-not-to-warn works left out)",
            title_justify="left",
        )
        for column in ("warning", "support", "predicted", "P", "R", "F1"):
            table.add_column(column, justify="left" if column == "warning" else "right")
        for name, w in scores.items():
            table.add_row(
                name, str(w.support), str(w.predicted), f"{w.precision:.3f}", f"{w.recall:.3f}",
                f"{w.f1:.3f}",
            )  # fmt: skip
        macro = sum(w.f1 for w in scores.values()) / max(len(scores), 1)
        table.caption = f"macro-F1 {macro:.3f}"
        table.caption_justify = "left"
        tables.append(table)
    if report.calibration:
        tables += calibration_tables(report.calibration)
    if report.pairings is not None:
        tables += pairing_tables(report.pairings)
    return tables


def calibration_tables(found: dict[str, Reliability]) -> list[Table]:
    """Each stated confidence against what happened, then the rating's slices, if rated."""
    summary = Table(
        title="Calibration: stated confidence against the authors", title_justify="left"
    )
    for column in ("what is stated", "works", "mean stated", "share right", "ECE", "Brier"):
        summary.add_column(column, justify="left" if column == "what is stated" else "right")
    for name, r in found.items():
        summary.add_row(name, str(r.n), f"{r.confidence:.3f}", f"{r.right:.3f}", f"{r.ece:.3f}",
                        f"{r.brier:.3f}")  # fmt: skip
    summary.caption = (
        "ECE: the gap between stated confidence and the share right, averaged over ten "
        "confidence slices by size (0 is perfect). Brier: mean squared gap per work."
    )
    summary.caption_justify = "left"
    rating = found.get(RATING_CALIBRATION)
    if rating is None:
        return [summary]
    slices = Table(title=f"Reliability of the {RATING_CALIBRATION}", title_justify="left")
    for column in ("stated", "works", "mean stated", "share right"):
        slices.add_column(column, justify="right")
    for c in rating.slices:
        slices.add_row(
            f"{c.low:.1f}–{c.high:.1f}", str(c.n), f"{c.confidence:.3f}", f"{c.right:.3f}"
        )
    return [summary, slices]


def pairing_tables(p: PairingScore) -> list[Table]:
    """The main pairing found (tagged and untagged works), then the categories of those works."""
    tables: list[Table] = []
    table = Table(title="Main pairing (the first relationship tag, A/B)", title_justify="left")
    columns = ("works", "main pairing found", "among the pairings found", "untagged works",
               "untagged: a main pairing", "untagged: any romantic")  # fmt: skip
    for column in columns:
        table.add_column(column, justify="right")
    table.add_row(
        str(p.works),
        f"{p.main_found} ({p.main_rate:.3f})",
        f"{p.anywhere} ({p.anywhere_rate:.3f})",
        str(p.untagged),
        f"{p.untagged_main} ({p.untagged_main_rate:.3f})",
        f"{p.untagged_any} ({p.untagged_any_rate:.3f})",
    )
    notes = [f"{p.by_original} of those found as an original character"] if p.by_original else []
    if p.not_flagged:
        notes.append(f"{p.not_flagged} of those found listed first but not flagged main")
    if p.in_training:
        notes.append(f"{p.in_training} of these works trained the pairing models: not held out")
    if notes:
        table.caption = "; ".join(notes)
        table.caption_justify = "left"
    tables.append(table)
    if p.categories is not None and p.categories.works:
        tables.append(category_table(p.categories))
    return tables


def category_table(score: CategoryScore) -> Table:
    """FicLens's AO3 categories against the authors', per category and as a whole set."""
    table = Table(
        title=f"AO3 categories: the same {score.works} works (authors' categories)",
        title_justify="left",
    )
    for column in ("category", "support", "predicted", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "category" else "right")
    for name, c in score.counts.items():
        table.add_row(
            name, str(c.support), str(c.predicted), f"{c.precision:.3f}", f"{c.recall:.3f}",
            f"{c.f1:.3f}",
        )  # fmt: skip
    table.caption = f"the whole set as the author's: {score.exact} ({score.exact_rate:.3f})"
    table.caption_justify = "left"
    return table


def passages_table(scores: Sequence[PassageScore]) -> Table:
    """Agreement of warning evidence with unanimous annotator votes, per warning."""
    table = Table(
        title="Warning evidence vs unanimous votes (trigger-passages)", title_justify="left"
    )
    for column in ("warning", "unanimous", "split", "yes votes", "flagged", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "warning" else "right")
    for s in scores:
        w = s.score
        table.add_row(
            s.warning, str(s.passages), str(s.split), str(w.support), str(w.predicted),
            f"{w.precision:.3f}", f"{w.recall:.3f}", f"{w.f1:.3f}",
        )  # fmt: skip
    macro = sum(s.score.f1 for s in scores) / max(len(scores), 1)
    table.caption = (
        f"macro-F1 {macro:.3f}. P: share of the passages FicLens flags that all three "
        "annotators call a warning; split votes are left out as ambiguous."
    )
    table.caption_justify = "left"
    return table


def labelled_table(scores: Sequence[StoryScore]) -> Table:
    """Speakers and addressees against a reader's labels, per story and in all."""
    table = Table(title="Speakers against the labels", title_justify="left")
    for column in ("story", "quotations", "not found", "speaker acc.", "addressee acc."):
        table.add_column(column, justify="left" if column == "story" else "right")

    def ratio(right: int, out_of: int) -> str:
        return f"{right / out_of:.3f}" if out_of else "-"

    for s in scores:
        table.add_row(s.story, str(s.lines), str(s.missed), ratio(s.speakers, s.lines),
                      ratio(s.addressees, s.addressed))  # fmt: skip
    lines, addressed = sum(s.lines for s in scores), sum(s.addressed for s in scores)
    table.add_row(
        "all", str(lines), str(sum(s.missed for s in scores)),
        ratio(sum(s.speakers for s in scores), lines),
        ratio(sum(s.addressees for s in scores), addressed), style="bold",
    )  # fmt: skip
    table.caption = "A quotation not found counts as wrong; addressees over the labelled ones."
    table.caption_justify = "left"
    return table
