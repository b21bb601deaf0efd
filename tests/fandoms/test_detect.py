"""Fandom detection and canon look-up, on small passages written for these tests."""

from __future__ import annotations

import pytest

from ficlens.fandoms import (
    FandomMatch,
    FandomPack,
    canon_count,
    detect_fandoms,
    find_canon,
    is_pack_name,
    load_pack,
    load_packs,
    parse_pack,
)
from ficlens.fandoms.scan import matcher
from ficlens.model import Span

NARUTO = """\
Kakashi-sensei was late again. Naruto sprawled across the railing of the bridge, complaining
that he could have learned a whole new jutsu in the time they had wasted, while Sakura tried to
ignore him and Sasuke pretended to be asleep. When the Copy Ninja finally appeared in a puff of
smoke, he claimed a black cat had crossed his path on the way out of Konoha.
"Chakra control," he said, pointing at the trees. "Walk up them. No hands."
"""

HARRY_POTTER = """\
Harry pulled the cloak tighter and followed Hermione down the moving staircase. Somewhere
below, a caretaker was muttering about Gryffindors out of bed after curfew. "If Snape catches
us," Ron whispered, "we'll be scrubbing cauldrons until we leave Hogwarts." Hermione ignored
him and counted the portraits, her wand held low.
"""

ORDINARY = """\
The bakery on the corner opened at six, and by half past the queue reached the post office.
Margaret bought two loaves and a bag of rolls, then walked home along the river while the mist
lifted from the water. Her brother had promised to fix the garden gate before the weekend, but
the hinges were still rusted and the paint was peeling in long grey strips.
"""

LANTERNS = """\
schema = 1
slug = "lanterns"
name = "The Lantern Keepers"
aliases = ["Lantern Keepers"]
name_order = "given_first"
terms = ["Emberhold", "lantern oath"]

[[characters]]
name = "Wren Ashdown"
given = "Wren"
surname = "Ashdown"
aliases = ["Wren", "Ashdown"]
epithets = ["the Last Keeper"]
pronouns = "she/her"

[[characters]]
name = "Tobias Vale"
given = "Tobias"
surname = "Vale"
aliases = ["Tobias", "Toby"]
pronouns = "he/him"
"""


def slugs(matches: tuple[FandomMatch, ...]) -> list[str]:
    return [match.pack.slug for match in matches]


def hits(text: str, match: FandomMatch) -> list[str]:
    return [span.of(text) for span in match.evidence]


@pytest.fixture(scope="module")
def lanterns() -> tuple[FandomPack, ...]:
    return (parse_pack(LANTERNS, source="lanterns.toml"),)


def test_naruto_passage_is_naruto_with_evidence() -> None:
    matches = detect_fandoms(NARUTO)
    assert slugs(matches) == ["naruto"]
    match = matches[0]
    assert match.score >= 3
    assert not match.declared
    found = hits(NARUTO, match)
    # One span per signal: "the Copy Ninja" is Kakashi again.
    assert found == ["Kakashi", "Naruto", "jutsu", "Sakura", "Sasuke", "Konoha", "Chakra"]
    assert match.terms == ("jutsu", "Konoha", "chakra")
    assert match.characters == (
        "Hatake Kakashi",
        "Uzumaki Naruto",
        "Haruno Sakura",
        "Uchiha Sasuke",
    )
    assert list(match.evidence) == sorted(match.evidence)
    assert all(isinstance(span, Span) for span in match.evidence)


def test_harry_potter_passage_is_not_naruto() -> None:
    matches = detect_fandoms(HARRY_POTTER)
    assert slugs(matches) == ["harry_potter"]
    assert matches[0].terms == ("Gryffindor", "Hogwarts")
    assert "Gryffindors" in hits(HARRY_POTTER, matches[0])  # terms match in the plural


def test_ordinary_english_is_no_fandom() -> None:
    assert detect_fandoms(ORDINARY) == ()
    assert detect_fandoms("") == ()


def test_declared_fandom_always_matches() -> None:
    matches = detect_fandoms(ORDINARY, declared=("Naruto (Anime & Manga)",))
    assert slugs(matches) == ["naruto"]
    assert matches[0].declared
    assert matches[0].score == 0
    assert matches[0].evidence == ()


@pytest.mark.parametrize(
    ("tag", "slug"),
    [
        ("harry potter", "harry_potter"),
        ("Harry Potter - J. K. Rowling", "harry_potter"),
        ("Sherlock (TV)", "sherlock"),
        ("Star Wars: The Clone Wars (2008) - All Media Types", "star_wars"),
        ("僕のヒーローアカデミア | Boku no Hero Academia | My Hero Academia", "my_hero_academia"),
        ("HAIKYUU!!", "haikyuu"),
        ("The Avengers (Marvel) - All Media Types", "marvel"),
    ],
)
def test_declared_tags_compare_ignoring_case_and_inside_longer_tags(tag: str, slug: str) -> None:
    assert slugs(detect_fandoms("", declared=(tag,))) == [slug]


