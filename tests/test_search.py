"""Full-text search (FTS5 inside the encrypted database): what it finds, that the index follows
every change, that odd input never breaks it, that it leaks nothing outside the encrypted file,
and that the migration which adds it indexes what is already there."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlcipher3
from alembic import command
from conftest import PASSPHRASE
from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool
from sqlmodel import select

from efh_desktop.paths import DB_FILENAME
from efh_desktop.services.context import AppContext
from efh_desktop.services.search_service import MARK_END, MARK_START, SearchHit, SearchService, fts_query
from efh_desktop.store import migrations
from efh_desktop.store.tables import Meeting, Note, Subject

FTS_TABLES = {"entry_fts": "entry", "decision_fts": "decision", "action_fts": "action", "subject_fts": "subject"}


@pytest.fixture
def search(demo_services) -> SearchService:
    return SearchService(demo_services.ctx)


def first_meeting(services) -> Meeting:
    with services.ctx.reading() as session:
        # The demo's first complex strategy (its year of Safer Options meetings starts earlier).
        return session.exec(select(Meeting).where(Meeting.type_key == "complex_strategy")
                            .order_by(Meeting.starts_at)).first()


def kinds_and_ids(hits: list[SearchHit]) -> set[tuple[str, int]]:
    return {(h.kind, h.id) for h in hits}


def subject_id(services, name: str) -> int:
    with services.ctx.reading() as session:
        return session.exec(select(Subject.id).where(Subject.name == name)).one()


def note_id_starting(services, starts_with: str) -> int:
    with services.ctx.reading() as session:
        return session.exec(select(Note.id).where(Note.text.startswith(starts_with))).one()


def check_indexes(services) -> None:
    """FTS5's own check: the external-content indexes agree with their tables (raises if not)."""
    with services.store.engine.begin() as conn:
        for name in FTS_TABLES:
            conn.exec_driver_sql(f"INSERT INTO {name}({name}) VALUES('integrity-check')")


# -- the query built from what the user types -------------------------------------------------------
@pytest.mark.parametrize(("typed", "query"), [
    ("Kai", '"Kai"*'),
    ("  kai   marlow ", '"kai" AND "marlow"*'),
    ('say "hi"', '"say" AND """hi"""*'),
    ("NEAR(a b)", '"NEAR(a" AND "b)"*'),
    ("kai 😀", '"kai"*'),  # a word with no letter or digit is left out, not made an empty phrase
    ("", ""), ("   \t\n", ""), ('" ( * )', ""),
])
def test_query_quotes_every_word_and_prefixes_the_last(typed, query):
    assert fts_query(typed) == query


def shown(snippet: str) -> str:
    """Snippets mark matches with private-use characters; tests read them as [[ ]]."""
    return snippet.replace(MARK_START, "[[").replace(MARK_END, "]]")


# -- what it finds ----------------------------------------------------------------------------------
def test_a_childs_name_finds_the_child_first_then_notes_and_actions(search, demo_services):
    hits = search.search("Kai")
    kai = subject_id(demo_services, "Kai Marlow")
    assert (hits[0].kind, hits[0].id) == ("subject", kai)
    assert hits[0].meeting_id is None and hits[0].meeting_date is None
    assert shown(hits[0].snippet) == "[[Kai]] Marlow"
    assert ("note", note_id_starting(demo_services, "Kai was found in a car")) in kinds_and_ids(hits)
    assert any(h.kind == "action" and "Return home interview for [[Kai]]" in shown(h.snippet) for h in hits)
    kinds = [h.kind for h in hits]
    assert kinds == sorted(kinds, key=lambda k: k != "subject"), "subjects come first"


def test_record_hits_carry_their_meeting(search, demo_services):
    meeting = first_meeting(demo_services)
    note = next(h for h in search.search("Larkhill") if h.kind == "note")
    assert note.meeting_id == meeting.id
    assert note.meeting_title == meeting.title
    assert note.meeting_date == meeting.starts_at and note.meeting_date.tzinfo is not None
    assert note.meeting_date == datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
    assert "[[Larkhill]]" in shown(note.snippet)


def test_an_alias_finds_the_subject(search, demo_services):
    hits = search.search("Nono")
    assert (hits[0].kind, hits[0].id) == ("subject", subject_id(demo_services, "Noor Halvey"))
    assert shown(hits[0].snippet) == "Noor Halvey (also [[Nono]])"


