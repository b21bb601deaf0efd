"""Development check: whose point of view, against the ``POV <character>`` tags AO3 authors chose.

Reads ``../shared/data/ao3-hp/works.jsonl`` (pass ``--data FILE`` to point elsewhere) and keeps
the works with exactly one freeform tag naming a point-of-view character (``POV Draco
Malfoy``, ``Hermione's POV``); tags naming a person or a kind (``POV First Person``, ``POV
Alternating``, ``POV Outsider``, ``POV Female Character``) are left out. Each work runs through
the whole pipeline (structure, spaCy, cast, dialogue, points of view), and the work's
point-of-view character is the focal character of most of its scene text. It counts as right
when one of that character's names is the tagged one's (``ficlens.content.corpus.
same_character``: ``Draco`` is ``Draco Malfoy``).

Two ways of choosing a third-person scene's focal character are scored in the same process:
FicLens's (``ficlens.dialogue.pov``: the subject of verbs of thought and perception), and the
baseline it replaced, the character the scene's narration names most. First- and
second-person scenes follow the narrator in both. Authors tag a point of view when it is the
notable thing about a story (often the one of two leads it is not usually told from), so this
is a hard sample, and one tag for a whole work ignores scenes that change sides.

Only aggregate figures are printed; no text of the works is shown or stored.

Run: ``.venv/bin/python bench/dev_pov.py [--limit N] [--jobs N]``.
"""

from __future__ import annotations

import argparse
import bisect
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from ficlens.cast import Cast
from ficlens.content.corpus import LabelledWork, prepare, read_labelled, same_character
from ficlens.dialogue.pov import with_points_of_view
from ficlens.model import Scene, Work
from ficlens.nlp import Parsed

DATA = Path(__file__).resolve().parent.parent.parent / "shared/data/ao3-hp/works.jsonl"
_POV = re.compile(r"^\s*(?:pov\s+(?P<after>.+)|(?P<before>.+?)(?:['’]s)?\s+pov)\s*$", re.I)
_NOT_A_CHARACTER = re.compile(
    r"first|second|third|alternating|multiple|outsider|switch|shifting|partial|different|"
    r"(?:fe)?male character|original character",
    re.I,
)
Focal = Callable[[Work, Sequence[Parsed], Cast], Work]


def pov_character(freeforms: Sequence[str]) -> str | None:
    """The one character a work's ``POV`` tags name, or ``None`` (none, several, or a kind).

    Example:
        >>> pov_character(["Angst", "POV Draco Malfoy"]), pov_character(["Hermione's POV"])
        ('Draco Malfoy', 'Hermione')
        >>> pov_character(["POV First Person"]) is None
        True
    """
    names = []
    for tag in freeforms:
        match = _POV.match(tag)
        if match and not _NOT_A_CHARACTER.search(tag):
            names.append((match.group("after") or match.group("before")).strip())
    return names[0] if len(names) == 1 else None


def most_named(work: Work, parsed: Sequence[Parsed], cast: Cast) -> Work:
    """The baseline: each third-person scene follows the character its narration names most."""
    shipped = with_points_of_view(work, parsed, cast)
    starts = [span.start for span, _ in cast.mentions]

    def named_most(scene: Scene) -> Scene:
        if scene.pov != "third":
            return scene
        lo = bisect.bisect_left(starts, scene.span.start)
        hi = bisect.bisect_left(starts, scene.span.end)
        counts = Counter(ident for _, ident in cast.mentions[lo:hi])
        return replace(scene, focal=counts.most_common(1)[0][0] if counts else None)

    chapters = tuple(
        replace(chapter, scenes=tuple(named_most(s) for s in chapter.scenes))
        for chapter in shipped.chapters
    )
    return replace(shipped, chapters=chapters)


def work_focal(work: Work) -> str | None:
    """The character the work's scenes follow for the most text."""
    length: Counter[str] = Counter()
    for scene in work.scenes:
        if scene.focal:
            length[scene.focal] += len(scene.span)
    return length.most_common(1)[0][0] if length else None


def evaluate(work: LabelledWork) -> tuple[str, bool, bool]:
    """One work's narration person and whether each method finds its tagged character."""
    from ficlens.api import work_fandoms  # noqa: PLC0415 (spaCy only in the workers)
    from ficlens.dialogue import analyze_dialogue, story_paragraphs  # noqa: PLC0415
    from ficlens.dialogue.script import find_script  # noqa: PLC0415
    from ficlens.fandoms import cast_packs  # noqa: PLC0415

    tagged = pov_character(work.freeforms) or ""
    structured = prepare(work).work
    script = find_script(structured.text, story_paragraphs(structured))
    packs = cast_packs([m.pack for m in work_fandoms(structured, script)])
    result = analyze_dialogue(structured, packs=packs, script=script)
    names = {c.id: (c.name, *c.aliases) for c in result.cast.characters}

    def right(method: Focal) -> bool:
        focal = work_focal(method(structured, result.parsed, result.cast))
        return focal is not None and any(same_character(n, tagged) for n in names[focal])

    person = result.cast.person or "third"
    return person, right(with_points_of_view), right(most_named)


def main() -> None:
    """Run the check and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=None, help="only this many tagged works")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    args = parser.parse_args()
    labelled, _ = read_labelled(args.data)
    chosen = [w for w in labelled if pov_character(w.freeforms)][: args.limit]
    began = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        rows = list(pool.map(evaluate, chosen))
    print(
        f"{len(chosen)} works tag one point-of-view character ({time.perf_counter() - began:.0f} s)"
    )
    print(f"{'narration':<10} {'works':>6} {'FicLens':>8} {'most named':>11}")
    for person in ("third", "first", "second", "all"):
        kept = [r for r in rows if person in ("all", r[0])]
        if kept:
            shipped = sum(r[1] for r in kept) / len(kept)
            baseline = sum(r[2] for r in kept) / len(kept)
            print(f"{person:<10} {len(kept):>6} {shipped:>8.3f} {baseline:>11.3f}")


if __name__ == "__main__":
    main()
