"""Content signals: which kinds of content the story text shows, at which level, and where.

Each signal (sexual content, violence, death, profanity, substances, self-harm, abuse,
non-consent, minors) is a ladder of levels declared in ``signals.toml``; every pattern match is
a :class:`Hit` in its sentence. A hit is *framed* when its sentence negates it (``he didn't
kiss her``), makes it hypothetical (``if he kissed her``, ``he wanted to``), sets it in a dream
or nightmare, or in a memory (``she remembered the blood``; the past perfect, or the past in a
story told in the present, :mod:`ficlens.content.tense`): framed hits are kept as such, count
a quarter as much towards the score and never raise the level, because they are not on-page
events of the story's present.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ficlens.content.passages import SHOWN, around
from ficlens.content.shields import name_shield, shielded
from ficlens.content.tense import QUOTED, in_the_past, reported, told_in_present
from ficlens.dialogue.quotes import single_quoted
from ficlens.model import Signal, Span
from ficlens.stats import count_words

FRAMED_WEIGHT = 0.25
"""How much a framed hit counts towards a signal's score, relative to an on-page one."""

MAX_EVIDENCE = 5
"""Evidence spans kept per signal, strongest level first."""

CAST_LEVELS: dict[str, tuple[str, ...]] = {
    "death": ("minor_character", "major_character"),
    "minor": ("in_sexual_scene",),
}
"""Levels the cast stage can add above a signal's lexicon ladder, mildest first: whose death it
is (:mod:`ficlens.content.deaths`), a character stated to be a minor in a sexual scene
(:mod:`ficlens.content.ages`). The models never see them; readers and warning gates do."""


def raised_evidence(signal: Signal | None) -> tuple[Span, ...]:
    """A signal's evidence when the cast raised it to one of ``CAST_LEVELS``, else nothing.

    Such passages (a named character's death, a stated minor in a sexual scene) say the most,
    so warnings show them first.
    """
    if signal is None or signal.level not in CAST_LEVELS.get(signal.name, ()):
        return ()
    return signal.evidence


