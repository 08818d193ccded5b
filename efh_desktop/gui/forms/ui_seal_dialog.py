# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'seal_dialog.ui'
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
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_SealDialog(object):
    def setupUi(self, seal_dialog):
        if not seal_dialog.objectName():
            seal_dialog.setObjectName(u"seal_dialog")
        self.layout = QVBoxLayout(seal_dialog)
        self.layout.setObjectName(u"layout")
        self.note = QLabel(seal_dialog)
        self.note.setObjectName(u"note")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)

        self.layout.addWidget(self.note)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.passphrase_label = QLabel(seal_dialog)
        self.passphrase_label.setObjectName(u"passphrase_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.passphrase_label)

        self.passphrase_to_seal_the_file = QLineEdit(seal_dialog)
        self.passphrase_to_seal_the_file.setObjectName(u"passphrase_to_seal_the_file")
        self.passphrase_to_seal_the_file.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.passphrase_to_seal_the_file)

        self.repeat_label = QLabel(seal_dialog)
        self.repeat_label.setObjectName(u"repeat_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.repeat_label)

        self.repeat_the_passphrase = QLineEdit(seal_dialog)
        self.repeat_the_passphrase.setObjectName(u"repeat_the_passphrase")
        self.repeat_the_passphrase.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.repeat_the_passphrase)


        self.layout.addLayout(self.form)

        self.write_the_file_unsealed = QCheckBox(seal_dialog)
        self.write_the_file_unsealed.setObjectName(u"write_the_file_unsealed")

        self.layout.addWidget(self.write_the_file_unsealed)

        self.error = QLabel(seal_dialog)
        self.error.setObjectName(u"error")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)

        self.layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(seal_dialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.passphrase_label.setBuddy(self.passphrase_to_seal_the_file)
        self.repeat_label.setBuddy(self.repeat_the_passphrase)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.passphrase_to_seal_the_file, self.repeat_the_passphrase)
        QWidget.setTabOrder(self.repeat_the_passphrase, self.write_the_file_unsealed)

        self.retranslateUi(seal_dialog)

        QMetaObject.connectSlotsByName(seal_dialog)
    # setupUi

    def retranslateUi(self, seal_dialog):
        seal_dialog.setWindowTitle(QCoreApplication.translate("SealDialog", u"Seal the meeting file", None))
        self.note.setText(QCoreApplication.translate("SealDialog", u"The file holds the whole meeting, children's names included. Seal it with a passphrase, and tell the other person the passphrase separately (not in the same email or on the same memory stick).", None))
        self.passphrase_label.setText(QCoreApplication.translate("SealDialog", u"&Passphrase:", None))
#if QT_CONFIG(accessibility)
        self.passphrase_to_seal_the_file.setAccessibleName(QCoreApplication.translate("SealDialog", u"Passphrase to seal the file", None))
#endif // QT_CONFIG(accessibility)
        self.repeat_label.setText(QCoreApplication.translate("SealDialog", u"&Repeat passphrase:", None))
#if QT_CONFIG(accessibility)
        self.repeat_the_passphrase.setAccessibleName(QCoreApplication.translate("SealDialog", u"Repeat the passphrase", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.write_the_file_unsealed.setToolTip(QCoreApplication.translate("SealDialog", u"Only for a file that never leaves a secure place; it is plain text", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.write_the_file_unsealed.setAccessibleName(QCoreApplication.translate("SealDialog", u"Write the file unsealed", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.write_the_file_unsealed.setAccessibleDescription(QCoreApplication.translate("SealDialog", u"Only for a file that never leaves a secure place; it is plain text", None))
#endif // QT_CONFIG(accessibility)
        self.write_the_file_unsealed.setText(QCoreApplication.translate("SealDialog", u"Write it &unsealed: anyone who gets the file can read the case data", None))
#if QT_CONFIG(accessibility)
        self.error.setAccessibleName(QCoreApplication.translate("SealDialog", u"Problem", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

