"""Names said inside quotations: which of them address someone (``quoted_only(addressed=True)``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ficlens.cast.quoted import quoted_only
from ficlens.dialogue.quotes import find_quotes
from ficlens.fandoms import load_pack
from ficlens.model import Span
from ficlens.nlp import Parsed, mask

MakeParsed = Callable[..., Parsed]
PACK = (load_pack("harry_potter"),)


def parse_masked(text: str, make_parsed: MakeParsed) -> list[Parsed]:
    """One piece, its quotations (the dialogue stage's finder) read as the parse reads them:
    ``Yes`` and the last mark."""
    whole = Span(0, len(text))
    quotes, _ = find_quotes(text, [whole])
    masked = mask(text, whole, [quote.span for quote in quotes])
    rows = [(word, "XX", "dep", 0) for word in masked.replace('"', " ").split()]
    return [make_parsed(masked, rows)]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        # Said *to* "you", at the start or the end of a quotation: "you" are Draco.
        ('"Draco, wait," he says. You wait. "Draco?" he asks.', "Draco Malfoy"),
        ('"Come here, Draco." You go to him. "Quickly, Draco!" he says.', "Draco Malfoy"),
        # At the edge of a sentence or dash-set clause inside the quotation.
        ('"Are you deaf, Draco? Sit." You sit. "Good," he says.', "Draco Malfoy"),
        ('"You knew that, Draco – come on," he says. You shrug.', "Draco Malfoy"),
        # Said *of* someone else: no name for "you".
        ('"Who did it? Draco." You shrug.', None),
        ('"Draco is late," he says. You shrug. "Draco never comes," he says.', None),
    ],
)
def test_only_an_addressed_name_names_the_protagonist(
    text: str, named: str | None, make_parsed: MakeParsed
) -> None:
    parsed = parse_masked(text, make_parsed)
    found = quoted_only(text, parsed, PACK, set(), addressed=True)
    assert (found.name if found else None) == named


def test_in_the_first_person_the_name_must_be_said_to_someone_once(
    make_parsed: MakeParsed,
) -> None:
    # The first-person rule: the one canon character only the quotations name, called by it
    # at least once; a name only spoken of ("It belongs to Madam Pince.") is someone else's.
    spoken_of = '"Draco is late," he says. I shrug. "Draco never comes," he says.'
    assert quoted_only(spoken_of, parse_masked(spoken_of, make_parsed), PACK, set()) is None
    called = '"Draco is late," he says. I shrug. "Come on, Draco," he says.'
    found = quoted_only(called, parse_masked(called, make_parsed), PACK, set())
    assert found is not None and found.name == "Draco Malfoy"
