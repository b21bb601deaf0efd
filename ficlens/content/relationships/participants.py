"""Who a romantic cue joins: the characters named nearest it, resolved pronouns, quotations.

A cue's participants are, in order of trust: the two characters its sentence names closest to
it (others named there get ``BYSTANDER_WEIGHT``); the named one and the characters its pronouns
stand for, each pronoun being the most recently named character of its gender in the last
``RECENT_PARAGRAPHS`` paragraphs (``PRONOUN_WEIGHT``); the only two characters its paragraph
names (``PARAGRAPH_WEIGHT``); pronouns read as the story's most-named character of their gender
(``FOCAL_WEIGHT``). A partner word after a possessive (``her husband``, ``his girlfriend``)
joins a character of the possessive's gender with one of the word's gender, whatever else the
sentence names (:func:`owned_partner`). A cue inside a quotation joins the characters the
quotation names, else its speaker or addressee and the named one, else speaker and addressee
(``QUOTE_WEIGHT``), unless the cue is about a third person (``"I kissed him"``, ``"my
boyfriend"``): then it joins no one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import combinations

from ficlens.content.relationships.cues import STATUS_WORDS
from ficlens.content.relationships.story import Story
from ficlens.model import Quote

PRONOUN_WEIGHT = 0.7
"""A cue whose second participant is a resolved pronoun counts this much."""
PARAGRAPH_WEIGHT = 0.5
"""A cue whose participants are only "the two characters of the paragraph" counts this much."""
FOCAL_WEIGHT = 0.5
"""A cue whose second participant is a pronoun resolved to a lead of that gender counts this."""
QUOTE_WEIGHT = 0.6
"""A cue in a quotation, between its speaker and addressee, counts this much."""
BYSTANDER_WEIGHT = 0.25
"""Share of a cue's weight for pairs beyond the two characters named closest to it."""

RECENT_MENTIONS = 12
RECENT_PARAGRAPHS = 2

