# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'subject_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPlainTextEdit, QPushButton, QSizePolicy, QVBoxLayout,
    QWidget)

from efh_desktop.gui.date_field import FormDateField

class Ui_SubjectDialog(object):
    def setupUi(self, subject_dialog):
        if not subject_dialog.objectName():
            subject_dialog.setObjectName(u"subject_dialog")
        subject_dialog.setMinimumSize(QSize(940, 0))
        self.layout = QVBoxLayout(subject_dialog)
        self.layout.setObjectName(u"layout")
        self.beside = QHBoxLayout()
        self.beside.setObjectName(u"beside")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.name_label = QLabel(subject_dialog)
        self.name_label.setObjectName(u"name_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.name_label)

        self.name = QLineEdit(subject_dialog)
        self.name.setObjectName(u"name")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.aliases_label = QLabel(subject_dialog)
        self.aliases_label.setObjectName(u"aliases_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.aliases_label)

        self.aliases = QLineEdit(subject_dialog)
        self.aliases.setObjectName(u"aliases")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.aliases)

        self.locality_label = QLabel(subject_dialog)
        self.locality_label.setObjectName(u"locality_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.locality_label)

        self.locality = QLineEdit(subject_dialog)
        self.locality.setObjectName(u"locality")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.locality)

        self.date_of_birth_label = QLabel(subject_dialog)
        self.date_of_birth_label.setObjectName(u"date_of_birth_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.date_of_birth_label)

        self.date_of_birth_field = FormDateField(subject_dialog)
        self.date_of_birth_field.setObjectName(u"date_of_birth_field")
        self.date_of_birth_field.setProperty(u"kinds", u"child")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.date_of_birth_field)

        self.lcs_identifier_label = QLabel(subject_dialog)
        self.lcs_identifier_label.setObjectName(u"lcs_identifier_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.lcs_identifier_label)

        self.lcs_identifier = QLineEdit(subject_dialog)
        self.lcs_identifier.setObjectName(u"lcs_identifier")
        self.lcs_identifier.setProperty(u"kinds", u"child")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.lcs_identifier)

        self.ehm_identifier_label = QLabel(subject_dialog)
        self.ehm_identifier_label.setObjectName(u"ehm_identifier_label")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.ehm_identifier_label)

        self.ehm_identifier = QLineEdit(subject_dialog)
        self.ehm_identifier.setObjectName(u"ehm_identifier")
        self.ehm_identifier.setProperty(u"kinds", u"child")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.ehm_identifier)

        self.legal_status_label = QLabel(subject_dialog)
        self.legal_status_label.setObjectName(u"legal_status_label")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.legal_status_label)

        self.legal_status = QComboBox(subject_dialog)
        self.legal_status.setObjectName(u"legal_status")
        self.legal_status.setProperty(u"kinds", u"child")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.legal_status)

        self.looked_after_label = QLabel(subject_dialog)
        self.looked_after_label.setObjectName(u"looked_after_label")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.looked_after_label)

        self.looked_after_field = FormDateField(subject_dialog)
        self.looked_after_field.setObjectName(u"looked_after_field")
        self.looked_after_field.setProperty(u"kinds", u"child")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.looked_after_field)

        self.in_care = QCheckBox(subject_dialog)
        self.in_care.setObjectName(u"in_care")
        self.in_care.setProperty(u"kinds", u"child")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.in_care)

        self.yot_order = QCheckBox(subject_dialog)
        self.yot_order.setObjectName(u"yot_order")
        self.yot_order.setProperty(u"kinds", u"child")

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.yot_order)

        self.open_referral = QCheckBox(subject_dialog)
        self.open_referral.setObjectName(u"open_referral")
        self.open_referral.setProperty(u"kinds", u"child")

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.open_referral)

        self.lead_professional_label = QLabel(subject_dialog)
        self.lead_professional_label.setObjectName(u"lead_professional_label")

        self.form.setWidget(11, QFormLayout.ItemRole.LabelRole, self.lead_professional_label)

        self.lead_professional = QLineEdit(subject_dialog)
        self.lead_professional.setObjectName(u"lead_professional")
        self.lead_professional.setProperty(u"kinds", u"child")

        self.form.setWidget(11, QFormLayout.ItemRole.FieldRole, self.lead_professional)

        self.home_address_label = QLabel(subject_dialog)
        self.home_address_label.setObjectName(u"home_address_label")

        self.form.setWidget(12, QFormLayout.ItemRole.LabelRole, self.home_address_label)

        self.home_address = QLineEdit(subject_dialog)
        self.home_address.setObjectName(u"home_address")
        self.home_address.setProperty(u"kinds", u"child")

        self.form.setWidget(12, QFormLayout.ItemRole.FieldRole, self.home_address)

        self.relatives_and_carers_label = QLabel(subject_dialog)
        self.relatives_and_carers_label.setObjectName(u"relatives_and_carers_label")

        self.form.setWidget(13, QFormLayout.ItemRole.LabelRole, self.relatives_and_carers_label)

        self.relatives_and_carers = QPlainTextEdit(subject_dialog)
        self.relatives_and_carers.setObjectName(u"relatives_and_carers")
        self.relatives_and_carers.setMinimumSize(QSize(0, 60))
        self.relatives_and_carers.setMaximumSize(QSize(16777215, 60))
        self.relatives_and_carers.setTabChangesFocus(True)
        self.relatives_and_carers.setProperty(u"kinds", u"child")

        self.form.setWidget(13, QFormLayout.ItemRole.FieldRole, self.relatives_and_carers)

        self.person_of_concern_is_a_child = QCheckBox(subject_dialog)
        self.person_of_concern_is_a_child.setObjectName(u"person_of_concern_is_a_child")
        self.person_of_concern_is_a_child.setProperty(u"kinds", u"person_of_concern")

        self.form.setWidget(14, QFormLayout.ItemRole.FieldRole, self.person_of_concern_is_a_child)

        self.kind_of_place_label = QLabel(subject_dialog)
        self.kind_of_place_label.setObjectName(u"kind_of_place_label")

        self.form.setWidget(15, QFormLayout.ItemRole.LabelRole, self.kind_of_place_label)

        self.kind_of_place = QLineEdit(subject_dialog)
        self.kind_of_place.setObjectName(u"kind_of_place")
        self.kind_of_place.setProperty(u"kinds", u"place")

        self.form.setWidget(15, QFormLayout.ItemRole.FieldRole, self.kind_of_place)

        self.address_label = QLabel(subject_dialog)
        self.address_label.setObjectName(u"address_label")

        self.form.setWidget(16, QFormLayout.ItemRole.LabelRole, self.address_label)

        self.address = QLineEdit(subject_dialog)
        self.address.setObjectName(u"address")
        self.address.setProperty(u"kinds", u"place")

        self.form.setWidget(16, QFormLayout.ItemRole.FieldRole, self.address)

        self.description_label = QLabel(subject_dialog)
        self.description_label.setObjectName(u"description_label")

        self.form.setWidget(17, QFormLayout.ItemRole.LabelRole, self.description_label)

        self.description = QPlainTextEdit(subject_dialog)
        self.description.setObjectName(u"description")
        self.description.setMinimumSize(QSize(0, 70))
        self.description.setMaximumSize(QSize(16777215, 70))
        self.description.setTabChangesFocus(True)

        self.form.setWidget(17, QFormLayout.ItemRole.FieldRole, self.description)

        self.members_label = QLabel(subject_dialog)
        self.members_label.setObjectName(u"members_label")

        self.form.setWidget(18, QFormLayout.ItemRole.LabelRole, self.members_label)

        self.members = QListWidget(subject_dialog)
        self.members.setObjectName(u"members")
        self.members.setMinimumSize(QSize(0, 110))
        self.members.setMaximumSize(QSize(16777215, 110))
        self.members.setProperty(u"kinds", u"peer_group")

        self.form.setWidget(18, QFormLayout.ItemRole.FieldRole, self.members)

        self.member_picker = QWidget(subject_dialog)
        self.member_picker.setObjectName(u"member_picker")
        self.member_picker.setProperty(u"kinds", u"peer_group")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.member_picker.sizePolicy().hasHeightForWidth())
        self.member_picker.setSizePolicy(sizePolicy)
        self.member_row = QHBoxLayout(self.member_picker)
        self.member_row.setObjectName(u"member_row")
        self.member_row.setContentsMargins(0, 0, 0, 0)
        self.child_to_add = QComboBox(self.member_picker)
        self.child_to_add.setObjectName(u"child_to_add")
        self.child_to_add.setEditable(True)
        self.child_to_add.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.member_row.addWidget(self.child_to_add)

        self.add_member = QPushButton(self.member_picker)
        self.add_member.setObjectName(u"add_member")

        self.member_row.addWidget(self.add_member)

        self.remove_member = QPushButton(self.member_picker)
        self.remove_member.setObjectName(u"remove_member")

        self.member_row.addWidget(self.remove_member)

        self.member_row.setStretch(0, 1)

        self.form.setWidget(19, QFormLayout.ItemRole.FieldRole, self.member_picker)


        self.beside.addLayout(self.form)

        self.beside.setStretch(0, 3)

        self.layout.addLayout(self.beside)

        self.subject_error = QLabel(subject_dialog)
        self.subject_error.setObjectName(u"subject_error")
        self.subject_error.setTextFormat(Qt.TextFormat.PlainText)
        self.subject_error.setWordWrap(True)

        self.layout.addWidget(self.subject_error)

        self.buttons = QDialogButtonBox(subject_dialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.name_label.setBuddy(self.name)
        self.aliases_label.setBuddy(self.aliases)
        self.locality_label.setBuddy(self.locality)
        self.date_of_birth_label.setBuddy(self.date_of_birth_field)
        self.lcs_identifier_label.setBuddy(self.lcs_identifier)
        self.ehm_identifier_label.setBuddy(self.ehm_identifier)
        self.legal_status_label.setBuddy(self.legal_status)
        self.looked_after_label.setBuddy(self.looked_after_field)
        self.lead_professional_label.setBuddy(self.lead_professional)
        self.home_address_label.setBuddy(self.home_address)
        self.relatives_and_carers_label.setBuddy(self.relatives_and_carers)
        self.kind_of_place_label.setBuddy(self.kind_of_place)
        self.address_label.setBuddy(self.address)
        self.description_label.setBuddy(self.description)
        self.members_label.setBuddy(self.members)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.name, self.aliases)
        QWidget.setTabOrder(self.aliases, self.locality)
        QWidget.setTabOrder(self.locality, self.date_of_birth_field)
        QWidget.setTabOrder(self.date_of_birth_field, self.lcs_identifier)
        QWidget.setTabOrder(self.lcs_identifier, self.ehm_identifier)
        QWidget.setTabOrder(self.ehm_identifier, self.legal_status)
        QWidget.setTabOrder(self.legal_status, self.looked_after_field)
        QWidget.setTabOrder(self.looked_after_field, self.in_care)
        QWidget.setTabOrder(self.in_care, self.yot_order)
        QWidget.setTabOrder(self.yot_order, self.open_referral)
        QWidget.setTabOrder(self.open_referral, self.lead_professional)
        QWidget.setTabOrder(self.lead_professional, self.home_address)
        QWidget.setTabOrder(self.home_address, self.relatives_and_carers)
        QWidget.setTabOrder(self.relatives_and_carers, self.person_of_concern_is_a_child)
        QWidget.setTabOrder(self.person_of_concern_is_a_child, self.kind_of_place)
        QWidget.setTabOrder(self.kind_of_place, self.address)
        QWidget.setTabOrder(self.address, self.description)
        QWidget.setTabOrder(self.description, self.members)
        QWidget.setTabOrder(self.members, self.child_to_add)
        QWidget.setTabOrder(self.child_to_add, self.add_member)
        QWidget.setTabOrder(self.add_member, self.remove_member)

        self.retranslateUi(subject_dialog)

        QMetaObject.connectSlotsByName(subject_dialog)
    # setupUi

    def retranslateUi(self, subject_dialog):
        subject_dialog.setWindowTitle(QCoreApplication.translate("SubjectDialog", u"Add subject", None))
        self.name_label.setText(QCoreApplication.translate("SubjectDialog", u"&Name:", None))
