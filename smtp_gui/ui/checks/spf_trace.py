"""The SPF row's trace as a tree: one node per term, with the lookups it cost and whether
it matched; an include's or redirect's terms are its children.

With a sending IP the tree is the evaluation's trace (RFC 7208 4.6); without one it is the
static analysis (every term reachable, lookups through every include). The data is the
JSON form core puts in ``CheckResult.extra``; every text comes from DNS or core and is set
as item text, which Qt paints as plain text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from smtp_gui.core.checks.status import CheckResult
from smtp_gui.core.spf.lookups import MAX_DNS_TERMS
from smtp_gui.core.spf.report import printable
from smtp_gui.core.text.messages import message_text
from smtp_gui.core.text.safe_text import shown
from smtp_gui.ui.checks.model import TONE_COLOURS
from smtp_gui.ui.document import plain_tooltip
from smtp_gui.ui.retranslating import Retranslating

TERM, LOOKUPS, RESULT, LOOKED_UP = range(4)
_MAX_NODES = 400  # a hostile record cannot make the tree huge (core caps records, too)
_RESULT_TONES = {
    "pass": "good",
    "fail": "bad",
    "softfail": "warn",
    "neutral": "warn",
    "none": "bad",
    "permerror": "bad",
    "temperror": "warn",
}


def _note(value: Any, lang: str) -> str:
    """A note or problem in the JSON form: a plain string, or ``{"en": ..., "zh": ...}``."""
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("en") or "")
    return str(value or "")


def _queries(queries: Sequence[Mapping[str, Any]]) -> str:
    """``A mx1.example.com = 198.51.100.65; TXT ... = NXDOMAIN``: what the term asked."""
    asked = []
    for query in queries:
        answers = ", ".join(str(a) for a in query.get("answers") or ()) or str(query["outcome"])
        name = str(query["name"]).rstrip(".")
        asked.append(f"{query['type']} {name} = {answers}")
    return _plain("; ".join(asked))


def _result_name(result: str, lang: str) -> str:
    return message_text(f"spf.result_name.{result}", lang)


class SpfTraceView(Retranslating, QTreeWidget):
    """``spfTrace``: shows the SPF row of a domain check; empty for any other result."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="spfTrace")
        self.setColumnCount(4)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QTreeWidget.SelectionBehavior.SelectRows)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((TERM, 230), (LOOKUPS, 100), (RESULT, 115)):
            self.setColumnWidth(column, width)
        self._nodes = 0
        self.retranslate()

    # -- content ----------------------------------------------------------------------------
    @staticmethod
    def applies_to(result: object) -> bool:
        return isinstance(result, CheckResult) and result.name == "spf"

    def show_result(self, result: CheckResult, lang: str) -> None:
        """Fill the tree from the SPF row's trace, or its analysis when no IP was given."""
        self.clear()
        self._nodes = 0
        extra = result.extra
        analysis: Mapping[str, Any] = extra.get("analysis") or {}
        domain = str(analysis.get("domain") or "")
        root = QTreeWidgetItem(self)
        root.setText(TERM, _plain(domain))
        root.setText(LOOKUPS, f"{extra.get('lookups', 0)} / {MAX_DNS_TERMS}")
        record = analysis.get("record") or "\n".join(analysis.get("records") or ())
        root.setText(LOOKED_UP, _plain(f"TXT {domain} = {record}" if record else ""))
        trace = extra.get("trace") or []
        if extra.get("result"):
            self._result(root, str(extra["result"]), lang, matched=None)
            for entry in trace:
                self._trace_node(root, entry, lang)
        else:
            root.setText(RESULT, message_text(f"domain_kind.status.{result.status}", lang))
            for node in analysis.get("terms") or ():
                self._analysis_node(root, node, lang)
            for problem in analysis.get("problems") or ():
                if not analysis.get("terms"):  # a record that did not parse: say why here
                    self._note(root, _note(problem, lang))
        for item in (root, *self._items(root)):
            item.setToolTip(LOOKED_UP, plain_tooltip(item.text(LOOKED_UP)))
        self.expandAll()
        for column, widest in ((TERM, 320), (LOOKUPS, 140), (RESULT, 170)):
            self.resizeColumnToContents(column)
            self.setColumnWidth(column, min(widest, self.columnWidth(column) + 8))

    def _items(self, item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
        found = []
        for index in range(item.childCount()):
            child = item.child(index)
            if child is None:
                continue
            found.append(child)
            found.extend(self._items(child))
        return found

    def _new(self, parent: QTreeWidgetItem) -> QTreeWidgetItem | None:
        if self._nodes >= _MAX_NODES:
            return None
        self._nodes += 1
        return QTreeWidgetItem(parent)

    def _trace_node(self, parent: QTreeWidgetItem, entry: Mapping[str, Any], lang: str) -> None:
        item = self._new(parent)
        if item is None:
            return
        item.setText(TERM, _plain(str(entry["term"])))
        cost = int(entry.get("lookups") or 0)
        void = int(entry.get("void_lookups") or 0)
        parts = [str(cost)]
        if entry.get("children"):
            total = _subtree_cost(entry)
            if total != cost:
                parts.append(message_text("domain_kind.trace.total", lang, count=total))
        if void:
            parts.append(message_text("spf.trace.void", lang, count=void))
        item.setText(LOOKUPS, "  ".join(parts))
        result = entry.get("result")
        self._result(item, str(result) if result else "", lang, matched=entry.get("matched"))
        item.setText(LOOKED_UP, _queries(entry.get("queries") or ()))
        if entry.get("note") is not None:
            self._note(item, _note(entry["note"], lang))
        for child in entry.get("children") or ():
            self._trace_node(item, child, lang)

    def _analysis_node(self, parent: QTreeWidgetItem, node: Mapping[str, Any], lang: str) -> None:
        item = self._new(parent)
        if item is None:
            return
        item.setText(TERM, _plain(str(node["term"])))
        own, total = int(node.get("lookups") or 0), int(node.get("total_lookups") or 0)
        parts = [str(own)]
        if total != own:
            parts.append(message_text("domain_kind.trace.total", lang, count=total))
        if node.get("void_lookups"):
            parts.append(message_text("spf.trace.void", lang, count=node["void_lookups"]))
        item.setText(LOOKUPS, "  ".join(parts))
        if not node.get("reachable", True):
            item.setText(RESULT, message_text("domain_kind.trace.unreachable", lang))
            item.setForeground(RESULT, QColor(TONE_COLOURS["muted"]))
        item.setText(LOOKED_UP, _queries(node.get("queries") or ()))
        for problem in node.get("problems") or ():
            self._note(item, _note(problem, lang))
        for child in node.get("children") or ():
            self._analysis_node(item, child, lang)

    def _result(
        self, item: QTreeWidgetItem, result: str, lang: str, *, matched: bool | None
    ) -> None:
        """``match → pass``, ``no match``, or the overall result at the root."""
        words = []
        if matched is not None:
            words.append(message_text("spf.trace.match" if matched else "spf.trace.no_match", lang))
        if result:
            words.append(_result_name(result, lang))
        item.setText(RESULT, " → ".join(words))
        if result and (matched is None or matched):
            item.setForeground(RESULT, QColor(TONE_COLOURS[_RESULT_TONES.get(result, "warn")]))
        elif matched is False:
            item.setForeground(RESULT, QColor(TONE_COLOURS["muted"]))

    def _note(self, parent: QTreeWidgetItem, text: str) -> None:
        item = self._new(parent)
        if item is None:
            return
        item.setText(TERM, _plain(f"! {text}"))
        item.setFirstColumnSpanned(True)
        item.setForeground(TERM, QColor(TONE_COLOURS["warn"]))

    # -- translation ------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setHeaderLabels(
            [
                self.tr("Term"),
                self.tr("DNS lookups"),
                self.tr("Match / result"),
                self.tr("Looked up"),
            ]
        )
        self.setAccessibleName(self.tr("SPF evaluation trace"))


def _plain(text: str) -> str:
    """DNS text for an item: controls escaped (as the CLI prints them), bidi overrides shown."""
    return shown(printable(text))


def _subtree_cost(entry: Mapping[str, Any]) -> int:
    return int(entry.get("lookups") or 0) + sum(
        _subtree_cost(child) for child in entry.get("children") or ()
    )