_SENTENCE_END = re.compile(r"(?<=[.!?…])([\"'”’)\]]*)\s+")
_CASED_SENTENCE_END = re.compile(r"(?<=[.!?…])([\"'”’)\]]*)\s+(?![a-z])")
"""In a paragraph with capitals, a lower-case word goes on the sentence (``"Stop!" he said``,
``when my mother... died``); an all-lower-case paragraph splits at every stop."""
TITLES = frozenset({"mr", "mrs", "ms", "dr", "st", "prof", "mt", "lt", "capt", "sgt"})
"""Abbreviations that stand before a name, whose stop ends no sentence (``Mr. Weasley``,
``St. Mungo's``)."""
_TITLE_STOP = re.compile(r"\b(?:[A-Za-z]{2,5}|[A-Z])\.\Z")
"""A word, or a capital initial (``J. K. Rowling``), and its stop, ending a piece of text."""
_FRAMES = {
    "negated": re.compile(
        r"\b(?:not|never|no|nobody|nothing|none|neither|nor|without|refuse[sd]? to|instead of|"
        r"refrain(?:s|ed|ing)? from)\b"
        r"|\w+n['’]t\b",
        re.I,
    ),
    "hypothetical": re.compile(
        r"\b(?:if|would|could have|might|wanted to|wants to|want to|wish(?:ed)?|imagin(?:e|ed|ing)|"
        r"envision(?:s|ed|ing)?|"
        r"fantasi[sz](?:e|ed|ing)|thought about|what if|pretend(?:ed)?|should|"
        r"ought to|deserve[sd]? to|threaten(?:s|ed)? to|as if|as though|unless|in case|"
        r"(?:plot|plan|intend)(?:s|t?ed|t?ing|ned|ning)? to|"
        r"could swear|(?:the|an) urge to|(?-i:may)|(?:feel|feels|felt|feeling) like|"
        r"(?:worried|afraid|feared|fearing|scared) that|hop(?:ed|ing) (?:that )?|"
        r"remind(?:s|ed|ing)? (?:\w+ ){1,3}?of|sound(?:s|ed|ing)? like|"
        r"like (?:someone|somebody|he|she|they|i|you|we|it)"
        r"(?: had| was| were| would| just|['’]d))\b|"
        r"\w['’]d (?:have|rather|be|look|feel|like|love|want)\b",
        re.I,
    ),
    "dream": re.compile(r"\b(?:dream(?:s|t|ed|ing)?|nightmares?)\b", re.I),
    "memory": re.compile(
        r"\b(?:remember(?:ed|s|ing)?|memor(?:y|ies)|recall(?:ed)?|years (?:ago|before|earlier)|"
        r"(?:a|the|one|last) (?:year|month|summer|winter|spring|autumn) (?:ago|before|earlier)|"
        r"used to|back then|flashback)\b",
        re.I,
    ),
}
_AFFIRMING = re.compile(
    r"\b(?:can['’]t|couldn['’]t|wouldn['’]t|cannot|can not) help but\b"
    r"|\b(?:nothing|no ?one|nobody|none) but\b|\bnot (?:only|just)\b"
    r"|(?:\b\w+n['’]t|\bnot|\bnever) stop(?:ped|ping)?\b(?!\s+to\b)",
    re.I,
)
"""Negative words that affirm what follows: she `couldn't help but` moan, there was `nothing
but` pain, he `couldn't stop` sobbing, `not only` the corpse. (He `didn't stop to` kiss her
still negates.)"""
_CLAUSE_BREAK = re.compile(
    r"[;:]|\s(?:but|so|because|yet|although|though|until|till|['’]cause)\s", re.I
)
"""Where a negation's reach ends: a negation before ``but``, ``so``, ``because``, ``until`` or a
semicolon says nothing of what follows (*he didn't know how, but the girl was back up*; *I
said I wouldn't call, but I'm drunk*; *it wasn't until midnight that they came back*)."""
_SIMILE = re.compile(r"\blike (?:a|an|some) (?:[\w'’-]+ )?\Z", re.I)
"""A hit that is the picture of a simile: sulking `like a wounded puppy`, hair `like a dead
fox`, a smile that curled `like a dying leaf`; nothing is hurt on the page."""
_HYPOTHETICAL_BREAK = re.compile(r"[;:]|\sbut\s", re.I)
"""Where a hypothetical's reach ends: *you might have survived, but I died in the forest*."""
_PERFECT = re.compile(
    r"(?:\b(?:had|has|have)(?:\s+(?:i|you|he|she|we|they))?|\w['’](?:d|ve))\s+"
    r"(?:(?:been|just|already|long|once|recently|both|all|each|\w+ly)\s+){0,3}"
    r"(?:\w+(?:ed|en)(?:,\s+(?:and\s+)?|\s+(?:and|or)\s+)){0,3}$",
    re.I,
)
"""A hit told in the past perfect (``the man who'd killed his partner``, ``had died years
before``) is backstory: the event happened before the story, not on its page. So is one with
the subject after ``had``: a question, a condition or an inversion (``Had he died?``, ``had
you killed her, I don't know``, ``not only had he hurt his friend``), and each of a list of
participles (``he had been drugged, tortured, and starved``, ``they had pulled and
strangled him``). Since stop 58 the present perfect too (``the people I've killed``,
``Remus has kissed a great many people``): told as done before the time of telling.
"""
_PARTICIPLE = re.compile(
    r"(?!naked\b)(?:\w+(?:ed|en|wn)|fought|shot|cut|hit|hurt|held|bound|bled|led|fled|kept|"
    r"lost|left|felt|slept|wept|beat|burnt|spent|struck|stuck|hung|drank|been|had|come|"
    r"cum|run|begun|sunk|slain|done|gone|seen|met|let|put|set|shut|split|torn|worn|sworn|born)\b",
    re.I,
)
"""A past participle, as the hit right after ``had`` or ``have`` must open with to be
backstory: ``he had died``, ``I've killed``, ``they have fought``. Not ``he had tears in his
eyes``, ``we have homework``: that ``have`` is a verb of its own, and the hit is on the page.
After ``had been`` any hit is (``had been crying``, ``had been in love with``); after ``has
been`` only a participle (``I've been tortured``), since ``has been drunk for days`` and ``have
been fighting`` go on still."""
_HAD_BEEN = re.compile(r"(?:had|\w['’]d)\b.*\bbeen\b", re.I | re.S)
_THREAT = re.compile(
    r"\b(?:threat(?:en(?:s|ed)?|s)?|threatening(?=\s+(?:to|with|him|her|them|me|you|us)\b))"
    r"\s+(?!(?:and|or)\b)"
    r"(?:(?!(?:then|but|so|before|after|until|when|while|he|she|they|i|we)\b)[\w'’-]+\s+){0,4}$",
    re.I,
)
"""A hit within four words after a threat, with no punctuation, ``then`` or new subject
between (``Filch threatens violence and medieval torture``, ``threatened him with the
Cruciatus``, ``threats of torture``), is hypothetical: it is promised, not done. Not so a
threatening look, nor the deeds in ``blackmail, threaten and murder``."""
_FUTURE = re.compile(
    r"(?:(?<!\bhis )(?<!\bher )(?<!\bmy )(?<!\byour )(?<!\bour )(?<!\btheir )(?<!\bits )"
    r"(?<!\bthe )(?<!\bfree )(?<!\bown )(?<!\blast )(?<!\bill )(?<!\bgood )(?<!\bof )"
    r"\bwill|\w['’]ll|\bshall)\s+(?:[\w'’-]+\s+){0,3}$",
    re.I,
)
"""A hit at most three words after a future's auxiliary (``the Dark Lord will have him
killed``, ``I'll kill you``) is hypothetical: foretold, not done. Not after a will that is a
noun (``against his will``, ``free will``), and not after ``going to``, which the trigger
passages' annotators count as the warning's content (see docs/content.md)."""
_NEARLY = re.compile(r"\b(?:almost|nearly|just about)\s+(?:[\w'’-]+\s+){0,3}$", re.I)
"""A hit at most three words after ``almost``, ``nearly`` or ``just about`` is hypothetical
(``he almost died``, ``she had nearly been killed``, ``he just about died``). Their reach ends
there, as at punctuation: in ``a body torn to shreds, almost unrecognizable, a pool of blood``
the blood is on the page."""
_DREAM_PARAGRAPH = re.compile(r"\b(?:was dreaming|in (?:his|her|my|the) dream)\b", re.I)
_FRAME_WINDOW = 60
"""Characters before a hit, within its sentence, where negation or a hypothetical counts."""
COMPANY = 500
"""How near (in characters) a weak word's hit must be to another of its signal's hits."""
_QUOTE_MARK = re.compile('["“”]')
"""A quotation mark bounds that window: words spoken frame no narration, and the reverse."""


