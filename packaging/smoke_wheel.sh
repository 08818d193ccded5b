#!/usr/bin/env bash
# Install EFH Desktop the way a user or IT would, and use it: build the sdist and, from it, the
# wheel; install the wheel into a fresh virtual environment outside the repository; then, from a
# folder that is not the repository, run every headless command on fictional demo data. Anything
# that only works from a checkout (paths beside the source, files missing from the wheel) fails
# here. Any failure fails the script, and so CI.
#
#   bash packaging/smoke_wheel.sh            # uses python3; PYTHON=... to choose another
#   KEEP=1 bash packaging/smoke_wheel.sh     # keep the work folder to look at the files
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/efh-smoke-wheel.XXXXXX")"
START=$SECONDS
cleanup() { if [[ "${KEEP:-}" == 1 ]]; then echo "smoke_wheel: kept $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT
case "$WORK" in "$REPO"/*) echo "smoke_wheel: the work folder must be outside the repository" >&2; exit 1;; esac

step() { echo "smoke_wheel [$((SECONDS - START)) s]: $*"; }
fail() { echo "smoke_wheel: FAILED: $*" >&2; exit 1; }

export PIP_DISABLE_PIP_VERSION_CHECK=1 QT_QPA_PLATFORM=offscreen
# Nothing from the checkout may leak in.
unset PYTHONPATH EFH_DATA_DIR EFH_PASSPHRASE EFH_SEAL_PASSPHRASE

step "building the sdist, then the wheel from it"
"$PYTHON" -m venv "$WORK/build-venv"
"$WORK/build-venv/bin/python" -m pip install --quiet build
# Copy the tracked files only, so a stray file in the checkout cannot make the build pass.
mkdir "$WORK/src"
git -C "$REPO" ls-files -z --cached --others --exclude-standard \
    | (cd "$REPO" && tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$WORK/src"
"$WORK/build-venv/bin/python" -m build --outdir "$WORK/dist" "$WORK/src" >"$WORK/build.log" 2>&1 \
    || { cat "$WORK/build.log" >&2; fail "build"; }
WHEEL="$(ls "$WORK"/dist/*.whl)"
SDIST="$(ls "$WORK"/dist/*.tar.gz)"

step "checking the wheel and sdist carry resources/ and db/"
"$WORK/build-venv/bin/python" - "$WHEEL" "$SDIST" <<'EOF'
import sys, tarfile, zipfile
wheel, sdist = sys.argv[1:]
names = set(zipfile.ZipFile(wheel).namelist())
need = ["efh_desktop/resources/profiles/bristol.toml", "efh_desktop/resources/fonts/DejaVuSans.ttf",
        "efh_desktop/resources/fonts/DejaVuSans-Bold.ttf", "efh_desktop/resources/templates/word-template.docx",
        "efh_desktop/db/env.py", "efh_desktop/db/script.py.mako", "efh_desktop/db/versions/0001_initial.py",
        "efh_desktop/docs/user-guide.md"]
missing = [n for n in need if n not in names]
with tarfile.open(sdist) as tar:
    snames = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
missing += [f"sdist: {n}" for n in ("resources/profiles/bristol.toml", "resources/fonts/DejaVuSans.ttf",
                                    "resources/templates/word-template.docx", "db/env.py", "db/versions/0001_initial.py")
            if n not in snames]
if missing:
    sys.exit("missing: " + ", ".join(missing))
print(f"  wheel: {len(names)} files; sdist: {len(snames)} files")
EOF

step "installing the wheel into a fresh virtual environment"
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --quiet "$WHEEL" >"$WORK/install.log" 2>&1 \
    || { cat "$WORK/install.log" >&2; fail "pip install of the wheel"; }
APP="$WORK/venv/bin/efh-desktop"

mkdir -p "$WORK/elsewhere" "$WORK/out/all" "$WORK/out/disclosure" "$WORK/shots"
cd "$WORK/elsewhere"
"$WORK/venv/bin/python" - "$REPO" <<'EOF' || fail "efh_desktop is imported from the repository"
import sys
import efh_desktop, efh_desktop.paths as p
repo = sys.argv[1]
for path in (efh_desktop.__file__, p.RESOURCES_DIR, p.MIGRATIONS_DIR):
    assert not str(path).startswith(repo), path
print(f"  installed at {efh_desktop.__file__}")
EOF

# Fictional demo data only, in a data folder of the smoke run's own. PYTHONTZPATH is emptied so the
# UK time zone must come from the tzdata package (as on Windows), not from the system.
export EFH_DATA_DIR="$WORK/data" EFH_PASSPHRASE="fictional smoke-test passphrase" PYTHONTZPATH=
run() { step "efh-desktop $*"; "$APP" "$@" >"$WORK/last.out" 2>"$WORK/last.err" \
    || { cat "$WORK/last.out" "$WORK/last.err" >&2; fail "efh-desktop $*"; }; cat "$WORK/last.out" | sed 's/^/  /' | head -8; }
nonempty() { for f in "$@"; do [[ -s "$f" ]] || fail "$f was not written"; done; }

run --version
run demo
run meetings
MEETING="$(awk -F'\t' '$4 == "Ended" {print $1; exit}' "$WORK/last.out")"
[[ -n "$MEETING" ]] || fail "the demo data has no ended meeting to export"
run check
grep -q "^quick check: ok" "$WORK/last.out" || fail "check did not report ok"

run export --meeting "$MEETING" --out "$WORK/out/all" --format pdf,docx,txt --per-child
REF="$(printf 'EFH-%06d' "$MEETING")"
nonempty "$WORK/out/all/minutes-$REF.pdf" "$WORK/out/all/minutes-$REF.docx" "$WORK/out/all/minutes-$REF.txt"
ls "$WORK/out/all"/minutes-"$REF"-record-*.pdf >/dev/null 2>&1 || fail "no record copy per child"
"$WORK/venv/bin/python" - "$WORK/out/all/minutes-$REF.pdf" "$WORK/out/all/minutes-$REF.docx" <<'EOF' || fail "exports are not what they claim"
import sys, zipfile
import pypdf
pdf, docx = sys.argv[1:]
reader = pypdf.PdfReader(pdf)
fonts = {str(f.get_object()["/BaseFont"]) for page in reader.pages
         for f in (page["/Resources"].get("/Font") or {}).values()}
# The packaged DejaVu Sans, embedded; never ReportLab's own Vera (no Welsh ŵ/ŷ, Polish or Cyrillic
# letters). ReportLab's canvas also names Helvetica, which no text of ours is set in.
assert any(f.endswith("+DejaVuSans") for f in fonts), fonts
assert not [f for f in fonts if "Vera" in f], fonts
assert "word/document.xml" in zipfile.ZipFile(docx).namelist()
text = "".join(page.extract_text() for page in reader.pages)
assert "November 2026" in text, "the minutes do not carry an en-GB date"
print(f"  {len(reader.pages)} PDF pages, fonts {sorted(fonts)}")
EOF

# A disclosure copy. Disclosure copies fail closed (issue 10): while review points are open, or
# before a second person approves, the command refuses and writes nothing. That documented refusal
# is the only failure tolerated. Where the CLI offers --decisions and --approved-by, the script then
# does what a manager would: a decisions file masking every doubt (withholding with the first basis
# offered), a fictional senior manager's approval, and the copy must then be written.
CHILD="$(basename "$(ls "$WORK"/out/all/minutes-"$REF"-record-*.pdf | head -1)" .pdf)"
CHILD="${CHILD#minutes-$REF-record-}"
DISCLOSURE=(export --meeting "$MEETING" --out "$WORK/out/disclosure" --format pdf,docx,txt --disclosure-for "$CHILD")
disclosure_written() { nonempty "$WORK/out/disclosure/minutes-$REF-disclosure-$CHILD.pdf" \
    "$WORK/out/disclosure/minutes-$REF-disclosure-$CHILD.docx" "$WORK/out/disclosure/minutes-$REF-disclosure-$CHILD.txt"; }
step "efh-desktop ${DISCLOSURE[*]}"
if "$APP" "${DISCLOSURE[@]}" >"$WORK/last.out" 2>"$WORK/last.err"; then
    disclosure_written
elif grep -qiE "nothing written|undecided|open suspect|still to (be )?decide|decisions? file|approv" \
        "$WORK/last.out" "$WORK/last.err"; then
    if ls "$WORK/out/disclosure"/*disclosure* >/dev/null 2>&1; then fail "a refused disclosure copy was written"; fi
    echo "  refused, nothing written (expected: disclosure copies fail closed)"
    sed 's/^/    /' "$WORK/last.err" | head -3
    if "$APP" export --help | grep -q -- "--decisions" && "$APP" export --help | grep -q -- "--approved-by"; then
        "$WORK/venv/bin/python" - "$WORK/last.out" "$WORK/decisions.json" <<'PY' || fail "could not read the open points"
import json, re, sys
out, target = sys.argv[1:]
child, decisions = None, []
for line in open(out, encoding="utf-8"):
    if m := re.match(r"Disclosure copy \S+ \(child (\d+)\)", line):
        child = int(m.group(1))
    elif (m := re.match(r"\s+suspect (\S+):", line)) and child is not None:
        decisions.append({"child": child, "key": m.group(1), "decision": "mask",
                          "reason": "smoke test: mask every doubt"})
    elif (m := re.match(r"\s+withheld (\S+):", line)) and child is not None:
        decisions.append({"child": child, "key": m.group(1), "decision": "withhold"})
    elif (m := re.search(r"decide withhold with a basis: ([^,\s]+)", line)) and decisions \
            and decisions[-1]["decision"] == "withhold":
        decisions[-1]["basis"] = m.group(1)
json.dump({"decisions": decisions}, open(target, "w", encoding="utf-8"))
print(f"  {len(decisions)} point(s) decided in a decisions file")
PY
        step "efh-desktop ${DISCLOSURE[*]} --decisions FILE --approved-by (a fictional senior manager)"
        "$APP" "${DISCLOSURE[@]}" --decisions "$WORK/decisions.json" --approved-by "Morgan Achebe (fictional)" \
            --approver-role "Senior manager" >"$WORK/last.out" 2>"$WORK/last.err" \
            || { cat "$WORK/last.out" "$WORK/last.err" >&2; fail "the decided and approved disclosure copy"; }
        disclosure_written
    fi
else
    cat "$WORK/last.out" "$WORK/last.err" >&2; fail "export --disclosure-for $CHILD"
fi

export EFH_SEAL_PASSPHRASE="fictional smoke-test seal phrase"
run meeting-export --meeting "$MEETING" --out "$WORK/meeting.efhmeeting" --seal
nonempty "$WORK/meeting.efhmeeting"
# Into a second laptop's store (its own demo data, its own passphrase), twice: the second changes nothing.
EFH_DATA_DIR="$WORK/data2" run demo
EFH_DATA_DIR="$WORK/data2" run meeting-import "$WORK/meeting.efhmeeting"
grep -q "imported as" "$WORK/last.out" || fail "the meeting was not imported"
EFH_DATA_DIR="$WORK/data2" run meeting-import "$WORK/meeting.efhmeeting"
grep -q "nothing changed" "$WORK/last.out" || fail "a second import changed something"

run backup --out "$WORK/backup.db"
nonempty "$WORK/backup.db" "$WORK/backup.db.keyheader"

run screenshots --out "$WORK/shots"
[[ "$(ls "$WORK"/shots/*.png | wc -l)" -ge 5 ]] || fail "too few screenshots"

step "passed"
