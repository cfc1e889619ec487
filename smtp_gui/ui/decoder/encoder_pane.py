"""Build AUTH answers by hand: LOGIN, PLAIN, XOAUTH2, and text to Base64 and back.

Secret inputs and the answers that carry them are shown as dots until the decoder's
``revealSecrets`` box is ticked; the Copy buttons copy the real value, because building an
answer to paste into a client is the point of this pane.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from smtp_gui.core.sasl.encode import (
    decode_text,
    encode_login,
    encode_plain,
    encode_text,
    encode_xoauth2,
)
from smtp_gui.core.text.errors import InputError
from smtp_gui.core.text.safe_text import shown
from smtp_gui.ui.context import AppContext
from smtp_gui.ui.retranslating import Retranslating

_MODES = ("login", "plain", "xoauth2", "to_base64", "from_base64")
_MAX_INPUT = 64 * 1024


class AuthEncoderPane(Retranslating, QGroupBox):
    """Inputs for one mechanism, one or two Base64 answers, each with a Copy button."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("authEncoder")
        self._context = context
        self._reveal = False
        self._secret_outputs: tuple[bool, bool] = (False, False)

        self.mode = QComboBox(objectName="encoderMode")
        # The long mechanism titles must not widen the side panel (the steps table beside
        # it needs the room at 1024 px): the closed box elides, the open list shows all.
        self.mode.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.mode.setMinimumContentsLength(14)
        for mode in _MODES:
            self.mode.addItem("", mode)
        self.authzid = self._line("encoderAuthzid")
        self.user = self._line("encoderUser")
        self.secret = self._line("encoderSecret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.text = self._line("encoderText")
        self.outputs = (self._line("encoderOutput1"), self._line("encoderOutput2"))
        for output in self.outputs:
            output.setReadOnly(True)
        self.copy_buttons = (
            QPushButton(objectName="copyEncoderOutput1"),
            QPushButton(objectName="copyEncoderOutput2"),
        )
        self.status = QLabel(objectName="encoderStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.labels = {
            name: QLabel()
            for name in ("mode", "authzid", "user", "secret", "text", "output1", "output2")
        }
        buddies = {
            "mode": self.mode,
            "authzid": self.authzid,
            "user": self.user,
            "secret": self.secret,
            "text": self.text,
            "output1": self.outputs[0],
            "output2": self.outputs[1],
        }
        # Labels above their fields: the pane is a narrow column beside the decoder.
        grid = QGridLayout(self)
        row = 0
        for name, widget in buddies.items():
            self.labels[name].setBuddy(widget)
            grid.addWidget(self.labels[name], row, 0, 1, 2)
            grid.addWidget(widget, row + 1, 0)
            if name == "output1":
                grid.addWidget(self.copy_buttons[0], row + 1, 1)
            elif name == "output2":
                grid.addWidget(self.copy_buttons[1], row + 1, 1)
            row += 2
        grid.addWidget(self.status, row, 0, 1, 2)
        grid.setColumnStretch(0, 1)

        self.mode.currentIndexChanged.connect(self._on_mode_changed)
        for line in (self.authzid, self.user, self.secret, self.text):
            line.textChanged.connect(self._on_input_changed)
        self.copy_buttons[0].clicked.connect(self._on_copy_first_clicked)
        self.copy_buttons[1].clicked.connect(self._on_copy_second_clicked)
        context.language.language_changed.connect(self._on_language_changed)
        self.retranslate()
        self._on_mode_changed(0)

    def _line(self, name: str) -> QLineEdit:
        line = QLineEdit(objectName=name)
        line.setMaxLength(_MAX_INPUT)
        return line

    # -- public -----------------------------------------------------------------------------
    def set_reveal(self, reveal: bool) -> None:
        """Show secrets in clear (the decoder's ``revealSecrets`` box) or as dots."""
        self._reveal = reveal
        self._apply_echo()

    def set_mode(self, mode: str) -> None:
        self.mode.setCurrentIndex(max(0, self.mode.findData(mode)))

    def clear(self) -> None:
        """Forget every input and answer, secrets included (and their undo history)."""
        for line in (self.authzid, self.user, self.secret, self.text, *self.outputs):
            line.setText("")  # unlike clear(), setText() also drops the undo history
        self.status.clear()

    # -- translation ------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setTitle(self.tr("Build an answer"))
        names = {
            "login": self.tr("LOGIN: user name and password, one answer each"),
            "plain": self.tr("PLAIN: authorization identity, user name, password"),
            "xoauth2": self.tr("XOAUTH2: user and OAuth access token"),
            "to_base64": self.tr("Text to Base64"),
            "from_base64": self.tr("Base64 to text"),
        }
        for index in range(self.mode.count()):
            self.mode.setItemText(index, names[str(self.mode.itemData(index))])
        self.mode.setAccessibleName(self.tr("What to build"))
        self.labels["mode"].setText(self.tr("Bu&ild:"))
        self.labels["authzid"].setText(self.tr("Authori&zation identity (optional):"))
        self.authzid.setAccessibleName(self.tr("Authorization identity"))
        self.labels["user"].setText(self.tr("&User name:"))
        self.user.setAccessibleName(self.tr("User name"))
        self.labels["text"].setText(self.tr("Te&xt:"))
        self.text.setAccessibleName(self.tr("Text to convert"))
        for button in self.copy_buttons:
            button.setText(self.tr("Copy"))
        self.copy_buttons[0].setAccessibleName(self.tr("Copy the first answer"))
        self.copy_buttons[1].setAccessibleName(self.tr("Copy the second answer"))
        self._relabel()

    def _relabel(self) -> None:
        """Labels that depend on the mode."""
        mode = self._current_mode()
        token = mode == "xoauth2"
        self.labels["secret"].setText(self.tr("Access &token:") if token else self.tr("Pass&word:"))
        self.secret.setAccessibleName(self.tr("Access token") if token else self.tr("Password"))
        first = {
            "login": self.tr("Answer to Username:"),
            "plain": self.tr("PLAIN answer:"),
            "xoauth2": self.tr("XOAUTH2 answer:"),
            "to_base64": self.tr("Base64:"),
            "from_base64": self.tr("Text:"),
        }[mode]
        self.labels["output1"].setText(first)
        self.outputs[0].setAccessibleName(first.rstrip(":："))
        second = self.tr("Answer to Password:")
        self.labels["output2"].setText(second)
        self.outputs[1].setAccessibleName(second.rstrip(":："))

    # -- slots ------------------------------------------------------------------------------
    @Slot(int)
    def _on_mode_changed(self, _index: int) -> None:
        mode = self._current_mode()
        shown = {
            "login": {"user", "secret", "output1", "output2"},
            "plain": {"authzid", "user", "secret", "output1"},
            "xoauth2": {"user", "secret", "output1"},
            "to_base64": {"text", "output1"},
            "from_base64": {"text", "output1"},
        }[mode]
        widgets = {
            "authzid": (self.authzid,),
            "user": (self.user,),
            "secret": (self.secret,),
            "text": (self.text,),
            "output1": (self.outputs[0], self.copy_buttons[0]),
            "output2": (self.outputs[1], self.copy_buttons[1]),
        }
        for name, group in widgets.items():
            for widget in (*group, self.labels[name]):
                widget.setVisible(name in shown)
        self._relabel()
        self._update()

    @Slot(str)
    def _on_input_changed(self, _text: str) -> None:
        self._update()

    @Slot()
    def _on_copy_first_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.outputs[0].text())

    @Slot()
    def _on_copy_second_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.outputs[1].text())

    @Slot(str)
    def _on_language_changed(self, _lang: str) -> None:
        self._update()

    # -- internals --------------------------------------------------------------------------
    def _current_mode(self) -> str:
        mode = self.mode.currentData()
        return str(mode) if mode in _MODES else "login"

    def _update(self) -> None:
        mode = self._current_mode()
        user, secret, text = self.user.text(), self.secret.text(), self.text.text()
        first = second = ""
        self.status.clear()
        try:
            if mode == "login":
                answers = encode_login(user, secret) if user or secret else None
                if answers is not None:
                    first = answers.username if user else ""
                    second = answers.password if secret else ""
            elif mode == "plain" and (user or secret):
                first = encode_plain(self.authzid.text(), user, secret)
            elif mode == "xoauth2" and (user or secret):
                first = encode_xoauth2(user, secret)
            elif mode == "to_base64" and text:
                first = encode_text(text)
            elif mode == "from_base64" and text:
                decoded = decode_text(text)
                if decoded.text is None:
                    first = decoded.data.hex(" ")
                    self.status.setText(self.tr("Not text: shown as hexadecimal bytes."))
                else:
                    first = shown(decoded.text)
                if decoded.warnings:
                    self.status.setText(shown(decoded.warnings[0].text(self._context.lang)))
        except InputError as exc:
            self.status.setText(shown(exc.text(self._context.lang)))
        self.outputs[0].setText(first)
        self.outputs[1].setText(second)
        # Which answers carry a secret: LOGIN's second; PLAIN's and XOAUTH2's only one.
        self._secret_outputs = (mode in ("plain", "xoauth2"), mode == "login")
        self._apply_echo()

    def _apply_echo(self) -> None:
        hidden = QLineEdit.EchoMode.Password
        normal = QLineEdit.EchoMode.Normal
        self.secret.setEchoMode(normal if self._reveal else hidden)
        for output, secret in zip(self.outputs, self._secret_outputs, strict=True):
            output.setEchoMode(hidden if secret and not self._reveal else normal)
