"""The work page's SVG pictures: the relationship graph and the per-scene presence strip.

The builders are tested on small hand-made ``ficlens.analysis/1`` dicts; one page test runs
the real NLP import on a demo work and checks both pictures reach the page.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ficlens.library import import_paths, open_library
from ficlens.web import create_app
from ficlens.web.pictures import (
    STRIP_COLUMNS,
    presence_strip,
    relationship_graph,
    work_pictures,
)

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<b>&"x'
DEMO = Path(__file__).parents[2] / "ficlens" / "demo" / "works"

# Three scenes: chapter 1 has two, chapter 2 one. "Annex" must not count as "Ann".
SCENES = [
    "Ann walked in. Bob waved at her.",
    '"Hello," she said. <b>&"x looked on.',
    '"Go away," said Bob. "Now," he said. The Annex was empty.',
]


def story() -> tuple[str, list[tuple[int, int]]]:
    """The hand-made text and each scene's (start, end)."""
    spans, text = [], ""
    for scene in SCENES:
        spans.append((len(text), len(text) + len(scene)))
        text += scene + "\n\n"
    return text, spans


def quote(text: str, scene: int, words: str, speaker: str, addressee: str | None) -> dict[str, Any]:
    """A quotation of ``words`` inside scene ``scene`` (0-based)."""
    start = text.index(words, story()[1][scene][0])
    return {"start": start, "end": start + len(words), "speaker": speaker, "addressee": addressee}


def analysis() -> dict[str, Any]:
    """Three characters (one with a hostile name), two relationships, three quotations."""
    text, spans = story()

    def scene(index: int, span: tuple[int, int]) -> dict[str, Any]:
        return {
            "index": index,
            "start": span[0],
            "end": span[1],
            "segments": [{"start": span[0], "end": span[1]}],
        }

    return {
        "format": "ficlens.analysis/1",
        "chapters": [
            {"index": 1, "scenes": [scene(1, spans[0]), scene(2, spans[1])]},
            {"index": 2, "scenes": [scene(1, spans[2])]},
        ],
        "characters": [
            {"id": "c1", "name": "Ann Lee", "aliases": ["Ann"], "mentions": 10, "lines": 1},
            {"id": "c2", "name": "Bob", "aliases": [], "mentions": 5, "lines": 2},
            {"id": "c3", "name": HOSTILE, "aliases": [], "mentions": 3, "lines": 0},
        ],
        "quotes": [
            quote(text, 1, "Hello,", "c1", "c2"),
            quote(text, 2, "Go away,", "c2", "c1"),
            quote(text, 2, "Now,", "c2", "c1"),
        ],
        "relationships": [
            {"characters": ["c1", "c2"], "kind": "romantic", "tag": "Ann Lee/Bob", "main": True},
            {
                "characters": ["c1", "c3"],
                "kind": "platonic",
                "tag": f"Ann Lee & {HOSTILE}",
                "main": False,
            },
        ],
    }


def parse(svg: object) -> ET.Element:
    """The SVG as an element tree (fails unless it is well-formed XML)."""
    root = ET.fromstring(str(svg))
    assert root.tag == f"{SVG}svg"
    return root


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def test_graph_has_a_node_per_character_on_a_circle() -> None:
    graph = relationship_graph(analysis())
    assert graph is not None
    root = parse(graph.svg)
    nodes = [g for g in root.iter(f"{SVG}g") if "node" in classes(g)]
    labels = [g.findtext(f"{SVG}text") for g in nodes]
    assert labels == ["Ann Lee", "Bob", HOSTILE]
    centres = [(float(c.get("cx", 0)), float(c.get("cy", 0))) for c in root.iter(f"{SVG}circle")]
    distances = {round(((x - 280) ** 2 + (y - 280) ** 2) ** 0.5) for x, y in centres}
    assert distances == {170}
    # The most mentioned character is at the top, and the layout is the same every time.
    assert centres[0] == (280.0, 110.0)
    assert str(relationship_graph(analysis())) == str(graph)
    # A count of one is singular: Ann Lee says one line.
    assert [g.findtext(f"{SVG}title") for g in nodes][:2] == [
        "Ann Lee: 10 mentions, 1 line",
        "Bob: 5 mentions, 2 lines",
    ]


