"""Storing works: add, duplicate, update in place (keeping the reading position), delete."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import cache

import pytest
from sqlalchemy import func, select, text

from ficlens.api import analyze
from ficlens.contract import analysis_to_json
from ficlens.demo.build import WORKS_DIR
from ficlens.ingest import read_bytes
from ficlens.library import (
    Library,
    LibraryError,
    WorkFilter,
    WorkNotFoundError,
    add_or_update,
    delete_work,
    find_by_sha256,
    get_work,
    list_works,
    needs_reanalysis,
    open_library,
    reading_position,
    search,
    set_reading_position,
    stale_sha256,
    store_contract,
    tag_counts,
    work_analysis,
    work_text,
)
from ficlens.library.tables import ChapterRow, NoteRow, TagRow, WorkRow, WorkTagRow
from ficlens.model import Analysis, Character, Content, Relationship
from ficlens.structure import build_work

WORKS = WORKS_DIR


@cache
def demo(name: str) -> Analysis:
    return analyze(build_work(read_bytes((WORKS / name).read_bytes(), path=name)), nlp=False)


def edited(name: str, old: str, new: str) -> Analysis:
    """A demo work with one passage rewritten: new bytes, same title, authors and URL."""
    data = (WORKS / name).read_bytes()
    assert old.encode() in data
    changed = data.replace(old.encode(), new.encode(), 1)
    return analyze(build_work(read_bytes(changed, path=name)), nlp=False)


@pytest.fixture
def library(db_url: str) -> Iterator[Library]:
    with open_library(db_url) as opened:
        yield opened


def fts_in_sync(library: Library) -> None:
    if library.engine.dialect.name != "sqlite":
        return  # PostgreSQL's tsvector is a generated column: always in step
    with library.sessions.begin() as session:  # raises if the index and the works disagree
        session.execute(text("INSERT INTO works_fts(works_fts, rank) VALUES('integrity-check', 1)"))


def test_add_stores_the_work_its_anatomy_and_tags(library: Library) -> None:
    with library.sessions.begin() as session:
        work, status = add_or_update(session, demo("rain-on-the-bridge.ao3.html"))
    assert status == "added"
    assert work.title == "Rain on the Bridge"
    assert work.authors == ("inkstainedkunai",)
    assert work.rating == "Teen And Up Audiences"
    assert work.source_url == "https://archiveofourown.org/works/89306411"
    assert (work.source_format, work.source_flavour) == ("html", "ao3")
    assert work.chapters == 2
    assert work.complete is True
    assert work.words > 1000
    assert work.tag_names("fandom", "declared") == ("Naruto",)
    assert "Haruno Sakura & Hatake Kakashi" in work.tag_names("relationship", "declared")
    assert "No Archive Warnings Apply" in work.tag_names("warning", "detected")
    assert work.tag_names("rating", "detected") == ("General Audiences",)
    with library.sessions() as session:
        chapters = session.scalars(select(ChapterRow).order_by(ChapterRow.index)).all()
        stored = work_text(session, work.id)
        assert [c.index for c in chapters] == [1, 2]
        assert stored[chapters[0].start : chapters[0].end].strip()
        assert (session.scalar(select(func.count(NoteRow.id))) or 0) > 0
        analysis = work_analysis(session, work.id)
    assert analysis["schema"] == "ficlens.analysis/1"
    assert analysis["methods"]["structure"].startswith("structure.")
    assert "text" not in analysis
    fts_in_sync(library)


def test_the_same_bytes_again_are_a_duplicate(library: Library) -> None:
    analysis = demo("tea-at-baker-street.txt")
    with library.sessions.begin() as session:
        first, _ = add_or_update(session, analysis)
    with library.sessions.begin() as session:
        again, status = add_or_update(session, analysis)
        assert find_by_sha256(session, analysis.work.source.sha256) == again
    assert status == "duplicate"
    assert again.id == first.id
    with library.sessions() as session:
        assert session.scalar(text("SELECT count(*) FROM works")) == 1


def age(library: Library, work_id: int, **methods: str) -> None:
    """Pretend an older FicLens analysed the stored work: other versions of these stages."""
    with library.sessions.begin() as session:
        row = session.get(WorkRow, work_id)
        assert row is not None
        row.methods = {**row.methods, **methods}


def test_the_same_bytes_analysed_by_an_older_ficlens_are_analysed_again(library: Library) -> None:
    analysis = demo("rain-on-the-bridge.txt")
    with library.sessions.begin() as session:
        first, _ = add_or_update(session, analysis)
        set_reading_position(session, first.id, chapter=2, offset=700)
    age(library, first.id, content="content.lexicon.v1")
    with library.sessions() as session:
        assert stale_sha256(session, first.sha256)
    with library.sessions.begin() as session:
        again, status = add_or_update(session, analysis)
    assert status == "updated"
    assert (again.id, again.sha256, again.added) == (first.id, first.sha256, first.added)
    assert again.tags == first.tags
    with library.sessions() as session:
        assert not stale_sha256(session, first.sha256)
        assert work_analysis(session, first.id)["methods"] == dict(analysis.methods)
        position = reading_position(session, first.id)
        assert session.scalar(text("SELECT count(*) FROM works")) == 1
    assert position is not None
    assert (position.chapter, position.offset) == (2, 700)
    fts_in_sync(library)


def test_an_older_analysis_never_replaces_a_newer_one(library: Library) -> None:
    analysis = demo("tea-at-baker-street.txt")
    with library.sessions.begin() as session:
        first, _ = add_or_update(session, analysis)
    old = dict(analysis.methods) | {"content": "content.lexicon.v1"}
    older = analysis_to_json(analysis, include_text=True) | {"methods": old}
    with library.sessions.begin() as session:
        kept, status = store_contract(session, older)
        assert work_analysis(session, first.id)["methods"] == dict(analysis.methods)
    assert (status, kept.id) == ("duplicate", first.id)


def test_a_stage_this_ficlens_does_not_know_leaves_the_work_alone() -> None:
    assert not needs_reanalysis({"ingest": "ingest.text.plain.v0", "translation": "x.v9"})
    assert needs_reanalysis({"structure": "structure.rules.v0"})


def test_a_changed_story_updates_in_place_and_keeps_the_reading_position(
    library: Library,
) -> None:
    with library.sessions.begin() as session:
        work, _ = add_or_update(session, demo("rain-on-the-bridge.txt"))
        set_reading_position(session, work.id, chapter=2, offset=1500)
    newer = edited("rain-on-the-bridge.txt", "six days", "seven long days")
    with library.sessions.begin() as session:
        updated, status = add_or_update(session, newer)
    assert status == "updated"
    assert updated.id == work.id
    assert updated.sha256 != work.sha256
    assert updated.added == work.added
    assert updated.updated >= work.updated
    with library.sessions() as session:
        position = reading_position(session, work.id)
        assert "seven long days" in work_text(session, work.id)
        assert session.scalar(text("SELECT count(*) FROM works")) == 1
        assert [h.work_id for h in search(session, '"seven long days"')] == [work.id]
        links = session.scalar(text(f"SELECT count(*) FROM work_tags WHERE work_id = {work.id}"))
    assert links == len(updated.tags) == len(work.tags)
    assert "seven long days" in (updated.summary or "")
    assert position is not None
    assert (position.chapter, position.offset) == (2, 1500)
    fts_in_sync(library)


def test_same_title_and_authors_from_another_site_updates_the_work(library: Library) -> None:
    with library.sessions.begin() as session:
        first, _ = add_or_update(session, demo("tea-at-baker-street.txt"))
        second, status = add_or_update(session, demo("tea-at-baker-street.ffn.html"))
    assert status == "updated"
    assert second.id == first.id
    assert second.source_flavour == "ffn"


@pytest.mark.parametrize(
    "order",
    [
        ("rain-on-the-bridge.ao3.html", "rain-on-the-bridge.ffn.html", "rain-on-the-bridge.txt"),
        ("rain-on-the-bridge.txt", "rain-on-the-bridge.ffn.html", "rain-on-the-bridge.ao3.html"),
    ],
)
def test_the_copy_that_declares_most_is_kept_whatever_the_order(
    library: Library, order: tuple[str, ...]
) -> None:
    with library.sessions.begin() as session:
        stored = [add_or_update(session, demo(name)) for name in order]
    assert len({work.id for work, _ in stored}) == 1
    kept = stored[-1][0]
    assert kept.source_url is not None and "archiveofourown.org" in kept.source_url
    assert "Rain" in kept.tag_names("freeform", "declared")
    statuses = [status for _, status in stored]
    if order[0].endswith(".ao3.html"):  # the FFN page and the text declare less
        assert statuses == ["added", "copy", "copy"]
    else:  # each copy declares more than the one before
        assert statuses == ["added", "updated", "updated"]
    fts_in_sync(library)


def test_a_longer_copy_from_elsewhere_is_a_newer_version(library: Library) -> None:
    name = "rain-on-the-bridge.txt"
    grown = (WORKS / name).read_text(encoding="utf-8") + (
        "\n\nChapter 3: After\n\nThe umbrella stayed in Sakura's flat for a month after that, "
        "folded by the door, and nobody asked for it back.\n"
    )
    longer = analyze(build_work(read_bytes(grown.encode(), path=name)), nlp=False)
    with library.sessions.begin() as session:
        first, _ = add_or_update(session, demo("rain-on-the-bridge.ao3.html"))
        same_length, kept = add_or_update(session, demo(name))
        second, status = add_or_update(session, longer)
    assert (kept, same_length.id) == ("copy", first.id)
    assert (status, second.id) == ("updated", first.id)
    assert second.chapters == first.chapters + 1
    assert second.source_url is None


def test_a_different_story_is_added_beside(library: Library) -> None:
    with library.sessions.begin() as session:
        first, _ = add_or_update(session, demo("tea-at-baker-street.txt"))
        second, status = add_or_update(session, demo("rain-on-the-bridge.txt"))
    assert status == "added"
    assert second.id != first.id


def test_the_forms_of_one_pairing_are_one_tag_across_works(library: Library) -> None:
    tea = demo("tea-at-baker-street.txt")
    declared = replace(tea, work=replace(tea.work, metadata=replace(
        tea.work.metadata, relationships=("John Watson & Sherlock Holmes",))))  # fmt: skip
    rain = demo("rain-on-the-bridge.txt")
    cast = (Character("c1", "Sherlock Holmes (Sherlock)", (), "he/him", True, 9, 0),
            Character("c2", "John Watson (Sherlock)", (), "he/him", True, 7, 5))  # fmt: skip
    pair = Relationship(
        ("c1", "c2"), "platonic", "Sherlock Holmes (Sherlock) & John Watson", 3.0, False
    )
    content = replace(rain.content or Content(), relationships=(pair,))
    detected = replace(rain, characters=cast, content=content)
    with library.sessions.begin() as session:
        add_or_update(session, declared)
        add_or_update(session, detected)
    with library.sessions() as session:
        counts = [(c.name, c.count) for c in tag_counts(session) if c.type == "relationship"]
        either = [
            list_works(session, WorkFilter(include={"relationship": [form]})).total
            for form in (
                "John Watson & Sherlock Holmes",
                "Sherlock Holmes & John Watson (Sherlock)",
            )
        ]
        romance = list_works(
            session, WorkFilter(include={"relationship": ["John Watson/Sherlock Holmes"]})
        )
    assert counts == [("John Watson & Sherlock Holmes", 2)]  # the first form stored names it
    assert either == [2, 2]
    assert romance.total == 0  # A/B is another tag than A & B


def test_the_reading_position_is_checked(library: Library) -> None:
    with library.sessions.begin() as session:
        work, _ = add_or_update(session, demo("rain-on-the-bridge.txt"))
        assert reading_position(session, work.id) is None
        with pytest.raises(LibraryError, match="no chapter 9"):
            set_reading_position(session, work.id, chapter=9, offset=0)
        with pytest.raises(LibraryError, match="outside"):
            set_reading_position(session, work.id, chapter=1, offset=10**9)
        with pytest.raises(WorkNotFoundError):
            set_reading_position(session, 404, chapter=1, offset=0)
        set_reading_position(session, work.id, chapter=1, offset=10)
        moved = set_reading_position(session, work.id, chapter=2, offset=20)
    assert (moved.chapter, moved.offset) == (2, 20)
    assert moved.updated.tzinfo is not None


def test_two_readers_saving_a_first_position_at_once_do_not_collide(library: Library) -> None:
    # Two server processes open the same unread work: each session saw no reading position;
    # the one that saves second must update the row the first inserted, not insert again.
    with library.sessions.begin() as session:
        work, _ = add_or_update(session, demo("rain-on-the-bridge.txt"))
    with library.sessions() as late:
        row = late.get(WorkRow, work.id)
        assert row is not None
        assert row.reading is None  # what this session saw before the other saved
        with library.sessions.begin() as early:
            set_reading_position(early, work.id, chapter=1, offset=5)
        saved = set_reading_position(late, work.id, chapter=2, offset=7)
        late.commit()
    assert (saved.chapter, saved.offset) == (2, 7)
    with library.sessions() as session:
        position = reading_position(session, work.id)
    assert position is not None
    assert (position.chapter, position.offset) == (2, 7)


def test_delete_removes_the_work_its_rows_its_index_entry_and_unused_tags(
    library: Library,
) -> None:
    with library.sessions.begin() as session:
        rain, _ = add_or_update(session, demo("rain-on-the-bridge.ao3.html"))
        tea, _ = add_or_update(session, demo("tea-at-baker-street.ao3.html"))
        set_reading_position(session, rain.id, chapter=1, offset=5)
    with library.sessions() as session:
        assert [h.work_id for h in search(session, "Konoha")] == [rain.id]
    with library.sessions.begin() as session:
        delete_work(session, rain.id)
    fts_in_sync(library)
    with library.sessions() as session:
        assert search(session, "Konoha") == []
        if library.engine.dialect.name == "sqlite":
            matches = "SELECT count(*) FROM works_fts WHERE works_fts MATCH 'Konoha'"
        else:
            matches = "SELECT count(*) FROM works WHERE search_vector @@ to_tsquery('Konoha')"
        assert session.scalar(text(matches)) == 0
        for table in ("chapters", "notes", "work_tags", "reading_state"):
            rows = session.scalar(text(f"SELECT count(*) FROM {table} WHERE work_id = {rain.id}"))
            assert rows == 0, table
        names = set(session.scalars(select(TagRow.name)))
        assert "Naruto" not in names
        assert "Sherlock (TV)" in names
        assert (session.scalar(select(func.count()).select_from(WorkTagRow)) or 0) > 0
        with pytest.raises(WorkNotFoundError, match=f"no work with id {rain.id}"):
            get_work(session, rain.id)
        assert get_work(session, tea.id).title == "Tea at Baker Street"
    with library.sessions.begin() as session, pytest.raises(WorkNotFoundError):
        delete_work(session, rain.id)


def test_a_work_without_a_declared_title_is_named_after_its_file(library: Library) -> None:
    data = b"It rained on the gravel path.\n\nThen it stopped, and Sorrel went out again.\n"
    analysis = analyze(
        build_work(read_bytes(data, path="stories.zip:dir/gravel-path.txt")), nlp=False
    )
    with library.sessions.begin() as session:
        work, _ = add_or_update(session, analysis)
    assert work.title == "gravel-path"
    assert work.authors == ()
    assert work.complete is None


def test_a_reading_position_past_a_shorter_new_text_is_kept_inside_it(library: Library) -> None:
    long_story = b"Short Story\nby someone\n\nChapter 1\n\nOne.\n\nChapter 2\n\n" + b"Two. " * 200
    short_story = b"Short Story\nby someone\n\nChapter 1\n\nOne, rewritten.\n"
    first = analyze(build_work(read_bytes(long_story, path="s.txt")), nlp=False)
    second = analyze(build_work(read_bytes(short_story, path="s.txt")), nlp=False)
    with library.sessions.begin() as session:
        work, _ = add_or_update(session, first)
        assert work.chapters == 2
        set_reading_position(session, work.id, chapter=2, offset=len(first.work.text))
    with library.sessions.begin() as session:
        updated, status = add_or_update(session, second)
        position = reading_position(session, work.id)
    assert (status, updated.chapters) == ("updated", 1)
    assert position is not None
    assert (position.chapter, position.offset) == (1, len(second.work.text))


@pytest.mark.parametrize("name", ["rain-on-the-bridge.ao3.html", "rain-on-the-bridge.ffn.html"])
def test_a_declared_language_name_is_stored_as_its_code(library: Library, name: str) -> None:
    # Without the spaCy stages only the site's name is known: "English" on AO3 and FFN alike.
    with library.sessions.begin() as session:
        work, _ = add_or_update(session, demo(name))
    assert work.language == "en"
