"""Build a roster: cluster a work's mentions into characters, cautiously, in stages.

1. identical names (with their title) form a group;
2. full names absorb their parts: ``Elizabeth`` and ``Miss Elizabeth Bennet`` join
   ``Elizabeth Bennet`` when only one full name has that word; titled surnames
   (``Mr. Darcy``) join the one full name with that surname when no other title uses it, but
   ``Miss`` never joins ``Mrs.`` and a wife's title (``Lady Otway``) never joins an untitled
   full name (``Cassandra Otway``); a bare surname with a clear gender from the pronouns that
   follow it joins the one full name of that gender (``Archer`` is ``Newland Archer``);
   a kin title written alone (``Aunt``) joins the one name it is the title of (``Aunt
   Petunia``);
3. nicknames (``Lizzy`` -> ``Elizabeth``) and spelling variants (rapidfuzz) join;
4. groups named fewer than ``min_mentions`` times are dropped, and so are groups that read
   as places or things (mostly after ``at``, ``in``, ``to``, ``from``, a possessive, or an
   article before a plural: see :func:`ficlens.cast.build_cast`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from ficlens.cast.gender import decide_gender
from ficlens.cast.mentions import Mention
from ficlens.cast.names import NameParts, nicknames, titles

MIN_MENTIONS = 2
QUOTED_WEIGHT = 0.5
"""What a canon name said inside a quotation counts towards ``MIN_MENTIONS``."""
FEW_CHARACTERS = 2
"""A story with fewer characters named ``MIN_MENTIONS`` times than this keeps the fandom pack's
characters its narration names once: a drabble names its two characters once or twice and calls
them ``he`` and ``she`` after."""
_FUZZY_RATIO = 90
_MIN_FUZZY_LENGTH = 5
_LOCATIVE_SHARE = 0.5
METHOD = "roster.stages.v1"


@dataclass(slots=True)
class Group:
    """A cluster of names while the roster is being built."""

    keys: Counter[str] = field(default_factory=Counter)
    parts: dict[str, NameParts] = field(default_factory=dict)
    votes: Counter[str] = field(default_factory=Counter)

    @property
    def size(self) -> int:
        """How many mentions the group has."""
        return sum(self.keys.values())

    def words(self) -> set[str]:
        """Every word of every bare name in the group."""
        return {word for parts in self.parts.values() for word in parts.tokens}

    def full_names(self) -> list[NameParts]:
        """The group's names with two words or more."""
        return [p for p in self.parts.values() if len(p.tokens) > 1]

    def gender_hints(self) -> set[str]:
        """Pronoun sets the group's titles and honorifics imply."""
        return {hint for p in self.parts.values() if (hint := p.gender_hint)}

    def absorb(self, other: Group) -> None:
        """Take in another group's names."""
        self.keys.update(other.keys)
        self.parts.update(other.parts)
        self.votes.update(other.votes)

    def clear_gender(self) -> str | None:
        """The pronoun set its titles imply, else one a clear majority of pronoun votes gives.

        Pronouns after a name are often someone else's, so votes alone must be many and
        lopsided (``_CLEAR_VOTES``, ``_CLEAR_SHARE``) to count.
        """
        hints = self.gender_hints()
        if len(hints) > 1:
            return None
        return decide_gender(
            self.votes, sorted(hints), min_votes=_CLEAR_VOTES, min_share=_CLEAR_SHARE
        )


def _initial_groups(
    mentions: Sequence[Mention], votes: Mapping[str, Counter[str]]
) -> dict[str, Group]:
    groups: dict[str, Group] = {}
    for mention in mentions:
        group = groups.setdefault(mention.key, Group())
        group.keys[mention.key] += 1
        group.parts[mention.key] = mention.parts
    for key, group in groups.items():
        group.votes.update(votes.get(key, Counter()))
    return groups


def _owners(groups: list[Group], word: str) -> list[Group]:
    return [g for g in groups if any(word in p.tokens for p in g.full_names())]


def _compatible(group: Group, parts: NameParts) -> bool:
    """Whether a name may join a group: no title of one says another gender or marital state.

    ``Mrs. Bates`` and ``Miss Bates`` are mother and daughter, not one woman.
    """
    hint = parts.gender_hint
    hints = group.gender_hints()
    if hint is not None and hints and hint not in hints:
        return False
    titles = {p.title for p in group.parts.values() if p.title}
    return not (
        (parts.title in _UNMARRIED and titles & _MARRIED)
        or (parts.title in _MARRIED and titles & _UNMARRIED)
    )


_UNMARRIED = frozenset({"Miss"})
# A wife's title with her husband's surname (``Lady Otway``, ``Mrs. Dashwood``) is rarely the
# daughter the full name (``Cassandra Otway``, ``Elinor Dashwood``) names.
_MARRIED_SURNAME = frozenset({"Mrs.", "Mrs", "Lady", "Madame", "Mme.", "Mme"})
_MARRIED = frozenset({"Mrs.", "Mrs", "Madame", "Mme.", "Mme"})


