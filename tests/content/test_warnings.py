"""Extended content warnings: the rules of ``warnings.toml`` over the content signals.

Every story line here is written for these tests.
"""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

import ficlens.content.warnings as warnings_module
from ficlens.content.signals import Hit, LexiconError, find_hits, signal_specs
from ficlens.content.warnings import (
    EVIDENCE,
    WarningRule,
    archive_evidence,
    archive_rules,
    archive_warning_fires,
    content_warnings,
    possible_warnings,
    shows_on_page,
    warning_rules,
)
from ficlens.model import ContentWarning, Signal, Span


def rule(name: str) -> WarningRule:
    return next(r for r in warning_rules() if r.name == name)


def warnings_of(text: str, **options: int) -> dict[str, ContentWarning]:
    hits = find_hits(text, [Span(0, len(text))])
    return {w.name: w for w in content_warnings(hits, text=text, **options)}


def hit(signal: str, level: int, sentence: int, frame: str | None = None) -> Hit:
    """A hit in the ``sentence``-th 100-character sentence of an imaginary text."""
    start = sentence * 100
    return Hit(signal, level, Span(start + 5, start + 12), Span(start, start + 80), frame)


# --- warning_rules -------------------------------------------------------------------------


def test_every_rule_names_a_signal_and_level_of_the_lexicon() -> None:
    specs = {spec.name: spec for spec in signal_specs()}
    rules = warning_rules()
    assert rules
    for found in rules:
        assert found.signal in specs, found
        assert 0 <= found.level < len(specs[found.signal].levels), found
        assert found.min_hits >= 1, found


def test_rules_follow_the_toml_file() -> None:
    raw = resources.files("ficlens.content").joinpath("warnings.toml").read_text("utf-8")
    entries = tomllib.loads(raw)["warning"]
    specs = {spec.name: spec for spec in signal_specs()}
    rules = warning_rules()
    assert [r.name for r in rules] == [e["name"] for e in entries]
    for found, entry in zip(rules, entries, strict=True):
        assert found.signal == entry["signal"]
        assert specs[found.signal].levels[found.level].name == entry["level"]
        assert found.min_hits == entry["min_hits"]
    assert len({r.name for r in rules}) == len(rules)


def test_known_rules() -> None:
    assert rule("Death") == WarningRule("Death", "death", 1, 2)
    assert rule("Graphic Violence") == WarningRule("Graphic Violence", "violence", 2, 1)
    assert rule("Explicit Sexual Content").min_hits == 2


def test_warning_rules_are_cached() -> None:
    assert warning_rules() is warning_rules()


# --- content_warnings on text --------------------------------------------------------------


def test_two_on_page_deaths_raise_death_with_their_sentences() -> None:
    text = "Tobin baked bread. The old wizard died at dawn. By noon his body was a corpse."
    found = warnings_of(text)
    assert set(found) == {"Death"}
    death = found["Death"]
    assert death.scheme == "content"
    assert [s.of(text) for s in death.evidence] == [
        "The old wizard died at dawn.",
        "By noon his body was a corpse.",
    ]
    assert death.confidence == 0.6


def test_one_on_page_death_is_too_few() -> None:
    assert warnings_of("The old wizard died at dawn. Tobin baked bread.") == {}


def test_framed_deaths_raise_nothing() -> None:
    text = (
        "She dreamed the old wizard died. He did not see a corpse. "
        "If the knight died, the realm would fall."
    )
    hits = find_hits(text, [Span(0, len(text))])
    assert [h.frame for h in hits if h.signal == "death"] == ["dream", "negated", "hypothetical"]
    assert content_warnings(hits) == ()


def test_mentions_below_the_rule_level_do_not_count() -> None:
    text = "They held a funeral. The grief was heavy. Her grave was under the yew."
    hits = find_hits(text, [Span(0, len(text))])
    assert len([h for h in hits if h.signal == "death"]) == 3
    assert "Death" not in {w.name for w in content_warnings(hits)}


def test_one_graphic_hit_raises_graphic_violence() -> None:
    text = "The blade went in and blood pooled on the flagstones."
    found = warnings_of(text)
    assert set(found) == {"Graphic Violence"}
    assert [s.of(text) for s in found["Graphic Violence"].evidence] == [text]


def test_stronger_levels_count_towards_a_rule_and_lead_the_evidence() -> None:
    text = "He stabbed the guard. The guard's skull cracked on the stone. The captain was wounded."
    found = warnings_of(text)
    assert set(found) == {"Violence", "Graphic Violence"}
    assert [s.of(text) for s in found["Violence"].evidence] == [
        "The guard's skull cracked on the stone.",
        "He stabbed the guard.",
        "The captain was wounded.",
    ]
    assert found["Violence"].confidence == 0.65  # 0.5 + 0.1 * 3 / 2


def test_story_text_with_no_hits_raises_nothing() -> None:
    assert warnings_of("The goats wandered up the hill and the shepherd followed.") == {}


# --- content_warnings on hand-made hits ----------------------------------------------------


