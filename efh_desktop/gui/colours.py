"""Colours for meaning (a problem, a warning, done, the current item, quiet text), taken from the
palette in use: one set for a light palette and one for a dark one, each at least WCAG AA (4.5:1)
against both the window and the list background of that palette (tests/test_colours.py measures
every colour a screen uses). Nothing else in the window hard-codes a text colour.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

ROLES = ("problem", "warning", "done", "accent", "muted")
LIGHT = {"problem": "#a4000f", "warning": "#8a4b00", "done": "#1d6b2f", "accent": "#1f4e79", "muted": "#4d4d4d"}
DARK = {"problem": "#ff9c94", "warning": "#ffc470", "done": "#8fd19e", "accent": "#9ecbff", "muted": "#c4c4c4"}


def _palette(palette: QPalette | None) -> QPalette:
    if palette is not None:
        return palette
    app = QApplication.instance()
    return app.palette() if app is not None else QPalette()


def is_dark(palette: QPalette | None = None) -> bool:
    """A dark palette: the window background is darker than its text."""
    pal = _palette(palette)
    return pal.color(QPalette.ColorRole.Window).lightnessF() < pal.color(QPalette.ColorRole.WindowText).lightnessF()


def colour(role: str, palette: QPalette | None = None) -> QColor:
    if role not in ROLES:
        raise ValueError(f"unknown colour role {role!r}")
    return QColor((DARK if is_dark(palette) else LIGHT)[role])


def style(role: str, *, bold: bool = False, extra: str = "") -> str:
    """A style sheet for a label in this role's colour."""
    return f"color: {colour(role).name()};" + (" font-weight: 600;" if bold else "") + (f" {extra}" if extra else "")


def _luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG 2 contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def dark_palette() -> QPalette:
    """A dark palette for Fusion (as a dark desktop gives): `efh-desktop --palette dark` and the
    dark screenshots use it."""
    pal = QPalette()
    roles = QPalette.ColorRole
    for role, value in ((roles.Window, "#2b2b2b"), (roles.WindowText, "#e8e8e8"), (roles.Base, "#1f1f1f"),
                        (roles.AlternateBase, "#292929"), (roles.Text, "#e8e8e8"), (roles.Button, "#353535"),
                        (roles.ButtonText, "#e8e8e8"), (roles.ToolTipBase, "#353535"), (roles.ToolTipText, "#e8e8e8"),
                        (roles.Highlight, "#3d6fa8"), (roles.HighlightedText, "#ffffff"), (roles.Link, "#9ecbff"),
                        (roles.PlaceholderText, "#a0a0a0"), (roles.BrightText, "#ffffff")):
        pal.setColor(role, QColor(value))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#8a8a8a"))
    return pal
