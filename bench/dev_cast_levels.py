"""Development check: the levels the cast adds, against the authors' archive warnings.

Runs the full pipeline (spaCy cast included) on the ``ao3-hp`` works that use archive
warnings and prints two tables: per level the ``death`` signal reaches (``none`` ...
``major_character``), how many works reach it and how many of those their authors tag Major
Character Death; and the same for the ``minor`` signal (``none`` ... ``in_sexual_scene``) and
Underage Sex. With ``--sample N`` it also prints N random attributed deaths and minors (work
id, who, the sentence's first 150 characters) for checking by hand; nothing else of the texts
is printed.

Authors' tags are not a gold standard for "a character dies on the page" (a story may end
with a death its author does not call major, or warn for a death that happens off the page),
so the tables show agreement, not accuracy.

Run: ``.venv/bin/python bench/dev_cast_levels.py [--limit N] [--jobs 2] [--sample 40]``.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ficlens.content.corpus import LabelledWork, prepare, read_labelled
from ficlens.content.signals import CAST_LEVELS
from ficlens.errors import InputError

DATA = Path(__file__).resolve().parent.parent.parent / "shared/data"
TABLES = {
    "death": ("Major Character Death", ("none", "mentioned", "on_page", *CAST_LEVELS["death"])),
    "minor": ("Underage Sex", ("none", "mentioned", "stated", *CAST_LEVELS["minor"])),
}

Row = tuple[str, str, bool, list[str], str]
"""A work's id, a signal's level, whether its author tags the warning, who, the first passage."""


def rows_of(work: LabelledWork) -> list[Row] | None:
    """The work's two signals through the full pipeline; ``None`` if it cannot be read."""
    from ficlens.api import analyze  # noqa: PLC0415 (loads spaCy in the worker)

    try:
        analysis = analyze(prepare(work).work)
    except InputError:
        return None
    assert analysis.content is not None
    names = {c.id: c.name for c in analysis.characters}
    text = analysis.work.text
    rows = []
    for signal in analysis.content.signals:
        if signal.name not in TABLES:
            continue
        first = text[signal.evidence[0].start : signal.evidence[0].end] if signal.evidence else ""
        who = [names.get(ident, ident) for ident in signal.characters]
        tagged = TABLES[signal.name][0] in work.warnings
        rows.append((work.work_id, signal.level, tagged, who, first[:150]))
    return rows


def main() -> None:
    """Print the level table, and a sample of attributions to check by hand."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    parser.add_argument("--limit", type=int, default=0, help="read only the first N works")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--sample", type=int, default=0, help="print N attributed deaths")
    args = parser.parse_args()
    started = time.perf_counter()
    works, _ = read_labelled(args.data / "ao3-hp/works.jsonl")
    warned = [w for w in works if w.warned][: args.limit or None]
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        works = [rows for rows in pool.map(rows_of, warned, chunksize=8) if rows is not None]
    print(f"{len(works)} works that use warnings, {time.perf_counter() - started:.0f} s")
    for position, (signal, (warning, levels)) in enumerate(TABLES.items()):
        rows = [work[position] for work in works]
        tally = Counter((level, tagged) for _, level, tagged, _, _ in rows)
        print(f"\n{signal + ' level':<18}{'works':>7}{'tagged':>8}{'share':>8}   ({warning})")
        for level in levels:
            total = tally[(level, True)] + tally[(level, False)]
            share = tally[(level, True)] / total if total else 0.0
            print(f"{level:<18}{total:>7}{tally[(level, True)]:>8}{share:>8.3f}")
        named = [row for row in rows if row[3]]
        for work_id, level, tagged, who, first in random.Random(0).sample(
            named, min(args.sample, len(named))
        ):
            print(
                f"  {work_id} {level} tagged={tagged} {', '.join(who)} | {' '.join(first.split())}"
            )


if __name__ == "__main__":
    main()
