"""Line-level rules: scene breaks, chapter, time and point-of-view headings, note openers."""

from __future__ import annotations

import pytest

from ficlens.structure.patterns import (
    HeadingMatch,
    chapter_heading,
    front_matter_field,
    is_disclaimer,
    is_review_request,
    is_scene_break,
    parse_number,
    pov_heading,
    starts_note,
    strip_decoration,
    time_heading,
)


@pytest.mark.parametrize(
    "line",
    [
        "# # #",
        "***",
        "* * *",
        "~~~",
        "-x-",
        "xXx",
        "oOo",
        "XxXxX",
        "o0o",
        "~o~",
        "—",
        "---",
        "___",
        "===",
        "<><><>",
        "  * * *  ",
        "Line Break",
        "-Scene Break-",
        "POV Change",
        "∞∞∞∞∞∞∞∞∞∞",  # any line of symbols: Unicode's symbol categories
        "♤♤♤",
        "❆",
        "⚬*⚬*⚬",
        "~@~",
        "¥¥¥¥¥",
    ],
)
def test_scene_breaks(line: str) -> None:
    assert is_scene_break(line)


@pytest.mark.parametrize(
    "line",
    [
        "...",
        "…",
        "Oh.",
        "No!",
        "?",
        "!",
        "?!",
        "“”",
        "—?",
        "x",
        "Ox",
        "",
        "   ",
        "She broke the line.",
        "* " * 50,  # longer than any break line
    ],
)
def test_not_scene_breaks(line: str) -> None:
    assert not is_scene_break(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Chapter 3", HeadingMatch("chapter", 3, None)),
        ("Chapter Three", HeadingMatch("chapter", 3, None)),
        ("CHAPTER 3", HeadingMatch("chapter", 3, None)),
        ("chapter one", HeadingMatch("chapter", 1, None)),
        ("Ch. 3: The Bridge", HeadingMatch("chapter", 3, "The Bridge")),
        ("Ch 3", HeadingMatch("chapter", 3, None)),
        ("Chap. 12", HeadingMatch("chapter", 12, None)),
        ("~Chapter 3~", HeadingMatch("chapter", 3, None)),
        ("**Chapter 3**", HeadingMatch("chapter", 3, None)),
        ("~Ch. 3: The Bridge~", HeadingMatch("chapter", 3, "The Bridge")),
        ("Chapter 3 - The Bridge", HeadingMatch("chapter", 3, "The Bridge")),
        ("Chapter Twenty-One", HeadingMatch("chapter", 21, None)),
        ("Chapter XIV", HeadingMatch("chapter", 14, None)),
        ("Part Two", HeadingMatch("chapter", 2, None)),
        ("Prologue: Before", HeadingMatch("prologue", None, "Before")),
        ("Epilogue - After", HeadingMatch("epilogue", None, "After")),
        ("Interlude: The Fox", HeadingMatch("interlude", None, "The Fox")),
        ("1.", HeadingMatch("chapter", 1, None, numbered_only=True)),
        ("2. The Road", HeadingMatch("chapter", 2, "The Road", numbered_only=True)),
        ("IV", HeadingMatch("chapter", 4, None, numbered_only=True)),
    ],
)
def test_chapter_headings(line: str, expected: HeadingMatch) -> None:
    assert chapter_heading(line) == expected


@pytest.mark.parametrize(
    ("line", "kind"),
    [("Prologue", "prologue"), ("Epilogue", "epilogue"), ("Interlude", "interlude")],
)
def test_named_headings_alone(line: str, kind: str) -> None:
    match = chapter_heading(line)
    assert match is not None
    assert (match.kind, match.number, match.numbered_only) == (kind, None, False)


