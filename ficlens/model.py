"""FicLens's data model: frozen dataclasses passed between the pipeline's stages.

Every stretch of text is a :class:`Span` of character offsets into the work's text, so that
``text[span.start:span.end]`` is exactly the stretch. Stages never mutate these values; they
return new ones.

The flow is ``source file -> RawWork (ingest) -> Work (structure) -> Analysis``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SourceFormat = Literal["text", "html", "epub"]
"""The container format a work was read from."""

SourceFlavour = Literal["plain", "ffn", "ao3", "fanficfare", "generic"]
"""Which site or tool produced the file, when the ingest step recognised it."""

NoteKind = Literal[
    "author_before",
    "author_after",
    "author_inline",
    "disclaimer",
    "summary",
    "front_matter",
]
"""What a note is. ``front_matter`` is a header block such as ``Title: ... / Rating: T``."""

ChapterKind = Literal["chapter", "prologue", "epilogue", "interlude"]
SceneKind = Literal["scene", "time_skip", "flashback", "interlude"]
MarkerKind = Literal["chapter", "heading", "note", "break"]


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open range ``[start, end)`` of character offsets into a work's text.

    Example:
        >>> Span(4, 9).of("The Copy Ninja")
        'Copy '
    """

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def of(self, text: str) -> str:
        """Return the stretch of ``text`` this span covers."""
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        """Whether ``other`` lies wholly inside this span."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def to_json(self) -> dict[str, int]:
        """The output contract's form of a span."""
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a source *declares* about a work: its site's fields or its author's header lines.

    Nothing here is inferred from the story text; empty tuples and ``None`` mean "not declared".
    """

    title: str | None = None
    authors: tuple[str, ...] = ()
    summary: str | None = None
    rating: str | None = None
    warnings: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    fandoms: tuple[str, ...] = ()
    relationships: tuple[str, ...] = ()
    characters: tuple[str, ...] = ()
    freeforms: tuple[str, ...] = ()
    genres: tuple[str, ...] = ()
    language: str | None = None
    series: tuple[str, ...] = ()
    chapter_titles: tuple[str, ...] = ()
    chapters: str | None = None
    source_url: str | None = None
    words: int | None = None
    status: Literal["complete", "in_progress"] | None = None
    published: str | None = None
    updated: str | None = None
    site: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """Where a work came from and how it was read."""

    path: str
    format: SourceFormat
    flavour: SourceFlavour
    sha256: str
    size: int
    encoding: str | None = None
    diagnostics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Marker:
    """A stretch of text whose role the source's markup states (AO3 notes, ``<hr>``, chapters).

    Attributes:
        kind: ``chapter`` (a whole chapter), ``heading`` (a chapter's heading line), ``note``
            (a note block; ``label`` is its :data:`NoteKind`) or ``break`` (a scene break).
        span: the stretch of text.
        label: the chapter title for ``chapter``, the note kind for ``note``.
    """

    kind: MarkerKind
    span: Span
    label: str = ""


@dataclass(frozen=True, slots=True)
class RawWork:
    """The output of ingest: the text, what the source declares, and what its markup says."""

    text: str
    metadata: Metadata
    source: Source
    markers: tuple[Marker, ...] = ()


@dataclass(frozen=True, slots=True)
class Note:
    """A stretch of text that is not story: author's notes, disclaimers, summaries.

    Attributes:
        kind: what the note is.
        span: where it is.
        chapter: the 1-based chapter it belongs to, or ``None`` for work-level notes.
        labels: what was recognised inside it, e.g. ``("disclaimer", "review_request")``.
        method: what found it: ``markup`` (the source said so) or a rule name.
    """

    kind: NoteKind
    span: Span
    chapter: int | None = None
    labels: tuple[str, ...] = ()
    method: str = "markup"


@dataclass(frozen=True, slots=True)
class Scene:
    """A continuous stretch of story inside a chapter, between scene breaks.

    Attributes:
        index: 1-based position in its chapter.
        span: from the scene's first story character (its heading, if any) to its last.
        segments: the story text of the scene, excluding inline author's notes; usually one
            segment equal to ``span``.
        kind: ``scene``, ``time_skip`` (opened by a heading like ``-Two Weeks Later-``),
            ``flashback`` or ``interlude``.
        heading: the heading line's text, stripped of decoration, or ``None``.
        heading_span: where the heading line is.
        break_before: the scene-break line that precedes the scene, if any.
        pov: the narration's person, ``first``, ``second`` or ``third``, filled in by the
            dialogue stage.
        focal: the id of the character the scene follows (the narrator in the first or second
            person, else the one most often the subject of the narration's verbs of thought
            and perception), filled in by the dialogue stage.
    """

    index: int
    span: Span
    segments: tuple[Span, ...]
    kind: SceneKind = "scene"
    heading: str | None = None
    heading_span: Span | None = None
    break_before: Span | None = None
    pov: str | None = None
    focal: str | None = None


@dataclass(frozen=True, slots=True)
class Chapter:
    """One chapter: its heading, its own notes and its scenes.

    Attributes:
        index: 1-based position in the work.
        title: the chapter's title (``"The Bridge"`` for ``Chapter 2: The Bridge``), or ``None``.
        span: the whole chapter, heading and chapter notes included.
        heading_span: the heading line, if the text has one.
        kind: ``chapter``, ``prologue``, ``epilogue`` or ``interlude``.
        number: the number the heading states (``Chapter 3`` -> 3), if any.
        scenes: the chapter's scenes in order.
    """

    index: int
    title: str | None
    span: Span
    heading_span: Span | None
    kind: ChapterKind
    number: int | None
    scenes: tuple[Scene, ...]


@dataclass(frozen=True, slots=True)
class Work:
    """A work with its anatomy: text, declared metadata, notes and chapters."""

    text: str
    metadata: Metadata
    source: Source
    notes: tuple[Note, ...]
    chapters: tuple[Chapter, ...]
    methods: tuple[tuple[str, str], ...] = field(default=())

    @property
    def scenes(self) -> tuple[Scene, ...]:
        """Every scene of every chapter, in order."""
        return tuple(scene for chapter in self.chapters for scene in chapter.scenes)


@dataclass(frozen=True, slots=True)
class Character:
    """A person of the story, with every name the text calls them by.

    Attributes:
        id: stable within one analysis (``c1``, ``c2`` ... by mention count; ``narrator``).
        name: the canonical name: AO3's form for canon characters, else the full name used
            most (when used at least twice), else the name used most.
        aliases: every other name used for them (titles and honorifics included as written).
        gender: referential gender as a pronoun set (``he/him``, ``she/her``, ``they/them``...),
            or ``None`` when the text does not say.
        canon: whether a fandom pack knows them.
        mentions: how many times the narration names them.
        first: offset of the first mention.
    """

    id: str
    name: str
    aliases: tuple[str, ...]
    gender: str | None
    canon: bool
    mentions: int
    first: int


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation and who says it to whom.

    Attributes:
        span: the words inside the quotation marks.
        speaker: the speaking character's id, or ``None`` when undecided.
        addressee: the id of the character spoken to, or ``None``.
        method: the sieve that decided the speaker (``speakers.speech_verb.v1`` ...).
        confidence: how sure that sieve is, 0-1.
        continued: the quotation goes on in the next paragraph.
        unclosed: its paragraph ended inside it with no continuation.
    """

    span: Span
    speaker: str | None
    addressee: str | None
    method: str
    confidence: float
    continued: bool = False
    unclosed: bool = False


@dataclass(frozen=True, slots=True)
class Fandom:
    """A fandom the work belongs to, with the passages that show it.

    Attributes:
        name: AO3's canonical fandom tag.
        score: detection strength (see ``ficlens.fandoms.detect_fandoms``).
        declared: the source's metadata names this fandom.
        evidence: passages that name the canon's places, terms or characters.
    """

    name: str
    score: float
    declared: bool
    evidence: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Signal:
    """A kind of content found in the story text, at a level, with its passages.

    Attributes:
        name: the signal (``sexual``, ``violence``, ``death``, ``profanity``, ``substances``,
            ``self_harm``, ``abuse``, ``non_consent``, ``minor`` and the others declared in
            ``ficlens/content/signals.toml``).
        level: the highest level the on-page evidence supports (see ``docs/content.md``).
        score: the evidence's strength, hits per thousand words weighted by level.
        evidence: the passages that support the level, strongest first (capped).
        framed: passages that matched but are negated, dreamt, hypothetical or remembered;
            they do not raise the level.
        hits: on-page hits at ``level`` or stronger.
        characters: ids of the characters the signal is about, when the cast tells: for
            ``death``, who dies on the page, major characters first.
    """

    name: str
    level: str
    score: float
    evidence: tuple[Span, ...]
    framed: tuple[Span, ...] = ()
    hits: int = 0
    characters: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason behind a decision, in words, with the passages behind it."""

    text: str
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Rating:
    """The content rating on AO3's and FanFiction.Net's scales.

    Attributes:
        ao3: General Audiences, Teen And Up Audiences, Mature or Explicit; ``None`` when the
            language is not supported (the rating is then unknown, not guessed).
        ffn: K, K+, T or M (see ``docs/content.md`` for the mapping).
        confidence: the model's probability of the chosen AO3 rating.
        probabilities: AO3 rating -> probability.
        declared: the rating the source or the author's own words declare, in AO3's names.
        declared_from: where the declared rating was read (``metadata`` or ``text``).
        disagreement: ``under`` when the declared rating is lower than the text supports,
            ``over`` when higher, ``None`` when they agree or nothing was declared.
        reasons: why, each with its evidence.
    """

    ao3: str | None
    ffn: str | None
    confidence: float
    probabilities: tuple[tuple[str, float], ...] = ()
    declared: str | None = None
    declared_from: str | None = None
    disagreement: str | None = None
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True, slots=True)
class ContentWarning:
    """An archive warning (``scheme="ao3"``) or an extended content warning (``"content"``).

    Attributes:
        name: AO3's name of the warning, or the content warning's.
        scheme: ``ao3`` or ``content``.
        confidence: an archive warning's calibrated chance (for "No Archive Warnings Apply",
            the chance that none applies); a content warning's rule strength.
        evidence: the passages that show it.
        possible: for "No Archive Warnings Apply", the archive warnings that did not fire but
            whose chance is notable, as ``(name, chance)``, likeliest first.
    """

    name: str
    scheme: str
    confidence: float
    evidence: tuple[Span, ...] = ()
    possible: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Tag:
    """A freeform tag or trope with the passages that show it."""

    name: str
    confidence: float
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Relationship:
    """Two or more characters in a romantic (``A/B``) or platonic (``A & B``) relationship.

    Attributes:
        characters: character ids, in tag order.
        kind: ``romantic`` or ``platonic``.
        tag: the AO3 tag form with canonical names (``Hatake Kakashi/Haruno Sakura``).
        score: strength of the evidence (higher is stronger; comparable within a work).
        main: a main pairing rather than one only mentioned.
        category: AO3 category of a romantic pairing (F/F, F/M, M/M, Other; Multi for a group),
            else ``None``.
        evidence: the passages that show it, strongest first.
        basis: what the evidence is: ``romance`` (passages whose romantic or sexual cues join
            the characters) or ``together`` (passages naming them together: always for a
            platonic pair; for a romantic one, the pairing is inferred from how the story is
            built around them, as no romance passage joins them).
    """

    characters: tuple[str, ...]
    kind: str
    tag: str
    score: float
    main: bool
    category: str | None = None
    evidence: tuple[Span, ...] = ()
    basis: str = "together"


@dataclass(frozen=True, slots=True)
class Content:
    """What a reader should know before reading: the ``content`` stage's output.

    Attributes:
        signals: content signals with their levels and evidence.
        rating: the rating on both scales.
        warnings: archive warnings first, then content warnings.
        relationships: pairings, main ones first.
        categories: AO3 categories (F/F, F/M, Gen, M/M, Multi, Other).
        tags: freeform tags and tropes.
        summary: an extractive summary that stops before the ending.
    """

    signals: tuple[Signal, ...] = ()
    rating: Rating | None = None
    warnings: tuple[ContentWarning, ...] = ()
    relationships: tuple[Relationship, ...] = ()
    categories: tuple[str, ...] = ()
    tags: tuple[Tag, ...] = ()
    summary: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything FicLens found in a work, ready for the output contract.

    Attributes:
        work: the structured work (scenes carry their point of view once dialogue ran).
        methods: which versioned method produced each part, e.g.
            ``("structure", "structure.rules.v1")``.
        characters: the cast, most mentioned first.
        quotes: every quotation with its speaker and addressee.
        fandoms: the fandoms detected or declared.
        language: the language the analysis assumed (``en``), or ``None`` when the text is not
            in a supported language and the cast and dialogue stages were skipped.
        diagnostics: what a reader should know about the analysis (unclosed quotation marks,
            unsupported language).
        content: rating, warnings, relationships, tags and summary (``None`` when the content
            stage did not run).
    """

    work: Work
    methods: tuple[tuple[str, str], ...] = ()
    characters: tuple[Character, ...] = ()
    quotes: tuple[Quote, ...] = ()
    fandoms: tuple[Fandom, ...] = ()
    language: str | None = "en"
    diagnostics: tuple[str, ...] = ()
    content: Content | None = None

    def to_json(self, *, include_text: bool = False) -> dict[str, object]:
        """Return the ``ficlens.analysis/1`` JSON object (see ``docs/output.md``).

        Args:
            include_text: put the work's text in the output under ``"text"``.
        """
        from ficlens.contract import analysis_to_json  # noqa: PLC0415 (contract imports model)

        return analysis_to_json(self, include_text=include_text)
