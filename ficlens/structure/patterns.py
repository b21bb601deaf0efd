"""Recognise one line or paragraph's structural role: break, heading, time skip, note.

Every function here is pure and takes the stripped text of one line or paragraph. The word
lists come from ``lexicon.toml``; this module only turns them into patterns.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ficlens.model import ChapterKind, SceneKind

# Decoration fic writers put around headings: -Two Weeks Later-, ~Chapter 3~, **Prologue**.
_DECORATION = "-–—~*_=#+<>|•·.:[](){}«»\"'“”‘’ \t"
_WORD = re.compile(r"[\w'’]+")
_ROMAN = re.compile(r"^[ivxlcdm]+$", re.I)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}

# Scene breaks made of symbols: * * *, ***, # # #, ~~~, ---, ___, ===, +++, <><>, . . .
_SYMBOL_BREAK = re.compile(r"^[\s*#~\-–—=_+<>^:.•·°◇◆♦♥❤✿❀☆★§¤/\\|oO0xX]{1,80}$")
_SYMBOLS = set("*#~-–—=_+<>^:•·°◇◆♦♥❤✿❀☆★§¤/\\|")
# -x-, ~o~, xXx, oOo, XxXxX, o0o: a single decorated letter, or three or more x/o letters.
_LETTER_BREAK = re.compile(
    r"^(?:[\-~*_=.]+\s*[xXoO0]\s*[\-~*_=.]+|[\s\-~*_=.]*[xXoO0](?:[\s\-~*_=.]*[xXoO0]){2,40}[\s\-~*_=.]*)$"
)
_WORD_BREAK = re.compile(
    r"^[\W_]*(?:line|page|scene|section|pov|point of view|time)[\s-]*"
    r"(?:break|change|switch|skip)[\W_]*$",
    re.I,
)
_MAX_HEADING_WORDS = 14


@cache
def lexicon() -> dict[str, Any]:
    """The word lists of ``lexicon.toml``."""
    data = resources.files("ficlens.structure").joinpath("lexicon.toml").read_bytes()
    return tomllib.loads(data.decode("utf-8"))


def _alternation(words: list[str]) -> str:
    ordered = sorted({w.lower() for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def strip_decoration(line: str) -> str:
    """Remove the symbols around a heading: ``-~Two Weeks Later~-`` -> ``Two Weeks Later``."""
    stripped = line.strip(_DECORATION)
    return stripped.removesuffix("…").strip(_DECORATION)


def is_scene_break(line: str) -> bool:
    """Whether a whole line is a scene break: ``* * *``, ``-x-``, ``oOo``, ``—``, ``Line Break``.

    Example:
        >>> [is_scene_break(s) for s in ("* * *", "xXx", "-x-", "oOo", "Oh.", "No!")]
        [True, True, True, True, False, False]
        >>> [is_scene_break(s) for s in ("∞∞∞∞∞∞", "♪ ♪ ♪", "“”", "?!")]
        [True, True, False, False]
    """
    text = line.strip()
    if not text or len(text) > 80:
        return False
    if _LETTER_BREAK.match(text) or _WORD_BREAK.match(text):
        return True
    if text in ("...", "…", "..", "?", "!", "?!", "!?"):
        return False  # a silent reply or a beat of dialogue, not a break
    if _SYMBOL_BREAK.match(text) and set(text) & (_SYMBOLS | {"."}):
        return True
    return _symbol_line(text)


def _symbol_line(text: str) -> bool:
    """A line of symbols and punctuation with at least one symbol: ``∞∞∞∞``, ``♪ ♪ ♪``, ``✦✦✦``.

    Unicode's symbol categories (math, currency, modifier, other) carry the decoration; a line
    of quotation marks or question marks alone is no break.
    """
    kinds = {unicodedata.category(ch)[0] for ch in text if not ch.isspace()}
    return "S" in kinds and kinds <= {"S", "P"}


@dataclass(frozen=True, slots=True)
class HeadingMatch:
    """A chapter heading's parts: ``Ch. 3: The Bridge`` -> chapter 3 titled "The Bridge"."""

    kind: ChapterKind
    number: int | None
    title: str | None
    numbered_only: bool = False


