"""Pairings: who is with whom in a story, in AO3's tag form, with the passages that show it.

``find_relationships`` reads the story's sentences once and gathers, for every pair of
characters:

* **romance**: the weight of romantic or sexual cues (the small lexicon ``CUES`` in
  ``cues.py``: kissing, lips, embraces, "I love you", held hands, blushing,
  boyfriend/wife/married, sex words ...) whose participants are the pair. A cue's
  participants are, in order of trust:

  1. the two characters its sentence names closest to it (the narrator too, through
     ``I``/``me``/``my``, in first-person stories); others named in the sentence get a quarter;
  2. the named one and the characters its pronouns stand for: each pronoun is the most recently
     named character of its gender in the last two paragraphs (``Nell kissed him``), object
     pronouns first, plural ``they`` for anyone (weight 0.7);
  3. the only two characters its paragraph names (0.5);
  4. pronouns read as the story's most-named character of their gender (0.5).

  A cue inside a quotation joins the characters the quotation names, else its speaker and the
  named one (``"I'll marry Ann"``), its addressee and the named one (``"Do you love Ann?"``),
  or its speaker and addressee (``"I love you"``; 0.6). Kisses on the cheek, hand or forehead,
  cues in sentences that speak of family, status words (``her husband``) in sentences that
  do not name two people, and cues in or just after a paragraph where someone is hurt against
  their will (a torturer's touch) count less. Each ``romance`` passage given by the content
  signals adds 1.5, shared among the pairs of the characters it (else its paragraph) names;
* **interaction**: sentences naming both, paragraphs naming both (half), and quotations one
  speaks to the other.

A pair is **romantic** when its romance weight reaches 30% of the strongest pair's and
``LEAD_ROMANTIC_MIN`` (1.5) for the story's two most-named characters, ``ROMANTIC_MIN`` (4)
for anyone else. When no pair is, but the story has at least ``FALLBACK_PASSAGES`` (2) romance
passages, the central pair with the most romance weight is romantic when that weight is at least
``FALLBACK_MIN`` (0.5) and ``FALLBACK_LEAD`` (1.5) times any other central pair's. Failing
that, the story's two most-named characters are romantic when they interact at least
``LEADS_INTERACTION`` (10) and their romance weight is at least ``LEADS_MIN`` (0.5) and
``LEADS_LEAD`` (2) times any other pair's. When the trained models decide (they name the main
pairing, or read the story as no romance), the leads' lower bar and these two fallbacks are
off. A pair is
**platonic** (``A & B``) when it has almost no romance but strong interaction
(``PLATONIC_MIN`` and a third of the most interactive pair's), at most ``MAX_PLATONIC`` of them.
A pair's score is its romance weight plus a tenth of its interaction. The top romantic pair is
the **main** pairing when both its characters are central (among the four most named, or 8% of
all mentions) and its score is at least 1.5 times the next romantic pair's; every other pair is
``main=False`` (mentioned). Three characters who are pairwise romantic also form a group
``A/B/C`` with category ``Multi`` (main when all three are central, it holds the top pair and its
weakest pair has ``GROUP_BALANCE`` of its strongest pair's romance weight).

Names in a tag are in the order of AO3's canonical tags, alphabetical by family name
(``Draco Malfoy/Harry Potter``; see ``naming.py``), a reader-insert's ``Reader`` last.
Categories come from referential gender: ``he/him`` is M, ``she/her`` is F; ``they/them``,
anything else or unknown makes the pairing ``Other``.

Evidence is sentence-sized (long sentences are cut to a window around the cue), strongest cue
first. Everything is one pass over sentences, mentions and cue matches, with bounded look-backs,
so time is linear in the text.

The package reads the story (``story.py``), finds the romance cues (``cues.py``) and who each
joins (``participants.py``), gathers evidence per pair (``pairs.py``), decides the
relationships (``decide.py``), orders their names (``naming.py``) and names their categories
(``categories.py``). Import from ``ficlens.content.relationships``; the modules inside are its
private parts.
"""

from __future__ import annotations

from collections.abc import Sequence

