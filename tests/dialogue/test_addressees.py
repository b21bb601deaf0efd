"""Who each quotation is said to: vocatives, conversation turns, gendered words of address."""

from __future__ import annotations

from ficlens.dialogue.addressees import Addressing, conversations, readdress, turn_addressees
from ficlens.dialogue.sieves import addressed_as
from ficlens.model import Quote, Span

GENDERS = {"ann": "she/her", "bo": "he/him", "cy": "he/him", "dee": "she/her"}


def test_a_narration_paragraph_between_quotations_ends_a_conversation() -> None:
    # quotations 0 and 1 share paragraph 3; paragraph 6 is two paragraphs after 4
    assert conversations([3, 3, 4, 6, 7]) == [[0, 2], [3, 4]]


def test_each_turn_is_said_to_the_speaker_before_it() -> None:
    speakers = ["ann", "bo", "ann", "bo"]
    assert turn_addressees([0, 1, 2, 3], speakers, [None] * 4) == ["bo", "ann", "bo", "ann"]


def test_a_vocative_wins_over_the_turn_before() -> None:
    speakers = ["ann", "bo", "ann"]
    vocatives = [None, None, "cy"]  # "Cy, come here."
    assert turn_addressees([0, 1, 2], speakers, vocatives) == ["bo", "ann", "cy"]


def test_the_opening_turn_is_said_to_who_answers_it_and_a_lone_quotation_to_no_one() -> None:
    speakers = ["ann", "bo", "cy"]
    assert turn_addressees([0, 1, 9], speakers, [None] * 3) == ["bo", "ann", None]


def test_a_lone_turn_is_said_to_whom_its_speaker_was_just_talking_with() -> None:
    # Ann and Bo talk (paragraphs 0-1); narration; Ann's lone line at 3, Bo's at 5.
    speakers = ["ann", "bo", "ann", "bo"]
    assert turn_addressees([0, 1, 3, 5], speakers, [None] * 4) == ["bo", "ann", "bo", "ann"]
    # Cy, who said nothing to anyone, gets no listener; nor a line too far from the talk.
    assert turn_addressees([0, 1, 3], ["ann", "bo", "cy"], [None] * 3)[2] is None
    assert turn_addressees([0, 1, 12], speakers[:3], [None] * 3)[2] is None
    # The sieves' own addressing (``opening=False``) leaves lone turns alone.
    assert turn_addressees([0, 1, 3], speakers[:3], [None] * 3, opening=False)[2] is None


def test_an_opening_run_of_one_speaker_is_said_to_the_first_other_who_answers() -> None:
    speakers = ["ann", "ann", "bo"]  # Ann speaks twice before Bo answers
    assert turn_addressees([0, 1, 2], speakers, [None] * 3) == ["bo", "bo", "ann"]
    # the sieves' own addressing (``opening=False``) has neither rule
    assert turn_addressees([0, 1, 2], speakers, [None] * 3, opening=False) == [None, None, "ann"]


def test_a_speaker_going_on_keeps_talking_to_the_same_listener() -> None:
    speakers = ["ann", "bo", "bo", "ann"]
    vocatives = [None, "cy", None, None]  # "Cy, listen." then more from Bo
    assert turn_addressees([0, 1, 2, 3], speakers, vocatives) == ["bo", "cy", "cy", "bo"]


def test_the_other_quotations_of_a_paragraph_share_its_first_ones_addressee() -> None:
    speakers = ["ann", "bo", "bo"]
    assert turn_addressees([0, 1, 1], speakers, [None] * 3) == ["bo", "ann", "ann"]


def test_a_gendered_word_of_address_moves_the_turn_to_a_speaker_of_those_pronouns() -> None:
    # ann, bo and dee talk; dee answers bo with "Thank you, sir." and then "Yes, miss."
    speakers = ["ann", "bo", "dee", "dee"]
    called = [None, None, "he/him", "she/her"]
    found = turn_addressees([0, 1, 2, 3], speakers, [None] * 4, called=called, genders=GENDERS)
    assert found == ["bo", "ann", "bo", "ann"]


def test_a_gendered_word_no_speaker_fits_leaves_the_turn_unaddressed() -> None:
    speakers = ["ann", "dee"]
    found = turn_addressees(
        [0, 1], speakers, [None, None], called=[None, "he/him"], genders=GENDERS
    )
    assert found == ["dee", None]


def test_words_of_address_give_pronouns_only_at_the_ends_of_a_quotation() -> None:
    def said(words: str) -> str | None:
        return addressed_as(words, Span(0, len(words)))

    assert said("Oh, silly witch. I have loved you.") == "she/her"
    assert said("Not now, mate.") == "he/him"
    assert said("My dear girl, sit down.") == "she/her"
    assert said("The girl left with a man.") is None
    assert said("Come here, Anne.") is None


def test_readdress_follows_the_final_speakers_and_keeps_script_lines() -> None:
    quotes = [
        Quote(Span(n * 10, n * 10 + 5), speaker, "ann", "test", 1.0)
        for n, speaker in enumerate(["ann", "bo", "cy"])
    ]
    given = Addressing((0, 1, 2), (None, None, None), (False, False, True))
    assert [q.addressee for q in readdress(quotes, given)] == ["bo", "ann", "ann"]
