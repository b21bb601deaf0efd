"""Content signals: how a hit is framed (negated, hypothetical, dream, memory) or on the page.

Every story line here is written for these tests.
"""

from __future__ import annotations

import pytest

from ficlens.content.signals import frame_of
from ficlens.model import Span


def frame_in(sentence: str, word: str) -> str | None:
    """The frame of ``word`` (its first occurrence) in a one-sentence text."""
    start = sentence.index(word)
    return frame_of(sentence, Span(0, len(sentence)), Span(start, start + len(word)))


def test_frame_of_an_on_page_event_is_none() -> None:
    assert frame_in("Under the lamp he kissed her.", "kissed") is None
    assert frame_in("In May he kissed her.", "kissed") is None  # the month, not the modal
    assert frame_in("Against his will he was beaten.", "beaten") is None  # a will, no future


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("He did not kiss her.", "kiss"),
        ("He never kissed her.", "kissed"),
        ("He didn't kiss her.", "kiss"),
        ("She refused to kiss him.", "kiss"),
        ("Instead of a kiss he offered a handshake.", "kiss"),
        ("She convinced him he could refrain from murdering Piers.", "murdering"),
        ("He didn't stop to kiss her.", "kiss"),
        ("She couldn't help but smile; he did not kiss her.", "kiss"),
        ("He wanted to, but he didn't kiss her.", "kiss"),
    ],
)
def test_frame_of_negated_hits(sentence: str, word: str) -> None:
    assert frame_in(sentence, word) == "negated"


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("She can’t help but moan.", "moan"),
        ("Harry couldn't stop sobbing.", "sobbing"),
        ("There was nothing but pain.", "pain"),
        ("They found not only the corpse but the wand.", "corpse"),
        ("I trust no one but my wife.", "wife"),
        ("He wasn't sure how, but he kissed her.", "kissed"),
        ("I said I wouldn't call, so I'm drunk.", "drunk"),
        ("It wasn't until midnight that he kissed her.", "kissed"),
        ("She didn't cry; he kissed her.", "kissed"),
        ("She didn't know it because he kissed her in the dark.", "kissed"),
    ],
)
def test_negation_does_not_reach_past_its_clause_nor_affirming_words(
    sentence: str, word: str
) -> None:
    assert frame_in(sentence, word) is None


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("If he kissed her, the spell would break.", "kissed"),
        ("He wanted to kiss her.", "kiss"),
        ("She imagined he kissed her.", "kissed"),
        ("She is envisioning all the ways she can torture her cousin.", "torture"),
        ("He almost kissed her.", "kissed"),
        ("She had nearly been killed twice.", "killed"),
        ("He just about died when she laughed.", "died"),
        ("What if he kissed her?", "kissed"),
        ("Whoever invented dress robes deserved to be killed slowly.", "killed"),
        ("They should probably be strangled with them.", "strangled"),
        ("He threatened to kill the owl.", "kill"),
        ("Draco was plotting to murder Dumbledore.", "murder"),
        ("They had planned to kill him at dawn.", "kill"),
        ("Harry resisted the urge to punch him.", "punch"),
        ("She could have sworn he kissed her.", "kissed"),
        ("They want to be torn apart.", "torn apart"),
        ("He'd rather be slapped by Peeves than kiss a toad.", "slapped"),
        ("He fears it may have been his spell that killed her.", "killed"),
        ("It's so perfect that Draco feels like he's died.", "died"),  # a simile
        ("She was hoping Umbridge got tortured.", "tortured"),
        ("She worried that he had taken to torturing her class.", "torturing"),
        ("Like someone had fussed over a cut beside a man mortally wounded.", "wounded"),
        ("His head was pounding like someone had hit him with a rock.", "hit"),
        ("His head hurt like he'd been hit with the Cruciatus Curse.", "Cruciatus Curse"),
        ("He'd look so good with a broken nose.", "broken nose"),
        ("She'd be dead by now.", "dead"),
        ("The Dark Lord will have him killed.", "killed"),  # a future
        ("I'll hex you so badly.", "hex"),
        ("They will torture her for the names.", "torture"),
        # comparisons: the bang is no gunfire, the crack no slap
        ("A loud bang echoed through the shop, reminding the Fentons of gunfire.", "gunfire"),
        ("The door banged shut; it sounded like a slap.", "slap"),
        # a simile's picture: no puppy is hurt, no fox dead
        ("Sirius lay there, sulking like a wounded puppy.", "wounded"),
        ("He had hair like a dead fox.", "dead"),
    ],
)
def test_frame_of_hypothetical_hits(sentence: str, word: str) -> None:
    assert frame_in(sentence, word) == "hypothetical"


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("You might have survived, but I died in the forest.", "died"),
        ("He wanted to leave; she slapped him.", "slapped"),
        ("His father may disown him, but he was kissing Harry.", "kissing"),
    ],
)
def test_a_hypothetical_does_not_reach_past_but_or_a_semicolon(sentence: str, word: str) -> None:
    assert frame_in(sentence, word) is None