from ficlens.cast.person import Person
from ficlens.content.linear import LinearModel
from ficlens.content.relationships.categories import categories, category_of
from ficlens.content.relationships.cues import CUES, FAMILY, HARMED, LIGHT_KISS, STATUS_ALONE
from ficlens.content.relationships.decide import (
    CENTRAL_RANK,
    CENTRAL_SHARE,
    FALLBACK_LEAD,
    FALLBACK_MIN,
    FALLBACK_PASSAGES,
    GROUP_BALANCE,
    LEAD_ROMANTIC_MIN,
    LEADS_INTERACTION,
    LEADS_LEAD,
    LEADS_MIN,
    MAIN_LEAD,
    MAX_PLATONIC,
    PLATONIC_MIN,
    PLATONIC_ROMANCE_MAX,
    PLATONIC_SHARE,
    ROMANTIC_MIN,
    ROMANTIC_SHARE,
    Ranked,
    decide,
)
from ficlens.content.relationships.pairs import (
    INTERACTION_WEIGHT,
    KIN_WEIGHT,
    MAX_SENTENCE,
    SIGNAL_WEIGHT,
    Pair,
    count_cues,
    count_signals,
    count_talk,
    count_together,
    discount_kin,
)
from ficlens.content.relationships.participants import (
    BYSTANDER_WEIGHT,
    FOCAL_WEIGHT,
    PARAGRAPH_WEIGHT,
    PRONOUN_WEIGHT,
    QUOTE_WEIGHT,
    RECENT_MENTIONS,
    RECENT_PARAGRAPHS,
)
from ficlens.content.relationships.ranker import (
    RANKER_MID,
    RANKER_SURE,
    ROMANCE_GATE,
    RULES_GATE,
    top_pair,
)
from ficlens.content.relationships.story import Story, read_story
from ficlens.content.signals import find_hits, harm_passages, sexual_passages
from ficlens.model import Character, Quote, Relationship, Span

__all__ = [
    "BYSTANDER_WEIGHT",
    "CENTRAL_RANK",
    "CENTRAL_SHARE",
    "CUES",
    "FALLBACK_LEAD",
    "FALLBACK_MIN",
    "FALLBACK_PASSAGES",
    "FAMILY",
    "FOCAL_WEIGHT",
    "GROUP_BALANCE",
    "HARMED",
    "INTERACTION_WEIGHT",
    "KIN_WEIGHT",
    "LEADS_INTERACTION",
    "LEADS_LEAD",
    "LEADS_MIN",
    "LEAD_ROMANTIC_MIN",
    "LIGHT_KISS",
    "MAIN_LEAD",
    "MAX_PLATONIC",
    "MAX_SENTENCE",
    "PARAGRAPH_WEIGHT",
    "PLATONIC_MIN",
    "PLATONIC_ROMANCE_MAX",
    "PLATONIC_SHARE",
    "PRONOUN_WEIGHT",
    "QUOTE_WEIGHT",
    "RANKER_SURE",
    "RECENT_MENTIONS",
    "RECENT_PARAGRAPHS",
    "ROMANCE_GATE",
    "ROMANTIC_MIN",
    "ROMANTIC_SHARE",
    "RULES_GATE",
    "SIGNAL_WEIGHT",
    "STATUS_ALONE",
    "categories",
    "category_of",
    "find_relationships",
    "gather_pairs",
]


def gather_pairs(
    text: str,
    paragraphs: Sequence[Span],
    characters: Sequence[Character],
    mentions: Sequence[tuple[Span, str]],
    quotes: Sequence[Quote] = (),
    romance: Sequence[Span] = (),
    narrator: str | None = None,
    *,
    person: Person | None = None,
    sexual: Sequence[Span] | None = None,
    harm: Sequence[Span] | None = None,
    voices: Sequence[tuple[Span, str]] = (),
) -> tuple[Story, dict[tuple[str, str], Pair]]:
    """Read the story and gather the evidence of every pair of characters it names together.

    The arguments are those of :func:`find_relationships`; the trained ranker's training reads
    the same pairs (``ficlens train pairings``).
    """
    if sexual is None or harm is None:
        hits = find_hits(text, paragraphs)
        sexual = sexual_passages(hits) if sexual is None else sexual
        harm = harm_passages(hits, paragraphs) if harm is None else harm
    hurt = set(harm)
    harmed = frozenset(index for index, paragraph in enumerate(paragraphs) if paragraph in hurt)
    known = {character.id for character in characters}
    if narrator:
        known.add(narrator)
    story = read_story(
        text, paragraphs, characters, mentions, quotes, narrator, known, person=person,
        voices=voices,
    )  # fmt: skip
    pairs: dict[tuple[str, str], Pair] = {}
    count_together(story, pairs)
    count_cues(story, pairs, harmed)
    count_signals(story, romance, pairs, harmed)
    count_talk(story, pairs)
    discount_kin(pairs, characters, sexual, story)
    return story, pairs


