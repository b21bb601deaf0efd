"""The content rating: declared ratings, the expected-cost decision, FFN's scale, disagreement.

Every note and story line here is written for these tests.
"""

from __future__ import annotations

from typing import cast

import pytest

from ficlens.content import _absent_reason, _word_reason
from ficlens.content.corpus import AO3_RATINGS
from ficlens.content.features import capitalised_words, word_counts
from ficlens.content.linear import LinearModel
from ficlens.content.rating import (
    FFN_RATINGS,
    UNDER_COST,
    ao3_from_declared,
    decide,
    declared_rating,
    disagreement,
    ffn_rating,
)
from ficlens.model import Metadata, Note, NoteKind, Signal, Span

GENERAL, TEEN, MATURE, EXPLICIT = AO3_RATINGS


def signal(name: str, level: str) -> Signal:
    return Signal(name, level, 0.0, ())


def signals(**levels: str) -> dict[str, Signal]:
    return {name: signal(name, level) for name, level in levels.items()}


# --- ao3_from_declared ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Fiction K", GENERAL),
        ("Fiction K+", GENERAL),
        ("Fiction T", TEEN),
        ("Fiction M", MATURE),
        ("Fiction MA", EXPLICIT),
        ("K", GENERAL),
        ("K+", GENERAL),
        ("k+", GENERAL),
        ("T", TEEN),
        ("M", MATURE),
        ("MA", EXPLICIT),
        ("  fiction   t  ", TEEN),
        ("Rated M", MATURE),
        ("Rating: T", TEEN),
    ],
)
def test_ffn_codes_map_to_ao3_names(value: str, expected: str) -> None:
    assert ao3_from_declared(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("General Audiences", GENERAL),
        ("Teen And Up Audiences", TEEN),
        ("Mature", MATURE),
        ("Explicit", EXPLICIT),
        ("general", GENERAL),
        ("teen and up", TEEN),
        ("MATURE", MATURE),
        ("G", GENERAL),
        ("E", EXPLICIT),
        ("T&U", TEEN),
    ],
)
def test_ao3_names_and_aliases(value: str, expected: str) -> None:
    assert ao3_from_declared(value) == expected


@pytest.mark.parametrize(
    "value", [None, "", "   ", "Not Rated", "banana", "Fiction", "PG-14", "X", "Fiction Z", "NC"]
)
def test_junk_is_not_a_rating(value: str | None) -> None:
    assert ao3_from_declared(value) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("G", GENERAL),
        ("PG", GENERAL),
        ("PG-13", TEEN),
        ("pg13", TEEN),
        ("R", MATURE),
        ("NC-17", EXPLICIT),
        ("NC17", EXPLICIT),
    ],
)
def test_film_ratings_follow_fanfiction_nets_equivalence(value: str, expected: str) -> None:
    assert ao3_from_declared(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("PG-13 (for one kiss)", TEEN),
        ("M for language", MATURE),
        ("T, for swearing", TEEN),
        ("Explicit - for the second half", EXPLICIT),
        ("R [violence]", MATURE),
    ],
)
def test_a_reason_after_the_rating_is_ignored(value: str, expected: str) -> None:
    assert ao3_from_declared(value) == expected


@pytest.mark.parametrize("value", ["for language", "(M)", "Maybe T"])
def test_a_reason_alone_is_no_rating(value: str) -> None:
    assert ao3_from_declared(value) is None


def test_ffn_rated_line_spelling() -> None:
    assert ao3_from_declared("Rated: Fiction T") == TEEN


# --- declared_rating -----------------------------------------------------------------------


def note_at(text: str, words: str, kind: NoteKind = "author_before") -> Note:
    start = text.index(words)
    return Note(kind, Span(start, start + len(words)))


def test_metadata_rating_comes_first() -> None:
    text = "A/N: Rated M for blood later.\n\nThe lanterns went out one by one."
    note = note_at(text, "A/N: Rated M for blood later.")
    assert declared_rating(Metadata(rating="Fiction K+"), text, [note]) == (
        GENERAL,
        "metadata",
        None,
    )
    assert declared_rating(Metadata(rating="Explicit"), text, [note]) == (
        EXPLICIT,
        "metadata",
        None,
    )


def test_unreadable_metadata_falls_back_to_the_notes() -> None:
    text = "A/N: Rated M for blood later.\n\nThe lanterns went out one by one."
    note = note_at(text, "A/N: Rated M for blood later.")
    rating, origin, span = declared_rating(Metadata(rating="Not Rated"), text, [note])
    assert (rating, origin) == (MATURE, "text")
    assert span is not None
    assert span.of(text) == "Rated M"


