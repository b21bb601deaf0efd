"""Reading the story for pairings: its sentences, who each names, and who was named recently.

:func:`read_story` cuts the story paragraphs into sentences once and records, per sentence, the
characters it names (the narrator too, through ``I``/``me``/``my``, in first-person stories),
the named mentions that pronouns may stand for, the quotations with speakers and addressees
from the cast, each character's referential gender, and a pattern of the cast's names for
finding them inside quotations. Everything later reads this :class:`Story`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ficlens.cast.names import split_name
from ficlens.cast.person import Person, self_references
from ficlens.content.relationships.categories import gender_class
from ficlens.content.summary import sentence_spans
from ficlens.model import Character, Quote, Span

CHILD_REACH = 3000
"""Characters either side of a small child's stated age where the child has no romance."""
_SMALL_CHILD = re.compile(
    r"(?:(?<![\w-])(?:one|two|three|four|five|six|seven|eight|nine|[1-9])[- ](?:years?|yr)[- ]old"
    r"|\btoddler|\binfant|\bnewborn)\s+\Z",
    re.I,
)
"""Words before a name that make its bearer a small child: ``three-year-old Teddy``, not
``twenty-two-year-old Draco``; nor ``baby``, a nickname too (``Baby Weasley``) or a noun (``his
baby Draco was touching``)."""


