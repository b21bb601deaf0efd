"""Two pictures of a work's cast, drawn on the server as inline SVG (no script, no new library).

- :func:`relationship_graph`: the top characters on a circle, joined by their relationships
  (romantic solid, platonic dashed, the main pairing thicker) and by who speaks to whom
  (thin grey lines, thicker for more lines).
- :func:`presence_strip`: one row per top character, one column per scene, a filled cell
  where the character speaks (a quotation attributed to them starts in the scene) or is named
  (their name or an alias occurs in the scene's story text: the stored analysis keeps mention
  counts, not mention spans).

Both read only the stored ``ficlens.analysis/1`` JSON and the work's text. Every string from a
work is escaped, and the markup uses classes only (styled by ``style.css``), so the page's
Content-Security-Policy (``style-src 'self'``) holds.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ficlens.stats import counted

GRAPH_NODES = 12
STRIP_ROWS = 10
STRIP_COLUMNS = 120

_GRAPH_SIZE = 560
_GRAPH_RADIUS = 170
_LABEL_CHARS = 24
_STRIP_LABEL_WIDTH = 170
_STRIP_WIDTH = 720
_ROW_HEIGHT = 18
_HEADER_HEIGHT = 26

# XML 1.0 forbids these control characters even when escaped.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def esc(value: object) -> str:
    """Text made safe for SVG/XML text and attribute values."""
    return html.escape(_CONTROL.sub("", str(value)), quote=True)


def _short(name: str) -> str:
    return name if len(name) <= _LABEL_CHARS else name[: _LABEL_CHARS - 1] + "…"


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def top_characters(analysis: Mapping[str, Any], limit: int) -> list[dict[str, Any]]:
    """The cast's most mentioned characters (ties: most lines, then id), at most ``limit``."""
    cast = [c for c in analysis.get("characters") or [] if isinstance(c, dict) and "id" in c]
    cast.sort(key=lambda c: (-int(c.get("mentions", 0)), -int(c.get("lines", 0)), str(c["id"])))
    return cast[:limit]


@dataclass(frozen=True, slots=True)
class Graph:
    """The relationship graph: its SVG and the same facts as plain sentences (the fallback)."""

    svg: Markup
    relationships: tuple[str, ...]
    dialogue: tuple[str, ...]


def relationship_graph(analysis: Mapping[str, Any], limit: int = GRAPH_NODES) -> Graph | None:
    """The top characters as nodes on a circle with relationship and dialogue edges.

    None when fewer than two characters are known (a work imported without NLP, or a cast of
    one). Nodes keep the cast's order clockwise from the top, so the layout is deterministic.
    """
    cast = top_characters(analysis, limit)
    if len(cast) < 2:
        return None
    names = {str(c["id"]): str(c.get("name") or c["id"]) for c in cast}
    centre = _GRAPH_SIZE / 2
    points: dict[str, tuple[float, float]] = {}
    for i, character in enumerate(cast):
        angle = -math.pi / 2 + 2 * math.pi * i / len(cast)
        points[str(character["id"])] = (
            centre + _GRAPH_RADIUS * math.cos(angle),
            centre + _GRAPH_RADIUS * math.sin(angle),
        )

    # Dialogue: lines one character speaks to another, per unordered pair.
    spoken: Counter[tuple[str, str]] = Counter()
    for quote in analysis.get("quotes") or []:
        speaker, addressee = quote.get("speaker"), quote.get("addressee")
        if speaker in names and addressee in names and speaker != addressee:
            spoken[(speaker, addressee)] += 1
    pairs: dict[tuple[str, str], int] = {}
    for (a, b), count in spoken.items():
        pair = (a, b) if a < b else (b, a)
        pairs[pair] = pairs.get(pair, 0) + count
    most = max(pairs.values(), default=1)

    parts: list[str] = []
    dialogue_text: list[str] = []
    for (a, b), total in sorted(pairs.items(), key=lambda item: (-item[1], item[0])):
        weight = 1 + round(3 * total / most)
        said = [
            f"{names[x]} → {names[y]}: {counted(spoken[(x, y)], 'line')}"
            for x, y in ((a, b), (b, a))
            if spoken[(x, y)]
        ]
        dialogue_text.extend(said)
        title = "; ".join(said)
        (x1, y1), (x2, y2) = points[a], points[b]
        parts.append(
            f'<line class="edge dialogue w{weight}" x1="{_num(x1)}" y1="{_num(y1)}" '
            f'x2="{_num(x2)}" y2="{_num(y2)}" stroke="#999"><title>{esc(title)}</title></line>'
        )

    relationship_text: list[str] = []
    for relationship in analysis.get("relationships") or []:
        members = [str(c) for c in relationship.get("characters") or [] if c in names]
        if len(members) < 2:
            continue
        kind = "platonic" if relationship.get("kind") == "platonic" else "romantic"
        main = bool(relationship.get("main"))
        joiner = " & " if kind == "platonic" else "/"
        tag = str(relationship.get("tag") or joiner.join(names[m] for m in members))
        label = f"{tag} ({kind}{', main pairing' if main else ''})"
        relationship_text.append(label)
        classes = f"edge relationship {kind}" + (" main" if main else "")
        for i, one in enumerate(members):
            for other in members[i + 1 :]:
                parts.append(
                    f'<path class="{classes}" d="{_curve(points[one], points[other])}" fill="none" '
                    f'stroke="#900"><title>{esc(label)}</title></path>'
                )

    biggest = max(int(c.get("mentions", 0)) for c in cast) or 1
    for character in cast:
        key = str(character["id"])
        x, y = points[key]
        mentions, lines = int(character.get("mentions", 0)), int(character.get("lines", 0))
        radius = 6 + 10 * math.sqrt(mentions / biggest)
        anchor = "middle" if abs(x - centre) < 20 else ("start" if x > centre else "end")
        dx = 0.0 if anchor == "middle" else (radius + 4 if anchor == "start" else -radius - 4)
        dy = (
            radius + 14
            if y > centre and anchor == "middle"
            else (-radius - 6 if anchor == "middle" else 4)
        )
        parts.append(
            f'<g class="node"><title>{esc(names[key])}: {counted(mentions, "mention")}, '
            f"{counted(lines, 'line')}</title>"
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(radius)}" fill="#fff" stroke="#333"/>'
            f'<text class="label" x="{_num(x + dx)}" y="{_num(y + dy)}" '
            f'text-anchor="{anchor}">{esc(_short(names[key]))}</text></g>'
        )

    summary = (
        f"{len(cast)} characters on a circle, most mentioned at the top; "
        f"{len(relationship_text)} relationships (romantic solid, platonic dashed, main pairing "
        f"thicker) and {len(pairs)} dialogue pairs (grey, thicker for more lines)."
    )
    pad = 110
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="picture graph" role="img" '
        f'width="{_GRAPH_SIZE + 2 * pad}" height="{_GRAPH_SIZE - 60}" '
        f'viewBox="{-pad} 30 {_GRAPH_SIZE + 2 * pad} {_GRAPH_SIZE - 60}" '
        f'aria-labelledby="graph-title graph-desc">'
        f'<title id="graph-title">Relationship graph</title>'
        f'<desc id="graph-desc">{esc(summary)}</desc>' + "".join(parts) + "</svg>"
    )
    return Graph(Markup(svg), tuple(relationship_text), tuple(dialogue_text))


