"""Misspelt canon names: which words are a pack's names misspelt, which are words of their own."""

from __future__ import annotations

import pytest

from ficlens.fandoms import CanonCharacter, FandomPack, load_pack, load_packs, spelling
from ficlens.fandoms.spelling import respelt, respelt_word

HP = (load_pack("harry_potter"),)


def pack_of(*given: str) -> FandomPack:
    """A pack of one character for each given name (surname ``Test``)."""
    characters = tuple(
        CanonCharacter(f"{name} Test", name, "Test", (name,), (), "she/her") for name in given
    )
    return FandomPack("test", "Test Fandom", (), "given_first", (), characters)


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("Hermoine", "hermione"),  # two neighbours swapped
        ("Voldermort", "voldemort"),  # a letter inserted
        ("Shacklebot", "shacklebolt"),  # a letter left out
        ("Pompfrey", "pomfrey"),
        ("Dumbeldore", "dumbledore"),
    ],
)
def test_a_word_one_edit_from_a_pack_name_is_that_name(word: str, name: str) -> None:
    assert respelt_word(word, HP) == name


@pytest.mark.parametrize(
    "word",
    [
        "Hermione",  # the name itself
        "Weasleys",  # a family, not one Weasley
        "Vector",  # an English word (and a professor), not Victor
        "Nichelle",  # a census given name, not Michelle
        "Bilius",  # another first letter: Ron's middle name, not Filius
        "hermoine",  # not capitalised
        "Lunna",  # Luna has too few letters to be corrected to
        "Hermoinee",  # two edits
    ],
)
def test_words_of_their_own_are_not_misspellings(word: str) -> None:
    assert respelt_word(word, load_packs()) is None


def test_a_name_of_its_own_is_no_misspelling_where_its_pack_is_not_read() -> None:
    # Victor is Sherlock's Victor Trevor, and a census name: beside Harry Potter alone, a
    # crossover's Victor is not Viktor Krum
    assert respelt_word("Victor", HP) is None


def test_a_word_one_edit_from_two_names_is_neither() -> None:
    # Charlie Weasley and Charlus Potter
    assert respelt_word("Charlis", HP) is None
    assert respelt_word("Charlei", HP) == "charlie"


def test_a_name_the_frequency_file_does_not_list_is_matched_exactly() -> None:
    # a user's own pack: its names' neighbours were never checked against English
    assert respelt_word("Wrenfeild", (pack_of("Wrenfield"),)) is None


def test_without_a_near_list_nothing_is_a_misspelling(monkeypatch: pytest.MonkeyPatch) -> None:
    # a frequency file written before the list: no word was checked against English
    monkeypatch.setattr(spelling, "common_near", lambda: None)
    respelt_word.cache_clear()
    try:
        assert respelt_word("Hermoine", HP) is None
    finally:
        respelt_word.cache_clear()


def test_respelt_corrects_each_word_of_a_name() -> None:
    assert respelt("Hermoine Grager", HP) == "hermione granger"
    assert respelt("Hermione Granger", HP) is None
    assert respelt("the Dark Lord", HP) is None
