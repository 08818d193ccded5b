"""Deterministic synthetic data for benchmarks: a new encrypted store filled with FICTIONAL records.

Every name here is made up from syllables and every place is invented; none is a real person or
place. The same ``--seed`` and ``--size`` always give the same rows (one seeded ``random.Random``,
no clock reads), so runs on different days and machines measure the same database.

    python -m benchmarks.synthetic_data --size large --data-dir DIR

The store is created through ``UnlockService.create`` (real key header, real Argon2id cost, schema
by migration), exactly as a first run would. The rows are then written with SQLAlchemy Core
``insert()`` executemany in a few big transactions straight on the store's engine. That bypasses the
services, their validation and the audit trail ON PURPOSE: this is test data generation, not a
user action, and going through the services would take hours for the large size.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

DEFAULT_PASSPHRASE = "benchmark passphrase"
DEFAULT_SEED = 20231101
GENERATOR_VERSION = 5  # bump when the rows change, so cached stores are rebuilt
ACTOR = "Benchmark"
CHUNK = 20_000  # rows per executemany call

# The "today" the data is generated against: meetings after it are planned, before it minuted.
REFERENCE_NOW = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
FIRST_DAY = datetime(2023, 1, 2, tzinfo=UTC)
LAST_DAY = datetime(2027, 12, 20, tzinfo=UTC)


@dataclass(frozen=True)
class Size:
    name: str
    meetings: int
    children: int
    actions: int
    entries: int
    attendees_per_meeting: int = 10
    agenda_per_meeting: int = 12
    decisions_per_meeting: int = 3
    subjects_per_meeting: int = 8

    @property
    def peer_groups(self) -> int:
        return max(3, self.children // 20)

    @property
    def places(self) -> int:
        return max(3, self.children // 15)

    @property
    def persons_of_concern(self) -> int:
        return max(3, self.children // 12)

    @property
    def series(self) -> int:
        return max(2, self.meetings // 5)


SIZES = {
    "small": Size("small", meetings=50, children=150, actions=1_000, entries=2_500),
    "large": Size("large", meetings=2_000, children=6_000, actions=40_000, entries=100_000),
    # A council's hub over many years: ten times large.
    "xlarge": Size("xlarge", meetings=20_000, children=60_000, actions=400_000, entries=1_000_000),
}

# -- invented words ------------------------------------------------------------------------------
_FIRST_START = ("Ar", "Bel", "Cor", "Dav", "El", "Fen", "Gar", "Hal", "Is", "Jor", "Kel", "Lor", "Mar",
                "Nev", "Or", "Pel", "Quin", "Ros", "Sel", "Tam", "Ul", "Ves", "Wyn", "Yar", "Zan", "Tho")
_FIRST_END = ("a", "en", "is", "o", "an", "ie", "el", "y", "iro", "eth", "ana", "ix", "we", "ona", "ic")
_LAST_START = ("Brack", "Quell", "Thorn", "Vask", "Morr", "Pell", "Strand", "Wick", "Hobb", "Farr", "Glen",
               "Drum", "Yarr", "Kest", "Lunn", "Orrin", "Skel", "Tarr", "Ambr", "Corv", "Fald", "Ness")
_LAST_MID = ("en", "al", "ow", "er", "is", "", "a", "i")
_LAST_END = ("wick", "ham", "ley", "more", "by", "thorne", "stead", "ridge", "well", "croft", "ington",
             "hurst", "gate", "field")
_PLACE_START = ("Quill", "Vantry", "Braxen", "Otter", "Fennick", "Skell", "Harrow", "Lumb", "Marrow", "Pike",
                "Tansy", "Wold", "Yewd", "Cray", "Dunmar", "Gorse")
_PLACE_END = ("mere", "dale", "moor", "brook", "hithe", "cross", "by", "stow", "wick", "field", "ham")
_STREET_KIND = ("Road", "Lane", "Street", "Row", "Walk", "Close", "Parade")
_PLACE_KIND = ("park", "shop", "takeaway", "bus station", "estate", "underpass", "car park", "youth club",
               "retail park", "railway station")
_GROUP_WORD = ("group", "crew", "friendship group", "lads", "girls", "set")

LOCALITIES = ("Quillmere North", "Vantry Hollow", "Braxendale East", "Ottersmoor", "Fennick Cross",
              "Skellbrook South")

_ENTRY_TEMPLATES = (
    "{agency} reported that {child} was seen near {place} late in the evening with older young people.",
    "{child}'s school attendance has fallen over the last half term; {agency} will share the figures.",
    "{child} said their phone was taken and they were told they owed money for it.",
    "A vehicle linked to {poc} has been seen several times outside {place}.",
    "{agency} has had no contact with {child} since the last meeting despite two visits.",
    "The {group} has been gathering at {place} after school; younger children have joined it.",
    "{child} was reported missing overnight and returned the next morning with new clothes.",
    "Intelligence suggests cash is being handed over at {place}; {agency} will review patrols.",
    "{child} engaged well with the youth worker and attended two sessions this month.",
    "{agency} notes that {child}'s parent is worried about late-night calls and unexplained money.",
    "Concerns about {poc} giving lifts to children near {place} were discussed.",
    "Detached youth work at {place} found fewer young people there on Friday evenings.",
    "{child} has moved placement; the new carers have been told about the risks near {place}.",
    "Members of the {group} were stopped together on two occasions; no items were found.",
)
_DECISION_TEMPLATES = (
    "The strategy continues and will be reviewed at the next meeting.",
    "A peer group assessment of the {group} is to be completed.",
    "A disruption plan is agreed for {place}.",
    "A referral is to be opened for {child}.",
    "Information about {poc} will be shared with the police intelligence unit.",
    "Step down {child} to early help with a lead professional.",
)
_ACTION_TEMPLATES = (
    "Visit {child} at home and complete a return home interview",
    "Share school attendance figures for {child}",
    "Partnership visit to {place} with licensing",
    "Intelligence submission about {poc}",
    "Detached youth work at {place} on Friday evenings",
    "Review safety plan for {child} with the family",
    "Map the membership of the {group}",
    "Check whether {child} is known to the other local authority",
)
_ROLES_TEXT = ("Social worker", "Team manager", "Police constable", "Detective sergeant", "School safeguarding lead",
               "YOT practitioner", "Youth worker", "Named nurse", "Housing officer", "Community safety officer")
_RELATIONSHIPS = ("Mother", "Father", "Stepfather", "Grandmother", "Aunt", "Older brother", "Foster carer")
_ATTENDANCE_WEIGHTS = (("present", 70), ("apologies", 15), ("sent_information", 8), ("part", 4), ("invited", 3))
_TYPE_WEIGHTS = {"safer_options": 40, "complex_strategy": 20, "team_around_the_child": 8, "cp_strategy": 8,
                 "risk_management": 6, "yot_risk_management": 6, "child_in_need": 4, "core_group": 4,
                 "cp_conference": 2, "child_in_care_review": 1, "safer_options_extraordinary": 1}


class Names:
    """Invented words from syllables (never a list of real names)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def first(self) -> str:
        return self.rng.choice(_FIRST_START) + self.rng.choice(_FIRST_END)

    def last(self) -> str:
        r = self.rng
        return r.choice(_LAST_START) + r.choice(_LAST_MID) + r.choice(_LAST_END)

    def person(self) -> str:
        return f"{self.first()} {self.last()}"

    def place_word(self) -> str:
        return self.rng.choice(_PLACE_START) + self.rng.choice(_PLACE_END)


