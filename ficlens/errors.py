"""FicLens's exceptions. Library code raises these; only the CLI turns them into exit codes."""

from __future__ import annotations


class FicLensError(Exception):
    """Base class of every error FicLens raises on purpose."""


class InputError(FicLensError):
    """A file cannot be read as a work; the message names the file and the problem.

    Attributes:
        path: the file's path as given.
        reason: the problem, in words a reader understands.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class TooLargeError(InputError):
    """A file (or an archive member) is larger than the configured limit."""


class UnsupportedFormatError(InputError):
    """A file is of a kind FicLens does not read (PDF, DOCX, images, binary data)."""