def test_graph_edges_carry_their_kind() -> None:
    graph = relationship_graph(analysis())
    assert graph is not None
    root = parse(graph.svg)
    paths = {p.findtext(f"{SVG}title"): classes(p) for p in root.iter(f"{SVG}path")}
    assert paths == {
        "Ann Lee/Bob (romantic, main pairing)": {"edge", "relationship", "romantic", "main"},
        f"Ann Lee & {HOSTILE} (platonic)": {"edge", "relationship", "platonic"},
    }
    dialogue = [line for line in root.iter(f"{SVG}line") if "dialogue" in classes(line)]
    assert len(dialogue) == 1
    assert dialogue[0].findtext(f"{SVG}title") == "Ann Lee → Bob: 1 line; Bob → Ann Lee: 2 lines"
    assert "w4" in classes(dialogue[0])
    assert graph.relationships == (
        "Ann Lee/Bob (romantic, main pairing)",
        f"Ann Lee & {HOSTILE} (platonic)",
    )
    assert graph.dialogue == ("Ann Lee → Bob: 1 line", "Bob → Ann Lee: 2 lines")


def test_graph_weighs_dialogue_lines_by_count() -> None:
    data = analysis()
    text = story()[0]
    data["quotes"] += [quote(text, 1, "Hello,", "c3", "c1")] + [
        quote(text, 2, "Now,", "c2", "c1") for _ in range(9)
    ]
    graph = relationship_graph(data)
    assert graph is not None
    weights = {
        line.findtext(f"{SVG}title"): {c for c in classes(line) if c.startswith("w")}
        for line in parse(graph.svg).iter(f"{SVG}line")
    }
    assert weights[f"{HOSTILE} → Ann Lee: 1 line"] == {"w1"}
    assert weights["Ann Lee → Bob: 1 line; Bob → Ann Lee: 11 lines"] == {"w4"}


def test_hostile_names_are_escaped() -> None:
    data = analysis()
    data["characters"][2]["name"] = HOSTILE + "\x01"
    graph = relationship_graph(data)
    strip = presence_strip(data, story()[0])
    assert graph is not None and strip is not None
    for svg in (str(graph.svg), str(strip)):
        assert HOSTILE not in svg
        assert "&lt;b&gt;&amp;&quot;x" in svg
        assert "\x01" not in svg
        parse(svg)


def test_graph_keeps_to_the_top_characters() -> None:
    data = analysis()
    extras = [{"id": f"x{i:02}", "name": f"Extra {i}", "mentions": 1} for i in range(20)]
    extras[19]["mentions"] = 7  # between Ann Lee (10) and Bob (5)
    data["characters"] = extras + data["characters"]  # the list's order must not matter
    graph = relationship_graph(data, limit=12)
    assert graph is not None
    nodes = [g for g in parse(graph.svg).iter(f"{SVG}g") if "node" in classes(g)]
    # Most mentions first; the extras tied at one mention go by id (x00, x01, ...).
    assert [g.findtext(f"{SVG}text") for g in nodes] == [
        "Ann Lee", "Extra 19", "Bob", HOSTILE,
        *(f"Extra {i}" for i in range(8)),
    ]  # fmt: skip


def filled(strip: object) -> dict[tuple[str, int], str]:
    """(character id, column) → ``speaks`` or ``named`` for every filled cell."""
    cells = {}
    for rect in parse(strip).iter(f"{SVG}rect"):
        if "cell" in classes(rect):
            state = (classes(rect) - {"cell"}).pop()
            cells[(rect.get("data-character", ""), int(rect.get("data-column", -1)))] = state
    return cells


