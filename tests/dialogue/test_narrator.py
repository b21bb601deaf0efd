"""Naming a first-person narrator from the vocatives of the people who answer them."""

from __future__ import annotations

import pytest

from ficlens.cast.vocatives import vocative_name
from ficlens.dialogue import _merged
from ficlens.dialogue.narrator import narrator_name
from ficlens.fandoms import is_pack_name
from ficlens.model import Quote, Span


@pytest.mark.parametrize(
    ("words", "name"),
    [
        ("Tamsin, you are a marvel.", "Tamsin"),
        ("Tamsin! Over here.", "Tamsin"),
        ("Tamsin?", "Tamsin"),
        ("Tamsin.", "Tamsin"),  # a quotation that is only a name calls that person
        ("Tamsin—", "Tamsin"),
        ("Come here, Tamsin.", "Tamsin"),
        ("Come here, Tamsin,", "Tamsin"),  # a span keeps the comma before the tag
        ("Thank you, Tamsin —", "Tamsin"),
        ("Good night, my dear Tamsin.", "Tamsin"),
        ("Oh, Tamsin, you came.", "Tamsin"),
        ("well, Tamsin?", "Tamsin"),
        ("Mr. Quennell, sit down.", "Mr. Quennell"),
        ("I never said that, Ann Vale!", "Ann Vale"),
        ("  Tamsin, wait.  ", "Tamsin"),
        ("Yes, I am.", None),
        ("No, it isn't.", None),
        ("Sir, the carriage is here.", None),
        ("Thank you.", None),
        ("Yes.", None),
        ("Yeah, I know.", None),  # fillers open quotations like names do
        ("Fine.", None),
        ("The Map, of course.", None),
        ("Sir.", None),
        ("Love, come here.", None),  # endearments address someone without naming them
        ("Darling, you're cold.", None),
        ("Come here, Sweetheart.", None),
        ("Come on, 'Mione.", "Mione"),  # an apostrophe for the name's first letters
        ("'Tis late.", None),
        ("Goodnight Tamsin.", "Tamsin"),  # no comma after a courtesy
        ("Come on Tamsin, play one.", "Tamsin"),  # nor before the name
        ("Thanks Tamsin, really.", "Tamsin"),
        ("I saw Tamsin.", None),
        ("Tamsin went home.", None),  # a name, but not a vocative
        ("I saw Tamsin, and then I left.", None),
        ("", None),
    ],
)
def test_vocative_name(words: str, name: str | None) -> None:
    assert vocative_name(words) == name


# The narrator ("I") asks; Odo answers, twice calling the narrator Tamsin.
TEXT = (
    '"Is it late?" I asked.\n\n'
    '"Tamsin, it is nearly dawn," said Odo.\n\n'
    '"Then we should go," I said.\n\n'
    '"Not yet, Tamsin," he said.\n\n'
    '"Why not, Odo?" I asked.'
)


def quotes_of(text: str, speakers: list[str | None]) -> list[Quote]:
    spans = []
    start = text.find('"')
    while start >= 0:
        end = text.index('"', start + 1)
        spans.append(Span(start + 1, end))
        start = text.find('"', end + 1)
    assert len(spans) == len(speakers)
    return [Quote(span, who, None, "test", 1.0) for span, who in zip(spans, speakers, strict=True)]


def test_narrator_name_from_answers() -> None:
    quotes = quotes_of(TEXT, ["narrator", "c1", "narrator", "c1", "narrator"])
    assert narrator_name(TEXT, quotes, "narrator") == "Tamsin"


def test_one_answer_between_two_narrator_lines_is_one_vote_and_enough() -> None:
    # One answer between two of the narrator's lines counts once; with no rival name it names.
    quotes = quotes_of(TEXT, ["narrator", "c1", "narrator", "c1", "narrator"])
    assert narrator_name(TEXT, quotes[:3], "narrator") == "Tamsin"


