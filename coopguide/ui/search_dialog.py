"""The global search popup (Ctrl+K or Ctrl+Shift+F): type, see ranked results, Enter to open.

Queries run on the UI thread: one takes about a millisecond on the shipped content
(benchmarks/search.py), well under a frame, so a 150 ms debounce after the last key is all it takes
for the list never to stutter while typing. Opening the index (or building it, once per content
edition) happens in a worker thread started with the dialog; what is typed meanwhile is searched as
soon as the index is ready. The focus stays in the line edit: ↑/↓ (and Page ↑/↓) move in the list,
Enter opens, Esc closes, so the keyboard never has to leave the text.
"""

from __future__ import annotations

import html
import threading
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
)

from coopguide.core.content.model import Content
from coopguide.core.search.index import SearchIndex, SearchResult, open_index
from coopguide.ui.errors import plain_label

RESULT_ROLE = Qt.ItemDataRole.UserRole + 1
DEBOUNCE_MS = 150
MAX_RESULTS = 30
MOVES = {Qt.Key.Key_Down.value: 1, Qt.Key.Key_Up.value: -1, Qt.Key.Key_PageDown.value: 5, Qt.Key.Key_PageUp.value: -5}


def result_html(result: SearchResult, muted: str, accent: str) -> str:
    """Three lines: kind and where, the title, the snippet; matched words in bold."""
    if result.kind == "glossary":
        where = "définition"
    elif result.kind == "section" and not result.section_title:
        where = "début du guide"
    else:
        where = html.escape(result.guide_title)
        section = result.section_title.removeprefix("Check-list : ")
        if section and section != result.title:
            where += " — " + html.escape(section)
    lines = [
        f'<span style="color:{accent}; font-weight:bold">{html.escape(result.kind_label)}</span>'
        f'<span style="color:{muted}"> · {where}</span>',
        f"<big>{result.title_html}</big>",
    ]
    if result.snippet_html:
        lines.append(result.snippet_html)
    return "<br>".join(lines)


class ResultDelegate(QStyledItemDelegate):
    """Paints a result as rich text (QListWidget items are plain text only)."""

    MARGIN = 6

    def _document(self, option: QStyleOptionViewItem, index, selected: bool) -> QTextDocument:
        palette = option.palette
        muted = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText)
        accent = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Link)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        document.setHtml(result_html(index.data(RESULT_ROLE), muted.name(), accent.name()))
        document.setTextWidth(max(100, option.rect.width() - 2 * self.MARGIN))
        return document

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        document = self._document(option, index, selected)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.left() + self.MARGIN, option.rect.top() + self.MARGIN)
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        opt = QStyleOptionViewItem(option)
        if isinstance(opt.widget, QAbstractScrollArea):
            opt.rect.setWidth(opt.widget.viewport().width())
        document = self._document(opt, index, False)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 2 * self.MARGIN)


class SearchDialog(QDialog):
    """Emits ``linkChosen`` with the chosen result's link (``guide:ID#ANCHOR``, ``item:ID``)."""

    linkChosen = Signal(str)
    indexReady = Signal(object)  # the SearchIndex, once opened or built (emitted from the worker)

    def __init__(self, content: Content, cache_dir: Path | None, parent=None, index: SearchIndex | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Rechercher dans Coopguide"))
        self.setAccessibleName(self.tr("Recherche dans tout le contenu"))
        self.resize(760, 560)
        self.index: SearchIndex | None = None
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Une question ou des mots : « cape chômage », « reprise en difficulté »…"))
        self.edit.setAccessibleName(self.tr("Rechercher"))
        self.edit.setClearButtonEnabled(True)
        self.edit.installEventFilter(self)
        self.status = plain_label()  # quotes the query
        self.status.setAccessibleName(self.tr("État de la recherche"))
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Résultats de la recherche"))
        self.results.setItemDelegate(ResultDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.results.setResizeMode(QListWidget.ResizeMode.Adjust)  # rows re-wrap when the popup is resized
        self.results.itemActivated.connect(self._open_item)  # Enter in the list, double click
        self.results.itemClicked.connect(self._open_item)
        hint = QLabel(self.tr("↑ ↓ pour choisir · Entrée pour ouvrir · Échap pour fermer"))
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        for widget in (self.edit, self.status, self.results, hint):
            layout.addWidget(widget)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_search)
        self.edit.textEdited.connect(lambda _text: self.timer.start())
        self.indexReady.connect(self._index_ready)
        if index is not None:
            self._index_ready(index)
        else:
            self.status.setText(self.tr("Préparation de la recherche…"))
            threading.Thread(
                target=self._open_index, args=(content, cache_dir), daemon=True, name="coopguide-index"
            ).start()

    def _open_index(self, content: Content, cache_dir: Path | None) -> None:
        index = open_index(content, cache_dir)
        try:
            self.indexReady.emit(index)  # queued to the UI thread
        except RuntimeError:  # the dialog was deleted meanwhile
            index.close()

    def _index_ready(self, index: SearchIndex) -> None:
        self.index = index
        self.run_search()

    # -- searching -----------------------------------------------------------------------------
    def open_search(self, text: str | None = None) -> None:
        """Show the popup with the focus in the line edit (its former text selected, or ``text``)."""
        if text is not None:
            self.edit.setText(text)
            self.run_search()
        self.show()
        self.raise_()
        self.activateWindow()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def run_search(self) -> None:
        self.timer.stop()
        query = self.edit.text()
        self.results.clear()
        if self.index is None:
            self.status.setText(self.tr("Préparation de la recherche…"))
            return
        if not query.strip():
            self.status.setText(self.tr("Tapez une question ou quelques mots."))
            return
        found = self.index.search(query, limit=MAX_RESULTS, prefix=True)
        for result in found:
            item = QListWidgetItem(f"{result.kind_label} : {result.title}. {result.guide_title}. {result.snippet}")
            item.setData(RESULT_ROLE, result)
            item.setToolTip(result.target)
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)
            if len(found) == MAX_RESULTS:
                self.status.setText(self.tr("Les %1 meilleurs résultats").replace("%1", str(MAX_RESULTS)))
            elif len(found) == 1:
                self.status.setText(self.tr("1 résultat"))
            else:
                self.status.setText(self.tr("%1 résultats").replace("%1", str(len(found))))
        elif len(query.strip()) < 2:
            self.status.setText(self.tr("Tapez au moins deux lettres."))
        else:
            self.status.setText(
                self.tr("Aucun résultat pour « %1 ». Essayez d'autres mots, ou moins de mots.").replace(
                    "%1", query.strip()
                )
            )

    def _open_item(self, item: QListWidgetItem | None) -> None:
        if item is None or not self.isVisible():  # a click can also activate: open once
            return
        result: SearchResult = item.data(RESULT_ROLE)
        self.accept()
        self.linkChosen.emit(result.target)

    def open_current(self) -> None:
        if self.timer.isActive():  # Enter typed before the debounce ran: search what is typed now
            self.run_search()
        self._open_item(self.results.currentItem())

    # -- keyboard ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and watched is self.edit:
            key = event.key()
            if key in MOVES and self.results.count():
                row = self.results.currentRow() + MOVES[key]
                self.results.setCurrentRow(max(0, min(self.results.count() - 1, row)))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
        return super().eventFilter(watched, event)
