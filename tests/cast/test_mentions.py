"""Person mentions in hand-built parses: entities, titles, honorifics, speech subjects."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ficlens.cast.mentions import Mention, find_mentions, mentions_in
from ficlens.model import Span
from ficlens.nlp import Parsed

MakeParsed = Callable[..., Parsed]


def described(text: str, mentions: list[Mention]) -> list[tuple[str, str, str, bool]]:
    """Each mention as (text of its span, key, source, speech subject)."""
    return [(m.span.of(text), m.key, m.source, m.speech_subject) for m in mentions]


def test_person_entity(make_parsed: MakeParsed) -> None:
    text = "Tamsin Vale waved."
    rows = [
        ("Tamsin", "NNP", "compound", 1),
        ("Vale", "NNP", "nsubj", 2),
        ("waved", "VBD", "ROOT", 2),
        (".", ".", "punct", 2),
    ]
    parsed = make_parsed(text, rows, entities=[(0, 1, "PERSON")])
    assert described(text, mentions_in(text, parsed)) == [
        ("Tamsin Vale", "Tamsin Vale", "ner", False)
    ]


def test_an_entity_run_over_spaces_and_a_comma_ends_at_the_name(make_parsed: MakeParsed) -> None:
    text = "He looks so like Corin  , she thought."
    rows = [
        ("He", "PRP", "nsubj", 1),
        ("looks", "VBZ", "ROOT", 1),
        ("so", "RB", "advmod", 3),
        ("like", "IN", "prep", 1),
        ("Corin", "NNP", "pobj", 3),
        ("  ", "_SP", "dep", 4),
        (",", ",", "punct", 1),
        ("she", "PRP", "nsubj", 8),
        ("thought", "VBD", "parataxis", 1),
        (".", ".", "punct", 1),
    ]
    parsed = make_parsed(text, rows, entities=[(4, 6, "PERSON")])
    [mention] = mentions_in(text, parsed)
    assert (mention.span.of(text), mention.key) == ("Corin", "Corin")


def test_an_entity_run_over_a_list_is_each_name_in_it(make_parsed: MakeParsed) -> None:
    text = "Corin, Mab and Osk ate."
    rows = [
        ("Corin", "NNP", "nsubj", 5),
        (",", ",", "punct", 0),
        ("Mab", "NNP", "conj", 0),
        ("and", "CC", "cc", 2),
        ("Osk", "NNP", "conj", 2),
        ("ate", "VBD", "ROOT", 5),
        (".", ".", "punct", 5),
    ]
    parsed = make_parsed(text, rows, entities=[(0, 4, "PERSON")])
    assert [m.key for m in mentions_in(text, parsed)] == ["Corin", "Mab", "Osk"]


def test_title_before_an_entity_is_joined(make_parsed: MakeParsed) -> None:
    text = "Then Mr. Darcy bowed."
    rows = [
        ("Then", "RB", "advmod", 3),
        ("Mr.", "NNP", "compound", 2),
        ("Darcy", "NNP", "nsubj", 3),
        ("bowed", "VBD", "ROOT", 3),
        (".", ".", "punct", 3),
    ]
    parsed = make_parsed(text, rows, entities=[(2, 2, "PERSON")])
    [mention] = mentions_in(text, parsed)
    assert mention.span.of(text) == "Mr. Darcy"
    assert mention.key == "Mr. Darcy"
    assert (mention.parts.title, mention.parts.name) == ("Mr.", "Darcy")


@pytest.mark.parametrize(
    ("text", "span_text", "honorific"),
    [
        pytest.param("Kakashi-sensei yawned.", "Kakashi-sensei", "sensei", id="glued"),
        pytest.param("Kakashi - sensei yawned.", "Kakashi", "", id="spaced-dash-is-not-one"),
    ],
)
def test_honorific_after_an_entity(
    make_parsed: MakeParsed, text: str, span_text: str, honorific: str
) -> None:
    rows = [
        ("Kakashi", "NNP", "compound", 2),
        ("-", "HYPH", "punct", 2),
        ("sensei", "NNP", "nsubj", 3),
        ("yawned", "VBD", "ROOT", 3),
        (".", ".", "punct", 3),
    ]
    parsed = make_parsed(text, rows, entities=[(0, 0, "PERSON")])
    [mention] = mentions_in(text, parsed)
    assert mention.span.of(text) == span_text
    assert mention.key == "Kakashi"
    assert mention.parts.honorific == honorific


def yes_said(name: str) -> list[tuple[str, str, str, int]]:
    """Token rows of ``"Yes," said NAME.``, the name tagged as the subject of ``said``."""
    words = name.split()
    said = 4
    return [
        ('"', "``", "punct", said),
        ("Yes", "UH", "intj", said),
        (",", ",", "punct", said),
        ('"', "''", "punct", said),
        ("said", "VBD", "ROOT", said),
        *[(w, "NNP", "compound", said + len(words)) for w in words[:-1]],
        (words[-1], "NNP", "nsubj", said),
        (".", ".", "punct", said),
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param('"Yes," said Itachi.', "Itachi", id="one-word"),
        pytest.param('"Yes," said Uchiha Itachi.', "Uchiha Itachi", id="two-words"),
    ],
)
def test_speech_subject_without_an_entity(make_parsed: MakeParsed, text: str, name: str) -> None:
    parsed = make_parsed(text, yes_said(name))
    assert described(text, mentions_in(text, parsed)) == [(name, name, "speech_subject", True)]


@pytest.mark.parametrize(
    "word",
    [
        "Goodbye",
        "Sorry",
        "Hello",
        "Thanks",
        "Hm",
        "'ve",
        "James'll",
        "Oi!",
        "Oi",
        "Blimey",
        "Fuck",
        "Shit",
    ],
)
def test_what_one_says_after_said_is_no_name(make_parsed: MakeParsed, word: str) -> None:
    # "No one said Goodbye to Draco": the capital does not make the word a speaker.
    text = f"No one said {word}."
    rows = [
        ("No", "DT", "det", 1),
        ("one", "NN", "nsubj", 2),
        ("said", "VBD", "ROOT", 2),
        (word, "NNP", "dobj", 2),
        (".", ".", "punct", 2),
    ]
    assert mentions_in(text, make_parsed(text, rows)) == []


def test_a_name_a_noun_is_called_by_is_no_speaker(make_parsed: MakeParsed) -> None:
    # "a shop called Charming Creations": *called* names the shop, no one speaks.
    text = "Harry found a shop called Charming Creations."
    rows = [
        ("Harry", "NNP", "nsubj", 1),
        ("found", "VBD", "ROOT", 1),
        ("a", "DT", "det", 3),
        ("shop", "NN", "dobj", 1),
        ("called", "VBN", "acl", 3),
        ("Charming", "NNP", "compound", 6),
        ("Creations", "NNP", "oprd", 4),
        (".", ".", "punct", 1),
    ]
    parsed = make_parsed(text, rows, entities=[(5, 6, "PERSON")])
    assert described(text, mentions_in(text, parsed)) == [
        ("Charming Creations", "Charming Creations", "ner", False)
    ]


@pytest.mark.parametrize("word", ["Us", "We", "Me", "It"])
def test_a_short_unmasked_quotation_is_no_speaker(make_parsed: MakeParsed, word: str) -> None:
    # '"Us," Draco answers': a quotation under four characters is not masked, and the parser
    # may take its word for the subject of the speech verb.
    text = f'"Yes," said {word}.'
    assert mentions_in(text, make_parsed(text, yes_said(word))) == []


def test_proper_noun_that_neither_speaks_nor_acts_is_not_a_mention(make_parsed: MakeParsed) -> None:
    text = "Later Itachi loomed."
    rows = [
        ("Later", "RB", "advmod", 2),
        ("Itachi", "NNP", "nsubj", 2),
        ("loomed", "VBD", "ROOT", 2),
        (".", ".", "punct", 2),
    ]
    assert mentions_in(text, make_parsed(text, rows)) == []


def _acting(name: str, verb: str, article: str = "") -> tuple[str, list[tuple[str, str, str, int]]]:
    """``Then [article] NAME VERB.``: a proper noun as a verb's subject, hand-parsed."""
    words = ["Then", *([article] if article else []), name, verb, "."]
    text = " ".join(words[:-1]) + "."
    at = len(words) - 3  # the name's index
    rows = [("Then", "RB", "advmod", at + 1)]
    if article:
        rows.append((article, "DT", "det", at))
    rows += [
        (name, "NNP", "nsubj", at + 1),
        (verb, "VBD", "ROOT", at + 1),
        (".", ".", "punct", at + 1),
    ]
    return text, rows


