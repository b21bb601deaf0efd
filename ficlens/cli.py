"""The ``ficlens`` command line: a thin shell over :mod:`ficlens.api`."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from ficlens.api import analyze_file
from ficlens.errors import FicLensError
from ficlens.eval.ao3 import evaluate_ao3
from ficlens.eval.labelled import read_labels, score_labels
from ficlens.eval.litbank import evaluate as evaluate_litbank
from ficlens.eval.passages import evaluate_passages
from ficlens.eval.pdnc import PROTOCOLS, evaluate, novel_folders
from ficlens.eval.tables import (
    ao3_tables,
    labelled_table,
    litbank_tables,
    passages_table,
    pdnc_tables,
)
from ficlens.model import Analysis
from ficlens.report import render_report
from ficlens.settings import SETTINGS, Settings
from ficlens.stats import counted

if TYPE_CHECKING:  # the library (SQLAlchemy, Alembic) loads only for `ficlens library`
    from ficlens.library import ImportReport, Library, PendingFile

app = typer.Typer(
    help="FicLens reads fan fiction closely and says what is in it.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def _root() -> None:
    """FicLens reads fan fiction closely and says what is in it."""


STORY_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml", ".epub"})
EXIT_FAILURES = 1


class OutputFormat(StrEnum):
    """Report formats of ``ficlens analyze``."""

    text = "text"
    json = "json"


def _default(name: str) -> int:
    return next(s.default for s in SETTINGS if s.name == name)


def _help(name: str) -> str:
    return next(s.help for s in SETTINGS if s.name == name)


def expand_inputs(paths: list[Path]) -> Iterator[Path]:
    """Files as given, and the story files (by extension) inside folders, sorted."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in STORY_SUFFIXES and not p.name.startswith(".")
            )
        else:
            yield path


def _render(
    analysis: Analysis, fmt: OutputFormat, *, include_text: bool, width: int, compact: bool = False
) -> str:
    if fmt is OutputFormat.json:
        data = analysis.to_json(include_text=include_text)
        return json.dumps(data, ensure_ascii=False, indent=None if compact else 2)
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(render_report(analysis))
    return console.export_text()


@app.command()
def analyze(
    inputs: Annotated[list[Path], typer.Argument(help="Fic files or folders of them.")],
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Report format.")] = (
        OutputFormat.text
    ),
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write NAME.json / NAME.txt per input here.")
    ] = None,
    include_text: Annotated[
        bool, typer.Option("--include-text", help="Put the work's text in the JSON.")
    ] = False,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help=_help("max_bytes"))] = _default(
        "max_bytes"
    ),
    max_archive_bytes: Annotated[
        int, typer.Option("--max-archive-bytes", help=_help("max_archive_bytes"))
    ] = _default("max_archive_bytes"),
    structure_only: Annotated[
        bool,
        typer.Option(
            "--structure-only",
            help="Skip the spaCy stages (cast, dialogue, relationships): anatomy, rating, "
            "warnings and tags only, fast.",
        ),
    ] = False,
) -> None:
    """Analyse fic files (.txt, .html, .epub): anatomy, cast, dialogue, rating, warnings, pairs."""
    settings = Settings(max_bytes=max_bytes, max_archive_bytes=max_archive_bytes)
    files = list(expand_inputs(inputs))
    err = Console(stderr=True)
    if not files:
        err.print("[red]No story files found[/] (looked for .txt, .html, .htm, .xhtml, .epub).")
        raise typer.Exit(EXIT_FAILURES)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    failures = _run(
        files, settings, fmt=format, out=out, include_text=include_text, err=err,
        nlp=not structure_only,
    )  # fmt: skip
    if failures:
        err.print(f"[red]{failures} of {counted(len(files), 'file')} failed.[/]")
        raise typer.Exit(EXIT_FAILURES)


