"""A short name two eras of a canon share goes to the character of the story's era."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from ficlens.cast import build_cast
from ficlens.cast.canon import merge_canon
from ficlens.cast.eras import story_era
from ficlens.cast.names import split_name
from ficlens.cast.roster import Group
from ficlens.fandoms import FandomPack, find_canon, load_pack, parse_pack
from ficlens.model import Span
from ficlens.nlp import parse

PACK = """\
schema = 1
name_order = "given_first"
slug = "tideclock"
name = "The Tide Clock"
shared_surnames = ["Penrose"]
terms = ["Lantern Row", "the Tide Clock"]

[[characters]]
name = "Morwenna Penrose"
given = "Morwenna"
surname = "Penrose"
aliases = ["Morwenna", "Morwenna Penrose"]
pronouns = "she/her"
era = "the storm years"

[[characters]]
name = "Elowen Hosking"
given = "Elowen"
surname = "Hosking"
aliases = ["Elowen"]
pronouns = "she/her"
era = "the storm years"

[[characters]]
name = "Morwenna Jory Penrose"
given = "Morwenna Jory"
surname = "Penrose"
aliases = ["Morwenna Jory", "Wenna"]
pronouns = "she/her"
era = "the new harbour"

[[characters]]
name = "Kit Trevail"
given = "Kit"
surname = "Trevail"
aliases = ["Kit"]
pronouns = "he/him"
era = "the new harbour"

[[characters]]
name = "Jago Hicks"
given = "Jago"
surname = "Hicks"
aliases = ["Jago"]
pronouns = "he/him"

[[characters]]
name = "Ned Tregear"
given = "Ned"
surname = "Tregear"
aliases = ["Captain Tregear"]
pronouns = "he/him"
era = "the storm years"

[[characters]]
name = "Ned Polglase"
given = "Ned"
surname = "Polglase"
aliases = ["Neddy"]
pronouns = "he/him"
era = "the new harbour"

[[characters]]
name = "Loveday Rowe"
given = "Loveday"
surname = "Rowe"
aliases = ["Loveday"]
pronouns = "she/her"
eras = ["the storm years", "the old quay"]

