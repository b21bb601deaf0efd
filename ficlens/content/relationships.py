"""Pairings: who is with whom in a story, in AO3's tag form, with the passages that show it.

``find_relationships`` reads the story's sentences once and gathers, for every pair of
characters:

* **romance**: the weight of romantic or sexual cues (the small lexicon ``_CUES`` below:
  kissing, lips, embraces, "I love you", held hands, blushing, boyfriend/wife/married, sex
  words ...) whose participants are the pair. A cue's participants are, in order of trust:

  1. the two characters its sentence names closest to it (the narrator too, through
     ``I``/``me``/``my``, in first-person stories); others named in the sentence get a quarter;
  2. the named one and the characters its pronouns stand for: each pronoun is the most recently
     named character of its gender in the last two paragraphs (``Nell kissed him``), object
     pronouns first, plural ``they`` for anyone (weight 0.7);
  3. the only two characters its paragraph names (0.5);
  4. pronouns read as the story's most-named character of their gender (0.5).

  A cue inside a quotation joins the characters the quotation names, else its speaker and the
  named one (``"I'll marry Ann"``), its addressee and the named one (``"Do you love Ann?"``),
  or its speaker and addressee (``"I love you"``; 0.6). Kisses on the cheek, hand or forehead,
  cues in sentences that speak of family, and status words (``her husband``) in sentences that
  do not name two people count less. Each ``romance`` passage given by the content signals
  adds 1.5, shared among the pairs of the characters it (else its paragraph) names;
* **interaction**: sentences naming both, paragraphs naming both (half), and quotations one
  speaks to the other.

A pair is **romantic** when its romance weight reaches 30% of the strongest pair's and
``LEAD_ROMANTIC_MIN`` (1.5) for the story's two most-named characters, ``ROMANTIC_MIN`` (4)
for anyone else. It is **platonic** (``A & B``) when it has almost no romance but strong
interaction (``PLATONIC_MIN`` and a third of the most interactive pair's), at most
``MAX_PLATONIC`` of them. A pair's score is its romance weight plus a tenth of its interaction.
The top romantic pair is the **main** pairing when both its characters are central (among the
four most named, or 8% of all mentions) and its score is at least 1.5 times the next romantic
pair's; every other pair is ``main=False`` (mentioned). Three characters who are pairwise
romantic also form a group ``A/B/C`` with category ``Multi`` (main when all three are central
and it holds the top pair).

Names in a tag are ordered by **first appearance** in the story (``Character.first`` or the
first mention). Categories come from referential gender: ``he/him`` is M, ``she/her`` is F;
``they/them``, anything else or unknown makes the pairing ``Other``.

Evidence is sentence-sized (long sentences are cut to a window around the cue), strongest cue
first. Everything is one pass over sentences, mentions and cue matches, with bounded look-backs,
so time is linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations

from ficlens.content.summary import sentence_spans
from ficlens.model import Character, Quote, Relationship, Span

METHOD = "content.relationships.v1"

LEAD_ROMANTIC_MIN = 1.5
"""Least romance weight of a romantic pair of the story's two most-named characters."""
ROMANTIC_MIN = 4.0
"""Least romance weight of any other romantic pair (a kiss between two named characters
weighs 3)."""
ROMANTIC_SHARE = 0.3
"""A romantic pair's romance weight must also reach this share of the strongest pair's."""
PLATONIC_MIN = 6.0
"""Least interaction of a platonic pair (sentences + paragraphs / 2 + quotations)."""
PLATONIC_SHARE = 0.33
PLATONIC_ROMANCE_MAX = 1.0
"""A pair with more romance weight than this is not called platonic."""
MAX_PLATONIC = 3
MAIN_LEAD = 1.5
"""The main pairing's score must be this many times the next romantic pair's."""
CENTRAL_RANK = 4
CENTRAL_SHARE = 0.08
INTERACTION_WEIGHT = 0.1

