"""Labelled AO3 works (one JSON object a line) for training and evaluating the content models.

The format is the one of ``../shared/data/ao3-hp/works.jsonl``: ``work_id``, ``authors``,
``rating``, ``warnings``, ``category``, ``relationships``, ``freeforms``, ``text`` (the work
page's text) and more. Only ``text`` is ever read as input; the other fields are labels. The
text goes through the same reader and structure rules as a ``.txt`` file would, so training and
run time see the same story paragraphs (author's notes removed).
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from ficlens.cast import READER
from ficlens.content.features import signal_features, word_counts
from ficlens.content.signals import Hit, find_hits
from ficlens.dialogue import story_paragraphs
from ficlens.errors import InputError
from ficlens.fandoms.pack import find_canon, tag_forms
from ficlens.ingest import read_bytes
from ficlens.model import Character, Span, Work
from ficlens.stats import count_words
from ficlens.structure import build_work

AO3_RATINGS = ("General Audiences", "Teen And Up Audiences", "Mature", "Explicit")
"""AO3's ratings, mildest first ("Not Rated" is not one of them: it is no label)."""

ARCHIVE_WARNINGS = {
    "graphic_violence": "Graphic Depictions Of Violence",
    "major_character_death": "Major Character Death",
    "rape_non_con": "Rape/Non-Con",
    "underage": "Underage Sex",
}
"""The four archive warnings, by the short key FicLens uses, in AO3's current names."""

_WORK_TEXT = re.compile(r"\A\s*Work Text:[ \t]*\n")
"""The heading AO3's work page puts above the story; the scraped text keeps it."""
_OLD_NAMES = {"Underage": "Underage Sex"}
CHOSE_NOT_TO_WARN = frozenset(
    {"Creator Chose Not To Use Archive Warnings", "Choose Not To Use Archive Warnings"}
)


@dataclass(frozen=True, slots=True)
class LabelledWork:
    """One labelled work: its text and the labels its author chose."""

    work_id: str
    group: str
    text: str
    rating: str | None
    warnings: tuple[str, ...]
    relationships: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    freeforms: tuple[str, ...] = ()

    @property
    def warned(self) -> bool:
        """The author used archive warnings (did not choose not to)."""
        return not CHOSE_NOT_TO_WARN.intersection(self.warnings)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A work read the way FicLens reads a ``.txt`` file, with its features computed."""

    work: Work
    paragraphs: tuple[Span, ...]
    words: int
    hits: tuple[Hit, ...]
    counts: Counter[str] = field(repr=False)
    features: tuple[float, ...] = field(repr=False)

    @property
    def story(self) -> str:
        """The story's paragraphs, notes left out, joined by spaces (what the warnings read)."""
        return " ".join(p.of(self.work.text) for p in self.paragraphs)


def read_labelled(path: str | os.PathLike[str]) -> tuple[list[LabelledWork], list[str]]:
    """Read a JSON-lines file of labelled works.

    Returns:
        The works and one problem message per line that could not be read (naming the file and
        the line); a bad line never stops the others.
    """
    works: list[LabelledWork] = []
    problems: list[str] = []
    name = os.fspath(path)
    try:
        handle = open(name, "rb")  # noqa: SIM115 (closed below)
    except OSError as error:
        raise InputError(name, f"cannot open: {error.strerror or error}") from error
    with handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8")
                if line.strip():
                    works.append(_labelled(json.loads(line)))
            except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as error:
                problems.append(f"{name}:{number}: not a labelled work ({error})")
    return works, problems


def some_labelled(path: str | os.PathLike[str]) -> tuple[list[LabelledWork], list[str]]:
    """:func:`read_labelled`, for a file that must hold at least one labelled work.

    Raises:
        InputError: the file cannot be opened, or no line of it is a labelled work.
    """
    works, problems = read_labelled(path)
    if not works:
        raise InputError(os.fspath(path), "no labelled works in the file")
    return works, problems


def _labelled(row: dict[str, object]) -> LabelledWork:
    def strings(key: str) -> tuple[str, ...]:
        value = row.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list):
            raise TypeError(f"{key} is neither a list nor a string")
        return tuple(str(v) for v in value)

    text = row["text"]
    if not isinstance(text, str):
        raise TypeError("text is not a string")
    work_id = str(row["work_id"])
    authors = strings("authors")
    rating = row.get("rating")
    return LabelledWork(
        work_id=work_id,
        group=authors[0] if authors else f"work:{work_id}",
        text=text,
        rating=rating if rating in AO3_RATINGS else None,
        warnings=tuple(_OLD_NAMES.get(w, w) for w in strings("warnings")),
        relationships=strings("relationships"),
        category=strings("category"),
        freeforms=strings("freeforms"),
    )


def prepare_work(work: LabelledWork) -> Work:
    """Read a labelled work's text as a ``.txt`` file (its ``Work Text:`` heading left out)."""
    text = _WORK_TEXT.sub("", work.text, count=1)
    return build_work(read_bytes(text.encode("utf-8"), path=f"ao3-{work.work_id}.txt"))


