"""A pack's ``kin`` groups: who is family of whom, validated against the pack's characters."""

from __future__ import annotations

import pytest

from ficlens.fandoms import are_kin, blood_kin, load_pack, parse_pack

PACK = """\
schema = 1
slug = "harbour"
name = "The Harbour Lights"
name_order = "given_first"
terms = ["Saltmarsh Quay"]
shared_surnames = ["Penrose"]
kin = [["Ada Penrose", "Jory Penrose"]]

[[characters]]
name = "Ada Penrose"
given = "Ada"
surname = "Penrose"
pronouns = "she/her"

[[characters]]
name = "Jory Penrose"
given = "Jory"
surname = "Penrose"
pronouns = "he/him"

[[characters]]
name = "Kit Trevail"
given = "Kit"
surname = "Trevail"
pronouns = "he/him"
"""


def test_kin_groups_make_every_member_family_of_every_other() -> None:
    pack = parse_pack(PACK, source="harbour.toml")
    assert pack.kin == (("Ada Penrose", "Jory Penrose"),)
    assert are_kin("Jory Penrose", "Ada Penrose", (pack,))
    assert not are_kin("Ada Penrose", "Kit Trevail", (pack,))
    assert not are_kin("Ada Penrose", "Ada Penrose", (pack,))


def test_parents_and_children_and_children_of_one_parent_are_family_without_a_kin_group() -> None:
    text = PACK.replace('kin = [["Ada Penrose", "Jory Penrose"]]\n', "").replace(
        '["Penrose"]', '["Penrose", "Trevail"]'
    ) + (
        '\n[[characters]]\nname = "Lowen Trevail"\ngiven = "Lowen"\nsurname = "Trevail"\n'
        'pronouns = "she/her"\nparents = ["Kit Trevail"]\n'
        '\n[[characters]]\nname = "Tamsin Trevail"\ngiven = "Tamsin"\nsurname = "Trevail"\n'
        'pronouns = "she/her"\nparents = ["Kit Trevail"]\n'
    )
    pack = parse_pack(text, source="harbour.toml")
    assert pack.kin == ()
    assert are_kin("Kit Trevail", "Lowen Trevail", (pack,))
    assert are_kin("Tamsin Trevail", "Lowen Trevail", (pack,))
    assert not are_kin("Ada Penrose", "Lowen Trevail", (pack,))


@pytest.mark.parametrize(
    ("kin", "message"),
    [
        ('kin = [["Ada Penrose", "Morwenna Penrose"]]', "'Morwenna Penrose' is not a character"),
        ('kin = [["Ada Penrose"]]', r"kin\[0\]: expected a list of two or more names"),
        ('kin = "Ada Penrose"', "kin: expected a list of lists of names"),
    ],
)
def test_kin_must_name_two_or_more_of_the_packs_characters(kin: str, message: str) -> None:
    text = PACK.replace('kin = [["Ada Penrose", "Jory Penrose"]]', kin)
    with pytest.raises(ValueError, match=message):
        parse_pack(text, source="harbour.toml")


def test_bundled_packs_know_canon_siblings_but_not_spouses() -> None:
    packs = (load_pack("harry_potter"),)
    assert are_kin("Ron Weasley", "Ginny Weasley", packs)
    assert not are_kin("Arthur Weasley", "Molly Weasley", packs)


def test_godparents_are_family_but_not_blood() -> None:
    text = PACK.replace(
        'kin = [["Ada Penrose", "Jory Penrose"]]',
        'kin = [["Ada Penrose", "Jory Penrose"]]\ngodparents = [["Kit Trevail", "Jory Penrose"]]',
    )
    pack = parse_pack(text, source="harbour.toml")
    assert pack.godparents == (("Kit Trevail", "Jory Penrose"),)
    assert are_kin("Kit Trevail", "Jory Penrose", (pack,))
    assert not blood_kin("Kit Trevail", "Jory Penrose", (pack,))
    assert blood_kin("Ada Penrose", "Jory Penrose", (pack,))


def test_godparents_must_name_two_or_more_of_the_packs_characters() -> None:
    text = PACK.replace(
        'kin = [["Ada Penrose", "Jory Penrose"]]', 'godparents = [["Kit Trevail", "Morwenna"]]'
    )
    with pytest.raises(ValueError, match=r"godparents\[0\]: 'Morwenna' is not a character"):
        parse_pack(text, source="harbour.toml")


def test_the_bundled_godfather_is_family_but_not_blood() -> None:
    packs = (load_pack("harry_potter"),)
    assert are_kin("Sirius Black", "Harry Potter", packs)
    assert not blood_kin("Sirius Black", "Harry Potter", packs)
    assert blood_kin("Fred Weasley", "George Weasley", packs)


def with_parents(line: str) -> str:
    """The test pack with ``line`` added to Jory Penrose's table."""
    return PACK.replace('name = "Jory Penrose"\n', f'name = "Jory Penrose"\n{line}\n')


def test_a_character_names_their_parents_among_the_pack_characters() -> None:
    pack = parse_pack(with_parents('parents = ["Ada Penrose"]'), source="harbour.toml")
    assert {c.name: c.parents for c in pack.characters}["Jory Penrose"] == ("Ada Penrose",)
    ron = next(c for c in load_pack("harry_potter").characters if c.name == "Ron Weasley")
    assert ron.parents == ("Molly Weasley", "Arthur Weasley")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('parents = ["Morwenna Penrose"]', "'Morwenna Penrose' is not a character of the pack"),
        ('parents = ["Jory Penrose"]', r"\(Jory Penrose\)\.parents: expected one or two others"),
        ('parents = "Ada Penrose"', "parents: expected a list of strings"),
    ],
)
def test_parents_must_be_one_or_two_other_characters(line: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_pack(with_parents(line), source="harbour.toml")