_SPEAKER_WORDS = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Ww]e|[Uu]s|[Oo]ur)\b")
_YOU = re.compile(r"\byou(?:r|rs|rself)?\b", re.I)
_YOU_PLURAL = re.compile(
    r"\byou\s+(?:two|both|three|guys|lot|lads|boys|girls|lovebirds)\b|\bboth of you\b|\by['’]all\b",
    re.I,
)
"""``"You two better not be snogging"``: said to a couple, not to one listener."""
_STATUS = re.compile(rf"(?:{STATUS_WORDS})\b", re.I)
_PERSONAL = re.compile(r"\b(?:I|me|my|we|us|our|you|your|let['’]s)\b", re.I)
_PARTNER = r"(?:boy|girl)friend|husband|wife|fianc[ée]e?|lover"
_THIRD_PARTY_AFTER = re.compile(
    r"\w+\W+(?:(?!(?:you|me|us)\b)\w+\W+){0,2}?"
    rf"(?:him|her|them|(?:my|his|her|their)\s+(?:{_PARTNER})"
    r"|(?:this|that)\s+(?:woman|man|girl|boy|lady|guy|bloke))\b",
    re.I,
)
"""A third person at most three words after a cue: ``kissed him``, ``in love with this woman``
(not past a ``you``: ``kiss you on her birthday``)."""
_VOCATIVE_BEFORE = re.compile(r"[,;]\s*\Z")
_VOCATIVE_AFTER = re.compile(r"\s*[,.!?;…—]")
"""A name set off from its line (``"..., John."``, ``"Tomas, I..."``): said to, not of."""
_CONTRACTED = r"(?:Let|That|It|What|There|Here|Who|He|She|Where|How|When|Why)"
"""Capitalised words whose ``'s`` is a verb or ``us``, no name's possessive."""
_THIRD_PARTY_BEFORE = re.compile(r"\b(?:he|she)\b(?:['’]\w+)?(?:\s+\w+){0,3}\s+$", re.I)
"""A ``he`` or ``she`` at most three words before the cue: ``he wanted to marry me``."""
_OWNER_BEFORE = re.compile(
    r"\b(?:my|your|his|her|their|(?-i:(?!" + _CONTRACTED + r"['’]s)[A-Z][a-z]+)['’]s)\s+$", re.I
)
"""A possessive just before a cue: ``my boyfriend``, ``Rose's boyfriend``; not ``Let's kiss``."""
_ADDRESSED_BEFORE = re.compile(
    r"\b(?:you['’]re|you are|be|are|i['’]m|i am|am)\s+(?:my|your|his|her|their)\s+$", re.I
)
"""``you're my boyfriend``, ``I'm your husband``: the partner word is the speaker's or the
listener's, so the line is about the two of them."""
_KIN_WORDS = (
    r"dad|daddy|da|mum|mummy|mom|mommy|mam|ma|mother|father|papa|mama|pa|gran|granny|grandma|"
    r"grandpa|grandad|granddad|nan|nana|auntie|aunty|aunt|uncle|son|sis|bro"
)
_KIN_VOCATIVE = re.compile(
    rf"(?:^\W*|[,;]\s*)(?:{_KIN_WORDS})(?=\s*(?:[,.!?;…—-]|$))|^\W*(?:{_KIN_WORDS})\s*,", re.I
)
"""A kinship word said to the listener: ``"We've barely snogged, Dad."``, ``"Mum, I love him"``."""
_WE = re.compile(r"\b(?:we|us|our)\b", re.I)
_WE_LOVE = re.compile(r"\bwe\s+(?:\w+\s+)?(?:love|adore)\s+you\b", re.I)
"""``"We love you"``: a family's or friends' love, said by one of several; no couple's."""
_PROPOSING = re.compile(
    r"\blet(?:['’]s| us)\b|\bshall we\b|"
    r"\bwe(?:['’]ll| will| should| could| can| must| ought| might)\b",
    re.I,
)
"""``Let's``, ``we should``: a ``we`` that asks the listener along."""
_PARTNER_ADJECTIVES = (
    r"(?:(?:new|own|future|late|ex-?|former|secret|beloved|darling|dear|lovely|beautiful|"
    r"handsome|pretty|wonderful|loving|soon-to-be)[\s-]+){0,2}"
)
_OWNED_PARTNER = re.compile(rf"\b(?P<owner>his|her|their)\s+{_PARTNER_ADJECTIVES}$", re.I)
"""A possessive (and at most two adjectives) just before a partner word: ``her new ``."""
_PARTNER_AFTER = re.compile(rf"\s+{_PARTNER_ADJECTIVES}(?={_PARTNER})", re.I)
_CUE_THEN_PARTNER = re.compile(
    rf"\w+\W+(?:\w+\W+)??(?:his|her|their)\s+{_PARTNER_ADJECTIVES}(?={_PARTNER})",
    re.I,
)
"""A cue, at most one more word and a partner word with its possessive: ``kissed her husband``."""
_PARTNER_GENDER = re.compile(
    r"(?P<m>(?:husband|boyfriend|fianc[ée])s?\b)|(?P<f>(?:wife|girlfriend|fianc[ée]e)s?\b)"
    r"|(?P<t>lovers?\b)",
    re.I,
)
"""A partner word and its gender: ``husband`` a man, ``wife`` a woman, ``lover`` either."""
_OWNER_GENDER = {"his": "m", "her": "f", "their": "t"}
_POSSESSIVE_BEFORE = re.compile(rf"(?:['’]s|(?<=s)['’])\s+{_PARTNER_ADJECTIVES}\Z")
"""A name's possessive and adjectives just before a partner word: ``Travers'``, ``Harry's new``."""
_LINK_AFTER = re.compile(r",?\s*")
_LINK = re.compile(
    r",\s*|\s+(?:was|is|were|became|had become|had been|would be|will be)\s+(?:now\s+)?"
)
"""What may stand between a partner and an owner named after them: ``Ginny, Harry's wife``."""
_PRONOUN = re.compile(
    r"\b(?P<m>him|himself)\b|\b(?P<f>her|hers|herself)\b|\b(?P<t>them|themselves)\b"
    r"|\b(?P<m2>he|his)\b|\b(?P<f2>she)\b|\b(?P<t2>they|their)\b",
    re.I,
)


