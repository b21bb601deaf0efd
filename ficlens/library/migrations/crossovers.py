"""Work out ``works.crossover`` again from the fandom tags a library has stored.

The revisions that change what a crossover is (0005: canons, not tags; 0006: canons under one
of AO3's meta tags) call :func:`recount_crossovers`, so a library migrated from an older
FicLens lists the same crossovers as one built from scratch.
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa

from ficlens.library.records import WorkTag
from ficlens.library.tags import is_crossover

_FANDOM_TAGS = sa.text(
    "SELECT work_tags.work_id, work_tags.source, tags.name FROM work_tags"
    " JOIN tags ON tags.id = work_tags.tag_id WHERE tags.type = 'fandom'"
)


def recount_crossovers(connection: sa.Connection) -> int:
    """Set every work's ``crossover`` from its stored fandom tags; return how many changed."""
    tags: dict[int, list[WorkTag]] = defaultdict(list)
    for work_id, source, name in connection.execute(_FANDOM_TAGS):
        tags[work_id].append(WorkTag("fandom", name, source))
    crossovers = {work_id for work_id, found in tags.items() if is_crossover(tuple(found))}
    stored = connection.execute(sa.text("SELECT id, crossover FROM works")).all()
    changed = [
        {"yes": work_id in crossovers, "id": work_id}
        for work_id, value in stored
        if bool(value) != (work_id in crossovers)
    ]
    if changed:
        connection.execute(sa.text("UPDATE works SET crossover = :yes WHERE id = :id"), changed)
    return len(changed)
