"""The practice profile: the shipped Bristol profile, the checks on broken files, custom profiles."""

from __future__ import annotations

import copy
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from efh_desktop.domain.profile import (
    ATTENDEE_CONDITIONS,
    CADENCE_KINDS,
    DEFAULT_PROFILE_PATH,
    SUBJECT_KINDS,
    MeetingFacts,
    PracticeProfile,
    ProfileError,
    load_profile,
    profile_from_data,
)

ALL_TYPES = [
    "safer_options",
    "safer_options_extraordinary",
    "complex_strategy",
    "team_around_the_child",
    "yot_risk_management",
    "cp_strategy",
    "child_in_need",
    "cp_conference",
    "core_group",
    "child_in_care_review",
    "risk_management",
]

BASE_TEXT = DEFAULT_PROFILE_PATH.read_text(encoding="utf-8")
BASE_DATA = tomllib.loads(BASE_TEXT)


@pytest.fixture(scope="module")
def profile() -> PracticeProfile:
    return load_profile()


def _replace_once(text: str, old: str, new: str) -> str:
    # Guards the broken-profile cases against the shipped file drifting away from what they edit.
    assert text.count(old) >= 1, f"test anchor not found in bristol.toml: {old!r}"
    return text.replace(old, new, 1)


def _line_of(snippet: str) -> int:
    return BASE_TEXT[: BASE_TEXT.index(snippet)].count("\n") + 1


# --- the shipped profile ---------------------------------------------------------------------


def test_default_profile_loads(profile: PracticeProfile) -> None:
    assert profile.council == "Bristol City Council"
    assert profile.path == DEFAULT_PROFILE_PATH
    assert profile.name and profile.version
    assert "Police" in profile.agencies
    assert "Families in Focus (FIF)" in profile.agencies
    assert load_profile(str(DEFAULT_PROFILE_PATH)) == profile


def test_has_every_meeting_type_in_order(profile: PracticeProfile) -> None:
    assert list(profile.meeting_types) == ALL_TYPES
    assert profile.type_choices()[2] == ("complex_strategy", "Complex strategy meeting")
    contextual = [k for k, mt in profile.meeting_types.items() if mt.is_contextual]
    assert contextual == ["safer_options", "safer_options_extraordinary", "complex_strategy"]


def test_every_meeting_type_is_usable(profile: PracticeProfile) -> None:
    for meeting_type in profile.meeting_types.values():
        assert meeting_type.agenda, meeting_type.key
        assert meeting_type.default_minutes > 0
        assert meeting_type.cadence.kind in CADENCE_KINDS
        assert meeting_type.any_chair or meeting_type.allowed_chair_roles
        assert meeting_type.recording_destinations, meeting_type.key
        for rule in meeting_type.required_attendees:
            assert rule.when in ATTENDEE_CONDITIONS


def test_complex_strategy_must_consider_list(profile: PracticeProfile) -> None:
    checklist = profile.checklist_for("complex_strategy")
    assert checklist is not None
    assert [item.number for item in checklist.items] == list(range(1, 14))
    scale = checklist.items[1]
    assert scale.key == "scale_of_concerns"
    assert "scale of the concerns" in scale.title
    assert len(scale.sub_items) == 4
    assert [sub.number for sub in scale.sub_items] == [1, 2, 3, 4]
    titles = " | ".join(sub.title for sub in scale.sub_items)
    for words in ("current contact", "no longer", "not currently believed", "now adults"):
        assert words in titles
    numbers = [number for number, _item in checklist.numbered_items()]
    assert numbers[:6] == ["1", "2", "2.1", "2.2", "2.3", "2.4"]
    assert checklist.item("adult_victims").number == 4


def test_safer_options_considerations(profile: PracticeProfile) -> None:
    checklist = profile.checklist_for("safer_options")
    assert checklist is not None
    keys = checklist.item_keys()
    assert "information_used" in keys and "reason_discussed" in keys


