"""The public Python API: what the CLI does, importable.

Example:
    >>> import ficlens
    >>> work = ficlens.read("story.txt")            # doctest: +SKIP
    >>> ficlens.analyze(work).to_json()["schema"]   # doctest: +SKIP
    'ficlens.analysis/1'
"""

from __future__ import annotations

import os

from ficlens.ingest import read_raw
from ficlens.model import Analysis, Work
from ficlens.settings import Settings
from ficlens.structure import build_work


def read(path: str | os.PathLike[str], *, settings: Settings | None = None) -> Work:
    """Read a fic file (``.txt``, ``.html``, ``.epub``; the format is sniffed) into a Work.

    Raises:
        ficlens.InputError: the file cannot be read as a story; the message says why.
    """
    raw = read_raw(path, settings=settings)
    return build_work(raw)


def analyze(work: Work) -> Analysis:
    """Analyse a work. Today: its anatomy; cast, dialogue and content come in later stages."""
    source = work.source
    ingest = f"ingest.{source.format}.{source.flavour}.v1"
    return Analysis(work=work, methods=(("ingest", ingest), *work.methods))


def analyze_file(path: str | os.PathLike[str], *, settings: Settings | None = None) -> Analysis:
    """Read and analyse one file."""
    return analyze(read(path, settings=settings))
