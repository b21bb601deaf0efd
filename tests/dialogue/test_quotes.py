"""Finding quotations: every convention, apostrophes, nesting, multi-paragraph and unclosed."""

from __future__ import annotations

import pytest

from ficlens.dialogue.quotes import FoundQuote, find_quotes, is_mention
from ficlens.model import Span
from ficlens.structure.paragraphs import split_paragraphs

OPENING = "\"“”'‘«»"  # a right double mark opens too where a quotation starts
CLOSING = "\"”'’»«"


def found(text: str) -> tuple[list[Span], tuple[FoundQuote, ...], str]:
    paragraphs = [p.span for p in split_paragraphs(text)]
    quotes, convention = find_quotes(text, paragraphs)
    return paragraphs, quotes, convention


def flags(quote: FoundQuote) -> str:
    return "continued" if quote.continued else "unclosed" if quote.unclosed else ""


# (text, convention, [(words, flag)]): flag is "", "continued" or "unclosed".
CASES = [
    pytest.param(
        '"Hello," said Ann. "Come in."',
        "double",
        [("Hello,", ""), ("Come in.", "")],
        id="straight-double",
    ),
    pytest.param(
        "“Hello,” said Ann. “Come in.”",
        "double",
        [("Hello,", ""), ("Come in.", "")],
        id="curly-double",
    ),
    pytest.param(
        "'I don't know,' said Ron. 'It's Sakura's.'\n\n"
        "'Give 'em here,' she said. ''Tis late, and I stayed 'cause you asked.'\n\n"
        "'That was the boys' team,' said Ann. 'And the twins' joke.'\n\n"
        "'There's somethin' you should see,' said Ron.",
        "single",
        [
            ("I don't know,", ""),
            ("It's Sakura's.", ""),
            ("Give 'em here,", ""),
            ("'Tis late, and I stayed 'cause you asked.", ""),
            ("That was the boys' team,", ""),
            ("And the twins' joke.", ""),
            ("There's somethin' you should see,", ""),
        ],
        id="single-with-apostrophes",
    ),
    pytest.param(
        "'Is it raining?' she asked.\n\n'Bye, then,' he said.",
        "single",
        [("Is it raining?", ""), ("Bye, then,", "")],
        id="single-opening-with-elision-like-words",
    ),
    pytest.param(
        "‘I don’t know,’ said Ron. ‘It’s Sakura’s.’\n\n‘Fine,’ she said.",
        "single",
        [("I don’t know,", ""), ("It’s Sakura’s.", ""), ("Fine,", "")],
        id="curly-single",
    ),
    pytest.param(
        "'Stop that,' he said. 'Like this' he said, 'and nothin' more.'",
        "single",
        [("Stop that,", ""), ("Like this", ""), ("and nothin' more.", "")],
        id="single-closed-by-a-tag-without-comma",
    ),
    pytest.param(
        "He said 'yes' and left.\n\n'Go,' she said.",
        "single",
        [("yes", ""), ("Go,", "")],
        id="single-short-quote-mid-sentence",
    ),
    pytest.param(
        "The whole 'plan' was simple. 'Go,' she said.\n\n'Fine,' he said.",
        "single",
        [("Go,", ""), ("Fine,", "")],
        id="single-scare-quote",
    ),
    pytest.param(
        "'The boys' team is fair,' she said, 'and the girls' team is not.\n\n'Nobody listens.'",
        "single",
        [
            ("The boys' team is fair,", ""),
            ("and the girls' team is not.", "continued"),
            ("Nobody listens.", ""),
        ],
        id="single-possessive-in-continued-quote",
    ),
    pytest.param(
        '"She said \'run\' and I ran," said Ann.\n\n"Fine," he said.',
        "double",
        [("She said 'run' and I ran,", ""), ("Fine,", "")],
        id="single-inside-double",
    ),
    pytest.param(
        "'He told me \"never\" twice,' said Ron.\n\n'Fine,' she said.\n\n'Go,' he said.",
        "single",
        [('He told me "never" twice,', ""), ("Fine,", ""), ("Go,", "")],
        id="double-inside-single",
    ),
    pytest.param(
        '"The first part," said Ann, "is about a fox.\n\n'
        '"The second part is about a hen.\n\n'
        '"The third part is about the farmer."\n\n'
        "Nobody clapped.",
        "double",
        [
            ("The first part,", ""),
            ("is about a fox.", "continued"),
            ("The second part is about a hen.", "continued"),
            ("The third part is about the farmer.", ""),
        ],
        id="three-paragraphs",
    ),
    pytest.param(
        '"Wait for me, Ann called, and ran for the gate.\n\n'
        'The gate slammed. "Too late," said Bo. "Far too late."',
        "double",
        [
            ("Wait for me, Ann called, and ran for the gate.", "unclosed"),
            ("Too late,", ""),
            ("Far too late.", ""),
        ],
        id="unclosed",
    ),
    pytest.param(
        '"Hi," she said.\n\n"No," he said.\n\n"Why?" she asked.\n\n\'Because,\' he said.',
        "double",
        [("Hi,", ""), ("No,", ""), ("Why?", "")],
        id="mixed-mostly-double",
    ),
    pytest.param(
        "'Hi,' she said.\n\n'No,' he said.\n\n'Why?' she asked.\n\n\"Because,\" he said.",
        "single",
        [("Hi,", ""), ("No,", ""), ("Why?", "")],
        id="mixed-mostly-single",
    ),
    pytest.param(
        "— Hello, he said.\n\n"
        "— Where are you going? asked Ann.\n\n"
        "— Out — he said — and I won't be long.\n\n"
        "— Fine, said Ann quietly. Go on, then.\n\n"
        "— Well, I said no.",
        "dash",
        [
            ("Hello,", ""),
            ("Where are you going?", ""),
            ("Out", ""),
            ("and I won't be long.", ""),
            ("Fine,", ""),
            ("Go on, then.", ""),
            ("Well, I said no.", ""),
        ],
        id="dash",
    ),
    pytest.param(
        "- Harry!\n\n"
        "- Are you still awake? - asked Ron.\n\n"
        "- Shut up! – growls Harry, and throws a raven-haired doll.\n\n"
        "-Congratulations.- said Ron as he sat down -You outdid yourself.\n\n"
        "-- Yeah.",
        "dash",
        [
            ("Harry!", ""),
            ("Are you still awake?", ""),
            ("Shut up!", ""),
            ("Congratulations.", ""),
            ("You outdid yourself.", ""),
            ("Yeah.", ""),
        ],
        id="keyboard-hyphens",
    ),
    pytest.param(
        "«Hello,» said Ann. «Come in.»\n\n«Thanks,» said Bo.",
        "guillemet",
        [("Hello,", ""), ("Come in.", ""), ("Thanks,", "")],
        id="guillemets",
    ),
    pytest.param(
        "»Hello,« said Ann. »Come in.«\n\n»Thanks,« said Bo.",
        "guillemet",
        [("Hello,", ""), ("Come in.", ""), ("Thanks,", "")],
        id="reversed-guillemets",
    ),
    pytest.param(
        'To him the word "love" meant very little.\n\n'
        'He said "yes" and left.\n\n'
        'She whispered, "Go."',
        "double",
        [("yes", ""), ("Go.", "")],
        id="scare-quotes",
    ),
    pytest.param(
        "”Harry!” Draco called.\n\n”Coming,” I said. (”Wait.”)\n\nHe waited. ” And",
        "double",
        [("Harry!", ""), ("Coming,", ""), ("Wait.", "")],
        id="right-marks-open-too",
    ),
    pytest.param(
        "”It was late, and the rain had not stopped.\n\n”So I went home,” she said.",
        "double",
        [("It was late, and the rain had not stopped.", "continued"), ("So I went home,", "")],
        id="right-marks-reopen-a-long-speech",
    ),
    pytest.param(
        "The kettle boiled.\n\nNobody came, and the boys' team didn't win.",
        "double",
        [],
        id="no-dialogue",
    ),
]