@dataclass(frozen=True)
class Story:
    """The story cut into sentences, with who each sentence names and who was named recently."""

    text: str
    sentences: tuple[Span, ...]
    paragraph_of: tuple[int, ...]
    starts: tuple[int, ...]
    named: tuple[tuple[tuple[int, str], ...], ...]
    recent: tuple[tuple[int, str, int], ...]
    recent_starts: tuple[int, ...]
    quotes: tuple[Quote, ...]
    quote_starts: tuple[int, ...]
    genders: dict[str, str]
    narrator: str | None
    leads: tuple[str, ...] = ()
    names: re.Pattern[str] | None = None
    owners: dict[str, str] = field(default_factory=dict)
    paragraph_cast: tuple[frozenset[str], ...] = ()
    children: tuple[tuple[int, str], ...] = ()

    def small_child(self, ident: str, offset: int) -> bool:
        """Whether the story calls ``ident`` a small child within ``CHILD_REACH`` of ``offset``.

        ``three-year-old Teddy``, ``the toddler Teddy``: no one's lover there, though a story
        that grows him up (or remembers a flashback's *six-year-old Sirius*) may pair him a few
        pages away.
        """
        return any(who == ident and abs(at - offset) <= CHILD_REACH for at, who in self.children)

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence holding ``offset``, if any."""
        index = bisect_right(self.starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return index
        return None

    def quote_at(self, offset: int) -> Quote | None:
        """The quotation holding ``offset``, if any."""
        index = bisect_right(self.quote_starts, offset) - 1
        if index >= 0 and offset < self.quotes[index].span.end:
            return self.quotes[index]
        return None


def read_story(
    text: str,
    paragraphs: Sequence[Span],
    characters: Sequence[Character],
    mentions: Sequence[tuple[Span, str]],
    quotes: Sequence[Quote],
    narrator: str | None,
    known: set[str],
    *,
    person: Person | None = None,
    voices: Sequence[tuple[Span, str]] = (),
) -> Story:
    """Cut the story into sentences and record who each names; ``known`` are the cast's ids.

    The narrator (``narrator``) is named by the pronouns of the narration's ``person`` (first
    when ``None``); in the first person, a section of ``voices`` (a point-of-view heading's,
    with its character's id) names that character by them instead.
    """
    sentences: list[Span] = []
    paragraph_of: list[int] = []
    for index, paragraph in enumerate(paragraphs):
        for sentence in sentence_spans(text, paragraph):
            sentences.append(sentence)
            paragraph_of.append(index)
    starts = [s.start for s in sentences]
    ordered_quotes = tuple(sorted((_known_only(q, known) for q in quotes), key=_quote_start))
    named_mentions = sorted((s.start, ident) for s, ident in mentions if ident in known)
    silent = {c.id for c in characters if c.mentions == 0 and c.id != narrator} & known
    if silent:
        named_mentions = sorted(named_mentions + _voiced(ordered_quotes, silent))
    names, owners = _names(characters, text)
    children = tuple(
        (at, ident)
        for at, ident in named_mentions
        if _SMALL_CHILD.search(text, max(0, at - 24), at) is not None
    )
    called = _called(text, ordered_quotes, characters)
    recent = _recent(sorted(named_mentions + called), starts, paragraph_of, narrator)
    if narrator:
        named_mentions = sorted(
            named_mentions
            + _self_references(
                text, paragraphs, ordered_quotes, narrator, person or "first", voices
            )
        )
    named = _by_sentence(named_mentions, sentences, starts)
    cast: list[set[str]] = [set() for _ in paragraphs]
    for index, found in enumerate(named):
        cast[paragraph_of[index]].update(ident for _, ident in found)
    return Story(
        text=text,
        sentences=tuple(sentences),
        paragraph_of=tuple(paragraph_of),
        starts=tuple(starts),
        named=named,
        recent=tuple(recent),
        recent_starts=tuple(r[0] for r in recent),
        quotes=ordered_quotes,
        quote_starts=tuple(q.span.start for q in ordered_quotes),
        genders={c.id: gender_class(c.gender) for c in characters},
        narrator=narrator,
        leads=tuple(ident for ident, _ in Counter(r[1] for r in recent).most_common()),
        names=names,
        owners=owners,
        paragraph_cast=tuple(frozenset(c) for c in cast),
        children=children,
    )


def _quote_start(quote: Quote) -> int:
    return quote.span.start


def _known_only(quote: Quote, known: set[str]) -> Quote:
    """The quotation with a speaker or addressee outside the cast forgotten."""
    speaker = quote.speaker if quote.speaker in known else None
    addressee = quote.addressee if quote.addressee in known else None
    if (speaker, addressee) == (quote.speaker, quote.addressee):
        return quote
    return replace(quote, speaker=speaker, addressee=addressee)


def _voiced(quotes: Sequence[Quote], silent: set[str]) -> list[tuple[int, str]]:
    """Where characters the narration never names speak or are spoken to, as their mentions.

    A character only the quotations name (``"Relax, Granger."``) is there when they speak or
    are called: the sentence holding the quotation names them, and a pronoun after it may
    stand for them.
    """
    return [
        (quote.span.start, ident)
        for quote in quotes
        for ident in dict.fromkeys((quote.speaker, quote.addressee))
        if ident in silent
    ]


_WORD = re.compile(r"[A-Z][\w'’-]+")
"""A capitalised word: how a quotation calls someone by name."""
_DISAMBIGUATION = re.compile(r"\s*\(.*\)$")
"""A canonical name's disambiguation: the ``(Harry Potter)`` of ``Firenze (Harry Potter)``."""


def _called(
    text: str, quotes: Sequence[Quote], characters: Sequence[Character]
) -> list[tuple[int, str]]:
    """Where a quotation calls the one it is said to by name, as that character's mentions.

    In a scene told in pronouns, ``"Do you know what I do to bad girls, Granger?" he asked,
    kissing her thighs`` names the ``her``: the speech calls her by a word of her name. They
    count for pronouns and the story's leads only: the sentence names no one by them.
    """
    words = {
        c.id: frozenset(w for form in (c.name, *c.aliases) for w in form.split() if len(w) > 2)
        for c in characters
    }
    return [
        (quote.span.start, quote.addressee)
        for quote in quotes
        if quote.addressee in words
        and not words[quote.addressee].isdisjoint(
            _WORD.findall(text, quote.span.start, quote.span.end)
        )
    ]


def _names(
    characters: Sequence[Character], text: str
) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """A pattern of every capitalised name and alias, and the character each belongs to.

    A canon character's name is read word by word too: a story that calls her ``Lily`` in the
    narration still means her by ``"Were you snogging Evans?"``. Not a word the story also
    writes in lower case (the ``Nearly`` of Nearly Headless Nick, the ``Black`` of a black
    cloak), and a form two characters share (``Potter``) is no one's.
    """
    parts_of = {c.id: _name_words(c.name) for c in characters if c.canon}
    words = _lower_words(text, {w for parts in parts_of.values() for w in parts})
    owners: dict[str, str] = {}
    shared: set[str] = set()
    for character in characters:
        parts = tuple(w for w in parts_of.get(character.id, ()) if w.lower() not in words)
        for form in dict.fromkeys((character.name, *character.aliases, *parts)):
            if len(form) < 3 or not form[:1].isupper():
                continue
            if owners.setdefault(form, character.id) != character.id:
                shared.add(form)
    for form in shared:
        del owners[form]
    if not owners:
        return None, owners
    alternation = "|".join(re.escape(form) for form in sorted(owners, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’])(?:{alternation})(?!\w)"), owners


def _name_words(name: str) -> tuple[str, ...]:
    """The words of a canonical name, without a disambiguation or a ``Jr.``.

    Example:
        >>> _name_words("Nearly Headless Nick (Harry Potter)"), _name_words("Barty Crouch Jr.")
        (('Nearly', 'Headless', 'Nick'), ('Barty', 'Crouch'))
    """
    return tuple(w for w in split_name(_DISAMBIGUATION.sub("", name)).tokens if w.isalpha())


def _lower_words(text: str, words: set[str]) -> set[str]:
    """Which of ``words`` the text also writes in lower case (``nearly``), lower-cased."""
    if not words:
        return set()
    alternation = "|".join(sorted(re.escape(w.lower()) for w in words))
    return set(re.findall(rf"(?<![\w'’-])(?:{alternation})(?![\w'’-])", text))


def _by_sentence(
    mentions: Sequence[tuple[int, str]], sentences: Sequence[Span], starts: Sequence[int]
) -> tuple[tuple[tuple[int, str], ...], ...]:
    """For each sentence, the ``(offset, id)`` of the mentions inside it."""
    named: list[list[tuple[int, str]]] = [[] for _ in sentences]
    for offset, ident in mentions:
        index = bisect_right(starts, offset) - 1
        if index >= 0 and offset < sentences[index].end:
            named[index].append((offset, ident))
    return tuple(tuple(found) for found in named)


def _recent(
    mentions: Sequence[tuple[int, str]],
    starts: Sequence[int],
    paragraph_of: Sequence[int],
    narrator: str | None,
) -> list[tuple[int, str, int]]:
    """Named mentions (not the narrator's) with their paragraph, for pronoun resolution."""
    found = []
    for offset, ident in mentions:
        index = bisect_right(starts, offset) - 1
        if ident != narrator and index >= 0:
            found.append((offset, ident, paragraph_of[index]))
    return found


def _self_references(
    text: str,
    paragraphs: Sequence[Span],
    quotes: Sequence[Quote],
    narrator: str,
    person: Person,
    voices: Sequence[tuple[Span, str]] = (),
) -> list[tuple[int, str]]:
    """The narrator's ``I``/``me``/``my`` in narration, not inside quotations.

    In the second person: ``you``/``your`` and ``Y/N``. In the first person, the ``I`` of a
    section in ``voices`` is that section's character.
    """
    quote_starts = [q.span.start for q in quotes]
    sections = voices if person == "first" else ()
    found = []
    for paragraph in paragraphs:
        teller = next((ident for span, ident in sections if span.contains(paragraph)), narrator)
        for match in self_references(person).finditer(text, paragraph.start, paragraph.end):
            index = bisect_right(quote_starts, match.start()) - 1
            if index < 0 or match.start() >= quotes[index].span.end:
                found.append((match.start(), teller))
    return found
