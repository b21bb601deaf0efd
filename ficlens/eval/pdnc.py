"""Score quotation detection and speaker attribution on the Project Dialogism Novel Corpus.

PDNC (Vishnubhotla, Hammond and Hirst, LREC 2022) annotates every quotation of its novels with
its span(s), speaker and addressees, and each novel's characters with their aliases. Two
protocols are kept apart, as the field reports them:

- **end to end**: FicLens builds its own cast; a predicted speaker is right when it maps to the
  gold speaker (the gold character sharing the most names with it);
- **gold roster**: the gold characters and aliases are given as the roster.

Quote detection counts a gold span found when predicted quotations cover at least half of it,
and a predicted quotation correct when gold spans cover at least half of it. Speaker accuracy
is over all gold quotations (undetected ones count as wrong), micro, per novel and per quote
type (Explicit, Anaphoric, Implicit). Addressee accuracy is over the gold quotations PDNC gives
an addressee: right when the predicted addressee maps to one of the gold ones; its precision is
over those of them FicLens gives an addressee.
"""

from __future__ import annotations

import ast
import bisect
import csv
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ficlens.cast import KnownCharacter
from ficlens.cast.names import split_name
from ficlens.dialogue import DialogueResult, Prepared, attribute, prepare
from ficlens.dialogue.addressees import addressing
from ficlens.dialogue.ranker import Ranker, load_ranker
from ficlens.errors import FicLensError
from ficlens.eval.shares import share
from ficlens.eval.speaker_ranker import (
    MODELS,
    Attributed,
    label,
    leave_one_out,
    write_ranker,
)
from ficlens.ingest import read_bytes
from ficlens.model import Character, Quote, Span
from ficlens.structure import build_work

QUOTE_TYPES = ("Explicit", "Anaphoric", "Implicit")
_GENDERS = {"M": "he/him", "F": "she/her"}


@dataclass(frozen=True, slots=True)
class GoldCharacter:
    """A PDNC character: id, main name, aliases, gender letter."""

    id: str
    name: str
    aliases: tuple[str, ...]
    gender: str


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """A PDNC quotation: its sub-spans, speaker id, type and addressee ids."""

    spans: tuple[Span, ...]
    speaker: str | None
    kind: str
    addressees: tuple[str, ...] = ()


@dataclass(frozen=True)
class Novel:
    """One PDNC novel with its gold annotations."""

    name: str
    text: str
    characters: tuple[GoldCharacter, ...]
    quotes: tuple[GoldQuote, ...]


@dataclass
class Score:
    """Counts behind the reported figures of one novel (or of all, summed)."""

    gold_spans: int = 0
    found_spans: int = 0
    predicted: int = 0
    correct_predicted: int = 0
    quotes: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    addressed: int = 0
    addressee_given: int = 0
    addressee_right: int = 0

    def add(self, other: Score) -> None:
        """Add another score's counts to this one."""
        self.gold_spans += other.gold_spans
        self.found_spans += other.found_spans
        self.predicted += other.predicted
        self.correct_predicted += other.correct_predicted
        self.quotes.update(other.quotes)
        self.right.update(other.right)
        self.addressed += other.addressed
        self.addressee_given += other.addressee_given
        self.addressee_right += other.addressee_right

    @property
    def recall(self) -> float:
        """Share of gold quotation spans found."""
        return share(self.found_spans, self.gold_spans)

    @property
    def precision(self) -> float:
        """Share of predicted quotations that are gold quotations."""
        return share(self.correct_predicted, self.predicted)

    @property
    def addressee_accuracy(self) -> float:
        """Share of gold quotations with an addressee given one of their gold addressees."""
        return share(self.addressee_right, self.addressed)

    @property
    def addressee_precision(self) -> float:
        """Share of right addressees among the quotations of those given any addressee."""
        return share(self.addressee_right, self.addressee_given)

    def accuracy(self, kind: str | None = None) -> float:
        """Speaker accuracy over all gold quotations, or those of one type."""
        total = sum(self.quotes.values()) if kind is None else self.quotes[kind]
        right = sum(self.right.values()) if kind is None else self.right[kind]
        return share(right, total)


def load_novel(folder: Path) -> Novel:
    """Read one PDNC novel folder (novel text, quotation and character tables).

    Raises:
        FicLensError: a file is missing or malformed.
    """
    try:
        text = (folder / "novel_text.txt").read_text(encoding="utf-8")
        with (folder / "character_info.csv").open(encoding="utf-8") as handle:
            characters = tuple(_character(row) for row in csv.DictReader(handle))
        lookup = _alias_lookup(characters)
        with (folder / "quotation_info.csv").open(encoding="utf-8") as handle:
            quotes = tuple(_quote(row, lookup) for row in csv.DictReader(handle))
    except (OSError, KeyError, ValueError, SyntaxError) as error:
        raise FicLensError(f"{folder}: not a PDNC novel folder ({error})") from None
    return Novel(folder.name, text, characters, quotes)


