"""How common the packs' one-word names are, and the file that says so."""

from __future__ import annotations

import json

import pytest

from ficlens.fandoms import load_packs
from ficlens.fandoms.frequency import (
    RARE_ZIPF,
    SCHEMA,
    build,
    frequencies,
    is_rare,
    one_word_forms,
    parse,
)
from ficlens.fandoms.pack import name_key


def test_the_bundled_file_lists_every_one_word_name_of_the_bundled_packs() -> None:
    missing = set(one_word_forms(load_packs())) - set(frequencies())
    assert not missing, (
        f"packs/name_frequency.json lacks {sorted(missing)[:10]}: run "
        "`python -m ficlens.fandoms.frequency` after editing a pack"
    )


def test_rare_names_are_under_the_threshold_and_common_ones_over_it() -> None:
    table = frequencies()
    assert table["draco"] < RARE_ZIPF < table["harry"]
    assert is_rare("Kakashi") and is_rare("the Kakashi")
    assert not is_rare("John") and not is_rare("Tony")


def test_a_name_the_file_does_not_list_or_of_two_words_is_not_rare() -> None:
    assert not is_rare("Wren")  # a test pack's name: unknown counts as common
    assert not is_rare("Draco Malfoy")


def test_one_word_forms_are_keys_without_the_and_case() -> None:
    keys = one_word_forms(load_packs())
    assert "draco" in keys and "copy ninja" not in keys
    assert all(key == name_key(key) and " " not in key for key in keys)


def test_parse_reads_the_table_and_names_the_file_when_it_is_wrong() -> None:
    good = json.dumps({"schema": SCHEMA, "source": "test", "zipf": {"draco": 3.04}})
    assert parse(good) == {"draco": 3.04}
    with pytest.raises(ValueError, match=r"names\.json: not JSON"):
        parse("{", source="names.json")
    with pytest.raises(ValueError, match="not a name-frequency file"):
        parse(json.dumps({"schema": "other"}), source="names.json")
    with pytest.raises(ValueError, match="malformed zipf table"):
        parse(json.dumps({"schema": SCHEMA, "zipf": {"draco": "often"}}))


def test_build_looks_the_names_up_in_wordfreq() -> None:
    pytest.importorskip("wordfreq")
    data = build(load_packs())
    assert data["schema"] == SCHEMA and data["source"].startswith("wordfreq ")
    assert data["zipf"] == frequencies()
