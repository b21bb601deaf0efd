"""The speaker sieves on hand-built parses: speech verbs, vocatives, action beats, mentions."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from ficlens.cast import Cast
from ficlens.dialogue.quotes import find_quotes
from ficlens.dialogue.sieves import (
    Decision,
    action_beat,
    beat_pronoun,
    pronoun_bound,
    said_from,
    self_named,
    single_mention,
    speech_verb,
    vocative,
)
from ficlens.dialogue.sites import QuoteSite, build_sites
from ficlens.model import Character, Span
from ficlens.nlp import Parsed
from ficlens.structure.paragraphs import split_paragraphs

MakeParsed = Callable[..., Parsed]
Row = tuple[str, str, str, int]


def character(ident: str, name: str, *aliases: str, gender: str | None = None) -> Character:
    return Character(ident, name, aliases, gender, False, 2, 0)


CHARACTERS = (
    character("c1", "Harry Potter", "Harry", gender="he/him"),
    character("c2", "Sakura", gender="she/her"),
    character("c3", "Naruto", gender="he/him"),
    character("c4", "Kakashi", gender="he/him"),
)
# Cast._keys: lower-case name (with its title) -> id; Cast._words: lower-case word -> ids.
KEYS = {
    "harry potter": "c1",
    "harry": "c1",
    "arry": "c1",  # Hagrid's 'Arry
    "sakura": "c2",
    "naruto": "c3",
    "kakashi": "c4",
}
WORDS = {
    "harry": ("c1",),
    "potter": ("c1",),
    "sakura": ("c2",),
    "naruto": ("c3",),
    "kakashi": ("c4",),
}
CAST = Cast(CHARACTERS, (), None, KEYS, WORDS)
NARRATED = Cast((*CHARACTERS, character("narrator", "Narrator", "I")), (), "narrator", KEYS, WORDS)


def sites_of(make_parsed: MakeParsed, text: str, rows: Sequence[Sequence[Row]]) -> list[QuoteSite]:
    """Sites of a text whose paragraphs are parsed by hand, ``rows[i]`` for paragraph ``i``."""
    paragraphs = [p.span for p in split_paragraphs(text)]
    quotes, _ = find_quotes(text, paragraphs)
    parsed = [
        make_parsed(text, piece_rows, span=span)
        for span, piece_rows in zip(paragraphs, rows, strict=True)
    ]
    return build_sites(quotes, paragraphs, parsed)


def quoted(words: str) -> tuple[str, Span]:
    """A one-line text quoting ``words``, and the quotation's span."""
    text = f'"{words}" she called.'
    [quote], _ = find_quotes(text, [Span(0, len(text))])
    assert quote.span.of(text) == words
    return text, quote.span


def starts_for(site: QuoteSite, **names: str) -> dict[int, str]:
    """Token start -> character id for the named tokens of a site's paragraph."""
    return {t.start: names[t.text] for t in site.piece.tokens if t.text in names}


class Resolver:
    """A pronoun resolver that records its calls and answers from a fixed table."""

    def __init__(self, answers: dict[str, str] | None = None) -> None:
        self.answers = answers or {}
        self.calls: list[tuple[str, str | None]] = []

    def __call__(self, site: QuoteSite, pronoun: str, exclude: str | None) -> str | None:
        self.calls.append((pronoun, exclude))
        return self.answers.get(pronoun)


def assert_decision(decision: Decision | None, who: str, method: str, confidence: float) -> None:
    assert decision is not None
    assert (decision.character, decision.method) == (who, method)
    assert decision.confidence == pytest.approx(confidence)
    assert 0 < decision.confidence <= 1


AFTER_ROWS: list[Row] = [
    ('"', "``", "punct", 2),
    ('"', "''", "punct", 2),
    ("said", "VBD", "ROOT", 2),
    ("Harry", "NNP", "nsubj", 2),
    (".", ".", "punct", 2),
]


@pytest.mark.parametrize("known_span", [True, False], ids=["mention-span", "resolved-by-name"])
def test_speech_verb_subject_after_the_quote(make_parsed: MakeParsed, known_span: bool) -> None:
    [site] = sites_of(make_parsed, '"Go away," said Harry.', [AFTER_ROWS])
    starts = starts_for(site, Harry="c1") if known_span else {}
    decision = speech_verb(site, cast=CAST, starts=starts, resolve_pronoun=Resolver())
    assert_decision(decision, "c1", "speakers.speech_verb.name.v1", 0.95)


