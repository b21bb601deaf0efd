"""Misspelt canon names: ``Hermoine`` is Hermione, ``Voldermort`` is Voldemort.

Fan fiction misspells its canon's names, often and consistently (``Hermoine``,
``Grindlewald``, ``Dumbeldore``, ``Shacklebot``). A misspelt name that no pack knows made a
character of its own beside the rightly spelt one, or a story's only Grindelwald a stranger.

A word is taken for a pack's name misspelt when:

- it is capitalised and one edit from exactly one one-word name of the packs (a deletion, an
  insertion, a changed letter or two neighbours swapped: optimal string alignment distance 1),
  and that name has at least ``SPELT_LENGTH`` letters;
- it begins with the name's letter: a changed first letter makes another name more often than
  a slip does (``Bilius`` is Ron's middle name, not ``Filius``; ``Charon`` is not ``Sharon``);
- it is no word or name of its own (checked when the bundled frequency file is written): no
  English word or name of Zipf frequency ``NEAR_ZIPF`` or more, no given name of the census
  lists. ``Vector`` is a professor of her own, not ``Victor``; ``Nichelle`` is not ``Michelle``;
- it is not the name with an ``s`` added: ``the Weasleys`` are a family, not one Weasley.

Only the names the bundled frequency file lists are corrected to, as only their neighbours were
checked against English; a user's own pack's names are matched exactly.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ficlens.fandoms.frequency import SPELT_LENGTH, common_near, frequencies, one_word_forms
from ficlens.fandoms.pack import FandomPack, is_pack_name, name_key


@lru_cache(maxsize=64)
def _targets(packs: tuple[FandomPack, ...]) -> tuple[str, ...]:
    """The packs' one-word names long enough, and checked, to be corrected to."""
    listed = frequencies()
    return tuple(
        key
        for key in one_word_forms(packs)
        if len(key) >= SPELT_LENGTH and key.isalpha() and key in listed
    )


@lru_cache(maxsize=4096)
def respelt_word(word: str, packs: tuple[FandomPack, ...]) -> str | None:
    """The packs' one-word name (a :func:`name_key`) that ``word`` misspells, else ``None``.

    Example:
        >>> from ficlens.fandoms import load_pack
        >>> hp = (load_pack("harry_potter"),)
        >>> [respelt_word(w, hp) for w in ("Hermoine", "Grindlewald", "Weasleys", "Vector")]
        ['hermione', 'grindelwald', None, None]
    """
    near = common_near()
    key = word.lower()
    if near is None or not word[:1].isupper() or len(key) < SPELT_LENGTH - 1 or key in near:
        return None
    if is_pack_name(word, packs):
        return None
    found = process.extract(key, _targets(packs), scorer=OSA.distance, score_cutoff=1, limit=2)
    if len(found) != 1:
        return None
    name = found[0][0]
    return None if key == name + "s" or key[0] != name[0] else name


def respelt(name: str, packs: tuple[FandomPack, ...]) -> str | None:
    """``name`` with its misspelt words written as the packs write them; ``None``: none is.

    Example:
        >>> from ficlens.fandoms import load_pack
        >>> respelt("Hermoine Granger", (load_pack("harry_potter"),))
        'hermione granger'
    """
    words = name_key(name).split()
    written = name.split()
    if len(words) != len(written):
        return None
    fixed = [respelt_word(word, packs) or key for word, key in zip(written, words, strict=True)]
    return " ".join(fixed) if fixed != words else None
