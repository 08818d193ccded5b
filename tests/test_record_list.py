"""The live list's rows carry their own measured height (gui/panels/record_list.py, issue 17): a
row is never shorter than Qt's own delegate would make it for its text at the width it is shown,
so nothing is cut off, at any width, for text in many scripts; and a new width measures again."""

from __future__ import annotations

from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from efh_desktop.gui.panels.record_list import RecordList

TEXTS = [
    "Note · Police · 10:05am\nShort.\nAbout: nobody tagged",
    "Note · Children's Services · 10:07am\n" + "Kai was seen near the canal with older boys after dark. " * 12
    + "\nAbout: Kai Testmarlow",
    "Action · Zoë Ng · Police · due 14 December 2026\nVisit Łukasz, Dafydd and İpek at home; ask about Straße 9"
    "\nAbout: nobody tagged",
    "Note · Health – CAMHS · 11:00am\n" + "مرحبا بالعالم هذا نص طويل " * 15 + "\nAbout: nobody tagged",
    "Decision · 11:30am\n" + "Refer to the exploitation panel and the First Response team without delay " * 6,
]


def _qt_height(view: RecordList, row: int) -> int:
    """What Qt's default delegate measures for the row at the width the view actually gives it."""
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(view.model().index(row, 0))
    item = view.item(row)
    item.setSizeHint(item.sizeHint().__class__())  # measure the text itself, not the hint
    try:
        return QStyledItemDelegate().sizeHint(option, view.model().index(row, 0)).height()
    finally:
        view.measure(item)


def test_rows_are_never_shorter_than_their_text_at_any_width(qtbot):
    view = RecordList()
    qtbot.addWidget(view)
    view.show()
    for width in (320, 560, 900):
        view.resize(width, 400)
        qtbot.waitUntil(lambda w=width: view.width() == w)
        view.clear()
        for text in TEXTS * 3:
            view.add_record(view_item(text))
        view.scrollToBottom()
        qtbot.wait(10)
        for row in range(view.count()):
            assert view.item(row).sizeHint().height() >= _qt_height(view, row), (width, row)
        # Two lines of slack at most: the row is not padded out of proportion.
        line = view.fontMetrics().lineSpacing()
        assert all(view.item(r).sizeHint().height() <= _qt_height(view, r) + 2 * line for r in range(view.count()))


def test_a_narrower_list_measures_its_rows_again(qtbot):
    view = RecordList()
    qtbot.addWidget(view)
    view.show()
    view.resize(900, 400)
    view.add_record(view_item(TEXTS[1]))
    wide = view.item(0).sizeHint().height()
    view.resize(320, 400)
    qtbot.waitUntil(lambda: view.item(0).sizeHint().height() > wide)


def view_item(text: str):
    from PySide6.QtWidgets import QListWidgetItem

    return QListWidgetItem(text)


def test_a_row_in_its_own_font_and_a_list_in_a_bigger_font_are_measured_in_them(qtbot):
    view = RecordList()
    qtbot.addWidget(view)
    view.show()
    view.resize(560, 400)
    plain, big = view_item(TEXTS[2]), view_item(TEXTS[2])
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    big.setFont(font)
    for item in (plain, big):
        view.add_record(item)
    assert big.sizeHint().height() > plain.sizeHint().height()
    assert big.sizeHint().height() >= _qt_height(view, 1)
    before = plain.sizeHint().height()
    view.setFont(font)  # the whole list: every row is measured again, in the list's new font
    qtbot.waitUntil(lambda: plain.sizeHint().height() > before)
    assert plain.sizeHint().height() >= _qt_height(view, 0)