@dataclass(frozen=True, slots=True)
class Level:
    """One rung of a signal's ladder."""

    name: str
    weight: float
    min_hits: int
    pattern: re.Pattern[str]
    """All the level's patterns in one alternation; each weak word is a named group in it."""
    lower: re.Pattern[str]
    """The same pattern without ``re.I``, for lower-cased text (several times faster)."""
    framed: bool = True
    """False for a level whose words are themselves the content, as a signal's ``framed``:
    a slur in a simile or a negated sentence (``looked at him like he was retarded``) is
    still said on the page."""


_LEADING_LOOKBEHINDS = re.compile(r"(?:\(\?<!(?:[^()\\]|\\.)*\))+")


def guarded(pattern: str) -> str:
    """A pattern whose leading lookbehinds are tried only where its first letter is.

    The regular-expression engine tries every alternative at every position of the text, and
    an alternative that opens with lookbehinds (``(?<!pale as )death``) checks them all before
    failing on its first letter. A lookahead for that letter in front fails at once; the match
    is the same.

    Example:
        >>> guarded("(?<!pale as )(?<!bored to )death")
        '(?=d)(?<!pale as )(?<!bored to )death'
        >>> guarded("death(?! eaters?)")
        'death(?! eaters?)'
        >>> guarded("(?<!-)c?um")
        '(?<!-)c?um'
    """
    leading = _LEADING_LOOKBEHINDS.match(pattern)
    if leading is None:
        return pattern
    first, after = pattern[leading.end() : leading.end() + 1], pattern[leading.end() + 1 :]
    if not first.isalpha() or after[:1] in ("?", "*", "{"):
        return pattern  # no single letter every match opens with
    return f"(?={first}){pattern}"


