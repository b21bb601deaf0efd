"""How common a one-word name is in English: a rare one says more about a text's canon.

``Draco``, ``Sirius`` or ``Kakashi`` alone all but name their canon; ``Harry``, ``John`` or
``Tony`` name anyone. Fandom detection (:mod:`ficlens.fandoms.scan`) counts a one-word name as
a *strong* signal, like a full name, when it is rare in English: its Zipf frequency (the base-10
log of its occurrences per billion words) is under ``RARE_ZIPF``. The frequencies of every
one-word name, alias, epithet and shared surname of the bundled packs are data,
``packs/name_frequency.json``::

    {"schema": "ficlens.name-frequency/1", "source": "wordfreq 3.1.1, English",
     "zipf": {"draco": 3.04, "harry": 4.72, ...}}

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
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"{source}: not JSON ({error})") from error
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ValueError(f"{source}: not a name-frequency file (schema {SCHEMA!r} expected)")
    try:
        return {str(key): float(value) for key, value in data["zipf"].items()}
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise ValueError(f"{source}: malformed zipf table ({error!r})") from error


@cache
def frequencies() -> Mapping[str, float]:
    """The bundled Zipf frequencies by :func:`name_key`; empty when the file is missing.

    Raises:
        ValueError: the file is there but is not a name-frequency file.
    """
    path = resources.files("ficlens.fandoms").joinpath("packs", FILE)
    if not path.is_file():
        return {}
    return parse(path.read_text("utf-8"))


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
    zipf = {key: wordfreq.zipf_frequency(key, "en") for key in one_word_forms(packs)}
    source = f"wordfreq {metadata.version('wordfreq')}, English"
    return {"schema": SCHEMA, "source": source, "zipf": zipf}


def main() -> int:
    """Write ``packs/name_frequency.json`` for the bundled packs (run from a source checkout)."""
    target = Path(__file__).parent / "packs" / FILE
    try:
        data = build(load_packs())
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)  # noqa: T201 (a command's message)
        return 1
    target.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", "utf-8")
    print(f"wrote {target} ({len(data['zipf'])} one-word names)")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