def test_a_case_identifier_finds_the_child(search, demo_services):
    hits = search.search("LCS-900104")
    assert [(h.kind, h.id) for h in hits] == [("subject", subject_id(demo_services, "Noor Halvey"))]


def test_a_shop_name_finds_the_place_the_note_and_the_action(search, demo_services):
    hits = search.search("quickmart")
    found = kinds_and_ids(hits)
    assert ("subject", subject_id(demo_services, "Quickmart, Ferrier Road")) in found
    assert ("note", note_id_starting(demo_services, "Intelligence suggests cash and phones")) in found
    action = [h for h in hits if h.kind == "action"]
    assert [shown(h.snippet) for h in action] == ["Partnership visit to [[Quickmart]] with licensing"]


def test_a_prefix_finds_whole_words(search, demo_services):
    hits = search.search("Quarr")
    found = kinds_and_ids(hits)
    assert ("subject", subject_id(demo_services, "Ellis Quarrington")) in found
    assert ("subject", subject_id(demo_services, "The Quarry Lane group")) in found
    assert any(h.kind == "note" and "[[Quarry]]" in shown(h.snippet) for h in hits)


def test_several_words_must_all_match(search, demo_services):
    assert [(h.kind, h.id) for h in search.search("kai dex")] == \
        [("note", note_id_starting(demo_services, "Kai was found in a car"))]
    assert search.search("kai quickmart") == []


def test_a_match_outside_the_main_text_is_shown_with_its_label(search):
    action = next(h for h in search.search("secure email") if h.kind == "action")
    assert shown(action.snippet).startswith("Share school attendance data for all six children (Completion note: ")
    assert "[[secure]] [[email]]" in shown(action.snippet)
    decision = next(h for h in search.search("early help") if h.kind == "decision")
    assert shown(decision.snippet) == ("Open a referral for Shay Pendlebury. "
                                "(Dissent: Education asked for an [[early]] [[help]] assessment first.)")


def test_accents_do_not_matter(demo_services, search):
    meeting = first_meeting(demo_services)
    zoe = demo_services.subjects.create("child", "Zoë Ashgrove", aliases=["Zoë-Bee"])
    note = demo_services.minutes.add_note(meeting.id, "Zoë was seen near the café on Saturday.")
    found = kinds_and_ids(search.search("zoe"))
    assert {("subject", zoe.id), ("note", note.id)} <= found
    assert ("note", note.id) in kinds_and_ids(search.search("cafe"))
    assert ("subject", zoe.id) in kinds_and_ids(search.search("ZOE-bee"))
    # ... and an accent typed by the user is ignored too
    assert ("subject", subject_id(demo_services, "Noor Halvey")) in kinds_and_ids(search.search("Noór"))


def test_search_within_one_meeting(demo_services, search):
    with demo_services.ctx.reading() as session:  # the Safer Options meeting
        so_id = session.get(Note, note_id_starting(demo_services, "Two First Response contacts")).meeting_id
    hits = search.search("Quarry", meeting_id=so_id)
    assert [(h.kind, h.meeting_id) for h in hits] == [("subject", None), ("note", so_id)]
    assert search.search("Kai", meeting_id=so_id) == []  # Kai is not on that meeting's agenda
    assert len([h for h in search.search("Quarry") if h.kind == "note"]) == 2


def test_one_letter_finds_the_newest_matches(demo_services, search):
    hits = search.search("q")
    found = kinds_and_ids(hits)
    assert ("subject", subject_id(demo_services, "Quickmart, Ferrier Road")) in found
    assert ("note", note_id_starting(demo_services, "Two First Response contacts")) in found
    assert any(h.kind == "action" and "[[Quickmart]]" in shown(h.snippet) for h in hits)


def test_limit(search):
    assert len(search.search("the", limit=3)) == 3
    assert search.search("the", limit=0) == []


def test_every_kind_gets_its_turn_whatever_bm25_says_across_kinds(demo_services, search):
    """bm25 is comparable within a kind only: sorted together, short action texts outranked every
    note, and a word in both showed a page of actions and no note."""
    meeting = first_meeting(demo_services)
    for i in range(6):
        demo_services.minutes.add_note(meeting.id, f"Łucja Wrenhollow was seen by the youth team near the "
                                       f"Quarrybank shops again on evening {i}, with two older males.")
        demo_services.minutes.add_action(meeting.id, f"Wrenhollow visit {i}", owner="Siân O'Neill", agency="Police")
    hits = search.search("wrenhollow", limit=4)
    assert [h.kind for h in hits] == ["note", "action", "note", "action"], [h.kind for h in hits]