#if QT_CONFIG(accessibility)
        self.name.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"Name", None))
#endif // QT_CONFIG(accessibility)
        self.aliases_label.setText(QCoreApplication.translate("SubjectDialog", u"&Aliases:", None))
#if QT_CONFIG(tooltip)
        self.aliases.setToolTip(QCoreApplication.translate("SubjectDialog", u"Nicknames or other names, separated by commas", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.aliases.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"Aliases", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.aliases.setAccessibleDescription(QCoreApplication.translate("SubjectDialog", u"Nicknames or other names, separated by commas", None))
#endif // QT_CONFIG(accessibility)
        self.locality_label.setText(QCoreApplication.translate("SubjectDialog", u"&Locality:", None))
#if QT_CONFIG(accessibility)
        self.locality.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"Locality", None))
#endif // QT_CONFIG(accessibility)
        self.date_of_birth_label.setText(QCoreApplication.translate("SubjectDialog", u"Date of &birth:", None))
#if QT_CONFIG(accessibility)
        self.date_of_birth_field.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"Date of birth", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.date_of_birth_field.setAccessibleDescription(QCoreApplication.translate("SubjectDialog", u"Leave it empty if not known", None))
#endif // QT_CONFIG(accessibility)
        self.lcs_identifier_label.setText(QCoreApplication.translate("SubjectDialog", u"LCS &identifier:", None))
