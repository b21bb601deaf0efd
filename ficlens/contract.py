"""The output contract: an :class:`~ficlens.model.Analysis` as ``ficlens.analysis/1`` JSON.

Documented field by field in ``docs/output.md``; change it only with a new schema version.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ficlens.model import Analysis, Chapter, Character, Fandom, Note, Quote, Scene, Span, Work
from ficlens.stats import character_lines, count_words, dialogue_stats, work_stats

SCHEMA = "ficlens.analysis/1"


def _span(span: Span | None) -> dict[str, int] | None:
    return span.to_json() if span is not None else None


def _note(note: Note) -> dict[str, Any]:
    return {
        "kind": note.kind,
        **note.span.to_json(),
        "chapter": note.chapter,
        "labels": list(note.labels),
        "method": note.method,
    }


def _scene(scene: Scene, text: str) -> dict[str, Any]:
    return {
        "index": scene.index,
        **scene.span.to_json(),
        "segments": [s.to_json() for s in scene.segments],
        "kind": scene.kind,
        "heading": scene.heading,
        "heading_span": _span(scene.heading_span),
        "break_before": _span(scene.break_before),
        "pov": scene.pov,
        "focal": scene.focal,
        "words": sum(count_words(s.of(text)) for s in scene.segments),
    }


def _chapter(chapter: Chapter, text: str) -> dict[str, Any]:
    return {
        "index": chapter.index,
        "number": chapter.number,
        "title": chapter.title,
        "kind": chapter.kind,
        **chapter.span.to_json(),
        "heading_span": _span(chapter.heading_span),
        "words": sum(count_words(s.of(text)) for sc in chapter.scenes for s in sc.segments),
        "scenes": [_scene(scene, text) for scene in chapter.scenes],
    }


def _declared(work: Work) -> dict[str, Any]:
    declared = asdict(work.metadata)
    return {
        key: list(value) if isinstance(value, tuple) else value for key, value in declared.items()
    }


def _character(character: Character, lines: dict[str, tuple[int, int]]) -> dict[str, Any]:
    count, words = lines.get(character.id, (0, 0))
    return {
        "id": character.id,
        "name": character.name,
        "aliases": list(character.aliases),
        "gender": character.gender,
        "canon": character.canon,
        "mentions": character.mentions,
        "first": character.first,
        "lines": count,
        "words": words,
    }


def _quote(quote: Quote) -> dict[str, Any]:
    return {
        **quote.span.to_json(),
        "speaker": quote.speaker,
        "addressee": quote.addressee,
        "method": quote.method,
        "confidence": quote.confidence,
        "continued": quote.continued,
        "unclosed": quote.unclosed,
    }


def _fandom(fandom: Fandom) -> dict[str, Any]:
    return {
        "name": fandom.name,
        "score": fandom.score,
        "declared": fandom.declared,
        "evidence": [span.to_json() for span in fandom.evidence],
    }


def analysis_to_json(analysis: Analysis, *, include_text: bool = False) -> dict[str, Any]:
    """Return the JSON object of the output contract for an analysis."""
    work = analysis.work
    source = work.source
    lines = character_lines(analysis)
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "source": {
            "path": source.path,
            "format": source.format,
            "flavour": source.flavour,
            "sha256": source.sha256,
            "bytes": source.size,
            "encoding": source.encoding,
            "diagnostics": list(source.diagnostics),
        },
        "methods": dict(analysis.methods),
        "text_length": len(work.text),
        "declared": _declared(work),
        "notes": [_note(note) for note in work.notes],
        "chapters": [_chapter(chapter, work.text) for chapter in work.chapters],
        "language": analysis.language,
        "fandoms": [_fandom(fandom) for fandom in analysis.fandoms],
        "characters": [_character(c, lines) for c in analysis.characters],
        "quotes": [_quote(quote) for quote in analysis.quotes],
        "diagnostics": list(analysis.diagnostics),
        "stats": {**work_stats(work), **dialogue_stats(analysis)},
    }
    if include_text:
        out["text"] = work.text
    return out
