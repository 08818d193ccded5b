# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'export_dialog.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialog,
    QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_ExportDialog(object):
    def setupUi(self, export_dialog):
        if not export_dialog.objectName():
            export_dialog.setObjectName(u"export_dialog")
        export_dialog.resize(820, 760)
        self.layout = QVBoxLayout(export_dialog)
        self.layout.setObjectName(u"layout")
        self.warning = QLabel(export_dialog)
        self.warning.setObjectName(u"warning")
        self.warning.setWordWrap(True)

        self.layout.addWidget(self.warning)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.copies_label = QLabel(export_dialog)
        self.copies_label.setObjectName(u"copies_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.copies_label)

        self.full_minutes = QCheckBox(export_dialog)
        self.full_minutes.setObjectName(u"full_minutes")
        self.full_minutes.setChecked(True)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.full_minutes)

        self.record_copies = QCheckBox(export_dialog)
        self.record_copies.setObjectName(u"record_copies")
        self.record_copies.setChecked(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.record_copies)

        self.disclosure_label = QLabel(export_dialog)
        self.disclosure_label.setObjectName(u"disclosure_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.disclosure_label)

        self.disclosure_copy_for = QComboBox(export_dialog)
        self.disclosure_copy_for.setObjectName(u"disclosure_copy_for")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.disclosure_copy_for)

        self.formats_label = QLabel(export_dialog)
        self.formats_label.setObjectName(u"formats_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.formats_label)

        self.formats = QHBoxLayout()
        self.formats.setObjectName(u"formats")
        self.pdf = QCheckBox(export_dialog)
        self.pdf.setObjectName(u"pdf")
        self.pdf.setChecked(True)

        self.formats.addWidget(self.pdf)

        self.word = QCheckBox(export_dialog)
        self.word.setObjectName(u"word")

        self.formats.addWidget(self.word)

        self.lcs_ehm_text = QCheckBox(export_dialog)
        self.lcs_ehm_text.setObjectName(u"lcs_ehm_text")

        self.formats.addWidget(self.lcs_ehm_text)

        self.formats_end = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.formats.addItem(self.formats_end)


        self.form.setLayout(3, QFormLayout.ItemRole.FieldRole, self.formats)

        self.folder_label = QLabel(export_dialog)
        self.folder_label.setObjectName(u"folder_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.folder_label)

        self.folder_row = QHBoxLayout()
        self.folder_row.setObjectName(u"folder_row")
        self.folder_for_the_files = QLineEdit(export_dialog)
        self.folder_for_the_files.setObjectName(u"folder_for_the_files")

        self.folder_row.addWidget(self.folder_for_the_files)

        self.choose_a_folder = QPushButton(export_dialog)
        self.choose_a_folder.setObjectName(u"choose_a_folder")

        self.folder_row.addWidget(self.choose_a_folder)

        self.folder_row.setStretch(0, 1)

        self.form.setLayout(4, QFormLayout.ItemRole.FieldRole, self.folder_row)


        self.layout.addLayout(self.form)

        self.review_before_writing = QListWidget(export_dialog)
        self.review_before_writing.setObjectName(u"review_before_writing")
        self.review_before_writing.setWordWrap(True)

        self.layout.addWidget(self.review_before_writing)

        self.disclosure_review_slot = QVBoxLayout()
        self.disclosure_review_slot.setObjectName(u"disclosure_review_slot")
        self.disclosure_review_slot.setContentsMargins(0, 0, 0, 0)

        self.layout.addLayout(self.disclosure_review_slot)

        self.message = QLabel(export_dialog)
        self.message.setObjectName(u"message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)

        self.layout.addWidget(self.message)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.review_what_will_be_written = QPushButton(export_dialog)
        self.review_what_will_be_written.setObjectName(u"review_what_will_be_written")

        self.buttons.addWidget(self.review_what_will_be_written)

        self.write_the_files = QPushButton(export_dialog)
        self.write_the_files.setObjectName(u"write_the_files")
        self.write_the_files.setEnabled(False)

        self.buttons.addWidget(self.write_the_files)

        self.buttons_gap = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons.addItem(self.buttons_gap)

        self.close = QPushButton(export_dialog)
        self.close.setObjectName(u"close")

        self.buttons.addWidget(self.close)


        self.layout.addLayout(self.buttons)

        self.layout.setStretch(2, 1)
        self.layout.setStretch(3, 2)
#if QT_CONFIG(shortcut)
        self.copies_label.setBuddy(self.full_minutes)
        self.disclosure_label.setBuddy(self.disclosure_copy_for)
        self.folder_label.setBuddy(self.folder_for_the_files)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.full_minutes, self.record_copies)
        QWidget.setTabOrder(self.record_copies, self.disclosure_copy_for)
        QWidget.setTabOrder(self.disclosure_copy_for, self.pdf)
        QWidget.setTabOrder(self.pdf, self.word)
        QWidget.setTabOrder(self.word, self.lcs_ehm_text)
        QWidget.setTabOrder(self.lcs_ehm_text, self.folder_for_the_files)
        QWidget.setTabOrder(self.folder_for_the_files, self.choose_a_folder)
        QWidget.setTabOrder(self.choose_a_folder, self.review_before_writing)
        QWidget.setTabOrder(self.review_before_writing, self.review_what_will_be_written)
        QWidget.setTabOrder(self.review_what_will_be_written, self.write_the_files)
        QWidget.setTabOrder(self.write_the_files, self.close)

        self.retranslateUi(export_dialog)

        QMetaObject.connectSlotsByName(export_dialog)
    # setupUi

    def retranslateUi(self, export_dialog):
        export_dialog.setWindowTitle(QCoreApplication.translate("ExportDialog", u"Export the minutes", None))
        self.warning.setText(QCoreApplication.translate("ExportDialog", u"Exported files are not encrypted: save them only where it is safe, file them, then delete them. Every file written is recorded in the audit trail.", None))
        self.copies_label.setText(QCoreApplication.translate("ExportDialog", u"Copies:", None))
#if QT_CONFIG(accessibility)
        self.full_minutes.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Full minutes", None))
#endif // QT_CONFIG(accessibility)
        self.full_minutes.setText(QCoreApplication.translate("ExportDialog", u"&Full minutes", None))
#if QT_CONFIG(accessibility)
        self.record_copies.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Record copies", None))
#endif // QT_CONFIG(accessibility)
        self.record_copies.setText(QCoreApplication.translate("ExportDialog", u"A &record copy for each child (to file on LCS or EHM)", None))
        self.disclosure_label.setText(QCoreApplication.translate("ExportDialog", u"&Disclosure copy for:", None))
#if QT_CONFIG(tooltip)
        self.disclosure_copy_for.setToolTip(QCoreApplication.translate("ExportDialog", u"A copy for a subject access request: other children replaced by Child B, Child C\u2026", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.disclosure_copy_for.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Disclosure copy for", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.disclosure_copy_for.setAccessibleDescription(QCoreApplication.translate("ExportDialog", u"A copy for a subject access request: other children replaced by Child B, Child C\u2026", None))
#endif // QT_CONFIG(accessibility)
        self.formats_label.setText(QCoreApplication.translate("ExportDialog", u"Formats:", None))
#if QT_CONFIG(accessibility)
        self.pdf.setAccessibleName(QCoreApplication.translate("ExportDialog", u"PDF", None))
#endif // QT_CONFIG(accessibility)
        self.pdf.setText(QCoreApplication.translate("ExportDialog", u"&PDF", None))
#if QT_CONFIG(accessibility)
        self.word.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Word", None))
#endif // QT_CONFIG(accessibility)
        self.word.setText(QCoreApplication.translate("ExportDialog", u"&Word", None))
#if QT_CONFIG(accessibility)
        self.lcs_ehm_text.setAccessibleName(QCoreApplication.translate("ExportDialog", u"LCS/EHM text", None))
#endif // QT_CONFIG(accessibility)
        self.lcs_ehm_text.setText(QCoreApplication.translate("ExportDialog", u"LCS/EHM &text", None))
        self.folder_label.setText(QCoreApplication.translate("ExportDialog", u"F&older:", None))
#if QT_CONFIG(accessibility)
        self.folder_for_the_files.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Folder for the files", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.choose_a_folder.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Choose a folder", None))
#endif // QT_CONFIG(accessibility)
        self.choose_a_folder.setText(QCoreApplication.translate("ExportDialog", u"&Choose\u2026", None))
#if QT_CONFIG(tooltip)
        self.review_before_writing.setToolTip(QCoreApplication.translate("ExportDialog", u"Every file, every replacement and every word to check in a disclosure copy", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.review_before_writing.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Review before writing", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.review_before_writing.setAccessibleDescription(QCoreApplication.translate("ExportDialog", u"Every file, every replacement and every word to check in a disclosure copy", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.review_what_will_be_written.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Review what will be written", None))
#endif // QT_CONFIG(accessibility)
        self.review_what_will_be_written.setText(QCoreApplication.translate("ExportDialog", u"Re&view", None))
#if QT_CONFIG(accessibility)
        self.write_the_files.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Write the files", None))
#endif // QT_CONFIG(accessibility)
        self.write_the_files.setText(QCoreApplication.translate("ExportDialog", u"Write the fi&les", None))
#if QT_CONFIG(accessibility)
        self.close.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Close", None))
#endif // QT_CONFIG(accessibility)
        self.close.setText(QCoreApplication.translate("ExportDialog", u"Close", None))
    # retranslateUi

