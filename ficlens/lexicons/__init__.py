"""Word lists shared by several stages (``speech.toml``): speech verbs, elisions."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def lexicon() -> dict[str, Any]:
    """The parsed ``speech.toml``."""
    data = resources.files("ficlens.lexicons").joinpath("speech.toml").read_bytes()
    return tomllib.loads(data.decode("utf-8"))


def _inflect(lemma: str) -> set[str]:
    """Regular forms of a verb: ``ask`` -> ask, asks, asked, asking."""
    head, _, rest = lemma.partition(" ")
    tail = f" {rest}" if rest else ""
    if head.endswith("e"):
        forms = {head, head + "s", head + "d", head[:-1] + "ing"}
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        forms = {head, head[:-1] + "ies", head[:-1] + "ied", head + "ing"}
    elif head.endswith(("s", "sh", "ch", "x", "z")):
        forms = {head, head + "es", head + "ed", head + "ing"}
    else:
        forms = {head, head + "s", head + "ed", head + "ing"}
    return {form + tail for form in forms}


@cache
def speech_verb_forms() -> dict[str, str]:
    """Every form of every speech verb, mapped to its lemma (``"said"`` -> ``"say"``)."""
    data = lexicon()["speech_verbs"]
    forms: dict[str, str] = {}
    for lemma in data["lemmas"]:
        for form in _inflect(lemma):
            forms.setdefault(form, lemma)
    for key, irregular in data["irregular"].items():
        lemma = key.replace("_", " ")
        for form in irregular:
            forms[form] = lemma
        forms.setdefault(lemma, lemma)
    return forms


def is_speech_verb(word: str) -> bool:
    """Whether ``word`` (any case) is a form of a speech verb."""
    return word.lower() in speech_verb_forms()