def test_evidence_is_distinct_sentences_strongest_first_and_capped() -> None:
    same = Span(0, 80)
    hits = [
        Hit("violence", 2, Span(5, 10), same, None),
        Hit("violence", 2, Span(20, 30), same, None),
        hit("violence", 1, 1),
        hit("violence", 2, 2),
        hit("violence", 1, 3),
        hit("violence", 1, 4),
    ]
    (violence,) = [w for w in content_warnings(hits) if w.name == "Violence"]
    assert EVIDENCE == 3
    assert violence.evidence == (same, hits[3].sentence, hits[2].sentence)
    (short,) = [w for w in content_warnings(hits, limit=1) if w.name == "Violence"]
    assert short.evidence == (same,)


@pytest.mark.parametrize("frame", ["negated", "hypothetical", "dream"])
def test_framed_hits_do_not_count_towards_min_hits(frame: str) -> None:
    hits = [hit("death", 1, 0), hit("death", 1, 1, frame)]
    assert content_warnings(hits) == ()
    hits.append(hit("death", 1, 2))
    (death,) = content_warnings(hits)
    assert death.name == "Death"
    assert death.evidence == (hits[0].sentence, hits[2].sentence)


def test_a_remembered_hit_counts_towards_a_content_warning() -> None:
    # A past trauma the story tells warns a reader as much as one on the page.
    hits = [hit("death", 1, 0), hit("death", 1, 1, "memory")]
    (death,) = content_warnings(hits)
    assert death.evidence == (hits[0].sentence, hits[1].sentence)


def test_hits_of_another_signal_do_not_count() -> None:
    hits = [hit("violence", 1, 0), hit("death", 1, 1), hit("war", 1, 2)]
    assert content_warnings(hits) == ()


@pytest.mark.parametrize(("count", "confidence"), [(1, 0.6), (2, 0.7), (4, 0.9), (9, 0.95)])
def test_confidence_grows_with_hits_and_is_capped(count: int, confidence: float) -> None:
    hits = [hit("violence", 2, n) for n in range(count)]
    (graphic,) = [w for w in content_warnings(hits) if w.name == "Graphic Violence"]
    assert graphic.confidence == confidence


@pytest.mark.parametrize(
    ("sentence", "warned"),
    [
        ("He had been under the Imperius Curse for a year.", False),
        ("She had been raped the summer before.", True),
        ("Under the Imperius, he was raped.", True),
    ],
)
def test_naming_the_imperius_curse_is_no_sexual_assault(sentence: str, warned: bool) -> None:
    hits = find_hits(sentence, [Span(0, len(sentence))])
    assert any(h.signal == "non_consent" for h in hits)  # still a non-consent word for the models
    found = {w.name for w in content_warnings(hits, text=sentence)}
    assert ("Sexual Assault" in found) is warned


def test_several_rules_of_one_signal_fire_together() -> None:
    hits = [hit("substances", 2, 0), hit("substances", 1, 1)]
    assert {w.name for w in content_warnings(hits)} == {"Substance Use", "Intoxication"}
    assert {w.name for w in content_warnings(hits[:1])} == {"Intoxication"}


def _signals(**levels: str) -> dict[str, Signal]:
    return {name: Signal(name, level, 1.0, ()) for name, level in levels.items()}


@pytest.mark.parametrize(
    ("key", "probability", "levels", "fires"),
    [
        pytest.param("underage", 0.9, {"minor": "stated", "sexual": "explicit"}, True, id="both"),
        pytest.param(
            "underage", 0.9, {"minor": "none", "sexual": "explicit"}, False, id="no-minor"
        ),
        pytest.param(
            "underage", 0.9, {"school": "mentioned", "sexual": "implied"}, True, id="school"
        ),
        pytest.param("underage", 0.9, {"minor": "stated", "sexual": "romance"}, False, id="a-kiss"),
        pytest.param(
            "underage", 0.2, {"minor": "stated", "sexual": "explicit"}, False, id="unsure"
        ),
        pytest.param("major_character_death", 0.9, {"death": "none"}, False, id="no-death"),
        pytest.param("major_character_death", 0.9, {"death": "on_page"}, True, id="on-page"),
        pytest.param("major_character_death", 0.9, {"death": "mentioned"}, True, id="funeral"),
        pytest.param("graphic_violence", 0.9, {"violence": "mild"}, False, id="mild"),
        pytest.param("graphic_violence", 0.9, {"violence": "graphic"}, True, id="graphic"),
        pytest.param("rape_non_con", 0.9, {"non_consent": "mentioned"}, True, id="non-con"),
        pytest.param("rape_non_con", 0.9, {"distress": "refusal"}, False, id="distress-alone"),
    ],
)
def test_an_archive_warning_needs_its_model_and_its_evidence(
    key: str, probability: float, levels: dict[str, str], fires: bool
) -> None:
    assert archive_warning_fires(key, probability, 0.5, _signals(**levels), {}) is fires


