"""A spoiler-free extractive summary: a few early sentences that say what the story is about.

``summarize(text, paragraphs, characters=cast)`` returns two or three sentence spans, in text
order, chosen **only from the first 40% of the story's paragraphs** (at least the first
paragraph), so the summary never reveals how the story ends.

Each candidate sentence is scored without any model:

* **centrality**: the mean weight of its content words, a word's weight being how often the
  whole story uses it (log-scaled), so sentences about what the story keeps returning to win;
* **main characters**: a bonus for each of the three most-mentioned characters it names;
* **narration**: sentences that are mostly quotation (a sentence inside a quoted speech is, mark
  or no mark, and so is one that opens inside a quotation: a line and its tag, ``- Oh shut up!
  – growls Harry ...``), the speech tag going on from a quotation
  (``"Tea?" Ann asked, ...``), pieces of a sentence (opening in lower case in a story that uses
  capitals, or holding a quotation mark without its partner: a speech cut by a line break),
  very short (under 6 words) or very long (over 45 words) are left
  out; if that leaves nothing (a poem of short lines), the rule is
  relaxed to 3 words and quotation is allowed; credit lines (``Inspired by: ...``) and the
  passages the caller asks to ``avoid`` (the paragraphs of sex or graphic violence,
  :func:`paragraphs_touching`) are never taken, nor, while anything else is left, those
  ``near`` them (the paragraph on either side);
* **position**: a small bonus for the opening sentences, which usually set the scene;
* **a name first**: a sentence opening with *he*, *she*, *they* (or *his*, *her* ...) loses
  ``UNNAMED_PENALTY``, since a reader meeting the summary cannot tell whom it means.

Ties keep text order, so the result is deterministic. :func:`sentence_spans` is the sentence
splitter shared with :mod:`ficlens.content.relationships`.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ficlens.cast.person import self_references
from ficlens.content.signals import TITLES, after_abbreviation
from ficlens.content.tense import QUOTED, narration
from ficlens.dialogue.script import looks_like_script_line
from ficlens.dialogue.truecase import lower_case
from ficlens.lexicons import speech_verb_forms
from ficlens.model import Character, Span

AVOID_REACH = 1
"""How many paragraphs on either side of one with sex or graphic violence the summary avoids:
the lexicon finds some of a scene's sentences, and the scene goes on around them."""
EARLY_SHARE = 0.4
"""The share of the story's paragraphs (from its start) the summary may take sentences from."""

MIN_WORDS = 6
MAX_WORDS = 45
RELAXED_MIN_WORDS = 3
MAX_QUOTED_SHARE = 0.5
"""A sentence with more than this share of its characters inside quotation marks is dialogue."""

CASE_PARAGRAPHS = 20
"""The summary reads this many early paragraphs to tell whether the story uses capitals."""

MAIN_CHARACTERS = 3
CHARACTER_BONUS = 0.6
OPENING_BONUS = 0.3
UNNAMED_PENALTY = 1.0
"""Taken off a sentence that opens with a third-person pronoun (``She smirked ...``): a reader
who has not read the story cannot tell whom it means. Chosen with ``bench/dev_summary.py`` on
`ao3-hp` lines 0-399 (0.5, 1 and 2 tried) and checked on lines 2,500-2,799: summaries opening
so 9.2% → 2.7% there, ROUGE against the authors' summaries 0.102 → 0.105."""
UNNAMED_OPENING = re.compile(r"\W*(?:He|She|They|His|Her|Their|Him|Them)\b")
"""A sentence opening with a third-person pronoun (``bench/dev_summary.py`` counts them too)."""

