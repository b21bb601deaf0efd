"""Speaker and addressee sieves, in the spirit of Muzny et al. (2017).

Each sieve is a small pure function over one :class:`~ficlens.dialogue.sites.QuoteSite`
that either decides (a :class:`Decision` with its method and confidence) or passes. They run
from the most precise to the least; :mod:`ficlens.dialogue.speakers` chains them and adds the
sieves that look across quotations (paragraph propagation, conversation turn-taking).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ficlens.cast import Cast
from ficlens.cast.names import pronoun_sets
from ficlens.cast.person import SUBJECT_WORDS
from ficlens.cast.vocatives import COURTESIES, ELIDED, INTERJECTION
from ficlens.dialogue.sites import QuoteSite
from ficlens.lexicons import is_speech_verb
from ficlens.model import Span
from ficlens.nlp import Parsed, Token

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_BEAT_PRONOUNS = frozenset({"he/him", "she/her"})
_NAME_PART = (  # a reader-insert's Y/N placeholder stands for a name too
    r"(?:[YyLl]/[Nn]|(?:Mr\.|Mrs\.|Miss|Ms\.|Dr\.|Lady|Sir|Lord|Aunt|Uncle)?\s*"
    r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})"
)
_BREAK = r"(?:[,!?—–]|-(?!\w))"
"""What ends a vocative at the start: a comma, ``!``, ``?`` or a dash, never a word's hyphen
(``"Sasuke-kun used to stand like that"`` is said about Sasuke, not to him)."""
_VOCATIVE_START = re.compile(
    rf"^(?:(?:{INTERJECTION}|{COURTESIES})[,!]?\s+)?{ELIDED}({_NAME_PART})\s*{_BREAK}"
)
_VOCATIVE_END = re.compile(
    rf"(?:[,—–]|(?<!\w)-|\b{COURTESIES}\s)\s*(?:my dear\s+|dear\s+)?{ELIDED}({_NAME_PART})"
    rf"\s*[.!?…,]*$"
)
_VOCATIVE_FIRST_END = re.compile(
    rf"^[^.!?…\"“”]*?,\s*(?:my dear\s+|dear\s+)?{ELIDED}({_NAME_PART})\s*[.!?…]+\s+(?=[A-Z])"
)
"""A name closing the first of several sentences: ``"We know, Moony. We saw it all."``."""
_ITS_ME = re.compile(r"\b(?i:it['’]?s me|it is me|it was me)\s*,")
"""A quotation that names someone after ``it's me,`` may be the speaker naming themself."""


@dataclass(frozen=True, slots=True)
class Decision:
    """A sieve's answer: who, by which method, how sure."""

    character: str
    method: str
    confidence: float


Resolver = Callable[[QuoteSite, str, str | None], str | None]
"""Resolves a pronoun set at a site to a character id, excluding one id (the addressee)."""


_RELATIVES = frozenset({"who", "that", "which"})
_CHAINED = frozenset({"conj", "advcl", "xcomp"})
_MAX_HOPS = 3


def _direct_subject(tokens: Sequence[Token], verb: int) -> int | None:
    for index, token in enumerate(tokens):
        if token.head == verb and token.dep in _SUBJECTS and index != verb:
            return index
    return None


def _subject_of(site: QuoteSite, verb: int) -> int | None:
    """The grammatical subject of ``verb``, looking through two constructions.

    A relative pronoun gives way to the noun its clause describes (``Mary, who ...,
    exclaimed``), and a verb without a subject of its own borrows the one of the verb it is
    chained to (``Elinor looked at him, saying``; ``Marianne started up and cried out``).
    """
    tokens = site.piece.tokens
    for _ in range(_MAX_HOPS):
        subject = _direct_subject(tokens, verb)
        if subject is not None:
            if tokens[subject].text.lower() in _RELATIVES and tokens[verb].dep == "relcl":
                return tokens[verb].head
            return subject
        token = tokens[verb]
        if token.dep not in _CHAINED or token.head == verb:
            return None
        verb = token.head
    return None


def _who(
    site: QuoteSite,
    token_index: int,
    *,
    cast: Cast,
    starts: Mapping[int, str],
    resolve_pronoun: Resolver,
    addressee: str | None,
) -> tuple[str | None, str]:
    token = site.token(token_index)
    word = token.text.lower()
    if cast.narrator and word in SUBJECT_WORDS[cast.narration]:
        return cast.narrator_at(token.start), "narrator"
    pronoun = pronoun_sets().get(word)
    if pronoun:
        return resolve_pronoun(site, pronoun, addressee), "pronoun"
    found = starts.get(token.start)
    if found is None:
        name = _name_around(site, token_index)
        found = cast.resolve(name)
    return found, "name"


