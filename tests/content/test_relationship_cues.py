"""Who a romantic cue joins, and what is a cue: the lexicon's words, their weights, the
partner words, pronouns and quotations that decide the pair (``content/relationships/cues.py``
and ``participants.py``, through the pairing finder).

Every story here is written for these tests.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from relationship_stories import NELL, TOMAS, Person, cue_weights, quotes_of, romances, run, story

from ficlens.content.relationships.cues import FAMILY, LIGHT_KISS, LOVERS_KISS, SCUFFLE

ADA = Person("c3", "Ada Moss", "she/her", ("Ada",))


def test_love_said_in_a_quotation_that_speaks_of_family_weighs_as_a_familys() -> None:
    # "I love you, Harry. You don't have to marry one of us to be my brother.": the family
    # word is a sentence later, but in the same quotation, so the cue weighs as a sibling's.
    said = 'Ada Moss found Nell Adair on the quay. "I love you, Nell. You are my sister."'
    apart = 'Ada Moss found Nell Adair on the quay. "I love you, Nell." She was her sister.'
    weights = [
        cue_weights(text, NELL, ADA, quotes=quotes_of(text, [("c3", "c1")]))
        for text in (said, apart)
    ]
    assert weights == [[3.0 * FAMILY], [3.0]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the wife is unnamed: Nell, at whom she throws stones, is not Tomas's
        ("Tomas Reyes's wife threw stones at Nell Adair.", []),
        ("Nell Adair was Tomas Reyes's wife.", ["Nell Adair/Tomas Reyes"]),
        ("Tomas Reyes's wife Nell Adair waved from the quay.", ["Nell Adair/Tomas Reyes"]),
        ("Nell Adair, Tomas Reyes's new wife, waved.", ["Nell Adair/Tomas Reyes"]),
    ],
)
def test_a_named_owners_partner_word_joins_the_owner_and_the_partner_it_names(
    text: str, expected: list[str]
) -> None:
    found = run(story(f"{text}\n\n{text}", NELL, TOMAS))
    assert [r.tag for r in found if r.kind == "romantic"] == expected


@pytest.mark.parametrize(
    "sentence",
    ["Nell Adair was the woman he loved.", "Nell and Tomas slept in each other's arms."],
)
def test_the_one_someone_loves_and_each_others_arms_are_romance_cues(sentence: str) -> None:
    assert cue_weights(sentence, NELL, TOMAS)


@pytest.mark.parametrize(
    "sentence",
    [
        '"Come to bed, love," Nell Adair said to Tomas Reyes.',
        '"Honey, the tide is in," Nell Adair told Tomas Reyes.',
        '"Morning, babe," Tomas Reyes said to Nell Adair.',
        '"Not now, baby." Nell Adair kept her eyes on Tomas Reyes.',
    ],
)
def test_an_endearment_is_a_romance_cue(sentence: str) -> None:
    assert cue_weights(sentence, NELL, TOMAS) == [1.5]


@pytest.mark.parametrize(
    "sentence",
    [
        "Nell Adair put honey, lemon and ginger in Tomas Reyes's tea.",
        "Nell Adair gave her love to Tomas Reyes's mother.",
        "Nell Adair rocked the baby, and Tomas Reyes watched.",
    ],
)
def test_honey_love_and_baby_that_no_one_is_called_are_no_cues(sentence: str) -> None:
    assert not cue_weights(sentence, NELL, TOMAS)


def test_the_man_she_loved_like_a_father_is_no_cue() -> None:
    assert not cue_weights("Tomas was the man she loved like a father.", NELL, TOMAS)


def test_a_kiss_on_the_temple_is_a_light_kiss() -> None:
    assert cue_weights("Nell Adair kissed Tomas Reyes on the temple.", NELL, TOMAS) == [
        3.0 * LIGHT_KISS
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Nell Adair called Tomas Reyes an annoying kiss ass.",
        "Nell Adair was always kissing up to Tomas Reyes.",
        "Nell Adair hated the arse-kissing Tomas Reyes.",
    ],
)
def test_a_sycophants_kiss_is_no_romance_cue(text: str) -> None:
    assert cue_weights(text, NELL, TOMAS) == []


def test_a_moan_of_misery_or_pain_is_no_romance_cue() -> None:
    text = "Tomas Reyes would be moaning in utter misery. Nell Adair moaned about the rain."
    assert cue_weights(text, NELL, TOMAS) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Nell Adair and Ada Moss waited on the quay, and Nell kissed her husband.",
        "Ada Moss stayed on the steps while Nell Adair ran down and kissed her husband.",
        "Ada Moss had come too. Nell Adair kissed her new husband on the quay.",
    ],
)
def test_her_husband_is_a_man_even_where_the_sentence_names_two_women(sentence: str) -> None:
    text = f"Tomas Reyes rowed in with the nets.\n\n{sentence}\n\n{sentence}"
    tags = {(r.tag, r.kind) for r in run(story(text, NELL, TOMAS, ADA))}
    assert ("Nell Adair/Tomas Reyes", "romantic") in tags
    assert not any(kind == "romantic" and "Ada Moss" in tag for tag, kind in tags)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Tomas Reyes jumped from the boat, and Ada Moss waved from the steps.\n\n"
            "Nell Adair ran down to the water. She kissed her husband. "
            "She kissed her husband again.",
            id="her husband after a pronoun is not a second woman",
        ),
        pytest.param(
            "Ada Moss waved from the steps. Nell Adair ran down to the water, and Tomas Reyes "
            "jumped from the boat.\n\n"
            "He took her face in both his hands and kissed her. He kissed her again.",
            id="her twice in a kiss is one woman and he the other partner",
        ),
        pytest.param(
            # Nell is the woman named last; no man is named nearby, so "he" is the story's lead
            # man, not a second woman for "her"
            "Tomas Reyes mended the nets. Ada Moss sold fish. Ada Moss counted the coins.\n\n"
            "The evening was long.\n\nThe lamps were lit.\n\n"
            "Nell Adair sat on the arm of the chair.\n\n"
            "The man had never been slow. He cupped her cheek in his hand and kissed her. He "
            "kissed her again, and she kissed him back.",
            id="a woman found nearby makes her pronouns look for a man first",
        ),
        pytest.param(
            "Tomas Reyes came up from the boats.\n\n"
            "He kissed Nell Adair on the quay, in front of Ada Moss and half the village.\n\n"
            "Later he kissed Nell again while Ada Moss pretended not to see.",
            id="a pronoun nearer the kiss than the second name is the one kissing",
        ),
    ],
)
def test_a_cues_pronouns_make_the_couple_not_the_woman_looking_on(text: str) -> None:
    assert romances(text, NELL, TOMAS, ADA) == {"Nell Adair/Tomas Reyes"}


@pytest.mark.parametrize(
    ("before", "woman"),
    [
        pytest.param("", None, id="the cast holds no woman"),
        pytest.param(
            "Ada Moss sold fish on the quay.\n\nThe boats came late.\n\nThe nets were torn.\n\n",
            ADA,
            id="the cast's woman is named far back",
        ),
    ],
)
def test_a_she_no_one_nearby_can_be_makes_no_couple_of_two_men(
    before: str, woman: Person | None
) -> None:
    # The woman is never named nearby: the kiss's "him" and "his" are one man, not Tomas and
    # his son.
    pim = Person("c3" if woman is None else "c4", "Pim Reyes", "he/him", ("Pim",))
    text = before + (
        "Tomas Reyes came home at dawn. Pim Reyes was asleep upstairs.\n\n"
        "She kisses him, his hands, his shoulders. She kisses him again, his mouth this time."
    )
    found = romances(text, TOMAS, pim, *([woman] if woman else []))
    assert "Pim Reyes/Tomas Reyes" not in found
    if woman is None:
        assert found == set()  # no cast member is the woman


def test_two_names_nearer_the_kiss_than_the_pronoun_keep_the_kiss() -> None:
    pim = Person("c4", "Pim Reyes", "he/him", ("Pim",))
    text = (
        "Nell Adair sat on the wall.\n\n"
        "She watched Tomas Reyes kiss Pim Reyes on the quay.\n\n"
        "She watched Tomas kiss Pim again at the door."
    )
    assert romances(text, NELL, TOMAS, pim) == {"Pim Reyes/Tomas Reyes"}


def test_a_love_confession_in_dialogue_joins_speaker_and_addressee() -> None:
    text = (
        'Nell Adair set down the lamp. Tomas Reyes waited by the door.\n\n"I love you," Nell said.'
    )
    s = story(text, NELL, TOMAS)
    quotes = quotes_of(text, [("c1", "c2")])
    (pair,) = run(s, quotes=quotes)
    assert pair.kind == "romantic"
    assert "I love you" in pair.evidence[0].of(text)


@pytest.mark.parametrize("proposal", ['"Marry me?" Tomas said.', '"Will you marry me?"'])
def test_a_proposal_joins_speaker_and_addressee_as_a_couple(proposal: str) -> None:
    text = (
        "Nell Adair set down the lamp. Tomas Reyes waited by the door.\n\n"
        f'{proposal}\n\n"Of course I will marry you," Nell said.'
    )
    quotes = quotes_of(text, [("c2", "c1"), ("c1", "c2")])
    (pair,) = run(story(text, NELL, TOMAS), quotes=quotes)
    assert (pair.tag, pair.kind) == ("Nell Adair/Tomas Reyes", "romantic")
    shown = " ".join(span.of(text) for span in pair.evidence)
    assert proposal.strip('"').split('"')[0] in shown


@pytest.mark.parametrize(
    "line",
    [
        '"I kissed him behind the greenhouse," Nell said.',
        '"I love my boyfriend," Nell said.',
        '"Stop forcing Rose\'s boyfriend on me," Nell said.',
        '"We\'ve barely snogged, Dad," Nell said.',
        '"I love you, Mum," Nell said.',
        '"Some guy was so taken with me he wanted to marry me," Nell said.',
        '"She kissed me at the dance," Nell said.',
        '"I was not aware that your wife died," Nell said.',
        # a mother telling a girl of her husband: "we" without a "you" is someone absent
        '"We\'d meet by the lake, and it always ended in a snog," Nell said.',
        # said to a couple: the two listeners, not speaker and listener
        '"You two better not be snogging in the boathouse," Nell said.',
        '"Both of you, stop kissing on the stairs," Nell said.',
        # the listener's status, asked by a stranger: married to someone else
        '"Are you married?" Nell asked.',
        # one of a family or of friends: "we" love the listener
        '"We love you, whatever happens," Nell said.',
        '"We love you. What you and Tomas did upset us," Nell said.',
        # the listener named (a vocative) is no third person: the love is for someone absent
        '"I have been in love with this woman all my life, Tomas," Nell said.',
        '"Tomas, I kissed him behind the greenhouse," Nell said.',
    ],
)
def test_a_kiss_told_of_someone_else_does_not_join_speaker_and_addressee(line: str) -> None:
    assert _spoken_couples(line) == []


@pytest.mark.parametrize(
    "line",
    [
        '"We should kiss before the lamp goes out," Nell said.',
        '"Let\'s kiss before we go in," Nell said.',
        '"Let\'s kiss," Nell said.',  # no name's possessive: "Let's" is "let us"
        '"We kissed, and you ran off," Nell said.',
        '"Let\'s get married in the spring," Nell said.',
        '"You are my husband, whatever they say," Nell said.',
        '"Tomas, I love you," Nell said.',
        '"I want to kiss you on her birthday," Nell said.',
    ],
)
def test_a_we_that_takes_the_listener_along_joins_speaker_and_addressee(line: str) -> None:
    assert _spoken_couples(line) == ["Nell Adair/Tomas Reyes"]


def test_a_partner_named_in_the_line_is_spoken_of_not_called() -> None:
    """``Since Tomas is my boyfriend``: Tomas, named but not set off by commas, is the one the
    speaker is with, whoever the line is said to."""
    assert _spoken_couples('"Since Tomas is my boyfriend, it is my business," Nell said.') == [
        "Nell Adair/Tomas Reyes"
    ]


def test_a_canon_surname_in_a_line_names_her_though_the_narration_never_does() -> None:
    """``"Were you really kissing Adair?"`` asks after Nell, whom the narration calls ``Nell``
    only: the line joins her and the listener, not the one who asks."""
    nell = replace(NELL, canon=True)
    line = '"Were you really kissing Adair?" Ada asked.'
    said = "\n\n".join([line] * 4)
    text = f"Nell waved from the quay. Ada Moss and Tomas Reyes waited by the door.\n\n{said}"
    quotes = quotes_of(text, [("c3", "c2")] * 4)
    found = run(story(text, nell, TOMAS, ADA), quotes=quotes)
    assert [r.tag for r in found if r.kind == "romantic"] == ["Nell Adair/Tomas Reyes"]


def test_a_body_held_in_rough_play_is_a_light_cue() -> None:
    """Friends who wrestle hold each other by the waist too."""
    play = "Tomas Reyes threw his arms around his waist and lunged at Nell Adair."
    held = "Tomas Reyes put his arms around his waist and smiled at Nell Adair."
    assert cue_weights(play, NELL, TOMAS) == [w * SCUFFLE for w in cue_weights(held, NELL, TOMAS)]


def _spoken_couples(line: str) -> list[str]:
    """The romantic pairings of a story where Nell says ``line`` to Tomas four times."""
    said = "\n\n".join([line] * 4)  # said often enough to make a couple, were it about them
    text = f"Nell Adair set down the lamp. Tomas Reyes waited by the door.\n\n{said}"
    quotes = quotes_of(text, [("c1", "c2")] * 4)
    return [r.tag for r in run(story(text, NELL, TOMAS), quotes=quotes) if r.kind == "romantic"]


@pytest.mark.parametrize(
    ("sentence", "romantic"),
    [
        ("Nell Adair stuck out her tongue at Tomas Reyes.", False),
        ("Nell Adair bit her tongue and let Tomas Reyes talk.", False),
        ("Nell Adair's tongue slid against Tomas Reyes's lower lip.", True),
    ],
)
def test_a_tongue_is_romance_only_when_it_touches(sentence: str, romantic: bool) -> None:
    text = f"Nell Adair set down the lamp. Tomas Reyes waited by the door.\n\n{sentence}"
    found = [r for r in run(story(text, NELL, TOMAS)) if r.kind == "romantic"]
    assert bool(found) is romantic


@pytest.mark.parametrize(
    ("sentence", "romantic"),
    [
        ("Nell Adair confessed to Tomas Reyes that she had broken the lamp.", False),
        ("Tomas Reyes had a confession to make to Nell Adair about the oil.", False),
        ("Nell Adair confessed her feelings to Tomas Reyes at last.", True),
        ("Tomas Reyes made his love confession to Nell Adair on the stairs.", True),
        ("Nell Adair had to crush the herbs while Tomas Reyes watched.", False),
        ("Tomas Reyes watched her crush the herbs for Nell Adair.", False),
        ("Nell Adair and Tomas Reyes pushed through the crush of sailors.", False),
        ("Nell Adair had a crush on Tomas Reyes all winter.", True),
        (
            "Nell Adair's attention was attracted to a drawing Tomas Reyes made. "
            "Then Tomas Reyes's attention was attracted to the map Nell Adair held.",
            False,
        ),
        ("Nell Adair was attracted to Tomas Reyes, and Tomas Reyes was attracted to her.", True),
        ("Tomas Reyes crushed his lips to Nell Adair's.", True),
    ],
)
def test_a_confession_a_crush_or_an_attraction_is_romance_only_in_its_romantic_sense(
    sentence: str, romantic: bool
) -> None:
    text = f"Nell Adair set down the lamp. Tomas Reyes waited by the door.\n\n{sentence}"
    found = [r for r in run(story(text, NELL, TOMAS)) if r.kind == "romantic"]
    assert bool(found) is romantic


DARLING = Person("c3", "Darling", "she/her")
CAT = (
    "Nell Adair set down the lamp. Tomas Reyes waited by the door with Darling.\n\n"
    "Darling jumped onto the table, and Nell Adair laughed at Tomas Reyes. "
    "Darling curled up in Tomas Reyes's lap while Nell Adair fed Darling."
)
MUM = (
    "Nell Adair ran up the path and kissed Mum on the cheek. Nell hugged Mum tight.\n\n"
    "Nell kissed Mum again and said she loved her. Mum kissed Nell on the forehead.\n\n"
    "Tomas Reyes waited at the gate. Nell kissed Tomas on the quay.\n\n"
    "Later Tomas kissed Nell under the lamp."
)


@pytest.mark.parametrize(
    ("other", "text", "expected"),
    [
        # The lighthouse cat is called Darling: naming her joins no one...
        (DARLING, CAT, set()),
        # ...but the endearment does.
        (
            DARLING,
            CAT + '\n\n"Come here, darling," Tomas Reyes said to Nell Adair.',
            {"Nell Adair/Tomas Reyes"},
        ),
        # The first-person narrator whom Nell calls only "Mum" takes that word as her name; her
        # daughter's kisses and "I love you" are a family's, and Nell's pairing is with Tomas.
        (Person("narrator", "Mum", "she/her"), MUM, {"Nell Adair/Tomas Reyes"}),
    ],
)
def test_a_name_that_is_a_cue_or_a_kin_word_makes_no_lover_of_its_bearer(
    other: Person, text: str, expected: set[str]
) -> None:
    assert romances(text, NELL, TOMAS, other) == expected


def test_a_mothers_kiss_on_the_forehead_is_not_romance() -> None:
    text = (
        "Mira Dale tucked in her daughter. Mira kissed Pia Dale on the forehead.\n\n"
        "Pia Dale fell asleep before the candle burned down."
    )
    mira = Person("c1", "Mira Dale", "she/her", ("Mira",))
    pia = Person("c2", "Pia Dale", "she/her", ("Pia",))
    assert [r for r in run(story(text, mira, pia)) if r.kind == "romantic"] == []


@pytest.mark.parametrize(
    "line",
    ['"I\'m your husband, Nell," Tomas said.', '"Will you be my wife?" Tomas said.'],
)
def test_a_partner_word_of_the_speaker_or_listener_joins_them(line: str) -> None:
    said = "\n\n".join([line] * 4)
    text = f"Nell Adair set down the lamp. Tomas Reyes waited by the door.\n\n{said}"
    quotes = quotes_of(text, [("c2", "c1")] * 4)
    found = {r.tag for r in run(story(text, NELL, TOMAS), quotes=quotes) if r.kind == "romantic"}
    assert found == {"Nell Adair/Tomas Reyes"}


TORTURE = (
    "Tomas Reyes cast the Cruciatus curse again and Nell Adair screamed. He pinned her wrists to"
    " the floor and straddled her thighs, his hand stroking her naked waist.\n\n"
    '"Beg," Tomas Reyes whispered against her lips. Nell Adair was bleeding onto the stone.\n\n'
    "Later Nell Adair ate bread. Tomas Reyes read a letter from Nell Adair."
)


def test_touches_in_a_torture_scene_are_no_romance() -> None:
    # a torturer straddling the victim is no lover: the cues of a paragraph of serious violence
    # against someone's will, and of the paragraph after it, keep a share of their weight
    tender = (
        TORTURE.replace("cast the Cruciatus curse again", "lit the fire")
        .replace("screamed", "laughed")
        .replace(" was bleeding onto the stone", " smiled")
    )
    assert romances(TORTURE, NELL, TOMAS) == set()
    assert romances(tender, NELL, TOMAS) == {"Nell Adair/Tomas Reyes"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Ada leaned in and kissed her, lips warm from the tea.",
        "Ada kissed Nell again, and this time her mouth was softer.",
        "Ada set her lips against Nell's cold mouth.",
        "He kissed her back, hard.",
        "They kissed until the candle guttered.",
        "It was their first kiss.",
        "She could still taste cider on his lips.",
        "They had been snogging in the broom cupboard.",
    ],
)
def test_a_kiss_only_lovers_give_is_a_lovers_kiss(sentence: str) -> None:
    assert LOVERS_KISS.search(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Mum kissed him goodbye at the barrier.",
        "They kissed her goodnight and blew out the lamp.",
        "She kissed his forehead, her lips dry from the cold.",
        "She gave him a kiss on the cheek.",
        "Molly kissed Ron on the cheek and told him to mind his tongue.",
        "Gran kissed the top of her head.",
        "He pressed his lips into a thin line.",
    ],
)
def test_a_familys_kiss_is_no_lovers_kiss(sentence: str) -> None:
    assert not LOVERS_KISS.search(sentence)


@pytest.mark.parametrize(
    ("sentence", "cued"),
    [
        ("Tomas Reyes was jealous whenever Nell Adair danced.", True),
        # the one someone is jealous of is a rival, not a partner
        ("Tomas Reyes was a little jealous of Nell Adair and her new boat.", False),
    ],
)
def test_jealousy_is_a_cue_but_not_towards_whom_one_is_jealous_of(
    sentence: str, cued: bool
) -> None:
    assert bool(cue_weights(sentence, NELL, TOMAS)) is cued


@pytest.mark.parametrize(
    ("age", "paired"),
    [
        ("", True),
        ("three-year-old ", False),
        ("the toddler ", False),
        ("twenty-two-year-old ", True),
        ("her baby ", True),  # a noun or a pet name, not an age
    ],
)
def test_a_small_child_is_no_ones_lover(age: str, paired: bool) -> None:
    """``three-year-old Tomas``: a cue that would make the toddler her boyfriend joins no one,
    while the same story told of a grown Tomas pairs them."""
    told = (
        f"Nell Adair sang in the kitchen while {age}Tomas Reyes giggled at her.\n\n"
        "Nell watched her boyfriend Tomas over the table. She kissed Tomas."
    )
    assert bool(romances(told, NELL, TOMAS)) is paired
