"""Cast: the characters of a work, every name they go by, and how the text refers to them.

``build_cast(text, parsed)`` finds mentions in the parsed narration, clusters them into a
roster (:mod:`ficlens.cast.roster`), infers each character's referential gender
(:mod:`ficlens.cast.gender`) and notices a first-person narrator (named, when a fandom pack is
detected, after the one canon character only the quotations name: :func:`.quoted.quoted_only`).
With ``gold`` (a list of known characters and their aliases, as an evaluation's gold roster
gives), the roster is not built but taken, and mentions are resolved against it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, partial

from ficlens.cast.canon import (
    canon_mentions,
    given_mentions,
    merge_canon,
    misspelt_mentions,
    nickname_in_foreign_name,
    surname_mentions,
    titled_otherwise,
)
from ficlens.cast.eras import story_era
from ficlens.cast.gender import decide_gender, pronoun_votes
from ficlens.cast.lacking import called_for, lacking
from ficlens.cast.mentions import Mention, mentions_in, propagated, speaks
from ficlens.cast.name_gender import usual_pronouns
from ficlens.cast.names import NameParts, split_name, titles
from ficlens.cast.parents import Parents, with_parents
from ficlens.cast.person import Person, narration_person, reader_insert
from ficlens.cast.placeholder import (
    PLACEHOLDER_NAME,
    is_placeholder,
    placeholder_spans,
    with_placeholders,
)
from ficlens.cast.quoted import PackName, pack_names, quoted_cast, quoted_names, quoted_only
from ficlens.cast.roster import MIN_MENTIONS, Group, cluster_names, display_name
from ficlens.cast.things import generic, term_spans
from ficlens.fandoms import FandomPack
from ficlens.fandoms.pack import find_canon, name_key, tag_forms
from ficlens.model import Character, Span
from ficlens.nlp import Parsed, Token

METHOD = "cast.roster.v1"
NARRATOR = "narrator"
READER = "reader"
_LOCATIVES = frozenset({"at", "in", "to", "from", "near", "into", "towards", "toward"})
_ARTICLES = frozenset({"the", "these", "those"})
_POSSESSIVES = frozenset({"his", "their", "its", "my", "your", "our"})
"""Words that make the capitalised noun after them a thing or a group: a possessive (*his
Aurors*, *their CV*) counts half, since it may be fond (*his Hali*), and an article only
before a plural (*the Aurors*) or before one word that never speaks (*the Order*), since many
a character is named by a role (*said the Hatter*). *Her* is left out, since it is also an
object (*told her Harry was*)."""
_DETERMINERS = _ARTICLES | _POSSESSIVES
_PREVIOUS_WORD = re.compile(r"(\w+)\W*$")
NAMELESS: dict[Person, tuple[str, str, str]] = {
    "first": (NARRATOR, "Narrator", "I"),
    "second": (READER, "Reader", "you"),
}
"""The id, name and pronoun of a protagonist the narration names by pronoun only."""


@dataclass(frozen=True, slots=True)
class KnownCharacter:
    """A character given from outside (a gold roster or a fandom pack): name and aliases."""

    name: str
    aliases: tuple[str, ...]
    gender: str | None = None
    canon: bool = False


@dataclass(frozen=True)
class Cast:
    """The roster and how to resolve a name to a character.

    Attributes:
        characters: the characters, most mentioned first.
        mentions: every resolved mention as ``(span, character id)``, in text order.
        narrator: the id of the character the narration calls ``I`` (first person) or
            ``you`` (second person).
        person: the narration's person, ``first`` or ``second``; ``None`` for third (a
            narrator with no person is in the first person).
        voices: the stretches (scenes) a point-of-view heading gives to a character
            (``Draco's POV``), with that character's id, in text order; see
            :mod:`ficlens.dialogue.voices`.
    """

    characters: tuple[Character, ...]
    mentions: tuple[tuple[Span, str], ...]
    narrator: str | None = None
    _keys: Mapping[str, str] = field(default_factory=dict, repr=False)
    _words: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _genders: Mapping[str, str | None] = field(default_factory=dict, repr=False)
    person: Person | None = None
    voices: tuple[tuple[Span, str], ...] = ()

    def resolve(self, name: str) -> str | None:
        """The id of the character a written name refers to, or ``None`` if unknown or ambiguous.

        The full name (with its title) is tried first, then the bare name, then, for a single
        word, the one character whose names contain it. A title's gender must agree with the
        character's (``Mrs. Dashwood`` is not ``John Dashwood``).

        Example:
            >>> cast = Cast((), (), None, {"mr. darcy": "c1"}, {"darcy": ("c1",)})
            >>> cast.resolve("Mr. Darcy's"), cast.resolve("Darcy"), cast.resolve("Bingley")
            ('c1', 'c1', None)
        """
        parts = split_name(name)
        hint = parts.gender_hint
        for key in (f"{parts.title} {parts.name}".strip(), parts.name):
            found = self._keys.get(key.lower())
            if found and self._agrees(found, hint):
                return found
        words = parts.name.lower().split()
        if len(words) != 1:
            return None
        candidates = [c for c in self._words.get(words[0], ()) if self._agrees(c, hint)]
        return candidates[0] if len(candidates) == 1 else None

    def _agrees(self, ident: str, hint: str | None) -> bool:
        if hint is None:
            return True
        gender = self._genders.get(ident)
        return gender is None or gender == hint

    @cached_property
    def _voice_ends(self) -> list[int]:
        """Where each voice's stretch ends, for :meth:`voice_at` (asked once per candidate)."""
        return [span.end for span, _ in self.voices]

    def voice_at(self, offset: int) -> str | None:
        """The character a point-of-view heading gives the stretch holding ``offset``, if any."""
        index = bisect_left(self._voice_ends, offset + 1)
        if index < len(self.voices) and self.voices[index][0].start <= offset:
            return self.voices[index][1]
        return None

    def narrator_at(self, offset: int) -> str | None:
        """Who the narration's ``I`` is at ``offset``.

        In a first-person story whose sections are headed ``Harry's POV`` and ``Draco's POV``,
        each section's ``I`` is the character its heading names; elsewhere, and in the second
        person (whose ``you`` stays the reader), it is the narrator.
        """
        if self.narrator is None or self.narration != "first":
            return self.narrator
        return self.voice_at(offset) or self.narrator

    @property
    def narration(self) -> Person:
        """The person whose pronouns name the narrator (first when a hand-built cast omits it)."""
        return self.person or "first"

    @property
    def reader_insert(self) -> bool:
        """Whether the narrator is a reader-insert's ``Reader``, addressed as ``Y/N``."""
        return any(c.id == self.narrator and PLACEHOLDER_NAME in c.aliases for c in self.characters)

    def by_id(self) -> dict[str, Character]:
        """Characters by id."""
        return {character.id: character for character in self.characters}


def _place_shares(
    text: str, located: Sequence[tuple[int, Mention]], parsed: Sequence[Parsed]
) -> dict[str, float]:
    """Per mention key, the share of its mentions that read as a place, a thing or a group.

    That is, after a locative preposition (``at Tara``) or, when untitled, a possessive or an
    article (see ``_POSSESSIVES``; an article before one word only when that name never is
    the subject of a speech verb: ``the Order``, not ``said the Hatter``); a title keeps a
    role a person (``their Colonel``), and a
    name before a common noun is left out of the count, since it names a family's or a
    person's thing (``the Malfoy heir``). A name a fandom pack gives a character is a person
    wherever it stands ("different from Hermione herself"): its mentions count as a person's,
    so one stray parse of the same name (``his Ginny-only holiday``) cannot make a pack
    character of a hundred mentions a place.
    """
    hits: Counter[str] = Counter()  # in halves, as a possessive counts half
    totals: Counter[str] = Counter()
    voiced = _Voiced(located, parsed)
    for index, mention in located:
        if mention.source in ("canon", "script"):
            totals[mention.key] += 2
            continue
        previous = _PREVIOUS_WORD.search(text[max(0, mention.span.start - 20) : mention.span.start])
        word = previous.group(1).lower() if previous else ""
        determined = word in _DETERMINERS and not _titled(mention.parts)
        after = _token_at(parsed[index], mention.span.end) if determined else None
        if after is not None and after.tag in ("NN", "NNS"):
            continue
        totals[mention.key] += 2
        if word in _LOCATIVES and _addressed(text, mention):
            continue  # "smiled at Mrs. Weasley": a person; "at Madam Malkin's": her shop
        if word in _LOCATIVES or (determined and _plural(parsed[index], mention.span.end)):
            hits[mention.key] += 2
        elif determined and word in _POSSESSIVES:
            hits[mention.key] += 1
        elif determined and _unvoiced_thing(text, mention, voiced):
            hits[mention.key] += 2
    return {key: hits[key] / totals[key] for key in totals}


_OWNED = re.compile(r"['’]s\b")


class _Voiced:
    """Which names are somewhere the subject of a speech verb, asked name by name, once each.

    A propagated mention carries no parse of its own, so each of a name's mentions is asked
    (``said the Hatter``) until one speaks.
    """

    def __init__(self, located: Sequence[tuple[int, Mention]], parsed: Sequence[Parsed]):
        self._parsed = parsed
        self._mentions: dict[str, list[tuple[int, Mention]]] = {}
        for index, mention in located:
            self._mentions.setdefault(mention.key, []).append((index, mention))
        self._known: dict[str, bool] = {}

    def __contains__(self, key: str) -> bool:
        if key not in self._known:
            self._known[key] = any(
                mention.speech_subject or speaks(self._parsed[index], mention.span)
                for index, mention in self._mentions.get(key, ())
            )
        return self._known[key]


def _unvoiced_thing(text: str, mention: Mention, voiced: _Voiced) -> bool:
    """Whether a one-word name after an article is a thing: it never speaks (``the Order``).

    A role speaks (``said the Hatter``); a family owns (``the Potter's were in hiding``).
    """
    return (
        len(mention.parts.tokens) == 1
        and not _OWNED.match(text, mention.span.end)
        and mention.key not in voiced
    )


def _token_at(piece: Parsed, offset: int) -> Token | None:
    """The first token of a piece at or after ``offset`` that is not whitespace."""
    index = bisect_left(piece.tokens, offset, key=lambda token: token.start)
    while index < len(piece.tokens) and not piece.tokens[index].text.strip():
        index += 1
    return piece.tokens[index] if index < len(piece.tokens) else None


def _plural(piece: Parsed, end: int) -> bool:
    """Whether the name ending at ``end`` is a plural noun (``Aurors``, ``Potters``)."""
    index = bisect_left(piece.tokens, end, key=lambda token: token.end)
    return index < len(piece.tokens) and piece.tokens[index].tag == "NNPS"


_PERSONAL_TITLES = frozenset(
    "Mr Mr. Mrs Mrs. Ms Ms. Miss Mister Madam Madame Mme Mme. Mlle Mlle. Monsieur Herr Frau "
    "Señor Señora Señorita Signor Signora Professor Prof Prof. Dr Dr. Doctor Aunt Uncle "
    "Headmaster Headmistress Nurse Coach".split()
)
"""Titles only a person bears. Not ``St.``, ``King`` or ``Lord``, which also name places
(``at St. Mungo's``, ``to King's Cross``)."""


_SHOP = re.compile(r"['’]s(?!\s+[a-z])")
"""A possessive with no noun after it: ``at Madam Malkin's``, ``to Mr. Ollivander's, then``."""


def _addressed(text: str, mention: Mention) -> bool:
    """Whether a name after a locative word is still a person: titled as only people are.

    ``smiled at Mrs. Weasley``, ``at Miss Rosier's behest``, ``a letter from Professor
    Lupin``; but a titled name whose ``'s`` ends the phrase is the bearer's shop or house
    (``at Madam Malkin's.``).
    """
    return mention.parts.title in _PERSONAL_TITLES and not _SHOP.match(text, mention.span.end)


def _titled(parts: NameParts) -> bool:
    """Whether a name has a title, or is one (``Colonel``, ``Queen``)."""
    return bool(parts.title) or (bool(parts.tokens) and parts.tokens[0] in titles())


def _groups_from_known(known: Sequence[KnownCharacter]) -> list[Group]:
    groups = []
    for character in known:
        group = Group()
        for alias in (character.name, *character.aliases):
            parts = split_name(alias)
            key = f"{parts.title} {parts.name}".strip()
            group.keys[key] += 0
            group.parts[key] = parts
        groups.append(group)
    return groups


def _only(hints: set[str]) -> str | None:
    """The one gender the titles of a group's names hint at, or ``None`` if none or several.

    Taking any one of several would depend on the order of a set, which changes from run to
    run with Python's string hashing.
    """
    return next(iter(hints)) if len(hints) == 1 else None


def _index(
    groups: Sequence[Group], ids: Sequence[str]
) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    keys: dict[str, str] = {}
    words: dict[str, set[str]] = {}
    for group, ident in zip(groups, ids, strict=True):
        for key, parts in group.parts.items():
            keys.setdefault(key.lower(), ident)
            if not parts.title:
                keys.setdefault(parts.name.lower(), ident)
            if key.lower().startswith("the "):
                keys.setdefault(key[4:].lower(), ident)  # "the Mock Turtle" is "Mock Turtle"
            for word in parts.tokens:
                words.setdefault(word.lower(), set()).add(ident)
    return keys, {word: tuple(sorted(owners)) for word, owners in words.items()}


def _located_mentions(
    text: str,
    parsed: Sequence[Parsed],
    packs: tuple[FandomPack, ...],
    labels: Sequence[tuple[int, Span]] = (),
) -> list[tuple[int, Mention]]:
    """Mentions from the parse, the fandom packs and script labels, none inside a pack's term.

    A name inside a place or a thing the packs list names no one (:func:`.things.term_spans`):
    ``Gambol and Japes`` is a shop, not two people; nor does a one-word name after ``a``
    (:func:`.things.generic`): ``something a Malfoy would do``.
    """
    found = [
        (i, m)
        for i, m in _every_mention(text, parsed, packs, labels)
        if m.source == "script" or not generic(text, m.span)
    ]
    if things := term_spans(text, packs):
        return [(i, m) for i, m in found if not any(t.contains(m.span) for t in things)]
    return found


def _every_mention(
    text: str,
    parsed: Sequence[Parsed],
    packs: tuple[FandomPack, ...],
    labels: Sequence[tuple[int, Span]] = (),
) -> list[tuple[int, Mention]]:
    """Mentions from the parse, the fandom packs and script labels.

    A pack's name wins an overlap, then a script label (``Harry`` of ``Harry: Hi.``), then
    the parse; but a pack's nickname beginning a parsed full name of a family no pack knows
    (``Penny`` of ``Penny Haywood``) yields to it.
    """
    located = [(i, m) for i, piece in enumerate(parsed) for m in mentions_in(text, piece)]
    located = sorted([*located, *propagated(parsed, located)], key=lambda p: p[1].span.start)
    canon = canon_mentions(text, parsed, packs) if packs else []
    canon = [  # the parse's "Penny Haywood" over the pack's "Penny" (Penelope Clearwater)
        (i, c)
        for i, c in canon
        if not any(
            nickname_in_foreign_name(c, m, text, packs) or titled_otherwise(c, m, packs)
            for _, m in located
            if m.span.overlaps(c.span)
        )
    ]
    taken = [m.span for _, m in (*located, *canon)]
    missed = (
        [
            *given_mentions(text, parsed, packs),
            *surname_mentions(text, parsed, packs),
            *misspelt_mentions(text, parsed, packs),
        ]
        if packs
        else []
    )
    canon += [  # a name the parse missed (Albus, Potter, Hermoine); "Oliver Twist" stays its
        (i, g) for i, g in missed if not any(g.span.overlaps(s) for s in taken)
    ]
    script = [
        (i, Mention(span, split_name(span.of(text)), "script", speech_subject=True))
        for i, span in labels
    ]
    labelled = [m.span for _, m in script]
    canon = [  # a pack's name as a script label still names the line's speaker
        (i, replace(m, speech_subject=True) if any(m.span.overlaps(s) for s in labelled) else m)
        for i, m in canon
    ]
    script = [(i, m) for i, m in script if not any(m.span.overlaps(c.span) for _, c in canon)]
    if not canon and not script:
        return located
    spans = [m.span for _, m in (*canon, *script)]
    kept = [(i, m) for i, m in located if not any(m.span.overlaps(s) for s in spans)]
    return sorted(kept + canon + script, key=lambda pair: pair[1].span.start)


def build_cast(
    text: str,
    parsed: Sequence[Parsed],
    *,
    known: Sequence[KnownCharacter] | None = None,
    packs: tuple[FandomPack, ...] = (),
    min_mentions: int = MIN_MENTIONS,
    labels: Sequence[tuple[int, Span]] = (),
) -> Cast:
    """Find the characters of a work in its parsed narration.

    Args:
        text: the work's text.
        parsed: the parsed narration pieces (quotations masked).
        known: a roster to use instead of building one (the gold-roster protocol).
        packs: fandom packs of the work's detected fandoms: their names are looked for, and
            characters they know get canonical names.
        min_mentions: fewest mentions for a character of a built roster.
        labels: the speakers' labels of script-format lines (``Harry`` of ``Harry: Hi.``), as
            ``(paragraph index, span)``: each is a mention, like a speech verb's subject.
    """
    person = narration_person(parsed)
    located = _located_mentions(text, parsed, packs, labels)
    located = with_placeholders(located, placeholder_spans(text, parsed), person)
    mentions = [m for _, m in located]
    said = pack_names(text, parsed, packs) if packs else []
    built = known is None
    if known is not None:
        groups = _groups_from_known(known)
    else:
        cluster = partial(
            cluster_names,
            mentions,
            min_mentions=min_mentions,
            locative=_place_shares(text, located, parsed),
            votes=_key_votes(located, parsed),
            quoted=quoted_names(text, parsed, packs, {m.key for m in mentions}, found=said)
            if packs
            else None,
            once={m.key for m in mentions if m.source == "canon"},
        )
        groups = cluster()
        if packs:
            quoted = [(name, character) for name, character, inside, _ in said if inside]
            attached = merge_canon(groups, packs, quoted)
            present = [c.pronouns if c else g.clear_gender() for g, c in attached]
            if wanted := called_for(mentions, packs, lacking(parsed, present)):
                attached = merge_canon(cluster(wanted=wanted), packs, quoted)
            groups = [group for group, _ in attached]
            known = [
                KnownCharacter(c.name, (), c.pronouns, True) if c else _unknown(g)
                for g, c in attached
            ]
            known = known if any(k.canon for k in known) else None
    numbers = iter(range(1, len(groups) + 1))  # a third-person reader-insert's Y/N: Reader
    ids = [READER if is_placeholder(g) else f"c{next(numbers)}" for g in groups]
    keys, words = _index(groups, ids)
    if known is not None:  # a canon character answers to all its pack's names too
        for character, ident in zip(known, ids, strict=True):
            for form in _canon_forms(character, packs):
                keys.setdefault(form.lower(), ident)
    hinted = {  # titles of both genders (a coreference's "Mr." and "Mrs. Hilbery") hint nothing
        ident: (known[n].gender if known is not None else None) or _only(group.gender_hints())
        for n, (group, ident) in enumerate(zip(groups, ids, strict=True))
    }
    lookup = Cast((), (), None, keys, words, hinted)
    resolved = [(i, m, lookup.resolve(m.parts.title + " " + m.parts.name)) for i, m in located]
    characters = [
        replace(c, name=NAMELESS["second"][1], aliases=(PLACEHOLDER_NAME,)) if c.id == READER else c
        for c in _characters(groups, ids, resolved, parsed, known)
    ]
    narrator = None
    if person:
        characters.append(_protagonist(text, parsed, packs, characters, person, said))
        narrator = characters[-1].id
        if PLACEHOLDER_NAME in characters[-1].aliases:  # "You're a terrible liar, Y/N," he says.
            keys.setdefault(PLACEHOLDER_NAME.lower(), narrator)
    if built and packs:
        characters += _quoted_characters(text, parsed, packs, characters, keys, len(groups), said)
    mention_spans = tuple((m.span, ident) for _, m, ident in resolved if ident)
    if built and packs:  # "his dad", "Mum": the parents a pack knows
        family = Parents(characters, list(mention_spans), keys, words)
        family = with_parents(parsed, packs, family, narrator, lookup.resolve)
        characters, mention_spans = family.characters, tuple(family.mentions)
    genders = {c.id: c.gender for c in characters}
    words = _with_canon_words(words, characters)
    return Cast(tuple(characters), mention_spans, narrator, keys, words, genders, person)


def _with_canon_words(
    words: Mapping[str, tuple[str, ...]], characters: Sequence[Character]
) -> dict[str, tuple[str, ...]]:
    """The word index with each canon character's full name's words added.

    A story told from Harry's side may call Draco ``Malfoy`` only in quotations (``"Quietly,
    Malfoy."``); the pack's forms leave out a surname the family shares, so the vocative
    resolves ``Malfoy`` as a single word: the one character whose names hold it.
    """
    merged = {word: set(owners) for word, owners in words.items()}
    for character in characters:
        if character.canon:
            for word in split_name(character.name).tokens:
                merged.setdefault(word.lower(), set()).add(character.id)
    return {word: tuple(sorted(owners)) for word, owners in merged.items()}


def _canon_forms(character: KnownCharacter, packs: tuple[FandomPack, ...]) -> tuple[str, ...]:
    """Every name a canon character answers to: its tag's forms and its pack's other names.

    A quotation may call a character what the narration never does (*"Moony, you've been off
    the whole day"*), so the vocative still finds Remus Lupin.
    """
    if not character.canon:
        return ()
    canon = find_canon(character.name, packs) if packs else None
    forms = canon.forms if canon is not None else tag_forms(character.name)
    return tuple(dict.fromkeys(f.removeprefix("the ").removeprefix("The ") for f in forms))


def _quoted_characters(
    text: str,
    parsed: Sequence[Parsed],
    packs: tuple[FandomPack, ...],
    cast: Sequence[Character],
    keys: dict[str, str],
    numbered: int,
    said: Sequence[PackName],
) -> list[Character]:
    """The canon characters only the quotations name (:func:`.canon.quoted_cast`).

    They have no narration mentions and the ids after the ``numbered`` roster characters'.
    They answer to all their pack's names, so the dialogue stage finds them in vocatives
    (*"What was that, Zabini?"*) and pairings can join them.
    """
    present = {name.lower() for c in cast for name in (c.name, *c.aliases)}
    canon = [(find_canon(c.name, packs), c.mentions) for c in cast if c.canon]
    era = story_era([(character, n) for character, n in canon if character is not None])
    added = []
    for n, (character, _, first) in enumerate(
        quoted_cast(text, parsed, packs, present, era, found=said)
    ):
        ident = f"c{numbered + n + 1}"
        known = KnownCharacter(character.name, (), character.pronouns, True)
        for form in _canon_forms(known, packs):
            keys.setdefault(form.lower(), ident)
        added.append(Character(ident, character.name, (), character.pronouns, True, 0, first))
    return added


def _protagonist(
    text: str,
    parsed: Sequence[Parsed],
    packs: tuple[FandomPack, ...],
    cast: Sequence[Character],
    person: Person,
    said: Sequence[PackName],
) -> Character:
    """The ``I`` or ``you`` of the narration, as a character (``said``: the pack names read).

    The canon character only quotations name, else ``Narrator`` (first person) or ``Reader``
    (second person). A reader-insert (``Y/N`` placeholders) keeps ``Reader``: its protagonist
    is whoever reads. So does a first-person story whose placeholders are all in quotations
    (``"You need to be wiser, Y/L/N."``): the others call the ``I`` so. One that writes them in
    the narration too has a ``Y/N`` of its own, not the ``I`` (a canon character's side). The
    dialogue stage may still name any other protagonist from what the other characters call
    them (:mod:`ficlens.dialogue.narrator`).
    """
    ident, nameless, pronoun = NAMELESS[person]
    insert = reader_insert(text) and (person == "second" or not placeholder_spans(text, parsed))
    if insert:
        nameless = NAMELESS["second"][1]
    present = {c.name for c in cast}
    addressed = person == "second"  # "you" is the reader unless the others call "you" by name
    found = (
        quoted_only(text, parsed, packs, present, found=said, addressed=addressed)
        if packs
        else None
    )
    if found is None or insert:
        aliases = (pronoun, PLACEHOLDER_NAME) if insert else (pronoun,)
        return Character(ident, nameless, aliases, None, False, 0, 0)
    return Character(ident, found.name, (pronoun, nameless), found.pronouns, True, 0, 0)


def _after(piece: Parsed, end: int) -> int:
    """Index of the first token of a piece that starts at or after an offset."""
    return next((k for k, t in enumerate(piece.tokens) if t.start >= end), len(piece.tokens))


def _key_votes(
    located: Sequence[tuple[int, Mention]], parsed: Sequence[Parsed]
) -> dict[str, Counter[str]]:
    """The pronoun sets that follow each name as written (its cluster key)."""
    keys = list(dict.fromkeys(m.key for _, m in located))
    position = {key: n for n, key in enumerate(keys)}
    triples = [(i, _after(parsed[i], m.span.end), position[m.key]) for i, m in located]
    return {keys[n]: votes for n, votes in pronoun_votes(parsed, triples).items()}


def _unknown(group: Group) -> KnownCharacter:
    return KnownCharacter(display_name(group), ())


def _characters(
    groups: Sequence[Group],
    ids: Sequence[str],
    resolved: Sequence[tuple[int, Mention, str | None]],
    parsed: Sequence[Parsed],
    known: Sequence[KnownCharacter] | None,
) -> list[Character]:
    position = {ident: n for n, ident in enumerate(ids)}
    counts: Counter[str] = Counter(ident for _, _, ident in resolved if ident)
    first: dict[str, int] = {}
    written: dict[str, Counter[str]] = {}  # the untitled names each character is called by
    located = []
    for piece, mention, ident in resolved:
        if not ident:
            continue
        first.setdefault(ident, mention.span.start)
        if not mention.parts.title:  # "Mr. Hamilton" may be the father a bare surname found
            written.setdefault(ident, Counter())[mention.key] += 1
        located.append((piece, _after(parsed[piece], mention.span.end), position[ident]))
    votes = pronoun_votes(parsed, located)
    characters = []
    for n, (group, ident) in enumerate(zip(groups, ids, strict=True)):
        given = known[n] if known is not None else None
        name = given.name if given else display_name(group)
        aliases = _aliases(group.keys + written.get(ident, Counter()), name)
        hints = sorted(group.gender_hints())
        canon = bool(given and given.canon)
        # a canon character's pack pronouns, which a genderbent story's own overturn
        usual = given.gender if given and canon else _usual_pronouns(group)
        gender = (given.gender if given and not canon else None) or decide_gender(
            votes.get(n, Counter()), hints, usual=usual, canon=canon
        )
        characters.append(
            Character(ident, name, aliases, gender, canon, counts[ident],
                      first.get(ident, -1))
        )  # fmt: skip
    return characters


def _usual_pronouns(group: Group) -> str | None:
    """The pronouns usual for the given name of a group's untitled names, if they agree.

    The given name is the first word of a name of several words (``Antonio Ruiz``), or a lone
    word the census knows far better as a given name than as a surname
    (:func:`~ficlens.cast.name_gender.usual_pronouns`).
    """
    found = {
        usual_pronouns(parts.tokens[0], alone=len(parts.tokens) == 1)
        for parts in group.parts.values()
        if parts.tokens and not parts.title
    } - {None}
    return found.pop() if len(found) == 1 else None


def _aliases(keys: Counter[str], name: str) -> tuple[str, ...]:
    """A character's other names, one written form of each (its most frequent), in order.

    ``keys`` counts the names of its roster group and the untitled names of the mentions
    resolved to it (a full name written once, ``Bellatrix Lestrange``, forms no group of its
    own; a titled one, ``Mr. Hamilton``, may be another of the family). Names
    that differ only in case or a leading article are one: ``the Potions Master``, ``The
    Potions Master`` and ``Potions Master`` are listed once.

    Example:
        >>> keys = Counter({"Snape": 9, "the Potions Master": 3, "The Potions Master": 1})
        >>> _aliases(keys, "Severus Snape")
        ('Snape', 'the Potions Master')
    """
    forms: dict[str, str] = {name_key(name): name}
    for key, _ in keys.most_common():
        forms.setdefault(name_key(key), key)
    return tuple(sorted(form for form in forms.values() if form != name))
