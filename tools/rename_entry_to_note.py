"""Issue 13 item 8: the record class ``Entry`` is called ``Note`` in the code (re-runnable, idempotent).

Run from the repository root: ``python tools/rename_entry_to_note.py`` (``--check`` lists what it
would change and exits 1 if anything is left). What it keeps, on purpose:

- the database: ``__tablename__ = "entry"`` / ``"entry_subject"``, the column ``entry_id`` (so the
  attribute ``NoteSubject.entry_id`` and ``SubjectLink.entry_id``), raw SQL, the FTS table;
- what is stored or hashed: audit events name the table (``entity="entry"``), meeting files' field
  names (services/interchange_schema.py), amendment targets "entry:12.text";
- migrations (db/versions/ are history) and the benchmarks' ``entries`` / ``entry_tags`` counts
  (they count rows of the ``entry`` table, and name the cached stores' summaries);
- ``FilingEntry``, ``DateEntry`` (other things), and "entry" in prose ("entry point", "an entry").
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

# Everywhere (tracked .py files and docs/architecture.md), whole words only.
GLOBAL = [
    (r"\bEntrySubject\b", "NoteSubject"),
    (r"\bEntry\b(?! point)", "Note"),
]

# Names of a note's id or row where they are ours, not the column's, inside one function:
# (file, function) -> [(pattern, replacement)]. ``(?<!\.)`` keeps the column attribute ``X.entry_id``.
SCOPED: dict[tuple[str, str], list[tuple[str, str]]] = {
    ("efh_desktop/services/minutes_service.py", "add_note"): [
        (r"\bentry\b", "note"),
        (r"\n {26}(?=\S)", "\n" + " " * 24),  # the arguments stay under "Note(", two columns left
    ],
    ("efh_desktop/services/relation_service.py", "add"): [
        (r"\bentry_id: int \| None = None\)", "note_id: int | None = None)"),
        (r"\bentry_id=entry_id\)", "entry_id=note_id)"),  # the column keyword stays
    ],
    ("efh_desktop/services/relation_service.py", "link_from_note"): [
        (r"\bentry_id=entry_id\)", "note_id=note_id)"),  # add()'s keyword, renamed above
        (r"(?<!\.)\bentry_id\b", "note_id"),
        (r"\bentry\b", "note"),
    ],
}

# Whole files: [(pattern, replacement)].
LOCAL: dict[str, list[tuple[str, str]]] = {
    # LinkRow's field for the note a link came from (the column SubjectLink.entry_id stays)
    "efh_desktop/services/relation_service.py": [
        (r"\n    entry_id: int \| None\n", "\n    note_id: int | None  # the note it was made from (column entry_id)\n"),
    ],
    "efh_desktop/gui/link_these_dialog.py": [(r"\b(_?)entry_id\b", r"\1note_id")],
    "efh_desktop/store/tables/records.py": [
        (r"notes \(entries\)", "notes"),
        (r'(class Note\(SQLModel, table=True\):\n    """A note recorded in the meeting, attributed to the agency that gave the '
         r'information\.)"""',
         r'\1\n\n    The table keeps its first name, "entry" (``NoteSubject`` keeps "entry_subject" and its\n'
         r'    column ``entry_id``): stored audit events name it, and renaming a table is a migration for no gain."""'),
    ],
    "docs/architecture.md": [
        (r"inserts an `Note` and its `NoteSubject` tags \(`store/tables/records.py`\)",
         "inserts a `Note` and its `NoteSubject` tags (`store/tables/records.py`; the tables keep\n"
         "   their first names, `entry` and `entry_subject`)"),
    ],
    "tests/test_search.py": [(r"\bentry_id\(", "note_id_starting(")],
    "tests/test_context_gui.py": [(r"\blink\.entry_id\b", "link.note_id")],
    "tests/test_relations.py": [(r"\brow\.entry_id\b", "row.note_id")],
}

SKIP_PREFIXES = ("db/versions/", "packaging/", "tools/rename_entry_to_note.py")


def tracked() -> list[str]:
    out = subprocess.run(["git", "ls-files", "*.py", "docs/architecture.md"], capture_output=True, text=True,
                         check=True).stdout.split()
    return [p for p in out if not p.startswith(SKIP_PREFIXES)]


def _function_span(text: str, name: str) -> tuple[int, int] | None:
    """Where ``def name(`` (a method, four spaces in) begins and its body ends."""
    m = re.search(rf"\n    def {name}\(", text)
    if m is None:
        return None
    nxt = re.search(r"\n    (def |@|# --)|\n\S", text[m.end():])
    return m.start(), m.end() + (nxt.start() if nxt else len(text) - m.end())


def rewrite(path: str, text: str) -> str:
    for pattern, repl in GLOBAL:
        text = re.sub(pattern, repl, text)
    for (file, function), rules in SCOPED.items():
        span = _function_span(text, function) if file == path else None
        if span is not None:
            body = text[span[0]:span[1]]
            for pattern, repl in rules:
                body = re.sub(pattern, repl, body)
            text = text[:span[0]] + body + text[span[1]:]
    for pattern, repl in LOCAL.get(path, ()):
        text = re.sub(pattern, repl, text)
    return text


def main() -> int:
    check = "--check" in sys.argv
    changed = []
    for path in tracked():
        file = Path(path)
        if not file.exists():
            continue
        before = file.read_text(encoding="utf-8")
        after = rewrite(path, before)
        if after != before:
            changed.append(path)
            if not check:
                file.write_text(after, encoding="utf-8")
    for path in changed:
        print(("would change " if check else "changed ") + path)
    if changed and not check:  # the renamed imports sort differently (Note after Meeting)
        subprocess.run([sys.executable, "-m", "ruff", "check", "--fix", "--select", "I", "-q", *changed], check=False)
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
