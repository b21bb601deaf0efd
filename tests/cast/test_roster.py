"""Clustering mentions into characters: full names, titles, nicknames, variants, places."""

from __future__ import annotations

from collections import Counter

import pytest

from ficlens.cast.mentions import Mention
from ficlens.cast.names import split_name
from ficlens.cast.roster import Group, cluster_names, display_name
from ficlens.model import Span


def mentions(*names: str, speech_subject: bool = False) -> list[Mention]:
    """One mention per name, at distinct dummy offsets."""
    found = []
    for n, name in enumerate(names):
        span = Span(n * 100, n * 100 + len(name))
        found.append(Mention(span, split_name(name), "ner", speech_subject))
    return found


def grouped(groups: list[Group]) -> list[set[str]]:
    return [set(group.keys) for group in groups]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        pytest.param(
            ["Elizabeth Bennet"] * 2 + ["Elizabeth"] * 2 + ["Lizzy"] * 2,
            [{"Elizabeth Bennet", "Elizabeth", "Lizzy"}],
            id="full-name-first-name-nickname",
        ),
        pytest.param(
            ["Zacharias"] * 3 + ["Zach"] * 4 + ["Anthony"] * 5,
            [{"Zacharias", "Zach"}, {"Anthony"}],  # 7 mentions, then 5
            id="nickname-joins-its-full-name",
        ),
        pytest.param(
            ["Mr. Bennet"] * 2 + ["Mrs. Bennet"] * 2,
            [{"Mr. Bennet"}, {"Mrs. Bennet"}],
            id="mr-and-mrs-stay-apart",
        ),
        pytest.param(
            ["Fitzwilliam Darcy"] * 2 + ["Mr. Darcy"] * 3,
            [{"Fitzwilliam Darcy", "Mr. Darcy"}],
            id="titled-surname-joins-full-name",
        ),
        pytest.param(
            ["Mr. Darcy"] * 2 + ["Darcy"] * 2,
            [{"Mr. Darcy", "Darcy"}],
            id="bare-surname-joins-titled",
        ),
        pytest.param(
            ["Aunt Petunia"] * 2 + ["Aunt"] * 3 + ["Uncle Vernon"] * 2 + ["Uncle"] * 2,
            [{"Aunt Petunia", "Aunt"}, {"Uncle Vernon", "Uncle"}],
            id="a-kin-title-alone-joins-its-one-name",
        ),
        pytest.param(
            ["Aunt Petunia"] * 3 + ["Aunt Marge"] * 2 + ["Aunt"] * 2,
            [{"Aunt Petunia"}, {"Aunt Marge"}, {"Aunt"}],
            id="a-kin-title-alone-with-two-aunts-stays-apart",
        ),
        pytest.param(
            ["Mr. Bennet"] * 3 + ["Mrs. Bennet"] * 2 + ["Bennet"] * 2,
            [{"Mr. Bennet", "Bennet"}, {"Mrs. Bennet"}],
            id="bare-surname-joins-the-mr",
        ),
        pytest.param(
            ["Lady Catherine"] * 2 + ["Kitty"] * 2,
            [{"Lady Catherine"}, {"Kitty"}],
            id="nickname-does-not-join-titled-name",
        ),
        pytest.param(
            ["Hermione"] * 3 + ["Hermoine"] * 2,
            [{"Hermione", "Hermoine"}],
            id="swapped-letters",
        ),
        pytest.param(
            ["Hermione"] * 3 + ["Hermionne"] * 2,
            [{"Hermione", "Hermionne"}],
            id="doubled-letter",
        ),
        pytest.param(
            ["Harry"] * 3 + ["Hardy"] * 2,
            [{"Harry"}, {"Hardy"}],
            id="different-names-one-letter-apart",
        ),
        pytest.param(
            ["Jane Bennet"] * 3 + ["Elizabeth Bennet"] * 2 + ["Bennet"] * 2,
            [{"Jane Bennet"}, {"Elizabeth Bennet"}, {"Bennet"}],
            id="surname-of-two-full-names-stays-apart",
        ),
        pytest.param(
            ["Miss Jane Bates"] * 3 + ["Miss Bates"] * 2 + ["Mrs. Bates"] * 2,
            [{"Miss Jane Bates", "Miss Bates"}, {"Mrs. Bates"}],
            id="miss-and-mrs-are-two-women",
        ),
        pytest.param(
            ["Sakura"] * 2 + ["Kakashi"] * 3,
            [{"Kakashi"}, {"Sakura"}],
            id="largest-first",
        ),
    ],
)
def test_cluster_names(names: list[str], expected: list[set[str]]) -> None:
    assert grouped(cluster_names(mentions(*names))) == expected


def test_honorifics_join_the_bare_name() -> None:
    groups = cluster_names(mentions("Kakashi-sensei", "Kakashi", "Kakashi-sensei"))
    assert grouped(groups) == [{"Kakashi"}]
    assert groups[0].size == 3


def test_groups_below_min_mentions_are_dropped() -> None:
    names = ["Hermione"] * 3 + ["Neville"]
    assert grouped(cluster_names(mentions(*names))) == [{"Hermione"}]
    assert grouped(cluster_names(mentions(*names), min_mentions=1)) == [{"Hermione"}, {"Neville"}]
    assert cluster_names(mentions(*names), min_mentions=4) == []