def test_speech_verb_subject_who_is_the_vocative_addressee_is_no_speaker(
    make_parsed: MakeParsed,
) -> None:
    # "'...anything, Harry.' Harry had to laugh.": the laugh is the one spoken to reacting.
    [site] = sites_of(make_parsed, '"Go away," said Harry.', [AFTER_ROWS])
    decision = speech_verb(site, cast=CAST, starts={}, resolve_pronoun=Resolver(), addressee="c1")
    assert decision is None
    other = speech_verb(site, cast=CAST, starts={}, resolve_pronoun=Resolver(), addressee="c2")
    assert_decision(other, "c1", "speakers.speech_verb.name.v1", 0.95)


def test_speech_verb_subject_before_the_quote(make_parsed: MakeParsed) -> None:
    rows: list[Row] = [
        ("Harry", "NNP", "nsubj", 1),
        ("said", "VBD", "ROOT", 1),
        (",", ",", "punct", 1),
        ('"', "``", "punct", 1),
        ('"', "''", "punct", 1),
    ]
    [site] = sites_of(make_parsed, 'Harry said, "Go away."', [rows])
    decision = speech_verb(site, cast=CAST, starts={}, resolve_pronoun=Resolver())
    assert_decision(decision, "c1", "speakers.speech_verb.name.v1", 0.9)


@pytest.mark.parametrize(
    ("addressee", "answers", "expected"),
    [
        pytest.param(None, {"she/her": "c2"}, "c2", id="resolved"),
        pytest.param("c3", {"she/her": "c2"}, "c2", id="addressee-passed-on"),
        pytest.param(None, {}, None, id="unresolved"),
    ],
)
def test_speech_verb_pronoun_subject(
    make_parsed: MakeParsed, addressee: str | None, answers: dict[str, str], expected: str | None
) -> None:
    rows: list[Row] = [
        ('"', "``", "punct", 3),
        ('"', "''", "punct", 3),
        ("she", "PRP", "nsubj", 3),
        ("whispered", "VBD", "ROOT", 3),
        (".", ".", "punct", 3),
    ]
    [site] = sites_of(make_parsed, '"Go away," she whispered.', [rows])
    resolver = Resolver(answers)
    decision = speech_verb(
        site, cast=CAST, starts={}, resolve_pronoun=resolver, addressee=addressee
    )
    assert resolver.calls == [("she/her", addressee)]
    if expected is None:
        assert decision is None
    else:
        assert_decision(decision, expected, "speakers.speech_verb.pronoun.v1", 0.95 * 0.85)


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        pytest.param(
            '"Go away," said Harry.',
            [('"', "``", "punct", 2), ('"', "''", "punct", 2), ("said", "VBD", "ROOT", 2),
             ("Harry", "NNP", "dobj", 2), (".", ".", "punct", 2)],
            id="said-harry-parsed-as-object",
        ),
        pytest.param(
            '"Well," went on Harry.',
            [('"', "``", "punct", 2), ('"', "''", "punct", 2), ("went", "VBD", "ROOT", 2),
             ("on", "RP", "prt", 2), ("Harry", "NNP", "npadvmod", 2), (".", ".", "punct", 2)],
            id="went-on-harry",
        ),
        pytest.param(
            '"Well," said Harry Potter.',
            [('"', "``", "punct", 2), ('"', "''", "punct", 2), ("said", "VBD", "ROOT", 2),
             ("Harry", "NNP", "compound", 4), ("Potter", "NNP", "dobj", 2),
             (".", ".", "punct", 2)],
            id="full-name",
        ),
    ],
)  # fmt: skip
def test_speech_verb_inverted_without_a_parse_subject(
    make_parsed: MakeParsed, text: str, rows: list[Row]
) -> None:
    [site] = sites_of(make_parsed, text, [rows])
    decision = speech_verb(site, cast=CAST, starts={}, resolve_pronoun=Resolver())
    assert_decision(decision, "c1", "speakers.speech_verb.name.v1", 0.95)


