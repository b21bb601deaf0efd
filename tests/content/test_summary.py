"""The spoiler-free extractive summary: early sentences only, real sentences, narration first.

Every story here is written for these tests.
"""

from __future__ import annotations

import pytest

from ficlens.content.summary import EARLY_SHARE, sentence_spans, summarize, summary_text
from ficlens.model import Character, Span
from ficlens.structure.paragraphs import split_paragraphs

ORCHARD = [
    "Hester Quaile inherited her grandmother's orchard on the windy side of the valley.",
    "The orchard had not been pruned in years, and the apple trees leaned over the wall.",
    '"Too much work," said the postman.',
    "Hester Quaile walked the rows every morning with a ladder and a pair of shears.",
    "Her neighbour Aldo Finch lent her a cart and told her which trees still bore fruit.",
    "By midsummer the orchard looked like an orchard again, and Hester slept well.",
    "Aldo Finch brought cider to the gate.",
    "In autumn the harvest came in heavy and the barn smelled of apples.",
    "Hester sold apples at the market with Aldo Finch beside her.",
    "At the very end Hester Quaile sold the orchard to Aldo Finch and sailed away forever.",
]
TEXT = "\n\n".join(ORCHARD)
HESTER = Character("c1", "Hester Quaile", ("Hester",), "she/her", False, 6, 0)
ALDO = Character("c2", "Aldo Finch", (), "he/him", False, 4, 300)


def paragraphs(text: str) -> list[Span]:
    return [p.span for p in split_paragraphs(text)]


def test_the_summary_never_takes_sentences_from_the_last_part() -> None:
    spans = paragraphs(TEXT)
    summary = summarize(TEXT, spans, characters=[HESTER, ALDO])
    limit = spans[int(len(spans) * EARLY_SHARE) - 1].end
    assert summary
    assert all(span.end <= limit for span in summary)
    assert all("sailed away" not in span.of(TEXT) for span in summary)


def test_summary_spans_are_real_sentences_in_text_order() -> None:
    spans = paragraphs(TEXT)
    summary = summarize(TEXT, spans, characters=[HESTER, ALDO])
    every_sentence = {s for p in spans for s in sentence_spans(TEXT, p)}
    assert 2 <= len(summary) <= 3
    assert all(span in every_sentence for span in summary)
    assert list(summary) == sorted(summary)
    assert summary == summarize(TEXT, spans, characters=[HESTER, ALDO])  # deterministic


def test_dialogue_only_sentences_are_left_out() -> None:
    spans = paragraphs(TEXT)
    summary = summarize(TEXT, spans, characters=[HESTER, ALDO])
    assert all(not span.of(TEXT).startswith('"') for span in summary)
    # The first 40% is four paragraphs; without the postman's line three sentences are left.
    assert [span.of(TEXT) for span in summary] == [ORCHARD[0], ORCHARD[1], ORCHARD[3]]


def test_sentences_naming_the_main_character_are_preferred() -> None:
    spans = paragraphs(TEXT)
    (best,) = summarize(TEXT, spans, characters=[HESTER, ALDO], sentences=1)
    assert "Hester Quaile" in best.of(TEXT)


def test_a_sentence_opening_with_he_or_she_gives_way_to_one_that_names_its_people() -> None:
    # Both name Marta and speak of the lantern and the ferry (the first more often), but only
    # one opens with whom it is about.
    text = (
        "She carried the ferry lantern down to the ferry for Marta Vell, lantern high.\n\n"
        "Marta Vell kept the lantern lit while the ferry crossed.\n\n"
        "The river rose all night.\n\nThe ferry sank at dawn.\n\nNo one crossed for a week."
        "\n\nThen the bridge opened."
    )
    marta = Character("c1", "Marta Vell", ("Marta",), "she/her", False, 1, 0)
    (best,) = summarize(text, paragraphs(text), characters=[marta], sentences=1)
    assert best.of(text).startswith("Marta Vell kept")
    (only,) = summarize(text, paragraphs(text)[:1], sentences=1)  # still taken when alone
    assert only.of(text).startswith("She carried")


def test_the_number_of_sentences_is_a_maximum() -> None:
    spans = paragraphs(TEXT)
    assert len(summarize(TEXT, spans, sentences=2)) == 2
    assert summarize(TEXT, spans, sentences=0) == ()


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_an_empty_story_has_no_summary(text: str) -> None:
    assert summarize(text, paragraphs(text)) == ()