def test_a_name_the_quotations_say_helps_keep_a_group_named_once() -> None:
    names = mentions("Hermione", "Hermione", "Neville")
    assert grouped(cluster_names(names, quoted={"Neville": 1})) == [{"Hermione"}]
    assert grouped(cluster_names(names, quoted={"Neville": 2})) == [{"Hermione"}, {"Neville"}]
    # said only in quotations, never in the narration: no group at all
    assert grouped(cluster_names(mentions("Hermione", "Hermione"), quoted={"Neville": 9})) == [
        {"Hermione"}
    ]


def test_a_pack_name_said_once_is_kept_only_when_the_story_names_few_characters_twice() -> None:
    drabble = mentions("Severus", "Severus", "Hermione", "Crookshanks")
    kept = cluster_names(drabble, once={"Hermione", "Severus"})
    assert grouped(kept) == [{"Severus"}, {"Hermione"}]  # Crookshanks is no pack name
    busy = mentions("Severus", "Severus", "Minerva", "Minerva", "Hermione")
    assert grouped(cluster_names(busy, once={"Hermione"})) == [{"Severus"}, {"Minerva"}]


def test_speech_subjects_count_twice() -> None:
    said = mentions("Neville", speech_subject=True)
    assert grouped(cluster_names(said)) == [{"Neville"}]


def test_a_letter_said_once_is_no_speaker() -> None:
    spelled = mentions("S", speech_subject=True)  # "S," says Colin, spelling a coin's mark
    assert grouped(cluster_names(spelled)) == []
    assert grouped(cluster_names(mentions("Q", "Q"))) == [{"Q"}]
    assert grouped(cluster_names(mentions("Mr. S", speech_subject=True))) == [{"Mr. S"}]


@pytest.mark.parametrize(
    ("share", "kept"),
    [(1.0, False), (0.75, False), (0.5, False), (0.25, True), (0.0, True)],
)
def test_names_mostly_after_a_locative_are_places(share: float, kept: bool) -> None:
    names = ["Hermione"] * 3 + ["Hogsmeade"] * 4
    groups = cluster_names(mentions(*names), locative={"Hogsmeade": share})
    assert ({"Hogsmeade"} in grouped(groups)) is kept
    assert {"Hermione"} in grouped(groups)


@pytest.mark.parametrize(
    ("names", "shown"),
    [
        (["Elizabeth Bennet"] * 2 + ["Elizabeth"] * 5 + ["Lizzy"], "Elizabeth Bennet"),
        (["Fitzwilliam Darcy"] * 2 + ["Mr. Darcy"] * 6, "Fitzwilliam Darcy"),
        # A full name used once is not enough: the most used name is shown.
        (["Elizabeth Bennet"] + ["Elizabeth"] * 5, "Elizabeth"),
        (["Mr. Darcy"] * 3 + ["Darcy"] * 2, "Mr. Darcy"),
    ],
)
def test_display_name(names: list[str], shown: str) -> None:
    [group] = cluster_names(mentions(*names))
    assert display_name(group) == shown


def test_gender_hints_come_from_titles() -> None:
    [darcy, bennet] = cluster_names(mentions(*["Mr. Darcy"] * 3, *["Mrs. Bennet"] * 2))
    assert darcy.gender_hints() == {"he/him"}
    assert bennet.gender_hints() == {"she/her"}


def test_a_bare_surname_joins_the_full_name_of_its_clear_gender() -> None:
    # The narration calls Newland "Archer" and follows it with "he"; Mr., Mrs. and Miss
    # Archer are other people, and Janey Archer is a woman.
    names = (
        ["Newland Archer"] * 6 + ["Janey Archer"] * 3 + ["Archer"] * 20
        + ["Mr. Archer"] * 2 + ["Mrs. Archer"] * 4 + ["Miss Archer"] * 2
    )  # fmt: skip
    votes = {
        "Archer": Counter({"he/him": 15, "she/her": 4}),
        "Newland Archer": Counter({"he/him": 5}),
        "Janey Archer": Counter({"she/her": 3}),
    }
    groups = grouped(cluster_names(mentions(*names), votes=votes))
    assert {"Newland Archer", "Archer"} in groups
    assert {"Mrs. Archer"} in groups
    # Without votes (or with mixed ones) the bare surname stays where it was.
    assert {"Newland Archer"} in grouped(cluster_names(mentions(*names)))
    mixed = {**votes, "Archer": Counter({"he/him": 6, "she/her": 5})}
    assert {"Newland Archer"} in grouped(cluster_names(mentions(*names), votes=mixed))


def test_a_wife_title_does_not_join_a_daughter_full_name() -> None:
    names = ["Cassandra Otway"] * 4 + ["Lady Otway"] * 3 + ["Mrs. Dashwood"] * 2
    names += ["Elinor Dashwood"] * 3
    groups = grouped(cluster_names(mentions(*names)))
    assert {"Lady Otway"} in groups
    assert {"Mrs. Dashwood"} in groups
