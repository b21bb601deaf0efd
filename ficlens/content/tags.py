"""Freeform tags and tropes (AO3 style), each with the passages that show it.

The tags are data: ``tags.toml`` declares, per tag, the patterns that count as evidence and how
much evidence the tag needs (see ``docs/tags.md`` for the schema). This module reads and
validates that file once, then scores a work's paragraphs against every tag:

* **lexical evidence**: each paragraph counts once per tag, with the weight of the strongest
  pattern group it matches. A tag fires when the weighted count reaches ``min_hits``, the count
  per thousand words reaches ``min_density`` and every ``required`` group matched somewhere;
* **structural evidence**: a scene or chapter of a given kind, or a heading matching a pattern
  ("Five Years Later", "Epilogue"), fires the tag on its own;
* **signals**: ``requires_signal`` gates a tag on a content signal's level (Smut needs the
  ``sexual`` signal at ``explicit``); a tag with neither patterns nor structure takes the
  signal's passages as its evidence.

Evidence spans are sentence-sized: the sentence around each hit, at most 300 characters.
Everything here is pure; no spaCy.
"""

from __future__ import annotations

import math
import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import NoReturn

from ficlens.model import Chapter, Scene, Signal, Span, Tag
from ficlens.stats import count_words
from ficlens.structure.patterns import chapter_heading, strip_decoration, time_heading

SCHEMA_VERSION = 1
SIGNAL_LEVELS: dict[str, tuple[str, ...]] = {
    "sexual": ("none", "romance", "implied", "non_explicit", "explicit"),
    "substances": ("none", "mentioned", "use", "intoxication"),
    "violence": ("none", "mild", "serious", "graphic"),
}
"""The signals a tag may require, with their levels from lowest to highest."""
POSITIONS = ("any", "start", "end")
SCENE_KINDS = ("scene", "time_skip", "flashback", "interlude")
CHAPTER_KINDS = ("chapter", "prologue", "epilogue", "interlude")
EDGE_SHARE = 0.4
"""``position = "end"`` counts hits in the last 40% of the story; ``"start"`` the first 40%."""
MAX_EVIDENCE_CHARS = 300
STRUCTURE_HITS = 2.0
"""A structural hit counts as this many times ``min_hits`` when computing confidence."""

_TAG_FIELDS = (
    "name", "aliases", "patterns", "group", "exclude", "min_hits", "min_density",
    "requires_signal", "structure", "position",
)  # fmt: skip
_GROUP_FIELDS = ("patterns", "weight", "required")
_STRUCTURE_FIELDS = ("scene_kinds", "chapter_kinds", "headings")
_SIGNAL_FIELDS = ("name", "level")
_MAX_HEADING_CHARS = 120
_QUOTES = "\"'“”‘’«»„"
_ESCAPE = re.compile(r"\\.")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]*_]*(?=\s|$)")


@dataclass(frozen=True, slots=True)
class PatternGroup:
    r"""Patterns that count alike: each matching paragraph adds ``weight`` hits.

    Attributes:
        regex: the group's patterns as one alternation, for lower-cased text, without their
            leading ``\b`` (checked apart, see :func:`_scan`).
        weight: how many hits one matching paragraph counts for; 0 for a pure condition.
        required: the tag needs at least one hit of this group.
    """

    regex: re.Pattern[str]
    weight: float = 1.0
    required: bool = False


@dataclass(frozen=True, slots=True)
class StructureRule:
    """Structural evidence that fires a tag on its own.

    Attributes:
        scene_kinds: a scene of one of these kinds (``flashback`` ...) counts.
        chapter_kinds: a chapter of one of these kinds (``epilogue`` ...) counts.
        headings: a pattern searched in scene headings, chapter headings and titles, and
            paragraphs that read as headings; ``None`` when the rule has none.
    """

    scene_kinds: tuple[str, ...] = ()
    chapter_kinds: tuple[str, ...] = ()
    headings: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class TagRule:
    """One tag of ``tags.toml``, validated and compiled.

    Attributes:
        name: AO3's canonical form of the tag.
        aliases: close AO3 variants that mean the same tag (for scoring against author tags).
        groups: the pattern groups; the first holds the tag's plain ``patterns``.
        exclude: hits whose sentence matches this pattern do not count.
        min_hits: weighted paragraph hits needed.
        min_density: weighted hits per thousand words needed.
        requires_signal: a signal name and the lowest level that lets the tag fire.
        structure: structural evidence, or ``None``.
        position: where lexical hits must lie: ``any``, ``start`` or ``end``.
    """

    name: str
    aliases: tuple[str, ...]
    groups: tuple[PatternGroup, ...]
    exclude: re.Pattern[str] | None
    min_hits: float
    min_density: float
    requires_signal: tuple[str, str] | None
    structure: StructureRule | None
    position: str