@pytest.mark.parametrize("verb", ["frowned", "noticed", "shrugged", "knew"])
def test_subject_of_a_verb_only_people_do_is_a_mention(make_parsed: MakeParsed, verb: str) -> None:
    # The small model leaves "Hermione" unlabelled in "Hermione knew that her wand was gone".
    text, rows = _acting("Hermione", verb)
    assert described(text, mentions_in(text, make_parsed(text, rows))) == [
        ("Hermione", "Hermione", "person_subject", False)
    ]


@pytest.mark.parametrize(
    ("name", "verb", "article"),
    [
        pytest.param("Ministry", "knew", "the", id="a thing after an article"),
        pytest.param("Hogwarts", "loomed", "", id="a verb places do too"),
        pytest.param("Headmaster", "smiled", "", id="a title alone"),
        pytest.param("Fuck", "thought", "", id="an oath"),
    ],
)
def test_no_person_subject_for_things(
    make_parsed: MakeParsed, name: str, verb: str, article: str
) -> None:
    text, rows = _acting(name, verb, article)
    assert mentions_in(text, make_parsed(text, rows)) == []


@pytest.mark.parametrize(
    ("words", "found"),
    [
        pytest.param(("rolled", "her", "eyes"), True, id="her eyes"),
        pytest.param(("steadied", "herself", None), True, id="herself"),
        pytest.param(("rolled", "its", "eyes"), False, id="its eyes"),
        pytest.param(("rolled", "the", "dice"), False, id="a thing"),
    ],
)
def test_subject_of_a_verb_on_its_own_body_is_a_mention(
    make_parsed: MakeParsed, words: tuple[str, str, str | None], found: bool
) -> None:
    # "Rose rolled her eyes": the model labels no person, and "rolled" is no verb of people
    # alone, but only a person rolls her eyes or steadies herself.
    verb, second, third = words
    text = f"Then Rose {verb} {second}{f' {third}' if third else ''}."
    rows = [("Then", "RB", "advmod", 2), ("Rose", "NNP", "nsubj", 2), (verb, "VBD", "ROOT", 2)]
    if third is None:
        rows += [(second, "PRP", "dobj", 2), (".", ".", "punct", 2)]
    else:
        tag = "DT" if second == "the" else "PRP$"
        rows += [(second, tag, "poss", 4), (third, "NNS", "dobj", 2), (".", ".", "punct", 2)]
    expected = [("Rose", "Rose", "person_subject", False)] if found else []
    assert described(text, mentions_in(text, make_parsed(text, rows))) == expected