def quote_participants(story: Story, quote: Quote, offset: int) -> tuple[float, str, str] | None:
    """Who a cue inside a quotation joins: the characters it names, else speaker and addressee.

    ``"I'll marry Ann"`` joins the speaker and Ann, ``"Do you love Ann?"`` the addressee and
    Ann, ``"I love you"`` the speaker and the addressee (or, when the addressee is unknown, the
    character named most recently before it). A quotation naming no one that calls its listener
    by a kinship word (``"We've barely snogged, Dad."``) speaks of someone else, one said to a
    couple (``"You two better not be snogging"``) of two listeners, a word of status with no
    ``I`` or ``we`` (``"Are you married?"``) of the listener's partner, and ``"We love you"``
    of a family or friends: it joins no one.
    """
    if _WE_LOVE.search(story.text, max(quote.span.start, offset - 16), offset + 12):
        return None  # "We love you": one of a family or of friends
    named = _named_in_quote(story, quote, offset)
    if len(named) >= 2:
        return QUOTE_WEIGHT, named[0], named[1]
    text, start, end = story.text, quote.span.start, quote.span.end
    speaker, addressee = quote.speaker, quote.addressee
    share = QUOTE_WEIGHT
    if named:
        speaking = _SPEAKER_WORDS.search(text, start, end)
        partner = speaker if speaking else addressee if _YOU.search(text, start, end) else None
    elif (
        not _PERSONAL.search(text, start, end)
        or not speaker
        or _someone_else(text, offset)
        or _KIN_VOCATIVE.search(text[start:end])
        or _YOU_PLURAL.search(text, start, end)
        or _status_of_listener(text, offset, start, end)
        or _told_of_us(text, start, end)
    ):
        return None  # no one to join, or a speaker telling the listener of someone else
    else:
        named, partner = [speaker], addressee
        if partner is None:
            index = story.sentence_at(start)
            partner = _most_recent(story, index, "t", named) if index is not None else None
            share *= PRONOUN_WEIGHT
    if partner is None or partner == named[0]:
        return None
    return share, named[0], partner


def _status_of_listener(text: str, offset: int, start: int, end: int) -> bool:
    """Whether the cue is a word of status asked or told of the listener alone.

    ``"Are you married?"``, from a stranger in a pub, asks after the listener's marriage to
    someone else; ``"You're my husband"`` and ``"Let's get married"`` are about the two.
    """
    return (
        _STATUS.match(text, offset) is not None
        and _SPEAKER_WORDS.search(text, start, end) is None
        and _PROPOSING.search(text, start, end) is None
    )


def _told_of_us(text: str, start: int, end: int) -> bool:
    """Whether a quotation tells of ``we`` without a ``you``: the speaker and someone absent.

    ``"We'd meet by the lake, and it always ended in a snog"``, a mother telling a girl of
    her husband, is not about the two of them; ``"Let's kiss"`` or ``"We should
    marry"`` asks the listener along.
    """
    return (
        _WE.search(text, start, end) is not None
        and _YOU.search(text, start, end) is None
        and _PROPOSING.search(text, start, end) is None
    )


def _someone_else(text: str, offset: int) -> bool:
    """Whether the cue at ``offset`` is about a third person: ``kiss him``, ``he kissed me``.

    ``"I am allowed to kiss my boyfriend"`` tells the addressee of someone else, so a quotation
    naming no one joins neither its speaker nor its addressee by such a cue.
    """
    if _THIRD_PARTY_AFTER.match(text, offset):
        return True
    if _THIRD_PARTY_BEFORE.search(text[max(0, offset - 40) : offset]):
        return True
    before = text[max(0, offset - 24) : offset]
    return bool(_OWNER_BEFORE.search(before)) and not _ADDRESSED_BEFORE.search(before)


