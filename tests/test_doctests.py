"""The examples in the package's docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import ficlens

SKIPPED = ("ficlens.library.migrations",)
"""Alembic's environment script runs only under Alembic."""

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(ficlens.__path__, "ficlens.")
    if not info.name.startswith(SKIPPED)
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed"