def test_a_person_entity_the_parse_tags_a_past_verb_is_no_mention(make_parsed: MakeParsed) -> None:
    # "Crouch had been Kissed by a Dementor": the model's PERSON is the verb
    text = "Crouch had been Kissed."
    rows = [
        ("Crouch", "NNP", "nsubjpass", 3),
        ("had", "VBD", "aux", 3),
        ("been", "VBN", "auxpass", 3),
        ("Kissed", "VBN", "ROOT", 3),
        (".", ".", "punct", 3),
    ]
    parsed = make_parsed(text, rows, entities=[(3, 3, "PERSON")])
    assert [m.key for m in mentions_in(text, parsed)] == []


def test_entity_that_is_a_speech_subject_is_marked(make_parsed: MakeParsed) -> None:
    text = "Ann whispered to Bo."
    rows = [
        ("Ann", "NNP", "nsubj", 1),
        ("whispered", "VBD", "ROOT", 1),
        ("to", "IN", "prep", 1),
        ("Bo", "NNP", "pobj", 2),
        (".", ".", "punct", 1),
    ]
    parsed = make_parsed(text, rows, entities=[(0, 0, "PERSON"), (3, 3, "PERSON")])
    assert described(text, mentions_in(text, parsed)) == [
        ("Ann", "Ann", "ner", True),
        ("Bo", "Bo", "ner", False),
    ]


