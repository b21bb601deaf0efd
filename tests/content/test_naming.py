"""The order of names in a relationship tag: AO3's, by family name."""

from __future__ import annotations

import pytest

from ficlens.content.relationships.naming import sort_key


def ordered(*names: str) -> list[str]:
    return sorted(names, key=sort_key)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        # by family name, whatever the given names say
        (("Harry Potter", "Draco Malfoy"), ["Draco Malfoy", "Harry Potter"]),
        (("Remus Lupin", "Sirius Black"), ["Sirius Black", "Remus Lupin"]),
        # a shared family name: the given name decides
        (("Lily Evans Potter", "James Potter"), ["James Potter", "Lily Evans Potter"]),
        # the last name of a double-barrelled AO3 name is the family name
        (("Severus Snape", "Lily Evans Potter"), ["Lily Evans Potter", "Severus Snape"]),
        # a quoted nickname inside the name changes nothing
        (
            ("Nymphadora Tonks", 'Alastor "Mad-Eye" Moody'),
            ['Alastor "Mad-Eye" Moody', "Nymphadora Tonks"],
        ),
        # one name is its own family name; the disambiguator is not read
        (("Loki (Marvel)", "Hermione Granger"), ["Hermione Granger", "Loki (Marvel)"]),
        (
            ("Steve Rogers", "Natasha Romanov (Marvel)"),
            ["Steve Rogers", "Natasha Romanov (Marvel)"],
        ),
        # canon that writes the family name first: the pack says which word it is
        (("Hatake Kakashi", "Haruno Sakura"), ["Haruno Sakura", "Hatake Kakashi"]),
        (("Umino Iruka", "Hatake Kakashi"), ["Hatake Kakashi", "Umino Iruka"]),
        # of piped names only the first counts
        (
            ("Midoriya Izuku", "Aizawa Shouta | Eraserhead"),
            ["Aizawa Shouta | Eraserhead", "Midoriya Izuku"],
        ),
        # a reader-insert's Reader and an unnamed narrator close the tag
        (("Reader", "Fred Weasley"), ["Fred Weasley", "Reader"]),
        (("Narrator", "Wren Castellan"), ["Wren Castellan", "Narrator"]),
        # three names
        (
            ("Theodore Nott", "Harry Potter", "Blaise Zabini"),
            ["Theodore Nott", "Harry Potter", "Blaise Zabini"],
        ),
    ],
)
def test_names_sort_as_ao3_canonical_tags_write_them(
    names: tuple[str, ...], expected: list[str]
) -> None:
    assert ordered(*names) == expected


def test_spacing_and_case_do_not_change_the_order() -> None:
    assert sort_key("Draco  Malfoy") == sort_key("Draco Malfoy")
    assert ordered("harry potter", "Draco Malfoy") == ["Draco Malfoy", "harry potter"]
