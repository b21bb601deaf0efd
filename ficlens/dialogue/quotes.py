"""Find the quotations of a text under its dialogue convention.

A quotation's span excludes its marks, so ``text[span.start:span.end]`` is the words spoken. A
quotation that runs over several paragraphs (each paragraph reopening it, the classic
convention) gives one quote per paragraph, the earlier ones marked ``continued``. A paragraph
that ends inside an open quote with no continuation is an **unclosed** quote: it is closed at
its paragraph's end and reported, rather than swallowing the rest of the chapter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ficlens.dialogue.conventions import Convention, detect_convention, single_openers
from ficlens.lexicons import is_speech_verb, speech_verb_forms
from ficlens.model import Span

_CLOSING_PUNCTUATION = frozenset(".,!?;:…—–-")
_PUNCTUATION_OR_END = re.compile(r"\s*(?:[,.;:!?…]|$)")
_PRONOUN = r"(?i:he|she|they|i|we|it)"
_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?"
_VERB = r"[^\W\d_]+(?:\s+on)?"
_TAG_END = r"(?:\s+[^\W\d_]+ly)?(?=\s*(?:[.,;:…]|$))"
# A speech tag after a quotation: "he said", "Ann whispered", "said Ann", "went on Ann".
_TAG_SUBJECT_FIRST = re.compile(rf"\s+(?:{_PRONOUN}|{_NAME})\s+(?P<verb>{_VERB}){_TAG_END}")
_TAG_VERB_FIRST = re.compile(rf"\s+(?P<verb>{_VERB})\s+(?:{_PRONOUN}|{_NAME}){_TAG_END}")
_PRONOUN_VERB = re.compile(rf"\s+{_PRONOUN}\s+(?P<verb>{_VERB})")
_BARE_VERB = re.compile(rf"\s+(?P<verb>{_VERB})")
_TAG_PUNCTUATION = re.compile(r"[,!?…](?=\s)")
_SENTENCE_END = re.compile(r"[.!?…]+\s+(?=\S)")
_MAX_MENTION_WORDS = 4
_PREVIOUS_WORD = re.compile(r"([^\W\d_]+)\W*$")
_OPENERS = ('"', "“", "”", "‘", "'", "«", "»", "—", "–", "―")


@dataclass(frozen=True, slots=True)
class FoundQuote:
    """A quotation found in the text, before anyone is said to speak it.

    Attributes:
        span: the words inside the marks.
        paragraph: index of the paragraph it lies in.
        continued: the quotation goes on in the next paragraph.
        unclosed: the paragraph ended inside the quote with no continuation.
    """

    span: Span
    paragraph: int
    continued: bool = False
    unclosed: bool = False


def _trimmed(text: str, start: int, end: int) -> Span | None:
    chunk = text[start:end]
    left = len(chunk) - len(chunk.lstrip())
    right = len(chunk) - len(chunk.rstrip())
    span_start, span_end = start + left, end - right
    return Span(span_start, span_end) if span_end > span_start else None


_INCHES = re.compile(r"(?<=\d)\"(?=\d)|(?<=\d['’′]\d)\"|(?<=\d['’′]\d\d)\"|(?<=\d)\"(?=\s+tall\b)")
"""A straight mark that measures, not quotes: ``5"7``, ``6'2"``, ``5'11"``, ``6" tall``."""


def _double_marks(text: str, span: Span) -> list[tuple[int, str]]:
    chunk = text[span.start : span.end]
    return [
        (m.start(), m.group())
        for m in re.finditer(r"[\"“”]", chunk)
        if not (m.group() == '"' and _INCHES.match(chunk, m.start()))
    ]


def _scan_double(text: str, span: Span) -> tuple[list[tuple[int, int]], int | None]:
    """Pairs of (open, close) mark offsets, and the offset of a mark left open."""
    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    for offset, mark in _double_marks(text, span):
        at = span.start + offset
        if opened is None:
            if mark != "”" or _opens(text, at, span):
                opened = at
        elif mark == "“" and at > opened + 1 and not text[at - 1].isspace():
            continue  # a stray opener glued to a word inside the quote
        else:
            pairs.append((opened, at))
            opened = None
    return pairs, opened


def _opens(text: str, at: int, span: Span) -> bool:
    """Whether a right double mark stands where a quotation opens.

    Some writers (and some keyboards: Swedish and Finnish typography close *and* open with
    ``”``) write ``”Harry!” he called.``. A ``”`` at the start of the paragraph or after a
    space or an opening bracket or dash, with a word's character right after it, opens.
    """
    before = text[at - 1] if at > span.start else " "
    after = text[at + 1] if at + 1 < span.end else " "
    return (before.isspace() or before in "([—–") and not after.isspace()