def test_newest_meeting_first_among_equals(demo_services, search):
    older, newer = sorted(demo_services.meetings.list(), key=lambda m: m.starts_at)[:2]
    for meeting in (older, newer):
        demo_services.minutes.add_note(meeting.id, "Marigold Yarrowfield mentioned again.")
    notes = [h for h in search.search("Yarrowfield") if h.kind == "note"]
    assert [h.meeting_id for h in notes] == [newer.id, older.id]


# -- the index follows every change ----------------------------------------------------------------
def test_an_edited_note_is_found_by_its_new_words_only(demo_services, search):
    note_id = note_id_starting(demo_services, "School attendance for Tayo")
    assert ("note", note_id) in kinds_and_ids(search.search("September"))
    demo_services.minutes.update("note", note_id, text="Tayo has been excluded for five days after a fight.")
    assert ("note", note_id) not in kinds_and_ids(search.search("September"))
    assert ("note", note_id) in kinds_and_ids(search.search("excluded"))
    demo_services.minutes.update("note", note_id, source_agency="Housing")
    assert ("note", note_id) in kinds_and_ids(search.search("housing"))
    assert ("note", note_id) not in kinds_and_ids(search.search("education"))
    check_indexes(demo_services)


def test_a_deleted_note_is_not_found_and_undo_brings_it_back(demo_services, search):
    note_id = note_id_starting(demo_services, "Noor told her worker")
    assert ("note", note_id) in kinds_and_ids(search.search("trainers"))
    saved = demo_services.minutes.delete("note", note_id)
    assert search.search("trainers") == []
    check_indexes(demo_services)
    demo_services.minutes.restore(saved)
    assert ("note", note_id) in kinds_and_ids(search.search("trainers"))
    check_indexes(demo_services)


def test_deleting_a_meeting_takes_its_records_out_of_the_index(demo_services, search):
    meeting = first_meeting(demo_services)
    other = demo_services.meetings.create(meeting.type_key, datetime(2027, 1, 4, 10, tzinfo=UTC))
    demo_services.minutes.add_note(other.id, "Wrenhollow bridge incident reported.")
    demo_services.minutes.add_action(other.id, "Wrenhollow patrol", owner="PC Jo Whitcombe")
    demo_services.minutes.add_decision(other.id, "Wrenhollow plan agreed.")
    assert len(search.search("Wrenhollow")) == 3
    demo_services.meetings.delete(other.id)  # its records go by ON DELETE CASCADE
    assert search.search("Wrenhollow") == []
    check_indexes(demo_services)


def test_actions_decisions_and_subjects_follow_changes(demo_services, search):
    action = next(h for h in search.search("hatchback") if h.kind == "action")
    demo_services.minutes.set_action_status(action.id, "done", note="Submitted via Tollgate system")
    assert ("action", action.id) in kinds_and_ids(search.search("Tollgate"))

    shay = subject_id(demo_services, "Shay Pendlebury")
    demo_services.subjects.update(shay, name="Shay Pendleford", aliases=["Shazza"])
    assert ("subject", shay) not in kinds_and_ids(search.search("Pendlebury"))
    assert ("subject", shay) in kinds_and_ids(search.search("Pendleford"))
    assert shown(search.search("Shazza")[0].snippet) == "Shay Pendleford (also [[Shazza]])"
    assert all("[[Shaz]]" not in shown(h.snippet) for h in search.search("Shaz"))  # the old alias is gone

    temp = demo_services.subjects.create("place", "Orrinsgate car park")
    assert ("subject", temp.id) in kinds_and_ids(search.search("Orrinsgate"))
    with demo_services.ctx.transaction() as (session, _audit):
        session.delete(session.get(Subject, temp.id))
    assert search.search("Orrinsgate") == []
    check_indexes(demo_services)


# -- odd input never breaks it ------------------------------------------------------------------------
ODD = ['"', '""', "(", ")", "AND", "OR", "NOT", "NEAR(", "NEAR(kai dex, 2)", "*", "kai*", "^kai", "kai:", "col:kai",
       "a OR b", "{name}: kai", "-kai", "+", "'", "\\", "%", "_", "[[", "]]", "😀", "👩‍👧 kai", "שלום", "مرحبا",
       "\u202ekai\u202c", "\x00", "kai\x00dex", "'; DROP TABLE entry; --", "k" * 5000, "é", "ß", "İ"]


