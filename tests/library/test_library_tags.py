"""Which tags a work gets: declared from its source, detected by the analysis."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from ficlens.api import analyze
from ficlens.demo.build import WORKS_DIR
from ficlens.ingest import read_bytes
from ficlens.library.records import LibraryWork, WorkTag
from ficlens.library.tags import declared_rating, work_tags
from ficlens.model import Analysis, Character, Content, Relationship
from ficlens.structure import build_work

WORKS = WORKS_DIR


def demo(name: str) -> Analysis:
    return analyze(build_work(read_bytes((WORKS / name).read_bytes(), path=name)), nlp=False)


def test_fanfiction_net_fields_become_ao3_style_tags() -> None:
    analysis = demo("rain-on-the-bridge.ffn.html")
    tags = work_tags(analysis)
    assert declared_rating(analysis) == "Teen And Up Audiences"  # FFN's T, in AO3's names
    assert WorkTag("rating", "Teen And Up Audiences", "declared") in tags
    assert WorkTag("freeform", "Hurt/Comfort", "declared") in tags  # an FFN genre
    assert WorkTag("character", "Kakashi H.", "declared") in tags
    assert WorkTag("fandom", "Naruto", "declared") in tags
    assert WorkTag("fandom", "Naruto", "detected") in tags


def test_detected_cast_relationships_and_categories_are_tags() -> None:
    base = demo("tea-at-baker-street.txt")
    cast = (Character("c1", "Sherlock Holmes", (), "he/him", True, 9, 0),
            Character("c2", "John Watson", (), "he/him", True, 7, 5))  # fmt: skip
    pairing = Relationship(("c1", "c2"), "romantic", "Sherlock Holmes/John Watson", 3.0, True)
    content = replace(base.content or Content(), relationships=(pairing,), categories=("M/M",))
    tags = work_tags(replace(base, characters=cast, content=content))
    detected = {(t.type, t.name) for t in tags if t.source == "detected"}
    assert {("character", "Sherlock Holmes"), ("character", "John Watson"),
            ("relationship", "Sherlock Holmes/John Watson"), ("category", "M/M"),
            ("fandom", "Sherlock (TV)")} <= detected  # fmt: skip


def test_repeats_and_blank_names_are_dropped() -> None:
    base = demo("tea-at-baker-street.txt")
    meta = replace(base.work.metadata, freeforms=("Fluff", "fluff", "  ", "Domestic  Life"))
    tags = work_tags(replace(base, work=replace(base.work, metadata=meta)))
    freeform = [t.name for t in tags if t.type == "freeform" and t.source == "declared"]
    assert freeform == ["Fluff", "Domestic Life"]


def test_a_pairing_declared_and_detected_under_other_names_is_shown_once() -> None:
    now = datetime.now(UTC)
    work = LibraryWork(
        1, "0" * 64, "Rooftops", ("quietgull",), None, "rooftops.html", None, "html", "ao3",
        None, 900, 1, True, "en", now, now,
        tags=(WorkTag("relationship", "Natasha Romanov & Steve Rogers", "declared"),
              WorkTag("relationship", "Steve Rogers & Natasha Romanov (Marvel)", "detected"),
              WorkTag("relationship", "Natasha Romanov/Steve Rogers", "detected"),
              WorkTag("character", "Natasha Romanov", "declared"),
              WorkTag("character", "Natasha Romanov (Marvel)", "detected")),
    )  # fmt: skip
    assert work.tag_names("relationship") == (
        "Natasha Romanov & Steve Rogers",  # the declared form; a romance is another tag
        "Natasha Romanov/Steve Rogers",
    )
    assert work.tag_names("character") == ("Natasha Romanov",)
    assert work.tag_names("character", "detected") == ("Natasha Romanov (Marvel)",)


def test_a_detected_pairing_declared_under_another_form_takes_the_declared_one() -> None:
    base = demo("tea-at-baker-street.txt")
    meta = replace(base.work.metadata, relationships=("John Watson & Sherlock Holmes",),
                   characters=("Sherlock Holmes",))  # fmt: skip
    cast = (Character("c1", "Sherlock Holmes (Sherlock)", (), "he/him", True, 9, 0),
            Character("c2", "John Watson (Sherlock)", (), "he/him", True, 7, 5))  # fmt: skip
    pair = Relationship(
        ("c1", "c2"), "platonic", "Sherlock Holmes (Sherlock) & John Watson", 3.0, False
    )
    content = replace(base.content or Content(), relationships=(pair,))
    analysis = replace(base, work=replace(base.work, metadata=meta), characters=cast,
                       content=content)  # fmt: skip
    tags = {(t.type, t.name, t.source) for t in work_tags(analysis)}
    assert ("relationship", "John Watson & Sherlock Holmes", "detected") in tags
    assert ("character", "Sherlock Holmes", "detected") in tags
    assert ("character", "John Watson (Sherlock)", "detected") in tags  # declared by no one
    assert not {name for kind, name, _ in tags if kind == "relationship"} - {
        "John Watson & Sherlock Holmes"
    }


def test_an_unnamed_narrator_is_no_character_tag() -> None:
    """A story told by an ``I`` it never names has a ``Narrator`` in its cast, but no tag: every
    such story would share it. A named one is a tag like anyone."""
    base = demo("tea-at-baker-street.txt")
    cast = (Character("c1", "Sherlock Holmes", (), "he/him", True, 9, 0),
            Character("narrator", "Narrator", ("I",), None, False, 0, 0))  # fmt: skip
    tags = work_tags(replace(base, characters=cast))
    characters = [t.name for t in tags if t.type == "character" and t.source == "detected"]
    assert characters == ["Sherlock Holmes"]
    named = (Character("narrator", "John Watson", ("I",), "he/him", True, 3, 0),)
    tags = work_tags(replace(base, characters=named))
    assert WorkTag("character", "John Watson", "detected") in tags