I_SAID_ROWS: list[Row] = [
    ('"', "``", "punct", 3),
    ('"', "''", "punct", 3),
    ("I", "PRP", "nsubj", 3),
    ("said", "VBD", "ROOT", 3),
    (".", ".", "punct", 3),
]


def test_i_said_is_the_narrator(make_parsed: MakeParsed) -> None:
    [site] = sites_of(make_parsed, '"Go away," I said.', [I_SAID_ROWS])
    decision = speech_verb(site, cast=NARRATED, starts={}, resolve_pronoun=Resolver())
    assert_decision(decision, "narrator", "speakers.speech_verb.narrator.v1", 0.95)


def test_i_said_without_a_narrator_decides_nothing(make_parsed: MakeParsed) -> None:
    [site] = sites_of(make_parsed, '"Go away," I said.', [I_SAID_ROWS])
    assert speech_verb(site, cast=CAST, starts={}, resolve_pronoun=Resolver()) is None


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        pytest.param(
            '"Go away." Harry smiled.',
            [('"', "``", "punct", 3), ('"', "''", "punct", 3), ("Harry", "NNP", "nsubj", 3),
             ("smiled", "VBD", "ROOT", 3), (".", ".", "punct", 3)],
            id="not-a-speech-verb",
        ),
        pytest.param(
            '"Go away," said the wind.',
            [('"', "``", "punct", 2), ('"', "''", "punct", 2), ("said", "VBD", "ROOT", 2),
             ("the", "DT", "det", 4), ("wind", "NN", "nsubj", 2), (".", ".", "punct", 2)],
            id="subject-is-no-character",
        ),
    ],
)  # fmt: skip
def test_speech_verb_passes(make_parsed: MakeParsed, text: str, rows: list[Row]) -> None:
    [site] = sites_of(make_parsed, text, [rows])
    assert speech_verb(site, cast=CAST, starts={}, resolve_pronoun=Resolver()) is None


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        pytest.param("Sakura, wait!", "c2", id="start"),
        pytest.param("Oh, Harry, you came.", "c1", id="start-after-interjection"),
        pytest.param("Kakashi-sensei, you're late.", "c4", id="start-with-honorific"),
        pytest.param("Harry Potter, sit down.", "c1", id="start-full-name"),
        pytest.param("Come here, Naruto.", "c3", id="end"),
        pytest.param("Why, Naruto?", "c3", id="end-question"),
        pytest.param("Sakura—", "c2", id="cut-off"),
        pytest.param("Sakura - wait.", "c2", id="spaced-hyphen"),
        pytest.param("Sakura-chan used to sit here.", None, id="honorific-subject"),
        pytest.param("sakura, wait!", None, id="lower-case-word"),
        pytest.param("Oh, sakura-chan, wait!", None, id="lower-case-after-interjection"),
        pytest.param("OH, Sakura, wait!", "c2", id="interjection-any-case"),
        pytest.param("It fell, well-Naruto.", None, id="end-after-a-word-hyphen"),
        pytest.param("Wait!", None, id="no-name"),
        pytest.param("Tamsin, wait!", None, id="unknown-name"),
        pytest.param("I saw Naruto at the gate.", None, id="name-inside"),
        pytest.param("Come here, Naruto,", "c3", id="end-before-a-comma"),
        pytest.param("Gotta be good, 'Arry.", "c1", id="end-elided"),
        pytest.param("'Arry, wait!", "c1", id="start-elided"),
        pytest.param("Thank you Naruto.", "c3", id="end-after-thanks-with-no-comma"),
        pytest.param("Come on Naruto, eat.", "c3", id="start-after-come-on-with-no-comma"),
        pytest.param("Thanks Sakura, really.", "c2", id="start-after-thanks-with-no-comma"),
        pytest.param("I love you Sakura!", "c2", id="end-after-love-you-with-no-comma"),
        pytest.param("I saw Naruto.", None, id="object-not-vocative"),
        pytest.param("We know, Naruto. We saw it all.", "c3", id="end-of-first-sentence"),
        pytest.param("I know. Naruto, Sakura and I saw it.", None, id="list-in-second-sentence"),
        pytest.param("I saw Harry, Naruto. He was fine.", "c3", id="first-sentence-of-two"),
        pytest.param("It was Harry, Ron and me. Naruto came later.", None, id="list-and-name"),
        pytest.param("It's me, Naruto!", None, id="its-me-may-be-self-naming"),
        pytest.param("Open up, it is me, Sakura, Naruto.", None, id="its-me-then-two-names"),
    ],
)
def test_vocative(words: str, expected: str | None) -> None:
    text, span = quoted(words)
    assert vocative(text, span, cast=CAST) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        pytest.param("My name is Sakura.", "c2", id="my-name-is"),
        pytest.param("Hello. I'm Naruto, and this is Kakashi.", "c3", id="second-sentence"),
        pytest.param("Hi, I am Harry Potter.", "c1", id="after-a-comma"),
        pytest.param("Please. Call me Harry.", "c1", id="call-me"),
        pytest.param("I haff seen you here...I'm Kakashi, Kakashi.", "c4", id="after-dots"),
        pytest.param("I'm Harry's friend.", None, id="possessive"),
        pytest.param("You think I'm Naruto?", None, id="inside-a-sentence"),
        pytest.param("My name is Reborn.", None, id="no-such-character"),
    ],
)
def test_self_named(words: str, expected: str | None) -> None:
    found = self_named(*quoted(words), cast=CAST)
    assert (found.character if found else None) == expected