@pytest.mark.parametrize(
    ("text", "levels", "fires"),
    [
        # A school setting and sex: Underage Sex, unless the school is Hogwarts's eighth year,
        # whose students are all of age; there only a stated minor shows it.
        pytest.param("They kissed in the dormitory.", {"school": "mentioned"}, True, id="school"),
        pytest.param(
            "The eighth years had their own dormitory.",
            {"school": "mentioned"},
            False,
            id="eighth-year-school",
        ),
        pytest.param(
            "Back for 8th year, they shared a dorm.",
            {"minor": "mentioned"},
            False,
            id="8th-year-minor-mentioned",
        ),
        pytest.param(
            "The eighth years watched; she was fifteen.",
            {"minor": "stated"},
            True,
            id="eighth-year-stated-minor",
        ),
    ],
)
def test_an_eighth_year_school_needs_a_stated_minor(
    text: str, levels: dict[str, str], fires: bool
) -> None:
    signals = _signals(sexual="explicit", **levels)
    assert archive_warning_fires("underage", 0.9, 0.5, signals, {}, text) is fires
    assert archive_warning_fires("underage", 0.9, 0.5, signals, {})  # no text: no such setting


def test_possible_warnings_are_the_notable_chances_likeliest_first() -> None:
    chances = {
        "Graphic Depictions Of Violence": 0.19,
        "Major Character Death": 0.2,
        "Rape/Non-Con": 0.0,
        "Underage Sex": 0.4449,
    }
    assert possible_warnings(chances) == (("Underage Sex", 0.445), ("Major Character Death", 0.2))
    assert possible_warnings(dict.fromkeys(chances, 0.1)) == ()


def test_a_co_occurrence_alone_meets_a_need_that_lists_it() -> None:
    """Issue 4: coercion words near a sexual passage show Rape/Non-Con on the page."""
    sentence = Span(0, 80)
    assert not shows_on_page("rape_non_con", {}, {"distress_near_sexual": ()})
    assert shows_on_page("rape_non_con", {}, {"distress_near_sexual": (sentence,)})


def test_archive_evidence_puts_co_occurrences_before_signal_passages() -> None:
    together, sex = Span(0, 40), Span(50, 90)
    signals = {"sexual": Signal("sexual", "explicit", 1.0, (sex, together))}
    near = {"distress_near_sexual": (together,)}
    assert archive_evidence("rape_non_con", signals, near) == (together,)
    evidence = archive_evidence("underage", signals, {"minor_near_sexual": (together,)})
    assert evidence == (together, sex)


def test_archive_evidence_puts_a_direct_signal_before_co_occurrences() -> None:
    # "you need to stop worrying" near a kiss says less than a sentence that names the assault.
    stop, named, sex = Span(0, 40), Span(100, 140), Span(50, 90)
    signals = {
        "sexual": Signal("sexual", "explicit", 1.0, (sex,)),
        "non_consent": Signal("non_consent", "mentioned", 1.0, (named,)),
        "distress": Signal("distress", "refusal", 1.0, (stop,)),
    }
    evidence = archive_evidence("rape_non_con", signals, {"distress_near_sexual": (stop,)})
    assert evidence == (named, stop)
    assert archive_rules()["rape_non_con"].direct == ("non_consent",)


def test_every_archive_warning_has_a_rule_naming_known_signals_and_co_occurrences() -> None:
    rules = archive_rules()
    assert set(rules) == {
        "graphic_violence",
        "major_character_death",
        "rape_non_con",
        "underage",
    }
    specs = {spec.name: spec for spec in signal_specs()}
    for found in rules.values():
        assert found.needs
        for need in found.needs:
            assert all(0 <= level < len(specs[name].levels) for name, level in need.levels.items())


@pytest.mark.parametrize(
    ("archive", "message"),
    [
        pytest.param([{"key": "spoilers", "needs": []}], "unknown warning", id="warning"),
        pytest.param(
            [{"key": "underage", "needs": [{"levels": {"sexual": "lots"}}]}],
            "no level 'lots'",
            id="level",
        ),
        pytest.param(
            [{"key": "underage", "needs": [{"near": ["owl_near_cat"]}]}], "bad need", id="near"
        ),
        pytest.param([{"key": "underage", "needs": []}], "no archive rule for", id="missing"),
        pytest.param(
            [
                {
                    "key": "underage",
                    "needs": [{"levels": {"sexual": "implied"}}],
                    "of_age": {"patterns": ["eighth year"]},
                }
            ],
            "of_age needs patterns and needs",
            id="of-age-incomplete",
        ),
        pytest.param(
            [
                {
                    "key": "underage",
                    "needs": [{"levels": {"sexual": "implied"}}],
                    "of_age": {"patterns": ["(eighth"], "needs": {"minor": "stated"}},
                }
            ],
            "of_age: bad pattern",
            id="of-age-pattern",
        ),
    ],
)
def test_a_bad_archive_rule_names_the_file_and_the_problem(
    monkeypatch: pytest.MonkeyPatch, archive: list[dict[str, object]], message: str
) -> None:
    monkeypatch.setattr(warnings_module, "_data", lambda: {"archive": archive})
    warnings_module._archive_rules.cache_clear()
    try:
        with pytest.raises(LexiconError, match=message) as error:
            archive_rules()
        assert str(error.value).startswith("ficlens/content/warnings.toml: ")
    finally:
        monkeypatch.undo()
        warnings_module._archive_rules.cache_clear()
