"""The pronouns a given name usually goes with, from the 1990 US Census name lists.

A character the narration seldom follows with a pronoun of their own gets one from votes that
are often someone else's: in a story told from Daphne's side, the ``she`` after ``Antonio``
is mostly hers. A given name that nearly all its census bearers share one sex with is a prior
that such votes must outweigh (:func:`ficlens.cast.gender.decide_gender`).

The lists are the Census Bureau's frequency lists of first names by sex and of surnames
(public domain), read from the ``names`` package, which ships them. A name is counted as
usual for one sex when at least ``USUAL_SHARE`` of its bearers are of it (the lists give
each name's share of each sex's population, and the two populations are about equal). A
lone word is a given name only where the lists know it far better as one than as a surname
(``Antonio``, not ``Elliot``, nor ``Lee``).
"""

from __future__ import annotations

from functools import cache
from importlib import metadata
from pathlib import Path

USUAL_SHARE = 0.95
"""Share of a name's bearers of one sex that makes the name that sex's."""
FIRST_OVER_LAST = 3.0
"""How many times more common as a given name than as a surname a lone word must be."""


def _frequencies(file: str) -> dict[str, float]:
    """Name → percentage of the population listed in a census file of the ``names`` package.

    The file is found through the installed distribution, not by importing the package, so a
    ``names.py`` beside a user's script cannot stand in for it.
    """
    try:
        path = metadata.distribution("names").locate_file(f"names/{file}")
        text = Path(str(path)).read_text(encoding="ascii")
    except (metadata.PackageNotFoundError, OSError):  # a declared dependency: not expected
        return {}
    table: dict[str, float] = {}
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 2:
            table[fields[0].lower()] = float(fields[1])
    return table


@cache
def _tables() -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    return (
        _frequencies("dist.male.first"),
        _frequencies("dist.female.first"),
        _frequencies("dist.all.last"),
    )


def given_names() -> frozenset[str]:
    """Every given name of the census lists, lower-case (``antonio``, ``nichelle``)."""
    male, female, _last = _tables()
    return frozenset(male) | frozenset(female)


def usual_pronouns(name: str, *, alone: bool = False) -> str | None:
    """``he/him`` or ``she/her`` when the given name is nearly always one sex's, else ``None``.

    ``alone`` is for a name written as one word, which may be a surname: it counts only when
    the lists know it ``FIRST_OVER_LAST`` times better as a given name.

    Example:
        >>> usual_pronouns("Antonio"), usual_pronouns("Margaret"), usual_pronouns("Jordan")
        ('he/him', 'she/her', None)
        >>> usual_pronouns("Lee", alone=True) is None
        True
    """
    male, female, last = _tables()
    word = name.lower()
    m, f = male.get(word, 0.0), female.get(word, 0.0)
    if m + f == 0.0:
        return None
    if alone and max(m, f) < FIRST_OVER_LAST * last.get(word, 0.0):
        return None
    if m >= USUAL_SHARE * (m + f):
        return "he/him"
    if f >= USUAL_SHARE * (m + f):
        return "she/her"
    return None
