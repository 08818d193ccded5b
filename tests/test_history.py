"""A subject's history, the impact of interventions and the ecomap, through the services (issue 16)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader
from sqlmodel import select

from efh_desktop.domain.ecomap import nearest_in_direction, reading_order, text_listing
from efh_desktop.services.context import ServiceError
from efh_desktop.store.tables import AuditEvent


def at(month, day=4, year=2026):
    return datetime(year, month, day, 9, tzinfo=UTC)


@pytest.fixture
def place_year(services):
    """A place discussed at Safer Options in February, March and May, and once at a complex strategy."""
    park = services.subjects.create("place", "Fernbank Rec", place_kind="park").id
    child = services.subjects.create("child", "Zofia Wiśniewska").id
    feb = services.meetings.create("safer_options", at(2), subject_ids=[park])
    services.minutes.add_note(feb.id, "Reports of older males at the rec after dark.", subject_ids=[park])
    done = services.minutes.add_action(feb.id, "Detached youth work on Friday evenings", subject_ids=[park])
    services.minutes.add_decision(feb.id, "Neighbourhood assessment of the rec", subject_ids=[park])
    mar = services.meetings.create("safer_options", at(3), subject_ids=[park])
    services.minutes.add_note(mar.id, "Two more reports; lighting broken.", subject_ids=[park])
    services.minutes.add_note(mar.id, "Second report about lighting.", subject_ids=[park])
    still_open = services.minutes.add_action(mar.id, "Ask the council to mend the lights", subject_ids=[park])
    cs = services.meetings.create("complex_strategy", at(4, 20), subject_ids=[park, child],
                                  chair_role="service_manager")
    services.minutes.add_note(cs.id, "Zofia seen at the rec.", subject_ids=[park, child])
    may = services.meetings.create("safer_options", at(5), subject_ids=[park])
    return {"park": park, "child": child, "feb": feb.id, "mar": mar.id, "cs": cs.id, "may": may.id,
            "done": done.id, "open": still_open.id}


def test_history_lists_every_meeting_and_tagged_record_in_date_order(services, place_year):
    history = services.history.history(place_year["park"])
    assert [m.id for m in history.meetings] == [place_year[k] for k in ("feb", "mar", "cs", "may")]
    assert [(i.kind, i.meeting_id) for i in history.items] == [
        ("note", place_year["feb"]), ("decision", place_year["feb"]), ("action", place_year["feb"]),
        ("note", place_year["mar"]), ("note", place_year["mar"]), ("action", place_year["mar"]),
        ("note", place_year["cs"])]
    assert history.items[2].impact == "Open"


def test_history_filters_by_meeting_type_and_uk_date_range(services, place_year):
    only_cs = services.history.history(place_year["park"], type_keys=["complex_strategy"])
    assert [m.id for m in only_cs.meetings] == [place_year["cs"]]
    assert [i.text for i in only_cs.items] == ["Zofia seen at the rec."]
    spring = services.history.history(place_year["park"], since=date(2026, 3, 1), until=date(2026, 4, 30))
    assert [m.id for m in spring.meetings] == [place_year["mar"], place_year["cs"]]
    assert {k for k, _ in services.history.meeting_types_of(place_year["park"])} == {"safer_options",
                                                                                      "complex_strategy"}
    with pytest.raises(ServiceError, match="before its start"):
        services.history.history(place_year["park"], since=date(2026, 5, 1), until=date(2026, 4, 1))


def test_a_childs_history_has_the_meetings_it_was_discussed_at(services, place_year):
    history = services.history.history(place_year["child"])
    assert [m.id for m in history.meetings] == [place_year["cs"]]


def test_closing_an_intervention_records_its_outcome_audited(services, place_year):
    services.history.record_outcome(place_year["done"], outcome="Fewer gatherings reported", rating="improved",
                                    evidence="Police incident log, March")
    item = next(i for i in services.history.history(place_year["park"]).items
                if i.kind == "action" and i.id == place_year["done"])
    assert item.status == "done" and item.rating == "Improved"
    assert item.impact == "Done · Improved · Fewer gatherings reported · evidence: Police incident log, March"
    with services.ctx.reading() as session:
        last = session.exec(select(AuditEvent).where(AuditEvent.entity == "action").order_by(AuditEvent.id.desc())).first()
    assert last.summary == "Closed an intervention with its outcome"
    with pytest.raises(ServiceError, match="impact scale"):
        services.history.record_outcome(place_year["open"], outcome="x", rating="splendid")
    with pytest.raises(ServiceError, match="What changed"):
        services.history.record_outcome(place_year["open"], outcome="  ", rating="no_change")
    with pytest.raises(ServiceError, match="why"):
        services.history.record_outcome(place_year["open"], status="not_done", outcome="x", rating="no_change")


def test_the_review_lists_interventions_since_the_last_meeting_open_and_closed(services, place_year):
    services.ctx.clock.set(at(2, 20))  # closed between February's meeting and March's
    services.history.record_outcome(place_year["done"], outcome="Fewer gatherings", rating="some_improvement")
    # At May's meeting the last Safer Options meeting about the rec was March's (the complex strategy
    # between is another kind of meeting): March's intervention, still open.
    assert [i.id for i in services.history.interventions_for_review(place_year["may"])] == [place_year["open"]]
    # The first complex strategy about the rec has no earlier one to review from.
    assert services.history.interventions_for_review(place_year["cs"]) == []
    # At March's meeting: February's intervention, closed, with its outcome.
    [item] = services.history.interventions_for_review(place_year["mar"])
    assert item.id == place_year["done"] and item.rating == "Some improvement"
    assert "group think" in services.history.review_heading(place_year["mar"])


def test_the_review_keeps_older_interventions_still_open_and_those_closed_since_the_last_meeting(
        services, place_year):
    """Nothing agreed at May's meeting: June's review still has March's open intervention, and
    February's, closed after May's meeting; July's has only the one still open."""
    clock = services.ctx.clock
    june = services.meetings.create("safer_options", at(6), subject_ids=[place_year["park"]])
    july = services.meetings.create("safer_options", at(7), subject_ids=[place_year["park"]])
    clock.set(at(5, 20))
    services.history.record_outcome(place_year["done"], outcome="Fewer gatherings", rating="improved")
    review = services.history.interventions_for_review(june.id)
    assert [(i.id, i.status) for i in review] == [(place_year["done"], "done"), (place_year["open"], "open")]
    assert review[0].meeting_id == place_year["feb"] and review[0].rating == "Improved"
    assert "2 interventions" in services.history.review_heading(june.id)
    assert [i.id for i in services.history.interventions_for_review(july.id)] == [place_year["open"]]


