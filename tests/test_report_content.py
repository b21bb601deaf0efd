"""The text report's "Before you read" lines: the rating (the choice, the likeliest, the declared)
and the warnings."""

from __future__ import annotations

import pytest
from rich.console import Console

from ficlens.content.corpus import AO3_RATINGS
from ficlens.content.rating import disagreement
from ficlens.model import Content, ContentWarning, Rating, Span
from ficlens.report_content import before_you_read

GENERAL, TEEN, MATURE, EXPLICIT = AO3_RATINGS
# The model's best guess is General, but the decision rule rates Teen (docs/content.md).
LEANING = ((GENERAL, 0.50), (TEEN, 0.37), (MATURE, 0.12), (EXPLICIT, 0.01))


def shown(rating: Rating) -> str:
    console = Console(width=200, record=True, color_system=None)
    console.print(before_you_read(Content(rating=rating), ""))
    return " ".join(console.export_text().split())


def test_a_rating_stricter_than_the_likeliest_says_which_was_likeliest() -> None:
    text = shown(Rating(TEEN, "T", 0.37, LEANING))
    assert "Teen And Up Audiences (AO3) · T (FanFiction.Net) · confidence 0.37" in text
    assert "most probable: General Audiences (0.50); the rating errs on the stricter side" in text


def test_a_rating_milder_than_the_likeliest_says_it_takes_the_middle() -> None:
    spread = ((GENERAL, 0.05), (TEEN, 0.13), (MATURE, 0.35), (EXPLICIT, 0.47))
    text = shown(Rating(MATURE, "M", 0.35, spread))
    assert "most probable: Explicit (0.47); under even odds, so the rating takes the middle" in text
    assert "stricter" not in text


def test_the_likeliest_rating_chosen_needs_no_such_line() -> None:
    likeliest = ((GENERAL, 0.2), (TEEN, 0.6), (MATURE, 0.15), (EXPLICIT, 0.05))
    assert "most probable" not in shown(Rating(TEEN, "T", 0.6, likeliest))


def test_a_declared_rating_the_text_most_probably_has_is_no_disagreement() -> None:
    probabilities = dict(LEANING)
    assert disagreement(GENERAL, TEEN, probabilities) is None
    text = shown(Rating(TEEN, "T", 0.37, LEANING, declared=GENERAL, declared_from="metadata"))
    assert "declared by the site: General Audiences the text's most probable rating" in text
    assert "milder" not in text


def test_a_declared_rating_the_text_reads_past_is_flagged() -> None:
    explicit = ((GENERAL, 0.05), (TEEN, 0.1), (MATURE, 0.25), (EXPLICIT, 0.6))
    assert disagreement(TEEN, EXPLICIT, dict(explicit)) == "under"
    assert disagreement(EXPLICIT, TEEN, dict(LEANING)) == "over"
    rating = Rating(EXPLICIT, "M", 0.6, explicit, declared=TEEN, declared_from="text",
                    disagreement="under")  # fmt: skip
    text = shown(rating)
    assert (
        "declared by the author's note: Teen And Up Audiences ⚠ declared milder than the text reads"
        in text
    )


def test_a_declared_rating_equal_to_the_detected_agrees() -> None:
    text = shown(Rating(TEEN, "T", 0.6, (), declared=TEEN, declared_from="metadata"))
    assert "declared by the site: Teen And Up Audiences agrees" in text


def test_an_archive_warning_shows_its_chance_and_a_content_warning_its_scheme() -> None:
    text = "He died at dawn."
    warnings = (
        ContentWarning("Major Character Death", "ao3", 0.28, (Span(0, 16),)),
        ContentWarning("Death", "content", 0.6, (Span(0, 16),)),
    )
    console = Console(width=200, record=True, color_system=None)
    console.print(before_you_read(Content(warnings=warnings), text))
    lines = " ".join(console.export_text().split())
    assert "Major Character Death (AO3, chance 0.28) “He died at dawn.”" in lines
    assert "Death (content) “He died at dawn.”" in lines


@pytest.mark.parametrize(
    ("chance", "shown"),
    [
        (0.94, "No Archive Warnings Apply (AO3, chance 0.94) no passage needed"),
        (0.27, "No Archive Warnings Apply (AO3, chance 0.27) none reached its threshold, but one"),
    ],
)
def test_no_archive_warnings_says_when_it_is_unsure(chance: float, shown: str) -> None:
    warnings = (ContentWarning("No Archive Warnings Apply", "ao3", chance),)
    console = Console(width=200, record=True, color_system=None)
    console.print(before_you_read(Content(warnings=warnings), ""))
    assert shown in " ".join(console.export_text().split())


def test_no_archive_warnings_names_the_warnings_that_may_apply() -> None:
    possible = (("Major Character Death", 0.31), ("Underage Sex", 0.22))
    warnings = (ContentWarning("No Archive Warnings Apply", "ao3", 0.54, possible=possible),)
    console = Console(width=200, record=True, color_system=None)
    console.print(before_you_read(Content(warnings=warnings), ""))
    assert (
        "No Archive Warnings Apply (AO3, chance 0.54) none reached its threshold; may apply: "
        "Major Character Death (chance 0.31), Underage Sex (chance 0.22). Read with care"
    ) in " ".join(console.export_text().split())
