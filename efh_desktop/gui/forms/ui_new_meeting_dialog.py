# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'new_meeting_dialog.ui'
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
    QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

from efh_desktop.gui.tab_fields import (WholeDateEdit, WholeTimeEdit)

class Ui_NewMeetingDialog(object):
    def setupUi(self, new_meeting_dialog):
        if not new_meeting_dialog.objectName():
            new_meeting_dialog.setObjectName(u"new_meeting_dialog")
        self.layout = QVBoxLayout(new_meeting_dialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.type_label = QLabel(new_meeting_dialog)
        self.type_label.setObjectName(u"type_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.type_label)

        self.meeting_type = QComboBox(new_meeting_dialog)
        self.meeting_type.setObjectName(u"meeting_type")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.meeting_type)

        self.title_label = QLabel(new_meeting_dialog)
        self.title_label.setObjectName(u"title_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.title_label)

        self.title = QLineEdit(new_meeting_dialog)
        self.title.setObjectName(u"title")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.title)

        self.date_label = QLabel(new_meeting_dialog)
        self.date_label.setObjectName(u"date_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.date_label)

        self.date = WholeDateEdit(new_meeting_dialog)
        self.date.setObjectName(u"date")
        self.date.setCalendarPopup(True)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.date)

        self.start_label = QLabel(new_meeting_dialog)
        self.start_label.setObjectName(u"start_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.start_label)

        self.times = QHBoxLayout()
        self.times.setObjectName(u"times")
        self.start_time = WholeTimeEdit(new_meeting_dialog)
        self.start_time.setObjectName(u"start_time")

        self.times.addWidget(self.start_time)

        self.ends_label = QLabel(new_meeting_dialog)
        self.ends_label.setObjectName(u"ends_label")

        self.times.addWidget(self.ends_label)

        self.end_time = WholeTimeEdit(new_meeting_dialog)
        self.end_time.setObjectName(u"end_time")

        self.times.addWidget(self.end_time)

        self.times_stretch = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.times.addItem(self.times_stretch)

        self.times.setStretch(3, 1)

        self.form.setLayout(3, QFormLayout.ItemRole.FieldRole, self.times)

        self.locality_label = QLabel(new_meeting_dialog)
        self.locality_label.setObjectName(u"locality_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.locality_label)

        self.locality = QLineEdit(new_meeting_dialog)
        self.locality.setObjectName(u"locality")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.locality)

        self.venue_label = QLabel(new_meeting_dialog)
        self.venue_label.setObjectName(u"venue_label")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.venue_label)

        self.venue_or_online_link = QLineEdit(new_meeting_dialog)
        self.venue_or_online_link.setObjectName(u"venue_or_online_link")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.venue_or_online_link)

        self.chair_label = QLabel(new_meeting_dialog)
        self.chair_label.setObjectName(u"chair_label")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.chair_label)

        self.chair_name = QLineEdit(new_meeting_dialog)
        self.chair_name.setObjectName(u"chair_name")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.chair_name)

        self.chair_role_label = QLabel(new_meeting_dialog)
        self.chair_role_label.setObjectName(u"chair_role_label")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.chair_role_label)

        self.chair_role = QComboBox(new_meeting_dialog)
        self.chair_role.setObjectName(u"chair_role")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.chair_role)

        self.minute_taker_label = QLabel(new_meeting_dialog)
        self.minute_taker_label.setObjectName(u"minute_taker_label")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.minute_taker_label)

        self.minute_taker = QLineEdit(new_meeting_dialog)
        self.minute_taker.setObjectName(u"minute_taker")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.minute_taker)

        self.series_label = QLabel(new_meeting_dialog)
        self.series_label.setObjectName(u"series_label")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.series_label)

        self.series = QComboBox(new_meeting_dialog)
        self.series.setObjectName(u"series")

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.series)

        self.series_title_label = QLabel(new_meeting_dialog)
        self.series_title_label.setObjectName(u"series_title_label")

        self.form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.series_title_label)

        self.new_series_title = QLineEdit(new_meeting_dialog)
        self.new_series_title.setObjectName(u"new_series_title")
        self.new_series_title.setEnabled(False)

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.new_series_title)


        self.layout.addLayout(self.form)

        self.chair_role_warning = QLabel(new_meeting_dialog)
        self.chair_role_warning.setObjectName(u"chair_role_warning")
        self.chair_role_warning.setTextFormat(Qt.TextFormat.PlainText)
        self.chair_role_warning.setWordWrap(True)

        self.layout.addWidget(self.chair_role_warning)

        self.new_meeting_error = QLabel(new_meeting_dialog)
        self.new_meeting_error.setObjectName(u"new_meeting_error")
        self.new_meeting_error.setTextFormat(Qt.TextFormat.PlainText)
        self.new_meeting_error.setWordWrap(True)

        self.layout.addWidget(self.new_meeting_error)

        self.buttons = QDialogButtonBox(new_meeting_dialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.type_label.setBuddy(self.meeting_type)
        self.title_label.setBuddy(self.title)
        self.date_label.setBuddy(self.date)
        self.start_label.setBuddy(self.start_time)
        self.ends_label.setBuddy(self.end_time)
        self.locality_label.setBuddy(self.locality)
        self.venue_label.setBuddy(self.venue_or_online_link)
        self.chair_label.setBuddy(self.chair_name)
        self.chair_role_label.setBuddy(self.chair_role)
        self.minute_taker_label.setBuddy(self.minute_taker)
        self.series_label.setBuddy(self.series)
        self.series_title_label.setBuddy(self.new_series_title)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.meeting_type, self.title)
        QWidget.setTabOrder(self.title, self.date)
        QWidget.setTabOrder(self.date, self.start_time)
        QWidget.setTabOrder(self.start_time, self.end_time)
        QWidget.setTabOrder(self.end_time, self.locality)
        QWidget.setTabOrder(self.locality, self.venue_or_online_link)
        QWidget.setTabOrder(self.venue_or_online_link, self.chair_name)
        QWidget.setTabOrder(self.chair_name, self.chair_role)
        QWidget.setTabOrder(self.chair_role, self.minute_taker)
        QWidget.setTabOrder(self.minute_taker, self.series)
        QWidget.setTabOrder(self.series, self.new_series_title)

        self.retranslateUi(new_meeting_dialog)

        QMetaObject.connectSlotsByName(new_meeting_dialog)
    # setupUi

    def retranslateUi(self, new_meeting_dialog):
        new_meeting_dialog.setWindowTitle(QCoreApplication.translate("NewMeetingDialog", u"New meeting", None))
        self.type_label.setText(QCoreApplication.translate("NewMeetingDialog", u"Meeting &type:", None))
