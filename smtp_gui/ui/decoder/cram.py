"""The decoder's CRAM-MD5 row (``cramRow``): a password box, a Check button and the result.

The pane writes the row's words (its ``tr()`` context) and checks the digest; this module
only builds the widgets. The password never leaves the box (not in settings, not in a log).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget


class CramRow(QWidget):
    """``cramPassword``, ``cramCheck`` and ``cramResult`` on one line; hidden until a
    CRAM-MD5 exchange is decoded."""

    def __init__(self) -> None:
        super().__init__(objectName="cramRow")
        self.label = QLabel()
        self.password = QLineEdit(objectName="cramPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(1024)
        self.label.setBuddy(self.password)
        self.check = QPushButton(objectName="cramCheck")
        self.result = QLabel(objectName="cramResult")
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.password, 1)
        layout.addWidget(self.check)
        layout.addWidget(self.result, 2)
        self.hide()
