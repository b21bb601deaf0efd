"""Speakers and addressees against a reader's own labels: one TSV row per quotation.

A writer, an archive or a researcher labels who says each line of their own stories and
scores FicLens on them (``ficlens eval speakers FILE.tsv``). The file is UTF-8, tab-separated,
with a header naming at least these columns::

    story   opening   speaker   addressee

- ``story``: the story file, relative to ``--works`` (by default the TSV's folder);
- ``opening``: the first words of the quotation, without its quotation mark (20 characters
  are compared);
- ``speaker``: who says it, by any name the story or its fandom's AO3 tag gives them;
- ``addressee``: who it is said to, or ``-`` for nobody in particular.

Rows of one story come in text order; every quotation of the story's text should have one.
The demo stories' labels are ``tests/data/demo_speakers.tsv``.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ficlens.content.corpus import same_character
from ficlens.errors import InputError
from ficlens.model import Analysis

COLUMNS = ("story", "opening", "speaker", "addressee")
_MARKS = "\"'“”‘’«» "
_COMPARED = 20


@dataclass(frozen=True, slots=True)
class LabelledLine:
    """One labelled quotation: its story, first words, speaker and addressee (or ``None``)."""

    story: str
    opening: str
    speaker: str
    addressee: str | None


@dataclass(frozen=True, slots=True)
class StoryScore:
    """How FicLens did on one story's labelled quotations.

    Attributes:
        story: the story file as the labels name it.
        lines: labelled quotations.
        speakers: those whose speaker FicLens names right.
        addressed: labelled quotations with an addressee.
        addressees: those whose addressee FicLens names right.
        missed: labelled quotations FicLens did not find at all (counted wrong).
        error: why the story could not be read (all its quotations then count as missed).
    """

    story: str
    lines: int
    speakers: int
    addressed: int
    addressees: int
    missed: int
    error: str | None = None


def read_labels(path: Path) -> list[LabelledLine]:
    """The labelled quotations of a TSV file, in file order.

    Raises:
        InputError: the file is missing, or lacks a column, or a row lacks a value.
    """
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot read the labels ({error})") from error
    missing = [column for column in COLUMNS if rows and column not in rows[0]]
    if not rows or missing:
        raise InputError(str(path), f"needs a header with the columns {', '.join(COLUMNS)}")
    lines = []
    for number, row in enumerate(rows, 2):
        values = {column: (row.get(column) or "").strip() for column in COLUMNS}
        empty = [column for column in COLUMNS if not values[column]]
        if empty:
            raise InputError(str(path), f"line {number} has no {empty[0]}")
        addressee = None if values["addressee"] == "-" else values["addressee"]
        lines.append(LabelledLine(values["story"], values["opening"], values["speaker"], addressee))
    return lines


def score_story(analysis: Analysis, lines: Sequence[LabelledLine]) -> StoryScore:
    """Score one analysed story against its labelled quotations (in text order).

    Each label takes the next quotation FicLens found whose text starts with its opening; a
    label with none left is missed, and the next label looks from where it began.
    """
    text = analysis.work.text
    quotes = analysis.quotes
    speakers = addressees = missed = at = 0
    for line in lines:
        opening = line.opening.strip(_MARKS)[:_COMPARED]
        start = at
        while at < len(quotes) and not quotes[at].span.of(text).strip(_MARKS).startswith(opening):
            at += 1
        if at == len(quotes):
            missed, at = missed + 1, start
            continue
        quote = quotes[at]
        at += 1
        speakers += names(analysis, quote.speaker, line.speaker)
        if line.addressee is not None:
            addressees += names(analysis, quote.addressee, line.addressee)
    addressed = sum(1 for line in lines if line.addressee is not None)
    return StoryScore(lines[0].story if lines else "", len(lines), speakers, addressed,
                      addressees, missed)  # fmt: skip


def names(analysis: Analysis, ident: str | None, wanted: str) -> bool:
    """Whether the character with this id is the labelled one, by any of its names."""
    found = next((c for c in analysis.characters if c.id == ident), None)
    if found is None:
        return False
    return any(
        same_character(name, wanted) or same_character(wanted, name)
        for name in (found.name, *found.aliases)
    )


def score_labels(
    path: Path,
    *,
    works: Path | None = None,
    analyse: Callable[[Path], Analysis] | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[StoryScore]:
    """Score every story a labels file names, in the order it first names them.

    Args:
        path: the labels (see the module's docstring).
        works: the folder story paths are relative to; the labels' folder by default.
        analyse: how a story file becomes an analysis; the full pipeline by default.
        progress: called with each story's name once it is scored.

    A story that is missing or cannot be read is scored as all missed, with its error; the
    other stories are scored as usual.

    Raises:
        InputError: the labels are malformed.
    """
    if analyse is None:
        from ficlens.api import analyze_file  # noqa: PLC0415 - the pipeline loads spaCy

        analyse = analyze_file
    lines = read_labels(path)
    folder = works or path.parent
    scores = []
    for story in dict.fromkeys(line.story for line in lines):
        labelled = [line for line in lines if line.story == story]
        file = folder / story
        try:
            if not file.is_file():
                raise InputError(str(file), f"no such story file (named in {path})")
            scores.append(score_story(analyse(file), labelled))
        except InputError as error:
            addressed = sum(1 for line in labelled if line.addressee is not None)
            scores.append(StoryScore(story, len(labelled), 0, addressed, 0, len(labelled),
                                     str(error)))  # fmt: skip
        if progress is not None:
            progress(story)
    return scores