PRONOUN_WEIGHT = 0.7
"""A cue whose second participant is a resolved pronoun counts this much."""
PARAGRAPH_WEIGHT = 0.5
"""A cue whose participants are only "the two characters of the paragraph" counts this much."""
FOCAL_WEIGHT = 0.5
"""A cue whose second participant is a pronoun resolved to a lead of that gender counts this."""
QUOTE_WEIGHT = 0.6
"""A cue in a quotation, between its speaker and addressee, counts this much."""
SIGNAL_WEIGHT = 1.5
"""Weight of one given romance passage."""
BYSTANDER_WEIGHT = 0.25
"""Share of a cue's weight for pairs beyond the two characters named closest to it."""
LIGHT_KISS = 0.4
"""Share of a kiss's weight when it lands on a cheek, hand, forehead or hair."""

FAMILY = 0.5
"""Share of a cue's weight when its sentence speaks of family (a mother's kiss, a son's hug)."""

STATUS_ALONE = 0.4
"""Share of a status word's weight ("her husband") when its sentence does not name two people."""

RECENT_MENTIONS = 12
RECENT_PARAGRAPHS = 2
MAX_SENTENCE = 320
"""Longer sentences are cut to a window of this many characters around the cue."""
_KEPT_TOGETHER = 24

_CUES: tuple[tuple[float, str], ...] = (
    (3.0, r"kiss(?:ed|es|ing)?|snog(?:s|ged|ging)?|made love|make love|making love"),
    (3.0, r"i love you|i'm in love|in love with|fell in love|love of (?:my|his|her) life"),
    (2.0, r"(?:boy|girl)friends?|husbands?|wife|wives|fianc[ée]e?|married|marry|wedding"),
    (3.0, r"honeymoon|lovers?|had sex|have sex|having sex|sex with|dating|went on a date"),
    (2.0, r"marriage|soul ?mates?|engaged to|proposed to|in a relationship|made out"),
    (3.0, r"orgasm(?:ed|s)?|climax(?:ed)?|cock|his erection|thrust(?:s|ed|ing)? into"),
    (2.5, r"lips (?:met|on|against|brushed|pressed)|mouth (?:on|against)|tongues?"),
    (2.0, r"loved? (?:him|her|me|you|them)|loves (?:him|her|me|you|them)|crush(?:es)?"),
    (2.5, r"flirt(?:s|ed|ing)?|moan(?:s|ed|ing)?|kissable|naked|undress(?:ed|ing)?"),
    (2.0, r"pecks?|pecked|chaste|intimate(?:ly)?|pin(?:ing|ed) for|romance|mistletoe"),
    (1.0, r"attracted to|relationship|sexy|valentine'?s?"),
    (1.5, r"held (?:his|her|my|their) hand|holding hands|hand in hand|(?:laced|linked|"
     r"intertwined|entwined) (?:their|our) fingers|cuddl(?:e|ed|es|ing)|snuggl(?:e|ed|ing)"),
    (1.5, r"nuzzl(?:e|ed|es|ing)|caress(?:ed|es|ing)?|darling|sweetheart|romantic|date"),
    (1.5, r"cupp?(?:ed|ing|s)? (?:his|her|my) (?:face|cheek|jaw)|butterflies|attraction"),
    (1.0, r"embrac(?:e|ed|es|ing)|in (?:his|her|my|their) arms|blush(?:ed|es|ing)?"),
    (1.0, r"heart (?:raced|pounded|fluttered|skipped)|breath hitched|desire[sd]?|aroused"),
    (1.5, r"(?:his|her|my) waist|hips|thighs?|gorgeous|adorable|flustered|breathless"),
    (1.0, r"affection(?:ate|ately)?|jealous(?:y)?|confess(?:ed|ion)?|loving"),
)  # fmt: skip
_CUE = re.compile(
    r"\b(?=[a-z])(?:"
    + "|".join(rf"(?P<w{n}>(?:{words})\b)" for n, (_, words) in enumerate(_CUES))
    + ")",
    re.I,
)
_STATUS = frozenset({"w2"})
"""Cue groups that state a relationship (husband, girlfriend, married) rather than show it."""
_CUE_WEIGHTS = {f"w{n}": weight for n, (weight, _) in enumerate(_CUES)}
_LIGHT = re.compile(r"\W+(?:\w+\W+){0,4}?(?:cheek|forehead|brow|hand|knuckles|hair|head)\b", re.I)
_FAMILY = re.compile(
    r"\b(?:mother|father|mum|mom|dad|mummy|daddy|son|daughter|brother|sister|aunt|uncle|"
    r"godfather|godson|goddaughter|grandmother|grandfather|grandson|granddaughter|gran|"
    r"nephew|niece|cousin|parents?|children|child|baby)\b",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Mm]yself|[Mm]ine)\b")
