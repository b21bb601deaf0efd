"""Whether the passages FicLens shows as warning evidence agree with people (``eval passages``).

The trigger-passages data (Wiegmann et al., MIT) has AO3 passages each judged by three
annotators for one warning. A passage counts as FicLens evidence for a warning when a content
signal of the warning's rule (``ficlens/content/warnings.toml``) hits it on the page at the
rule's level or stronger. Scores are computed on the passages whose three votes agree (all yes
or all no); split votes are ambiguous and only counted.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ficlens.content.signals import find_hits
from ficlens.content.warnings import WARNED_FRAMES, warning_rules
from ficlens.errors import InputError
from ficlens.eval.ao3 import WarningScore, warning_score
from ficlens.model import Span

_RULE_OF = {
    "violence": "Violence",
    "war": "War",
    "death": "Death",
    "abduction": "Abduction",
    "misogyny": "Misogyny",
    "homophobia": "Homophobia",
    "racism": "Racism",
    "ableism": "Ableism",
}
"""The dataset's warning names and the FicLens content warning that answers each."""


@dataclass(frozen=True, slots=True)
class PassageScore:
    """Agreement with unanimous votes for one warning."""

    warning: str
    passages: int
    split: int
    score: WarningScore


def _dataset(path: Path) -> Path:
    """The data file at ``path``, or in the folder at ``path`` (as shared: ``dataset.zip``)."""
    if not path.exists():
        raise InputError(str(path), "no such file")
    if not path.is_dir():
        return path
    found = sorted(path.glob("*.jsonl")) or sorted(path.glob("*.zip"))
    if not found:
        raise InputError(str(path), "a folder with no .jsonl or .zip file in it")
    return found[0]


def _rows(path: Path) -> Iterator[dict[str, object]]:
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.endswith(".jsonl")]
            if not names:
                raise InputError(str(path), "no .jsonl file inside the archive")
            with archive.open(names[0]) as handle:
                lines = io.TextIOWrapper(handle, "utf-8")
                yield from (json.loads(line) for line in lines if line.strip())
        return
    with path.open(encoding="utf-8") as handle:
        yield from (json.loads(line) for line in handle if line.strip())


def flags(text: str, warning: str) -> bool:
    """Whether FicLens would show this passage as evidence for the dataset's ``warning``."""
    rule = next(r for r in warning_rules() if r.name == _RULE_OF[warning])
    hits = find_hits(text, [Span(0, len(text))])
    return any(
        h.signal == rule.signal and h.level >= rule.level and h.frame in WARNED_FRAMES for h in hits
    )


def evaluate_passages(path: str | Path) -> list[PassageScore]:
    """Per warning: precision, recall and F1 of FicLens's flags against unanimous votes.

    ``path`` is the dataset's ``.jsonl`` file, a ``.zip`` holding it, or the folder of either.
    """
    source = _dataset(Path(path))
    unanimous: dict[str, list[tuple[bool, bool]]] = {}
    split: dict[str, int] = {}
    try:
        for row in _rows(source):
            warning, votes, text = row["warning"], row["labels"], row["text"]
            if warning not in _RULE_OF or not isinstance(votes, list) or not isinstance(text, str):
                continue
            if not votes:
                continue
            yes = sum(int(v) for v in votes)
            if 0 < yes < len(votes):
                split[str(warning)] = split.get(str(warning), 0) + 1
                continue
            unanimous.setdefault(str(warning), []).append((yes > 0, flags(text, str(warning))))
    except (json.JSONDecodeError, KeyError, zipfile.BadZipFile) as error:
        raise InputError(str(source), f"not a trigger-passages file ({error})") from error
    scores = []
    for warning, pairs in sorted(unanimous.items()):
        truth = [t for t, _ in pairs]
        predicted = [p for _, p in pairs]
        score = warning_score(truth, predicted)
        scores.append(PassageScore(warning, len(pairs), split.get(warning, 0), score))
    return scores