@cache
def _heading_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = lexicon()
    number = r"\d{1,4}|[ivxlcdm]{1,7}|" + _alternation(words["numbers"]["words"])
    numbered = _alternation(words["chapters"]["numbered"])
    named = _alternation(words["chapters"]["named"])
    separator = r"(?P<sep>\s*[:.\-–—)|,]\s*|\s+)"
    chapter = re.compile(
        rf"^(?P<word>{numbered})\.?\s*(?P<num>(?:{number})(?:[\s-](?:{number}))?)\b"
        rf"(?:{separator}(?P<title>.*))?$",
        re.I,
    )
    named_heading = re.compile(rf"^(?P<name>{named})\b(?:{separator}(?P<title>.*))?$", re.I)
    bare = re.compile(r"^(?P<num>\d{1,3}|[IVXLC]{1,7})\.?(?:\s+(?P<title>\S.*))?$")
    return chapter, named_heading, bare


def chapter_heading(line: str) -> HeadingMatch | None:
    """Recognise a chapter heading line.

    Example:
        >>> chapter_heading("~Ch. 3: The Bridge~")
        HeadingMatch(kind='chapter', number=3, title='The Bridge', numbered_only=False)
        >>> chapter_heading("Chapter three was the hardest part of the book to read.") is None
        True
    """
    text = strip_decoration(line)
    if not text or len(text) > 120 or "\n" in text:
        return None
    chapter, named, bare = _heading_patterns()
    match = chapter.match(text)
    if match:
        if _reads_as_sentence(match.group("title"), match.group("sep")):
            return None
        title = _clean_title(match.group("title"))
        kind = _named_kind(title) if title and named.match(title) else "chapter"
        return HeadingMatch(kind, parse_number(match.group("num")), title)
    match = named.match(text)
    if match:
        if _reads_as_sentence(match.group("title"), match.group("sep")):
            return None
        name = match.group("name")
        # "Prologue" alone is titled "Prologue", as AO3 shows it; "Epilogue: After" is "After".
        return HeadingMatch(
            _named_kind(name), None, _clean_title(match.group("title")) or name.title()
        )
    match = bare.match(text)
    if not match or line.strip()[:1] in "([" or _reads_as_sentence(match.group("title"), None):
        return None
    title = _clean_title(match.group("title"))
    if title and len(title.split()) > 8:
        return None
    return HeadingMatch("chapter", parse_number(match.group("num")), title, True)


def _named_kind(name: str) -> ChapterKind:
    lowered = name.lower()
    if lowered.startswith("prologue") or lowered.startswith(("foreword", "preface")):
        return "prologue"
    if lowered.startswith(("epilogue", "afterword", "coda")):
        return "epilogue"
    if lowered.startswith(("interlude", "intermission", "omake", "extra", "bonus")):
        return "interlude"
    return "chapter"


def _clean_title(title: str | None) -> str | None:
    """The heading's title without decoration, or ``None``."""
    return strip_decoration(title) or None if title else None


def _reads_as_sentence(title: str | None, separator: str | None) -> bool:
    """Whether what follows a heading word reads like a sentence, so the line is no heading."""
    if not title:
        return False
    words = strip_decoration(title).split()
    if len(words) > _MAX_HEADING_WORDS:
        return True
    if separator is not None and not separator.strip() and words and not words[0][:1].isupper():
        return True  # "Epilogue text here." is a sentence; "Epilogue: text here" a heading
    if title.rstrip().endswith((".", ",", ";")) and len(words) > 6 and not title.endswith("..."):
        return True
    return bool(words and words[0].islower() and len(words) > 3)


