"""Script-format dialogue: ``HARRY: Where is it?`` and chat logs, where a label names the speaker.

Some fics are written as a play or a chat log, every line of dialogue led by its speaker's
name and a colon; others drop a chat or a transcript into prose. Such a line has no quotation
marks, so the quotation scanner sees none, and its speaker is not guessed but written. This
module finds those lines: the label is a mention of the speaker (``source="script"`` in the
cast), the words after the colon are the quotation, and the speaker is the character the
label names (``speakers.script.v1``, never revised by the ranker).

What counts as a script line (:func:`find_script`): a line of a story paragraph that starts
with one to three capitalised words (``Harry``, ``MRS. WEASLEY``, ``Draco Malfoy``), maybe in
brackets, maybe followed by a stage direction in parentheses, then a colon and the words said.
Labels that head notes, headings or character profiles (``Note``, ``Warning``, ``Rating``,
``Age``, ``First Year``, ``Draco's POV``: the label or its last word is in the
``script_labels`` list of the lexicons) are not speakers. A work has script lines only
when there are at least ``MIN_LINES`` of them, from at least two labels, at least half of them
from labels that come back: one ``Summary:`` or a list of ``Harry: the Boy Who Lived``,
``Ron: his best friend`` is not a script.

Labels in capitals (``HARRY``) are written ``Harry`` in :func:`recased`, a copy of the text
of the same length, which fandom detection and the cast read: a pack's names are matched in
their case.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ficlens.cast import Cast
from ficlens.dialogue.sieves import vocative
from ficlens.lexicons import lexicon
from ficlens.model import Quote, Span

METHOD = "speakers.script.v1"
MIN_LINES = 4
"""Fewest script lines a work needs, from at least ``MIN_LABELS`` labels..."""
MIN_LABELS = 2
MIN_USES = 2
"""...and at least half of them from labels used at least this often."""
CONFIDENCE = 0.99
_WORD = r"[A-Z][A-Za-z'’.\-]*"
_EMOJI = "[\u2600-\u27bf\U0001f000-\U0001faff\ufe0f\u200d]{0,8}"
"""Emoji a chat log may put after a name (``Draco🐉:``, ``Harry⚡️:``)."""
_LINE = re.compile(
    rf"^[ \t]*(?P<open>[\[*]*)(?P<name>{_WORD}(?:[ ]{_WORD}){{0,2}})(?P<close>[\]*]*){_EMOJI}"
    r"[ \t]*(?:\([^()\n]{0,60}\)[ \t]*)?:[*]*[ \t]+(?:\([^()\n]{0,60}\)[ \t]*)?"
    r"(?P<said>\S[^\n]*?)[ \t]*$",
    re.M,
)


def looks_like_script_line(line: str) -> bool:
    """Whether one line has a script line's shape, a label and a colon (``Draco🐉: Send it``).

    Only the shape: :func:`find_script` also asks that labels come back over a work.
    """
    return _LINE.match(line) is not None


@dataclass(frozen=True, slots=True)
class ScriptLine:
    """One line of script-format dialogue.

    Attributes:
        label: the speaker's label as written (``HARRY``), without brackets or colon.
        said: the words said, after the colon.
        paragraph: the index of the story paragraph it lies in.
        name: the label as a name (``Harry``; capitals made title case).
    """

    label: Span
    said: Span
    paragraph: int
    name: str


@cache
def _not_speakers() -> frozenset[str]:
    """Labels that head notes, metadata or profiles, in lower case."""
    return frozenset(lexicon()["script_labels"]["words"])


def label_name(label: str) -> str:
    """A label as a name: capitals become title case, other labels stay as written.

    Example:
        >>> label_name("MRS. WEASLEY"), label_name("Draco"), label_name("McGonagall")
        ('Mrs. Weasley', 'Draco', 'McGonagall')
    """
    if any(char.islower() for char in label):
        return label
    return re.sub(r"[A-Za-z]+", lambda word: word.group().capitalize(), label)


def _candidates(text: str, paragraphs: Sequence[Span]) -> list[ScriptLine]:
    found = []
    for index, paragraph in enumerate(paragraphs):
        chunk = text[paragraph.start : paragraph.end]
        for match in _LINE.finditer(chunk):
            if match.group("open").count("[") != match.group("close").count("]"):
                continue  # "[Illustration: A VICARAGE HOUSE.]" is a caption
            label = match.group("name").rstrip(".")
            words = label.lower().split()
            if len(label) < 2 or " ".join(words) in _not_speakers() or words[-1] in _not_speakers():
                continue  # "Note:", and headings such as "First Year:" or "Draco's POV:"
            start = paragraph.start + match.start("name")
            found.append(
                ScriptLine(
                    Span(start, start + len(label)),
                    Span(
                        paragraph.start + match.start("said"), paragraph.start + match.end("said")
                    ),
                    index,
                    label_name(label),
                )
            )
    return found


def find_script(text: str, paragraphs: Sequence[Span]) -> tuple[ScriptLine, ...]:
    r"""The script-format lines of a work's story paragraphs; none when it has no script.

    Example:
        >>> text = "HARRY: Where is it?\nHERMIONE: Gone.\nHARRY: Gone where?\nRON: Away."
        >>> [line.name for line in find_script(text, [Span(0, len(text))])]
        ['Harry', 'Hermione', 'Harry', 'Ron']
    """
    lines = _candidates(text, paragraphs)
    uses = Counter(line.name for line in lines)
    recurring = sum(count for count in uses.values() if count >= MIN_USES)
    if len(lines) < MIN_LINES or len(uses) < MIN_LABELS or 2 * recurring < len(lines):
        return ()
    return tuple(lines)


def recased(text: str, lines: Sequence[ScriptLine]) -> str:
    r"""The text with each label written as its name: same length, so every offset holds.

    A label in capitals is recased wherever it stands as a word, so that the stage directions
    of a script name their characters too (``HARRY laughs``).

    Example:
        >>> text = "HARRY: Hi.\nRON: Hi.\nHARRY: Bye.\nRON: Bye.\nHARRY laughs."
        >>> recased(text, find_script(text, [Span(0, len(text))])).splitlines()[::4]
        ['Harry: Hi.', 'Harry laughs.']
    """
    names = {text[line.label.start : line.label.end]: line.name for line in lines}
    capitals = {label: name for label, name in names.items() if label != name}
    if not capitals:
        return text
    words = sorted(capitals, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")
    return pattern.sub(lambda match: capitals[match.group()], text)


def speak(text: str, lines: Sequence[ScriptLine], cast: Cast) -> list[Quote]:
    """Each script line as a quotation spoken by the character its label names.

    The addressee is the character the line calls by name (``Ron, wake up``), else the other
    voice of the exchange: the previous line's speaker when another, else the next line's. A
    label the cast cannot resolve leaves the speaker undecided (confidence 0), and no other
    rule guesses one: the label said who it was.
    """
    speakers = [cast.resolve(line.name) for line in lines]
    quotes = []
    for n, (line, speaker) in enumerate(zip(lines, speakers, strict=True)):
        others = [
            who
            for who in (
                speakers[n - 1] if n else None,
                speakers[n + 1] if n + 1 < len(lines) else None,
            )
            if who is not None and who != speaker
        ]
        addressee = vocative(text, line.said, cast=cast) or next(iter(others), None)
        quotes.append(
            Quote(
                span=line.said,
                speaker=speaker,
                addressee=addressee if addressee != speaker else None,
                method=METHOD,
                confidence=CONFIDENCE if speaker else 0.0,
            )
        )
    return quotes
