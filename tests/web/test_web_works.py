"""A work's page, the reader, the reading position, the adult gate and downloads (TestClient)."""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient

from ficlens.web import create_app


def work_id(client: TestClient, title: str) -> int:
    works = client.get("/api/works").json()["works"]
    return next(int(w["id"]) for w in works if w["title"] == title)


def test_work_page_has_before_you_read_with_hidden_evidence(client: TestClient) -> None:
    page = client.get(f"/works/{work_id(client, 'Rain on the Bridge')}").text
    panel = page.split('<section class="before-you-read"', 1)[1].split("</section>", 1)[0]
    assert "General Audiences (AO3)" in panel
    assert "K (FanFiction.Net)" in panel  # no violence, swearing, romance or death on the page
    assert "Teen And Up Audiences" in panel  # declared
    assert "No Archive Warnings Apply" in panel
    assert re.search(r"AO3 archive warning, chance 0\.\d\d", panel)
    assert "death: on page" not in panel  # "a dying fish" is no death
    # Evidence passages sit inside <details>, closed: spoilers only on request.
    evidence = re.findall(r'<details class="evidence">(.*?)</details>', panel, re.S)
    assert evidence
    assert all("<blockquote>" in block for block in evidence)
    assert '<details class="evidence" open' not in panel
    assert 'class="flag"' not in panel  # declared Teen is stricter than detected General


def test_milder_declared_rating_is_flagged() -> None:
    from ficlens.library import LibraryWork
    from ficlens.web.facts import work_facts

    work = LibraryWork(1, "x", "T", (), None, "t.txt", None, "text", "plain", "General Audiences",
                       10, 1, None, None, None, None)  # type: ignore[arg-type]  # fmt: skip
    analysis = {"rating": {"ao3": "Mature", "ffn": "M", "declared": "General Audiences",
                           "disagreement": "under", "reasons": []}}  # fmt: skip
    facts = work_facts(work, analysis, "")
    assert facts.milder_declared
    assert (facts.detected_ao3, facts.detected_ffn, facts.declared) == (
        "Mature",
        "M",
        "General Audiences",
    )


def test_a_library_declared_rating_the_text_most_probably_has_is_not_flagged() -> None:
    from ficlens.library import LibraryWork
    from ficlens.web.facts import work_facts

    work = LibraryWork(1, "x", "T", (), None, "t.txt", None, "text", "plain", "General Audiences",
                       10, 1, None, None, None, None)  # type: ignore[arg-type]  # fmt: skip
    leaning = {"General Audiences": 0.5, "Teen And Up Audiences": 0.37, "Mature": 0.13}
    analysis = {"rating": {"ao3": "Teen And Up Audiences", "ffn": "T", "reasons": [],
                           "probabilities": leaning}}  # fmt: skip
    assert not work_facts(work, analysis, "").milder_declared
    leaning = {"General Audiences": 0.2, "Teen And Up Audiences": 0.6, "Mature": 0.2}
    analysis["rating"]["probabilities"] = leaning
    assert work_facts(work, analysis, "").milder_declared


def test_a_pairing_inferred_without_romance_passages_says_so() -> None:
    from ficlens.library import LibraryWork
    from ficlens.web.facts import work_facts

    work = LibraryWork(1, "x", "T", (), None, "t.txt", None, "text", "plain", None,
                       10, 1, None, None, None, None)  # type: ignore[arg-type]  # fmt: skip
    text = "Wren and Osk walked. Wren kissed Pell."
    analysis = {"relationships": [
        {"tag": "Wren/Osk", "kind": "romantic", "main": True, "basis": "together",
         "evidence": [{"start": 0, "end": 20}]},
        {"tag": "Wren/Pell", "kind": "romantic", "main": False, "basis": "romance",
         "evidence": [{"start": 21, "end": 38}]},
        {"tag": "Wren & Osk", "kind": "platonic", "main": False, "evidence": []},
    ]}  # fmt: skip
    details = [claim.detail for claim in work_facts(work, analysis, text).relationships]
    assert details[0].startswith("main, romantic; inferred: no romance passage joins them")
    assert details[1:] == ["romantic", "platonic"]  # no basis: an analysis stored before it


def test_an_archive_warning_shows_its_chance_and_a_content_warning_does_not() -> None:
    from ficlens.library import LibraryWork
    from ficlens.web.facts import work_facts

    work = LibraryWork(1, "x", "T", (), None, "t.txt", None, "text", "plain", None,
                       10, 1, None, None, None, None)  # type: ignore[arg-type]  # fmt: skip
    analysis = {"warnings": [
        {"name": "Major Character Death", "scheme": "ao3", "confidence": 0.278, "evidence": []},
        {"name": "Death", "scheme": "content", "confidence": 0.6, "evidence": []},
    ]}  # fmt: skip
    details = [claim.detail for claim in work_facts(work, analysis, "").warnings]
    assert details == ["AO3 archive warning, chance 0.28", "content warning"]