def test_a_tie_between_names_names_no_one() -> None:
    text = (
        '"Late?" I asked.\n\n"Yes, Tamsin," said Odo.\n\n"Go," I said.\n\n"Wren, go," he said.'
        "\n\nHe looked at Wren."
    )
    quotes = quotes_of(text, ["narrator", "c1", "narrator", "c1"])
    assert narrator_name(text, quotes, "narrator") is None


def test_a_reply_that_opens_like_a_name_is_not_one() -> None:
    # "Exactly." stands alone like a name ("Tamsin.") but no sentence ever names an Exactly.
    text = '"So it was the cocoa," I said.\n\n"Exactly."\n\n"And the door?" I asked.'
    quotes = quotes_of(text, ["narrator", "c1", "narrator"])
    assert narrator_name(text, quotes, "narrator") is None
    named = text + "\n\nI had never seen Exactly so pleased."
    assert narrator_name(named, quotes, "narrator") == "Exactly"


def test_a_name_a_pack_knows_names_the_narrator_the_narration_never_names() -> None:
    # The narration never writes "Malfoy" inside a sentence: the narrator is only ever "I".
    text = (
        '"Malfoy? I didn\'t know you were in here," said Harry.\n\n'
        '"It\'s fine," I say.\n\n"Can I watch?"'
    )
    quotes = quotes_of(text, ["c1", "narrator", "c1"])
    assert narrator_name(text, quotes, "narrator") is None
    assert narrator_name(text, quotes, "narrator", is_name=is_pack_name) == "Malfoy"
    # A reply word is no pack's name, so the test still keeps it out.
    reply = '"So it was the cocoa," I said.\n\n"Exactly."\n\n"And the door?" I asked.'
    replied = quotes_of(reply, ["narrator", "c1", "narrator"])
    assert narrator_name(reply, replied, "narrator", is_name=is_pack_name) is None


def test_the_narrator_addressing_others_does_not_name_them() -> None:
    # Every quote is the narrator's: "Odo" is who they talk to, not their own name.
    quotes = quotes_of(TEXT, ["narrator"] * 5)
    assert narrator_name(TEXT, quotes, "narrator") is None


def test_unattributed_answers_do_not_vote() -> None:
    quotes = quotes_of(TEXT, ["narrator", None, "narrator", None, "narrator"])
    assert narrator_name(TEXT, quotes, "narrator") is None


def test_no_quotes() -> None:
    assert narrator_name(TEXT, [], "narrator") is None


# The narrator's own lines are not found, but three quotations call someone Tamsin whom the
# narration never names: the narrator is the one person it never names.
UNOWNED = (
    '"Tamsin, the boat is in," said Odo.\n\n'
    '"Come down, Tamsin!" Wren shouted.\n\n'
    '"Tamsin, are you deaf?"\n\n'
    '"Wren, hush," said Odo.\n\n'
    "Odo looked at Wren and at me, and I knew then that Tamsin was a name to live up to."
)


def _cast(name: str) -> str | None:
    return {"Odo": "c1", "Wren": "c2"}.get(name)


def test_without_answers_the_name_no_cast_member_owns_names_the_narrator() -> None:
    quotes = quotes_of(UNOWNED, ["c1", "c2", None, "c1"])
    assert narrator_name(UNOWNED, quotes, "narrator") is None  # no look-up: no fallback
    assert narrator_name(UNOWNED, quotes, "narrator", resolve=_cast) == "Tamsin"


def test_the_unowned_name_needs_three_calls_and_a_clear_lead() -> None:
    two = UNOWNED.replace('"Tamsin, are you deaf?"', '"Are you deaf?"')
    assert (
        narrator_name(two, quotes_of(two, ["c1", "c2", None, "c1"]), "narrator", resolve=_cast)
        is None
    )
    rival = UNOWNED + '\n\n"Ness, Ness, come!"\n\n"Ness!"\n\n"Ness, now."\n\nI saw Ness run.'
    quotes = quotes_of(rival, ["c1", "c2", None, "c1", None, None, None])
    assert narrator_name(rival, quotes, "narrator", resolve=_cast) is None


