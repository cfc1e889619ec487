"""The domain kind's optional inputs: the sending IP, the envelope sender, DKIM selectors.

Shown under the checks pane's target field while "Domain records" is chosen. Empty fields
mean: no SPF evaluation or PTR check for an IP, postmaster@domain as the sender, and the
common provider selectors for DKIM.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from smtp_gui.ui.checks.batch import FIELD_IP, FIELD_SELECTORS, FIELD_SENDER
from smtp_gui.ui.retranslating import Retranslating

_MAX_FIELD = 320


class DomainFields(Retranslating, QWidget):
    """``checkIp``, ``checkSender`` and ``checkSelectors`` with their labels, in one row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ip_label = QLabel()
        self.ip_field = QLineEdit(objectName="checkIp")
        self.sender_label = QLabel()
        self.sender_field = QLineEdit(objectName="checkSender")
        self.selectors_label = QLabel()
        self.selectors_field = QLineEdit(objectName="checkSelectors")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, field, stretch in (
            (self.ip_label, self.ip_field, 2),
            (self.sender_label, self.sender_field, 3),
            (self.selectors_label, self.selectors_field, 2),
        ):
            field.setMaxLength(_MAX_FIELD)
            field.setClearButtonEnabled(True)
            label.setBuddy(field)
            layout.addWidget(label)
            layout.addWidget(field, stretch)
        self.retranslate()

    def values(self) -> dict[str, str]:
        return {
            FIELD_IP: self.ip_field.text(),
            FIELD_SENDER: self.sender_field.text(),
            FIELD_SELECTORS: self.selectors_field.text(),
        }

    def retranslate(self) -> None:
        self.ip_label.setText(self.tr("Sending &IP:"))
        self.ip_field.setPlaceholderText(self.tr("optional, e.g. 192.0.2.1"))
        self.ip_field.setAccessibleName(self.tr("Sending IP: SPF is evaluated for it, PTR checked"))
        self.sender_label.setText(self.tr("&Sender:"))
        self.sender_field.setPlaceholderText(self.tr("optional MAIL FROM, e.g. bounce@example.com"))
        self.sender_field.setAccessibleName(self.tr("Envelope sender (MAIL FROM) for SPF"))
        self.selectors_label.setText(self.tr("D&KIM selectors:"))
        self.selectors_field.setPlaceholderText(self.tr("optional; empty: common ones"))
        self.selectors_field.setAccessibleName(self.tr("DKIM selectors to look up"))
