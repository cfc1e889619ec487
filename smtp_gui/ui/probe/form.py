"""What the probe pane asks: server, port, TLS mode, HELO, MAIL FROM, RCPT TO, AUTH.

The password field echoes as dots; neither it nor anything else here is written to the
settings. ``options()`` turns the form into core ``ProbeOptions``.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from smtp_gui.core.probe.helo import default_helo_host
from smtp_gui.core.probe.model import AUTH_MECHANISMS, ProbeOptions, TlsMode
from smtp_gui.ui.retranslating import Retranslating

_TLS_MODES = ("auto", "starttls", "implicit", "none")


class ProbeForm(Retranslating, QWidget):
    """The fields of a probe; ``submitted`` when Enter is pressed in a text field."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = self._line("probeTarget", 255)
        self.port = QSpinBox(objectName="probePort")
        self.port.setRange(1, 65535)
        self.port.setValue(25)
        self.tls_mode = QComboBox(objectName="probeTlsMode")
        for mode in _TLS_MODES:
            self.tls_mode.addItem("", mode)
        self.helo = self._line("probeHelo", 255)
        self.mail_from = self._line("probeFrom", 320)
        self.rcpt_to = self._line("probeTo", 320)
        self.auth = QComboBox(objectName="probeAuthMechanism")
        self.auth.addItem("", "")
        for mechanism in AUTH_MECHANISMS:
            self.auth.addItem(mechanism, mechanism)
        self.user = self._line("probeUser", 320)
        self.password = self._line("probePassword", 4096)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setClearButtonEnabled(False)
        self.insecure = QCheckBox(objectName="probeInsecure")
        self.timeout = QDoubleSpinBox(objectName="probeTimeout")
        self.timeout.setRange(0.5, 300.0)
        self.timeout.setDecimals(1)
        self.timeout.setValue(10.0)
        self._labels: dict[str, QLabel] = {}

        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        rows: list[list[tuple[str, QWidget]]] = [
            [("target", self.target), ("port", self.port), ("tls", self.tls_mode)],
            [("helo", self.helo), ("from", self.mail_from), ("to", self.rcpt_to)],
            [("auth", self.auth), ("user", self.user), ("password", self.password)],
        ]
        for row, fields in enumerate(rows):
            for pair, (key, widget) in enumerate(fields):
                grid.addWidget(self._label(key, widget), row, 2 * pair)
                grid.addWidget(widget, row, 2 * pair + 1)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        grid.setColumnStretch(5, 2)
        # The last row: options, then whatever the pane adds (status, Probe, Cancel).
        self.actions = QHBoxLayout()
        self.actions.addWidget(self.insecure)
        self.actions.addWidget(self._label("timeout", self.timeout))
        self.actions.addWidget(self.timeout)
        self.actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addLayout(self.actions)

        self.auth.currentIndexChanged.connect(self._on_auth_changed)
        for line in (self.target, self.helo, self.mail_from, self.rcpt_to, self.user):
            line.returnPressed.connect(self.submitted)
        self.retranslate()
        self._on_auth_changed(0)

    def _line(self, name: str, length: int) -> QLineEdit:
        line = QLineEdit(objectName=name)
        line.setMaxLength(length)
        line.setClearButtonEnabled(True)
        return line

    def _label(self, key: str, buddy: QWidget) -> QLabel:
        label = QLabel()
        label.setBuddy(buddy)
        self._labels[key] = label
        return label

    def options(self) -> ProbeOptions:
        """What the form says; the user and password only when a mechanism is chosen."""
        mechanism = str(self.auth.currentData() or "")
        return ProbeOptions(
            target=self.target.text(),
            port=self.port.value(),
            tls=TlsMode(str(self.tls_mode.currentData())),
            helo=self.helo.text() or None,
            mail_from=self.mail_from.text() or None,
            rcpt_to=self.rcpt_to.text() or None,
            auth=mechanism or None,
            user=self.user.text() if mechanism else None,
            password=self.password.text() if mechanism else None,
            timeout=self.timeout.value(),
            insecure=self.insecure.isChecked(),
        )

    def retranslate(self) -> None:
        texts = {
            "target": self.tr("&Server:"),
            "port": self.tr("Po&rt:"),
            "tls": self.tr("&TLS:"),
            "helo": self.tr("HE&LO name:"),
            "from": self.tr("MA&IL FROM:"),
            "to": self.tr("RCPT T&O:"),
            "auth": self.tr("A&UTH:"),
            "user": self.tr("User &name:"),
            "password": self.tr("Pass&word:"),
            "timeout": self.tr("Timeout (s):"),
        }
        for key, text in texts.items():
            self._labels[key].setText(text)
        self.target.setPlaceholderText(self.tr("mail.example.com, 192.0.2.25 or example.com"))
        self.target.setAccessibleName(self.tr("Server to probe"))
        self.port.setAccessibleName(self.tr("Port"))
        self.port.setToolTip(self.tr("25: server to server (MX); 587: submission; 465: TLS"))
        self.tls_mode.setAccessibleName(self.tr("TLS mode"))
        names = [
            self.tr("Automatic"),
            self.tr("STARTTLS (required)"),
            self.tr("Implicit TLS"),
            self.tr("None (plain text)"),
        ]
        for index, name in enumerate(names):
            self.tls_mode.setItemText(index, name)
        # Say what will be sent (core/probe/helo.py): the name, or the address literal.
        host = default_helo_host()
        if host:
            helo = self.tr("%1 (this computer's name)").replace("%1", host)
        else:
            helo = self.tr("this computer's address on the connection, e.g. [192.0.2.1]")
        self.helo.setPlaceholderText(helo)
        self.helo.setToolTip(self.tr("Sent in EHLO when left empty: %1").replace("%1", helo))
        self.helo.setAccessibleName(self.tr("HELO name"))
        self.mail_from.setPlaceholderText(self.tr("sender@example.com (optional)"))
        self.mail_from.setAccessibleName(self.tr("Sender address for MAIL FROM"))
        self.rcpt_to.setPlaceholderText(self.tr("recipient@example.com (optional)"))
        self.rcpt_to.setAccessibleName(self.tr("Recipient address for RCPT TO"))
        self.auth.setItemText(0, self.tr("No AUTH"))
        self.auth.setAccessibleName(self.tr("AUTH mechanism"))
        self.user.setAccessibleName(self.tr("User name for AUTH"))
        self.password.setAccessibleName(self.tr("Password or token for AUTH (never saved)"))
        self.password.setPlaceholderText(self.tr("never saved"))
        self.insecure.setText(self.tr("Continue if the certificate does not validate"))
        self.insecure.setAccessibleName(self.tr("Continue without certificate validation"))
        self.timeout.setAccessibleName(self.tr("Timeout of each step in seconds"))

    @Slot(int)
    def _on_auth_changed(self, _index: int) -> None:
        enabled = bool(self.auth.currentData())
        self.user.setEnabled(enabled)
        self.password.setEnabled(enabled)
