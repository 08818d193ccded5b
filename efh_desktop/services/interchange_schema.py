"""The meeting interchange document as a schema (docs/interchange.md), checked in full before an
import touches the store.

A meeting file comes from another laptop, so it is treated as hostile: every value must have the
type the store expects (no coercion: "true" is not a flag, 5 is not a date), text goes through the
same rules as the services (length caps, control characters, lone surrogates), and references
inside the file (agenda parents, tags, checklist links) must resolve. The first problem is reported
with its JSON path, ``notes[3].text: expected text, found a list``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, PlainValidator, ValidationError
from pydantic_core import ErrorDetails

from efh_desktop.domain.text_rules import TextRejected, clean_name, clean_short, clean_text
from efh_desktop.services.meeting_service import MEETING_YEARS
from efh_desktop.services.relation_service import RELATIONS
from efh_desktop.store.tables import (
    ACTION_STATUSES,
    ATTENDANCE_STATUSES,
    CHECKLIST_STATUSES,
    CONSENT_STATES,
    LINK_RELATIONS,
    MEETING_STATUSES,
    SUBJECT_KINDS,
)

_UID = re.compile(r"[0-9A-Za-z_-]{1,32}")
_KEY = re.compile(r"[a-z][a-z0-9_]{0,63}")
_BIGGEST_ID = 2**63 - 1  # SQLite's INTEGER: anything larger would fail deep inside the store


class MeetingFileRejected(ValueError):
    """``str()`` is one line: the first problem with its JSON path, and how many others."""


def found(value: object) -> str:
    """What a value is, never what it says (it may be case data)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _text(rule: Callable[..., str], **options: Any) -> PlainValidator:
    def check(value: object) -> str:
        if not isinstance(value, str):
            raise ValueError(f"expected text, found {found(value)}")
        try:
            return rule(value, "text", **options)
        except TextRejected as exc:  # "text is too long (…)", "text cannot be empty"
            raise ValueError(str(exc).rstrip(".")) from None
    return PlainValidator(check)


def _pattern(regex: re.Pattern[str], what: str) -> PlainValidator:
    def check(value: object) -> str:
        if not isinstance(value, str) or not regex.fullmatch(value):
            raise ValueError(f"expected {what}, found {'other text' if isinstance(value, str) else found(value)}")
        return value
    return PlainValidator(check)


def _one_of(choices: tuple[str, ...]) -> PlainValidator:
    def check(value: object) -> str:
        if not isinstance(value, str) or value not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}, found {found(value)}")
        return value
    return PlainValidator(check)


def _check_flag(value: object) -> bool:
    if type(value) is not bool:
        raise ValueError(f"expected true or false, found {found(value)}")
    return value


def _whole(low: int, high: int) -> PlainValidator:
    def check(value: object) -> int:
        if type(value) is not int:
            raise ValueError(f"expected a whole number, found {found(value)}")
        if not low <= value <= high:
            raise ValueError(f"expected a whole number from {low:,} to {high:,}")
        return value
    return PlainValidator(check)


def _check_date(value: object) -> date:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"expected a date (YYYY-MM-DD), found {found(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError("expected a date (YYYY-MM-DD), found a day that does not exist") from None