@dataclass(frozen=True, slots=True)
class _Hit:
    """One piece of evidence: its sentence-sized span and how much it counts."""

    span: Span
    weight: float
    group: int


@dataclass(frozen=True, slots=True)
class _Heading:
    """A heading-like line of the work: its text, where it is, and what kind it opens."""

    text: str
    span: Span
    scene_kind: str | None = None
    chapter_kind: str | None = None


# --- loading -------------------------------------------------------------------------------


def _fail(source: str, where: str, message: str) -> NoReturn:
    raise ValueError(f"{source}: {where}: {message}")


def _check_fields(
    table: dict[str, object], allowed: tuple[str, ...], source: str, where: str
) -> None:
    unknown = sorted(set(table) - set(allowed))
    if unknown:
        _fail(source, where, f"unknown field(s) {', '.join(unknown)}; known: {', '.join(allowed)}")


def _strings(value: object, source: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        _fail(source, where, f"expected a list of strings, got {type(value).__name__}")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            _fail(source, f"{where}[{index}]", f"expected a non-empty string, got {item!r}")
    return tuple(value)


def _number(table: dict[str, object], key: str, default: float, source: str, where: str) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        _fail(source, f"{where}.{key}", f"expected a number >= 0, got {value!r}")
    return float(value)


def _prepare(pattern: str) -> str:
    """A pattern as compiled: a space is whitespace (`` ?`` optional), ``'`` either apostrophe."""
    spaced = pattern.replace(" ?", r"\s*").replace(" ", r"\s+")
    return spaced.replace("'", "['’]")


def _check_pattern(pattern: str, anchors: bool, source: str, where: str) -> None:
    """Word boundaries (or, for headings, ``^``/``$``), lower case and valid syntax."""
    starts, ends = ((r"\b", "^"), (r"\b", "$")) if anchors else ((r"\b",), (r"\b",))
    if not pattern.startswith(starts) or not pattern.endswith(ends):
        shown = " or ".join(starts)
        _fail(source, where, f"'{pattern}' must start and end with {shown} (word boundaries)")
    if any(char.isupper() for char in _ESCAPE.sub("", pattern)):
        _fail(source, where, f"'{pattern}' must be written in lower case (matching ignores case)")
    try:
        re.compile(_prepare(pattern))
    except re.error as exc:
        _fail(source, where, f"invalid regular expression '{pattern}': {exc}")


def _compile(
    patterns: Sequence[str], source: str, where: str, *, anchors: bool = False
) -> re.Pattern[str]:
    """Check each pattern, then join them into one case-insensitive regex."""
    for index, pattern in enumerate(patterns):
        _check_pattern(pattern, anchors, source, f"{where}[{index}]")
    return re.compile("|".join(f"(?:{_prepare(p)})" for p in patterns), re.IGNORECASE)


def _compile_lexical(patterns: Sequence[str], source: str, where: str) -> re.Pattern[str]:
    r"""Compile lexical patterns for :func:`_scan`: lower-case text, leading ``\b`` apart.

    Dropping the leading boundary lets the regex engine skip ahead by first letter, several
    times faster than the case-insensitive form on long texts.
    """
    _compile(patterns, source, where)
    bodies = (_prepare(pattern.removeprefix(r"\b")) for pattern in patterns)
    return re.compile("|".join(f"(?:{body})" for body in bodies))


def _group(raw: object, source: str, where: str) -> PatternGroup:
    if not isinstance(raw, dict):
        _fail(source, where, f"expected a table, got {type(raw).__name__}")
    _check_fields(raw, _GROUP_FIELDS, source, where)
    patterns = _strings(raw.get("patterns"), source, f"{where}.patterns")
    if not patterns:
        _fail(source, f"{where}.patterns", "expected at least one pattern")
    required = raw.get("required", False)
    if not isinstance(required, bool):
        _fail(source, f"{where}.required", f"expected true or false, got {required!r}")
    weight = _number(raw, "weight", 1.0, source, where)
    if weight == 0 and not required:
        _fail(
            source,
            f"{where}.weight",
            "a group of weight 0 counts only as a condition: add required = true",
        )
    return PatternGroup(_compile_lexical(patterns, source, f"{where}.patterns"), weight, required)


def _groups(raw: dict[str, object], source: str, where: str) -> tuple[PatternGroup, ...]:
    groups: list[PatternGroup] = []
    if "patterns" in raw:
        patterns = _strings(raw["patterns"], source, f"{where}.patterns")
        if patterns:
            groups.append(PatternGroup(_compile_lexical(patterns, source, f"{where}.patterns")))
    extra = raw.get("group", [])
    if not isinstance(extra, list):
        _fail(source, f"{where}.group", "expected [[tag.group]] tables")
    groups += [_group(item, source, f"{where}.group[{i}]") for i, item in enumerate(extra)]
    return tuple(groups)


def _signal(raw: object, source: str, where: str) -> tuple[str, str] | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        _fail(source, where, f"expected a table {{ name, level }}, got {type(raw).__name__}")
    _check_fields(raw, _SIGNAL_FIELDS, source, where)
    name, level = raw.get("name"), raw.get("level")
    if name not in SIGNAL_LEVELS:
        _fail(source, f"{where}.name", f"expected one of {', '.join(SIGNAL_LEVELS)}, got {name!r}")
    assert isinstance(name, str)
    if level not in SIGNAL_LEVELS[name][1:]:
        known = ", ".join(SIGNAL_LEVELS[name][1:])
        _fail(source, f"{where}.level", f"expected one of {known}, got {level!r}")
    assert isinstance(level, str)
    return name, level


def _kinds(
    raw: dict[str, object], key: str, known: tuple[str, ...], source: str, where: str
) -> tuple[str, ...]:
    kinds = _strings(raw.get(key, []), source, f"{where}.{key}")
    for index, kind in enumerate(kinds):
        if kind not in known:
            _fail(
                source,
                f"{where}.{key}[{index}]",
                f"expected one of {', '.join(known)}, got {kind!r}",
            )
    return kinds


def _structure(raw: object, source: str, where: str) -> StructureRule | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        _fail(source, where, f"expected a table, got {type(raw).__name__}")
    _check_fields(raw, _STRUCTURE_FIELDS, source, where)
    headings = _strings(raw.get("headings", []), source, f"{where}.headings")
    rule = StructureRule(
        scene_kinds=_kinds(raw, "scene_kinds", SCENE_KINDS, source, where),
        chapter_kinds=_kinds(raw, "chapter_kinds", CHAPTER_KINDS, source, where),
        headings=(
            _compile(headings, source, f"{where}.headings", anchors=True) if headings else None
        ),
    )
    if not (rule.scene_kinds or rule.chapter_kinds or rule.headings):
        _fail(source, where, "expected scene_kinds, chapter_kinds or headings")
    return rule


def _tag(raw: object, index: int, source: str) -> TagRule:
    where = f"tag[{index}]"
    if not isinstance(raw, dict):
        _fail(source, where, f"expected a table, got {type(raw).__name__}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip() or name != name.strip():
        _fail(source, f"{where}.name", f"expected the tag's AO3 name, got {name!r}")
    where = f"{where} ({name})"
    _check_fields(raw, _TAG_FIELDS, source, where)
    position = raw.get("position", "any")
    if position not in POSITIONS:
        _fail(
            source, f"{where}.position", f"expected one of {', '.join(POSITIONS)}, got {position!r}"
        )
    assert isinstance(position, str)
    exclude = _strings(raw.get("exclude", []), source, f"{where}.exclude")
    rule = TagRule(
        name=name,
        aliases=_strings(raw.get("aliases", []), source, f"{where}.aliases"),
        groups=_groups(raw, source, where),
        exclude=(_compile(exclude, source, f"{where}.exclude", anchors=True) if exclude else None),
        min_hits=_number(raw, "min_hits", 1.0, source, where),
        min_density=_number(raw, "min_density", 0.0, source, where),
        requires_signal=_signal(raw.get("requires_signal"), source, f"{where}.requires_signal"),
        structure=_structure(raw.get("structure"), source, f"{where}.structure"),
        position=position,
    )
    if not (rule.groups or rule.structure or rule.requires_signal):
        _fail(source, where, "expected patterns, [[tag.group]], structure or requires_signal")
    if rule.groups and rule.min_hits <= 0:
        _fail(source, f"{where}.min_hits", "expected min_hits > 0 for a tag with patterns")
    return rule


def parse_tags(text: str, *, source: str) -> tuple[TagRule, ...]:
    """Parse and validate a tag file's TOML text.

    Args:
        text: the TOML document.
        source: where it came from (a file name), put at the start of every error message.

    Returns:
        The tags in file order.

    Raises:
        ValueError: the text is not TOML, or a tag has an unknown or missing field, a field of
            the wrong type, a pattern without word boundaries or that does not compile, an
            unknown signal, level, scene kind or position, or a name used twice. The message
            names the file and the tag, e.g. ``tags.toml: tag[3] (Angst).min_hits: ...``.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{source}: not valid TOML: {exc}") from exc
    _check_fields(data, ("version", "tag"), source, "file")
    if data.get("version") != SCHEMA_VERSION:
        _fail(
            source, "version", f"expected version = {SCHEMA_VERSION}, got {data.get('version')!r}"
        )
    raw_tags = data.get("tag")
    if not isinstance(raw_tags, list) or not raw_tags:
        _fail(source, "tag", "expected one or more [[tag]] tables")
    rules = tuple(_tag(raw, index, source) for index, raw in enumerate(raw_tags))
    seen: set[str] = set()
    for index, rule in enumerate(rules):
        key = tag_key(rule.name)
        if key in seen:
            _fail(source, f"tag[{index}] ({rule.name})", "this tag name is declared twice")
        seen.add(key)
    return rules


def read_tags(path: str | PathLike[str]) -> tuple[TagRule, ...]:
    """Read and validate a tag file anywhere on disk (handy while editing one)."""
    file = Path(path)
    return parse_tags(file.read_text(encoding="utf-8"), source=str(file))


@cache
def load_tags() -> tuple[TagRule, ...]:
    """The packaged ``tags.toml``, parsed and compiled once."""
    data = resources.files("ficlens.content").joinpath("tags.toml").read_text(encoding="utf-8")
    return parse_tags(data, source="tags.toml")


def tag_key(name: str) -> str:
    """A tag name for comparison: lower case, plain apostrophes and dashes, single spaces.

    Example:
        >>> tag_key("  Hurt/Comfort ") == tag_key("hurt/comfort")
        True
        >>> tag_key("Wakes – Funerals")
        'wakes - funerals'
    """
    plain = name.replace("’", "'").replace("–", "-").replace("—", "-").lower()
    return " ".join(plain.split())


# --- evidence ------------------------------------------------------------------------------


def sentence_span(text: str, region: Span, match: Span) -> Span:
    """The sentence of ``region`` (a paragraph) around ``match``, at most 300 characters.

    Sentences end at ``.``, ``!``, ``?`` or ``…`` (with closing quotes) before whitespace. A
    longer sentence is cut to a window around the match, on word boundaries.

    Example:
        >>> text = "It rained. She cried all night. Then dawn came."
        >>> sentence_span(text, Span(0, len(text)), Span(15, 20)).of(text)
        'She cried all night.'
    """
    chunk = text[region.start : region.end]
    rel_start, rel_end = match.start - region.start, match.end - region.start
    start, end = 0, len(chunk)
    for boundary in _SENTENCE_END.finditer(chunk):
        if boundary.end() <= rel_start:
            start = boundary.end()
        elif boundary.start() >= rel_end:
            end = boundary.end()
            break
    while start < rel_start and chunk[start].isspace():
        start += 1
    start, end = _window(chunk, start, end, rel_start, rel_end)
    return Span(region.start + start, region.start + end)


def _window(chunk: str, start: int, end: int, rel_start: int, rel_end: int) -> tuple[int, int]:
    """Cut ``chunk[start:end]`` to at most ``MAX_EVIDENCE_CHARS`` around the match."""
    if end - start <= MAX_EVIDENCE_CHARS:
        return start, end
    spare = max(0, MAX_EVIDENCE_CHARS - (rel_end - rel_start))
    low = max(start, rel_start - spare // 2)
    high = min(end, low + MAX_EVIDENCE_CHARS)
    low = max(start, min(low, high - MAX_EVIDENCE_CHARS))
    if low > start:
        space = chunk.find(" ", low, rel_start)
        low = space + 1 if space != -1 else low
    if high < end:
        space = chunk.rfind(" ", rel_end, high)
        high = space if space != -1 else high
    return low, high


def _first_sentence(text: str, region: Span) -> Span:
    """The first sentence of a region (a scene without a heading)."""
    chunk = text[region.start : region.end]
    offset = len(chunk) - len(chunk.lstrip())
    point = Span(region.start + offset, region.start + offset)
    return sentence_span(text, region, point)


# --- headings and structure ----------------------------------------------------------------


def _headings(
    text: str,
    paragraphs: Sequence[Span],
    scenes: Sequence[Scene],
    chapters: Sequence[Chapter],
) -> list[_Heading]:
    """Every heading of the work: scene and chapter headings, and heading-like paragraphs."""
    found: list[_Heading] = []
    for scene in scenes:
        if scene.heading and not _quoted(text, scene.heading_span):
            span = scene.heading_span or _first_sentence(text, scene.span)
            found.append(_Heading(scene.heading, span, scene_kind=scene.kind))
    for chapter in chapters:
        if chapter.heading_span is not None:
            line = strip_decoration(chapter.heading_span.of(text))
            found.append(_Heading(line, chapter.heading_span, chapter_kind=chapter.kind))
        if chapter.title and chapter.heading_span is not None:
            found.append(_Heading(chapter.title, chapter.heading_span, chapter_kind=chapter.kind))
    for paragraph in paragraphs:
        heading = _paragraph_heading(text, paragraph)
        if heading is not None:
            found.append(heading)
    return found


def _quoted(text: str, span: Span | None) -> bool:
    """Whether a line opens with a quotation mark: dialogue ("Then what?"), not a heading."""
    return span is not None and span.of(text).lstrip()[:1] in _QUOTES


def _paragraph_heading(text: str, paragraph: Span) -> _Heading | None:
    """A paragraph that reads as a heading line (time skip, flashback, chapter), else ``None``.

    Only its words count: the kind the structure rules would guess from a lone line ("Then
    what?" reads like a flashback heading) is left to the structure stage's scenes.
    """
    line = paragraph.of(text)
    if len(line) > _MAX_HEADING_CHARS or "\n" in line.strip() or _quoted(text, paragraph):
        return None
    if time_heading(line) is None and chapter_heading(line) is None:
        return None
    return _Heading(strip_decoration(line), paragraph)


def _heading_matches(
    rule: StructureRule, exclude: re.Pattern[str] | None, heading: _Heading
) -> bool:
    """Whether a heading shows the rule: its kind or its words, and no ``exclude`` pattern."""
    if exclude is not None and exclude.search(heading.text):
        return False
    if heading.scene_kind in rule.scene_kinds or heading.chapter_kind in rule.chapter_kinds:
        return True
    return rule.headings is not None and rule.headings.search(heading.text) is not None


def _structure_hits(rule: TagRule, context: _Context) -> list[Span]:
    """The spans that show a tag's structural rule: headings, scenes and chapters."""
    structure, text = rule.structure, context.prepared.text
    if structure is None:
        return []
    spans = [
        heading.span
        for heading in context.headings
        if _heading_matches(structure, rule.exclude, heading)
    ]
    for scene in context.scenes:
        if scene.kind in structure.scene_kinds and scene.heading is None:
            spans.append(_first_sentence(text, scene.segments[0] if scene.segments else scene.span))
    for chapter in context.chapters:
        if chapter.kind in structure.chapter_kinds and chapter.heading_span is None:
            spans.append(_first_sentence(text, chapter.span))
    return sorted(set(spans))


# --- lexical hits --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Text:
    """The work's text prepared for scanning: lower-cased (same length) and its paragraphs."""

    text: str
    lowered: str
    paragraphs: Sequence[Span]
    starts: list[int]

    @classmethod
    def of(cls, text: str, paragraphs: Sequence[Span]) -> _Text:
        """Prepare ``text``; lower-casing keeps every offset (characters that would grow stay)."""
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        return cls(text, lowered, paragraphs, [p.start for p in paragraphs])

    def paragraph_at(self, match: Span) -> int | None:
        """The index of the paragraph holding ``match`` wholly, or ``None``."""
        index = bisect_right(self.starts, match.start) - 1
        if index < 0 or match.end > self.paragraphs[index].end:
            return None
        return index

    def boundary(self, offset: int) -> bool:
        r"""Whether a word boundary (``\b``) lies at ``offset``."""
        before = offset > 0 and _is_word(self.lowered[offset - 1])
        after = offset < len(self.lowered) and _is_word(self.lowered[offset])
        return before != after


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _scan(group: PatternGroup, prepared: _Text, story: Span) -> Iterator[tuple[int, Span]]:
    """Each match of a group inside a paragraph, with the paragraph's index."""
    position = story.start
    while match := group.regex.search(prepared.lowered, position, story.end):
        if not prepared.boundary(match.start()):
            position = match.start() + 1
            continue
        found = Span(match.start(), match.end())
        index = prepared.paragraph_at(found)
        if index is not None:
            yield index, found
        position = max(match.end(), match.start() + 1)


def _in_position(rule: TagRule, paragraph: Span, story: Span) -> bool:
    if rule.position == "any" or not len(story):
        return True
    share = (paragraph.start - story.start) / len(story)
    return share >= 1 - EDGE_SHARE if rule.position == "end" else share < EDGE_SHARE


def _lexical_hits(rule: TagRule, prepared: _Text) -> list[list[_Hit]]:
    """Per paragraph with hits (in the rule's position), its first hit of each group."""
    paragraphs = prepared.paragraphs
    if not rule.groups or not paragraphs:
        return []
    story = Span(paragraphs[0].start, max(paragraphs[-1].end, paragraphs[0].start))
    found: dict[int, list[_Hit]] = {}
    for number, group in enumerate(rule.groups):
        done: set[int] = set()
        for index, match in _scan(group, prepared, story):
            paragraph = paragraphs[index]
            if index in done or not _in_position(rule, paragraph, story):
                continue
            sentence = sentence_span(prepared.text, paragraph, match)
            if rule.exclude is not None and rule.exclude.search(sentence.of(prepared.text)):
                continue
            done.add(index)
            found.setdefault(index, []).append(_Hit(sentence, group.weight, number))
    return [found[index] for index in sorted(found)]


def _lexical_score(rule: TagRule, per_paragraph: list[list[_Hit]], words: int) -> float:
    """The weighted hit count if it meets the rule's thresholds, else 0."""
    score = sum(max(hit.weight for hit in hits) for hits in per_paragraph)
    matched = {hit.group for hits in per_paragraph for hit in hits}
    required = {i for i, group in enumerate(rule.groups) if group.required}
    if score < rule.min_hits or not required <= matched:
        return 0.0
    if rule.min_density and 1000 * score / max(words, 1) < rule.min_density:
        return 0.0
    return score


def _signal_allows(rule: TagRule, signals: dict[str, Signal]) -> bool:
    if rule.requires_signal is None:
        return True
    name, level = rule.requires_signal
    signal = signals.get(name)
    if signal is None or signal.level not in SIGNAL_LEVELS[name]:
        return False
    order = SIGNAL_LEVELS[name]
    return order.index(signal.level) >= order.index(level)


# --- detection -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    """What every rule is scored against: the text, its parts and the signals by name."""

    prepared: _Text
    scenes: Sequence[Scene]
    chapters: Sequence[Chapter]
    headings: Sequence[_Heading]
    signals: dict[str, Signal]
    words: int


def _confidence(score: float, needed: float) -> float:
    """Half at the threshold, three quarters at twice it, approaching 1."""
    return round(1 - math.pow(0.5, score / max(needed, 1.0)), 3)


def _evidence(
    structural: Iterable[Span], lexical: list[list[_Hit]], limit: int
) -> tuple[Span, ...]:
    """Structural spans first, then one span per paragraph, heavier hits first."""
    best = [max(hits, key=lambda hit: hit.weight) for hits in lexical]
    ranked = sorted(best, key=lambda hit: (-hit.weight, hit.span.start))
    spans = list(dict.fromkeys([*structural, *(hit.span for hit in ranked)]))
    return tuple(spans[: max(limit, 0)])


def _signal_tag(rule: TagRule, context: _Context, limit: int) -> Tag | None:
    """A tag decided by its signal alone: the signal's passages are its evidence."""
    assert rule.requires_signal is not None
    signal = context.signals[rule.requires_signal[0]]
    hits = max(len(signal.evidence), 1)
    if hits < rule.min_hits:
        return None
    return Tag(rule.name, _confidence(hits, rule.min_hits), signal.evidence[: max(limit, 0)])


def _detect(rule: TagRule, context: _Context, limit: int) -> Tag | None:
    """Score one rule against a work; the tag, or ``None`` when the evidence is too thin."""
    if not _signal_allows(rule, context.signals):
        return None
    if not rule.groups and rule.structure is None:
        return _signal_tag(rule, context, limit)
    structural = _structure_hits(rule, context)
    lexical = _lexical_hits(rule, context.prepared)
    score = _lexical_score(rule, lexical, context.words)
    if not structural and not score:
        return None
    score += STRUCTURE_HITS * max(rule.min_hits, 1.0) * len(structural)
    evidence = _evidence(structural, lexical, limit)
    return Tag(rule.name, _confidence(score, rule.min_hits), evidence)


def detect_tags(
    text: str,
    paragraphs: Sequence[Span],
    *,
    scenes: Sequence[Scene] = (),
    chapters: Sequence[Chapter] = (),
    signals: Sequence[Signal] = (),
    max_evidence: int = 3,
    rules: Sequence[TagRule] | None = None,
) -> tuple[Tag, ...]:
    r"""Suggest AO3 freeform tags for a work, each with the passages that show it.

    Args:
        text: the work's text; every span indexes into it.
        paragraphs: the story's paragraphs in order, author's notes excluded.
        scenes: the work's scenes (their kinds and headings are structural evidence).
        chapters: the work's chapters (their kinds, headings and titles).
        signals: content signals; tags with ``requires_signal`` need the signal's level.
        max_evidence: at most this many evidence spans per tag.
        rules: the tag rules to apply; the packaged ``tags.toml`` when ``None``.

    Returns:
        The tags found, strongest first (confidence, then name).

    Example:
        >>> text = "Epilogue\n\nThey married in spring."
        >>> [tag.name for tag in detect_tags(text, [Span(0, 8), Span(10, 33)])]
        ['Epilogue']
    """
    ordered = sorted(paragraphs)
    context = _Context(
        prepared=_Text.of(text, ordered),
        scenes=scenes,
        chapters=chapters,
        headings=_headings(text, ordered, scenes, chapters),
        signals={signal.name: signal for signal in signals},
        words=sum(count_words(paragraph.of(text)) for paragraph in ordered),
    )
    chosen = load_tags() if rules is None else rules
    found = (_detect(rule, context, max_evidence) for rule in chosen)
    tags = [tag for tag in found if tag is not None]
    return tuple(sorted(tags, key=lambda tag: (-tag.confidence, tag.name)))
