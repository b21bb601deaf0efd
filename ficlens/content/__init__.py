"""Before you read: content signals, rating, warnings, relationships, tags and a summary.

:func:`analyze_content` is the stage's entry point; ``docs/content.md`` explains each part and
``docs/evaluation.md`` how well they agree with AO3 authors' labels.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ficlens.cast.person import Person
from ficlens.content import ages, deaths
from ficlens.content.cooccurrence import find_near
from ficlens.content.corpus import AO3_RATINGS
from ficlens.content.evidence import pushing_sentences
from ficlens.content.features import capitalised_words, signal_features, word_counts
from ficlens.content.incest import incest_warnings
from ficlens.content.linear import LinearModel, load_model
from ficlens.content.rating import decide, declared_rating, disagreement, ffn_rating
from ficlens.content.relationships import categories, find_relationships
from ficlens.content.signals import (
    Hit,
    find_hits,
    graphic_passages,
    harm_passages,
    romance_passages,
    sexual_passages,
    signal_specs,
    summarise,
)
from ficlens.content.stacked import load_stacked
from ficlens.content.summary import paragraphs_touching, summarize
from ficlens.content.tags import detect_tags
from ficlens.content.warnings import archive_warnings, content_warnings
from ficlens.dialogue.script import METHOD as SCRIPT_METHOD
from ficlens.model import Character, Content, Quote, Rating, Reason, Signal, Span, Work
from ficlens.stats import count_words

METHOD = "content.lexicon+trees.v8"
EVIDENCE = 3
ROMANCE_MODEL = "romance"
"""The text model of whether a story is about a romantic pairing (``ficlens train pairings``)."""
PAIRING_MODEL = "pairing"
"""The ranker of candidate pairs for the main pairing."""

_REASON_ORDER = ("sexual", "non_consent", "violence", "death", "self_harm", "abuse", "minor")
_ABSENCE_ORDER = (
    "sexual", "non_consent", "violence", "death", "self_harm", "abuse", "profanity", "substances"
)  # fmt: skip
"""The signals whose absence a rating's reasons state (a stated age is no content)."""
_WARNED = {
    "Graphic Depictions Of Violence": "violence",
    "Major Character Death": "death",
    "Rape/Non-Con": "non_consent",
    "Underage Sex": "sexual",
}
"""The signal an archive warning speaks of: never "none found" beside the warning."""
_REASON_WORDS = {
    "sexual": "sexual content",
    "non_consent": "non-consent",
    "violence": "violence",
    "death": "death",
    "self_harm": "self-harm or suicide",
    "abuse": "abuse",
    "minor": "minors",
    "profanity": "profanity",
    "substances": "alcohol or drugs",
}


@dataclass(frozen=True, slots=True)
class CastView:
    """What the content stage needs from the cast and dialogue stages (all optional)."""

    characters: Sequence[Character] = ()
    mentions: Sequence[tuple[Span, str]] = ()
    quotes: Sequence[Quote] = ()
    narrator: str | None = None
    person: Person | None = None
    voices: Sequence[tuple[Span, str]] = ()


