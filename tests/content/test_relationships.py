"""Pairings: romantic and platonic relationships, main versus mentioned, categories, evidence.

What a single cue is and whom it joins is in ``test_relationship_cues.py``. Every story here
is written for these tests.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from relationship_stories import NELL, TOMAS, Person, Story, quotes_of, run, story

from ficlens.content.relationships import (
    MAX_SENTENCE,
    categories,
    category_of,
    find_relationships,
)
from ficlens.model import Character, Relationship, Span

LIGHTHOUSE = """Nell Adair kept the lighthouse on the point. Every evening Nell lit the lamp.

Tomas Reyes came with the supply boat in March. Tomas carried oil up, and Nell counted cans.

On the last night of the storm, Nell kissed Tomas beside the lamp.

In spring Tomas mended the railings while Nell painted the door."""


def test_a_kiss_makes_a_romantic_pair_with_its_tag_category_and_evidence() -> None:
    s = story(LIGHTHOUSE, NELL, TOMAS)
    (pair,) = run(s)
    assert pair.kind == "romantic"
    assert pair.tag == "Nell Adair/Tomas Reyes"  # AO3's order: by family name
    assert pair.characters == ("c1", "c2")
    assert pair.category == "F/M"
    assert pair.main
    assert pair.basis == "romance"
    assert [e.of(s.text) for e in pair.evidence] == [
        "On the last night of the storm, Nell kissed Tomas beside the lamp."
    ]


def test_tag_order_is_by_family_name_whoever_appears_first() -> None:
    swapped = LIGHTHOUSE.replace("Nell Adair kept", "The keeper kept", 1).replace(
        "Every evening Nell lit", "Every evening the keeper lit", 1
    )
    (pair,) = run(story(swapped, NELL, TOMAS))  # Tomas is named first now
    assert pair.tag == "Nell Adair/Tomas Reyes"
    assert pair.characters == ("c1", "c2")


def test_a_pronoun_stands_for_the_most_recently_named_character_of_its_gender() -> None:
    text = (
        "Tomas Reyes climbed the stairs with the oil.\n\n"
        "Nell Adair met him at the top. Nell kissed him."
    )
    s = story(text, NELL, TOMAS)
    (pair,) = run(s)
    assert (pair.tag, pair.kind) == ("Nell Adair/Tomas Reyes", "romantic")
    assert pair.evidence[0].of(text) == "Nell kissed him."


IVO = Person("c1", "Ivo Marsh", "he/him", ("Ivo",))
BRAM = Person("c2", "Bram Tell", "he/him", ("Bram",))

WORKSHOP = """Ivo Marsh and Bram Tell had run the bicycle workshop for ten years.

"Pass me the wrench," Ivo said.

"The big one or the small one?" Bram asked.

"The small one. The chain is loose again."

"It was loose last week too," Bram said, and Ivo laughed.

"Then we tighten it again. Hold the wheel."

"Holding it. Ready when you are."

Ivo Marsh pulled the chain straight while Bram Tell held the frame.

"Done," Ivo said. "Tea?"

