"""Content signals: sentence splitting, hits, per-signal summaries, lexicon errors.

Every story line here is written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ficlens.content.passages import SHOWN
from ficlens.content.signals import (
    FRAMED_WEIGHT,
    MAX_EVIDENCE,
    Hit,
    LexiconError,
    SignalSpec,
    detect_signals,
    find_hits,
    graphic_passages,
    sentences,
    sexual_passages,
    signal_specs,
    summarise,
)
from ficlens.model import Signal, Span


def whole(text: str) -> list[Span]:
    """The text as a single paragraph."""
    return [Span(0, len(text))]


def sentence_texts(text: str, paragraph: Span | None = None) -> list[str]:
    return [s.of(text) for s in sentences(text, paragraph or Span(0, len(text)))]


def level_of(spec_name: str, level_name: str) -> int:
    spec = next(s for s in signal_specs() if s.name == spec_name)
    return [level.name for level in spec.levels].index(level_name)


def by_name(signals: tuple[Signal, ...]) -> dict[str, Signal]:
    return {s.name: s for s in signals}


# --- sentences -----------------------------------------------------------------------------


def test_sentences_split_after_full_stops_question_and_exclamation_marks() -> None:
    text = "Mirela locked the shed. Was the goat inside? It was! The ladder fell… Nobody came."
    assert sentence_texts(text) == [
        "Mirela locked the shed.",
        "Was the goat inside?",
        "It was!",
        "The ladder fell…",
        "Nobody came.",
    ]


def test_sentences_keep_a_last_sentence_without_a_stop() -> None:
    text = "The kettle sang. Nobody moved to take it off the hob"
    assert sentence_texts(text) == ["The kettle sang.", "Nobody moved to take it off the hob"]


def test_sentences_do_not_split_on_a_stop_without_following_space() -> None:
    text = "The sign read 3.14 and no more. Then rain."
    assert sentence_texts(text) == ["The sign read 3.14 and no more.", "Then rain."]


def test_sentences_are_offsets_into_the_whole_text_for_a_later_paragraph() -> None:
    text = "First paragraph here.\n\nThe gate creaked. The owl left."
    paragraph = Span(text.index("The gate"), len(text))
    spans = list(sentences(text, paragraph))
    assert [s.of(text) for s in spans] == ["The gate creaked.", "The owl left."]
    assert all(paragraph.contains(s) for s in spans)
    assert spans[0].start == paragraph.start


def test_sentences_of_a_single_sentence_paragraph_is_the_paragraph() -> None:
    text = "Just one line here."
    assert list(sentences(text, Span(0, len(text)))) == [Span(0, len(text))]


def test_sentences_split_after_a_closing_quotation_mark() -> None:
    text = "'Go home.' Tamsin did not go home."
    spans = list(sentences(text, Span(0, len(text))))
    assert len(spans) == 2
    assert spans[1].of(text) == "Tamsin did not go home."


def test_a_quoted_sentence_keeps_its_closing_quotation_mark() -> None:
    text = '"Go home." Tamsin did not go home.'
    assert sentence_texts(text)[0] == '"Go home."'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '"Stop!" yelled Orrin. Wenna waited until her father... died, and then she left.',
            ['"Stop!" yelled Orrin.', "Wenna waited until her father... died, and then she left."],
            id="a lower-case word after a stop goes on the sentence",
        ),
        pytest.param(
            "the gate creaked. the owl left! nobody came.",
            ["the gate creaked.", "the owl left!", "nobody came."],
            id="an all-lower-case paragraph splits at every stop",
        ),
        pytest.param(
            "They drank with a drunk Welshman on St. David's Day. Dr. Orrin and T. Wenna left.",
            [
                "They drank with a drunk Welshman on St. David's Day.",
                "Dr. Orrin and T. Wenna left.",
            ],
            id="a title or an initial ends no sentence",
        ),
    ],
)
def test_sentences_end_where_a_reader_sees_them_end(text: str, expected: list[str]) -> None:
    assert sentence_texts(text) == expected


def test_a_title_keeps_its_negation_in_the_sentence() -> None:
    text = "He never kissed Mrs. Corin."
    (hit,) = find_hits(text, whole(text))
    assert hit.sentence.of(text) == text and hit.frame == "negated"


def test_a_title_s_stop_still_ends_a_lower_case_paragraph_s_sentence() -> None:
    assert sentence_texts("she saw mr. corin. he left.") == ["she saw mr.", "corin.", "he left."]


# --- find_hits -----------------------------------------------------------------------------


def test_hit_offsets_point_at_the_matched_words_and_sentences_contain_them() -> None:
    text = (
        "Oriel poured tea for the guests.\n\n"
        "Later he punched the wall. Then she kissed him in the doorway."
    )
    paragraphs = [Span(0, text.index("\n")), Span(text.index("Later"), len(text))]
    hits = find_hits(text, paragraphs)
    found = {(h.signal, h.span.of(text)) for h in hits}
    assert found == {("violence", "punched"), ("sexual", "kissed")}
    for hit in hits:
        assert hit.sentence.contains(hit.span)
        assert hit.frame is None
    punch = next(h for h in hits if h.signal == "violence")
    kiss = next(h for h in hits if h.signal == "sexual")
    assert punch.sentence.of(text) == "Later he punched the wall."
    assert kiss.sentence.of(text) == "Then she kissed him in the doorway."
    assert punch.level == level_of("violence", "mild")
    assert kiss.level == level_of("sexual", "romance")


def test_find_hits_is_case_insensitive_and_keeps_the_original_spelling() -> None:
    text = "HE KISSED HER."
    (hit,) = find_hits(text, whole(text))
    assert hit.span.of(text) == "KISSED"


def test_find_hits_adds_word_boundaries_to_the_patterns() -> None:
    text = "The warden checked the warrant twice."
    assert not [h for h in find_hits(text, whole(text)) if h.signal in ("war", "violence")]


def test_find_hits_offsets_survive_text_whose_lower_case_changes_length() -> None:
    text = "İlse waved. He kissed her."
    assert len(text.lower()) != len(text)
    (hit,) = find_hits(text, whole(text))
    assert hit.span.of(text) == "kissed"
    assert hit.sentence.of(text) == "He kissed her."


def test_find_hits_only_looks_inside_the_given_paragraphs() -> None:
    text = "A/N: kisses to my beta!\n\nThe shop opened at nine."
    story = Span(text.index("The shop"), len(text))
    assert find_hits(text, [story]) == []
    assert find_hits(text, whole(text))


def test_find_hits_records_the_frame_of_each_hit() -> None:
    text = (
        "He kissed her. He didn't kiss her. If he kissed her, fine. "
        "She dreamed he kissed her. She remembered the kiss."
    )
    frames = [(h.span.of(text), h.frame) for h in find_hits(text, whole(text))]
    assert frames == [
        ("kissed", None),
        ("kiss", "negated"),
        ("kissed", "hypothetical"),
        ("kissed", "dream"),
        ("kiss", "memory"),
    ]


def test_was_dreaming_in_a_paragraph_frames_all_its_hits_but_not_the_next_paragraph() -> None:
    text = "Petra was dreaming. He punched the guard.\n\nShe woke. He punched the guard."
    first = Span(0, text.index("\n"))
    second = Span(text.index("She woke"), len(text))
    hits = find_hits(text, [first, second])
    assert [(h.span.start < first.end, h.frame) for h in hits] == [(True, "dream"), (False, None)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Don't mention my wife unless you want to hear about those lazy fuckers.",
        "She dreamt the shit hit the fan.",
        "He had never once said bloody hell in front of her.",
    ],
)
def test_a_swear_word_is_on_the_page_whatever_its_sentence_says(sentence: str) -> None:
    swearing = [h for h in find_hits(sentence, whole(sentence)) if h.signal == "profanity"]
    assert swearing
    assert all(h.frame is None for h in swearing)


def custom_lexicon(tmp_path: Path, toml: str) -> str:
    """A signals lexicon of the test's own, written to a file; its path."""
    path = tmp_path / "custom.toml"
    path.write_text(toml, encoding="utf-8")
    return str(path)


