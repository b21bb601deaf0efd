"""Development check: the spoiler-free summary against the summaries AO3 authors wrote.

Reads ``works.jsonl`` (``text`` starting with "Work Text:", the author's ``summary``), runs the
structure and dialogue stages on each work (spaCy: the cast and quotations the summary reads)
and scores four ways of picking three sentences against the author's summary:

- ``ficlens``: :func:`ficlens.content.summarize`, as the report shows it;
- ``lead``: the story's first three sentences of six words or more;
- ``random``: three sentences drawn (seeded) from those ``summarize`` may choose among;
- ``oracle``: the three of those that overlap the author's summary most (chosen greedily by
  ROUGE-1 F1 against it): the ceiling of any choice from the story's first 40%.

ROUGE-1 counts shared content words (lower case, stop words out, a trailing ``'s`` or ``s``
cut), ROUGE-2 shared word pairs (all words); both are F1, averaged over the works. Authors'
summaries are short teasers in their own words (median 23 words), so the figures are low for
every system: they say which choice names what the author thought the story is about, not
whether the summary reads well. ``opens he/she`` is the share of summaries whose first word is
a third-person pronoun (``She smirked ...``), whom a reader cannot yet tell. Only aggregate
numbers are printed; no text of the works.

The summary has no trained part. ``--cache FILE`` keeps the stage outputs so that changes to
the scoring can be measured again in seconds (delete the file after changing the cast or the
dialogue stage).

Run: ``.venv/bin/python bench/dev_summary.py [--skip N] [--limit N] [--jobs N] [--cache FILE]``.
"""

from __future__ import annotations

import argparse
import itertools
import pickle
import random
import re
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dev_tags import works as json_lines  # bench/ is on the path when run as a script

from ficlens.content.summary import UNNAMED_OPENING, sentence_spans, summarize
from ficlens.model import Character, Span

DATA = Path(__file__).resolve().parent.parent.parent / "shared/data/ao3-hp/works.jsonl"
SENTENCES = 3
LEAD_MIN_WORDS = 6
_WORD = re.compile(r"[a-z][a-z'’]*")
_STOP = frozenset(
    """a an the and but or of to in on at with from for by as is was were be been are it its
    this that he she they him her them his hers their i you we me my your our not no so if
    then than when what who which there here have has had do did does will would can could
    just all about into out up over after before one""".split()
)


@dataclass(frozen=True)
class Inputs:
    """What ``summarize`` reads for one work, and the author's summary."""

    gold: str
    text: str
    paragraphs: tuple[Span, ...]
    characters: tuple[Character, ...]
    quotations: tuple[Span, ...] | None
    avoid: tuple[Span, ...]
    whole: tuple[Span, ...]
    third_person: bool = False


def works(path: Path, skip: int, limit: int | None) -> Iterator[tuple[str, str, str]]:
    """``(work_id, text, summary)`` of the works with a summary, after ``skip`` lines."""
    for work in json_lines(path, skip, limit):
        summary = str(work.get("summary") or "")
        if summary.strip():
            yield str(work["work_id"]), str(work["text"]), summary


def stage_inputs(item: tuple[str, str, str]) -> Inputs | str:
    """Run the stages the summary reads on one work; an unreadable work gives its error."""
    from ficlens.api import work_fandoms  # noqa: PLC0415 (loads spaCy)
    from ficlens.content import script_lines  # noqa: PLC0415
    from ficlens.content.signals import find_hits, graphic_passages  # noqa: PLC0415
    from ficlens.content.summary import paragraphs_touching  # noqa: PLC0415
    from ficlens.dialogue import analyze_dialogue, story_paragraphs  # noqa: PLC0415
    from ficlens.dialogue.script import find_script  # noqa: PLC0415
    from ficlens.errors import InputError  # noqa: PLC0415
    from ficlens.fandoms import cast_packs  # noqa: PLC0415
    from ficlens.ingest import read_bytes  # noqa: PLC0415
    from ficlens.structure import build_work  # noqa: PLC0415

    work_id, raw_text, gold = item
    try:
        raw = read_bytes(raw_text.removeprefix("Work Text:").encode(), path=f"{work_id}.txt")
        work = build_work(raw)
    except InputError as error:
        return f"work {work_id}: {error}"
    paragraphs = tuple(story_paragraphs(work))
    script = find_script(work.text, paragraphs)
    packs = cast_packs([match.pack for match in work_fandoms(work, script)])
    result = analyze_dialogue(work, packs=packs, script=script)
    hits = find_hits(work.text, paragraphs)
    quotes = result.quotes
    return Inputs(
        gold=gold,
        text=work.text,
        paragraphs=paragraphs,
        characters=tuple(result.cast.characters),
        quotations=tuple(q.span for q in quotes) if quotes else None,
        avoid=tuple(paragraphs_touching(paragraphs, graphic_passages(hits))),
        whole=tuple(script_lines(work.text, quotes)),
        third_person=bool(result.cast.characters) and result.cast.person is None,
    )


