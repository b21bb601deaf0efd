"""The speaker ranker: its model file, how it chooses, and the candidates it chooses among."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

import pytest

from ficlens.dialogue import DialogueResult, Prepared, attribute, prepare
from ficlens.dialogue.candidates import FEATURES, KEPT, Candidates, candidates
from ficlens.dialogue.ranker import METHOD, Ranker, RankerError, choose, load_ranker, rerank
from ficlens.model import Quote, Span, Work

STORY = (
    "Chapter 1\n\n"
    "Miss Maren Holt stood at the rail of the ferry. Mr. Tobias Brandt came up beside her.\n\n"
    '"Is it always this late?" asked Maren.\n\n'
    '"Always," said Tobias. "It is the nature of the thing."\n\n'
    '"Then we shall wait for it together, as we always do."\n\n'
    '"We wait, Maren. There is nothing else to be done."\n\n'
    "Maren looked down at the grey water and frowned.\n\n"
    '"I hate waiting," she said.\n\n'
    'He shrugged and looked away. "Then read something."\n\n'
    '"Does Tobias ever read anything but timetables?"\n'
)


def quote(speaker: str | None, method: str = "speakers.most_recent.v1") -> Quote:
    return Quote(Span(0, 1), speaker, None, method, 0.3)


def test_a_ranker_round_trips_through_json_and_scores_linearly() -> None:
    ranker = Ranker({"rank:0": 2.0, "turn:-1": -1.0}, 0.5, {"novels": ["A"]})
    again = Ranker.from_json(json.loads(json.dumps(ranker.to_json())))
    assert again == ranker
    assert again.score({"rank:0": 1.0, "turn:-1": 1.0, "unknown fact": 9.0}) == pytest.approx(1.5)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param({"schema": "other/1", "weights": {}, "intercept": 0}, id="wrong-schema"),
        pytest.param({"schema": "ficlens.ranker/1", "intercept": 0}, id="no-weights"),
        pytest.param(
            {"schema": "ficlens.ranker/1", "weights": {"a": "x"}, "intercept": 0}, id="bad-weight"
        ),
    ],
)
def test_a_malformed_model_names_its_source(data: dict[str, object]) -> None:
    with pytest.raises(RankerError, match=r"speaker_ranker\.json"):
        Ranker.from_json(data, source="speaker_ranker.json")


def test_choose_takes_the_best_candidate_with_its_share_as_confidence() -> None:
    ranker = Ranker({"rank:0": 2.0}, 0.0, {})
    quotes = [quote("c2"), quote("c1", "speakers.speech_verb.name.v1")]
    group = Candidates(0, ("c2", "c3"), ({}, {"rank:0": 1.0}))
    revised = choose(quotes, [group], ranker)
    assert revised[0].speaker == "c3"
    assert revised[0].method == METHOD
    assert revised[0].confidence == pytest.approx(1 / (1 + 2.718281828**-2), abs=1e-3)
    assert revised[1] == quotes[1]  # quotations without candidates are left alone


def test_the_shipped_ranker_knows_every_fact_and_its_training_novels() -> None:
    ranker = load_ranker()
    assert ranker is not None
    assert set(ranker.weights) == set(FEATURES)
    assert ranker.meta["data"] == "PDNC"
    assert len(ranker.meta["novels"]) >= 2
    # What it learned reads as it should: people rarely name themselves, pronouns must agree.
    assert ranker.weights["named_inside"] < 0
    assert ranker.weights["pronoun_mismatch"] < 0
    assert ranker.weights["addressed_here"] < 0


Sieved = tuple[Prepared, DialogueResult]


@pytest.fixture
def sieved_story(build_text: Callable[..., Work]) -> Sieved:
    """The story parsed, and its quotations attributed by the sieves alone."""
    prepared = prepare(build_text(STORY))
    return prepared, attribute(prepared, rank=False)


@pytest.mark.spacy
def test_candidates_describe_the_guessed_quotations_only(sieved_story: Sieved) -> None:
    prepared, sieved = sieved_story
    names = {c.id: c.name for c in sieved.cast.characters}
    groups = list(candidates(prepared, sieved.quotes, cast=sieved.cast))
    assert groups, "the unattributed turns should have candidates"
    revised = {g.quote for g in groups}
    for index, q in enumerate(sieved.quotes):
        assert (index in revised) == (q.method not in KEPT)
    for group in groups:
        assert len(group.ids) == len(group.rows) == len(set(group.ids))
        for row in group.rows:
            assert set(row) <= set(FEATURES)
    # "We wait, Maren." calls Maren by name: she is no candidate to say it, Tobias is.
    wait = next(
        g
        for g in groups
        if prepared.text[sieved.quotes[g.quote].span.start :].startswith("We wait")
    )
    assert [names[who] for who in wait.ids if names[who].startswith("Maren")] == []
    assert any(names[who].startswith("Tobias") for who in wait.ids)
    # "Does Tobias ever read ...?" names Tobias inside without calling him: the fact says so.
    does = next(
        g for g in groups if prepared.text[sieved.quotes[g.quote].span.start :][:5] == "Does "
    )
    tobias = next(i for i, who in enumerate(does.ids) if names[who].startswith("Tobias"))
    assert does.rows[tobias].get("named_inside") == 1.0
    # "she said": Tobias is a he, so the pronoun disagrees with him.
    hate = next(
        g for g in groups if "hate" in prepared.text[sieved.quotes[g.quote].span.start :][:12]
    )
    tobias = next(i for i, who in enumerate(hate.ids) if names[who].startswith("Tobias"))
    assert hate.rows[tobias].get("pronoun_mismatch") == 1.0
    # "He shrugged ...": a pronoun action beat fits Tobias, the last man named, not Maren.
    read = next(
        g for g in groups if prepared.text[sieved.quotes[g.quote].span.start :][:6] == "Then r"
    )
    rows = {names[who]: row for who, row in zip(read.ids, read.rows, strict=True)}
    he = next(row for name, row in rows.items() if "Tobias" in name)
    she = next(row for name, row in rows.items() if "Maren" in name)
    assert he.get("beat_pronoun_match") == he.get("beat_pronoun_rank:0") == 1.0
    assert she.get("beat_pronoun_mismatch") == 1.0
    assert "beat_pronoun_match" not in she


@pytest.mark.spacy
def test_rerank_without_a_model_changes_nothing_and_with_one_keeps_named_speakers(
    sieved_story: Sieved,
) -> None:
    prepared, sieved = sieved_story
    ranked = attribute(prepared)
    assert len(ranked.quotes) == len(sieved.quotes)
    for before, after in zip(sieved.quotes, ranked.quotes, strict=True):
        if before.method in KEPT:  # the speaker stays; the addressee follows the final speakers
            assert replace(after, addressee=None) == replace(before, addressee=None)
        else:
            assert after.method in (METHOD, before.method)
    neutral = Ranker({}, 0.0, {})
    kept = rerank(prepared, sieved.quotes, cast=sieved.cast, ranker=neutral)
    assert [q.speaker is not None for q in kept] == [
        q.speaker is not None or q.method not in KEPT for q in sieved.quotes
    ]