def test_chair_roles(profile: PracticeProfile) -> None:
    complex_strategy = profile.meeting_type("complex_strategy")
    assert complex_strategy.chair_role_allowed("service_manager")
    assert complex_strategy.chair_role_allowed("deputy_service_manager")
    assert not complex_strategy.chair_role_allowed("team_manager")
    assert not complex_strategy.chair_role_allowed("social_worker")

    safer_options = profile.meeting_type("safer_options")
    assert safer_options.chair_role_allowed("area_deputy_service_manager")
    assert "fif_area_manager" in safer_options.co_chair_roles

    extraordinary = profile.meeting_type("safer_options_extraordinary")
    assert extraordinary.any_chair
    assert extraordinary.chair_role_allowed("team_manager")
    assert extraordinary.chair_role_allowed("any_agency_lead")

    assert profile.role_label("deputy_service_manager") == "Deputy Service Manager"
    # A role a later profile dropped still displays on old minutes.
    assert profile.role_label("retired_role") == "retired_role"


def test_complex_strategy_required_attendees(profile: PracticeProfile) -> None:
    rules = {rule.key: rule for rule in profile.meeting_type("complex_strategy").required_attendees}
    assert rules["police_investigations"].when == "always"
    assert rules["police_investigations"].label == "Police Investigations team"
    assert rules["officer_in_charge"].when == "open_investigation"
    assert rules["neighbourhood_officer"].when == "place_subject"
    assert rules["vru"].when == "concern_in"
    # County lines is criminal exploitation: it prompts the Violence Reduction Unit too.
    assert set(rules["vru"].concerns) == {"criminal_exploitation", "county_lines", "serious_youth_violence",
                                          "knife_crime"}
    assert rules["community_paediatrician"].when == "always"
    assert rules["community_paediatrician"].agency == "Community paediatrics"
    assert rules["cic_named_nurse"].when == "child_in_care"
    assert {"other_local_authority", "other_police_force"} <= {
        k for k, r in rules.items() if r.when == "cross_boundary"
    }


def test_complex_strategy_expected_attendees_follow_the_facts(profile: PracticeProfile) -> None:
    complex_strategy = profile.meeting_type("complex_strategy")
    plain = {rule.key for rule in complex_strategy.attendees_expected(MeetingFacts())}
    assert {"police_investigations", "community_paediatrician"} <= plain
    assert not plain & {"officer_in_charge", "neighbourhood_officer", "vru", "cic_named_nurse"}

    facts = MeetingFacts(
        subject_kinds=frozenset({"place", "child"}),
        concerns=frozenset({"knife_crime"}),
        open_investigation=True,
        child_in_care=True,
    )
    full = {rule.key for rule in complex_strategy.attendees_expected(facts)}
    assert {"officer_in_charge", "neighbourhood_officer", "vru", "cic_named_nurse"} <= full

    sexual_only = MeetingFacts(concerns=frozenset({"sexual_exploitation"}))
    assert "vru" not in {rule.key for rule in complex_strategy.attendees_expected(sexual_only)}


def test_complex_strategy_notifications(profile: PracticeProfile) -> None:
    complex_strategy = profile.meeting_type("complex_strategy")
    due = complex_strategy.notifications_due(MeetingFacts())
    assert {rule.role for rule in due} == {
        "safer_options_manager",
        "strategic_safeguarding_qa_service_manager",
    }


def test_cadences(profile: PracticeProfile) -> None:
    assert profile.meeting_type("complex_strategy").cadence.calendar_days == 42
    assert profile.meeting_type("safer_options").cadence.calendar_days == 7
    agreed = profile.meeting_type("safer_options_extraordinary").cadence
    assert agreed.kind == "agreed" and agreed.value is None and agreed.calendar_days is None
    # "Child in Need meetings a minimum of 6-8 weekly": warned after 8 weeks, noted after 6.
    cin = profile.meeting_type("child_in_need").cadence
    assert cin.calendar_days == 56 and cin.note_after == 6