def test_unrelated_declared_tag_declares_nothing() -> None:
    assert detect_fandoms(ORDINARY, declared=("Bleach", "Narutoverse")) == ()


def test_declared_and_detected_fandoms_come_together() -> None:
    matches = detect_fandoms(NARUTO, declared=("Supernatural",))
    assert slugs(matches) == ["naruto", "supernatural"]
    assert [match.declared for match in matches] == [False, True]


def test_score_formula(lanterns: tuple[FandomPack, ...]) -> None:
    text = "Wren Ashdown crossed Emberhold at dusk. Wren lit the lamp."
    (match,) = detect_fandoms(text, packs=lanterns)
    # Signals: one term and one character named in full, both strong: 2.0. Hits: 3 in 10
    # words, 300 per 1,000 words, capped at 20: the score doubles.
    assert match.score == 4.0
    assert hits(text, match) == ["Wren Ashdown", "Emberhold"]
    longer = text + " so" * 590  # 3 hits in 600 words: 5 per 1,000 words
    (match,) = detect_fandoms(longer, packs=lanterns, min_score=0)
    assert match.score == 2.5  # 2.0 * (1 + 5 / 20)
    assert detect_fandoms(longer, packs=lanterns) == ()


def test_two_strong_signals_are_needed(lanterns: tuple[FandomPack, ...]) -> None:
    weak = "Wren and Toby and Ashdown."
    assert detect_fandoms(weak, packs=lanterns, min_score=0) == ()
    strong = "Wren swore the lantern oath at Emberhold."
    assert slugs(detect_fandoms(strong, packs=lanterns)) == ["lanterns"]
    assert detect_fandoms(strong, packs=lanterns, min_score=100) == ()


def test_names_keep_their_case_terms_do_not(lanterns: tuple[FandomPack, ...]) -> None:
    text = "wren met toby at EMBERHOLD, where the Lantern Oaths were sworn."
    (match,) = detect_fandoms(text, packs=lanterns, min_score=0, declared=("Lantern Keepers",))
    assert hits(text, match) == ["EMBERHOLD", "Lantern Oaths"]
    assert match.characters == ()


def test_whole_words_only(lanterns: tuple[FandomPack, ...]) -> None:
    text = "Wrenfield and Emberholder and Tobiason met MacWren."
    assert (
        detect_fandoms(text, packs=lanterns, min_score=0, declared=("Lantern Keepers",))[0].evidence
        == ()
    )


def test_longest_name_wins_and_spans_are_the_hits() -> None:
    naruto = (load_pack("naruto"),)
    text = "Hatake Kakashi read in the shade in Konoha."
    (match,) = detect_fandoms(text, packs=naruto)
    assert hits(text, match) == ["Hatake Kakashi", "Konoha"]
    assert match.characters == ("Hatake Kakashi",)
    text = "In Konoha, the\nCopy Ninja's students trained."
    (match,) = detect_fandoms(text, packs=naruto)
    assert hits(text, match) == ["Konoha", "the\nCopy Ninja"]


def test_leading_the_may_be_capitalised() -> None:
    text = "The Copy Ninja sighed. The Sixth Hokage had paperwork in Konoha."
    (match,) = detect_fandoms(text, packs=(load_pack("naruto"),))
    assert hits(text, match) == ["The Copy Ninja", "Konoha"]  # both epithets are Kakashi's


def test_wrong_case_match_does_not_hide_a_name_inside_it() -> None:
    text = "They bowed to lady Tsunade, then to Guy, in Konoha; a guy laughed."
    (match,) = detect_fandoms(text, packs=(load_pack("naruto"),), declared=("Naruto",))
    assert hits(text, match) == ["Tsunade", "Guy", "Konoha"]


def test_curly_apostrophes_match_straight_ones() -> None:
    text = "T’Challa showed Shuri the vibranium from the Wakanda mines."
    (match,) = detect_fandoms(text, packs=(load_pack("marvel"),))
    assert "T’Challa" in hits(text, match)


def test_shared_surname_is_weak_evidence_and_names_no_one() -> None:
    text = "The Weasleys were at Hogwarts; a Weasley was always at Hogwarts."
    (match,) = detect_fandoms(text, packs=(load_pack("harry_potter"),), declared=("Harry Potter",))
    assert hits(text, match) == ["Hogwarts", "Weasley"]
    assert match.characters == ()
    assert find_canon("Weasley") is None


