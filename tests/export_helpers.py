"""What a crash in the middle of an export leaves behind, for the tests of the clean-up at open."""

from __future__ import annotations

from pathlib import Path

from efh_desktop.atomic_write import TEMP_SUFFIX


def crashed_export(services, folder: Path, name: str, intent: str, entity: str = "minutes") -> Path:
    """An "export_started" audit event with no end (its process gone: pid -1) and the plaintext
    temporary file the writer had begun; returns that file."""
    with services.ctx.transaction() as (_session, audit):
        audit.event("export_started", entity, changes={"file": str(folder / name), "folder": str(folder),
                                                       "names": [name], "intent": intent, "pid": -1})
    temp = folder / f".{name}.q9w8{TEMP_SUFFIX}"
    temp.write_text("plaintext case data (fictional)", encoding="utf-8")
    return temp
