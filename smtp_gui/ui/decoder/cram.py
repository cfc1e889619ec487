"""The decoder's CRAM-MD5 row (``cramRow``): a password box, a Check button and the result.

The pane writes the row's words (its ``tr()`` context) and checks the digest; this module
only builds the widgets. The password never leaves the box (not in settings, not in a log).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from smtp_gui.core.sasl.decode import cram_md5_parts, verify_cram_md5
from smtp_gui.core.sasl.model import Exchange


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

    def verify(self, exchange: Exchange | None) -> None:
        """Check the typed password against the exchange's CRAM-MD5 digest (RFC 2195)."""
        parts = cram_md5_parts(exchange) if exchange is not None else None
        if parts is None:
            return
        if verify_cram_md5(*parts, self.password.text()):
            text = QCoreApplication.translate("DecoderPane", "✔ The digest matches this password.")
        else:
            text = QCoreApplication.translate(
                "DecoderPane", "✘ The digest does not match this password."
            )
        self.result.setText(text)