def prepare(work: LabelledWork) -> Prepared:
    """Read a labelled work's text as a ``.txt`` file and compute its features."""
    structured = prepare_work(work)
    paragraphs = tuple(story_paragraphs(structured))
    text = structured.text
    words = sum(count_words(p.of(text)) for p in paragraphs)
    hits = tuple(find_hits(text, paragraphs))
    counts: Counter[str] = Counter()
    for paragraph in paragraphs:
        counts.update(word_counts(paragraph.of(text)))
    return Prepared(
        structured, paragraphs, words, hits, counts, tuple(signal_features(hits, words))
    )


def prepare_all(
    works: Sequence[LabelledWork], *, progress: Callable[[int], None] | None = None
) -> Iterator[Prepared | str]:
    """Prepare each work in order; a work that cannot be read yields its error message."""
    for n, work in enumerate(works, start=1):
        try:
            yield prepare(work)
        except InputError as error:
            yield f"work {work.work_id}: {error}"
        if progress is not None:
            progress(n)


def tagged_pair(work: LabelledWork) -> tuple[str, str] | None:
    """The two names of the work's first relationship tag when it is romantic (``A/B``)."""
    if not work.relationships or "/" not in work.relationships[0]:
        return None
    names = [_plain(n) for n in work.relationships[0].split("/")]
    return (names[0], names[1]) if len(names) == 2 and names[0] != names[1] else None


def _plain(name: str) -> str:
    return " ".join(re.sub(r"\([^)]*\)", " ", name).lower().split())


def same_character(found: str, tagged: str) -> bool:
    """Whether a name FicLens gives is the tagged character's: the same name, or words of it.

    A story that only ever says ``Stephen`` cannot give ``Stephen Maturin``; ``Stephen`` then
    counts as the tagged character. Parenthesised disambiguations in tags are ignored. Two
    names a fandom pack gives to one canon character are one character, as AO3's tag wranglers
    make them synonyms (``Voldemort`` and ``Tom Riddle``).

    Example:
        >>> same_character("Draco", "Draco Malfoy"), same_character("Lucius", "Draco Malfoy")
        (True, False)
        >>> same_character("Tom Riddle", "Voldemort")
        True
    """
    words, target = _plain(found).split(), _plain(tagged).split()
    if words and all(word in target for word in words):
        return True
    canon = find_canon(found)
    return canon is not None and any(find_canon(form) is canon for form in tag_forms(tagged))


def pair_matches(found: Sequence[str | Sequence[str]], tagged: tuple[str, str]) -> bool:
    """Whether two characters FicLens gives are the tagged pair, in either order.

    Each is a name, or the names it answers to in tags (:func:`tag_names`).

    Example:
        >>> pair_matches(["Harry", "Draco Malfoy"], ("draco malfoy", "harry potter"))
        True
        >>> pair_matches([("Amelia", "original female character"), "Percival Graves"],
        ...              ("percival graves", "original female character"))
        True
    """
    if len(found) != 2:
        return False
    first, second = ((f,) if isinstance(f, str) else tuple(f) for f in found)

    def same(names: tuple[str, ...], tag: str) -> bool:
        return any(same_character(name, tag) for name in names)

    return (same(first, tagged[0]) and same(second, tagged[1])) or (
        same(first, tagged[1]) and same(second, tagged[0])
    )


ORIGINAL_CHARACTER = {"she": "original female character", "he": "original male character"}
"""AO3's tags for characters a fan work invents, by the character's pronouns."""


def tag_names(character: Character, fan_work: bool) -> tuple[str, ...]:
    """The names a character FicLens finds answers to in AO3 relationship tags.

    Its own name; and in a fan work (a fandom was detected), a character no fandom pack knows is
    an original character, whom AO3 tags ``Original Female Character(s)``, ``Original Male
    Character(s)`` or ``Original Character(s)``. The unnamed ``you`` of a second-person story
    is ``Reader``, which AO3 also writes ``You``.
    """
    if character.id == READER and not character.canon:
        return (character.name, "you")
    if not fan_work or character.canon:
        return (character.name,)
    pronoun = (character.gender or "").split("/")[0].lower()
    return (character.name, ORIGINAL_CHARACTER.get(pronoun, "original character"))


PAIRING_EVALUATION = 200
"""How many works tagging a romantic pairing first ``ficlens eval ao3`` runs the pipeline on (and
half as many tagging no relationship, to count the pairings it claims wrongly)."""


def pairing_evaluation(
    works: Sequence[LabelledWork], limit: int = PAIRING_EVALUATION
) -> tuple[list[LabelledWork], list[LabelledWork]]:
    """The works the pairing evaluation scores, in file order.

    The first ``limit`` tagging a romantic pairing first, and the first ``limit // 2`` tagging
    no relationship at all.
    """
    tagged = [w for w in works if tagged_pair(w)][:limit]
    untagged = [w for w in works if not w.relationships][: limit // 2]
    return tagged, untagged


def pairing_holdout(works: Sequence[LabelledWork]) -> frozenset[str]:
    """The authors (groups) of the pairing evaluation's works.

    The pairing models never see any work of theirs, so the evaluation is held out by author.
    """
    tagged, untagged = pairing_evaluation(works)
    return frozenset(w.group for w in (*tagged, *untagged))
