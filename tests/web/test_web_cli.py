"""``ficlens serve``: what it binds and prints (uvicorn itself is replaced)."""

from __future__ import annotations

from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from ficlens.cli import app
from ficlens.web.app import WORKER_ENV, app_from_environment


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda web_app, **kw: calls.append({"app": web_app, **kw}))
    for name in WORKER_ENV.values():  # --workers sets these: start without, remove them after
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    return calls


def test_serve_binds_localhost_by_default(runs: list[dict[str, Any]], web_db: str) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", web_db])
    assert result.exit_code == 0, result.output
    assert "at http://127.0.0.1:8000/" in result.output
    assert (runs[0]["host"], runs[0]["port"]) == ("127.0.0.1", 8000)
    assert runs[0]["app"].state.library.url.endswith("library.db")


def test_serve_takes_host_and_port(runs: list[dict[str, Any]], web_db: str) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", web_db, "--host", "::1", "--port", "9001"])
    assert result.exit_code == 0, result.output
    assert "at http://[::1]:9001/" in result.output
    assert (runs[0]["host"], runs[0]["port"]) == ("::1", 9001)


def test_serve_reports_a_bad_database(runs: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert result.exit_code == 1
    assert "error" in result.output
    assert runs == []


def test_serve_and_the_web_pages_are_documented() -> None:
    from pathlib import Path

    docs = Path(__file__).parents[2] / "docs"
    cli_doc = (docs / "cli.md").read_text(encoding="utf-8")
    section = cli_doc.split("## `ficlens serve`\n", 1)[1].split("\n## ", 1)[0]
    for option in ("--db", "--host", "--port", "--admin-token", "--hide-adult", "--workers"):
        assert f"`{option}`" in section
    web_doc = (docs / "web.md").read_text(encoding="utf-8")
    for url in ("`/search?q=`", "`/works/{id}/chapters/{n}`", "`/api/works`", "view_adult"):
        assert url in web_doc


def test_serve_refuses_a_public_address_without_an_admin_token(
    runs: list[dict[str, Any]], web_db: str
) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", web_db, "--host", "0.0.0.0"])
    assert result.exit_code == 1
    assert "--admin-token" in result.output
    assert runs == []


def test_serve_on_a_public_address_with_an_admin_token(
    runs: list[dict[str, Any]], web_db: str
) -> None:
    args = ["serve", "--db", web_db, "--host", "0.0.0.0", "--admin-token", "s3cret"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert runs[0]["host"] == "0.0.0.0"
    assert runs[0]["app"].state.guard.admin_token == "s3cret"


def test_serve_hide_adult_builds_an_app_that_hides_adult_works(
    runs: list[dict[str, Any]], web_db: str
) -> None:
    assert CliRunner().invoke(app, ["serve", "--db", web_db]).exit_code == 0
    result = CliRunner().invoke(app, ["serve", "--db", web_db, "--hide-adult"])
    assert result.exit_code == 0, result.output
    shown, hidden = runs[0]["app"], runs[1]["app"]
    assert (shown.state.hide_adult, hidden.state.hide_adult) == (False, True)
    with TestClient(hidden) as client:
        titles = {w["title"] for w in client.get("/api/works").json()["works"]}
    assert "After the Fall of the Tower" not in titles
    assert len(titles) == 5  # the four other demo works and the hostile one


def test_serve_with_several_workers_hands_uvicorn_the_factory(
    runs: list[dict[str, Any]], web_db: str
) -> None:
    args = ["serve", "--db", web_db, "--workers", "3", "--hide-adult", "--admin-token", "tok"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    call = runs[0]
    assert call["app"] == "ficlens.web.app:app_from_environment"
    assert (call["factory"], call["workers"], call["port"]) == (True, 3, 8000)
    # each worker process builds the same app from the environment, without migrating
    built = app_from_environment()
    assert built.state.library.url.endswith("library.db")
    assert built.state.hide_adult is True
    assert built.state.guard.admin_token == "tok"
    with TestClient(built) as client:
        titles = {w["title"] for w in client.get("/api/works").json()["works"]}
    assert len(titles) == 5  # all but the adult demo work


def test_one_worker_is_served_in_process(runs: list[dict[str, Any]], web_db: str) -> None:
    assert CliRunner().invoke(app, ["serve", "--db", web_db, "--workers", "1"]).exit_code == 0
    assert not isinstance(runs[0]["app"], str)
    assert "workers" not in runs[0]


def test_serve_refuses_zero_workers(runs: list[dict[str, Any]], web_db: str) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", web_db, "--workers", "0"])
    assert result.exit_code == 2
    assert runs == []