def _is_single_close(text: str, at: int, end: int) -> bool:
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < end else " "
    if before.isspace():
        return False
    if after.isalnum():
        return False  # don't, Sakura's: an apostrophe inside a word
    if before in _CLOSING_PUNCTUATION:
        return True
    # After a letter: "...like this' he said" closes; "the boys' team" is a possessive and
    # "somethin' you said" a dropped g, so only punctuation or a speech tag after it closes.
    if _PUNCTUATION_OR_END.match(text, at + 1, end):
        return True
    tag = _PRONOUN_VERB.match(text, at + 1, end) or _BARE_VERB.match(text, at + 1, end)
    return tag is not None and _is_past_speech(tag.group("verb"))


def _is_past_speech(verb: str) -> bool:
    """Whether a word (or ``went on``) is a past form of a speech verb: said, asked, went on.

    Base and present forms (``joke``, ``answers``) are left out: after a possessive they are
    nouns (``the twins' joke``).
    """
    words = verb.lower().split()
    for form in (" ".join(words), words[0]):
        lemma = speech_verb_forms().get(form)
        if lemma is not None:
            return form != lemma and not form.endswith(("s", "ing"))
    return False


def _speech_tag(text: str, start: int, end: int) -> tuple[int, int] | None:
    """An unmarked speech tag in ``[start, end)``: ``Hello, he said.``.

    Returns the offset just past the punctuation before the tag and the offset of the tag's
    end, or ``None``.
    """
    for punctuation in _TAG_PUNCTUATION.finditer(text, start, end):
        for pattern in (_TAG_SUBJECT_FIRST, _TAG_VERB_FIRST):
            tag = pattern.match(text, punctuation.end(), end)
            if tag and _is_past_speech(tag.group("verb")):
                return punctuation.end(), tag.end()
    return None


def _split_at_tags(text: str, opened: int, closed: int) -> list[tuple[int, int]]:
    """Cut the speech tags out of a dash quotation; speech resumes after the tag's sentence."""
    pairs: list[tuple[int, int]] = []
    while (tag := _speech_tag(text, opened + 1, closed)) is not None:
        cut, tag_end = tag
        pairs.append((opened, cut))
        resume = _SENTENCE_END.search(text, tag_end, closed)
        if resume is None:
            return pairs
        opened = resume.end() - 1
    pairs.append((opened, closed))
    return pairs


def _scan_single(text: str, span: Span) -> tuple[list[tuple[int, int]], int | None]:
    """Pairs of single marks; a short quote glued to the sentence may close after a letter.

    ``He said 'yes' and left``: the mark after ``yes`` reads like a possessive (``the boys'
    team``) and does not close by itself. When the quote would otherwise stay open to the
    paragraph's end, or another quote opens first, a quote that began inside a sentence closes
    at such a mark within its first few words.
    """
    chunk = text[span.start : span.end]
    openers = {span.start + o for o in single_openers(chunk)}
    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    fallback: int | None = None
    for offset, char in enumerate(chunk):
        if char not in "'‘’":
            continue
        at = span.start + offset
        if opened is not None and at in openers and fallback is not None:
            pairs.append((opened, fallback))
            opened = None
        if opened is None:
            if at in openers:
                opened, fallback = at, None
        elif at not in openers and _is_single_close(text, at, span.end):
            pairs.append((opened, at))
            opened = None
        elif fallback is None and _short_glued_quote(text, opened, at, span):
            fallback = at
    if opened is not None and fallback is not None:
        pairs.append((opened, fallback))
        opened = None
    return pairs, opened


def single_quoted(text: str, span: Span) -> list[Span]:
    """The quotations in single marks within ``span``, marks included (see ``_scan_single``).

    Example:
        >>> text = "'Give 'em the boys' bats,' she said. 'Yes.'"
        >>> [s.of(text) for s in single_quoted(text, Span(0, len(text)))]
        ["'Give 'em the boys' bats,'", "'Yes.'"]
    """
    pairs, _ = _scan_single(text, span)
    return [Span(opened, closed + 1) for opened, closed in pairs]


def _short_glued_quote(text: str, opened: int, at: int, span: Span) -> bool:
    """Whether ``at`` may close a quote of a few words opened inside a running sentence."""
    before = text[span.start : opened].rstrip()
    after = text[at + 1 : at + 2]
    return (
        bool(before)
        and before[-1].isalnum()
        and text[at - 1].isalpha()
        and not after.isalnum()
        and len(text[opened + 1 : at].split()) <= _MAX_MENTION_WORDS
    )