def test_a_poem_of_short_lines_gives_something_sensible_or_nothing() -> None:
    poem = "Salt wind,\nold stone,\ngulls over the bay.\n\nNight tide,\nthe lamp alone."
    spans = paragraphs(poem)
    summary = summarize(poem, spans)
    assert len(summary) <= 3
    for span in summary:
        assert span.of(poem).strip() == span.of(poem)
        assert span.end <= spans[0].end


def test_sentence_spans_split_at_ends_and_keep_titles_whole() -> None:
    text = 'Mr. Finch waved. "Apples?" she asked. They were ripe!'
    found = [s.of(text) for s in sentence_spans(text, Span(0, len(text)))]
    assert found == ["Mr. Finch waved.", '"Apples?" she asked.', "They were ripe!"]


def test_prose_wrapped_at_a_fixed_width_keeps_its_sentences_whole() -> None:
    wrapped = (
        "The lighthouse keeper climbed the stairs every evening at six, lamp\n"
        "in hand, and counted the steps aloud. Nobody answered him from the\n"
        "dark."
    )
    spans = sentence_spans(wrapped, Span(0, len(wrapped)))
    assert [" ".join(s.of(wrapped).split()) for s in spans] == [
        "The lighthouse keeper climbed the stairs every evening at six, lamp in hand, and "
        "counted the steps aloud.",
        "Nobody answered him from the dark.",
    ]
    verse = "The lamp went out,\nthe stairs went on,\nand nobody came."
    assert len(sentence_spans(verse, Span(0, len(verse)))) == 3


@pytest.mark.parametrize(
    "speech",
    [
        '"Who planted the orchard?" Hester Quaile asked the postman at the orchard gate. ',
        '"The orchard is old." Hester Quaile said to the postman at the orchard gate. ',
        # the speaker a long noun phrase, the stop a slip for a comma
        '"The orchard is old." One of the men who came in with her says and the postman nods. ',
    ],
)
def test_a_speech_tag_going_on_from_a_quotation_is_not_a_summary_sentence(speech: str) -> None:
    text = (
        speech + "Hester Quaile walked the orchard rows with a ladder and shears.\n\n"
        "The orchard trees leaned over the wall.\n\nAt the end the orchard was sold."
    )
    summary = summarize(text, paragraphs(text), characters=[HESTER], sentences=3)
    assert [span.of(text) for span in summary] == [
        "Hester Quaile walked the orchard rows with a ladder and shears."
    ]


def test_a_sentence_inside_a_quoted_speech_is_not_a_summary_sentence() -> None:
    text = (
        '"Sorry, Hester Quaile. I did not mean to make you jump in the orchard. Aldo Finch asked '
        'me to count the orchard apples." Hester Quaile counted the orchard apples by the wall.'
        "\n\nThe orchard trees leaned over the wall.\n\nAt the end the orchard was sold."
    )
    summary = summarize(text, paragraphs(text), characters=[HESTER, ALDO], sentences=3)
    assert [span.of(text) for span in summary] == [
        "Hester Quaile counted the orchard apples by the wall."
    ]


def test_a_piece_of_a_sentence_is_not_a_summary_sentence() -> None:
    # A line break cut a speech in three; the lines are no sentences a reader can take alone.
    text = (
        "Hester Quaile walked the orchard rows with a ladder and shears.\n\n"
        "\u201cNo but\u2026\n\nhonestly,\n\nyou cannot prune the orchard in June, Hester.\u201d\n\n"
        "Aldo Finch called across the orchard wall, \u201cHester Quaile, the orchard cart!\n\n"
        "The orchard trees leaned over the wall.\n\n" + "At the end the orchard was sold.\n\n" * 12
    )
    summary = [
        span.of(text) for span in summarize(text, paragraphs(text), characters=[HESTER, ALDO])
    ]
    assert len(summary) == 3
    assert "Hester Quaile walked the orchard rows with a ladder and shears." in summary
    assert not [s for s in summary if "cannot prune" in s or "called across" in s]


def test_an_all_lower_case_story_still_has_a_summary() -> None:
    text = "\n\n".join(line.lower() for line in ORCHARD)
    summary = [span.of(text) for span in summarize(text, paragraphs(text), sentences=2)]
    assert len(summary) == 2
    # from the first four paragraphs, and never the postman's line
    assert set(summary) <= {ORCHARD[0].lower(), ORCHARD[1].lower(), ORCHARD[3].lower()}


def test_a_lower_case_story_with_a_roman_numeral_takes_no_heading() -> None:
    lines = ["hester quaile and aldo finch", *(line.lower() for line in ORCHARD)]
    lines[1] = lines[1].replace("grandmother's", "grandmother mabel II's")
    text = "\n\n".join(lines)
    summary = [span.of(text) for span in summarize(text, paragraphs(text), sentences=2)]
    assert len(summary) == 2
    assert "hester quaile and aldo finch" not in summary  # the title, not a sentence


