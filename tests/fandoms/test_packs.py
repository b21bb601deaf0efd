"""Fandom packs: every bundled pack loads and is sound; every validation rule has its error."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from ficlens.fandoms import (
    CanonCharacter,
    FandomPack,
    cast_packs,
    find_canon,
    load_pack,
    load_packs,
    loader,
    name_key,
    parse_pack,
    read_pack,
)

SLUGS = {
    "naruto",
    "fantastic_beasts",
    "harry_potter",
    "marvel",
    "supernatural",
    "sherlock",
    "star_wars",
    "my_hero_academia",
    "haikyuu",
}
PACKS_DIR = Path(loader.__file__).parent / "packs"


def test_every_bundled_pack_loads() -> None:
    packs = load_packs()
    assert {pack.slug for pack in packs} == SLUGS
    assert all(isinstance(pack, FandomPack) for pack in packs)
    assert load_packs() is packs  # cached


@pytest.mark.parametrize("slug", sorted(SLUGS))
def test_pack_is_sound(slug: str) -> None:
    pack = load_pack(slug)
    # Harry Potter is the exception (docs: fandoms/SCHEMA.md): three generations of ships, and
    # places, papers, shops and spells the parser takes for people.
    assert 20 <= len(pack.characters) <= (200 if slug == "harry_potter" else 80)
    assert 15 <= len(pack.terms) <= (130 if slug == "harry_potter" else 40)
    assert pack.name_order in ("surname_first", "given_first")
    assert pack.name and pack.name not in pack.aliases
    names = [character.name for character in pack.characters]
    assert len(names) == len(set(names))
    for character in pack.characters:
        assert isinstance(character, CanonCharacter)
        assert re.fullmatch(r"[a-z]+/[a-z]+", character.pronouns)
        assert character.given
        assert character.forms, character.name
        assert character.age is None or 0 < character.age < 1000
    surnames = [name_key(c.surname) for c in pack.characters if c.surname]
    shared = {name_key(surname) for surname in pack.shared_surnames}
    owned = {  # a family name one of the family goes by: Neville's "Longbottom"
        name_key(c.surname) for c in pack.characters if c.surname in c.aliases
    }
    assert {key for key in surnames if surnames.count(key) > 1} <= shared | owned


@pytest.mark.parametrize("slug", sorted(SLUGS))
def test_pack_file_reads_the_same_from_a_path(slug: str) -> None:
    assert read_pack(PACKS_DIR / f"{slug}.toml") == load_pack(slug)


def test_no_term_is_shared_between_packs() -> None:
    owners: dict[str, str] = {}
    for pack in load_packs():
        for term in pack.terms:
            key = name_key(term)
            assert owners.setdefault(key, pack.slug) == pack.slug, f"{term!r} in two packs"


def test_shared_surnames_from_the_brief() -> None:
    assert {"Uchiha", "Uzumaki"} <= set(load_pack("naruto").shared_surnames)
    assert "Weasley" in load_pack("harry_potter").shared_surnames
    assert "Winchester" in load_pack("supernatural").shared_surnames
    assert "Holmes" in load_pack("sherlock").shared_surnames
    assert "Skywalker" in load_pack("star_wars").shared_surnames
    assert "Midoriya" not in load_pack("my_hero_academia").shared_surnames


def test_tag_forms_are_names_in_text() -> None:
    pack = load_pack("my_hero_academia")
    aizawa = next(c for c in pack.characters if c.name == "Aizawa Shouta | Eraserhead")
    assert aizawa.forms[:2] == ("Aizawa Shouta", "Eraserhead")
    gaara = next(c for c in load_pack("naruto").characters if c.name == "Gaara (Naruto)")
    assert gaara.forms[0] == "Gaara"


def test_unknown_slug_lists_the_known_ones() -> None:
    with pytest.raises(KeyError, match=r"no fandom pack 'bleach'.*haikyuu.*supernatural"):
        load_pack("bleach")


VALID = """\
schema = 1
slug = "lanterns"
name = "The Lantern Keepers"
aliases = ["Lantern Keepers (Web Serial)"]
name_order = "given_first"
terms = ["Emberhold", "lantern oath", "Ashfall"]
shared_surnames = ["Ashdown"]

[[characters]]
name = "Wren Ashdown"
given = "Wren"
surname = "Ashdown"
aliases = ["Wren"]
epithets = ["the Last Keeper", "Last Keeper"]
pronouns = "she/her"
age = 17

