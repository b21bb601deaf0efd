"""The speech-verb lexicon: every inflection of a listed verb is recognised, nothing else."""

from __future__ import annotations

import pytest

from ficlens.lexicons import is_speech_verb, speech_verb_forms


@pytest.mark.parametrize(
    "word",
    [
        "said",
        "says",
        "asked",
        "asking",
        "replied",
        "replies",
        "whispered",
        "cried",
        "went on",
        "hissed",
        "hisses",
        "begged",
        "muttered",
        "spoke",
        "began",
        "ventured",  # the old tags of nineteenth-century prose
        "interposed",
        "pursued",
        "Said",  # any case: a tag can open a sentence
        "WHISPERED",
    ],
)
def test_speech_verbs(word: str) -> None:
    assert is_speech_verb(word)


@pytest.mark.parametrize(
    "word",
    [
        "walked",
        "table",
        "went",  # only "went on" tags speech
        "on",
        "smiled",
        "",
        "said Harry",
    ],
)
def test_not_speech_verbs(word: str) -> None:
    assert not is_speech_verb(word)


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("said", "say"),
        ("replied", "reply"),
        ("cried", "cry"),
        ("went on", "go on"),
        ("hissed", "hiss"),
        ("begged", "beg"),
        ("whispering", "whisper"),
        ("breathed", "breathe"),
    ],
)
def test_forms_map_to_their_lemma(form: str, lemma: str) -> None:
    assert speech_verb_forms()[form] == lemma