def _merge_parts(groups: list[Group]) -> list[Group]:
    """Stage 2: single names and titled surnames join the one full name that contains them."""
    full = [g for g in groups if g.full_names()]
    single = [g for g in groups if not g.full_names()]
    titled_surnames = Counter(
        p.tokens[-1] for g in single for p in g.parts.values() if p.title and len(p.tokens) == 1
    )
    kept = list(full)
    for group in sorted(single, key=lambda g: -g.size):
        parts = next(iter(group.parts.values()))
        word = parts.tokens[0] if parts.tokens else ""
        owners = _dominant([g for g in _owners(full, word) if _compatible(g, parts)])
        if len(owners) > 1 and not parts.title:
            owners = _same_clear_gender(owners, group)
        # A bare name whose clear gender is its one owner's joins it even beside many titled
        # namesakes (Mr., Mrs. and Miss Archer).
        gender = group.clear_gender() if not parts.title else None
        by_gender = len(owners) == 1 and gender is not None and owners[0].clear_gender() == gender
        ambiguous_title = parts.title and _title_genders(single, word) > 1
        married = parts.title in _MARRIED_SURNAME and not any(
            p.title in _MARRIED_SURNAME for g in owners for p in g.parts.values()
        )
        crowded = titled_surnames[word] > 2 and not by_gender
        if len(owners) == 1 and not ambiguous_title and not married and not crowded:
            owners[0].absorb(group)
        else:
            kept.append(group)
    return kept


_CLEAR_VOTES = 5
_CLEAR_SHARE = 0.65


def _same_clear_gender(owners: list[Group], single: Group) -> list[Group]:
    """Of several full names, the one of the same clear gender as a bare name.

    In *The Age of Innocence* ``Archer`` (followed by ``he`` again and again) is Newland
    Archer, not Janey Archer.
    """
    gender = single.clear_gender()
    if gender is None:
        return owners
    same = [g for g in owners if g.clear_gender() == gender]
    return same if len(same) == 1 else owners


_DOMINANCE = 3


def _dominant(owners: list[Group]) -> list[Group]:
    """Of several full names sharing a word, the one used three times as often as any other.

    ``Archer`` alone means ``Newland Archer`` (named 37 times), not ``Janey Archer`` (once).
    """
    if len(owners) < 2:
        return owners
    ranked = sorted(owners, key=lambda g: -g.size)
    return ranked[:1] if ranked[0].size >= _DOMINANCE * ranked[1].size else owners


def _title_genders(groups: list[Group], word: str) -> int:
    """How many differently gendered titles are used with one surname (Mr. and Mrs. Bennet)."""
    genders = {
        titles().get(p.title)
        for g in groups
        for p in g.parts.values()
        if p.title and p.tokens == (word,)
    }
    return len(genders)


def _merge_variants(groups: list[Group]) -> list[Group]:
    """Stage 3: nicknames and spelling variants of a single name join its group."""
    kept: list[Group] = []
    for group in sorted(groups, key=lambda g: -g.size):
        parts = next(iter(group.parts.values()))
        target = None
        if len(group.parts) == 1 and len(parts.tokens) == 1 and not parts.title:
            target = _variant_owner(kept, parts.tokens[0])
        if target is not None:
            target.absorb(group)
        else:
            kept.append(group)
    return kept


def _untitled_words(group: Group) -> set[str]:
    return {word for p in group.parts.values() if not p.title for word in p.tokens}


def _variant_owner(groups: list[Group], word: str) -> Group | None:
    """The group a nickname or spelling variant belongs to.

    Titled names are not matched, so ``Kitty`` does not join ``Lady Catherine``.
    """
    fulls = nicknames().get(word, frozenset())
    found = []
    for group in groups:
        words = _untitled_words(group)
        if fulls & words or any(word in nicknames().get(w, ()) for w in words):
            found.append(group)
    if not found and len(word) >= _MIN_FUZZY_LENGTH:
        found = [
            group
            for group in groups
            if any(_spelling_variant(word, other) for other in _untitled_words(group))
        ]
    # A word that fits several groups (``Bennet`` beside ``Jane Bennet`` and ``Elizabeth
    # Bennet``) is ambiguous and stays apart.
    return found[0] if len(found) == 1 else None


def _spelling_variant(word: str, other: str) -> bool:
    """Whether two names are one spelt two ways: nearly equal, or two letters swapped."""
    if other[:1] != word[:1] or len(other) < _MIN_FUZZY_LENGTH:
        return False
    if fuzz.ratio(word, other) >= _FUZZY_RATIO:
        return True
    swapped = sorted(word) == sorted(other) and OSA.distance(word, other) == 1
    return swapped  # Hermoine / Hermione


def _merge_surnames(groups: list[Group]) -> list[Group]:
    """A bare surname joins the titled group that uses it: one such group, or the one ``Mr.``.

    In most prose a bare surname (``Bingley``, ``Darcy``) names the man the title ``Mr.`` is
    used for; when several titles share it and none is ``Mr.``, it stays apart.
    """
    kept: list[Group] = []
    bare = [g for g in groups if len(g.parts) == 1 and _single_untitled(g)]
    for group in groups:
        if group in bare:
            continue
        kept.append(group)
    for group in bare:
        word = next(iter(group.parts.values())).name
        titled = [g for g in kept if _titled_with(g, word)]
        male = [g for g in titled if "he/him" in g.gender_hints()]
        target = titled[0] if len(titled) == 1 else male[0] if len(male) == 1 else None
        if target is not None:
            target.absorb(group)
        else:
            kept.append(group)
    return kept


