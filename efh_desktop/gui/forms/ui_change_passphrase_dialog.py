# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'change_passphrase_dialog.ui'
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

class Ui_ChangePassphraseDialog(object):
    def setupUi(self, change_passphrase_dialog):
        if not change_passphrase_dialog.objectName():
            change_passphrase_dialog.setObjectName(u"change_passphrase_dialog")
        self.layout = QVBoxLayout(change_passphrase_dialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.current_label = QLabel(change_passphrase_dialog)
        self.current_label.setObjectName(u"current_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.current_label)

        self.current_passphrase = QLineEdit(change_passphrase_dialog)
        self.current_passphrase.setObjectName(u"current_passphrase")
        self.current_passphrase.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.current_passphrase)

        self.new_label = QLabel(change_passphrase_dialog)
        self.new_label.setObjectName(u"new_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.new_label)

        self.new_passphrase = QLineEdit(change_passphrase_dialog)
        self.new_passphrase.setObjectName(u"new_passphrase")
        self.new_passphrase.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.new_passphrase)

        self.repeat_label = QLabel(change_passphrase_dialog)
        self.repeat_label.setObjectName(u"repeat_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.repeat_label)

        self.repeat_new_passphrase = QLineEdit(change_passphrase_dialog)
        self.repeat_new_passphrase.setObjectName(u"repeat_new_passphrase")
        self.repeat_new_passphrase.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.repeat_new_passphrase)


        self.layout.addLayout(self.form)

        self.caps_lock_warning = QLabel(change_passphrase_dialog)
        self.caps_lock_warning.setObjectName(u"caps_lock_warning")

        self.layout.addWidget(self.caps_lock_warning)

        self.error = QLabel(change_passphrase_dialog)
        self.error.setObjectName(u"error")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)

        self.layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(change_passphrase_dialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.current_label.setBuddy(self.current_passphrase)
        self.new_label.setBuddy(self.new_passphrase)
        self.repeat_label.setBuddy(self.repeat_new_passphrase)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.current_passphrase, self.new_passphrase)
        QWidget.setTabOrder(self.new_passphrase, self.repeat_new_passphrase)

        self.retranslateUi(change_passphrase_dialog)

        QMetaObject.connectSlotsByName(change_passphrase_dialog)
    # setupUi

    def retranslateUi(self, change_passphrase_dialog):
        change_passphrase_dialog.setWindowTitle(QCoreApplication.translate("ChangePassphraseDialog", u"Change passphrase", None))
        self.current_label.setText(QCoreApplication.translate("ChangePassphraseDialog", u"&Current passphrase:", None))
#if QT_CONFIG(accessibility)
        self.current_passphrase.setAccessibleName(QCoreApplication.translate("ChangePassphraseDialog", u"Current passphrase", None))
#endif // QT_CONFIG(accessibility)
        self.new_label.setText(QCoreApplication.translate("ChangePassphraseDialog", u"&New passphrase:", None))
#if QT_CONFIG(accessibility)
        self.new_passphrase.setAccessibleName(QCoreApplication.translate("ChangePassphraseDialog", u"New passphrase", None))
#endif // QT_CONFIG(accessibility)
        self.repeat_label.setText(QCoreApplication.translate("ChangePassphraseDialog", u"&Repeat new passphrase:", None))
#if QT_CONFIG(accessibility)
        self.repeat_new_passphrase.setAccessibleName(QCoreApplication.translate("ChangePassphraseDialog", u"Repeat new passphrase", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.error.setAccessibleName(QCoreApplication.translate("ChangePassphraseDialog", u"Problem", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

