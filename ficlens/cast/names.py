"""Names and the words around them: titles, honorifics, pronoun sets, nicknames (lexicon.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@cache
def lexicon() -> dict[str, Any]:
    """The parsed ``lexicon.toml``."""
    data = resources.files("ficlens.cast").joinpath("lexicon.toml").read_bytes()
    return tomllib.loads(data.decode("utf-8"))


@cache
def titles() -> dict[str, str | None]:
    """Title (as written, with and without a full stop) -> implied pronoun set or ``None``."""
    found: dict[str, str | None] = {}
    for key, gender in (("he", "he/him"), ("she", "she/her"), ("any", None)):
        for title in lexicon()["titles"][key]:
            found[title] = gender
            found[title.rstrip(".")] = gender
    return found


@cache
def honorifics() -> dict[str, str | None]:
    """Honorific suffix -> implied pronoun set or ``None``."""
    data = lexicon()["honorifics"]
    found: dict[str, str | None] = {suffix: None for suffix in data["suffixes"]}
    found.update({suffix: "he/him" for suffix in data["he"]})
    found.update({suffix: "she/her" for suffix in data["she"]})
    return found


_KIN_GENDERS = {"he": "he/him", "she": "she/her", "grand_he": "he/him", "grand_she": "she/her"}


@cache
def kin_names(*, grand: bool = True) -> dict[str, str]:
    """What a child calls a parent (``Mum``, ``Dad``) -> the pronoun set it implies.

    With ``grand``, a grandparent's names too (``Gran``, ``Grandpa``).
    """
    data = lexicon()["kin_names"]
    keys = [key for key in _KIN_GENDERS if grand or not key.startswith("grand_")]
    return {name: _KIN_GENDERS[key] for key in keys for name in data[key]}


@cache
def pronoun_sets() -> dict[str, str]:
    """Pronoun (lower case) -> the set it belongs to (``"her"`` -> ``"she/her"``)."""
    return {pronoun: name for name, words in lexicon()["pronouns"].items() for pronoun in words}


@cache
def person_verbs() -> frozenset[str]:
    """Verb forms only a person is the subject of (``smiled``, ``wondered``), lower case."""
    return frozenset(form.lower() for form in lexicon()["person_verbs"]["forms"])


@cache
def nicknames() -> dict[str, frozenset[str]]:
    """Short form -> the full names it stands for (``"Lizzy"`` -> ``{"Elizabeth"}``)."""
    found: dict[str, set[str]] = {}
    for full, shorts in lexicon()["nicknames"].items():
        for short in shorts:
            found.setdefault(short, set()).add(full)
    return {short: frozenset(fulls) for short, fulls in found.items()}


@dataclass(frozen=True, slots=True)
class NameParts:
    """A name split into title, bare name and honorific: ``Mr. Darcy``, ``Kakashi-sensei``."""

    title: str
    name: str
    honorific: str

    @property
    def tokens(self) -> tuple[str, ...]:
        """The bare name's words."""
        return tuple(self.name.split())

    @property
    def gender_hint(self) -> str | None:
        """The pronoun set the title or honorific implies, if any; else a parent's name's.

        Example:
            >>> [split_name(n).gender_hint for n in ("Mrs. Weasley", "Mum", "Dad", "Ron")]
            ['she/her', 'she/her', 'he/him', None]
        """
        return (
            titles().get(self.title)
            or honorifics().get(self.honorific.lower())
            or (None if self.title else kin_names().get(self.name))
        )


def split_name(text: str) -> NameParts:
    """Split a written name into its parts.

    Example:
        >>> split_name("Mr. Fitzwilliam Darcy's")
        NameParts(title='Mr.', name='Fitzwilliam Darcy', honorific='')
        >>> split_name("Kakashi-sensei")
        NameParts(title='', name='Kakashi', honorific='sensei')
    """
    cleaned = " ".join(text.replace("’", "'").split())
    for suffix in ("'s", "'"):
        if cleaned.endswith(suffix) and len(cleaned) > len(suffix) + 1:
            cleaned = cleaned[: -len(suffix)]
    words = cleaned.split(" ")
    title = ""
    while len(words) > 1 and words[0] in titles():
        title = (title + " " + words.pop(0)).strip()
    name = " ".join(words)
    honorific = ""
    if "-" in words[-1]:
        base, _, suffix = words[-1].partition("-")
        if suffix.lower() in honorifics() and base:
            honorific = suffix
            name = " ".join([*words[:-1], base])
    return NameParts(title, name, honorific)