def _name_around(site: QuoteSite, index: int) -> str:
    """The proper-noun run (with a title before it) that holds token ``index``."""
    tokens = site.piece.tokens
    first = last = index
    while first > 0 and tokens[first - 1].tag in ("NNP", "NNPS"):
        first -= 1
    while last + 1 < len(tokens) and tokens[last + 1].tag in ("NNP", "NNPS"):
        last += 1
    return " ".join(t.text for t in tokens[first : last + 1])


def speech_verb(
    site: QuoteSite,
    *,
    cast: Cast,
    starts: Mapping[int, str],
    resolve_pronoun: Resolver,
    addressee: str | None = None,
) -> Decision | None:
    """``"...," said Harry`` / ``Harry said, "..."`` / ``"...," she whispered``.

    A speech verb in the narration right after the quotation (its first sentence) or right
    before it (its last sentence) whose grammatical subject names, or pronoun-refers to, a
    character. A proper noun just after or before the verb counts when the parse found none.
    A name that is also the one the quotation is said to (its ``addressee``, by a vocative) is
    not its speaker: that verb is a reaction (``"Not at all, Gin." Ginny had to laugh.``).
    """
    for region, confidence in ((site.after, 0.95), (site.before, 0.9)):
        for index in _said_heads(site, region):
            subject = _subject_of(site, index)
            if subject is None:
                subject = _adjacent_proper(site, index, region)
            if subject is None:
                continue
            found, how = _who(
                site, subject, cast=cast, starts=starts, resolve_pronoun=resolve_pronoun,
                addressee=addressee,
            )  # fmt: skip
            if found == addressee and how == "name":
                continue  # "...anything, Gin." This time, Ginny had to laugh.
            if found:
                scale = 0.85 if how == "pronoun" else 1.0
                return Decision(found, f"speakers.speech_verb.{how}.v1", confidence * scale)
    return None


def speech_pronoun(site: QuoteSite) -> str | None:
    """The pronoun set of a speech verb's pronoun subject beside the quotation (``she said``)."""
    found = _pronoun_subject(site)
    return found[0] if found else None


def pronoun_bound(site: QuoteSite, starts: Mapping[int, str]) -> frozenset[str]:
    """Who a speech verb's pronoun subject cannot be: those named after it in its sentence.

    In ``"Impressive scores," he said as Percy sat down`` the pronoun is not Percy: a name a
    pronoun precedes in its own clause is someone else (binding theory's Principle C), and
    writers keep to it across the whole tag (``she said, and Ginny laughed``). ``starts`` maps
    a mention's first character to its character.
    """
    found = _pronoun_subject(site)
    if found is None:
        return frozenset()
    _, subject, region = found
    return frozenset(
        who
        for index in region
        if index > subject and (who := starts.get(site.token(index).start)) is not None
    )


def _pronoun_subject(site: QuoteSite) -> tuple[str, int, Sequence[int]] | None:
    """The pronoun set, token and sentence of the first pronoun subject of a speech verb.

    The speech verbs are those :func:`speech_verb` reads (:func:`_said_heads`), so a protest
    only meant (``she opened her mouth to protest, but he cut her off``) gives his pronoun,
    not hers.
    """
    for region in (site.after, site.before):
        for index in _said_heads(site, region):
            subject = _subject_of(site, index)
            if subject is not None:
                pronoun = pronoun_sets().get(site.token(subject).text.lower())
                if pronoun:
                    return pronoun, subject, region
    return None


SELF = "self"
"""What :func:`beat_pronoun` returns for the narrator's own pronoun (``I``, or ``you``)."""


def beat_pronoun(site: QuoteSite, *, self_words: frozenset[str] = frozenset()) -> str | None:
    """The pronoun set of a pronoun action beat beside the quotation (``She looked away.``).

    The first grammatical subject of the narration's sentence just before the quotation (else
    just after it), when that subject is a third-person singular pronoun and no speech verb's:
    ``She meant it to sound light.`` beside a quotation. With ``self_words`` (``{"i"}`` in a
    first-person story), the narrator's own pronoun gives :data:`SELF`. A name as that subject
    is an :func:`action_beat` and gives no pronoun. The ranker weighs it; no sieve decides by
    it, since a beat after a quotation is sometimes the listener's reaction.
    """
    for region in (site.before, site.after):
        found = first_subject_pronoun(site.piece, region, self_words=self_words)
        if found is not None:
            return found
    return None


