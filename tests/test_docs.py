"""The docs match the code: every CLI option, setting and output field is documented."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

import ficlens
from ficlens.cli import app
from ficlens.settings import SETTINGS

DOCS = Path(__file__).parent.parent / "docs"


def _options(command: str) -> list[str]:
    group = typer.main.get_command(app)
    params = group.commands[command].params  # type: ignore[attr-defined]
    return [option for param in params for option in getattr(param, "opts", [])]


def test_every_analyze_option_is_in_the_cli_docs() -> None:
    cli_doc = (DOCS / "cli.md").read_text(encoding="utf-8")
    options = [option for option in _options("analyze") if option.startswith("--")]
    assert "--format" in options
    for option in options:
        assert f"`{option}" in cli_doc, f"{option} is not documented in docs/cli.md"


def test_every_setting_is_documented_with_its_default() -> None:
    cli_doc = (DOCS / "cli.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        row = re.search(rf"\| `{setting.name}` \| (\d+) \|", cli_doc)
        assert row, f"setting {setting.name} missing from docs/cli.md"
        assert int(row.group(1)) == setting.default


def _documented_fields(section: str) -> set[str]:
    text = (DOCS / "output.md").read_text(encoding="utf-8")
    body = text.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    names: set[str] = set()
    for cell in re.findall(r"^\| ([^|]+) \|", body, flags=re.M):
        names.update(re.findall(r"`([a-z_0-9]+)`", cell))
    return names


def test_every_output_field_is_documented(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("A/N: hi!\n\nChapter 1\n\nIt rained.\n\n* * *\n\nIt stopped.\n")
    data = ficlens.analyze(ficlens.read(story)).to_json(include_text=True)
    assert set(data) <= _documented_fields("Top level")
    assert set(data["source"]) <= _documented_fields("`source`")
    assert set(data["declared"]) <= _documented_fields("`declared`")
    assert set(data["notes"][0]) <= _documented_fields("`notes[]`")
    chapter = data["chapters"][0]
    assert set(chapter) <= _documented_fields("`chapters[]`")
    assert set(chapter["scenes"][0]) <= _documented_fields("`chapters[].scenes[]`")
    assert set(data["stats"]) <= _documented_fields("`stats`")
    assert set(data["rating"]) <= _documented_fields("`rating`")
    assert set(data["warnings"][0]) <= _documented_fields("`warnings[]`")
    assert set(data["signals"][0]) <= _documented_fields("`signals[]`")


def test_content_fields_are_documented(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "Harry kissed Ginny under the Christmas tree. Ginny kissed him back and laughed.\n\n"
        "Later Harry held Ginny's hand and told Ginny that he loved her.\n\n"
        "The Burrow smelled of Christmas pudding all week.\n\n"
        "They sang carols by the fire until midnight.\n"
    )
    data = ficlens.analyze(ficlens.read(story)).to_json()
    assert data["relationships"], "the kisses make a pairing"
    # three paragraphs with a Christmas word: the Christmas tag's threshold
    assert "Christmas" in [tag["name"] for tag in data["tags"]]
    for relationship in data["relationships"]:
        assert set(relationship) <= _documented_fields("`relationships[]`")
    for tag in data["tags"]:
        assert set(tag) <= _documented_fields("`tags[]`")


def test_readme_quick_start_is_two_make_commands() -> None:
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("```", 2)[1]
    commands = [line.split("#")[0].strip() for line in quick.strip().splitlines()]
    assert commands == ["make run", "make test"]
