"""``--scheduler ADDRESS``: a run on a cluster that was already running, and one that is not."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from distributed import LocalCluster
from typer.testing import CliRunner

from ficlens.batch import Output, run_batch
from ficlens.batch import run as batch_run
from ficlens.cli import app
from ficlens.demo.build import WORKS_DIR
from ficlens.errors import FicLensError
from ficlens.web.process import free_port


def corpus(folder: Path) -> Path:
    folder.mkdir()
    for name in ("rain-on-the-bridge.txt", "tea-at-baker-street.txt"):
        (folder / name).write_bytes((WORKS_DIR / name).read_bytes())
    return folder


@pytest.mark.slow
def test_a_run_on_a_scheduler_address(tmp_path: Path) -> None:
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as cluster:  # fmt: skip
        out = tmp_path / "out"
        report = run_batch(
            [corpus(tmp_path / "corpus")], out, scheduler=cluster.scheduler_address, nlp=False
        )
    assert (report.analysed, report.workers, report.failures) == (2, 1, ())
    titles = Output(out).read("works").column("title").to_pylist()
    assert sorted(titles) == ["Rain on the Bridge", "Tea at Baker Street"]


@pytest.fixture(autouse=True)
def quick_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_run, "SCHEDULER_TIMEOUT", 2)


def test_an_unreachable_scheduler_is_an_error_naming_it(tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{free_port()}"
    with pytest.raises(FicLensError, match=f"cannot reach the Dask scheduler at {address}"):
        run_batch([corpus(tmp_path / "corpus")], tmp_path / "out", scheduler=address)


def test_the_cli_reports_an_unreachable_scheduler(tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{free_port()}"
    args = ["batch", str(corpus(tmp_path / "corpus")), "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(app, [*args, "--scheduler", address])
    assert result.exit_code == 1
    assert f"cannot reach the Dask scheduler at {address}" in result.output