def test_no_archive_warnings_names_the_warnings_that_may_apply() -> None:
    from ficlens.library import LibraryWork
    from ficlens.web.facts import work_facts

    work = LibraryWork(1, "x", "T", (), None, "t.txt", None, "text", "plain", None,
                       10, 1, None, None, None, None)  # type: ignore[arg-type]  # fmt: skip
    possible = [{"name": "Major Character Death", "chance": 0.31}]
    analysis = {"warnings": [
        {"name": "No Archive Warnings Apply", "scheme": "ao3", "confidence": 0.6,
         "evidence": [], "possible": possible},
    ]}  # fmt: skip
    (claim,) = work_facts(work, analysis, "").warnings
    assert claim.detail == (
        "AO3 archive warning, chance 0.60; may apply: Major Character Death (chance 0.31)"
    )


def test_work_page_shows_cast_state_and_links(client: TestClient) -> None:
    wid = work_id(client, "Tea at Baker Street")
    page = client.get(f"/works/{wid}").text
    assert "imported without the NLP stages" in page  # nlp=False import: no cast
    assert f'href="/works/{wid}/read"' in page
    assert f'href="/works/{wid}/download.txt"' in page
    assert f'href="/works/{wid}/analysis.json"' in page
    assert "Chapter 2: Milk, No Sugar" in page


def test_reader_sets_notes_apart_and_links_the_next_chapter(client: TestClient) -> None:
    wid = work_id(client, "Rain on the Bridge")
    page = client.get(f"/works/{wid}/chapters/1").text
    notes = re.findall(r'<details class="note" open><summary>([^<]*)</summary>(.*?)</details>',
                       page, re.S)  # fmt: skip
    labels = [label for label, _ in notes]
    assert "Author&#39;s note" in labels
    assert "End note" in labels
    assert "Disclaimer" in labels
    assert any("Hi everyone!" in body for _, body in notes)
    assert '<hr class="scene-break">' in page
    assert f'<a rel="next" id="next" href="/works/{wid}/chapters/2">' in page
    assert 'rel="prev"' not in page
    assert '<script src="/static/reader.js"></script>' in page
    assert "ArrowRight" in client.get("/static/reader.js").text
    second = client.get(f"/works/{wid}/chapters/2").text
    assert '<h3 class="time-skip">Two Weeks Later</h3>' in second
    assert f'<a rel="prev" id="prev" href="/works/{wid}/chapters/1">' in second
    assert 'rel="next"' not in second
    assert client.get(f"/works/{wid}/chapters/3").status_code == 404


def test_whole_work_reader_shows_every_chapter(client: TestClient) -> None:
    page = client.get(f"/works/{work_id(client, 'Tea at Baker Street')}/read").text
    assert "<h2>Chapter 1: Prologue</h2>" in page
    assert "<h2>Chapter 2: Milk, No Sugar</h2>" in page


def test_reading_position_is_remembered_and_offered(client: TestClient) -> None:
    wid = work_id(client, "The Marauder's Map Is Wrong")
    assert "Continue reading" not in client.get(f"/works/{wid}").text
    assert client.get(f"/api/works/{wid}").json()["reading_position"] is None
    client.get(f"/works/{wid}/chapters/1")
    client.get(f"/works/{wid}/chapters/1")  # idempotent
    page = client.get(f"/works/{wid}").text
    assert f'<a class="continue" href="/works/{wid}/chapters/1">Continue reading: chapter 1' in page
    assert client.get(f"/api/works/{wid}").json()["reading_position"]["chapter"] == 1


def test_adult_gate_intercepts_until_the_cookie_is_set(web_db: str) -> None:
    with TestClient(create_app(web_db)) as fresh:
        wid = work_id(fresh, "After the Fall of the Tower")
        for url in (f"/works/{wid}", f"/works/{wid}/chapters/1", f"/works/{wid}/download.txt"):
            gate = fresh.get(url)
            assert "This work could have adult content" in gate.text, url
            assert "Triage" not in gate.text
        assert 'name="view_adult" value="true"' in gate.text
        passed = fresh.get(f"/works/{wid}", params={"view_adult": "true"})
        assert "Before you read" in passed.text
        assert "view_adult=true" in passed.headers["set-cookie"]
        # The cookie now lets every page through without the query.
        page = fresh.get(f"/works/{wid}/chapters/1").text
        assert "Chapter 1: Triage" in page
        assert "adult content" not in page
        # A General Audiences work never sees the gate.
    with TestClient(create_app(web_db)) as other:
        rain = work_id(other, "Rain on the Bridge")
        assert "Before you read" in other.get(f"/works/{rain}").text


def test_downloads_have_safe_names_and_parse(client: TestClient) -> None:
    wid = work_id(client, "../\"evil' Title")
    text = client.get(f"/works/{wid}/download.txt")
    assert text.headers["content-disposition"] == 'attachment; filename="evil-title.txt"'
    assert text.headers["content-type"].startswith("text/plain")
    assert "<script>alert(1)</script>" in text.text  # the story's own text, as plain text
    analysis = client.get(f"/works/{wid}/analysis.json")
    assert analysis.headers["content-disposition"] == 'attachment; filename="evil-title.json"'
    data = json.loads(analysis.text)
    assert data["schema"] == "ficlens.analysis/1"
    assert data["declared"]["title"] == "../\"evil' Title"
    assert len(data["chapters"]) == 1


def test_missing_work_is_a_404_page(client: TestClient) -> None:
    page = client.get("/works/9999")
    assert page.status_code == 404
    assert "no such work" in page.text


def test_pages_carry_security_headers(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    text = client.get(f"/works/{work_id(client, 'Rain on the Bridge')}/download.txt")
    assert text.headers["x-content-type-options"] == "nosniff"
