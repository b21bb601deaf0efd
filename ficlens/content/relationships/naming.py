"""The order of the names in a relationship tag, as AO3's canonical tags write them.

AO3's tag wranglers list a relationship's characters alphabetically by family name, the
whole name breaking ties, and a character with one name sorts by it: ``Draco Malfoy/Harry
Potter``, ``Remus Lupin/Sirius Black`` is written ``Sirius Black/Remus Lupin``, ``James
Potter/Lily Evans Potter``, ``Hermione Granger/Loki (Marvel)``. A reader-insert's ``Reader``
comes last (``Fred Weasley/Reader``), and so does a first-person narrator FicLens could not
name. Following the form lets a library match a detected pairing to the tag an AO3 download
declares.

The family name of a character a fandom pack knows is the pack's when canon writes it first
(``Hatake Kakashi/Umino Iruka``); otherwise it is the last word of the name without its
disambiguator and with only the first of piped names (``Alastor "Mad-Eye" Moody`` sorts as
*Moody*, ``Lily Evans Potter`` as *Potter*, as AO3 sorts her).
"""

from __future__ import annotations

from ficlens.fandoms.pack import find_canon, without_disambiguator

LAST = frozenset({"Reader", "Narrator"})
"""Names that close a tag whatever their letters."""


def sort_key(name: str) -> tuple[bool, str, str]:
    """Where a character's name goes in a relationship tag: sort by this.

    Example:
        >>> sorted(["Harry Potter", "Draco Malfoy"], key=sort_key)
        ['Draco Malfoy', 'Harry Potter']
        >>> sorted(["Reader", "Fred Weasley"], key=sort_key)
        ['Fred Weasley', 'Reader']
    """
    bare = without_disambiguator(" ".join(name.split())).split(" | ")[0].strip() or name
    words = bare.split()
    family = words[-1] if words else ""
    canon = find_canon(name)
    if canon is not None and canon.surname and words and words[0] == canon.surname:
        family = canon.surname
    return (name in LAST, family.casefold(), bare.casefold())
