"""The hot screens read the big tables by index (issue 17: every screen flat with size).

Each case runs the real call on a tiny synthetic store with every SQL statement captured, then asks
SQLite for the plan of each captured SELECT (``EXPLAIN QUERY PLAN``, same parameters). A full scan
of a table that grows with the years (notes, actions, their tags, the audit trail ...) fails the
test. The plans do not depend on the data: no store is ever ANALYZEd, so SQLite chooses from the
schema alone, as it will on a council's store ten times the benchmark's size.

Known scans are listed in ``ALLOWED`` with the reason; each one is a figure in benchmarks/README.md.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event

from benchmarks import synthetic_data
from efh_desktop.services.action_tracker import TrackerCursor, TrackerFilter
from efh_desktop.services.meeting_pages import MeetingCursor, MeetingFilter

TINY = synthetic_data.Size("tiny", meetings=24, children=40, actions=120, entries=300)

# Tables whose size grows with every meeting held.
BIG = {"meeting", "entry", "decision", "action", "entry_subject", "decision_subject", "action_subject", "attendee",
       "agenda_item", "meeting_subject", "audit_event", "information_sharing", "checklist_response",
       "disclosure_decision", "disclosure_approval", "redaction_log", "filing_entry", "amendment", "subject"}

# (case, table) -> why a scan is accepted for now.
ALLOWED = {
    # Writing an audit event reads the last event's hash (the chain, store/audit_chain.py): SQLite
    # reports "SCAN" for ORDER BY id DESC LIMIT 1, but it walks the rowid b-tree from its end, one row.
    ("next meeting", "audit_event"): "the last event's hash, read from the end of the rowid b-tree",
    # The meetings list (gui/panels/paged_meetings_model.py) walks ix_meeting_starts_at from its newest
    # end and stops after a page (SQLite says "SCAN ... USING INDEX" for an ordered walk with LIMIT), and
    # counts the meetings by their smallest index: once per list, 20,000 index entries, a few ms.
    ("meetings list", "meeting"): "a page along ix_meeting_starts_at, the count by a covering index",
    ("meetings list, one type, along the dates", "meeting"): "a page along ix_meeting_starts_at",
}

_SCAN = re.compile(r"^SCAN (\w+)(?: AS \w+)?(?! VIRTUAL TABLE)")


@pytest.fixture(scope="module")
def store(tmp_path_factory, profile):
    from efh_desktop.services.unlock_service import UnlockService

    folder = tmp_path_factory.mktemp("plans") / "store"
    synthetic_data.create_store(folder, TINY, passphrase="plan passphrase", seed=11)
    services, _ = UnlockService(folder, profile, "Test User").unlock("plan passphrase")
    yield services
    services.lock()


def _captured(services, call) -> list[tuple[str, tuple]]:
    seen: list[tuple[str, tuple]] = []

    def listen(_conn, _cursor, statement, parameters, _context, executemany) -> None:
        if not executemany and statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, tuple(parameters or ())))

    engine = services.store.engine
    event.listen(engine, "before_cursor_execute", listen)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", listen)
    return seen


def _scans(services, statements) -> dict[str, str]:
    out: dict[str, str] = {}
    with services.store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        for sql, params in statements:
            for row in raw.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall():
                detail = row[-1]
                match = _SCAN.match(detail)
                if match and match.group(1) in BIG:
                    out.setdefault(match.group(1), sql.split("\n")[0][:160])
    return out


def _ids(services):
    with services.store.engine.connect() as conn:
        one = lambda sql: conn.exec_driver_sql(sql).scalar_one()  # noqa: E731
        return {
            "meeting": one("SELECT min(m.id) FROM meeting m WHERE m.status = 'finalised' "
                           "AND EXISTS (SELECT 1 FROM action a WHERE a.meeting_id = m.id)"),
            "ended": one("SELECT min(id) FROM meeting WHERE status IN ('ended', 'planned')"),
            "chain": one("SELECT min(origin_action_id) FROM action"),
            "child": one("SELECT min(subject_id) FROM action_subject t JOIN subject s ON s.id = t.subject_id "
                         "WHERE s.kind = 'child'"),
            "head": one("SELECT max(m.id) FROM meeting m WHERE m.series_id IS NOT NULL AND NOT EXISTS "
                        "(SELECT 1 FROM meeting n WHERE n.previous_meeting_id = m.id)"),
            "agenda": one("SELECT min(agenda_item_id) FROM entry"),
        }


def _cases(services, ids):
    m = ids["meeting"]
    s = services
    first_meetings = s.meetings.page(limit=5)  # read here, not in the case: the next page alone is measured
    assert first_meetings.cursor is not None
    return {
        "meeting services": lambda: (s.meetings.get(m), s.meetings.subjects(m), s.meetings.agenda(m),
                                     s.agenda.tree(m), s.minutes.notes(m), s.minutes.decisions(m),
                                     s.minutes.actions(m), s.minutes.tags_for_meeting(m), s.actions.rows(meeting_id=m),
                                     s.attendance.list(m), s.setup.findings(m), s.sharing.children(m)),
        "live list": lambda: s.minutes.records_for_item(m, ids["agenda"]),
        "action history": lambda: s.actions.history(ids["chain"]),
        "subject history": lambda: s.actions.rows(subject_id=ids["child"], latest_only=False),
        "search": lambda: s.search.search("school"),
        "finalise gate": lambda: s.finalise.gate(ids["ended"]),
        "all actions": lambda: s.actions.tracker_page(),
        "all actions, next page": lambda: s.actions.tracker_page(after=s.actions.tracker_page(limit=5).cursor),
        "all actions, closed": lambda: s.actions.tracker_page(
            TrackerFilter(status="done"), TrackerCursor(3, date(2000, 1, 1), 0), limit=5),
        "all actions, one agency": lambda: s.actions.tracker_page(TrackerFilter(agency="Police")),
        "all actions, one child": lambda: s.actions.tracker_page(TrackerFilter(subject_id=ids["child"])),
        "edit an action": lambda: s.actions.row(ids["chain"]),
        "meetings list": lambda: s.meetings.page(limit=5),
        "meetings list, next page": lambda: s.meetings.page(after=first_meetings.cursor, limit=5),
        "meetings list, one type": lambda: s.meetings.page(MeetingFilter(type_key="safer_options"), limit=5),
        "meetings list, one type, along the dates": lambda: s.meetings.page(
            MeetingFilter(type_key="safer_options"), MeetingCursor(datetime(2030, 1, 1, tzinfo=UTC), 0), limit=5),
        "next meeting": lambda: s.series.create_next_meeting(ids["head"]),
    }


def test_hot_screens_read_big_tables_by_index(store):
    ids = _ids(store)
    problems = []
    for case, call in _cases(store, ids).items():
        statements = _captured(store, call)
        assert statements, f"{case}: no SQL captured"
        for table, sql in _scans(store, statements).items():
            if (case, table) not in ALLOWED:
                problems.append(f"{case}: SCAN {table} in {sql}")
    assert problems == []


def test_action_history_no_longer_reads_every_action(store):
    ids = _ids(store)
    statements = _captured(store, lambda: store.actions.history(ids["chain"]))
    assert "action" not in _scans(store, statements)
    chain = store.actions.history(ids["chain"])
    assert chain and all(r.origin_id == ids["chain"] for r in chain)
    assert [r.meeting_date for r in chain] == sorted(r.meeting_date for r in chain)


def test_building_the_minutes_is_one_read_session(store, tmp_path):
    """Building one meeting's minutes asked ~40 services, each opening its own session (issue 17):
    now one read transaction, also for planning the export of every copy."""
    begins: list[int] = []

    def count(_conn) -> None:
        begins.append(1)

    meeting_id = _ids(store)["meeting"]
    engine = store.store.engine
    event.listen(engine, "begin", count)
    try:
        doc = store.minutes_builder.build(meeting_id)
        built = len(begins)
        children = [s.id for s in store.meetings.subjects(meeting_id) if s.kind == "child"]
        begins.clear()
        plan = store.minutes_files.plan(meeting_id, tmp_path, ("pdf",), per_child=True)
    finally:
        event.remove(engine, "begin", count)
    assert doc.sections and children
    assert built == 1
    assert len(begins) == 1 and len(plan.copies) == 1 + len(children)


@pytest.mark.parametrize("query", ["school", "s", "Kai Marl"])
def test_a_search_needs_no_sort_of_its_own_so_the_limit_stops_the_snippets(store, query):
    """Across all meetings, FTS5 hands the matches over best first (or newest first for one letter):
    a sort of SQLite's own ("USE TEMP B-TREE FOR ORDER BY") would mean every match is joined to its
    meeting and given a snippet before fifty are kept, and a second MATCH for the snippets walked
    every posting list again (issue 17, search flat with size)."""
    statements = [s for s in _captured(store, lambda: store.search.search(query)) if "MATCH" in s[0]]
    assert len(statements) >= 4  # subjects, notes, decisions, actions (each kind's recent rows first, if many)
    with store.store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        for sql, params in statements[1:]:
            plan = [row[-1] for row in raw.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()]
            assert not any("TEMP B-TREE" in step for step in plan), plan
            assert sql.count("MATCH") == 1, sql


def test_opening_a_meeting_in_the_window_reads_by_index(store, qtbot, tmp_path):
    """Everything the window runs to show a meeting (every panel filled), not only the services."""
    from efh_desktop.gui.main_window import MainWindow
    from efh_desktop.gui.session_controller import SessionController
    from efh_desktop.services.unlock_service import UnlockService
    from efh_desktop.settings import Settings

    controller = SessionController(UnlockService(tmp_path, store.profile, "Test User"), 60)
    controller._set_services(store)
    window = MainWindow(controller, Settings(), tmp_path)
    qtbot.addWidget(window)
    window.show()
    meeting_id = _ids(store)["meeting"]
    statements = _captured(store, lambda: window.open_meeting(meeting_id))
    assert len(statements) > 10
    assert _scans(store, statements) == {}  # before the window closes (closing it locks the store)
