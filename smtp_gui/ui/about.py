"""Help > About: the version, the project's address, and the software the app is made of
with the licence of each (smtp_gui/licenses.py; in the bundle, its licenses/ folder)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smtp_gui import PROJECT_URL, __version__
from smtp_gui.licenses import Component, components, licence_text
from smtp_gui.ui.icon import app_icon
from smtp_gui.ui.retranslating import Retranslating


class AboutDialog(Retranslating, QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.icon = QLabel(objectName="aboutIcon")
        self.icon.setPixmap(app_icon().pixmap(64, 64))
        self.heading = QLabel(f"smtp-gui {__version__}", objectName="aboutTitle")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = QLabel(objectName="aboutSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        # Our own constant, escaped all the same: the only rich text here.
        self.link = QLabel(objectName="aboutLink")
        self.link.setTextFormat(Qt.TextFormat.RichText)
        address = html.escape(PROJECT_URL)
        self.link.setText(f'<a href="{address}">{address}</a>')
        self.link.setOpenExternalLinks(True)
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.list_label = QLabel(objectName="aboutComponentsLabel")
        self.list_label.setTextFormat(Qt.TextFormat.PlainText)
        self.list_label.setWordWrap(True)
        self.components = QTreeWidget(objectName="aboutComponents")
        self.components.setRootIsDecorated(False)
        self.components.setColumnCount(3)
        self._shipped = components()
        for component in self._shipped:
            item = QTreeWidgetItem([component.name, component.version, component.license])
            self.components.addTopLevelItem(item)
        for column in range(2):
            self.components.resizeColumnToContents(column)
        self.list_label.setBuddy(self.components)
        self.text = QPlainTextEdit(objectName="aboutLicenceText")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.setObjectName("aboutButtons")
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.icon)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.link)
        layout.addWidget(self.list_label)
        layout.addWidget(self.components, 2)
        layout.addWidget(self.text, 3)
        layout.addWidget(self.buttons)
        self.resize(640, 560)
        self.components.currentItemChanged.connect(self._on_components_current_item_changed)
        self.retranslate()
        self.components.setCurrentItem(self.components.topLevelItem(0))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("About smtp-gui"))
        self.summary.setText(
            self.tr(
                "A troubleshooter for SMTP errors: bounces, reply codes, AUTH exchanges, "
                "blocklists and DNS."
            )
        )
        self.link.setAccessibleName(self.tr("Project website"))
        self.list_label.setText(self.tr("&Software in this app and the licence of each:"))
        self.components.setHeaderLabels([self.tr("Name"), self.tr("Version"), self.tr("Licence")])
        self.components.setAccessibleName(self.tr("Software and licences"))
        self.text.setAccessibleName(self.tr("Licence text"))
        self._show_current()

    def current_component(self) -> Component | None:
        index = self.components.indexOfTopLevelItem(self.components.currentItem())
        return self._shipped[index] if 0 <= index < len(self._shipped) else None

    def _show_current(self) -> None:
        component = self.current_component()
        if component is None:
            self.text.setPlainText("")
            return
        text = licence_text(component) or self.tr("No licence text ships with this component.")
        # Licence files are shown as plain text, like everything read from a file.
        self.text.setPlainText("\n\n".join(part for part in (component.note, text) if part))

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_components_current_item_changed(self, *_items: object) -> None:
        self._show_current()
