"""The upload form: imports, per-file results, CSRF, the admin token, the size limit, binding."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ficlens.web import create_app
from ficlens.web.security import UnsafeBindError, check_bind, is_loopback

DEMO = Path(__file__).parents[2] / "ficlens" / "demo" / "works"
NEW_STORY = (
    "Title: Lanterns Over the Harbour\nAuthor: quietgull\n\n"
    "Chapter 1: Low Tide\n\n"
    + "\n\n".join(
        f"Mira counted the lanterns on the harbour wall for the {n}th night, and the gulls "
        "watched her from the pilings as the tide went out."
        for n in range(4, 24)
    )
)


def csrf_of(client: TestClient) -> str:
    page = client.get("/upload")
    assert page.status_code == 200
    match = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert match
    return match.group(1)


def rows(html: str) -> dict[str, str]:
    found = re.findall(r'<tr class="(\w+)">\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>', html)
    return {name: result for _cls, name, result in found}


@pytest.fixture
def fresh(make_web_db: Callable[[], str]) -> TestClient:
    return TestClient(create_app(make_web_db()))


def test_upload_imports_the_good_file_and_reports_the_broken_one(fresh: TestClient) -> None:
    before = fresh.get("/api/works").json()["total"]
    response = fresh.post(
        "/upload",
        data={"csrf": csrf_of(fresh)},
        files=[
            ("files", ("lanterns.txt", NEW_STORY.encode(), "text/plain")),
            ("files", ("broken.epub", b"PK\x03\x04 not really a zip", "application/epub+zip")),
            ("files", ("notes.pdf", b"%PDF-1.4", "application/pdf")),
            ("files", ("rain.txt", (DEMO / "rain-on-the-bridge.txt").read_bytes(), "text/plain")),
        ],
    )
    assert response.status_code == 200
    results = rows(response.text)
    assert results["lanterns.txt"] == "added"
    assert results["broken.epub"].startswith("failed: ")
    assert results["notes.pdf"].startswith("failed: not one of")
    assert results["rain.txt"] == "copy: the richer copy stored is kept"  # the AO3 page
    assert fresh.get("/api/works").json()["total"] == before + 1
    hits = fresh.get("/api/search", params={"q": "lanterns harbour"}).json()["hits"]
    assert [hit["title"] for hit in hits] == ["Lanterns Over the Harbour"]


def test_upload_without_a_valid_csrf_token_is_refused(fresh: TestClient) -> None:
    files = [("files", ("lanterns.txt", NEW_STORY.encode(), "text/plain"))]
    missing = fresh.post("/upload", files=files)
    assert missing.status_code == 403
    forged = fresh.post("/upload", data={"csrf": "abc.def"}, files=files)
    assert forged.status_code == 403
    token = csrf_of(fresh)
    nonce = token.split(".")[0]
    tampered = fresh.post("/upload", data={"csrf": f"{nonce}x.{token.split('.')[1]}"}, files=files)
    assert tampered.status_code == 403
    # A token from another app (another process's secret) is no good either.
    other = TestClient(create_app(str(fresh.app.state.library.url)))  # type: ignore[attr-defined]
    assert fresh.post("/upload", data={"csrf": csrf_of(other)}, files=files).status_code == 403
    assert fresh.get("/api/works").json()["total"] == 6  # nothing was imported


def test_admin_token_is_required_when_set(make_web_db: Callable[[], str]) -> None:
    client = TestClient(create_app(make_web_db(), admin_token="s3cret"))
    assert 'name="admin_token"' in client.get("/upload").text
    files = [("files", ("lanterns.txt", NEW_STORY.encode(), "text/plain"))]
    no_token = client.post("/upload", data={"csrf": csrf_of(client)}, files=files)
    assert no_token.status_code == 401
    wrong = client.post(
        "/upload", data={"csrf": csrf_of(client), "admin_token": "guess"}, files=files
    )
    assert wrong.status_code == 401
    by_field = client.post(
        "/upload", data={"csrf": csrf_of(client), "admin_token": "s3cret"}, files=files
    )
    assert rows(by_field.text) == {"lanterns.txt": "added"}
    by_header = client.post(
        "/upload",
        data={"csrf": csrf_of(client)},
        files=files,
        headers={"Authorization": "Bearer s3cret"},
    )
    assert rows(by_header.text) == {"lanterns.txt": "duplicate"}
    client.cookies.set("admin_token", "s3cret")
    by_cookie = client.post("/upload", data={"csrf": csrf_of(client)}, files=files)
    assert rows(by_cookie.text) == {"lanterns.txt": "duplicate"}


def test_oversized_upload_is_a_413_page(make_web_db: Callable[[], str]) -> None:
    client = TestClient(create_app(make_web_db(), max_upload_bytes=1024))
    big = [("files", ("big.txt", b"word " * 1000, "text/plain"))]
    response = client.post("/upload", data={"csrf": csrf_of(client)}, files=big)
    assert response.status_code == 413
    assert "Upload too large" in response.text
    assert client.get("/api/works").json()["total"] == 6  # five demo works and the hostile one


def test_upload_with_no_file_asks_for_one(fresh: TestClient) -> None:
    response = fresh.post("/upload", data={"csrf": csrf_of(fresh)}, files=[("x", ("", b""))])
    assert response.status_code == 400
    assert "Choose at least one file." in response.text


def test_the_default_limit_is_50_mib(fresh: TestClient) -> None:
    assert fresh.app.state.max_upload_bytes == 50 * 1024 * 1024  # type: ignore[attr-defined]
    assert "at most 50 MiB" in fresh.get("/upload").text


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_hosts_need_no_token(host: str) -> None:
    assert is_loopback(host)
    check_bind(host, None)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.org"])
def test_other_hosts_need_an_admin_token(host: str) -> None:
    with pytest.raises(UnsafeBindError, match="--admin-token"):
        check_bind(host, None)
    with pytest.raises(UnsafeBindError):
        check_bind(host, "")
    check_bind(host, "s3cret")