@pytest.mark.parametrize(
    ("note", "expected", "words"),
    [
        ("Author's note: Rated M for later chapters.", MATURE, "Rated M"),
        ("Rating: T", TEEN, "Rating: T"),
        ("Rating - MA, you have been warned.", EXPLICIT, "Rating - MA"),
        ("Hi all! This story just became rated M.", MATURE, "became rated M"),
        ("The rating is T because of the duel.", TEEN, "rating is T"),
        ("Rating now M, sorry!", MATURE, "Rating now M"),
        ("Rated K+ for a bit of peril.", GENERAL, "Rated K+"),
        ("Rated Mature for themes.", MATURE, "Rated Mature"),
        ("Now rated teen and up.", TEEN, "Now rated teen and up"),
        ("Rating: NC-17\nPairing: Oona/Tomas", EXPLICIT, "Rating: NC-17"),
        ("Rated PG-13 for language.", TEEN, "Rated PG-13"),
        ("Rating: R (for a reason)", MATURE, "Rating: R"),
        ("Rated PG.", GENERAL, "Rated PG"),
    ],
)
def test_a_rating_written_in_a_note(note: str, expected: str, words: str) -> None:
    text = f"{note}\n\nThe ferry left the harbour at noon."
    rating, origin, span = declared_rating(Metadata(), text, [note_at(text, note)])
    assert (rating, origin) == (expected, "text")
    assert span is not None
    assert span.of(text) == words


def test_the_last_rating_in_the_notes_wins() -> None:
    first = "A/N: Rated T for now."
    second = "A/N: Heads up, this story just became rated M."
    text = f"{first}\n\nThe ferry left the harbour at noon.\n\n{second}"
    notes = [note_at(text, first), note_at(text, second, "author_after")]
    rating, origin, span = declared_rating(Metadata(), text, notes)
    assert (rating, origin) == (MATURE, "text")
    assert span is not None
    assert span.start > text.index("ferry")
    rating, _, span = declared_rating(Metadata(), text, notes[:1])
    assert rating == TEEN
    assert span is not None
    assert span.of(text) == "Rated T"


def test_the_last_rating_within_one_note_wins() -> None:
    note = "Rated T at first, but by chapter nine: Rating: M."
    text = f"{note}\n\nThe ferry left."
    assert declared_rating(Metadata(), text, [note_at(text, note)])[0] == MATURE


def test_a_rating_in_the_story_text_outside_notes_is_ignored() -> None:
    note = "A/N: thanks to my beta for everything."
    text = f"{note}\n\nThe poster outside the cinema said the film was rated M, so Oona went home."
    assert declared_rating(Metadata(), text, [note_at(text, note)]) == (None, None, None)
    assert declared_rating(Metadata(), text, []) == (None, None, None)


@pytest.mark.parametrize(
    "note",
    [
        "I underrated Tomas.",
        "Rated Tomorrow's best fic!",
        "Rated Man of the Year.",
        "Rated Rubbish by my sister.",
        "Rated PGA golfer of the year.",
    ],
)
def test_words_that_merely_start_like_a_rating_are_not_one(note: str) -> None:
    text = f"{note}\n\nThe ferry left."
    assert declared_rating(Metadata(), text, [note_at(text, note)]) == (None, None, None)


# --- decide --------------------------------------------------------------------------------


def test_a_certain_probability_picks_that_rating() -> None:
    for index in range(len(AO3_RATINGS)):
        probabilities = [0.0] * len(AO3_RATINGS)
        probabilities[index] = 1.0
        assert decide(probabilities, {}) == index


def test_under_rating_across_the_mature_line_costs_more_so_an_even_split_goes_up() -> None:
    # Teen costs 0.5 * 1 * UNDER_COST (a Mature work called Teen); Mature costs 0.5 * 1.
    assert UNDER_COST == 1.5
    assert decide([0.0, 0.5, 0.5, 0.0], {}) == AO3_RATINGS.index(MATURE)
    # With symmetric costs both cost 0.5 and the milder one (the first) is kept.
    assert decide([0.0, 0.5, 0.5, 0.0], {}, under_cost=1.0) == AO3_RATINGS.index(TEEN)


def test_general_against_teen_is_symmetric() -> None:
    # Neither side of the split crosses the Mature line: the milder of two equal costs stays.
    assert decide([0.5, 0.5, 0.0, 0.0], {}) == AO3_RATINGS.index(GENERAL)
    assert decide([0.45, 0.55, 0.0, 0.0], {}) == AO3_RATINGS.index(TEEN)


