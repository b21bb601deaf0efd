"""The examples in the package's docstrings run and give what they show; public names exist."""

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


@pytest.mark.parametrize("name", MODULES)
def test_every_public_name_exists(name: str) -> None:
    module = importlib.import_module(name)
    missing = [public for public in getattr(module, "__all__", ()) if not hasattr(module, public)]
    assert missing == [], f"{name}.__all__ names what the module lacks"
