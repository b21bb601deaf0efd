"""Fandom packs: what FicLens knows about a canon, and how to tell a text's canon.

A pack (``packs/<slug>.toml``, format in ``SCHEMA.md``) lists a fandom's names, its
most-written characters with their aliases and epithets, and the terms that give it away::

    from ficlens.fandoms import detect_fandoms, find_canon, load_pack

    load_pack("naruto").characters[0].name       # 'Uzumaki Naruto'
    detect_fandoms(text, declared=("Naruto",))   # (FandomMatch(pack=..., score=...), ...)
    find_canon("the Copy Ninja")                 # CanonCharacter(name='Hatake Kakashi', ...)
"""

from ficlens.fandoms.detect import (
    MIN_SCORE,
    FandomMatch,
    canon_count,
    declared_packs,
    detect_fandoms,
)
from ficlens.fandoms.loader import cast_packs, load_pack, load_packs, parse_pack, read_pack
from ficlens.fandoms.pack import (
    CanonCharacter,
    FandomPack,
    are_kin,
    blood_kin,
    find_canon,
    is_pack_name,
    name_key,
)

__all__ = [
    "MIN_SCORE",
    "CanonCharacter",
    "FandomMatch",
    "FandomPack",
    "are_kin",
    "blood_kin",
    "canon_count",
    "cast_packs",
    "declared_packs",
    "detect_fandoms",
    "find_canon",
    "is_pack_name",
    "load_pack",
    "load_packs",
    "name_key",
    "parse_pack",
    "read_pack",
]