_ABBREVIATIONS = TITLES | {"jr", "sr", "vs", "etc", "no"}
"""Stops that end no sentence: titles, and abbreviations a name or a number follows."""
WRAPPED_LINE = 55
"""A paragraph whose lines (but the last) all reach this length is prose wrapped at a fixed width
(most such files use 60 to 80 columns); its line breaks end no sentence."""
_SENTENCE_END = re.compile(
    r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]*[A-Z0-9]|\s*$)|\n"
    r"|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]+\b)(?!Net\b|Com\b|Org\b)"
)
"""A sentence ends at a stop before a capital (or the end), at a line break, and at a stop a
typo glued to the next sentence (``the mess it made.The lights``), which a site's name
(``FanFiction.Net``) is not."""
_FIRST_PERSON = self_references("first")
"""``I``, ``me``, ``my``...: in a story told in the third person, someone else's voice."""
_GOES_ON = frozenset(",;:")
"""Marks after which a sentence goes on: a piece ending on one was cut by a line break."""
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_NO_END = frozenset(
    "a an the and but or nor of to in on at with from for by as his her their my your its".split()
)
"""Words no sentence ends on: a line that stops at one was cut from its sentence."""
_CREDIT = re.compile(r"[^\W\d][\w'’ ]{0,40}?\s(?:by|from)\s*:", re.I)
"""A credit line (``Inspired by: ...``, ``Background music by: ...``), not the story."""
_STOPWORDS = frozenset(
    """a about above after again against all almost also am an and any are as at back be
    because been before being below between both but by can could did do does doing done down
    during each even ever every few for from further get got had has have having he her here
    hers herself him himself his how i if in into is it its itself just know knew like made
    make me might more most much must my myself never no nor not now of off on once one only
    or other our ours out over own really said same say says see seemed she should so some
    still such than that the their theirs them themselves then there these they thing things
    this those though through to too under until up upon us very was way we well were what
    when where which while who whom why will with without would yet you your yours yourself
    went go going come came back looked look around away time again still something nothing
    told asked thought felt""".split()
)


def sentence_spans(text: str, paragraph: Span) -> list[Span]:
    r"""Split one paragraph into sentence spans, trimmed of surrounding whitespace.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotation marks) when a
    capital, a digit or the paragraph's end follows, and at every line break (verse, lists)
    unless the paragraph is hard-wrapped prose (every line but the last at least
    ``WRAPPED_LINE`` characters, as in a ``.txt`` saved at a fixed width). Titles such as
    ``Mr.`` do not end a sentence; a stop glued to the next sentence's capital by a typo
    (``made.The``) does.

    Example:
        >>> text = 'Mr. Reed waved. "Hi?" she asked. Then\nrain.'
        >>> [text[s.start : s.end] for s in sentence_spans(text, Span(0, len(text)))]
        ['Mr. Reed waved.', '"Hi?" she asked.', 'Then', 'rain.']
    """
    spans: list[Span] = []
    start = paragraph.start
    wrapped = _hard_wrapped(text[paragraph.start : paragraph.end])
    for match in _SENTENCE_END.finditer(text, paragraph.start, paragraph.end):
        if match.group() == "\n" and wrapped:
            continue
        at = match.start()
        if text[at] == "." and after_abbreviation(text, at + 1, _ABBREVIATIONS):
            continue
        _append_trimmed(spans, text, start, match.end())
        start = match.end()
    _append_trimmed(spans, text, start, paragraph.end)
    return spans


def _hard_wrapped(chunk: str) -> bool:
    r"""Whether a paragraph's line breaks are a fixed width's, not verse or a list's.

    Example:
        >>> _hard_wrapped("Harry followed Sirius down the stone steps and the cold came\nup.")
        True
        >>> _hard_wrapped("Roses are red,\nviolets are blue")
        False
    """
    lines = chunk.rstrip().split("\n")
    return len(lines) > 1 and all(len(line.rstrip()) >= WRAPPED_LINE for line in lines[:-1])


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