def _run(
    files: list[Path],
    settings: Settings,
    *,
    fmt: OutputFormat,
    out: Path | None,
    include_text: bool,
    err: Console,
    nlp: bool = True,
) -> int:
    failures = 0
    stdout = Console()
    with Progress(*_columns(), console=err, transient=True, disable=len(files) < 2) as progress:
        task = progress.add_task("Analysing", total=len(files))
        for path in files:
            try:
                analysis = analyze_file(path, settings=settings, nlp=nlp)
            except FicLensError as error:
                failures += 1
                progress.console.print(f"[red]error[/] {error}", highlight=False)
            else:
                _emit(
                    analysis, path, fmt=fmt, out=out, include_text=include_text,
                    console=stdout, compact=len(files) > 1,
                )  # fmt: skip
            progress.advance(task)
    return failures


def _emit(
    analysis: Analysis,
    path: Path,
    *,
    fmt: OutputFormat,
    out: Path | None,
    include_text: bool,
    console: Console,
    compact: bool,
) -> None:
    if out is not None:
        suffix = ".json" if fmt is OutputFormat.json else ".txt"
        rendered = _render(analysis, fmt, include_text=include_text, width=100)
        (out / (path.stem + suffix)).write_text(rendered + "\n", encoding="utf-8")
    elif fmt is OutputFormat.json:
        rendered = _render(analysis, fmt, include_text=include_text, width=100, compact=compact)
        sys.stdout.write(rendered + "\n")
    else:
        console.print(render_report(analysis))