BEAT_BEFORE: list[Row] = [
    ("Harry", "NNP", "nsubj", 1),
    ("frowned", "VBD", "ROOT", 1),
    (".", ".", "punct", 1),
    ('"', "``", "punct", 1),
    ('"', "''", "punct", 1),
]


def test_action_beat_before(make_parsed: MakeParsed) -> None:
    [site] = sites_of(make_parsed, 'Harry frowned. "Go away."', [BEAT_BEFORE])
    decision = action_beat(site, starts=starts_for(site, Harry="c1"))
    assert_decision(decision, "c1", "speakers.action_beat.v1", 0.7)


def test_action_beat_after(make_parsed: MakeParsed) -> None:
    rows: list[Row] = [
        ('"', "``", "punct", 3),
        ('"', "''", "punct", 3),
        ("Harry", "NNP", "nsubj", 3),
        ("frowned", "VBD", "ROOT", 3),
        (".", ".", "punct", 3),
    ]
    [site] = sites_of(make_parsed, '"Go away." Harry frowned.', [rows])
    decision = action_beat(site, starts=starts_for(site, Harry="c1"))
    assert_decision(decision, "c1", "speakers.action_beat.v1", 0.65)


@pytest.mark.parametrize(
    ("text", "rows", "expected"),
    [
        pytest.param(
            'She looked away. "Fine."',
            [("She", "PRP", "nsubj", 1), ("looked", "VBD", "ROOT", 1), ("away", "RB", "advmod", 1),
             (".", ".", "punct", 1), ('"', "``", "punct", 1), ('"', "''", "punct", 1)],
            "she/her", id="before",
        ),
        pytest.param(
            '"Fine." He meant it.',
            [('"', "``", "punct", 3), ('"', "''", "punct", 3), ("He", "PRP", "nsubj", 3),
             ("meant", "VBD", "ROOT", 3), ("it", "PRP", "dobj", 3), (".", ".", "punct", 3)],
            "he/him", id="after",
        ),
        pytest.param(
            '"Fine," she said.',
            [('"', "``", "punct", 3), ('"', "''", "punct", 3), ("she", "PRP", "nsubj", 3),
             ("said", "VBD", "ROOT", 3), (".", ".", "punct", 3)],
            None, id="a-speech-verb-is-no-beat",
        ),
        pytest.param(
            'Harry saw that she froze. "Fine."',
            [("Harry", "NNP", "nsubj", 1), ("saw", "VBD", "ROOT", 1), ("that", "IN", "mark", 4),
             ("she", "PRP", "nsubj", 4), ("froze", "VBD", "ccomp", 1), (".", ".", "punct", 1),
             ('"', "``", "punct", 1), ('"', "''", "punct", 1)],
            None, id="a-name-comes-first",
        ),
        pytest.param(
            'They waited. "Fine."',
            [("They", "PRP", "nsubj", 1), ("waited", "VBD", "ROOT", 1), (".", ".", "punct", 1),
             ('"', "``", "punct", 1), ('"', "''", "punct", 1)],
            None, id="plural",
        ),
    ],
)  # fmt: skip
def test_beat_pronoun(
    make_parsed: MakeParsed, text: str, rows: list[Row], expected: str | None
) -> None:
    [site] = sites_of(make_parsed, text, [rows])
    assert beat_pronoun(site) == expected


