"""Dialogue: find every quotation of a work and say who speaks it, to whom.

``analyze_dialogue(work)`` reads the story paragraphs (notes excluded), detects the dialogue
convention, finds the quotations, parses the narration around them with spaCy (quotation
contents masked), builds the cast, runs the speaker sieves and lets the speaker ranker revise
the sieves' guesses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ficlens.cast import NAMELESS, Cast, KnownCharacter, build_cast
from ficlens.cast.canon import family_lead
from ficlens.dialogue.addressees import addressing, readdress
from ficlens.dialogue.conventions import Convention
from ficlens.dialogue.narrator import narrator_name, signed_name
from ficlens.dialogue.prepared import Prepared as Prepared
from ficlens.dialogue.quotes import FoundQuote, find_quotes
from ficlens.dialogue.ranker import rerank
from ficlens.dialogue.script import ScriptLine, find_script, recased, speak
from ficlens.dialogue.speakers import attribute_speakers
from ficlens.dialogue.truecase import lower_case, truecased
from ficlens.dialogue.voices import headed_sections, retired_narrator, voiced_cast
from ficlens.fandoms import FandomPack, find_canon, is_pack_name
from ficlens.model import Character, Quote, Span, Work
from ficlens.nlp import DEFAULT_MODEL, Parsed, parse
from ficlens.stats import counted
from ficlens.structure.paragraphs import split_paragraphs

METHOD = "dialogue.sieve.v3"


@dataclass(frozen=True)
class DialogueResult:
    """What the dialogue stage found.

    Attributes:
        cast: the characters and their mentions.
        quotes: every quotation with its speaker and addressee, in text order.
        convention: the dialogue convention (``double``, ``single``, ``dash``, ``guillemet``).
        paragraphs: the story paragraphs read.
        diagnostics: problems worth telling (unclosed quotations).
        parsed: the parse of each paragraph.
    """

    cast: Cast
    quotes: tuple[Quote, ...]
    convention: Convention
    paragraphs: tuple[Span, ...]
    diagnostics: tuple[str, ...]
    parsed: tuple[Parsed, ...] = ()


def story_paragraphs(work: Work) -> list[Span]:
    """The paragraphs of the work's scenes, in order: no notes, no headings, no breaks."""
    return [
        paragraph.span
        for scene in work.scenes
        for segment in scene.segments
        for paragraph in split_paragraphs(work.text, segment)
    ]


def prepare(
    work: Work,
    *,
    model: str = DEFAULT_MODEL,
    script: Sequence[ScriptLine] | None = None,
    packs: tuple[FandomPack, ...] = (),
) -> Prepared:
    """Find the quotations and parse the narration around them.

    In a work with script-format lines (``HARRY: Where is it?``, :mod:`.script`) the words of
    each line are a quotation too, and the text read is :func:`.script.recased` (``Harry:``).
    ``script`` gives those lines when the caller has found them already. A story written all
    in lower case is read :func:`.truecase.truecased`, with the names of ``packs`` capitalised.
    """
    paragraphs = tuple(story_paragraphs(work))
    script = tuple(find_script(work.text, paragraphs) if script is None else script)
    text = recased(work.text, script)
    if lower_case(text, paragraphs):
        text = truecased(text, packs)
    found, convention = find_quotes(text, paragraphs)
    if script:
        found = _with_script(found, script)
    parsed = tuple(parse(text, paragraphs, hidden=[q.span for q in found], model=model))
    sections = tuple(headed_sections(work))
    return Prepared(text, paragraphs, found, convention, parsed, script, sections)


def _with_script(
    found: Sequence[FoundQuote], script: Sequence[ScriptLine]
) -> tuple[FoundQuote, ...]:
    """The quotations with each script line's words as one, replacing any found inside it."""
    lines = [Span(line.label.start, line.said.end) for line in script]
    kept = [q for q in found if not any(q.span.overlaps(line) for line in lines)]
    added = [FoundQuote(line.said, line.paragraph) for line in script]
    return tuple(sorted((*kept, *added), key=lambda q: q.span.start))


def attribute(
    prepared: Prepared,
    *,
    known: Sequence[KnownCharacter] | None = None,
    packs: tuple[FandomPack, ...] = (),
    rank: bool = True,
) -> DialogueResult:
    """Build the cast and attribute every quotation of a prepared work.

    With ``rank`` (the default) the shipped speaker ranker revises what the sieves only
    guessed (:mod:`ficlens.dialogue.ranker`); without it the answers are the sieves' alone.
    """
    text = prepared.text
    labels = [(line.paragraph, line.label) for line in prepared.script]
    cast = build_cast(text, prepared.parsed, known=known, packs=packs, labels=labels)
    cast = voiced_cast(cast, prepared.sections)  # "Draco's POV": Draco is that section's "I"
    quotes = _attributed(prepared, cast)
    if cast.narrator:
        cast, quotes = _name_narrator(text, cast, quotes, packs, prepared.paragraphs)
    if rank:
        quotes = readdress(rerank(prepared, quotes, cast=cast), addressing(prepared, cast))
    quotes = tuple(_not_to_themself(q) for q in quotes)
    cast = retired_narrator(cast, quotes)
    diagnostics = tuple(
        f"unclosed quotation mark at offset {q.span.start - 1}; closed at the end of its paragraph"
        for q in prepared.found
        if q.unclosed
    )
    if prepared.script:
        count = len(prepared.script)
        diagnostics += (
            f"script format: {counted(count, 'line')} written `NAME: words`; each is spoken by its"
            " NAME",
        )
    return DialogueResult(
        cast, quotes, prepared.convention, prepared.paragraphs, diagnostics, prepared.parsed
    )