[[characters]]
name = "Zennor Pascoe"
given = "Zennor"
surname = "Pascoe"
aliases = ["Zennor"]
pronouns = "she/her"
eras = ["the storm years", "the old quay"]
"""


@pytest.fixture(scope="module")
def packs() -> tuple[FandomPack, ...]:
    return (parse_pack(PACK, source="tideclock.toml"),)


def group(count: int, *names: str) -> Group:
    return Group(keys=Counter(dict.fromkeys(names, count)), parts={n: split_name(n) for n in names})


def canon_names(kept: list[tuple[Group, object]]) -> dict[str, str | None]:
    return {sorted(g.keys)[0]: getattr(character, "name", None) for g, character in kept}


def test_a_story_of_the_new_era_gives_the_short_name_to_its_namesake(
    packs: tuple[FandomPack, ...],
) -> None:
    kept = merge_canon([group(9, "Morwenna", "Penrose"), group(4, "Kit")], packs)
    assert canon_names(kept) == {"Kit": "Kit Trevail", "Morwenna": "Morwenna Jory Penrose"}


def test_a_story_of_the_old_era_keeps_the_name_with_its_owner(
    packs: tuple[FandomPack, ...],
) -> None:
    kept = merge_canon([group(9, "Morwenna"), group(4, "Elowen")], packs)
    assert canon_names(kept)["Morwenna"] == "Morwenna Penrose"


def test_without_era_bound_company_the_name_stays_with_its_owner(
    packs: tuple[FandomPack, ...],
) -> None:
    kept = merge_canon([group(9, "Morwenna"), group(9, "Jago")], packs)
    assert canon_names(kept)["Morwenna"] == "Morwenna Penrose"


def test_a_fuller_name_is_not_moved(packs: tuple[FandomPack, ...]) -> None:
    kept = merge_canon([group(9, "Morwenna", "Morwenna Hosking"), group(4, "Kit")], packs)
    assert canon_names(kept)["Morwenna"] == "Morwenna Penrose"


def test_a_nickname_of_her_own_names_the_new_era_namesake(
    packs: tuple[FandomPack, ...],
) -> None:
    # "Wenna" is only the younger Morwenna's, so the group is no evidence of the old era
    kept = merge_canon([group(9, "Morwenna", "Morwenna Penrose", "Wenna"), group(4, "Kit")], packs)
    assert canon_names(kept)["Morwenna"] == "Morwenna Jory Penrose"


def test_a_fuller_name_decides_whose_short_name_it_is(packs: tuple[FandomPack, ...]) -> None:
    # the pack gives a bare "Morwenna" to Morwenna Penrose, but "Morwenna Jory" is the other
    kept = merge_canon([Group(Counter({"Morwenna": 5, "Morwenna Jory": 1}),
                              {n: split_name(n) for n in ("Morwenna", "Morwenna Jory")}),
                        group(4, "Jago")], packs)  # fmt: skip
    assert canon_names(kept)["Morwenna"] == "Morwenna Jory Penrose"


def test_an_era_named_too_rarely_decides_nothing(packs: tuple[FandomPack, ...]) -> None:
    kept = merge_canon([group(9, "Morwenna"), group(1, "Kit")], packs)
    assert canon_names(kept)["Morwenna"] == "Morwenna Penrose"


def test_a_tie_between_eras_decides_nothing(packs: tuple[FandomPack, ...]) -> None:
    characters = {c.name: c for c in packs[0].characters}
    tie = [(characters["Kit Trevail"], 5), (characters["Elowen Hosking"], 5)]
    assert story_era(tie) is None
    assert story_era(tie[:1]) == "the new harbour"


def test_an_era_must_be_a_string() -> None:
    message = r"tideclock.toml: characters\[0\].*era: expected a string"
    with pytest.raises(ValueError, match=message):
        parse_pack(PACK.replace('era = "the storm years"', "era = 3", 1), source="tideclock.toml")


@pytest.mark.parametrize(
    ("era_name", "lead"),
    [("Kit", "Morwenna Jory Penrose"), ("Elowen", "Morwenna Penrose")],
)
def test_a_shared_surname_no_one_else_carries_is_the_family_lead_of_the_era(
    packs: tuple[FandomPack, ...], era_name: str, lead: str
) -> None:
    # A story told from someone else's side calls the lead only by the family name.
    kept = merge_canon([group(5, era_name), group(6, "Penrose", "Sodding Penrose")], packs)
    assert canon_names(kept)["Penrose"] == lead


def test_a_shared_surname_with_no_era_to_choose_by_names_no_one(
    packs: tuple[FandomPack, ...],
) -> None:
    kept = merge_canon([group(5, "Jago"), group(6, "Penrose")], packs)
    assert canon_names(kept) == {"Jago": "Jago Hicks", "Penrose": None}


def test_a_place_named_after_a_family_is_no_one(packs: tuple[FandomPack, ...]) -> None:
    kept = merge_canon([group(5, "Kit"), group(6, "Penrose", "Penrose Hall")], packs)
    assert canon_names(kept)["Penrose"] is None


def test_company_of_one_era_tells_whose_bare_given_name_it_is(
    packs: tuple[FandomPack, ...],
) -> None:
    # No era-bound character is named, but Loveday and Zennor are written only in the era of
    # one of the two Neds.
    kept = merge_canon([group(9, "Ned"), group(5, "Loveday"), group(4, "Zennor")], packs)
    assert canon_names(kept)["Ned"] == "Ned Tregear"


def test_company_named_only_in_quotations_counts_too(packs: tuple[FandomPack, ...]) -> None:
    # Ned and the narrator talk of Loveday and Zennor, whom the narration never names.
    quoted = [(n, c) for n in ("Loveday", "Zennor") if (c := find_canon(n, packs)) is not None]
    kept = merge_canon([group(9, "Ned"), group(5, "Jago")], packs, quoted)
    assert canon_names(kept)["Ned"] == "Ned Tregear"


@pytest.mark.parametrize("company", [[], ["Jago"]])
def test_without_company_of_an_era_a_bare_given_name_stays_unresolved(
    packs: tuple[FandomPack, ...], company: list[str]
) -> None:
    # Jago Hicks belongs to no era in particular
    kept = merge_canon([group(9, "Ned"), *(group(5, name) for name in company)], packs)
    assert canon_names(kept)["Ned"] is None


def test_one_character_of_an_era_is_company_enough(packs: tuple[FandomPack, ...]) -> None:
    # A story of Ned and Loveday alone, as a story of James and Lily alone: her era is his.
    kept = merge_canon([group(9, "Ned"), group(5, "Loveday")], packs)
    assert canon_names(kept)["Ned"] == "Ned Tregear"


def test_a_shared_name_kept_by_its_owner_is_company_of_her_era(
    packs: tuple[FandomPack, ...],
) -> None:
    # `Morwenna` stays the storm years' Morwenna Penrose (no era settles it); with Loveday, of
    # the storm years too, she makes the story's `Ned` that era's Ned, as the couple of the
    # canon's James and Lily are read together.
    kept = merge_canon([group(9, "Ned"), group(6, "Morwenna"), group(5, "Loveday")], packs)
    assert canon_names(kept)["Morwenna"] == "Morwenna Penrose"
    assert canon_names(kept)["Ned"] == "Ned Tregear"


def test_era_bound_characters_outrank_the_company(packs: tuple[FandomPack, ...]) -> None:
    kept = merge_canon(
        [group(9, "Ned"), group(5, "Kit"), group(4, "Loveday"), group(4, "Zennor")], packs
    )
    assert canon_names(kept)["Ned"] == "Ned Polglase"


def test_a_character_has_one_era_or_several_not_both() -> None:
    message = r"tideclock.toml: characters\[0\].*eras: give era .* or eras .*, not both"
    broken = PACK.replace('era = "the storm years"', 'era = "the storm years"\neras = ["x"]', 1)
    with pytest.raises(ValueError, match=message):
        parse_pack(broken, source="tideclock.toml")


def test_one_character_named_by_two_groups_counts_once_and_with_all_its_mentions(
    packs: tuple[FandomPack, ...],
) -> None:
    # "Kit" (2) and "Kit Trevail" (2) before the groups merge: four mentions of the new era.
    characters = {c.name: c for c in packs[0].characters}
    kit = characters["Kit Trevail"]
    assert story_era([(kit, 2), (kit, 2)]) == "the new harbour"
    assert story_era([(kit, 2)]) is None


def owner_of(kept: list[tuple[Group, object]], name: str) -> str | None:
    """The canon character whose group holds the name ``name``."""
    return next((getattr(c, "name", None) for g, c in kept if name in g.keys), None)


def test_a_surname_several_present_share_goes_to_the_family_lead_of_the_era() -> None:
    # Morwenna Jory and her brother Tamsin are both named a few times, neither far more
    # often: the bare family name, forty times, is the one fic means by the name, the lead.
    brother = """
