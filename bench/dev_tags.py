"""Development check: suggested freeform tags against the tags AO3 authors chose.

Reads ``works.jsonl`` (one AO3 work per line: ``text`` starting with "Work Text:", and the
author's ``freeforms``), splits each story into paragraphs at line breaks, runs
``detect_tags`` and prints, per tag, how many works it tagged and its precision, recall and F1
against the author's tags (close AO3 variants count, see ``ficlens.eval.tags``). Only
aggregate numbers are printed; no text of the works.

Content signals come from ``ficlens.content.signals`` (``--no-signals`` skips them: tags that
need one, such as Smut, then cannot fire). The fandoms come from ``detect_fandoms`` on the
text, so a tag of one canon (Marauders' Era) fires only where FicLens places the work in it.
The works the trained tag models read (``ficlens train tags``: the first 3,000) are in-sample
for those tags; ``--skip 3000`` is the held-out split. ``--structure`` runs FicLens's
structure stage for scenes, chapters and paragraphs instead of splitting at line breaks.
Authors under-tag, so precision is a lower bound; recall is the figure to watch. For the tags a
trained model decides, it also prints whether their stated confidence holds: the mean confidence
of the works a tag fired on against the share whose author used it, and the ECE
(``ficlens.eval.calibration``).

Run: ``.venv/bin/python bench/dev_tags.py [--limit N] [--skip N] [--structure] [--jobs N]``.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

from ficlens.content.signals import detect_signals
from ficlens.content.tags import detect_tags, load_tags
from ficlens.eval.calibration import reliability
from ficlens.eval.tags import (
    TagScore,
    canonical_gold,
    micro,
    rule_aliases,
    score_tags,
    variant_index,
)
from ficlens.fandoms import detect_fandoms
from ficlens.model import Chapter, Scene, Span

DATA = Path(__file__).resolve().parent.parent.parent / "shared/data/ao3-hp/works.jsonl"
_LINE = re.compile(r"[^\n]+")
_PREFIX = "Work Text:"
Row = tuple[list[tuple[str, float]], list[str]]
"""One work's suggested tags with their confidences, and its author's tags."""


def paragraphs(text: str) -> list[Span]:
    """Each non-blank line after the "Work Text:" line, without its outer whitespace."""
    start = text.find(_PREFIX)
    offset = start + len(_PREFIX) if start != -1 and not text[:start].strip() else 0
    spans = []
    for line in _LINE.finditer(text, offset):
        stripped = line.group().strip()
        if stripped:
            begin = line.start() + line.group().index(stripped)
            spans.append(Span(begin, begin + len(stripped)))
    return spans


def structured(text: str) -> tuple[str, list[Span], tuple[Scene, ...], tuple[Chapter, ...]]:
    """The work through FicLens's structure stage: its text, paragraphs, scenes, chapters."""
    from ficlens.ingest import read_bytes  # noqa: PLC0415 (only with --structure)
    from ficlens.structure import build_work  # noqa: PLC0415
    from ficlens.structure.paragraphs import split_paragraphs  # noqa: PLC0415

    body = text.split(_PREFIX, 1)[-1]
    work = build_work(read_bytes(body.encode("utf-8"), path="work.txt"))
    spans = [
        paragraph.span
        for scene in work.scenes
        for segment in scene.segments
        for paragraph in split_paragraphs(work.text, segment)
    ]
    return work.text, spans, work.scenes, work.chapters


def works(path: Path, skip: int, limit: int | None) -> Iterator[dict[str, object]]:
    """The works of a JSON-lines file, from ``skip`` on, at most ``limit``."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number < skip:
                continue
            if limit is not None and number >= skip + limit:
                break
            yield json.loads(line)


def predict(
    work: dict[str, object], use_structure: bool, use_signals: bool
) -> list[tuple[str, float]]:
    """The tags FicLens suggests for one work, with their confidences."""
    text = str(work["text"])
    scenes: tuple[Scene, ...] = ()
    chapters: tuple[Chapter, ...] = ()
    if use_structure:
        text, spans, scenes, chapters = structured(text)
    else:
        spans = paragraphs(text)
    signals = detect_signals(text, spans) if use_signals else ()
    fandoms = [match.pack.name for match in detect_fandoms(text)]
    tags = detect_tags(
        text, spans, scenes=scenes, chapters=chapters, signals=signals, fandoms=fandoms
    )
    return [(tag.name, tag.confidence) for tag in tags]


def gold_of(work: dict[str, object]) -> list[str]:
    """The author's freeform tags of one work."""
    freeforms = work.get("freeforms")
    return [str(tag) for tag in freeforms] if isinstance(freeforms, list) else []


def evaluate(work: dict[str, object], use_structure: bool, use_signals: bool) -> Row:
    """One work's predicted tag names and its author's tags."""
    return predict(work, use_structure, use_signals), gold_of(work)


def row(score: TagScore, total: int) -> str:
    """One line of the table."""
    share = 100 * score.predicted / max(total, 1)
    return (
        f"{score.tag:<38} {score.predicted:>6} {share:>6.1f}% {score.support:>7} {score.tp:>5}"
        f" {score.precision:>6.3f} {score.recall:>6.3f} {score.f1:>6.3f}"
    )


def main() -> None:
    """Run the check and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=None, help="only this many works")
    parser.add_argument("--skip", type=int, default=0, help="start after this many works")
    parser.add_argument("--structure", action="store_true", help="use the structure stage")
    parser.add_argument("--no-signals", action="store_true", help="skip content signals")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    args = parser.parse_args()
    began = time.perf_counter()
    task = partial(evaluate, use_structure=args.structure, use_signals=not args.no_signals)
    chosen = works(args.data, args.skip, args.limit)
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as pool:
            rows = list(pool.map(task, chosen, chunksize=20))
    else:
        rows = [task(work) for work in chosen]
    seconds = time.perf_counter() - began
    scores = score_tags([([name for name, _ in found], gold) for found, gold in rows])
    print(f"{len(rows)} works (from {args.skip}), {len(load_tags())} tags, {seconds:.1f} s")
    header = f"{'tag':<38} {'tagged':>6} {'share':>7} {'support':>7} {'tp':>5}"
    print(f"{header} {'P':>6} {'R':>6} {'F1':>6}")
    for score in scores.values():
        print(row(score, len(rows)))
    print(row(micro(scores.values()), len(rows)))
    measured = [s for s in scores.values() if s.support]
    macro_r = sum(s.recall for s in measured) / max(len(measured), 1)
    print(f"macro recall over {len(measured)} tags with support: {macro_r:.3f}")
    print_calibration(rows)


def print_calibration(rows: list[Row]) -> None:
    """For each model-decided tag: its confidence where it fired against the authors' use."""
    rules = [rule for rule in load_tags() if rule.model]
    index = variant_index(rule_aliases(rules))
    header = f"{'model tag: stated when it fires':<38} {'works':>6} {'stated':>7}"
    print(f"{header} {'right':>6} {'ECE':>6}")
    for rule in rules:
        stated, right = [], []
        for found, gold in rows:
            for name, confidence in found:
                if name == rule.name:
                    stated.append(confidence)
                    right.append(rule.name in canonical_gold(gold, index))
        r = reliability(stated, right)
        print(f"{rule.name:<38} {r.n:>6} {r.confidence:>7.3f} {r.right:>6.3f} {r.ece:>6.3f}")


if __name__ == "__main__":
    main()
