"""Tell which canons a text belongs to, from its names and tell-tale terms.

The scanning (one cached regex per pack, one pass over the text) is in
:mod:`ficlens.fandoms.scan`; this module weighs what it finds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

from ficlens.fandoms.loader import load_packs
from ficlens.fandoms.pack import FandomPack, name_key
from ficlens.fandoms.scan import Hit, candidates, lower, matcher, scan
from ficlens.model import Span

MIN_SCORE = 3.0
"""The default score a pack needs to be a match (see :func:`detect_fandoms`)."""
MIN_STRONG_SIGNALS = 2
"""How many strong signals (terms, or characters named in full) a match needs."""
MIN_CHARACTERS = 3
"""...or how many distinct canon characters, however named (a drabble that only says
``Harry``, ``Ron``, ``Hermione`` and ``Draco`` is still Harry Potter)..."""
MIN_CHARACTER_DENSITY = 3.0
"""...named this often (hits per 1,000 words): a novel's ``James``, ``George`` and ``Tom`` are
spread thin, a fan work's characters are named on every page."""
DENSE_CHARACTERS = 2
"""A short text also matches with this many distinct canon characters and one strong signal (a
shared surname named ``RECURRING_MIN`` times counts as one more: ``Draco`` and ``Potter``, each
on every other line of a drabble)..."""
DENSE_MIN = 10.0
"""...when its hits are this dense (per 1,000 words) and its score is at least half the
``min_score``."""
RECURRING_CHARACTERS = 2
"""...or, with no strong signal at all, this many distinct canon characters each named at least
``RECURRING_MIN`` times at a density of at least ``DENSE_MIN`` (a drabble about ``Remus`` and
``Sirius`` that never says a surname): two names that keep coming back together on a short page
are the story's couple or pair of friends, not a novel's passing ``Harry`` and ``Tom``."""
RECURRING_MIN = 3
LEAD_MIN = 3
"""A short text also matches with a single canon character named in full at least once and named
this often in all, at a density of at least ``DENSE_MIN`` and a score of at least half the
``min_score``: a drabble about Percy Weasley, who is ``Percy`` on every other line. A novel may
name a pack's character once in full by chance; it does not keep naming them on every page. A
rare one-word name is not enough: *The Mysterious Affair at Styles* has a maid called Dorcas,
and Snape's mother Eileen is also Supernatural's."""
STORY_LEAD_MIN = 6
"""A longer text also matches with a single canon character named in full at least once and
this often in all, at a density of at least ``MIN_CHARACTER_DENSITY``, whatever its score: a
one-shot about Sirius alone (a reader-insert names no one else of the canon), ``Sirius`` in
most paragraphs. On ``bench/dev_fandoms.py`` this finds six more of the 4,000 Harry Potter
works and no novel or piece of one; four times at a density of 1.5 made *Clotelle* Fantastic
Beasts."""
SIBLING_LEAD_MIN = 6
"""A pack under the same AO3 meta tag as a matched one (Fantastic Beasts beside Harry Potter)
also matches with a single character named this often by a rare one-word name, at a density of
at least ``MIN_CHARACTER_DENSITY``: the world is settled, and a reader-insert about ``Newt``,
never named in full, is about Newt Scamander."""
RARE_MIN = 3
"""A one-word name rare in English (``Draco``) named this often is a strong signal: a novel's
stray ``Euphemia`` or ``Delphi`` (a place) comes once or twice, a fan work's lead on every page."""
WEAK_WEIGHT = 0.5
DENSITY_CAP = 20.0
MAX_EVIDENCE = 10


@dataclass(frozen=True, slots=True)
class FandomMatch:
    """A canon a text belongs to, with the passages that show it.

    Attributes:
        pack: the canon.
        score: how strongly the text signals it (formula in :func:`detect_fandoms`).
        evidence: up to 10 hits, in text order; ``text[span.start:span.end]`` is the hit.
        terms: the pack's terms found in the text, as the pack writes them, first seen first.
        characters: the characters named in the text (AO3 tags), first seen first.
        declared: whether a declared fandom tag names this canon.
    """

    pack: FandomPack
    score: float
    evidence: tuple[Span, ...]
    terms: tuple[str, ...]
    characters: tuple[str, ...] = ()
    declared: bool = False


@dataclass(frozen=True, slots=True)
class _Tally:
    """What one pack found in a text, for the rules of :func:`detect_fandoms`."""

    match: FandomMatch
    hits: int
    words: int
    strong: int  # distinct strong signals
    recurring: int  # distinct characters named at least RECURRING_MIN times
    rare: bool  # some one-word name rare in English was named at all
    lead: int = 0  # the most times a character named in full somewhere is named in all
    surnames: int = 0  # distinct shared surnames named at least RECURRING_MIN times

    @property
    def density(self) -> float:
        """Hits per 1,000 words."""
        return 1000 * self.hits / max(self.words, 1)


