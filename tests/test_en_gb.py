"""Minutes are en-GB whatever the laptop's language: dates, times and month names come from the
project's own UK date rules (domain/uk_dates.py), never from the process locale, which Qt sets from
the system at start-up (a Welsh laptop once got "2 Tachwedd 2026" in its minutes)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tokenize
from datetime import date, datetime
from pathlib import Path

import pytest

from efh_desktop.domain.uk_dates import DAY_NAMES, MONTH_NAMES, format_date, format_datetime, weekday_name
from efh_desktop.domain.working_days import non_working_reason

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PACKAGE = PROJECT_ROOT / "efh_desktop"
# strftime directives whose output follows LC_TIME (names, AM/PM, the locale's own layouts).
LOCALE_DIRECTIVE = re.compile(r"%[aAbBcpxX]")
LOCALE_NAMES = re.compile(r"\bcalendar\.(month_name|month_abbr|day_name|day_abbr)\b|\bimport locale\b|"
                          r"\blocale\.(setlocale|nl_langinfo)\b")
WELSH = re.compile(r"\b(Ionawr|Chwefror|Ebrill|Mehefin|Gorffennaf|Awst|Hydref|Tachwedd|Rhagfyr|Llun|Mercher|"
                   r"Gwener|Sadwrn)\b")


def _strings_and_code(path: Path) -> tuple[list[tuple[int, str]], str]:
    """The string literals of a module (f-strings whole) and its code without comments."""
    strings, code = [], []
    for tok in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if tok.type == tokenize.STRING:
            strings.append((tok.start[0], tok.string))
        elif tok.type != tokenize.COMMENT:
            code.append(tok.string)
    return strings, " ".join(code)


def test_no_locale_dependent_date_formatting_in_the_package():
    offending = []
    for path in sorted(PACKAGE.rglob("*.py")):
        strings, code = _strings_and_code(path)
        rel = path.relative_to(PROJECT_ROOT)
        offending += [f"{rel}:{line}: {text}" for line, text in strings
                      if LOCALE_DIRECTIVE.search(text) and not text.lstrip("rbuf").startswith(('"""', "'''"))]
        offending += [f"{rel}: {m.group(0)}" for m in LOCALE_NAMES.finditer(code)]
    assert offending == [], "use efh_desktop.domain.uk_dates (format_date, weekday_name, MONTH_NAMES)"


def test_the_scanner_sees_format_specs_and_strftime():
    """Control for the test above: both ways of asking for a month name are caught."""
    assert LOCALE_DIRECTIVE.search('f"{day:%d %B %Y}"')
    assert LOCALE_DIRECTIVE.search("'%A'")
    assert not LOCALE_DIRECTIVE.search('f"{day:%Y-%m-%d}"')


def test_uk_names_are_english():
    assert format_date(date(2026, 11, 2), weekday=True) == "Monday 2 November 2026"
    assert format_datetime(datetime(2026, 6, 4, 16, 30, tzinfo=None)) == "4 June 2026, 5:30pm"
    assert [weekday_name(date(2026, 11, 2 + i)) for i in range(7)] == list(DAY_NAMES)
    assert [format_date(date(2026, m, 1)).split()[1] for m in range(1, 13)] == list(MONTH_NAMES)
    assert non_working_reason(date(2026, 11, 7)) == "a Saturday"


def _welsh_locale(folder: Path) -> dict[str, str]:
    """Environment for a process running under cy_GB.UTF-8, compiled into ``folder`` (no system
    change, no root needed); skips where the machine cannot compile locales."""
    localedef = shutil.which("localedef")
    if localedef is None:
        pytest.skip("localedef is not available to make a Welsh locale")
    made = subprocess.run([localedef, "-i", "cy_GB", "-f", "UTF-8", str(folder / "cy_GB.UTF-8")],
                          capture_output=True, text=True, timeout=120)
    if not (folder / "cy_GB.UTF-8").exists():
        pytest.skip(f"the Welsh locale could not be made: {made.stderr.strip()[:200]}")
    env = dict(os.environ)
    env.update(LOCPATH=str(folder), LC_ALL="cy_GB.UTF-8", LANG="cy_GB.UTF-8", QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])))
    return env


# The locale is taken from the environment as Qt does at start-up (setlocale(LC_ALL, "")); the
# control line proves the process really is in Welsh before the export runs.
UNDER_WELSH = """
import locale, sys, time
locale.setlocale(locale.LC_ALL, "")
print("control:", time.strftime("%B", (2026, 11, 2, 0, 0, 0, 0, 306, 0)))
from efh_desktop.cli import main
for argv in (["demo"], ["meetings"], ["export", "--meeting", "1", "--out", sys.argv[1], "--format", "txt,docx,pdf"]):
    code = main(argv)
    if code:
        sys.exit(code)
"""


def test_export_under_a_welsh_locale_is_en_gb(tmp_path):
    import docx
    import pypdf

    env = _welsh_locale(tmp_path)
    env.update(EFH_DATA_DIR=str(tmp_path / "data"), EFH_PASSPHRASE="fictional passphrase for a test")
    out = tmp_path / "out"
    out.mkdir()
    result = subprocess.run([sys.executable, "-c", UNDER_WELSH, str(out)], capture_output=True, text=True,
                            env=env, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "control: Tachwedd" in result.stdout, "the process did not run under the Welsh locale"
    listing = result.stdout.split("control: Tachwedd", 1)[1]
    text = (out / "minutes-EFH-000001.txt").read_text(encoding="utf-8")
    word = "\n".join(p.text for p in docx.Document(str(out / "minutes-EFH-000001.docx")).paragraphs)
    word += "\n".join(c.text for t in docx.Document(str(out / "minutes-EFH-000001.docx")).tables
                      for row in t.rows for c in row.cells)
    pdf = "".join(page.extract_text() for page in pypdf.PdfReader(out / "minutes-EFH-000001.pdf").pages)
    for name, rendered in (("meetings", listing), ("txt", text), ("docx", word), ("pdf", pdf)):
        assert "2 November 2026" in rendered, name
        assert WELSH.findall(rendered) == [], name
