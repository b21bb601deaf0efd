"""Parents named by what their children call them: ``his dad``, ``Ron's mum``, ``Mum``.

A story told from a child's side often never names the parents: Ron's father is ``his dad``
from the first page to the last, and ``Mum`` is a name in the narration. When a fandom pack
knows the child's parents (a character's ``parents``), each such word is a mention of the
parent whose pronouns fit it: ``mum``, ``mother`` of the ``she/her`` one, ``dad``, ``father``
of the ``he/him`` one. Whose parent a word is:

- ``Ron's dad``: the character the name before ``'s`` resolves to;
- ``my dad``: the first-person narrator;
- ``his dad``, ``her mum``: the character of that gender named last before it in its
  sentence, else the story's most-named character of that gender, whose side a story is
  most often told from (``Harry ducked. His mum spun around`` in a story told from Ron's
  side is Ron's mother), once the story has named them: a boy who mourns ``his dad`` for a
  page before Sirius first comes in is not Sirius;
- ``Mum``, ``Dad`` written as a name (a cast member named only so): the first-person
  narrator's, else the child the narration's lower-case words for that parent mostly belong
  to (``his mum`` in the same story), else nobody's.

A parent already in the cast takes the mentions; a parent the story names only so joins it when
it is called so at least ``MIN_WORDS`` times. A cast member named only ``Mum`` becomes the
parent. Only narration is read: a quotation's ``my dad`` is the speaker's, whom the cast does
not know yet. A word whose owner is nobody the packs know, or whose owner has no parent of its
gender in them, is left alone: PDNC's and LitBank's novels have no pack, so nothing changes
there.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, replace

from ficlens.cast.names import kin_names
from ficlens.fandoms import FandomPack
from ficlens.fandoms.pack import CanonCharacter, find_canon
from ficlens.model import Character, Span
from ficlens.nlp import Parsed

PARENT_WORDS: Mapping[str, str] = {
    name.lower(): pronouns for name, pronouns in kin_names(grand=False).items()
}
"""A child's words for a parent, lower case, with the parent's pronouns."""
_OWNER_PRONOUNS = {"his": "he/him", "her": "she/her"}
_POSSESSIVE = frozenset({"'s", "’s"})
_STOPS = frozenset({".", "!", "?", "…"})
MIN_WORDS = 2
"""How often a parent the story never names must be called so to join the cast."""


@dataclass(frozen=True, slots=True)
class ParentWord:
    """A word for a parent in the narration, and whose parent it is."""

    span: Span
    owner: str
    """The child's character id."""
    pronouns: str
    """The parent's pronouns: ``she/her`` for ``mum``."""


@dataclass(slots=True)
class Parents:
    """The cast with the parents its children's words name (:func:`with_parents`)."""

    characters: list[Character]
    mentions: list[tuple[Span, str]]
    keys: MutableMapping[str, str]
    words: MutableMapping[str, tuple[str, ...]]


def parent_words(
    parsed: Sequence[Parsed],
    characters: Sequence[Character],
    mentions: Sequence[tuple[Span, str]],
    narrator: str | None,
    resolve: Callable[[str], str | None],
) -> list[ParentWord]:
    """Every lower-case word for a parent after an owner in the narration, with its owner."""
    genders = {c.id: c.gender for c in characters}
    starts = [span.start for span, _ in mentions]
    first_named: dict[str, int] = {}
    for span, ident in mentions:
        first_named.setdefault(ident, span.start)
    leads = {pronouns: _lead(characters, pronouns) for pronouns in _OWNER_PRONOUNS.values()}
    found = []
    for piece in parsed:
        tokens = piece.tokens
        for index in range(1, len(tokens)):
            token = tokens[index]
            pronouns = PARENT_WORDS.get(token.text)  # lower case only: "Dad" is a name
            if pronouns is None:
                continue
            before = tokens[index - 1].text
            owner: str | None = None
            if before.lower() == "my":
                owner = narrator
            elif before.lower() in _OWNER_PRONOUNS:
                wanted = _OWNER_PRONOUNS[before.lower()]
                since = _sentence_start(piece, index)
                owner = _last_named(mentions, starts, genders, token.start, since, wanted)
                lead = leads[wanted]
                if (
                    owner is None
                    and lead is not None
                    and first_named.get(lead, token.end) < token.start
                ):
                    owner = lead
            elif before in _POSSESSIVE and index >= 2:
                owner = resolve(_proper_run(piece, index - 2))
            if owner is not None:
                found.append(ParentWord(Span(token.start, token.end), owner, pronouns))
    return found


def _sentence_start(piece: Parsed, index: int) -> int:
    """Where the sentence holding token ``index`` starts: after the last full stop before it."""
    for back in range(index - 1, -1, -1):
        if piece.tokens[back].text in _STOPS:
            return piece.tokens[back].end
    return piece.span.start


