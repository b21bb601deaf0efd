"""Tell which dialogue convention a text uses: double quotes, single quotes, dashes, guillemets.

Dashes are the em dash, the en dash, the horizontal bar, and the hyphen a keyboard gives
(``- Harry!``, ``-- Harry!``) where enough of the lines it opens hand over to a speech tag
(``- Hush. – said Ron``); otherwise hyphens opening paragraphs are a list's bullets.

Apostrophes are the trap: in ``don't``, ``Sakura's``, ``'em`` and ``the boys' team`` a single
quote mark is a letter, not dialogue. Only marks in opening position (after a space or the
start of a paragraph, before a letter) that are not a known elision count as single-quote
openers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Literal

from ficlens.lexicons import is_speech_verb, lexicon
from ficlens.model import Span

Convention = Literal["double", "single", "dash", "guillemet"]

_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–\"“]))['‘](?=[^\W\d_])", re.M)
_DOUBLED_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–\"“]))['‘](?=['’][^\W\d_])", re.M)
_DOUBLE = re.compile(r"[\"“”]")
_DASH_OPEN = re.compile(r"^[—―–]\s?\S", re.M)
_HYPHEN_OPEN = re.compile(r"^--?(?!-)\s?\S", re.M)
_HYPHEN_TAG = re.compile(
    r"(?:\s[-–—]-?|(?<=\S)--?(?=\s))\s*"
    r"(?:(?:(?:the|his|her|a|an)\s+[\w'’-]+|he|she|they|i|we|[A-Z][\w'’-]*)\s+)?(?P<verb>[a-z]+)"
)
"""A dash handing a hyphen-opened line over to its speech tag: ``- Hush. – said Ron``,
``-Harry!- said Ron``, ``- Come in. - Lucius said``, ``-Bon appetit- the wolf muttered``."""
_HYPHEN_CLOSE = re.compile(r"[!?.,…]--?(?=\s|$)")
"""A hyphen closing a line's speech after its punctuation (``-All alone?- a voice purred``)."""
HYPHEN_TAGGED = 0.1
"""The share of hyphen-opened paragraphs that must hand over to a speech tag, or close their
speech with a hyphen, for hyphens to count as dialogue dashes, not a list's bullets (at least
two paragraphs in all). Untagged lines (``- Potter.``) are not enough: a reader-insert's list of
headcanons (``- when hugging you, he...``) reads the same."""
_GUILLEMET = re.compile(r"[«»]")
_WORD_AFTER = re.compile(r"[^\W\d_]+")
_RESUMING = re.compile(r"[,.!?—–-]['’]\s+(?P<tag>[^'‘’\n]{1,60}?),\s+$")


@cache
def elisions() -> frozenset[str]:
    """Words that begin with an apostrophe standing for dropped letters ('em, 'tis, 'cause)."""
    return frozenset(lexicon()["elisions"]["words"])


def single_openers(text: str) -> list[int]:
    """Offsets of single quote marks in opening position that are not elisions.

    Only a lower-case word can be an elision: a quotation opens with a capital, so the mark
    before ``'Is it raining?'`` or ``'Bye, then.'`` opens it. A doubled mark before an
    elision (``''Tis late,'``) is an opening quote followed by the elision's apostrophe.

    Example:
        >>> single_openers("'Give 'em here.' ''Tis late.' 'Is it?'")
        [0, 17, 30]
    """
    found = []
    for match in _SINGLE_OPEN.finditer(text):
        word = _WORD_AFTER.match(text, match.end())
        elided = word and word.group().islower() and word.group() in elisions()
        if elided and not _resumes(text, match.start()):
            continue
        found.append(match.start())
    for match in _DOUBLED_OPEN.finditer(text):
        word = _WORD_AFTER.match(text, match.end() + 1)
        if word and word.group().lower() in elisions():
            found.append(match.start())
    return sorted(found)


def _resumes(text: str, at: int) -> bool:
    """Whether a mark resumes a quotation a speech tag broke: ``'The Map,' I whispered, 'is...``.

    Such a mark follows a closing mark, a short tag with a speech verb, and a comma; then even
    a word that is also an elision (``'is`` for *his*) opens the rest of the quotation.
    """
    tag = _RESUMING.search(text, max(0, at - 80), at)
    return tag is not None and any(is_speech_verb(word) for word in tag.group("tag").split())


def detect_convention(text: str, paragraphs: Sequence[Span]) -> Convention:
    r"""Pick the convention most of the paragraphs use.

    Double quotes win ties: they are the most common convention and nested single quotes
    inside them are quotations of quotations.

    Example:
        >>> text = "'Hello,' said Ron. 'Don't.'\n\n'Fine,' she said."
        >>> detect_convention(text, [Span(0, 27), Span(29, 46)])
        'single'
    """
    counts = {"double": 0, "single": 0, "dash": 0, "guillemet": 0}
    hyphens = tagged = 0
    for span in paragraphs:
        chunk = text[span.start : span.end]
        counts["double"] += len(_DOUBLE.findall(chunk)) // 2
        counts["single"] += len(single_openers(chunk))
        counts["dash"] += len(_DASH_OPEN.findall(chunk))
        counts["guillemet"] += len(_GUILLEMET.findall(chunk)) // 2
        if _HYPHEN_OPEN.match(chunk):
            hyphens += 1
            tagged += bool(_HYPHEN_CLOSE.search(chunk)) or any(
                is_speech_verb(m["verb"]) for m in _HYPHEN_TAG.finditer(chunk)
            )
    if tagged >= max(2, HYPHEN_TAGGED * hyphens):
        counts["dash"] += hyphens
    best = max(counts, key=lambda k: (counts[k], k == "double"))
    if counts[best] == 0 or counts["double"] >= counts[best] * 0.5:
        return "double"
    return best  # type: ignore[return-value]