def test_evidence_is_at_most_ten_spans() -> None:
    pack = load_pack("harry_potter")
    text = " ".join(f"{term} and" for term in pack.terms)
    (match,) = detect_fandoms(text, packs=(pack,))
    assert len(match.terms) == len(pack.terms)
    assert len(match.evidence) == 10
    assert list(match.evidence) == sorted(match.evidence)


def test_matches_are_sorted_by_score() -> None:
    text = NARUTO + HARRY_POTTER + HARRY_POTTER.replace("Harry", "Draco Malfoy")
    matches = detect_fandoms(text)
    assert sorted(slugs(matches)) == ["harry_potter", "naruto"]
    assert matches[0].score >= matches[1].score


def test_a_large_text_is_read_whole() -> None:
    # Speed is measured by bench/bench_content.py (fandoms with the content stage), never here.
    text = (NARUTO + HARRY_POTTER + ORDINARY) * 1400  # about 250,000 words
    matches = detect_fandoms(text)
    assert sorted(slugs(matches)) == ["harry_potter", "naruto"]


@pytest.mark.parametrize(
    ("name", "tag"),
    [
        ("Kakashi", "Hatake Kakashi"),
        ("the Copy Ninja", "Hatake Kakashi"),
        ("Copy Ninja", "Hatake Kakashi"),
        ("the copy  ninja", "Hatake Kakashi"),
        ("Hatake Kakashi", "Hatake Kakashi"),
        ("Gaara (Naruto)", "Gaara (Naruto)"),
        ("Eraserhead", "Aizawa Shouta | Eraserhead"),
        ("Mione", "Hermione Granger"),
        ("The Boy Who Lived", "Harry Potter"),
        ("Winter Soldier", 'James "Bucky" Barnes'),
        ("T’Challa", "T'Challa (Marvel)"),
        ("Mrs Hudson", "Mrs. Hudson"),
        ("the King of Hell", "Crowley (Supernatural)"),
        ("Ben Kenobi", "Obi-Wan Kenobi"),
        ("Kacchan", "Bakugou Katsuki"),
        ("Grand King", "Oikawa Tooru"),
    ],
)
def test_find_canon(name: str, tag: str) -> None:
    found = find_canon(name)
    assert found is not None
    assert found.name == tag


def test_find_canon_misses() -> None:
    assert find_canon("Kakashi-sensei") is None
    assert find_canon("Potter") is None  # shared: Harry, James and Lily
    assert find_canon("") is None


def test_a_shared_surname_or_given_name_is_still_a_pack_name() -> None:
    potter = (load_pack("harry_potter"),)
    assert is_pack_name("Potter", potter)  # names no one in particular, but is a name
    assert is_pack_name("hermione", potter)
    assert is_pack_name("Alicia", potter)  # a given name the pack lists no alias for
    assert not is_pack_name("Kakashi", potter)
    assert not is_pack_name("Exactly", potter)
    assert is_pack_name("Kakashi")  # every bundled pack by default


def test_find_canon_searches_the_packs_given_in_order() -> None:
    naruto, haikyuu = load_pack("naruto"), load_pack("haikyuu")
    assert naruto.characters[5].name == "Hyuuga Hinata"
    assert haikyuu.characters[0].name == "Hinata Shouyou"
    assert find_canon("Hinata", (naruto, haikyuu)) == naruto.characters[5]
    assert find_canon("Hinata", (haikyuu, naruto)) == haikyuu.characters[0]
    assert find_canon("Kakashi", (haikyuu,)) is None
    assert find_canon("Kakashi", load_packs()) is not None


DRABBLE = """\
Harry found Draco in the library again, pretending to read. Ron had given up on both of them
weeks ago. Hermione only sighed when Draco stole the last chair and Harry laughed at him.
"""


def test_three_canon_characters_named_by_first_name_are_enough() -> None:
    # No terms and no full names: only Harry, Draco, Ron and Hermione, by first name.
    names = [m.pack.name for m in detect_fandoms(DRABBLE)]
    assert names[:1] == ["Harry Potter - J. K. Rowling"]


def test_two_canon_first_names_are_not_enough() -> None:
    text = "Harry and Ron walked to the shops and back again, talking about the weather."
    assert detect_fandoms(text) == ()


NOVEL_NAMES = ("Harry", "Fred", "George", "Tom", "Arthur", "Percy", "Bill")
FILLER = "The carriage rolled along the lane past the church and the mill. " * 30