def test_complex_strategy_agenda(profile: PracticeProfile) -> None:
    agenda = profile.meeting_type("complex_strategy").agenda
    keys = [item.key for item in agenda]
    for standing in (
        "introductions",
        "previous_actions",
        "agency_information",
        "must_consider",
        "decisions",
        "actions",
        "communications",
        "next_meeting",
    ):
        assert standing in keys
    assert keys[0] == "introductions" and keys[-1] == "next_meeting"
    assert {item.per_subject for item in agenda} >= set(SUBJECT_KINDS)
    peer_groups = next(item for item in agenda if item.per_subject == "peer_group")
    assert peer_groups.children and peer_groups.children[0].prompts == ("peer_group_dynamics",)
    assert all(item.minutes >= 0 for item in agenda)


def test_decision_kinds(profile: PracticeProfile) -> None:
    kinds = profile.decision_kinds
    assert kinds["trigger_complex_strategy"].needs_agreement == "DSM or SM"
    assert kinds["trigger_complex_strategy"].scope == "child"
    assert kinds["open_referral"].drafts_first_response_email
    assert not kinds["step_down"].drafts_first_response_email
    assert kinds["call_in_referral"].scope == "group_place"
    safer_options = {kind.key for kind in profile.decision_kinds_for("safer_options")}
    assert {"open_referral", "open_fif_referral", "step_up_to_complex_strategy"} <= safer_options


def test_recording_destinations(profile: PracticeProfile) -> None:
    complex_strategy = [d.key for d in profile.destinations_for("complex_strategy")]
    assert complex_strategy == ["lcs_strategy_form", "lcs_contact_documents"]
    safer_options = profile.destinations_for("safer_options")
    assert [d.system for d in safer_options] == ["EHM", "EHM"]
    assert "Safer Options casenote" in safer_options[1].label
    assert "complex_strategy" in profile.recording_destinations["lcs_strategy_form"].applies_to


def test_pick_lists_and_timescales(profile: PracticeProfile) -> None:
    assert {
        "uk_gdpr_6_1_e",
        "uk_gdpr_9_2_g",
        "dpa_sch1_para18",
        "children_act_s47",
        "crime_disorder_s115",
        "consent",
    } <= set(profile.lawful_bases)
    assert {"criminal_exploitation", "sexual_exploitation", "county_lines", "knife_crime"} <= set(
        profile.concern_types
    )
    assert profile.legal_statuses["yot_only"] == "Open to YOT only"
    tactic = profile.disruption_tactic("child_abduction_warning_notice")
    assert tactic.category in profile.disruption_categories
    assert len(profile.disruption_tactics) >= 10
    icpc = profile.timescales["icpc"]
    assert (icpc.kind, icpc.value) == ("working_days", 15)
    assert profile.timescales["first_core_group"].value == 10


def test_unknown_meeting_type_is_a_generic_stand_in_with_a_warning(profile: PracticeProfile) -> None:
    # A stored meeting of a type the profile lacks must still open and export (issue 11, item 10).
    stand_in = profile.meeting_type("safer_connections")
    assert stand_in.key == "safer_connections" and "not in this practice profile" in stand_in.name
    assert stand_in.checklist_key is None and stand_in.any_chair and not stand_in.required_attendees
    assert "'safer_connections'" in profile.missing_type_warning("safer_connections")
    assert profile.missing_type_warning("safer_options") is None