def test_a_simile_frames_only_its_own_picture() -> None:
    """``like a madman`` pictures how he fought; the stabbing after it is on the page."""
    assert frame_in("He fought like a madman and stabbed the guard.", "stabbed") is None


def test_a_hypothetical_still_reaches_past_so_and_though() -> None:
    assert frame_in("She would stare as though he kissed her.", "kissed") == "hypothetical"
    assert frame_in("He would hold her so close and kiss her.", "kiss") == "hypothetical"


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("A body torn to shreds, almost unrecognizable, a pool of blood under it.", "blood"),
        ("He tilted his head almost obediently, and she kissed his cheek.", "kissed"),
        ("She came with what was almost a howl as her hips bucked.", "hips"),
        ("Nearly fifty years had passed, and the battle still haunted him.", "battle"),
    ],
)
def test_almost_and_nearly_reach_three_words_and_no_punctuation(sentence: str, word: str) -> None:
    assert frame_in(sentence, word) is None


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("She dreamed that he kissed her.", "kissed"),
        ("He kissed her, and then the nightmare went on.", "kissed"),
    ],
)
def test_frame_of_dream_hits_looks_at_the_whole_sentence(sentence: str, word: str) -> None:
    assert frame_in(sentence, word) == "dream"


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("She remembered the day he kissed her.", "kissed"),
        ("He kissed her once, years ago.", "kissed"),
        ("Back then he kissed her every morning.", "kissed"),
    ],
)
def test_frame_of_memory_hits(sentence: str, word: str) -> None:
    assert frame_in(sentence, word) == "memory"


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("It was the man who'd killed his first partner.", "killed"),
        ("Ever since Goldstein had been murdered, Ivo slept badly.", "murdered"),
        ("His parents had died before he could walk.", "died"),
        ("She had already brutally stabbed him twice.", "stabbed"),
        ("His grandparents had both died in nineteen seventy-nine.", "died"),
        ("Had you cured her, had you killed her, I don't know.", "killed"),
        ("Not only had he hurt his friend, he lied.", "hurt"),
        ("Images of the people I've killed flash before my eyes.", "killed"),
        ("Remus has kissed a great many people.", "kissed"),
        ("They have fought the Sannin twice.", "fought"),
        ("He had been crying for hours.", "crying"),
    ],
)
def test_frame_of_perfect_hits_is_memory(sentence: str, word: str) -> None:
    # Backstory, past or present perfect: the event happened before the time of telling.
    assert frame_in(sentence, word) == "memory"


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("He killed the man who had lied.", "killed"),
        ("He had to kill him.", "kill"),
        ("He had a knife and stabbed the guard.", "stabbed"),
        ("She had tears in her eyes.", "tears"),
        ("We have detention tonight.", "detention"),
        ("I finally have you naked under me.", "naked"),
    ],
)
def test_a_had_or_have_making_no_perfect_frames_nothing(sentence: str, word: str) -> None:
    assert frame_in(sentence, word) is None


def test_negation_outranks_dream_and_memory() -> None:
    assert frame_in("In the dream he did not kiss her.", "kiss") == "negated"
    assert frame_in("She remembered he never kissed her.", "kissed") == "negated"


def test_dream_outranks_memory() -> None:
    assert frame_in("She dreamed of the memory of how he kissed her.", "kissed") == "dream"


def test_negation_after_the_hit_does_not_frame_it() -> None:
    assert frame_in("He kissed her and did not look back.", "kissed") is None


def test_negation_far_before_the_hit_does_not_frame_it() -> None:
    filler = "the baker and the miller walked along the long river road at dawn while"
    sentence = f"Not one of them saw it, {filler} he kissed her."
    assert sentence.index("kissed") - sentence.index("Not") > 60
    assert frame_in(sentence, "kissed") is None


def test_negation_in_the_previous_sentence_does_not_frame_the_hit() -> None:
    text = "He did not sleep. He kissed her."
    second = Span(text.index("He kissed"), len(text))
    hit = Span(text.index("kissed"), text.index("kissed") + len("kissed"))
    assert frame_of(text, second, hit) is None


@pytest.mark.parametrize(
    ("sentence", "word", "frame"),
    [
        ('"No, stop!" she cried as he kissed her.', "kissed", None),
        ("“Never,” Tamsin said, and kissed him.", "kissed", None),
        ('He said, "I never kissed her."', "kissed", "negated"),
    ],
)
def test_a_quotation_mark_bounds_the_negation_window(
    sentence: str, word: str, frame: str | None
) -> None:
    assert frame_in(sentence, word) == frame


def test_a_dreamlike_paragraph_frames_every_hit_as_dream() -> None:
    text = "He kissed her."
    assert frame_of(text, Span(0, len(text)), Span(3, 9), paragraph_dream=True) == "dream"


def test_a_typographic_apostrophe_negation_is_negated() -> None:
    assert frame_in("He didn’t kiss her.", "kiss") == "negated"


@pytest.mark.parametrize("sentence", ["He can't kiss her.", "He shouldn't kiss her."])
def test_any_nt_contraction_is_negated(sentence: str) -> None:
    assert frame_in(sentence, "kiss") == "negated"