@pytest.mark.parametrize(
    ("possessive", "entity_rows"),
    [
        pytest.param("'s", (0, 0), id="entity-without-the-s"),
        pytest.param("'s", (0, 1), id="entity-with-the-s"),
        pytest.param("’s", (0, 1), id="curly"),
    ],
)
def test_possessive_is_dropped(
    make_parsed: MakeParsed, possessive: str, entity_rows: tuple[int, int]
) -> None:
    text = f"Harry{possessive} wand glowed."
    rows = [
        ("Harry", "NNP", "poss", 2),
        (possessive, "POS", "case", 0),
        ("wand", "NN", "nsubj", 3),
        ("glowed", "VBD", "ROOT", 3),
        (".", ".", "punct", 3),
    ]
    parsed = make_parsed(text, rows, entities=[(*entity_rows, "PERSON")])
    assert described(text, mentions_in(text, parsed)) == [("Harry", "Harry", "ner", False)]


@pytest.mark.parametrize(
    ("text", "rows", "entity"),
    [
        pytest.param(
            "Yes, she thought.",
            [("Yes", "UH", "intj", 2), (",", ",", "punct", 2), ("she", "PRP", "nsubj", 2),
             ("thought", "VBD", "ROOT", 2), (".", ".", "punct", 2)],
            (0, 0, "PERSON"),
            id="interjection-as-person",
        ),
        pytest.param(
            "Konoha slept.",
            [("Konoha", "NNP", "nsubj", 1), ("slept", "VBD", "ROOT", 1), (".", ".", "punct", 1)],
            (0, 0, "GPE"),
            id="place-entity",
        ),
        pytest.param(
            "Agent 47 left.",
            [("Agent", "NNP", "compound", 1), ("47", "CD", "nsubj", 2),
             ("left", "VBD", "ROOT", 2), (".", ".", "punct", 2)],
            (0, 1, "PERSON"),
            id="digits",
        ),
        pytest.param(
            "the old man slept.",
            [("the", "DT", "det", 2), ("old", "JJ", "amod", 2), ("man", "NN", "nsubj", 3),
             ("slept", "VBD", "ROOT", 3), (".", ".", "punct", 3)],
            (0, 2, "PERSON"),
            id="lower-case",
        ),
        pytest.param(
            "Sunday came.",
            [("Sunday", "NNP", "nsubj", 1), ("came", "VBD", "ROOT", 1), (".", ".", "punct", 1)],
            (0, 0, "PERSON"),
            id="weekday",
        ),
    ],
)  # fmt: skip
def test_non_names_are_rejected(
    make_parsed: MakeParsed, text: str, rows: list[tuple[str, str, str, int]], entity: tuple
) -> None:
    assert mentions_in(text, make_parsed(text, rows, entities=[entity])) == []


def test_mentions_are_in_text_order_across_pieces(make_parsed: MakeParsed) -> None:
    text = '"Go," said Itachi. Ann Vale ran.\n\nAnn Vale stopped.'
    cut = text.index("\n")
    first = make_parsed(
        text,
        [
            ('"', "``", "punct", 4),
            ("Go", "VB", "ccomp", 4),
            (",", ",", "punct", 4),
            ('"', "''", "punct", 4),
            ("said", "VBD", "ROOT", 4),
            ("Itachi", "NNP", "nsubj", 4),
            (".", ".", "punct", 4),
            ("Ann", "NNP", "compound", 8),
            ("Vale", "NNP", "nsubj", 9),
            ("ran", "VBD", "ROOT", 9),
            (".", ".", "punct", 9),
        ],
        entities=[(7, 8, "PERSON")],
        span=Span(0, cut),
    )
    second = make_parsed(
        text,
        [
            ("Ann", "NNP", "compound", 1),
            ("Vale", "NNP", "nsubj", 2),
            ("stopped", "VBD", "ROOT", 2),
            (".", ".", "punct", 2),
        ],
        entities=[(0, 1, "PERSON")],
        span=Span(cut + 2, len(text)),
    )
    found = find_mentions(text, [first, second])
    assert [(m.key, m.source) for m in found] == [
        ("Itachi", "speech_subject"),
        ("Ann Vale", "ner"),
        ("Ann Vale", "ner"),
    ]
    assert [m.span.start for m in found] == sorted(m.span.start for m in found)
    assert found[2].span.start > cut


