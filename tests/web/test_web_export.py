"""EPUB and HTML downloads: metadata, the AO3-style preface, chapters, escaping, the gate."""

from __future__ import annotations

from pathlib import Path

from ebooklib import ITEM_DOCUMENT, epub
from fastapi.testclient import TestClient

from ficlens.library import LibraryWork, WorkTag
from ficlens.library.export import preface_rows


def work_id(client: TestClient, title: str) -> int:
    works = client.get("/api/works", params={"sort": "title"}).json()["works"]
    return next(int(w["id"]) for w in works if w["title"] == title)


def fetch_epub(client: TestClient, path: str, tmp_path: Path) -> epub.EpubBook:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/epub+zip"
    file = tmp_path / "book.epub"
    file.write_bytes(response.content)
    return epub.read_epub(str(file))


def documents(book: epub.EpubBook) -> dict[str, str]:
    return {
        item.get_name(): item.get_content().decode("utf-8")
        for item in book.get_items_of_type(ITEM_DOCUMENT)
    }


def test_epub_has_metadata_preface_and_a_file_per_chapter(
    client: TestClient, tmp_path: Path
) -> None:
    wid = work_id(client, "Rain on the Bridge")
    response = client.get(f"/works/{wid}/download.epub")
    assert (
        response.headers["content-disposition"] == 'attachment; filename="rain-on-the-bridge.epub"'
    )
    book = fetch_epub(client, f"/works/{wid}/download.epub", tmp_path)
    assert book.get_metadata("DC", "title")[0][0] == "Rain on the Bridge"
    assert book.get_metadata("DC", "creator")[0][0] == "inkstainedkunai"
    assert book.get_metadata("DC", "language")[0][0] == "en"
    assert book.get_metadata("DC", "identifier")[0][0].startswith("urn:ficlens:")
    assert "umbrella" in book.get_metadata("DC", "description")[0][0]
    subjects = {value for value, _ in book.get_metadata("DC", "subject")}
    assert {"Naruto", "Teen And Up Audiences", "No Archive Warnings Apply"} <= subjects
    docs = documents(book)
    chapters = sorted(name for name in docs if name.startswith("chapter-"))
    assert chapters == ["chapter-001.xhtml", "chapter-002.xhtml"]
    assert "Chapter 2: Dry Season" in docs["chapter-002.xhtml"]
    preface = docs["preface.xhtml"]
    assert "<dt>Rating:</dt><dd>Teen And Up Audiences, " in preface
    assert "General Audiences (detected by FicLens)" in preface
    assert "<dt>Fandom:</dt><dd>Naruto</dd>" in preface
    assert "<dt>Archive Warnings:</dt>" in preface
    # The author's note sits in its own block, before the story text.
    first = docs["chapter-001.xhtml"]
    assert '<div class="note"><h3>Author\'s note</h3><p>A/N: Hi everyone!' in first
    assert first.index('class="note"') < first.index('class="text"')
    toc = [link.title for link in book.toc]
    assert toc == ["Preface", "Chapter 1: Six Days of Rain", "Chapter 2: Dry Season"]


def test_epub_escapes_the_hostile_text(client: TestClient, tmp_path: Path) -> None:
    wid = work_id(client, "../\"evil' Title")
    response = client.get(f"/works/{wid}/download.epub")
    assert response.headers["content-disposition"] == 'attachment; filename="evil-title.epub"'
    book = fetch_epub(client, f"/works/{wid}/download.epub", tmp_path)
    chapter = documents(book)["chapter-001.xhtml"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in chapter
    assert "<script" not in chapter


def test_html_download_is_one_escaped_page(client: TestClient) -> None:
    wid = work_id(client, "../\"evil' Title")
    response = client.get(f"/works/{wid}/download.html")
    assert response.headers["content-disposition"] == 'attachment; filename="evil-title.html"'
    page = response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page
    assert "<style>" in page and 'src="' not in page and 'href="http' not in page
    rain = client.get(f"/works/{work_id(client, 'Rain on the Bridge')}/download.html").text
    assert rain.count('<h2 id="chapter-') == 2
    assert '<a href="#chapter-2">Chapter 2: Dry Season</a>' in rain


def test_adult_work_downloads_are_gated(web_db: str) -> None:
    from ficlens.web import create_app

    with TestClient(create_app(web_db)) as fresh:
        wid = work_id(fresh, "After the Fall of the Tower")
        for kind in ("epub", "html"):
            gate = fresh.get(f"/works/{wid}/download.{kind}")
            assert "This work could have adult content" in gate.text
            assert "content-disposition" not in gate.headers
        passed = fresh.get(f"/works/{wid}/download.epub", params={"view_adult": "true"})
        assert passed.headers["content-type"] == "application/epub+zip"
        assert passed.content.startswith(b"PK")


def test_work_page_links_the_downloads(client: TestClient) -> None:
    wid = work_id(client, "Rain on the Bridge")
    page = client.get(f"/works/{wid}").text
    assert f'href="/works/{wid}/download.epub"' in page
    assert f'href="/works/{wid}/download.html"' in page


def test_preface_marks_only_undeclared_detections() -> None:
    work = LibraryWork(
        1, "x", "T", (), None, "t.txt", None, "text", "plain", "Mature", 10, 1, None, None,
        None, None,  # type: ignore[arg-type]
        tags=(
            WorkTag("rating", "Mature", "declared"),
            WorkTag("rating", "mature", "detected"),
            WorkTag("warning", "Graphic Depictions Of Violence", "detected"),
            WorkTag("character", "Sakura", "detected"),
            WorkTag("freeform", "Rain", "declared"),
        ),
    )  # fmt: skip
    rows = {row.label: (row.declared, row.detected) for row in preface_rows(work)}
    assert rows == {
        "Rating": (("Mature",), ()),
        "Archive Warnings": ((), ("Graphic Depictions Of Violence",)),
        "Additional Tags": (("Rain",), ()),
    }