def first_subject_pronoun(
    piece: Parsed, indices: Sequence[int], *, self_words: frozenset[str] = frozenset()
) -> str | None:
    """The pronoun set of the first subject among ``indices`` when it is a pronoun (see above).

    ``None`` when that subject is no such pronoun (a name, ``it``, ``they``) or a speech
    verb's, or when there is no subject.
    """
    for index in indices:
        token = piece.tokens[index]
        if token.dep not in _SUBJECTS:
            continue
        word = token.text.lower()
        if _speech_head(piece, token.head):
            return None
        if word in self_words:
            return SELF
        pronoun = pronoun_sets().get(word)
        return pronoun if pronoun in _BEAT_PRONOUNS else None
    return None


def _said_heads(site: QuoteSite, region: Sequence[int]) -> list[int]:
    """The speech verbs of a region, without one only meant when another is said after it.

    In ``Ben opened his mouth to protest, but Jon cut him off`` the protest is never made (an
    infinitive, ``to protest``) and the interruption is: Jon speaks. An infinitive alone stays
    (``He turned to say, "..."``).
    """
    heads = [index for index in region if _speech_head(site.piece, index)]
    meant = {
        i for i in heads if i > 0 and site.token(i - 1).tag == "TO" and site.token(i).tag == "VB"
    }
    return [i for i in heads if i not in meant or not any(j > i for j in heads if j not in meant)]


def _speech_head(piece: Parsed, index: int) -> bool:
    """A speech verb (``said``, ``cut in``), or an interruption: ``cut him off``."""
    token = piece.tokens[index]
    if not token.tag.startswith("VB"):
        return False
    tokens = piece.tokens
    following = tokens[index + 1].text if index + 1 < len(tokens) else ""
    if token.text.lower() == "cut" and index + 2 < len(tokens) and tokens[index + 2].text == "off":
        return following.lower() in ("him", "her", "them", "me", "us", "you")
    return is_speech_verb(token.text) or is_speech_verb(f"{token.text} {following}")


def _adjacent_proper(site: QuoteSite, verb: int, region: Sequence[int]) -> int | None:
    """A name right after the verb (``said Harry``, ``began the Secretary``) or right before."""
    after = verb + 1
    while (after in region and site.token(after).tag in ("DT", "RP")) or (
        after in region and site.token(after).text.lower() == "on"
    ):
        after += 1
    for start in (after, verb - 1):
        if start in region and _nameish(site.token(start)):
            end = start
            while end + 1 in region and site.token(end + 1).tag in ("NNP", "NNPS"):
                end += 1
            return end
    return None


def _nameish(token: Token) -> bool:
    """A noun, or a capitalised word the tagger misread (``cried Dolly`` as an adverb)."""
    return token.tag in ("NNP", "NNPS", "NN") or (token.text[:1].isupper() and token.text.isalpha())


def vocative(text: str, span: Span, *, cast: Cast) -> str | None:
    """The character addressed by name at the start or end of a quotation or its first sentence.

    Example: ``"Sakura, wait!"``, ``"Come here, Naruto."`` and ``"We know, Moony. We saw."``
    address Sakura, Naruto and Moony.
    """
    words = text[span.start : span.end]
    for pattern in (_VOCATIVE_START, _VOCATIVE_END, _VOCATIVE_FIRST_END):
        if pattern is _VOCATIVE_END and _ITS_ME.search(words):
            continue  # "It's me, Harry!" may be Harry at the door: no one is sure to be addressed
        match = pattern.search(words)
        if match:
            found = cast.resolve(match.group(1).strip())
            if found:
                return found
    return None


_SELF_NAMED = re.compile(
    r"(?:^|[.!?…,]\s+|[—–…]\s*|\.\.\.\s*)"
    r"(?i:my name is|my name['’]s|the name['’]s|name['’]s|i am|i['’]m|call me)"
    rf"\s+({_NAME_PART})(?![\w'’-])"
)
SELF_NAMED = "speakers.self_named.v1"
NAMED_SPEECH_VERB = frozenset({"speakers.speech_verb.name.v1", "speakers.speech_verb.narrator.v1"})
"""A speech verb whose subject is a name or ``I``: the decisions no later rule overrules."""


def self_named(text: str, span: Span, *, cast: Cast) -> Decision | None:
    """The character who names themself in the quotation (``"My name is Jon."``).

    Also ``"I'm Harry."`` and ``"Call me Theo."``. The name must open a sentence of the
    quotation (or follow a comma or a dash: ``"Hello, I'm Harry."``) and be a character's;
    ``"I'm Harry's friend"`` names no one.
    """
    for match in _SELF_NAMED.finditer(text[span.start : span.end]):
        name = match.group(1).strip()
        if name.endswith(("'s", "’s")):
            continue
        found = cast.resolve(name)
        if found:
            return Decision(found, SELF_NAMED, 0.9)
    return None