def test_a_voice_is_its_owners_action_beat(make_parsed: MakeParsed) -> None:
    # The tagger reads "voice rings" as a noun compound: the words decide, not the parse.
    rows: list[Row] = [
        ("Sakura", "NNP", "poss", 3),
        ("'s", "POS", "case", 0),
        ("voice", "NN", "compound", 3),
        ("rings", "NNS", "ROOT", 3),
        ("out", "RP", "prt", 3),
        (".", ".", "punct", 3),
        ('"', "``", "punct", 3),
        ('"', "''", "punct", 3),
    ]
    [site] = sites_of(make_parsed, 'Sakura\'s voice rings out. "Stop!"', [rows])
    decision = action_beat(site, starts=starts_for(site, Sakura="c2"))
    assert_decision(decision, "c2", "speakers.action_beat.v1", 0.7)
    things = [*rows[:2], ("umbrella", "NN", "compound", 3), *rows[3:]]
    [other] = sites_of(make_parsed, 'Sakura\'s umbrella rings out. "Stop!"', [things])
    assert action_beat(other, starts=starts_for(other, Sakura="c2")) is None


def test_action_beat_skips_the_addressee_and_objects(make_parsed: MakeParsed) -> None:
    text = 'Sakura glared at Naruto. "Go away, Naruto."'
    rows: list[Row] = [
        ("Sakura", "NNP", "nsubj", 1),
        ("glared", "VBD", "ROOT", 1),
        ("at", "IN", "prep", 1),
        ("Naruto", "NNP", "pobj", 2),
        (".", ".", "punct", 1),
        ('"', "``", "punct", 1),
        ('"', "''", "punct", 1),
    ]
    [site] = sites_of(make_parsed, text, [rows])
    starts = starts_for(site, Sakura="c2", Naruto="c3")
    assert_decision(
        action_beat(site, starts=starts, addressee="c3"), "c2", "speakers.action_beat.v1", 0.7
    )
    # The subject is the one addressed: nobody else is a subject, so the sieve passes.
    assert action_beat(site, starts=starts, addressee="c2") is None


def test_action_beat_needs_a_known_character(make_parsed: MakeParsed) -> None:
    [site] = sites_of(make_parsed, 'Harry frowned. "Go away."', [BEAT_BEFORE])
    assert action_beat(site, starts={}) is None


@pytest.mark.parametrize(
    ("named", "addressee", "expected"),
    [
        pytest.param(["c1"], None, "c1", id="one"),
        pytest.param(["c1", "c1", "c1"], None, "c1", id="one-named-thrice"),
        pytest.param(["c1", "c2"], None, None, id="two"),
        pytest.param(["c1", "c2"], "c2", "c1", id="two-one-addressed"),
        pytest.param(["c1"], "c1", None, id="only-the-addressee"),
        pytest.param([], None, None, id="none"),
    ],
)
def test_single_mention(named: list[str], addressee: str | None, expected: str | None) -> None:
    decision = single_mention(named, addressee=addressee)
    if expected is None:
        assert decision is None
    else:
        assert_decision(decision, expected, "speakers.single_mention.v1", 0.6)


