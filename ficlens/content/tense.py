"""The tense a story is told in, and the sentences of a present-tense story told in the past.

Most fan fiction is told in the past tense, and its backstory in the past perfect (``he had
died years before``, a ``memory`` in :func:`ficlens.content.signals.frame_of`). A story told in
the present (``Sirius always wakes up first``) tells its backstory in the simple past:
``Sirius' brother died three months after they graduated`` is no death on its page. So in a
present-tense story a narration sentence with a past verb form and no present one is a memory.

The test is lexical, over the commonest verbs in both forms, so it needs no parse: the content
stage reads text alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ficlens.model import Span

PRESENT_MIN = 30
"""How many of the listed verb forms the narration must hold before its tense is judged."""
PRESENT_SHARE = 0.75
"""The share of them in the present tense that makes a story told in the present."""

_VERBS = (
    ("is", "was"), ("are", "were"), ("has", "had"), ("does", "did"), ("says", "said"),
    ("looks", "looked"), ("smiles", "smiled"), ("walks", "walked"), ("thinks", "thought"),
    ("knows", "knew"), ("feels", "felt"), ("takes", "took"), ("turns", "turned"),
    ("goes", "went"), ("comes", "came"), ("sees", "saw"), ("asks", "asked"),
    ("nods", "nodded"), ("sighs", "sighed"), ("grins", "grinned"), ("dies", "died"),
    ("kills", "killed"), ("gets", "got"), ("holds", "held"), ("tells", "told"),
)  # fmt: skip
_PRESENT = re.compile(
    r"\b(?:am|" + "|".join(p for p, _ in _VERBS) + r")\b"
    r"|\b(?:he|she|it|that|there|what|who)['’]s\b|\w['’](?:re|m)\b",
    re.I,
)
_PAST = re.compile(r"\b(?:" + "|".join(p for _, p in _VERBS) + r")\b", re.I)
_BASE = (
    "have do say look smile walk think know feel take turn go come see ask nod sigh grin die "
    "kill get hold tell can will shall must may don['’]t can['’]t won['’]t"
).split()
_PRESENT_ANY = re.compile(
    _PRESENT.pattern
    + r"|\b(?:" + "|".join(_BASE) + r")\b"
    + r"|\b(?:he|she|it)\s+(?:\w+ly\s+)?(?!(?:was|his|has|is|does)\b)\w+s\b",
    re.I,
)  # fmt: skip
"""Present forms, with the base forms a first- or second-person sentence uses (``you see``,
``I know``), present modals, and any verb in ``-s`` after ``he``, ``she`` or ``it`` (``she
blinks``, ``he slowly realizes``): any of them keeps a sentence out of the past. Only
:data:`_PRESENT` judges the story's tense, since an infinitive (``to see``) is in any."""
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
"""A pair of double quotation marks, straight or curly, with what they hold."""


def narration(text: str) -> str:
    """``text`` without what its double quotation marks hold (speech is in any tense)."""
    return QUOTED.sub(" ", text)


def reported(spoken: str) -> bool:
    """Whether a spoken sentence tells of the past: a past verb form, no present one.

    Unlike :func:`in_the_past`, base forms do not count as present, since speech puts them
    after past modals and in questions (``before I could walk``, ``did he die?``).

    Example:
        >>> reported("They died before I could walk"), reported("He's dying, he died!")
        (True, False)
    """
    return bool(_PAST.search(spoken)) and not _PRESENT.search(spoken)


def told_in_present(text: str, paragraphs: Sequence[Span]) -> bool:
    """Whether the story's narration is in the present tense.

    Example:
        >>> text = "She is up. He says no. " * 20 + "He was tired."
        >>> told_in_present(text, [Span(0, len(text))])
        True
        >>> told_in_present("She is up. He was tired.", [Span(0, 24)])  # too few to judge
        False
    """
    present = past = 0
    for paragraph in paragraphs:
        words = narration(paragraph.of(text))
        present += len(_PRESENT.findall(words))
        past += len(_PAST.findall(words))
    total = present + past
    return total >= PRESENT_MIN and present >= PRESENT_SHARE * total


def in_the_past(sentence: str) -> bool:
    """Whether a sentence's narration has a past verb form and no present one.

    Example:
        >>> in_the_past("Sirius' brother died three months after they graduated.")
        True
        >>> in_the_past("He dies. It was quick."), in_the_past("You see Aurors killed.")
        (False, False)
        >>> in_the_past("She blinks away the spell that killed him.")
        False
    """
    words = narration(sentence)
    return bool(_PAST.search(words)) and not _PRESENT_ANY.search(words)
