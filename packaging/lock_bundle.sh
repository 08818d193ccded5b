#!/usr/bin/env bash
# Refresh packaging/bundle-requirements.txt: every package the bundle build installs, pinned, with
# the hashes of every file PyPI has for that version (so the same lock serves Windows, macOS and
# Linux builds). Run after changing dependencies in pyproject.toml or bundle-requirements.in, and
# commit the result; build_bundle.sh installs from it with pip --require-hashes.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
TOOLS="$(mktemp -d "${TMPDIR:-/tmp}/efh-lock.XXXXXX")"
trap 'rm -rf "$TOOLS"' EXIT
python3 -m venv "$TOOLS/venv"
"$TOOLS/venv/bin/python" -m pip install --quiet --disable-pip-version-check 'uv>=0.5,<1'
cd "$REPO"
"$TOOLS/venv/bin/uv" pip compile pyproject.toml packaging/bundle-requirements.in \
    --universal --python-version 3.11 --generate-hashes --no-header --quiet \
    --output-file packaging/bundle-requirements.txt
echo "packaging/bundle-requirements.txt: $(grep -c '^[a-z0-9]' packaging/bundle-requirements.txt) packages"
