"""Content signals: sentence splitting, framing, hits, per-signal summaries, lexicon errors.

Every story line here is written for these tests.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from ficlens.content.signals import (
    FRAMED_WEIGHT,
    MAX_EVIDENCE,
    Hit,
    LexiconError,
    SignalSpec,
    detect_signals,
    find_hits,
    frame_of,
    guarded,
    sentences,
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


def frame_in(sentence: str, word: str) -> str | None:
    """The frame of ``word`` (its first occurrence) in a one-sentence text."""
    start = sentence.index(word)
    return frame_of(sentence, Span(0, len(sentence)), Span(start, start + len(word)))


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


def test_a_lower_case_word_after_a_stop_goes_on_the_sentence() -> None:
    text = '"Stop!" yelled Orrin. Wenna waited until her father... died, and then she left.'
    assert sentence_texts(text) == [
        '"Stop!" yelled Orrin.',
        "Wenna waited until her father... died, and then she left.",
    ]


def test_an_all_lower_case_paragraph_splits_at_every_stop() -> None:
    text = "the gate creaked. the owl left! nobody came."
    assert sentence_texts(text) == ["the gate creaked.", "the owl left!", "nobody came."]


# --- frame_of ------------------------------------------------------------------------------


def test_frame_of_an_on_page_event_is_none() -> None:
    assert frame_in("Under the lamp he kissed her.", "kissed") is None


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("He did not kiss her.", "kiss"),
        ("He never kissed her.", "kissed"),
        ("He didn't kiss her.", "kiss"),
        ("She refused to kiss him.", "kiss"),
        ("Instead of a kiss he offered a handshake.", "kiss"),
    ],
)
def test_frame_of_negated_hits(sentence: str, word: str) -> None:
    assert frame_in(sentence, word) == "negated"


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("If he kissed her, the spell would break.", "kissed"),
        ("He wanted to kiss her.", "kiss"),
        ("She imagined he kissed her.", "kissed"),
        ("He almost kissed her.", "kissed"),
        ("What if he kissed her?", "kissed"),
        ("Whoever invented dress robes deserved to be killed slowly.", "killed"),
        ("They should probably be strangled with them.", "strangled"),
        ("He threatened to kill the owl.", "kill"),
        ("Harry resisted the urge to punch him.", "punch"),
        ("She could have sworn he kissed her.", "kissed"),
        ("They want to be torn apart.", "torn apart"),
    ],
)
def test_frame_of_hypothetical_hits(sentence: str, word: str) -> None:
    assert frame_in(sentence, word) == "hypothetical"


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
    ],
)
def test_frame_of_past_perfect_hits_is_memory(sentence: str, word: str) -> None:
    # Backstory: the event happened before the story's own time, not on its page.
    assert frame_in(sentence, word) == "memory"


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("He killed the man who had lied.", "killed"),
        ("He had to kill him.", "kill"),
        ("He had a knife and stabbed the guard.", "stabbed"),
    ],
)
def test_a_past_perfect_elsewhere_in_the_sentence_frames_nothing(sentence: str, word: str) -> None:
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


def test_find_hits_with_custom_specs(tmp_path: Path) -> None:
    path = tmp_path / "custom.toml"
    path.write_text(
        '[[signal]]\nname = "weather"\n'
        '  [[signal.level]]\n  name = "drizzle"\n  patterns = ["rain(?:ed|ing)?"]\n',
        encoding="utf-8",
    )
    text = "It rained on the rainbow."
    hits = find_hits(text, whole(text), signal_specs(str(path)))
    assert [(h.signal, h.level, h.span.of(text)) for h in hits] == [("weather", 0, "rained")]


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


# --- the shipped lexicon: ages, school, adults, distress, drink, war (issue 4) -----------


def strongest(text: str, signal: str) -> str:
    """The strongest level any on-page hit of ``signal`` reaches in a one-paragraph text."""
    spec = next(s for s in signal_specs() if s.name == signal)
    levels = [h.level for h in find_hits(text, whole(text)) if h.signal == signal and not h.frame]
    return spec.levels[max(levels)].name if levels else spec.none


@pytest.mark.parametrize(
    ("text", "signal", "level"),
    [
        ("Oren was fifteen that spring.", "minor", "stated"),
        ("He's sixteen, Mabry said.", "minor", "stated"),
        ("She turned fourteen in the autumn.", "minor", "stated"),
        ("It was her fifteenth birthday.", "minor", "stated"),
        ("He was fifteen minutes late.", "minor", "none"),
        ("The fifth-years queued outside.", "minor", "mentioned"),
        ("The students filed into the common room.", "school", "mentioned"),
        ("They were both of age by then.", "adult", "stated"),
        ("She was nineteen and restless.", "adult", "stated"),
        ("Please, stop, Tamsin whispered.", "distress", "refusal"),
        ("I don't want to do that, he said, but if I have to I will.", "non_consent", "none"),
        ("No, stop, you'll knock the cauldron over!", "non_consent", "none"),
        ("He held him down until the healer came.", "non_consent", "none"),
        ("He forced himself on her.", "non_consent", "on_page"),
        ("Harry blushed against his will.", "non_consent", "none"),
        ("Their bond to the Ministry was severed.", "violence", "none"),
        ("The curse severed his arm.", "violence", "graphic"),
        ("They swirled around the Death Chamber.", "death", "none"),
        ("He was taken without his consent.", "non_consent", "mentioned"),
        ("He pinned her against the wall.", "distress", "force"),
        ("Ivo slept until noon.", "distress", "none"),
        ("She sat there drinking strawberry lemon tea.", "substances", "none"),
        ("He drank his pumpkin juice.", "substances", "none"),
        ("He drank in the sight of the lake.", "substances", "none"),
        ("Ivo took a sip of cocoa.", "substances", "none"),
        ("Ivo drank the whole bottle.", "substances", "use"),
        ("His feet sloshed through the mud.", "substances", "none"),
        ("By midnight they were completely sloshed.", "substances", "intoxication"),
        ("Ivo got sloshed at the wedding.", "substances", "intoxication"),
        ("She took a sip of the wine.", "substances", "use"),
        ("They were drinking at the Three Broomsticks.", "substances", "use"),
        ("After the war, Ivo opened a shop.", "violence", "none"),
        ("He stabbed the guard.", "violence", "serious"),
        ("What in bleeding hell is that?", "violence", "none"),
        ("He smashed into the wall.", "substances", "none"),
        ("They got completely smashed.", "substances", "intoxication"),
        ("She poured herself a cup of tea.", "substances", "none"),
        ("I'm starving, Ivo said.", "abuse", "none"),
        ("Well, bully for them.", "abuse", "none"),
        ("The cat felt neglected.", "abuse", "none"),
        ("His aunt starved him for days.", "abuse", "mentioned"),
        ("The fire in the hearth had died down.", "death", "none"),
        ("Until my dying breath, he promised.", "death", "none"),
        ("The Death Eater fled the hall.", "death", "none"),
        ("Fred died at dawn.", "death", "on_page"),
        ("She practised with a dying fish.", "death", "none"),
        ("Fred was dying and they knew it.", "death", "on_page"),
        ("Nott cut himself off mid-sentence.", "self_harm", "none"),
        ("Draco jumped off the bar.", "self_harm", "none"),
        ("She cut herself again that night.", "self_harm", "on_page"),
        ("Death Eaters attacked the village.", "violence", "serious"),
        ("That asshole. Such a dick. Fuck you, Malfoy.", "sexual", "none"),
        ("She put her hands on her hips. Ron moaned about homework.", "sexual", "none"),
        ("He cocks his head at the noise.", "sexual", "none"),
        ("He reaches out, cocks his left elbow back.", "sexual", "none"),
        ("She cocked her hip and waited.", "sexual", "none"),
        ("She moaned as his hips rolled.", "sexual", "non_explicit"),
        ("Moaning Myrtle flooded the bathroom again.", "sexual", "none"),
        ("Bloody lips at his neck, cold hands.", "profanity", "none"),
        ("Bloody hell, Ron.", "profanity", "mild"),
        ("He moaned in pain as the bandage came off.", "sexual", "none"),
        ("Nobody asked about his sexual orientation at Hogwarts.", "sexual", "none"),
        ("She looked up at him, her pupils blown wide.", "school", "none"),
        ("They wound up in an old classroom.", "violence", "none"),
        ("The news tore open old wounds and laid his wounds bare.", "violence", "none"),
        ("He gave her a wounded look.", "violence", "none"),
        ('"He killed my dog," she said.', "death", "none"),
        ("That joke killed me.", "death", "none"),
        ("Severus moaned as a wave of pain flooded through him.", "sexual", "none"),
        ("Harry's heart stopped.", "death", "none"),
        ("Draco, Death-Eater-cum-pet-whisperer, and his cum-laude degree.", "sexual", "none"),
        ("For months they had ambushed him with concerned frowns.", "war", "none"),
        ("The boy lived and died by his words.", "death", "none"),
        ("His heart stopped beating at dawn.", "death", "on_page"),
        ("He killed the guard at the gate.", "death", "on_page"),
        ("She asked, putting her fists on her hips.", "sexual", "none"),
        ("His hands slid down to her hips.", "sexual", "non_explicit"),
        ("Meeting near the spies' locations was suicide.", "self_harm", "none"),
        ("It would be social suicide to sit with them.", "self_harm", "none"),
        ("His brother's suicide haunted him.", "self_harm", "mentioned"),
        ("She wound her arms around his neck.", "violence", "none"),
        ("She pressed a cloth to the wound.", "violence", "serious"),
        ("His pupils were dilated and his hands shook.", "school", "none"),
        ("McGonagall counted her pupils at the door.", "school", "mentioned"),
        ("The sexual tension between them was unbearable.", "sexual", "non_explicit"),
        ("The cold night nipped his naked neck; stars shone to the naked eye.", "sexual", "none"),
        ("He lay naked beside her.", "sexual", "non_explicit"),
        ("She slapped a hand to her forehead and slapped the file shut.", "violence", "none"),
        ("She slapped him across the face.", "violence", "mild"),
        ("He shoved his hands in his pockets, shoving it in a bag.", "violence", "none"),
        ("Shove off, Potter.", "violence", "none"),
        ("He shoved her against the wall.", "violence", "mild"),
        ("A snowball fight; their tongues fighting for dominance.", "violence", "none"),
        ("He shot her a worried look.", "violence", "none"),
        ("He shot her in the leg.", "violence", "serious"),
        ("His heart bled for her; her robes bleeding to blue and bronze.", "violence", "none"),
        ("His nose was bleeding again.", "violence", "serious"),
        ('"You wound us, Lady Love!"', "violence", "none"),
        ("She loosened her stranglehold on the sheet. Sweet torture.", "violence", "none"),
        ("He stopped dead in the doorway; I'm so dead; dead ahead.", "death", "none"),
        ("The man was dead.", "death", "on_page"),
        ("Bonded until death do they part, like a black widow.", "death", "none"),
        ("I'd have died of exhaustion.", "death", "none"),
        ("This one died the year before.", "death", "none"),
        ("James seriously considered drinking the whole pot of coffee.", "substances", "none"),
        ("He poured himself a cup and sat down.", "substances", "none"),
        ("He poured himself a glass of firewhisky.", "substances", "use"),
        ("A snowball battle after lunch; she had learnt to pick her battles.", "war", "none"),
        ("The battle raged outside the castle.", "war", "mentioned"),
        ("Whoever it was is bound to attack again; I'd like that tied up.", "abduction", "none"),
        ("They tied him to a chair.", "abduction", "on_page"),
        ("She was bound to the bedpost.", "abduction", "on_page"),
        ("He cupped his lover's dirty blood stained cheek.", "racism", "none"),
        ("You filthy dirty blood.", "racism", "on_page"),
        ("The sleeves have a slight poof at the shoulder; a poof of smoke.", "homophobia", "none"),
        ("Then it hit him. Luna's words hit her.", "violence", "none"),
        ("The bludger hit him in the ribs.", "violence", "mild"),
        ("He kicked off his shoes; she was kicked off the team.", "violence", "none"),
        ("I fought down the swell of dismay, fighting back tears.", "violence", "none"),
        ("Draco let out a strangled moan. Time heals all wounds.", "violence", "none"),
        ("WEASLEY FAMILY TORN APART BY FRAUD", "violence", "none"),
        ("The beast's belly was torn open.", "violence", "graphic"),
        ("Remus selected a Dairy Milk bar.", "substances", "none"),
        ("He entered the bar.", "substances", "mentioned"),
        ("Severus wars with himself. Arthur was fighting a losing battle.", "war", "none"),
        ("His eyes are grave; a grave mistake. Salazar is rolling in his grave.", "death", "none"),
        ("He stood at Fred's grave.", "death", "mentioned"),
        ("The late night talks. His mother's dying wish.", "death", "none"),
        ("The late Mr Black left it to him.", "death", "mentioned"),
        ("He snatched them out of the air.", "abduction", "none"),
        ("They snatched her away from her family.", "abduction", "on_page"),
        ("Pansy Parkinson bled green and silver.", "violence", "none"),
        ("He bled red all over the floor.", "violence", "serious"),
        ("They held a grave secret. His tortured mind.", "death", "none"),
        ("They dug a grave in the garden.", "death", "mentioned"),
        ("He knelt by the grave.", "death", "mentioned"),
        ("A scream dies in his throat; the words died in her throat.", "death", "none"),
        ("His tortured mind would not rest.", "violence", "none"),
        ("They tortured him for hours.", "violence", "serious"),
        ("A torn open case of fizzy drink; he ripped open the envelope.", "violence", "none"),
        ("Its belly was ripped open.", "violence", "graphic"),
        (
            "Drunk on kisses, drunk with the giddy feeling; he had drunk all the tea.",
            "substances",
            "none",
        ),
        ("He was drunk on firewhisky.", "substances", "intoxication"),
        ("Draco pleaded like an addict for his next fix.", "substances", "none"),
        (
            "Snape was viciously stabbing his sausage, stabbing at a piece of meat.",
            "violence",
            "none",
        ),
        ("He stabbed the guard.", "violence", "serious"),
        ("Way to rub salt in the wound.", "violence", "none"),
        ("The laughter died inside him.", "death", "none"),
        (
            "Scamander's voice sliced through the boy; the blade sliced through the air.",
            "violence",
            "none",
        ),
        ("The Potions classroom was in the dungeons.", "abduction", "none"),
        ("They locked him in the dungeons for a week.", "abduction", "on_page"),
        ("His abused arsehole throbbed; the gryphon squawked a torrent of abuse.", "abuse", "none"),
        ("The motel room reeked of neglect.", "abuse", "none"),
        ("He used and abused your mother.", "abuse", "mentioned"),
        ("He obeyed as though placed under the Imperius Curse.", "non_consent", "none"),
        ("He looked at her as if she had killed someone.", "death", "none"),
        ("He was dead certain of it; she was dead wrong.", "death", "none"),
        ("The boy will be the death of me. It was the death of her.", "death", "none"),
        ("He witnessed the death of her father.", "death", "mentioned"),
        ("I think we killed the flowers.", "death", "none"),
        ("She could swear her heart had stopped beating.", "death", "none"),
        ("His heart had stopped beating.", "death", "on_page"),
        ("He jabbed at the map, stabbing his finger into the wood.", "violence", "none"),
        ("He fixed Potter with a death glare, as if he had a death wish.", "death", "none"),
        ("She is brewing the Draught of Living Death; he was bored to death.", "death", "none"),
        ("Sirius froze dead in his tracks; Newt surfaced half dead with cold.", "death", "none"),
        ("Their conversation died, and then my phone died.", "death", "none"),
        ("Fleur's hair died blue at the tips.", "death", "none"),
        ("Her grandmother died in the spring.", "death", "on_page"),
        ("What did they do to take the fight out of you?", "violence", "none"),
        ("Theo fought the smile; Hermione was fighting off a blush.", "violence", "none"),
        ("He was fighting the urge to recoil.", "violence", "none"),
        ("She kicked her clogs to the side and kicked the covers off.", "violence", "none"),
        ("He kicked the man in the ribs.", "violence", "mild"),
        ("Sirius kicked him back.", "violence", "mild"),
        ("He shoved a spoonful into his mouth and shoved some money at her.", "violence", "none"),
        ("He tried to shove his tongue down her throat.", "violence", "none"),
        ("His father growled, stabbing his fork into a slice of turkey.", "violence", "none"),
        ("James sounded genuinely wounded. Another wounded mewl.", "violence", "none"),
        ("The wounded soldier fell.", "violence", "serious"),
        ("The others shot him glares.", "violence", "none"),
        ("It was a slow kind of torture. The sound of tortured moans.", "violence", "none"),
        ("He made a strangled, hitching noise.", "violence", "none"),
        ("He strangled the guard.", "violence", "serious"),
        ("They will tackle the situation; she tackled her homework.", "violence", "none"),
        ("Albus tackled him to the floor.", "violence", "mild"),
        ("His balls slapped against her.", "violence", "none"),
        (
            "Is there a reason you dragged me out here? He dragged him into the kitchen.",
            "abduction",
            "none",
        ),
        ("They dragged her into a waiting van.", "abduction", "on_page"),
        ("Harry gagged. A captive audience.", "abduction", "none"),
        ("They gagged him with a scarf.", "abduction", "on_page"),
        ("He left with his tail tucked between his legs.", "sexual", "none"),
        ("They sat in savage silence; his voice was low and savage.", "racism", "none"),
        ('"You filthy savage!" he spat.', "racism", "on_page"),
        ("He disabled the locking charms. Then we disabled it.", "ableism", "none"),
        ("Her brother was disabled.", "ableism", "mentioned"),
        ("Emotions were high as he stared. Completely wasted on kneazles.", "substances", "none"),
        ("She wore a champagne-coloured gown.", "substances", "none"),
        ("He was high as a kite.", "substances", "intoxication"),
        ("The wind played with the dead leaves; her hair was like dead twigs.", "death", "none"),
        ("It killed you a little on the inside. That killed him inside.", "death", "none"),
        ("Every day she made it clear how dead to her he was.", "death", "none"),
        (
            "Old habits died hard. Remus's words died off; the words died on her lips.",
            "death",
            "none",
        ),
        ("This may be a fate worse than death, given the life-or-death matter.", "death", "none"),
        ("They would be together till death do them part.", "death", "none"),
        ("He killed him in the hallway.", "death", "on_page"),
        ("It's months later before he finds the guts to make a move.", "violence", "none"),
        ("His guts spilled onto the floor.", "violence", "graphic"),
        ("He just about had a heart attack; a panic attack.", "violence", "none"),
        ("Or they just felt like salting his wounds.", "violence", "none"),
        (
            "It felt like a punch to the gut. She punched him lightly in the shoulder.",
            "violence",
            "none",
        ),
        ("Harry shoved the plug into the socket and the keys into his pocket.", "violence", "none"),
        ("Ron shoved Malfoy against the wall.", "violence", "mild"),
        ("Skin slapping against skin; he slapped Fred on the back.", "violence", "none"),
        ("She kicked the trousers off her calves.", "violence", "none"),
        ("Harry was pronounced fighting fit after a hard-fought day.", "violence", "none"),
        ("Hermione sighed, fighting against the anger raging inside her.", "violence", "none"),
        ("It stunned him into silence. The winter air hit him.", "violence", "none"),
        ("His fingers wound themselves in her hair.", "violence", "none"),
        ("Harry did, and in the end it all turned out okay.", "self_harm", "none"),
        ("He left, fags sticking out of his pocket, for a packet of fags.", "homophobia", "none"),
        ("Lily bound him to her with a spell.", "abduction", "none"),
        (
            "Molly's hands went back to her hips; holsters by the side of his hips.",
            "sexual",
            "none",
        ),
        ("His hips rolled up against hers.", "sexual", "non_explicit"),
        ("He slid his hands down to grab her hips.", "sexual", "non_explicit"),
        ("He went back to punching at the dough; three cups of punch.", "violence", "none"),
        ("The scent of coffee kicked him straight back to those months.", "violence", "none"),
        (
            "Queenie said, slapping Jacob's arm playfully; he slapped his right buttock.",
            "violence",
            "none",
        ),
        ("The steady slapping of skin meeting skin. An hour of play fighting.", "violence", "none"),
        (
            "She rubbed the spot where the baby kicked. There is a delight to torturing yourself.",
            "violence",
            "none",
        ),
        ("Skin as pale as death. He slept like the dead.", "death", "none"),
        ("It was fall, and the trees were dying.", "death", "none"),
        ("People were dying in the streets.", "death", "on_page"),
        ("A cloud of smoke poured out; the pie was still smoking.", "substances", "none"),
        ("Sirius was smoking on the steps.", "substances", "mentioned"),
        ("He smoked a cigarette.", "substances", "mentioned"),
        ("You want them to fuck you. He fucks you on your bed.", "sexual", "explicit"),
        ("Tom was pounding into me; it was a hate fuck.", "sexual", "explicit"),
        ("The war fucked him up. He wants to fuck you over.", "sexual", "none"),
        ("His finger played in the sloppy, abused mess of his arse.", "abuse", "none"),
        ('"No," she said, strangled. He made a strangled sort of sound.', "violence", "none"),
    ],
)
def test_shipped_age_school_adult_and_distress_patterns(text: str, signal: str, level: str) -> None:
    assert strongest(text, signal) == level


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


# --- guarded: the same matches, found faster ------------------------------------------------


def test_guarded_patterns_match_exactly_what_the_plain_ones_do() -> None:
    # The corpus: this file's hundreds of idiom sentences and the demo stories, lower-cased as
    # find_hits reads them.
    demo = resources.files("ficlens.demo").joinpath("works")
    stories = [p.read_text(encoding="utf-8") for p in demo.iterdir() if p.name.endswith(".txt")]
    corpus = "\n".join([Path(__file__).read_text(encoding="utf-8"), *stories]).lower()
    raw = tomllib.loads(
        resources.files("ficlens.content").joinpath("signals.toml").read_text(encoding="utf-8")
    )
    changed = 0
    for entry in raw["signal"]:
        for level in entry["level"]:
            patterns = level["patterns"]
            changed += sum(guarded(p) != p for p in patterns)
            plain = re.compile(r"\b(?:" + "|".join(patterns) + r")\b")
            fast = re.compile(r"\b(?:" + "|".join(map(guarded, patterns)) + r")\b")
            spans = [m.span() for m in plain.finditer(corpus)]
            assert spans == [m.span() for m in fast.finditer(corpus)], level["name"]
    assert changed > 20  # the guard is in use
