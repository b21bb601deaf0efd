"""Score quotation detection and speaker attribution on LitBank (Bamman et al., CC BY 4.0).

LitBank's quotation files give each book's first ~2,000 words tokenised, one sentence a line,
with ``QUOTE`` spans (sentence and token positions, marks included) and ``ATTRIB`` links to
coreference entities. FicLens reads the text rebuilt from the tokens: tokens joined by spaces,
and, since LitBank keeps no paragraphs, a new paragraph wherever a sentence opens a quotation
with none open. Entities are named by their id (``Jack_Durbeyfield-0``) and their proper-name
mentions. BookNLP was trained on LitBank, so its scores here are in-sample; ours are not.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ficlens.cast import KnownCharacter
from ficlens.dialogue import attribute, prepare
from ficlens.errors import FicLensError
from ficlens.eval.pdnc import Score, map_by_names, score_quotes
from ficlens.ingest import read_bytes
from ficlens.model import Character, Span
from ficlens.structure import build_work

PROTOCOLS = ("end-to-end", "gold-roster")


@dataclass(frozen=True)
class Book:
    """One LitBank excerpt: rebuilt text, gold quotations and speaker entities."""

    name: str
    text: str
    quotes: tuple[tuple[Span, str | None], ...]
    entities: dict[str, tuple[str, ...]]


def _rebuild(sentences: Sequence[list[str]]) -> tuple[str, dict[tuple[int, int], Span]]:
    parts: list[str] = []
    offsets: dict[tuple[int, int], Span] = {}
    length, open_quotes = 0, 0
    for s, tokens in enumerate(sentences):
        if parts:
            separator = "\n\n" if open_quotes % 2 == 0 and tokens[:1] == ['"'] else " "
            parts.append(separator)
            length += len(separator)
        for t, token in enumerate(tokens):
            if t:
                parts.append(" ")
                length += 1
            offsets[(s, t)] = Span(length, length + len(token))
            parts.append(token)
            length += len(token)
            open_quotes += token == '"'
    return "".join(parts), offsets


def load_book(quotes_ann: Path, coref_ann: Path) -> Book:
    """Read one book's quotation and coreference annotations."""
    txt = quotes_ann.with_suffix(".txt")
    try:
        sentences = [line.split(" ") for line in txt.read_text(encoding="utf-8").splitlines()]
        rows = [line.split("\t") for line in quotes_ann.read_text(encoding="utf-8").splitlines()]
        coref = [line.split("\t") for line in coref_ann.read_text(encoding="utf-8").splitlines()]
    except OSError as error:
        raise FicLensError(f"{quotes_ann}: cannot read LitBank files ({error})") from None
    text, offsets = _rebuild(sentences)
    speakers = {row[1]: row[2] for row in rows if row[0] == "ATTRIB"}
    quotes = []
    for row in rows:
        if row[0] != "QUOTE":
            continue
        start = offsets[(int(row[2]), int(row[3]))]
        end = offsets[(int(row[4]), int(row[5]))]
        inner = (
            Span(start.end, end.start) if text[start.start] == '"' else Span(start.start, end.end)
        )
        quotes.append((inner, speakers.get(row[1])))
    return Book(quotes_ann.stem.removesuffix("_brat"), text, tuple(quotes), _entities(coref))


def _entities(rows: Sequence[list[str]]) -> dict[str, tuple[str, ...]]:
    mentions = {row[1]: row for row in rows if row[0] == "MENTION"}
    names: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row[0] != "COREF":
            continue
        entity = row[2]
        names[entity].add(re.sub(r"-\d+$", "", entity).replace("_", " "))
        mention = mentions.get(row[1])
        if mention and mention[-1] == "PROP" and mention[-2] == "PER":
            names[entity].add(mention[6].replace(" 's", "").strip())
    return {entity: tuple(sorted(found)) for entity, found in names.items()}


def _map(predicted: Sequence[Character], book: Book) -> dict[str, str]:
    return map_by_names(predicted, book.entities)


def score_book(book: Book, *, gold_roster: bool) -> Score:
    """Run FicLens on one book and score detection and speakers."""
    work = build_work(read_bytes(book.text.encode("utf-8"), path=f"{book.name}.txt"))
    speakers = sorted({s for _, s in book.quotes if s})
    known = [
        KnownCharacter(book.entities.get(s, (s,))[0], book.entities.get(s, ())) for s in speakers
    ]
    result = attribute(prepare(work), known=known if gold_roster else None)
    ids = (
        {f"c{n}": s for n, s in enumerate(speakers, start=1)}
        if gold_roster
        else _map(result.cast.characters, book)
    )
    gold = [((span,), speaker, "all") for span, speaker in book.quotes]
    return score_quotes(result.quotes, gold, ids)


def evaluate(
    root: Path, *, progress: Callable[[str], None] | None = None
) -> dict[str, dict[str, Score]]:
    """Score every LitBank book under ``root`` (the folder holding ``quotations`` and ``coref``)."""
    files = sorted((root / "quotations" / "tsv").glob("*_brat.ann"))
    if not files:
        raise FicLensError(f"{root}: no quotations/tsv/*_brat.ann files (is this LitBank?)")
    scores: dict[str, dict[str, Score]] = {protocol: {} for protocol in PROTOCOLS}
    for file in files:
        coref = root / "coref" / "tsv" / file.name
        book = load_book(file, coref)
        if not book.quotes:
            continue
        for protocol in PROTOCOLS:
            scores[protocol][book.name] = score_book(book, gold_roster=protocol == "gold-roster")
        if progress is not None:
            progress(book.name)
    return scores