def test_passages_to_avoid_are_never_summary_sentences() -> None:
    spans = paragraphs(TEXT)
    chosen = summarize(TEXT, spans, characters=[HESTER, ALDO])
    avoided = summarize(TEXT, spans, characters=[HESTER, ALDO], avoid=[chosen[0]])
    assert avoided
    assert chosen[0] not in avoided
    assert all(not span.overlaps(chosen[0]) for span in avoided)


def test_a_song_line_is_no_summary_even_when_nothing_else_is_left() -> None:
    """A songfic whose early prose is all a fight the summary avoids: its lyric lines, with no
    mark at their ends, are not sentences to tell the story by."""
    song = ["Under the lantern we wait for the tide", "Nobody sings of the ones who stayed"]
    text = "\n\n".join([*song, ORCHARD[0], *song, *ORCHARD[1:]])
    spans = paragraphs(text)
    summary = summarize(text, spans, sentences=2, avoid=[spans[2]])
    assert not {span.of(text) for span in summary} & set(song)


def test_the_paragraphs_beside_a_scene_are_kept_off_unless_nothing_else_is_left() -> None:
    """A story of sex from its first page: every early paragraph is beside one the summary must
    avoid, so it takes from those beside it rather than give the reader nothing."""
    spans = paragraphs(TEXT)
    early, scene = spans[:4], spans[1]
    assert summarize(TEXT, spans, characters=[HESTER, ALDO], avoid=early) == ()
    fenced = summarize(TEXT, spans, characters=[HESTER, ALDO], avoid=[scene], near=early)
    assert fenced
    assert all(not span.overlaps(scene) for span in fenced)
    # with other sentences to take, the wider fence holds
    wide = [*early[:2]]
    kept = summarize(TEXT, spans, characters=[HESTER, ALDO], avoid=[scene], near=wide)
    assert kept and all(not span.overlaps(early[0]) for span in kept)


@pytest.mark.parametrize(
    "piece",
    [
        # credit lines, not the story
        "Inspired by: The Orchard Song by Hester Quaile and the Finches",
        "Background music by: Aldo Finch and his cider band, live at the gate",
        # closes a speech begun in the sentence before, then opens another
        "Ms. Quaile,\u201d the orchard man said, looking up at the trees. \u201cis it yours?",
        # an aside in brackets that goes on in the next sentence
        "(Though Hester Quaile was late to the orchard again, as usual.",
    ],
)
def test_a_credit_line_or_a_sentence_with_an_unpartnered_mark_is_left_out(piece: str) -> None:
    text = "\n\n".join([piece, *ORCHARD])
    summary = summarize(text, paragraphs(text), characters=[HESTER, ALDO])
    assert summary
    assert all(not span.of(text).startswith(piece[:12]) for span in summary)


def test_a_line_cut_after_a_conjunction_is_not_a_summary_sentence() -> None:
    cut = "Hester Quaile carried the ladder down the orchard rows and"
    text = "\n\n".join([cut, "leaned it on the wall.", *ORCHARD])
    summary = summarize(text, paragraphs(text), characters=[HESTER, ALDO])
    assert summary
    assert all(span.of(text) != cut for span in summary)


def test_a_line_cut_before_its_italic_word_is_not_a_summary_sentence() -> None:
    # A saved page sets an italic word on a line of its own: the line before stops short.
    cut = "Hester Quaile told the postman there was not a single apple tree that Aldo Finch"
    text = "\n\n".join([cut, "hadn't", "climbed as a boy.", *ORCHARD])
    summary = summarize(text, paragraphs(text), characters=[HESTER, ALDO])
    assert summary
    assert all(span.of(text) != cut for span in summary)


SONG = [
    "Apples falling down the orchard, ripe and red across my memory.",
    "Hester Quaile walked the rows of the orchard with Aldo Finch.",
    "Apples falling down the orchard, ripe and red across my memory.",
    "Hester Quaile and Aldo Finch sang as they filled the orchard's baskets,",
]


def test_a_refrain_is_taken_once_however_often_the_story_repeats_it() -> None:
    text = "\n\n".join([*SONG, *ORCHARD])
    every = summarize(text, paragraphs(text), characters=[HESTER, ALDO], sentences=10)
    summary = [span.of(text) for span in every]
    assert SONG[0] in summary
    assert len(summary) == len(set(summary))


