"""The output contract: an :class:`~ficlens.model.Analysis` as ``ficlens.analysis/1`` JSON.

Documented field by field in ``docs/output.md``; change it only with a new schema version.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ficlens.model import (
    Analysis,
    Chapter,
    Character,
    Content,
    ContentWarning,
    Fandom,
    Note,
    Quote,
    Rating,
    Scene,
    Span,
    Work,
)
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


def _spans(spans: tuple[Span, ...]) -> list[dict[str, int]]:
    return [span.to_json() for span in spans]


def _rating(rating: Rating | None) -> dict[str, Any] | None:
    if rating is None:
        return None
    return {
        "ao3": rating.ao3,
        "ffn": rating.ffn,
        "confidence": rating.confidence,
        "probabilities": dict(rating.probabilities),
        "declared": rating.declared,
        "declared_from": rating.declared_from,
        "disagreement": rating.disagreement,
        "reasons": [{"text": r.text, "evidence": _spans(r.evidence)} for r in rating.reasons],
    }


def _warning(warning: ContentWarning) -> dict[str, Any]:
    return {
        "name": warning.name,
        "scheme": warning.scheme,
        "confidence": warning.confidence,
        "evidence": _spans(warning.evidence),
        "possible": [{"name": name, "chance": chance} for name, chance in warning.possible],
    }


def _content(content: Content | None) -> dict[str, Any]:
    if content is None:
        content = Content()
    return {
        "rating": _rating(content.rating),
        "warnings": [_warning(w) for w in content.warnings],
        "relationships": [
            {
                "characters": list(r.characters),
                "kind": r.kind,
                "tag": r.tag,
                "score": r.score,
                "main": r.main,
                "category": r.category,
                "evidence": _spans(r.evidence),
                "basis": r.basis,
            }
            for r in content.relationships
        ],
        "categories": list(content.categories),
        "tags": [
            {"name": t.name, "confidence": t.confidence, "evidence": _spans(t.evidence)}
            for t in content.tags
        ],
        "summary": _spans(content.summary),
        "signals": [
            {
                "name": s.name,
                "level": s.level,
                "score": s.score,
                "evidence": _spans(s.evidence),
                "framed": _spans(s.framed),
                "characters": list(s.characters),
            }
            for s in content.signals
        ],
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
        **_content(analysis.content),
        "diagnostics": list(analysis.diagnostics),
        "stats": {**work_stats(work), **dialogue_stats(analysis)},
    }
    if include_text:
        out["text"] = work.text
    return out
