"""Rich tables of evaluation results, with the published anchors beside them."""

from __future__ import annotations

from rich.table import Table

from ficlens.eval.pdnc import PROTOCOLS, QUOTE_TYPES, Evaluation, Score

ANCHORS = {
    "end-to-end": "BookNLP end to end: 0.402 (Vishnubhotla et al. 2023)",
    "gold-roster": "BookNLP retrained on PDNC, gold roster: Explicit 0.986, others 0.689",
    "detection": "BookNLP quote detection: 0.988 of quotations found",
}


def pdnc_tables(evaluation: Evaluation) -> list[Table]:
    """A summary table (micro, both protocols) and one table per protocol per novel."""
    summary = Table(title="PDNC, micro over all novels", title_justify="left")
    summary.add_column("protocol")
    summary.add_column("detection P", justify="right")
    summary.add_column("detection R", justify="right")
    summary.add_column("speaker acc.", justify="right")
    for kind in QUOTE_TYPES:
        summary.add_column(kind, justify="right")
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
        )
    summary.caption = "Anchors: " + "; ".join(ANCHORS.values())
    summary.caption_justify = "left"
    tables = [summary]
    for protocol, novels in evaluation.scores.items():
        table = Table(title=f"PDNC per novel, {protocol}", title_justify="left")
        for column in ("novel", "quotes", "P", "R", "acc.", *QUOTE_TYPES):
            table.add_column(column, justify="left" if column == "novel" else "right")
        for name, score in novels.items():
            table.add_row(
                name,
                str(sum(score.quotes.values())),
                f"{score.precision:.3f}",
                f"{score.recall:.3f}",
                f"{score.accuracy():.3f}",
                *(f"{score.accuracy(kind):.3f}" for kind in QUOTE_TYPES),
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