def test_domain_profile_imports_no_qt_or_sql() -> None:
    code = (
        "import sys, efh_desktop.domain.profile as p; p.load_profile(); "
        "bad = [m for m in sys.modules if m.split('.')[0] in {'PySide6', 'sqlalchemy', 'sqlmodel'}]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


# --- broken profiles -------------------------------------------------------------------------

BROKEN = [
    pytest.param(
        lambda t: _replace_once(t, 'name = "Bristol practice guidance"', 'name = "Bristol practice guidance'),
        "line {}, column".format(_line_of('name = "Bristol practice guidance"')),
        id="bad-toml-syntax",
    ),
    pytest.param(
        lambda t: _replace_once(t, 'default_minutes = 120\nchecklist = "safer', 'checklist = "safer'),
        "meeting_types.safer_options.default_minutes: missing required key",
        id="missing-key",
    ),
    pytest.param(
        lambda t: _replace_once(t, "default_minutes = 60\n", 'default_minutes = "sixty"\n'),
        'meeting_types.safer_options_extraordinary.default_minutes: expected a whole number, got text "sixty"',
        id="wrong-type",
    ),
    pytest.param(
        lambda t: _replace_once(t, 'version = "2020.1"', "version = 2020.1"),
        "profile.version: expected text",
        id="wrong-type-header",
    ),
    pytest.param(
        lambda t: _replace_once(t, 'chair_roles = ["service_manager", ', 'chair_roles = ["area_manager", '),
        'meeting_types.complex_strategy.chair_roles[1]: unknown role "area_manager"',
        id="unknown-chair-role",
    ),
    pytest.param(
        lambda t: _replace_once(t, 'when = "open_investigation"', 'when = "investigation_open"'),
        "meeting_types.complex_strategy.required_attendees.officer_in_charge.when: expected one of always,",
        id="unknown-when",
    ),
    pytest.param(
        lambda t: _replace_once(t, 'key = "core_group"\n', 'key = "cp_conference"\n'),
        'meeting_types[9].key: duplicate key "cp_conference"',
        id="duplicate-meeting-type-key",
    ),
    pytest.param(
        lambda t: _replace_once(t, 'key = "past_contact"', 'key = "current_contact"'),
        'duplicate key "current_contact"',
        id="duplicate-checklist-key",
    ),
    pytest.param(
        lambda t: _replace_once(
            t, 'team_manager = "Team Manager"\n', 'team_manager = "Team Manager"\nteam_manager = "TM"\n'
        ),
        "defined twice",
        id="duplicate-toml-key",
    ),
    pytest.param(
        lambda t: _replace_once(t, 'kind = "days", value = 42', 'kind = "fortnightly", value = 42'),
        'meeting_types.complex_strategy.cadence.kind: expected one of days, working_days, weeks, agreed, got "fortnightly"',
        id="bad-cadence-kind",
    ),
    pytest.param(
        lambda t: _replace_once(t, 'kind = "days", value = 42', 'kind = "days"'),
        "meeting_types.complex_strategy.cadence.value: missing required key",
        id="cadence-without-value",
    ),
    pytest.param(
        lambda t: _replace_once(
            t, 'kind = "agreed", note = "Report', 'kind = "agreed", value = 14, note = "Report'
        ),
        'meeting_types.safer_options_extraordinary.cadence.value: an "agreed" cadence takes no value',
        id="agreed-cadence-with-value",
    ),
    pytest.param(
        lambda t: _replace_once(t, "default_minutes = 120\n", "default_minutes = 120\ndefault_minute = 5\n"),
        "meeting_types.safer_options.default_minute: unknown key",
        id="misspelt-key",
    ),
    pytest.param(
        lambda t: _replace_once(
            t, 'minutes = 10, per_subject = "peer_group"', 'minutes = 10, per_subject = "gang"'
        ),
        "meeting_types.safer_options.agenda.peer_groups.per_subject: expected one of child, peer_group,",
        id="bad-per-subject",
    ),
    pytest.param(
        lambda t: _replace_once(
            t,
            '{ key = "introductions", title = "Introductions and confidentiality", minutes = 5 }',
            '{ key = "introductions", title = "Introductions and confidentiality", minutes = -5 }',
        ),
        "meeting_types.safer_options.agenda.introductions.minutes: must be at least 0, got -5",
        id="negative-minutes",
    ),
    pytest.param(
        lambda t: _replace_once(
            t, 'checklist = "complex_strategy_must_consider"', 'checklist = "must_consider"'
        ),
        'meeting_types.complex_strategy.checklist: unknown checklist "must_consider"',
        id="unknown-checklist",
    ),
    pytest.param(
        lambda t: _replace_once(t, 'prompts = ["peer_group_dynamics"]', 'prompts = ["peer_dynamics"]'),
        "meeting_types.complex_strategy.agenda.peer_groups.children.dynamics.prompts[1]: unknown checklist item",
        id="unknown-prompt",
    ),
    pytest.param(
        lambda t: _replace_once(
            t,
            'concerns = ["criminal_exploitation", "county_lines", "serious_youth_violence", "knife_crime"], optional',
            'concerns = ["gangs"], optional',
        ),
        'required_attendees.vru.concerns[1]: unknown concern type "gangs"',
        id="unknown-concern",
    ),
    pytest.param(
        lambda t: _replace_once(
            t, 'recording_destinations = ["lcs_strategy_form", ', 'recording_destinations = ["lcs_strategy", '
        ),
        'meeting_types.complex_strategy.recording_destinations[1]: unknown recording destination "lcs_strategy"',
        id="unknown-destination",
    ),
    pytest.param(
        lambda t: _replace_once(
            t, '"close_complex_strategy", "child_assessment"', '"close_complex_strategy", "child_asessment"'
        ),
        'unknown decision kind "child_asessment"',
        id="unknown-decision-kind",
    ),
    pytest.param(
        lambda t: _replace_once(t, 'key = "complex_strategy"\n', 'key = "Complex Strategy"\n'),
        'meeting_types[3].key: "Complex Strategy" is not a snake_case key',
        id="key-not-snake-case",
    ),
    pytest.param(
        lambda t: _replace_once(t, 'agency = "Community paediatrics"', 'agency = "Paediatrics"'),
        'required_attendees.community_paediatrician.agency: unknown agency "Paediatrics"',
        id="unknown-agency",
    ),
    pytest.param(
        lambda t: _replace_once(t, "[roles]\n", "[job_titles]\n"),
        "roles: missing required section",
        id="missing-section",
    ),
]


@pytest.mark.parametrize(("mutate", "expected"), BROKEN)
def test_broken_profile_names_file_and_key_path(tmp_path: Path, mutate, expected: str) -> None:
    broken = tmp_path / "broken_council.toml"
    broken.write_text(mutate(BASE_TEXT), encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(broken)
    message = str(caught.value)
    assert message.startswith("broken_council.toml: ")
    assert expected in message or any(expected in problem for problem in caught.value.problems), message
    assert "\n" not in message


def test_syntax_error_reports_line(tmp_path: Path) -> None:
    broken = tmp_path / "council.toml"
    broken.write_text('[profile]\nname = "x"\nversion = \n', encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(broken)
    assert caught.value.line == 3
    assert str(caught.value).startswith("council.toml: line 3, column")


def test_every_problem_is_reported(tmp_path: Path) -> None:
    text = _replace_once(BASE_TEXT, 'kind = "days", value = 42', 'kind = "fortnightly", value = 42')
    text = _replace_once(text, 'when = "open_investigation"', 'when = "investigation_open"')
    broken = tmp_path / "two.toml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(broken)
    error = caught.value
    assert len(error.problems) == 2
    assert str(error).endswith("(and 1 more problem)")
    assert error.key_path == "meeting_types.complex_strategy.cadence.kind"
    assert all(problem.startswith("two.toml: meeting_types.complex_strategy.") for problem in error.problems)


def test_missing_file_is_a_profile_error(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match=r"^absent\.toml: cannot read the file"):
        load_profile(tmp_path / "absent.toml")


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    with_bom = tmp_path / "notepad.toml"
    with_bom.write_bytes(b"\xef\xbb\xbf" + BASE_TEXT.encode("utf-8"))
    assert list(load_profile(with_bom).meeting_types) == ALL_TYPES


def test_empty_file_lists_the_missing_sections(tmp_path: Path) -> None:
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(empty)
    assert [p.split(": ")[1] for p in caught.value.problems] == [
        "profile",
        "agencies",
        "roles",
        "meeting_types",
    ]


# --- a council's own profile -----------------------------------------------------------------

MINIMAL_COUNCIL_PROFILE = textwrap.dedent(
    """
    [profile]
    name = "Harm outside the home"
    version = "1"
    council = "Example Borough Council"

    [agencies]
    quick_pick = ["Police", "Children's social care"]

    [roles]
    area_deputy_service_manager = "Area Deputy Service Manager"

    [[meeting_types]]
    key = "safer_connections"
    name = "Safer Connections meeting"
    category = "contextual"
    description = "Weekly locality meeting about peer groups and places."
    chair_roles = ["area_deputy_service_manager"]
    cadence = { kind = "weeks", value = 1 }
    default_minutes = 90
    agenda = [
        { key = "introductions", title = "Introductions", minutes = 5 },
        { key = "places", title = "Place", minutes = 10, per_subject = "place" },
    ]
    required_attendees = [
        { key = "police", label = "Police", agency = "Police", when = "always" },
    ]
    """
)


def test_minimal_council_profile_loads(tmp_path: Path) -> None:
    own = tmp_path / "example_borough.toml"
    own.write_text(MINIMAL_COUNCIL_PROFILE, encoding="utf-8")
    profile = load_profile(own)
    assert profile.type_choices() == [("safer_connections", "Safer Connections meeting")]
    meeting_type = profile.meeting_type("safer_connections")
    assert meeting_type.cadence.calendar_days == 7
    assert meeting_type.checklist_key is None and profile.checklist_for("safer_connections") is None
    assert meeting_type.agenda[1].per_subject == "place"
    assert profile.recording_destinations == {} and profile.disruption_tactics == ()


def test_bristol_profile_with_safer_options_renamed(tmp_path: Path) -> None:
    renamed = tmp_path / "bristol_2025.toml"
    renamed.write_text(
        BASE_TEXT.replace("Safer Options meeting", "Safer Connections meeting"), encoding="utf-8"
    )
    profile = load_profile(renamed)
    assert profile.meeting_type("safer_options").name == "Safer Connections meeting"


# --- properties ------------------------------------------------------------------------------

_names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(str.strip)


@settings(max_examples=50, deadline=None)
@given(name=_names)
def test_any_meeting_type_name_survives(name: str) -> None:
    data = copy.deepcopy(BASE_DATA)
    data["meeting_types"][0]["name"] = name
    assert profile_from_data(data).type_choices()[0] == ("safer_options", name)


@settings(max_examples=50, deadline=None)
@given(kind=st.text(max_size=20).filter(lambda k: k not in CADENCE_KINDS))
def test_any_unknown_cadence_kind_is_refused_with_its_path(kind: str) -> None:
    data = copy.deepcopy(BASE_DATA)
    data["meeting_types"][2]["cadence"]["kind"] = kind
    with pytest.raises(ProfileError) as caught:
        profile_from_data(data, name="prop.toml")
    assert caught.value.key_path == "meeting_types.complex_strategy.cadence.kind"
    assert str(caught.value).startswith(
        "prop.toml: meeting_types.complex_strategy.cadence.kind: expected one of"
    )


@settings(max_examples=50, deadline=None)
@given(order=st.permutations(range(len(ALL_TYPES))))
def test_meeting_types_keep_file_order(order: list[int]) -> None:
    data = copy.deepcopy(BASE_DATA)
    data["meeting_types"] = [data["meeting_types"][i] for i in order]
    assert list(profile_from_data(data).meeting_types) == [ALL_TYPES[i] for i in order]
