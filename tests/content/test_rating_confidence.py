"""The rating a report states: decided on the trees' probabilities, stated calibrated."""

from __future__ import annotations

from pathlib import Path

import ficlens
from ficlens.content.corpus import AO3_RATINGS, LabelledWork, prepare
from ficlens.content.rating import decide
from ficlens.content.signals import summarise
from ficlens.content.stacked import load_stacked


def test_the_stated_rating_is_the_calibrated_chance_of_the_decided_one(tmp_path: Path) -> None:
    """The rating is decided on the trees' own probabilities; what it states is calibrated."""
    text = (
        "The rain had not stopped for three days. Mara sat by the window and counted the "
        "drops on the glass, and when Tobin came in soaked to the skin she laughed at him and "
        "made him tea. Damn the weather, he said, and kissed her cheek.\n"
    )
    story = tmp_path / "story.txt"
    story.write_text(text, encoding="utf-8")
    rating = ficlens.analyze(ficlens.read(story), nlp=False).content.rating  # type: ignore[union-attr]
    model = load_stacked("rating")
    assert model.calibration is not None
    item = prepare(LabelledWork("w", "a", text, None, ()))
    raw = model.probabilities(item.counts, item.features)
    choice = decide(raw, {s.name: s for s in summarise(item.hits, item.words)})
    stated = model.calibrated(raw)
    assert rating is not None and rating.ao3 == AO3_RATINGS[choice]
    assert rating.confidence == round(stated[choice], 3)
    assert dict(rating.probabilities) == {
        name: round(p, 3) for name, p in zip(AO3_RATINGS, stated, strict=True)
    }
    assert rating.confidence != round(raw[choice], 3)