def _scan_guillemet(text: str, span: Span) -> tuple[list[tuple[int, int]], int | None]:
    chunk = text[span.start : span.end]
    first = re.search(r"[«»]", chunk)
    if first is None:
        return [], None
    opener = first.group()
    closer = "»" if opener == "«" else "«"
    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    for match in re.finditer(r"[«»]", chunk):
        at = span.start + match.start()
        if opened is None and match.group() == opener:
            opened = at
        elif opened is not None and match.group() == closer:
            pairs.append((opened, at))
            opened = None
    return pairs, opened


_DASH_OPENER = re.compile(r"(?:[—–―]|--?)(?!-)")
_DASH_HANDOVER = re.compile(r"\s(?:[—–―]|--?)(?!-)\s?|(?<=\S)--?(?=\s)\s?")
"""A dash after a space (``Out — he said — and``), or a hyphen glued to the words before it and
followed by a space (``-Harry!- said Ron``), hands speech over to narration or back; a dash
inside a word (``raven-haired``, ``I—I``) does not."""


def _scan_dash(text: str, span: Span) -> tuple[list[tuple[int, int]], int | None]:
    """A paragraph opening with a dash is speech up to a dash that hands over to narration.

    An unmarked tag ends the speech too: in ``— Hello, he said.`` only ``Hello,`` is spoken.
    """
    chunk = text[span.start : span.end]
    opener = _DASH_OPENER.match(chunk)
    if opener is None:
        return [], None
    pairs: list[tuple[int, int]] = []
    opened: int | None = span.start + opener.end() - 1
    for match in _DASH_HANDOVER.finditer(chunk, opener.end()):
        at = span.start + match.start()
        if opened is not None:
            pairs.extend(_split_at_tags(text, opened, at))
            opened = None
        else:
            opened = at + len(match.group()) - 1
    if opened is not None:
        pairs.extend(_split_at_tags(text, opened, span.end))
    return pairs, None


_SCANNERS = {
    "double": _scan_double,
    "single": _scan_single,
    "guillemet": _scan_guillemet,
    "dash": _scan_dash,
}


def is_mention(text: str, opened: int, inner: Span, *, floor: int = 0) -> bool:
    """Whether a short quotation inside a sentence names a word rather than reports speech.

    ``the word "love"``, ``a "foreigner" of doubtful origin``: at most four words, glued to
    the running sentence (a letter or digit right before the opening mark) and not after a
    speech verb (``said "yes"`` is speech), nor a question or an exclamation (``a soft "Are
    you okay?"`` is a line said). Nothing before ``floor`` (the paragraph's start) is read: a
    quotation that opens its paragraph is never glued to a sentence.
    """
    words = text[inner.start : inner.end]
    if len(words.split()) > _MAX_MENTION_WORDS or words.rstrip().endswith(("?", "!")):
        return False
    before = text[max(floor, opened - 40) : opened].rstrip()
    if not before or not before[-1].isalnum():
        return False
    previous = _PREVIOUS_WORD.search(before)
    return not (previous and is_speech_verb(previous.group(1)))


def _continues(text: str, following: Span | None) -> bool:
    if following is None:
        return False
    return text[following.start : following.start + 1] in _OPENERS


def find_quotes(
    text: str, paragraphs: Sequence[Span], *, convention: Convention | None = None
) -> tuple[tuple[FoundQuote, ...], Convention]:
    """Find every quotation in the given paragraphs.

    Args:
        text: the work's text.
        paragraphs: the story paragraphs, in order (notes excluded).
        convention: the dialogue convention; detected from the paragraphs when omitted.

    Returns:
        The quotes in text order and the convention used.

    Example:
        >>> text = '"Hi," she said. "Bye."'
        >>> quotes, style = find_quotes(text, [Span(0, len(text))])
        >>> [text[q.span.start : q.span.end] for q in quotes], style
        (['Hi,', 'Bye.'], 'double')
    """
    style = convention or detect_convention(text, paragraphs)
    scan = _SCANNERS[style]
    found: list[FoundQuote] = []
    for index, paragraph in enumerate(paragraphs):
        pairs, left_open = scan(text, paragraph)
        for opened, closed in pairs:
            inner = _trimmed(text, opened + 1, closed)
            if inner is None or (
                style != "dash" and is_mention(text, opened, inner, floor=paragraph.start)
            ):
                continue  # a dash never sets a word apart as a mention: it opens speech
            found.append(FoundQuote(inner, index))
        if left_open is not None:
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            continued = _continues(text, following)
            inner = _trimmed(text, left_open + 1, paragraph.end)
            if inner is not None:
                found.append(FoundQuote(inner, index, continued, not continued))
    return tuple(found), style