def _curve(a: tuple[float, float], b: tuple[float, float]) -> str:
    """A gentle arc from a to b, so a relationship does not hide the dialogue line under it."""
    (x1, y1), (x2, y2) = a, b
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    cx, cy = mx - (y2 - y1) * 0.12, my + (x2 - x1) * 0.12
    return f"M{_num(x1)} {_num(y1)} Q{_num(cx)} {_num(cy)} {_num(x2)} {_num(y2)}"


@dataclass(frozen=True, slots=True)
class Scene:
    """One scene in reading order: its chapter, its place there and its number in the work."""

    chapter: int
    index: int
    number: int
    start: int
    end: int
    segments: tuple[tuple[int, int], ...]


def work_scenes(analysis: Mapping[str, Any]) -> list[Scene]:
    """Every scene of every chapter, numbered 1.. across the work."""
    scenes: list[Scene] = []
    for chapter in analysis.get("chapters") or []:
        for scene in chapter.get("scenes") or []:
            start, end = int(scene["start"]), int(scene["end"])
            segments = tuple(
                (int(s["start"]), int(s["end"])) for s in scene.get("segments") or []
            ) or ((start, end),)
            scenes.append(
                Scene(
                    int(chapter["index"]),
                    int(scene["index"]),
                    len(scenes) + 1,
                    start,
                    end,
                    segments,
                )
            )
    return scenes


def _name_pattern(character: Mapping[str, Any]) -> re.Pattern[str] | None:
    names = {str(n) for n in [character.get("name"), *(character.get("aliases") or [])] if n}
    names = {n.strip() for n in names if n.strip()}
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def presence(
    analysis: Mapping[str, Any],
    text: str,
    cast: Sequence[Mapping[str, Any]],
    scenes: Sequence[Scene],
) -> dict[str, list[str | None]]:
    """Per character id, per scene: ``"speaks"``, ``"named"`` or None (absent)."""
    grid: dict[str, list[str | None]] = {str(c["id"]): [None] * len(scenes) for c in cast}
    for character in cast:
        pattern = _name_pattern(character)
        if pattern is None:
            continue
        row = grid[str(character["id"])]
        for i, scene in enumerate(scenes):
            if any(pattern.search(text, s, e) for s, e in scene.segments):
                row[i] = "named"
    for quote in analysis.get("quotes") or []:
        speaker = quote.get("speaker")
        if speaker not in grid:
            continue
        at = int(quote.get("start", -1))
        for i, scene in enumerate(scenes):
            if scene.start <= at < scene.end:
                grid[speaker][i] = "speaks"
                break
    return grid


