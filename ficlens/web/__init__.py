"""The web app: browse, search and read the library in a browser (FastAPI + Jinja2).

Start it with ``ficlens serve`` or build it in code::

    from ficlens.web import create_app
    app = create_app("sqlite:///books.db")

See ``docs/web.md``.
"""

from ficlens.web.app import create_app

__all__ = ["create_app"]