def _last_named(
    mentions: Sequence[tuple[Span, str]],
    starts: Sequence[int],
    genders: Mapping[str, str | None],
    offset: int,
    since: int,
    wanted: str,
) -> str | None:
    """The character of ``wanted`` pronouns named last between ``since`` and ``offset``."""
    for at in range(bisect_left(starts, offset) - 1, -1, -1):
        span, ident = mentions[at]
        if span.start < since:
            return None
        if genders.get(ident) == wanted:
            return ident
    return None


def _lead(characters: Sequence[Character], pronouns: str) -> str | None:
    """The most-named character of those pronouns."""
    fitting = [c for c in characters if c.gender == pronouns]
    return max(fitting, key=lambda c: c.mentions).id if fitting else None


def _proper_run(piece: Parsed, last: int) -> str:
    """The proper-noun run that ends at token ``last`` (``Ron``, ``Mrs. Weasley``)."""
    tokens = piece.tokens
    first = last
    while first > 0 and tokens[first - 1].tag in ("NNP", "NNPS"):
        first -= 1
    return " ".join(t.text for t in tokens[first : last + 1])


def with_parents(
    parsed: Sequence[Parsed],
    packs: tuple[FandomPack, ...],
    cast: Parents,
    narrator: str | None,
    resolve: Callable[[str], str | None],
) -> Parents:
    """The cast with its children's words for their parents read as the parents' mentions.

    Args:
        parsed: the parsed narration pieces (quotations masked).
        packs: the fandom packs of the story.
        cast: its characters, their mentions in text order, and the name indexes (updated in
            place when a cast member named ``Mum`` joins the parent already in the cast).
        narrator: the first-person narrator's id, if any.
        resolve: the name resolver of the cast being built.
    """
    canon = {
        c.id: found for c in cast.characters if c.canon and (found := find_canon(c.name, packs))
    }
    if not canon:
        return cast

    def parent_of(owner: str, pronouns: str) -> CanonCharacter | None:
        child = canon.get(owner)
        if child is None:
            return None
        fitting = [p for name in child.parents if (p := find_canon(name, packs))]
        fitting = [p for p in fitting if p.pronouns == pronouns]
        return fitting[0] if len(fitting) == 1 else None

    characters = list(cast.characters)
    by_name = {c.name: c.id for c in characters if c.canon}
    in_order = sorted(cast.mentions, key=lambda mention: mention[0].start)
    words = parent_words(parsed, characters, in_order, narrator, resolve)
    children = _children(characters, words, narrator)
    for pronouns, child in _siblings(characters, parent_of).items():
        children.setdefault(pronouns, child)
    merged = _kin_named(characters, by_name, children, parent_of)
    named = [(w.span, p) for w in words if (p := parent_of(w.owner, w.pronouns)) is not None]
    counts = Counter(parent.name for _, parent in named)
    number = max((int(c.id[1:]) for c in characters if c.id[1:].isdigit()), default=0)
    for name, count in counts.items():
        if name in by_name:
            continue
        parent = next(p for _, p in named if p.name == name)
        if (n := _namesake(characters, parent)) is not None:
            by_name[name] = characters[n].id
            characters[n] = replace(
                characters[n], name=name, aliases=(characters[n].name, *characters[n].aliases),
                gender=parent.pronouns, canon=True,
            )  # fmt: skip
        elif count >= MIN_WORDS:
            number += 1
            by_name[name] = f"c{number}"
            characters.append(Character(f"c{number}", name, (), parent.pronouns, True, 0, -1))
    added = [(span, by_name[parent.name]) for span, parent in named if parent.name in by_name]
    if not added and not merged:
        return Parents(characters, list(cast.mentions), cast.keys, cast.words)
    moved = [(span, merged[ident]) for span, ident in cast.mentions if ident in merged]
    mentions = sorted(
        [(span, merged.get(ident, ident)) for span, ident in cast.mentions] + added,
        key=lambda mention: mention[0].start,
    )
    _point_names(cast, merged)
    return Parents(_tallied(characters, merged, [*added, *moved]), mentions, cast.keys, cast.words)


def _namesake(characters: Sequence[Character], parent: CanonCharacter) -> int | None:
    """The cast member no pack knows who is called by the parent's own first name, if one is.

    In a story that calls James Potter ``James`` and ``Dad``, the pack cannot tell which of its
    two Jameses the bare name means (the grandson shares it), so ``James`` stays nobody's; the
    child's ``Dad`` says he is the father. A member whose pronouns are another gender's is not
    the parent.
    """
    first = parent.given.split()[0] if parent.given else ""
    names = {first, f"{first} {parent.surname}"} if parent.surname else {first}
    for n, character in enumerate(characters):
        if character.canon or character.name not in names:
            continue
        if character.gender in (None, parent.pronouns):
            return n
    return None