"Always," said Bram."""

WORKSHOP_TURNS = [
    ("c1", "c2"), ("c2", "c1"), ("c1", "c2"), ("c2", "c1"), ("c1", "c2"), ("c2", "c1"),
    ("c1", "c2"), ("c1", "c2"), ("c2", "c1"),
]  # fmt: skip


def test_dialogue_without_romance_makes_a_platonic_pair() -> None:
    s = story(WORKSHOP, IVO, BRAM)
    (pair,) = run(s, quotes=quotes_of(WORKSHOP, WORKSHOP_TURNS))
    assert pair.kind == "platonic"
    assert pair.tag == "Ivo Marsh & Bram Tell"
    assert pair.category is None
    assert not pair.main
    assert pair.evidence
    assert pair.basis == "together"
    assert all(s.paragraphs[0].start <= e.start and e.end <= len(WORKSHOP) for e in pair.evidence)
    assert categories((pair,), s.characters) == ("Gen",)


def test_dialogue_evidence_shows_who_speaks_to_whom() -> None:
    s = story(WORKSHOP, IVO, BRAM)
    (pair,) = run(s, quotes=quotes_of(WORKSHOP, WORKSHOP_TURNS))
    shown = [e.of(WORKSHOP) for e in pair.evidence]
    assert shown[0] == '"Pass me the wrench," Ivo said.'
    # a bare line of dialogue ("The small one. ...") names neither and is no evidence shown
    assert all(re.search(r"\b(?:Ivo|Bram)\b", passage) for passage in shown)


def test_without_dialogue_or_romance_the_same_pair_is_not_reported() -> None:
    text = "Ivo Marsh opened the shop.\n\nLater, Bram Tell closed it."
    assert run(story(text, IVO, BRAM)) == ()


def test_a_first_person_narrator_is_i_and_me() -> None:
    text = (
        "I had known Wren Castellan since the academy. I never told her how I felt.\n\n"
        "The night the bridge opened, I kissed Wren under the lanterns. She kissed me back."
    )
    jory = Person("c2", "Jory Pike", "he/him")
    wren = Person("c1", "Wren Castellan", "she/her", ("Wren",))
    s = story(text, wren, jory)
    (pair,) = run(s, narrator="c2")
    assert pair.kind == "romantic"
    assert pair.tag == "Wren Castellan/Jory Pike"  # Castellan before Pike
    assert pair.category == "F/M"
    assert "I kissed Wren" in pair.evidence[0].of(text)


def test_the_i_of_a_section_a_heading_gives_to_a_character_is_that_character() -> None:
    first = "I had known Wren Castellan since the academy. I never told her how I felt."
    second = "Jory Pike watched the bridge. I kissed Jory under the lanterns at last."
    text = f"{first}\n\n{second}"
    jory = Person("c2", "Jory Pike", "he/him", ("Jory",))
    wren = Person("c1", "Wren Castellan", "she/her", ("Wren",))
    tess = Person("c3", "Tess", "she/her")
    s = story(text, wren, jory, tess)
    voices = [(Span(len(first) + 2, len(text)), "c1")]  # "Wren's POV": the second paragraph
    found = find_relationships(
        text, s.paragraphs, s.characters, s.mentions, narrator="c2", voices=voices
    )
    assert [(r.tag, r.kind) for r in found] == [("Wren Castellan/Jory Pike", "romantic")]
    assert "I kissed Jory" in found[0].evidence[0].of(text)


def test_an_unnamed_narrator_of_unknown_gender_gives_no_category() -> None:
    text = "I waited on the bridge for Wren Castellan.\n\nI kissed Wren under the lanterns."
    wren = Person("c1", "Wren Castellan", "she/her", ("Wren",))
    s = story(text, wren)
    narrator = Character("narrator", "Narrator", ("I",), None, False, 0, 0)
    found = find_relationships(
        text, s.paragraphs, (*s.characters, narrator), s.mentions, narrator="narrator"
    )
    # the narrator's gender is never shown: unknown, not AO3's "Other"
    assert [(r.tag, r.category) for r in found] == [("Wren Castellan/Narrator", None)]
    assert categories(found, (*s.characters, narrator)) == ()


CAL = Person("c3", "Cal Ostrander", "he/him", ("Cal",))
DEE = Person("c4", "Dee Ostrander", "she/her", ("Dee",))

HARBOUR = """Nell Adair rowed out to meet Tomas Reyes. Nell kissed Tomas in the boat.

Tomas Reyes held the oars while Nell steered. Nell kissed Tomas again at the jetty.

At the inn, Cal Ostrander and Dee Ostrander had been married for years. Cal kissed Dee.

Nell and Tomas ate by the fire. Tomas kissed Nell before they left. Nell kissed Tomas on the road.