def test_strip_cells_match_the_scenes() -> None:
    strip = presence_strip(analysis(), story()[0])
    assert strip is not None
    assert filled(strip) == {
        ("c1", 0): "named",  # "Ann walked in."
        ("c1", 1): "speaks",  # "Hello," (and "Annex" in scene 3 is not Ann)
        ("c2", 0): "named",
        ("c2", 2): "speaks",
        ("c3", 1): "named",  # the hostile name, matched literally
    }
    root = parse(strip)
    columns = [r.findtext(f"{SVG}title") for r in root.iter(f"{SVG}rect") if "column" in classes(r)]
    assert columns == [
        "Scene 1 (chapter 1, scene 1)",
        "Scene 2 (chapter 1, scene 2)",
        "Scene 3 (chapter 2, scene 1)",
    ]
    breaks = [line for line in root.iter(f"{SVG}line") if "chapter-break" in classes(line)]
    assert len(breaks) == 1
    assert breaks[0].get("x1") == "218"  # the left edge of the third column
    assert root.findtext(f"{SVG}title") == "Character presence by scene: 3 characters, 3 scenes"


def test_strip_bins_many_scenes() -> None:
    text, scenes = "", []
    for n in range(1, 501):
        line = "Zed is here." if n == 7 else "Nobody."
        scenes.append({"index": n, "start": len(text), "end": len(text) + len(line)})
        text += line + "\n"
    data = {
        "chapters": [{"index": 1, "scenes": scenes[:250]}, {"index": 2, "scenes": scenes[250:]}],
        "characters": [{"id": "c1", "name": "Zed", "aliases": [], "mentions": 1}],
        "quotes": [],
        "relationships": [],
    }
    strip = presence_strip(data, text)
    assert strip is not None
    root = parse(strip)
    columns = [r for r in root.iter(f"{SVG}rect") if "column" in classes(r)]
    assert len(columns) == 100 <= STRIP_COLUMNS
    assert columns[1].findtext(f"{SVG}title") == "Scenes 6–10 (chapters 1–1)"
    assert "merged into 100 columns of up to 5 scenes each" in (root.findtext(f"{SVG}title") or "")
    assert filled(strip) == {("c1", 1): "named"}
    assert float(root.get("width", "0")) < 1000
    assert len(str(strip)) < 20_000


def test_no_cast_means_no_pictures_and_a_note() -> None:
    data = analysis()
    data["characters"] = []
    pictures = work_pictures(data, story()[0])
    assert (pictures.graph, pictures.strip) == (None, None)
    assert pictures.note == "No pictures: this work was imported without the NLP stages."
    assert work_pictures({"chapters": []}, "").graph is None


def test_one_character_gets_the_strip_but_no_graph() -> None:
    data = analysis()
    data["characters"] = data["characters"][:1]
    pictures = work_pictures(data, story()[0])
    assert pictures.graph is None
    assert pictures.strip is not None
    assert set(filled(pictures.strip)) == {("c1", 0), ("c1", 1)}
    assert pictures.note == "No relationship graph: the cast has one character."


def test_no_scenes_means_no_strip() -> None:
    data = analysis()
    data["chapters"] = []
    assert presence_strip(data, story()[0]) is None
    assert relationship_graph(data) is not None


@pytest.fixture(scope="module")
def nlp_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A library holding one demo work imported with the NLP stages."""
    db = str(tmp_path_factory.mktemp("web-nlp") / "library.db")
    with open_library(db) as library:
        report = import_paths(library, [DEMO / "tea-at-baker-street.txt"], nlp=True)
    assert not report.failures, report.failures
    with TestClient(create_app(db)) as test_client:
        yield test_client


def test_work_page_shows_both_pictures(nlp_client: TestClient) -> None:
    response = nlp_client.get("/works/1")
    assert response.status_code == 200
    page = response.text
    assert page.count("<svg") == 2
    assert 'class="picture graph"' in page and 'class="picture strip"' in page
    assert "Sherlock Holmes/John Watson (romantic, main pairing)" in page
    assert 'class="edge relationship romantic main"' in page
    assert "style=" not in page  # the CSP allows no inline style
    assert "style-src 'self'" in response.headers["content-security-policy"]


def test_work_without_nlp_shows_the_note(client: TestClient) -> None:
    works = client.get("/api/works").json()["works"]
    wid = next(w["id"] for w in works if w["title"] == "Tea at Baker Street")
    page = client.get(f"/works/{wid}").text
    assert "Before you read" in page
    assert "<svg" not in page
    assert "No pictures: this work was imported without the NLP stages." in page
