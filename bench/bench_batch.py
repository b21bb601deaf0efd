"""Benchmark: ``ficlens batch`` throughput on a generated corpus, in process and on Dask.

A corpus of ``--works`` generated one-shots (our own template text: a header with title,
author, rating and fandom, two to four scenes of narration and dialogue among Harry Potter
characters, so the fandom, cast, dialogue and content stages all have work to do) is written
to a temporary folder. The same corpus then goes through :func:`ficlens.batch.run_batch`:

- in this process without Dask (``workers=0``): the baseline;
- on a local Dask cluster of 1 and of 2 worker processes (startup included, since a user
  waits for it too).

For each run it prints works/s, words/s, the ratio to the baseline, parallel efficiency
(speed-up divided by workers) and peak memory (this process, and the sum of the workers'
resident memory at the end). With ``--growth`` it also runs 1/10 of the corpus on 2 workers to
show how time and memory grow with the corpus. Figures are printed, never asserted.

Run: ``.venv/bin/python bench/bench_batch.py [--works 2000] [--growth] [--structure-only]``
(2,000 works with the spaCy stages take about ten minutes on two cores).
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

from ficlens.batch import BatchReport, run_batch
from ficlens.batch.run import local_client

CAST = (
    ("Harry", "he"), ("Hermione", "she"), ("Ron", "he"), ("Ginny", "she"), ("Draco", "he"),
    ("Luna", "she"), ("Neville", "he"), ("Snape", "he"), ("McGonagall", "she"), ("Sirius", "he"),
)  # fmt: skip
PLACES = ("the Great Hall", "the library", "the Burrow", "Hogsmeade", "the Astronomy Tower")
VERBS = ("said", "asked", "muttered", "replied", "whispered", "called")
LINES = (
    "We should go before the rain starts.",
    "I told you the map was wrong.",
    "Do you ever think about the war?",
    "It's only a joke, you know.",
    "Where did you put the letter?",
    "I'm not leaving without you.",
    "That's the worst idea you've had all week.",
    "Pass me the tea, would you?",
)
NARRATION = (
    "{a} looked out over {place} and said nothing for a while.",
    "The candles in {place} guttered as {a} crossed the room.",
    "{a} laughed, and for a moment {b} forgot to be angry.",
    "Rain hammered on the windows; {a} pulled {pos} cloak tighter.",
    "{b} watched {a} fold the letter twice and put it away.",
    "It was late when {a} finally found {b} in {place}.",
)
RATINGS = ("General Audiences", "Teen And Up Audiences", "Mature")


def story(rng: random.Random, number: int) -> str:
    """One generated one-shot (about 500–900 words) with a header and scene breaks."""
    (a, a_pronoun), (b, _b_pronoun) = rng.sample(CAST, 2)
    possessive = "his" if a_pronoun == "he" else "her"
    lines = [
        f"Title: Corpus Story {number}",
        f"Author: writer{number % 97}",
        f"Rating: {rng.choice(RATINGS)}",
        "Fandom: Harry Potter - J. K. Rowling",
        "",
    ]
    for scene in range(rng.randint(2, 4)):
        if scene:
            lines += ["* * *", ""]
        for _ in range(rng.randint(6, 10)):
            place = rng.choice(PLACES)
            template = rng.choice(NARRATION)
            lines += [template.format(a=a, b=b, place=place, pos=possessive), ""]
            speaker, other = (a, b) if rng.random() < 0.5 else (b, a)
            line = rng.choice(LINES)
            lines += [f'"{line}" {speaker} {rng.choice(VERBS)}.', ""]
            lines += [f'"{other}, {rng.choice(LINES).lower()}"', ""]
    return "\n".join(lines)


def write_corpus(folder: Path, works: int, seed: int = 7) -> int:
    """Write ``works`` generated stories; returns their total words (roughly)."""
    rng = random.Random(seed)
    words = 0
    for number in range(works):
        text = story(rng, number)
        words += len(text.split())
        (folder / f"story-{number:05d}.txt").write_text(text, encoding="utf-8")
    return words


def rss_mib() -> float:
    """This process's resident memory now, in MiB (run on each worker for theirs)."""
    import psutil  # noqa: PLC0415 (comes with distributed)

    return float(psutil.Process().memory_info().rss) / 2**20


def folder_kib(folder: Path) -> dict[str, float]:
    """Each table's size on disk in KiB."""
    return {
        table.name: sum(p.stat().st_size for p in table.glob("*.parquet")) / 1024
        for table in sorted(folder.iterdir())
    }


def run_on(corpus: Path, out: Path, workers: int, nlp: bool) -> tuple[BatchReport, float, str]:
    """One run: its report, wall time (cluster startup included) and memory figures."""
    started = time.perf_counter()
    if workers == 0:
        report = run_batch([corpus], out, workers=0, nlp=nlp)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return report, time.perf_counter() - started, f"process peak {peak:,.0f} MiB"
    with local_client(workers) as client:
        report = run_batch([corpus], out, client=client, nlp=nlp)
        seconds = time.perf_counter() - started
        memory = sorted(client.run(rss_mib).values())
    shown = ", ".join(f"{m:,.0f}" for m in memory)
    return report, seconds, f"workers' memory at the end {shown} MiB"


def main() -> None:
    """Generate the corpus, run it three ways, print the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--works", type=int, default=2000)
    parser.add_argument("--growth", action="store_true", help="also run a tenth of the corpus")
    parser.add_argument("--structure-only", action="store_true", help="skip the spaCy stages")
    args = parser.parse_args()
    nlp = not args.structure_only
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        corpus.mkdir()
        words = write_corpus(corpus, args.works)
        print(f"corpus: {args.works} generated works, {words:,} words, nlp={nlp}")
        runs = [
            (workers, *run_on(corpus, root / f"out-{workers}", workers, nlp))
            for workers in (0, 1, 2)
        ]
        sizes = folder_kib(root / "out-2")
        per_work = sum(sizes.values()) / max(runs[2][1].analysed, 1)
        shown = ", ".join(f"{name} {kib:,.0f}" for name, kib in sizes.items())
        per_word = per_work * 1024 * args.works / words
        print(f"output: {shown} KiB; {per_work:.1f} KiB a work ({per_word:.0f} bytes a word)")
        baseline = runs[0][2]
        for workers, report, seconds, memory in runs:
            label = "in process (baseline)" if workers == 0 else f"dask, {workers} worker(s)"
            speedup = baseline / seconds
            print(
                f"{label:22} {report.analysed / seconds:6.1f} works/s "
                f"{report.words / seconds:8,.0f} words/s  {speedup:4.2f}x baseline  "
                f"efficiency {speedup / max(workers, 1):4.2f}  "
                f"failures {len(report.failures)}  {memory}"
            )
        if args.growth:
            small = root / "small"
            small.mkdir()
            for path in sorted(corpus.iterdir())[: max(1, args.works // 10)]:
                shutil.copy(path, small / path.name)
            report, seconds, memory = run_on(small, root / "out-small", 2, nlp)
            _, big, big_seconds, big_memory = runs[2]
            print(
                f"growth on 2 workers: {report.analysed} works in {seconds:.1f} s ({memory}) -> "
                f"{big.analysed} works in {big_seconds:.1f} s ({big_memory}): "
                f"time x{big_seconds / seconds:.1f} for works x{big.analysed / report.analysed:.0f}"
            )


if __name__ == "__main__":
    main()
