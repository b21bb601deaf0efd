"""Read and validate fandom packs: the ``packs/*.toml`` data files described in ``SCHEMA.md``.

Every problem is a :class:`ValueError` whose message starts with the file and the field, e.g.
``packs/naruto.toml: characters[3] (Hatake Kakashi).pronouns: ...``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import NoReturn

from ficlens.fandoms.pack import CanonCharacter, FandomPack, name_key, normalize, tag_forms

SCHEMA_VERSION = 1
NAME_ORDERS = ("surname_first", "given_first")
_PRONOUNS = re.compile(r"^[a-z]+/[a-z]+$")
_SLUG = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
_MAX_AGE = 100_000
_PACK_FIELDS = (
    "schema", "slug", "name", "aliases", "metatags", "name_order", "terms", "shared_surnames",
    "kin", "godparents", "oaths", "borrows",
)  # fmt: skip
_PACK_REQUIRED = ("schema", "slug", "name", "name_order", "terms", "characters")
_CHARACTER_FIELDS = (
    "name", "given", "surname", "aliases", "epithets", "pronouns", "age", "era", "eras",
    "parents",
)  # fmt: skip
_CHARACTER_REQUIRED = ("name", "given", "surname", "pronouns")


def _fail(source: str, where: str, message: str) -> NoReturn:
    raise ValueError(f"{source}: {where}: {message}")


def _check_fields(
    table: dict[str, object],
    allowed: tuple[str, ...],
    required: tuple[str, ...],
    source: str,
    where: str,
) -> None:
    unknown = sorted(set(table) - set(allowed))
    if unknown:
        _fail(source, where, f"unknown field(s) {', '.join(unknown)}; known: {', '.join(allowed)}")
    missing = [name for name in required if name not in table]
    if missing:
        _fail(source, where, f"missing required field(s) {', '.join(missing)}")


def _text(
    table: dict[str, object], key: str, source: str, where: str, *, empty: bool = False
) -> str:
    value = table[key]
    if not isinstance(value, str):
        _fail(source, f"{where}{key}", f"expected a string, got {type(value).__name__}")
    if value != value.strip() or (not value and not empty):
        _fail(
            source,
            f"{where}{key}",
            f"expected a non-empty string without outer spaces, got {value!r}",
        )
    return value


def _texts(table: dict[str, object], key: str, source: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list):
        _fail(source, f"{where}{key}", f"expected a list of strings, got {type(value).__name__}")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip() or item != item.strip():
            _fail(source, f"{where}{key}[{index}]", f"expected a non-empty string, got {item!r}")
    return tuple(dict.fromkeys(value))


def parse_pack(text: str, *, source: str) -> FandomPack:
    """Parse and validate one pack's TOML text.

    Args:
        text: the TOML document.
        source: where it came from (a file name), put at the start of every error message.

    Returns:
        The validated pack.

    Raises:
        ValueError: the text is not TOML, a field is missing, unknown or of the wrong type or
            form, or a name is ambiguous inside the pack (see ``SCHEMA.md``).
    """
    try:
        data: dict[str, object] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{source}: not valid TOML: {exc}") from exc
    _check_fields(data, (*_PACK_FIELDS, "characters"), _PACK_REQUIRED, source, "pack")
    schema = data["schema"]
    if isinstance(schema, bool) or schema != SCHEMA_VERSION:
        _fail(source, "schema", f"unsupported schema {schema!r}; this FicLens reads schema 1")
    slug = _text(data, "slug", source, "")
    if not _SLUG.match(slug):
        _fail(source, "slug", f"expected lower-case letters, digits and _, got {slug!r}")
    name_order = _text(data, "name_order", source, "")
    if name_order not in NAME_ORDERS:
        _fail(source, "name_order", f"expected one of {', '.join(NAME_ORDERS)}, got {name_order!r}")
    terms = _texts(data, "terms", source, "")
    if not terms:
        _fail(source, "terms", "expected at least one term")
    raw_characters = data["characters"]
    if not isinstance(raw_characters, list) or not raw_characters:
        _fail(source, "characters", "expected one or more [[characters]] tables")
    pack = FandomPack(
        slug=slug,
        name=_text(data, "name", source, ""),
        aliases=_texts(data, "aliases", source, ""),
        name_order=name_order,
        terms=terms,
        characters=tuple(
            _character(raw, index, source) for index, raw in enumerate(raw_characters)
        ),
        shared_surnames=_texts(data, "shared_surnames", source, ""),
        oaths=_texts(data, "oaths", source, ""),
        metatags=_texts(data, "metatags", source, ""),
        borrows=_texts(data, "borrows", source, ""),
    )
    for index, borrowed in enumerate(pack.borrows):
        if not _SLUG.match(borrowed) or borrowed == slug:
            _fail(source, f"borrows[{index}]", f"expected another pack's slug, got {borrowed!r}")
    _check_names(pack, source)
    _check_parents(pack, source)
    return replace(
        pack,
        kin=_kin(data.get("kin", []), pack, source),
        godparents=_kin(data.get("godparents", []), pack, source, "godparents"),
    )


def _check_parents(pack: FandomPack, source: str) -> None:
    """A character's parents are one or two other characters of the pack."""
    pronouns = {character.name: character.pronouns for character in pack.characters}
    for index, character in enumerate(pack.characters):
        where = f"characters[{index}] ({character.name}).parents"
        if len(character.parents) > 2 or character.name in character.parents:
            _fail(source, where, f"expected one or two others, got {list(character.parents)}")
        for name in character.parents:
            if name not in pronouns:
                _fail(source, where, f"{name!r} is not a character of the pack")