def test_expected_cost_hand_computed() -> None:
    probabilities = [0.45, 0.0, 0.0, 0.55]
    # General: 0.55 * 3 * 1.5 = 2.475; Teen: 0.45 + 0.55 * 2 * 1.5 = 2.1;
    # Mature: 0.45 * 2 + 0.55 * 1 = 1.45 (Mature for Explicit crosses no line); Explicit: 1.35.
    assert decide(probabilities, {}) == AO3_RATINGS.index(EXPLICIT)
    # A large enough over-rating penalty flips it: with under_cost 0.5 the costs are
    # General 0.825, Teen 1.0, Mature 1.45, Explicit 1.35.
    assert decide(probabilities, {}, under_cost=0.5) == AO3_RATINGS.index(GENERAL)


def test_expected_cost_with_spread_probabilities() -> None:
    # Mature: 0.2*2 + 0.2*1 + 0.2*1 = 0.8 beats Teen: 0.2 + 0.4*1.5 + 0.2*2*1.5 = 1.4
    # and Explicit: 0.2*3 + 0.2*2 + 0.4*1 = 1.4.
    assert decide([0.2, 0.2, 0.4, 0.2], {}) == AO3_RATINGS.index(MATURE)


def test_explicit_sexual_content_floors_the_rating_at_mature() -> None:
    general = [1.0, 0.0, 0.0, 0.0]
    assert decide(general, signals(sexual="explicit")) == AO3_RATINGS.index(MATURE)
    assert decide([0.0, 0.0, 0.0, 1.0], signals(sexual="explicit")) == AO3_RATINGS.index(EXPLICIT)


@pytest.mark.parametrize("level", ["none", "romance", "implied", "non_explicit"])
def test_milder_sexual_content_does_not_floor_the_rating(level: str) -> None:
    assert decide([1.0, 0.0, 0.0, 0.0], signals(sexual=level)) == 0


def test_non_explicit_passages_floor_the_rating_when_many_or_when_the_model_leans_mature() -> None:
    def sexual(hits: int) -> dict[str, Signal]:
        return {"sexual": Signal("sexual", "non_explicit", 0.0, (), hits=hits)}

    general, leaning = [1.0, 0.0, 0.0, 0.0], [0.6, 0.1, 0.2, 0.1]
    assert decide(general, sexual(3)) == AO3_RATINGS.index(MATURE)  # three passages: always
    assert decide(general, sexual(2)) == AO3_RATINGS.index(GENERAL)
    # two passages, and Mature and Explicit together at 0.3: not General
    assert decide(leaning, {}) == AO3_RATINGS.index(GENERAL)
    assert decide(leaning, sexual(2)) == AO3_RATINGS.index(MATURE)
    assert decide(leaning, sexual(1)) == AO3_RATINGS.index(GENERAL)


def test_explicit_violence_does_not_floor_the_rating() -> None:
    assert decide([1.0, 0.0, 0.0, 0.0], signals(violence="graphic")) == 0


# --- ffn_rating ----------------------------------------------------------------------------


def test_general_without_mild_content_is_k() -> None:
    assert ffn_rating(GENERAL, {}) == "K"
    quiet = signals(
        violence="none", profanity="none", sexual="none", substances="mentioned", death="mentioned"
    )
    assert ffn_rating(GENERAL, quiet) == "K"


@pytest.mark.parametrize(
    "levels",
    [
        {"violence": "mild"},
        {"profanity": "mild"},
        {"sexual": "romance"},
        {"violence": "none", "profanity": "none", "sexual": "romance"},
        {"death": "on_page"},
        {"death": "major_character"},
    ],
)
def test_general_with_violence_profanity_or_romance_is_k_plus(levels: dict[str, str]) -> None:
    assert ffn_rating(GENERAL, signals(**levels)) == "K+"


def test_stronger_ratings_map_to_t_and_m() -> None:
    assert ffn_rating(TEEN, {}) == "T"
    assert ffn_rating(TEEN, signals(violence="mild")) == "T"
    assert ffn_rating(MATURE, {}) == "M"
    assert ffn_rating(EXPLICIT, signals(sexual="explicit")) == "M"


def test_every_ffn_rating_is_on_the_scale() -> None:
    produced = {
        ffn_rating(ao3, levels) for ao3 in AO3_RATINGS for levels in ({}, signals(violence="mild"))
    }
    assert produced == set(FFN_RATINGS)