def _check_datetime(value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError(f"expected a date and time (ISO 8601 with its UTC offset), found {found(value)}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("expected a date and time (ISO 8601 with its UTC offset), found other text") from None
    if parsed.tzinfo is None:
        # The store keeps UTC; a time without an offset could be any of two (clocks change).
        raise ValueError("expected a date and time with its UTC offset (like +00:00), found one without")
    # Year 1 at +05:00 is before the first date Python has once in UTC (OverflowError, which is no
    # ValueError, so it escaped as "Unexpected error"); year 9999 cannot have a meeting's end worked out.
    low, high = MEETING_YEARS
    if not low <= parsed.year <= high:
        raise ValueError(f"expected a date and time between {low} and {high}, found the year {parsed.year}")
    return parsed.astimezone(UTC)


Name = Annotated[str, _text(clean_name)]
OptionalName = Annotated[str, _text(clean_name, required=False)]
Short = Annotated[str, _text(clean_short)]
Long = Annotated[str, _text(clean_text)]
LongRequired = Annotated[str, _text(clean_text, required=True)]
Uid = Annotated[str, _pattern(_UID, "a uid (up to 32 letters, digits, - or _)")]
Key = Annotated[str, _pattern(_KEY, "a key (like complex_strategy)")]
Flag = Annotated[bool, PlainValidator(_check_flag)]
Id = Annotated[int, _whole(0, _BIGGEST_ID)]
Number = Annotated[int, _whole(-1_000_000, 1_000_000)]
Day = Annotated[date, PlainValidator(_check_date)]
When = Annotated[datetime, PlainValidator(_check_datetime)]


class _Part(BaseModel):
    # Unknown keys are ignored (a newer file may carry more); nothing is coerced.
    model_config = ConfigDict(extra="ignore", strict=True)


class MeetingPart(_Part):
    uid: Uid
    type_key: Key
    title: Short = ""
    starts_at: When
    ends_at: When | None = None
    venue: Short = ""
    online_link: Short = ""
    locality: Short = ""
    lead_authority: Short = ""
    chair_name: Short = ""
    chair_role: Short = ""
    minute_taker: Short = ""
    status: Annotated[str, _one_of(MEETING_STATUSES)] = "planned"
    police_operation: Short = ""
    officer_in_charge: Short = ""
    concerns: Short = ""
    cross_boundary: Flag = False
    actual_start: When | None = None
    actual_end: When | None = None
    next_meeting_date: Day | None = None
    next_meeting_reason: Long = ""
    finalised_by: Short = ""
    finalised_at: When | None = None
    created_at: When | None = None
    updated_at: When | None = None
    lead_area: Short = ""
    lead_area_decided_by: Short = ""
    actions_sent_on: Day | None = None
    draft_sent_on: Day | None = None
    accuracy_deadline: Day | None = None
    accuracy_non_replies: Short = ""


class ConnectedPerson(_Part):
    name: Name
    relationship: Short = ""


class SubjectColumns(_Part):
    """A subject's own columns (a frozen subject's payload holds these and nothing else)."""

    uid: Uid
    kind: Annotated[str, _one_of(SUBJECT_KINDS)]
    name: Name
    aliases: list[OptionalName] = []
    locality: Short = ""
    description: Long = ""
    date_of_birth: Day | None = None
    lcs_id: Short = ""
    ehm_id: Short = ""
    legal_status: Short = ""
    in_care: Flag = False
    open_referral: Flag = False
    yot_order: Flag = False
    lead_professional: Short = ""
    allocated_worker: Short = ""
    looked_after_on: Day | None = None
    connected_people: list[ConnectedPerson] = []
    treat_as_child: Flag = False
    place_kind: Short = ""
    address: Long = ""
    archived: Flag = False


class SubjectPart(SubjectColumns):
    created_at: When | None = None
    updated_at: When | None = None
    # this meeting's link to the subject
    reason: Short = ""
    position: Number = 0
    planning_agreement: Long = ""
    came_through: Annotated[str, _one_of(("", "ehm_referral", "other"))] = ""


class AgendaPart(_Part):
    id: Id
    parent_id: Id | None = None
    position: Number = 0
    template_key: Short = ""
    title: Name
    subject_uid: Uid | None = None
    planned_minutes: Annotated[int, _whole(0, 10_000)] = 0
    actual_start: When | None = None
    actual_end: When | None = None


class _Record(_Part):
    id: Id
    agenda_item_id: Id | None = None
    subjects: list[Uid] = []
    author: Short = ""
    created_at: When | None = None
    updated_at: When | None = None


class NotePart(_Record):
    kind: Short = "note"
    text: LongRequired
    source_agency: Short = ""
    not_for_family: Flag = False
    childs_own_words: Flag = False


class DecisionPart(_Record):
    kind_key: Short = ""
    text: LongRequired
    rationale: Long = ""
    dissent: Long = ""
    decided_by: Short = ""
    agreed_by: Short = ""


class ActionPart(_Record):
    description: LongRequired
    owner: OptionalName = ""
    agency: Short = ""
    due_date: Day | None = None
    category: Short = ""
    status: Annotated[str, _one_of(ACTION_STATUSES)] = "open"
    not_done_reason: Short = ""
    completion_note: Long = ""
    outcome: Long = ""
    outcome_rating: Short = ""
    outcome_evidence: Long = ""
    completed_at: When | None = None


class LinkPart(_Part):
    """A relationship between two of the file's subjects (services/relation_service.py)."""

    from_uid: Uid
    to_uid: Uid
    relation: Annotated[str, _one_of(LINK_RELATIONS)]
    known: Long = ""
    source: Short = ""
    note: Short = ""
    from_date: Day | None = None
    to_date: Day | None = None
    created_at: When | None = None


class ChecklistLinkPart(_Part):
    kind: Annotated[str, _one_of(("note", "decision", "action"))]
    ref: Id


class ChecklistPart(_Part):
    item_key: Short
    status: Annotated[str, _one_of(CHECKLIST_STATUSES)] = "not_yet"
    note: Long = ""
    updated_by: Short = ""
    updated_at: When | None = None
    subjects: list[Uid] = []
    links: list[ChecklistLinkPart] = []


class SharingPart(_Part):
    kind: Annotated[str, _one_of(("child", "agency"))] = "child"
    subject_uid: Uid | None = None
    agency: Short = ""
    recipient: OptionalName = ""
    disclosed_on: Day | None = None
    purpose: Long = ""
    to_share: Long = ""
    shared_by: OptionalName = ""
    share_by: Day | None = None
    withheld: Long = ""
    withheld_reason: Long = ""
    consent: Annotated[str, _one_of(CONSENT_STATES)] = "not_sought"
    consent_reason: Long = ""
    lawful_basis: Short = ""
    lawful_basis_note: Long = ""
    decided_by: OptionalName = ""
    decided_at: When | None = None
    created_at: When | None = None
    updated_at: When | None = None


class AttendeePart(_Part):
    name: Name
    role: Short = ""
    agency: Short = ""
    team: Short = ""
    email: Short = ""
    status: Annotated[str, _one_of(ATTENDANCE_STATUSES)] = "invited"
    apology_reason: Short = ""
    part_attendance: Short = ""
    rule_key: Short = ""
    role_key: Short = ""
    position: Number = 0


class NotificationPart(_Part):
    rule_key: Short = ""
    recipient: Name
    informed_by: OptionalName = ""
    informed_at: When | None = None


class OverridePart(_Part):
    item_key: Short
    message: Long = ""
    reason: LongRequired
    author: Short = ""
    created_at: When | None = None


class AmendmentPart(_Part):
    target: Name
    before: Long = ""
    after: LongRequired
    reason: LongRequired
    author: Short = ""
    created_at: When | None = None


def _check_payload(value: object) -> dict[str, Any]:
    """A frozen subject's columns, checked and cleaned like a subject's: the finalised minutes are
    read from them for ever after, and a finalised meeting can no longer be changed."""
    if not isinstance(value, dict):
        raise ValueError(f"expected an object, found {found(value)}")
    try:
        columns = SubjectColumns.model_validate(value)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        raise ValueError(f"{json_path(first['loc'])}: {_detail(first)}") from None
    # As the snapshot stores them (dates as ISO text); what the file adds beyond them is dropped.
    return {k: v.isoformat() if isinstance(v, date) else v
            for k, v in columns.model_dump(exclude_none=True).items()}


class FrozenSubjectPart(_Part):
    """A finalised meeting's subject as frozen at finalising (store/tables/snapshots.py)."""

    subject_uid: Uid
    position: Number = 0
    reason: Short = ""
    payload: Annotated[dict[str, Any], PlainValidator(_check_payload)] = {}


class MeetingDocument(_Part):
    exported_by: Short = ""
    meeting: MeetingPart
    subjects: list[SubjectPart] = []
    agenda: list[AgendaPart] = []
    notes: list[NotePart] = []
    decisions: list[DecisionPart] = []
    actions: list[ActionPart] = []
    checklist: list[ChecklistPart] = []
    sharing: list[SharingPart] = []
    attendees: list[AttendeePart] = []
    notifications: list[NotificationPart] = []
    overrides: list[OverridePart] = []
    amendments: list[AmendmentPart] = []
    frozen_subjects: list[FrozenSubjectPart] = []
    links: list[LinkPart] = []


# -- reading and checking ---------------------------------------------------------------------------
def json_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _detail(error: ErrorDetails) -> str:
    kind = error["type"]
    if kind == "missing":
        return "missing"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected an object, found {found(error['input'])}"
    if kind == "list_type":
        return f"expected a list, found {found(error['input'])}"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    return "not valid here"  # pydantic's own wording can quote the value


def parse_json(raw: bytes, file_name: str) -> Any:
    try:
        return json.loads(raw)
    except RecursionError:
        # json.loads recurses once per level: 100,000 nested lists exhaust the stack.
        raise MeetingFileRejected(f"{file_name}: nested far too deeply to be a meeting file; nothing was "
                                  "imported.") from None
    except json.JSONDecodeError as exc:
        raise MeetingFileRejected(f"{file_name}: this is not an EFH Desktop meeting file (not valid JSON at "
                                  f"line {exc.lineno}, column {exc.colno}).") from None
    except (ValueError, UnicodeDecodeError):
        raise MeetingFileRejected(f"{file_name}: this is not an EFH Desktop meeting file.") from None


def check_document(data: dict[str, Any], file_name: str) -> MeetingDocument:
    """The whole document, typed and cleaned, or MeetingFileRejected naming the first problem."""
    try:
        document = MeetingDocument.model_validate(data)
    except ValidationError as exc:
        problems = [f"{json_path(e['loc'])}: {_detail(e)}" for e in exc.errors(include_url=False)]
        raise MeetingFileRejected(_one_line(file_name, problems)) from None
    except RecursionError:
        raise MeetingFileRejected(f"{file_name}: nested far too deeply to be a meeting file; nothing was "
                                  "imported.") from None
    problems = _reference_problems(document)
    if problems:
        raise MeetingFileRejected(_one_line(file_name, problems))
    return document


def _one_line(file_name: str, problems: list[str]) -> str:
    more = len(problems) - 1
    tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{file_name}: {problems[0]}{tail}; nothing was imported."


def _unique(rows: list[Any], field: str, where: str, problems: list[str]) -> set[Any]:
    seen: dict[Any, int] = {}
    for index, row in enumerate(rows):
        value = getattr(row, field)
        if value in seen:
            problems.append(f"{where}[{index}].{field}: the same {field} as {where}[{seen[value]}]")
        seen.setdefault(value, index)
    return set(seen)


def _reference_problems(doc: MeetingDocument) -> list[str]:
    problems: list[str] = []
    uids = _unique(doc.subjects, "uid", "subjects", problems)
    kind_of = {s.uid: s.kind for s in doc.subjects}
    items = _unique(doc.agenda, "id", "agenda", problems)

    def known_uid(uid: str | None, where: str) -> None:
        if uid is not None and uid not in uids:
            problems.append(f"{where}: no subject with this uid in the file")

    def known_item(item_id: int | None, where: str) -> None:
        if item_id is not None and item_id not in items:
            problems.append(f"{where}: no agenda item with id {item_id} in the file")

    parents = {a.id: a.parent_id for a in doc.agenda}
    for index, item in enumerate(doc.agenda):
        known_item(item.parent_id, f"agenda[{index}].parent_id")
        known_uid(item.subject_uid, f"agenda[{index}].subject_uid")
        seen, step = {item.id}, item.parent_id
        while step is not None and step in parents:
            if step in seen:
                problems.append(f"agenda[{index}].parent_id: the agenda items' parents go round in a loop")
                break
            seen.add(step)
            step = parents[step]
    records: dict[str, set[int]] = {}
    for kind, rows in (("note", doc.notes), ("decision", doc.decisions), ("action", doc.actions)):
        records[kind] = _unique(rows, "id", f"{kind}s", problems)
        for index, row in enumerate(rows):
            known_item(row.agenda_item_id, f"{kind}s[{index}].agenda_item_id")
            for n, uid in enumerate(row.subjects):
                known_uid(uid, f"{kind}s[{index}].subjects[{n}]")
    _unique(doc.checklist, "item_key", "checklist", problems)
    for index, response in enumerate(doc.checklist):
        for n, uid in enumerate(response.subjects):
            known_uid(uid, f"checklist[{index}].subjects[{n}]")
        for n, link in enumerate(response.links):
            if link.ref not in records[link.kind]:
                problems.append(f"checklist[{index}].links[{n}].ref: no {link.kind} with id {link.ref} in the file")
    for index, record in enumerate(doc.sharing):
        known_uid(record.subject_uid, f"sharing[{index}].subject_uid")
    _unique(doc.frozen_subjects, "subject_uid", "frozen_subjects", problems)
    for index, frozen in enumerate(doc.frozen_subjects):
        known_uid(frozen.subject_uid, f"frozen_subjects[{index}].subject_uid")
    for index, relation_link in enumerate(doc.links):
        known_uid(relation_link.from_uid, f"links[{index}].from_uid")
        known_uid(relation_link.to_uid, f"links[{index}].to_uid")
        if relation_link.from_uid == relation_link.to_uid:
            problems.append(f"links[{index}].to_uid: a subject cannot be linked to itself")
        kinds = (kind_of.get(relation_link.from_uid), kind_of.get(relation_link.to_uid))
        relation = RELATIONS[relation_link.relation]
        if None not in kinds and not (kinds[0] in relation.from_kinds and kinds[1] in relation.to_kinds):
            problems.append(f"links[{index}].relation: {relation_link.relation} does not join a {kinds[0]} "
                            f"and a {kinds[1]}")
        if relation_link.from_date and relation_link.to_date and relation_link.to_date < relation_link.from_date:
            problems.append(f"links[{index}].to_date: before from_date")
    return problems