#if QT_CONFIG(accessibility)
        self.lcs_identifier.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"LCS identifier", None))
#endif // QT_CONFIG(accessibility)
        self.ehm_identifier_label.setText(QCoreApplication.translate("SubjectDialog", u"&EHM identifier:", None))
#if QT_CONFIG(accessibility)
        self.ehm_identifier.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"EHM identifier", None))
#endif // QT_CONFIG(accessibility)
        self.legal_status_label.setText(QCoreApplication.translate("SubjectDialog", u"Legal &status:", None))
#if QT_CONFIG(accessibility)
        self.legal_status.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"Legal status", None))
#endif // QT_CONFIG(accessibility)
        self.looked_after_label.setText(QCoreApplication.translate("SubjectDialog", u"Looked after &from:", None))
#if QT_CONFIG(accessibility)
        self.looked_after_field.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"Date the child became looked after", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.looked_after_field.setAccessibleDescription(QCoreApplication.translate("SubjectDialog", u"Leave it empty if not recorded", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.in_care.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"In care", None))
#endif // QT_CONFIG(accessibility)
        self.in_care.setText(QCoreApplication.translate("SubjectDialog", u"In &care", None))
#if QT_CONFIG(accessibility)
        self.yot_order.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"YOT order", None))
#endif // QT_CONFIG(accessibility)
        self.yot_order.setText(QCoreApplication.translate("SubjectDialog", u"&YOT order", None))
