"""Freeform tags and tropes (AO3 style), each with the passages that show it.

The tags are data: ``tags.toml`` declares, per tag, the patterns that count as evidence and how
much evidence the tag needs (see ``docs/tags.md`` for the schema). This package reads and
validates that file once, then scores a work's paragraphs against every tag:

* **lexical evidence**: each paragraph counts once per tag, with the weight of the strongest
  pattern group it matches. A tag fires when the weighted count reaches ``min_hits``, the count
  per thousand words reaches ``min_density`` and every ``required`` group matched somewhere;
* **structural evidence**: a scene or chapter of a given kind, or a heading matching a pattern
  ("Five Years Later", "Epilogue"), fires the tag on its own;
* **models**: a rule with ``model = true`` is decided by a trained word model (tone tags such
  as Fluff and Angst); its patterns then only point at passages (``model.py``);
* **signals**: ``requires_signal`` gates a tag on a content signal's level (Smut needs the
  ``sexual`` signal at ``explicit``); a tag with neither patterns nor structure takes the
  signal's passages as its evidence.

Evidence spans are sentence-sized: the sentence around each hit, at most 300 characters.
Everything here is pure; no spaCy.

The package holds the rule dataclasses (``schema.py``), the loader and its validation
(``loader.py``), sentence-sized evidence (``sentences.py``), structural evidence
(``structure.py``), lexical scanning and scoring (``lexical.py``), model-decided tags
(``model.py``) and :func:`detect_tags`
(``detect.py``). Import from ``ficlens.content.tags``; the modules inside are its private parts.
"""

from __future__ import annotations

from ficlens.content.tags.detect import STRUCTURE_HITS, detect_tags
from ficlens.content.tags.lexical import EDGE_SHARE
from ficlens.content.tags.loader import load_tags, parse_tags, read_tags
from ficlens.content.tags.schema import (
    CHAPTER_KINDS,
    POSITIONS,
    SCENE_KINDS,
    SCHEMA_VERSION,
    SIGNAL_LEVELS,
    PatternGroup,
    StructureRule,
    TagRule,
    model_name,
    tag_key,
)
from ficlens.content.tags.sentences import MAX_EVIDENCE_CHARS, sentence_span

__all__ = [
    "CHAPTER_KINDS",
    "EDGE_SHARE",
    "MAX_EVIDENCE_CHARS",
    "POSITIONS",
    "SCENE_KINDS",
    "SCHEMA_VERSION",
    "SIGNAL_LEVELS",
    "STRUCTURE_HITS",
    "PatternGroup",
    "StructureRule",
    "TagRule",
    "detect_tags",
    "load_tags",
    "model_name",
    "parse_tags",
    "read_tags",
    "sentence_span",
    "tag_key",
]