eval_app = typer.Typer(help="Score FicLens against public gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("pdnc")
def eval_pdnc(
    folder: Annotated[Path, typer.Argument(help="The PDNC folder (one sub-folder per novel).")],
    protocol: Annotated[
        list[str] | None,
        typer.Option("--protocol", "-p", help="end-to-end and/or gold-roster (default both)."),
    ] = None,
    novel: Annotated[
        list[str] | None, typer.Option("--novel", "-n", help="Only these novels (folder names).")
    ] = None,
    ranker: Annotated[
        str,
        typer.Option(
            help="Speaker ranker: auto (leave-one-out when the shipped ranker was trained on "
            "these novels, else shipped), shipped, leave-one-out, or off (sieves only)."
        ),
    ] = "auto",
) -> None:
    """Quote detection and speaker accuracy on PDNC, per protocol, novel and quote type."""
    chosen = tuple(protocol or PROTOCOLS)
    unknown = [p for p in chosen if p not in PROTOCOLS]
    if unknown:
        raise typer.BadParameter(f"unknown protocol(s) {unknown}; use {list(PROTOCOLS)}")
    err = Console(stderr=True)
    try:
        total = len(novel_folders(folder)) if not novel else len(novel)
        with Progress(*_columns(), console=err, transient=True) as progress:
            task = progress.add_task("Novels", total=total)
            result = evaluate(
                folder, protocols=chosen, novels=tuple(novel or ()), ranker=ranker,
                progress=lambda _name: progress.advance(task),
            )  # fmt: skip
    except FicLensError as error:
        err.print(f"[red]error[/] {error}", highlight=False)
        raise typer.Exit(EXIT_FAILURES) from None
    console = _tables_console()
    for table in pdnc_tables(result):
        console.print(table)
    words, seconds = sum(result.words.values()), sum(result.seconds.values())
    console.print(f"{words:,} words in {seconds:.0f} s ({words / max(seconds, 1e-9):,.0f} words/s)")


@eval_app.command("speakers")
def eval_speakers(
    labels: Annotated[
        Path, typer.Argument(help="A TSV of labelled quotations (docs/evaluation.md).")
    ],
    works: Annotated[
        Path | None,
        typer.Option(help="The folder the story paths are relative to (default: the TSV's)."),
    ] = None,
) -> None:
    """Speaker and addressee accuracy on stories whose quotations you labelled yourself."""
    err = Console(stderr=True)
    try:
        stories = len({line.story for line in read_labels(labels)})
        with Progress(*_columns(), console=err, transient=True) as progress:
            task = progress.add_task("Stories", total=stories)
            scores = score_labels(
                labels, works=works, progress=lambda _story: progress.advance(task)
            )
    except FicLensError as error:
        err.print(f"[red]error[/] {error}", highlight=False)
        raise typer.Exit(EXIT_FAILURES) from None
    _tables_console().print(labelled_table(scores))
    failed = [score for score in scores if score.error]
    for score in failed:
        err.print(f"[red]error[/] {score.error}", highlight=False)
    if failed:
        raise typer.Exit(EXIT_FAILURES)


@eval_app.command("litbank")
def eval_litbank(
    folder: Annotated[Path, typer.Argument(help="The LitBank folder (with quotations/, coref/).")],
) -> None:
    """Quote detection and speaker accuracy on LitBank's quotations, both protocols."""
    err = Console(stderr=True)
    try:
        with Progress(*_columns(), console=err, transient=True) as progress:
            task = progress.add_task("Books", total=None)
            scores = evaluate_litbank(folder, progress=lambda _name: progress.advance(task))
    except FicLensError as error:
        err.print(f"[red]error[/] {error}", highlight=False)
        raise typer.Exit(EXIT_FAILURES) from None
    for table in litbank_tables(scores):
        _tables_console().print(table)


class Ao3Mode(StrEnum):
    """How ``ficlens eval ao3`` scores the models."""

    auto = "auto"
    shipped = "shipped"
    cv = "cv"


@eval_app.command("ao3")
def eval_ao3(
    file: LabelledFile,
    mode: Annotated[
        Ao3Mode,
        typer.Option(
            help="shipped models, or cv (retrain split by author); auto picks cv when the file "
            "overlaps the models' training data."
        ),
    ] = Ao3Mode.auto,
    pairings: Annotated[
        int,
        typer.Option(
            help="Works tagging a romantic pairing to run the full pipeline on (0 skips)."
        ),
    ] = 200,
    split: Annotated[
        int,
        typer.Option(
            min=0,
            help="Another assignment of authors to cross-validation folds (0: the standard "
            "one), to see how much a figure moves with the split.",
        ),
    ] = 0,
) -> None:
    """Ratings, archive warnings and pairings against the authors' labels, beside baselines."""
    err = Console(stderr=True)
    try:
        with Progress(*_columns(), console=err, transient=True) as progress:
            tasks: dict[str, TaskID] = {}

            def tell(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = progress.add_task(stage, total=total)
                progress.update(tasks[stage], completed=done)

            report = evaluate_ao3(
                file, mode=mode.value, pairings=pairings, split=split, progress=tell
            )
    except FicLensError as error:
        err.print(f"[red]error[/] {error}", highlight=False)
        raise typer.Exit(EXIT_FAILURES) from None
    for problem in report.problems:
        err.print(f"[yellow]skipped[/] {problem}", highlight=False)
    for table in ao3_tables(report):
        _tables_console().print(table)


@eval_app.command("passages")
def eval_passages(
    file: Annotated[
        Path,
        typer.Argument(
            help="The trigger-passages data (dataset.zip, dataset.jsonl or their folder)."
        ),
    ],
) -> None:
    """Warning evidence against three annotators' unanimous votes, per warning."""
    err = Console(stderr=True)
    try:
        with err.status("Reading passages"):
            scores = evaluate_passages(file)
    except FicLensError as error:
        err.print(f"[red]error[/] {error}", highlight=False)
        raise typer.Exit(EXIT_FAILURES) from None
    _tables_console().print(passages_table(scores))


train_app = typer.Typer(help="Train the content models on labelled data.", no_args_is_help=True)
app.add_typer(train_app, name="train")


LabelledFile = Annotated[Path, typer.Argument(help="Labelled AO3 works, one JSON object a line.")]
"""The training commands' argument."""


def _train(file: Path, run: Callable[[Callable[[str], None]], object]) -> None:
    """Run a training function, its progress on stderr; a FicLens error exits with its message.

    So does a file too small or too one-sided to train on (scikit-learn's ``ValueError``: fewer
    works than folds, one class only), naming the file.
    """
    err = Console(stderr=True)
    try:
        run(lambda message: err.print(message, highlight=False))
    except FicLensError as error:
        err.print(f"[red]error[/] {error}", highlight=False)
        raise typer.Exit(EXIT_FAILURES) from None
    except ValueError as error:
        err.print(f"[red]error[/] {file}: cannot train on it: {error}", highlight=False)
        raise typer.Exit(EXIT_FAILURES) from None


@train_app.command("ao3")
def train_ao3(
    file: LabelledFile,
) -> None:
    """Train the rating and archive-warning models and write them into the package."""
    from ficlens.content.training import train_models  # noqa: PLC0415 (needs scikit-learn)

    _train(file, lambda say: train_models(file, say=say))


@train_app.command("tags")
def train_tags_command(
    file: LabelledFile,
    limit: Annotated[
        int | None,
        typer.Option(
            help="Train on the file's first this many works (default 3,000; the rest stay "
            "held out for bench/dev_tags.py)."
        ),
    ] = None,
) -> None:
    """Train the word models of the model-decided tags (Fluff, Angst, Marauders' Era ...)."""
    from ficlens.content.tag_training import (  # noqa: PLC0415 (scikit-learn)
        DEVELOPMENT,
        train_tag_models,
    )

    _train(file, lambda say: train_tag_models(file, say=say, limit=limit or DEVELOPMENT))


@train_app.command("pairings")
def train_pairings_command(
    file: LabelledFile,
    jobs: Annotated[
        int, typer.Option(help="Processes running the pipeline (0: in this process).")
    ] = 2,
    limit: Annotated[
        int | None, typer.Option(help="Train the ranker on at most this many works.")
    ] = None,
    hold_out: Annotated[
        bool,
        typer.Option(
            help="Leave out every work by an author of the pairing evaluation (`eval ao3`)."
        ),
    ] = True,
) -> None:
    """Train the main-pairing models (romance text model and pair ranker) and ship them."""
    from ficlens.content.pairing_training import train_pairings  # noqa: PLC0415 (scikit-learn)

    _train(
        file, lambda say: train_pairings(file, say=say, jobs=jobs, limit=limit, hold_out=hold_out)
    )


@train_app.command("pdnc")
def train_pdnc(
    folder: Annotated[Path, typer.Argument(help="The PDNC folder (one sub-folder per novel).")],
) -> None:
    """Train the speaker ranker on PDNC novels, print its leave-one-novel-out accuracy, ship it."""
    from ficlens.eval.pdnc import train_ranker  # noqa: PLC0415 (needs scikit-learn)

    err = Console(stderr=True)
    try:
        with Progress(*_columns(), console=err, transient=True) as progress:
            task = progress.add_task("Novels", total=len(novel_folders(folder)))
            evaluation, target = train_ranker(folder, progress=lambda _name: progress.advance(task))
    except FicLensError as error:
        err.print(f"[red]error[/] {error}", highlight=False)
        raise typer.Exit(EXIT_FAILURES) from None
    _tables_console().print(pdnc_tables(evaluation)[0])
    err.print(f"wrote {target}", highlight=False)


library_app = typer.Typer(
    help="Keep analysed works in a library: import, list and search them.", no_args_is_help=True
)
app.add_typer(library_app, name="library")

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL or SQLite file (default: $FICLENS_DB, else "
        "~/.local/share/ficlens/library.db).",
    ),
]


def _open_library(db: str | None, err: Console) -> Library:
    from ficlens.library import open_library  # noqa: PLC0415 (SQLAlchemy loads only here)

    try:
        return open_library(db)
    except FicLensError as error:
        err.print(f"[red]error[/] {error}", highlight=False)
        raise typer.Exit(EXIT_FAILURES) from None


@library_app.command("import")
def library_import(
    inputs: Annotated[list[Path], typer.Argument(help="Fic files, folders or .zip archives.")],
    db: DbOption = None,
    structure_only: Annotated[
        bool, typer.Option("--structure-only", help="Skip the spaCy stages: fast, no cast.")
    ] = False,
) -> None:
    """Analyse fic files and store them in the library (duplicates skipped, updates in place)."""
    from ficlens.library import collect_files  # noqa: PLC0415
    from ficlens.library.render import render_import_summary  # noqa: PLC0415

    err = Console(stderr=True)
    files = collect_files(inputs)
    if not files:
        err.print(
            "[red]No story files found[/] (looked for .txt, .html, .htm, .xhtml, .epub, .zip)."
        )
        raise typer.Exit(EXIT_FAILURES)
    with _open_library(db, err) as library:
        report = _import_with_progress(library, files, nlp=not structure_only, err=err)
    for line in render_import_summary(report):
        err.print(line, highlight=False)
    if report.failures:
        raise typer.Exit(EXIT_FAILURES)


def _import_with_progress(
    library: Library, files: list[PendingFile], *, nlp: bool, err: Console
) -> ImportReport:
    """Import files one transaction each, with a progress bar and a line per file."""
    from ficlens.library import ImportReport, import_file  # noqa: PLC0415
    from ficlens.library.render import render_outcome  # noqa: PLC0415

    outcomes = []
    with Progress(*_columns(), console=err, transient=True) as progress:
        task = progress.add_task("Importing", total=len(files))
        for file in files:
            progress.update(task, description=f"Importing {Path(file.name).name}")
            outcomes.append(import_file(library, file, nlp=nlp))
            progress.console.print(render_outcome(outcomes[-1]), highlight=False)
            progress.advance(task)
    return ImportReport(tuple(outcomes))


@library_app.command("list")
def library_list(
    db: DbOption = None,
    sort: Annotated[
        str,
        typer.Option(
            "--sort",
            help="added, updated, title, author, words or chapters; - first for descending.",
        ),
    ] = "-updated",
    page: Annotated[int, typer.Option("--page", min=1, help="Page number.")] = 1,
    per_page: Annotated[int, typer.Option("--per-page", min=1, max=500, help="Works a page.")] = 50,
) -> None:
    """List the library's works: id, title, authors, rating and words."""
    from ficlens.library import list_works  # noqa: PLC0415
    from ficlens.library.render import works_table  # noqa: PLC0415

    err = Console(stderr=True)
    try:
        with _open_library(db, err) as library, library.sessions() as session:
            listing = list_works(session, sort=sort, page=page, per_page=per_page)
    except FicLensError as error:
        err.print(f"[red]error[/] {error}", highlight=False)
        raise typer.Exit(EXIT_FAILURES) from None
    _tables_console().print(works_table(listing))


@library_app.command("search")
def library_search(
    query: Annotated[str, typer.Argument(help='Words, "a phrase" or prefix*; all must match.')],
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Most hits shown.")] = 20,
) -> None:
    """Search titles, summaries, notes and story text; show where each work matches."""
    from ficlens.library import search as search_library  # noqa: PLC0415
    from ficlens.library.render import hits_table  # noqa: PLC0415

    err = Console(stderr=True)
    try:
        with _open_library(db, err) as library, library.sessions() as session:
            hits = search_library(session, query, limit=limit)
    except FicLensError as error:
        err.print(f"[red]error[/] {error}", highlight=False)
        raise typer.Exit(EXIT_FAILURES) from None
    _tables_console().print(hits_table(hits, query))


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to bind; keep 127.0.0.1 unless you mean it.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to bind.")] = 8000,
    admin_token: Annotated[
        str | None,
        typer.Option(
            "--admin-token",
            envvar="FICLENS_ADMIN_TOKEN",
            help="Token every write (upload) must carry; required when --host is not loopback.",
        ),
    ] = None,
    hide_adult: Annotated[
        bool,
        typer.Option(
            "--hide-adult",
            help="Hide Mature and Explicit works everywhere (index, search, API, OPDS; pages 404).",
        ),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", min=1, help="Server processes; more than 1 suits PostgreSQL libraries."
        ),
    ] = 1,
) -> None:
    """Browse, search and read the library in a web browser (binds 127.0.0.1 by default)."""
    import uvicorn  # noqa: PLC0415 (the web stack loads only here)

    from ficlens.web import create_app  # noqa: PLC0415
    from ficlens.web.security import check_bind  # noqa: PLC0415

    err = Console(stderr=True)
    try:
        check_bind(host, admin_token)
        web_app = create_app(db, admin_token=admin_token, hide_adult=hide_adult)
    except FicLensError as error:
        err.print(f"[red]error[/] {error}", highlight=False)
        raise typer.Exit(EXIT_FAILURES) from None
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"FicLens is serving {web_app.state.library.url} at http://{shown}:{port}/")
    if workers == 1:
        uvicorn.run(web_app, host=host, port=port, log_level="warning")
        return
    # Several processes each build their app from the environment; this one has migrated.
    from ficlens.web.app import WORKER_ENV  # noqa: PLC0415

    web_app.state.library.close()
    os.environ[WORKER_ENV["db"]] = web_app.state.library.engine.url.render_as_string(False)
    if admin_token:
        os.environ[WORKER_ENV["admin_token"]] = admin_token
    os.environ[WORKER_ENV["hide_adult"]] = "1" if hide_adult else "0"
    uvicorn.run(
        "ficlens.web.app:app_from_environment", factory=True, workers=workers, host=host,
        port=port, log_level="warning",
    )  # fmt: skip