def _character(row: dict[str, str]) -> GoldCharacter:
    aliases = ast.literal_eval(row["Aliases"]) if row["Aliases"].strip() else set()
    cleaned = tuple(sorted({a.strip() for a in aliases if a.strip()}))
    return GoldCharacter(
        row["Character ID"].strip(), row["Main Name"].strip(), cleaned, row["Gender"]
    )


def _alias_lookup(characters: Sequence[GoldCharacter]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for character in characters:
        for name in (character.name, *character.aliases):
            lookup.setdefault(name.strip().lower(), character.id)
    return lookup


def _quote(row: dict[str, str], lookup: dict[str, str]) -> GoldQuote:
    spans = tuple(Span(int(s), int(e)) for s, e in ast.literal_eval(row["quoteByteSpans"]))
    named = ast.literal_eval(row["addressees"]) if (row.get("addressees") or "").strip() else []
    addressees = tuple(
        dict.fromkeys(i for n in named if (i := lookup.get(str(n).strip().lower())) is not None)
    )
    speaker = lookup.get(row["speaker"].strip().lower())
    return GoldQuote(spans, speaker, row["quoteType"], addressees)


def known_roster(novel: Novel) -> list[KnownCharacter]:
    """The gold characters as a roster for the gold-roster protocol."""
    return [KnownCharacter(c.name, c.aliases, _GENDERS.get(c.gender)) for c in novel.characters]


def name_forms(names: Sequence[str]) -> set[str]:
    """Comparable forms of names: lower case, with and without title and leading article.

    ``The Cat`` and ``Cat``, ``Mr. Darcy`` and ``Darcy`` compare equal in some form.
    """
    forms: set[str] = set()
    for name in names:
        for form in (name, split_name(name).name):
            lowered = " ".join(form.lower().split())
            forms.add(lowered)
            forms.add(lowered.removeprefix("the "))
    forms.discard("")
    return forms


def map_characters(predicted: Sequence[Character], novel: Novel) -> dict[str, str]:
    """Map predicted characters to gold ids by the names they share (end-to-end protocol).

    Names are compared in lower case, with and without titles and a leading article; a
    predicted character maps to the gold character sharing the most name forms with it, and
    to nobody on a tie.
    """
    gold = {c.id: (c.name, *c.aliases) for c in novel.characters}
    return map_by_names(predicted, gold)


def map_by_names(
    predicted: Sequence[Character], gold: Mapping[str, Sequence[str]]
) -> dict[str, str]:
    """Map each predicted character to the gold id sharing the most name forms; ties map none.

    The first-person placeholders ``I`` and ``Narrator`` are no names: a narrator merged with
    ``Tommy`` maps by ``Tommy`` even where the gold data has an entity called only ``I``. A
    character that shares no whole name with any gold character maps to the one gold character,
    if only one, with a name holding every word of its own (a narrator the text only calls
    ``Jake`` is ``Jake Barnes``); failing that, a character named only by a placeholder maps to
    the one gold character, if only one, that the gold data calls by it.
    """
    gold_forms = {gid: name_forms(names) for gid, names in gold.items()}
    gold_words = {gid: [set(form.split()) for form in forms] for gid, forms in gold_forms.items()}
    mapping: dict[str, str] = {}
    for character in predicted:
        every = name_forms((character.name, *character.aliases))
        names = every - _PLACEHOLDERS
        winners = _most_shared(names, gold_forms)
        if not winners:
            own = [set(form.split()) for form in names]
            winners = [
                gid
                for gid, forms in gold_words.items()
                if any(words <= form for words in own for form in forms)
            ]
        if not winners:
            winners = _most_shared(every & _PLACEHOLDERS, gold_forms)
        if len(winners) == 1:
            mapping[character.id] = winners[0]
    return mapping


def _most_shared(names: set[str], gold_forms: Mapping[str, set[str]]) -> list[str]:
    """The gold ids sharing the most of ``names`` (none when none shares any)."""
    scores = {gid: len(names & forms) for gid, forms in gold_forms.items()}
    best = max(scores.values(), default=0)
    return [gid for gid, score in scores.items() if score == best] if best else []


_PLACEHOLDERS = frozenset({"i", "narrator"})


def _covered(span: Span, pool: Sequence[Span], starts: Sequence[int]) -> int:
    index = bisect.bisect_left(starts, span.start)
    total = 0
    for other in pool[max(0, index - 3) : index + 3]:
        total += max(0, min(span.end, other.end) - max(span.start, other.start))
    return total


GoldItem = tuple[tuple[Span, ...], str | None, str]
"""A gold quotation for scoring: its spans, its speaker's id and its type."""


def score_quotes(
    predicted: Sequence[Quote],
    gold: Sequence[GoldItem],
    ids: Mapping[str, str],
    addressees: Sequence[tuple[str, ...]] = (),
) -> Score:
    """Score predicted quotations against gold ones: detection, speakers by type, addressees.

    Args:
        predicted: FicLens's quotations.
        gold: the gold quotations.
        ids: predicted character id -> gold speaker id.
        addressees: the gold addressee ids of each gold quotation, in the order of ``gold``
            (none given: addressees are not scored).
    """
    ordered = sorted(predicted, key=lambda q: q.span.start)
    spans = [q.span for q in ordered]
    starts = [s.start for s in spans]
    gold_spans = sorted(span for item in gold for span in item[0])
    gold_starts = [s.start for s in gold_spans]
    score = Score(gold_spans=len(gold_spans), predicted=len(spans))
    score.found_spans = sum(1 for g in gold_spans if _covered(g, spans, starts) * 2 >= len(g))
    score.correct_predicted = sum(
        1 for p in spans if _covered(p, gold_spans, gold_starts) * 2 >= len(p)
    )
    addressed_of = [*addressees, *[()] * (len(gold) - len(addressees))]
    for (item_spans, speaker, kind), addressed in zip(gold, addressed_of, strict=True):
        score.quotes[kind] += 1
        found = _quote_at(item_spans[0], ordered, starts)
        said_by = found.speaker if found is not None else None
        if said_by is not None and speaker is not None and ids.get(said_by) == speaker:
            score.right[kind] += 1
        if addressed:
            score.addressed += 1
            to = found.addressee if found is not None else None
            score.addressee_given += to is not None
            score.addressee_right += to is not None and ids.get(to) in addressed
    return score


def score_novel(novel: Novel, result: DialogueResult, *, gold_roster: bool) -> Score:
    """Score one novel's detection and speaker attribution."""
    ids = gold_ids(novel, result, gold_roster=gold_roster)
    gold = [(q.spans, q.speaker, q.kind) for q in novel.quotes]
    return score_quotes(result.quotes, gold, ids, [q.addressees for q in novel.quotes])


def _quote_at(span: Span, predicted: Sequence[Quote], starts: Sequence[int]) -> Quote | None:
    index = bisect.bisect_left(starts, span.start)
    for quote in predicted[max(0, index - 2) : index + 2]:
        if quote.span.overlaps(span):
            return quote
    return None


def novel_folders(root: Path) -> list[Path]:
    """The novel folders under a PDNC directory, sorted."""
    if not root.is_dir():
        problem = "not a folder" if root.exists() else "no such folder"
        raise FicLensError(f"{root}: {problem} (give the PDNC folder, one sub-folder per novel)")
    folders = sorted(p for p in root.iterdir() if (p / "quotation_info.csv").is_file())
    if not folders:
        raise FicLensError(f"{root}: no PDNC novel folders (with quotation_info.csv) found")
    return folders


PROTOCOLS = ("end-to-end", "gold-roster")


RANKER_MODES = ("auto", "shipped", "leave-one-out", "off")


@dataclass(frozen=True)
class Evaluation:
    """Scores per protocol and novel, with the parse time of each novel.

    ``ranker`` says how the speaker ranker was applied: ``shipped``, ``leave-one-out`` (a
    ranker trained on the other novels for each novel) or ``off``.
    """

    scores: dict[str, dict[str, Score]]
    words: dict[str, int]
    seconds: dict[str, float]
    ranker: str = "off"

    def total(self, protocol: str) -> Score:
        """The micro-averaged counts of one protocol over all novels."""
        total = Score()
        for score in self.scores[protocol].values():
            total.add(score)
        return total


def gold_ids(novel: Novel, result: DialogueResult, *, gold_roster: bool) -> dict[str, str]:
    """Predicted character id -> gold id, under one protocol."""
    if gold_roster:
        return {f"c{n}": c.id for n, c in enumerate(novel.characters, start=1)}
    return map_characters(result.cast.characters, novel)


def sieve_novel(novel: Novel, prepared: Prepared, protocols: Sequence[str]) -> list[Attributed]:
    """The sieves' answers and the ranker's labelled candidates, per protocol."""
    gold = sorted(((span, q.speaker) for q in novel.quotes for span in q.spans), key=_start)
    found = []
    for protocol in protocols:
        on_gold = protocol == "gold-roster"
        result = attribute(prepared, known=known_roster(novel) if on_gold else None, rank=False)
        groups = label(prepared, result, gold, gold_ids(novel, result, gold_roster=on_gold))
        address = addressing(prepared, result.cast)
        found.append(Attributed(novel.name, protocol, replace(result, parsed=()), groups, address))
    return found


def _start(item: tuple[Span, str | None]) -> int:
    return item[0].start


def _ranker_mode(mode: str, names: Sequence[str]) -> tuple[str, Ranker | None]:
    if mode not in RANKER_MODES:
        raise FicLensError(f"unknown ranker mode {mode!r}; use one of {list(RANKER_MODES)}")
    shipped = load_ranker()
    if mode == "auto":
        seen = set(shipped.meta.get("novels", ())) & set(names) if shipped else set()
        # A ranker that saw a novel must not score it: rank each novel with a ranker trained on
        # the others, or, with one novel only, use the sieves alone.
        mode = "off" if shipped is None else "shipped" if not seen else "leave-one-out"
        if mode == "leave-one-out" and len(names) < 2:
            mode = "off"
    if mode == "shipped" and shipped is None:
        raise FicLensError("no shipped speaker ranker: train one with `ficlens train pdnc DIR`")
    return mode, shipped


def evaluate(
    root: Path,
    *,
    protocols: Sequence[str] = PROTOCOLS,
    novels: Sequence[str] = (),
    ranker: str = "auto",
    progress: Callable[[str], None] | None = None,
    keep: list[Attributed] | None = None,
) -> Evaluation:
    """Run FicLens on every PDNC novel under ``root`` and score it under each protocol.

    The text is read, structured and parsed once per novel; each protocol then builds (or is
    given) its roster and attributes the quotations. The speaker ranker is applied as
    ``ranker`` says: ``auto`` is ``leave-one-out`` when the shipped ranker was trained on any
    of these novels (so no novel is scored by a ranker that saw it; ``off`` if there is only
    one novel), else ``shipped``. The
    sieved novels are appended to ``keep`` when given (for training).
    """
    words: dict[str, int] = {}
    seconds: dict[str, float] = {}
    gold: dict[str, Novel] = {}
    attributed: list[Attributed] = []
    for novel, prepared, started in _read_novels(root, novels):
        attributed.extend(sieve_novel(novel, prepared, protocols))
        gold[novel.name] = replace(novel, text="")
        seconds[novel.name] = time.perf_counter() - started
        words[novel.name] = len(novel.text.split())
        if progress is not None:
            progress(novel.name)
    if keep is not None:
        keep.extend(attributed)
    mode, shipped = _ranker_mode(ranker, list(gold))
    if mode == "leave-one-out":
        ranked = leave_one_out(attributed)
    else:
        ranked = {
            (a.novel, a.protocol): a.ranked(shipped)
            if shipped and mode == "shipped"
            else a.result.quotes
            for a in attributed
        }
    scores: dict[str, dict[str, Score]] = {protocol: {} for protocol in protocols}
    for item in attributed:
        result = replace(item.result, quotes=ranked[(item.novel, item.protocol)])
        scores[item.protocol][item.novel] = score_novel(
            gold[item.novel], result, gold_roster=item.protocol == "gold-roster"
        )
    return Evaluation(scores, words, seconds, mode)


def train_ranker(
    root: Path, *, out: Path | None = None, progress: Callable[[str], None] | None = None
) -> tuple[Evaluation, Path]:
    """Train the speaker ranker on every novel under ``root`` and write it.

    Returns the leave-one-novel-out evaluation (the figure to publish: no novel is scored by a
    ranker that saw it) and the path of the model written.
    """
    kept: list[Attributed] = []
    evaluation = evaluate(root, ranker="leave-one-out", progress=progress, keep=kept)
    _, target = write_ranker(kept, out=out or MODELS)
    return evaluation, target


def _read_novels(root: Path, names: Sequence[str]) -> Iterator[tuple[Novel, Prepared, float]]:
    for folder in novel_folders(root):
        if names and folder.name not in names:
            continue
        novel = load_novel(folder)
        started = time.perf_counter()
        raw = read_bytes(novel.text.encode("utf-8"), path=f"{novel.name}/novel_text.txt")
        work = build_work(raw)
        if work.text != novel.text:
            raise FicLensError(
                f"{novel.name}: the text changed on reading; offsets would not match"
            )
        yield novel, prepare(work), started
