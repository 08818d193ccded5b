"""Fictional, deterministic demo data: a complex strategy series, a Safer Options meeting, and a
registry with more children. Every name, place and case here is invented; none is real.

Loading is idempotent: a database that already holds the demo series is left as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time, timedelta
from typing import Any

from sqlmodel import select

from efh_desktop.domain.uk_dates import uk_wall_time_to_utc
from efh_desktop.services.app_services import Services
from efh_desktop.services.context import ServiceError, saved_id
from efh_desktop.store.tables import Meeting, MeetingSeries, Subject

DEMO_SERIES_TITLE = "Operation Kestrel (demo): complex strategy, Brindley East"

_CHILDREN = [
    # name, aliases, date of birth, LCS id, locality, legal status, in care, YOT order, open referral
    ("Kai Marlow", ["KJ"], date(2010, 3, 14), "LCS-900101", "Brindley East", "child_in_care", True, False, True),
    ("Tayo Brennick", ["T-Bone"], date(2009, 8, 2), "LCS-900102", "Brindley East", "yot_only", False, True, False),
    ("Ellis Quarrington", [], date(2011, 1, 23), "LCS-900103", "Brindley East", "child_protection", False, False, True),
    ("Noor Halvey", ["Nono"], date(2010, 11, 5), "LCS-900104", "Ashcombe North", "child_in_need", False, False, True),
    ("Rhys Tollmache", [], date(2009, 6, 30), "LCS-900105", "Brindley East", "open_referral", False, False, True),
    ("Shay Pendlebury", ["Shaz"], date(2011, 4, 19), "LCS-900106", "Ashcombe North", "not_open", False, False, False),
]
_MORE_CHILDREN = [
    ("Ruby Castellane", date(2012, 2, 9), "Ashcombe North"),
    ("Milo Threadgold", date(2010, 7, 21), "Fenwick South"),
    ("Amara Lindqvist-Obi", date(2011, 9, 3), "Fenwick South"),
    ("Jonah Pettifer", date(2009, 12, 12), "Brindley East"),
    ("Isla Wrenfield", date(2012, 5, 27), "Ashcombe North"),
    ("Dev Harcastle", date(2010, 10, 8), "Fenwick South"),
]


def _first_key(mapping: Mapping[str, Any], *preferred: str) -> str:
    for key in preferred:
        if key in mapping:
            return key
    return next(iter(mapping), "")


def load_demo(services: Services) -> bool:
    """Load the demo data. Returns False (and changes nothing) if it is already there."""
    with services.ctx.reading() as session:
        if session.exec(select(MeetingSeries).where(MeetingSeries.title == DEMO_SERIES_TITLE)).first():
            return False
        # Fictional children must never be mixed into real case records.
        if session.exec(select(Meeting.id).limit(1)).first() or session.exec(select(Subject.id).limit(1)).first():
            raise ServiceError("This database already holds meetings or subjects, so demo data has not been added. "
                               "Demo data goes into an empty database (efh-desktop --demo uses its own folder).")
    profile = services.profile
    subjects, meetings, people, minutes = services.subjects, services.meetings, services.attendance, services.minutes
    statuses = profile.legal_statuses

    children: list[Subject] = []
    for name, aliases, dob, lcs, locality, status, in_care, yot, referral in _CHILDREN:
        children.append(subjects.create(
            "child", name, aliases=aliases, date_of_birth=dob, lcs_id=lcs, locality=locality,
            legal_status=status if status in statuses else "", in_care=in_care, yot_order=yot,
            open_referral=referral, lead_professional="Sam Ortega (social worker, demo)"))
    # A relative and a home address: in other children's disclosure copies they become
    # "Parent of Child B" and "[address of Child B]".
    subjects.update(saved_id(children[1].id), connected_people=[{"name": "Marcia Brennick", "relationship": "mother"}],
                    address="12 Tanner Row, Brindley BS99 9QL (fictional)")
    for i, (name, dob, locality) in enumerate(_MORE_CHILDREN):
        subjects.create("child", name, date_of_birth=dob, lcs_id=f"LCS-9002{i:02d}", locality=locality,
                        legal_status=_first_key(statuses, "not_open"))

    group = subjects.create("peer_group", "The Quarry Lane group", locality="Brindley East",
                            description="Older and younger children seen together near the Quarry Lane flats.")
    for child in children[:4]:
        subjects.add_member(saved_id(group.id), saved_id(child.id))
    park = subjects.create("place", "Larkhill Rec skate park", place_kind="park", locality="Brindley East",
                           description="Gathering place after school; reports of older males giving lifts.")
    shop = subjects.create("place", "Quickmart, Ferrier Road", place_kind="shop", locality="Brindley East",
                           address="Ferrier Road, Brindley (fictional)")
    poc1 = subjects.create("person_of_concern", "'Dex' (name not known)", aliases=["Dexter", "D"],
                           description="Adult male, about 25, drives a grey hatchback; seen at the skate park.")
    poc2 = subjects.create("person_of_concern", "Lorne Vasquez-Hill", locality="Brindley East",
                           description="Adult believed to supply cannabis to children for onward sale.")
    subjects.link(saved_id(poc1.id), saved_id(park.id))
    subjects.link(saved_id(poc1.id), saved_id(group.id))
    subjects.link(saved_id(poc2.id), saved_id(shop.id))

    chair_role = _first_key(profile.roles, "service_manager", "deputy_service_manager")
    cs_type = _first_key(profile.meeting_types, "complex_strategy")
    so_type = _first_key(profile.meeting_types, "safer_options")
    subject_ids = [saved_id(s.id) for s in (*children, group, park, shop, poc1, poc2)]
    first_day = date(2026, 11, 2)
    first = meetings.create(
        cs_type, uk_wall_time_to_utc(first_day, time(10, 0)), new_series_title=DEMO_SERIES_TITLE,
        subject_ids=subject_ids, venue="Room 3, Brindley Area Office (fictional)", locality="Brindley East",
        lead_authority="Demo City Council", chair_name="Priya Oduya", chair_role=chair_role,
        minute_taker="Alex Brannigan", police_operation="Operation Kestrel", officer_in_charge="DS Morgan Ellery",
        concerns="criminal_exploitation")
    # Six children, three places and groups, two persons of concern: a long meeting (10am to 1:15pm).
    meetings.update(saved_id(first.id), status="ended", next_meeting_date=first_day + timedelta(days=42),
                    ends_at=first.starts_at + timedelta(hours=3, minutes=15))
    services.live.record_times(saved_id(first.id), first.starts_at + timedelta(minutes=3),
                               first.starts_at + timedelta(hours=3, minutes=8))
    second = meetings.create(
        cs_type, uk_wall_time_to_utc(first_day + timedelta(days=42), time(10, 0)), series_id=first.series_id,
        subject_ids=subject_ids, venue="Online (Teams)", locality="Brindley East",
        lead_authority="Demo City Council", chair_name="Priya Oduya", chair_role=chair_role,
        minute_taker="Alex Brannigan", police_operation="Operation Kestrel", officer_in_charge="DS Morgan Ellery",
        concerns="criminal_exploitation")
    meetings.update(saved_id(second.id), ends_at=second.starts_at + timedelta(hours=3, minutes=15))

    attendees = [
        # name, role, agency, attendance at the first meeting, the profile's attendee rule they cover
        ("Priya Oduya", "Service Manager (chair)", "Children's social care", "present", ""),
        ("Alex Brannigan", "Minute-taker", "Business support", "present", ""),
        ("DC Rowan Achebe", "Detective Constable, Investigations (Lighthouse)", "Police", "present",
         "police_investigations"),
        ("DS Morgan Ellery", "Officer in Charge", "Police", "present", "officer_in_charge"),
        ("PC Jo Whitcombe", "Neighbourhood beat officer", "Police", "present", "neighbourhood_officer"),
        ("Sgt Kim Farrow", "Violence Reduction Unit", "Violence Reduction Unit", "present", "vru"),
        ("Dr Hana Kettering", "Community paediatrician", "Community paediatrics", "apologies",
         "community_paediatrician"),
        ("Femi Aldous", "Named nurse, children in care", "Health", "present", "cic_named_nurse"),
        ("Carys Ponsonby", "YOT practitioner", "Youth Offending Team", "present", ""),
        ("Leon Abernathy", "Deputy head", "Education", "sent_information", "education"),
    ]
    for meeting in (first, second):
        for name, role, agency, status, rule_key in attendees:
            rule_key = rule_key if any(r.key == rule_key for r in profile.meeting_type(cs_type).required_attendees) \
                else ""
            people.add(saved_id(meeting.id), name, role=role, agency=agency, rule_key=rule_key,
                       status=status if meeting is first else "invited",
                       apology_reason="Clinic commitment" if status == "apologies" and meeting is first else "")
    for meeting in (first, second):
        for notification in services.setup.notifications(saved_id(meeting.id))[:1]:
            services.setup.record_notification(saved_id(meeting.id), notification.rule_key, "Dana Whitlock",
                                               informed_by="Priya Oduya")

    kai, tayo, ellis, noor, rhys, shay = children
    # Records sit under the agenda item they were made in, as in a real meeting's minutes.
    titles = {n.title: saved_id(n.id) for n in services.agenda.tree(saved_id(first.id))}

    def item(title: str) -> int | None:
        return next((i for t, i in titles.items() if t.endswith(title)), None)

    minutes.add_note(saved_id(first.id), "Kai was found in a car with 'Dex' near Larkhill Rec at 11pm on 24 October; "
                     "returned to placement by police.", source_agency="Police", subject_ids=[saved_id(kai.id), saved_id(poc1.id), saved_id(park.id)],
                     agenda_item_id=item("Kai Marlow"))
    minutes.add_note(saved_id(first.id), "School attendance for Tayo and Ellis has fallen below 60% since September.",
                     source_agency="Education", subject_ids=[saved_id(tayo.id), saved_id(ellis.id)],
                     agenda_item_id=item("Information from each agency"))
    minutes.add_note(saved_id(first.id), "Intelligence suggests cash and phones are handed over at the Quickmart on "
                     "Ferrier Road.", source_agency="Police", subject_ids=[saved_id(shop.id), saved_id(poc2.id)], not_for_family=True,
                     agenda_item_id=item("Quickmart, Ferrier Road"))
    minutes.add_note(saved_id(first.id), "Noor told her worker: \"they said I owe them for the trainers\".",
                     source_agency="Children's social care", subject_ids=[saved_id(noor.id)], childs_own_words=True,
                     agenda_item_id=item("Noor Halvey"))
    minutes.add_note(saved_id(first.id), "The Quarry Lane group now includes younger children from Ashcombe North.",
                     source_agency="Families in Focus (FIF)", subject_ids=[saved_id(group.id), saved_id(noor.id), saved_id(shay.id)],
                     agenda_item_id=item("The Quarry Lane group"))
    group_kind = next((k for k, d in profile.decision_kinds.items() if d.scope == "group_place"), "")
    child_kind = next((k for k, d in profile.decision_kinds.items()
                       if d.scope == "child" and d.drafts_first_response_email), "")

    def agreement(kind_key: str) -> str:
        kind = profile.decision_kinds.get(kind_key)
        return "Priya Oduya (Service Manager)" if kind is not None and kind.needs_agreement else ""

    minutes.add_decision(saved_id(first.id), "Complex strategy to continue under Operation Kestrel, reviewed in six weeks.",
                         kind_key=group_kind, rationale="Several unrelated children harmed from the same source.",
                         agreed_by=agreement(group_kind),
                         decided_by="Priya Oduya", subject_ids=[saved_id(group.id), saved_id(park.id), saved_id(shop.id)],
                         agenda_item_id=item("Decisions"))
    minutes.add_decision(saved_id(first.id), "Open a referral for Shay Pendlebury.", kind_key=child_kind,
                         agreed_by=agreement(child_kind),
                         rationale="Newly linked to the group; no current plan.", decided_by="Priya Oduya",
                         dissent="Education asked for an early help assessment first.", subject_ids=[saved_id(shay.id)],
                         agenda_item_id=item("Shay Pendlebury"))
    tactic = next(iter(profile.disruption_tactics), None)
    tactic_key = getattr(tactic, "key", "") if tactic is not None else ""
    due = first_day + timedelta(days=14)
    actions_item = item("Actions: owners, agencies and dates")
    minutes.add_action(saved_id(first.id), "Partnership visit to Quickmart with licensing", owner="PC Jo Whitcombe",
                       agency="Police", due_date=due, category=tactic_key, subject_ids=[saved_id(shop.id)], agenda_item_id=actions_item)
    minutes.add_action(saved_id(first.id), "Return home interview for Kai", owner="Sam Ortega", agency="Children's social care",
                       due_date=first_day + timedelta(days=5), subject_ids=[saved_id(kai.id)])
    done = minutes.add_action(saved_id(first.id), "Share school attendance data for all six children", owner="Leon Abernathy",
                              agency="Education", due_date=first_day + timedelta(days=7),
                              subject_ids=[saved_id(c.id) for c in children])
    minutes.set_action_status(saved_id(done.id), "done", note="Shared by secure email on 6 November 2026.")
    minutes.add_action(saved_id(first.id), "Intelligence submission on the grey hatchback", owner="DS Morgan Ellery",
                       agency="Police", due_date=first_day + timedelta(days=10), subject_ids=[saved_id(poc1.id)])
    minutes.add_action(saved_id(first.id), "YOT to review Tayo's order conditions", owner="Carys Ponsonby",
                       agency="Youth Offending Team", due_date=first_day + timedelta(days=21), subject_ids=[saved_id(tayo.id)])
    minutes.add_action(saved_id(first.id), "Detached youth work at Larkhill Rec on Friday evenings", owner="Mina Carraway",
                       agency="Voluntary sector", due_date=None, subject_ids=[saved_id(park.id), saved_id(group.id)], agenda_item_id=actions_item)

    # Information sharing decided for three of the six children; the rest are still to do.
    basis = next(iter(profile.lawful_bases), "")
    services.sharing.save_child(saved_id(first.id), saved_id(kai.id), to_share="That professionals are worried about older people Kai "
                                "meets at the skate park, and the plan to keep him safe.", shared_by="Sam Ortega",
                                share_by=first_day + timedelta(days=3), withheld="Police intelligence about the car.",
                                withheld_reason="Sharing it now could harm the police investigation.",
                                consent="not_sought", consent_reason="Consent would prejudice the investigation.",
                                lawful_basis=basis, lawful_basis_note="Children Act 1989 s47", decided_by="Priya Oduya")
    services.sharing.save_child(saved_id(first.id), saved_id(noor.id), to_share="The concerns about debt bondage, and the support offered.",
                                shared_by="FIF key worker", consent="given", lawful_basis=basis,
                                decided_by="Priya Oduya")
    services.sharing.save_child(saved_id(first.id), saved_id(tayo.id), to_share="The YOT's plan and the school attendance concern.",
                                shared_by="Carys Ponsonby", consent="sought", lawful_basis=basis,
                                decided_by="Priya Oduya")
    services.sharing.add_disclosure(saved_id(first.id), agency="Police", what="Dates of missing episodes",
                                    recipient="Brindley Academy safeguarding lead", disclosed_on=first_day,
                                    purpose="To plan supervision at the end of the school day", subject_id=kai.id)

    # The must-consider checklist as the chair left it: most points considered, one not applicable,
    # one deferred to the review, the scale of the concerns with the children in each group.
    checklist = services.checklist.rows(saved_id(first.id))
    notes_by_number = {
        "1": "Police, education and children's social care shared what they know; summary in the notes.",
        "3": "The Quarry Lane group: older members recruit younger children through the skate park.",
        "4": "Larkhill Rec and the Quickmart: both used for hand-overs in the evenings.",
        "5": "Two adults of concern; police intelligence on both, one name not yet known.",
        "6": "School attendance data, return home interviews and police intelligence on the car.",
        "7": "Not yet known whether the abuse is organised: kept under review.",
        "12": "Partnership visit to the shop, detached youth work at the park.",
        "13": "Parents of the six children to be told of the concerns by their social workers.",
    }
    for row in checklist:
        if row.number in notes_by_number:
            services.checklist.set_status(saved_id(first.id), row.key, "considered", notes_by_number[row.number])
        elif row.number == "10":
            services.checklist.set_status(saved_id(first.id), row.key, "not_applicable",
                                          "No interviews of children are planned at this stage.")
        elif row.number == "11":
            services.checklist.set_status(saved_id(first.id), row.key, "deferred", "Await the police resourcing decision.")
    groups = {"2.1": [kai, noor, shay], "2.2": [rhys], "2.3": [tayo, ellis]}
    for row in checklist:
        if row.number in groups:
            services.checklist.set_subjects(saved_id(first.id), row.key, [saved_id(c.id) for c in groups[row.number]])
            services.checklist.set_status(saved_id(first.id), row.key, "considered",
                                          f"{len(groups[row.number])} children, named in the list.")

    so = meetings.create(so_type, uk_wall_time_to_utc(date(2026, 11, 25), time(14, 0)),
                         subject_ids=[saved_id(noor.id), saved_id(shay.id), saved_id(group.id)], venue="Ashcombe Family Hub (fictional)",
                         locality="Ashcombe North", lead_authority="Demo City Council", chair_name="Tom Rackley",
                         chair_role=_first_key(profile.roles, "area_deputy_service_manager"),
                         minute_taker="Alex Brannigan")
    for name, role, agency in (("Tom Rackley", "Area Deputy Service Manager", "Children's social care"),
                               ("Bea Mountford", "FIF Area Manager", "Families in Focus (FIF)"),
                               ("PC Jo Whitcombe", "Neighbourhood beat officer", "Police")):
        people.add(saved_id(so.id), name, role=role, agency=agency)
    minutes.add_note(saved_id(so.id), "Two First Response contacts this week mention the Quarry Lane group.",
                     source_agency="Children's social care", subject_ids=[saved_id(group.id)])
    _relationships(services, children, group, park, shop, poc1, poc2)
    _safer_options_year(services, so_type)
    return True


def _relationships(services: Services, children: list[Subject], group: Subject, park: Subject, shop: Subject,
                   poc1: Subject, poc2: Subject) -> None:
    """Links for the ecomap and the history pages: a sibling pair, friends, where children are seen,
    and a person of concern linked to unrelated children discussed at different meetings."""
    relations, subjects = services.relations, services.subjects
    kai, tayo, ellis, noor, rhys, shay = children
    jada = subjects.create("child", "Jada Brennick", date_of_birth=date(2012, 6, 11), lcs_id="LCS-900107",
                           locality="Brindley East", connected_people=[{"name": "Marcia Brennick",
                                                                        "relationship": "mother"}])
    relations.add(saved_id(tayo.id), saved_id(jada.id), "sibling", source="Children's social care")
    relations.add(saved_id(ellis.id), saved_id(rhys.id), "half_sibling", source="Children's social care")
    relations.add(saved_id(kai.id), saved_id(tayo.id), "friend", known="Seen together most evenings", source="Police")
    relations.add(saved_id(noor.id), saved_id(shay.id), "friend", source="Families in Focus (FIF)")
    relations.add(saved_id(kai.id), saved_id(park.id), "seen_at", known="Evenings, after school", source="Police")
    relations.add(saved_id(tayo.id), saved_id(shop.id), "seen_at", source="Police")
    relations.add(saved_id(ellis.id), saved_id(park.id), "seen_at", source="Youth services")
    relations.add(saved_id(shay.id), saved_id(group.id), "member", from_date=date(2026, 10, 1), source="Families in Focus (FIF)")
    relations.add(saved_id(poc1.id), saved_id(kai.id), "linked", known="Found with Kai in a grey hatchback on 24 October",
                  source="Police")
    milo = next(r for r in subjects.list("child", "Milo Threadgold"))
    relations.add(saved_id(poc1.id), milo.id, "linked", known="Gave Milo lifts from Harbourside Steps", source="Police")
    relations.add(saved_id(poc2.id), saved_id(tayo.id), "linked", known="Believed to pass cannabis to Tayo for onward sale",
                  source="Police")


def _safer_options_year(services: Services, so_type: str) -> None:
    """A year of monthly Safer Options meetings about one place, with interventions and their
    outcomes, so the place's history page, trend chart and the review list have something to show."""
    subjects, meetings, minutes, history = services.subjects, services.meetings, services.minutes, services.history
    steps = subjects.create("place", "Harbourside Steps", place_kind="public space", locality="Fenwick South",
                            description="Steps and underpass by the old ferry terminal; children gather after dark.")
    crew = subjects.create("peer_group", "The Steps crew", locality="Fenwick South",
                           description="Children from two schools who meet at Harbourside Steps.")
    milo = next(r for r in subjects.list("child", "Milo Threadgold"))
    amara = next(r for r in subjects.list("child", "Amara Lindqvist-Obi"))
    services.relations.add(milo.id, saved_id(crew.id), "member", from_date=date(2025, 11, 1))
    services.relations.add(amara.id, saved_id(crew.id), "member", from_date=date(2026, 2, 1), to_date=date(2026, 8, 31))
    services.relations.add(milo.id, saved_id(steps.id), "seen_at", source="Police")
    concerns = [3, 4, 4, 5, 3, 3, 2, 2, 3, 1, 1, 1]  # reports a month: the trend the chart shows
    plans = [
        ("Detached youth work at the Steps on Friday evenings", "Youth services", "some_improvement",
         "Fewer groups gathering after 9pm", "Youth workers' session logs"),
        ("Ask the council to mend the underpass lighting", "Community safety", "improved",
         "Lighting mended; fewer reports after dark", "Police calls about the Steps fell from 5 to 2"),
        ("Targeted group youth support for the Steps crew", "Families in Focus (FIF)", "improved",
         "Four of six members attending the group", "FIF attendance register"),
        ("School engagement at both schools about the Steps", "Education", "no_change",
         "Assemblies held; no change in reports yet", "Schools' safeguarding leads"),
        ("Guardianship: briefing for the ferry terminal staff", "Community safety", "resolved",
         "Staff now report concerns the same evening", "Two same-evening reports in September"),
    ]
    # Interventions agreed in these months (0 is December 2025); the last is still open at the next meeting.
    agreed = {1: 0, 3: 1, 5: 2, 7: 3, 10: 4}
    # When each outcome is recorded: a few days before the next meeting, as the lead reports back;
    # the schools' (agreed in July) only on 20 October, so November's review has one intervention
    # closed since October's meeting and one still open.
    closed_on = {1: date(2026, 2, 6), 3: date(2026, 4, 6), 5: date(2026, 6, 6), 7: date(2026, 10, 20)}
    closures: list[tuple[date, int, str, str, str]] = []
    for month in range(12):
        year, number = (2025, 12) if month == 0 else (2026, month)
        start = uk_wall_time_to_utc(date(year, number, 9), time(14, 0))
        # Milo is discussed from September: 'Dex' is linked to him and to Kai (another meeting, unrelated).
        discussed = [saved_id(steps.id), saved_id(crew.id)] + ([milo.id] if month >= 9 else [])
        meeting = meetings.create(so_type, start, subject_ids=discussed, locality="Fenwick South",
                                  venue="Fenwick Family Hub (fictional)", lead_authority="Demo City Council",
                                  chair_name="Tom Rackley", minute_taker="Alex Brannigan",
                                  title="Safer Options, Fenwick South (demo)")
        for n in range(concerns[month]):
            minutes.add_note(saved_id(meeting.id), f"Report {n + 1} this month: children gathering at the Steps after dark.",
                             source_agency="Police", subject_ids=[saved_id(steps.id)])
        if month in agreed:
            text, agency, rating, outcome, evidence = plans[agreed[month]]
            action = minutes.add_action(saved_id(meeting.id), text, owner="Mina Carraway", agency=agency,
                                        subject_ids=[saved_id(steps.id), saved_id(crew.id)])
            if month in closed_on:
                closures.append((closed_on[month], saved_id(action.id), outcome, rating, evidence))
        if month < 11:
            meetings.update(saved_id(meeting.id), status="ended", ends_at=start + timedelta(hours=2))
    clock = services.ctx.clock
    for day, action_id, outcome, rating, evidence in closures:
        # Recorded on its day (the clock moved there and back through its public API): the review
        # reads when an intervention was closed.
        back = uk_wall_time_to_utc(day, time(11, 0)) - clock.now()
        clock.advance(back)
        try:
            history.record_outcome(action_id, outcome=outcome, rating=rating, evidence=evidence)
        finally:
            clock.advance(-back)