_TELLING = frozenset(
    (
        "ask asked asking asks assure assured assures assuring beg begged begging begs command "
        "commanded commanding commands greet greeted greeting greets implore implored implores "
        "imploring inform informed informing informs instruct instructed instructing instructs "
        "interrupt interrupted interrupting interrupts order ordered ordering orders promise "
        "promised promises promising question questioned questioning questions reassure reassured "
        "reassures reassuring remind reminded reminding reminds scold scolded scolding scolds "
        "tease teased teases teasing tell telling tells thank thanked thanking thanks told urge "
        "urged urges urging warn warned warning warns"
    ).split()
)
"""Speech verbs whose direct object is the one spoken to (``she asked Harry``)."""


def named_addressee(
    text: str, site: QuoteSite, *, cast: Cast, starts: Mapping[int, str]
) -> str | None:
    """Who a quotation is said to by name: its :func:`vocative`, else :func:`told`."""
    return vocative(text, site.quote.span, cast=cast) or told(site, cast=cast, starts=starts)


_FACING = frozenset(
    (
        "beam beamed beaming beams frown frowned frowning frowns gaze gazed gazes gazing glance "
        "glanced glances glancing glare glared glares glaring grin grinned grinning grins lean "
        "leaned leaning leans leant look looked looking looks nod nodded nodding nods scowl "
        "scowled scowling scowls smile smiled smiles smiling smirk smirked smirking smirks stare "
        "stared stares staring turn turned turning turns wink winked winking winks"
    ).split()
)
"""Verbs of a beat whose ``to`` or ``at`` names the one spoken to (``Harry turned to Ron.``)."""
_TOWARDS = frozenset({"to", "at", "towards", "toward"})


def told(site: QuoteSite, *, cast: Cast, starts: Mapping[int, str]) -> str | None:
    """The character the narration says a quotation is spoken to, by name.

    A speech verb beside the quotation (as :func:`speech_verb` finds it) with ``to`` and a
    name (``"...," she said to Harry``, ``said Hermione to Ron``, ``Ginny whispered to Luna``),
    or a verb of telling or asking with a name as its object and a subject of its own (``she
    asked Harry``, ``Remus told Sirius``; not ``asked Harry`` after a quotation, where Harry
    is more often the one asking). Pronouns (``to him``) are left to turn-taking.
    """
    tokens = site.piece.tokens
    for region in (site.after, site.before):
        for verb in region:
            if not _speech_head(site.piece, verb):
                continue
            for index, token in enumerate(tokens):
                if token.head != verb or index == verb or index not in region:
                    continue
                target = None
                if token.dep == "prep" and token.text.lower() == "to":
                    target = next(
                        (i for i, t in enumerate(tokens) if t.head == index and t.dep == "pobj"),
                        None,
                    )
                elif (
                    token.dep == "dobj"
                    and index > verb
                    and tokens[verb].text.lower() in _TELLING
                    and _direct_subject(tokens, verb) is not None
                ):
                    target = index
                found = _named(site, target, cast=cast, starts=starts)
                if found:
                    return found
            return None  # the first speech verb beside the quotation is the one that says
    return _faced(site, cast=cast, starts=starts)


def _faced(site: QuoteSite, *, cast: Cast, starts: Mapping[int, str]) -> str | None:
    """With no speech verb beside it: a beat turning or looking to a name before the quotation.

    ``Harry turned to Ron. "..."``, ``She looked up at Draco. "..."``: the sentence just before
    the quotation in its paragraph.
    """
    tokens = site.piece.tokens
    for verb in site.before:
        if tokens[verb].text.lower() not in _FACING or not tokens[verb].tag.startswith("VB"):
            continue
        for index in site.before:
            token = tokens[index]
            if token.dep != "prep" or token.text.lower() not in _TOWARDS:
                continue
            if (
                token.head != verb and tokens[token.head].head != verb
            ):  # looked up at, turned back to
                continue
            target = next(
                (i for i, t in enumerate(tokens) if t.head == index and t.dep == "pobj"), None
            )
            found = _named(site, target, cast=cast, starts=starts)
            if found:
                return found
    return None


def _named(
    site: QuoteSite, index: int | None, *, cast: Cast, starts: Mapping[int, str]
) -> str | None:
    """The character a proper-noun token names, if it is one."""
    tokens = site.piece.tokens
    if index is None or tokens[index].tag not in ("NNP", "NNPS"):
        return None
    return starts.get(tokens[index].start) or cast.resolve(_name_around(site, index))


