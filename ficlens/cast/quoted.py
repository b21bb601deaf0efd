"""Canon names said inside quotations: who only the others' lines name.

A dialogue-led story may name its people only in their lines (*"Turn around, Longbottom."*),
and a first- or second-person story its protagonist only so (*"Draco, wait."*). These rules
read the fandom packs' names inside quotations, which the parse masks
(:func:`ficlens.nlp.mask`), beside the narration's (:mod:`ficlens.cast.canon`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from ficlens.cast.canon import narration_starts, pack_pattern
from ficlens.cast.names import split_name
from ficlens.cast.things import is_thing, not_people_of
from ficlens.cast.vocatives import vocative_names
from ficlens.fandoms import CanonCharacter, FandomPack, find_canon
from ficlens.nlp import Parsed, masked_span

PackName = tuple[str, CanonCharacter, bool, int]
"""A pack name found in the text: its cluster key (``Albus``), its character, whether it is said
inside a quotation, and its offset."""


def pack_names(
    text: str, parsed: Sequence[Parsed], packs: tuple[FandomPack, ...]
) -> list[PackName]:
    """Every pack name in the text (:data:`PackName`), read once for all the rules below.

    Quotation contents are the stretches the parse masked: a name there starts no token of the
    parse but the stand-in ``Yes``.
    """
    return list(_canon_names(text, parsed, packs))


def _canon_names(
    text: str, parsed: Sequence[Parsed], packs: tuple[FandomPack, ...]
) -> Iterator[PackName]:
    pattern = pack_pattern(packs)
    if pattern is None:
        return
    for piece in parsed:
        starts = narration_starts(piece)
        for match in pattern.finditer(text, piece.span.start, piece.span.end):
            parts = split_name(match.group())
            character = find_canon(parts.name, packs)
            if character is not None:
                key = f"{parts.title} {parts.name}".strip()
                yield key, character, match.start() not in starts, match.start()


def quoted_names(
    text: str,
    parsed: Sequence[Parsed],
    packs: tuple[FandomPack, ...],
    keys: Iterable[str],
    *,
    found: Sequence[PackName] | None = None,
) -> dict[str, int]:
    """How often the quotations name the canon character of each narration name key.

    A quotation counts whichever of the character's names it uses. A canon character the
    narration names once but the others call by name (``"Luna!"`` for the narration's ``Luna
    Lovegood``) is in the story: :func:`ficlens.cast.roster.cluster_names` counts these
    towards keeping it. ``found`` are the text's :func:`pack_names`, when already read.
    """
    if found is None:
        found = pack_names(text, parsed, packs)
    said = Counter(character.name for _, character, quoted, _ in found if quoted)
    counts = {}
    for key in keys:
        character = find_canon(split_name(key).name, packs)
        if character is not None and said[character.name]:
            counts[key] = said[character.name]
    return counts


QUOTED_CAST_MIN = 2
"""How many times the quotations must name a canon character the narration never names for the
character to join the cast (:func:`quoted_cast`)."""


def quoted_cast(
    text: str,
    parsed: Sequence[Parsed],
    packs: tuple[FandomPack, ...],
    present: set[str],
    era: str | None = None,
    *,
    found: Sequence[PackName] | None = None,
) -> list[tuple[CanonCharacter, int, int]]:
    """Canon characters only the quotations name: each with how often and where first.

    A dialogue-led story may never name its people outside their lines (*"Turn around,
    Longbottom."* ... *"Neville, please."*): the narration says *he* and *she*, and the
    vocatives say who they are. A canon character is in the story when the quotations name it
    at least ``QUOTED_CAST_MIN`` times and the narration never does (one it names, but too
    rarely for the roster, is someone only mentioned), most named first. ``present`` holds the
    names and aliases of the roster and the narrator, lower-cased; a quoted name that is one of
    them, a word of one (``Rosier`` beside ``Vinda Rosier``) or a nickname of one (its first
    three letters: ``Percy`` for a roster's ``Percival``), is that character, and a canon
    character whose own names are among them is there already (a roster's ``Vic`` keeps out a
    quoted ``Victoire``). Nor do a pack's terms and oaths name anyone (*"I was a
    Hufflepuff"*), nor a name exclaimed (*"Holy Helga!"*), nor a character of another era than
    the story's ``era``. ``found`` are the text's :func:`pack_names`, when already read.
    """
    if found is None:
        found = pack_names(text, parsed, packs)
    narrated = {character.name for _, character, quoted, _ in found if not quoted}
    words = {word for name in present for word in name.split() if len(word) >= _NICKNAME}
    things = not_people_of(packs)
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, CanonCharacter]] = {}
    for key, character, quoted, at in found:
        if not quoted or character.name in narrated or is_thing(key, things):
            continue
        if _EXCLAIMED.search(text, max(0, at - 8), at):
            continue
        if _said_of_present(key, words, present) or _out_of_era(character, era):
            continue
        if any(form.lower() in present for form in (character.name, *character.forms)):
            continue
        counts[character.name] += 1
        first.setdefault(character.name, (at, character))
    return [
        (first[name][1], count, first[name][0])
        for name, count in counts.most_common()
        if count >= QUOTED_CAST_MIN
    ]


_EXCLAIMED = re.compile(r"\b(?:holy|sweet|great|good) $", re.I)
"""A word that makes the name after it an exclamation (*Holy Helga!*, *Sweet Salazar*)."""
_NICKNAME = 3
"""A one-word name sharing its first this many letters with a word of a roster name is that
name's nickname (or the name itself)."""


def _said_of_present(key: str, words: set[str], present: set[str]) -> bool:
    """Whether a quoted name is a roster character's name or a nickname of one."""
    lowered = key.lower()
    if lowered in present:
        return True
    return " " not in lowered and any(word[:_NICKNAME] == lowered[:_NICKNAME] for word in words)


def _out_of_era(character: CanonCharacter, era: str | None) -> bool:
    if era is None:
        return False
    if character.era is not None:
        return character.era != era
    return bool(character.eras) and era not in character.eras


_QUOTED_LEAD = 2
"""The canon character named only in quotations must be named this many times more than any
other such character to name a first-person narrator."""


def quoted_only(
    text: str,
    parsed: Sequence[Parsed],
    packs: tuple[FandomPack, ...],
    present: set[str],
    *,
    found: Sequence[PackName] | None = None,
    addressed: bool = False,
) -> CanonCharacter | None:
    """The one canon character the quotations name whom the narration never names.

    In a first-person story the narrator is ``I`` in the narration, and only the other
    characters' lines call them by name (``"Draco, wait."``): a canon character named inside
    quotations, not in ``present`` (the canonical names of the roster) nor anywhere in the
    narration (a character it names once is someone the narrator meets, though too rare for the
    roster), and named clearly more often there than any other such character is likely the
    narrator, provided some quotation addresses them (``"Draco, wait."``): one the narrator
    and the others only speak of (``"It belongs to Madam Pince."``) is someone else.
    ``found`` are the text's :func:`pack_names`, when already read.

    With ``addressed``, only names the quotations address count (:mod:`~ficlens.cast.vocatives`):
    the ``you`` of a second-person story is the reader, whom the others may talk to about
    Hermione (*"As is Hermione."*) without making them Hermione.
    """
    if found is None:
        found = pack_names(text, parsed, packs)
    narrated = {character.name for _, character, quoted, _ in found if not quoted}
    votes = Counter(
        character
        for key, character, quoted, at in found
        if quoted
        and character.name not in present
        and character.name not in narrated
        and (not addressed or _addressed(text, parsed, key, at))
    )
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] < _QUOTED_LEAD * ranked[1][1]):
        return None
    winner = ranked[0][0]
    if not addressed and not any(
        quoted and character == winner and _addressed(text, parsed, key, at)
        for key, character, quoted, at in found
    ):
        return None  # "It belongs to Madam Pince.": spoken of, never to
    return winner


def _addressed(text: str, parsed: Sequence[Parsed], key: str, at: int) -> bool:
    """Whether the quotation holding the name at ``at`` addresses it (``"Draco, wait."``)."""
    words = _quotation_at(text, parsed, at)
    names = vocative_names(words) if words else []
    return any(set(key.split()) <= set(name.split()) for name in names)


def _quotation_at(text: str, parsed: Sequence[Parsed], at: int) -> str | None:
    """The words of the quotation that holds offset ``at`` (:func:`ficlens.nlp.masked_span`)."""
    piece = next((p for p in parsed if p.span.start <= at < p.span.end), None)
    span = masked_span(piece, at) if piece is not None else None
    return span.of(text) if span is not None else None
