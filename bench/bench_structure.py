"""Benchmark: reading and structuring text, against a plain word count of the same text.

Builds a long fic (chapters, notes, breaks, time skips) from the demo stories' text, then times
three passes in one process: a baseline that decodes the bytes and counts words, the full
``ficlens.read`` (ingest + structure), and each format of the demo works. Prints words/s,
the ratio to the baseline, and peak memory (tracemalloc) of the full read.

Run: ``make bench`` (or ``.venv/bin/python bench/bench_structure.py [--words N]``).
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import ficlens
from ficlens.demo.build import SOURCES_DIR, WORKS_DIR, load_source
from ficlens.stats import count_words


def long_fic(target_words: int) -> str:
    """A long plain-text fic made by repeating the demo stories' chapters."""
    sources = [load_source(p) for p in sorted(SOURCES_DIR.glob("*.toml"))]
    parts = ["A Very Long Story\nby benchmark\n\nRating: T\n\nDisclaimer: I own nothing.\n"]
    words, number = 0, 0
    while words < target_words:
        for source in sources:
            for chapter in source.chapters:
                number += 1
                parts.append(f"Chapter {number}: {chapter.title or 'Untitled'}\n")
                parts.append(f"A/N: {chapter.notes or 'Thanks for reading!'}\n")
                for scene in chapter.scenes:
                    if scene.break_line:
                        parts.append(scene.break_line + "\n")
                    if scene.heading:
                        parts.append(scene.heading + "\n")
                    parts.extend(p + "\n" for p in scene.paragraphs)
                    words += sum(count_words(p) for p in scene.paragraphs)
                parts.append("A/N: Please review!\n")
    return "\n".join(parts)


def timed(action: Callable[[], object], repeat: int = 3) -> float:
    """Best wall time of ``repeat`` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=300_000, help="size of the long fic")
    args = parser.parse_args()
    text = long_fic(args.words)
    words = count_words(text)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.txt"
        path.write_text(text, encoding="utf-8")
        baseline = timed(lambda: count_words(path.read_bytes().decode("utf-8")))
        full = timed(lambda: ficlens.read(path), repeat=2)
        tracemalloc.start()
        work = ficlens.read(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(f"long fic: {words:,} words, {len(text) / 1e6:.1f} MB, {len(work.chapters)} chapters")
    print(f"  baseline (decode + word count): {words / baseline:>12,.0f} words/s")
    print(
        f"  ficlens read + structure:       {words / full:>12,.0f} words/s"
        f"  ({full / baseline:.1f}x the baseline's time)"
    )
    ratio = peak / len(text)
    print(f"  peak traced memory of read:     {peak / 1e6:>12,.1f} MB ({ratio:.1f}x text)")
    print("demo works, read + structure (each file, best of 3):")
    for file in sorted(WORKS_DIR.iterdir()):
        seconds = timed(lambda f=file: ficlens.read(f))  # type: ignore[misc]
        print(f"  {file.name:<42} {seconds * 1000:>7.1f} ms")


if __name__ == "__main__":
    main()