[[characters]]
name = "Tobias Ashdown"
given = "Tobias"
surname = "Ashdown"
aliases = ["Tobias", "Toby"]
epithets = []
pronouns = "he/him"

[[characters]]
name = "Marrow (Lantern Keepers)"
given = "Marrow"
surname = ""
aliases = ["Marrow"]
pronouns = "they/them"
"""


def test_valid_pack_parses() -> None:
    pack = parse_pack(VALID, source="lanterns.toml")
    assert pack.slug == "lanterns"
    assert pack.metatags == ()
    assert pack.shared_surnames == ("Ashdown",)
    wren, tobias, marrow = pack.characters
    assert wren == CanonCharacter(
        name="Wren Ashdown",
        given="Wren",
        surname="Ashdown",
        aliases=("Wren",),
        epithets=("the Last Keeper", "Last Keeper"),
        pronouns="she/her",
        age=17,
    )
    assert tobias.age is None
    assert marrow.epithets == ()
    assert marrow.forms == ("Marrow",)


INVALID = [
    pytest.param([("schema = 1", "schema = ")], "not valid TOML", id="toml"),
    pytest.param(
        [('slug = "lanterns"\n', "")], "pack: missing required field(s) slug", id="missing"
    ),
    pytest.param(
        [("schema = 1", 'schema = 1\ncolour = "red"')], "unknown field(s) colour", id="unknown"
    ),
    pytest.param([("schema = 1", "schema = 2")], "schema: unsupported schema 2", id="schema"),
    pytest.param(
        [("schema = 1", "schema = true")], "schema: unsupported schema True", id="schema-bool"
    ),
    pytest.param(
        [('slug = "lanterns"', 'slug = "Lantern Keepers"')], "slug: expected lower-case", id="slug"
    ),
    pytest.param(
        [('name = "The Lantern Keepers"', "name = 3")],
        "name: expected a string, got int",
        id="name",
    ),
    pytest.param(
        [('name = "The Lantern Keepers"', 'name = ""')], "name: expected a non-empty", id="empty"
    ),
    pytest.param([('"given_first"', '"western"')], "name_order: expected one of", id="order"),
    pytest.param(
        [('terms = ["Emberhold", "lantern oath", "Ashfall"]', 'terms = "Emberhold"')],
        "terms: expected a list of strings",
        id="terms",
    ),
    pytest.param(
        [('terms = ["Emberhold", "lantern oath", "Ashfall"]', "terms = []")],
        "terms: expected at least one",
        id="no-terms",
    ),
    pytest.param(
        [('"Ashfall"]', '"Ashfall", 4]')], "terms[3]: expected a non-empty string", id="term-type"
    ),
    pytest.param(
        [('pronouns = "she/her"', 'pronouns = "she"')],
        "characters[0] (Wren Ashdown).pronouns: expected a form like 'she/her'",
        id="pronouns",
    ),
    pytest.param(
        [("age = 17", 'age = "17"')],
        "characters[0] (Wren Ashdown).age: expected a whole number",
        id="age",
    ),
    pytest.param(
        [("age = 17", "age = -1")],
        "characters[0] (Wren Ashdown).age: expected an age between",
        id="age-negative",
    ),
    pytest.param(
        [('given = "Tobias"\n', "")],
        "characters[1] (Tobias Ashdown): missing required field(s) given",
        id="given",
    ),
    pytest.param(
        [('aliases = ["Marrow"]', 'aliases = "Marrow"')],
        "characters[2] (Marrow (Lantern Keepers)).aliases: expected a list",
        id="aliases-type",
    ),
    pytest.param(
        [('aliases = ["Marrow"]', 'aliases = ["Marrow", "Toby"]')],
        "characters[2] (Marrow (Lantern Keepers)).aliases: 'Toby' also names Tobias Ashdown",
        id="alias-twice",
    ),
    pytest.param(
        [('aliases = ["Marrow"]', 'aliases = ["Marrow", "the last keeper"]')],
        "'the last keeper' also names Wren Ashdown",
        id="epithet-twice",
    ),
    pytest.param(
        [('aliases = ["Wren"]', 'aliases = ["Wren", "Ashdown"]')],
        "characters[0] (Wren Ashdown).aliases: 'Ashdown' is a shared surname",
        id="shared-alias",
    ),
    pytest.param(
        [('shared_surnames = ["Ashdown"]\n', "")],
        "shared_surnames: 'Ashdown' is the surname of Wren Ashdown and Tobias Ashdown",
        id="shared-missing",
    ),
    pytest.param(
        [
            ('shared_surnames = ["Ashdown"]\n', ""),
            (
                'surname = "Ashdown"\naliases = ["Tobias", "Toby"]',
                'surname = "Vale"\naliases = ["Tobias", "Toby", "Ashdown"]',
            ),
        ],
        "characters[1] (Tobias Ashdown).aliases: 'Ashdown' is the surname of Wren Ashdown too",
        id="other-surname",
    ),
    pytest.param(
        [
            ('aliases = ["Tobias", "Toby"]', 'aliases = ["Toby"]'),
            ('aliases = ["Marrow"]', 'aliases = ["Marrow", "Tobias"]'),
        ],
        "'Tobias' is the given name of Tobias Ashdown too",
        id="other-given",
    ),
    pytest.param(
        [('"Ashfall"]', '"Ashfall", "Marrow"]')],
        "terms[3]: 'Marrow' is also a character's name or a term",
        id="term-name",
    ),
    pytest.param(
        [('"Ashfall"]', '"Ashfall", "ASHDOWN"]')],
        "terms[3]: 'ASHDOWN' is also a character's name or a term",
        id="term-surname",
    ),
    pytest.param(
        [('"Ashfall"]', '"Ashfall", "emberhold"]')],
        "terms[3]: 'emberhold' is listed twice",
        id="term-twice",
    ),
    pytest.param(
        [('"Ashfall"]', '"Ashfall"]\noaths = ["the Lamplighter", "Marrow"]')],
        "oaths[1]: 'Marrow' is also a character's name or a term",
        id="oath-name",
    ),
    pytest.param(
        [('"Ashfall"]', '"Ashfall"]\noaths = ["Ashfall"]')],
        "oaths[0]: 'Ashfall' is also a character's name or a term",
        id="oath-term",
    ),
    pytest.param(
        [('shared_surnames = ["Ashdown"]', 'metatags = "Keeperverse"')],
        "metatags: expected a list of strings",
        id="metatags-not-a-list",
    ),
    pytest.param(
        [('shared_surnames = ["Ashdown"]', 'borrows = ["Harry Potter"]')],
        "borrows[0]: expected another pack's slug, got 'Harry Potter'",
        id="borrows-not-a-slug",
    ),
    pytest.param(
        [('aliases = ["Wren"]', 'aliases = ["Wren", "\'Wren"]')],
        "must start with a letter or digit",
        id="form-start",
    ),
]


def test_a_family_name_one_of_the_family_goes_by_is_theirs() -> None:
    # Not shared: Wren is "Ashdown" in fic, and Tobias answers only to his own names.
    text = VALID.replace('shared_surnames = ["Ashdown"]\n', "").replace(
        'aliases = ["Wren"]', 'aliases = ["Wren", "Ashdown"]'
    )
    pack = parse_pack(text, source="lanterns.toml")
    assert find_canon("Ashdown", (pack,)).name == "Wren Ashdown"  # type: ignore[union-attr]
    assert find_canon("Tobias", (pack,)).name == "Tobias Ashdown"  # type: ignore[union-attr]


@pytest.mark.parametrize(("edits", "message"), INVALID)
def test_invalid_pack_is_refused_naming_file_and_field(
    tmp_path: Path, edits: list[tuple[str, str]], message: str
) -> None:
    text = VALID
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "lanterns.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)) as caught:
        read_pack(path)
    assert str(caught.value).startswith(f"{path}: ")


def test_pack_without_characters_is_refused() -> None:
    header = VALID.split("[[characters]]", maxsplit=1)[0]
    with pytest.raises(ValueError, match=r"x\.toml: pack: missing required field\(s\) characters"):
        parse_pack(header, source="x.toml")
    with pytest.raises(ValueError, match=r"x\.toml: characters: expected one or more"):
        parse_pack(header + "characters = []\n", source="x.toml")


def test_pack_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(VALID.replace("Wren", "Wrén").encode("latin-1"))
    with pytest.raises(ValueError, match="not UTF-8"):
        read_pack(path)


@pytest.fixture
def packs_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point load_packs at a folder of the test's own, and forget it afterwards."""
    folder = tmp_path / "packs"
    folder.mkdir()
    monkeypatch.setattr(loader.resources, "files", lambda package: tmp_path)
    loader.load_packs.cache_clear()
    yield folder
    loader.load_packs.cache_clear()