Tomas watched Nell sleep, and Nell dreamed of Tomas."""


def test_the_leading_pair_is_main_and_a_side_pair_is_mentioned() -> None:
    s = story(HARBOUR, NELL, TOMAS, CAL, DEE)
    found = run(s)
    romantic = [r for r in found if r.kind == "romantic"]
    assert [(r.tag, r.main) for r in romantic] == [
        ("Nell Adair/Tomas Reyes", True),
        ("Cal Ostrander/Dee Ostrander", False),
    ]
    assert found[0].score > 1.5 * romantic[1].score
    assert categories(found, s.characters) == ("F/M",)


def test_evidence_is_capped_strongest_first_and_sentence_sized() -> None:
    s = story(HARBOUR, NELL, TOMAS, CAL, DEE)
    main = run(s, max_evidence=2)[0]
    assert len(main.evidence) == 2
    for span in main.evidence:
        piece = span.of(HARBOUR)
        assert "kissed" in piece
        assert "\n" not in piece and len(piece) < 80


@pytest.mark.parametrize(
    ("first", "second", "category"),
    [
        ("she/her", "she/her", "F/F"),
        ("he/him", "he/him", "M/M"),
        ("she/her", "he/him", "F/M"),
        ("he/him", "she/her", "F/M"),
        ("they/them", "she/her", "Other"),
        ("xe/xem", "he/him", "Other"),
        (None, "he/him", None),
    ],
)
def test_the_category_comes_from_both_genders(
    first: str | None, second: str | None, category: str | None
) -> None:
    s = story(
        LIGHTHOUSE,
        Person("c1", "Nell Adair", first, ("Nell",)),
        Person("c2", "Tomas Reyes", second, ("Tomas",)),
    )
    (pair,) = run(s)
    assert pair.category == category
    assert categories((pair,), s.characters) == ((category,) if category else ())


def triad(text: str) -> Story:
    """A story of Ash Rowe (he), Bea Lund (she) and Cy Moss (he)."""
    return story(
        text,
        Person("c1", "Ash Rowe", "he/him"),
        Person("c2", "Bea Lund", "she/her"),
        Person("c3", "Cy Moss", "he/him"),
    )


def test_three_characters_who_all_kiss_form_a_multi_group() -> None:
    text = """Ash Rowe kissed Bea Lund at the gate. Bea Lund kissed Cy Moss at the well.

Cy Moss kissed Ash Rowe in the orchard. Ash Rowe kissed Bea Lund again by the river.

Bea Lund kissed Cy Moss in the barn. Cy Moss kissed Ash Rowe at the fair."""
    s = triad(text)
    found = run(s)
    group = [r for r in found if len(r.characters) == 3]
    assert [(r.tag, r.category, r.main) for r in group] == [
        ("Bea Lund/Cy Moss/Ash Rowe", "Multi", True)
    ]
    assert found[0] == group[0]  # the main relationship comes first
    assert len([r for r in found if len(r.characters) == 2 and r.kind == "romantic"]) == 3
    assert categories(found, s.characters) == ("F/M", "M/M", "Multi")


def test_a_love_triangle_is_no_main_group_its_strongest_pair_is_main() -> None:
    # Ash and Bea kiss five times; Cy kisses each of them twice: all three pairs are romantic,
    # but the triad's weakest side is under half its strongest, so Ash/Bea is the main pairing.
    text = """Ash Rowe kissed Bea Lund at the gate. Ash Rowe kissed Bea Lund at the well.

Ash Rowe kissed Bea Lund in the orchard. Ash Rowe kissed Bea Lund by the river.

Ash Rowe kissed Bea Lund in the barn. Cy Moss kissed Bea Lund at the fair.

Cy Moss kissed Bea Lund at the dance. Cy Moss kissed Ash Rowe at the inn.

Cy Moss kissed Ash Rowe on the road home."""
    s = triad(text)
    found = run(s)
    assert (found[0].tag, found[0].main) == ("Bea Lund/Ash Rowe", True)
    group = [r for r in found if len(r.characters) == 3]
    assert [(r.tag, r.main) for r in group] == [("Bea Lund/Cy Moss/Ash Rowe", False)]


def test_romance_between_relatives_a_pack_knows_counts_less() -> None:
    # One kiss between two canon characters makes a pairing, unless a pack says they are family.
    text = """Ron Weasley waited at the station. Ginny Weasley came late.

