"""A pack's character named once whom the narration's pronouns call for (``cast.lacking``)."""

from __future__ import annotations

from collections.abc import Callable

from ficlens.cast import build_cast
from ficlens.cast.lacking import LACKING_MIN, lacking, narration_pronouns
from ficlens.cast.mentions import Mention
from ficlens.cast.names import split_name
from ficlens.cast.roster import cluster_names
from ficlens.fandoms import load_pack
from ficlens.model import Span
from ficlens.nlp import Parsed

MakeParsed = Callable[..., Parsed]
PACK = (load_pack("harry_potter"),)


def _rows(text: str) -> list[tuple[str, str, str, int]]:
    """Every word a row: names proper nouns, the rest common nouns; no entities."""
    words = text.replace(".", " . ").split()
    return [(w, "NNP" if w[:1].isupper() and w != "She" else "NN", "dep", 0) for w in words]


def _story(hers: int, *, woman_twice: str = "") -> str:
    """Hermione named once, Severus three times, Harry twice, then ``hers`` pronouns of hers.

    Two men named twice: a drabble naming fewer keeps its pack names said once anyway.
    """
    opening = "Hermione came home late . Severus was upstairs . Severus sang . Severus slept ."
    opening += " Harry wrote . Harry left ."
    middle = " ".join(["She smiled at her cat ."] * (hers // 2))
    closing = f" {woman_twice} came . {woman_twice} left ." if woman_twice else ""
    return f"{opening} {middle}{closing}"


def _names(make_parsed: MakeParsed, text: str) -> list[str]:
    cast = build_cast(text, [make_parsed(text, _rows(text))], packs=PACK)
    return sorted(c.name for c in cast.characters)


def test_the_only_woman_named_once_is_kept_when_her_pronouns_fill_the_story(
    make_parsed: MakeParsed,
) -> None:
    text = _story(LACKING_MIN + 2)
    assert _names(make_parsed, text) == ["Harry Potter", "Hermione Granger", "Severus Snape"]


def test_a_woman_named_once_in_passing_stays_out(make_parsed: MakeParsed) -> None:
    text = _story(6)  # a few of her pronouns: said in passing
    assert _names(make_parsed, text) == ["Harry Potter", "Severus Snape"]


def test_a_woman_named_once_stays_out_when_the_cast_has_a_woman(make_parsed: MakeParsed) -> None:
    text = _story(LACKING_MIN + 2, woman_twice="Minerva")
    assert _names(make_parsed, text) == ["Harry Potter", "Minerva McGonagall", "Severus Snape"]


def test_narration_pronouns_count_by_set(make_parsed: MakeParsed) -> None:
    text = "She gave him her wand and he thanked her ."
    counts = narration_pronouns([make_parsed(text, _rows(text))])
    assert counts == {"she/her": 3, "he/him": 2}


def test_lacking_is_a_frequent_set_no_character_has(make_parsed: MakeParsed) -> None:
    text = " ".join(["She saw him ."] * LACKING_MIN)
    parsed = [make_parsed(text, _rows(text))]
    assert lacking(parsed, ["he/him"]) == {"she/her"}
    assert lacking(parsed, ["he/him", "she/her"]) == set()


def test_wanted_keys_keep_a_group_named_once() -> None:
    def named(text: str, at: int) -> Mention:
        return Mention(Span(at, at + len(text)), split_name(text), "canon")

    mentions = [named("Severus", 0), named("Severus", 10), named("Minerva", 20)]
    mentions += [named("Minerva", 30), named("Hermione", 40)]
    assert [g.keys for g in cluster_names(mentions)] == [{"Severus": 2}, {"Minerva": 2}]
    kept = cluster_names(mentions, wanted={"Hermione"})
    assert {"Hermione": 1} in [g.keys for g in kept]