def presence_strip(
    analysis: Mapping[str, Any],
    text: str,
    rows: int = STRIP_ROWS,
    columns: int = STRIP_COLUMNS,
) -> Markup | None:
    """A grid of the top characters (rows) by scene (columns); None without cast or scenes.

    More scenes than ``columns`` are merged into equal bins of consecutive scenes (the SVG's
    title says how many per column), so the picture stays small for a 500-scene work.
    """
    cast = top_characters(analysis, rows)
    scenes = work_scenes(analysis)
    if not cast or not scenes:
        return None
    grid = presence(analysis, text, cast, scenes)
    per_bin = math.ceil(len(scenes) / columns)
    bins = [scenes[i : i + per_bin] for i in range(0, len(scenes), per_bin)]
    cell = max(4.0, min(24.0, _STRIP_WIDTH / len(bins)))
    width = _STRIP_LABEL_WIDTH + cell * len(bins)
    height = _HEADER_HEIGHT + _ROW_HEIGHT * len(cast)

    title = f"Character presence by scene: {len(cast)} characters, {len(scenes)} scenes"
    if per_bin > 1:
        title += f", merged into {len(bins)} columns of up to {per_bin} scenes each"
    parts: list[str] = []
    last_label = -10.0
    for column, members in enumerate(bins):
        x = _STRIP_LABEL_WIDTH + column * cell
        first, last = members[0], members[-1]
        if len(members) == 1:
            name = f"Scene {first.number} (chapter {first.chapter}, scene {first.index})"
        else:
            name = f"Scenes {first.number}–{last.number} (chapters {first.chapter}–{last.chapter})"
        parts.append(
            f'<rect class="column" x="{_num(x)}" y="0" width="{_num(cell)}" '
            f'height="{_HEADER_HEIGHT - 4}"><title>{esc(name)}</title></rect>'
        )
        starts_chapter = any(s.index == 1 for s in members) and column > 0
        if starts_chapter:
            parts.append(
                f'<line class="chapter-break" x1="{_num(x)}" y1="0" x2="{_num(x)}" '
                f'y2="{height}" stroke="#333"/>'
            )
        if (starts_chapter or column == 0) and x - last_label >= 16:
            chapter = next((s.chapter for s in members if s.index == 1), first.chapter)
            parts.append(
                f'<text class="chapter-label" x="{_num(x + 2)}" y="{_HEADER_HEIGHT - 9}">'
                f"{chapter}<title>Chapter {chapter}</title></text>"
            )
            last_label = x
    for row, character in enumerate(cast):
        key = str(character["id"])
        name = str(character.get("name") or key)
        y = _HEADER_HEIGHT + row * _ROW_HEIGHT
        parts.append(
            f'<text class="label" x="{_STRIP_LABEL_WIDTH - 6}" y="{y + _ROW_HEIGHT - 5}" '
            f'text-anchor="end">{esc(_short(name))}<title>{esc(name)}</title></text>'
        )
        offset = 0
        for column, members in enumerate(bins):
            states = grid[key][offset : offset + len(members)]
            offset += len(members)
            state = "speaks" if "speaks" in states else ("named" if "named" in states else None)
            if state is None:
                continue
            x = _STRIP_LABEL_WIDTH + column * cell
            where = (
                f"scene {members[0].number}"
                if len(members) == 1
                else f"scenes {members[0].number}–{members[-1].number}"
            )
            what = "speaks" if state == "speaks" else "is named"
            parts.append(
                f'<rect class="cell {state}" data-character="{esc(key)}" data-column="{column}" '
                f'x="{_num(x + 0.5)}" y="{y + 2}" width="{_num(max(cell - 1, 1))}" '
                f'height="{_ROW_HEIGHT - 4}" fill="#900">'
                f"<title>{esc(name)} {what} in {where}</title></rect>"
            )
    desc = (
        "One row per character, one column per scene in reading order; a dark cell where the "
        "character speaks, a light one where the narration names them; vertical lines mark "
        "chapter starts, numbered above."
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="picture strip" role="img" '
        f'width="{_num(width)}" height="{height}" '
        f'viewBox="0 0 {_num(width)} {height}" aria-labelledby="strip-title strip-desc">'
        f'<title id="strip-title">{esc(title)}</title><desc id="strip-desc">{esc(desc)}</desc>'
        + "".join(parts)
        + "</svg>"
    )
    return Markup(svg)


@dataclass(frozen=True, slots=True)
class WorkPictures:
    """What the work page shows under "Pictures": either picture may be missing."""

    graph: Graph | None
    strip: Markup | None
    note: str | None


def work_pictures(analysis: Mapping[str, Any], text: str) -> WorkPictures:
    """Both pictures for a work, with a note when one or both cannot be drawn."""
    known = top_characters(analysis, GRAPH_NODES)
    if not known:
        return WorkPictures(
            None, None, "No pictures: this work was imported without the NLP stages."
        )
    graph = relationship_graph(analysis)
    strip = presence_strip(analysis, text)
    note = None if graph is not None else "No relationship graph: the cast has one character."
    return WorkPictures(graph, strip, note)