_SPEAKER_WORDS = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Ww]e|[Uu]s|[Oo]ur)\b")
_YOU = re.compile(r"\byou(?:r|rs|rself)?\b", re.I)
_PERSONAL = re.compile(r"\b(?:I|me|my|we|us|our|you|your)\b", re.I)
_PRONOUN = re.compile(
    r"\b(?P<m>him|himself)\b|\b(?P<f>her|hers|herself)\b|\b(?P<t>them|themselves)\b"
    r"|\b(?P<m2>he|his)\b|\b(?P<f2>she)\b|\b(?P<t2>they|their)\b",
    re.I,
)
_CATEGORY_ORDER = ("F/F", "F/M", "Gen", "M/M", "Multi", "Other")


@dataclass(slots=True)
class _Pair:
    """What was gathered about one pair of characters."""

    romance: float = 0.0
    sentences: int = 0
    paragraphs: int = 0
    talk: float = 0.0
    cues: list[tuple[float, int, Span]] = field(default_factory=list)
    together: list[tuple[float, int, Span]] = field(default_factory=list)

    @property
    def interaction(self) -> float:
        """Sentences naming both, half their shared paragraphs, and quotations between them."""
        return self.sentences + 0.5 * self.paragraphs + self.talk

    @property
    def score(self) -> float:
        """Romance weight plus a tenth of the interaction."""
        return self.romance + INTERACTION_WEIGHT * self.interaction


@dataclass(frozen=True)
class _Story:
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


def find_relationships(
    text: str,
    paragraphs: Sequence[Span],
    characters: Sequence[Character],
    mentions: Sequence[tuple[Span, str]],
    quotes: Sequence[Quote] = (),
    romance: Sequence[Span] = (),
    narrator: str | None = None,
    max_evidence: int = 3,
) -> tuple[Relationship, ...]:
    """Find the story's romantic and platonic relationships, main pairing first.

    Args:
        text: the work's text.
        paragraphs: the story paragraphs in order (notes excluded).
        characters: the cast.
        mentions: every resolved mention as ``(span, character id)``, in text order.
        quotes: quotations with their speakers and addressees.
        romance: passages where romance or sexual content signals fired.
        narrator: the id of a first-person narrator, who is ``I``/``me``/``my``.
        max_evidence: most evidence spans per relationship.

    Returns:
        Main pairings first, then other romantic pairs, groups and platonic pairs, each by
        decreasing score.

    Example:
        >>> text = "Ann kissed Bea. Bea smiled."
        >>> cast = [Character("c1", "Ann", (), "she/her", False, 1, 0),
        ...         Character("c2", "Bea", (), "she/her", False, 2, 11)]
        >>> found = [(Span(0, 3), "c1"), (Span(11, 14), "c2"), (Span(16, 19), "c2")]
        >>> [(r.tag, r.kind, r.category) for r in
        ...  find_relationships(text, [Span(0, len(text))], cast, found)]
        [('Ann/Bea', 'romantic', 'F/F')]
    """
    known = {character.id for character in characters}
    if narrator:
        known.add(narrator)
    story = _read_story(text, paragraphs, characters, mentions, quotes, narrator, known)
    pairs: dict[tuple[str, str], _Pair] = {}
    _count_together(story, pairs)
    _count_cues(story, pairs)
    _count_signals(story, romance, pairs)
    _count_talk(story, pairs)
    return _decide(story, characters, pairs, max_evidence)


# --- reading the story -----------------------------------------------------------------------