def test_a_carried_intervention_is_reviewed_as_it_stands_now(services, place_year):
    follow = services.series.create_next_meeting(place_year["mar"], starts_at=at(3, 11))
    carried = [a for a in services.minutes.actions(follow.id) if a.description.startswith("Ask the council")]
    assert carried
    services.history.record_outcome(carried[0].id, outcome="Lights mended", rating="resolved")
    review = services.history.interventions_for_review(follow.id)
    # February's intervention, never closed, is still reviewed (it is not carried: it was not March's).
    assert [(i.id, i.status) for i in review] == [(carried[0].id, "done"), (place_year["done"], "open")]


def test_the_trend_counts_concerns_and_interventions_by_month(services, place_year):
    trend = services.history.trend(place_year["park"])
    assert [(m.month, m.concerns, m.interventions) for m in trend] == [
        (date(2026, 2, 1), 1, 1), (date(2026, 3, 1), 2, 1), (date(2026, 4, 1), 1, 0)]
    assert trend[0].label == "Feb 2026"


# -- the ecomap -----------------------------------------------------------------------------------------
@pytest.fixture
def network(services):
    s = services.subjects
    ava = s.create("child", "Ava Łukasiewicz", connected_people="Marta Łukasiewicz, mother").id
    ben = s.create("child", "Ben Łukasiewicz").id
    kai = s.create("child", "Kai Øyelaran").id
    crew = s.create("peer_group", "Northside Crew").id
    park = s.create("place", "Fernbank Rec").id
    dex = s.create("person_of_concern", "Dex Marl").id
    services.relations.add(ava, ben, "sibling")
    services.relations.add(kai, crew, "member")
    services.relations.add(ava, crew, "member")
    services.relations.add(dex, park, "linked")
    services.relations.add(kai, park, "seen_at")
    meeting = services.meetings.create("safer_options", at(6), subject_ids=[crew, park])
    return {"ava": ava, "ben": ben, "kai": kai, "crew": crew, "park": park, "dex": dex, "meeting": meeting.id}


def test_the_meeting_ecomap_has_its_subjects_and_everything_linked_to_them(services, network):
    ecomap = services.ecomap.for_meeting(network["meeting"])
    keys = {n.key for n in ecomap.nodes}
    assert keys == {f"s{network[k]}" for k in ("ava", "kai", "crew", "park", "dex")} | {f"r{network['ava']}:0"}
    assert {n.key for n in ecomap.nodes if n.focus} == {f"s{network['crew']}", f"s{network['park']}"}
    assert set(ecomap.positions) == keys
    lines = text_listing(ecomap, full_names=False)
    assert "K.Ø. (child) – member – N.C. (peer group)" in lines
    assert any("Marta" in line for line in text_listing(ecomap, full_names=True))
    assert not any("Marta" in line or "Kai" in line for line in lines)
    path = ecomap.path(f"s{network['dex']}", f"s{network['kai']}")
    assert [e.relation for e in path] == ["linked", "seen_at"]


