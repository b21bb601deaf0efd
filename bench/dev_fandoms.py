"""Development check: how often fandom detection finds a fan work's canon, and how often a novel's.

Two figures, from the story text alone (no declared fandom):

- *recall* on ``ao3-hp/works.jsonl``: the share of its Harry Potter works in which the Harry
  Potter or the Fantastic Beasts pack matches (every work there is tagged Harry Potter; a
  crossover may match another pack too, counted on its own line);
- *false detections* on the public-domain novels of ``pdnc`` and ``litbank``: any pack
  matching a whole novel, or one of its 1,500-word pieces (a piece is about as long as a
  one-shot). The Sherlock Holmes stories among them match the Sherlock pack, rightly; they are
  counted apart.

Only aggregate numbers and the novels' file names are printed. ``--rare-zipf`` changes the
frequency under which a one-word name is rare (0 turns the rule off), for comparison.
``--as-files`` reads each work as ``ficlens analyze`` reads a ``.txt`` file (notes found, a
disclaimer's canon declared, a script's labels and an all-lower-case story recased:
:func:`ficlens.api.work_fandoms`) instead of scanning its raw text; slower (about a minute).

Run: ``.venv/bin/python bench/dev_fandoms.py [--limit N] [--rare-zipf Z] [--as-files]``.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ficlens.api import work_fandoms
from ficlens.content.corpus import prepare_work, read_labelled
from ficlens.fandoms import detect_fandoms, frequency, scan

DATA = Path(__file__).resolve().parent.parent.parent / "shared/data"
PIECE = 1500
HARRY_POTTER = frozenset({"harry_potter", "fantastic_beasts"})
HOLMES = ("SignOfTheFour", "sherlock_holmes", "hound_of_the_baskervilles")


def novels(data: Path) -> Iterator[tuple[str, str]]:
    """Each PDNC and LitBank novel's name and text."""
    for path in sorted(data.glob("pdnc/*/novel_text.txt")):
        yield path.parent.name, path.read_text("utf-8")
    for path in sorted(data.glob("litbank/entities/brat/*.txt")):
        yield path.stem.removesuffix("_brat"), path.read_text("utf-8")


def pieces(text: str) -> Iterator[str]:
    """The text in pieces of ``PIECE`` whitespace-separated words."""
    words = text.split()
    for start in range(0, len(words), PIECE):
        yield " ".join(words[start : start + PIECE])


def main() -> None:
    """Print recall on the AO3 works and false detections on the novels."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    parser.add_argument("--limit", type=int, default=0, help="read only the first N works")
    parser.add_argument("--rare-zipf", type=float, default=frequency.RARE_ZIPF)
    parser.add_argument("--as-files", action="store_true", help="read works as .txt files")
    args = parser.parse_args()
    frequency.RARE_ZIPF = args.rare_zipf
    scan.matcher.cache_clear()
    started = time.perf_counter()
    works, problems = read_labelled(args.data / "ao3-hp/works.jsonl")
    works = works[: args.limit] if args.limit else works
    found, packs = 0, Counter[str]()
    for work in works:
        matches = work_fandoms(prepare_work(work)) if args.as_files else detect_fandoms(work.text)
        slugs = {match.pack.slug for match in matches}
        found += bool(slugs & HARRY_POTTER)
        packs.update(slugs - HARRY_POTTER)
    print(f"rare one-word names: Zipf under {args.rare_zipf}")
    print(f"ao3-hp: Harry Potter found in {found} of {len(works)} works ({found / len(works):.3f})")
    print(f"  other packs matched too: {dict(packs.most_common())}")
    print(f"  unreadable lines: {len(problems)}")
    whole, parts, holmes, total = [], Counter[str](), 0, 0
    for name, text in novels(args.data):
        matched = [match.pack.slug for match in detect_fandoms(text)]
        if any(mark in name for mark in HOLMES):
            holmes += bool(matched)
            continue
        if matched:
            whole.append(f"{name} ({', '.join(matched)})")
        for piece in pieces(text):
            total += 1
            if detect_fandoms(piece):
                parts[name] += 1
    print(f"novels: {len(whole)} matched whole: {whole}")
    print(f"  {sum(parts.values())} of {total} pieces of {PIECE} words matched: {dict(parts)}")
    print(f"  (Sherlock Holmes novels matched: {holmes}, not counted)")
    print(f"time: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