@dataclass(frozen=True, slots=True)
class SignalSpec:
    """A signal's ladder of levels, mildest first, and the name of its lowest rung.

    ``framed`` is false for a signal whose words are themselves the content (a swear word in a
    negated or dreamt sentence is still on the page): its hits are never framed.
    ``tense_framed`` is true for a signal whose hits told in the past in a present-tense story
    are memories: a death or a fight there is backstory (:mod:`ficlens.content.tense`), and its
    hits in speech told in the past, whatever the story's tense, are mentions, its first level:
    ``"Parents died before I could walk"`` is a death a character tells of, not one the page
    shows. Sexual content is not: a scene told in the past is still written out on the page,
    and the rating must not fall for a slip of tense.
    """

    name: str
    none: str
    levels: tuple[Level, ...]
    framed: bool = True
    tense_framed: bool = False
    backdrop: re.Pattern[str] | None = None
    """Words right before a hit that make it a time the story reckons from, so only a mention
    (the signal's first level), not an event on its page: for deaths, a temporal clause
    (``since his mother died``, ``when Fred died``)."""


@dataclass(frozen=True, slots=True)
class Hit:
    """A pattern match: the signal and level, the words matched, the sentence, any framing."""

    signal: str
    level: int
    span: Span
    sentence: Span
    frame: str | None
    passage: Span | None = None
    """What evidence shows: the sentence, cut around the hit when long (``passages.around``);
    ``None`` for a hit built without its text (the whole sentence is shown)."""

    @property
    def shown(self) -> Span:
        """The passage evidence shows for this hit."""
        return self.passage or self.sentence


class LexiconError(ValueError):
    """The signals lexicon is malformed; the message names the file and the entry."""