Ginny Weasley kissed Ron Weasley goodbye and ran for the train."""
    siblings = story(
        text,
        Person("c1", "Ron Weasley", "he/him"),
        Person("c2", "Ginny Weasley", "she/her"),
    )
    canon = tuple(replace(c, canon=True) for c in siblings.characters)
    assert [r.kind for r in run(replace(siblings, characters=canon))] == []
    assert [r.kind for r in run(siblings)] == ["romantic"]  # unknown to any pack: no discount
    friends = story(
        text.replace("Ginny Weasley", "Hermione Granger"),
        Person("c1", "Ron Weasley", "he/him"),
        Person("c2", "Hermione Granger", "she/her"),
    )
    canon = tuple(replace(c, canon=True) for c in friends.characters)
    assert [r.tag for r in run(replace(friends, characters=canon))] == [
        "Hermione Granger/Ron Weasley"
    ]


def test_a_story_with_one_character_has_no_relationships() -> None:
    text = "Nell Adair kissed the letter and burned it.\n\nNell slept until noon."
    s = story(text, NELL)
    assert run(s) == ()
    assert categories((), s.characters) == ("Gen",)


def test_romance_passages_from_the_signals_count_for_their_paragraph() -> None:
    text = (
        "Nell Adair and Tomas Reyes sat on the sea wall.\n\n"
        "The tide came in. Tomas Reyes looked at Nell for a long time."
    )
    s = story(text, NELL, TOMAS)
    assert [r for r in run(s) if r.kind == "romantic"] == []
    passage = s.paragraphs[1]
    (pair,) = run(s, romance=(passage,))
    assert pair.kind == "romantic"
    assert pair.evidence[0].of(text) == "Tomas Reyes looked at Nell for a long time."


@pytest.mark.parametrize(
    ("genders", "expected"),
    [
        ((("she/her", "she/her"),), ("F/F",)),
        ((("he/him", "he/him"), ("she/her", "he/him")), ("F/M", "M/M", "Multi")),
        ((("he/him", None),), ()),
        ((("he/him", None), ("she/her", "he/him")), ("F/M",)),
        ((("he/him", "they/them"),), ("Other",)),
        ((), ("Gen",)),
    ],
)
def test_categories_of_several_pairings(
    genders: tuple[tuple[str | None, str | None], ...], expected: tuple[str, ...]
) -> None:
    characters = []
    relationships = []
    for n, (first, second) in enumerate(genders):
        a, b = f"a{n}", f"b{n}"
        characters += [
            Character(a, a, (), first, False, 1, 0),
            Character(b, b, (), second, False, 1, 0),
        ]
        relationships.append(Relationship((a, b), "romantic", f"{a}/{b}", 3.0, n == 0))
    assert categories(relationships, characters) == expected


def test_category_of_a_group_is_multi() -> None:
    assert category_of(["he/him", "she/her", "she/her"]) == "Multi"


def test_a_long_story_is_read_whole_with_bounded_evidence() -> None:
    # Speed is measured by bench/bench_dialogue.py and bench/bench_content.py, never here.
    paragraph = LIGHTHOUSE.split("\n\n")
    body = "\n\n".join(paragraph[n % len(paragraph)] for n in range(8000))
    s = story(body, NELL, TOMAS)
    assert len(body.split()) > 100_000
    found = run(s)
    assert found[0].tag == "Nell Adair/Tomas Reyes"
    assert len(found[0].evidence) == 3


def test_speakers_outside_the_cast_are_ignored() -> None:
    s = story(WORKSHOP, IVO, BRAM)
    strangers = [("c9", "c1")] * len(WORKSHOP_TURNS)
    found = run(s, quotes=quotes_of(WORKSHOP, strangers))
    # Without the nine lines Ivo and Bram say to each other, three sentences and three
    # paragraphs naming both (interaction 4.5) are below the platonic bar of 6: no pair.
    assert found == ()


FALLBACK = (
    "Nell Adair and Tomas Reyes sat on the sea wall.\n\n"
    "Nell blushed when Tomas Reyes smiled.\n\n"
    "The rain drummed on the roof all night.\n\n"
    "The lamp burned low until morning."
)


@pytest.mark.parametrize(("passages", "romantic"), [(0, False), (1, False), (2, True)])
def test_a_story_with_romance_passages_falls_back_to_its_favoured_central_pair(
    passages: int, romantic: bool
) -> None:
    # Issue 4: a weak cue (a blush, weight 1) is below the romantic bar, but a story whose
    # romance passages name no one still has its one favoured central pair as a pairing.
    s = story(FALLBACK, NELL, TOMAS)
    found = [r for r in run(s, romance=s.paragraphs[2 : 2 + passages]) if r.kind == "romantic"]
    assert [r.tag for r in found] == (["Nell Adair/Tomas Reyes"] if romantic else [])
    if romantic:
        assert found[0].main
        assert found[0].evidence[0].of(FALLBACK) == "Nell blushed when Tomas Reyes smiled."


def test_the_fallback_needs_one_clearly_favoured_pair() -> None:
    ivo = Person("c3", "Ivo Marsh", "he/him", ("Ivo",))
    text = (
        "Nell Adair, Tomas Reyes and Ivo Marsh sat on the sea wall.\n\n"
        "Nell blushed when Tomas Reyes smiled.\n\n"
        "Nell blushed when Ivo Marsh smiled.\n\n"
        "The rain drummed on the roof all night.\n\n"
        "The lamp burned low until morning."
    )
    s = story(text, NELL, TOMAS, ivo)
    assert [r for r in run(s, romance=s.paragraphs[3:]) if r.kind == "romantic"] == []


TOGETHER = "\n\n".join(
    [
        "Nell Adair and Tomas Reyes mended nets on the quay.",
        "Nell handed Tomas the twine. Tomas tied the knots for Nell.",
        "Nell and Tomas ate bread on the wall. Tomas told Nell about the storm.",
        "Nell blushed when Tomas laughed.",
        "Nell and Tomas walked home along the cliff. Nell showed Tomas the old lamp.",
    ]
)


def test_two_leads_always_together_with_a_little_romance_are_the_pairing() -> None:
    # A blush (weight 1) is far under the bar, but the story is about these two, together in
    # every paragraph, and what romance it shows is theirs alone.
    s = story(TOGETHER, NELL, TOMAS)
    found = [r for r in run(s) if r.kind == "romantic"]
    assert [(r.tag, r.main) for r in found] == [("Nell Adair/Tomas Reyes", True)]
    # Without the blush, two people who work together are no couple.
    plain = story(TOGETHER.replace("Nell blushed when Tomas laughed.", "Nell sang."), NELL, TOMAS)
    assert [r for r in run(plain) if r.kind == "romantic"] == []


def test_the_leads_pair_needs_the_romance_to_be_clearly_theirs() -> None:
    rival = TOGETHER + "\n\nIvo Brand blushed when Nell looked at him. Nell smiled at Ivo Brand."
    s = story(rival, NELL, TOMAS, Person("c3", "Ivo Brand", "he/him", ("Ivo",)))
    assert [r for r in run(s) if r.kind == "romantic"] == []


def test_relatives_get_none_of_the_leniency_given_to_the_leads() -> None:
    # Two kisses (weight 6, 1.8 for relatives) would make the two leads a pairing; for a
    # brother and sister the bar is the one anyone else must reach.
    text = """Ron Weasley waited at the station. Ginny Weasley came late.