def _single_untitled(group: Group) -> bool:
    parts = next(iter(group.parts.values()))
    return not parts.title and len(parts.tokens) == 1


# Titles used with a given name (Lady Catherine, Sir William), not with a surname.
_GIVEN_NAME_TITLES = frozenset(
    {"Lady", "Sir", "Lord", "King", "Queen", "Prince", "Princess", "Aunt", "Uncle", "Dame"}
)


def _titled_with(group: Group, word: str) -> bool:
    return any(
        p.title and p.title not in _GIVEN_NAME_TITLES and p.tokens == (word,)
        for p in group.parts.values()
    )


_KIN_TITLES = frozenset({"Aunt", "Uncle"})
"""Kin titles a story also writes alone, as a name: ``Aunt glowers at her``."""


def _merge_kin_titles(groups: list[Group]) -> list[Group]:
    """A kin title written alone joins the one group that uses it with a name.

    A story told from a child's side may call Petunia ``Aunt Petunia`` and then just ``Aunt``;
    with two aunts named (``Aunt Petunia``, ``Aunt Marge``) the bare title stays apart.
    """
    bare = [g for g in groups if len(g.parts) == 1 and _single_untitled(g)]
    lone = [g for g in bare if next(iter(g.parts.values())).name in _KIN_TITLES]
    kept = [g for g in groups if g not in lone]
    for group in lone:
        word = next(iter(group.parts.values())).name
        titled = [g for g in kept if any(p.title == word for p in g.parts.values())]
        if len(titled) == 1:
            titled[0].absorb(group)
        else:
            kept.append(group)
    return kept


def cluster_names(
    mentions: Sequence[Mention],
    *,
    min_mentions: int = MIN_MENTIONS,
    locative: dict[str, float] | None = None,
    votes: Mapping[str, Counter[str]] | None = None,
    quoted: Mapping[str, int] | None = None,
    once: Collection[str] = (),
    wanted: Collection[str] = (),
) -> list[Group]:
    """Cluster mentions into character groups, largest first.

    Args:
        mentions: the work's mentions in text order.
        min_mentions: groups with fewer mentions are dropped (speech subjects count twice).
        locative: for each mention key, the share of its mentions that read as a place or a
            thing (after a locative preposition, a possessive...); groups mostly named that
            way are not people.
        votes: for each mention key, the pronoun sets that follow it (see ``Group.votes``).
        quoted: for some mention keys (a fandom pack's names), how often the quotations name
            their character; a group named in the narration at least once counts
            ``QUOTED_WEIGHT`` of that (the most any of its keys has) towards ``min_mentions``
            (``"Albus!"`` shows Albus is there).
        once: mention keys one mention of which keeps a group when fewer than
            ``FEW_CHARACTERS`` groups are kept otherwise (a fandom pack's names).
        wanted: mention keys one mention of which always keeps a group (a pack's character
            the narration's pronouns call for, :mod:`ficlens.cast.lacking`).
    """
    groups = list(_initial_groups(mentions, votes or {}).values())
    groups = _merge_variants(_merge_kin_titles(_merge_surnames(_merge_parts(groups))))
    subjects = Counter(m.key for m in mentions if m.speech_subject)
    locative = locative or {}
    kept, named_once = [], []
    for group in groups:
        weight: float = group.size
        if not _initial_only(group):
            weight += sum(subjects[key] for key in group.keys)
        weight += QUOTED_WEIGHT * max((quoted or {}).get(key, 0) for key in group.keys)
        place = sum(locative.get(key, 0.0) * n for key, n in group.keys.items()) / group.size
        if place >= _LOCATIVE_SHARE:
            continue
        if weight >= min_mentions or not group.keys.keys().isdisjoint(wanted):
            kept.append(group)
        elif not group.keys.keys().isdisjoint(once):
            named_once.append(group)
    if len(kept) < FEW_CHARACTERS:
        kept += named_once
    return sorted(kept, key=lambda g: -g.size)


def _initial_only(group: Group) -> bool:
    """Whether every name of the group is one letter (``S``, ``Q``): no speech makes it a name.

    A letter spelled out in a dialogue tag (*"S," says Colin*) is parsed as who speaks; a
    character called by a letter (Q, L) is named often enough without the speech bonus.
    """
    return all(len(group.parts[key].name) == 1 and not group.parts[key].title for key in group.keys)


def display_name(group: Group) -> str:
    """The name a group is shown by: its most used full name, else its most used name."""
    full = [(n, key) for key, n in group.keys.items() if len(group.parts[key].tokens) > 1]
    counts = full if full and max(full)[0] >= 2 else [(n, k) for k, n in group.keys.items()]
    return max(counts)[1]