@pytest.mark.parametrize("typed", ODD)
def test_odd_input_never_raises(search, typed):
    hits = search.search(typed)
    assert isinstance(hits, list)
    assert all(isinstance(h, SearchHit) for h in hits)


def test_operators_are_searched_as_words(search):
    assert search.search("AND") != []  # "and" is in the notes: found as a word, not a syntax error
    assert search.search("NEAR(") != []  # "near" is in the first note


def test_hebrew_and_emoji_text_can_be_found(demo_services, search):
    meeting = first_meeting(demo_services)
    note = demo_services.minutes.add_note(meeting.id, "Message read out: שלום חבר 😀 see you at the park")
    assert ("note", note.id) in kinds_and_ids(search.search("שלום"))
    assert ("note", note.id) in kinds_and_ids(search.search("שלום 😀"))
    assert search.search("😀") == []


# -- inside the encrypted file ------------------------------------------------------------------------
def test_fts5_is_compiled_in(services):
    with services.store.engine.connect() as conn:
        options = {r[0] for r in conn.exec_driver_sql("PRAGMA compile_options")}
    assert "ENABLE_FTS5" in options


def test_the_index_lives_inside_the_encrypted_file(services, data_dir):
    marker = "Xylocarpqzv"
    meeting = services.meetings.create(next(iter(services.profile.meeting_types)), datetime(2026, 12, 1, tzinfo=UTC))
    services.subjects.create("child", f"{marker} Oddname", aliases=[f"{marker}alias"])
    services.minutes.add_note(meeting.id, f"{marker} said something")
    assert len(SearchService(services.ctx).search(marker)) == 2

    def leaks() -> list[str]:
        needles = [marker.encode(), marker.lower().encode(), marker.encode("utf-16-le")]
        return [p.name for p in data_dir.rglob("*") if p.is_file()
                and any(n in p.read_bytes() for n in needles)]

    assert leaks() == []  # while open: the -wal holds the new pages, encrypted
    services.lock()
    assert leaks() == []
    assert (data_dir / DB_FILENAME).read_bytes()[:16] != b"SQLite format 3\x00"


def test_secure_delete_is_on_and_removes_deleted_words_from_the_index(demo_services):
    engine = demo_services.store.engine
    with engine.connect() as conn:
        for name in FTS_TABLES:
            assert conn.exec_driver_sql(f"SELECT v FROM {name}_config WHERE k = 'secure-delete'").scalar() == 1
    meeting = first_meeting(demo_services)

    def term_in_index(term: bytes) -> bool:
        with engine.connect() as conn:
            return any(term in bytes(block) for (block,) in conn.exec_driver_sql("SELECT block FROM entry_fts_data"))

    note = demo_services.minutes.add_note(meeting.id, "Quelvarnish was mentioned once.")
    assert term_in_index(b"quelvarnish")
    demo_services.minutes.delete("note", note.id)
    assert not term_in_index(b"quelvarnish")

    # Control: without secure-delete, FTS5 keeps a deleted word in its segments (marked deleted).
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO entry_fts(entry_fts, rank) VALUES('secure-delete', 0)")
    note = demo_services.minutes.add_note(meeting.id, "Brastowick was mentioned once.")
    demo_services.minutes.delete("note", note.id)
    assert term_in_index(b"brastowick")


def test_every_indexed_table_has_its_triggers(services):
    """A later batch migration that rebuilds one of these tables drops its triggers: this notices."""
    with services.store.engine.connect() as conn:
        triggers = set(conn.exec_driver_sql(
            "SELECT tbl_name || ':' || name FROM sqlite_master WHERE type = 'trigger'").scalars())
    for fts, table in FTS_TABLES.items():
        assert {f"{table}:{fts}_ai", f"{table}:{fts}_ad", f"{table}:{fts}_au"} <= triggers


# -- the migration ------------------------------------------------------------------------------------
@pytest.fixture
def memory_conn():
    engine = create_engine("sqlite://", creator=lambda: sqlcipher3.connect(":memory:"), module=sqlcipher3,
                           poolclass=StaticPool)
    conn = engine.connect()
    yield conn
    conn.close()
    engine.dispose()


def test_autogenerate_through_env_ignores_the_fts_tables(memory_conn):
    cfg = migrations.alembic_config(memory_conn)
    command.upgrade(cfg, "head")
    memory_conn.commit()
    command.check(cfg)  # raises AutogenerateDiffsDetected if env.py would drop or diff anything


