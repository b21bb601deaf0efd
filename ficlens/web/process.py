"""``ficlens serve`` in a child process on a free loopback port, for tests and benchmarks.

Example:
    >>> with serve_in_subprocess("books.db", workers=2) as port:      # doctest: +SKIP
    ...     urllib.request.urlopen(f"http://127.0.0.1:{port}/")
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FICLENS = Path(sys.executable).parent / "ficlens"
"""The console script beside this Python (the virtualenv's)."""


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serve_in_subprocess(url: str, *, workers: int = 1, timeout: float = 60) -> Iterator[int]:
    """Run ``ficlens serve --db URL --workers N`` until the block ends; yields its port.

    Raises:
        RuntimeError: the server exited or did not listen within ``timeout`` seconds; the
            message holds what it wrote to standard error.
    """
    port = free_port()
    command = [str(FICLENS), "serve", "--db", url, "--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    server.terminate()
                    why = server.stderr.read().decode() if server.stderr else ""
                    raise RuntimeError(f"ficlens serve did not start: {why}") from None
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stderr is not None:
            server.stderr.close()