def _assess(pack: FandomPack, hits: list[Hit], words: int, declared: bool) -> _Tally:
    """The match a pack's hits make, with the counts the rules weigh."""
    first: dict[tuple[str, str], tuple[int, int]] = {}
    named: Counter[str] = Counter(s.label for _, _, s in hits if s.kind == "character")
    surnames: Counter[str] = Counter(s.label for _, _, s in hits if s.kind == "surname")
    rare: Counter[tuple[str, str]] = Counter(
        (s.kind, s.label) for _, _, s in hits if s.rare
    )  # fmt: skip
    strong: dict[tuple[str, str], bool] = {}
    full = {s.label for _, _, s in hits if s.kind == "character" and s.strong}  # named in full
    for start, end, signal in hits:
        key = (signal.kind, signal.label)
        first.setdefault(key, (start, end))
        strong[key] = strong.get(key, False) or signal.strong or rare[key] >= RARE_MIN
    total = sum(1.0 if strong[key] else WEAK_WEIGHT for key in first)
    density = 1000 * len(hits) / max(words, 1)
    score = total * (1 + min(density, DENSITY_CAP) / DENSITY_CAP)
    shown = sorted(first, key=lambda key: (not strong[key], first[key]))[:MAX_EVIDENCE]
    evidence = tuple(Span(*first[key]) for key in sorted(shown, key=first.__getitem__))
    match = FandomMatch(
        pack=pack,
        score=round(score, 3),
        evidence=evidence,
        terms=tuple(label for kind, label in first if kind == "term"),
        characters=tuple(label for kind, label in first if kind == "character"),
        declared=declared,
    )
    return _Tally(
        match=match,
        hits=len(hits),
        words=words,
        strong=sum(strong.values()),
        recurring=sum(1 for count in named.values() if count >= RECURRING_MIN),
        rare=bool(rare),
        lead=max((n for name, n in named.items() if name in full), default=0),
        surnames=sum(1 for count in surnames.values() if count >= RECURRING_MIN),
    )


def _given_names(pack: FandomPack, text: str, hits: list[Hit]) -> Counter[str]:
    """How often each rare one-word name of a character that is not its surname is written."""
    surnames = {c.name: c.surname for c in pack.characters}
    return Counter(
        text[start:end]
        for start, end, signal in hits
        if signal.rare
        and signal.kind == "character"
        and text[start:end] != surnames.get(signal.label)
    )


def _enough(tally: _Tally, min_score: float) -> bool:
    """Whether what a pack found makes it a match (the rules of :func:`detect_fandoms`)."""
    score, characters = tally.match.score, len(tally.match.characters)
    if tally.strong == 0 and not tally.rare:
        return False
    if tally.strong >= MIN_STRONG_SIGNALS or (
        characters >= MIN_CHARACTERS and tally.density >= MIN_CHARACTER_DENSITY
    ):
        return score >= min_score
    if tally.lead >= STORY_LEAD_MIN and tally.density >= MIN_CHARACTER_DENSITY:
        return True
    return (
        (
            characters + tally.surnames >= DENSE_CHARACTERS
            and (tally.strong >= 1 or tally.recurring >= RECURRING_CHARACTERS)
        )
        or tally.lead >= LEAD_MIN
    ) and (tally.density >= DENSE_MIN and score >= min_score / 2)


def detect_fandoms(
    text: str,
    *,
    declared: tuple[str, ...] = (),
    packs: tuple[FandomPack, ...] | None = None,
    min_score: float = MIN_SCORE,
) -> tuple[FandomMatch, ...]:
    """Find the canons a text belongs to.

    Each pack's terms (any case, also plural), character names, aliases and epithets (exact
    case; a leading "the" in either case) and shared surnames are found as whole words. A
    *signal* is one distinct term, character or shared surname found. Terms, characters
    named at least once by a name of two or more words ("Hatake Kakashi", "Copy Ninja"), and
    characters or shared surnames named at least ``RARE_MIN`` times by a one-word form rare in
    English ("Kakashi", "Weasley"; :mod:`ficlens.fandoms.frequency`) are *strong* and weigh 1;
    the others ("Harry", "Potter", or "Kakashi" named twice) are weak and weigh 0.5. With
    ``hits`` every match of any signal and ``words`` the text's whitespace-separated words::

        signals = sum of weights of the distinct signals found
        density = 1000 * hits / words                      # hits per 1,000 words
        score   = signals * (1 + min(density, 20) / 20)     # between 1x and 2x signals

    With no strong signal, a pack needs at least one hit of a rare one-word name to match at
    all: seven names anyone has (``Harry``, ``Fred``, ``George``...) are no canon, however
    densely they come. A pack matches when it has at least two strong signals, or names three
    distinct canon characters with a density of at least 3, and ``score >= min_score``; when a
    short text names two distinct canon characters (a shared surname named at least three times
    counts as one), has a strong signal (or names both characters at least three times) and a
    density of at least 10 (a drabble that says ``Harry Potter`` and ``Draco``, ``Draco`` and
    ``Potter``, or only ever ``Remus`` and ``Sirius``) and ``score >= min_score / 2``, or names
    one character in full and ``LEAD_MIN`` times in all with the same density and score (a
    drabble about ``Percy Weasley``, then ``Percy``); or when a character named in full once is
    named ``STORY_LEAD_MIN`` times in all at a density of at least 3 (a one-shot about Sirius
    alone); or when it is declared: a declared tag equal to, or containing as whole words, the
    pack's name or one of its aliases, ignoring case ("Naruto (Anime & Manga)" declares
    Naruto). The density floor keeps novels out: over a whole book, ordinary given names that a
    pack also lists (``James``, ``George``, ``Tom``) add up to three characters but stay below
    one hit per 300 words.

    Args:
        text: the text to read (a whole work is fine: the scan is linear in its length).
        declared: fandom tags the work declares, e.g. from AO3 metadata.
        packs: the packs to look for; every bundled pack by default.
        min_score: the score a pack needs when it is not declared.

    Returns:
        The matches, highest score first, each with up to 10 evidence spans: the first hit
        of each signal, strong signals first, in text order.
    """
    chosen = tuple(load_packs() if packs is None else packs)
    words = len(text.split())
    lowered = lower(text)
    starts = candidates(chosen, lowered)
    matches: list[FandomMatch] = []
    unmatched: list[tuple[_Tally, list[Hit]]] = []
    for pack, pack_starts in zip(chosen, starts, strict=True):
        compiled = matcher(pack)
        is_declared = any(compiled.declared.search(tag) for tag in declared)
        hits = scan(compiled, text, lowered, pack_starts)
        tally = _assess(pack, hits, words, is_declared)
        if is_declared or _enough(tally, min_score):
            matches.append(tally.match)
        else:
            unmatched.append((tally, hits))
    matches += _siblings(text, unmatched, matches)
    matches.sort(key=lambda match: (-match.score, not match.declared, match.pack.slug))
    return tuple(matches)


