"""Vocatives: the name a quotation addresses (``"Watson, you are a marvel."``).

The cast reads them to tell a name said *to* the protagonist from a name said *of* someone
else (:func:`ficlens.cast.quoted.quoted_only`); the dialogue stage to name a first-person
narrator from how the others address them (:mod:`ficlens.dialogue.narrator`).
"""

from __future__ import annotations

import re

_NAME = r"(?:(?:Mr|Mrs|Miss|Ms|Dr|Lady|Sir|Lord)\.?\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?"
INTERJECTION = r"(?i:oh|ah|well|yes|no|now|come|dear|my dear|look|listen|hey|please)"
"""Words that may open a quotation before the name it addresses: ``"Oh, Tamsin, you came."``."""
ELIDED = r"['’]?"
"""A name may lose its first letters to an apostrophe: ``"Come on, 'Mione."``, ``'Arry``."""
COURTESIES = (
    r"(?i:sorry|thanks|thank you|hello|hi|hey|bye|goodbye|good ?night|night|morning|love you|"
    r"please|okay|yes|no|alright|come on)"
)
"""Words a name closes without a comma between, as fic often writes them: ``"Thank you
Severus."``, ``"Goodnight Jamie."``, ``"I love you Teddy."``."""
# A name that opens a quotation before a comma, "!" or "?", or that is all of it ("Tamsin."),
# perhaps after an interjection or a courtesy ("Come on Moony, play", "Thanks Harry, really").
_START = re.compile(
    rf"^(?:(?:{INTERJECTION}|{COURTESIES})[,!]?\s+)?{ELIDED}({_NAME})\s*(?:[,!?]|[.…—–-]*$)"
)
# A quotation's span keeps its last punctuation, a comma too: "Come here, Ann," she said.
_END = re.compile(rf"(?:,|\b{COURTESIES}\s)\s*(?:my dear\s+)?{ELIDED}({_NAME})\s*[.!?…,—–-]*$")
_CLAUSE_BREAK = re.compile(r"(?<=[.!?…])\s+|\s+[–—-]+\s+")
"""Where a quotation's sentences and dash-set clauses part (:func:`vocative_names`)."""
_NOT_NAMES = frozenset(
    {"Yes", "No", "Oh", "Ah", "Well", "Now", "Come", "Look", "Listen", "Please", "Thank",
     "Thanks", "Good", "Sir", "Madam", "Ma'am", "I", "You", "What", "Why", "How", "Then",
     "So", "But", "And", "Indeed", "Really", "Nonsense", "Hush", "Here", "There", "God",
     # Replies and fillers that open a quotation like a name: "Yeah, I know." "Fine."
     "Yeah", "Yep", "Nope", "Nah", "Huh", "Hm", "Hmm", "Mm", "Mmm", "Um", "Uh", "Er", "Okay",
     "Alright", "Sorry", "Fine", "Right", "Sure", "Maybe", "Perhaps", "Anyway", "Honestly",
     "Actually", "Seriously", "Obviously", "Wait", "Stop", "See", "Hey", "Hello", "Hi",
     "Goodbye", "Bye", "Goodnight", "Night", "Morning", "Evening", "Never", "Always", "Not",
     "Just", "Great", "The", "A", "An", "This",
     "That", "It", "We", "They", "He", "She", "My", "Your", "Our", "Who", "Where", "When",
     # Endearments address someone without naming them: "Love, come here."
     "Love", "Darling", "Dear", "Dearest", "Sweetheart", "Sweetie", "Honey", "Babe", "Baby",
     "Angel", "Princess", "Kitten", "Pet", "Doll", "Sunshine", "Beautiful", "Gorgeous",
     "Handsome", "Kid", "Mate"}
)  # fmt: skip


def vocative_name(words: str) -> str | None:
    """The name a quotation addresses at its start or end, as written, or ``None``.

    Example:
        >>> vocative_name("Watson, you are a marvel.")
        'Watson'
        >>> vocative_name("Oh, Tamsin, you came.")
        'Tamsin'
        >>> vocative_name("Come on Moony, play your favourite one.")
        'Moony'
        >>> vocative_name("Yes, I am.") is None
        True
    """
    return _addressed_in(words.strip())


def vocative_names(words: str) -> list[str]:
    """Every name a quotation addresses, at its edges or at those of a sentence inside it.

    Inside, the edges of a sentence or dash-set clause that holds more than the name count. A
    name that is all of an inner sentence may answer a question (``"Who? Malfoy."``), so it
    is left out. Looser than :func:`vocative_name`: it tells whether a quotation calls someone
    by a name at all, not whose name it is.

    Example:
        >>> vocative_names("Are you mad, Tamsin? Sit down, Odo.")
        ['Odo', 'Tamsin']
        >>> vocative_names("You knew that, Tamsin – come on.")
        ['Tamsin']
        >>> vocative_names("Who took it? Tamsin.")
        []
    """
    words = words.strip()
    whole = _addressed_in(words)
    names = [whole] if whole is not None else []
    clauses = [clause for clause in _CLAUSE_BREAK.split(words) if clause]
    for clause in clauses if len(clauses) > 1 else ():
        name = _addressed_in(clause)
        if name is not None and name not in names and len(name.split()) < len(clause.split()):
            names.append(name)
    return names


def _addressed_in(words: str) -> str | None:
    """The name ``words`` address at their start or end, or ``None``."""
    for pattern in (_START, _END):
        match = pattern.search(words)
        if match and match.group(1).split()[0].rstrip(".") not in _NOT_NAMES:
            return match.group(1)
    return None