def test_load_packs_reads_the_folder(packs_folder: Path) -> None:
    (packs_folder / "lanterns.toml").write_text(VALID, encoding="utf-8")
    (packs_folder / "README.txt").write_text("not a pack", encoding="utf-8")
    assert [pack.slug for pack in load_packs()] == ["lanterns"]


def test_slug_must_be_the_file_name(packs_folder: Path) -> None:
    (packs_folder / "keepers.toml").write_text(VALID, encoding="utf-8")
    with pytest.raises(ValueError, match=r"packs/keepers\.toml: slug: 'lanterns' does not match"):
        load_packs()


def test_bad_bundled_pack_names_its_file(packs_folder: Path) -> None:
    (packs_folder / "lanterns.toml").write_text(VALID.replace("he/him", "him"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"^packs/lanterns\.toml: characters\[1\]"):
        load_packs()


@pytest.mark.parametrize(
    ("name", "character"),
    [
        ("Scorpius", "Scorpius Malfoy"),
        ("Al", "Albus Severus Potter"),
        ("Jamie", "James Sirius Potter"),
        ("Prongs", "James Potter"),
        ("Professor Dumbledore", "Albus Dumbledore"),
        ("Aberforth", "Aberforth Dumbledore"),
        ("Rodolphus", "Rodolphus Lestrange"),
        ("Astoria", "Astoria Greengrass"),
        ("Newt", "Newt Scamander"),
        ("Graves", "Percival Graves"),
    ],
)
def test_next_generation_and_fantastic_beasts_names(name: str, character: str) -> None:
    # Issue 4: tagged pairings the packs could not name (Scorpius/Albus, Newt/Graves).
    found = find_canon(name, (load_pack("harry_potter"), load_pack("fantastic_beasts")))
    assert found is not None
    assert found.name == character


@pytest.mark.parametrize("name", ["Albus", "James", "Oliver", "Mary"])
def test_given_names_two_generations_share_name_no_one_alone(name: str) -> None:
    # Bare "Albus" is Dumbledore in one story and Albus Severus Potter in the next; the cast
    # stage gives it to whichever of them the story also names in full. Common given names
    # ("Oliver") are left out for the same reason novels are: they name anyone.
    assert find_canon(name, (load_pack("harry_potter"),)) is None


@pytest.mark.parametrize(
    ("name", "character"),
    [
        ("Marcus", "Marcus Flint"),
        ("Penelope", "Penelope Clearwater"),
        ("Horace", "Horace Slughorn"),
        ("Hugo", "Hugo Weasley"),
        ("Vince", "Vincent Crabbe"),
        ("Penny", "Penelope Clearwater"),  # what Percy calls her in canon, like "Cissy"
        ("Rem", "Remus Lupin"),  # every ao3-hp work that says "Rem" but one names Remus too
    ],
)
def test_uncommon_given_names_name_their_character(name: str, character: str) -> None:
    # A given name no other character of the canon has, and not a common English one, is the
    # character (a story that calls Marcus Flint only "Marcus").
    found = find_canon(name, (load_pack("harry_potter"),))
    assert found is not None
    assert found.name == character


def test_teddy_lupin_and_lily_luna_potter_are_canon_without_taking_lupin_or_lily() -> None:
    packs = (load_pack("harry_potter"),)
    found = {n: find_canon(n, packs) for n in ("Teddy", "Lily Luna", "Lily", "Lupin")}
    names = {n: c.name if c else None for n, c in found.items()}
    # A bare "Lily" is still Lily Evans; "Lupin", now Teddy's surname too, names no one alone
    # (the cast stage gives it to the Lupin the story names).
    assert names == {
        "Teddy": "Teddy Lupin",
        "Lily Luna": "Lily Luna Potter",
        "Lily": "Lily Evans Potter",
        "Lupin": None,
    }


def test_the_wizarding_world_is_one_meta_tag_over_two_packs() -> None:
    shared = set(load_pack("harry_potter").metatags) & set(load_pack("fantastic_beasts").metatags)
    assert shared == {"Wizarding World - J. K. Rowling"}
    assert parse_pack(
        VALID.replace(
            'name_order = "given_first"', 'metatags = ["Keeperverse"]\nname_order = "given_first"'
        ),
        source="lanterns.toml",
    ).metatags == ("Keeperverse",)


def test_a_fantastic_beasts_cast_is_read_with_the_harry_potter_pack_too() -> None:
    # Its stories name Dumbledore and Grindelwald, whom the Harry Potter pack lists.
    beasts, potter = load_pack("fantastic_beasts"), load_pack("harry_potter")
    assert beasts.borrows == ("harry_potter",)
    assert cast_packs((beasts,)) == (beasts, potter)
    assert cast_packs((potter, beasts)) == (potter, beasts)
    assert cast_packs((potter,)) == (potter,)