def _tallied(
    characters: Sequence[Character], merged: Mapping[str, str], gained: Sequence[tuple[Span, str]]
) -> list[Character]:
    """The characters less the merged ones, with the mentions and names each one gained."""
    count = Counter(ident for _, ident in gained)
    first: dict[str, int] = {}
    for span, ident in gained:
        first[ident] = min(first.get(ident, span.start), span.start)
    names: dict[str, list[str]] = {}
    for character in characters:
        if character.id in merged:
            names.setdefault(merged[character.id], []).append(character.name)
    kept = []
    for character in characters:
        ident = character.id
        if ident in merged:
            continue
        starts = [s for s in (character.first, first.get(ident, -1)) if s >= 0]
        gains = ident in count or ident in names
        kept.append(
            replace(
                character,
                aliases=tuple(sorted({*character.aliases, *names.get(ident, ())})),
                mentions=character.mentions + count[ident],
                first=min(starts, default=-1),
            )
            if gains
            else character
        )
    return kept


def _point_names(cast: Parents, merged: Mapping[str, str]) -> None:
    """Point the names of the merged cast members at the parents they are."""
    for key, ident in list(cast.keys.items()):
        cast.keys[key] = merged.get(ident, ident)
    for word, owners in list(cast.words.items()):
        cast.words[word] = tuple(sorted({merged.get(i, i) for i in owners}))


def _children(
    characters: Sequence[Character], words: Sequence[ParentWord], narrator: str | None
) -> dict[str, str]:
    """Whose parent a ``Mum`` or ``Dad`` written as a name is, by the parent's pronouns.

    The first-person narrator's, when a pack knows them; else the character who owns most of
    the narration's lower-case words for a parent of those pronouns (``his mum``), if one
    owns more than half of them. With none, nobody's: in a story led by Harry, ``Mum`` may be
    his children's word in a scene of theirs.
    """
    if any(c.id == narrator and c.canon for c in characters):
        return {pronouns: narrator for pronouns in set(PARENT_WORDS.values()) if narrator}
    owners: dict[str, Counter[str]] = {}
    for word in words:
        owners.setdefault(word.pronouns, Counter())[word.owner] += 1
    return {
        pronouns: owner
        for pronouns, counted in owners.items()
        for owner, count in counted.most_common(1)
        if 2 * count > counted.total()
    }


SIBLINGS = 2
"""How many of the cast's children must share their one parent of a gender, with no child of
another parent of it, for ``Mum`` or ``Dad`` written as a name to be that parent."""


def _siblings(
    characters: Sequence[Character], parent_of: Callable[[str, str], CanonCharacter | None]
) -> dict[str, str]:
    """A child of the one parent of each gender every child in the cast shares, if any.

    Credence, Modesty and Chastity Barebone all call Mary Lou Barebone ``Ma``: whichever of
    them the story follows, ``Ma`` is she. It takes ``SIBLINGS`` such children, one of them
    the story's most-named character: in a story told from Hermione's side, whose parents the
    pack does not know, Ron and Ginny do not make her ``Mum`` Molly Weasley.
    """
    if not characters:
        return {}
    lead = max(characters, key=lambda c: c.mentions).id
    found: dict[str, str] = {}
    for pronouns in set(PARENT_WORDS.values()):
        parents: dict[str, list[str]] = {}
        for character in characters:
            if (parent := parent_of(character.id, pronouns)) is not None:
                parents.setdefault(parent.name, []).append(character.id)
        if len(parents) != 1:
            continue
        children = next(iter(parents.values()))
        if len(children) >= SIBLINGS and lead in children:
            found[pronouns] = lead
    return found


def _kin_named(
    characters: list[Character],
    by_name: dict[str, str],
    children: Mapping[str, str],
    parent_of: Callable[[str, str], CanonCharacter | None],
) -> dict[str, str]:
    """Make each cast member named only ``Mum`` or ``Dad`` the parent it is.

    ``children`` gives whose parent it is, by the parent's pronouns (:func:`_children`). A
    parent not yet in the cast takes the member's place (renamed in ``characters``); one
    already in it takes the member in: the returned map gives the member's id the parent's.
    """
    merged: dict[str, str] = {}
    for n, character in enumerate(characters):
        pronouns = kin_names(grand=False).get(character.name)
        if character.canon or pronouns is None or pronouns not in children:
            continue
        if any(alias not in kin_names(grand=False) for alias in character.aliases):
            continue  # also called by a name of their own
        parent = parent_of(children[pronouns], pronouns)
        if parent is None:
            continue
        if parent.name in by_name:
            merged[character.id] = by_name[parent.name]
            continue
        by_name[parent.name] = character.id
        characters[n] = replace(
            character, name=parent.name, aliases=(character.name, *character.aliases),
            gender=parent.pronouns, canon=True,
        )  # fmt: skip
    return merged
