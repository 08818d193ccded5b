"""The package carries its own data (resources/, db/) and finds it through importlib.resources; a
missing font or Word template stops an export with a clear message instead of a second-best file.

The wheel itself is built, installed outside the repository and driven by packaging/smoke_wheel.sh
(run by .ci/run); these tests guard the configuration that script relies on.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from efh_desktop import paths

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
# Files that are in the repository's data folders on purpose but not in the wheel.
NOT_SHIPPED = {"resources/templates/make_word_template.py"}


def test_every_subpackage_is_listed_for_the_wheel():
    """pyproject lists packages by hand (find cannot map resources/ and db/ into the package), so a
    new subpackage left off the list would be missing from every installed copy."""
    found = {".".join(p.parent.relative_to(PROJECT_ROOT).parts) for p in (PROJECT_ROOT / "efh_desktop").rglob("__init__.py")}
    listed = set(SETUPTOOLS["packages"])
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    assert {"efh_desktop.resources", "efh_desktop.db"} <= listed


@pytest.mark.parametrize(("package", "folder"), [("efh_desktop.resources", "resources"), ("efh_desktop.db", "db")])
def test_every_data_file_is_matched_by_package_data(package, folder):
    assert SETUPTOOLS["package-dir"][package] == folder
    patterns = SETUPTOOLS["package-data"][package]
    root = PROJECT_ROOT / folder
    missing = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        # Top-level .py files are the package's own modules (db/env.py), shipped as code.
        is_module = "/" not in rel and rel.endswith(".py")
        if path.is_dir() or "__pycache__" in rel or is_module or f"{folder}/{rel}" in NOT_SHIPPED:
            continue
        if not any(fnmatch.fnmatchcase(rel, pattern) for pattern in patterns):
            missing.append(rel)
    assert missing == [], f"not in the wheel: add a pattern to package-data for {package}"


def test_data_folders_come_from_importlib_resources():
    assert paths.RESOURCES_DIR == Path(str(resources.files("efh_desktop.resources")))
    assert paths.MIGRATIONS_DIR == Path(str(resources.files("efh_desktop.db")))
    assert (paths.RESOURCES_DIR / "profiles" / "bristol.toml").is_file()
    assert (paths.MIGRATIONS_DIR / "env.py").is_file()


def test_default_profile_is_the_packaged_one():
    from efh_desktop.domain.profile import DEFAULT_PROFILE_PATH

    assert DEFAULT_PROFILE_PATH == paths.RESOURCES_DIR / "profiles" / "bristol.toml"


def test_no_code_builds_paths_beside_the_checkout():
    """Paths like ``Path(__file__).parents[2] / "resources"`` work in a checkout and nowhere else."""
    offending = []
    for path in (PROJECT_ROOT / "efh_desktop").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for needle in ('/ "resources"', '/ "db"', "parents[1]", "parents[2]", "PROJECT_ROOT"):
            if needle in text:
                offending.append(f"{path.relative_to(PROJECT_ROOT)}: {needle}")
    assert offending == []


def test_a_missing_data_package_is_named():
    with pytest.raises(paths.MissingPackageData, match="efh_desktop.nothing_here is missing"):
        paths.package_folder("efh_desktop.nothing_here")


def test_missing_font_stops_the_pdf_with_a_clear_message(monkeypatch, tmp_path):
    from efh_desktop.error_text import user_message
    from efh_desktop.export import pdf_fonts

    # As if nothing were registered yet, in a folder without the fonts: no fallback to Vera.
    monkeypatch.setattr(pdf_fonts.pdfmetrics, "getRegisteredFontNames", lambda: [])
    monkeypatch.setattr(pdf_fonts, "RESOURCES_DIR", tmp_path)
    with pytest.raises(paths.MissingPackageData, match=r"DejaVuSans\.ttf is missing") as caught:
        pdf_fonts.register_fonts()
    assert "reinstall" in user_message(caught.value)


def test_missing_word_template_stops_the_docx_with_a_clear_message(monkeypatch, tmp_path):
    from efh_desktop.export import minutes_docx
    from tests.test_minutes_renderers import minutes

    monkeypatch.setattr(minutes_docx, "TEMPLATE", tmp_path / "word-template.docx")
    with pytest.raises(paths.MissingPackageData, match=r"word-template\.docx is missing"):
        minutes_docx.render_minutes_docx(minutes())


def test_packaged_fonts_are_the_ones_used():
    from reportlab.pdfbase import pdfmetrics

    from efh_desktop.export import pdf_fonts

    pdf_fonts.register_fonts()
    face = pdfmetrics.getFont(pdf_fonts.FONT).face
    assert Path(face.filename).resolve() == (paths.RESOURCES_DIR / "fonts" / "DejaVuSans.ttf").resolve()


def test_build_backend_licence_and_pins():
    requires = PYPROJECT["build-system"]["requires"]
    assert any(r.startswith("setuptools>=77,<") for r in requires), requires
    assert PYPROJECT["project"]["license"] == "LicenseRef-Proprietary"
    deps = {d.split(">")[0].split("=")[0].split("!")[0].strip(): d for d in PYPROJECT["project"]["dependencies"]}
    assert deps["sqlcipher3"].startswith("sqlcipher3>=0.6.2")
    assert deps["PySide6-Essentials"].startswith("PySide6-Essentials>=6.8,!=6.12.0")


def _lock() -> dict[str, tuple[str, str]]:
    """packaging/bundle-requirements.txt as {normalised name: (version, the entry's text)}."""
    text = (PROJECT_ROOT / "packaging" / "bundle-requirements.txt").read_text(encoding="utf-8")
    entries: dict[str, tuple[str, str]] = {}
    for block in re.split(r"\n(?=[a-z0-9])", text):
        match = re.match(r"([a-z0-9][a-z0-9._-]*)==([^ ;\\\n]+)", block)
        if match:
            entries[re.sub(r"[-_.]+", "-", match.group(1).lower())] = (match.group(2), block)
    return entries


def test_bundle_lock_is_hashed_and_satisfies_pyproject():
    """The bundle is built only from the lock (pip --require-hashes): a dependency added to
    pyproject without refreshing it (packaging/lock_bundle.sh) would break that build."""
    from packaging.requirements import Requirement

    lock = _lock()
    assert lock, "the lock file lists nothing"
    assert [name for name, (_, block) in lock.items() if "--hash=sha256:" not in block] == []
    stale = []
    for text in PYPROJECT["project"]["dependencies"] + PYPROJECT["build-system"]["requires"] + ["pyinstaller"]:
        req = Requirement(text)
        name = re.sub(r"[-_.]+", "-", req.name.lower())
        if name not in lock or not req.specifier.contains(lock[name][0], prereleases=True):
            stale.append(text)
    assert stale == [], "run packaging/lock_bundle.sh and commit packaging/bundle-requirements.txt"


# Fixed for ever: Windows Installer recognises an older EFH Desktop to upgrade by this code alone.
UPGRADE_CODE = "9FA492DD-7CCF-4D03-ABF4-7A89A104AAB2"


def test_installer_recipes_are_well_formed():
    """The MSI and .app recipes cannot be built here (packaging/README.md); at least they parse, and
    the MSI keeps its UpgradeCode, per-user default and major-upgrade rule."""
    import shutil
    import subprocess
    import xml.etree.ElementTree as ET

    ns = {"w": "http://wixtoolset.org/schemas/v4/wxs"}
    package = ET.parse(PROJECT_ROOT / "packaging" / "windows" / "efh-desktop.wxs").getroot().find("w:Package", ns)
    assert package is not None
    assert package.get("UpgradeCode") == UPGRADE_CODE
    assert package.get("Scope") == "perUserOrMachine"
    assert package.find("w:MajorUpgrade", ns) is not None
    ET.parse(PROJECT_ROOT / "packaging" / "macos" / "entitlements.plist")
    compile((PROJECT_ROOT / "packaging" / "efh-desktop.spec").read_text(encoding="utf-8"), "efh-desktop.spec", "exec")
    bash = shutil.which("bash")
    if bash:
        for script in sorted((PROJECT_ROOT / "packaging").glob("*.sh")):
            checked = subprocess.run([bash, "-n", str(script)], capture_output=True, text=True, timeout=30)
            assert checked.returncode == 0, f"{script.name}: {checked.stderr}"
