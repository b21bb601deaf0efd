"""Render the demo story sources into the files readers actually have.

Every ``sources/*.toml`` (see ``sources/SCHEMA.md``) becomes five renderings in ``works/``: a
pasted ``.txt``, a saved FanFiction.Net chapter page (``.ffn.html``), AO3's download HTML
(``.ao3.html``), an AO3-style EPUB (``.ao3.epub``) and a FanFicFare-style EPUB (``.fff.epub``).
The output is deterministic: building twice gives identical bytes.

Run ``python -m ficlens.demo.build`` to rebuild the works.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ficlens.demo.render.ao3 import render_ao3_html
from ficlens.demo.render.ao3_epub import render_ao3_epub
from ficlens.demo.render.common import split_paragraphs
from ficlens.demo.render.fff import render_fff_epub
from ficlens.demo.render.ffn import render_ffn_html
from ficlens.demo.render.text import render_txt

SOURCES_DIR = Path(__file__).parent / "sources"
WORKS_DIR = Path(__file__).parent / "works"
STATUSES = ("Complete", "In Progress")


@dataclass(frozen=True)
class DemoScene:
    """One scene of a chapter.

    Attributes:
        break_line: the scene-break line before the scene (``""`` for a chapter's first scene).
        heading: a time-skip heading that opens the scene, or ``""``.
        paragraphs: the scene's paragraphs of story text.
    """

    break_line: str
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class DemoChapter:
    """One chapter: its title, notes before and after, and scenes."""

    title: str
    notes: str
    end_notes: str
    scenes: tuple[DemoScene, ...]


@dataclass(frozen=True)
class DemoSource:
    """One demo work as written in ``sources/<slug>.toml`` (fields as in ``SCHEMA.md``)."""

    slug: str
    title: str
    author: str
    fandoms: tuple[str, ...]
    ffn_category: str
    ffn_fandom: str
    rating: str
    ffn_rating: str
    warnings: tuple[str, ...]
    categories: tuple[str, ...]
    relationships: tuple[str, ...]
    characters: tuple[str, ...]
    freeforms: tuple[str, ...]
    ffn_genres: tuple[str, ...]
    ffn_characters: tuple[str, ...]
    ffn_pairings: tuple[tuple[str, ...], ...]
    language: str
    published: str
    updated: str
    status: str
    summary: str
    disclaimer: str
    notes: str
    end_notes: str
    chapters: tuple[DemoChapter, ...]

    @property
    def is_complete(self) -> bool:
        """Whether the work's status is ``Complete``."""
        return self.status == "Complete"


def _text(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise ValueError(f"{where}: {key!r} must be a string")
    return value.strip()


def _texts(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{where}: {key!r} must be a list of strings")
    return tuple(item.strip() for item in value)


def _pairings(data: dict[str, Any], where: str) -> tuple[tuple[str, ...], ...]:
    value = data.get("ffn_pairings")
    if not isinstance(value, list):
        raise ValueError(f"{where}: 'ffn_pairings' must be a list of lists of strings")
    return tuple(_texts({"pairing": group}, "pairing", where) for group in value)


def _scene(data: dict[str, Any], where: str) -> DemoScene:
    paragraphs = split_paragraphs(_text(data, "text", where))
    if not paragraphs:
        raise ValueError(f"{where}: a scene needs text")
    return DemoScene(_text(data, "break", where), _text(data, "heading", where), paragraphs)


def _chapter(data: dict[str, Any], where: str) -> DemoChapter:
    scenes = data.get("scenes")
    if not isinstance(scenes, list) or not scenes:
        raise ValueError(f"{where}: a chapter needs [[chapters.scenes]]")
    return DemoChapter(
        title=_text(data, "title", where),
        notes=_text(data, "notes", where),
        end_notes=_text(data, "end_notes", where),
        scenes=tuple(_scene(scene, f"{where} scene {n}") for n, scene in enumerate(scenes, 1)),
    )


def _source(data: dict[str, Any], where: str, chapters: tuple[DemoChapter, ...]) -> DemoSource:
    def text(key: str) -> str:
        return _text(data, key, where)

    def texts(key: str) -> tuple[str, ...]:
        return _texts(data, key, where)

    return DemoSource(
        slug=text("slug"),
        title=text("title"),
        author=text("author"),
        fandoms=texts("fandoms"),
        ffn_category=text("ffn_category"),
        ffn_fandom=text("ffn_fandom"),
        rating=text("rating"),
        ffn_rating=text("ffn_rating"),
        warnings=texts("warnings"),
        categories=texts("categories"),
        relationships=texts("relationships"),
        characters=texts("characters"),
        freeforms=texts("freeforms"),
        ffn_genres=texts("ffn_genres"),
        ffn_characters=texts("ffn_characters"),
        ffn_pairings=_pairings(data, where),
        language=text("language"),
        published=text("published"),
        updated=text("updated"),
        status=text("status"),
        summary=text("summary"),
        disclaimer=text("disclaimer"),
        notes=text("notes"),
        end_notes=text("end_notes"),
        chapters=chapters,
    )


def load_source(path: Path) -> DemoSource:
    """Read and check one ``sources/<slug>.toml``.

    Raises:
        ValueError: a field is missing or of the wrong type, or the status is unknown.
        tomllib.TOMLDecodeError: the file is not valid TOML.
    """
    where = path.name
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    chapters = data.get("chapters")
    if not isinstance(chapters, list) or not chapters:
        raise ValueError(f"{where}: the work needs [[chapters]]")
    source = _source(
        data,
        where,
        tuple(_chapter(chapter, f"{where} chapter {n}") for n, chapter in enumerate(chapters, 1)),
    )
    if source.status not in STATUSES:
        raise ValueError(f"{where}: status must be one of {STATUSES}, not {source.status!r}")
    if path.stem != source.slug:
        raise ValueError(f"{where}: slug {source.slug!r} does not match the file name")
    return source


RENDERERS: dict[str, Callable[[DemoSource], bytes]] = {
    ".txt": render_txt,
    ".ffn.html": render_ffn_html,
    ".ao3.html": render_ao3_html,
    ".ao3.epub": render_ao3_epub,
    ".fff.epub": render_fff_epub,
}
"""File-name suffix to renderer, in the order the files are written."""


def render_all(source: DemoSource) -> dict[str, bytes]:
    """Render one source into every format.

    Returns:
        File name (``<slug><suffix>``) to the file's bytes, in a fixed order.
    """
    return {source.slug + suffix: render(source) for suffix, render in RENDERERS.items()}


def build(out_dir: Path = WORKS_DIR, sources_dir: Path = SOURCES_DIR) -> list[Path]:
    """Render every source in ``sources_dir`` into ``out_dir``.

    Returns:
        The paths written, sorted.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for source_path in sorted(sources_dir.glob("*.toml")):
        for name, data in render_all(load_source(source_path)).items():
            target = out_dir / name
            target.write_bytes(data)
            written.append(target)
    return sorted(written)


def main() -> None:
    """Rebuild ``ficlens/demo/works`` from ``ficlens/demo/sources``."""
    for path in build():
        print(f"{path.stat().st_size:>8}  {path}")  # noqa: T201


if __name__ == "__main__":
    main()