def test_ordinary_given_names_spread_through_a_novel_are_no_fandom() -> None:
    # Seven names the Harry Potter pack knows, once each in about 2,900 words: a novel's
    # servants and cousins, not a fan work (density under 3 per 1,000 words).
    novel = "".join(f"{FILLER}{name} came to dinner. " for name in NOVEL_NAMES)
    assert detect_fandoms(novel) == ()
    # nor are English words the canon also uses (an apparition, a damp squib) its terms
    haunted = novel + "They saw an apparition on the stair; the party was a damp squib."
    assert detect_fandoms(haunted) == ()
    # Packed together they are still names anyone has: with no strong signal, a match needs
    # one name that few outside the canon have (Hermione).
    dense = " ".join(f"{name} came to dinner." for name in NOVEL_NAMES)
    assert detect_fandoms(dense) == ()
    assert slugs(detect_fandoms(dense + " Hermione came to dinner.")) == ["harry_potter"]


def test_a_dense_drabble_with_a_full_name_and_a_partner_is_detected() -> None:
    drabble = "Harry Potter waited by the lake. Draco sat down beside him. Harry laughed."
    (match,) = detect_fandoms(drabble)
    assert match.pack.slug == "harry_potter"
    assert match.characters == ("Harry Potter", "Draco Malfoy")
    assert detect_fandoms(drabble, min_score=100) == ()
    first_names_only = "Harry waited by the lake. Draco sat down beside him. Harry laughed."
    assert detect_fandoms(first_names_only) == ()


def test_two_recurring_first_names_on_a_short_page_are_enough() -> None:
    # No full name and no term, but Remus and Sirius come back again and again in 60 words.
    drabble = (
        "Remus waited on the step. Sirius was late again, and Remus knew why. When Sirius came, "
        "he brought cold air and a grin. Remus pretended to be cross. Sirius pretended to be "
        "sorry. Then Remus laughed, and Sirius sat down beside him, and neither said a word."
    )
    (match,) = detect_fandoms(drabble)
    assert match.pack.slug == "harry_potter"
    assert match.characters == ("Remus Lupin", "Sirius Black")
    # Twice each is not enough: ordinary names may meet on a page.
    assert detect_fandoms("Remus and Sirius met. Remus left. Sirius stayed behind.") == ()


def test_a_recurring_surname_is_the_partner_of_a_rare_name() -> None:
    # Draco (rare, named three times) and a Potter the story never calls Harry.
    drabble = (
        "Draco was the first at the Ministry. Potter was asleep on his desk. Draco coughed, and "
        "Potter woke with a start. Draco handed him a coffee. Potter took it and left, smiling."
    )
    (match,) = detect_fandoms(drabble)
    assert match.pack.slug == "harry_potter"
    # Named twice, the surname is not yet a second person on the page.
    assert detect_fandoms("Draco was first. Potter slept. Draco coughed. Draco waited.") == ()


def test_one_lead_named_in_full_and_again_and_again_is_enough() -> None:
    # A drabble about Percy alone: one full name, then the first name on every other line.
    drabble = (
        "Percy Weasley straightened his tie. Percy had rehearsed the speech all night, and the "
        "mirror had not laughed once. Percy told himself that was a good sign. He picked up his "
        "notes, put them down, picked them up again. Percy went downstairs."
    )
    (match,) = detect_fandoms(drabble)
    assert match.pack.slug == "harry_potter"
    assert match.characters == ("Percy Weasley",)
    # Named in full twice in all is not enough, nor a rare first name alone, however often.
    assert detect_fandoms("Percy Weasley straightened his tie. Percy went downstairs.") == ()
    maid = "Dorcas brought the tray. Dorcas had seen nothing. Dorcas went back down the stairs."
    assert detect_fandoms(maid) == ()


def test_a_one_shot_about_one_lead_named_on_every_page_is_enough() -> None:
    # A reader-insert one-shot: one canon character, once in full, then by the first name
    # every few paragraphs; too long for the drabble's density, dense enough for a story.
    named = (
        "You waited by the window while the kettle sang and the rain kept on against the glass, "
        "and you thought about the letter on the table, and about Sirius, who had not come.\n\n"
    )
    filler = (
        "The street below was empty but for a cat on the railings and a van that idled by the "
        "corner shop, its wipers going, its driver asleep over the wheel of it.\n\n"
    )
    opening = "Sirius Black was late again.\n\n"
    story = opening + (named + filler * 3) * 8
    (match,) = detect_fandoms(story)
    assert match.pack.slug == "harry_potter"
    assert match.characters == ("Sirius Black",)
    # Named fewer times, or spread thinner, the lead is no canon.
    assert detect_fandoms(opening + (named + filler * 3) * 4) == ()
    assert detect_fandoms(opening + (named + filler * 12) * 8) == ()