@pytest.mark.parametrize(
    "line",
    [
        "Chapter three was the hardest part.",
        "Chapter three was the hardest part of the book to read.",
        "Chapter 1 of the diary began with a lie.",
        "Epilogue text here and more.",
        "(1)",
        "1999.",
        "The End",
        "She turned to chapter 3 and read it aloud.",
    ],
)
def test_not_chapter_headings(line: str) -> None:
    assert chapter_heading(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("-Two Weeks Later-", ("time_skip", "Two Weeks Later")),
        ("Three years later...", ("time_skip", "Three years later")),
        ("Three years later…", ("time_skip", "Three years later")),
        ("*Two Days Later*", ("time_skip", "Two Days Later")),
        ("The next morning", ("time_skip", "The next morning")),
        ("Later that night", ("time_skip", "Later that night")),
        ("A few hours earlier", ("time_skip", "A few hours earlier")),
        ("Two and a half years later", ("time_skip", "Two and a half years later")),
        ("5 years later", ("time_skip", "5 years later")),
        ("Flashback", ("flashback", "Flashback")),
        ("~Flashback~", ("flashback", "Flashback")),
        ("Meanwhile...", ("scene", "Meanwhile")),
        ("End Flashback", ("scene", "End Flashback")),
    ],
)
def test_time_headings(line: str, expected: tuple[str, str]) -> None:
    assert time_heading(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Three years later, she still hated rain.",
        "The next morning, he left.",
        "Later, she cried.",
        "Two days later she came home.",
        "A week later the letter finally came.",
        "The afternoon was long and hot and nobody wanted to go outside at all today.",
        '"Then we wait."',
        "“Later,” she said.",
        "‘Now!’",
    ],
)
def test_sentences_are_not_time_headings(line: str) -> None:
    assert time_heading(line) is None


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Harry's POV", "Harry"),
        ("  Harry’s POV:", "Harry"),
        ("*Draco's POV*", "Draco"),
        ("Remus' POV", "Remus"),
        ("Draco P.O.V.", "Draco"),
        ("~Lord Voldemort's Point of View~", "Lord Voldemort"),
        ("-POV: Hermione-", "Hermione"),
        ("Point of view of Ginny", "Ginny"),
        ("Hermione's p.o.v", "Hermione"),
        ("Y/N POV", "Y/N"),
        ("Normal POV", "Normal"),
        ("~Ginny's Perspective~", "Ginny"),
        ("    *Draco's POV*\xa0", "Draco"),  # a no-break space after it
        ("Hermione & Draco’s POV", "Hermione & Draco"),
        ("Harry and Ginny POV", "Harry and Ginny"),
    ],
)
def test_pov_headings(line: str, name: str) -> None:
    assert pov_heading(line) == name


@pytest.mark.parametrize(
    "line",
    [
        "POV",
        "point of view",
        "POV change",
        "He hated Harry's point of view.",
        "From where she stood, it was a matter of point of view",
        "Harry's POV, part two",
        "What was Harry's POV?",
        "It was a matter of perspective",
    ],
)
def test_not_pov_headings(line: str) -> None:
    assert pov_heading(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("A/N: thanks!", True),
        ("AN: hi", True),
        ("A/N hi there", True),
        ("~AN~ hi", True),
        ("(A/N: aside)", True),
        ("[A/N: aside]", True),
        ("Author's Note: hello", True),
        ("Authors Note - hello", True),
        ("Note: the map is wrong", True),
        ("An hour later", False),
        ("AN hour passed", False),
        ("Annie smiled.", False),
        ("Anna's note was short.", False),
    ],
)
def test_starts_note(line: str, expected: bool) -> None:
    assert starts_note(line) is expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("I don't own Naruto.", True),
        ("I don’t own the characters.", True),  # curly apostrophe
        ("Disclaimer: not mine.", True),
        ("All rights belong to the author of the books.", True),
        ("She owned nothing but a coat.", False),
    ],
)
def test_is_disclaimer(paragraph: str, expected: bool) -> None:
    assert is_disclaimer(paragraph) is expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Please review!", True),
        ("R&R please", True),
        ("Let me know what you think!", True),
        ("He reviewed the troops.", False),
    ],
)
def test_is_review_request(paragraph: str, expected: bool) -> None:
    assert is_review_request(paragraph) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("-~Two Weeks Later~-", "Two Weeks Later"),
        ("**Prologue**", "Prologue"),
        ("[Chapter 3]", "Chapter 3"),
        ("Three years later…", "Three years later"),
        ("«Elsewhere»", "Elsewhere"),
        ("plain", "plain"),
    ],
)
def test_strip_decoration(line: str, expected: str) -> None:
    assert strip_decoration(line) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3", 3),
        ("IV", 4),
        ("xiv", 14),
        ("twelve", 12),
        ("twenty-one", 21),
        ("Thirty Two", 32),
        ("third", 3),
        ("banana", None),
    ],
)
def test_parse_number(value: str, expected: int | None) -> None:
    assert parse_number(value) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Rating: T", ("rating", "T")),
        ("Pen Name: Reed Warbler", ("pen name", "Reed Warbler")),
        ("  pairing :  Fern/Ash", ("pairing", "Fern/Ash")),
        ("Title:", None),
        ("OTP: Fern/Ash", ("otp", "Fern/Ash")),
        ("Author/Artist: Reed", ("author/artist", "Reed")),
        ("Mood: grim", None),
        ("She said: no.", None),
    ],
)
def test_front_matter_field(line: str, expected: tuple[str, str] | None) -> None:
    assert front_matter_field(line) == expected
