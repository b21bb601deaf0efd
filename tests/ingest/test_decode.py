"""Decoding a text file's bytes: BOMs, UTF-16, cp1252, mojibake, broken bytes, newlines."""

from __future__ import annotations

import codecs

import pytest

from ficlens.ingest import read_bytes
from ficlens.ingest.decode import decode_bytes
from ficlens.structure import build_work

# Curly quotes, an em dash, an ellipsis and Latin-1 letters: all representable in cp1252.
STORY = (
    "“Stay,” said Zoë — and the café went quiet…\n\n"
    "Naïve as it was, the plan worked: crème brûlée for everyone.\n"
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(STORY.encode("utf-8"), "utf-8", id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + STORY.encode("utf-8"), "utf-8", id="utf-8-bom"),
        pytest.param(
            codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"), "utf-16-le", id="utf-16-le-bom"
        ),
        pytest.param(
            codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"), "utf-16-be", id="utf-16-be-bom"
        ),
        pytest.param(STORY.encode("utf-16-le"), "utf-16-le", id="utf-16-le-no-bom"),
        pytest.param(STORY.encode("utf-16-be"), "utf-16-be", id="utf-16-be-no-bom"),
        pytest.param(STORY.encode("cp1252"), "cp1252", id="cp1252"),
    ],
)
def test_encodings_decode_to_the_same_text(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data, path="story.txt")
    assert decoded.text == STORY
    assert decoded.encoding == encoding
    assert "\ufeff" not in decoded.text


def test_utf8_bom_is_not_part_of_the_text_and_offsets_start_after_it() -> None:
    data = codecs.BOM_UTF8 + b"A/N: short one today.\n\nThe ferry left without her."
    work = build_work(read_bytes(data, path="bom.txt"))
    assert work.text.startswith("A/N:")
    assert work.source.encoding == "utf-8"
    [note] = work.notes
    assert note.span.start == 0
    assert note.span.of(work.text) == "A/N: short one today."


def test_cp1252_curly_quotes_are_decoded_with_a_diagnostic() -> None:
    data = "“Don’t,” he said – twice.".encode("cp1252")
    assert data.startswith(b"\x93")  # the Windows byte for a left double quote
    decoded = decode_bytes(data, path="windows.txt")
    assert decoded.text == "“Don’t,” he said – twice."
    assert decoded.encoding == "cp1252"
    assert any("cp1252" in d for d in decoded.diagnostics)


def test_plain_utf8_has_no_diagnostics() -> None:
    decoded = decode_bytes(STORY.encode("utf-8"), path="clean.txt")
    assert decoded.diagnostics == ()


def test_mojibake_is_repaired_with_a_diagnostic() -> None:
    original = "They met at the café; Zoë ordered crème brûlée.\n"
    # UTF-8 bytes read as cp1252 and saved again as UTF-8: "cafÃ©".
    garbled = original.encode("utf-8").decode("cp1252")
    assert "cafÃ©" in garbled
    decoded = decode_bytes(garbled.encode("utf-8"), path="mojibake.txt")
    assert decoded.text == original
    assert any("mojibake" in d for d in decoded.diagnostics)


def test_invalid_utf8_bytes_become_replacement_characters_with_a_counted_diagnostic() -> None:
    paragraph = "Zoë counted the lanterns along the quay, one by one, until the tide came in. "
    body = (paragraph * 60).encode("utf-8")
    data = body[:200] + b"\xff" + body[200:3000] + b"\xfe" + body[3000:]
    decoded = decode_bytes(data, path="damaged.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.text.count("\ufffd") == 2
    assert "Zoë" in decoded.text  # the valid multibyte characters are kept
    [diagnostic] = decoded.diagnostics
    assert diagnostic.startswith("2 invalid UTF-8 byte sequence(s)")
    assert "first at byte 200" in diagnostic


@pytest.mark.parametrize("stray", [b"\xff", b"\x81", b"\x9d"], ids=["ff", "81", "9d"])
def test_one_bad_byte_in_a_short_utf8_file_keeps_it_utf8(stray: bytes) -> None:
    # One broken byte in a few hundred characters must not turn the whole file into cp1252 or
    # a Japanese code page: every other character is still the author's.
    story = "Zoë walked to the café and ordered a crème brûlée, then sat by the window. " * 3
    data = story[:47].encode("utf-8") + stray + story[47:].encode("utf-8")
    decoded = decode_bytes(data, path="short.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.text == story[:47] + "\ufffd" + story[47:]
    assert decoded.diagnostics[0].startswith("1 invalid UTF-8 byte sequence(s)")


def test_invalid_utf8_diagnostic_reaches_the_work_source() -> None:
    body = ("Zoë waited by the gate while the rain came down. " * 60).encode("utf-8")
    data = body[:100] + b"\xc3\x28" + body[100:]  # 0xC3 starts a sequence that never ends
    raw = read_bytes(data, path="damaged.txt")
    assert raw.text.count("\ufffd") == 1
    assert any("1 invalid UTF-8" in d for d in raw.source.diagnostics)


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_newlines_are_kept_and_offsets_stay_exact(newline: str) -> None:
    text = newline.join(
        [
            "A/N: my first fic, be kind!",
            "",
            "Chapter 1: Rain",
            "",
            "Pip ran for the bus and missed it.",
            "",
            "* * *",
            "",
            "The next bus was late, which was the same as being early.",
        ]
    )
    work = build_work(read_bytes(text.encode("utf-8"), path="newlines.txt"))
    assert work.text == text  # \r\n is not normalised away
    [note] = work.notes
    assert note.span.of(work.text) == "A/N: my first fic, be kind!"
    [chapter] = work.chapters
    assert chapter.heading_span is not None
    assert chapter.heading_span.of(work.text) == "Chapter 1: Rain"
    first, second = chapter.scenes
    assert [s.of(work.text) for s in first.segments] == ["Pip ran for the bus and missed it."]
    assert second.break_before is not None
    assert second.break_before.of(work.text) == "* * *"
    assert second.segments[-1].of(work.text).endswith("as being early.")
    assert "\r" not in "".join(s.of(work.text) for s in second.segments)