[[characters]]
name = "Tamsin Penrose"
given = "Tamsin"
surname = "Penrose"
pronouns = "he/him"
era = "the new harbour"
"""
    wider = (parse_pack(PACK + brother, source="tideclock.toml"),)
    family = [group(3, "Morwenna Jory Penrose"), group(2, "Tamsin Penrose")]
    kept = merge_canon([group(5, "Kit"), *family, group(40, "Penrose")], wider)
    assert owner_of(kept, "Penrose") == "Morwenna Jory Penrose"
    assert len(kept) == 3


def bare_and(bare: int, other: str, times: int) -> Group:
    names = Counter({"Penrose": bare, other: times})
    return Group(keys=names, parts={n: split_name(n) for n in names})


@pytest.mark.parametrize(
    ("bare", "other", "times", "owner"),
    [
        (40, "Saint Penrose", 1, "Morwenna Jory Penrose"),  # a rare title hides nothing
        (40, "Harbourmaster", 1, "Morwenna Jory Penrose"),  # nor a stray name in the group
        (6, "Mrs Penrose", 5, None),  # a wife's title, often: another person
        (6, "Penrose Hall", 6, None),  # a place as often as the name
    ],
)
def test_a_bare_surname_is_the_group_s_name_when_it_dominates(
    packs: tuple[FandomPack, ...], bare: int, other: str, times: int, owner: str | None
) -> None:
    kept = merge_canon([group(5, "Kit"), bare_and(bare, other, times)], packs)
    assert owner_of(kept, "Penrose") == owner


def test_a_name_said_only_inside_quotations_tells_the_era(packs: tuple[FandomPack, ...]) -> None:
    # Kit calls Morwenna by the nickname only the younger one has ("Wenna, wait!"), three
    # times; the narration names no one of either era alone.
    characters = {c.name: c for c in packs[0].characters}
    wenna = [("Wenna", characters["Morwenna Jory Penrose"])] * 3
    groups = [group(9, "Ned"), group(9, "Jago")]
    assert canon_names(merge_canon(groups, packs))["Ned"] is None
    assert canon_names(merge_canon(groups, packs, wenna))["Ned"] == "Ned Polglase"


def test_a_quoted_name_both_eras_answer_to_sets_no_era_against_the_narration(
    packs: tuple[FandomPack, ...],
) -> None:
    # Said aloud, "Morwenna" is its pack owner's, of the storm years, and company of that
    # era; but it settles no era, so Kit, of the new harbour, named in the narration, does.
    characters = {c.name: c for c in packs[0].characters}
    morwenna = [("Morwenna", characters["Morwenna Penrose"])] * 3
    morwenna += [("Miss Morwenna", characters["Morwenna Penrose"])] * 3  # a title adds nothing
    kept = merge_canon([group(9, "Ned"), group(9, "Jago"), group(4, "Kit")], packs, morwenna)
    assert canon_names(kept)["Ned"] == "Ned Polglase"


def test_a_marauders_story_that_calls_lily_evans_only_aloud_gives_james_his_surname() -> None:
    # Only "Lily" (a name two generations share) and "James" are named in the narration;
    # James calls her "Evans" three times, and only Lily Evans answers to that.
    text = (
        '"Evans," James said, catching up with Lily on the stairs.\n'
        'Lily kept walking. "Go away."\n'
        '"Evans, please. I only want to talk." James ran a hand through his hair.\n'
        "Lily stopped at the portrait hole and sighed. James waited.\n"
        '"Fine, Evans," James said at last. "Have it your way."\n'
        "Lily laughed despite herself, and James grinned at her.\n"
    )
    paragraphs = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    quotes = [Span(m.start() + 1, m.end() - 1) for m in re.finditer(r'"[^"]*"', text)]
    parsed = list(parse(text, paragraphs, hidden=quotes))
    cast = build_cast(text, parsed, packs=(load_pack("harry_potter"),))
    names = {c.name for c in cast.characters}
    assert {"James Potter", "Lily Evans Potter"} <= names


def test_a_title_in_the_group_does_not_keep_the_name_from_the_era_namesake(
    packs: tuple[FandomPack, ...],
) -> None:
    # "Miss Penrose" is either Morwenna's name with a title: the new harbour's Kit decides.
    kept = merge_canon([group(9, "Morwenna", "Miss Penrose"), group(4, "Kit")], packs)
    assert canon_names(kept)["Miss Penrose"] == "Morwenna Jory Penrose"


def test_a_surname_two_packs_share_goes_to_the_lead_of_the_pack_it_leads() -> None:
    # Harry Potter's Scamanders are Rolf and his sons, at the end of its pack; beside
    # Fantastic Beasts, a crossover's bare "Scamander" is Newt, that pack's first character.
    crossover = (load_pack("harry_potter"), load_pack("fantastic_beasts"))
    scamander = Group(Counter({"Scamander": 9, "Mr. Scamander": 1}),
                      {n: split_name(n) for n in ("Scamander", "Mr. Scamander")})  # fmt: skip
    story = [group(9, "Harry"), group(8, "Jacob"), scamander]
    assert canon_names(merge_canon(story, crossover))["Mr. Scamander"] == "Newt Scamander"
    alone = [group(9, "Harry"), group(7, "Scamander")]
    assert canon_names(merge_canon(alone, crossover[:1]))["Scamander"] == "Rolf Scamander"


def test_baby_teddy_alone_settles_no_era() -> None:
    """Teddy Lupin is the baby of post-war stories as well as the next generation's young man:
    with him, Arthur and Molly, the Molly is Arthur's wife, not their granddaughter."""
    hp = (load_pack("harry_potter"),)
    groups = [group(6, "Arthur"), group(5, "Molly"), group(4, "Teddy"), group(3, "Fred")]
    names = canon_names(merge_canon(groups, hp))
    assert (names["Molly"], names["Fred"]) == ("Molly Weasley", "Fred Weasley")