def _read_story(
    text: str,
    paragraphs: Sequence[Span],
    characters: Sequence[Character],
    mentions: Sequence[tuple[Span, str]],
    quotes: Sequence[Quote],
    narrator: str | None,
    known: set[str],
) -> _Story:
    sentences: list[Span] = []
    paragraph_of: list[int] = []
    for index, paragraph in enumerate(paragraphs):
        for sentence in sentence_spans(text, paragraph):
            sentences.append(sentence)
            paragraph_of.append(index)
    starts = [s.start for s in sentences]
    ordered_quotes = tuple(sorted((_known_only(q, known) for q in quotes), key=_quote_start))
    named_mentions = sorted((s.start, ident) for s, ident in mentions if ident in known)
    recent = _recent(named_mentions, starts, paragraph_of, narrator)
    names, owners = _names(characters)
    if narrator:
        named_mentions = sorted(
            named_mentions + _self_references(text, paragraphs, ordered_quotes, narrator)
        )
    named = _by_sentence(named_mentions, sentences, starts)
    cast: list[set[str]] = [set() for _ in paragraphs]
    for index, found in enumerate(named):
        cast[paragraph_of[index]].update(ident for _, ident in found)
    return _Story(
        text=text,
        sentences=tuple(sentences),
        paragraph_of=tuple(paragraph_of),
        starts=tuple(starts),
        named=named,
        recent=tuple(recent),
        recent_starts=tuple(r[0] for r in recent),
        quotes=ordered_quotes,
        quote_starts=tuple(q.span.start for q in ordered_quotes),
        genders={c.id: _gender_class(c.gender) for c in characters},
        narrator=narrator,
        leads=tuple(ident for ident, _ in Counter(r[1] for r in recent).most_common()),
        names=names,
        owners=owners,
        paragraph_cast=tuple(frozenset(c) for c in cast),
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


def _names(characters: Sequence[Character]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """A pattern of every capitalised name and alias, and the character each belongs to."""
    owners: dict[str, str] = {}
    shared: set[str] = set()
    for character in characters:
        for form in (character.name, *character.aliases):
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
    text: str, paragraphs: Sequence[Span], quotes: Sequence[Quote], narrator: str
) -> list[tuple[int, str]]:
    """The narrator's ``I``/``me``/``my`` in narration (not inside quotations)."""
    quote_starts = [q.span.start for q in quotes]
    found = []
    for paragraph in paragraphs:
        for match in _FIRST_PERSON.finditer(text, paragraph.start, paragraph.end):
            index = bisect_right(quote_starts, match.start()) - 1
            if index < 0 or match.start() >= quotes[index].span.end:
                found.append((match.start(), narrator))
    return found


def _gender_class(gender: str | None) -> str:
    if not gender:
        return "?"
    return {"he": "m", "she": "f", "they": "t"}.get(gender.split("/")[0].strip().lower(), "?")


# --- gathering evidence ----------------------------------------------------------------------


def _key(first: str, second: str) -> tuple[str, str]:
    return (first, second) if first < second else (second, first)


def _pair(pairs: dict[tuple[str, str], _Pair], first: str, second: str) -> _Pair:
    key = _key(first, second)
    found = pairs.get(key)
    if found is None:
        found = pairs[key] = _Pair()
    return found


def _count_together(story: _Story, pairs: dict[tuple[str, str], _Pair]) -> None:
    """Sentences and paragraphs that name both characters of a pair."""
    for index, named in enumerate(story.named):
        idents = sorted({ident for _, ident in named})
        for first, second in combinations(idents, 2):
            pair = _pair(pairs, first, second)
            pair.sentences += 1
            if len(pair.together) < _KEPT_TOGETHER:
                pair.together.append((1.0, story.sentences[index].start, story.sentences[index]))
    for cast in story.paragraph_cast:
        for first, second in combinations(sorted(cast), 2):
            _pair(pairs, first, second).paragraphs += 1


def _count_cues(story: _Story, pairs: dict[tuple[str, str], _Pair]) -> None:
    """Romantic cues, each credited to the characters it joins."""
    text = story.text
    for sentence in story.sentences:
        for match in _CUE.finditer(text, sentence.start, sentence.end):
            weight = _CUE_WEIGHTS[match.lastgroup or ""]
            if match.group().lower().startswith("kiss") and _LIGHT.match(text, match.end()):
                weight *= LIGHT_KISS
            if _FAMILY.search(text, sentence.start, sentence.end):
                weight *= FAMILY
            if match.lastgroup in _STATUS and not _names_two(story, match.start()):
                weight *= STATUS_ALONE
            _credit_cue(story, match.start(), weight, pairs)


def _names_two(story: _Story, offset: int) -> bool:
    """Whether the sentence holding ``offset`` names two characters or more."""
    index = story.sentence_at(offset)
    return index is not None and len({ident for _, ident in story.named[index]}) >= 2


def _credit_cue(
    story: _Story, offset: int, weight: float, pairs: dict[tuple[str, str], _Pair]
) -> None:
    index = story.sentence_at(offset)
    if index is None:
        return
    evidence = _clip(story.text, story.sentences[index], offset)
    quote = story.quote_at(offset)
    if quote is not None:
        _credit_quote_cue(story, quote, offset, weight, evidence, pairs)
        return
    joined = _participants(story, index, offset)
    for share, first, second in joined:
        pair = _pair(pairs, first, second)
        pair.romance += weight * share
        pair.cues.append((weight * share, offset, evidence))


def _credit_quote_cue(
    story: _Story,
    quote: Quote,
    offset: int,
    weight: float,
    evidence: Span,
    pairs: dict[tuple[str, str], _Pair],
) -> None:
    joined = _quote_participants(story, quote, offset)
    if joined is not None:
        share, first, second = joined
        pair = _pair(pairs, first, second)
        pair.romance += weight * share
        pair.cues.append((weight * share, offset, evidence))


def _quote_participants(story: _Story, quote: Quote, offset: int) -> tuple[float, str, str] | None:
    """Who a cue inside a quotation joins: the characters it names, else speaker and addressee.

    ``"I'll marry Ann"`` joins the speaker and Ann, ``"Do you love Ann?"`` the addressee and
    Ann, ``"I love you"`` the speaker and the addressee (or, when the addressee is unknown, the
    character named most recently before it).
    """
    named = _named_in_quote(story, quote, offset)
    if len(named) >= 2:
        return QUOTE_WEIGHT, named[0], named[1]
    text, start, end = story.text, quote.span.start, quote.span.end
    speaker, addressee = quote.speaker, quote.addressee
    share = QUOTE_WEIGHT
    if named:
        speaking = _SPEAKER_WORDS.search(text, start, end)
        partner = speaker if speaking else addressee if _YOU.search(text, start, end) else None
    elif not _PERSONAL.search(text, start, end) or not speaker:
        return None
    else:
        named, partner = [speaker], addressee
        if partner is None:
            index = story.sentence_at(start)
            partner = _most_recent(story, index, "t", named) if index is not None else None
            share *= PRONOUN_WEIGHT
    if partner is None or partner == named[0]:
        return None
    return share, named[0], partner


def _named_in_quote(story: _Story, quote: Quote, offset: int) -> list[str]:
    """Characters a quotation names, nearest the cue first."""
    if story.names is None:
        return []
    nearest: dict[str, int] = {}
    for match in story.names.finditer(story.text, quote.span.start, quote.span.end):
        ident = story.owners[match.group()]
        nearest[ident] = min(nearest.get(ident, 1 << 60), abs(match.start() - offset))
    return sorted(nearest, key=lambda ident: (nearest[ident], ident))


def _participants(story: _Story, index: int, offset: int) -> list[tuple[float, str, str]]:
    """The pairs a cue at ``offset`` in sentence ``index`` joins, with their shares."""
    named = [(at, ident) for at, ident in story.named[index] if not _in_quote(story, at)]
    nearest: dict[str, int] = {}
    for at, ident in named:
        nearest[ident] = min(nearest.get(ident, 1 << 60), abs(at - offset))
    ranked = sorted(nearest, key=lambda ident: (nearest[ident], ident))
    if len(ranked) >= 2:
        return [
            (1.0 if n == 0 and m == 1 else BYSTANDER_WEIGHT, first, second)
            for (n, first), (m, second) in combinations(enumerate(ranked), 2)
        ]
    resolved = _resolve_pronouns(story, index, ranked, _most_recent)
    if len(resolved) == 2:
        return [(PRONOUN_WEIGHT, resolved[0], resolved[1])]
    only = _paragraph_pair(story, index)
    if only:
        return [(PARAGRAPH_WEIGHT, only[0], only[1])]
    resolved = _resolve_pronouns(story, index, resolved, _focal)
    return [(FOCAL_WEIGHT, resolved[0], resolved[1])] if len(resolved) == 2 else []


def _in_quote(story: _Story, offset: int) -> bool:
    return story.quote_at(offset) is not None


_Finder = Callable[["_Story", int, str, Sequence[str]], "str | None"]


def _resolve_pronouns(story: _Story, index: int, named: list[str], find: _Finder) -> list[str]:
    """Fill a cue's participants up to two from the sentence's pronouns, using ``find``."""
    sentence = story.sentences[index]
    tokens = sorted(
        (len(match.lastgroup or "?"), match.start(), (match.lastgroup or "?")[0])
        for match in _PRONOUN.finditer(story.text, sentence.start, sentence.end)
        if not _in_quote(story, match.start())
    )  # object pronouns (groups m, f, t) come before subjects and possessives (m2, f2, t2)
    joined = list(named)
    for _, _, gender in tokens:
        for _ in range(2 if gender == "t" else 1):  # plural "they" may stand for both
            candidate = find(story, index, gender, joined) if len(joined) < 2 else None
            if candidate is not None:
                joined.append(candidate)
    return joined


def _agrees(story: _Story, ident: str, gender: str) -> bool:
    """Whether a pronoun of ``gender`` may stand for the character (plural "they" for anyone)."""
    return gender == "t" or story.genders.get(ident, "?") in (gender, "?")


def _most_recent(story: _Story, index: int, gender: str, exclude: Sequence[str]) -> str | None:
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


def _focal(story: _Story, index: int, gender: str, exclude: Sequence[str]) -> str | None:
    """The story's most-named character of a gender who is not excluded.

    A pronoun with no antecedent nearby usually means one of the story's leads.
    """
    for ident in story.leads:
        if ident not in exclude and _agrees(story, ident, gender):
            return ident
    return None


def _paragraph_pair(story: _Story, index: int) -> tuple[str, str] | None:
    """The two characters of the sentence's paragraph, when it names exactly two."""
    cast = story.paragraph_cast[story.paragraph_of[index]]
    if len(cast) != 2:
        return None
    first, second = sorted(cast)
    return first, second


def _count_signals(
    story: _Story, romance: Sequence[Span], pairs: dict[tuple[str, str], _Pair]
) -> None:
    """Given romance passages count for the characters named in them, else in their paragraph.

    A passage naming more than two characters shares its weight among their pairs.
    """
    for passage in romance:
        inside = _sentences_in(story, passage)
        if not inside:
            continue
        cast = sorted({ident for index in inside for _, ident in story.named[index]})
        if len(cast) < 2:
            only = _paragraph_pair(story, inside[0])
            cast = list(only) if only else []
        joined = list(combinations(cast, 2))
        for first, second in joined:
            evidence = _evidence_sentence(story, inside, (first, second))
            pair = _pair(pairs, first, second)
            pair.romance += SIGNAL_WEIGHT / len(joined)
            pair.cues.append((SIGNAL_WEIGHT / len(joined), evidence.start, evidence))


def _sentences_in(story: _Story, passage: Span) -> list[int]:
    """Indices of the sentences that overlap a passage."""
    index = max(bisect_right(story.starts, passage.start) - 1, 0)
    found = []
    while index < len(story.sentences) and story.sentences[index].start < passage.end:
        if story.sentences[index].overlaps(passage):
            found.append(index)
        index += 1
    return found


def _evidence_sentence(story: _Story, inside: Sequence[int], pair: tuple[str, str]) -> Span:
    """The first sentence of a passage naming both of a pair, else one of them, else its first."""
    for wanted in (2, 1):
        for index in inside:
            if len({ident for _, ident in story.named[index]} & set(pair)) >= wanted:
                return _clip(story.text, story.sentences[index], story.sentences[index].start)
    return _clip(story.text, story.sentences[inside[0]], story.sentences[inside[0]].start)


def _count_talk(story: _Story, pairs: dict[tuple[str, str], _Pair]) -> None:
    """Quotations one character speaks to the other."""
    for quote in story.quotes:
        speaker, addressee = quote.speaker, quote.addressee
        if not speaker or not addressee or speaker == addressee:
            continue
        pair = _pair(pairs, speaker, addressee)
        pair.talk += 1
        if len(pair.together) < _KEPT_TOGETHER:
            pair.together.append((1.2, quote.span.start, quote.span))


def _clip(text: str, sentence: Span, offset: int) -> Span:
    """The sentence, or a window of it around ``offset`` (cut at spaces) when it is long."""
    if len(sentence) <= MAX_SENTENCE:
        return sentence
    start = max(sentence.start, offset - MAX_SENTENCE // 3)
    end = min(sentence.end, start + MAX_SENTENCE)
    if start > sentence.start:
        space = text.find(" ", start, offset)
        start = space + 1 if space >= 0 else start
    if end < sentence.end:
        space = text.rfind(" ", max(offset, start), end)
        end = space if space > start else end
    return Span(start, end)


# --- deciding --------------------------------------------------------------------------------


def _decide(
    story: _Story,
    characters: Sequence[Character],
    pairs: dict[tuple[str, str], _Pair],
    max_evidence: int,
) -> tuple[Relationship, ...]:
    by_id = {c.id: c for c in characters}
    order = _appearance_order(story, characters)
    counts = _mention_counts(story)
    romantic = _romantic(pairs, {ident for ident, _ in counts.most_common(2)})
    central = _central(counts)
    groups = _groups(romantic, pairs, central)
    main = (
        None if any(is_main for _, _, is_main in groups) else _main_pair(romantic, pairs, central)
    )
    result = [
        _relationship(key, "romantic", pairs[key], key == main, by_id, order, max_evidence)
        for key in romantic
    ]
    result += [
        _as_multi(_relationship(trio, "romantic", group, is_main, by_id, order, max_evidence))
        for trio, group, is_main in groups
    ]
    result += [
        _relationship(key, "platonic", pairs[key], False, by_id, order, max_evidence)
        for key in _platonic(pairs, set(romantic))
    ]
    return tuple(sorted(result, key=lambda r: (not r.main, r.kind != "romantic", -r.score)))


def _romantic(pairs: dict[tuple[str, str], _Pair], leads: set[str]) -> list[tuple[str, str]]:
    """Pairs with enough romance: less is asked of the two leads than of anyone else."""
    strongest = max((pair.romance for pair in pairs.values()), default=0.0)
    chosen = [
        key
        for key, pair in pairs.items()
        if pair.romance >= ROMANTIC_SHARE * strongest
        and pair.romance >= (LEAD_ROMANTIC_MIN if set(key) <= leads else ROMANTIC_MIN)
    ]
    return sorted(chosen, key=lambda key: (-pairs[key].score, key))


def _platonic(
    pairs: dict[tuple[str, str], _Pair], romantic: set[tuple[str, str]]
) -> list[tuple[str, str]]:
    busiest = max((pair.interaction for pair in pairs.values()), default=0.0)
    floor = max(PLATONIC_MIN, PLATONIC_SHARE * busiest)
    chosen = [
        key
        for key, pair in pairs.items()
        if key not in romantic
        and pair.romance <= PLATONIC_ROMANCE_MAX
        and pair.interaction >= floor
    ]
    return sorted(chosen, key=lambda key: (-pairs[key].score, key))[:MAX_PLATONIC]


def _mention_counts(story: _Story) -> Counter[str]:
    """How often each character is named (the narrator: each ``I``/``me``/``my``)."""
    counts: Counter[str] = Counter()
    for named in story.named:
        counts.update(ident for _, ident in named)
    return counts


def _central(counts: Counter[str]) -> set[str]:
    """Characters among the most named, or named in a good share of all mentions."""
    total = sum(counts.values())
    return {
        ident
        for rank, (ident, count) in enumerate(counts.most_common())
        if rank < CENTRAL_RANK or count >= CENTRAL_SHARE * total
    }


def _main_pair(
    romantic: Sequence[tuple[str, str]], pairs: dict[tuple[str, str], _Pair], central: set[str]
) -> tuple[str, str] | None:
    if not romantic:
        return None
    top = romantic[0]
    if not set(top) <= central:
        return None
    if len(romantic) > 1 and pairs[top].score < MAIN_LEAD * pairs[romantic[1]].score:
        return None
    return top


def _appearance_order(story: _Story, characters: Sequence[Character]) -> dict[str, tuple[int, str]]:
    first: dict[str, int] = {}
    for named in story.named:
        for at, ident in named:
            first.setdefault(ident, at)
    for character in characters:
        if character.first >= 0:
            first[character.id] = min(first.get(character.id, character.first), character.first)
    return {ident: (at, ident) for ident, at in first.items()}


def _relationship(
    key: Sequence[str],
    kind: str,
    pair: _Pair,
    main: bool,
    by_id: dict[str, Character],
    order: dict[str, tuple[int, str]],
    max_evidence: int,
) -> Relationship:
    members = tuple(sorted(key, key=lambda ident: order.get(ident, (1 << 60, ident))))
    names = [by_id[ident].name if ident in by_id else "Narrator" for ident in members]
    romantic = kind == "romantic"
    category = (
        category_of([by_id[i].gender if i in by_id else None for i in members])
        if romantic
        else None
    )
    evidence = _best(pair.cues if romantic else pair.together, max_evidence)
    return Relationship(
        characters=members,
        kind=kind,
        tag=("/" if romantic else " & ").join(names),
        score=round(pair.score, 3),
        main=main,
        category=category,
        evidence=evidence,
    )


def _best(found: Iterable[tuple[float, int, Span]], limit: int) -> tuple[Span, ...]:
    chosen: list[Span] = []
    for _, _, span in sorted(found, key=lambda item: (-item[0], item[1])):
        if span not in chosen:
            chosen.append(span)
        if len(chosen) >= limit:
            break
    return tuple(chosen)


def _groups(
    romantic: Sequence[tuple[str, str]],
    pairs: dict[tuple[str, str], _Pair],
    central: set[str],
) -> list[tuple[tuple[str, str, str], _Pair, bool]]:
    """Three characters who are pairwise romantic form a group, with its evidence.

    A group is main when its three characters are central and it holds the top pair.
    """
    linked = set(romantic)
    people = sorted({ident for key in romantic for ident in key})
    groups = []
    for trio in combinations(people, 3):
        keys = [_key(a, b) for a, b in combinations(trio, 2)]
        if not all(key in linked for key in keys):
            continue
        merged = _Pair(
            romance=sum(pairs[k].romance for k in keys) / 3,
            cues=[cue for k in keys for cue in pairs[k].cues],
        )
        main = set(trio) <= central and romantic[0] in keys
        groups.append(((trio[0], trio[1], trio[2]), merged, main))
    return groups


def _as_multi(relationship: Relationship) -> Relationship:
    return Relationship(
        relationship.characters, relationship.kind, relationship.tag, relationship.score,
        relationship.main, "Multi", relationship.evidence,
    )  # fmt: skip


# --- categories ------------------------------------------------------------------------------


def category_of(genders: Sequence[str | None]) -> str:
    """AO3's category of a romantic pairing from its members' pronoun sets.

    Example:
        >>> category_of(["he/him", "she/her"]), category_of(["she/her", "she/her"])
        ('F/M', 'F/F')
        >>> category_of(["he/him", None]), category_of(["he/him", "he/him", "she/her"])
        ('Other', 'Multi')
    """
    if len(genders) > 2:
        return "Multi"
    letters = sorted({"m": "M", "f": "F"}.get(_gender_class(g), "?") for g in genders)
    if "?" in letters:
        return "Other"
    return "/".join(letters)


def categories(
    relationships: Sequence[Relationship], characters: Sequence[Character]
) -> tuple[str, ...]:
    """AO3 categories of a work from its romantic relationships.

    Each romantic pairing gives its category (from the characters' genders); a group of three
    or more, or romantic pairings of different categories, add ``Multi``; a work with no
    romantic relationship is ``Gen``. Categories come in AO3's order (alphabetical).

    Example:
        >>> cast = [Character("a", "A", (), "he/him", False, 1, 0),
        ...         Character("b", "B", (), "she/her", False, 1, 0)]
        >>> categories([Relationship(("a", "b"), "romantic", "A/B", 3.0, True)], cast)
        ('F/M',)
        >>> categories([Relationship(("a", "b"), "platonic", "A & B", 3.0, False)], cast)
        ('Gen',)
    """
    genders = {c.id: c.gender for c in characters}
    found: set[str] = set()
    for relationship in relationships:
        if relationship.kind == "romantic":
            found.add(category_of([genders.get(ident) for ident in relationship.characters]))
    if not found:
        return ("Gen",)
    if len(found - {"Multi"}) > 1:
        found.add("Multi")
    return tuple(name for name in _CATEGORY_ORDER if name in found)