def test_a_signal_or_level_declared_unframed_keeps_its_hits_on_the_page(tmp_path: Path) -> None:
    path = custom_lexicon(
        tmp_path,
        '[[signal]]\nname = "weather"\nframed = false\n'
        '  [[signal.level]]\n  name = "drizzle"\n  patterns = ["rain(?:ed|ing)?"]\n'
        '[[signal]]\nname = "wind"\n'
        '  [[signal.level]]\n  name = "breeze"\n  patterns = ["wind"]\n'
        '  [[signal.level]]\n  name = "gale"\n  framed = false\n  patterns = ["gale"]\n',
    )
    text = "It never rained, and the wind never came, nor a gale."
    hits = find_hits(text, whole(text), signal_specs(path))
    assert [(h.signal, h.level, h.frame) for h in hits] == [
        ("weather", 0, None),
        ("wind", 0, "negated"),
        ("wind", 1, None),
    ]


def test_a_hit_right_after_its_signals_backdrop_words_is_a_mention(tmp_path: Path) -> None:
    path = custom_lexicon(
        tmp_path,
        '[[signal]]\nname = "weather"\nbackdrop = "ever since(?: the)?"\n'
        '  [[signal.level]]\n  name = "drizzle"\n  patterns = ["drizzle"]\n'
        '  [[signal.level]]\n  name = "storm"\n  patterns = ["storm", "rain"]\n'
        '[[signal]]\nname = "wind"\n'
        '  [[signal.level]]\n  name = "breeze"\n  patterns = ["breeze"]\n'
        '  [[signal.level]]\n  name = "gale"\n  patterns = ["gale"]\n',
    )
    text = "Ever since the storm, a gale and rain kept the boats in; ever since the gale too."
    hits = find_hits(text, whole(text), signal_specs(path))
    assert [(text[h.span.start : h.span.end], h.level, h.frame) for h in hits] == [
        ("storm", 0, None),
        ("rain", 1, None),
        ("gale", 1, None),
        ("gale", 1, None),  # another signal's backdrop is not this one's
    ]


