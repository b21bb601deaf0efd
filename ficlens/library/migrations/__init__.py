"""Alembic migrations of the library's schema, run in code by :mod:`ficlens.library.db`."""
