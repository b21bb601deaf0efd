"""A child's words for a parent (``his dad``, ``Mum``) name the parent a pack knows."""

from __future__ import annotations

import re

import pytest

from ficlens.cast import Cast, build_cast
from ficlens.cast.parents import parent_words
from ficlens.fandoms import load_pack
from ficlens.model import Character, Span
from ficlens.nlp import parse

HP = (load_pack("harry_potter"),)


def cast_of(text: str, *, packs: tuple = HP) -> Cast:
    """The cast built from ``text``, one paragraph per line, its quotations masked."""
    paragraphs = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    quotes = [Span(m.start() + 1, m.end() - 1) for m in re.finditer(r'"[^"]*"', text)]
    return build_cast(text, list(parse(text, paragraphs, hidden=quotes)), packs=packs)


def names_said(cast: Cast, text: str, ident: str) -> list[str]:
    return [span.of(text) for span, owner in cast.mentions if owner == ident]


def by_name(cast: Cast) -> dict[str, Character]:
    return {c.name: c for c in cast.characters}


RON_SIDE = (
    "Ron pressed his nose to the window. His dad was in the shed again.\n"
    "Ron slipped outside. His dad looked up from a pile of wires and grinned.\n"
    '"Don\'t tell Mum," his dad said.\n'
    "Mum was in the garden with Ginny. Mum waved. Ron nodded and crossed his heart.\n"
    "Ron ran back up the lawn to his mum.\n"
)


def test_a_parent_the_story_never_names_joins_the_cast_from_his_childs_words() -> None:
    cast = cast_of(RON_SIDE)
    people = by_name(cast)
    assert {"Ron Weasley", "Arthur Weasley", "Molly Weasley"} <= set(people)
    assert names_said(cast, RON_SIDE, people["Arthur Weasley"].id) == ["dad"] * 3
    assert people["Arthur Weasley"].canon
    assert people["Arthur Weasley"].mentions == 3


def test_mum_written_as_a_name_is_the_leads_mother() -> None:
    cast = cast_of(RON_SIDE)
    people = by_name(cast)
    assert "Mum" not in people
    assert people["Molly Weasley"].aliases == ("Mum",)
    assert people["Molly Weasley"].mentions == 3  # twice Mum, once his mum
    assert people["Molly Weasley"].gender == "she/her"
    assert cast.resolve("Mum") == people["Molly Weasley"].id  # "Mum said" finds her too


def test_a_kin_named_member_joins_the_parent_already_in_the_cast() -> None:
    text = RON_SIDE + "Molly Weasley came in. Molly Weasley laughed at them both.\n"
    people = by_name(cast_of(text))
    assert "Mum" not in people
    assert "Mum" in people["Molly Weasley"].aliases
    assert people["Molly Weasley"].mentions == 5  # twice Mum, once his mum, twice by name


HARRY_SIDE = (
    "Harry Potter hauled his trunk onto the platform. James ruffled his hair and laughed.\n"
    "Harry rolled his eyes. His dad only laughed harder.\n"
    "James waved from the barrier as the train pulled out.\n"
)


def test_a_bare_first_name_the_childs_words_call_a_parent_is_that_parent() -> None:
    # the pack has two Jameses, so the bare name alone is nobody's; "his dad" says which
    cast = cast_of(HARRY_SIDE)
    people = by_name(cast)
    assert "James" not in people
    james = people["James Potter"]
    assert james.canon and james.gender == "he/him"
    assert james.aliases == ("James",)
    assert names_said(cast, HARRY_SIDE, james.id) == ["James", "dad", "James"]


def test_a_namesake_of_another_gender_is_not_the_parent() -> None:
    text = (
        "Harry Potter hauled his trunk onto the platform. His dad only laughed.\n"
        "James hugged her knees. She was his cousin. James said she was cold. She shivered.\n"
        "James waved from the barrier. She smiled at her own reflection.\n"
    )
    people = by_name(cast_of(text))
    assert people["James"].gender == "she/her"
    assert not people["James"].canon
    assert "James Potter" not in people


def test_ma_is_the_one_mother_the_cast_s_children_share() -> None:
    text = (
        "Modesty Barebone skipped in the yard. Credence Barebone watched from the steps.\n"
        "Ma called them in. Modesty ran. Credence followed slowly. Ma was waiting.\n"
    )
    people = by_name(cast_of(text, packs=(load_pack("fantastic_beasts"), *HP)))
    assert "Ma" not in people
    assert people["Mary Lou Barebone"].aliases == ("Ma",)


def test_mum_is_not_the_mother_of_siblings_the_story_is_not_led_by() -> None:
    text = (
        "Hermione Granger read by the fire. Hermione sighed. Hermione turned a page.\n"
        "Ron Weasley laughed. Ginny Weasley laughed. Ron won at chess. Ginny sulked.\n"
        "Mum would write soon. Mum always wrote on Sundays. Hermione smiled.\n"
    )
    people = by_name(cast_of(text))
    assert {"Ron Weasley", "Ginny Weasley", "Mum"} <= set(people)
    assert "Molly Weasley" not in people