@pytest.mark.parametrize(
    ("signal_line", "level_line", "message"),
    [
        ('framed = "no"\n', "", "framed must be true or false"),
        ("", '  weak = "gust"\n', "weak must be a list of patterns"),
        ("backdrop = 3\n", "", "backdrop must be a pattern"),
        ('backdrop = "since ("\n', "", "bad backdrop"),
    ],
)
def test_a_malformed_signal_option_names_the_signal(
    tmp_path: Path, signal_line: str, level_line: str, message: str
) -> None:
    path = custom_lexicon(
        tmp_path,
        f'[[signal]]\nname = "weather"\n{signal_line}'
        f'  [[signal.level]]\n  name = "drizzle"\n  patterns = ["rain"]\n{level_line}',
    )
    with pytest.raises(LexiconError, match=rf"weather.*{message}"):
        signal_specs(path)


def test_find_hits_with_custom_specs(tmp_path: Path) -> None:
    path = custom_lexicon(
        tmp_path,
        '[[signal]]\nname = "weather"\n'
        '  [[signal.level]]\n  name = "drizzle"\n  patterns = ["rain(?:ed|ing)?"]\n',
    )
    text = "It rained on the rainbow."
    hits = find_hits(text, whole(text), signal_specs(path))
    assert [(h.signal, h.level, h.span.of(text)) for h in hits] == [("weather", 0, "rained")]


WEAK_LEXICON = (
    '[[signal]]\nname = "weather"\n'
    '  [[signal.level]]\n  name = "drizzle"\n  patterns = ["rain"]\n'
    '  [[signal.level]]\n  name = "storm"\n  patterns = ["thunder"]\n'
    '  weak = ["gusts?", "dark(?:er)?"]\n'
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Gusts shook the house.", []),  # alone
        ("Gusts came, then more gusts.", []),  # only beside the same weak word
        ("Gusts came, and it grew darker.", ["Gusts", "darker"]),  # two weak words together
        ("Thunder, then gusts.", ["Thunder", "gusts"]),
        ("First rain. " + "Quiet. " * 80 + "Gusts.", ["rain"]),  # the company too far away
        ("Gusts. " + "Quiet. " * 60 + "Rain fell.", ["Gusts", "Rain"]),  # within 500 characters
    ],
)
def test_weak_words_count_only_in_company(tmp_path: Path, text: str, found: list[str]) -> None:
    specs = signal_specs(custom_lexicon(tmp_path, WEAK_LEXICON))
    assert sorted(h.span.of(text) for h in find_hits(text, whole(text), specs)) == sorted(found)