#if QT_CONFIG(accessibility)
        self.meeting_type.setAccessibleName(QCoreApplication.translate("NewMeetingDialog", u"Meeting type", None))
#endif // QT_CONFIG(accessibility)
        self.title_label.setText(QCoreApplication.translate("NewMeetingDialog", u"Titl&e:", None))
#if QT_CONFIG(tooltip)
        self.title.setToolTip(QCoreApplication.translate("NewMeetingDialog", u"Optional; the type and locality are used if left empty", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.title.setAccessibleName(QCoreApplication.translate("NewMeetingDialog", u"Title", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.title.setAccessibleDescription(QCoreApplication.translate("NewMeetingDialog", u"Optional; the type and locality are used if left empty", None))
#endif // QT_CONFIG(accessibility)
        self.date_label.setText(QCoreApplication.translate("NewMeetingDialog", u"&Date:", None))
#if QT_CONFIG(tooltip)
        self.date.setToolTip(QCoreApplication.translate("NewMeetingDialog", u"Type the date as day/month/year, or press Alt+Down for a calendar", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.date.setAccessibleName(QCoreApplication.translate("NewMeetingDialog", u"Date", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.date.setAccessibleDescription(QCoreApplication.translate("NewMeetingDialog", u"Type the date as day/month/year, or press Alt+Down for a calendar", None))
#endif // QT_CONFIG(accessibility)
        self.date.setDisplayFormat(QCoreApplication.translate("NewMeetingDialog", u"dd/MM/yyyy", None))
        self.start_label.setText(QCoreApplication.translate("NewMeetingDialog", u"Start t&ime:", None))
#if QT_CONFIG(tooltip)
        self.start_time.setToolTip(QCoreApplication.translate("NewMeetingDialog", u"Changing the start moves the end with it", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.start_time.setAccessibleName(QCoreApplication.translate("NewMeetingDialog", u"Start time", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.start_time.setAccessibleDescription(QCoreApplication.translate("NewMeetingDialog", u"Changing the start moves the end with it", None))
#endif // QT_CONFIG(accessibility)
        self.start_time.setDisplayFormat(QCoreApplication.translate("NewMeetingDialog", u"HH:mm", None))
        self.ends_label.setText(QCoreApplication.translate("NewMeetingDialog", u"to, e&nds:", None))
#if QT_CONFIG(accessibility)
        self.end_time.setAccessibleName(QCoreApplication.translate("NewMeetingDialog", u"End time", None))
#endif // QT_CONFIG(accessibility)
        self.end_time.setDisplayFormat(QCoreApplication.translate("NewMeetingDialog", u"HH:mm", None))
        self.locality_label.setText(QCoreApplication.translate("NewMeetingDialog", u"&Locality:", None))
#if QT_CONFIG(accessibility)
        self.locality.setAccessibleName(QCoreApplication.translate("NewMeetingDialog", u"Locality", None))
#endif // QT_CONFIG(accessibility)
        self.venue_label.setText(QCoreApplication.translate("NewMeetingDialog", u"&Venue or link:", None))
#if QT_CONFIG(accessibility)
        self.venue_or_online_link.setAccessibleName(QCoreApplication.translate("NewMeetingDialog", u"Venue or online link", None))
#endif // QT_CONFIG(accessibility)
        self.chair_label.setText(QCoreApplication.translate("NewMeetingDialog", u"&Chair:", None))
#if QT_CONFIG(accessibility)
        self.chair_name.setAccessibleName(QCoreApplication.translate("NewMeetingDialog", u"Chair's name", None))
#endif // QT_CONFIG(accessibility)
        self.chair_role_label.setText(QCoreApplication.translate("NewMeetingDialog", u"Chair's &role:", None))
#if QT_CONFIG(accessibility)
        self.chair_role.setAccessibleName(QCoreApplication.translate("NewMeetingDialog", u"Chair's role", None))
#endif // QT_CONFIG(accessibility)
        self.minute_taker_label.setText(QCoreApplication.translate("NewMeetingDialog", u"&Minute-taker:", None))
#if QT_CONFIG(accessibility)
        self.minute_taker.setAccessibleName(QCoreApplication.translate("NewMeetingDialog", u"Minute-taker", None))
#endif // QT_CONFIG(accessibility)
        self.series_label.setText(QCoreApplication.translate("NewMeetingDialog", u"&Series:", None))
#if QT_CONFIG(tooltip)
        self.series.setToolTip(QCoreApplication.translate("NewMeetingDialog", u"A review meeting follows an earlier meeting in a series", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.series.setAccessibleName(QCoreApplication.translate("NewMeetingDialog", u"Series", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.series.setAccessibleDescription(QCoreApplication.translate("NewMeetingDialog", u"A review meeting follows an earlier meeting in a series", None))
#endif // QT_CONFIG(accessibility)
        self.series_title_label.setText(QCoreApplication.translate("NewMeetingDialog", u"Ne&w series title:", None))
#if QT_CONFIG(accessibility)
        self.new_series_title.setAccessibleName(QCoreApplication.translate("NewMeetingDialog", u"New series title", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.chair_role_warning.setAccessibleName(QCoreApplication.translate("NewMeetingDialog", u"Warning", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.new_meeting_error.setAccessibleName(QCoreApplication.translate("NewMeetingDialog", u"Problem", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