Ginny Weasley kissed Ron Weasley goodbye. Ron Weasley kissed Ginny Weasley back."""
    people = (Person("c1", "Ron Weasley", "he/him"), Person("c2", "Ginny Weasley", "she/her"))
    siblings = story(text, *people)
    canon = tuple(replace(c, canon=True) for c in siblings.characters)
    assert [r.kind for r in run(replace(siblings, characters=canon))] == []
    # However often relatives kiss, without a sexual passage that is family affection...
    often = story(text + "\n\n" + "Ginny Weasley kissed Ron Weasley. " * 6, *people)
    canon = tuple(replace(c, canon=True) for c in often.characters)
    assert [r for r in run(replace(often, characters=canon)) if r.kind == "romantic"] == []
    # ...and with sexual passages on the page the relatives are a pairing (incest is written).
    sexual = "Ginny Weasley kissed Ron Weasley and straddled him. " * 6
    written = story(text + "\n\n" + sexual, *people)
    canon = tuple(replace(c, canon=True) for c in written.characters)
    assert [r.tag for r in run(replace(written, characters=canon))] == ["Ginny Weasley/Ron Weasley"]
    # A sexual word only dreamt of or denied is no sexual passage: the content signals' frames
    # decide, as they do for the rating.
    unreal = "Ginny Weasley kissed Ron Weasley. She never once imagined him naked. " * 6
    framed = story(text + "\n\n" + unreal, *people)
    canon = tuple(replace(c, canon=True) for c in framed.characters)
    assert [r for r in run(replace(framed, characters=canon)) if r.kind == "romantic"] == []


def test_relatives_who_kiss_as_only_lovers_do_are_a_pairing() -> None:
    # No sexual passage, but kisses on the mouth, returned: the sisters' romance is written.
    tina = Person("c1", "Tina Goldstein", "she/her")
    people = (tina, Person("c2", "Queenie Goldstein", "she/her"))
    kisses = (
        "Tina Goldstein came home late. Queenie Goldstein was waiting up.\n\n"
        + "Queenie Goldstein kissed Tina Goldstein and Tina kissed her back, her mouth soft. " * 4
    )
    sisters = story(kisses, *people)
    canon = tuple(replace(c, canon=True) for c in sisters.characters)
    assert [r.tag for r in run(replace(sisters, characters=canon))] == [
        "Queenie Goldstein/Tina Goldstein"
    ]
    # The same sisters' goodnight kisses are family affection.
    goodnight = story(kisses.replace(" and Tina kissed her back, her mouth soft", " goodnight"),
                      *people)  # fmt: skip
    canon = tuple(replace(c, canon=True) for c in goodnight.characters)
    assert [r for r in run(replace(goodnight, characters=canon)) if r.kind == "romantic"] == []


# Tess is never named outside the quotations: the narration says "she", Ivo's lines say "Tess".
SILENT = """Ivo Marsh came in from the rain. "Sit down, Tess," Ivo said.

