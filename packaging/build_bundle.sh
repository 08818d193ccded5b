#!/usr/bin/env bash
# Build the PyInstaller one-folder bundle and smoke-test it as a clean machine would run it.
#
#   bash packaging/build_bundle.sh              # → build/bundle/dist/efh-desktop/
#   SKIP_SMOKE=1 bash packaging/build_bundle.sh # build only (the Windows/macOS workflow smokes itself)
#
# 1. A fresh venv with everything from packaging/bundle-requirements.txt, hash-checked (pip
#    --require-hashes): PyInstaller, its hooks, the project's dependencies and the build backend.
# 2. The project's own wheel built and installed into it (no build isolation: the backend is the
#    locked one), so the bundle freezes the installed package with resources/ and db/ inside.
# 3. pyinstaller packaging/efh-desktop.spec: efh-desktop (window) and efh-desktop-cli (console).
# 4. Smoke test from another folder with PYTHONTZPATH= (no system time-zone data, as on Windows):
#    --version, demo, meetings, check, export pdf+docx, screenshots.
# Runs on Linux here and in CI; on Windows use Git Bash (the paths below adapt) or the workflow in
# packaging/ci/.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
WORK="${BUNDLE_WORK:-$REPO/build/bundle}"
START=$SECONDS
step() { echo "build_bundle [$((SECONDS - START)) s]: $*"; }
fail() { echo "build_bundle: FAILED: $*" >&2; exit 1; }

export PIP_DISABLE_PIP_VERSION_CHECK=1
# A machine-wide pip constraint (some build machines cap torch and the like) has no hashes and would
# stop hash-checking mode; the lock is the only constraint the bundle build follows.
export PIP_CONSTRAINT=
unset PYTHONPATH EFH_DATA_DIR EFH_PASSPHRASE EFH_SEAL_PASSPHRASE

rm -rf "$WORK"
mkdir -p "$WORK"
BIN=bin; EXE=""
case "$(uname -s)" in MINGW*|MSYS*|CYGWIN*) BIN=Scripts; EXE=.exe;; esac

step "fresh venv from the hash-checked lock"
"$PYTHON" -m venv "$WORK/venv"
VPY="$WORK/venv/$BIN/python$EXE"
"$VPY" -m pip install --quiet --require-hashes -r "$REPO/packaging/bundle-requirements.txt" \
    >"$WORK/pip.log" 2>&1 || { cat "$WORK/pip.log" >&2; fail "installing the lock"; }

step "the project's wheel, built with the locked backend"
# Built from a copy of the tracked files, so nothing in the checkout (build/, egg-info) is touched.
mkdir "$WORK/src"
git -C "$REPO" ls-files -z --cached --others --exclude-standard \
    | (cd "$REPO" && tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$WORK/src"
"$VPY" -m pip wheel --quiet --no-deps --no-build-isolation -w "$WORK/wheel" "$WORK/src" >"$WORK/wheel.log" 2>&1 \
    || { cat "$WORK/wheel.log" >&2; fail "building the wheel"; }
"$VPY" -m pip install --quiet --no-deps "$WORK"/wheel/efh_desktop-*.whl
"$VPY" -m pip check

step "pyinstaller"
BUILD_START=$SECONDS
(cd "$WORK" && "$VPY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$WORK/dist" --workpath "$WORK/pyi-work" "$REPO/packaging/efh-desktop.spec") \
    >"$WORK/pyinstaller.log" 2>&1 || { tail -40 "$WORK/pyinstaller.log" >&2; fail "pyinstaller"; }
BUILD_SECONDS=$((SECONDS - BUILD_START))
BUNDLE="$WORK/dist/efh-desktop"
[[ -x "$BUNDLE/efh-desktop$EXE" && -x "$BUNDLE/efh-desktop-cli$EXE" ]] || fail "the two executables are not in $BUNDLE"
SIZE="$(du -sh "$BUNDLE" | cut -f1)"
step "bundle built in ${BUILD_SECONDS} s: $BUNDLE ($SIZE)"
[[ -z "$(find "$BUNDLE" -path '*translations*' -name '*.qm' | head -1)" ]] || fail "Qt translations were not trimmed"

if [[ "${SKIP_SMOKE:-}" == 1 ]]; then step "smoke test skipped (SKIP_SMOKE=1)"; exit 0; fi

step "smoke test from another folder, PYTHONTZPATH= (no system time zones)"
SMOKE="$(mktemp -d "${TMPDIR:-/tmp}/efh-smoke-bundle.XXXXXX")"
trap 'rm -rf "$SMOKE"' EXIT
mkdir -p "$SMOKE/out" "$SMOKE/shots"
cd "$SMOKE"
export QT_QPA_PLATFORM=offscreen PYTHONTZPATH= EFH_DATA_DIR="$SMOKE/data" \
    EFH_PASSPHRASE="fictional bundle smoke-test passphrase"
CLI="$BUNDLE/efh-desktop-cli$EXE"
run() { local exe="$1"; shift; step "$(basename "$exe") $*"
    "$exe" "$@" >"$SMOKE/last.out" 2>"$SMOKE/last.err" || { cat "$SMOKE/last.out" "$SMOKE/last.err" >&2; fail "$*"; }
    sed 's/^/  /' "$SMOKE/last.out" | head -6; }

run "$CLI" --version
run "$BUNDLE/efh-desktop$EXE" --version
run "$CLI" demo
run "$CLI" meetings
MEETING="$(awk -F'\t' '$4 == "Ended" {print $1; exit}' "$SMOKE/last.out")"
[[ -n "$MEETING" ]] || fail "no ended meeting in the demo data"
grep -q "November 2026" "$SMOKE/last.out" || fail "meetings are not listed with en-GB dates"
run "$CLI" check
grep -q "^quick check: ok" "$SMOKE/last.out" || fail "check did not report ok"
run "$CLI" export --meeting "$MEETING" --out "$SMOKE/out" --format pdf,docx
REF="$(printf 'EFH-%06d' "$MEETING")"
for f in "$SMOKE/out/minutes-$REF.pdf" "$SMOKE/out/minutes-$REF.docx"; do [[ -s "$f" ]] || fail "$f not written"; done
[[ "$(head -c 4 "$SMOKE/out/minutes-$REF.pdf")" == "%PDF" ]] || fail "the PDF is not a PDF"
[[ "$(head -c 2 "$SMOKE/out/minutes-$REF.docx")" == "PK" ]] || fail "the Word file is not a .docx"
run "$BUNDLE/efh-desktop$EXE" screenshots --out "$SMOKE/shots"
[[ "$(ls "$SMOKE"/shots/*.png | wc -l)" -ge 5 ]] || fail "too few screenshots"
step "passed: bundle built in ${BUILD_SECONDS} s, $SIZE"
