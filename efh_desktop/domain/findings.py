"""What a rule check tells the chair. Findings explain; they never block what a chair may decide."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Most pressing first: the order findings are shown in.
SEVERITIES = ("warning", "hint", "info")


@dataclass(frozen=True)
class RuleFinding:
    """One finding.

    ``key`` says which check produced it (stable, for tests and for remembering dismissals);
    ``message`` is one or two plain sentences that name the rule, in practitioners' words.
    ``subject_id`` is the subject it is about, and ``rule_key`` the profile rule (for example an
    attendee rule's key), where there is one.
    """

    key: str
    severity: str
    message: str
    subject_id: int | None = None
    rule_key: str | None = None

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")


def ordered(findings: Iterable[RuleFinding]) -> list[RuleFinding]:
    """Warnings, then hints, then information; the order within each severity is kept."""
    return sorted(findings, key=lambda finding: SEVERITIES.index(finding.severity))


# Wording helpers shared by the rule modules, so every message reads the same way.


def in_sentence(name: str) -> str:
    """A profile name as it reads mid-sentence: "Complex strategy meeting" → "complex strategy
    meeting", but "Safer Options meeting" and "YOT risk management meeting" keep their capitals
    (a capital after the first letter means a proper name or an acronym)."""
    if name[:1].isupper() and not any(ch.isupper() for ch in name[1:]):
        return name[0].lower() + name[1:]
    return name


def with_article(phrase: str) -> str:
    """ "a" or "an" before a phrase. Vowel letters only; acronyms that start with a vowel sound
    after a consonant letter (an "MP") are not in any profile we know of."""
    return f"{'an' if phrase[:1].lower() in 'aeiou' else 'a'} {phrase}"


def full_stop(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else f"{text}."


def join_or(words: list[str], conjunction: str = "or") -> str:
    """ "A", "A or B", "A, B or C" (no serial comma, as UK council style guides prefer)."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"
