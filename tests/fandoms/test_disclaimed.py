"""A disclaimer that names a canon declares it (``ficlens.api.disclaimers``).

The story here is written for this test.
"""

from __future__ import annotations

import pytest

from ficlens.api import disclaimers, work_fandoms
from ficlens.ingest import read_bytes
from ficlens.structure import build_work

STORY = "\n\n".join(
    [
        "She waited on the bridge while the rain came down, and he was late again.",
        "When he came at last he said nothing, and she said nothing back.",
        '"You could have sent a bird," she said. "Or a note. Anything."',
        "He only shrugged and stood beside her until the rain stopped.",
    ]
)


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("Disclaimer: I don't own Naruto.\n\n", ["naruto"]),
        ("Disclaimer: I own nothing, sadly.\n\n", []),
        ("", []),
    ],
)
def test_a_disclaimer_naming_a_canon_declares_it(opening: str, expected: list[str]) -> None:
    work = build_work(read_bytes((opening + STORY).encode(), path="bridge.txt"))
    matches = work_fandoms(work)
    assert [m.pack.slug for m in matches] == expected
    assert all(m.declared for m in matches)


def test_only_disclaimer_paragraphs_are_read() -> None:
    text = "A/N: Naruto fans, this one is short.\n\nDisclaimer: I own nothing.\n\n" + STORY
    work = build_work(read_bytes(text.encode(), path="bridge.txt"))
    assert disclaimers(work) == ("Disclaimer: I own nothing.",)