def summarize(
    text: str,
    paragraphs: Sequence[Span],
    *,
    characters: Sequence[Character] = (),
    sentences: int = 3,
    avoid: Sequence[Span] = (),
    near: Sequence[Span] = (),
    quotations: Sequence[Span] | None = None,
    whole: Sequence[Span] = (),
    third_person: bool = False,
) -> tuple[Span, ...]:
    r"""Pick up to ``sentences`` sentences from the story's first 40% that best say what it is.

    Args:
        text: the work's text.
        paragraphs: the story paragraphs in order (notes excluded).
        characters: the cast; the three most-mentioned characters' names earn a bonus.
        sentences: how many sentences to return at most.
        avoid: passages no summary sentence may touch, disjoint and in text order (sex and
            graphic violence: a reader meets the summary before deciding to read).
        near: a wider fence, disjoint and in text order, holding ``avoid``'s passages and
            those beside them (where a scene may go on): kept off while the summary has other
            sentences to take, so a story of sex from its first page still gets a summary
            from the paragraphs no sex was found in.
        quotations: the story's quotations when the dialogue stage found them (in any
            convention: single quotation marks too); else each paragraph's double quotation
            marks are read.
        whole: passages a summary takes whole or not at all, disjoint and in text order (a
            script line, ``RON: Dead serious. Ten Galleons says she says yes.``: a sentence of
            it taken alone would lose who says it).
        third_person: the story is told in the third person, so a sentence whose narration
            says ``I``, ``me`` or ``my`` is someone's thought, letter or song, not the story's
            telling, and is left out (``Figures dancing gracefully across my memory.``).

    Returns:
        Sentence spans in text order; empty for an empty story or when nothing is readable.

    Example:
        >>> text = "Ann found a map in the attic. The map showed a lake.\n\nAnn swam."
        >>> spans = summarize(text, [Span(0, 52), Span(54, 63)], sentences=1)
        >>> [text[s.start : s.end] for s in spans]
        ['Ann found a map in the attic.']
    """
    if sentences <= 0 or not paragraphs:
        return ()
    early = paragraphs[: max(1, math.floor(len(paragraphs) * EARLY_SHARE))]
    known = sorted(quotations or ())
    known_starts = [quote.start for quote in known]
    candidates = []
    for paragraph in early:
        quoted = known if quotations is not None else _quotations(text, paragraph)
        starts = known_starts if quotations is not None else [q.start for q in quoted]
        candidates += [
            (span, _dialogue_share(text, span, quoted, starts))
            for span in _widened(sentence_spans(text, paragraph), whole)
        ]
    weights = _word_weights(text, paragraphs)
    names = _main_names(characters)
    cased = not lower_case(text, early[:CASE_PARAGRAPHS])  # a numeral's `III` is no capital
    narrated = [  # a third-person story's sentence in someone's own voice is no telling
        (span, share)
        for span, share in candidates
        if not (third_person and _FIRST_PERSON.search(narration(span.of(text))))
    ]
    fences = (near, avoid) if near else (avoid,)
    tries = [(narrated, MIN_WORDS, True, fence) for fence in fences]
    tries += [(candidates, RELAXED_MIN_WORDS, False, fence) for fence in fences]
    pool: list[tuple[int, Span]] = []
    for among, fewest, strict, fence in tries:
        pool = _readable(text, among, fewest, strict=strict, cased=cased, avoid=fence)
        if pool:
            break
    scored = [(_score(text, span, weights, names, order), order, span) for order, span in pool]
    best: dict[str, Span] = {}  # a refrain's line once, however often the story repeats it
    for _, _, span in sorted(scored, key=lambda item: (-item[0], item[1])):
        best.setdefault(" ".join(_WORD.findall(span.of(text).lower())), span)
        if len(best) == sentences:
            break
    return tuple(sorted(best.values()))


