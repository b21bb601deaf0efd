"""Benchmark: the whole analysis against a plain spaCy pass over the same text, in one process.

For the largest PDNC novels (``../shared/data/pdnc``; pass ``--pdnc DIR`` to point elsewhere)
it times, on one core:

- the baseline: ``nlp.pipe`` of the full ``en_core_web_sm`` pipeline over every paragraph;
- FicLens: read, structure, fandoms, quotations, parse (narration only, quotations masked),
  cast, speakers and points of view (``ficlens.analyze``);

and prints words/s of each, their ratio, and the peak memory (tracemalloc) of the analysis.
The spaCy model is loaded before timing starts in both cases.

Run: ``make bench`` or ``.venv/bin/python bench/bench_dialogue.py [--novels 2]``.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from pathlib import Path

import spacy

import ficlens
from ficlens.ingest import read_bytes
from ficlens.nlp import DEFAULT_MODEL, load_nlp
from ficlens.structure import build_work
from ficlens.structure.paragraphs import split_paragraphs

DEFAULT_PDNC = Path(__file__).resolve().parents[2] / "shared" / "data" / "pdnc"


def largest_novels(root: Path, count: int) -> list[Path]:
    """The ``count`` largest novel texts under a PDNC folder."""
    texts = sorted(root.glob("*/novel_text.txt"), key=lambda p: p.stat().st_size, reverse=True)
    return texts[:count]


def plain_spacy(text: str) -> float:
    """Seconds for the full default pipeline over the text's paragraphs."""
    nlp = spacy.load(DEFAULT_MODEL)
    paragraphs = [p.text for p in split_paragraphs(text)]
    started = time.perf_counter()
    for _doc in nlp.pipe(paragraphs, batch_size=64):
        pass
    return time.perf_counter() - started


def ficlens_analysis(text: str, name: str) -> tuple[float, int, int]:
    """Seconds and peak traced memory of the whole analysis, and the quotations found."""
    load_nlp()
    tracemalloc.start()
    started = time.perf_counter()
    work = build_work(read_bytes(text.encode("utf-8"), path=name))
    analysis = ficlens.analyze(work)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak, len(analysis.quotes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pdnc", type=Path, default=DEFAULT_PDNC)
    parser.add_argument("--novels", type=int, default=2)
    args = parser.parse_args()
    novels = largest_novels(args.pdnc, args.novels)
    if not novels:
        raise SystemExit(f"no PDNC novels under {args.pdnc}; pass --pdnc DIR")
    for path in novels:
        text = path.read_text(encoding="utf-8")
        words = len(text.split())
        baseline = plain_spacy(text)
        # Timing without tracemalloc first; the memory run comes second, as tracing slows it.
        work = build_work(read_bytes(text.encode("utf-8"), path=path.parent.name))
        started = time.perf_counter()
        ficlens.analyze(work)
        analysis = time.perf_counter() - started
        _, peak, quotes = ficlens_analysis(text, path.parent.name)
        print(f"{path.parent.name}: {words:,} words, {quotes:,} quotations")
        print(f"  plain spaCy pass (full pipeline): {words / baseline:>8,.0f} words/s")
        print(
            f"  ficlens analyze (whole):          {words / analysis:>8,.0f} words/s"
            f"  ({analysis / baseline:.2f}x the spaCy pass's time)"
        )
        print(f"  peak traced memory of analysis:   {peak / 1e6:>8,.0f} MB")


if __name__ == "__main__":
    main()