def find_relationships(
    text: str,
    paragraphs: Sequence[Span],
    characters: Sequence[Character],
    mentions: Sequence[tuple[Span, str]],
    quotes: Sequence[Quote] = (),
    romance: Sequence[Span] = (),
    narrator: str | None = None,
    max_evidence: int = 3,
    *,
    romance_likely: float | None = None,
    ranker: LinearModel | None = None,
    person: Person | None = None,
    sexual: Sequence[Span] | None = None,
    harm: Sequence[Span] | None = None,
    voices: Sequence[tuple[Span, str]] = (),
) -> tuple[Relationship, ...]:
    """Find the story's romantic and platonic relationships, main pairing first.

    Args:
        text: the work's text.
        paragraphs: the story paragraphs in order (notes excluded).
        characters: the cast.
        mentions: every resolved mention as ``(span, character id)``, in text order.
        quotes: quotations with their speakers and addressees.
        romance: passages where romance or sexual content signals fired.
        narrator: the id of the narration's protagonist: ``I``/``me``/``my`` in the first
            person, ``you``/``your`` in the second (:mod:`ficlens.cast.person`).
        max_evidence: most evidence spans per relationship.
        romance_likely: how likely the ``romance`` text model finds it that the story is about
            a romantic pairing; with ``ranker``, the trained ranker names the main pairing when
            it is at least ``ROMANCE_GATE``; from ``RULES_GATE`` it does when it gives its top
            pair at least ``RANKER_MID``, and the rules do otherwise; below ``RULES_GATE`` no
            pairing is main unless the ranker gives its top pair at least ``RANKER_SURE``.
        ranker: the trained ``pairing`` model (:mod:`~ficlens.content.relationships.ranker`);
            without it, or without ``romance_likely``, the rules decide alone.
        person: the narration's person, ``first`` or ``second``, when there is a narrator
            (``None``: first).
        sexual: the sentences where sexual content from ``non_explicit`` up is on the page
            (:func:`~ficlens.content.signals.sexual_passages`); relatives' romance counts only
            in them. ``None``: found in ``paragraphs`` here.
        harm: the paragraphs where someone is hurt against their will
            (:func:`~ficlens.content.signals.harm_passages`); romance there, and in the paragraph
            after, counts at the share ``HARMED``. ``None``: found in ``paragraphs`` here.
        voices: the sections a point-of-view heading gives to a character, with its id
            (:attr:`ficlens.cast.Cast.voices`): in the first person, their ``I`` is that
            character rather than ``narrator``.

    Returns:
        Main pairings first, then other romantic pairs, groups and platonic pairs, each by
        decreasing score.

    Example:
        >>> text = "Ann kissed Bea. Bea smiled."
        >>> cast = [Character("c1", "Ann", (), "she/her", False, 1, 0),
        ...         Character("c2", "Bea", (), "she/her", False, 2, 11)]
        >>> found = [(Span(0, 3), "c1"), (Span(11, 14), "c2"), (Span(16, 19), "c2")]
        >>> [(r.tag, r.kind, r.category) for r in
        ...  find_relationships(text, [Span(0, len(text))], cast, found)]
        [('Ann/Bea', 'romantic', 'F/F')]
    """
    story, pairs = gather_pairs(
        text, paragraphs, characters, mentions, quotes, romance, narrator, person=person,
        sexual=sexual, harm=harm, voices=voices,
    )  # fmt: skip
    ranked: Ranked = None
    if ranker is not None and romance_likely is not None:
        top = top_pair(story, pairs, characters, len(romance), ranker)
        between = RULES_GATE <= romance_likely < ROMANCE_GATE  # there, the rules when unsure
        if romance_likely >= ROMANCE_GATE:
            ranked = top or False
        elif top is not None and top[1] >= (RANKER_MID if between else RANKER_SURE):
            ranked = top
        else:  # below the gates, no main pairing
            ranked = None if between else False
    return decide(story, characters, pairs, max_evidence, passages=len(romance), ranked=ranked)
