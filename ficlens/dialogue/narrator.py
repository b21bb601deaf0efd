"""Name a first-person narrator from how the other characters address them.

In first-person narration the narrator is "I" and their name rarely appears outside dialogue;
but the people they talk to call them by it (``"Watson, you are a marvel."``). The name
used most often in vocatives of quotations that answer or precede the narrator's own is
taken as the narrator's. When those do not settle it, a name no one in the cast answers to, or
the cast member the other characters address clearly most often, names the narrator. A story
told in letters that no one answers aloud is named by its signatures (:func:`signed_name`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import pairwise

from ficlens.cast.names import kin_names, titles
from ficlens.cast.vocatives import vocative_name
from ficlens.model import Quote, Span

_MIN_VOTES = 1  # one vocative answer suffices when no other name rivals it
_MIN_UNOWNED = 3
_UNOWNED_LEAD = 2
_MIN_ADDRESSED = 2
_ADDRESSED_LEAD = 2
_MIN_SIGNED = 2
_LETTERS_SHARE = 0.5
"""Share of a story that letters opened by a salutation and signed must hold for the story to
be told in them: then the signer is the narrator, even named elsewhere (``you called me
Draco``)."""

_NAME_WORD = r"[A-Z][a-z'\u2019]+"
"""One capitalised word of a signature's name (``Draco``, ``Kerr-Vale`` is two)."""
_MARKS = r"[ \t]*[xX.!]*[ \t]*"
"""What may follow a signature's name on its line: a stop, a kiss (``Ginny x``)."""
_SIGN_OFF = re.compile(
    r"^[ \t]*(?:(?:Signed|Love|Lots of love|All my love|With love|Sincerely|Regards|"
    r"Best wishes|Forever yours|Yours(?:,?[ \t]+(?:truly|sincerely|always|ever|forever))?)[ \t]*,?"
    r"\s*|[-\u2013\u2014~][ \t]*)"
    rf"(?P<name>{_NAME_WORD}(?:[ \t-]+{_NAME_WORD}){{0,3}}){_MARKS}$",
    re.M,
)
"""A letter's signature on a line of its own, after a closing or a dash: ``Signed Draco``,
``Love,`` then ``Hermione`` on the next line, ``Yours, always,`` then ``Harry``, ``- Ginny x``."""
_SALUTATION = re.compile(
    r"[ \t]*(?:My[ \t]+)?(?:Dear(?:est)?|To)[ \t]+"
    r"[A-Z][\w'\u2019-]*(?:[ \t]+[A-Z][\w'\u2019-]*){0,2}[ \t]*[,:!]?[ \t]*"
)
"""A letter's salutation on a line of its own: ``Dear Harry,``, ``My dearest Remus``."""
_BARE_NAME = re.compile(rf"[ \t]*(?P<name>{_NAME_WORD}(?:[ \t-]+{_NAME_WORD}){{0,2}}){_MARKS}")
"""A name alone on a line (``Draco.``): a signature only where it closes a letter that a
salutation opened, since a name alone on a line is also a point-of-view heading."""
_NO_ONE = frozenset({"Me", "Us", "Everyone", "Anonymous", "Auntie"})
"""Signatures that name no one, or a relation not in the cast lexicon's titles (``Aunt``,
``Uncle``) or kin names (``Love, Mum``): not a character."""


def _named_elsewhere(name: str, text: str) -> bool:
    """Whether the name's last word is capitalised somewhere inside a sentence too.

    Names are (``my dear Hastings``, ``said Jake``); a one-word reply that opens a quotation
    like a name (``"Exactly."``, ``"Impossible!"``) is not.
    """
    word = re.escape(name.rsplit(maxsplit=1)[-1])
    return re.search(rf"[a-z,;] {word}\b", text) is not None


def narrator_name(
    text: str,
    quotes: Sequence[Quote],
    narrator: str,
    *,
    resolve: Callable[[str], str | None] | None = None,
    is_name: Callable[[str], bool] | None = None,
) -> str | None:
    """The name most often used to address the narrator, or ``None`` if unclear.

    Vocatives in the quotations next to the narrator's own vote first. When they do not
    settle it and ``resolve`` (the cast's name look-up) is given, the name the story's
    quotations address most often that belongs to no character of the cast — the narrator is
    the one person the narration never names — wins if it is used at least ``_MIN_UNOWNED``
    times and twice as often as any other such name. Failing that, the cast member whom the
    other characters' quotations address most often (at least ``_MIN_ADDRESSED`` times, twice
    as often as anyone else; a name the narration also uses, as in a story that changes point
    of view) is the narrator: the narrator is the one the others talk to.

    Args:
        text: the work's text.
        quotes: the attributed quotations in order.
        narrator: the narrator's character id.
        resolve: the cast's look-up from a written name to a character id.
        is_name: whether a word is known to be a name (a fandom pack's). A vocative next to
            the narrator's lines must otherwise be written inside a sentence somewhere too
            (:func:`_named_elsewhere`), since the narration seldom names its own narrator:
            ``"Malfoy? I didn't know you were in here."`` names a narrator called only so.
    """
    beside: set[int] = set()  # quotations of others next to one of the narrator's
    for n, (previous, current) in enumerate(pairwise(quotes)):
        for spoken, answer, at in ((previous, current, n + 1), (current, previous, n)):
            if spoken.speaker == narrator and answer.speaker not in (narrator, None):
                beside.add(at)
    votes: Counter[str] = Counter()
    for at in sorted(beside):  # one vote a quotation, even between two of the narrator's
        name = vocative_name(text[quotes[at].span.start : quotes[at].span.end])
        if name and (_named_elsewhere(name, text) or (is_name is not None and is_name(name))):
            votes[name] += 1
    ranked = votes.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
        return ranked[0][0] if ranked[0][1] >= _MIN_VOTES else None
    # No name, or two names as often: try the name no one else in the cast answers to.
    if resolve is None:
        return None
    return _unowned_name(text, quotes, narrator, resolve) or _addressed_name(
        text, quotes, narrator, resolve
    )


