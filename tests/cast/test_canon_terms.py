"""How merge_canon reads a fandom pack: places, things and oaths are no characters, a family
name stays with the character fic calls so, and canon characters answer to all their names."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from ficlens.cast import _place_shares, build_cast
from ficlens.cast.canon import merge_canon
from ficlens.cast.mentions import Mention
from ficlens.cast.names import split_name
from ficlens.cast.quoted import quoted_names
from ficlens.cast.roster import Group
from ficlens.cast.things import term_spans
from ficlens.fandoms import FandomPack, load_pack
from ficlens.model import Span
from ficlens.nlp import parse


@pytest.fixture(scope="module")
def packs() -> tuple[FandomPack, ...]:
    return (load_pack("harry_potter"),)


def group(*names: str, count: int = 2) -> Group:
    return Group(keys=Counter(dict.fromkeys(names, count)), parts={n: split_name(n) for n in names})


def canon_of(kept: list[tuple[Group, object]]) -> dict[str, str | None]:
    return {sorted(g.keys)[0]: getattr(character, "name", None) for g, character in kept}


def test_a_group_named_only_by_a_pack_term_is_dropped() -> None:
    packs = (load_pack("harry_potter"),)
    kept = merge_canon([group("Hogwarts"), group("Harry"), group("Wenna Roskilly")], packs)
    assert [(sorted(g.keys), c.name if c else None) for g, c in kept] == [
        (["Harry"], "Harry Potter"),
        (["Wenna Roskilly"], None),
    ]


def test_plural_terms_families_and_places_named_after_terms_are_dropped() -> None:
    packs = (load_pack("harry_potter"),)
    groups = [
        group("Death Eaters"),  # a term in the plural
        group("Potters"),  # a family in the plural
        group("Hogwarts Castle", "Hogwarts"),
        group("Wizard Wheezes", "Wizard", count=1),  # half its mentions are the shop
        group("Quibbler"),
        group("Lumos"),  # a spell
        group("Remus"),
        group("Aurora Wheeze"),  # a name that only begins like a term
    ]
    assert canon_of(merge_canon(groups, packs)) == {
        "Remus": "Remus Lupin",
        "Aurora Wheeze": None,
    }


def test_a_name_ending_in_a_place_noun_is_a_place(packs: tuple[FandomPack, ...]) -> None:
    groups = [
        group("Gaunt Castle"),  # no term of the pack: a family's seat in an AU
        group("Penrose Manor", "Penrose", count=1),
        group("Merope", "Merope Gaunt"),
        group("Wenna Hall"),  # Hall, House, Lane and Church are surnames too
    ]
    assert canon_of(merge_canon(groups, packs)) == {
        "Merope": "Merope Gaunt",
        "Wenna Hall": None,
    }


def test_wizarding_offices_are_no_one_and_their_holders_keep_their_names(
    packs: tuple[FandomPack, ...],
) -> None:
    groups = [
        group("Head Boy"),
        group("Hit Wizards"),
        group("Prefect"),  # `as she was a newly-appointed Prefect`
        group("Amelia Bones", "Amelia", "Madam Bones"),
        group("Auror Potter", "Harry"),
    ]
    assert canon_of(merge_canon(groups, packs)) == {
        "Amelia": "Amelia Bones",
        "Auror Potter": "Harry Potter",
    }


def test_misspelt_terms_and_plurals_in_es_are_dropped_but_names_near_them_kept() -> None:
    packs = (load_pack("harry_potter"),)
    groups = [
        group("Gryfindor"),  # a letter left out
        group("Quiddich"),
        group("Horcruxes"),
        group("Weasley"),  # beside the family's plural "Weasleys", a name, not a misspelling
        group("Nox"),  # too short to be read as misspelt: "Nix" stays a name
        group("Nix"),
    ]
    assert canon_of(merge_canon(groups, packs)) == {"Nix": None, "Weasley": "Ron Weasley"}


def test_a_group_named_only_by_a_pack_oath_is_dropped() -> None:
    # "Merlin's beard!", "Oh Merlin": wizards swear by him; he is in no Harry Potter story.
    packs = (load_pack("harry_potter"),)
    kept = merge_canon([group("Merlin"), group("Circe"), group("Draco")], packs)
    assert [(sorted(g.keys), c.name if c else None) for g, c in kept] == [
        (["Draco"], "Draco Malfoy")
    ]


def test_without_the_pack_an_oath_is_a_name_like_any_other() -> None:
    kept = merge_canon([group("Merlin")], (load_pack("naruto"),))
    assert [sorted(g.keys) for g, _ in kept] == [["Merlin"]]


def test_without_the_pack_a_term_is_left_alone() -> None:
    kept = merge_canon([group("Hogwarts")], (load_pack("naruto"),))
    assert [sorted(g.keys) for g, _ in kept] == [["Hogwarts"]]


def test_quoted_names_counts_pack_names_inside_quotations_only() -> None:
    text = 'Peter came in. "Peter? Is that you, Peter?" asked Padma. "Sirius said you would."'
    quotes = [Span(m.start() + 1, m.end() - 1) for m in re.finditer(r'"[^"]*"', text)]
    parsed = list(parse(text, [Span(0, len(text))], hidden=quotes))
    found = quoted_names(text, parsed, (load_pack("harry_potter"),), {"Peter", "Sirius", "Padma"})
    assert found == {"Peter": 2, "Sirius": 1}


def test_quoted_names_credit_the_character_by_any_of_its_names() -> None:
    # The narration says "Luna Lovegood"; the quotations call her "Luna".
    text = 'Luna Lovegood waved. "Luna, over here!" Ginny called. "Luna!"'
    quotes = [Span(m.start() + 1, m.end() - 1) for m in re.finditer(r'"[^"]*"', text)]
    parsed = list(parse(text, [Span(0, len(text))], hidden=quotes))
    keys = {"Luna Lovegood", "Ginny"}
    assert quoted_names(text, parsed, (load_pack("harry_potter"),), keys) == {"Luna Lovegood": 2}


def test_a_pack_character_after_a_locative_is_still_a_person() -> None:
    # "from Hermione" would make an unknown name half a place; a pack character is a person.
    text = "Ron looked away from Hermione. Hermione only sighed and went back to her book."
    parsed = list(parse(text, [Span(0, len(text))]))
    cast = build_cast(text, parsed, packs=(load_pack("harry_potter"),))
    assert "Hermione Granger" in [c.name for c in cast.characters]


def test_a_canon_character_answers_to_its_packs_other_names() -> None:
    # The narration says "Remus"; a quotation calls him "Moony", which the cast must know.
    text = 'Remus sighed. Sirius sat down. "Moony, you have been off all day." Remus shrugged.'
    quotes = [Span(m.start() + 1, m.end() - 1) for m in re.finditer(r'"[^"]*"', text)]
    parsed = list(parse(text, [Span(0, len(text))], hidden=quotes))
    cast = build_cast(text, parsed, packs=(load_pack("harry_potter"),), min_mentions=1)
    ids = {c.name: c.id for c in cast.characters}
    assert cast.resolve("Moony") == ids["Remus Lupin"]
    assert cast.resolve("Remus John Lupin") == ids["Remus Lupin"]
    assert cast.resolve("Padfoot") == ids["Sirius Black"]
    assert cast.resolve("Prongs") is None  # James is in the pack, not in this story


@pytest.mark.parametrize(
    ("surname", "lead"),
    [
        ("Dumbledore", "Albus Dumbledore"),
        ("Longbottom", "Neville Longbottom"),
        ("Lestrange", "Bellatrix Black Lestrange"),
        ("Tonks", "Nymphadora Tonks"),
    ],
)
def test_a_family_name_alone_is_the_one_fic_calls_so(
    packs: tuple[FandomPack, ...], surname: str, lead: str
) -> None:
    # Fic calls Albus "Dumbledore" and Nymphadora "Tonks"; their relatives are in the pack too.
    kept = merge_canon([group("Harry", count=8), group(surname, count=5)], packs)
    assert canon_of(kept) == {"Harry": "Harry Potter", surname: lead}


def test_a_family_name_that_a_story_gives_another_first_name_is_not_the_lead(
    packs: tuple[FandomPack, ...],
) -> None:
    # "Septimus Malfoy" once, then "Septimus" and "Malfoy": an original Malfoy, not Draco.
    kept = merge_canon(
        [group("Orion", count=9), group("Malfoy", "Septimus Malfoy", "Septimus")], packs
    )
    assert canon_of(kept) == {"Orion": "Orion Black", "Malfoy": None}
    # The lead's own first name beside the surname changes nothing.
    kept = merge_canon([group("Hermione", count=9), group("Malfoy", "Draco Malfoy")], packs)
    assert canon_of(kept)["Draco Malfoy"] == "Draco Malfoy"


def test_a_surname_named_far_more_than_its_one_bearer_is_the_family_lead(
    packs: tuple[FandomPack, ...],
) -> None:
    # A domestic story calls Remus only "Lupin" and his son "Teddy": the surname is not the boy's.
    kept = merge_canon(
        [group("Severus", count=20), group("Lupin", count=24), group("Teddy", count=5)], packs
    )
    assert canon_of(kept) == {
        "Severus": "Severus Snape", "Lupin": "Remus Lupin", "Teddy": "Teddy Lupin",
    }  # fmt: skip
    # Named about as often as the bearer, the surname is still the bearer's.
    kept = merge_canon([group("Lupin", count=8), group("Teddy", count=5)], packs)
    assert canon_of(kept) == {"Lupin": "Teddy Lupin"}


def test_a_surname_whose_pronouns_are_not_the_lead_s_stays_with_its_bearer(
    packs: tuple[FandomPack, ...],
) -> None:
    # Draco's "Weasley" is Ginny when she says "she" of her, however often he calls her so.
    weasley = group("Weasley", count=24)
    weasley.votes.update({"she/her": 12})
    kept = merge_canon([group("Draco", count=20), weasley, group("Ginny", count=5)], packs)
    assert canon_of(kept)["Ginny"] == "Ginny Weasley"
    assert "Weasley" not in canon_of(kept)


def test_a_relative_answers_to_their_own_names_only(packs: tuple[FandomPack, ...]) -> None:
    # A bare "Dumbledore" is Albus even in a story of Aberforth's: fic uses it for Albus.
    kept = merge_canon([group("Aberforth", count=9), group("Dumbledore", count=4)], packs)
    assert canon_of(kept) == {"Aberforth": "Aberforth Dumbledore", "Dumbledore": "Albus Dumbledore"}


@pytest.mark.parametrize(
    ("name", "character"),
    [
        ("Frank", "Frank Longbottom"),
        ("Alice", "Alice Longbottom"),
        ("Ted", "Ted Tonks"),
        ("Rabastan", "Rabastan Lestrange"),
    ],
)
def test_parents_and_brothers_of_the_main_cast_are_canon(
    packs: tuple[FandomPack, ...], name: str, character: str
) -> None:
    kept = merge_canon([group("Neville", count=6), group(name, count=5)], packs)
    assert canon_of(kept)[name] == character


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        # Too common in English for the pack to list bare, but a Harry Potter story's Alicia
        # beside Angelina is Alicia Spinnet.
        ((("Angelina", 6), ("Alicia", 5)), {"Alicia": "Alicia Spinnet"}),
        ((("Harry", 6), ("Katie", 3)), {"Katie": "Katie Bell"}),
        # A name the story gives an original character no one in the pack has stays its own.
        ((("Harry", 6), ("Wenna", 3)), {"Wenna": None}),
        # Rose Weasley belongs to the next generation: in a story of Hermione's she is not.
        ((("Hermione", 6), ("Draco", 6), ("Rose", 3)), {"Rose": None}),
        ((("Scorpius", 6), ("Albus Severus", 4), ("Rose", 3)), {"Rose": "Rose Weasley"}),
        ((("Scorpius", 6), ("Albus Severus", 4), ("Susan", 3)), {"Susan": None}),
        # Fic calls Bill Weasley "Bill": a William is someone else.
        ((("Harry", 6), ("William", 3)), {"William": None}),
        # Nor is a Marge the pack's Marge Dursley, whom fic calls "Aunt Marge".
        ((("Harry", 6), ("Marge", 3)), {"Marge": None}),
        # Two Albuses, one of the next generation: beside Gellert and Ariana, the other.
        ((("Gellert", 6), ("Ariana", 3), ("Albus", 4)), {"Albus": "Albus Dumbledore"}),
        ((("Scorpius", 6), ("Rose", 4), ("Albus", 4)), {"Albus": "Albus Severus Potter"}),
    ],
)
def test_a_common_given_name_is_the_one_pack_character_of_that_name(
    packs: tuple[FandomPack, ...], names: tuple[tuple[str, int], ...], expected: dict[str, str]
) -> None:
    kept = canon_of(merge_canon([group(name, count=count) for name, count in names], packs))
    assert {name: kept[name] for name in expected} == expected


def test_a_word_of_a_pack_term_the_group_also_holds_is_the_term() -> None:
    # "the Yule Ball" once, then "the Ball" throughout: a dance, not a character.
    packs = (load_pack("harry_potter"),)
    ball = Group(
        keys=Counter({"Yule Ball": 3, "Ball": 9}),
        parts={"Yule Ball": split_name("Yule Ball"), "Ball": split_name("Ball")},
    )
    kept = merge_canon([ball, group("Harry"), group("Burrow")], packs)
    assert [(sorted(g.keys), c.name if c else None) for g, c in kept] == [
        (["Harry"], "Harry Potter")
    ]


def test_a_bare_surname_joins_a_character_named_by_a_common_given_name(
    packs: tuple[FandomPack, ...],
) -> None:
    # The story calls Dean Thomas only "Dean" (too common for the pack to list bare) and, in
    # Draco's letters, "Thomas": one character, though Dean found his canon only by his name.
    kept = merge_canon([group("Draco", count=9), group("Dean", count=3), group("Thomas")], packs)
    assert [(sorted(g.keys), getattr(c, "name", None)) for g, c in kept] == [
        (["Draco"], "Draco Malfoy"),
        (["Dean", "Thomas"], "Dean Thomas"),
    ]


def test_a_bare_surname_that_is_also_a_present_given_name_stays_apart(
    packs: tuple[FandomPack, ...],
) -> None:
    # Beside Dean Thomas, a "Thomas" is no one's when the story has an original Thomas too.
    kept = merge_canon([group("Dean", count=3), group("Thomas Smith"), group("Thomas")], packs)
    assert any(sorted(g.keys) == ["Thomas"] for g, _ in kept)


@pytest.mark.parametrize(
    ("names", "titled", "expected"),
    [
        # The story never writes "Teddy Lupin": only "Teddy" and "Mr. Lupin".
        ((("Victoire", 9), ("Teddy", 3)), ("Mr. Lupin",), "Teddy"),
        ((("Harry", 9), ("Ginny", 3), ("Ron", 3)), ("Miss Weasley",), "Ginny"),
        # A bare surname the roster put with the title changes nothing.
        ((("Teddy", 3),), ("Mr. Lupin", "Lupin"), "Teddy"),
        # Two Malfoys the title fits: "Mr. Malfoy" could be either, and stays apart.
        ((("Draco", 9), ("Lucius", 3)), ("Mr. Malfoy",), None),
        # The title's gender rules a namesake out: Miss Malfoy is not Draco.
        ((("Draco", 9),), ("Miss Malfoy",), None),
        # A wife's title is her husband's name, not her own: Mrs Potter is not Lily Luna.
        ((("Lily Luna", 5), ("Scorpius", 5)), ("Mrs Potter",), None),
    ],
)
def test_a_titled_family_name_is_the_one_character_of_that_family_it_fits(
    packs: tuple[FandomPack, ...],
    names: tuple[tuple[str, int], ...],
    titled: tuple[str, ...],
    expected: str | None,
) -> None:
    title_group = group(titled[0], count=4)
    for bare in titled[1:]:
        title_group.absorb(group(bare))
    kept = merge_canon([*(group(n, count=c) for n, c in names), title_group], packs)
    (owner,) = [g for g, _ in kept if titled[0] in g.keys]
    others = [name for name, _ in names if name in owner.keys]
    assert others == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("written", "canon"),
    [
        ("James F. Potter", "James Potter"),
        ("Harry J Potter", "Harry Potter"),
        ("Lily J. Evans", "Lily Evans Potter"),
        # No initial to drop: an unknown full name stays unknown.
        ("James Fleamont Spencer", None),
    ],
)
def test_a_full_name_with_a_middle_initial_is_the_pack_character(
    packs: tuple[FandomPack, ...], written: str, canon: str | None
) -> None:
    kept = merge_canon([group(written, count=3)], packs)
    assert canon_of(kept) == {written: canon}


def test_a_nickname_does_not_make_a_full_name_of_a_foreign_family_canon(
    packs: tuple[FandomPack, ...],
) -> None:
    # fic calls Penelope Clearwater "Penny", but this Penny has a surname no pack character has
    kept = merge_canon([group("Penny", "Penny Haywood", count=3)], packs)
    assert canon_of(kept) == {"Penny": None}
    # a canon married name, a hyphenated one, a middle name after the given one, or a given
    # name under an AU surname keep the character
    cases = {
        ("Ginny", "Ginny Potter"): "Ginny Weasley",
        ("Ron", "Ron Granger-Weasley"): "Ron Weasley",
        ("Ron", "Ronald Bilius"): "Ron Weasley",
        ("Harry", "Harry Peverell"): "Harry Potter",
        ("Penny", "Penny"): "Penelope Clearwater",
    }
    for names, name in cases.items():
        (found,) = merge_canon([group(*dict.fromkeys(names), count=3)], packs)
        assert getattr(found[1], "name", None) == name, names


def test_one_stray_parse_of_a_pack_name_does_not_make_its_character_a_place() -> None:
    # Three pack mentions of Ginny and one parse mention after a possessive ("his Ginny-only
    # holiday"): the possessive is one mention in four, not the only one counted.
    text = "Ginny laughed. Ginny ran. Ginny sang. He missed his Ginny-only holiday."
    parsed = list(parse(text, [Span(0, len(text))]))
    starts = [m.start() for m in re.finditer("Ginny", text)]
    located = [
        (0, Mention(Span(s, s + 5), split_name("Ginny"), "canon" if n < 3 else "propagated"))
        for n, s in enumerate(starts)
    ]
    shares = _place_shares(text, located, parsed)
    assert shares["Ginny"] == pytest.approx(1 / 8)  # a possessive counts half, of four mentions


def test_names_inside_a_pack_s_place_name_no_one(packs: tuple[FandomPack, ...]) -> None:
    # the parse took the joke shop for two people (and Malfoy Manor's owner for Draco)
    text = (
        "Harry Potter stopped by a shop called Gambol and Japes. Gambol and Japes was closed. "
        "Harry Potter walked on to Malfoy Manor.\n"
    )
    paragraphs = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    cast = build_cast(text, list(parse(text, paragraphs, hidden=[])), packs=packs)
    assert [c.name for c in cast.characters] == ["Harry Potter"]


def test_a_name_right_after_a_names_no_one_of_the_story(packs: tuple[FandomPack, ...]) -> None:
    # "a Potter" is any Potter: it must not make "Potter" the alias of the one Potter named
    text = (
        "Lily Evans read by the fire. She had married a Potter, after all.\n"
        "Lily Evans laughed. A sleepy Draco waved at Lily Evans.\n"
    )
    paragraphs = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    cast = build_cast(text, list(parse(text, paragraphs, hidden=[])), packs=packs, min_mentions=1)
    lily = next(c for c in cast.characters if c.name == "Lily Evans Potter")
    assert "Potter" not in lily.aliases
    assert "Draco Malfoy" in [c.name for c in cast.characters]  # an adjective between: a person


def test_term_spans_find_several_word_terms_in_any_case(packs: tuple[FandomPack, ...]) -> None:
    text = "They met at gambol and japes, then at Hogwarts."
    assert [s.of(text) for s in term_spans(text, packs)] == ["gambol and japes"]
