"""Which of the practice profile's roles an attendee is in, and which required-attendee rules that fills.

An attendee's role is chosen from the profile's list (``PracticeProfile.attendee_role_choices``);
the free-text role is kept as typed, for the minutes. A free-text role that is exactly one of the
profile's wordings for a role (its label or an alias, ignoring case, spacing and a trailing full
stop) is taken as that role, so a register typed before the list existed still counts. Nothing is
guessed from the words of a free-text role: "Detective Sergeant, Investigations" fills no rule
until someone says which role that is (guidance: "Police should always be represented by the
Investigations team … this should be the Officer in Charge").
"""

from __future__ import annotations

import unicodedata

from efh_desktop.domain.profile_model import AttendeeRule, PracticeProfile


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold().replace("\u2019", "'")
    for dash in "-\u2010\u2011\u2012\u2013\u2014_":  # "Officer-in-Charge" is "officer in charge"
        text = text.replace(dash, " ")
    return " ".join(text.split()).rstrip(".").strip()


def role_wordings(profile: PracticeProfile) -> dict[str, str]:
    """Normalised wording → role key, for every role label and alias in the profile."""
    out: dict[str, str] = {}
    for key, label in profile.attendee_role_choices():
        out.setdefault(_norm(label), key)
        out.setdefault(_norm(key.replace("_", " ")), key)
    for key, aliases in profile.attendee_role_aliases.items():
        for alias in aliases:
            out.setdefault(_norm(alias), key)
    return out


def attendee_role_key(profile: PracticeProfile, chosen: str, free_text: str) -> str:
    """The attendee's role key: the one chosen from the list when it is in the profile, else the
    role the free text names exactly, else ""."""
    known = dict(profile.attendee_role_choices())
    if chosen and chosen in known:
        return chosen
    return role_wordings(profile).get(_norm(free_text), "")


def same_agency(a: str, b: str) -> bool:
    return _norm(a) == _norm(b)


def rule_filled_by(rule: AttendeeRule, role_key: str, agency: str) -> bool:
    """Whether someone in ``role_key`` (may be "") from ``agency`` fills ``rule``.

    A rule that names roles is filled by those roles (and, with ``any_from_agency``, by anyone from
    its agency); a rule without roles by anyone from its agency, or anyone at all when it names no
    agency either.
    """
    if rule.roles:
        if role_key in rule.roles:
            return True
        return rule.any_from_agency and bool(rule.agency) and same_agency(rule.agency, agency)
    if not rule.agency:
        return True
    return same_agency(rule.agency, agency)
