"""The public Python API: what the CLI does, importable.

Example:
    >>> import ficlens
    >>> work = ficlens.read("story.txt")            # doctest: +SKIP
    >>> ficlens.analyze(work).to_json()["schema"]   # doctest: +SKIP
    'ficlens.analysis/1'
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from ficlens.content import METHOD as CONTENT_METHOD
from ficlens.content import CastView, analyze_content
from ficlens.dialogue import METHOD as DIALOGUE_METHOD
from ficlens.dialogue import analyze_dialogue, story_paragraphs
from ficlens.dialogue.pov import METHOD as POV_METHOD
from ficlens.dialogue.pov import with_points_of_view
from ficlens.dialogue.script import ScriptLine, find_script, recased
from ficlens.dialogue.truecase import lower_case, truecased
from ficlens.fandoms import FandomMatch, cast_packs, detect_fandoms, load_packs
from ficlens.ingest import read_raw
from ficlens.model import Analysis, Fandom, Work
from ficlens.nlp import DEFAULT_MODEL
from ficlens.nlp import METHOD as NLP_METHOD
from ficlens.nlp.language import looks_english
from ficlens.settings import Settings
from ficlens.structure import METHOD as STRUCTURE_METHOD
from ficlens.structure import build_work
from ficlens.structure.patterns import is_disclaimer

FANDOM_METHOD = "fandoms.packs.v3"
DISCLAIMER_CHARS = 400
"""How much of a disclaimer paragraph is read for the canon it names (as the notes rules do)."""
_NOT_ENGLISH = (
    "the text does not look like English; cast, dialogue and the rating were not analysed "
    "(rating: unknown, unsupported language)"
)


def current_methods() -> dict[str, str]:
    """The versioned method of each stage this FicLens runs (``ingest`` depends on the file).

    An analysis whose ``methods`` name another version of a stage was made by another FicLens.
    """
    return {
        "structure": STRUCTURE_METHOD,
        "fandoms": FANDOM_METHOD,
        "nlp": NLP_METHOD,
        "dialogue": DIALOGUE_METHOD,
        "pov": POV_METHOD,
        "content": CONTENT_METHOD,
    }


def outdated_stages(methods: Mapping[str, str]) -> list[str]:
    """The stages of a stored analysis (its ``methods``) that this FicLens runs differently.

    Example:
        >>> outdated_stages({"structure": "structure.rules.v1", "content": "content.lexicon.v1"})
        ['content']
    """
    current = current_methods()
    return [stage for stage, method in methods.items() if current.get(stage, method) != method]


def read(path: str | os.PathLike[str], *, settings: Settings | None = None) -> Work:
    """Read a fic file (``.txt``, ``.html``, ``.epub``; the format is sniffed) into a Work.

    Raises:
        ficlens.InputError: the file cannot be read as a story; the message says why.
    """
    raw = read_raw(path, settings=settings)
    return build_work(raw)


def work_fandoms(work: Work, script: Sequence[ScriptLine] | None = None) -> tuple[FandomMatch, ...]:
    """The fandoms a work belongs to, from its text and its declared fandom tags.

    A script's labels in capitals (``HARRY:``) are read as names (``Harry:``) for the packs,
    and a story written all in lower case with the bundled packs' names capitalised
    (:func:`~ficlens.dialogue.truecase.truecased`); ``script`` gives its lines when the
    caller has found them already.
    """
    paragraphs = story_paragraphs(work)
    if script is None:
        script = find_script(work.text, paragraphs)
    text = recased(work.text, script)
    if lower_case(text, paragraphs):
        text = truecased(text, load_packs())
    return detect_fandoms(text, declared=(*work.metadata.fandoms, *disclaimers(work)))


def disclaimers(work: Work) -> tuple[str, ...]:
    """The work's disclaimer paragraphs, each cut to ``DISCLAIMER_CHARS``.

    ``I don't own Harry Potter`` declares the canon as a fandom tag would: a story that names
    its people mostly as *he* and *she* may name too few of them for the packs, but its author
    said whose world it is.
    """
    found = []
    for note in work.notes:
        if note.kind != "disclaimer" and "disclaimer" not in note.labels:
            continue
        for paragraph in note.span.of(work.text).splitlines():
            if is_disclaimer(paragraph):
                found.append(paragraph.strip()[:DISCLAIMER_CHARS])
    return tuple(found)


def analyze(work: Work, *, nlp: bool = True, model: str = DEFAULT_MODEL) -> Analysis:
    """Analyse a work: fandoms, cast, dialogue, points of view, and what to know before reading.

    What to know before reading: rating, warnings, relationships, tags and a summary.

    Args:
        work: the structured work (from :func:`read`).
        nlp: run the spaCy stages (cast, dialogue, point of view, relationships); ``False``
            gives the anatomy, fandoms, rating, warnings, tags and summary, in a fraction of the
            time.
        model: the spaCy pipeline package.
    """
    source = work.source
    methods = [("ingest", f"ingest.{source.format}.{source.flavour}.v1"), *work.methods]
    script = find_script(work.text, story_paragraphs(work))
    matches = work_fandoms(work, script)
    fandoms = tuple(Fandom(m.pack.name, round(m.score, 2), m.declared, m.evidence) for m in matches)
    methods.append(("fandoms", FANDOM_METHOD))
    english = looks_english(work.text)
    if not nlp or not english:
        content = analyze_content(
            work, story_paragraphs(work), supported=english, fandoms=[f.name for f in fandoms]
        )
        methods.append(("content", CONTENT_METHOD))
        diagnostics = () if english else (_NOT_ENGLISH,)
        return Analysis(
            work, tuple(methods), fandoms=fandoms, language="en" if english and nlp else None,
            diagnostics=diagnostics, content=content,
        )  # fmt: skip
    result = analyze_dialogue(
        work, packs=cast_packs([m.pack for m in matches]), model=model, script=script
    )
    methods += [("nlp", NLP_METHOD), ("dialogue", DIALOGUE_METHOD), ("pov", POV_METHOD)]
    cast = result.cast
    view = CastView(
        cast.characters, cast.mentions, result.quotes, cast.narrator, cast.person, cast.voices
    )
    content = analyze_content(work, result.paragraphs, cast=view, fandoms=[f.name for f in fandoms])
    methods.append(("content", CONTENT_METHOD))
    return Analysis(
        work=with_points_of_view(work, result.parsed, cast),
        methods=tuple(methods),
        characters=cast.characters,
        quotes=result.quotes,
        fandoms=fandoms,
        language="en",
        diagnostics=result.diagnostics,
        content=content,
    )


def analyze_file(
    path: str | os.PathLike[str], *, settings: Settings | None = None, nlp: bool = True
) -> Analysis:
    """Read and analyse one file."""
    return analyze(read(path, settings=settings), nlp=nlp)
