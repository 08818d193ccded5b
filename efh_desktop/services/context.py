"""The services' shared context: one engine, the practice profile, and who is using the app.

``transaction()`` is the unit of work: one user action, one transaction, with an ``Audit`` bound to
the same session so the change and its audit event commit (or roll back) together.

The ORM (SQLModel, pydantic, SQLAlchemy's orm) is imported by the first session, not by this
module: the window unlocks and fills its meetings list with SQLAlchemy Core alone (``connection()``),
and loads the ORM once the list is on screen (issue 17: start-up).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine

from efh_desktop.atomic_write import WriteRefused, is_disk_full
from efh_desktop.domain.profile import PracticeProfile
from efh_desktop.services.clock import Clock
from efh_desktop.store.engine import writer
from efh_desktop.store.row_clock import rows_stamped_by

if TYPE_CHECKING:
    from sqlmodel import Session

    from efh_desktop.services.audit import Audit


@dataclass
class AppContext:
    engine: Engine
    profile: PracticeProfile
    actor: str
    data_dir: Path | None = None  # the folder no export may be written into (see atomic_write)
    clock: Clock = field(default_factory=Clock)  # what time it is, for the window and the services

    @contextmanager
    def transaction(self) -> Iterator[tuple[Session, Audit]]:
        """One user action: BEGIN IMMEDIATE (store/engine.py), so another process's save makes this
        one wait rather than fail, and the audit chain's end cannot move under it."""
        from sqlmodel import Session

        from efh_desktop.services.audit import Audit

        with rows_stamped_by(self.clock.now), Session(writer(self.engine), expire_on_commit=False) as session:
            audit = Audit(session, self.actor, self.clock.now)
            try:
                yield session, audit
                session.commit()
            except BaseException as exc:
                session.rollback()
                if is_disk_full(exc) and not isinstance(exc, ServiceError | WriteRefused):
                    # SQLite rolled the transaction back whole: earlier commits are intact.
                    raise DiskFullNotSaved() from None
                raise

    _shared: threading.local = field(default_factory=threading.local, repr=False, compare=False)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session (no audit): lists, look-ups, exports. It begins DEFERRED, so it takes no
        write lock and never waits for another process's save. Inside ``one_read()`` (same thread)
        it is that one session."""
        shared = getattr(self._shared, "session", None)
        if shared is not None:
            yield shared
            return
        from sqlmodel import Session

        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """A read-only Core connection (DEFERRED, as ``reading()``), for reads that need no ORM
        objects: the meetings list and its overdue steps, read before the ORM is loaded. Inside
        ``one_read()`` it is that session's connection, so the read sees the same snapshot."""
        shared = getattr(self._shared, "session", None)
        if shared is not None:
            yield shared.connection()
            return
        with self.engine.connect() as connection:
            yield connection

    @contextmanager
    def one_read(self) -> Iterator[Session]:
        """Every ``reading()`` inside this block, on this thread, is one session and one read
        transaction: building a meeting's minutes asks dozens of services, and each opening its own
        session cost more than the queries (issue 17); one snapshot also means one consistent view."""
        if getattr(self._shared, "session", None) is not None:
            yield self._shared.session
            return
        from sqlmodel import Session

        with Session(self.engine, expire_on_commit=False) as session:
            self._shared.session = session
            try:
                yield session
            finally:
                self._shared.session = None


class ServiceError(Exception):
    """A user-facing refusal (for example a missing name); ``str()`` is one clear sentence."""


class NotFound(ServiceError):
    def __init__(self, what: str, ident: Any) -> None:
        super().__init__(f"No {what} with id {ident} was found; it may have been deleted.")


class DiskFullNotSaved(ServiceError):
    def __init__(self) -> None:
        super().__init__("The disk is full: this change was not saved, but nothing saved has been lost. "
                         "Free some space and try again.")


def saved_id(row_id: int | None) -> int:
    """A row's id where the row is known to be saved (read back, or flushed): the tables declare
    ``id: int | None`` because a new row has none until the database gives it one."""
    if row_id is None:
        raise RuntimeError("a row was used by id before it was saved")
    return row_id
