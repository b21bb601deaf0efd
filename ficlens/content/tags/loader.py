"""Reading tag files: parse ``tags.toml``, validate every field, compile its patterns.

:func:`parse_tags` checks the TOML text against the schema (known fields, types, word
boundaries, lower case, known signals, levels and kinds, no name declared twice) and raises a
``ValueError`` naming the file and the tag on the first problem; :func:`read_tags` reads any
file on disk and :func:`load_tags` the packaged one (``ficlens/content/tags.toml``), once.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from functools import cache
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import NoReturn

from ficlens.content.tags.schema import (
    CHAPTER_KINDS,
    POSITIONS,
    SCENE_KINDS,
    SCHEMA_VERSION,
    SIGNAL_LEVELS,
    PatternGroup,
    StructureRule,
    TagRule,
    tag_key,
)

_TAG_FIELDS = (
    "name", "aliases", "patterns", "group", "exclude", "min_hits", "min_density",
    "requires_signal", "structure", "position", "model", "fandom",
)  # fmt: skip
_GROUP_FIELDS = ("patterns", "weight", "required")
_STRUCTURE_FIELDS = ("scene_kinds", "chapter_kinds", "headings")
_SIGNAL_FIELDS = ("name", "level")
_ESCAPE = re.compile(r"\\.")


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
    r"""Compile lexical patterns for ``lexical.py``: lower-case text, leading ``\b`` apart.

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
    model = raw.get("model", False)
    if not isinstance(model, bool):
        _fail(source, f"{where}.model", f"expected true or false, got {model!r}")
    fandom = raw.get("fandom")
    if fandom is not None and (not isinstance(fandom, str) or not fandom.strip()):
        _fail(source, f"{where}.fandom", f"expected a fandom pack's name, got {fandom!r}")
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
        model=model,
        fandom=fandom,
    )
    if not (rule.groups or rule.structure or rule.requires_signal or rule.model):
        _fail(
            source, where, "expected patterns, [[tag.group]], structure, requires_signal or model"
        )
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