def _attributed(prepared: Prepared, cast: Cast) -> tuple[Quote, ...]:
    """Every quotation with its speaker, in the order of ``prepared.found``.

    The sieves decide the quotations; a script line's label its speaker (:func:`.script.speak`).
    """
    text, script = prepared.text, {line.said.start: line for line in prepared.script}
    marked = [q for q in prepared.found if q.span.start not in script]
    sieved = iter(
        attribute_speakers(
            text, marked, paragraphs=prepared.paragraphs, parsed=prepared.parsed, cast=cast
        )
    )
    spoken = iter(speak(text, prepared.script, cast))
    return tuple(next(spoken) if q.span.start in script else next(sieved) for q in prepared.found)


def _not_to_themself(quote: Quote) -> Quote:
    """The quotation without its addressee when that is its speaker.

    ``"It is me, Tom, Nagini,"`` names the speaker after the addressee; whichever name a
    stage took for the addressee, no one speaks to themself.
    """
    if quote.addressee is not None and quote.addressee == quote.speaker:
        return replace(quote, addressee=None)
    return quote


def _merged(quote: Quote, narrator: str, known: str) -> Quote:
    """A quotation with the narrator's id replaced by ``known``'s; no one speaks to themself."""
    speaker = known if quote.speaker == narrator else quote.speaker
    addressee = known if quote.addressee == narrator else quote.addressee
    return _not_to_themself(replace(quote, speaker=speaker, addressee=addressee))


def _name_narrator(
    text: str,
    cast: Cast,
    quotes: tuple[Quote, ...],
    packs: tuple[FandomPack, ...] = (),
    paragraphs: Sequence[Span] = (),
) -> tuple[Cast, tuple[Quote, ...]]:
    """Give the narrator the name others call them; merge with that character if known.

    A first-person narrator no one names aloud takes the name that signs the letters of the
    story's ``paragraphs``, if any (:func:`.narrator.signed_name`).

    A name a fandom pack knows gives the canonical name and pronouns (``Hermione`` is Hermione
    Granger, she/her). The ``you`` of a second-person story is renamed the same way, but never
    merged with a character the narration names (``Draco`` there is someone ``you`` talk to),
    and a reader-insert's ``Reader`` is never renamed.
    """
    narrator = cast.narrator
    assert narrator is not None
    if cast.reader_insert:  # the reader, whatever Y/N is
        return cast, quotes
    named = any(c.id == narrator and c.canon for c in cast.characters)
    # a narrator the quotations already named after a canon character keeps that name unless
    # the answers to their own lines say otherwise (the weaker fallbacks need ``resolve``)
    name = narrator_name(
        text,
        quotes,
        narrator,
        resolve=None if named else cast.resolve,
        is_name=lambda word: is_pack_name(word, packs or None),
    )
    if name is None and not named and cast.person != "second":
        name = signed_name(text, paragraphs)  # a story in letters: the narrator signs them
    if name is None:
        return cast, quotes
    known = cast.resolve(name)
    if known and known != narrator and cast.person == "second":
        return cast, quotes  # "you" is no one the narration names in the third person
    _, nameless, pronoun = NAMELESS[cast.narration]
    if known and known != narrator:
        merged = tuple(_merged(q, narrator, known) for q in quotes)
        characters = tuple(
            replace(c, aliases=_also(c, name, pronoun))  # merged: also "I", as the others call
            if c.id == known
            else c
            for c in cast.characters
            if c.id != narrator
        )
        return replace(cast, characters=characters, narrator=known), merged
    canon = (find_canon(name, packs) or family_lead(name, None, packs)) if packs else None
    characters = tuple(
        (
            replace(c, name=name, aliases=(pronoun, nameless))
            if canon is None
            else replace(
                c,
                name=canon.name,
                aliases=tuple(dict.fromkeys((name, pronoun, nameless))),
                gender=c.gender or canon.pronouns,
                canon=True,
            )
        )
        if c.id == narrator
        else c
        for c in cast.characters
    )
    return replace(cast, characters=characters), quotes


def _also(character: Character, *names: str) -> tuple[str, ...]:
    """The character's aliases with ``names`` added (once each, never its own name)."""
    added = (n for n in names if n != character.name and n not in character.aliases)
    return (*character.aliases, *dict.fromkeys(added))


def analyze_dialogue(
    work: Work,
    *,
    known: Sequence[KnownCharacter] | None = None,
    packs: tuple[FandomPack, ...] = (),
    model: str = DEFAULT_MODEL,
    script: Sequence[ScriptLine] | None = None,
) -> DialogueResult:
    """Find the quotations, the cast and the speakers of a work.

    Args:
        work: the structured work.
        known: characters to use as the roster instead of building one (gold-roster evaluation
            or a user's list).
        packs: fandom packs of the work's fandoms, for canon names.
        model: the spaCy pipeline package.
        script: the work's script-format lines, when found already (:func:`.script.find_script`).
    """
    prepared = prepare(work, model=model, script=script, packs=packs)
    return attribute(prepared, known=known, packs=packs)