def analyze_content(
    work: Work,
    paragraphs: Sequence[Span],
    *,
    cast: CastView | None = None,
    supported: bool = True,
    fandoms: Sequence[str] = (),
) -> Content:
    """The "before you read" analysis of a work.

    Args:
        work: the structured work.
        paragraphs: its story paragraphs (author's notes excluded).
        cast: characters, mentions and quotations when the cast stage ran; relationships need
            them.
        supported: the text is in a supported language; when not, the rating is unknown, not
            guessed.
        fandoms: the names of the canons the work belongs to; tags of one canon need it.
    """
    declared, declared_from, _ = declared_rating(work.metadata, work.text, work.notes)
    text = work.text
    words = sum(count_words(p.of(text)) for p in paragraphs)
    if not supported or not words:
        why = "unsupported language" if not supported else "no story text after removing notes"
        rating = Rating(None, None, 0.0, declared=declared, declared_from=declared_from,
                        reasons=(Reason(f"unknown: {why}"),))  # fmt: skip
        return Content(rating=rating)
    hits = find_hits(text, paragraphs)
    view = cast or CastView()
    signals, young = _cast_levels(text, hits, summarise(hits, words), view)
    by_name = {signal.name: signal for signal in signals}
    story = " ".join(p.of(text) for p in paragraphs)  # notes left out
    counts = word_counts(story)
    features = signal_features(hits, words)
    names = {c.id: c.name for c in view.characters}
    unshown = _name_words(view) | capitalised_words(story, counts)
    archive = archive_warnings(counts, features, by_name, find_near(hits), text=story)
    warned = frozenset(_WARNED[w.name] for w in archive if w.name in _WARNED)
    rating = _rating(text, paragraphs, counts, features, by_name, names, unshown, warned)
    rating = replace(
        rating, declared=declared, declared_from=declared_from,
        disagreement=disagreement(declared, rating.ao3, dict(rating.probabilities)),
        reasons=(*rating.reasons, *_canon_age_reasons(young, names)),
    )  # fmt: skip
    romance = romance_passages(hits)
    graphic = graphic_passages(hits)
    likely = (  # only a cast can have pairings: no model run without one (--structure-only)
        load_model(ROMANCE_MODEL).probabilities(counts, features)[1] if view.characters else None
    )
    relationships = find_relationships(
        text, paragraphs, view.characters, view.mentions, view.quotes, romance, view.narrator,
        EVIDENCE, romance_likely=likely, ranker=load_model(PAIRING_MODEL),
        person=view.person, sexual=sexual_passages(hits), harm=harm_passages(hits, paragraphs),
        voices=view.voices,
    )  # fmt: skip
    return Content(
        signals=signals,
        rating=rating,
        warnings=(
            *archive,
            *content_warnings(hits, text=work.text, signals=by_name),
            *incest_warnings(relationships, view.characters),
        ),
        relationships=relationships,
        categories=categories(relationships, view.characters) if view.characters else (),
        tags=detect_tags(
            text,
            paragraphs,
            scenes=work.scenes,
            chapters=work.chapters,
            signals=signals,
            counts=counts,
            fandoms=fandoms,
        ),
        summary=summarize(
            text,
            paragraphs,
            characters=view.characters,
            avoid=paragraphs_touching(paragraphs, graphic, reach=0),
            near=paragraphs_touching(paragraphs, graphic),
            quotations=[quote.span for quote in view.quotes] if view.quotes else None,
            whole=script_lines(text, view.quotes),
            third_person=bool(view.characters) and view.person is None,
        ),
    )


def script_lines(text: str, quotes: Sequence[Quote]) -> list[Span]:
    """Each script-format line whole: the speaker's label and what it says, in text order.

    Example:
        >>> text = "HARRY: Hi. Bye."
        >>> said = Quote(Span(7, 15), "c1", None, SCRIPT_METHOD, 1.0)
        >>> [line.of(text) for line in script_lines(text, [said])]
        ['HARRY: Hi. Bye.']
    """
    lines = []
    for quote in quotes:
        if quote.method == SCRIPT_METHOD:
            start = text.rfind("\n", 0, quote.span.start) + 1
            while start < quote.span.start and text[start].isspace():
                start += 1
            lines.append(Span(start, quote.span.end))
    return sorted(lines)


def _cast_levels(
    text: str, hits: Sequence[Hit], signals: Sequence[Signal], view: CastView
) -> tuple[tuple[Signal, ...], tuple[ages.Age, ...]]:
    """Signals raised by what the cast tells: who dies, who in a sexual scene is a minor.

    Also returns the canon ages under 18 of characters in sexual scenes the story gives no age.
    """
    died = deaths.character_deaths(text, hits, view.characters, view.mentions)
    aged = ages.scene_ages(text, hits, view.characters, view.mentions)
    raised = tuple(
        deaths.refine(s, died) if s.name == "death" else ages.refine(s, aged) if s.name == "minor"
        else s
        for s in signals
    )  # fmt: skip
    return raised, ages.canon_minors(aged)


def _canon_age_reasons(young: Sequence[ages.Age], names: Mapping[str, str]) -> list[Reason]:
    """A reason naming canon minors in sexual scenes, with the first passage each is near."""
    if not young:
        return []
    who = ", ".join(f"{names.get(a.character, a.character)} ({a.years})" for a in young)
    text = f"canon age under 18 in a sexual scene: {who}; the story may age them up"
    return [Reason(text, tuple(dict.fromkeys(a.sentence for a in young))[:EVIDENCE])]