@pytest.mark.parametrize(("text", "convention", "expected"), CASES)
def test_find_quotes(text: str, convention: str, expected: list[tuple[str, str]]) -> None:
    _, quotes, style = found(text)
    assert style == convention
    assert [(q.span.of(text), flags(q)) for q in quotes] == expected


@pytest.mark.parametrize(("text", "convention", "expected"), CASES)
def test_spans_exclude_the_marks(
    text: str, convention: str, expected: list[tuple[str, str]]
) -> None:
    paragraphs, quotes, _ = found(text)
    assert len(quotes) == len(expected)
    for quote, (words, flag) in zip(quotes, expected, strict=True):
        assert quote.span.of(text) == words
        assert words == words.strip()
        assert paragraphs[quote.paragraph].contains(quote.span)
        if convention == "dash":
            assert words[0] not in "—–―-" and words[-1] not in "—–―-"
            continue
        assert text[quote.span.start - 1] in OPENING
        if not flag:
            assert not (quote.continued or quote.unclosed)
            assert text[quote.span.end] in CLOSING


def test_quotes_know_their_paragraph() -> None:
    text = '"One," she said.\n\nNarration only.\n\n"Two," he said. "Three."'
    _, quotes, _ = found(text)
    assert [q.paragraph for q in quotes] == [0, 2, 2]