@app.command()
def batch(
    inputs: Annotated[list[Path], typer.Argument(help="Fic files, folders or .zip archives.")],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for the Parquet tables (a run resumes).")
    ],
    scheduler: Annotated[
        str | None,
        typer.Option(help="A Dask scheduler address (tcp://host:8786); default: a local cluster."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(help="Local Dask workers (default: one per CPU); 0 runs in this process."),
    ] = None,
    structure_only: Annotated[
        bool, typer.Option("--structure-only", help="Skip the spaCy stages: fast, no cast.")
    ] = False,
    into_library: Annotated[
        str | None,
        typer.Option(
            "--into-library",
            help="Then store the analysed works in this library database (URL or SQLite path).",
        ),
    ] = None,
) -> None:
    """Analyse a whole corpus on a Dask cluster into Parquet tables, resumably."""
    from ficlens.batch import BatchProgress, run_batch  # noqa: PLC0415

    err = Console(stderr=True)
    with Progress(*_columns(), TextColumn("{task.fields[rate]}"), console=err) as progress:
        task = progress.add_task("Analysing", total=None, rate="")

        def tell(state: BatchProgress) -> None:
            rate = f"{state.works_per_second:.2f} works/s, {state.failed} failed"
            progress.update(task, total=state.total, completed=state.finished, rate=rate)

        try:
            report = run_batch(
                inputs, out, scheduler=scheduler, workers=workers, nlp=not structure_only,
                progress=tell,
            )  # fmt: skip
        except FicLensError as error:
            err.print(f"[red]error[/] {error}", highlight=False)
            raise typer.Exit(EXIT_FAILURES) from None
    for source, reason in report.failures:
        err.print(f"[red]failed[/] {source}: {reason}", highlight=False)
    rate = report.words / report.seconds if report.seconds else 0.0
    err.print(
        f"{report.analysed} analysed, {report.skipped} already done, {report.duplicates} "
        f"duplicates, {len(report.failures)} failed in {report.seconds:.1f} s "
        f"({rate:,.0f} words/s, {report.workers} workers); tables in {report.out}",
        highlight=False,
    )
    if into_library is not None:
        _batch_into_library(report.out, into_library, err)
    if report.failures:
        raise typer.Exit(EXIT_FAILURES)