def summary_text(pieces: Iterable[str]) -> str:
    """The summary's sentences as one text: prose runs on, a script line stands on its own line.

    Example:
        >>> print(summary_text(["Ann  found a map.", "It showed a lake."]))
        Ann found a map. It showed a lake.
        >>> print(summary_text(["DRACO: Send it.", "HARRY: No.", "He never did."]))
        DRACO: Send it.
        HARRY: No.
        He never did.
    """
    lines: list[str] = []
    for piece in pieces:
        flat = " ".join(piece.split())
        if lines and not looks_like_script_line(flat) and not looks_like_script_line(lines[-1]):
            lines[-1] += " " + flat
        else:
            lines.append(flat)
    return "\n".join(lines)


def _widened(spans: Sequence[Span], whole: Sequence[Span]) -> list[Span]:
    """The sentences, each inside a ``whole`` passage replaced by that passage (once).

    Example:
        >>> line = Span(0, 30)  # "RON: Dead serious. Bet you ten."
        >>> _widened([Span(0, 18), Span(19, 30), Span(31, 40)], [line])
        [Span(start=0, end=30), Span(start=31, end=40)]
    """
    starts = [passage.start for passage in whole]
    widened: list[Span] = []
    for sentence in spans:
        at = bisect.bisect_right(starts, sentence.start) - 1
        inside = at >= 0 and whole[at].start <= sentence.start and sentence.end <= whole[at].end
        span = whole[at] if inside else sentence
        if not widened or widened[-1] != span:
            widened.append(span)
    return widened


def _readable(
    text: str,
    candidates: Sequence[tuple[Span, float]],
    min_words: int,
    *,
    strict: bool,
    cased: bool,
    avoid: Sequence[Span],
) -> list[tuple[int, Span]]:
    starts = [passage.start for passage in avoid]
    kept = []
    for order, (span, share) in enumerate(candidates):
        piece = span.of(text)
        words = len(_WORD.findall(piece))
        if words < min_words or words > MAX_WORDS:
            continue
        if _CREDIT.match(piece) or _touches(span, avoid, starts):
            continue
        if strict and (
            share > MAX_QUOTED_SHARE or _speech_tag(text, span) or _fragment(piece, cased=cased)
        ):
            continue
        if cased and piece[-1:].isalnum():
            continue  # no mark ends it, even at a pinch: a song's line, a heading
        kept.append((order, span))
    return kept


def paragraphs_touching(
    paragraphs: Sequence[Span], passages: Sequence[Span], reach: int = AVOID_REACH
) -> list[Span]:
    """The paragraphs that overlap any of ``passages``, and ``reach`` on either side of each.

    A sex scene or a fight runs past the sentences a lexicon finds in it, into the paragraphs
    around them, so the summary avoids those too. ``passages`` are disjoint, in text order.

    Example:
        >>> paragraphs = [Span(0, 10), Span(12, 20), Span(22, 30), Span(32, 40)]
        >>> paragraphs_touching(paragraphs, [Span(14, 16)], reach=0)
        [Span(start=12, end=20)]
        >>> paragraphs_touching(paragraphs, [Span(14, 16)])
        [Span(start=0, end=10), Span(start=12, end=20), Span(start=22, end=30)]
    """
    starts = [passage.start for passage in passages]
    touched = [n for n, paragraph in enumerate(paragraphs) if _touches(paragraph, passages, starts)]
    near = {m for n in touched for m in range(n - reach, n + reach + 1) if 0 <= m < len(paragraphs)}
    return [paragraphs[n] for n in sorted(near)]


def _touches(span: Span, avoid: Sequence[Span], starts: Sequence[int]) -> bool:
    """Whether a sentence overlaps one of ``avoid`` (disjoint passages in text order)."""
    index = bisect.bisect_left(starts, span.end) - 1
    return index >= 0 and avoid[index].end > span.start


