# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'agenda_pdf_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog,
    QDialogButtonBox, QLabel, QRadioButton, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_AgendaPdfDialog(object):
    def setupUi(self, agenda_pdf_dialog):
        if not agenda_pdf_dialog.objectName():
            agenda_pdf_dialog.setObjectName(u"agenda_pdf_dialog")
        self.layout = QVBoxLayout(agenda_pdf_dialog)
        self.layout.setObjectName(u"layout")
        self.note = QLabel(agenda_pdf_dialog)
        self.note.setObjectName(u"note")
        self.note.setWordWrap(True)

        self.layout.addWidget(self.note)

        self.initials_only = QRadioButton(agenda_pdf_dialog)
        self.initials_only.setObjectName(u"initials_only")
        self.initials_only.setChecked(True)

        self.layout.addWidget(self.initials_only)

        self.full_names = QRadioButton(agenda_pdf_dialog)
        self.full_names.setObjectName(u"full_names")

        self.layout.addWidget(self.full_names)

        self.open_after_saving = QCheckBox(agenda_pdf_dialog)
        self.open_after_saving.setObjectName(u"open_after_saving")

        self.layout.addWidget(self.open_after_saving)

        self.buttons = QDialogButtonBox(agenda_pdf_dialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.layout.addWidget(self.buttons)

        QWidget.setTabOrder(self.initials_only, self.full_names)
        QWidget.setTabOrder(self.full_names, self.open_after_saving)

        self.retranslateUi(agenda_pdf_dialog)

        QMetaObject.connectSlotsByName(agenda_pdf_dialog)
    # setupUi

    def retranslateUi(self, agenda_pdf_dialog):
        agenda_pdf_dialog.setWindowTitle(QCoreApplication.translate("AgendaPdfDialog", u"Agenda as PDF", None))
        self.note.setText(QCoreApplication.translate("AgendaPdfDialog", u"A PDF is not encrypted: save it only where it is safe, and delete it when it has been sent.", None))
#if QT_CONFIG(accessibility)
        self.initials_only.setAccessibleName(QCoreApplication.translate("AgendaPdfDialog", u"Initials only", None))
#endif // QT_CONFIG(accessibility)
        self.initials_only.setText(QCoreApplication.translate("AgendaPdfDialog", u"Children by &initials only (for sending by email)", None))
#if QT_CONFIG(accessibility)
        self.full_names.setAccessibleName(QCoreApplication.translate("AgendaPdfDialog", u"Full names", None))
#endif // QT_CONFIG(accessibility)
        self.full_names.setText(QCoreApplication.translate("AgendaPdfDialog", u"&Full names (for printing here)", None))
#if QT_CONFIG(accessibility)
        self.open_after_saving.setAccessibleName(QCoreApplication.translate("AgendaPdfDialog", u"Open after saving", None))
#endif // QT_CONFIG(accessibility)
        self.open_after_saving.setText(QCoreApplication.translate("AgendaPdfDialog", u"&Open the PDF when it is saved (to print it)", None))
    # retranslateUi

