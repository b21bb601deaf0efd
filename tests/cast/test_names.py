"""Splitting written names into title, bare name and honorific; the words around names."""

from __future__ import annotations

import pytest

from ficlens.cast.names import honorifics, nicknames, pronoun_sets, split_name, titles


@pytest.mark.parametrize(
    ("written", "title", "name", "honorific"),
    [
        ("Mr. Darcy", "Mr.", "Darcy", ""),
        ("Mr Darcy", "Mr", "Darcy", ""),
        ("Mrs. Bennet's", "Mrs.", "Bennet", ""),
        ("Mrs. Bennet’s", "Mrs.", "Bennet", ""),
        ("Kakashi-sensei", "", "Kakashi", "sensei"),
        ("Sakura-chan", "", "Sakura", "chan"),
        ("Naruto-kun", "", "Naruto", "kun"),
        ("Uzumaki Naruto-kun", "", "Uzumaki Naruto", "kun"),
        ("Hinata-sama's", "", "Hinata", "sama"),
        ("Professor McGonagall", "Professor", "McGonagall", ""),
        ("Auror Potter", "Auror", "Potter", ""),
        ("Healer Smethwyck", "Healer", "Smethwyck", ""),
        ("Minister Fudge", "Minister", "Fudge", ""),
        ("Dr. John Watson", "Dr.", "John Watson", ""),
        ("Lady Catherine de Bourgh", "Lady", "Catherine de Bourgh", ""),
        ("Elizabeth", "", "Elizabeth", ""),
        ("James'", "", "James", ""),
        ("  Mr.   Darcy  ", "Mr.", "Darcy", ""),
        ("Jean-Luc", "", "Jean-Luc", ""),  # a hyphen that is not an honorific stays
        ("Mr.", "", "Mr.", ""),  # a title alone is not split off
    ],
)
def test_split_name(written: str, title: str, name: str, honorific: str) -> None:
    parts = split_name(written)
    assert (parts.title, parts.name, parts.honorific) == (title, name, honorific)
    assert parts.tokens == tuple(name.split())


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("Mrs. Bennet", "she/her"),
        ("Miss Lucas", "she/her"),
        ("Lady Catherine", "she/her"),
        ("Mr. Darcy", "he/him"),
        ("Sir William", "he/him"),
        ("Naruto-kun", "he/him"),
        ("Hinata-hime", "she/her"),
        ("Dr. Watson", None),
        ("Professor McGonagall", None),
        ("Kakashi-sensei", None),
        ("Sakura-chan", None),  # -chan is used for boys too
        ("Elizabeth", None),
        ("Mum", "she/her"),  # what a child calls a parent, written as a name
        ("Grandpa", "he/him"),
        ("Dad's", "he/him"),
        ("Mum Weasley", None),  # a longer name is not a parent's word alone
    ],
)
def test_gender_hint(written: str, hint: str | None) -> None:
    assert split_name(written).gender_hint == hint


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Lizzy", {"Elizabeth"}),
        ("Eliza", {"Elizabeth"}),
        ("Kitty", {"Catherine", "Katherine"}),
        ("Ron", {"Ronald"}),
        ("Ginny", {"Ginevra"}),
        ("Zach", {"Zachary", "Zacharias"}),  # "Zach" beside "Zacharias" is one character
        ("Ernie", {"Ernest"}),
        ("Nat", {"Natasha", "Nathaniel"}),  # ambiguous: merges only when one of them is there
        ("Dom", {"Dominique", "Dominic"}),  # merges only beside them: "my Dom" stays apart
        ("Vic", {"Victoire"}),
    ],
)
def test_nicknames(short: str, full: set[str]) -> None:
    assert nicknames()[short] == full


def test_full_names_are_not_nicknames() -> None:
    assert "Elizabeth" not in nicknames()
    assert "Sakura" not in nicknames()


def test_titles_with_and_without_full_stop() -> None:
    assert titles()["Mr."] == titles()["Mr"] == "he/him"
    assert titles()["Mrs."] == titles()["Mrs"] == "she/her"
    assert titles()["Dr."] is None
    assert "Darcy" not in titles()


def test_honorifics() -> None:
    assert honorifics()["kun"] == "he/him"
    assert honorifics()["hime"] == "she/her"
    assert honorifics()["sensei"] is None
    assert "chan" in honorifics()


@pytest.mark.parametrize(
    ("pronoun", "pronoun_set"),
    [
        ("he", "he/him"),
        ("his", "he/him"),
        ("her", "she/her"),
        ("herself", "she/her"),
        ("they", "they/them"),
        ("themself", "they/them"),
        ("xe", "xe/xem"),
        ("hir", "ze/hir"),
    ],
)
def test_pronoun_sets(pronoun: str, pronoun_set: str) -> None:
    assert pronoun_sets()[pronoun] == pronoun_set


def test_pronoun_sets_hold_no_first_person() -> None:
    assert "i" not in pronoun_sets()
    assert "me" not in pronoun_sets()
