"""Each Dask worker loads the spaCy model once, however many partitions it analyses."""

from __future__ import annotations

from pathlib import Path

import pytest

from ficlens.batch import Output, run_batch
from ficlens.batch.run import local_client
from ficlens.demo.build import WORKS_DIR


def model_loads() -> int:
    """How many times this process built a spaCy pipeline (``load_nlp`` is cached)."""
    from ficlens.nlp import load_nlp

    return load_nlp.cache_info().misses


@pytest.mark.slow
@pytest.mark.spacy
def test_every_worker_loads_the_model_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    story = (WORKS_DIR / "rain-on-the-bridge.txt").read_text(encoding="utf-8")
    for number in range(6):  # six different works: six partitions of one
        (corpus / f"rain-{number}.txt").write_text(f"{story}\n\nVariant {number}.\n", "utf-8")
    with local_client(2) as client:
        report = run_batch([corpus], tmp_path / "out", client=client, partition_size=1)
        loads = client.run(model_loads)
    assert report.analysed == 6
    assert not report.failures
    # six partitions, and no worker built the model more than once (one that got no
    # partition, which Dask's scheduling allows, built none)
    assert max(loads.values()) == 1
    assert set(loads.values()) <= {0, 1}
    characters = Output(tmp_path / "out").read("characters")
    assert "Hatake Kakashi" in characters.column("name").to_pylist()