def content_words(text: str) -> Counter[str]:
    """Lower-case content words, ``'s`` and a plural ``s`` cut."""
    words = (w.replace("’", "'").removesuffix("'s") for w in _WORD.findall(text.lower()))
    return Counter(
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
        for w in words
        if w not in _STOP and len(w) > 1
    )


def pairs(text: str) -> Counter[tuple[str, str]]:
    """Lower-case word pairs, stop words kept."""
    words = [w.replace("’", "'") for w in _WORD.findall(text.lower())]
    return Counter(itertools.pairwise(words))


def f1(found: Counter[Any], gold: Counter[Any]) -> float:
    """ROUGE's F1: the shared count against each side's total."""
    shared = sum((found & gold).values())
    if not shared:
        return 0.0
    precision, recall = shared / sum(found.values()), shared / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


def candidates(inputs: Inputs) -> list[Span]:
    """The sentences ``summarize`` may choose among: every readable one of the first 40%."""
    every = summarize(
        inputs.text,
        inputs.paragraphs,
        characters=inputs.characters,
        sentences=10_000,
        avoid=inputs.avoid,
        quotations=inputs.quotations,
        whole=inputs.whole,
        third_person=inputs.third_person,
    )
    return list(every)


def choices(inputs: Inputs, seed: int) -> dict[str, Sequence[Span]]:
    """The three sentences each system picks for one work."""
    text = inputs.text
    pool = candidates(inputs)
    lead = [
        s
        for p in inputs.paragraphs
        for s in sentence_spans(text, p)
        if len(s.of(text).split()) >= LEAD_MIN_WORDS
    ][:SENTENCES]
    gold = content_words(inputs.gold)
    oracle: list[Span] = []
    for _ in range(SENTENCES):
        scored = [
            (f1(content_words(" ".join(x.of(text) for x in [*oracle, s])), gold), s)
            for s in pool
            if s not in oracle
        ]
        if not scored:
            break
        oracle.append(max(scored, key=lambda item: item[0])[1])
    ficlens = summarize(
        text,
        inputs.paragraphs,
        characters=inputs.characters,
        avoid=inputs.avoid,
        quotations=inputs.quotations,
        whole=inputs.whole,
        third_person=inputs.third_person,
    )
    return {
        "ficlens": ficlens,
        "lead": lead,
        "random": random.Random(seed).sample(pool, min(SENTENCES, len(pool))),
        "oracle": oracle,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--skip", type=int, default=0, help="lines of the file to skip")
    parser.add_argument("--limit", type=int, default=300, help="lines of the file to read")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cache", type=Path, help="keep the stage outputs here")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.cache and args.cache.exists():
        read: list[Inputs | str] = pickle.loads(args.cache.read_bytes())
    else:
        items = list(works(args.data, args.skip, args.limit))
        with ProcessPoolExecutor(args.jobs) as pool:
            read = list(pool.map(stage_inputs, items, chunksize=4))
        if args.cache:
            args.cache.write_bytes(pickle.dumps(read))
    for error in (r for r in read if isinstance(r, str)):
        print(error)
    inputs = [r for r in read if isinstance(r, Inputs)]
    totals: dict[str, list[float]] = {}
    for n, one in enumerate(inputs):
        gold_words, gold_pairs = content_words(one.gold), pairs(one.gold)
        for name, spans in choices(one, seed=n).items():
            chosen = " ".join(span.of(one.text) for span in spans)
            row = totals.setdefault(name, [0.0, 0.0, 0.0, 0.0])
            row[0] += f1(content_words(chosen), gold_words)
            row[1] += f1(pairs(chosen), gold_pairs)
            row[2] += len(chosen.split())
            row[3] += bool(UNNAMED_OPENING.match(chosen))
    count = max(1, len(inputs))
    print(f"{len(inputs)} works with a summary (lines {args.skip}-{args.skip + args.limit})")
    print(f"{'system':<10}{'ROUGE-1 F1':>12}{'ROUGE-2 F1':>12}{'words':>8}{'opens he/she':>14}")
    for name, (rouge1, rouge2, words, unnamed) in totals.items():
        print(
            f"{name:<10}{rouge1 / count:>12.3f}{rouge2 / count:>12.3f}{words / count:>8.1f}"
            f"{unnamed / count:>14.3f}"
        )
    print(f"{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