#if QT_CONFIG(accessibility)
        self.open_referral.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"Open referral", None))
#endif // QT_CONFIG(accessibility)
        self.open_referral.setText(QCoreApplication.translate("SubjectDialog", u"&Open referral", None))
        self.lead_professional_label.setText(QCoreApplication.translate("SubjectDialog", u"Lead &professional:", None))
#if QT_CONFIG(accessibility)
        self.lead_professional.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"Lead professional", None))
#endif // QT_CONFIG(accessibility)
        self.home_address_label.setText(QCoreApplication.translate("SubjectDialog", u"Home add&ress:", None))
#if QT_CONFIG(tooltip)
        self.home_address.setToolTip(QCoreApplication.translate("SubjectDialog", u"Masked in other children's disclosure copies", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.home_address.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"Home address", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.home_address.setAccessibleDescription(QCoreApplication.translate("SubjectDialog", u"Masked in other children's disclosure copies", None))
#endif // QT_CONFIG(accessibility)
        self.relatives_and_carers_label.setText(QCoreApplication.translate("SubjectDialog", u"Relati&ves and carers:", None))
#if QT_CONFIG(tooltip)
        self.relatives_and_carers.setToolTip(QCoreApplication.translate("SubjectDialog", u"One a line: name, relationship (for example: Sandra Quell, mother); masked in other children's disclosure copies as Parent of Child B and so on", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.relatives_and_carers.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"Relatives and carers", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.relatives_and_carers.setAccessibleDescription(QCoreApplication.translate("SubjectDialog", u"One a line: name, relationship (for example: Sandra Quell, mother); masked in other children's disclosure copies as Parent of Child B and so on", None))
#endif // QT_CONFIG(accessibility)
        self.relatives_and_carers.setPlaceholderText(QCoreApplication.translate("SubjectDialog", u"One a line: name, relationship (for example a mother or a foster carer)", None))
#if QT_CONFIG(tooltip)
        self.person_of_concern_is_a_child.setToolTip(QCoreApplication.translate("SubjectDialog", u"Then disclosure copies treat them as a child, whatever the profile says", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.person_of_concern_is_a_child.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"Person of concern is a child", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.person_of_concern_is_a_child.setAccessibleDescription(QCoreApplication.translate("SubjectDialog", u"Then disclosure copies treat them as a child, whatever the profile says", None))
#endif // QT_CONFIG(accessibility)
        self.person_of_concern_is_a_child.setText(QCoreApplication.translate("SubjectDialog", u"This person is a &child (under 18, or a child who harms)", None))
        self.kind_of_place_label.setText(QCoreApplication.translate("SubjectDialog", u"&Kind of place:", None))
#if QT_CONFIG(tooltip)
        self.kind_of_place.setToolTip(QCoreApplication.translate("SubjectDialog", u"For example park, shop, school, hotel, address", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.kind_of_place.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"Kind of place", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.kind_of_place.setAccessibleDescription(QCoreApplication.translate("SubjectDialog", u"For example park, shop, school, hotel, address", None))
#endif // QT_CONFIG(accessibility)
        self.address_label.setText(QCoreApplication.translate("SubjectDialog", u"Add&ress:", None))
#if QT_CONFIG(accessibility)
        self.address.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"Address", None))
#endif // QT_CONFIG(accessibility)
        self.description_label.setText(QCoreApplication.translate("SubjectDialog", u"&Description:", None))
#if QT_CONFIG(accessibility)
        self.description.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"Description", None))
#endif // QT_CONFIG(accessibility)
        self.members_label.setText(QCoreApplication.translate("SubjectDialog", u"Mem&bers:", None))
#if QT_CONFIG(tooltip)
        self.members.setToolTip(QCoreApplication.translate("SubjectDialog", u"Children in this peer group", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.members.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"Members", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.members.setAccessibleDescription(QCoreApplication.translate("SubjectDialog", u"Children in this peer group", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.child_to_add.setToolTip(QCoreApplication.translate("SubjectDialog", u"Type part of a name to find a child", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.child_to_add.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"Child to add", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.child_to_add.setAccessibleDescription(QCoreApplication.translate("SubjectDialog", u"Type part of a name to find a child", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.add_member.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"Add member", None))
#endif // QT_CONFIG(accessibility)
        self.add_member.setText(QCoreApplication.translate("SubjectDialog", u"Add &member", None))
#if QT_CONFIG(accessibility)
        self.remove_member.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"Remove member", None))
#endif // QT_CONFIG(accessibility)
        self.remove_member.setText(QCoreApplication.translate("SubjectDialog", u"Remo&ve member", None))
#if QT_CONFIG(accessibility)
        self.subject_error.setAccessibleName(QCoreApplication.translate("SubjectDialog", u"Problem", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