def _rating(
    text: str,
    paragraphs: Sequence[Span],
    counts: Mapping[str, int],
    features: Sequence[float],
    signals: Mapping[str, Signal],
    names: Mapping[str, str],
    name_words: frozenset[str] = frozenset(),
    warned: frozenset[str] = frozenset(),
) -> Rating:
    model = load_stacked("rating")
    values = model.tree_values(counts, features)  # the words stage runs once
    raw = model.trees.probabilities(values)
    choice = decide(raw, signals)  # the decision reads the trees' own probabilities
    probabilities = model.calibrated(raw)
    ao3 = AO3_RATINGS[choice]
    pulls = model.pulls(values, choice)
    reasons = [
        *_signal_reasons(signals, names, pulls),
        *_absent_reason(signals, warned),
        *_word_reason(text, paragraphs, model.words, choice, name_words),
    ]
    return Rating(
        ao3=ao3,
        ffn=ffn_rating(ao3, signals),
        confidence=round(probabilities[choice], 3),
        probabilities=tuple(
            (name, round(p, 3)) for name, p in zip(AO3_RATINGS, probabilities, strict=True)
        ),
        reasons=tuple(reasons),
    )


def _signal_reasons(
    signals: Mapping[str, Signal],
    names: Mapping[str, str],
    pulls: Mapping[str, float] | None = None,
) -> list[Reason]:
    """A reason per signal above its lowest level, with its passages, strongest first.

    A mere mention of wine or of a death is no reason for a rating; any profanity is, since
    even mild swearing moves K to K+. The characters a signal is about are named
    ("death: major character (Fred Weasley)"). With ``pulls`` (how much each signal pulled the
    rating model towards the chosen rating, :meth:`StackedModel.pulls`), the reasons that
    pulled hardest come first; ties, and signals the model did not weigh, keep the fixed order.
    A stated age is a reason only beside some sexual content: in a story with none, ``until he
    was eleven`` says nothing a reader needs about its rating.
    """
    lowest = {spec.name: spec.levels[0].name for spec in signal_specs()}
    sexual = signals.get("sexual")
    chaste = sexual is None or sexual.level == "none"
    reasons: list[tuple[float, Reason]] = []
    for name in (*_REASON_ORDER, "profanity", "substances"):
        signal = signals.get(name)
        if signal is None or signal.level == "none" or not signal.evidence:
            continue
        if name == "minor" and chaste:
            continue
        if signal.level == lowest.get(name) and name != "profanity":
            continue
        level = signal.level.replace("_", " ")
        who = ", ".join(names.get(ident, ident) for ident in signal.characters[:EVIDENCE])
        text = f"{_REASON_WORDS[name]}: {level}" + (f" ({who})" if who else "")
        reasons.append((-(pulls or {}).get(name, 0.0), Reason(text, signal.evidence[:EVIDENCE])))
    return [reason for _, reason in sorted(reasons, key=lambda pair: pair[0])]


def _absent_reason(signals: Mapping[str, Signal], warned: frozenset[str]) -> list[Reason]:
    """What was looked for and not found at all, as a reason of its own (it has no passages).

    A General Audiences rating rests as much on what a story lacks as on what it has: "none
    found: sexual content, violence, ..." says what the reader can count on. Only signals with
    no hit at any level are listed (a mention of wine is not "none"), framed hits included: a
    death the story remembers (``since she died``) is not "none" either, nor is one an archive
    warning speaks of (``warned``): a Rape/Non-Con warning its model and the refusals near a
    scene raise stands against "none found: non-consent".
    """
    missing = [
        _REASON_WORDS[name]
        for name in _ABSENCE_ORDER
        if name in signals
        and signals[name].level == "none"
        and not signals[name].framed
        and name not in warned
    ]
    return [Reason(f"none found: {', '.join(missing)}")] if missing else []


def _name_words(view: CastView) -> frozenset[str]:
    """The words of the characters' names and aliases, in lower case."""
    return frozenset(
        word
        for character in view.characters
        for name in (character.name, *character.aliases)
        for word in word_counts(name)
    )


def _word_reason(
    text: str,
    paragraphs: Sequence[Span],
    model: LinearModel,
    choice: int,
    name_words: frozenset[str] = frozenset(),
) -> list[Reason]:
    """The sentences whose words pull hardest towards the chosen rating over the others.

    Names are left out of the count, the cast's and any word the story never writes in lower
    case: that Mature works often star Theo is a fact of the training data, not a reason a
    reader can check (*"Theo stated."*).
    """
    push = {w: v for w, v in model.class_push(choice).items() if w not in name_words}
    spans = pushing_sentences(text, paragraphs, push, limit=EVIDENCE)
    if not spans:
        return []
    return [Reason(f"wording typical of {model.classes[choice]} works", spans)]


__all__ = ["METHOD", "CastView", "analyze_content"]
