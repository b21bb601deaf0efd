"""Find the names a story uses for people, in the parsed narration.

Mentions come from spaCy's PERSON entities (extended left over a title, ``Mr.``; right over an
honorific, ``-sensei``), from proper-noun runs that are the subject of a speech verb (NER
misses many fandom names: ``Itachi``, ``Naruto``) or of a verb only people do (``Hermione
frowned``), from proper nouns after a title, and from
the names a fandom pack declares. Pronouns are not mentions here; :mod:`ficlens.cast.gender`
reads them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ficlens.cast.names import NameParts, honorifics, person_verbs, split_name, titles
from ficlens.lexicons import is_speech_verb
from ficlens.model import Span
from ficlens.nlp import Parsed, Token

_PROPER = frozenset({"NNP", "NNPS"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_NOT_NAMES = frozenset(
    {"yes", "god", "lord", "heaven", "heavens", "sir", "madam", "mama", "papa", "mother",
     "father", "ma'am", "miss", "mr", "mrs", "chapter", "i", "oh", "ah", "well", "english",
     "french", "christmas", "monday", "tuesday", "wednesday", "thursday", "friday",
     "saturday", "sunday", "no", "hello", "hi", "goodbye", "bye", "goodnight", "thanks",
     "sorry", "please", "okay", "hm", "hmm", "hmmm", "um", "umm", "uh", "ugh", "mm", "mmm",
     "mhm", "erm", "huh", "whoa", "wow", "shh", "psst", "we", "us", "me", "he", "it", "ok",
     "fuck", "shit", "damn", "oi", "oy", "hey", "ow", "ouch", "oops", "blimey", "crikey",
     "ahem", "eh", "yeah", "yep", "nope", "nah", "aye"}
)  # fmt: skip
"""Words a capital does not make a name: forms of address, days, and what one says (*said
Goodbye*, *said Sorry*, *Hm*, *said Fuck*, *'Oi!' cried one*; a quotation too short to be
masked, *"Us," Draco answers*)."""
_NOT_LEADING = _NOT_NAMES | frozenset(
    {"fuck", "fucking", "shit", "damn", "bloody", "hey", "dear", "poor", "sweet", "floo",
     "flooed", "apparate", "apparated", "owl", "owled", "heard", "saw", "watched", "felt",
     "kissed", "hugged", "thanked", "told", "asked", "signed", "love", "yours", "sincerely",
     "regards"}
)  # fmt: skip
"""Words that open a run the parser takes for one name but are no part of it: an oath or an
interjection before the name (*Fuck James*, *Oh Harry*), a salutation (*Dear Ginny*), a
letter's closing (*Signed Malfoy*, *Love Hermione*), a wizard's verb of getting in touch
(*Floo James*, *owl Hermione*), a verb opening a sentence that leaves out its subject (*Heard
Gawain's voice before seeing him*)."""


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of narration that names a person.

    Attributes:
        span: the whole mention, title and honorific included.
        parts: the name split into title, bare name and honorific.
        source: what found it: ``ner``, ``speech_subject``, ``person_subject`` (the subject
            of a verb only people do), ``title``, ``canon``, ``given``
            (a pack's given name the parse missed), ``surname`` (a pack's shared surname the
            parse missed), ``misspelt`` (a pack's name misspelt, ``Hermoine``, the parse
            missed), ``propagated`` (a name the parse found
            elsewhere), ``script`` (a script line's label) or ``placeholder`` (a
            reader-insert's ``Y/N``).
        speech_subject: whether it is the subject of a speech verb ("said Harry").
    """

    span: Span
    parts: NameParts
    source: str
    speech_subject: bool = False

    @property
    def key(self) -> str:
        """The name with its title, as a cluster key: ``Mr. Bennet`` or ``Elizabeth``."""
        return f"{self.parts.title} {self.parts.name}".strip()


_BROKEN_OFF = "-\u2010\u2011\u2013\u2014"
"""Dashes that may end a name token when speech or thought breaks off (``James-``)."""


_NOT_IN_NAMES = re.compile(r"[\d!?\"“”«»()\[\]{}]|['’´](?:ll|d|re|ve)\b", re.I)
"""What no name holds: digits, a mark of exclamation, question or quotation, brackets, or a
contraction's tail (*James'll*, *Oi!*, *MARCH“Harry*)."""


def _is_name(text: str) -> bool:
    words = text.split()
    if not words or text.lower() in _NOT_NAMES or not text[:1].isalpha():
        return False  # not a contraction's tail either (*'ve*)
    return all(w[:1].isupper() for w in words if w.isalpha()) and not _NOT_IN_NAMES.search(text)


def _extend(tokens: Sequence[Token], first: int, last: int) -> tuple[int, int]:
    """Grow a name over a title before it and an honorific after it (``Kakashi - sensei``)."""
    while first > 0 and _previous(tokens, first) is not None:
        before = _previous(tokens, first)
        assert before is not None
        if tokens[before].text not in titles():
            break
        first = before
    if (
        last + 2 < len(tokens)
        and tokens[last + 1].text == "-"
        and tokens[last + 2].text.lower() in honorifics()
        and tokens[last + 1].start == tokens[last].end
    ):
        last += 2
    return first, last


def _before_spaced_dash(tokens: Sequence[Token], first: int, last: int) -> int:
    """Where a name ends before a dash set off by a space, which breaks the clause.

    ``Not to mention James - Albus could see`` names James, not ``James - Albus``; a dash that
    joins (``Kakashi-sensei``, ``Granger-Weasley``) is part of the name.
    """
    for index in range(first + 1, last + 1):
        token = tokens[index]
        if token.text.strip(_BROKEN_OFF) == "" and token.start > tokens[index - 1].end:
            return index - 1
    return last


def _previous(tokens: Sequence[Token], index: int) -> int | None:
    """The nearest token before ``index`` that is not whitespace (hard-wrapped lines)."""
    index -= 1
    while index >= 0 and not tokens[index].text.strip():
        index -= 1
    return index if index >= 0 else None


def _next_proper(tokens: Sequence[Token], index: int) -> int | None:
    """The next token after ``index``, over line breaks, if it is a proper noun."""
    index += 1
    while index < len(tokens) and not tokens[index].text.strip():
        index += 1
    return index if index < len(tokens) and tokens[index].tag in _PROPER else None


def _is_speech_subject(tokens: Sequence[Token], first: int, last: int) -> bool:
    """Whether the name is who speaks: subject of a speech verb, or right after one.

    ``"...?" asked Mira`` is often parsed with Mira as the object of *asked*; a name that
    follows the speech verb at once is its inverted subject all the same, unless the verb
    names a noun before it (``acl``): *a new shop called Charming Creations*, *a boy called
    Neville*.
    """
    for index in range(first, last + 1):
        token = tokens[index]
        if token.dep in _SUBJECTS and _speaking(tokens, token.head):
            return True
    before = _previous(tokens, first)
    return (
        before is not None
        and tokens[before].tag.startswith("VB")
        and tokens[before].dep != "acl"
        and is_speech_verb(tokens[before].text)
    )


def _speaking(tokens: Sequence[Token], verb: int) -> bool:
    """Whether the token at ``verb`` is a speech verb used as one.

    ``began`` and ``started`` are speech verbs (``"Well," he began``) but not where they
    govern another verb: ``the Dark began to move``, ``she started walking``.
    """
    return is_speech_verb(tokens[verb].text) and not any(
        t.head == verb and t.dep == "xcomp" for t in tokens[verb + 1 : verb + _XCOMP_REACH]
    )


_XCOMP_REACH = 8
"""How far after a verb the verb it governs is looked for (``began, slowly, to move``): a
few tokens, so a long piece is not scanned whole for each speech verb."""


def speaks(parsed: Parsed, span: Span) -> bool:
    """Whether the name at ``span`` of a parsed piece is who speaks (``Ron grumbled``).

    For names found other than by the parse (a fandom pack's), which the roster counts twice
    as the subject of a speech verb, as it does the parse's own.
    """
    inside = [i for i, t in enumerate(parsed.tokens) if span.start <= t.start and t.end <= span.end]
    return bool(inside) and _is_speech_subject(parsed.tokens, inside[0], inside[-1])


_NOT_BEFORE_NAMES = frozenset({"DT", "PRP$", "JJ", "JJR", "JJS", "CD", "POS"})
"""Tags of a word that makes the proper noun after it a thing or a role: an article or
possessive (*The Hippogriff stared*, *his former Head of House nodded*), an adjective or a
number."""


def _is_person_subject(tokens: Sequence[Token], first: int, last: int) -> bool:
    """Whether the name is the subject of a verb only people do: ``Hermione frowned``.

    The small model leaves many fandom names unlabelled where they do not speak (``Hermione
    knew that her wand was gone``). Not after an article, a possessive or an adjective (*The
    Ministry knew*, *his Head of House nodded*), nor a title alone (*Headmaster smiled*) or
    an oath (*Fuck, he thought*).
    """
    before = _previous(tokens, first)
    if before is not None and tokens[before].tag in _NOT_BEFORE_NAMES:
        return False
    word = tokens[first].text
    if first == last and (word in titles() or word.lower() in _NOT_LEADING):
        return False
    verbs = person_verbs()
    return any(
        tokens[i].dep in _SUBJECTS
        and 0 <= tokens[i].head < len(tokens)
        and (tokens[tokens[i].head].text.lower() in verbs or _on_own_body(tokens, tokens[i].head))
        for i in range(first, last + 1)
    )


_BODY = frozenset(
    "eyes eye head hand hands hair lip lips arm arms shoulder shoulders face fingers finger "
    "teeth throat nose brow brows eyebrow eyebrows chin jaw neck fist fists foot feet legs "
    "knees cheek cheeks tongue breath".split()
)
_OBJECT_REACH = 4
"""Tokens after a verb where its object is looked for (``rolled her eyes``)."""


def _on_own_body(tokens: Sequence[Token], verb: int) -> bool:
    """Whether a verb's object is the subject's self or body: only people roll *her eyes*.

    ``Rose rolled her eyes``, ``Rose steadied herself``, ``Ava cleared her throat``: a proper
    noun the model calls no person is one when what it does lands on *himself*, *herself* or a
    body part of *his* or *her*. (*The Ministry* has no eyes, and *its* is not counted.)
    """
    for index in range(verb + 1, min(verb + 1 + _OBJECT_REACH, len(tokens))):
        token = tokens[index]
        if token.head != verb or token.dep != "dobj":
            continue
        word = token.text.lower()
        if word in ("himself", "herself"):
            return True
        return word in _BODY and tokens[index - 1].text.lower() in ("his", "her")
    return False


def _said(word: str) -> bool:
    """Whether a word is a speech verb in the past tense: ``Said`` of ``“Stop.” Said Albus``."""
    lower = word.lower()
    return (lower == "said" or lower.endswith("ed")) and is_speech_verb(lower)


def _after_leading_words(tokens: Sequence[Token], first: int, last: int) -> int:
    """Where a name starts once oaths, interjections and a speech verb before it are left out.

    Titles stay (``Lord Voldemort``, ``Mother Superior``): :func:`_extend` handles them.
    """
    while first < last and (
        (
            tokens[first].text.lower() in _NOT_LEADING
            or _said(tokens[first].text)
            or _asks(tokens, first)
        )
        and tokens[first].text not in titles()
    ):
        first += 1
        while first < last and not tokens[first].text.strip(" \n\t,!"):
            first += 1  # the space, line break or comma after "Oh"
    return first


_AUXILIARIES = frozenset(
    {"will", "would", "could", "should", "can", "shall", "must", "might", "may", "did", "does",
     "do", "is", "was", "are", "were", "has", "have", "had"}
)  # fmt: skip


def _asks(tokens: Sequence[Token], index: int) -> bool:
    """Whether the token is an auxiliary opening a question: ``Will`` of ``Will Jisung accept?``.

    The parse reads the capitalised auxiliary and the name after it as one name. Only at a
    sentence's start, and only when the sentence ends in a question mark, so ``Will Turner
    smiled.`` keeps its Will.
    """
    if tokens[index].text.lower() not in _AUXILIARIES:
        return False
    before = _previous(tokens, index)
    if before is not None and not tokens[index].sent_start and tokens[before].text not in '.!?"“”':
        return False
    for token in tokens[index + 1 :]:
        if token.sent_start or token.text in {".", "!"}:
            return False
        if token.text == "?":
            return True
    return False


_IDIOMS = frozenset({("adam", "apple"), ("cupid", "bow"), ("achilles", "heel"), ("pandora", "box")})
"""A name and the noun its possessive goes with in a phrase that names no one: *his Adam's
apple bobbed*, *her Cupid's bow*."""


def _idiom(tokens: Sequence[Token], first: int, last: int) -> bool:
    """Whether a one-word name begins one of the ``_IDIOMS``."""
    after = last + 1
    return (
        first == last
        and after + 1 < len(tokens)
        and tokens[after].text in ("'s", "’s", "'")
        and (tokens[first].text.lower(), tokens[after + 1].text.lower()) in _IDIOMS
    )


def _mention(text: str, parsed: Parsed, first: int, last: int, source: str) -> Mention | None:
    tokens = parsed.tokens
    first = _after_leading_words(tokens, first, last)
    first, last = _extend(tokens, first, last)
    last = _before_spaced_dash(tokens, first, last)
    while last > first and not any(c.isalnum() for c in tokens[last].text):
        last -= 1  # the model's entity ran over a run of spaces and a comma: "James  ,"
    if tokens[last].text in ("'s", "’s", "'"):
        last -= 1
    if _idiom(tokens, first, last):
        return None
    if last < first:
        return None
    start, end = tokens[first].start, tokens[last].end
    while end > start and text[end - 1] in _BROKEN_OFF:
        end -= 1  # "he- James- posed": the tokenizer keeps the dash of a broken-off word
    span = Span(start, end)
    parts = split_name(text[span.start : span.end])
    if not _is_name(parts.name):
        return None
    return Mention(span, parts, source, _is_speech_subject(tokens, first, last))


_LIST_BREAKS = frozenset({",", "and", "&"})


def _listed(tokens: Sequence[Token], first: int, last: int) -> list[tuple[int, int]]:
    """The names of an entity the model ran over a list: ``James, Al`` is James and Al.

    A name holds no comma; the parts between commas (and ``and``) are names of their own.
    """
    runs: list[tuple[int, int]] = []
    start = first
    for index in range(first, last + 1):
        if tokens[index].text in _LIST_BREAKS:
            if index > start:
                runs.append((start, index - 1))
            start = index + 1
    if start <= last:
        runs.append((start, last))
    return runs


def _proper_runs(tokens: Sequence[Token]) -> Iterable[tuple[int, int]]:
    index = 0
    while index < len(tokens):
        # Names the model mislabels (ORG, GPE ...) still count; PERSON ones are handled apart.
        if tokens[index].tag in _PROPER and tokens[index].ent != "PERSON":
            start = index
            while (following := _next_proper(tokens, index)) is not None:
                index = following
            yield start, index
        index += 1


_ARTICLES = frozenset({"the", "a", "an"})


def _an_object(tokens: Sequence[Token], first: int, last: int) -> bool:
    """A one-word "person" after a lower-case article is a thing: ``the Map``, ``a Portkey``.

    Titles stay people (``the Doctor``); so do names a fandom pack declares (found apart).
    """
    before = _previous(tokens, first)
    return (
        first == last
        and before is not None
        and tokens[before].text in _ARTICLES
        and tokens[first].text not in titles()
    )


_OBJECT_PRONOUNS = frozenset({"him", "them", "me", "us"})


def _a_verb(tokens: Sequence[Token], first: int, last: int) -> bool:
    """A one-word "person" followed by an object pronoun is a verb: ``Kiss him on sight!``.

    No name takes an object (``her`` is left out: ``gave Ron her wand``). Nor is one the
    parse tags a past verb a name: a Dementor's victim ``had been Kissed``.
    """
    if first != last:
        return False
    after = last + 1
    return tokens[first].tag in _PAST_VERBS or (
        after < len(tokens) and tokens[after].text.lower() in _OBJECT_PRONOUNS
    )


_PAST_VERBS = frozenset({"VBD", "VBN"})


def mentions_in(text: str, parsed: Parsed) -> list[Mention]:
    """The person mentions in one parsed piece of narration, in text order."""
    tokens = parsed.tokens
    found: list[Mention] = []
    by_start = {token.start: i for i, token in enumerate(tokens)}
    by_end = {token.end: i for i, token in enumerate(tokens)}
    for entity in parsed.entities:
        if entity.label != "PERSON":
            continue
        first, last = by_start.get(entity.span.start), by_end.get(entity.span.end)
        if first is None or last is None:
            continue
        if _an_object(tokens, first, last) or _a_verb(tokens, first, last):
            continue
        for start, end in _listed(tokens, first, last):
            mention = _mention(text, parsed, start, end, "ner")
            if mention is not None:
                found.append(mention)
    covered = {
        i for m in found for i, t in enumerate(tokens) if m.span.contains(Span(t.start, t.end))
    }
    for first, last in _proper_runs(tokens):
        if first in covered:
            continue
        before = _previous(tokens, first)
        titled = (before is not None and tokens[before].text in titles()) or (
            tokens[first].text in titles() and last > first
        )
        speaks = _is_speech_subject(tokens, first, last)
        acts = not titled and not speaks and _is_person_subject(tokens, first, last)
        if not titled and not speaks and not acts:
            continue
        if not titled and all(_capitals(tokens[i].text) for i in range(first, last + 1)):
            continue  # a word in capitals after "said" is a sign's text: said LOAN
        if not titled and first == last and _capitalised_by_place(text, tokens[first]):
            continue
        source = "title" if titled else "person_subject" if acts else "speech_subject"
        mention = _mention(text, parsed, first, last, source)
        if mention is not None:
            found.append(mention)
    found.sort(key=lambda m: m.span.start)
    return found


_CLOSING_QUOTES = "\"”’'»"


def _capitalised_by_place(text: str, token: Token) -> bool:
    """Whether a word opening a sentence is a common word, not a name the parser missed.

    *Logic said that ...*, *Easier said than done*: a word the named-entity model does not call
    a person, opening its sentence and written nowhere else in the work, is not taken for a
    speaker's name. After a quotation it is a dialogue tag's speaker (*"No!" Cassie yelled*).
    """
    before = text[max(0, token.start - 20) : token.start].rstrip()
    if not token.sent_start or (before and before[-1] in _CLOSING_QUOTES):
        return False
    found = re.finditer(rf"\b{re.escape(token.text)}\b", text)
    return next(found, None) is not None and next(found, None) is None


def _capitals(word: str) -> bool:
    return len(word) > 1 and word.isalpha() and word.isupper()


def find_mentions(text: str, parsed: Iterable[Parsed]) -> list[Mention]:
    """Every person mention in the parsed narration of a work, in text order."""
    return [mention for piece in parsed for mention in mentions_in(text, piece)]


_FOUND_BY_PARSE = frozenset({"ner", "speech_subject", "person_subject", "title"})


def propagated(
    parsed: Sequence[Parsed], found: Sequence[tuple[int, Mention]]
) -> list[tuple[int, Mention]]:
    """Other narration mentions of one-word names the parse took for a person somewhere.

    The small model is inconsistent: it calls ``Draco`` a person in one sentence and a place
    or nothing in the next. A one-word name found by the parse (``found``, as ``(piece index,
    mention)``) is a mention wherever else the narration writes it as a proper noun.
    """
    names = {
        m.parts.name
        for _, m in found
        if m.source in _FOUND_BY_PARSE and " " not in m.parts.name and m.parts.name[:1].isupper()
    }
    if not names:
        return []
    spans: dict[int, list[Span]] = {}
    for index, mention in found:
        spans.setdefault(index, []).append(mention.span)
    added = []
    for index, piece in enumerate(parsed):
        taken = spans.get(index, [])
        for token in piece.tokens:
            if token.text not in names or token.tag not in _PROPER:
                continue
            span = Span(token.start, token.end)
            if not any(span.overlaps(other) for other in taken):
                added.append((index, Mention(span, split_name(token.text), "propagated")))
    return added
