"""Freeform tags: structural tags, lexical evidence, thresholds, signals, the loader, scoring.

Every story line here is written for these tests.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from ficlens.content.tags import (
    MAX_EVIDENCE_CHARS,
    TagRule,
    detect_tags,
    load_tags,
    parse_tags,
    read_tags,
    sentence_span,
)
from ficlens.content.tags.lexical import PreparedText, lexical_hits
from ficlens.eval.tags import micro, score_tags
from ficlens.model import Chapter, Scene, Signal, Span, Tag


def paragraphs(text: str) -> list[Span]:
    """Paragraphs separated by blank lines, without their outer whitespace."""
    spans = []
    for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        stripped = match.group().strip()
        start = match.start() + match.group().index(stripped)
        spans.append(Span(start, start + len(stripped)))
    return spans


def tags_of(text: str, **kwargs: object) -> dict[str, Tag]:
    found = detect_tags(text, paragraphs(text), **kwargs)  # type: ignore[arg-type]
    return {tag.name: tag for tag in found}


def span_at(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle))


FILLER = "The kettle ticked as it cooled on the stove beside the window."

# --- the packaged lexicon --------------------------------------------------------------------


def test_packaged_tags_load_and_are_many() -> None:
    rules = load_tags()
    names = [rule.name for rule in rules]
    assert len(names) >= 45
    assert len(set(names)) == len(names)
    assert {"Time Skip", "Epilogue", "Flashbacks", "Smut", "Christmas", "Hurt/Comfort"} <= set(
        names
    )


def test_tags_toml_is_package_data() -> None:
    assert resources.files("ficlens.content").joinpath("tags.toml").is_file()


def test_a_plain_story_gets_no_tags() -> None:
    text = "\n\n".join([FILLER, "She read the paper and went to work.", "Nothing much happened."])
    assert detect_tags(text, paragraphs(text)) == ()


# --- structural tags -------------------------------------------------------------------------


def test_time_skip_from_a_scene_heading() -> None:
    text = "She left the village.\n\n~Five Years Later~\n\nShe came back grey."
    heading = span_at(text, "~Five Years Later~")
    scenes = (
        Scene(1, Span(0, 21), (Span(0, 21),)),
        Scene(
            2,
            Span(heading.start, len(text)),
            (Span(heading.start, len(text)),),
            kind="time_skip",
            heading="Five Years Later",
            heading_span=heading,
        ),
    )
    tags = {t.name: t for t in detect_tags(text, [], scenes=scenes)}
    assert tags["Time Skip"].evidence == (heading,)
    assert 0 < tags["Time Skip"].confidence <= 1


def test_time_skip_from_a_heading_paragraph_but_not_from_the_next_morning() -> None:
    skipped = "He planted the tree.\n\nThree years later\n\nIt was taller than him."
    tags = tags_of(skipped)
    assert tags["Time Skip"].evidence == (span_at(skipped, "Three years later"),)
    assert "Time Skip" not in tags_of("He planted the tree.\n\nThe next morning\n\nIt rained.")


def test_a_time_skip_in_a_sentence_or_dialogue_is_no_heading() -> None:
    assert "Time Skip" not in tags_of("Three years later, he still had the scar on his hand.")
    assert "Time Skip" not in tags_of("He stared at her.\n\n“Three years later?”\n\nShe nodded.")


def test_epilogue_from_a_chapter_and_from_a_heading_line() -> None:
    text = "Chapter 1\n\nThey argued.\n\nEpilogue\n\nThey made up."
    heading = span_at(text, "Epilogue")
    chapters = (
        Chapter(1, None, Span(0, heading.start), Span(0, 9), "chapter", 1, ()),
        Chapter(2, "Epilogue", Span(heading.start, len(text)), heading, "epilogue", None, ()),
    )
    by_chapter = {t.name: t for t in detect_tags(text, [], chapters=chapters)}
    assert by_chapter["Epilogue"].evidence == (heading,)
    assert tags_of(text)["Epilogue"].evidence == (heading,)
    assert "Epilogue" not in tags_of("The epilogue of the book was sad, she said.")


def test_flashbacks_from_a_scene_kind_and_a_heading() -> None:
    text = "He woke.\n\nThe orchard was white with blossom that spring."
    scene = Span(10, len(text))
    scenes = (Scene(2, scene, (scene,), kind="flashback"),)
    tags = {t.name: t for t in detect_tags(text, [], scenes=scenes)}
    assert tags["Flashbacks"].evidence == (scene,)
    marked = "He woke.\n\n*Flashback*\n\nThe orchard was in bloom."
    assert tags_of(marked)["Flashbacks"].evidence == (span_at(marked, "*Flashback*"),)


def test_dialogue_read_as_a_flashback_heading_does_not_count() -> None:
    text = "He shrugged.\n\n“Then what?”\n\nShe laughed."
    line = span_at(text, "“Then what?”")
    scenes = (
        Scene(
            2,
            Span(line.start, len(text)),
            (Span(line.start, len(text)),),
            kind="flashback",
            heading="Then what?",
            heading_span=line,
        ),
    )
    assert "Flashbacks" not in {t.name for t in detect_tags(text, [], scenes=scenes)}


# --- lexical tags ----------------------------------------------------------------------------

CHRISTMAS = "\n\n".join(
    [
        "Snow had settled on the roofs. Mara hung a paper star on the Christmas tree by the door.",
        FILLER,
        "Her brother arrived late. He had forgotten it was Christmas Eve, again.",
        FILLER,
        "They sang carols badly until midnight. The cat slept through all of it.",
    ]
)


def test_christmas_fires_with_sentence_sized_evidence() -> None:
    tag = tags_of(CHRISTMAS)["Christmas"]
    texts = [span.of(CHRISTMAS) for span in tag.evidence]
    assert texts == [
        "Mara hung a paper star on the Christmas tree by the door.",
        "He had forgotten it was Christmas Eve, again.",
        "They sang carols badly until midnight.",
    ]
    assert 0.5 <= tag.confidence < 1


def test_a_single_weak_hit_does_not_fire() -> None:
    once = "\n\n".join([FILLER, "He remembered a Christmas long ago.", FILLER])
    assert "Christmas" not in tags_of(once)
    halloween = "\n\n".join([FILLER, "She carved nothing that Halloween.", FILLER])
    assert "Halloween" not in tags_of(halloween)


def test_one_paragraph_counts_once() -> None:
    text = "Christmas came. Christmas went. Christmas was over, and so was Christmas."
    assert "Christmas" not in tags_of(text)


def test_a_strong_hit_fires_alone() -> None:
    text = "\n\n".join([FILLER, "He knelt in the mud. “Will you marry me?”", FILLER])
    tag = tags_of(text)["Marriage Proposal"]
    assert [span.of(text) for span in tag.evidence] == ["“Will you marry me?”"]


def test_time_travel_from_a_trip_into_the_past_and_home_again() -> None:
    text = "\n\n".join(
        [
            "The spell went wrong, and Mara was thrown back into the past.",
            FILLER,
            "For a year she tried to get back to her own time.",
        ]
    )
    tag = tags_of(text)["Time Travel"]
    assert [span.of(text) for span in tag.evidence] == [
        "The spell went wrong, and Mara was thrown back into the past.",
        "For a year she tried to get back to her own time.",
    ]
    assert "Time Travel" not in tags_of("\n\n".join([FILLER, "She lived in the past.", FILLER]))


def test_first_kiss_asked_for_on_the_page() -> None:
    text = "\n\n".join([FILLER, "“Can I kiss you?” Tam asked, and Ives kissed him first.", FILLER])
    tag = tags_of(text)["First Kiss"]
    assert [span.of(text) for span in tag.evidence] == ["“Can I kiss you?”"]


@pytest.mark.parametrize(
    "line",
    [
        "Ives had loved Tam ever since their first kiss, and he kissed him now.",
        "“Do you remember our first kiss?” Tam asked, and kissed him.",
        "They had kissed for the first time a year ago; he kissed her again.",
        "He kissed her like it was their first kiss.",
    ],
)
def test_first_kiss_remembered_or_likened_is_not_on_the_page(line: str) -> None:
    assert "First Kiss" not in tags_of("\n\n".join([FILLER, line, FILLER]))


@pytest.mark.parametrize("to", ["Mum", "son", "my child", "mate"])
def test_i_love_you_said_to_family_or_a_friend_is_no_love_confession(to: str) -> None:
    lines = [f"“I love you, {to},” Ives said.", f"“I love you too, {to}.”", f"“I love you, {to}.”"]
    assert "Love Confessions" not in tags_of("\n\n".join([FILLER, *lines, FILLER]))
    said_to_tam = [line.replace(to, "Tam") for line in lines]
    assert "Love Confessions" in tags_of("\n\n".join([FILLER, *said_to_tam, FILLER]))


def test_a_couple_kissing_is_no_first_kiss() -> None:
    text = "\n\n".join(["“Kiss me,” she said, and he kissed her.", "Their lips met again."])
    assert "First Kiss" not in tags_of(text)


def test_more_evidence_means_more_confidence() -> None:
    more = CHRISTMAS + "\n\n" + "The Christmas pudding caught fire.\n\nSanta never came."
    assert tags_of(more)["Christmas"].confidence > tags_of(CHRISTMAS)["Christmas"].confidence


def test_max_evidence_caps_the_spans() -> None:
    assert len(tags_of(CHRISTMAS, max_evidence=1)["Christmas"].evidence) == 1


def test_excluded_sentences_do_not_count() -> None:
    shouts = "\n\n".join(["He cried out in surprise."] * 6)
    assert "Crying" not in tags_of(shouts)
    sobs = "\n\n".join(
        ["She cried into his shoulder.", "The tears would not stop.", "She sobbed quietly."] * 2
    )
    assert "Crying" in tags_of(sobs)


def test_curly_and_straight_apostrophes_match_alike() -> None:
    text = "\n\n".join(
        [
            "They brought him to St Mungo’s at dawn.",
            "The hospital smelled of lemons and fear.",
            "A Healer at St Mungo's sat with him.",
        ]
    )
    assert "Hospitals" in tags_of(text)


def test_tags_come_strongest_first() -> None:
    text = CHRISTMAS + "\n\nThe mistletoe hung low.\n\nHe kissed her under the mistletoe."
    found = detect_tags(text, paragraphs(text))
    names = [tag.name for tag in found]
    # Christmas: five paragraphs with a hit (threshold 3); Mistletoe: two (threshold 2)
    assert {"Christmas", "Mistletoe"} <= set(names)
    assert names.index("Christmas") < names.index("Mistletoe")
    confidences = [tag.confidence for tag in found]
    assert confidences == sorted(confidences, reverse=True)


# --- signals ---------------------------------------------------------------------------------


def test_smut_needs_the_sexual_signal_at_explicit() -> None:
    text = "They went to bed.\n\nLater, they slept."
    evidence = (Span(0, 17),)
    explicit = Signal("sexual", "explicit", 12.0, evidence)
    tags = {t.name: t for t in detect_tags(text, paragraphs(text), signals=[explicit])}
    assert tags["Smut"].evidence == evidence
    implied = Signal("sexual", "implied", 3.0, evidence)
    assert "Smut" not in {t.name for t in detect_tags(text, paragraphs(text), signals=[implied])}
    assert "Smut" not in {t.name for t in detect_tags(text, paragraphs(text))}


# --- schema features, on rules written here ---------------------------------------------------

BASE = 'version = 1\n\n[[tag]]\nname = "Rain"\n'


@pytest.mark.parametrize(
    "denial",
    ["She did not kiss him.", "She didn't even kiss him.", "She was never going to kiss him."],
)
def test_a_denied_hit_is_no_evidence(denial: str) -> None:
    rules = rules_of("min_hits = 2\npatterns = ['\\bkiss(?:ed)?\\b']\n")
    denials = "\n\n".join([denial] * 3)
    assert detect_tags(denials, paragraphs(denials), rules=rules) == ()
    kisses = denials + "\n\nAt the door she kissed him.\n\nThey kissed again."
    (tag,) = detect_tags(kisses, paragraphs(kisses), rules=rules)
    assert [span.of(kisses) for span in tag.evidence] == [
        "At the door she kissed him.",
        "They kissed again.",
    ]


def test_a_negation_far_back_in_the_sentence_does_not_deny_the_hit() -> None:
    rules = rules_of("min_hits = 2\npatterns = ['\\btears\\b']\n")
    text = "Nothing could stop the tears on her face.\n\nNo one saw the tears she shed."
    assert [t.name for t in detect_tags(text, paragraphs(text), rules=rules)] == ["Rain"]


def rules_of(body: str) -> tuple[TagRule, ...]:
    return parse_tags(BASE + body, source="test.toml")


def test_required_group_must_match() -> None:
    rules = parse_tags(
        BASE
        + "min_hits = 2\npatterns = ['\\bumbrella\\b']\n"
        + "[[tag.group]]\nweight = 0\nrequired = true\npatterns = ['\\brain\\b']\n",
        source="test.toml",
    )
    dry = "The umbrella stood by the door.\n\nHe bought a second umbrella."
    wet = dry + "\n\nThe rain came at noon."
    assert detect_tags(dry, paragraphs(dry), rules=rules) == ()
    assert [t.name for t in detect_tags(wet, paragraphs(wet), rules=rules)] == ["Rain"]


def test_position_end_only_counts_the_last_part() -> None:
    rules = parse_tags(
        BASE + "min_hits = 2\nposition = \"end\"\npatterns = ['\\brain\\b']\n",
        source="test.toml",
    )
    early = "\n\n".join(["The rain began.", "The rain kept on.", *[FILLER] * 6])
    late = "\n\n".join([*[FILLER] * 6, "The rain began.", "The rain kept on."])
    assert detect_tags(early, paragraphs(early), rules=rules) == ()
    assert [t.name for t in detect_tags(late, paragraphs(late), rules=rules)] == ["Rain"]


def test_min_density_needs_hits_per_thousand_words() -> None:
    rules = parse_tags(
        BASE + "min_hits = 2\nmin_density = 5.0\npatterns = ['\\brain\\b']\n",
        source="test.toml",
    )
    short = "The rain began.\n\nThe rain kept on."
    long = "\n\n".join([short, *[FILLER] * 60])
    assert detect_tags(short, paragraphs(short), rules=rules)
    assert detect_tags(long, paragraphs(long), rules=rules) == ()


def test_sentence_span_cuts_long_sentences_around_the_match() -> None:
    words = " ".join(["word"] * 120)
    text = f"{words} umbrella {words}."
    match = span_at(text, "umbrella")
    span = sentence_span(text, Span(0, len(text)), match)
    assert span.contains(match)
    assert len(span) <= MAX_EVIDENCE_CHARS
    assert not span.of(text).startswith(" ") and not span.of(text).endswith(" ")


def _counts(tag: str, sentence: str) -> bool:
    """Whether the packaged rule of ``tag`` counts a hit in a one-sentence story."""
    [rule] = [rule for rule in load_tags() if rule.name == tag]
    prepared = PreparedText.of(sentence, [Span(0, len(sentence))])
    return bool(lexical_hits(rule, prepared))


@pytest.mark.parametrize(
    ("tag", "sentence", "counts"),
    [
        ("Angst", "Lavender tears her eyes away from the window.", False),
        ("Angst", "Tears ran down her face as the train left.", True),
        ("Crying", "He tears open the envelope.", False),
        ("Crying", "She wiped the tears from her cheeks.", True),
        ("Alcohol", "\u201cNot playing at anything, Gin.\u201d", False),
        ("Alcohol", "He poured himself a glass of gin.", True),
        ("Alcohol", "She ordered a gin and tonic.", True),
        ("Love Confessions", "\u201cI took it,\u201d Remus confesses.", False),
        ("Love Confessions", "It was a confession, of sorts.", True),
        ("Illness", "Ron threw up a shield as the curse flew.", False),
        ("Illness", "Harry threw up twice before breakfast.", True),
        ("Injury", "\u201cBleeding hell, that was close.\u201d", False),
        ("Injury", "The planner is trying to bleed the Ministry dry.", False),
        ("Injury", "\u201cYou wound me,\u201d he said, grinning.", False),
        ("Injury", "She wound her scarf around her neck.", False),
        ("Injury", "The wound on his arm was bleeding again.", True),
        ("Hurt/Comfort", "\u201cBleeding hell,\u201d Ron said.", False),
        ("Break Up", "He told them that he had broken up a fight.", False),
        ("Break Up", "He said they had broken up in May.", True),
        ("Smoking", "Crimson smoke curled over the lake.", False),
        ("Smoking", "The smoking ruins of the house were still warm.", False),
        ("Smoking", "Her mood was lighter than the day before.", False),
        ("Smoking", "He smoked in silence by the window.", True),
    ],
)
def test_shipped_tags_skip_idioms_and_keep_the_real_thing(
    tag: str, sentence: str, counts: bool
) -> None:
    assert _counts(tag, sentence) is counts


# --- the loader's errors ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("min_hits = 2\npatterns = ['rain']\n", r"tag\[0\] \(Rain\)\.patterns\[0\]: .*\\b"),
        ("min_hits = 2\npatterns = ['\\b(rain\\b']\n", r"Rain\)\.patterns\[0\]: invalid regular"),
        ("min_hits = 2\npatterns = ['\\bRain\\b']\n", r"Rain\)\.patterns\[0\]: .*lower case"),
        ("min_hits = 'two'\npatterns = ['\\brain\\b']\n", r"Rain\)\.min_hits: expected a number"),
        ("colour = 'grey'\npatterns = ['\\brain\\b']\n", r"Rain\): unknown field\(s\) colour"),
        ("position = 'middle'\npatterns = ['\\brain\\b']\n", r"Rain\)\.position: expected one"),
        ("requires_signal = { name = 'weather', level = 'wet' }\n", r"requires_signal\.name"),
        ("requires_signal = { name = 'sexual', level = 'steamy' }\n", r"requires_signal\.level"),
        ("[structure]\nscene_kinds = ['montage']\n", r"structure\.scene_kinds\[0\]"),
        ("aliases = ['rainy days']\n", r"Rain\): expected patterns"),
        ("[[tag.group]]\nweight = 0\npatterns = ['\\brain\\b']\n", r"group\[0\]\.weight"),
    ],
)
def test_a_broken_tag_names_the_file_and_the_tag(body: str, message: str) -> None:
    with pytest.raises(ValueError, match=rf"^test\.toml: .*{message}"):
        rules_of(body.replace("[structure]", "[tag.structure]"))


def test_a_broken_file_on_disk_names_its_path(tmp_path: Path) -> None:
    broken = tmp_path / "tags.toml"
    broken.write_text('version = 1\n[[tag]\nname = "Rain"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=rf"^{re.escape(str(broken))}: not valid TOML"):
        read_tags(broken)


def test_a_tag_declared_twice_is_an_error() -> None:
    twice = (
        BASE + "patterns = ['\\brain\\b']\n\n[[tag]]\nname = \"rain\"\npatterns = ['\\bwet\\b']\n"
    )
    with pytest.raises(ValueError, match=r"tag\[1\] \(rain\): this tag name is declared twice"):
        parse_tags(twice, source="test.toml")


def test_a_file_without_version_or_tags_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"^test\.toml: version"):
        parse_tags('[[tag]]\nname = "Rain"\n', source="test.toml")
    with pytest.raises(ValueError, match=r"^test\.toml: tag: expected one or more"):
        parse_tags("version = 1\n", source="test.toml")


# --- scoring against authors' tags -----------------------------------------------------------


def test_score_tags_matches_case_and_close_variants() -> None:
    aliases = {"Hurt/Comfort": ["emotional hurt/comfort"], "Alcohol": ["drinking"], "Fluff": []}
    rows = [
        (["Hurt/Comfort", "Alcohol"], ["hurt/comfort", "Alcohol Abuse"]),
        (["Fluff"], ["Emotional Hurt/Comfort", "fluff"]),
        ([], ["DRINKING"]),
    ]
    scores = score_tags(rows, aliases=aliases)
    hurt, alcohol, fluff = scores["Hurt/Comfort"], scores["Alcohol"], scores["Fluff"]
    assert (hurt.tp, hurt.fp, hurt.fn) == (1, 0, 1)
    assert (alcohol.tp, alcohol.fp, alcohol.fn) == (0, 1, 1)  # "Alcohol Abuse" is another tag
    assert (fluff.tp, fluff.fp, fluff.fn) == (1, 0, 0)
    assert hurt.precision == 1.0 and hurt.recall == 0.5
    assert hurt.f1 == pytest.approx(2 / 3)
    assert alcohol.f1 == 0.0 and alcohol.support == 1 and alcohol.predicted == 1
    total = micro(scores.values())
    assert (total.tp, total.fp, total.fn) == (2, 1, 2)


def test_score_tags_plurals_and_combined_tags() -> None:
    aliases = {"Weddings": [], "Fluff": ["fluff and angst"], "Angst": ["fluff and angst"]}
    scores = score_tags([(["Weddings", "Angst"], ["Wedding", "Fluff and Angst"])], aliases=aliases)
    assert scores["Weddings"].tp == 1
    assert scores["Angst"].tp == 1
    assert scores["Fluff"].fn == 1


def test_score_tags_uses_the_packaged_aliases() -> None:
    scores = score_tags([(["Christmas"], ["Christmas Fluff"])])
    assert scores["Christmas"].tp == 1
    assert scores["Smut"].support == 0
