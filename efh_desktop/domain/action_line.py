"""Read an action typed on one line by a minute-taker, so an action takes one line, not a form.

Syntax: what is to be done first, then any of three optional parts, in any order::

    Partnership visit to Quickmart @PC Jo Whitcombe #police !in 2 weeks

* ``@`` who will do it (the owner): "@PC Jo Whitcombe".
* ``#`` their agency: "#police", "#pol" or "#yot". Matched against the meeting's agency list,
  ignoring case: the exact name, else the only name starting with it, else the only name
  containing it, else the only name whose initials it is ("#yot" → "Youth Offending Team"). An
  unknown or ambiguous agency is kept as typed, with a problem saying so (no problem when the
  list is empty: there is nothing to check against).
* ``!`` when it is due: anything ``date_words.parse_due`` reads ("!next meeting", "!Friday",
  "!in 2 weeks", "!4/12/2026").

Each part runs to the next marker or the end of the line. A marker only counts at the start of a
word, and ``@`` and ``#`` only before a letter, so "jo@example.org" and "Flat #3" stay in the
description. A part given twice keeps the first and notes a problem. Problems are sentences to
show beside the line; the parse itself never fails.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from efh_desktop.domain.date_words import parse_due

_MARKER_RE = re.compile(r"(?<!\S)(?:([@#])(?=[^\W\d_])|(!)(?=\S))")
_PART_NAMES = {"@": "owner", "#": "agency", "!": "due date"}
_JOINING_WORDS = frozenset({"and", "&", "of", "the", "for"})


@dataclass(frozen=True)
class ActionLine:
    description: str
    owner: str
    agency: str  # the agency list's spelling when matched, otherwise as typed
    due: date | None
    due_text: str  # as typed after "!", for showing back
    problems: tuple[str, ...] = ()


def parse_action_line(text: str, *, agencies: Sequence[str], today: date,
                      next_meeting: date | None) -> ActionLine:
    """The parts of a typed action line (see the module notes)."""
    text = text or ""
    marks = list(_MARKER_RE.finditer(text))
    description = _tidy(text[:marks[0].start()] if marks else text)
    parts: dict[str, str] = {}
    problems: list[str] = []
    for n, mark in enumerate(marks):
        marker = mark.group(1) or mark.group(2)
        value = _tidy(text[mark.end():marks[n + 1].start() if n + 1 < len(marks) else len(text)])
        if marker in parts:
            problems.append(f'More than one {_PART_NAMES[marker]} was given: kept "{parts[marker]}", '
                            f'left out "{value}".')
        else:
            parts[marker] = value
    if not description:
        problems.insert(0, "The action needs a description before any @, # or ! part.")

    agency = parts.get("#", "")
    if agency:
        agency, problem = match_agency(agency, agencies)
        if problem:
            problems.append(problem)

    due_text = parts.get("!", "")
    due = None
    if due_text:
        parsed = parse_due(due_text, today=today, next_meeting=next_meeting)
        due = parsed.date
        if parsed.message:
            problems.append(parsed.message)
    return ActionLine(description, parts.get("@", ""), agency, due, due_text, tuple(problems))


def match_agency(typed: str, agencies: Sequence[str]) -> tuple[str, str]:
    """(agency, problem): the listed agency ``typed`` means, or ``typed`` itself and why not."""
    want = _fold(typed)
    tests: tuple[Callable[[str], bool], ...] = (
        lambda name: _fold(name) == want,
        lambda name: _fold(name).startswith(want),
        lambda name: want in _fold(name),
        lambda name: _initials(name) == want.replace(" ", ""),
    )
    for test in tests:
        found = list(dict.fromkeys(name for name in agencies if test(name)))
        if len(found) == 1:
            return found[0], ""
        if len(found) > 1:
            choices = ", ".join(found[:-1]) + " or " + found[-1]
            return typed, f'"{typed}" could be {choices}: kept as typed.'
    if not agencies:  # no list to check against (none set up yet): nothing useful to say
        return typed, ""
    return typed, f'"{typed}" is not in the list of agencies: kept as typed.'


def _tidy(text: str) -> str:
    return " ".join(text.split())


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _initials(name: str) -> str:
    """"Youth Offending Team" → "yot", "Children's Social Care" → "csc": first letters of the words,
    leaving out little joining words, as people abbreviate agencies."""
    words = re.split(r"[\s/\-]+", name.casefold())
    letters = (next((ch for ch in w if ch.isalpha()), "") for w in words if w not in _JOINING_WORDS)
    return "".join(letters)
