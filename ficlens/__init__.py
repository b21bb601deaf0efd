"""FicLens reads fan fiction closely: anatomy, cast, dialogue, pairings, rating and warnings.

The public API::

    import ficlens
    work = ficlens.read("story.epub")
    analysis = ficlens.analyze(work)
    analysis.to_json()   # the ficlens.analysis/1 output contract
"""

from ficlens.api import analyze, analyze_file, read
from ficlens.contract import SCHEMA
from ficlens.errors import FicLensError, InputError, TooLargeError, UnsupportedFormatError
from ficlens.model import (
    Analysis,
    Chapter,
    Metadata,
    Note,
    RawWork,
    Scene,
    Source,
    Span,
    Work,
)
from ficlens.settings import Settings

__version__ = "0.1.0.dev0"

__all__ = [
    "SCHEMA",
    "Analysis",
    "Chapter",
    "FicLensError",
    "InputError",
    "Metadata",
    "Note",
    "RawWork",
    "Scene",
    "Settings",
    "Source",
    "Span",
    "TooLargeError",
    "UnsupportedFormatError",
    "Work",
    "__version__",
    "analyze",
    "analyze_file",
    "read",
]