def test_weak_hits_keep_their_paragraph_order(tmp_path: Path) -> None:
    specs = signal_specs(custom_lexicon(tmp_path, WEAK_LEXICON))
    text = "Rain and gusts.\n\nThunder."
    paragraphs = [Span(0, 15), Span(17, 25)]
    assert [h.span.of(text) for h in find_hits(text, paragraphs, specs)] == [
        "Rain", "gusts", "Thunder",
    ]  # fmt: skip


# --- summarise -----------------------------------------------------------------------------

SEXUAL = "sexual"
ROMANCE = level_of(SEXUAL, "romance")
IMPLIED = level_of(SEXUAL, "implied")
NON_EXPLICIT = level_of(SEXUAL, "non_explicit")
EXPLICIT = level_of(SEXUAL, "explicit")


def hit(level: int, sentence: int, frame: str | None = None, signal: str = SEXUAL) -> Hit:
    """A hit in the ``sentence``-th 100-character sentence of an imaginary text."""
    start = sentence * 100
    return Hit(signal, level, Span(start + 10, start + 15), Span(start, start + 90), frame)


def sexual_of(hits: list[Hit], words: int = 1000) -> Signal:
    return by_name(summarise(hits, words))[SEXUAL]


def test_sexual_passages_are_on_page_sentences_from_non_explicit_up() -> None:
    hits = [
        hit(ROMANCE, 0), hit(IMPLIED, 1), hit(NON_EXPLICIT, 2), hit(EXPLICIT, 3),
        hit(EXPLICIT, 4, frame="negated"), hit(NON_EXPLICIT, 5, signal="violence"),
        hit(EXPLICIT, 3),
    ]  # fmt: skip
    assert sexual_passages(hits) == [Span(200, 290), Span(300, 390)]


def test_graphic_passages_are_sex_and_graphic_violence_framed_or_not() -> None:
    graphic = level_of("violence", "graphic")
    hits = [
        hit(ROMANCE, 0), hit(NON_EXPLICIT, 1, frame="dream"),
        hit(graphic - 1, 2, signal="violence"), hit(graphic, 3, signal="violence"),
        hit(EXPLICIT, 4), hit(EXPLICIT, 4),
        hit(EXPLICIT, 5, signal="profanity"),
    ]  # fmt: skip
    assert graphic_passages(hits) == [Span(100, 190), Span(300, 390), Span(400, 490)]


def test_the_shipped_lexicon_asks_two_hits_for_explicit() -> None:
    spec = next(s for s in signal_specs() if s.name == SEXUAL)
    assert [level.min_hits for level in spec.levels] == [1, 1, 1, 2]
    assert spec.none == "none"


def test_summarise_gives_one_signal_per_spec_in_lexicon_order() -> None:
    signals = summarise([], 500)
    assert [s.name for s in signals] == [spec.name for spec in signal_specs()]
    assert all(s.level == "none" and s.score == 0 and not s.evidence for s in signals)


def test_one_explicit_hit_does_not_reach_explicit_but_two_do() -> None:
    assert sexual_of([hit(EXPLICIT, 0)]).level == "none"
    assert sexual_of([hit(EXPLICIT, 0), hit(EXPLICIT, 1)]).level == "explicit"


def test_one_hit_reaches_a_level_whose_min_hits_is_one() -> None:
    assert sexual_of([hit(ROMANCE, 0)]).level == "romance"
    assert sexual_of([hit(ROMANCE, 0), hit(IMPLIED, 1)]).level == "implied"


def test_the_level_is_the_strongest_reached_not_the_strongest_seen() -> None:
    signal = sexual_of([hit(ROMANCE, 0), hit(NON_EXPLICIT, 1), hit(EXPLICIT, 2)])
    assert signal.level == "non_explicit"