def _kin(
    raw: object, pack: FandomPack, source: str, field: str = "kin"
) -> tuple[tuple[str, ...], ...]:
    """A pack's groups of relatives (``kin`` or ``godparents``): two or more of its names each."""
    if not isinstance(raw, list):
        _fail(source, field, f"expected a list of lists of names, got {type(raw).__name__}")
    known = {character.name for character in pack.characters}
    groups = []
    for index, group in enumerate(raw):
        names = _texts({field: group}, field, source, "") if isinstance(group, list) else ()
        if len(names) < 2:
            _fail(
                source, f"{field}[{index}]", f"expected a list of two or more names, got {group!r}"
            )
        for name in names:
            if name not in known:
                _fail(source, f"{field}[{index}]", f"{name!r} is not a character of the pack")
        groups.append(names)
    return tuple(groups)


def _character(raw: object, index: int, source: str) -> CanonCharacter:
    where = f"characters[{index}]"
    if not isinstance(raw, dict):
        _fail(source, where, f"expected a table, got {type(raw).__name__}")
    if isinstance(raw.get("name"), str):
        where = f"{where} ({raw['name']})"
    _check_fields(raw, _CHARACTER_FIELDS, _CHARACTER_REQUIRED, source, where)
    field = f"{where}."
    pronouns = _text(raw, "pronouns", source, field)
    if not _PRONOUNS.match(pronouns):
        _fail(source, f"{field}pronouns", f"expected a form like 'she/her', got {pronouns!r}")
    age = raw.get("age")
    if age is not None and (isinstance(age, bool) or not isinstance(age, int)):
        _fail(source, f"{field}age", f"expected a whole number, got {age!r}")
    if age is not None and not 0 <= age <= _MAX_AGE:
        _fail(source, f"{field}age", f"expected an age between 0 and {_MAX_AGE}, got {age}")
    if "era" in raw and "eras" in raw:
        _fail(source, f"{field}eras", "give era (one era) or eras (several), not both")
    return CanonCharacter(
        name=_text(raw, "name", source, field),
        given=_text(raw, "given", source, field),
        surname=_text(raw, "surname", source, field, empty=True),
        aliases=_texts(raw, "aliases", source, field),
        epithets=_texts(raw, "epithets", source, field),
        pronouns=pronouns,
        age=age,
        era=_text(raw, "era", source, field) if "era" in raw else None,
        eras=_texts(raw, "eras", source, field),
        parents=_texts(raw, "parents", source, field),
    )


def _check_names(pack: FandomPack, source: str) -> None:
    """Every name must point at one character: the rules of ``SCHEMA.md`` § Ambiguity."""
    shared = {name_key(surname) for surname in pack.shared_surnames}
    givens: dict[str, list[str]] = {}
    surnames: dict[str, list[str]] = {}
    for character in pack.characters:
        givens.setdefault(name_key(character.given), []).append(character.name)
        if character.surname:
            surnames.setdefault(name_key(character.surname), []).append(character.name)
    bare = _bare_surnames(pack)
    written = {name_key(c.surname): c.surname for c in pack.characters}
    for key, names in surnames.items():
        if len(names) > 1 and key not in shared and key not in bare:
            message = f"{written[key]!r} is the surname of {names[0]} and {names[1]}"
            _fail(source, "shared_surnames", f"{message}; list it here, or as one's alias")
    owners: dict[str, str] = {}
    for index, character in enumerate(pack.characters):
        for field, form in _named_forms(character):
            where = f"characters[{index}] ({character.name}).{field}"
            key = name_key(form)
            if len(key) < 2 or not normalize(form)[0].isalnum():
                _fail(source, where, f"{form!r} must start with a letter or digit")
            if key in shared:
                _fail(source, where, f"{form!r} is a shared surname; it cannot name one character")
            owner = owners.setdefault(key, character.name)
            if owner != character.name:
                _fail(source, where, f"{form!r} also names {owner}; a name names one character")
            for kind, table in (("surname", surnames), ("given name", givens)):
                if kind == "surname" and bare.get(key) == character.name:
                    continue  # the family's bare name is this character's
                others = [name for name in table.get(key, ()) if name != character.name]
                if others:
                    _fail(source, where, f"{form!r} is the {kind} of {others[0]} too")
    _check_words(pack.terms, "terms", source, {*owners, *shared})
    _check_words(pack.oaths, "oaths", source, {*owners, *shared, *map(name_key, pack.terms)})


