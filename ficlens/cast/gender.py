"""Referential gender: which pronouns the text uses for each character.

Gender here is the pronoun set the narration uses (``he/him``, ``she/her``, ``they/them`` or
any set declared in ``lexicon.toml``), not a binary. Votes come from titles and honorifics
(``Mrs.``, ``-kun``) and from the first third-person pronoun that follows a mention as a
subject or a possessive (*Lily sighed and set down her bowl*) in the same or the next sentence
before another character is named, or another person is pointed at by an object pronoun
(*Tobias told her about the storms, and she told him*: the *she* is hers).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ficlens.cast.names import pronoun_sets
from ficlens.nlp import Parsed

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_OBJECTS = frozenset({"dobj", "dative", "iobj", "pobj"})
_VOTERS = _SUBJECTS | {"poss"}
"""A subject pronoun, or a possessive one (*her own bowl*): on PDNC's end-to-end casts (580
characters mapped to gold) the possessive took the genders found from 424 to 453 right and 28
to 27 wrong, and speakers end to end 0.732 to 0.733."""
_TITLE_VOTES = 3
_OVERTURN_VOTES = 3
_OVERTURN_SHARE = 0.8
"""How many votes, and what share of them, other pronouns need to overturn the ones usual for
a given name (:mod:`ficlens.cast.name_gender`)."""
_CANON_OVERTURN_VOTES = 6
"""How many votes other pronouns need to overturn a canon character's pack pronouns (with
``_OVERTURN_SHARE`` of them): a genderbent story's Harry is ``she`` throughout. Picked on 360
development works (lines 1,500–3,999 of ao3-hp, 60 of them tagging a genderbend): the wrong
overturns there had at most 5 votes (Lily as ``he``), the right ones at least 7."""
_MIN_VOTES = 2
_MIN_SHARE = 0.6


def pronoun_votes(
    parsed: Sequence[Parsed], located: Sequence[tuple[int, int, int]]
) -> dict[int, Counter[str]]:
    """Count, per character index, the pronoun sets that follow its mentions.

    Args:
        parsed: the parsed pieces of narration.
        located: ``(piece index, token index after the mention, character index)`` triples.
    """
    votes: dict[int, Counter[str]] = {}
    sets = pronoun_sets()
    mention_starts = {(piece, token) for piece, token, _ in located}
    for piece_index, after, character in located:
        tokens = parsed[piece_index].tokens
        sentences = 0
        for index in range(after, len(tokens)):
            token = tokens[index]
            if token.sent_start and index != after:
                sentences += 1
                if sentences > 1:
                    break
            if (piece_index, index) in mention_starts and index != after:
                break  # another character is named first
            word = token.text.lower()
            pronoun_set = sets.get(word)
            if pronoun_set and token.dep in _VOTERS:
                votes.setdefault(character, Counter())[pronoun_set] += 1
                break
            if pronoun_set and token.dep in _OBJECTS and not word.endswith(("self", "selves")):
                break  # someone else is in play: the next subject pronoun may be theirs
    return votes


def decide_gender(
    votes: Counter[str],
    hints: Sequence[str],
    *,
    min_votes: int = _MIN_VOTES,
    min_share: float = _MIN_SHARE,
    usual: str | None = None,
    canon: bool = False,
) -> str | None:
    """The pronoun set a title implies, else the one with a clear majority of votes.

    A title or honorific (``Mrs.``, ``-kun``) decides when all of them agree: pronouns that
    follow a name are often someone else's (``Mr. Darcy looked at her; she ...``). The
    pronouns ``usual`` for the character's given name decide unless other pronouns have at
    least ``_OVERTURN_VOTES`` votes and ``_OVERTURN_SHARE`` of them: the pronouns a story
    uses for its character win, but not the votes a narrator's own ``she`` scatters. Pronouns
    a fandom pack gives a ``canon`` character are overturned only by ``_CANON_OVERTURN_VOTES``.

    Example:
        >>> decide_gender(Counter({"she/her": 5, "he/him": 1}), [])
        'she/her'
        >>> decide_gender(Counter({"she/her": 1}), []) is None
        True
        >>> decide_gender(Counter({"she/her": 10, "he/him": 4}), [], usual="he/him")
        'he/him'
        >>> decide_gender(Counter({"she/her": 9, "he/him": 1}), [], usual="he/him")
        'she/her'
        >>> decide_gender(Counter({"she/her": 4}), [], usual="he/him", canon=True)
        'he/him'
    """
    if len(set(hints)) == 1:
        return hints[0]
    if usual is not None:
        best, count = votes.most_common(1)[0] if votes else (usual, 0)
        least = _CANON_OVERTURN_VOTES if canon else _OVERTURN_VOTES
        overturned = count >= least and count >= _OVERTURN_SHARE * votes.total()
        return best if best != usual and overturned else usual
    total = Counter(votes)
    for hint in hints:
        total[hint] += _TITLE_VOTES
    if not total:
        return None
    best, count = total.most_common(1)[0]
    if count >= min_votes and count >= min_share * sum(total.values()):
        return best
    return None