def test_speech_subject_mislabelled_by_ner_is_found(make_parsed: MakeParsed) -> None:
    text = '"Yes," said Itachi.'
    rows = [
        ('"', "``", "punct", 4),
        ("Yes", "UH", "intj", 4),
        (",", ",", "punct", 4),
        ('"', "''", "punct", 4),
        ("said", "VBD", "ROOT", 4),
        ("Itachi", "NNP", "nsubj", 4),
        (".", ".", "punct", 4),
    ]
    parsed = make_parsed(text, rows, entities=[(5, 5, "ORG")])
    assert described(text, mentions_in(text, parsed)) == [
        ("Itachi", "Itachi", "speech_subject", True)
    ]


def test_proper_noun_after_a_title_without_an_entity(make_parsed: MakeParsed) -> None:
    text = "Mr. Quennell bowed."
    rows = [
        ("Mr.", "NNP", "compound", 1),
        ("Quennell", "NNP", "nsubj", 2),
        ("bowed", "VBD", "ROOT", 2),
        (".", ".", "punct", 2),
    ]
    assert described(text, mentions_in(text, make_parsed(text, rows))) == [
        ("Mr. Quennell", "Mr. Quennell", "title", False)
    ]


def test_proper_noun_after_a_non_proper_title(make_parsed: MakeParsed) -> None:
    text = "Professor Quennell bowed."
    rows = [
        ("Professor", "NN", "compound", 1),
        ("Quennell", "NNP", "nsubj", 2),
        ("bowed", "VBD", "ROOT", 2),
        (".", ".", "punct", 2),
    ]
    assert described(text, mentions_in(text, make_parsed(text, rows))) == [
        ("Professor Quennell", "Professor Quennell", "title", False)
    ]


@pytest.mark.parametrize(
    ("text", "entity", "expected"),
    [
        pytest.param("He folded the Map away.", "Map", [], id="the-map-is-a-thing"),
        pytest.param("She used a Portkey.", "Portkey", [], id="a-portkey-is-a-thing"),
        pytest.param(
            "He asked the Doctor.", "Doctor", [("Doctor", "Doctor", "ner", False)], id="title"
        ),
        pytest.param("He folded Mira's map.", "Mira", [("Mira", "Mira", "ner", False)], id="name"),
        pytest.param("Kiss him on sight.", "Kiss", [], id="a-verb-taking-him"),
        pytest.param("They Kissed them all.", "Kissed", [], id="a-verb-taking-them"),
        pytest.param(
            "He gave Mira her map.", "Mira", [("Mira", "Mira", "ner", False)], id="her-possessive"
        ),
    ],
)
def test_one_word_entity_that_is_a_thing_or_a_verb(
    make_parsed: MakeParsed, text: str, entity: str, expected: list[tuple[str, str, str, bool]]
) -> None:
    words = text.rstrip(".").replace("'s", " 's").split()
    rows = [
        (w, "NNP" if w == entity else "DT" if w in ("the", "a") else "NN", "dep", 0) for w in words
    ]
    rows.append((".", ".", "punct", 0))
    at = words.index(entity)
    parsed = make_parsed(text, rows, entities=[(at, at, "PERSON")])
    assert described(text, mentions_in(text, parsed)) == expected


@pytest.mark.parametrize(("word", "kept"), [("LOAN", False), ("Tobias", True), ("OK", False)])
def test_a_word_in_capitals_after_said_is_a_sign_not_a_name(
    make_parsed: MakeParsed, word: str, *, kept: bool
) -> None:
    text = f'"Yes," said {word}.'
    assert bool(mentions_in(text, make_parsed(text, yes_said(word)))) == kept


@pytest.mark.parametrize("dash", ["-", "\u2013", "\u2014"])
def test_a_dash_that_breaks_off_a_name_is_not_part_of_it(
    make_parsed: MakeParsed, dash: str
) -> None:
    text = f"And he- James{dash} posed a risk."
    rows = [
        ("And", "CC", "cc", 3),
        ("he-", "PRP", "nsubj", 3),
        (f"James{dash}", "NNP", "appos", 1),
        ("posed", "VBD", "ROOT", 3),
        ("a", "DT", "det", 5),
        ("risk", "NN", "dobj", 3),
        (".", ".", "punct", 3),
    ]
    parsed = make_parsed(text, rows, entities=[(2, 2, "PERSON")])
    assert described(text, mentions_in(text, parsed)) == [("James", "James", "ner", False)]


