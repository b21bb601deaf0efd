"""Tags a trained word model decides (``model = true``): the rule, the evidence, the training.

Every story line here is written for these tests. The small models are built by hand, so the
decision is known; the shipped models are checked on two stories of opposite tone.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import pytest

from ficlens.api import analyze, read
from ficlens.content.features import word_counts
from ficlens.content.linear import LinearModel, ModelError, load_model, train_command
from ficlens.content.tags import detect_tags, load_tags, model_name, parse_tags
from ficlens.fandoms import load_packs
from ficlens.model import Span

GIGGLES = "giggl(?:e|ed|es|ing)"
RULES = parse_tags(
    f"""version = 1
[[tag]]
name = "Fluff"
model = true
patterns = ['\\b{GIGGLES}\\b']
""",
    source="test.toml",
)


def hand_model(weights: dict[str, float], *, intercept: float = -1.0) -> LinearModel:
    """A binary word model with these weights (idf 1) and threshold 0.5."""
    words = sorted(weights)
    return LinearModel.from_json(
        {
            "schema": "ficlens.linear/1", "name": "tag.fluff", "classes": ["no", "Fluff"],
            "words": words, "idf": [1.0] * len(words),
            "word_weights": [[weights[w]] for w in words],
            "feature_names": [], "feature_mean": [], "feature_scale": [], "feature_weights": [],
            "feature_factor": 0.3, "intercept": [intercept], "threshold": 0.5,
        }
    )  # fmt: skip


SOFT = hand_model({"blanket": 3.0, "cocoa": 3.0, "giggled": 0.5, "snow": 0.5})


def paragraphs(text: str) -> list[Span]:
    spans, start = [], 0
    for block in text.split("\n\n"):
        spans.append(Span(start, start + len(block)))
        start += len(block) + 2
    return spans


ROUTINE = " ".join(["The clock on the wall ticked on through the long afternoon."] * 10)
"""A paragraph of 110 words none of the hand-made models knows: stories need 100 words."""
COSY = (
    "They sat under one blanket with two mugs of cocoa.\n\n"
    "Outside, the snow kept falling on the empty street.\n\n"
    f"{ROUTINE}\n\n"
    "Mara giggled when the cat climbed onto the blanket."
)
PLAIN = f"The meeting ran late.\n\nNobody took notes.\n\n{ROUTINE}\n\nThe bus left at six."


def test_the_model_decides_and_its_probability_is_the_confidence() -> None:
    [tag] = detect_tags(COSY, paragraphs(COSY), rules=RULES, models={"Fluff": SOFT})
    expected = SOFT.probabilities(word_counts(COSY), ())[1]
    assert tag.name == "Fluff"
    assert tag.confidence == pytest.approx(expected, abs=0.001)
    assert detect_tags(PLAIN, paragraphs(PLAIN), rules=RULES, models={"Fluff": SOFT}) == ()


def test_a_calibrated_model_states_its_calibrated_chance() -> None:
    # Platt scaling (1, -ln 3) divides the odds by three: the tag still fires on the raw
    # probability, and states the chance the calibration gives it.
    calibrated = replace(SOFT, calibration=(1.0, -math.log(3)))
    [tag] = detect_tags(COSY, paragraphs(COSY), rules=RULES, models={"Fluff": calibrated})
    p = SOFT.probabilities(word_counts(COSY), ())[1]
    odds = p / (1 - p) / 3
    assert tag.confidence == pytest.approx(odds / (1 + odds), abs=0.001)
    assert tag.confidence < p


def test_pattern_hits_come_first_then_the_sentences_that_push_hardest() -> None:
    [tag] = detect_tags(COSY, paragraphs(COSY), rules=RULES, models={"Fluff": SOFT})
    shown = [span.of(COSY) for span in tag.evidence]
    assert shown[0] == "Mara giggled when the cat climbed onto the blanket."  # the pattern
    assert shown[1] == "They sat under one blanket with two mugs of cocoa."  # pushes hardest
    assert len(shown) == 3  # the snow pushes a little; no sentence twice


def test_a_pattern_hit_alone_does_not_fire_a_model_tag() -> None:
    text = f"Mara giggled at the bus timetable.\n\n{ROUTINE}"
    assert detect_tags(text, paragraphs(text), rules=RULES, models={"Fluff": SOFT}) == ()


def test_a_story_too_short_to_read_a_tone_from_gets_no_model_tag() -> None:
    short = COSY.replace(f"{ROUTINE}\n\n", "")
    assert detect_tags(short, paragraphs(short), rules=RULES, models={"Fluff": SOFT}) == ()


def test_the_evidence_limit_holds() -> None:
    [tag] = detect_tags(COSY, paragraphs(COSY), rules=RULES, models={"Fluff": SOFT}, max_evidence=1)
    assert len(tag.evidence) == 1


def test_the_word_counts_a_caller_gives_are_the_ones_read() -> None:
    empty = detect_tags(COSY, paragraphs(COSY), rules=RULES, models={"Fluff": SOFT}, counts={})
    assert empty == ()  # no words, only the intercept: 0.27


HP = "Harry Potter - J. K. Rowling"


def test_a_tag_of_one_canon_fires_only_in_its_works() -> None:
    rules = parse_tags(
        f'version = 1\n[[tag]]\nname = "Fluff"\nmodel = true\nfandom = "{HP}"\n', source="t"
    )
    models = {"Fluff": SOFT}
    assert detect_tags(COSY, paragraphs(COSY), rules=rules, models=models) == ()
    other = detect_tags(COSY, paragraphs(COSY), rules=rules, models=models, fandoms=["Naruto"])
    assert other == ()
    [tag] = detect_tags(COSY, paragraphs(COSY), rules=rules, models=models, fandoms=[HP])
    assert tag.name == "Fluff"


def test_every_canon_a_tag_names_is_a_fandom_pack() -> None:
    packs = {pack.name for pack in load_packs()}
    named = {rule.fandom for rule in load_tags() if rule.fandom is not None}
    assert named and named <= packs


MARAUDERS = "\n\n".join(
    [
        "The common room was empty except for the four of them, sprawled by the fire after curfew.",
        "Sirius had his feet on the table and the map spread across his knees. \u201cFilch is"
        " on the third floor,\u201d he said. \u201cProngs, you owe me a Galleon.\u201d",
        "James groaned and tossed the coin at him. He was watching the portrait hole, because"
        " Lily Evans had gone to the library an hour ago and had not come back.",
        "Remus looked up from his essay. \u201cShe\u2019s a prefect, James. She\u2019s allowed"
        " to be out.\u201d",
        "Peter laughed, and Sirius grinned the grin that meant trouble. \u201cMoony\u2019s"
        " right. But Moony also needs a break from Slughorn\u2019s homework, and the full moon"
        " is on Friday.\u201d",
        "Upstairs in the dormitory, the Marauders made their plans for the last prank of sixth"
        " year, while snow fell past the windows of Gryffindor Tower.",
    ]
)


def test_the_pipeline_gives_a_canons_tag_to_a_story_of_that_canon(tmp_path: Path) -> None:
    path = tmp_path / "sixth-year.txt"
    path.write_text(MARAUDERS, encoding="utf-8")
    analysis = analyze(read(path), nlp=False)
    assert HP in {fandom.name for fandom in analysis.fandoms}
    assert analysis.content is not None
    [era] = [tag for tag in analysis.content.tags if tag.name == "Marauders' Era"]
    shown = [span.of(analysis.work.text) for span in era.evidence]
    assert any("Prongs" in line or "Marauders" in line for line in shown)  # its patterns
    told_naruto = detect_tags(MARAUDERS, paragraphs(MARAUDERS), fandoms=["Naruto"])
    assert "Marauders' Era" not in {tag.name for tag in told_naruto}


def test_fandom_must_be_a_name() -> None:
    with pytest.raises(ValueError, match=r"tag\[0\] \(Fluff\)\.fandom: expected a fandom pack"):
        parse_tags('version = 1\n[[tag]]\nname = "Fluff"\nmodel = true\nfandom = 3\n', source="t")


def test_model_must_be_true_or_false() -> None:
    with pytest.raises(ValueError, match=r"tag\[0\] \(Fluff\)\.model: expected true or false"):
        parse_tags('version = 1\n[[tag]]\nname = "Fluff"\nmodel = "yes"\n', source="t.toml")


def test_a_model_rule_needs_no_patterns() -> None:
    [rule] = parse_tags('version = 1\n[[tag]]\nname = "Fluff"\nmodel = true\n', source="t.toml")
    assert rule.model and not rule.groups


def test_a_missing_model_names_the_file_and_the_command() -> None:
    rules = parse_tags('version = 1\n[[tag]]\nname = "Space Opera"\nmodel = true\n', source="t")
    with pytest.raises(ModelError, match=r"models/tag\.space_opera\.json.*ficlens train tags"):
        detect_tags(COSY, paragraphs(COSY), rules=rules)


def test_every_model_rule_ships_its_model() -> None:
    decided = [rule for rule in load_tags() if rule.model]
    assert {rule.name for rule in decided} >= {"Fluff", "Angst", "Humor", "Hurt/Comfort"}
    for rule in decided:
        model = load_model(model_name(rule.name))
        assert model.classes == ("no", rule.name)
        assert not model.feature_names  # words only: every decision traces to passages
        assert 0 < model.threshold < 1
        assert model.calibration is not None  # a tag's confidence is a calibrated chance
        assert train_command(model.name) == "tags"


SUNNY = "\n\n".join(
    [
        "Saturday morning, and the kitchen smelled of pancakes and warm butter.",
        "Tom giggled as Ada flicked flour at his nose, and she kissed the spot better.",
        "They curled up on the sofa under a fluffy blanket with mugs of cocoa.",
        "The puppy snuggled between them and sighed happily. Ada smiled, soft and sleepy.",
        "\u201cBest day,\u201d Tom murmured into her hair, and she giggled again.",
        "Later they baked cookies, and Tom got chocolate on his cheek. Ada laughed and kissed it"
        " away while the puppy wagged its tail, and the whole flat smelled sweet and cosy.",
        "That evening Tom read aloud by the fire while Ada dozed against his shoulder, warm and"
        " content, and he smiled down at her.",
    ]
)
GRIEF = "\n\n".join(
    [
        "The funeral was on a grey Tuesday. Ada could not stop crying.",
        "She stood by the grave long after the others had gone, shaking with sobs.",
        "Tom was dead, and nothing would bring him back. Her chest ached with grief.",
        "At night the silence of the empty flat was unbearable, and she wept into his coat.",
        "\u201cYou promised,\u201d she whispered to no one, tears on her face."
        " \u201cYou promised.\u201d",
        "Weeks passed and the pain did not fade. She kept his letters in a box and read them"
        " every night, sobbing, until the words blurred and she fell asleep alone.",
        "Her friends came with food she did not eat. She could not bear to open the curtains,"
        " and the days ran together, grey and hollow.",
    ]
)


def test_the_shipped_models_read_tone() -> None:
    sunny = {tag.name for tag in detect_tags(SUNNY, paragraphs(SUNNY))}
    grief = {tag.name for tag in detect_tags(GRIEF, paragraphs(GRIEF))}
    assert "Fluff" in sunny and "Angst" not in sunny
    assert "Angst" in grief and "Fluff" not in grief


def test_training_writes_a_model_per_rule_from_the_first_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("sklearn")
    from ficlens.content import tag_training, training

    rows = (
        [
            {
                "work_id": f"s{n}",
                "authors": [f"sun{n}"],
                "freeforms": ["Fluff", "Humor"],
                "text": SUNNY.replace("Ada", name),
            }
            for n, name in enumerate(["Ada", "Bea", "Cleo", "Dot", "Eve", "Fay"])
        ]
        + [
            {
                "work_id": f"g{n}",
                "authors": [f"rain{n}"],
                "freeforms": ["Angst"],
                "text": GRIEF.replace("Ada", name),
            }
            for n, name in enumerate(["Ada", "Bea", "Cleo", "Dot", "Eve", "Fay"])
        ]
        + [{"work_id": "late", "authors": ["late"], "freeforms": ["Fluff"], "text": SUNNY}]
    )
    path = tmp_path / "works.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(training, "MIN_DF", 1)
    rules = parse_tags('version = 1\n[[tag]]\nname = "Fluff"\nmodel = true\n', source="t")
    monkeypatch.setattr(tag_training, "load_tags", lambda: rules)
    said: list[str] = []
    [model] = tag_training.train_tag_models(path, say=said.append, out=tmp_path, limit=12)
    assert model.name == "tag.fluff" and (tmp_path / "tag.fluff.json").is_file()
    assert model.meta["works"] == 12 and "late" not in model.meta["work_ids"]
    assert any("6 of 12 works tagged" in line for line in said)
    sunny = model.probabilities(word_counts(SUNNY), ())[1]
    grief = model.probabilities(word_counts(GRIEF), ())[1]
    assert sunny > model.threshold > grief
    assert model.calibration is not None
