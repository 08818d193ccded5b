# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'open_passphrase_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QLabel, QLineEdit, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_OpenPassphraseDialog(object):
    def setupUi(self, open_passphrase_dialog):
        if not open_passphrase_dialog.objectName():
            open_passphrase_dialog.setObjectName(u"open_passphrase_dialog")
        self.layout = QVBoxLayout(open_passphrase_dialog)
        self.layout.setObjectName(u"layout")
        self.note = QLabel(open_passphrase_dialog)
        self.note.setObjectName(u"note")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)

        self.layout.addWidget(self.note)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.passphrase_label = QLabel(open_passphrase_dialog)
        self.passphrase_label.setObjectName(u"passphrase_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.passphrase_label)

        self.passphrase_the_file_was_sealed_with = QLineEdit(open_passphrase_dialog)
        self.passphrase_the_file_was_sealed_with.setObjectName(u"passphrase_the_file_was_sealed_with")
        self.passphrase_the_file_was_sealed_with.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.passphrase_the_file_was_sealed_with)


        self.layout.addLayout(self.form)

        self.error = QLabel(open_passphrase_dialog)
        self.error.setObjectName(u"error")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)

        self.layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(open_passphrase_dialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.passphrase_label.setBuddy(self.passphrase_the_file_was_sealed_with)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(open_passphrase_dialog)

        QMetaObject.connectSlotsByName(open_passphrase_dialog)
    # setupUi

    def retranslateUi(self, open_passphrase_dialog):
        open_passphrase_dialog.setWindowTitle(QCoreApplication.translate("OpenPassphraseDialog", u"Open a sealed meeting file", None))
        self.passphrase_label.setText(QCoreApplication.translate("OpenPassphraseDialog", u"&Passphrase:", None))
#if QT_CONFIG(accessibility)
        self.passphrase_the_file_was_sealed_with.setAccessibleName(QCoreApplication.translate("OpenPassphraseDialog", u"Passphrase the file was sealed with", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.error.setAccessibleName(QCoreApplication.translate("OpenPassphraseDialog", u"Problem", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