@pytest.fixture(scope="module")
def harry_potter() -> tuple[FandomPack, ...]:
    return (load_pack("harry_potter"),)


def test_short_names_whose_namesakes_share_an_era_are_of_that_era(
    harry_potter: tuple[FandomPack, ...],
) -> None:
    # Only "Lily" and "Albus": the next generation's namesakes cover both, the Marauders' only
    # Lily, and Albus Dumbledore belongs to no era.
    kept = merge_canon([group(25, "Lily"), group(19, "Albus")], harry_potter)
    assert canon_names(kept) == {"Albus": "Albus Severus Potter", "Lily": "Lily Luna Potter"}


def test_company_of_another_era_keeps_shared_short_names_where_they_were(
    harry_potter: tuple[FandomPack, ...],
) -> None:
    # Beside Severus Snape, of the Marauders' era and the main one, they are Lily Evans and
    # Dumbledore.
    kept = merge_canon([group(40, "Severus"), group(25, "Lily"), group(19, "Albus")], harry_potter)
    assert canon_names(kept)["Lily"] == "Lily Evans Potter"
    assert canon_names(kept)["Albus"] == "Albus Dumbledore"


def test_a_name_of_a_character_of_no_era_goes_to_its_namesake_of_the_cast_s_era(
    harry_potter: tuple[FandomPack, ...],
) -> None:
    # Scorpius, named too rarely to settle the era, is of the next generation all the same:
    # the boy beside him called "Albus" is Albus Severus.
    kept = merge_canon([group(2, "Scorpius"), group(6, "Albus")], harry_potter)
    assert canon_names(kept)["Albus"] == "Albus Severus Potter"
    kept = merge_canon([group(6, "Gellert"), group(6, "Albus")], harry_potter)
    assert canon_names(kept)["Albus"] == "Albus Dumbledore"
