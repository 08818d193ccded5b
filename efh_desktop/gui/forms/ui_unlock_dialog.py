# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'unlock_dialog.ui'
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

class Ui_UnlockDialog(object):
    def setupUi(self, unlock_dialog):
        if not unlock_dialog.objectName():
            unlock_dialog.setObjectName(u"unlock_dialog")
        self.layout = QVBoxLayout(unlock_dialog)
        self.layout.setObjectName(u"layout")
        self.intro = QLabel(unlock_dialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.layout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.passphrase_label = QLabel(unlock_dialog)
        self.passphrase_label.setObjectName(u"passphrase_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.passphrase_label)

        self.passphrase = QLineEdit(unlock_dialog)
        self.passphrase.setObjectName(u"passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.passphrase)

        self.repeat_label = QLabel(unlock_dialog)
        self.repeat_label.setObjectName(u"repeat_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.repeat_label)

        self.repeat_passphrase = QLineEdit(unlock_dialog)
        self.repeat_passphrase.setObjectName(u"repeat_passphrase")
        self.repeat_passphrase.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.repeat_passphrase)


        self.layout.addLayout(self.form)

        self.caps_lock_warning = QLabel(unlock_dialog)
        self.caps_lock_warning.setObjectName(u"caps_lock_warning")

        self.layout.addWidget(self.caps_lock_warning)

        self.remember_on_this_computer = QCheckBox(unlock_dialog)
        self.remember_on_this_computer.setObjectName(u"remember_on_this_computer")

        self.layout.addWidget(self.remember_on_this_computer)

        self.unlock_error = QLabel(unlock_dialog)
        self.unlock_error.setObjectName(u"unlock_error")
        self.unlock_error.setTextFormat(Qt.TextFormat.PlainText)
        self.unlock_error.setWordWrap(True)

        self.layout.addWidget(self.unlock_error)

        self.buttons = QDialogButtonBox(unlock_dialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.passphrase_label.setBuddy(self.passphrase)
        self.repeat_label.setBuddy(self.repeat_passphrase)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.passphrase, self.repeat_passphrase)
        QWidget.setTabOrder(self.repeat_passphrase, self.remember_on_this_computer)

        self.retranslateUi(unlock_dialog)

        QMetaObject.connectSlotsByName(unlock_dialog)
    # setupUi

    def retranslateUi(self, unlock_dialog):
        self.passphrase_label.setText(QCoreApplication.translate("UnlockDialog", u"&Passphrase:", None))
#if QT_CONFIG(accessibility)
        self.passphrase.setAccessibleName(QCoreApplication.translate("UnlockDialog", u"Passphrase", None))
#endif // QT_CONFIG(accessibility)
        self.repeat_label.setText(QCoreApplication.translate("UnlockDialog", u"R&epeat passphrase:", None))
#if QT_CONFIG(accessibility)
        self.repeat_passphrase.setAccessibleName(QCoreApplication.translate("UnlockDialog", u"Repeat passphrase", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.remember_on_this_computer.setToolTip(QCoreApplication.translate("UnlockDialog", u"Keep the database key in this computer's secure keyring so you are not asked for the passphrase at start-up. Locking still needs the passphrase.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.remember_on_this_computer.setAccessibleName(QCoreApplication.translate("UnlockDialog", u"Remember on this computer", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.remember_on_this_computer.setAccessibleDescription(QCoreApplication.translate("UnlockDialog", u"Keep the database key in this computer's secure keyring so you are not asked for the passphrase at start-up. Locking still needs the passphrase.", None))
#endif // QT_CONFIG(accessibility)
        self.remember_on_this_computer.setText(QCoreApplication.translate("UnlockDialog", u"&Remember on this computer (unlock from the system keyring)", None))
#if QT_CONFIG(accessibility)
        self.unlock_error.setAccessibleName(QCoreApplication.translate("UnlockDialog", u"Message", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