def test_fantastic_beasts_is_its_own_canon() -> None:
    text = "Newt fed the Niffler while Tina Goldstein argued with MACUSA about Credence."
    (match,) = detect_fandoms(text)
    assert match.pack.slug == "fantastic_beasts"
    assert match.characters == ("Newt Scamander", "Tina Goldstein", "Credence Barebone")


# Filler a page long: an ordinary evening that names no one (about 90 words a paragraph).
_EVENING = (
    "The rain kept on through the evening, steady and grey, and the windows of the long room "
    "fogged over one by one. Someone had left a kettle on the stove, and it ticked as it cooled. "
    "Down the hall a door opened and closed, a chair scraped, a book fell flat on the floor. "
    "Outside the lamps came on along the wall, each in its own small circle of wet light, and "
    "the gravel path shone between them like a river running nowhere in particular.\n\n"
)


def test_a_rare_first_name_named_often_counts_like_a_full_name() -> None:
    # About 1,000 words and 7 hits: too thin for three first names alone, but Draco and Blaise
    # are names almost nobody else has, and each comes three times.
    text = (
        "Draco read the letter twice.\n\n" + _EVENING * 3 + "Blaise came in, and Draco looked "
        "up.\n\n"
        + _EVENING * 3
        + "Blaise asked about Harry. Draco did not answer.\n\n"
        + _EVENING * 4
        + "Blaise shrugged and left."
    )
    assert 800 < len(text.split()) < 1200
    (match,) = detect_fandoms(text)
    assert match.pack.slug == "harry_potter"
    assert match.characters == ("Draco Malfoy", "Blaise Zabini", "Harry Potter")


def test_rare_names_met_once_or_twice_in_a_long_text_are_no_fandom() -> None:
    # A novel's Euphemia, and Delphi the place, come twice in 1,700 words: rare names, but not
    # a fan work's leads.
    text = (
        "George wrote to Euphemia from Delphi.\n\n"
        + _EVENING * 10
        + "George walked on.\n\n"
        + _EVENING * 10
        + "Euphemia never saw Delphi, George said."
    )
    assert detect_fandoms(text) == ()


def test_how_rare_a_name_is_comes_from_the_bundled_frequencies() -> None:
    signals = matcher(load_pack("harry_potter")).names
    assert signals["Draco"].rare and signals["Hermione"].rare
    assert not signals["Harry"].rare and not signals["Luna"].rare
    assert not signals["Draco Malfoy"].rare and signals["Draco Malfoy"].strong


@pytest.mark.parametrize(
    ("tags", "canons"),
    [
        (("Marvel Cinematic Universe", "Captain America (Movies)"), 1),  # one pack
        (("Harry Potter - J. K. Rowling", "Fantastic Beasts and Where to Find Them (Movies)"), 1),
        (("Wizarding World", "Fantastic Beasts"), 1),  # the meta tag itself, as a fandom tag
        (("Harry Potter - J. K. Rowling", "Naruto"), 2),
        (("Fantastic Beasts", "Sherlock (TV)", "Harry Potter"), 2),
        (("Doctor Who", "Torchwood"), 2),  # no pack knows either: each is its own canon
        (("Doctor Who", " doctor  who "), 1),
    ],
)
def test_canons_under_one_meta_tag_are_one_canon(tags: tuple[str, ...], canons: int) -> None:
    assert canon_count(tags) == canons


# A reader-insert in the wizarding world that calls its lead only `Newt`: the Harry Potter
# pack matches by its terms, and Newt, named on every few lines, is Fantastic Beasts's.
SIBLING = """\
You found Newt in the Hufflepuff common room after curfew, his case open on the rug. Newt was
feeding something small and blue that kept trying to escape into your sleeve. "Hold still,"
Newt murmured, and you did, while the fire in the grate burned low and a portrait snored
above you. Newt laughed when the creature curled up on your wrist. You stayed until Newt had
fed every creature in the case, and Newt walked you back past the Great Hall to the Gryffindor
tower before anyone from Hogwarts could catch you. Newt smiled at the door.
"""


def test_a_sibling_canons_lead_named_on_every_line_is_that_canon_too() -> None:
    assert set(slugs(detect_fandoms(SIBLING))) == {"harry_potter", "fantastic_beasts"}


def test_a_name_both_canons_have_is_no_sibling_canon() -> None:
    # Nagini is a name of both packs: it says nothing of Fantastic Beasts.
    text = SIBLING.replace("Newt", "Nagini")
    assert slugs(detect_fandoms(text)) == ["harry_potter"]