_KINDLY = (
    r"(?:(?:my|you|silly|dear|good|young|poor|old|stupid|clever|little|sweet|foolish|wicked"
    r"|naughty|brave|kind)\s+)*"
)
_ADDRESSED_AS = {
    "he/him": r"sir|mister|boy|man|fellow|lad|son|lord|mate|chap|sonny|dude|bro|wizard|sirrah",
    "she/her": r"madam|madame|ma['’]am|miss|girl|lady|woman|lass|witch|missus|mistress",
}
_EPITHETS = "|".join(f"(?P<{key[:2]}>{words})" for key, words in _ADDRESSED_AS.items())
_EPITHET_START = re.compile(
    rf"^(?:{INTERJECTION}[,!]?\s+)?{_KINDLY}(?:{_EPITHETS})\s*[,.!?;—–-]", re.I
)
_EPITHET_END = re.compile(rf"[,—–-]\s*{_KINDLY}(?:{_EPITHETS})\s*[.!?…]*$", re.I)


def addressed_as(text: str, span: Span) -> str | None:
    """The pronoun set of whoever a quotation calls by a gendered word instead of a name.

    Example:
        >>> def said(words):
        ...     return addressed_as(words, Span(0, len(words)))
        >>> [said("Oh, silly witch. I love you."), said("Thank you, sir."), said("Come, Anne.")]
        ['she/her', 'he/him', None]
    """
    words = text[span.start : span.end].strip()
    for pattern in (_EPITHET_START, _EPITHET_END):
        match = pattern.search(words)
        if match:
            return next(key for key in _ADDRESSED_AS if match.group(key[:2]))
    return None


def action_beat(
    site: QuoteSite, *, starts: Mapping[int, str], addressee: str | None = None
) -> Decision | None:
    """``Harry frowned. "..."``: a character who is the subject right beside the quotation.

    A character whose voice is the subject counts as that subject: ``Nishinoya's voice rings
    across the court. "..."``.
    """
    for region, confidence in ((site.before, 0.7), (site.after, 0.65)):
        for index in region:
            token = site.token(index)
            found = starts.get(token.start)
            if found and found != addressee and (token.dep in _SUBJECTS or voice_of(site, index)):
                return Decision(found, "speakers.action_beat.v1", confidence)
    return None


SAID_FROM = "speakers.said_from.v1"
"""The method of :func:`said_from`: a line named by whom it came from, never revised."""


def said_from(
    site: QuoteSite, *, cast: Cast, starts: Mapping[int, str], addressee: str | None = None
) -> Decision | None:
    """``a soft "Are you okay?" from James``: the name ``from`` right after the quotation.

    The narration turns the line into a thing someone gave (``a "Late, Potter," from
    McGonagall``, ``eliciting a strangled "Please," from Hermione``): its giver speaks it.
    """
    words = [i for i in site.after if site.token(i).text[:1].isalnum()]
    if len(words) < 2 or site.token(words[0]).text != "from" or words[1] != words[0] + 1:
        return None
    token = site.token(words[1])
    found = starts.get(token.start)
    if found is None and token.tag in ("NNP", "NNPS"):
        found = cast.resolve(_name_around(site, words[1]))
    if found and found != addressee:
        return Decision(found, SAID_FROM, 0.9)
    return None


_VOICE_WORDS = frozenset(
    {"voice", "voices", "tone", "words", "reply", "answer", "shout", "whisper", "cry", "yell"}
)


def voice_of(site: QuoteSite, index: int) -> bool:
    """Whether a name is followed by ``'s voice`` (``Nishinoya Yuu's voice rings out``).

    Read from the words, not the parse: the tagger often takes ``voice rings`` for a noun
    compound.
    """
    tokens = site.piece.tokens
    while index + 1 < len(tokens) and tokens[index + 1].tag in ("NNP", "NNPS"):
        index += 1  # to the name's last word
    after = [token.text.lower() for token in tokens[index + 1 : index + 3]]
    return len(after) == 2 and after[0] in ("'s", "’s") and after[1] in _VOICE_WORDS


def single_mention(
    paragraph_characters: Sequence[str], *, addressee: str | None = None
) -> Decision | None:
    """The only character the paragraph's narration names speaks its quotations."""
    others = [c for c in dict.fromkeys(paragraph_characters) if c != addressee]
    if len(others) == 1:
        return Decision(others[0], "speakers.single_mention.v1", 0.6)
    return None