def test_a_node_moved_by_hand_keeps_its_place_and_keyboard_order_is_stable(services, network):
    view = f"meeting:{network['meeting']}"
    services.ecomap.save_position(view, f"s{network['dex']}", 321.0, -45.5)
    services.ecomap.save_position(view, f"s{network['dex']}", 300.0, -40.0)
    ecomap = services.ecomap.for_meeting(network["meeting"])
    assert ecomap.positions[f"s{network['dex']}"] == (300.0, -40.0)
    first = reading_order(ecomap)[0]
    assert ecomap.node(first).focus
    right = nearest_in_direction(ecomap, first, 1, 0)
    assert right is None or ecomap.positions[right][0] > ecomap.positions[first][0]
    services.ecomap.reset_positions(view)
    assert services.ecomap.for_meeting(network["meeting"]).pinned == set()


def test_the_sibling_group_view_is_one_childs_siblings_and_relatives(services, network):
    ecomap = services.ecomap.sibling_group(network["ben"])
    assert {n.name for n in ecomap.nodes} == {"Ava Łukasiewicz", "Ben Łukasiewicz", "Marta Łukasiewicz"}
    assert {e.relation for e in ecomap.edges} == {"sibling", "relative"}
    with pytest.raises(ServiceError, match="for a child"):
        services.ecomap.sibling_group(network["park"])


def test_the_ecomap_pdf_shows_no_full_names_of_children(services, network, tmp_path):
    path = services.ecomap.write_pdf(network["meeting"], tmp_path / "ecomap.pdf")
    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for name in ("Ava", "Łukasiewicz", "Kai", "Øyelaran", "Marta", "Ben"):
        assert name not in text
    assert "K.Ø." in text and "A.Ł." in text and "initials only" in text
    assert (reader.metadata.title or "") == "Ecomap"
    assert not reader.outline
    with services.ctx.reading() as session:
        assert session.exec(select(AuditEvent).where(AuditEvent.entity == "ecomap_pdf")).first() is not None


def test_no_disclosure_copy_carries_the_ecomap(services, network, tmp_path):
    """Written through the export service the dialog uses: the pack's ecomap page sits beside the
    copies, and a child's disclosure copy (every format) holds no ecomap page and none of its links."""
    from docx import Document

    from tests.disclosure_helpers import decide_and_approve

    meeting = services.meetings.create("safer_options", at(7), subject_ids=[network["ava"], network["kai"],
                                                                           network["park"]])
    services.minutes.add_note(meeting.id, "Kai was seen at the rec with older males.",
                              subject_ids=[network["kai"], network["park"]])
    ecomap = services.ecomap.for_meeting(meeting.id)
    assert {e.relation for e in ecomap.edges} >= {"sibling", "seen_at", "linked", "member"}
    folder = tmp_path / "pack"
    folder.mkdir()
    page = services.ecomap.write_pdf(meeting.id, folder / "ecomap.pdf")
    listing = text_listing(ecomap, full_names=False) + text_listing(ecomap, full_names=True)
    pack_page = " ".join("\n".join(p.extract_text() for p in PdfReader(str(page)).pages).split())
    assert ecomap.title in pack_page and "Links shown in the ecomap" in pack_page  # what is looked for below
    assert " ".join(text_listing(ecomap, full_names=False)[0].split()) in pack_page

    def plan():
        return services.minutes_files.plan(meeting.id, folder, ("pdf", "docx", "txt"), full=False,
                                           disclosure_for=[network["ava"]])

    ready = decide_and_approve(services, meeting.id, plan)
    assert [c.kind for c in ready.copies] == ["disclosure"]
    written = services.minutes_files.write(ready)
    assert sorted(p.suffix for p in written) == [".docx", ".pdf", ".txt"]
    assert not any("ecomap" in p.name.casefold() for p in written)
    for path in written:
        if path.suffix == ".pdf":
            text = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
        elif path.suffix == ".docx":
            text = "\n".join(par.text for par in Document(str(path)).paragraphs)
        else:
            text = path.read_text(encoding="utf-8")
        flat = " ".join(text.split())
        assert flat, path
        # (The checklist's own words, "ecomaps of sibling groups…", may be there: the page is not.)
        for page_words in (ecomap.title, "Links shown in the ecomap", "not for disclosure copies", "initials only"):
            assert page_words not in flat, (path.name, page_words)
        for line in listing:
            assert " ".join(line.split()) not in flat, (path.name, line)
        for relation in (" – seen at – ", " – sibling – ", " – member – ", " – linked – "):
            assert relation not in flat
