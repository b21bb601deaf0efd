"""Each scene's point of view: first, second or third person, and the character it follows."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ficlens.cast import Cast
from ficlens.cast.person import narration_person
from ficlens.model import Scene, Work
from ficlens.nlp import STAND_IN, Parsed

METHOD = "pov.pronouns.v2"


def _scene_pov(
    scene: Scene, pieces: Sequence[Parsed], cast: Cast, starts: Sequence[int]
) -> tuple[str | None, str | None]:
    inside = [p for p in pieces if any(seg.contains(p.span) for seg in scene.segments)]
    if not any(t.text.strip() and t.text != STAND_IN for p in inside for t in p.tokens):
        return None, None
    person = narration_person(inside)
    if person:
        return person, cast.narrator
    counts: Counter[str] = Counter()
    for piece in inside:
        lo = bisect.bisect_left(starts, piece.span.start)
        hi = bisect.bisect_left(starts, piece.span.end)
        counts.update(cast.mentions[i][1] for i in range(lo, hi))
    focal = counts.most_common(1)[0][0] if counts else None
    return "third", focal


def with_points_of_view(work: Work, parsed: Sequence[Parsed], cast: Cast) -> Work:
    """A copy of the work whose scenes say their point of view and focal character."""
    starts = [span.start for span, _ in cast.mentions]
    piece_starts = [p.span.start for p in parsed]
    chapters = []
    for chapter in work.chapters:
        scenes = []
        for scene in chapter.scenes:
            lo = bisect.bisect_left(piece_starts, scene.span.start)
            hi = bisect.bisect_right(piece_starts, scene.span.end)
            pov, focal = _scene_pov(scene, parsed[lo:hi], cast, starts)
            scenes.append(replace(scene, pov=pov, focal=focal))
        chapters.append(replace(chapter, scenes=tuple(scenes)))
    return replace(work, chapters=tuple(chapters))