"You're soaked," she said. She kissed him by the stove."""


def test_a_character_only_the_quotations_name_can_be_half_of_the_pairing() -> None:
    tess = Person("c2", "Tess Lind", "she/her", ("Tess",))
    s = story(SILENT, Person("c1", "Ivo Marsh", "he/him", ("Ivo",)), tess)
    assert [c.mentions for c in s.characters] == [2, 0]
    spoken = quotes_of(SILENT, [("c1", "c2"), ("c2", "c1")])
    found = [(r.tag, r.kind, r.main) for r in run(s, quotes=spoken)]
    assert found == [("Tess Lind/Ivo Marsh", "romantic", True)]
    # without her lines she is no one the pronouns can stand for
    assert [r.tag for r in run(s) if r.kind == "romantic"] == []


def test_evidence_windows_cut_from_one_long_sentence_do_not_overlap() -> None:
    filler = " and the lamp burned low over the water while the gulls cried on the rocks"
    long = "Nell kissed Tomas" + filler * 3 + ", and Nell kissed Tomas again" + filler * 3 + "."
    text = f"{long}\n\nLater Nell kissed Tomas by the door."
    s = story(text, NELL, TOMAS)
    (pair,) = run(s)
    # too long to show whole, too short for the windows around its two kisses to be apart
    assert MAX_SENTENCE < len(long) < 2 * MAX_SENTENCE
    shown = [e.of(text) for e in pair.evidence]
    assert len(shown) == 2  # the second kiss's window would repeat most of the first's
    assert shown[0].startswith("Nell kissed Tomas and the lamp")
    assert shown[1] == "Later Nell kissed Tomas by the door."


# Mara, named most, is on the telephone; Ivo calls Tess, whom the narration names once, by her
# surname, and the kiss is told in pronouns paragraphs after her name.
CALLED = """Mara Marsh rang at noon. Mara wanted the house. Mara wanted the car. Mara hung up.

Tess Lind came in from the rain.

"You're soaked, Lind," Ivo said.

"Then dry me," she said.

The stove ticked. The rain went on.

The kettle began to sing.

"Come here, Lind," Ivo said, and he kissed her by the stove. He held her and kissed her again."""


def test_a_quotation_calling_its_addressee_by_name_says_whom_a_pronoun_stands_for() -> None:
    people = (
        Person("c1", "Ivo Marsh", "he/him", ("Ivo",)),
        Person("c2", "Mara Marsh", "she/her", ("Mara",)),
        Person("c3", "Tess Lind", "she/her", ("Tess",)),
    )
    s = story(CALLED, *people)
    spoken = quotes_of(CALLED, [("c1", "c3"), ("c3", "c1"), ("c1", "c3")])
    romantic = [r.tag for r in run(s, quotes=spoken) if r.kind == "romantic"]
    assert romantic == ["Tess Lind/Ivo Marsh"]
