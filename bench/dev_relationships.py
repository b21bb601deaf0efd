"""Development check: pairings and categories against AO3's own tags, without spaCy.

For each work of ``../shared/data/ao3-hp/works.jsonl`` (AO3 Harry Potter one-shots; pass
``--data FILE`` to point elsewhere) it builds a *cheap* cast from the Harry Potter fandom pack
instead of running the full pipeline:

- paragraphs and quotations with FicLens's own splitters (``split_paragraphs``,
  ``find_quotes``);
- mentions: every pack name, alias and epithet in the narration (quotations excluded, as the
  real cast stage does). A shared surname ("Malfoy", "Potter") or a given name two characters
  share and the pack lists for neither ("Albus", "James") goes to the character of that name
  the work names most by other names, else to the pack's first (most-written) one;
  characters whose tag carries a married or maiden name ("Lily Evans Potter") are not
  candidates;
- speakers: the first character named in the narration right after a quotation, else right
  before it (``I`` for a first-person narrator); addressee: a name the quotation opens or ends
  with, else the speaker of the quotation before or after;
- a first-person narrator when ``I``/``me``/``my`` make 2% of the narration's words, named by
  ``ficlens.dialogue.narrator.narrator_name`` when the pack knows the name;
- genders from the pack's pronouns.

It then runs ``find_relationships`` and ``categories`` and prints, for works whose first
relationship tag is romantic (contains ``/``): how often the top romantic pair is the tagged
pair (order-free, "main pairing found"), how often the tagged pair is anywhere among the
romantic pairs, and how often it is flagged ``main``; the same restricted to works whose two
tagged characters are both in the pack; and category accuracy against the work's ``category``.
With ``--tagged-cast`` the work's own character tags that the pack lacks join the cheap cast
(known by the tag, its first and last word; pronouns from a vote of he/she words after them),
which approximates a pipeline that finds non-canon characters too. ``--speed`` times one call
on a story of about 200,000 words made of consecutive works.

It measures the rules of ``find_relationships`` alone: the trained ranker and its text model
(docs/relationships.md) are not applied; ``ficlens eval ao3`` measures them with the full
pipeline.

Only aggregate figures are printed; no text of the works is shown or stored.

Run: ``.venv/bin/python bench/dev_relationships.py [--limit N] [--tagged-cast] [--speed]``.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ficlens.content.relationships import categories, find_relationships
from ficlens.dialogue.narrator import narrator_name, vocative_name
from ficlens.dialogue.quotes import find_quotes
from ficlens.fandoms import CanonCharacter, FandomPack, find_canon, load_pack
from ficlens.fandoms.pack import name_key, tag_forms
from ficlens.fandoms.scan import candidates, lower, matcher, scan
from ficlens.model import Character, Quote, Relationship, Span
from ficlens.structure.paragraphs import split_paragraphs

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ao3-hp" / "works.jsonl"
HEADER = "Work Text:"
NARRATOR = "narrator"
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|myself)\b", re.I)
_WORDS = re.compile(r"\w+")
_SPEAKER_WINDOW = 80
_NOT_A_PERSON = re.compile(r"Original|Reader|\bYou\b|Character|Ensemble|Various|Everyone", re.I)


@dataclass(frozen=True)
class CheapCast:
    """What the bench hands to ``find_relationships``."""

    paragraphs: tuple[Span, ...]
    characters: tuple[Character, ...]
    mentions: tuple[tuple[Span, str], ...]
    quotes: tuple[Quote, ...]
    narrator: str | None


def works(path: Path, limit: int | None) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8") as lines:
        for count, line in enumerate(lines):
            if limit is not None and count >= limit:
                return
            yield json.loads(line)


def shared_givens(pack: FandomPack) -> dict[str, list[CanonCharacter]]:
    """Given names several characters share and none lists alone ("Albus", "James")."""
    forms = {name_key(form) for character in pack.characters for form in character.forms}
    owners: dict[str, list[CanonCharacter]] = {}
    for character in pack.characters:
        owners.setdefault(character.given, []).append(character)
    return {
        given: family
        for given, family in owners.items()
        if len(family) > 1 and name_key(given) not in forms
    }


def pack_hits(pack: FandomPack, text: str, region: Span) -> list[tuple[Span, str, str]]:
    """``(span, kind, label)`` of every character name, shared surname and shared given name.

    A shared given name ("Albus") is kind ``surname`` too: both are resolved the same way.
    """
    packs = (pack,)
    lowered = lower(text)
    starts = [s for s in candidates(packs, lowered)[0] if region.start <= s < region.end]
    hits = [
        (Span(start, end), signal.kind, signal.label)
        for start, end, signal in scan(matcher(pack), text, lowered, starts)
        if signal.kind in ("character", "surname")
    ]
    givens = shared_givens(pack)
    if givens:
        bare = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, givens)) + r")(?![\w])")
        taken = [span for span, _, _ in hits]
        hits += [
            (Span(match.start(), match.end()), "surname", match.group())
            for match in bare.finditer(text, region.start, region.end)
            if not any(span.start <= match.start() < span.end for span in taken)
        ]
        hits.sort(key=lambda hit: hit[0].start)
    return hits


def resolve_surnames(
    hits: Sequence[tuple[Span, str, str]], pack: FandomPack
) -> list[tuple[Span, str]]:
    """Named hits as ``(span, AO3 name)``; a shared surname goes to its most-named bearer.

    Characters with a married or maiden name in their tag ("Lily Evans Potter") are not
    bearers: fic seldom calls them by the surname alone.
    """
    named = Counter(label for _, kind, label in hits if kind == "character")
    bearers: dict[str, list[CanonCharacter]] = dict(shared_givens(pack))
    for character in pack.characters:
        if len(character.name.split()) == 2:  # "Lily Evans Potter" is not "Potter"
            bearers.setdefault(character.surname, []).append(character)
    resolved = []
    for span, kind, label in hits:
        name = label
        if kind == "surname":
            family = bearers.get(label, [])
            if not family:
                continue
            name = max(family, key=lambda c: (named[c.name], -family.index(c))).name
        resolved.append((span, name))
    return resolved


def inside(spans: Sequence[Span], starts: Sequence[int], offset: int) -> bool:
    index = bisect_right(starts, offset) - 1
    return index >= 0 and offset < spans[index].end


def first_person(text: str, paragraphs: Sequence[Span], quoted: Sequence[Span]) -> bool:
    starts = [q.start for q in quoted]
    words = mine = 0
    for paragraph in paragraphs:
        for match in _WORDS.finditer(text, paragraph.start, paragraph.end):
            if inside(quoted, starts, match.start()):
                continue
            words += 1
            mine += match.group().lower() in ("i", "me", "my", "myself")
    return words > 0 and mine / words >= 0.02


def speakers(
    pack: FandomPack,
    text: str,
    paragraphs: Sequence[Span],
    quoted: Sequence[Span],
    mentions: Sequence[tuple[Span, str]],
    ids: dict[str, str],
    narrator: str | None,
) -> list[Quote]:
    """Cheap speaker and addressee for each quotation."""
    para_starts = [p.start for p in paragraphs]
    mention_starts = [m[0].start for m in mentions]
    said: list[str | None] = []
    for n, quote in enumerate(quoted):
        paragraph = paragraphs[bisect_right(para_starts, quote.start) - 1]
        after_end = min(
            quote.end + _SPEAKER_WINDOW,
            quoted[n + 1].start if n + 1 < len(quoted) else paragraph.end,
            paragraph.end,
        )
        before_start = max(
            quote.start - _SPEAKER_WINDOW,
            quoted[n - 1].end if n else paragraph.start,
            paragraph.start,
        )
        said.append(
            near(text, mentions, mention_starts, quote.end + 1, after_end, narrator, first=True)
            or near(text, mentions, mention_starts, before_start, quote.start - 1, narrator,
                    first=False)
        )  # fmt: skip
    result = []
    for n, quote in enumerate(quoted):
        vocative = vocative_name(quote.of(text))
        canon = find_canon(vocative, (pack,)) if vocative else None
        addressee = ids.get(canon.name) if canon else None
        if addressee is None:
            neighbours = [said[m] for m in (n - 1, n + 1) if 0 <= m < len(said)]
            addressee = next((s for s in neighbours if s and s != said[n]), None)
        result.append(Quote(quote, said[n], addressee, "bench.cheap", 0.5))
    return result


def near(
    text: str,
    mentions: Sequence[tuple[Span, str]],
    starts: Sequence[int],
    start: int,
    end: int,
    narrator: str | None,
    *,
    first: bool,
) -> str | None:
    if end <= start:
        return None
    low, high = bisect_right(starts, start - 1), bisect_right(starts, end - 1)
    inside_window = [mentions[k][1] for k in range(low, high)]
    if narrator:
        me = re.search(r"\bI\b", text[start:end])
        if me and ((first and (not inside_window or me.start() < 10)) or not inside_window):
            return narrator
    if not inside_window:
        return None
    return inside_window[0] if first else inside_window[-1]


def build(text: str, pack: FandomPack) -> CheapCast:
    region = Span(text.find(HEADER) + len(HEADER) if HEADER in text else 0, len(text))
    paragraphs = tuple(p.span for p in split_paragraphs(text, region))
    found, _ = find_quotes(text, paragraphs)
    quoted = [q.span for q in found]
    quote_starts = [q.start for q in quoted]
    hits = pack_hits(pack, text, region)
    narration = [(s, n) for s, n in resolve_surnames(hits, pack)
                 if not inside(quoted, quote_starts, s.start)]  # fmt: skip
    canon = {c.name: c for c in pack.characters}
    counts = Counter(name for _, name in narration)
    ranked = sorted(counts, key=lambda name: (-counts[name], name))
    ids = {name: f"c{n}" for n, name in enumerate(ranked, 1)}
    first = {}
    for span, name in narration:
        first.setdefault(name, span.start)
    characters = [
        Character(ids[name], name, canon[name].aliases, canon[name].pronouns, True,
                  counts[name], first[name])
        for name in ranked
    ]  # fmt: skip
    mentions = tuple((span, ids[name]) for span, name in narration)
    narrator = NARRATOR if first_person(text, paragraphs, quoted) else None
    quotes = speakers(pack, text, paragraphs, quoted, mentions, ids, narrator)
    if narrator:
        narrator, quotes, characters = name_narrator(pack, text, quotes, characters, ids)
    return CheapCast(paragraphs, tuple(characters), mentions, tuple(quotes), narrator)


def with_tagged(pack: FandomPack, tags: Sequence[str], text: str) -> FandomPack:
    """The pack plus the work's own character tags it lacks (``--tagged-cast``).

    Each new character is known by its tag, its first and its last word (when no pack name
    uses them); its pronouns are a vote of ``he``/``she`` words just after its names.
    """
    taken = {name_key(form) for c in pack.characters for form in (c.name, *c.forms)}
    taken |= {name_key(s) for s in pack.shared_surnames}
    extra = []
    for tag in tags:
        forms = tag_forms(tag)
        if not forms or find_canon(forms[0], (pack,)) or _NOT_A_PERSON.search(tag):
            continue
        words = forms[0].removeprefix("Original ").split()
        aliases = tuple(dict.fromkeys(w for w in (words[0], words[-1]) if name_key(w) not in taken))
        taken |= {name_key(a) for a in aliases} | {name_key(forms[0])}
        pronouns = guess_pronouns(text, (forms[0], *aliases))
        extra.append(CanonCharacter(forms[0], words[0], words[-1], aliases, (), pronouns))
    return replace(pack, slug=f"{pack.slug}+{len(extra)}", characters=(*pack.characters, *extra))


def guess_pronouns(text: str, names: Sequence[str]) -> str:
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")
    votes: Counter[str] = Counter()
    for match in pattern.finditer(text):
        for word in _WORDS.findall(text[match.end() : match.end() + 60].lower()):
            if word in ("he", "him", "his"):
                votes["he/him"] += 1
            elif word in ("she", "her", "hers"):
                votes["she/her"] += 1
    top = votes.most_common(1)
    return top[0][0] if top and top[0][1] >= 2 * (sum(votes.values()) - top[0][1]) else "they/them"


def name_narrator(
    pack: FandomPack,
    text: str,
    quotes: list[Quote],
    characters: list[Character],
    ids: dict[str, str],
) -> tuple[str, list[Quote], list[Character]]:
    """Merge the narrator with the pack character others call them, as the pipeline does."""
    name = narrator_name(text, quotes, NARRATOR)
    canon = find_canon(name, (pack,)) if name else None
    known = ids.get(canon.name) if canon else None
    if known is None:
        if canon is not None:  # named, but never in the narration: a new character
            known = f"c{len(characters) + 1}"
            characters.append(Character(known, canon.name, (), canon.pronouns, True, 0, 0))
        else:
            characters.append(Character(NARRATOR, "Narrator", ("I",), None, False, 0, 0))
            return NARRATOR, quotes, characters

    def swap(ident: str | None) -> str | None:
        return known if ident == NARRATOR else ident

    merged = [Quote(q.span, swap(q.speaker), swap(q.addressee), q.method, q.confidence)
              for q in quotes]  # fmt: skip
    return known, merged, characters


def gold_names(tag: str, pack: FandomPack) -> frozenset[str]:
    names = set()
    for part in tag.split("/"):
        form = tag_forms(part.strip())
        canon = find_canon(form[0], (pack,)) if form else None
        names.add(canon.name if canon else part.strip())
    return frozenset(names)


def names_of(relationship: Relationship, characters: Sequence[Character]) -> frozenset[str]:
    by_id = {c.id: c.name for c in characters}
    return frozenset(by_id.get(ident, ident) for ident in relationship.characters)


@dataclass
class Tally:
    works: int = 0
    top: int = 0
    anywhere: int = 0
    main: int = 0
    none: int = 0

    def line(self, label: str) -> str:
        n = max(self.works, 1)
        return (
            f"{label:<34} {self.works:>5}  top pair {self.top / n:6.1%}  anywhere "
            f"{self.anywhere / n:6.1%}  top and main {self.main / n:6.1%}  "
            f"no romance {self.none / n:6.1%}"
        )


def score(
    cast: CheapCast, found: Sequence[Relationship], gold: frozenset[str], tally: Tally
) -> None:
    romantic = [r for r in found if r.kind == "romantic" and len(r.characters) == 2]
    tally.works += 1
    tally.none += not romantic
    if romantic and names_of(romantic[0], cast.characters) == gold:
        tally.top += 1
        tally.main += romantic[0].main
    tally.anywhere += any(names_of(r, cast.characters) == gold for r in romantic)


def speed(path: Path, pack: FandomPack, words: int = 200_000) -> None:
    """Time one call on a story of ``words`` words made of consecutive works joined."""
    pieces: list[str] = []
    count = 0
    for work in works(path, None):
        body = str(work["text"]).removeprefix(HEADER)
        pieces.append(body)
        count += len(body.split())
        if count >= words:
            break
    text = HEADER + "\n\n".join(pieces)
    cast = build(text, pack)
    started = time.perf_counter()
    found = find_relationships(
        text, cast.paragraphs, cast.characters, cast.mentions, cast.quotes,
        narrator=cast.narrator,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    print(f"one story of {count:,} words: {seconds:.2f} s, {len(found)} relationships")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--speed", action="store_true", help="time one 200,000-word story")
    parser.add_argument(
        "--tagged-cast",
        action="store_true",
        help="add the work's own character tags the pack lacks to its cheap cast",
    )
    args = parser.parse_args()
    pack = load_pack("harry_potter")
    if args.speed:
        speed(args.data, pack)
        return
    known = {c.name for c in pack.characters}
    every, reachable = Tally(), Tally()
    category_works = category_exact = category_overlap = 0
    confusion: Counter[tuple[str, str]] = Counter()
    seconds = 0.0
    words = 0
    for work in works(args.data, args.limit):
        text = str(work["text"])
        character_tags = [str(t) for t in work.get("characters") or []]  # type: ignore[attr-defined]
        work_pack = with_tagged(pack, character_tags, text) if args.tagged_cast else pack
        cast = build(text, work_pack)
        started = time.perf_counter()
        found = find_relationships(
            text, cast.paragraphs, cast.characters, cast.mentions, cast.quotes,
            narrator=cast.narrator,
        )  # fmt: skip
        predicted = categories(found, cast.characters)
        seconds += time.perf_counter() - started
        words += len(text.split())
        tags = [str(t) for t in work.get("relationships") or []]  # type: ignore[attr-defined]
        if tags and "/" in tags[0]:
            gold = gold_names(tags[0], pack)
            score(cast, found, gold, every)
            if gold <= known and len(gold) == 2:
                score(cast, found, gold, reachable)
        declared = [str(c) for c in work.get("category") or []]  # type: ignore[attr-defined]
        if declared and declared != ["No category"]:
            category_works += 1
            category_exact += set(predicted) == set(declared)
            category_overlap += bool(set(predicted) & set(declared))
            confusion[("+".join(sorted(declared)), "+".join(predicted))] += 1
    print(every.line("first tag romantic, all"))
    print(reachable.line("first tag romantic, both in pack"))
    n = max(category_works, 1)
    print(
        f"categories: {category_works} works, exact {category_exact / n:.1%}, "
        f"overlap {category_overlap / n:.1%}"
    )
    gen = sum(c for (gold_cat, _), c in confusion.items() if gold_cat == "Gen")
    gen_kept = confusion[("Gen", "Gen")]
    print(f"  declared Gen only: {gen} works, predicted Gen {gen_kept / max(gen, 1):.1%}")
    for (gold_cat, ours), count in confusion.most_common(8):
        print(f"  declared {gold_cat:<12} predicted {ours:<12} {count}")
    print(f"find_relationships: {seconds:.2f} s for {words} words "
          f"({words / max(seconds, 1e-9):,.0f} words/s)")  # fmt: skip


if __name__ == "__main__":
    main()