def test_mum_is_no_one_when_the_children_s_mothers_differ() -> None:
    text = (
        "Ron Weasley and Harry Potter sat by the fire. Ron yawned. Harry laughed.\n"
        "Mum would be furious. Mum always was. Ron shrugged and Harry grinned.\n"
    )
    people = by_name(cast_of(text))
    assert "Molly Weasley" not in people and "Lily Evans Potter" not in people


def test_a_named_owner_before_s_gives_the_parent() -> None:
    text = (
        "Harry sat in the kitchen of the Burrow. Harry liked Ron's mum.\n"
        "Harry ate the cake Ron's mum had made, and Hermione laughed.\n"
    )
    people = by_name(cast_of(text))
    assert people["Molly Weasley"].mentions == 2


def test_his_is_the_man_named_last_before_it_in_its_sentence() -> None:
    text = (
        "Draco waited by the lake. Harry came down the lawn.\n"
        "Harry said nothing of his father. Harry thought of his father all day.\n"
        "Draco never spoke of his father either. Draco knew his father was in Azkaban.\n"
    )
    people = by_name(cast_of(text))
    assert people["James Potter"].mentions == 2
    assert people["Lucius Malfoy"].mentions == 2


def test_his_with_no_man_named_in_its_sentence_is_the_lead_s() -> None:
    # Told from Ron's side: Harry is named just before, but "his mum" is Ron's mother.
    text = (
        "Ron ran into the kitchen. Ron laughed. Ron ducked under the table.\n"
        "Harry ducked too. His mum spun around with a spoon. His mum glared at them both.\n"
    )
    people = by_name(cast_of(text))
    assert people["Molly Weasley"].mentions == 2
    assert "Lily Evans Potter" not in people


def test_his_is_not_the_lead_s_before_the_story_names_the_lead() -> None:
    # An unnamed boy mourns his dad; Sirius comes in only at the end: not Sirius's father.
    text = (
        "He sat on the steps. His dad was gone, and his dad would never come home.\n"
        "He wept into his dad's old scarf.\n"
        "Later, Sirius arrived and sat beside him. Sirius said nothing.\n"
    )
    people = by_name(cast_of(text))
    assert "Orion Black" not in people
    assert set(people) == {"Sirius Black"}


def test_a_parent_called_so_once_stays_out_of_the_cast() -> None:
    text = "Ron pressed his nose to the window. His dad was in the shed.\nRon went to bed.\n"
    assert "Arthur Weasley" not in by_name(cast_of(text))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Hermione read by the fire. Her mum wrote every week. Her mum worried.\n"
            "Hermione smiled.\n",
            id="the pack knows no parent of hers",
        ),
        pytest.param(
            "Wenna Roskilly read by the fire. Her mum wrote every week. Her mum worried.\n"
            "Wenna Roskilly smiled.\n",
            id="an original character",
        ),
    ],
)
def test_a_parent_no_pack_knows_is_left_alone(text: str) -> None:
    cast = cast_of(text)
    assert len(cast.characters) == 1
    assert "mum" not in [span.of(text) for span, _ in cast.mentions]


def test_without_a_pack_nothing_is_read_as_a_parent() -> None:
    people = by_name(cast_of(RON_SIDE, packs=()))
    assert "Arthur Weasley" not in people
    assert "Molly Weasley" not in people


def test_parent_words_read_only_lower_case_words_after_an_owner() -> None:
    text = "My dad laughed. Dad laughed. The dad laughed. Ron's mum laughed."
    parsed = list(parse(text, [Span(0, len(text))]))
    ron = Character("c1", "Ron Weasley", ("Ron",), "he/him", True, 1, 44)
    found = parent_words(parsed, [ron], [(Span(44, 47), "c1")], "narrator", {"Ron": "c1"}.get)
    assert [(w.span.of(text), w.owner, w.pronouns) for w in found] == [
        ("dad", "narrator", "he/him"),
        ("mum", "c1", "she/her"),
    ]


def test_mum_is_the_mother_of_whoever_the_narration_calls_her_his_mum_for() -> None:
    # Harry leads, but the scene is Scorpius's: his mum is Astoria, and so is Mum.
    text = (
        "Harry read the paper. Harry sighed. Harry laughed. Harry waited. Harry smiled.\n"
        "Scorpius hid behind the door. Mum was cooking. Mum hummed a song.\n"
        "Scorpius crept past his mum and out into the garden.\n"
    )
    people = by_name(cast_of(text))
    assert "Mum" in people["Astoria Greengrass"].aliases
    assert "Lily Evans Potter" not in people


def test_without_the_narration_saying_whose_mum_is_left_alone() -> None:
    text = "Harry read the paper. Harry sighed.\nMum was cooking. Mum hummed a song.\n"
    assert "Mum" in by_name(cast_of(text))


def test_a_grandmother_written_as_a_name_is_not_the_mother() -> None:
    text = RON_SIDE + "Gran sent a letter. Gran scolded Ron for his spelling.\n"
    people = by_name(cast_of(text))
    assert "Gran" in people
    assert "Gran" not in people["Molly Weasley"].aliases
