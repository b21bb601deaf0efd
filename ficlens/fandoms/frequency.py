"""How common a one-word name is in English: a rare one says more about a text's canon.

``Draco``, ``Sirius`` or ``Kakashi`` alone all but name their canon; ``Harry``, ``John`` or
``Tony`` name anyone. Fandom detection (:mod:`ficlens.fandoms.scan`) counts a one-word name as
a *strong* signal, like a full name, when it is rare in English: its Zipf frequency (the base-10
log of its occurrences per billion words) is under ``RARE_ZIPF``. The frequencies of every
one-word name, alias, epithet and shared surname of the bundled packs are data,
``packs/name_frequency.json``::

    {"schema": "ficlens.name-frequency/1", "source": "wordfreq 3.1.1, English",
     "zipf": {"draco": 3.04, "harry": 4.72, ...},
     "near": ["harvey", "nichelle", "vector", ...]}

``near`` lists the words one edit from a name of ``SPELT_LENGTH`` letters or more that are
words or names of their own: English words and names at least ``NEAR_ZIPF`` common, and the
given names of the 1990 US Census lists (:mod:`ficlens.cast.name_gender`). ``Vector`` is a
word and ``Nichelle`` a name, not ``Victor`` and ``Michelle`` misspelt, where ``Hermoine`` (Zipf
1.56) is Hermione misspelt (:mod:`ficlens.fandoms.spelling`).

The file is written by ``python -m ficlens.fandoms.frequency`` from the word lists of the
`wordfreq` package (``pip install -e ".[packs]"``; only this script needs it). A name the file
does not list (a pack written since, or a user's own pack) counts as common, as every one-word
name did before, so a pack works without it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from ficlens.fandoms.loader import load_packs
from ficlens.fandoms.pack import FandomPack, name_key

SCHEMA = "ficlens.name-frequency/1"
FILE = "name_frequency.json"
RARE_ZIPF = 3.35
"""Under this Zipf frequency a one-word name is rare (``Hermione`` 3.32, ``Luna`` 3.62)."""
NEAR_ZIPF = 2.5
"""From this Zipf frequency up a word one edit from a name is a word of its own (``Vector``
3.99, ``Gareth`` 3.52), under it a misspelling may be (``Hermoine`` 1.56, ``Lucious`` 2.28)."""
SPELT_LENGTH = 6
"""The fewest letters of a name whose misspellings are looked for; shorter names have too
many real neighbours (``Harry``, ``Hardy``, ``Hurry``)."""
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def one_word_forms(packs: Iterable[FandomPack]) -> list[str]:
    """The keys of every one-word name, alias, epithet and shared surname of ``packs``, sorted.

    A key is the form as :func:`~ficlens.fandoms.pack.name_key` writes it (``the Boy-Who-Lived``
    is ``boy-who-lived``).
    """
    keys: set[str] = set()
    for pack in packs:
        forms = [form for character in pack.characters for form in character.forms]
        for form in (*forms, *pack.shared_surnames):
            key = name_key(form)
            if len(key.split()) == 1:
                keys.add(key)
    return sorted(keys)


def parse(text: str, source: str = f"packs/{FILE}") -> dict[str, float]:
    """Read a name-frequency file's text: Zipf frequency by :func:`name_key`.

    Raises:
        ValueError: the text is not a name-frequency file; the message names ``source``.
    """
    return _read(text, source)[0]


def _read(text: str, source: str) -> tuple[dict[str, float], frozenset[str] | None]:
    """A name-frequency file's Zipf table and its ``near`` words (``None``: the file has none).

    Raises:
        ValueError: as :func:`parse`.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"{source}: not JSON ({error})") from error
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ValueError(f"{source}: not a name-frequency file (schema {SCHEMA!r} expected)")
    try:
        zipf = {str(key): float(value) for key, value in data["zipf"].items()}
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise ValueError(f"{source}: malformed zipf table ({error!r})") from error
    near = data.get("near")
    if near is None:
        return zipf, None
    if not isinstance(near, list):
        raise ValueError(f"{source}: malformed near list (a list of words expected)")
    return zipf, frozenset(str(word) for word in near)


@cache
def _bundled() -> tuple[dict[str, float], frozenset[str] | None]:
    path = resources.files("ficlens.fandoms").joinpath("packs", FILE)
    if not path.is_file():
        return {}, None
    return _read(path.read_text("utf-8"), f"packs/{FILE}")


def frequencies() -> Mapping[str, float]:
    """The bundled Zipf frequencies by :func:`name_key`; empty when the file is missing.

    Raises:
        ValueError: the file is there but is not a name-frequency file.
    """
    return _bundled()[0]


def common_near() -> frozenset[str] | None:
    """The bundled file's ``near`` words: common words and names one edit from a pack's name.

    ``None`` when the file is missing or older than the list: then no word was checked
    against English, and none may count as a misspelling.
    """
    return _bundled()[1]


def one_edit(word: str) -> set[str]:
    """Every lower-case string one deletion, insertion, change or swap of neighbours away.

    Example:
        >>> sorted(w for w in one_edit("abc") if w.startswith("ac"))
        ['ac', 'acb', 'acbc', 'acc']
    """
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deleted = {a + b[1:] for a, b in splits if b}
    swapped = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changed = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserted = {a + c + b for a, b in splits for c in _LETTERS}
    return (deleted | swapped | changed | inserted) - {word}


def is_rare(form: str) -> bool:
    """Whether ``form`` is one word the bundled file lists as rarer than ``RARE_ZIPF``.

    Example:
        >>> is_rare("Draco"), is_rare("Harry"), is_rare("Draco Malfoy")
        (True, False, False)
    """
    key = name_key(form)
    zipf = frequencies().get(key)
    return len(key.split()) == 1 and zipf is not None and zipf < RARE_ZIPF


def build(packs: Iterable[FandomPack]) -> dict[str, Any]:
    """The file's JSON object for ``packs``, looked up in `wordfreq`'s English list.

    Raises:
        RuntimeError: `wordfreq` is not installed.
    """
    try:
        import wordfreq  # noqa: PLC0415 (only this script needs it)
    except ImportError as error:
        raise RuntimeError(
            "writing name frequencies needs wordfreq: pip install -e '.[packs]'"
        ) from error
    from ficlens.cast.name_gender import given_names  # noqa: PLC0415 (the cast needs the packs)

    keys = one_word_forms(packs)
    zipf = {key: wordfreq.zipf_frequency(key, "en") for key in keys}
    english = wordfreq.get_frequency_dict("en")
    least = 10 ** (NEAR_ZIPF - 9)  # Zipf is log10 of the frequency per billion words
    given = given_names()
    near = {
        word
        for key in keys
        if len(key) >= SPELT_LENGTH and key.isalpha()
        for word in one_edit(key)
        if english.get(word, 0.0) >= least or word in given
    }
    source = f"wordfreq {metadata.version('wordfreq')}, English"
    return {"schema": SCHEMA, "source": source, "zipf": zipf, "near": sorted(near)}


def main() -> int:
    """Write ``packs/name_frequency.json`` for the bundled packs (run from a source checkout)."""
    target = Path(__file__).parent / "packs" / FILE
    try:
        data = build(load_packs())
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)  # noqa: T201 (a command's message)
        return 1
    target.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", "utf-8")
    counts = f"{len(data['zipf'])} one-word names, {len(data['near'])} words near them"
    print(f"wrote {target} ({counts})")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