def test_sieves_read_only_their_own_quotation(make_parsed: MakeParsed) -> None:
    # Two quotations in one paragraph: "said Harry" tags the first, "Sakura smiled" is a beat
    # beside the second.
    text = '"Hi," said Harry. Sakura smiled. "Hello."'
    rows: list[Row] = [
        ('"', "``", "punct", 2),
        ('"', "''", "punct", 2),
        ("said", "VBD", "ROOT", 2),
        ("Harry", "NNP", "nsubj", 2),
        (".", ".", "punct", 2),
        ("Sakura", "NNP", "nsubj", 6),
        ("smiled", "VBD", "ROOT", 6),
        (".", ".", "punct", 6),
        ('"', "``", "punct", 6),
        ('"', "''", "punct", 6),
    ]
    first, second = sites_of(make_parsed, text, [rows])
    starts = starts_for(first, Harry="c1", Sakura="c2")
    resolver = Resolver()
    assert_decision(
        speech_verb(first, cast=CAST, starts=starts, resolve_pronoun=resolver),
        "c1",
        "speakers.speech_verb.name.v1",
        0.95,
    )
    assert speech_verb(second, cast=CAST, starts=starts, resolve_pronoun=resolver) is None
    assert_decision(action_beat(second, starts=starts), "c2", "speakers.action_beat.v1", 0.7)


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        pytest.param(
            'Sakura, who had waited, exclaimed, "At last!"',
            [("Sakura", "NNP", "ROOT", 0), (",", ",", "punct", 0), ("who", "WP", "nsubj", 4),
             ("waited", "VBD", "relcl", 0), ("exclaimed", "VBD", "relcl", 0),
             (",", ",", "punct", 4), ('"', "``", "punct", 4), ('"', "''", "punct", 4)],
            id="relative-pronoun",
        ),
        pytest.param(
            'Sakura looked up, saying, "At last!"',
            [("Sakura", "NNP", "nsubj", 1), ("looked", "VBD", "ROOT", 1),
             ("up", "RP", "prt", 1), (",", ",", "punct", 1), ("saying", "VBG", "advcl", 1),
             (",", ",", "punct", 4), ('"', "``", "punct", 4), ('"', "''", "punct", 4)],
            id="chained-verb",
        ),
    ],
)  # fmt: skip
def test_speech_verb_subject_through_clauses(
    make_parsed: MakeParsed, text: str, rows: list[Row]
) -> None:
    [site] = sites_of(make_parsed, text, [rows])
    decision = speech_verb(site, cast=CAST, starts={}, resolve_pronoun=Resolver())
    assert_decision(decision, "c2", "speakers.speech_verb.name.v1", 0.9)


def test_speech_verb_name_the_tagger_misread(make_parsed: MakeParsed) -> None:
    rows: list[Row] = [
        ('"', "``", "punct", 2),
        ('"', "''", "punct", 2),
        ("cried", "VBD", "ROOT", 2),
        ("Sakura", "RB", "advmod", 2),
        (".", ".", "punct", 2),
    ]
    [site] = sites_of(make_parsed, '"Why, you said it!" cried Sakura.', [rows])
    decision = speech_verb(site, cast=CAST, starts={}, resolve_pronoun=Resolver())
    assert_decision(decision, "c2", "speakers.speech_verb.name.v1", 0.95)


def test_a_tag_followed_by_a_dash_still_reaches_the_next_quotation(
    make_parsed: MakeParsed,
) -> None:
    # '"Sure?" said Sakura.--"I saw him."': the last sentence before the second quotation is
    # only the dash, so the sentence before it, the speech tag, is read instead.
    text = '"Sure?" said Sakura.--"I saw him."'
    rows: list[Row] = [
        ('"', "``", "punct", 2),
        ('"', "''", "punct", 2),
        ("said", "VBD", "ROOT", 2),
        ("Sakura", "NNP", "nsubj", 2),
        (".", ".", "punct", 2),
        ("--", ":", "punct", 5),
        ('"', "``", "punct", 5),
        ('"', "''", "punct", 5),
    ]
    _, second = sites_of(make_parsed, text, [rows])
    decision = speech_verb(second, cast=CAST, starts={}, resolve_pronoun=Resolver())
    assert_decision(decision, "c2", "speakers.speech_verb.name.v1", 0.9)


@pytest.mark.parametrize(
    ("ending", "introduced"),
    [
        pytest.param("said:", True, id="colon"),
        pytest.param("said,", True, id="comma"),
        pytest.param("said abruptly", True, id="unfinished-speech-verb"),
        pytest.param("said.", False, id="finished-sentence"),
        pytest.param("smiled", False, id="unfinished-without-speech"),
    ],
)
def test_introduction_in_the_previous_paragraph(
    make_parsed: MakeParsed, ending: str, introduced: bool
) -> None:
    verb, _, rest = ending.partition(" ")
    word = rest or ending[len(verb.rstrip(":,.")) :]
    text = f'Sakura {ending}\n\n"At last!"'
    first: list[Row] = [("Sakura", "NNP", "nsubj", 1), (verb.rstrip(":,."), "VBD", "ROOT", 1)]
    if word:
        first.append((word, "RB" if word.isalpha() else ".", "advmod", 1))
    second: list[Row] = [('"', "``", "punct", 0), ('"', "''", "punct", 0)]
    [site] = sites_of(make_parsed, text, [first, second])
    assert (site.intro is not None) is introduced
    if site.intro is not None:
        decision = speech_verb(site.intro, cast=CAST, starts={}, resolve_pronoun=Resolver())
        assert_decision(decision, "c2", "speakers.speech_verb.name.v1", 0.9)