def _utc_day(rng: random.Random, start: datetime, end: datetime) -> datetime:
    days = (end - start).days
    day = start + timedelta(days=rng.randrange(days))
    return day.replace(hour=rng.choice((9, 10, 11, 13, 14, 15)), minute=rng.choice((0, 0, 30)))


def _chunks(rows: Iterable[dict[str, Any]], size: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Generator:
    """Builds the rows table by table (ids assigned here, so links need no read-back)."""

    def __init__(self, size: Size, profile: Any, seed: int, *, audit: bool) -> None:
        self.size = size
        self.profile = profile
        self.rng = random.Random(seed)
        self.names = Names(self.rng)
        self.audit = audit
        self.agencies = list(profile.agencies)
        self.concerns = list(profile.concern_types)
        self.legal_statuses = list(profile.legal_statuses)
        self.tactics = [t.key for t in profile.disruption_tactics]
        self.decision_kinds = list(profile.decision_kinds)
        self.types = [k for k in profile.meeting_types]
        self.type_weights = [_TYPE_WEIGHTS.get(k, 1) for k in self.types]
        # Professionals: a fixed pool, as real meetings see the same people again and again.
        self.professionals = [(self.names.person(), self.rng.choice(_ROLES_TEXT), self.rng.choice(self.agencies))
                              for _ in range(max(40, size.meetings // 3))]
        self.counts: dict[str, int] = {}
        self._by_kind: dict[int, dict[str, list[int]]] = {}

    # -- subjects ---------------------------------------------------------------------------------
    def subjects(self) -> Iterator[dict[str, Any]]:
        r, n = self.rng, self.names
        created = datetime(2022, 9, 1, tzinfo=UTC)
        sid = 0
        self.children: list[tuple[int, str]] = []
        self.groups: list[tuple[int, str]] = []
        self.places: list[tuple[int, str]] = []
        self.pocs: list[tuple[int, str]] = []
        for _ in range(self.size.children):
            sid += 1
            name = n.person()
            self.children.append((sid, name))
            yield {"id": sid, "kind": "child", "name": name,
                   "aliases": [n.first()] if r.random() < 0.2 else [],
                   "locality": r.choice(LOCALITIES),
                   "date_of_birth": date(2006, 1, 1) + timedelta(days=r.randrange(9 * 365)),
                   "lcs_id": f"LCS-SYN{sid:06d}", "ehm_id": f"EHM-SYN{sid:06d}" if r.random() < 0.3 else "",
                   "legal_status": r.choice(self.legal_statuses), "in_care": r.random() < 0.15,
                   "open_referral": r.random() < 0.4, "yot_order": r.random() < 0.1,
                   "lead_professional": n.person(), "allocated_worker": n.person() if r.random() < 0.6 else "",
                   "connected_people": [{"name": n.person(), "relationship": r.choice(_RELATIONSHIPS)}
                                        for _ in range(r.choice((0, 1, 1, 2, 3)))],
                   "created_at": created + timedelta(days=r.randrange(1200)), "updated_at": created}
        for _ in range(self.size.peer_groups):
            sid += 1
            name = f"The {n.place_word()} {r.choice(_GROUP_WORD)}"
            self.groups.append((sid, name))
            yield {"id": sid, "kind": "peer_group", "name": name, "aliases": [],
                   "locality": r.choice(LOCALITIES), "description": "Invented peer group for benchmarks.",
                   "created_at": created, "updated_at": created}
        for _ in range(self.size.places):
            sid += 1
            kind = r.choice(_PLACE_KIND)
            name = f"{n.place_word()} {kind}"
            self.places.append((sid, name))
            yield {"id": sid, "kind": "place", "name": name, "aliases": [], "place_kind": kind,
                   "locality": r.choice(LOCALITIES),
                   "address": f"{r.randrange(1, 200)} {n.place_word()} {r.choice(_STREET_KIND)} (fictional)",
                   "created_at": created, "updated_at": created}
        for _ in range(self.size.persons_of_concern):
            sid += 1
            name = n.person() if r.random() < 0.7 else f"'{n.first()}' (name not known)"
            self.pocs.append((sid, name))
            yield {"id": sid, "kind": "person_of_concern", "name": name,
                   "aliases": [n.first() for _ in range(r.randrange(3))], "locality": r.choice(LOCALITIES),
                   "treat_as_child": r.random() < 0.15,
                   "description": "Invented adult of concern for benchmarks.",
                   "created_at": created, "updated_at": created}

    def subject_links(self) -> Iterator[dict[str, Any]]:
        r = self.rng
        at = datetime(2023, 1, 1, tzinfo=UTC)
        lid = 0
        for child_id, _ in self.children:
            if r.random() < 0.4:
                lid += 1
                yield {"id": lid, "from_subject_id": child_id, "to_subject_id": r.choice(self.groups)[0],
                       "relation": "member", "created_at": at}
        others = self.children + self.groups + self.places
        for poc_id, _ in self.pocs:
            for target in r.sample(others, r.randrange(1, 4)):
                lid += 1
                yield {"id": lid, "from_subject_id": poc_id, "to_subject_id": target[0],
                       "relation": "linked", "created_at": at}

    # -- meetings ---------------------------------------------------------------------------------
    def series(self) -> Iterator[dict[str, Any]]:
        r = self.rng
        self.series_rows: list[tuple[int, str, str]] = []
        for sid in range(1, self.size.series + 1):
            type_key = r.choices(self.types, self.type_weights)[0]
            locality = r.choice(LOCALITIES)
            operation = f"Operation {self.names.place_word()}"
            self.series_rows.append((sid, type_key, locality))
            yield {"id": sid, "title": f"{operation}: {locality}", "type_key": type_key,
                   "locality": locality, "police_operation": operation, "created_at": FIRST_DAY}

    def meetings(self) -> Iterator[dict[str, Any]]:
        r, n = self.rng, self.names
        starts = sorted(_utc_day(r, FIRST_DAY, LAST_DAY) for _ in range(self.size.meetings))
        last_in_series: dict[int, int] = {}
        self.to_finalise: list[dict[str, Any]] = []
        self.meeting_info: list[tuple[int, str, datetime, str]] = []  # id, type, start, status
        for mid, start in enumerate(starts, start=1):
            series_id = None
            if r.random() < 0.7:
                series_id, type_key, locality = r.choice(self.series_rows)
            else:
                type_key, locality = r.choices(self.types, self.type_weights)[0], r.choice(LOCALITIES)
            mtype = self.profile.meeting_types[type_key]
            age = (REFERENCE_NOW - start).days
            if age < 0:
                status = "cancelled" if r.random() < 0.03 else "planned"
            elif age < 7:
                status = r.choice(("in_progress", "ended"))
            else:
                status = r.choices(("finalised", "ended", "cancelled"), (85, 10, 5))[0]
            chair_roles = mtype.allowed_chair_roles or tuple(self.profile.roles)
            finalised = status == "finalised"
            self.meeting_info.append((mid, type_key, start, status))
            if finalised:
                # Written as "ended" and finalised once its records are in (see ``finalisations``), as
                # the app does it: a finalised meeting's records are frozen.
                self.to_finalise.append({"meeting_id": mid, "finalised_by": n.person(),
                                         "finalised_at": start + timedelta(days=3), "updated_at": start})
            yield {"id": mid, "series_id": series_id,
                   "previous_meeting_id": last_in_series.get(series_id) if series_id else None,
                   "type_key": type_key, "title": f"{mtype.name}, {locality}", "starts_at": start,
                   "ends_at": start + timedelta(minutes=mtype.default_minutes),
                   "venue": f"Room {r.randrange(1, 9)}, {n.place_word()} House (fictional)",
                   "online_link": "", "locality": locality, "lead_authority": "Invented Borough Council",
                   "chair_name": n.person(), "chair_role": r.choice(chair_roles), "minute_taker": n.person(),
                   "status": "ended" if finalised else status, "police_operation": "", "officer_in_charge": n.person(),
                   "concerns": ",".join(r.sample(self.concerns, r.randrange(1, 3))),
                   "actual_start": start if status not in ("planned", "cancelled") else None,
                   "actual_end": start + timedelta(minutes=mtype.default_minutes) if finalised else None,
                   "next_meeting_date": (start + timedelta(days=42)).date() if age >= 0 else None,
                   "next_meeting_reason": "",
                   "created_at": start - timedelta(days=14), "updated_at": start}
            if series_id:
                last_in_series[series_id] = mid
        # Meetings that have minutes (notes, decisions, actions): anything that has taken place.
        self.minuted = [m for m in self.meeting_info if m[3] in ("in_progress", "ended", "finalised")]

    def meeting_subjects(self) -> Iterator[dict[str, Any]]:
        r = self.rng
        per = self.size.subjects_per_meeting
        self.subjects_of: dict[int, list[int]] = {}
        for mid, type_key, _start, _status in self.meeting_info:
            contextual = self.profile.meeting_types[type_key].category == "contextual"
            n_children = per - 3 if contextual else per - 6
            chosen = [c[0] for c in r.sample(self.children, n_children)]
            chosen += [r.choice(self.groups)[0], r.choice(self.places)[0], r.choice(self.pocs)[0]]
            if not contextual:
                chosen = chosen[:n_children] + chosen[-1:]
            self.subjects_of[mid] = chosen
            for position, subject_id in enumerate(chosen):
                yield {"meeting_id": mid, "subject_id": subject_id, "position": position,
                       "reason": "Discussed at this meeting" if r.random() < 0.3 else ""}

    def attendees(self) -> Iterator[dict[str, Any]]:
        r = self.rng
        statuses, weights = zip(*_ATTENDANCE_WEIGHTS, strict=True)
        aid = 0
        for mid, _type, _start, status in self.meeting_info:
            for position, (name, role, agency) in enumerate(r.sample(self.professionals,
                                                                     self.size.attendees_per_meeting)):
                aid += 1
                att = "invited" if status in ("planned", "cancelled") else r.choices(statuses, weights)[0]
                yield {"id": aid, "meeting_id": mid, "name": name, "role": role, "agency": agency,
                       "team": "", "email": "", "status": att,
                       "apology_reason": "Another commitment" if att == "apologies" else "",
                       "part_attendance": "Left at 11am" if att == "part" else "", "position": position}

    def agenda_items(self) -> Iterator[dict[str, Any]]:
        per = self.size.agenda_per_meeting
        templates: dict[str, list[tuple[str, str, int]]] = {}
        for key, mtype in self.profile.meeting_types.items():
            flat: list[tuple[str, str, int]] = []
            stack = list(mtype.agenda)
            while stack:
                item = stack.pop(0)
                flat.append((item.key, item.title, item.minutes))
                stack[0:0] = list(item.children)
            templates[key] = flat or [("item", "Item", 5)]
        self.agenda_of: dict[int, tuple[int, int]] = {}  # meeting id -> (first agenda id, count)
        agenda_id = 0
        for mid, type_key, _start, _status in self.meeting_info:
            flat = templates[type_key]
            subjects = self.subjects_of[mid]
            self.agenda_of[mid] = (agenda_id + 1, per)
            for position in range(per):
                agenda_id += 1
                key, title, minutes = flat[position % len(flat)]
                yield {"id": agenda_id, "meeting_id": mid, "parent_id": None, "position": position,
                       "template_key": key, "title": title,
                       "subject_id": subjects[position % len(subjects)] if position >= 3 else None,
                       "planned_minutes": minutes, "actual_start": None, "actual_end": None}

    # -- minutes ----------------------------------------------------------------------------------
    def _spread(self, total: int) -> Iterator[tuple[int, datetime]]:
        """``total`` (meeting id, start) pairs over the minuted meetings, in meeting order."""
        meetings = self.minuted or self.meeting_info
        r = self.rng
        counts = [0] * len(meetings)
        for _ in range(total):
            counts[r.randrange(len(meetings))] += 1
        for (mid, _type, start, _status), count in zip(meetings, counts, strict=True):
            for _ in range(count):
                yield mid, start

    def _fill(self, template: str, mid: int) -> tuple[str, list[int]]:
        """Fill a template with this meeting's subjects; return the text and the subjects it names."""
        r = self.rng
        by_kind = self._by_kind.get(mid)
        if by_kind is None:
            by_kind = self._by_kind[mid] = {"child": [], "group": [], "place": [], "poc": []}
            for sid in self.subjects_of[mid]:
                by_kind[self._kind(sid)].append(sid)
        used: list[int] = []
        values: dict[str, str] = {"agency": r.choice(self.agencies)}
        for kind in ("child", "group", "place", "poc"):
            if "{" + kind + "}" in template:
                pool = by_kind[kind] or [self._any_of(kind)]
                sid = r.choice(pool)
                used.append(sid)
                values[kind] = self._name(sid)
        return template.format(**values), used

    def _kind(self, sid: int) -> str:
        s = self.size
        if sid <= s.children:
            return "child"
        if sid <= s.children + s.peer_groups:
            return "group"
        if sid <= s.children + s.peer_groups + s.places:
            return "place"
        return "poc"

    def _any_of(self, kind: str) -> int:
        pool = {"child": self.children, "group": self.groups, "place": self.places, "poc": self.pocs}[kind]
        return self.rng.choice(pool)[0]

    def _name(self, sid: int) -> str:
        s = self.size
        for pool, first in ((self.children, 1), (self.groups, s.children + 1),
                            (self.places, s.children + s.peer_groups + 1),
                            (self.pocs, s.children + s.peer_groups + s.places + 1)):
            if first <= sid < first + len(pool):
                name = pool[sid - first][1]
                return name[4:] if name.startswith("The ") else name
        raise KeyError(sid)

    def entries(self) -> Iterator[dict[str, Any]]:
        r = self.rng
        self.entry_tags: list[tuple[int, list[int], int]] = []
        for eid, (mid, start) in enumerate(self._spread(self.size.entries), start=1):
            text, used = self._fill(r.choice(_ENTRY_TEMPLATES), mid)
            if r.random() < 0.5:
                extra, more = self._fill(r.choice(_ENTRY_TEMPLATES), mid)
                text, used = f"{text} {extra}", used + more
            first_agenda, count = self.agenda_of[mid]
            at = start + timedelta(minutes=r.randrange(120))
            self.entry_tags.append((eid, used, mid))
            yield {"id": eid, "meeting_id": mid, "agenda_item_id": first_agenda + r.randrange(count),
                   "kind": "note", "text": text, "source_agency": r.choice(self.agencies),
                   "not_for_family": r.random() < 0.1, "childs_own_words": r.random() < 0.05,
                   "author": self.professionals[mid % len(self.professionals)][0],
                   "created_at": at, "updated_at": at}

    def decisions(self) -> Iterator[dict[str, Any]]:
        r = self.rng
        total = self.size.decisions_per_meeting * self.size.meetings
        self.decision_tags: list[tuple[int, list[int], int]] = []
        for did, (mid, start) in enumerate(self._spread(total), start=1):
            text, used = self._fill(r.choice(_DECISION_TEMPLATES), mid)
            self.decision_tags.append((did, used or [self.subjects_of[mid][0]], mid))
            yield {"id": did, "meeting_id": mid, "agenda_item_id": None,
                   "kind_key": r.choice(self.decision_kinds), "text": text,
                   "rationale": "Agreed by the partners present.", "dissent": "",
                   "decided_by": self.names.person(), "agreed_by": "", "author": ACTOR,
                   "created_at": start, "updated_at": start}

    def actions(self) -> Iterator[dict[str, Any]]:
        r = self.rng
        self.action_tags: list[tuple[int, list[int], int]] = []
        first_of: list[int] = [0]  # action id -> the first row of its chain (as carrying forward keeps it)
        for aid, (mid, start) in enumerate(self._spread(self.size.actions), start=1):
            text, used = self._fill(r.choice(_ACTION_TEMPLATES), mid)
            due = (start + timedelta(days=r.randrange(5, 43))).date()
            overdue = due < REFERENCE_NOW.date()
            status = r.choices(("done", "not_done", "open"), (80, 8, 12))[0] if overdue else "open"
            self.action_tags.append((aid, used or [self.subjects_of[mid][0]], mid))
            owner, _role, agency = r.choice(self.professionals)
            origin = first_of[r.randrange(1, aid)] if aid > 1 and r.random() < 0.1 else None
            first_of.append(origin or aid)
            yield {"id": aid, "meeting_id": mid, "agenda_item_id": None,
                   "origin_action_id": origin,
                   "description": text, "owner": owner, "agency": agency, "due_date": due,
                   "category": r.choice(self.tactics) if self.tactics and r.random() < 0.1 else "",
                   "status": status, "not_done_reason": "Family moved away" if status == "not_done" else "",
                   "completion_note": "Completed" if status == "done" else "",
                   "completed_at": datetime.combine(due, datetime.min.time(), UTC) if status == "done" else None,
                   "author": ACTOR, "created_at": start, "updated_at": start}

    def tags(self, attr: str, key: str) -> Iterator[dict[str, Any]]:
        for row_id, subjects, _meeting_id in getattr(self, attr):
            for subject_id in dict.fromkeys(subjects):  # unique, order kept
                yield {key: row_id, "subject_id": subject_id}

    def audit_events(self) -> Iterator[dict[str, Any]]:
        """One "create" event per meeting, note, decision and action, as the services would write."""
        event_id = 1  # id 1 is the "database created" event written by UnlockService.create
        starts = {m[0]: m[2] for m in self.meeting_info}
        sources = [("meeting", [(m[0], m[0]) for m in self.meeting_info]),
                   ("entry", [(t[0], t[2]) for t in self.entry_tags]),
                   ("decision", [(t[0], t[2]) for t in self.decision_tags]),
                   ("action", [(t[0], t[2]) for t in self.action_tags])]
        for entity, rows in sources:
            for row_id, meeting_id in rows:
                event_id += 1
                yield {"id": event_id, "at": starts.get(meeting_id, REFERENCE_NOW), "actor": ACTOR,
                       "action": "create", "entity": entity, "entity_id": row_id,
                       "meeting_id": meeting_id, "summary": f"Created {entity} (synthetic)",
                       "changes": {}}

    # -- disclosure review (schema 0009) -------------------------------------------------------------
    def disclosure_decisions(self) -> Iterator[dict[str, Any]]:
        """The manager's decisions on a few points of a disclosure copy, for one or two children of about
        one finalised meeting in ten."""
        r = self.rng
        self.disclosed: list[tuple[int, int, datetime]] = []  # meeting, child, when
        did = 0
        for index, row in enumerate(self.to_finalise):
            if index % 10:
                continue
            mid, at = row["meeting_id"], row["finalised_at"]
            children = [sid for sid in self.subjects_of[mid] if self._kind(sid) == "child"]
            for child in r.sample(children, min(len(children), r.choice((1, 2)))):
                self.disclosed.append((mid, child, at))
                for n in range(r.randrange(1, 4)):
                    did += 1
                    decision = r.choice(("mask", "keep", "withhold"))
                    yield {"id": did, "meeting_id": mid, "subject_id": child,
                           "point_key": f"{mid:06d}-{child:06d}-{n:02d}".ljust(32, "0"), "decision": decision,
                           "basis": "third_party" if decision == "withhold" else "",
                           "reason": "Would identify another child" if decision == "mask" else "Reviewed",
                           "decided_by": self.names.person(), "decided_at": at}

    def disclosure_approvals(self) -> Iterator[dict[str, Any]]:
        for aid, (mid, child, at) in enumerate(self.disclosed, start=1):
            yield {"id": aid, "meeting_id": mid, "subject_id": child,
                   "plan_digest": f"{self.rng.getrandbits(256):064x}", "approved_by": self.names.person(),
                   "approver_role": "team_manager", "approved_at": at + timedelta(hours=2)}


# -- writing ------------------------------------------------------------------------------------
def _external_fts(conn: Any) -> tuple[list[str], list[tuple[str, str]]]:
    """The external-content FTS5 indexes and the triggers that keep them in step (name, SQL)."""
    tables = [name for name, sql in conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%'")
        if "content=" in sql.replace(" ", "") and "content=''" not in sql.replace(" ", "")]
    triggers = [(name, sql) for name, sql in conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        if any(t in sql for t in tables)]
    return tables, triggers


def fill(engine: Any, size: Size, profile: Any, seed: int = DEFAULT_SEED, *, audit: bool = True,
         progress: Callable[[str], None] | None = None, defer_fts: bool = True) -> dict[str, int]:
    """Insert the synthetic rows into an open store's engine; returns rows per table.

    Everything is written in ONE transaction on one connection (executemany in chunks), so an
    interrupted build leaves the new store empty rather than half filled. Every row is completed
    from the table's own columns (benchmarks/model_rows.py). With ``defer_fts`` the triggers that
    feed the external-content search indexes (notes, decisions, actions) are dropped for the bulk
    insert and re-created from their own SQL, and each index is rebuilt once at the end: one pass
    instead of a million small index updates. Meetings to be finalised are written as "ended" and
    finalised last, as the app does, so rules that freeze a finalised meeting's records hold.
    """
    from sqlalchemy import bindparam, update

    from benchmarks.model_rows import BulkWriter, RowFactory
    from efh_desktop.store import tables as t

    gen = Generator(size, profile, seed, audit=audit)
    plan: list[tuple[Any, Callable[[], Iterable[dict[str, Any]]]]] = [
        (t.Subject, gen.subjects), (t.SubjectLink, gen.subject_links),
        (t.MeetingSeries, gen.series), (t.Meeting, gen.meetings), (t.MeetingSubject, gen.meeting_subjects),
        (t.Attendee, gen.attendees), (t.AgendaItem, gen.agenda_items),
        (t.Note, gen.entries), (t.NoteSubject, lambda: gen.tags("entry_tags", "entry_id")),
        (t.Decision, gen.decisions), (t.DecisionSubject, lambda: gen.tags("decision_tags", "decision_id")),
        (t.Action, gen.actions), (t.ActionSubject, lambda: gen.tags("action_tags", "action_id")),
        (t.DisclosureDecision, gen.disclosure_decisions), (t.DisclosureApproval, gen.disclosure_approvals),
    ]
    if audit:
        plan.append((t.AuditEvent, gen.audit_events))
    counts: dict[str, int] = {}
    with engine.connect() as conn:
        # This connection only: a big page cache (index pages are hit at random while bulk-inserting
        # link tables) and no fsync while filling.
        raw = conn.connection.dbapi_connection  # PRAGMAs outside SQLAlchemy's autobegun transaction
        raw.execute("PRAGMA cache_size = -262144")
        raw.execute("PRAGMA synchronous = OFF")
        try:
            with conn.begin():
                fts_tables, fts_triggers = _external_fts(conn) if defer_fts else ([], [])
                for name, _sql in fts_triggers:
                    conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
                # The audit events are chained (store/audit_chain.py) once, after the load; the guard
                # that refuses changes to audit rows is lifted for that and put back.
                guards = [tuple(r) for r in conn.exec_driver_sql(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name = 'guard_audit_event_update'")]
                for name, _sql in guards:
                    conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
                for model, rows in plan:
                    table = model.__table__
                    make = RowFactory(model, now=REFERENCE_NOW, seed=seed)
                    writer = BulkWriter(conn, table)
                    n = 0
                    for batch in _chunks(rows()):
                        n += writer.write([make(row) for row in batch])
                    counts[table.name] = n
                    if progress:
                        progress(f"  {table.name:<20} {n:>10,}")
                if gen.to_finalise:
                    meeting = t.Meeting.__table__
                    conn.execute(update(meeting).where(meeting.c.id == bindparam("b_id"))
                                 .values(status="finalised", finalised_by=bindparam("b_by"),
                                         finalised_at=bindparam("b_at"), updated_at=bindparam("b_updated")),
                                 [{"b_id": f["meeting_id"], "b_by": f["finalised_by"], "b_at": f["finalised_at"],
                                   "b_updated": f["updated_at"]} for f in gen.to_finalise])
                    if progress:
                        progress(f"  {'(finalised)':<20} {len(gen.to_finalise):>10,}")
                if audit:
                    from efh_desktop.store import audit_chain

                    audit_chain.backfill(raw)
                for _name, sql in guards:
                    conn.exec_driver_sql(sql)
                for _name, sql in fts_triggers:
                    conn.exec_driver_sql(sql)
                for name in fts_tables:
                    started = time.perf_counter()
                    conn.exec_driver_sql(f"INSERT INTO {name}({name}) VALUES('rebuild')")
                    if progress:
                        progress(f"  {name + ' rebuilt':<20} {time.perf_counter() - started:>9.1f}s")
            # The commit was not synced (synchronous=OFF): a checkpoint at FULL writes and syncs the
            # database file before the store is called complete.
            raw.execute("PRAGMA synchronous = FULL")
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            raw.execute("PRAGMA synchronous = FULL")
            raw.execute("PRAGMA cache_size = -2000")
    return counts


def create_store(data_dir: Path, size: Size, *, passphrase: str = DEFAULT_PASSPHRASE, seed: int = DEFAULT_SEED,
                 audit: bool = True, progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Create a NEW store in ``data_dir`` (as a first run would) and fill it. Returns a summary."""
    from efh_desktop.domain.profile import load_profile
    from efh_desktop.paths import DB_FILENAME
    from efh_desktop.services.unlock_service import UnlockService

    started = time.perf_counter()
    profile = load_profile()
    services, _note = UnlockService(Path(data_dir), profile, ACTOR).create(passphrase, passphrase)
    created = time.perf_counter()
    try:
        counts = fill(services.store.engine, size, profile, seed, audit=audit, progress=progress)
        # The search indexes as the window leaves them after its first idle minute (services/
        # search_upkeep.py): a council's store is used, not only written, so it is measured tidied.
        tidy_started = time.perf_counter()
        steps = services.search_upkeep.run_to_end()
        if progress:
            progress(f"  {'search indexes tidied':<20} {time.perf_counter() - tidy_started:>9.1f}s ({steps} steps)")
    finally:
        services.lock()  # disposes the engine: the last connection checkpoints and removes the WAL
    finished = time.perf_counter()
    db_path = Path(data_dir) / DB_FILENAME
    return {"size": size.name, "seed": seed, "generator_version": GENERATOR_VERSION, "audit": audit,
            "counts": counts, "total_rows": sum(counts.values()), "meetings": counts.get("meeting", 0),
            "create_seconds": round(created - started, 3), "fill_seconds": round(finished - created, 3),
            "total_seconds": round(finished - started, 3), "db_bytes": db_path.stat().st_size}


# -- the cache of generated stores ----------------------------------------------------------------
def cache_root() -> Path:
    """Where generated stores are kept between runs: ``EFH_BENCH_CACHE``, else ~/.cache/efh-bench
    (outside the repository, so worktrees and CI runs share them)."""
    env = os.environ.get("EFH_BENCH_CACHE")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "efh-bench"


def schema_head() -> str:
    """The newest migration in db/versions (what a store created now is at)."""
    from alembic.script import ScriptDirectory

    from efh_desktop.store.migrations import alembic_config

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or "none"


def schema_chain() -> str:
    """A short fingerprint of the whole migration chain (each revision and what it follows). The head's
    name alone is not enough: when branches are merged their migrations are re-chained under the same
    names, and a store cached before that lacked the columns of the revisions put before it."""
    import hashlib

    from alembic.script import ScriptDirectory

    from efh_desktop.store.migrations import alembic_config

    links = sorted(f"{rev.revision}<{rev.down_revision}" for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions())
    return hashlib.sha256("\n".join(links).encode()).hexdigest()[:8]


def cache_key(size_name: str, seed: int) -> str:
    return f"{size_name}-seed{seed}-gen{GENERATOR_VERSION}-{schema_head()}-{schema_chain()}"


def is_cached(size_name: str, seed: int = DEFAULT_SEED) -> bool:
    return (cache_root() / cache_key(size_name, seed) / "synthetic.json").exists()


def cached_store(size_name: str, seed: int = DEFAULT_SEED, passphrase: str | None = None, *,
                 progress: Callable[[str], None] | None = None) -> tuple[Path, dict[str, Any]]:
    """The cached store for this size and seed at the current schema and generator, built if absent.

    Built in a sibling folder and renamed into place when complete (with its summary beside it), so
    an interrupted build is never mistaken for a store. Returns the folder and the build summary
    (``total_seconds`` is how long it took to build, whenever that was)."""
    import shutil

    passphrase = passphrase or passphrase_from_env()
    root = cache_root()
    folder = root / cache_key(size_name, seed)
    marker = folder / "synthetic.json"
    if marker.exists():
        return folder, json.loads(marker.read_text(encoding="utf-8"))
    root.mkdir(parents=True, exist_ok=True)
    for stale in root.glob(f".{folder.name}.partial-*"):  # left by a build that was killed
        pid = stale.name.rsplit("-", 1)[-1]
        if not (pid.isdigit() and Path(f"/proc/{pid}").exists()):
            shutil.rmtree(stale, ignore_errors=True)
    partial = root / f".{folder.name}.partial-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    if progress:
        progress(f"Generating the {size_name} synthetic store in {folder} (cached for later runs) ...")
    summary = create_store(partial / "store", SIZES[size_name], passphrase=passphrase, seed=seed, progress=progress)
    summary["schema_head"] = schema_head()
    (partial / "synthetic.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    if folder.exists():  # a stale folder without its summary: an interrupted run of an older harness
        shutil.rmtree(folder)
    os.replace(partial, folder)
    if progress:
        progress(f"  {summary['total_rows']:,} rows in {summary['total_seconds']:.1f} s, "
                 f"{summary['db_bytes'] / 1e6:.1f} MB")
    return folder, summary


def cached_store_dir(size_name: str, seed: int = DEFAULT_SEED, passphrase: str | None = None,
                     progress: Callable[[str], None] | None = None) -> tuple[Path, dict[str, Any]]:
    """Like :func:`cached_store`, but the folder holding the database itself."""
    folder, summary = cached_store(size_name, seed, passphrase, progress=progress)
    return folder / "store", summary


def passphrase_from_env() -> str:
    return os.environ.get("EFH_PASSPHRASE") or DEFAULT_PASSPHRASE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.synthetic_data",
                                     description="Create a NEW encrypted store filled with fictional data.")
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--data-dir", type=Path, help="an empty or missing folder")
    target.add_argument("--cache", action="store_true",
                        help="build (or find) the cached store the benchmarks use, under EFH_BENCH_CACHE "
                        "or ~/.cache/efh-bench, keyed by size, seed, generator version and schema head")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--no-audit", action="store_true", help="skip the synthetic audit events")
    args = parser.parse_args(argv)

    from efh_desktop.store.errors import StoreError

    size = SIZES[args.size]
    if args.cache:
        started = time.perf_counter()
        folder, summary = cached_store(args.size, args.seed, passphrase_from_env(),
                                       progress=lambda line: print(line, flush=True))
        found = time.perf_counter() - started
        print(f"{folder / 'store'}: built in {summary['total_seconds']:.1f} s "
              f"({'just now' if found > 1 else 'found in the cache'}); {summary['total_rows']:,} rows, "
              f"{summary['db_bytes'] / 1e6:.1f} MB")
        return 0
    print(f"Creating a {size.name} synthetic store in {args.data_dir} (seed {args.seed}) ...", flush=True)
    try:
        summary = create_store(args.data_dir, size, passphrase=passphrase_from_env(), seed=args.seed,
                               audit=not args.no_audit, progress=lambda line: print(line, flush=True))
    except StoreError as exc:
        print(f"synthetic_data: {exc}", file=sys.stderr)
        return 2
    print(f"  {'total':<16} {summary['total_rows']:>9,}")
    print(f"Store created in {summary['create_seconds']:.1f} s (key derivation and schema), filled in "
          f"{summary['fill_seconds']:.1f} s; total {summary['total_seconds']:.1f} s. "
          f"Database: {summary['db_bytes'] / 1e6:.1f} MB.")
    print(json.dumps({k: v for k, v in summary.items() if k != "counts"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