@cache
def signal_specs(path: str | None = None) -> tuple[SignalSpec, ...]:
    """The signals declared in ``signals.toml`` (or the TOML file at ``path``), compiled once."""
    if path is None:
        source = resources.files("ficlens.content").joinpath("signals.toml")
        name, raw = "ficlens/content/signals.toml", source.read_text(encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as handle:
            name, raw = path, handle.read()
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        raise LexiconError(f"{name}: not valid TOML: {error}") from error
    return tuple(_spec(name, entry) for entry in data.get("signal", []))


_WEAK = "weak_"
"""The prefix of the named group each weak word is in the level's pattern (``weak_0``...)."""


def _weak_word(match: re.Match[str]) -> int | None:
    """The number of the weak word a level's match is, or ``None`` for its other patterns."""
    group = match.lastgroup
    return int(group.removeprefix(_WEAK)) if group and group.startswith(_WEAK) else None


def _spec(file: str, entry: dict[str, object]) -> SignalSpec:
    signal = entry.get("name")
    levels = entry.get("level")
    if not isinstance(signal, str) or not isinstance(levels, list) or not levels:
        raise LexiconError(
            f"{file}: every [[signal]] needs a name and at least one [[signal.level]]"
        )
    compiled = []
    for level in levels:
        if not isinstance(level, dict):
            raise LexiconError(
                f"{file}: signal {signal!r}: each level must be a [[signal.level]] table"
            )
        label = f"{file}: signal {signal!r}, level {level.get('name')!r}"
        patterns = level.get("patterns")
        if not isinstance(level.get("name"), str) or not isinstance(patterns, list) or not patterns:
            raise LexiconError(f"{label}: needs a name and a non-empty patterns list")
        weak = level.get("weak", [])
        if not isinstance(weak, list) or not all(isinstance(w, str) for w in weak):
            raise LexiconError(f"{label}: weak must be a list of patterns")
        alternatives = [guarded(p) for p in patterns]  # weak words in named groups, one scan
        alternatives += [f"(?P<{_WEAK}{n}>{guarded(word)})" for n, word in enumerate(weak)]
        source = r"\b(?:" + "|".join(alternatives) + r")\b"
        try:
            pattern, lower = re.compile(source, re.I), re.compile(source)
        except re.error as error:
            raise LexiconError(f"{label}: bad pattern: {error}") from error
        try:
            weight = float(level.get("weight", 1.0))
            minimum = int(level.get("min_hits", 1))
        except (TypeError, ValueError) as error:
            raise LexiconError(f"{label}: weight and min_hits must be numbers") from error
        framed = level.get("framed", True)
        if not isinstance(framed, bool):
            raise LexiconError(f"{label}: framed must be true or false")
        compiled.append(Level(level["name"], weight, minimum, pattern, lower, framed))
    framed, tense_framed = entry.get("framed", True), entry.get("tense_framed", False)
    if not isinstance(framed, bool) or not isinstance(tense_framed, bool):
        raise LexiconError(
            f"{file}: signal {signal!r}: framed and tense_framed must be true or false"
        )
    none = str(entry.get("none", "none"))
    return SignalSpec(
        signal, none, tuple(compiled), framed, tense_framed, _backdrop(file, signal, entry)
    )


def _backdrop(file: str, signal: str, entry: dict[str, object]) -> re.Pattern[str] | None:
    """A signal's ``backdrop`` pattern, anchored to the hit that follows it."""
    source = entry.get("backdrop")
    if source is None:
        return None
    if not isinstance(source, str):
        raise LexiconError(f"{file}: signal {signal!r}: backdrop must be a pattern")
    try:
        return re.compile(rf"\b(?:{source})\s+$", re.I)
    except re.error as error:
        raise LexiconError(f"{file}: signal {signal!r}: bad backdrop: {error}") from error


def sentences(text: str, paragraph: Span) -> Iterator[Span]:
    """The sentences of a paragraph, as spans (a light splitter: ``.!?`` then space).

    In a paragraph with capitals, a title's stop (``Mr.``, ``St.``, an initial) ends none.

    Example:
        >>> text = '"Stop!" he said. She ran... then fell. Mr. Reed met J. K. Lee at St. Ives.'
        >>> [text[s.start : s.end] for s in sentences(text, Span(0, len(text)))]
        ['"Stop!" he said.', 'She ran... then fell.', 'Mr. Reed met J. K. Lee at St. Ives.']
    """
    start = paragraph.start
    chunk = text[paragraph.start : paragraph.end]
    cased = chunk != chunk.lower()
    end_of = _CASED_SENTENCE_END if cased else _SENTENCE_END
    for match in end_of.finditer(chunk):
        if cased and not match.group(1) and after_abbreviation(chunk, match.start()):
            continue
        end = paragraph.start + match.start() + len(match.group(1))
        if end > start:
            yield Span(start, end)
        start = paragraph.start + match.end()
    if start < paragraph.end:
        yield Span(start, paragraph.end)


def after_abbreviation(text: str, at: int, words: frozenset[str] = TITLES) -> bool:
    """Whether the stop just before ``at`` closes one of ``words`` or a capital initial.

    Example:
        >>> after_abbreviation("met Mr. Reed", 7), after_abbreviation("at St. Ives", 6)
        (True, True)
        >>> after_abbreviation("met Mr Reed. He", 12), after_abbreviation("a burst. Then", 8)
        (False, False)
    """
    title = _TITLE_STOP.search(text, max(0, at - 7), at)
    if title is None:
        return False
    word = title.group()[:-1]
    return len(word) == 1 or word.lower() in words


def _before(text: str, sentence: Span, hit: Span) -> str:
    """The words of the hit's sentence just before it (``_FRAME_WINDOW``).

    Only those after a quotation mark: in ``"No!" she cried as he...`` speech frames no
    narration, and the reverse.
    """
    before = text[max(sentence.start, hit.start - _FRAME_WINDOW) : hit.start]
    return _QUOTE_MARK.split(before)[-1]


def frame_of(
    text: str, sentence: Span, hit: Span, paragraph_dream: bool = False, present: bool = False
) -> str | None:
    """How a hit is framed in its sentence, or ``None`` when it is an on-page event.

    In a story told in the present (``present``), a sentence told in the past is a memory
    (:mod:`ficlens.content.tense`).

    Example:
        >>> text = "He didn't kiss her."
        >>> frame_of(text, Span(0, len(text)), Span(10, 14))
        'negated'
        >>> text = "She couldn't help but kiss him."
        >>> frame_of(text, Span(0, len(text)), Span(22, 26)) is None
        True
    """
    if paragraph_dream:
        return "dream"
    before = _before(text, sentence, hit)
    clause = _CLAUSE_BREAK.split(before)[-1]
    if _FRAMES["negated"].search(_AFFIRMING.sub(" ", clause)):
        return "negated"
    supposed = _HYPOTHETICAL_BREAK.split(before)[-1]
    if _SIMILE.search(before) or any(
        p.search(supposed) for p in (_FRAMES["hypothetical"], _THREAT, _FUTURE, _NEARLY)
    ):
        return "hypothetical"
    perfect = _PERFECT.search(before)
    if perfect and (_HAD_BEEN.match(perfect.group()) or _PARTICIPLE.match(text, hit.start)):
        return "memory"
    whole = text[sentence.start : sentence.end]
    for kind in ("dream", "memory"):
        if _FRAMES[kind].search(whole):
            return kind
    return "memory" if present and in_the_past(whole) else None


def _quotations(text: str, paragraph: Span) -> list[Span]:
    """The paragraph's quotations, in order: a speech of several sentences is one.

    Double marks as :data:`~ficlens.content.tense.QUOTED` finds them; in a paragraph with
    none, single ones as the dialogue stage pairs them
    (:func:`~ficlens.dialogue.quotes.single_quoted`: an apostrophe in ``didn’t`` or ``the
    boys' team`` closes nothing). Single marks beside double ones quote within a quotation.
    """
    double = QUOTED.finditer(text, paragraph.start, paragraph.end)
    return [Span(m.start(), m.end()) for m in double] or single_quoted(text, paragraph)


def _told_in_speech(text: str, quotations: Sequence[Span], hit: Span) -> bool:
    """Whether a hit lies in a quotation, in a spoken sentence told in the past.

    ``quotations`` are the paragraph's (:func:`_quotations`), found once per paragraph: the
    narration's sentences split a speech of several sentences, so a sentence alone may hold
    neither of its marks.

    Example:
        >>> text = '"They died before I could walk," he said. "He is dying!"'
        >>> quotations = _quotations(text, Span(0, len(text)))
        >>> [_told_in_speech(text, quotations, hit) for hit in (Span(6, 10), Span(49, 54))]
        [True, False]
        >>> text = '"He killed them. Someone must stop him."'
        >>> _told_in_speech(text, _quotations(text, Span(0, len(text))), Span(4, 10))
        True
        >>> text = '"They died in a fire, so he gets sad."'
        >>> _told_in_speech(text, _quotations(text, Span(0, len(text))), Span(6, 10))
        True
    """
    index = bisect.bisect_right(quotations, hit.start, key=lambda quoted: quoted.start) - 1
    if index < 0 or hit.end >= quotations[index].end:
        return False
    quoted = quotations[index]
    offset = quoted.start + 1
    for part in (s for s in re.split(r"(?<=[.!?…])\s+", text[offset : quoted.end - 1]) if s):
        at = text.index(part, offset)
        if at <= hit.start < at + len(part):
            return reported(_clause(part, hit.start - at))
        offset = at + len(part)
    return False


def _clause(sentence: str, at: int) -> str:
    """The clause of ``sentence`` holding the character at ``at``, cut at ``_CLAUSE_BREAK``.

    A death told in the past stays told in the past beside a present clause of its
    consequence: ``His parents died on Halloween, so he just gets sad`` is a mention.

    Example:
        >>> _clause("His parents died, so he just gets sad.", 13)
        'His parents died,'
    """
    start, end = 0, len(sentence)
    for cut in _CLAUSE_BREAK.finditer(sentence):
        if cut.end() <= at:
            start = cut.end()
        elif cut.start() > at:
            end = cut.start()
            break
    return sentence[start:end]


def find_hits(
    text: str, paragraphs: Sequence[Span], specs: Sequence[SignalSpec] | None = None
) -> list[Hit]:
    """Every signal hit in the story paragraphs, paragraph by paragraph.

    A level's ``weak`` words are hits only within ``COMPANY`` characters of another of the
    signal's hits that is not the same weak word: a moan beside a kiss or a rolling hip, not a
    moan alone. A framed signal's word inside a canon character's name (``Graves``, ``the Boy
    Who Lived``) is no hit (:mod:`ficlens.content.shields`).
    """
    specs = signal_specs() if specs is None else specs
    shield = name_shield(tuple(specs))
    hits: list[tuple[Hit, int | None]] = []  # each with the number of its weak word, if one
    present = told_in_present(text, paragraphs)
    for paragraph in paragraphs:
        chunk = text[paragraph.start : paragraph.end]
        lowered = chunk.lower()
        same = len(lowered) == len(chunk)
        found = [
            (number, spec, match)
            for spec in specs
            for number, level in enumerate(spec.levels)
            for match in (level.lower.finditer(lowered) if same else level.pattern.finditer(chunk))
        ]
        if not found:
            continue
        names = shielded(shield, chunk)
        spans = list(sentences(text, paragraph))
        starts = [s.start for s in spans]
        dreamlike = bool(_DREAM_PARAGRAPH.search(chunk))
        quotations: list[Span] | None = None  # found when a hit first needs them
        for number, spec, match in found:
            span = Span(paragraph.start + match.start(), paragraph.start + match.end())
            sentence = spans[max(0, bisect.bisect_right(starts, span.start) - 1)]
            past = present and spec.tense_framed
            framed = spec.framed and spec.levels[number].framed
            if framed and any(a <= match.start() and match.end() <= b for a, b in names):
                continue  # a canon character's name: Percival Graves is no grave
            frame = frame_of(text, sentence, span, dreamlike, past) if framed else None
            level = number
            if number and spec.backdrop and spec.backdrop.search(_before(text, sentence, span)):
                level = 0  # a time the story reckons from: a mention, not an event it shows
            if number and spec.tense_framed:
                if quotations is None:
                    quotations = _quotations(text, paragraph)
                if _told_in_speech(text, quotations, span):
                    level = 0  # a character telling of it: a mention, not an event shown
            passage = around(text, sentence, span, SHOWN)
            hit = Hit(spec.name, level, span, sentence, frame, passage)
            hits.append((hit, _weak_word(match)))
    if any(weak is not None for _, weak in hits):
        hits = _in_company(hits)
    return [hit for hit, _ in hits]


def _in_company(hits: list[tuple[Hit, int | None]]) -> list[tuple[Hit, int | None]]:
    """The hits, in the order found, less each weak one alone.

    A weak hit is alone with no other of its signal's hits, bar the same weak word, within
    ``COMPANY`` characters.
    """
    near: dict[str, list[tuple[int, int, int | None]]] = {}
    for hit, weak in hits:
        near.setdefault(hit.signal, []).append((hit.span.start, hit.level, weak))
    for entries in near.values():
        entries.sort(key=lambda entry: entry[0])

    def accompanied(hit: Hit, weak: int) -> bool:
        entries = near[hit.signal]
        first = bisect.bisect_left(entries, hit.span.start - COMPANY, key=lambda entry: entry[0])
        for start, level, kind in entries[first:]:
            if start > hit.span.start + COMPANY:
                return False
            if kind is None or (level, kind) != (hit.level, weak):
                return True
        return False

    return [(hit, weak) for hit, weak in hits if weak is None or accompanied(hit, weak)]


def summarise(
    hits: Sequence[Hit], words: int, specs: Sequence[SignalSpec] | None = None
) -> tuple[Signal, ...]:
    """One :class:`Signal` per declared signal from its hits, for a story of ``words`` words.

    Its evidence is one passage per sentence: the strongest level first and, within a level,
    the sentences holding the most hits of it, then text order.
    """
    specs = signal_specs() if specs is None else specs
    per_thousand = max(words, 1) / 1000
    found: list[Signal] = []
    for spec in specs:
        mine = [h for h in hits if h.signal == spec.name]
        on_page = [h for h in mine if h.frame is None]
        level_name, reached = spec.none, -1
        for number, level in enumerate(spec.levels):
            if sum(1 for h in on_page if h.level == number) >= level.min_hits:
                level_name, reached = level.name, number
        score = sum(
            spec.levels[h.level].weight * (1.0 if h.frame is None else FRAMED_WEIGHT) for h in mine
        )
        dense = Counter((h.sentence, h.level) for h in on_page)  # a sentence's hits per level
        strongest = sorted(
            on_page, key=lambda h: (-h.level, -dense[h.sentence, h.level], h.span.start)
        )
        framed = sorted((h for h in mine if h.frame), key=lambda h: (-h.level, h.span.start))
        found.append(
            Signal(
                spec.name,
                level_name,
                round(score / per_thousand, 3),
                _passages(strongest),
                _passages(framed),
                sum(1 for h in on_page if h.level >= reached) if reached >= 0 else 0,
            )
        )
    return tuple(found)


def _passages(hits: Sequence[Hit]) -> tuple[Span, ...]:
    """One passage per sentence, in the hits' order (a long sentence cut around its first)."""
    kept: dict[Span, Span] = {}
    for hit in hits:
        kept.setdefault(hit.sentence, hit.shown)
        if len(kept) == MAX_EVIDENCE:
            break
    return tuple(kept.values())


def detect_signals(text: str, paragraphs: Sequence[Span]) -> tuple[Signal, ...]:
    """The content signals of a story (its paragraphs, author's notes excluded)."""
    words = sum(count_words(p.of(text)) for p in paragraphs)
    return summarise(find_hits(text, paragraphs), words)


def sexual_passages(hits: Sequence[Hit]) -> list[Span]:
    """The sentences where sexual content from ``non_explicit`` up is on the page, in order.

    Relatives' romance cues count only in such passages
    (:func:`ficlens.content.relationships.find_relationships`): a mother's kiss is family
    affection, a scene with *naked* or *straddled* in it is not.
    """
    least = _level_number("sexual", "non_explicit")
    return sorted(
        {h.sentence for h in hits if h.signal == "sexual" and h.level >= least and h.frame is None}
    )


def graphic_passages(hits: Sequence[Hit]) -> list[Span]:
    """The sentences with sexual content from ``non_explicit`` up or graphic violence, in order.

    Framed or not (a dreamt sex scene is still one): the summary
    (:func:`ficlens.content.summary.summarize`) quotes none of them.
    """
    least = {"sexual": _level_number("sexual", "non_explicit"),
             "violence": _level_number("violence", "graphic")}  # fmt: skip
    return sorted({h.sentence for h in hits if h.signal in least and h.level >= least[h.signal]})


def harm_passages(hits: Sequence[Hit], paragraphs: Sequence[Span]) -> list[Span]:
    """The paragraphs where someone is hurt against their will on the page, in order.

    Such a paragraph holds serious violence or worse and a refusal, force or assault
    (``distress``, ``non_consent``), none of them framed. A torturer's hand on a victim's thigh
    is no romance: the relationships count such a paragraph's romance cues at a share
    (:data:`ficlens.content.relationships.HARMED`).
    """
    starts = [paragraph.start for paragraph in paragraphs]
    serious = _level_number("violence", "serious")
    kinds: dict[int, set[str]] = {}
    for hit in hits:
        if hit.frame is not None:
            continue
        if hit.signal == "violence" and hit.level >= serious:
            kind = "violence"
        elif hit.signal in ("distress", "non_consent"):
            kind = "against"
        else:
            continue
        index = bisect.bisect_right(starts, hit.span.start) - 1
        if index >= 0 and hit.span.start < paragraphs[index].end:
            kinds.setdefault(index, set()).add(kind)
    return [paragraphs[index] for index in sorted(kinds) if len(kinds[index]) == 2]


def _level_number(signal: str, level: str) -> int:
    """The number of a signal's level in ``signals.toml``'s ladder (0 is the first level)."""
    (spec,) = (spec for spec in signal_specs() if spec.name == signal)
    return [each.name for each in spec.levels].index(level)


def romance_passages(hits: Sequence[Hit]) -> list[Span]:
    """The sentences where sexual or romantic content is on the page, in text order.

    These are the romance passages :func:`ficlens.content.relationships.find_relationships`
    reads.
    """
    return sorted({h.sentence for h in hits if h.signal == "sexual" and h.frame is None})
