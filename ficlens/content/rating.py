"""The content rating: AO3's four ratings and FanFiction.Net's four, declared versus detected.

The AO3 rating comes from the ordinal ``rating`` linear model (words and content signals) and
a decision rule that minimises the expected cost of a mistake, where calling a Mature or
Explicit work General or Teen costs ``UNDER_COST`` times as much as a mistake the other way (a
reader who meets explicit content under a Teen label is harmed; one who skips a
Mature-labelled story loses little). A
story whose on-page sexual content reaches the ``explicit`` level, or the ``non_explicit`` one
in three or more passages (or in two, when the model gives Mature and Explicit together at
least 0.3), is never rated below Mature, and one with strong swearing in three or more
sentences never below Teen And Up.

FanFiction.Net's scale is mapped from AO3's (see ``docs/content.md``): General Audiences is K,
or K+ when the story has any mild violence, profanity or romance, or a death on the page;
Teen And Up is T; Mature and Explicit are both M, because FanFiction.Net does not accept MA
works.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ficlens.content.corpus import AO3_RATINGS
from ficlens.model import Metadata, Note, Signal, Span

UNDER_COST = 1.5
"""How much more an under-rating costs than an over-rating of the same distance."""

SEXUAL_FLOOR_HITS = 3
"""On-page passages of non-explicit sexual content that rule out General and Teen..."""
SEXUAL_HINT_HITS = 2
"""...or that do so when the model already gives Mature or Explicit at least..."""
SEXUAL_HINT_P = 0.3

FFN_RATINGS = ("K", "K+", "T", "M")

_FFN_TO_AO3 = {
    "K": "General Audiences",
    "K+": "General Audiences",
    "T": "Teen And Up Audiences",
    "M": "Mature",
    "MA": "Explicit",
}
_MPAA_TO_AO3 = {
    "G": "General Audiences",
    "PG": "General Audiences",
    "PG13": "Teen And Up Audiences",
    "R": "Mature",
    "NC17": "Explicit",
}
"""Film-style ratings, still common in older fics' headers, by FanFiction.Net's own equivalence
(K is G, K+ is PG, T is PG-13, M is R) and NC-17 as MA."""
_AO3_ALIASES = {
    "general": "General Audiences",
    "general audiences": "General Audiences",
    "g": "General Audiences",
    "teen": "Teen And Up Audiences",
    "teen and up": "Teen And Up Audiences",
    "teen and up audiences": "Teen And Up Audiences",
    "t&u": "Teen And Up Audiences",
    "mature": "Mature",
    "explicit": "Explicit",
    "e": "Explicit",
}
_DECLARED_IN_TEXT = re.compile(
    r"\b(?:rated|rating\s*[:\-]|rating\s+(?:is\s+now|is|now)|(?:now|became|becomes) rated)"
    r"\s*[:\-]?\s*(?:fiction\s+)?(?P<value>K\+|K|T|MA|M|NC-?17|PG-?13|PG|R|G|general(?: audiences)?"
    r"|teen(?: and up(?: audiences)?)?|mature|explicit)(?![\w+])",
    re.I,
)


_REASON = re.compile(r"\s*(?:\(.*\)|\[.*\]|\bfor\b.*|[,;:.!].*|\s[-–—]\s.*)$", re.I | re.S)
"""What may follow a declared rating to explain it: ``(for one kiss)``, ``for language``."""


def ao3_from_declared(value: str | None) -> str | None:
    """A declared rating in any common spelling, as AO3's name (``None`` if not a rating).

    A reason after the rating is ignored (``PG-13 (for one kiss)``, ``M for language``).

    Example:
        >>> ao3_from_declared("Fiction T"), ao3_from_declared("Teen And Up Audiences")
        ('Teen And Up Audiences', 'Teen And Up Audiences')
        >>> ao3_from_declared("PG-13 (for one kiss)"), ao3_from_declared("M for language")
        ('Teen And Up Audiences', 'Mature')
    """
    if not value:
        return None
    cleaned = value.strip()
    cleaned = re.sub(r"^(?:(?:rated|rating):?\s*)?(?:fiction\s+)?", "", cleaned, flags=re.I).strip()
    cleaned = _REASON.sub("", cleaned).strip() or cleaned
    if cleaned.upper() in _FFN_TO_AO3:
        return _FFN_TO_AO3[cleaned.upper()]
    film = cleaned.upper().replace("-", "").replace(" ", "")
    if film in _MPAA_TO_AO3:
        return _MPAA_TO_AO3[film]
    return _AO3_ALIASES.get(cleaned.lower())


def declared_rating(
    metadata: Metadata, text: str, notes: Sequence[Note]
) -> tuple[str | None, str | None, Span | None]:
    """The rating the source declares (``metadata``) or the author writes in a note (``text``).

    Returns:
        AO3's name of the rating, where it came from, and the span of the note's words.
    """
    from_metadata = ao3_from_declared(metadata.rating)
    if from_metadata:
        return from_metadata, "metadata", None
    found: tuple[str, Span] | None = None
    for note in notes:
        for match in _DECLARED_IN_TEXT.finditer(text, note.span.start, note.span.end):
            rating = ao3_from_declared(match.group("value"))
            if rating:
                found = (rating, Span(match.start(), match.end()))  # the last one wins
    if found is None:
        return None, None, None
    return found[0], "text", found[1]


def decide(
    probabilities: Sequence[float], signals: Mapping[str, Signal], *, under_cost: float = UNDER_COST
) -> int:
    """The index (into :data:`AO3_RATINGS`) of the rating with the least expected cost.

    A mistake costs its distance on the scale; calling a Mature or Explicit work General or
    Teen (across the line where sexual and graphic content begins) costs ``under_cost`` times
    that. Within either side the cost is symmetric, so General against Teen is decided on the
    probabilities alone.
    """
    mature = AO3_RATINGS.index("Mature")
    costs = []
    for predicted in range(len(AO3_RATINGS)):
        cost = 0.0
        for true, p in enumerate(probabilities):
            crossing = predicted < mature <= true
            cost += p * abs(true - predicted) * (under_cost if crossing else 1.0)
        costs.append(cost)
    choice = min(range(len(costs)), key=costs.__getitem__)
    sexual = signals.get("sexual")
    hinted = sum(probabilities[mature:]) >= SEXUAL_HINT_P
    if sexual is not None and (
        sexual.level == "explicit"
        or (
            sexual.level == "non_explicit"
            and sexual.hits >= (SEXUAL_HINT_HITS if hinted else SEXUAL_FLOOR_HITS)
        )
    ):
        choice = max(choice, mature)
    swearing = signals.get("profanity")
    if swearing is not None and swearing.level == "strong" and len(swearing.evidence) >= 3:
        choice = max(choice, AO3_RATINGS.index("Teen And Up Audiences"))
    return choice


def ffn_rating(ao3: str, signals: Mapping[str, Signal]) -> str:
    """FanFiction.Net's rating for an AO3 rating (see the module docstring)."""
    if ao3 == "General Audiences":
        mild = any(
            signals[name].level != "none" for name in ("violence", "profanity") if name in signals
        )
        romance = "sexual" in signals and signals["sexual"].level != "none"
        death = "death" in signals and signals["death"].level not in ("none", "mentioned")
        return "K+" if mild or romance or death else "K"
    if ao3 == "Teen And Up Audiences":
        return "T"
    return "M"


def disagreement(
    declared: str | None, detected: str | None, probabilities: Mapping[str, float] | None = None
) -> str | None:
    """``under`` when the declared rating is milder than the detected one, ``over`` if stronger.

    None when the declared rating is the one the text most probably has (``probabilities``:
    AO3 rating -> probability, as :class:`~ficlens.model.Rating` gives them). The detected
    rating is then a step stricter only because :func:`decide` weighs a milder mistake more
    (a story with General 0.50, Teen 0.37 and Mature 0.12 is rated Teen), which says nothing
    against the author's own rating.

    Example:
        >>> disagreement("General Audiences", "Teen And Up Audiences")
        'under'
        >>> disagreement("General Audiences", "Teen And Up Audiences",
        ...              {"General Audiences": 0.5, "Teen And Up Audiences": 0.37, "Mature": 0.13})
    """
    if declared is None or detected is None or declared == detected:
        return None
    if probabilities and declared == max(probabilities, key=lambda r: probabilities[r]):
        return None
    return "under" if AO3_RATINGS.index(declared) < AO3_RATINGS.index(detected) else "over"
