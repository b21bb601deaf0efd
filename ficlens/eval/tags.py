"""Score suggested freeform tags against the tags authors chose.

Each row is one work: the tag names FicLens predicted and the author's AO3 freeform tags. A gold
tag counts for a known tag when it is the tag's name or one of its ``aliases`` in
``tags.toml``, compared case-insensitively with plain apostrophes and dashes and with or
without a final ``s`` (``Weddings`` = ``wedding``). Anything else in the gold ("Alcohol Abuse"
is not "Alcohol") is not a variant. Authors under-tag, so precision is a lower bound; recall is
the figure that matters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ficlens.content.tags import TagRule, load_tags, tag_key
from ficlens.eval.shares import share


@dataclass(slots=True)
class TagScore:
    """Counts for one tag over a set of works.

    Attributes:
        tag: the tag's name.
        tp: works where it was predicted and the author used it.
        fp: works where it was predicted and the author did not use it.
        fn: works where the author used it and it was not predicted.
    """

    tag: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        """Works whose author used the tag."""
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        """Works the tag was predicted for."""
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        """Share of predictions the author agreed with (0 when nothing was predicted)."""
        return share(self.tp, self.predicted)

    @property
    def recall(self) -> float:
        """Share of the author's uses that were predicted (0 when there were none)."""
        return share(self.tp, self.support)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def record(self, predicted: bool, used: bool) -> None:
        """Count one work: whether the tag was predicted for it, and whether its author used it."""
        if predicted and used:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif used:
            self.fn += 1

    def add(self, other: TagScore) -> None:
        """Add another score's counts to this one."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


def _loose(key: str) -> str:
    return key.removesuffix("s")


def variant_index(aliases: Mapping[str, Iterable[str]]) -> dict[str, set[str]]:
    """Map every compared form of every name and alias to the tags it stands for.

    A combined AO3 tag may stand for two ("Fluff and Angst" is listed under both).

    Args:
        aliases: tag name -> its close AO3 variants.

    Example:
        >>> variant_index({"Weddings": ["wedding fluff"]})["wedding"]
        {'Weddings'}
    """
    index: dict[str, set[str]] = {}
    for name, variants in aliases.items():
        for form in (name, *variants):
            index.setdefault(tag_key(form), set()).add(name)
            index.setdefault(_loose(tag_key(form)), set()).add(name)
    return index


def canonical_gold(gold: Iterable[str], index: Mapping[str, set[str]]) -> set[str]:
    """The known tag names an author's freeform tags stand for."""
    names: set[str] = set()
    for tag in gold:
        key = tag_key(tag)
        names |= index.get(key) or index.get(_loose(key)) or set()
    return names


def rule_aliases(rules: Sequence[TagRule]) -> dict[str, tuple[str, ...]]:
    """Tag name -> aliases, as ``tags.toml`` declares them."""
    return {rule.name: rule.aliases for rule in rules}


def score_tags(
    rows: Iterable[tuple[Iterable[str], Iterable[str]]],
    *,
    aliases: Mapping[str, Iterable[str]] | None = None,
) -> dict[str, TagScore]:
    """Per-tag precision, recall, F1 and support over works.

    Args:
        rows: one ``(predicted tag names, gold AO3 freeform names)`` pair per work.
        aliases: tag name -> close variants; the packaged ``tags.toml``'s when ``None``. Only
            these tags (and any predicted name) are scored; other gold tags are ignored.

    Returns:
        Tag name -> its counts, in the order of ``aliases``.

    Example:
        >>> rows = [(["Angst"], ["angst", "Fluff"]), ([], ["Angst"])]
        >>> score = score_tags(rows, aliases={"Angst": [], "Fluff": []})
        >>> score["Angst"].recall, score["Fluff"].support
        (0.5, 1)
    """
    known = rule_aliases(load_tags()) if aliases is None else dict(aliases)
    index = variant_index(known)
    scores = {name: TagScore(name) for name in known}
    for predicted, gold in rows:
        guessed = set(predicted)
        wanted = canonical_gold(gold, index)
        for name in guessed | wanted:
            scores.setdefault(name, TagScore(name)).record(name in guessed, name in wanted)
    return scores


def micro(scores: Iterable[TagScore]) -> TagScore:
    """All tags' counts added together."""
    total = TagScore("micro")
    for score in scores:
        total.add(score)
    return total