def parse_number(value: str) -> int | None:
    """``"3"`` -> 3, ``"IV"`` -> 4, ``"twelve"`` -> 12, ``"twenty-one"`` -> 21."""
    text = value.strip().lower()
    if text.isdigit():
        return int(text)
    if _ROMAN.match(text):
        return _roman(text)
    spelled = {
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
        "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
        "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90, "first": 1, "second": 2, "third": 3,
        "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    }  # fmt: skip
    parts = re.split(r"[\s-]+", text)
    if all(part in spelled for part in parts):
        return sum(spelled[part] for part in parts)
    return None


def _roman(text: str) -> int | None:
    total, previous = 0, 0
    for char in reversed(text):
        value = _ROMAN_VALUES[char]
        total += -value if value < previous else value
        previous = max(previous, value)
    return total or None


@cache
def _time_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    skips = lexicon()["time_skips"]
    numbers = _alternation(lexicon()["numbers"]["words"])
    quantity = rf"(?:\d+|{numbers}|{_alternation(skips['quantities'])})"
    unit = rf"(?:{_alternation(skips['units'])})s?"
    direction = _alternation(skips["directions"])
    relative = re.compile(
        rf"^(?:(?:{quantity})(?:[\s-]+(?:and\s+)?(?:a\s+half|{quantity}))?[\s-]+{unit}"
        rf"(?:\s+(?:and\s+)?(?:\d+|{numbers}|a|an)\s+{unit})?)\s+(?:{direction})\b.{{0,40}}$",
        re.I,
    )
    phrase = re.compile(rf"^(?:{_alternation(skips['phrases'])})$", re.I)
    flashback = re.compile(rf"^(?:{_alternation(skips['flashbacks'])})\b.{{0,30}}$", re.I)
    shift = re.compile(rf"^(?:{_alternation(skips['scene_shifts'])})\b.{{0,30}}$", re.I)
    return relative, phrase, flashback, shift


_QUOTE_MARKS = frozenset("\"“”„«»‘’'")


def time_heading(line: str) -> tuple[SceneKind, str] | None:
    """Recognise a heading that opens a scene: a time skip, a flashback or a scene shift.

    Returns:
        The scene kind and the heading stripped of decoration, or ``None``.

    Example:
        >>> time_heading("-Two Weeks Later-")
        ('time_skip', 'Two Weeks Later')
        >>> time_heading("Three years later, she still hated the rain.") is None
        True
        >>> time_heading('"Then we wait."') is None
        True
    """
    text = strip_decoration(line)
    if not text or len(_WORD.findall(text)) > 9 or "\n" in text:
        return None
    ending = line.strip()
    if ending[:1] in _QUOTE_MARKS and ending[-1:] in _QUOTE_MARKS:
        return None  # a line of dialogue: "Then we wait."
    # A line that ends like a sentence is one: "Two days later she came home." (strip_decoration
    # has already removed that full stop from ``text``, so look at the line itself).
    ending = ending.rstrip("".join(_QUOTE_MARKS))
    if ending.endswith((".", ",")) and not ending.endswith(("...", "…")):
        return None
    relative, phrase, flashback, shift = _time_patterns()
    if shift.match(text):
        return "scene", text
    if flashback.match(text):
        return "flashback", text
    if relative.match(text) or phrase.match(text):
        if "," in text:
            return None
        return "time_skip", text
    return None


_POV_WORDS = r"(?:pov|p\.\s?o\.\s?v\.?|point\s+of\s+view|perspective)"
_POV = re.compile(
    rf"^(?:(?P<owner>[^\W\d][\w.'’/& -]*?)(?:'s|’s|'|’)?\s*[-:–—]?\s+{_POV_WORDS}"
    rf"|{_POV_WORDS}(?:\s*[-:–—]|\s+of\b)?\s*(?P<name>[^\W\d][\w.'’/& -]*?))$",
    re.I,
)


_JOINS = frozenset({"of", "and", "&", "/"})
"""Lower-case words a point-of-view heading's name may hold: ``Hermione & Draco's POV``."""


def pov_heading(line: str) -> str | None:
    """Recognise a point-of-view heading and return whose point of view it names.

    A line of its own such as ``Harry's POV``, ``*Draco P.O.V.*``, ``POV: Hermione``,
    ``Ginny's Perspective`` or ``~Lord Voldemort's Point of View~`` opens a scene told from
    that character's side; the name is returned as written (``Normal POV`` gives ``Normal``,
    ``Hermione & Draco's POV`` gives ``Hermione & Draco``: whether a name is one character's
    is for the cast to say). A sentence is no heading.

    Example:
        >>> [pov_heading(s) for s in ("Harry's POV", "-POV: Hermione-", "Draco P.O.V.")]
        ['Harry', 'Hermione', 'Draco']
        >>> pov_heading("He hated Harry's point of view.") is None
        True
    """
    text = strip_decoration(line.strip())  # str.strip: a no-break space too
    if not text or len(_WORD.findall(text)) > 6 or "\n" in text:
        return None
    if line.strip().rstrip("".join(_QUOTE_MARKS)).endswith((",", "!", "?")):
        return None
    found = _POV.match(text)
    if found is None:
        return None
    name = (found.group("owner") or found.group("name") or "").strip(" -")
    words = name.split()
    if not words or len(words) > 5 or not all(w[:1].isupper() or w in _JOINS for w in words):
        return None
    return name


@cache
def _note_pattern() -> re.Pattern[str]:
    markers = _alternation(lexicon()["notes"]["markers"])
    return re.compile(
        rf"^[\s(\[{{~*_\-=<]*(?:{markers})(?:\s*(?:[:\-–—~)\]>*]|\s*$)|(?<=a/n)\s)",
        re.I,
    )


def starts_note(paragraph: str) -> bool:
    """Whether a paragraph opens an author's note: ``A/N:``, ``AN -``, ``~AN~``, ``(Author's Note``.

    Example:
        >>> [starts_note(p) for p in ("A/N: thanks!", "An hour later", "~AN~ hi", "Note: x")]
        [True, False, True, True]
    """
    return bool(_note_pattern().match(paragraph))


def _contains_any(paragraph: str, phrases: list[str]) -> bool:
    lowered = paragraph.lower().replace("’", "'")
    return any(phrase.replace("’", "'") in lowered for phrase in phrases)


def is_disclaimer(paragraph: str) -> bool:
    """Whether a paragraph disclaims ownership ("I don't own Naruto", "Disclaimer: ...")."""
    return _contains_any(paragraph[:400], lexicon()["notes"]["disclaimers"])


def is_review_request(paragraph: str) -> bool:
    """Whether a paragraph asks for reviews, comments or kudos."""
    return _contains_any(paragraph, lexicon()["notes"]["review_requests"])


def is_story_start(paragraph: str) -> bool:
    """Whether a short paragraph hands over to the story ("On with the story!", "Enjoy!")."""
    text = strip_decoration(paragraph).lower()
    return len(text.split()) <= 8 and any(
        text.startswith(phrase.rstrip("!")) for phrase in lexicon()["notes"]["story_starts"]
    )


def is_landmark(paragraph: str) -> bool:
    """Whether a paragraph is a heading of the AO3 page the text was copied from.

    Example:
        >>> is_landmark("Work Text:"), is_landmark("Chapter Text"), is_landmark("Work text is")
        (True, True, False)
    """
    return " ".join(paragraph.lower().split()) in lexicon()["notes"]["landmarks"]


def is_signoff(paragraph: str) -> bool:
    """Whether a short paragraph is the author's closing line ("Thanks for reading!", "TBC")."""
    text = strip_decoration(paragraph).lower()
    if len(text.split()) > 15:
        return False
    return any(
        text == phrase or text.startswith(phrase + " ") or text.startswith(phrase + "!")
        for phrase in lexicon()["notes"]["signoffs"]
    )


def has_author_cues(paragraph: str) -> bool:
    """Whether a paragraph talks about the work ("this chapter", "thanks for the reviews")."""
    words = {w.lower().strip("'’") for w in _WORD.findall(paragraph)}
    cues = set(lexicon()["notes"]["author_cues"])
    first_person = bool(words & {"i", "i'm", "i've", "my", "me", "we", "our"})
    return bool(words & cues) and (first_person or bool(words & {"you", "your", "everyone"}))


_CREDIT = r"(?:[^\W\d_][\w'’-]*\s+){1,3}by"
"""A credit line's key: ``Art by``, ``Beta'd by``, ``Background Music by`` (a podfic's or
fest entry's header)."""


@cache
def _field_pattern() -> re.Pattern[str]:
    fields = _alternation(lexicon()["front_matter"]["fields"])
    return re.compile(rf"^\s*(?P<key>{fields}|{_CREDIT})\s*:\s*(?P<value>\S.*)?$", re.I | re.S)


def header_field(line: str) -> tuple[str, str] | None:
    """A header line's field and value; the value is empty when it follows on the next line.

    Example:
        >>> header_field("Rating: T"), header_field("Summary:"), header_field("Mood: grim")
        (('rating', 'T'), ('summary', ''), None)
        >>> header_field("Cover art by: Sam")
        ('cover art by', 'Sam')
    """
    match = _field_pattern().match(line)
    if not match:
        return None
    return " ".join(match.group("key").lower().split()), (match.group("value") or "").strip()


def front_matter_field(paragraph: str) -> tuple[str, str] | None:
    """``"Rating: T"`` -> ``("rating", "T")`` for the header lines of a pasted fic."""
    field = header_field(paragraph)
    return field if field and field[1] else None
