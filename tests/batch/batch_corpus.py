"""The batch tests' corpora and table checks (a module of its own: test modules import it).

The corpora are copies of the demo works (our own writing), made distinct where a test needs
many works by appending a line, plus hand-made broken files.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from ficlens.batch import SCHEMAS, WORK_TABLES
from ficlens.batch.store import Output
from ficlens.demo.build import WORKS_DIR

STORIES = (
    "after-the-fall-of-the-tower",
    "rain-on-the-bridge",
    "tea-at-baker-street",
    "the-marauders-map-is-wrong",
)


def copy_demo(folder: Path, suffixes: tuple[str, ...] = (".ao3.html", ".txt")) -> list[Path]:
    """Copy the demo stories in these formats into ``folder``; returns the copies."""
    folder.mkdir(parents=True, exist_ok=True)
    copies = []
    for story in STORIES:
        for suffix in suffixes:
            copies.append(Path(shutil.copy(WORKS_DIR / f"{story}{suffix}", folder)))
    return copies


def distinct_copies(folder: Path, count: int) -> list[Path]:
    """``count`` plain-text stories, each a demo story with its own closing line."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(count):
        story = STORIES[n % len(STORIES)]
        text = (WORKS_DIR / f"{story}.txt").read_text(encoding="utf-8")
        path = folder / f"copy-{n:02d}-{story}.txt"
        path.write_text(f"{text}\n\nThe end, for the {n + 1}th time.\n", encoding="utf-8")
        made.append(path)
    return made


def broken_files(folder: Path) -> dict[str, str]:
    """Files no reader can use, as ``{name: a word of the reason}``."""
    folder.mkdir(parents=True, exist_ok=True)
    junk = bytes(range(256)) * 4 + b"\x00\xff\xfe" * 300
    (folder / "junk.txt").write_bytes(junk)
    epub = (WORKS_DIR / "rain-on-the-bridge.ao3.epub").read_bytes()
    (folder / "truncated.epub").write_bytes(epub[: len(epub) // 3])
    (folder / "broken.zip").write_bytes(b"PK\x03\x04 this is not really an archive")
    return {"junk.txt": "not text", "truncated.epub": "EPUB", "broken.zip": "ZIP"}


def sha_counts(out: Path, table: str) -> Counter[str]:
    """How many rows each work has in a table."""
    return Counter(Output(out).read(table).column("sha256").to_pylist())


def table_sizes(out: Path) -> dict[str, int]:
    """Rows per table."""
    output = Output(out)
    return {table: output.read(table).num_rows for table in SCHEMAS}


def assert_consistent(out: Path) -> None:
    """Each work once in ``works`` and ``documents``; no table has rows of an unknown work."""
    works = sha_counts(out, "works")
    assert works and set(works.values()) == {1}, "a work is in `works` twice"
    assert sha_counts(out, "documents") == works
    for table in WORK_TABLES:
        assert set(sha_counts(out, table)) <= set(works), f"{table} has rows of no work"
    for table in SCHEMAS:
        assert not list((out / table).glob("*.tmp")), f"{table} has a half-written part"


INVENTED = {
    "the-lighthouse-keepers-cat.txt": """The Lighthouse Keeper's Cat
by saltandsparrows

Summary: Wren inherits a lighthouse, a logbook and a cat who refuses to be inherited.

Chapter 1: The Logbook

Wren arrived at the lighthouse on a Tuesday, with two suitcases and a letter from a solicitor.
The cat was waiting on the steps. It looked at the suitcases, then at Wren, and went inside
first, as if it had been expecting a worse tenant.

"You must be Barnacle," Wren said. The letter had mentioned a cat. It had not mentioned the
expression.

The logbook lay open on the desk in the lamp room. Every entry for forty years ended the same
way: fed the cat, lit the lamp, in that order.

Chapter 2: The Storm

The storm came in on the third night. Wren climbed the stairs with the oil can and found
Barnacle already at the top, sitting beside the lamp as though he meant to light it himself.

"Fed the cat," Wren said, and put down a saucer. "Lit the lamp."

Barnacle ate. The light turned over the black water, and somewhere out there a fishing boat
turned with it, towards home.
""",
    "a-map-of-small-kingdoms.txt": """A Map of Small Kingdoms
by quillfeather

Summary: Two rival cartographers are hired to map the same valley.

Tomas drew rivers the way other people wrote letters: carefully, and to someone in particular.
Ilse drew them fast, and corrected them later, and was usually right the first time.

"The ford is a mile further south," she said, looking over his shoulder.

"The ford moved," Tomas said. "Last spring. Ask the miller."

She asked the miller. The ford had moved. She bought Tomas a drink that evening and did not
say why, and he did not ask, and the map they sent to the duke had both their names on it.
""",
    "the-clockmakers-apprentice.txt": """The Clockmaker's Apprentice
by gearsandgossamer

Summary: An apprentice finds a clock that runs a minute ahead of tomorrow.

The shop smelled of oil and brass. Pell swept the floor every morning before Master Odo arrived,
and every morning the tall clock in the corner chimed one minute before the others.

"It's fast," Pell said.

"It's early," Odo said. "There's a difference. Fast is a fault. Early is a habit."

Pell did not understand this until the morning the tall clock chimed, and then nothing else
did, and the town woke to find that every clock but one had stopped in the night.
""",
    "letters-from-the-orchard.txt": """Letters from the Orchard
by appleblossomink

Summary: A year of letters between a beekeeper and the stranger who buys her honey.

Dear Mr Hale, the apples are late this year and the bees are cross about it. I am told you
prefer the heather honey. There is less of it. I have put two jars aside.

Dear Miss Fenwick, I do prefer the heather. I also prefer your letters to the honey, which I
had not expected, and which I have not told the bees.

Dear Mr Hale, the bees know everything. They have forgiven you. The apples are ripe at last,
and if you come in October you may pick your own.
""",
}
"""Small invented stories, each its own work (a title and an author of its own)."""


def write_invented(folder: Path) -> list[Path]:
    """Write the invented stories into ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for name, text in INVENTED.items():
        (folder / name).write_text(text, encoding="utf-8")
        made.append(folder / name)
    return made