def _siblings(
    text: str, unmatched: list[tuple[_Tally, list[Hit]]], matches: list[FandomMatch]
) -> list[FandomMatch]:
    """The unmatched packs under a matched pack's meta tag whose one character keeps coming back.

    See ``SIBLING_LEAD_MIN``. The name must be a given name or alias of the sibling's own (not
    a surname, as a Death Eater's ``Travers``, nor a name the matched pack has too, as
    ``Nagini``), and a pack the matched one borrows (Harry Potter, for Fantastic Beasts's
    Dumbledore and Grindelwald) is read with it already.
    """
    worlds = {meta for match in matches for meta in match.pack.metatags}
    taken = {word for match in matches for word in _one_word_names(match.pack)}
    borrowed = {slug for match in matches for slug in match.pack.borrows}
    return [
        tally.match
        for tally, hits in unmatched
        if worlds.intersection(tally.match.pack.metatags)
        and tally.match.pack.slug not in borrowed
        and tally.density >= MIN_CHARACTER_DENSITY
        and any(
            n >= SIBLING_LEAD_MIN and name not in taken
            for name, n in _given_names(tally.match.pack, text, hits).items()
        )
    ]


@cache
def _one_word_names(pack: FandomPack) -> frozenset[str]:
    """Every word of the pack's characters' names, aliases and epithets.

    A sibling's ``Nagini`` or ``Travers`` is the matched pack's too, and tells nothing of the
    sibling canon.
    """
    return frozenset(
        word
        for c in pack.characters
        for name in (c.name, c.given, c.surname, *c.aliases, *c.epithets)
        for word in name.split()
    )


def declared_packs(tag: str, packs: tuple[FandomPack, ...] | None = None) -> tuple[FandomPack, ...]:
    """The packs a declared fandom tag names: its name or an alias, as whole words, any case.

    Example: ``declared_packs("Captain America (Movies)")`` is the Marvel pack.
    """
    chosen = tuple(load_packs() if packs is None else packs)
    return tuple(pack for pack in chosen if matcher(pack).declared.search(tag))


def canon_count(tags: tuple[str, ...], packs: tuple[FandomPack, ...] | None = None) -> int:
    """How many canons these fandom tags name: tags naming one pack are one canon.

    ``Marvel Cinematic Universe`` and ``Captain America (Movies)`` are one canon (both name the
    Marvel pack), and so are canons under one of AO3's meta tags (a pack's ``metatags``:
    ``Harry Potter`` and ``Fantastic Beasts`` are both the Wizarding World, which AO3 counts as
    no crossover); a tag no pack knows is a canon of its own, however written; two tags that
    share any pack or meta tag are one canon. So a work is a crossover when its tags make two
    or more.
    """
    groups: list[set[str]] = []
    for tag in tags:
        name = " ".join(tag.split()).casefold()
        if not name:
            continue
        named = declared_packs(tag, packs)
        keys = {pack.slug for pack in named}
        keys |= {"meta:" + name_key(meta) for pack in named for meta in pack.metatags}
        keys = keys or {"tag:" + name}
        joined = [group for group in groups if group & keys]
        groups = [group for group in groups if not group & keys]
        groups.append(keys.union(*joined))
    return len(groups)