BOUND_ROWS: list[Row] = [
    ('"', "``", "punct", 3),
    ('"', "''", "punct", 3),
    ("he", "PRP", "nsubj", 3),
    ("said", "VBD", "ROOT", 3),
    ("as", "IN", "mark", 6),
    ("Naruto", "NNP", "nsubj", 6),
    ("sat", "VBD", "advcl", 3),
    (".", ".", "punct", 3),
]


def test_a_pronoun_speaker_is_not_who_its_tag_names_after_it(make_parsed: MakeParsed) -> None:
    """``"...," he said as Naruto sat.``: whoever *he* is, he is not Naruto."""
    [site] = sites_of(make_parsed, '"Good marks," he said as Naruto sat.', [BOUND_ROWS])
    assert pronoun_bound(site, starts_for(site, Naruto="c3")) == {"c3"}


def test_a_named_speaker_binds_no_one(make_parsed: MakeParsed) -> None:
    """``"...," Naruto said as he sat.``: the subject is a name, so no pronoun to bind."""
    rows: list[Row] = [
        ('"', "``", "punct", 3),
        ('"', "''", "punct", 3),
        ("Naruto", "NNP", "nsubj", 3),
        ("said", "VBD", "ROOT", 3),
        ("as", "IN", "mark", 6),
        ("he", "PRP", "nsubj", 6),
        ("sat", "VBD", "advcl", 3),
        (".", ".", "punct", 3),
    ]
    [site] = sites_of(make_parsed, '"Good marks," Naruto said as he sat.', [rows])
    assert pronoun_bound(site, starts_for(site, Naruto="c3")) == frozenset()


FROM_ROWS: list[Row] = [
    ("Sakura", "NNP", "nsubj", 1),
    ("got", "VBD", "ROOT", 1),
    ("a", "DT", "det", 4),
    ("soft", "JJ", "amod", 1),
    (",", ",", "punct", 1),
    ('"', "``", "punct", 1),
    ('"', "''", "punct", 1),
    ("from", "IN", "prep", 1),
    ("Naruto", "NNP", "pobj", 7),
    (".", ".", "punct", 1),
]


def test_a_line_given_from_a_name_is_theirs(make_parsed: MakeParsed) -> None:
    """``Sakura got a soft, "Are you okay?" from Naruto.``: Naruto speaks it, not Sakura."""
    text = 'Sakura got a soft, "Are you okay?" from Naruto.'
    [site] = sites_of(make_parsed, text, [FROM_ROWS])
    starts = starts_for(site, Sakura="c2", Naruto="c3")
    assert_decision(said_from(site, cast=CAST, starts=starts), "c3", "speakers.said_from.v1", 0.9)
    assert said_from(site, cast=CAST, starts=starts, addressee="c3") is None


def test_from_later_in_the_sentence_names_no_speaker(make_parsed: MakeParsed) -> None:
    """``"Fine," she said, far from Naruto.``: the name does not follow the quotation."""
    rows: list[Row] = [
        ('"', "``", "punct", 3),
        ('"', "''", "punct", 3),
        ("she", "PRP", "nsubj", 3),
        ("said", "VBD", "ROOT", 3),
        (",", ",", "punct", 3),
        ("far", "RB", "advmod", 3),
        ("from", "IN", "prep", 5),
        ("Naruto", "NNP", "pobj", 6),
        (".", ".", "punct", 3),
    ]
    [site] = sites_of(make_parsed, '"Fine," she said, far from Naruto.', [rows])
    assert said_from(site, cast=CAST, starts=starts_for(site, Naruto="c3")) is None