def test_a_spaced_dash_inside_an_entity_ends_the_name(make_parsed: MakeParsed) -> None:
    # The parser may run one entity over a dash that sets off a clause: "James - Albus".
    text = "Not to mention James - Albus could see it."
    rows = [
        ("Not", "RB", "neg", 2),
        ("to", "TO", "aux", 2),
        ("mention", "VB", "ROOT", 2),
        ("James", "NNP", "dobj", 2),
        ("-", "HYPH", "punct", 3),
        ("Albus", "NNP", "nsubj", 7),
        ("could", "MD", "aux", 7),
        ("see", "VB", "ccomp", 2),
        ("it", "PRP", "dobj", 7),
        (".", ".", "punct", 2),
    ]
    parsed = make_parsed(text, rows, entities=[(3, 5, "PERSON")])
    assert described(text, mentions_in(text, parsed))[0] == ("James", "James", "ner", False)


@pytest.mark.parametrize(
    ("opening", "name", "end", "kept"),
    [
        ("Fuck", "James", ".", "James"),
        ("Dear", "Ginny", ".", "Ginny"),
        ("Poor", "Neville", ".", "Neville"),
        ("Floo", "James", ".", "James"),  # he didn't Floo James to vent his anger
        ("Heard", "Gawain", ".", "Gawain"),  # Heard Gawain's voice before seeing him
        ("Signed", "Malfoy", ".", "Malfoy"),  # a letter's closing
        ("Love", "Hermione", ".", "Hermione"),
        # A title is part of the name, though "lord" alone is no name.
        ("Lord", "Voldemort", ".", "Lord Voldemort"),
        # An auxiliary opening a question (Will Jisung even accept this?), not a Will who is
        # a name.
        ("Will", "Jisung", "?", "Jisung"),
        ("Did", "Jisung", "?", "Jisung"),
        ("Will", "Jisung", ".", "Will Jisung"),
    ],
)
def test_an_oath_salutation_or_auxiliary_the_parser_runs_into_a_name_is_left_out(
    make_parsed: MakeParsed, opening: str, name: str, end: str, kept: str
) -> None:
    text = f"{opening} {name} had forgotten{end}"
    rows = [
        (opening, "NNP", "compound", 1),
        (name, "NNP", "nsubj", 3),
        ("had", "VBD", "aux", 3),
        ("forgotten", "VBN", "ROOT", 3),
        (end, ".", "punct", 3),
    ]
    parsed = make_parsed(text, rows, entities=[(0, 1, "PERSON")])
    assert described(text, mentions_in(text, parsed)) == [(kept, kept, "ner", False)]


def said_by(opening: str) -> list[tuple[str, str, str, int]]:
    """Rows of ``<opening> said that it was late.``, the opening word the subject of *said*."""
    return [
        (opening, "NNP", "nsubj", 1),
        ("said", "VBD", "ROOT", 1),
        ("that", "IN", "mark", 5),
        ("it", "PRP", "nsubj", 5),
        ("was", "VBD", "ccomp", 1),
        ("late", "JJ", "acomp", 4),
        (".", ".", "punct", 1),
    ]


def test_a_common_word_opening_its_sentence_once_is_no_speaker(make_parsed: MakeParsed) -> None:
    # "Logic said that ...": written nowhere else, the capital is the sentence's.
    text = "Logic said that it was late."
    assert mentions_in(text, make_parsed(text, said_by("Logic"))) == []


def test_a_name_opening_its_sentence_is_a_speaker_when_written_again(
    make_parsed: MakeParsed,
) -> None:
    text = "Mira said that it was late."
    story = text + " The door closed behind Mira."
    parsed = make_parsed(text, said_by("Mira"))
    assert described(story, mentions_in(story, parsed)) == [
        ("Mira", "Mira", "speech_subject", True)
    ]


def test_a_speech_verb_opening_a_run_is_no_part_of_the_name(make_parsed: MakeParsed) -> None:
    # "“Stop.” Said Albus": the capitalised verb is no first name.
    text = "Said Albus, smiling."
    rows = [
        ("Said", "NNP", "compound", 1),
        ("Albus", "NNP", "ROOT", 1),
        (",", ",", "punct", 1),
        ("smiling", "VBG", "advcl", 1),
        (".", ".", "punct", 1),
    ]
    parsed = make_parsed(text, rows, entities=[(0, 1, "PERSON")])
    assert described(text, mentions_in(text, parsed)) == [("Albus", "Albus", "ner", False)]
