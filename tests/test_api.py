"""The public API: its names are pinned, and read + analyze + to_json round-trips."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import ficlens

PUBLIC_NAMES = [
    "Analysis",
    "Chapter",
    "FicLensError",
    "InputError",
    "Metadata",
    "Note",
    "RawWork",
    "SCHEMA",
    "Scene",
    "Settings",
    "Source",
    "Span",
    "TooLargeError",
    "UnsupportedFormatError",
    "Work",
    "__version__",
    "analyze",
    "analyze_file",
    "read",
]


def test_public_names_are_pinned() -> None:
    assert sorted(ficlens.__all__) == sorted(PUBLIC_NAMES)
    for name in PUBLIC_NAMES:
        assert hasattr(ficlens, name), name


def test_error_hierarchy() -> None:
    assert issubclass(ficlens.InputError, ficlens.FicLensError)
    assert issubclass(ficlens.TooLargeError, ficlens.InputError)
    assert issubclass(ficlens.UnsupportedFormatError, ficlens.InputError)
    error = ficlens.InputError("some/fic.txt", "the file is empty")
    assert (str(error), error.path, error.reason) == (
        "some/fic.txt: the file is empty",
        "some/fic.txt",
        "the file is empty",
    )


def test_read_analyze_to_json_round_trip(fixture_path: Callable[[str], Path]) -> None:
    path = fixture_path("tiny_oneshot.txt")
    work = ficlens.read(path)
    analysis = ficlens.analyze(work)
    # analyze returns a new Work whose scenes carry their point of view; the rest is the same.
    assert analysis.work.text == work.text
    assert analysis.work.notes == work.notes
    assert [s.span for s in analysis.work.scenes] == [s.span for s in work.scenes]
    assert all(s.pov in ("first", "third") for s in analysis.work.scenes)
    data = analysis.to_json()
    assert json.loads(json.dumps(data)) == data  # plain JSON types only
    assert data["schema"] == ficlens.SCHEMA
    assert data["source"]["path"] == str(path)
    assert data["source"]["format"] == "text"
    assert data["source"]["sha256"] == work.source.sha256
    assert data["text_length"] == len(work.text)
    assert data["methods"]["ingest"] == "ingest.text.plain.v1"
    assert data["methods"]["structure"] == "structure.rules.v1"
    assert data["declared"]["title"] == "The Kettle That Sang"
    assert data["declared"]["authors"] == ["Hazel Tern"]
    assert [n["kind"] for n in data["notes"]] == [n.kind for n in work.notes]
    for note, expected in zip(data["notes"], work.notes, strict=True):
        assert (note["start"], note["end"], note["chapter"]) == (
            expected.span.start,
            expected.span.end,
            expected.chapter,
        )
    [chapter] = data["chapters"]
    assert [s["index"] for s in chapter["scenes"]] == [1, 2]
    assert chapter["scenes"][1]["break_before"] is not None
    assert data["stats"]["chapters"] == 1
    assert data["stats"]["scenes"] == 2
    assert "text" not in data
    with_text = analysis.to_json(include_text=True)
    assert with_text["text"] == work.text == path.read_text(encoding="utf-8")


def test_analyze_file_is_read_then_analyze(fixture_path: Callable[[str], Path]) -> None:
    path = fixture_path("scene_break_tildes.txt")
    assert ficlens.analyze_file(path).to_json() == ficlens.analyze(ficlens.read(path)).to_json()


def test_read_accepts_str_paths_and_settings(fixture_path: Callable[[str], Path]) -> None:
    path = str(fixture_path("scene_break_tildes.txt"))
    work = ficlens.read(path, settings=ficlens.Settings(max_bytes=10_000))
    assert work.source.path == path
    assert len(work.scenes) == 3
