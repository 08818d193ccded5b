"""The children of the whole store whose name may be written in a text, without reading every child
each time (issue 17: export planning flat with the store's size).

A disclosure copy masks every child known to the store whose name is written in the minutes
(``MinutesBuilder.children_named_elsewhere``). Asking each of 60,000 children (reading their rows,
then the sieve) cost about a second per plan. Here the children's names are held in memory as a
``NameSieveIndex`` and only the candidates it gives are asked, with the sieve's own rule.

Never stale, because a stale index could leave a child unmasked in another family's copy: the
database bumps ``store_generation('subject')`` in the same transaction as any change to a subject
row (triggers, db/versions/0016_subject_generation.py), whoever makes it. The counter is read in the
caller's own read transaction, and the index is used only when it was built from that very state;
otherwise it is rebuilt from that transaction's rows before answering. A child added a second ago is
in the answer. When the triggers are missing (a later migration rebuilt the table and forgot them),
the counter proves nothing, so every child is read and asked, as before.

The index holds children's names in this process's memory only (nothing on disk); it is dropped
with the services when the store is locked.
"""

from __future__ import annotations

import threading
from collections.abc import Collection

from sqlalchemy import text
from sqlmodel import Session, col, select

from efh_desktop.domain.name_sieve_index import NameSieveIndex, named_by_full_scan
from efh_desktop.store.engine import WRITE_OPTION
from efh_desktop.store.tables import Subject

# The triggers as db/versions/0016_subject_generation.py creates them (SQLite keeps the statement's
# text): one narrowed to some columns ("AFTER UPDATE OF name"), or gone, and the counter proves nothing.
_BUMP = "BEGIN UPDATE store_generation SET value = value + 1 WHERE name = 'subject'; END"
GENERATION_TRIGGERS = {
    "subject_generation_ai": f"CREATE TRIGGER subject_generation_ai AFTER INSERT ON subject {_BUMP}",
    "subject_generation_au": f"CREATE TRIGGER subject_generation_au AFTER UPDATE ON subject {_BUMP}",
    "subject_generation_ad": f"CREATE TRIGGER subject_generation_ad AFTER DELETE ON subject {_BUMP}",
}

_GENERATION = text("SELECT value FROM store_generation WHERE name = 'subject'")
_TRIGGERS = text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'subject' "
                 "AND name LIKE 'subject\\_generation\\_%' ESCAPE '\\'")


def _children(session: Session) -> list[tuple[int, str, tuple[str, ...]]]:
    query = (select(col(Subject.id), col(Subject.name), col(Subject.aliases))
             .where(Subject.kind == "child").order_by(col(Subject.id)))
    return [(int(sid or 0), name, tuple(aliases or ())) for sid, name, aliases in session.exec(query)]


def subject_generation(session: Session) -> int | None:
    """The subject table's change counter as ``session``'s transaction sees it; None when it cannot
    be trusted (its table is missing, or its triggers are not exactly those of the migration)."""
    triggers = {name: sql for name, sql in session.connection().execute(_TRIGGERS)}
    if triggers != GENERATION_TRIGGERS:
        return None
    value = session.connection().execute(_GENERATION).scalar()
    return None if value is None else int(value)


def _may_have_written(session: Session) -> bool:
    return bool(session.new or session.dirty or session.deleted
                or session.connection().get_execution_options().get(WRITE_OPTION, False))


class ChildNameSieve:
    """One per open store (the minutes builder holds it). Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._index: NameSieveIndex | None = None
        self._generation: int | None = None
        self.builds = 0  # how many times the index was built (tests; a benchmark's sanity check)

    def named_in(self, session: Session, words: frozenset[str], exclude: Collection[int] = ()) -> list[int]:
        """The ids (ascending) of the children ``could_be_named`` keeps for a text whose ``words_of``
        are ``words``, leaving out ``exclude``, as ``session``'s transaction sees the store."""
        generation = subject_generation(session)
        if generation is None or _may_have_written(session):
            # A transaction that writes may hold changes it later rolls back: an index built from
            # them must not outlive it. Nothing here plans an export while writing; asked anyway,
            # everyone is read and asked.
            return named_by_full_scan(_children(session), words, exclude)
        with self._lock:
            index = self._index if self._generation == generation else None
            if index is None:
                # Read in the same transaction as the counter: the index is exactly that state.
                index = NameSieveIndex(_children(session))
                self._index, self._generation = index, generation
                self.builds += 1
        return index.named(words, exclude)

    def forget(self) -> None:
        with self._lock:
            self._index, self._generation = None, None
