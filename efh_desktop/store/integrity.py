"""Checks that a database is whole: every page's HMAC (SQLCipher), the b-tree structure (SQLite) and
the audit trail's hash chain."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlcipher3
from sqlalchemy import Engine

from efh_desktop.atomic_write import is_disk_full
from efh_desktop.store import audit_chain, migrations


@dataclass
class IntegrityReport:
    cipher_problems: list[str] = field(default_factory=list)
    quick_check: list[str] = field(default_factory=list)
    schema_revision: str | None = None
    audit: audit_chain.ChainReport | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return (not self.error and not self.cipher_problems and self.quick_check == ["ok"]
                and self.schema_revision == migrations.SCHEMA_HEAD and self.audit is not None and self.audit.ok)

    def lines(self) -> list[str]:
        out = [
            "cipher integrity: " + ("ok" if not self.cipher_problems else
                                    f"{len(self.cipher_problems)} damaged page(s)"),
            "quick check: " + ("ok" if self.quick_check == ["ok"] else "; ".join(self.quick_check[:5]) or "not run"),
            f"schema version: {self.schema_revision or 'none'}"
            + ("" if self.schema_revision == migrations.SCHEMA_HEAD else f" (expected {migrations.SCHEMA_HEAD})"),
            self.audit.line() if self.audit is not None else "audit trail: not checked",
        ]
        if self.error:
            out.append(f"problem: {self.error}")
        return out


def check_integrity(engine: Engine) -> IntegrityReport:
    report = IntegrityReport()
    raw = engine.raw_connection()
    try:
        conn: Any = raw.driver_connection  # sqlcipher3's connection: its own execute()
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # cipher_integrity_check reads the main file only
            report.cipher_problems = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]
            report.quick_check = [str(r[0]) for r in conn.execute("PRAGMA quick_check")]
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            report.schema_revision = row[0] if row else None
            if report.schema_revision == migrations.SCHEMA_HEAD:
                report.audit = audit_chain.verify(conn)
        except sqlcipher3.DatabaseError as exc:
            if is_disk_full(exc):
                # Not damage: restoring a backup now would throw away everything saved since it.
                report.error = ("the disk is full, so the check could not finish. This is not damage and "
                                "nothing saved has been lost: free some space, then run the check again")
            else:
                report.error = ("the database is damaged (" + str(exc).split("\n")[0] + "); "
                                "restore it from a backup")
    finally:
        raw.close()
    return report