# --- disagreement --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("declared", "detected", "expected"),
    [
        (TEEN, MATURE, "under"),
        (GENERAL, EXPLICIT, "under"),
        (EXPLICIT, GENERAL, "over"),
        (MATURE, TEEN, "over"),
        (TEEN, TEEN, None),
        (None, TEEN, None),
        (TEEN, None, None),
        (None, None, None),
    ],
)
def test_disagreement(declared: str | None, detected: str | None, expected: str | None) -> None:
    assert disagreement(declared, detected) == expected


class _Pushing:
    """A stand-in for the rating model: which words pull towards each rating."""

    classes = tuple(AO3_RATINGS)

    def class_push(self, choice: int) -> dict[str, float]:
        return {"theo": 3.0, "moaned": 1.0}


def test_characters_names_are_no_wording_evidence() -> None:
    text = "Theo stated. She moaned softly."
    model = cast(LinearModel, _Pushing())
    paragraphs = [Span(0, len(text))]
    (shown,) = _word_reason(text, paragraphs, model, 2)[0].evidence[:1]
    assert shown.of(text) == "Theo stated."
    (kept,) = _word_reason(text, paragraphs, model, 2, frozenset({"theo"}))[0].evidence
    assert kept.of(text) == "She moaned softly."


def test_a_name_outside_the_cast_is_no_wording_evidence_either() -> None:
    # The story never writes "theo" in lower case: a name, though no character of the cast.
    text = "Eve asked after Theo. She moaned softly, and Theo left."
    model = cast(LinearModel, _Pushing())
    unshown = capitalised_words(text, word_counts(text))
    assert "theo" in unshown and "moaned" not in unshown
    (kept,) = _word_reason(text, [Span(0, len(text))], model, 2, unshown)[0].evidence
    assert kept.of(text) == "She moaned softly, and Theo left."


# --- what was looked for and not found -------------------------------------------------------


def test_signals_with_no_hit_at_all_are_said_to_be_absent_without_passages() -> None:
    found = signals(
        sexual="none", violence="serious", death="mentioned", profanity="none", minor="none"
    )
    (reason,) = _absent_reason(found, frozenset())
    # a mention of death is not "none"; a stated age is no content, so minors are not listed
    assert reason.text == "none found: sexual content, profanity"
    assert reason.evidence == ()


def test_a_signal_with_only_framed_hits_is_not_said_to_be_absent() -> None:
    found = signals(sexual="none", death="none")
    found["death"] = Signal("death", "none", 0.25, (), framed=(Span(0, 4),))
    (reason,) = _absent_reason(found, frozenset())
    assert reason.text == "none found: sexual content"


def test_nothing_is_said_absent_when_every_signal_has_a_hit() -> None:
    assert _absent_reason(signals(sexual="kissing", violence="mild"), frozenset()) == []


def test_a_signal_an_archive_warning_speaks_of_is_not_said_to_be_absent() -> None:
    # Rape/Non-Con fired on its model and the refusals near a scene, though the lexicon's
    # non-consent signal found nothing: the box must not say "none found: non-consent" beside it.
    found = signals(sexual="non_explicit", non_consent="none", violence="none")
    (reason,) = _absent_reason(found, frozenset({"non_consent"}))
    assert reason.text == "none found: violence"


# --- the order of the reasons ----------------------------------------------------------------


def test_reasons_that_pulled_the_model_hardest_come_first() -> None:
    from ficlens.content import _signal_reasons

    passage = (Span(0, 10),)
    found = {
        "sexual": Signal("sexual", "non_explicit", 1.0, passage),
        "violence": Signal("violence", "serious", 1.0, passage),
        "profanity": Signal("profanity", "strong", 1.0, passage),
    }
    fixed = [r.text for r in _signal_reasons(found, {})]
    assert fixed == ["sexual content: non explicit", "violence: serious", "profanity: strong"]
    pulled = _signal_reasons(found, {}, {"profanity": 0.8, "violence": -0.2, "sexual": 0.1})
    assert [r.text for r in pulled] == [
        "profanity: strong",
        "sexual content: non explicit",
        "violence: serious",
    ]


def test_a_stated_age_is_a_reason_only_beside_sexual_content() -> None:
    from ficlens.content import _signal_reasons

    passage = (Span(0, 10),)
    minor = Signal("minor", "stated", 1.0, passage)
    alone = {"sexual": Signal("sexual", "none", 0.0, ()), "minor": minor}
    assert [r.text for r in _signal_reasons(alone, {})] == []
    implied = {"sexual": Signal("sexual", "implied", 1.0, passage), "minor": minor}
    assert [r.text for r in _signal_reasons(implied, {})] == [
        "sexual content: implied",
        "minors: stated",
    ]