def test_framed_hits_never_raise_the_level_but_are_listed_as_framed() -> None:
    hits = [
        hit(ROMANCE, 0),
        hit(EXPLICIT, 1, "dream"),
        hit(EXPLICIT, 2, "negated"),
        hit(EXPLICIT, 3, "memory"),
    ]
    signal = sexual_of(hits)
    assert signal.level == "romance"
    assert signal.evidence == (hits[0].sentence,)
    assert signal.framed == tuple(h.sentence for h in hits[1:])


def test_only_framed_hits_leave_the_level_at_none() -> None:
    signal = sexual_of([hit(ROMANCE, 0, "hypothetical"), hit(ROMANCE, 1, "dream")])
    assert signal.level == "none"
    assert signal.evidence == ()
    assert len(signal.framed) == 2


def test_score_counts_framed_hits_at_the_framed_weight_per_thousand_words() -> None:
    spec = next(s for s in signal_specs() if s.name == SEXUAL)
    explicit, implied = spec.levels[EXPLICIT].weight, spec.levels[IMPLIED].weight
    hits = [hit(EXPLICIT, 0), hit(EXPLICIT, 1), hit(IMPLIED, 2, "dream")]
    expected = 2 * explicit + implied * FRAMED_WEIGHT
    assert expected == 20.75  # weights 10 and 3 in signals.toml, framed at a quarter
    assert sexual_of(hits, words=1000).score == pytest.approx(expected)
    assert sexual_of(hits, words=500).score == pytest.approx(expected * 2)
    assert sexual_of(hits, words=0).score == pytest.approx(expected * 1000)


def test_hits_of_other_signals_do_not_count() -> None:
    signals = by_name(summarise([hit(0, 0, signal="violence")], 1000))
    assert signals[SEXUAL].level == "none"
    assert signals["violence"].level == "mild"
    assert signals["violence"].score == pytest.approx(1.0)


def test_evidence_is_capped_and_strongest_level_first() -> None:
    hits = [
        hit(ROMANCE, 0),
        hit(ROMANCE, 1),
        hit(EXPLICIT, 2),
        hit(IMPLIED, 3),
        hit(ROMANCE, 4),
        hit(EXPLICIT, 5),
        hit(NON_EXPLICIT, 6),
    ]
    signal = sexual_of(hits)
    assert len(signal.evidence) == MAX_EVIDENCE == 5
    # explicit (in text order), then non_explicit, implied, and the first romance
    assert signal.evidence == tuple(hits[i].sentence for i in (2, 5, 6, 3, 0))


def test_framed_evidence_is_capped_too() -> None:
    hits = [hit(ROMANCE, i, "dream") for i in range(MAX_EVIDENCE + 3)]
    assert len(sexual_of(hits).framed) == MAX_EVIDENCE


def test_evidence_lists_each_sentence_once() -> None:
    same = Span(0, 90)
    hits = [
        Hit(SEXUAL, ROMANCE, Span(3, 9), same, None),
        Hit(SEXUAL, ROMANCE, Span(20, 26), same, None),
        hit(ROMANCE, 1),
    ]
    assert sexual_of(hits).evidence == (same, hits[2].sentence)


def test_detect_signals_end_to_end_on_a_short_story() -> None:
    text = (
        "Corwin drew his sword and the guard bled. He was stabbed twice in the side.\n\n"
        "She dreamed of the funeral. No one died that night."
    )
    paragraphs = [Span(0, text.index("\n")), Span(text.index("She dreamed"), len(text))]
    signals = by_name(detect_signals(text, paragraphs))
    assert signals["violence"].level == "serious"
    assert [s.of(text) for s in signals["violence"].evidence] == [
        "Corwin drew his sword and the guard bled.",
        "He was stabbed twice in the side.",
    ]
    death = signals["death"]
    assert death.level == "none"
    assert [s.of(text) for s in death.framed] == [
        "No one died that night.",
        "She dreamed of the funeral.",
    ]
    assert signals["profanity"].level == "none"


# --- signal_specs and LexiconError ---------------------------------------------------------


