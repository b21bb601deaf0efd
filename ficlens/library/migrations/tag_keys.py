"""Key a library's stored relationship tags as :func:`ficlens.library.records.tag_key` does.

Revision 0007 makes the forms of one relationship one tag (``Steve Rogers & Natasha Romanov
(Marvel)`` and ``Natasha Romanov & Steve Rogers``). :func:`rekey_relationships` merges the
stored rows that become one: the oldest row keeps its name and takes the others' links to works.
"""

from __future__ import annotations

import sqlalchemy as sa

from ficlens.library.records import folded, tag_key

_RELATIONSHIPS = sa.text("SELECT id, name, key FROM tags WHERE type = 'relationship' ORDER BY id")
_MOVE_LINKS = sa.text(
    "INSERT INTO work_tags (work_id, tag_id, source) SELECT w.work_id, :keep, w.source"
    " FROM work_tags w WHERE w.tag_id = :old AND NOT EXISTS (SELECT 1 FROM work_tags k"
    " WHERE k.work_id = w.work_id AND k.tag_id = :keep AND k.source = w.source)"
)
_SET_KEY = sa.text("UPDATE tags SET key = :key WHERE id = :id")


def _parked(tag_id: int) -> str:
    """A key no tag has (folded names have no spaces at their ends), to pass through."""
    return f" rekeying {tag_id} "


def rekey_relationships(connection: sa.Connection) -> int:
    """Give every relationship tag its ``tag_key``, merging rows that share one; return merges."""
    keepers: dict[str, int] = {}
    merged: list[dict[str, int]] = []
    changed: dict[int, str] = {}
    for tag_id, name, key in connection.execute(_RELATIONSHIPS).all():
        new = tag_key("relationship", name)
        keeper = keepers.setdefault(new, tag_id)
        if keeper != tag_id:
            merged.append({"keep": keeper, "old": tag_id})
        elif new != key:
            changed[tag_id] = new
    for pair in merged:
        connection.execute(_MOVE_LINKS, pair)
    if merged:
        old = [{"old": pair["old"]} for pair in merged]
        connection.execute(sa.text("DELETE FROM work_tags WHERE tag_id = :old"), old)
        connection.execute(sa.text("DELETE FROM tags WHERE id = :old"), old)
    _set_keys(connection, changed)
    return len(merged)


def fold_relationships(connection: sa.Connection) -> None:
    """Key relationship tags by their folded names again, as before revision 0007."""
    rows = connection.execute(_RELATIONSHIPS).all()
    _set_keys(connection, {tag_id: folded(name) for tag_id, name, _ in rows})


def _set_keys(connection: sa.Connection, keys: dict[int, str]) -> None:
    """Set tags' keys (by tag id), through keys no tag has, so no two rows share one on the way."""
    if keys:
        connection.execute(_SET_KEY, [{"id": i, "key": _parked(i)} for i in keys])
        connection.execute(_SET_KEY, [{"id": i, "key": key} for i, key in keys.items()])