def _fragment(piece: str, *, cased: bool) -> bool:
    """Part of a sentence rather than one a reader can take alone.

    It opens in lower case (in a story that uses capitals: a line an italic span or a line
    break cut from its sentence), or one of its quotation marks or brackets has no partner in
    it (the end of a speech begun in the line before, narration running into a speech, an
    aside in brackets that goes on in the next sentence), or it closes a speech before it
    opens one (``Ms. Reed,” he said. “Is that so?``), or a line break cut it before any mark
    ends it (``there isn't a minute that Harry``, the rest after an italic word set on a line of
    its own) or after a comma (a song's line: ``Someone holds me safe and warm,``); in a story
    without capitals, after a word no sentence ends on (``he pressed his lips to her neck
    and``).

    Example:
        >>> _fragment("you can't dye your hair, Moony.”", cased=True)
        True
        >>> _fragment("She called across the room, “Lily!", cased=True)
        True
        >>> _fragment("Ms. Reed,” he said, looking up. “Is that so?", cased=True)
        True
        >>> _fragment("(Though Ann was late, as usual.", cased=True)
        True
        >>> _fragment("Ann walked down to the lake with", cased=True)
        True
        >>> _fragment("There isn't a minute that Harry", cased=True)
        True
        >>> _fragment("there isn't a minute that harry", cased=False)
        False
        >>> _fragment("Someone holds me safe and warm,", cased=True)
        True
        >>> _fragment("“To the lake,” Ann said, and left.", cased=True)
        False
        >>> _fragment("”To the lake,” Ann said, and left.", cased=True)
        False
    """
    first = next((char for char in piece if char.isalpha()), "")
    if cased and first.islower():
        return True
    left, right = piece.count("“"), piece.count("”")
    if left and right and piece.find("”") < piece.find("“"):
        return True
    if piece.count("(") != piece.count(")"):
        return True
    last = _WORD.findall(piece[-12:])
    if piece[-1:].isalnum() and (cased or (last and last[-1].lower() in _NO_END)):
        return True
    if piece.rstrip("\"'”’")[-1:] in _GOES_ON:
        return True  # a line break cut it after a comma: a verse's line, a list's item
    # ``”Come,” she said.`` pairs right marks only (Swedish typography): an even count is whole
    return (left + right) % 2 == 1 or (left > 0 and left != right) or piece.count('"') % 2 == 1


def _quotations(text: str, paragraph: Span) -> list[Span]:
    """The paragraph's quotations, marks included; one still open at its end runs to the end.

    Example:
        >>> text = '"Sorry. Dai asked me." Ann nodded. "Go on'
        >>> [text[q.start : q.end] for q in _quotations(text, Span(0, len(text)))]
        ['"Sorry. Dai asked me."', '"Go on']
    """
    found = [
        Span(paragraph.start + m.start(), paragraph.start + m.end())
        for m in QUOTED.finditer(paragraph.of(text))
    ]
    end = found[-1].end if found else paragraph.start
    opening = re.search('["“]', text[end : paragraph.end])
    if opening is not None:
        found.append(Span(end + opening.start(), paragraph.end))
    return found


def _quoted_share(span: Span, quotations: Sequence[Span], starts: Sequence[int]) -> float:
    """The share of a sentence's characters inside the paragraph's quotations.

    A sentence in the middle of a quoted speech (``Dai asked me.`` above) is quotation, though
    it holds no mark of its own.
    """
    inside = 0
    last = bisect.bisect_left(starts, span.end) - 1
    while last >= 0 and quotations[last].end > span.start:  # sorted and disjoint: stop early
        quote = quotations[last]
        inside += min(span.end, quote.end) - max(span.start, quote.start)
        last -= 1
    return inside / max(1, span.end - span.start)


