"""A story told in the present tells its backstory in the past (``content.tense``).

Every story here is written for these tests.
"""

from __future__ import annotations

from ficlens.content.signals import find_hits
from ficlens.content.tense import PRESENT_MIN, in_the_past, told_in_present
from ficlens.model import Span

PRESENT_DAYS = " ".join(
    ["Mira wakes early. She is at the window and says nothing. Ivo looks up and nods."] * 8
)


def whole(text: str) -> list[Span]:
    return [Span(0, len(text))]


def frames(text: str, signal: str) -> list[str | None]:
    return [hit.frame for hit in find_hits(text, whole(text)) if hit.signal == signal]


def test_a_story_told_in_the_present_is_known_by_its_verbs() -> None:
    assert told_in_present(PRESENT_DAYS, whole(PRESENT_DAYS))
    past = PRESENT_DAYS.replace(" wakes", " woke").replace(" is ", " was ")
    past = past.replace(" says", " said").replace(" looks", " looked").replace(" nods", " nodded")
    assert not told_in_present(past, whole(past))


def test_speech_does_not_set_the_tense() -> None:
    spoken = " ".join(['"She is here, he says, and it is late," Ivo said.'] * PRESENT_MIN)
    assert not told_in_present(spoken, whole(spoken))


def test_a_sentence_is_in_the_past_only_with_no_present_verb_in_it() -> None:
    assert in_the_past("Her brother died three months after they graduated.")
    assert not in_the_past("He slowly realizes his godson died once.")
    assert not in_the_past("You see Aurors killed on the news.")
    assert not in_the_past('"He died," she says.')


def test_a_death_told_in_the_past_is_backstory_in_a_present_story() -> None:
    text = PRESENT_DAYS + " Her brother died three months after they graduated."
    assert frames(text, "death") == ["memory"]
    # Told in the past, the same sentence is the story's own event.
    past = "Mira woke early. She was at the window. " * 8 + text[len(PRESENT_DAYS) :]
    assert frames(past, "death") == [None]


def test_a_death_told_in_the_present_stays_on_the_page() -> None:
    text = PRESENT_DAYS + " Her brother dies in the night."
    assert frames(text, "death") == [None]


def test_sexual_content_keeps_counting_whatever_its_tense() -> None:
    # A scene written out in the past is on the page all the same; a slip of tense must not
    # lower a rating.
    text = PRESENT_DAYS + " He kissed her hard and they had sex on the desk."
    assert None in frames(text, "sexual")


def levels(text: str, signal: str) -> list[int]:
    return [hit.level for hit in find_hits(text, whole(text)) if hit.signal == signal]


def test_a_death_a_character_tells_of_in_a_long_speech_is_a_mention() -> None:
    # The quotation runs over three sentences, which the narration's splitter parts.
    told = '"He killed my parents. Someone has to stop him. Nobody else will."'
    assert levels(told, "death") == [0]
    # Shouted as it happens, the same speech shows the death.
    shouted = '"He has killed them! Someone has to stop him. Nobody else will."'
    assert levels(shouted, "death") == [1]
    # Narrated, it is the story's own event.
    assert levels("He killed my parents. Nobody stopped him.", "death") == [1]
