"""Load a practice profile from TOML and check it thoroughly.

Every problem found is reported, each naming the file and the key path
(``meeting_types.complex_strategy.cadence.kind``); see ``profile_reading`` for how.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from efh_desktop.domain.profile_model import (
    ATTENDEE_CONDITIONS,
    CADENCE_KINDS,
    CATEGORIES,
    CHILD_CONDITIONS,
    DECISION_SCOPES,
    DEFAULT_IMPACT_SCALE,
    DEFAULT_REDACTION_BASES,
    RECORDING_SYSTEMS,
    SUBJECT_KINDS,
    TIMESCALE_KINDS,
    AgendaTemplateItem,
    AttendeeRule,
    Cadence,
    Checklist,
    ChecklistItem,
    DecisionKind,
    MeetingType,
    NotificationRule,
    PickItem,
    PlanningProcess,
    PracticeProfile,
    RecordingDestination,
    Timescale,
)
from efh_desktop.domain.profile_reading import (
    Reader,
    TomlTable,
    check_refs,
    keyed_tables,
    known_list,
    label_table,
)
from efh_desktop.paths import RESOURCES_DIR

# Found through the installed package (efh_desktop.paths), not beside this file: see paths.py.
DEFAULT_PROFILE_PATH = RESOURCES_DIR / "profiles" / "bristol.toml"
SUPPORTED_FORMAT = 1

# tomllib and the loader recurse once per level of nesting; a hostile or broken file with
# thousands of levels would otherwise end in RecursionError.
_TOO_DEEP = "nested far too deeply to be a practice profile (lists or tables inside each other)"

_TOML_POSITION_RE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


class ProfileError(Exception):
    """A practice profile could not be read or is not valid.

    ``str()`` is one line: the first problem, naming the file and key path, plus a count of any
    others. ``problems`` holds every problem, each formatted the same way.
    """

    def __init__(
        self,
        file_name: str,
        problems: Iterable[tuple[str, str]],
        *,
        path: Path | None = None,
        line: int | None = None,
    ) -> None:
        self.file_name = file_name
        self.path = path
        self.line = line
        self.details: tuple[tuple[str, str], ...] = tuple(problems) or (("", "not a valid profile"),)
        self.key_path = self.details[0][0] or None
        self.problems = tuple(
            f"{file_name}: {key_path}: {detail}" if key_path else f"{file_name}: {detail}"
            for key_path, detail in self.details
        )
        message = self.problems[0]
        if len(self.problems) > 1:
            others = len(self.problems) - 1
            message += f" (and {others} more problem{'s' if others > 1 else ''})"
        super().__init__(message)


MAX_PROFILE_BYTES = 5_000_000  # the bundled profile is a few dozen kilobytes


def load_profile(path: Path | str | None = None) -> PracticeProfile:
    """Read and check a practice profile; None reads the default (Bristol) profile."""
    profile_path = Path(path) if path is not None else DEFAULT_PROFILE_PATH
    name = profile_path.name
    try:
        # Looked at before it is opened: a pipe would wait for ever for a writer (the window would not
        # start), a device like /dev/zero would fill the memory; a profile is a small text file.
        if profile_path.exists() and not (profile_path.is_file() or profile_path.is_dir()):
            raise ProfileError(name, [("", "not an ordinary file (a device or a pipe); choose the profile's .toml "
                                       "file")], path=profile_path)
        with open(profile_path, "rb") as handle:
            raw_bytes = handle.read(MAX_PROFILE_BYTES + 1)
        if len(raw_bytes) > MAX_PROFILE_BYTES:
            raise ProfileError(name, [("", f"far too large to be a practice profile (over "
                                       f"{MAX_PROFILE_BYTES // 1_000_000} MB)")], path=profile_path)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise ProfileError(name, [("", f"cannot read the file: {reason}")], path=profile_path) from exc
    try:
        # utf-8-sig because Windows editors may save a byte order mark, which TOML would refuse.
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProfileError(name, [("", "not UTF-8 text")], path=profile_path) from exc
    try:
        data = tomllib.loads(text)
    except RecursionError as exc:
        raise ProfileError(name, [("", _TOO_DEEP)], path=profile_path) from exc
    except tomllib.TOMLDecodeError as exc:
        reason = str(exc)
        line = None
        where = ""
        position = _TOML_POSITION_RE.search(reason)
        if position:
            line = int(position.group(1))
            where = f"line {line}, column {position.group(2)}: "
            reason = reason[: position.start()]
        # tomllib's wording for a repeated key does not say that is what happened.
        if "overwrite" in reason or "Cannot declare" in reason:
            reason += " (is a key or table defined twice?)"
        detail = f"{where}not valid TOML: {reason}"
        raise ProfileError(name, [("", detail)], path=profile_path, line=line) from exc
    try:
        return profile_from_data(data, name=name, path=profile_path)
    except RecursionError as exc:  # nesting tomllib could read but the agenda walk cannot
        raise ProfileError(name, [("", _TOO_DEEP)], path=profile_path) from exc


def profile_from_data(
    data: dict[str, Any], *, name: str = "profile", path: Path | None = None
) -> PracticeProfile:
    """Check already-parsed TOML data and build the profile; ``name`` is used in messages."""
    reader = Reader()
    profile = _build_profile(reader, data, path)
    if reader.problems:
        raise ProfileError(name, reader.problems, path=path)
    return profile


# --- the profile, piece by piece -------------------------------------------------------------


def _build_profile(reader: Reader, data: dict[str, Any], path: Path | None) -> PracticeProfile:
    sections = (
        "profile",
        "agencies",
        "roles",
        "legal_statuses",
        "concern_types",
        "lawful_bases",
        "redaction_bases",
        "impact_scale",
        "timescales",
        "checklists",
        "decision_kinds",
        "disruption_categories",
        "disruption_tactics",
        "recording_destinations",
        "meeting_types",
        "attendee_roles",
        "attendee_role_aliases",
        "planning_processes",
        "filing",
    )
    root = TomlTable(reader, data, "", ("profile", "agencies", "roles", "meeting_types"), sections)

    # A missing section is reported once, by the root table, not again key by key.
    header = TomlTable(
        reader,
        data.get("profile", {}),
        "profile",
        ("name", "version", "council") if "profile" in data else (),
        ("format", "description", "protective_marking", "persons_of_concern_in_disclosures",
         "show_redaction_basis"),
    )
    name = header.text("name", blank_ok=False)
    # Printed on every page of the minutes and agendas; councils use their own marking scheme.
    marking = header.text("protective_marking", "OFFICIAL-SENSITIVE", blank_ok=False)
    poc_policy = header.text("persons_of_concern_in_disclosures", "keep")
    if poc_policy not in ("keep", "label"):
        reader.fail("profile.persons_of_concern_in_disclosures",
                    f'expected one of keep, label, got "{poc_policy}"')
    show_basis = header.flag("show_redaction_basis", False)
    version = header.text("version", blank_ok=False)
    council = header.text("council", blank_ok=False)
    file_format = header.integer("format", SUPPORTED_FORMAT, minimum=1)
    if file_format != SUPPORTED_FORMAT:
        reader.fail(
            "profile.format",
            f"this version of EFH Desktop reads profile format {SUPPORTED_FORMAT}, got {file_format}",
        )

    agencies_table = TomlTable(
        reader, data.get("agencies", {}), "agencies", ("quick_pick",) if "agencies" in data else ()
    )
    agencies = agencies_table.text_list("quick_pick")

    roles = label_table(reader, root.raw("roles"), "roles")
    legal_statuses = label_table(reader, root.raw("legal_statuses"), "legal_statuses", required=False)
    concern_types = label_table(reader, root.raw("concern_types"), "concern_types", required=False)
    lawful_bases = label_table(reader, root.raw("lawful_bases"), "lawful_bases", required=False)
    redaction_bases = (label_table(reader, root.raw("redaction_bases"), "redaction_bases", required=False)
                       or dict(DEFAULT_REDACTION_BASES))
    impact_scale = (label_table(reader, root.raw("impact_scale"), "impact_scale", required=False)
                    or dict(DEFAULT_IMPACT_SCALE))
    disruption_categories = label_table(
        reader, root.raw("disruption_categories"), "disruption_categories", required=False
    )

    attendee_roles = label_table(reader, root.raw("attendee_roles"), "attendee_roles", required=False)
    aliases = _aliases(reader, root.raw("attendee_role_aliases"), {**roles, **attendee_roles})
    filing = TomlTable(reader, data.get("filing", {}), "filing", (), ("open_referral_statuses",))
    open_referral_statuses = filing.text_list("open_referral_statuses", keys=True)
    check_refs(reader, "filing.open_referral_statuses", open_referral_statuses, legal_statuses, "legal status")
    timescales = keyed_tables(
        reader, root.raw("timescales"), "timescales", _timescale, ("label", "kind", "value"),
        ("from", "note", "meeting_type", "occurrence", "counts_from", "from_occurrence")
    )
    checklists = keyed_tables(
        reader, root.raw("checklists"), "checklists", lambda t: _checklist(reader, t), ("title", "items")
    )
    decision_kinds = keyed_tables(
        reader,
        root.raw("decision_kinds"),
        "decision_kinds",
        _decision_kind,
        ("label", "scope"),
        ("drafts_first_response_email", "needs_agreement", "help", "agreement_in"),
    )
    tactics = keyed_tables(
        reader,
        root.raw("disruption_tactics"),
        "disruption_tactics",
        _pick_item,
        ("label",),
        ("category", "help"),
    )
    for key, tactic in tactics.items():
        if tactic.category is not None and tactic.category not in disruption_categories:
            reader.fail(
                f"disruption_tactics.{key}.category",
                f'unknown disruption category "{tactic.category}" (known: {known_list(disruption_categories)})',
            )
    destinations = keyed_tables(
        reader,
        root.raw("recording_destinations"),
        "recording_destinations",
        _destination,
        ("label", "system", "condition"),
        ("child_condition",),
    )

    refs = _Refs(
        roles,
        legal_statuses,
        concern_types,
        agencies,
        checklists,
        decision_kinds,
        destinations,
        # Without a usable [roles] table every chair role would be "unknown": one problem, not fifty.
        check_roles=isinstance(data.get("roles"), dict),
        attendee_roles={**roles, **attendee_roles},
    )
    meeting_types = keyed_tables(
        reader,
        root.raw("meeting_types"),
        "meeting_types",
        lambda t: _meeting_type(reader, t, refs),
        _MEETING_REQUIRED,
        _MEETING_OPTIONAL,
        must_have_one=True,
    )

    processes = keyed_tables(
        reader, root.raw("planning_processes"), "planning_processes",
        lambda t: PlanningProcess(t.key(), t.text("label", blank_ok=False), t.text_list("meeting_types", keys=True)),
        ("label", "meeting_types"),
    )
    # Planning processes, agreement_in and timescales may name meeting types this profile does not
    # run (a council that drops a type need not edit them all): such a name never matches a meeting.
    # Planning processes and agreement_in are still checked to be keys, which catches most slips.

    # A destination lists the meeting types that use it, so export code can ask either way round.
    for key, destination in list(destinations.items()):
        users = tuple(k for k, mt in meeting_types.items() if key in mt.recording_destinations)
        destinations[key] = replace(destination, applies_to=users)

    return PracticeProfile(
        name=name,
        version=version,
        council=council,
        description=header.text("description"),
        path=path,
        agencies=agencies,
        roles=roles,
        legal_statuses=legal_statuses,
        concern_types=concern_types,
        meeting_types=meeting_types,
        checklists=checklists,
        decision_kinds=decision_kinds,
        disruption_categories=disruption_categories,
        disruption_tactics=tuple(tactics.values()),
        recording_destinations=destinations,
        lawful_bases=lawful_bases,
        timescales=timescales,
        format=file_format,
        protective_marking=marking,
        persons_of_concern_in_disclosures=poc_policy,
        redaction_bases=redaction_bases,
        show_redaction_basis=show_basis,
        attendee_roles=attendee_roles,
        attendee_role_aliases=aliases,
        planning_processes=processes,
        open_referral_statuses=open_referral_statuses,
        impact_scale=impact_scale,
    )


def _aliases(reader: Reader, raw: object, roles: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """[attendee_role_aliases]: role key = ["other wording", ...]."""
    if raw is None:
        return {}
    table = TomlTable(reader, raw, "attendee_role_aliases", (), tuple(raw) if isinstance(raw, dict) else ())
    out: dict[str, tuple[str, ...]] = {}
    for key in (raw if isinstance(raw, dict) else {}):
        if key not in roles:
            reader.fail(f"attendee_role_aliases.{key}", f'unknown role "{key}" (known: {known_list(roles)})')
            continue
        out[key] = table.text_list(key)
    return out


def _timescale(table: TomlTable) -> Timescale:
    return Timescale(
        key=table.key(),
        label=table.text("label", blank_ok=False),
        kind=table.choice("kind", TIMESCALE_KINDS),
        value=table.integer("value"),
        starts_from=table.text("from"),
        note=table.text("note"),
        meeting_type=table.text("meeting_type"),
        occurrence=table.integer("occurrence", 0),
        counts_from=table.text("counts_from"),
        from_occurrence=table.integer("from_occurrence", 0),
    )


def _checklist_items(
    reader: Reader, raw: object, path: str, *, nested: bool, seen: set[str]
) -> tuple[ChecklistItem, ...]:
    optional = ("help",) if nested else ("help", "sub_items")

    def build(table: TomlTable) -> ChecklistItem:
        key = table.key()
        # Agenda prompts name checklist items without saying which level, so keys are unique
        # across the whole checklist, not just among siblings.
        if key in seen:
            reader.fail(f"{table.path}.key", f'duplicate key "{key}" in this checklist')
        seen.add(key)
        sub_items: tuple[ChecklistItem, ...] = ()
        if not nested and "sub_items" in table.data:
            sub_items = _checklist_items(
                reader, table.raw("sub_items"), table.at("sub_items"), nested=True, seen=seen
            )
        return ChecklistItem(
            key=key,
            number=0,
            title=table.text("title", blank_ok=False),
            help=table.text("help"),
            sub_items=sub_items,
        )

    items = keyed_tables(reader, raw, path, build, ("title",), optional, must_have_one=not nested)
    return tuple(
        ChecklistItem(item.key, number, item.title, item.help, item.sub_items)
        for number, item in enumerate(items.values(), start=1)
    )


def _checklist(reader: Reader, table: TomlTable) -> Checklist:
    items = _checklist_items(reader, table.raw("items"), table.at("items"), nested=False, seen=set())
    return Checklist(key=table.key(), title=table.text("title", blank_ok=False), items=items)


def _decision_kind(table: TomlTable) -> DecisionKind:
    return DecisionKind(
        key=table.key(),
        label=table.text("label", blank_ok=False),
        scope=table.choice("scope", DECISION_SCOPES),
        drafts_first_response_email=table.flag("drafts_first_response_email"),
        needs_agreement=table.optional_text("needs_agreement"),
        help=table.text("help"),
        agreement_in=table.text_list("agreement_in", keys=True),
    )


def _pick_item(table: TomlTable) -> PickItem:
    return PickItem(
        key=table.key(),
        label=table.text("label", blank_ok=False),
        category=table.optional_text("category"),
        help=table.text("help"),
    )


def _destination(table: TomlTable) -> RecordingDestination:
    return RecordingDestination(
        key=table.key(),
        label=table.text("label", blank_ok=False),
        system=table.choice("system", RECORDING_SYSTEMS),
        applies_to=(),
        condition=table.text("condition"),
        child_condition=table.choice("child_condition", CHILD_CONDITIONS, "always"),
    )


@dataclass
class _Refs:
    """What a meeting type may refer to, gathered once."""

    roles: dict[str, str]
    legal_statuses: dict[str, str]
    concern_types: dict[str, str]
    agencies: tuple[str, ...]
    checklists: dict[str, Checklist]
    decision_kinds: dict[str, DecisionKind]
    destinations: dict[str, RecordingDestination]
    check_roles: bool = True
    attendee_roles: dict[str, str] | None = None


_MEETING_REQUIRED = ("name", "category", "description", "cadence", "default_minutes", "agenda")
_MEETING_OPTIONAL = (
    "use_when",
    "lead",
    "assessment",
    "legal_statuses",
    "chair_roles",
    "co_chair_roles",
    "any_chair",
    "checklist",
    "decision_kinds",
    "recording_destinations",
    "required_attendees",
    "notifications",
    "excluded_concerns",
    "exclusion_note",
    "chair_note",
)


def _meeting_type(reader: Reader, table: TomlTable, refs: _Refs) -> MeetingType:
    chair_roles = table.text_list("chair_roles", keys=True)
    co_chair_roles = table.text_list("co_chair_roles", keys=True)
    any_chair = table.flag("any_chair")
    legal_statuses = table.text_list("legal_statuses", keys=True)
    decision_kinds = table.text_list("decision_kinds", keys=True)
    destinations = table.text_list("recording_destinations", keys=True)
    if refs.check_roles:
        check_refs(reader, table.at("chair_roles"), chair_roles, refs.roles, "role")
        check_refs(reader, table.at("co_chair_roles"), co_chair_roles, refs.roles, "role")
    check_refs(reader, table.at("legal_statuses"), legal_statuses, refs.legal_statuses, "legal status")
    excluded = table.text_list("excluded_concerns", keys=True)
    check_refs(reader, table.at("excluded_concerns"), excluded, refs.concern_types, "concern type")
    check_refs(reader, table.at("decision_kinds"), decision_kinds, refs.decision_kinds, "decision kind")
    check_refs(
        reader, table.at("recording_destinations"), destinations, refs.destinations, "recording destination"
    )
    if not chair_roles and not any_chair and table.ok:
        reader.fail(table.at("chair_roles"), "list at least one chair role, or set any_chair = true")

    # Checked in the order the keys usually appear in the file, so problems are listed that way.
    cadence = _cadence(reader, table.raw("cadence"), table.at("cadence"))
    checklist_key = table.optional_text("checklist")
    checklist = refs.checklists.get(checklist_key) if checklist_key else None
    if checklist_key and checklist is None:
        reader.fail(
            table.at("checklist"),
            f'unknown checklist "{checklist_key}" (known: {known_list(refs.checklists)})',
        )
    prompt_keys = checklist.item_keys() if checklist else None

    agenda = _agenda(reader, table.raw("agenda"), table.at("agenda"), prompt_keys, nested=False)
    attendees = keyed_tables(
        reader,
        table.raw("required_attendees"),
        table.at("required_attendees"),
        lambda t: _attendee_rule(reader, t, refs),
        ("label", "agency", "when"),
        ("concerns", "optional", "note", "roles", "any_from_agency"),
    )
    notifications = keyed_tables(
        reader,
        table.raw("notifications"),
        table.at("notifications"),
        lambda t: _notification_rule(reader, t, refs),
        ("label", "when"),
        ("role", "concerns", "note"),
    )

    return MeetingType(
        key=table.key(),
        name=table.text("name", blank_ok=False),
        category=table.choice("category", CATEGORIES),
        description=table.text("description"),
        allowed_chair_roles=chair_roles,
        any_chair=any_chair,
        cadence=cadence,
        default_minutes=table.integer("default_minutes", 60, minimum=1),
        agenda=agenda,
        required_attendees=tuple(attendees.values()),
        notifications=tuple(notifications.values()),
        checklist_key=checklist_key,
        decision_kinds=decision_kinds,
        recording_destinations=destinations,
        use_when=table.text("use_when"),
        lead=table.text("lead"),
        assessment=table.text("assessment"),
        co_chair_roles=co_chair_roles,
        legal_statuses=legal_statuses,
        excluded_concerns=excluded,
        exclusion_note=table.text("exclusion_note"),
        chair_note=table.text("chair_note"),
    )


def _cadence(reader: Reader, raw: object, path: str) -> Cadence:
    table = TomlTable(reader, raw, path, ("kind",), ("value", "note", "note_after", "after", "after_review_value"))
    kind = table.choice("kind", CADENCE_KINDS)
    value: int | None = table.integer("value", minimum=1) if "value" in table.data else None
    if kind == "agreed" and "value" in table.data:
        reader.fail(table.at("value"), 'an "agreed" cadence takes no value: the meeting agrees its own date')
        value = None
    elif kind and kind != "agreed" and "value" not in table.data:
        reader.fail(table.at("value"), f'missing required key (a "{kind}" cadence needs a number)')
    note_after: int | None = table.integer("note_after", minimum=1) if "note_after" in table.data else None
    if note_after is not None and value is not None and note_after >= value:
        reader.fail(table.at("note_after"), f"must be less than the cadence's value ({value})")
        note_after = None
    after = table.text("after")
    after_review: int | None = (table.integer("after_review_value", minimum=1)
                                if "after_review_value" in table.data else None)
    if bool(after) != (after_review is not None):
        reader.fail(table.at("after" if not after else "after_review_value"),
                    "after and after_review_value go together (the cadence after a review of that meeting type)")
        after, after_review = "", None
    return Cadence(kind=kind, value=value, note=table.text("note"), note_after=note_after, after=after,
                   after_review_value=after_review)


def _agenda(
    reader: Reader, raw: object, path: str, prompt_keys: tuple[str, ...] | None, *, nested: bool
) -> tuple[AgendaTemplateItem, ...]:
    def build(table: TomlTable) -> AgendaTemplateItem:
        prompts = table.text_list("prompts", keys=True)
        if prompts and prompt_keys is None:
            reader.fail(table.at("prompts"), "prompts need the meeting type to name a checklist")
        elif prompt_keys is not None:
            check_refs(reader, table.at("prompts"), prompts, prompt_keys, "checklist item")
        children: tuple[AgendaTemplateItem, ...] = ()
        if "children" in table.data:
            children = _agenda(reader, table.raw("children"), table.at("children"), prompt_keys, nested=True)
        per_subject = table.choice("per_subject", SUBJECT_KINDS) or None
        return AgendaTemplateItem(
            key=table.key(),
            title=table.text("title", blank_ok=False),
            minutes=table.integer("minutes"),
            per_subject=per_subject,
            children=children,
            prompts=prompts,
        )

    items = keyed_tables(
        reader,
        raw,
        path,
        build,
        ("title", "minutes"),
        ("per_subject", "children", "prompts"),
        must_have_one=not nested,
    )
    return tuple(items.values())


def _rule_condition(reader: Reader, table: TomlTable, refs: _Refs) -> tuple[str, tuple[str, ...]]:
    when = table.choice("when", ATTENDEE_CONDITIONS)
    concerns = table.text_list("concerns", keys=True)
    check_refs(reader, table.at("concerns"), concerns, refs.concern_types, "concern type")
    if when == "concern_in" and not concerns and table.ok:
        reader.fail(table.at("concerns"), 'when = "concern_in" needs a list of concern types')
    elif when and when != "concern_in" and concerns:
        reader.fail(table.at("concerns"), 'concerns only apply when = "concern_in"')
    return when, concerns


def _attendee_rule(reader: Reader, table: TomlTable, refs: _Refs) -> AttendeeRule:
    agency = table.text("agency")
    # An empty agency means "any agency" (for example the lead for a piece of work).
    if agency and agency not in refs.agencies:
        reader.fail(table.at("agency"), f'unknown agency "{agency}" (add it to [agencies] quick_pick)')
    when, concerns = _rule_condition(reader, table, refs)
    roles = table.text_list("roles", keys=True)
    if refs.attendee_roles is not None:
        check_refs(reader, table.at("roles"), roles, refs.attendee_roles, "attendee role")
    return AttendeeRule(
        key=table.key(),
        label=table.text("label", blank_ok=False),
        agency=agency,
        when=when,
        concerns=concerns,
        optional=table.flag("optional"),
        note=table.text("note"),
        roles=roles,
        any_from_agency=table.flag("any_from_agency"),
    )


def _notification_rule(reader: Reader, table: TomlTable, refs: _Refs) -> NotificationRule:
    role = table.optional_text("role")
    if role and refs.check_roles and role not in refs.roles:
        reader.fail(table.at("role"), f'unknown role "{role}" (known: {known_list(refs.roles)})')
    when, concerns = _rule_condition(reader, table, refs)
    return NotificationRule(
        key=table.key(),
        label=table.text("label", blank_ok=False),
        when=when,
        role=role,
        concerns=concerns,
        note=table.text("note"),
    )
