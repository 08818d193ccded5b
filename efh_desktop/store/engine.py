"""The encrypted SQLAlchemy engine.

Every connection is keyed with the raw 32-byte key as its first statement (hex, so safe to put in
SQL; the passphrase never is), verified with a read before anything else runs, then given the
durability and privacy pragmas. ``sqlite+pysqlcipher://`` URLs are not used: that dialect pastes the
secret into SQL unescaped and keeps connections in a singleton pool.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from efh_desktop.domain.text_rules import fold_for_search
from efh_desktop.store.errors import DatabaseDamaged, StoreError

PRAGMAS = (
    "foreign_keys = ON",
    "journal_mode = WAL",
    "synchronous = FULL",  # every acknowledged commit is on disk, even after power loss
    "temp_store = MEMORY",  # sort and temp tables never touch disk in plaintext
    "secure_delete = ON",
    "busy_timeout = 5000",
    # 16 MB of (decrypted) pages per connection instead of SQLite's 2 MB: a council's store is a
    # gigabyte, and every insert walks a dozen indexes (issue 17). In memory only, like temp_store.
    "cache_size = -16384",
)


def keyed_connect(db_path: Path, key: bytes | bytearray, *, read_only: bool = False) -> sqlcipher3.Connection:
    """Open one SQLCipher connection with ``key``; raise DatabaseDamaged if the file is unreadable.

    ``read_only`` opens with ``mode=ro``: used to look at a file before trusting it, because a
    read-write connection that fails can still checkpoint a stray -wal into the database on close.
    """
    if read_only:
        conn = sqlcipher3.connect(Path(db_path).resolve().as_uri() + "?mode=ro", uri=True,
                                  check_same_thread=False, isolation_level=None)
    else:
        conn = sqlcipher3.connect(str(db_path), check_same_thread=False, isolation_level=None)
    try:
        # SQLCipher otherwise writes its own diagnostics (page numbers, HMAC failures) to stderr;
        # we report problems ourselves, in one sentence.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{bytes(key).hex()}'\"")
        conn.execute("PRAGMA cipher_compatibility = 4")
        # PRAGMA key never fails; the first read is where a wrong key or a damaged page 1 shows.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.create_function("efh_fold", 1, fold_for_search, deterministic=True)
        if read_only:
            return conn
        for pragma in PRAGMAS:
            conn.execute(f"PRAGMA {pragma}")
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise DatabaseDamaged(describe_open_failure(db_path, exc)) from None
    return conn


def describe_open_failure(db_path: Path, exc: Exception) -> str:
    text = str(exc).lower()
    name = Path(db_path).name
    if "not a database" in text:
        return (f"The database {name} cannot be read: its first page is damaged, or it is not an "
                "EFH Desktop database. Nothing has been changed or deleted. Restore it from a backup.")
    if "malformed" in text:
        return (f"The database {name} is damaged (a page does not check out). Nothing has been "
                "changed or deleted. Restore it from a backup.")
    return f"The database {name} could not be opened ({exc.__class__.__name__}). Nothing has been changed."


# Connections this process's engines hold, per database (resolved path). wal_guard.py reads it: with
# a connection open here, the -wal is our own live log, and opening the -shm or the database file
# just to look would drop SQLite's POSIX locks for the whole process when we closed it again.
_OPEN_HERE: Counter[str] = Counter()


def open_here(db_path: Path) -> int:
    return _OPEN_HERE[str(Path(db_path).resolve())]


def make_engine(db_path: Path, key: bytearray) -> Engine:
    """An engine whose every pooled connection is keyed and verified by ``keyed_connect``.

    The engine keeps no copy of the key: it reads the caller's buffer (the open store's) each time
    it needs a new connection. Locking empties that buffer and disposes the pool, so from then on
    any stale reference to the engine fails with "locked" instead of quietly reopening the database.
    """

    def creator() -> sqlcipher3.Connection:
        if not key:
            raise StoreError("The database is locked. Unlock it to carry on.")
        return keyed_connect(db_path, key)

    # JSON (aliases, audit changes) is stored as written, not as \uXXXX escapes, so "Zoë" in an alias
    # list can be searched for.
    # LIFO: the connection used last (its page cache holds the pages just read, decrypted) is the
    # one handed out next. FIFO alternated between two caches, so a search typed letter by letter,
    # or a list read again, found half its pages cold and decrypted them again (issue 17).
    engine = create_engine("sqlite://", creator=creator, module=sqlcipher3, poolclass=QueuePool,
                           pool_size=2, max_overflow=2, pool_use_lifo=True,
                           json_serializer=lambda value: json.dumps(value, ensure_ascii=False))

    resolved = str(Path(db_path).resolve())

    @event.listens_for(engine, "connect")
    def _opened(_dbapi: Any, _record: Any) -> None:
        _OPEN_HERE[resolved] += 1

    @event.listens_for(engine.pool, "close")
    def _closed(_dbapi: Any, _record: Any) -> None:
        _OPEN_HERE[resolved] -= 1

    @event.listens_for(engine.pool, "close_detached")
    def _closed_detached(_dbapi: Any) -> None:
        _OPEN_HERE[resolved] -= 1

    # pysqlite's own transaction handling is off (isolation_level=None); SQLAlchemy's documented
    # recipe gives it back explicitly so BEGIN comes from us and SAVEPOINTs behave.
    # Writers begin IMMEDIATE (``writer``): a DEFERRED transaction that reads before it writes cannot
    # wait for another process's write lock; SQLite fails its upgrade at once with "database is
    # locked" (busy_timeout does not apply there, it could deadlock). Taking the lock at BEGIN is
    # where busy_timeout does apply, so a second process makes a save wait a moment instead of
    # failing. Everything else stays DEFERRED: reads never take the write lock, so lists, exports
    # and a CLI ``check`` beside the window never queue behind a save, and two read connections in
    # one thread cannot block each other.
    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(_WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN DEFERRED")

    return engine


_WRITE_OPTION = "efh_write"
WRITE_OPTION = _WRITE_OPTION  # services ask whether a session is a writer's (services/child_name_sieve.py)


def writer(engine: Engine) -> Engine:
    """The same engine (same pool) whose transactions begin IMMEDIATE: for every transaction that
    may write. Do not open a second one in the same thread while one is open: it would wait for
    the first (busy_timeout) and then fail."""
    return engine.execution_options(**{_WRITE_OPTION: True})
