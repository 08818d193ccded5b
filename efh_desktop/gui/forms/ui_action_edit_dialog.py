# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'action_edit_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QPlainTextEdit, QSizePolicy, QWidget)

class Ui_ActionEditDialog(object):
    def setupUi(self, action_edit_dialog):
        if not action_edit_dialog.objectName():
            action_edit_dialog.setObjectName(u"action_edit_dialog")
        self.form = QFormLayout(action_edit_dialog)
        self.form.setObjectName(u"form")
        self.what_label = QLabel(action_edit_dialog)
        self.what_label.setObjectName(u"what_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.what_label)

        self.what_will_be_done = QPlainTextEdit(action_edit_dialog)
        self.what_will_be_done.setObjectName(u"what_will_be_done")
        self.what_will_be_done.setMinimumSize(QSize(0, 60))
        self.what_will_be_done.setMaximumSize(QSize(16777215, 60))
        self.what_will_be_done.setTabChangesFocus(True)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.what_will_be_done)

        self.owner_label = QLabel(action_edit_dialog)
        self.owner_label.setObjectName(u"owner_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.owner_label)

        self.owner = QLineEdit(action_edit_dialog)
        self.owner.setObjectName(u"owner")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.owner)

        self.agency_label = QLabel(action_edit_dialog)
        self.agency_label.setObjectName(u"agency_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.agency_label)

        self.agency = QComboBox(action_edit_dialog)
        self.agency.setObjectName(u"agency")
        self.agency.setEditable(True)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.agency)

        self.due_label = QLabel(action_edit_dialog)
        self.due_label.setObjectName(u"due_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.due_label)

        self.due = QLineEdit(action_edit_dialog)
        self.due.setObjectName(u"due")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.due)

        self.due_shown = QLabel(action_edit_dialog)
        self.due_shown.setObjectName(u"due_shown")
        self.due_shown.setTextFormat(Qt.TextFormat.PlainText)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.due_shown)

        self.note_label = QLabel(action_edit_dialog)
        self.note_label.setObjectName(u"note_label")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.note_label)

        self.completion_note = QPlainTextEdit(action_edit_dialog)
        self.completion_note.setObjectName(u"completion_note")
        self.completion_note.setMinimumSize(QSize(0, 50))
        self.completion_note.setMaximumSize(QSize(16777215, 50))
        self.completion_note.setTabChangesFocus(True)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.completion_note)

        self.error = QLabel(action_edit_dialog)
        self.error.setObjectName(u"error")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)

        self.form.setWidget(6, QFormLayout.ItemRole.SpanningRole, self.error)

        self.buttons = QDialogButtonBox(action_edit_dialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.form.setWidget(7, QFormLayout.ItemRole.SpanningRole, self.buttons)

#if QT_CONFIG(shortcut)
        self.what_label.setBuddy(self.what_will_be_done)
        self.owner_label.setBuddy(self.owner)
        self.agency_label.setBuddy(self.agency)
        self.due_label.setBuddy(self.due)
        self.note_label.setBuddy(self.completion_note)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.what_will_be_done, self.owner)
        QWidget.setTabOrder(self.owner, self.agency)
        QWidget.setTabOrder(self.agency, self.due)
        QWidget.setTabOrder(self.due, self.completion_note)

        self.retranslateUi(action_edit_dialog)

        QMetaObject.connectSlotsByName(action_edit_dialog)
    # setupUi

    def retranslateUi(self, action_edit_dialog):
        action_edit_dialog.setWindowTitle(QCoreApplication.translate("ActionEditDialog", u"Change the action", None))
        self.what_label.setText(QCoreApplication.translate("ActionEditDialog", u"&What:", None))
#if QT_CONFIG(accessibility)
        self.what_will_be_done.setAccessibleName(QCoreApplication.translate("ActionEditDialog", u"What will be done", None))
#endif // QT_CONFIG(accessibility)
        self.owner_label.setText(QCoreApplication.translate("ActionEditDialog", u"&Owner:", None))
#if QT_CONFIG(accessibility)
        self.owner.setAccessibleName(QCoreApplication.translate("ActionEditDialog", u"Owner", None))
#endif // QT_CONFIG(accessibility)
        self.agency_label.setText(QCoreApplication.translate("ActionEditDialog", u"A&gency:", None))
#if QT_CONFIG(accessibility)
        self.agency.setAccessibleName(QCoreApplication.translate("ActionEditDialog", u"Agency", None))
#endif // QT_CONFIG(accessibility)
        self.due_label.setText(QCoreApplication.translate("ActionEditDialog", u"&Due:", None))
#if QT_CONFIG(tooltip)
        self.due.setToolTip(QCoreApplication.translate("ActionEditDialog", u"4/12/2026, 4 December, in 2 weeks, next meeting; empty for no date", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.due.setAccessibleName(QCoreApplication.translate("ActionEditDialog", u"Due", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.due.setAccessibleDescription(QCoreApplication.translate("ActionEditDialog", u"4/12/2026, 4 December, in 2 weeks, next meeting; empty for no date", None))
#endif // QT_CONFIG(accessibility)
        self.note_label.setText(QCoreApplication.translate("ActionEditDialog", u"Completion &note:", None))
#if QT_CONFIG(accessibility)
        self.completion_note.setAccessibleName(QCoreApplication.translate("ActionEditDialog", u"Completion note", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

