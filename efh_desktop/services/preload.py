"""Work the window does once its first screen is up, so that the first meeting opened does not wait
for it: the tables the meetings list did not need (store/tables/__init__.py imports each table's
module when it is first asked for; about 0.2 s for the records' seventeen tables on a small laptop)."""

from __future__ import annotations


def load_remaining_tables() -> None:
    from efh_desktop.store.tables import load_all

    load_all()