def test_downgrade_removes_the_indexes_and_upgrade_restores_them(memory_conn):
    cfg = migrations.alembic_config(memory_conn)
    command.upgrade(cfg, "head")
    command.downgrade(cfg, "0002_setup")
    names = set(memory_conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE name LIKE '%fts%'").scalars())
    assert names == set()
    command.upgrade(cfg, "head")
    names = set(memory_conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%fts'").scalars())
    assert names == set(FTS_TABLES)


def test_upgrade_from_0002_indexes_existing_rows(tmp_path, profile):
    from efh_desktop.store.engine import make_engine
    from efh_desktop.store.key_header import new_header
    from efh_desktop.store.vault import StoreLocation, unlock_with_passphrase

    location = StoreLocation(tmp_path / "old")
    location.data_dir.mkdir()
    header, key = new_header(PASSPHRASE)
    header.save(location.header_path)
    engine = make_engine(location.db_path, key)
    stamp = "'2026-01-01 00:00:00'"
    with engine.connect() as conn:
        command.upgrade(migrations.alembic_config(conn), "0002_setup")
        conn.exec_driver_sql(
            "INSERT INTO subject (kind, name, aliases, locality, description, lcs_id, ehm_id, legal_status, in_care, "
            "open_referral, yot_order, lead_professional, allocated_worker, place_kind, address, archived, created_at, "
            f"updated_at) VALUES ('child', 'Ivo Oldschema', '[\"Ivy\", \"Zo\\u00eb\"]', '', '', 'LCS-1', 'EHM-2', '', "
            f"0, 0, 0, '', '', '', '', 0, {stamp}, {stamp})")
        conn.exec_driver_sql(
            "INSERT INTO meeting (type_key, title, starts_at, venue, online_link, locality, lead_authority, chair_name, "
            "chair_role, minute_taker, status, police_operation, officer_in_charge, concerns, next_meeting_reason, "
            f"finalised_by, cross_boundary, created_at, updated_at) VALUES ('safer_options', 'Old meeting', "
            f"'2026-01-05 10:00:00', '', '', '', '', '', '', '', 'ended', '', '', '', '', '', 0, {stamp}, {stamp})")
        conn.exec_driver_sql(
            "INSERT INTO entry (meeting_id, kind, text, source_agency, not_for_family, childs_own_words, author, "
            f"created_at, updated_at) VALUES (1, 'note', 'Ivo spoke about the Fernleigh underpass.', 'Police', 0, 0, "
            f"'', {stamp}, {stamp})")
        conn.exec_driver_sql(
            "INSERT INTO decision (meeting_id, kind_key, text, rationale, dissent, decided_by, agreed_by, author, "
            f"created_at, updated_at) VALUES (1, '', 'Fernleigh disruption plan agreed.', '', '', '', '', '', "
            f"{stamp}, {stamp})")
        conn.exec_driver_sql(
            "INSERT INTO action (meeting_id, description, owner, agency, category, status, not_done_reason, "
            "completion_note, author, created_at, updated_at) VALUES (1, 'Patrol the Fernleigh underpass', "
            f"'PC Nuala Brigstock', 'Police', '', 'open', '', '', '', {stamp}, {stamp})")
        conn.commit()
    engine.dispose()

    store = unlock_with_passphrase(location, PASSPHRASE)
    try:
        assert migrations.current_revision(store.engine) == migrations.SCHEMA_HEAD
        assert store.migration_backup is not None
        search = SearchService(AppContext(store.engine, profile, "Test User"))
        assert {h.kind for h in search.search("Fernleigh")} == {"note", "decision", "action"}
        note = next(h for h in search.search("underpass") if h.kind == "note")
        assert (note.meeting_title, note.meeting_date) == ("Old meeting", datetime(2026, 1, 5, 10, tzinfo=UTC))
        assert [h.kind for h in search.search("Brigstock")] == ["action"]
        assert [shown(h.snippet) for h in search.search("zoe")] == ["Ivo Oldschema (also Ivy [[Zoë]])"]
        assert [h.kind for h in search.search("EHM-2")] == ["subject"]
        with store.engine.begin() as conn:
            for name in FTS_TABLES:
                conn.exec_driver_sql(f"INSERT INTO {name}({name}) VALUES('integrity-check')")
    finally:
        store.close()