def write(tmp_path: Path, name: str, body: str) -> str:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return str(path)


def test_signal_specs_of_a_valid_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "valid.toml",
        '[[signal]]\nname = "weather"\nnone = "dry"\n'
        '  [[signal.level]]\n  name = "drizzle"\n  patterns = ["drizzl(?:e|ed|ing)"]\n'
        '  [[signal.level]]\n  name = "storm"\n  weight = 4\n  min_hits = 3\n'
        '  patterns = ["thunder", "lightning"]\n',
    )
    (spec,) = signal_specs(path)
    assert isinstance(spec, SignalSpec)
    assert (spec.name, spec.none) == ("weather", "dry")
    drizzle, storm = spec.levels
    assert (drizzle.name, drizzle.weight, drizzle.min_hits) == ("drizzle", 1.0, 1)
    assert (storm.name, storm.weight, storm.min_hits) == ("storm", 4.0, 3)
    assert storm.pattern.search("THUNDER rolled")
    assert not storm.pattern.search("thunderous")
    assert storm.lower.search("thunder rolled")
    assert not storm.lower.search("THUNDER")


def test_signal_specs_is_cached_per_path() -> None:
    assert signal_specs() is signal_specs()


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "broken_toml.toml", '[[signal]\nname = "x"\n')
    with pytest.raises(LexiconError, match="not valid TOML") as caught:
        signal_specs(path)
    assert path in str(caught.value)


def test_a_bad_regex_names_the_file_signal_and_level(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "bad_regex.toml",
        '[[signal]]\nname = "weather"\n'
        '  [[signal.level]]\n  name = "storm"\n  patterns = ["thunder", "(unclosed"]\n',
    )
    with pytest.raises(LexiconError, match="bad pattern") as caught:
        signal_specs(path)
    message = str(caught.value)
    assert path in message
    assert "'weather'" in message
    assert "'storm'" in message


@pytest.mark.parametrize(
    "level_body",
    [
        '  name = "storm"\n',
        '  name = "storm"\n  patterns = []\n',
        '  name = "storm"\n  patterns = "x"\n',
    ],
    ids=["missing", "empty", "not-a-list"],
)
def test_a_level_without_patterns_names_the_file_signal_and_level(
    tmp_path: Path, level_body: str
) -> None:
    path = write(
        tmp_path,
        f"no_patterns_{len(level_body)}.toml",
        f'[[signal]]\nname = "weather"\n  [[signal.level]]\n{level_body}',
    )
    with pytest.raises(LexiconError, match="patterns") as caught:
        signal_specs(path)
    message = str(caught.value)
    assert path in message
    assert "'weather'" in message
    assert "'storm'" in message


def test_a_signal_without_levels_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "no_levels.toml", '[[signal]]\nname = "weather"\n')
    with pytest.raises(LexiconError, match=r"\[\[signal.level\]\]") as caught:
        signal_specs(path)
    assert path in str(caught.value)


def test_a_lexicon_error_is_a_value_error() -> None:
    assert issubclass(LexiconError, ValueError)


def test_a_long_sentence_is_shown_cut_around_its_hit() -> None:
    opening = "He walked along the grey river for a long time, past the mill and the old bridge, "
    text = opening * 3 + "and then he drew his knife and stabbed the man who had followed him."
    (passage,) = by_name(detect_signals(text, whole(text)))["violence"].evidence
    assert len(passage) <= SHOWN
    assert "stabbed" in passage.of(text)
    assert passage.start > 0


def test_a_short_sentence_is_shown_whole() -> None:
    text = "It was late. He drew his knife and stabbed the man."
    (passage,) = by_name(detect_signals(text, whole(text)))["violence"].evidence
    assert passage.of(text) == "He drew his knife and stabbed the man."


def test_within_a_level_the_sentence_with_more_hits_comes_first() -> None:
    text = "He stabbed the man. Later he stabbed the guard and shot him."
    evidence = by_name(detect_signals(text, whole(text)))["violence"].evidence
    assert [span.of(text) for span in evidence] == [
        "Later he stabbed the guard and shot him.",
        "He stabbed the man.",
    ]