def _bare_surnames(pack: FandomPack) -> dict[str, str]:
    """Family names one member of the family lists as an alias: the bare name is theirs.

    ``Longbottom`` is Neville's alias, and Frank and Alice Longbottom have it as surname.
    """
    found: dict[str, str] = {}
    for character in pack.characters:
        own = name_key(character.surname) if character.surname else None
        if own and own in {name_key(alias) for alias in character.aliases}:
            found[own] = character.name
    return found


def _check_words(words: tuple[str, ...], field: str, source: str, names: set[str]) -> None:
    """Terms or oaths: each starts with a letter or digit, is listed once and names no one."""
    seen: set[str] = set()
    for index, word in enumerate(words):
        key = name_key(word)
        where = f"{field}[{index}]"
        if not normalize(word)[0].isalnum():
            _fail(source, where, f"{word!r} must start with a letter or digit")
        if key in seen:
            _fail(source, where, f"{word!r} is listed twice")
        if key in names:
            _fail(source, where, f"{word!r} is also a character's name or a term")
        seen.add(key)


def _named_forms(character: CanonCharacter) -> list[tuple[str, str]]:
    fields = (
        ("name", tag_forms(character.name)),
        ("aliases", character.aliases),
        ("epithets", character.epithets),
    )
    return [(field, form) for field, forms in fields for form in forms]


def read_pack(path: str | PathLike[str]) -> FandomPack:
    """Read and validate a pack file anywhere on disk (a pack under development, a test's).

    Raises:
        ValueError: the file is not UTF-8 or not a valid pack; the message names the file.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text: {exc}") from exc
    return parse_pack(text, source=str(path))


@cache
def load_packs() -> tuple[FandomPack, ...]:
    """Every bundled pack (``ficlens/fandoms/packs/*.toml``), validated, in file-name order.

    Raises:
        ValueError: a pack is invalid, or its slug is not its file name.
    """
    folder = resources.files("ficlens.fandoms").joinpath("packs")
    packs: list[FandomPack] = []
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if not entry.name.endswith(".toml"):
            continue
        source = f"packs/{entry.name}"
        pack = parse_pack(entry.read_text(encoding="utf-8"), source=source)
        stem = entry.name.removesuffix(".toml")
        if pack.slug != stem:
            _fail(source, "slug", f"{pack.slug!r} does not match the file name ({stem!r})")
        packs.append(pack)
    slugs = {pack.slug for pack in packs}
    for pack in packs:
        for index, borrowed in enumerate(pack.borrows):
            if borrowed not in slugs:
                _fail(f"packs/{pack.slug}.toml", f"borrows[{index}]", f"no pack {borrowed!r}")
    return tuple(packs)


def cast_packs(packs: Sequence[FandomPack]) -> tuple[FandomPack, ...]:
    """The packs a work's cast is read with: its detected ones, then the bundled packs they borrow.

    A Fantastic Beasts story is detected as Fantastic Beasts alone, but its Dumbledore and
    Grindelwald are the Harry Potter pack's (the pack ``borrows`` it).

    Example:
        >>> [p.slug for p in cast_packs((load_pack("fantastic_beasts"),))]
        ['fantastic_beasts', 'harry_potter']
    """
    chosen = {pack.slug: pack for pack in packs}
    bundled = {pack.slug: pack for pack in load_packs()}
    for pack in packs:
        for slug in pack.borrows:
            if slug in bundled:
                chosen.setdefault(slug, bundled[slug])
    return tuple(chosen.values())


def load_pack(slug: str) -> FandomPack:
    """The bundled pack with this slug, e.g. ``load_pack("naruto")``.

    Raises:
        KeyError: no bundled pack has this slug; the message lists the known slugs.
    """
    for pack in load_packs():
        if pack.slug == slug:
            return pack
    known = ", ".join(pack.slug for pack in load_packs())
    raise KeyError(f"no fandom pack {slug!r}; known packs: {known}")
