"""Referential gender: pronoun votes after mentions, and the decision from votes and titles."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import pytest

from ficlens.cast import build_cast
from ficlens.cast.gender import decide_gender, pronoun_votes
from ficlens.fandoms import load_pack
from ficlens.model import Span
from ficlens.nlp import Parsed, parse

MakeParsed = Callable[..., Parsed]


@pytest.mark.parametrize(
    ("votes", "hints", "expected"),
    [
        pytest.param({"she/her": 5, "he/him": 1}, [], "she/her", id="clear-majority"),
        pytest.param({"he/him": 2}, [], "he/him", id="two-votes-are-enough"),
        pytest.param({"she/her": 1}, [], None, id="one-vote-is-not"),
        pytest.param({"they/them": 4, "she/her": 1}, [], "they/them", id="they-them"),
        pytest.param({"xe/xem": 3}, [], "xe/xem", id="neopronouns"),
        pytest.param({"he/him": 3, "they/them": 3}, [], None, id="split"),
        pytest.param({"he/him": 3, "she/her": 2}, [], "he/him", id="exactly-sixty-percent"),
        pytest.param({"he/him": 4, "she/her": 3}, [], None, id="below-sixty-percent"),
        pytest.param({}, [], None, id="nothing"),
        pytest.param({"he/him": 6}, ["she/her"], "she/her", id="title-wins-over-votes"),
        pytest.param({}, ["she/her", "she/her"], "she/her", id="titles-agree"),
        pytest.param({}, ["he/him", "she/her"], None, id="titles-disagree"),
        pytest.param(
            {"she/her": 4}, ["he/him", "she/her"], "she/her", id="votes-settle-disagreeing-titles"
        ),
    ],
)
def test_decide_gender(votes: dict[str, int], hints: list[str], expected: str | None) -> None:
    assert decide_gender(Counter(votes), hints) == expected


@pytest.mark.parametrize(
    ("votes", "expected"),
    [
        pytest.param({}, "he/him", id="no-votes"),
        pytest.param({"she/her": 10, "he/him": 4}, "he/him", id="a-narrators-stray-votes"),
        pytest.param({"she/her": 2}, "he/him", id="too-few-to-overturn"),
        pytest.param({"she/her": 8, "he/him": 2}, "she/her", id="the-storys-own-pronouns"),
    ],
)
def test_a_given_names_usual_pronouns_need_many_votes_to_overturn(
    votes: dict[str, int], expected: str
) -> None:
    assert decide_gender(Counter(votes), [], usual="he/him") == expected


def test_decide_gender_leaves_the_votes_alone() -> None:
    votes = Counter({"he/him": 1})
    decide_gender(votes, ["he/him", "she/her"])
    assert votes == Counter({"he/him": 1})


# "Ann smiled. She waved at him. Bo laughed. He left."
ROWS = [
    ("Ann", "NNP", "nsubj", 1),  # 0
    ("smiled", "VBD", "ROOT", 1),
    (".", ".", "punct", 1),
    ("She", "PRP", "nsubj", 4),  # 3
    ("waved", "VBD", "ROOT", 4),
    ("at", "IN", "prep", 4),
    ("him", "PRP", "pobj", 5),  # 6
    (".", ".", "punct", 4),
    ("Bo", "NNP", "nsubj", 9),  # 8
    ("laughed", "VBD", "ROOT", 9),
    (".", ".", "punct", 9),
    ("He", "PRP", "nsubj", 12),  # 11
    ("left", "VBD", "ROOT", 12),
    (".", ".", "punct", 12),
]
TEXT = "Ann smiled. She waved at him. Bo laughed. He left."


@pytest.fixture
def story(make_parsed: MakeParsed) -> list[Parsed]:
    return [make_parsed(TEXT, ROWS)]


def test_pronoun_votes_take_the_next_subject_pronoun(story: list[Parsed]) -> None:
    # (piece, token index after the mention, character index)
    votes = pronoun_votes(story, [(0, 1, 0), (0, 9, 1)])
    assert votes == {0: Counter({"she/her": 1}), 1: Counter({"he/him": 1})}


def test_object_pronouns_do_not_vote(story: list[Parsed]) -> None:
    # After "at": the next subject pronoun is "He", two sentences on, beyond the window.
    assert pronoun_votes(story, [(0, 6, 0)]) == {}


def test_another_mention_first_stops_the_search(make_parsed: MakeParsed) -> None:
    text = "Ann saw Bo. She left."
    rows = [
        ("Ann", "NNP", "nsubj", 1),
        ("saw", "VBD", "ROOT", 1),
        ("Bo", "NNP", "dobj", 1),
        (".", ".", "punct", 1),
        ("She", "PRP", "nsubj", 5),
        ("left", "VBD", "ROOT", 5),
        (".", ".", "punct", 5),
    ]
    parsed = [make_parsed(text, rows)]
    # Ann's search meets Bo before any pronoun; "She" goes to Bo, the last one named.
    votes = pronoun_votes(parsed, [(0, 1, 0), (0, 3, 1)])
    assert votes == {1: Counter({"she/her": 1})}


def test_votes_add_up_over_mentions(make_parsed: MakeParsed) -> None:
    text = "Rue sat. They read.\n\nRue stood. They left."
    cut = text.index("\n")
    pieces = [
        make_parsed(
            text,
            [
                ("Rue", "NNP", "nsubj", 1),
                (verb, "VBD", "ROOT", 1),
                (".", ".", "punct", 1),
                ("They", "PRP", "nsubj", 4),
                (then, "VBD", "ROOT", 4),
                (".", ".", "punct", 4),
            ],
            span=span,
        )
        for verb, then, span in [
            ("sat", "read", Span(0, cut)),
            ("stood", "left", Span(cut + 2, len(text))),
        ]
    ]
    votes = pronoun_votes(pieces, [(0, 1, 0), (1, 1, 0)])
    assert votes == {0: Counter({"they/them": 2})}
    assert decide_gender(votes[0], []) == "they/them"


def _told(make_parsed: MakeParsed, obj: str, subject: str) -> list[Parsed]:
    """ "Tobias told OBJ a story, and SUBJECT laughed." """
    text = f"Tobias told {obj} a story, and {subject} laughed."
    rows = [
        ("Tobias", "NNP", "nsubj", 1),  # 0
        ("told", "VBD", "ROOT", 1),
        (obj, "PRP", "dative", 1),  # 2
        ("a", "DT", "det", 4),
        ("story", "NN", "dobj", 1),
        (",", ",", "punct", 1),
        ("and", "CC", "cc", 1),
        (subject, "PRP", "nsubj", 8),  # 7
        ("laughed", "VBD", "conj", 1),
        (".", ".", "punct", 1),
    ]
    return [make_parsed(text, rows)]


def test_an_object_pronoun_brings_someone_else_in(make_parsed: MakeParsed) -> None:
    # "Tobias told her a story, and she laughed": the "she" is hers, not Tobias's.
    assert pronoun_votes(_told(make_parsed, "her", "she"), [(0, 1, 0)]) == {}


def test_a_reflexive_object_is_the_subject_itself(make_parsed: MakeParsed) -> None:
    votes = pronoun_votes(_told(make_parsed, "himself", "he"), [(0, 1, 0)])
    assert votes == {0: Counter({"he/him": 1})}


def test_a_possessive_pronoun_votes_too(make_parsed: MakeParsed) -> None:
    text = "Lily sighed and set down her bowl."
    rows = [
        ("Lily", "NNP", "nsubj", 1),  # 0
        ("sighed", "VBD", "ROOT", 1),
        ("and", "CC", "cc", 1),
        ("set", "VBD", "conj", 1),
        ("down", "RP", "prt", 3),
        ("her", "PRP$", "poss", 6),  # 5
        ("bowl", "NN", "dobj", 3),
        (".", ".", "punct", 1),
    ]
    assert pronoun_votes([make_parsed(text, rows)], [(0, 1, 0)]) == {0: Counter({"she/her": 1})}


def _cast_genders(text: str) -> dict[str, str | None]:
    paragraphs = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    cast = build_cast(text, list(parse(text, paragraphs)), packs=(load_pack("harry_potter"),))
    return {c.name: c.gender for c in cast.characters}


GENDERBENT = (
    "Harry woke before dawn. She pulled on her boots in the dark.\n"
    "Harry crossed the common room. She paused by the fire and warmed her hands.\n"
    "Harry climbed through the portrait hole. She did not look back.\n"
    "Harry reached the owlery at sunrise. She tied her letter to Hedwig's leg.\n"
    "Harry watched the owl go. She smiled for the first time that week.\n"
    "Harry walked down to breakfast. She sat at the end of the table.\n"
    "Harry ate in silence. She read the paper twice.\n"
)


def test_a_genderbent_story_overturns_a_canon_characters_pronouns() -> None:
    assert _cast_genders(GENDERBENT)["Harry Potter"] == "she/her"


def test_a_few_stray_pronouns_leave_a_canon_characters_own() -> None:
    # Three of seven is far from enough: the votes a nearby woman scatters are no genderbend.
    few = "\n".join(GENDERBENT.splitlines()[:3]) + "\n"
    assert _cast_genders(few)["Harry Potter"] == "he/him"