def test_the_paragraph_after_an_unclosed_quote_is_read_afresh() -> None:
    text = '"Run, she said, and nobody ran.\n\nLater, "Now," said Bo, "or never."'
    _, quotes, _ = found(text)
    assert [(q.span.of(text), q.paragraph, q.unclosed) for q in quotes] == [
        ("Run, she said, and nobody ran.", 0, True),
        ("Now,", 1, False),
        ("or never.", 1, False),
    ]
    assert quotes[0].span.end == text.index("\n")


def test_explicit_convention_overrides_detection() -> None:
    text = "\"Hello,\" said Ann. 'Come in.'"
    paragraphs = [Span(0, len(text))]
    assert [q.span.of(text) for q in find_quotes(text, paragraphs)[0]] == ["Hello,"]
    quotes, style = find_quotes(text, paragraphs, convention="single")
    assert style == "single"
    assert [q.span.of(text) for q in quotes] == ["Come in."]


def test_only_the_given_paragraphs_are_read() -> None:
    text = '"Inside," she said.\n\n"Outside," he said.'
    quotes, _ = find_quotes(text, [Span(0, 19)])
    assert [q.span.of(text) for q in quotes] == ["Inside,"]


def test_empty_quotation_marks_give_no_quote() -> None:
    text = 'She wrote "" on the card. "Hi," he said.'
    _, quotes, _ = found(text)
    assert [q.span.of(text) for q in quotes] == ["Hi,"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param('To him the word "love" meant little.', True, id="the-word"),
        pytest.param('a "stranger" of doubtful origin', True, id="scare-noun"),
        pytest.param('He said "yes" and left.', False, id="after-speech-verb"),
        pytest.param('She whispered, "Go."', False, id="after-comma"),
        pytest.param('"Go," she said.', False, id="paragraph-start"),
        pytest.param('There was a soft "Are you okay?" from James.', False, id="question"),
        pytest.param('a hissed "Get out!" and a slam', False, id="exclamation"),
        pytest.param(
            'It was a "very small and quite harmless accident" after all.', False, id="long"
        ),
    ],
)
def test_is_mention(text: str, expected: bool) -> None:
    opened = text.index('"')
    closed = text.index('"', opened + 1)
    assert is_mention(text, opened, Span(opened + 1, closed)) is expected


def test_a_short_quotation_opening_its_paragraph_is_speech() -> None:
    # The previous paragraph ends without punctuation; its last word is not glued to the quote.
    text = 'Then Sakura turned to him\n\n"Stop."'
    _, quotes, _ = found(text)
    assert [q.span.of(text) for q in quotes] == ["Stop."]


@pytest.mark.parametrize(
    "text",
    [
        'Being 5"7 had its drawbacks. "Not so fast," Chris said.',
        'He stood 6\'2" in his boots. "Not so fast," Chris said.',
        'He stood 5\'11" tall. "Not so fast," Chris said.',
    ],
)
def test_a_height_in_inches_is_no_quotation_mark(text: str) -> None:
    """An inch mark (``5"7``, ``6'2"``) pairs with no quotation mark: the line after it is found."""
    quotes, _ = find_quotes(text, [Span(0, len(text))])
    assert [q.span.of(text) for q in quotes] == ["Not so fast,"]


def test_a_quotation_may_still_end_in_a_number() -> None:
    text = '"I was born in 1990," she said. "Room 217" was empty.'
    quotes, _ = find_quotes(text, [Span(0, len(text))])
    assert [q.span.of(text) for q in quotes] == ["I was born in 1990,", "Room 217"]