def test_a_shout_that_is_only_a_name_does_not_name_the_narrator() -> None:
    text = (
        '"Expecto Patronum!"\n\n"Expecto Patronum!"\n\n"Expecto Patronum!"\n\n'
        "Silver light burst from my wand as I cast Expecto Patronum again."
    )
    quotes = quotes_of(text, [None, None, None])
    assert narrator_name(text, quotes, "narrator", resolve=_cast) is None


# A story that changes point of view: Ivo is named in the narration too, so the cast knows
# him, and the others' lines call him by name; the narrator's own lines are not found.
MIXED = (
    '"Ivo, the boat is in," said Odo.\n\n'
    '"Ivo, come down!" Wren shouted.\n\n'
    '"Hush," said Wren.\n\n'
    "Later that day Ivo looked at the sea, and I knew we were late."
)


def _mixed_cast(name: str) -> str | None:
    return {"Odo": "c1", "Wren": "c2", "Ivo": "c3"}.get(name)


def test_the_cast_member_the_others_address_most_names_the_narrator() -> None:
    quotes = quotes_of(MIXED, ["c1", "c2", "c2"])
    assert narrator_name(MIXED, quotes, "narrator", resolve=_mixed_cast) == "Ivo"
    # One call is not enough ...
    once = MIXED.replace('"Ivo, come down!"', '"Come down!"')
    assert narrator_name(once, quotes_of(once, ["c1", "c2", "c2"]), "narrator",
                         resolve=_mixed_cast) is None  # fmt: skip
    # ... and whom the narrator calls is someone else.
    quotes = quotes_of(MIXED, ["narrator", "narrator", "c2"])
    assert narrator_name(MIXED, quotes, "narrator", resolve=_mixed_cast) is None


def test_the_addressed_cast_member_needs_a_clear_lead() -> None:
    rival = MIXED.replace('"Hush," said Wren.', '"Odo, hush," said Wren.\n\n"Odo, look!" said Ivo.')
    quotes = quotes_of(rival, ["c1", "c2", "c2", "c3"])
    assert narrator_name(rival, quotes, "narrator", resolve=_mixed_cast) is None


def test_whom_the_narrator_calls_is_not_the_unowned_name() -> None:
    # Only the narrator's own lines say "Tamsin": Tamsin is someone the narrator talks to.
    quotes = quotes_of(UNOWNED, ["narrator", "narrator", "narrator", "narrator"])
    assert narrator_name(UNOWNED, quotes, "narrator", resolve=_cast) is None


def test_a_cast_member_called_by_name_alone_is_addressed() -> None:
    # "Ivo!" on its own calls Ivo as surely as "Ivo, come down!" does.
    alone = MIXED.replace('"Ivo, come down!"', '"Ivo!"')
    quotes = quotes_of(alone, ["c1", "c2", "c2"])
    assert narrator_name(alone, quotes, "narrator", resolve=_mixed_cast) == "Ivo"


@pytest.mark.parametrize(
    ("speaker", "addressee", "expected"),
    [
        ("narrator", "c2", ("c2", None)),  # "I" call Tamsin, and "I" turn out to be Tamsin
        ("c2", "narrator", ("c2", None)),
        ("narrator", "c3", ("c2", "c3")),
        ("c3", "narrator", ("c3", "c2")),
    ],
)
def test_merging_the_narrator_into_a_character_never_makes_them_speak_to_themself(
    speaker: str, addressee: str, expected: tuple[str, str | None]
) -> None:
    quote = Quote(Span(0, 10), speaker, addressee, "speakers.vocative.v1", 0.9)
    merged = _merged(quote, "narrator", "c2")
    assert (merged.speaker, merged.addressee) == expected