def _named_in_quote(story: Story, quote: Quote, offset: int) -> list[str]:
    """Characters a quotation names, nearest the cue first; not one called by name.

    ``"I was hers from our first kiss, John."``: John is the listener, no third person the
    kiss is about (``"Since Jamie is my boyfriend"`` does speak of Jamie).
    """
    if story.names is None:
        return []
    nearest: dict[str, int] = {}
    text, start, end = story.text, quote.span.start, quote.span.end
    for match in story.names.finditer(text, start, end):
        before = text[max(start, match.start() - 3) : match.start()]
        opens = match.start() - start <= 1 or _VOCATIVE_BEFORE.search(before)
        if opens and (match.end() == end or _VOCATIVE_AFTER.match(text, match.end())):
            continue
        ident = story.owners[match.group()]
        nearest[ident] = min(nearest.get(ident, 1 << 60), abs(match.start() - offset))
    return sorted(nearest, key=lambda ident: (nearest[ident], ident))


def owned_partner(text: str, offset: int) -> tuple[str, str] | None:
    """The genders of the owner and the partner a cue at ``offset`` speaks of, if it does.

    The cue is a partner word after a possessive (``her husband``) or is followed by one
    (``kissed her husband``, ``hugged his new wife``). ``her husband`` is a woman's partner and a
    man: ``("f", "m")``; ``his lover`` a man's partner of either gender: ``("m", "t")``; ``my
    wife`` or a bare ``husband``: ``None``.

    Example:
        >>> owned_partner("She kissed her husband.", 15), owned_partner("his girlfriend", 4)
        (('f', 'm'), ('m', 'f'))
        >>> owned_partner("She kissed her husband.", 4), owned_partner("She kissed him.", 4)
        (('f', 'm'), None)
    """
    after = _CUE_THEN_PARTNER.match(text, offset)
    at = after.end() if after else offset
    word = _PARTNER_GENDER.match(text, at)
    owner = _OWNED_PARTNER.search(text[max(0, at - 40) : at])
    if word is None or owner is None or word.lastgroup is None:
        return None
    return _OWNER_GENDER[owner.group("owner").lower()], word.lastgroup


def participants(story: Story, index: int, offset: int) -> list[tuple[float, str, str]]:
    """The pairs a cue at ``offset`` in sentence ``index`` joins, with their shares."""
    named = [(at, ident) for at, ident in story.named[index] if not _in_quote(story, at)]
    nearest: dict[str, int] = {}
    for at, ident in named:
        nearest[ident] = min(nearest.get(ident, 1 << 60), abs(at - offset))
    ranked = sorted(nearest, key=lambda ident: (nearest[ident], ident))
    owned = owned_partner(story.text, offset)
    if owned is not None:
        return _partners(story, index, ranked, owned)
    owner = _named_owner(story, index, offset)
    if owner is not None:
        partner = _named_partner(story, index, offset, owner)
        return [(1.0, owner, partner)] if partner is not None else []
    if len(ranked) >= 2:
        stranger = _nearer_stranger(story, index, offset, named, ranked)
        if stranger is not None:
            return [(PRONOUN_WEIGHT, stranger, ranked[0])]
        return [
            (1.0 if n == 0 and m == 1 else BYSTANDER_WEIGHT, first, second)
            for (n, first), (m, second) in combinations(enumerate(ranked), 2)
        ]
    if _outsider(story, index):
        return []
    resolved = _resolve_pronouns(story, index, ranked, _most_recent)
    if len(resolved) == 2:
        return [(PRONOUN_WEIGHT, resolved[0], resolved[1])]
    only = paragraph_pair(story, index)
    if only:
        return [(PARAGRAPH_WEIGHT, only[0], only[1])]
    resolved = _resolve_pronouns(story, index, resolved, _focal)
    return [(FOCAL_WEIGHT, resolved[0], resolved[1])] if len(resolved) == 2 else []


def _nearer_stranger(
    story: Story,
    index: int,
    offset: int,
    named: Sequence[tuple[int, str]],
    ranked: Sequence[str],
) -> str | None:
    """Who a ``he`` or ``her`` nearer the cue than the second name stands for, if no name can.

    ``He kissed Katie in front of McGonagall`` names two women, but the kiss is the man's: a
    pronoun of a gender none of the sentence's named characters has, closer to the cue than
    the second-nearest of them, is that cue's participant beside the nearest named one.
    It stands for the most recently named character of its gender, else the story's lead of
    it. ``She watched Harry kiss Ron`` keeps Harry and Ron: both are nearer the kiss.
    """
    genders = {story.genders.get(ident, "?") for ident in ranked}
    if "?" in genders:
        return None
    second = min(abs(at - offset) for at, ident in named if ident != ranked[0])
    sentence = story.sentences[index]
    for match in _PRONOUN.finditer(story.text, sentence.start, sentence.end):
        gender = (match.lastgroup or "t")[0]
        if gender not in "mf" or gender in genders or abs(match.start() - offset) >= second:
            continue
        if _in_quote(story, match.start()):
            continue
        for finder in (_most_recent, _focal):
            found = finder(story, index, gender, ranked)
            if found is not None:
                return found
    return None


