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
from ficlens.lexicons import is_speech_verb
from ficlens.model import Span

_CLOSING_PUNCTUATION = frozenset(".,!?;:…—–-")
_NARRATION_START = re.compile(
    r"\s*(?:[,.;:!?]|$|(?:he|she|they|i|we|you|it|said|asked|says|asks|replied|cried|"
    r"whispered|shouted|called|answered|added|muttered|murmured|began|continued|went on)\b)",
    re.I,
)
_MAX_MENTION_WORDS = 4
_PREVIOUS_WORD = re.compile(r"([^\W\d_]+)\W*$")
_OPENERS = ('"', "“", "‘", "'", "«", "»", "—", "–", "―")


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


def _double_marks(text: str, span: Span) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in re.finditer(r"[\"“”]", text[span.start : span.end])]


def _scan_double(text: str, span: Span) -> tuple[list[tuple[int, int]], int | None]:
    """Pairs of (open, close) mark offsets, and the offset of a mark left open."""
    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    for offset, mark in _double_marks(text, span):
        at = span.start + offset
        if opened is None:
            if mark != "”":
                opened = at
        elif mark == "“" and at > opened + 1 and not text[at - 1].isspace():
            continue  # a stray opener glued to a word inside the quote
        else:
            pairs.append((opened, at))
            opened = None
    return pairs, opened


def _is_single_close(text: str, at: int, end: int) -> bool:
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < end else " "
    if before.isspace():
        return False
    if after.isalnum():
        return False  # don't, Sakura's: an apostrophe inside a word
    if before in _CLOSING_PUNCTUATION:
        return True
    # After a letter: "...like this' he said" closes; "the boys' team" is a possessive.
    return bool(_NARRATION_START.match(text, at + 1, end))


def _scan_single(text: str, span: Span) -> tuple[list[tuple[int, int]], int | None]:
    chunk = text[span.start : span.end]
    openers = {span.start + o for o in single_openers(chunk)}
    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    for offset, char in enumerate(chunk):
        if char not in "'‘’":
            continue
        at = span.start + offset
        if opened is None:
            if at in openers:
                opened = at
        elif at not in openers and _is_single_close(text, at, span.end):
            pairs.append((opened, at))
            opened = None
    return pairs, opened


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


def _scan_dash(text: str, span: Span) -> tuple[list[tuple[int, int]], int | None]:
    """A paragraph opening with a dash is speech up to a dash that hands over to narration."""
    chunk = text[span.start : span.end]
    if chunk[:1] not in ("—", "–", "―"):
        return [], None
    pairs: list[tuple[int, int]] = []
    opened: int | None = span.start
    for match in re.finditer(r"\s[—–―]\s?", chunk):
        at = span.start + match.start()
        if opened is not None:
            pairs.append((opened, at))
            opened = None
        else:
            opened = at + len(match.group()) - 1
    if opened is not None:
        pairs.append((opened, span.end))
        opened = None
    return pairs, None


_SCANNERS = {
    "double": _scan_double,
    "single": _scan_single,
    "guillemet": _scan_guillemet,
    "dash": _scan_dash,
}


def is_mention(text: str, opened: int, inner: Span) -> bool:
    """Whether a short quotation inside a sentence names a word rather than reports speech.

    ``the word "love"``, ``a "foreigner" of doubtful origin``: at most four words, glued to
    the running sentence (a letter or digit right before the opening mark) and not after a
    speech verb (``said "yes"`` is speech).
    """
    if len(text[inner.start : inner.end].split()) > _MAX_MENTION_WORDS:
        return False
    before = text[max(0, opened - 40) : opened].rstrip()
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
            if inner is not None and not is_mention(text, opened, inner):
                found.append(FoundQuote(inner, index))
        if left_open is not None:
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            continued = _continues(text, following)
            inner = _trimmed(text, left_open + 1, paragraph.end)
            if inner is not None:
                found.append(FoundQuote(inner, index, continued, not continued))
    return tuple(found), style