def _batch_into_library(out: Path, db: str, err: Console) -> None:
    """Store a batch's works in a library, with a progress bar."""
    from ficlens.batch.load import load_into_library  # noqa: PLC0415
    from ficlens.batch.store import Output  # noqa: PLC0415

    total = Output(out).read("works", columns=["sha256"]).num_rows
    with (
        _open_library(db, err) as library,
        Progress(*_columns(), console=err, transient=True) as progress,
    ):
        task = progress.add_task("Storing in the library", total=total)
        try:
            loaded = load_into_library(
                out, library, progress=lambda n: progress.update(task, completed=n)
            )
        except FicLensError as error:
            err.print(f"[red]error[/] {error}", highlight=False)
            raise typer.Exit(EXIT_FAILURES) from None
    err.print(
        f"library {library.url}: {loaded.added} added, {loaded.updated} updated, "
        f"{loaded.duplicate} already stored, {loaded.copy} kept out for a richer copy",
        highlight=False,
    )


def _tables_console() -> Console:
    """Standard output for result tables: a terminal's width, or 160 columns when piped.

    Saved evaluation tables then keep every column whole.
    """
    console = Console()
    return console if console.is_terminal else Console(width=160)


def _columns() -> tuple[ProgressColumn, ...]:
    return (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )


def main() -> None:
    """Entry point of the ``ficlens`` console script."""
    app()