def _named_owner(story: Story, index: int, offset: int) -> str | None:
    """Whose partner word the cue at ``offset`` is, when a name owns it: ``Travers' wife``."""
    word = _PARTNER_GENDER.match(story.text, offset)
    sentence = story.sentences[index]
    mark = _POSSESSIVE_BEFORE.search(story.text, sentence.start, offset)
    if word is None or mark is None or story.names is None:
        return None
    owners = [
        story.owners[m.group()]
        for m in story.names.finditer(story.text, sentence.start, mark.start())
        if m.end() == mark.start()
    ]
    return owners[-1] if owners else None


def _named_partner(story: Story, index: int, offset: int, owner: str) -> str | None:
    """The one a named owner's partner word names: ``wife Ginny``, ``Ginny, Harry's wife``.

    The character named right after the word, or right before the owner with only a comma or
    a linking verb between (``Lily was James's wife``), whose gender fits the word. Any other
    character of the sentence is no partner: in *Travers' wife threw curses at Lily*, the wife
    is unnamed, and Lily is not Travers's.
    """
    assert story.names is not None
    text, sentence = story.text, story.sentences[index]
    word = _PARTNER_GENDER.match(text, offset)
    assert word is not None
    gender = word.lastgroup or "t"
    gap = _LINK_AFTER.match(text, word.end())
    after = story.names.match(text, gap.end()) if gap else None
    found = [after] if after else []
    before = list(story.names.finditer(text, sentence.start, offset))
    owned_at = next((m.start() for m in reversed(before) if story.owners[m.group()] == owner), 0)
    found += [m for m in before if m.end() <= owned_at and _LINK.fullmatch(text, m.end(), owned_at)]
    for match in found:
        ident = story.owners[match.group()]
        if ident != owner and _agrees(story, ident, gender):
            return ident
    return None


def _partners(
    story: Story, index: int, ranked: Sequence[str], genders: tuple[str, str]
) -> list[tuple[float, str, str]]:
    """The owner and the partner of ``her husband``: named nearest the word, if their genders fit.

    The partner is the character named nearest the word with the partner's gender, the owner the
    nearest other one with the owner's; one the sentence does not name is the most recently
    named character of that gender (``PRONOUN_WEIGHT``), else the story's lead of it
    (``FOCAL_WEIGHT``).
    """
    owner_gender, partner_gender = genders
    partner = next((i for i in ranked if _agrees(story, i, partner_gender)), None)
    owner = next((i for i in ranked if i != partner and _agrees(story, i, owner_gender)), None)
    share = 1.0
    for finder, weight in ((_most_recent, PRONOUN_WEIGHT), (_focal, FOCAL_WEIGHT)):
        if partner is None:
            partner = finder(story, index, partner_gender, [owner] if owner else [])
            share = weight if partner is not None else share
        if owner is None and partner is not None:
            owner = finder(story, index, owner_gender, [partner])
            share = min(share, weight) if owner is not None else share
    if owner is None or partner is None:
        return []
    return [(share, owner, partner)]


def _outsider(story: Story, index: int) -> bool:
    """Whether the sentence's narration has a ``he`` or ``she`` no one in the cast can be.

    In a story whose cast has no woman (an unnamed point-of-view wife: ``She kisses him, his
    chest, his arms``), ``she`` is someone the cast does not hold, and a cue the sentence does
    not name two people for is hers: reading its other pronouns as two men would make a couple
    of the husband and his son.
    """
    genders = set(story.genders.values())
    if "?" in genders:
        return False
    sentence = story.sentences[index]
    for match in _PRONOUN.finditer(story.text, sentence.start, sentence.end):
        gender = (match.lastgroup or "t")[0]
        if gender in "mf" and gender not in genders and not _in_quote(story, match.start()):
            return True
    return False