def _dialogue_share(
    text: str, span: Span, quotations: Sequence[Span], starts: Sequence[int]
) -> float:
    """The share of a sentence that is dialogue: all of it when its first word is quoted.

    A sentence that opens with a line goes on as that line's speech tag: ``- Oh shut up! –
    growls Harry and throws a pillow at Ron.`` (dash dialogue) is mostly narration by its
    characters, but a turn of a conversation all the same. Otherwise the share of its
    characters inside quotations (:func:`_quoted_share`).

    Example:
        >>> text = "- Oh shut up! – growls Harry and throws a pillow at Ron."
        >>> _dialogue_share(text, Span(0, len(text)), [Span(2, 13)], [2])
        1.0
        >>> _dialogue_share(text, Span(14, len(text)), [Span(2, 13)], [2])
        0.0
    """
    first = _WORD.search(text, span.start, span.end)
    index = bisect.bisect_right(starts, first.start()) - 1 if first else -1
    if first and index >= 0 and quotations[index].end > first.start():
        return 1.0
    return _quoted_share(span, quotations, starts)


_QUOTE_CLOSE = re.compile(r"[?!…,—–-][\"'”’]\s*$")
_QUOTE_CLOSE_STOP = re.compile(r"\.[\"”’]\s*$")
_TAG_WORDS = 10
"""How far into a sentence after a quotation's full stop a speech verb makes it a speech tag:
a speaker may be a long noun phrase (``One of the healers that brought him in says``)."""


def _speech_tag(text: str, span: Span) -> bool:
    """Whether a sentence goes on from a quotation ending in ``?``, ``!``, ``…`` or a dash.

    Such a sentence is the speech tag of that quotation (``Ann asked, ...``), not narration. So
    is one after a quotation ending in a full stop when a speech verb is among its first
    ``_TAG_WORDS`` words, before any comma (``"So cute." Draco said with a laugh``; ``"Hold
    still." One of the healers that brought him in says and ...``).

    Example:
        >>> text = '"Tea?" Ann asked, smiling at the rain.'
        >>> _speech_tag(text, Span(7, len(text)))
        True
        >>> text = '"So cute." Draco said with a laugh.'
        >>> _speech_tag(text, Span(11, len(text)))
        True
    """
    before = max(0, span.start - 4)
    if _QUOTE_CLOSE.search(text, before, span.start):
        return True
    if not _QUOTE_CLOSE_STOP.search(text, before, span.start):
        return False
    verbs = speech_verb_forms()
    clause = text[span.start : span.end].split(",", 1)[0]
    opening = _WORD.findall(clause)[:_TAG_WORDS]
    return any(word.lower() in verbs for word in opening)


def _content_words(piece: str) -> Iterable[str]:
    for match in _WORD.finditer(piece):
        word = match.group().lower().replace("’", "'")
        if len(word) > 2 and word not in _STOPWORDS:
            yield word.removesuffix("'s")


def _word_weights(text: str, paragraphs: Sequence[Span]) -> dict[str, float]:
    counts: Counter[str] = Counter()
    for paragraph in paragraphs:
        counts.update(_content_words(paragraph.of(text)))
    return {word: math.log1p(count) for word, count in counts.items() if count > 1}


def _main_names(characters: Sequence[Character]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """A pattern of the main characters' names, and each name's character id."""
    main = sorted(characters, key=lambda c: (-c.mentions, c.first))[:MAIN_CHARACTERS]
    owners = {
        form: character.id
        for character in main
        for form in (character.name, *character.aliases)
        if len(form) > 2 and form[:1].isupper()
    }
    if not owners:
        return None, owners
    alternation = "|".join(re.escape(form) for form in sorted(owners, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)"), owners


def _score(
    text: str,
    span: Span,
    weights: dict[str, float],
    names: tuple[re.Pattern[str] | None, dict[str, str]],
    order: int,
) -> float:
    piece = span.of(text)
    words = list(_content_words(piece))
    centrality = sum(weights.get(word, 0.0) for word in words) / math.sqrt(len(words) or 1)
    pattern, owners = names
    named = len({owners[hit] for hit in pattern.findall(piece)}) if pattern else 0
    opening = OPENING_BONUS if order < 2 else 0.0
    unnamed = UNNAMED_PENALTY if UNNAMED_OPENING.match(piece) else 0.0
    return centrality + CHARACTER_BONUS * min(named, 2) + opening - unnamed