def _addressed_name(
    text: str, quotes: Sequence[Quote], narrator: str, resolve: Callable[[str], str | None]
) -> str | None:
    """The cast member others address clearly most often, as they call them most often."""
    votes: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for quote in quotes:
        if quote.speaker == narrator:  # whom the narrator talks to is someone else
            continue
        words = text[quote.span.start : quote.span.end]
        name = vocative_name(words)
        if name is None or name in titles():  # a name alone ("Hermione!") calls someone too
            continue
        ident = resolve(name)
        if ident is None or ident == quote.speaker or not _named_elsewhere(name, text):
            continue
        votes[ident] += 1
        forms.setdefault(ident, Counter())[name] += 1
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] < _MIN_ADDRESSED:
        return None
    if len(ranked) > 1 and ranked[0][1] < _ADDRESSED_LEAD * ranked[1][1]:
        return None
    return forms[ranked[0][0]].most_common(1)[0][0]


def _unowned_name(
    text: str, quotes: Sequence[Quote], narrator: str, resolve: Callable[[str], str | None]
) -> str | None:
    votes: Counter[str] = Counter()
    for quote in quotes:
        if quote.speaker == narrator:  # whom the narrator talks to is someone else
            continue
        words = text[quote.span.start : quote.span.end]
        name = vocative_name(words)
        # A quotation that is nothing but the name may be a shout, a spell or a place
        # ("Expecto Patronum!"): only a name that addresses someone within a sentence counts.
        alone = name is not None and len(words.split()) <= len(name.split())
        if name and not alone and name not in titles() and resolve(name) is None:
            votes[name] += 1
    ranked = [(n, c) for n, c in votes.most_common() if _named_elsewhere(n, text)][:2]
    if not ranked or ranked[0][1] < _MIN_UNOWNED:
        return None
    if len(ranked) > 1 and ranked[0][1] < _UNOWNED_LEAD * ranked[1][1]:
        return None
    return ranked[0][0]


def signed_name(text: str, paragraphs: Sequence[Span]) -> str | None:
    """The name the story's letters are signed with, when the letters are the narrator's.

    A first-person story told in letters (``Dear Potter, ... Signed Draco``) is addressed by no
    one, so no quotation names its narrator; the signatures do. The first word of a signature
    must sign at least ``_MIN_SIGNED`` letters, more than any other, and appear nowhere else in
    the text: a narrator who keeps letters from a friend names the friend in the narration
    (``Hermione's letter came on Tuesday``), the narration never names its own narrator. When
    the letters opened by a salutation (``Dear Harry,``) hold ``_LETTERS_SHARE`` of the story,
    the letters are the story, and their signer may be named elsewhere (``you called me
    Draco``).
    Only the story's ``paragraphs`` are read: an author signs their notes too.
    """
    story = "\n\n".join(p.of(text) for p in paragraphs)
    votes: Counter[str] = Counter()
    names, inside = _signatures(story)
    for name in names:
        word = name.split()[0]
        if word not in _NO_ONE and word not in kin_names() and word not in titles():
            votes[word] += 1
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] < _MIN_SIGNED:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    word, signed = ranked[0]
    letters = inside >= _LETTERS_SHARE * len(story)  # the letters are the story
    if not letters and len(re.findall(rf"\b{re.escape(word)}\b", story)) > signed:
        return None
    return word


def _signatures(story: str) -> tuple[list[str], int]:
    """The names that sign the story's letters, in order, and the length of the letters.

    The length counts the letters a salutation opened, from it to their signatures. A closing
    or a dash before a name signs wherever it stands (``Love,`` then ``Hermione``); a name
    alone on its line (``Draco.``) signs only the letter a salutation opened (``Dear Harry,``)
    whose last line it is, before the next salutation or the story's end. (Inside a letter, a
    one-word line is as likely an ``Again.``)
    """
    closings = [(match.start("name"), match["name"]) for match in _SIGN_OFF.finditer(story)]
    closing = 0  # the first closing not yet passed
    names: list[str] = []
    opened: int | None = None  # where the open letter's salutation starts
    last: tuple[str, int] | None = None  # the open letter's last line, if a bare name: its end
    inside = offset = 0
    for line in story.split("\n"):
        start = offset
        offset += len(line) + 1
        signed = None
        while closing < len(closings) and closings[closing][0] < offset:
            signed = closings[closing][1]  # the name a closing on this line signs
            closing += 1
        salutation = _SALUTATION.fullmatch(line) is not None
        if signed is None and salutation and opened is not None and last is not None:
            names.append(last[0])  # the letter before ends with a name alone: its signature
            inside += last[1] - opened
        if signed is not None:
            names.append(signed)
            inside += offset - opened if opened is not None else 0
            opened = None
        elif salutation:
            opened = start
        if line.strip():
            bare = _BARE_NAME.fullmatch(line)
            last = (bare["name"], offset) if bare and opened is not None else None
    if opened is not None and last is not None:
        names.append(last[0])
        inside += last[1] - opened
    return names, inside