def _in_quote(story: Story, offset: int) -> bool:
    return story.quote_at(offset) is not None


_Finder = Callable[["Story", int, str, Sequence[str]], "str | None"]


def _resolve_pronouns(story: Story, index: int, named: list[str], find: _Finder) -> list[str]:
    """Fill a cue's participants up to two from the sentence's pronouns, using ``find``."""
    sentence = story.sentences[index]
    tokens = sorted(
        _pronoun_token(story.text, match)
        for match in _PRONOUN.finditer(story.text, sentence.start, sentence.end)
        if not _in_quote(story, match.start())
    )  # object pronouns (groups m, f, t) come before subjects and possessives (m2, f2, t2)
    genders = [gender for _, _, gender in tokens]
    # each gender once, then again: in "He took her face and kissed her" both hers are one
    # woman, and the man is the other; "he kissed him" still makes two men. A gender the
    # participants found so far already have waits: with Hermione found, "He cupped her cheek
    # and kissed her" looks for a man before a second woman
    held = {story.genders.get(ident, "?") for ident in named}
    joined = list(named)

    def fill(gender: str) -> bool:
        found = False
        for _ in range(2 if gender == "t" else 1):  # plural "they" may stand for both
            candidate = find(story, index, gender, joined) if len(joined) < 2 else None
            if candidate is not None:
                joined.append(candidate)
                found = True
        return found

    missing = [g for g in dict.fromkeys(genders) if g not in held and not fill(g)]
    # a he or she that ``find`` finds no one for is someone else, not named nearby: the
    # sentence's other pronouns are then one partner, not two (``She kissed him, his hands``)
    if not any(gender in "mf" for gender in missing):
        for gender in genders:
            fill(gender)
    return joined


def _pronoun_token(text: str, match: re.Match[str]) -> tuple[int, int, str]:
    """A pronoun's rank (objects first), offset and gender; ``her husband`` stands for a man.

    A possessive before a partner word (``her husband``, ``his girlfriend``) speaks of the
    partner, an object of the sentence with the partner word's gender; its owner is usually
    the sentence's subject, named or a pronoun of its own.
    """
    group = match.lastgroup or "?"
    partner = _PARTNER_AFTER.match(text, match.end()) if group in ("f", "m2", "t2") else None
    if partner is not None:
        word = _PARTNER_GENDER.match(text, partner.end())
        if word is not None and word.lastgroup:
            return 1, match.start(), word.lastgroup
    return len(group), match.start(), group[0]


def _agrees(story: Story, ident: str, gender: str) -> bool:
    """Whether a pronoun of ``gender`` may stand for the character (plural "they" for anyone)."""
    return gender == "t" or story.genders.get(ident, "?") in (gender, "?")


def _most_recent(story: Story, index: int, gender: str, exclude: Sequence[str]) -> str | None:
    """The most recently named character of a gender, not excluded, in the last paragraphs."""
    paragraph = story.paragraph_of[index]
    end = bisect_right(story.recent_starts, story.sentences[index].end)
    for _, ident, where in reversed(story.recent[max(0, end - RECENT_MENTIONS) : end]):
        if where < paragraph - RECENT_PARAGRAPHS:
            break
        if ident in exclude:
            continue
        if _agrees(story, ident, gender):
            return ident
    return None


def _focal(story: Story, index: int, gender: str, exclude: Sequence[str]) -> str | None:
    """The story's most-named character of a gender who is not excluded.

    A pronoun with no antecedent nearby usually means one of the story's leads.
    """
    for ident in story.leads:
        if ident not in exclude and _agrees(story, ident, gender):
            return ident
    return None


def paragraph_pair(story: Story, index: int) -> tuple[str, str] | None:
    """The two characters of the sentence's paragraph, when it names exactly two."""
    cast = story.paragraph_cast[story.paragraph_of[index]]
    if len(cast) != 2:
        return None
    first, second = sorted(cast)
    return first, second
