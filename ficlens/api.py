"""The public Python API: what the CLI does, importable.

Example:
    >>> import ficlens
    >>> work = ficlens.read("story.txt")            # doctest: +SKIP
    >>> ficlens.analyze(work).to_json()["schema"]   # doctest: +SKIP
    'ficlens.analysis/1'
"""

from __future__ import annotations

import os

from ficlens.dialogue import METHOD as DIALOGUE_METHOD
from ficlens.dialogue import analyze_dialogue
from ficlens.dialogue.pov import METHOD as POV_METHOD
from ficlens.dialogue.pov import with_points_of_view
from ficlens.fandoms import detect_fandoms
from ficlens.ingest import read_raw
from ficlens.model import Analysis, Fandom, Work
from ficlens.nlp import DEFAULT_MODEL
from ficlens.nlp import METHOD as NLP_METHOD
from ficlens.nlp.language import looks_english
from ficlens.settings import Settings
from ficlens.structure import build_work

FANDOM_METHOD = "fandoms.packs.v1"


def read(path: str | os.PathLike[str], *, settings: Settings | None = None) -> Work:
    """Read a fic file (``.txt``, ``.html``, ``.epub``; the format is sniffed) into a Work.

    Raises:
        ficlens.InputError: the file cannot be read as a story; the message says why.
    """
    raw = read_raw(path, settings=settings)
    return build_work(raw)


def analyze(work: Work, *, nlp: bool = True, model: str = DEFAULT_MODEL) -> Analysis:
    """Analyse a work: fandoms, cast, quotations with speakers, points of view.

    Args:
        work: the structured work (from :func:`read`).
        nlp: run the spaCy stages (cast, dialogue, point of view); ``False`` gives the anatomy
            and fandoms only, in a fraction of the time.
        model: the spaCy pipeline package.
    """
    source = work.source
    methods = [("ingest", f"ingest.{source.format}.{source.flavour}.v1"), *work.methods]
    matches = detect_fandoms(work.text, declared=work.metadata.fandoms)
    fandoms = tuple(Fandom(m.pack.name, round(m.score, 2), m.declared, m.evidence) for m in matches)
    methods.append(("fandoms", FANDOM_METHOD))
    if not nlp:
        return Analysis(work, tuple(methods), fandoms=fandoms, language=None)
    if not looks_english(work.text):
        note = "the text does not look like English; cast and dialogue were not analysed"
        return Analysis(work, tuple(methods), fandoms=fandoms, language=None, diagnostics=(note,))
    result = analyze_dialogue(work, packs=tuple(m.pack for m in matches), model=model)
    methods += [("nlp", NLP_METHOD), ("dialogue", DIALOGUE_METHOD), ("pov", POV_METHOD)]
    parsed = result.parsed
    return Analysis(
        work=with_points_of_view(work, parsed, result.cast),
        methods=tuple(methods),
        characters=result.cast.characters,
        quotes=result.quotes,
        fandoms=fandoms,
        language="en",
        diagnostics=result.diagnostics,
    )


def analyze_file(
    path: str | os.PathLike[str], *, settings: Settings | None = None, nlp: bool = True
) -> Analysis:
    """Read and analyse one file."""
    return analyze(read(path, settings=settings), nlp=nlp)
