"""How the ``ficlens library`` commands show results: rich lines and tables, built from records.

Titles, names and snippets come from files people downloaded, so they are passed to rich as
:class:`~rich.text.Text` (never parsed as markup).
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from ficlens.library.importer import ImportOutcome, ImportReport
from ficlens.library.records import SearchHit, WorkPage
from ficlens.stats import counted

_STYLES = {"added": "green", "updated": "cyan", "duplicate": "yellow", "copy": "yellow"}


def render_outcome(outcome: ImportOutcome) -> Text:
    """One line per imported file: ``added  #3 Title  (file)`` or ``failed  file: reason``."""
    if outcome.failed or outcome.work is None:
        line = Text("failed    ", style="red")
        return line.append(f"{outcome.name}: {outcome.error}")
    status = outcome.status or ""
    line = Text(f"{status:<10}", style=_STYLES.get(status, ""))
    line.append(f"#{outcome.work.id} ", style="bold")
    line.append(outcome.work.title)
    note = f"; {outcome.note}" if outcome.note else ""
    return line.append(f"  ({outcome.name}{note})", style="dim")


def render_import_summary(report: ImportReport) -> list[Text]:
    """The counts, then every failure again with its file and reason."""
    counts = report.counts()
    lines = [Text(", ".join(f"{n} {key}" for key, n in counts.items()))]
    if report.failures:
        lines.append(Text(f"{counted(len(report.failures), 'file')} failed:", style="red"))
        lines += [Text(f"  {o.name}: {o.error}") for o in report.failures]
    return lines


def works_table(listing: WorkPage) -> Table:
    """A page of works: id, title, authors, rating, words."""
    caption = f"{counted(listing.total, 'work')}; page {listing.page} of {listing.pages}"
    table = Table(caption=caption if listing.total else "The library is empty.")
    table.add_column("id", justify="right")
    table.add_column("title")
    table.add_column("authors")
    table.add_column("rating")
    table.add_column("words", justify="right")
    for work in listing.works:
        table.add_row(
            str(work.id),
            Text(work.title),
            Text(", ".join(work.authors)),
            Text(work.rating or ""),
            f"{work.words:,}",
        )
    return table


def snippet_text(hit: SearchHit) -> Text:
    """A hit's snippet with its matched words in bold."""
    text = Text(hit.snippet)
    for start, end in hit.highlights:
        text.stylize("bold reverse", start, end)
    return text


def hits_table(hits: list[SearchHit], query: str) -> Table:
    """Search hits, best first: id, title, authors, and where the work matches."""
    verb = "matches" if len(hits) == 1 else "match"
    table = Table(caption=f"{counted(len(hits), 'work')} {verb} {query!r}")
    table.add_column("id", justify="right")
    table.add_column("title")
    table.add_column("authors")
    table.add_column("match")
    for hit in hits:
        table.add_row(str(hit.work_id), Text(hit.title), Text(", ".join(hit.authors)),
                      snippet_text(hit))  # fmt: skip
    return table