def test_a_first_person_song_line_in_a_third_person_story_is_left_out() -> None:
    text = "\n\n".join([*SONG, *ORCHARD])
    spans = paragraphs(text)
    story = summarize(text, spans, characters=[HESTER, ALDO], third_person=True)
    assert story
    assert all("my memory" not in s.of(text) for s in story)
    assert all(not s.of(text).endswith(",") for s in story)  # a verse line cut at its comma
    # Told in the first person, the narrator's own words are the story's.
    told = summarize(text, spans, characters=[HESTER, ALDO], sentences=10)
    assert any("my memory" in s.of(text) for s in told)


def test_known_quotations_in_single_marks_are_dialogue() -> None:
    # British-style dialogue: the double-mark reading sees no quotation at all
    said = "'The orchard will be ready in June, Hester Quaile,' said Aldo Finch at the gate."
    text = "\n\n".join([said, *ORCHARD])
    start = text.index("The orchard will")
    quote = Span(start, text.index(",'", start) + 1)
    spans = paragraphs(text)
    guessed = summarize(text, spans, characters=[HESTER, ALDO])
    known = summarize(text, spans, characters=[HESTER, ALDO], quotations=[quote])
    assert any(span.of(text) == said for span in guessed)
    assert known
    assert all(span.of(text) != said for span in known)


def test_a_line_of_dash_dialogue_with_its_long_tag_is_dialogue() -> None:
    # The line is short and its tag long, so most of the sentence is narration; it is still
    # a turn of a conversation, not a telling of the story.
    said = "- Leave the ladder! – shouts Hester Quaile and throws the shears at the orchard wall."
    text = "\n\n".join([said, *ORCHARD])
    start = text.index("Leave")
    quote = Span(start, text.index("!", start) + 1)
    spans = paragraphs(text)
    summary = summarize(text, spans, characters=[HESTER, ALDO], sentences=10, quotations=[quote])
    assert summary
    assert all(span.of(text) != said for span in summary)
    # A sentence that only ends in a line is narration first, and may be taken.
    told = "Hester Quaile climbed the wall of the orchard and called down to the road, - Wait!"
    text = "\n\n".join([told, *ORCHARD])
    start = text.index("Wait")
    quote = Span(start, start + len("Wait!"))
    summary = summarize(
        text, paragraphs(text), characters=[HESTER], sentences=10, quotations=[quote]
    )
    assert any(span.of(text) == told for span in summary)


def test_a_sentence_inside_a_whole_passage_brings_the_passage_whole() -> None:
    lines = [
        "MARGO: Stop. The ferry to Inchmurrin leaves the pier at nine sharp tomorrow morning.",
        "TAMSIN: Then we pack the tent and the stove and the blue kettle tonight.",
    ]
    text = "\n\n".join(lines)
    spans = paragraphs(text)
    alone = summarize(text, spans, sentences=1)
    assert [s.of(text) for s in alone] == [
        "The ferry to Inchmurrin leaves the pier at nine sharp tomorrow morning."
    ]
    whole = summarize(text, spans, sentences=1, whole=spans)
    assert [s.of(text) for s in whole] == [lines[0]]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        pytest.param(
            "Wren hated the mess it made.The lamps were out.",
            ["Wren hated the mess it made.", "The lamps were out."],
            id="a stop glued to the next sentence",
        ),
        pytest.param(
            "Osk posted it on FanFiction.Net today. Mr. Reed waved.",
            ["Osk posted it on FanFiction.Net today.", "Mr. Reed waved."],
            id="a site's name and a title",
        ),
        pytest.param(
            "Wren worked at St. Ives's. The lamps were out.",
            ["Wren worked at St. Ives's.", "The lamps were out."],
            id="a title after a short word",
        ),
    ],
)
def test_sentences_end_where_a_reader_sees_them_end(text: str, sentences: list[str]) -> None:
    assert [s.of(text) for s in sentence_spans(text, Span(0, len(text)))] == sentences


def test_a_chat_summary_keeps_each_line_on_its_own() -> None:
    """A texting fic's summary: three chat lines, not one run-on sentence of labels."""
    pieces = ["Nell💬: Are you up", "Tomas🌙: no", "Nell💬:  liar"]
    assert summary_text(pieces).splitlines() == [
        "Nell💬: Are you up",
        "Tomas🌙: no",
        "Nell💬: liar",
    ]
    assert summary_text(["Ann waved from the quay.", "Her  boat, at last:  hers."]) == (
        "Ann waved from the quay. Her boat, at last: hers."
    )
