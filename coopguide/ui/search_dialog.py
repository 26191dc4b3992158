"""The global search popup (Ctrl+K or Ctrl+Shift+F): type, see ranked results, Enter to open.

Queries run on the UI thread: one takes about a millisecond on the shipped content
(benchmarks/search.py), well under a frame, so a 150 ms debounce after the last key is all it takes
for the list never to stutter while typing. Opening the index (or building it, once per content
edition) happens in a worker thread started with the dialog; what is typed meanwhile is searched as
soon as the index is ready. The focus stays in the line edit: ↑/↓ (and Page ↑/↓) move in the list,
Enter opens, Esc closes, so the keyboard never has to leave the text.

Around the results, what makes the search forgiving (core/search/index.py, ``SearchIndex.ask``):

- a line that says what was corrected (« Résultats pour « liquidation » ») with a link to search the
  words as typed, or proposes a spelling (« Vouliez-vous dire … ? »): a click, or Alt+↓, takes it;
- an answer card above the results when the question is one people often ask: its lines link to
  the sections that say them;
- the titles of guides and sections that begin like the words typed, updated at each key (like
  Kiwix's suggestions): ↑ from the first result goes up into them, Enter opens the one chosen.

Every text shown as rich text is escaped first: the query and the content never reach Qt's HTML.
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
    QFrame,
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
from coopguide.core.search import spelling
from coopguide.core.search.index import Answer, Card, SearchIndex, SearchResult, TitleSuggestion, open_index
from coopguide.ui.errors import plain_label

RESULT_ROLE = Qt.ItemDataRole.UserRole + 1
TARGET_ROLE = Qt.ItemDataRole.UserRole + 2
DEBOUNCE_MS = 150
MAX_RESULTS = 30
MAX_TITLES = 5
AS_TYPED, PROPOSED = "#tel-quel", "#proposition"  # the correction line's two links
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


def correction_html(answer: Answer) -> str:
    """The line above the results when a word was corrected or could be: escaped, with its link."""
    if answer.corrections:
        return (
            f"Résultats pour « <b>{html.escape(answer.searched)}</b> ». "
            f'Rechercher plutôt <a href="{AS_TYPED}">« {html.escape(answer.query)} »</a>'
        )
    if answer.suggestion:
        return f'Vouliez-vous dire <a href="{PROPOSED}">« <b>{html.escape(answer.suggestion)}</b> »</a> ?'
    return ""


def card_html(card: Card) -> str:
    """An answer card: its question, then one line per point with a link to the section saying it."""
    lines = [f"<b>Réponse rapide : {html.escape(card.question)}</b>", "<ul style='margin: 0'>"]
    for line in card.lines:
        where = html.escape(line.section_title or line.guide_title)
        lines.append(f'<li>{html.escape(line.text)} → <a href="{html.escape(line.target)}">{where}</a></li>')
    return "".join(lines) + "</ul>"


def title_text(suggestion: TitleSuggestion) -> str:
    if suggestion.title == suggestion.guide_title:
        return suggestion.title
    return f"{suggestion.title} — {suggestion.guide_title}"


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

    def __init__(
        self,
        content: Content,
        cache_dir: Path | None,
        parent=None,
        index: SearchIndex | None = None,
        content_key: str | None = None,
    ):
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
        self.answer: Answer | None = None
        self.correction = self._link_label(self.tr("Correction de l'orthographe"))
        self.correction.linkActivated.connect(self._correction_chosen)
        self.card = self._link_label(self.tr("Réponse rapide"))
        self.card.setFrameShape(QFrame.Shape.StyledPanel)
        self.card.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.card.setAutoFillBackground(True)
        self.card.setMargin(6)
        self.card.linkActivated.connect(self._open_link)
        self.titles_label = QLabel(self.tr("Aller directement à :"))
        self.titles_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.titles_label.hide()
        self.titles = QListWidget()
        self.titles_label.setBuddy(self.titles)
        self.titles.setAccessibleName(self.tr("Titres de guides et de sections"))
        self.titles.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.titles.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.titles.itemActivated.connect(self._open_title)
        self.titles.itemClicked.connect(self._open_title)
        self.titles.hide()
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
        for widget in (
            self.edit,
            self.correction,  # about what was typed: right under it
            self.titles_label,
            self.titles,  # as you type, like the suggestions of a search box
            self.card,  # an answer, above the results
            self.status,
            self.results,
            hint,
        ):
            layout.addWidget(widget)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_search)
        self.edit.textEdited.connect(self._typed)
        self.indexReady.connect(self._index_ready)
        if index is not None:
            self._index_ready(index)
        else:
            self.status.setText(self.tr("Préparation de la recherche…"))
            threading.Thread(
                target=self._open_index, args=(content, cache_dir, content_key), daemon=True, name="coopguide-index"
            ).start()

    def _open_index(self, content: Content, cache_dir: Path | None, content_key: str | None) -> None:
        index = open_index(content, cache_dir, content_key)
        spelling.warm_up()  # rapidfuzz imported here, not at the first typo on the UI thread
        try:
            self.indexReady.emit(index)  # queued to the UI thread
        except RuntimeError:  # the dialog was deleted meanwhile
            index.close()

    def _index_ready(self, index: SearchIndex) -> None:
        self.index = index
        self.run_search()

    def _link_label(self, name: str) -> QLabel:
        """A rich-text label of escaped text whose links are followed here, by mouse or keyboard."""
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setOpenExternalLinks(False)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        label.setAccessibleName(name)
        label.hide()
        return label

    def _typed(self, _text: str) -> None:
        self.timer.start()
        self.update_titles()  # a few titles at each key: one small FTS5 query

    def update_titles(self) -> None:
        """The guides and sections whose title begins like the words typed."""
        found = self.index.suggest_titles(self.edit.text(), MAX_TITLES) if self.index else []
        self.titles.clear()
        for suggestion in found:
            item = QListWidgetItem(title_text(suggestion))
            item.setData(TARGET_ROLE, suggestion.target)
            item.setToolTip(suggestion.target)
            self.titles.addItem(item)
        if found:
            rows = sum(self.titles.sizeHintForRow(row) for row in range(len(found)))
            self.titles.setFixedHeight(rows + 2 * self.titles.frameWidth())
        self.titles.setVisible(bool(found))
        self.titles_label.setVisible(bool(found))

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

    def run_search(self, correct: bool = True) -> None:
        self.timer.stop()
        query = self.edit.text()
        self.results.clear()
        self.answer = None
        for label in (self.correction, self.card):
            label.hide()
        if self.index is None:
            self.status.setText(self.tr("Préparation de la recherche…"))
            return
        self.update_titles()
        if not query.strip():
            self.status.setText(self.tr("Tapez une question ou quelques mots."))
            return
        self.answer = answer = self.index.ask(query, limit=MAX_RESULTS, prefix=True, correct=correct)
        found = answer.results
        for result in found:
            item = QListWidgetItem(f"{result.kind_label} : {result.title}. {result.guide_title}. {result.snippet}")
            item.setData(RESULT_ROLE, result)
            item.setToolTip(result.target)
            self.results.addItem(item)
        self.correction.setText(correction_html(answer))
        self.correction.setVisible(bool(self.correction.text()))
        if answer.card:
            self.card.setText(card_html(answer.card))
            self.card.show()
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

    def _correction_chosen(self, link: str) -> None:
        """« Rechercher plutôt « … » »: the words as typed; « Vouliez-vous dire »: the proposal."""
        answer = self.answer
        if answer is None:
            return
        if link == AS_TYPED:
            self.run_search(correct=False)
        elif link == PROPOSED and answer.suggestion:
            self.edit.setText(answer.suggestion)
            self.run_search()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_link(self, link: str) -> None:
        """A link of the answer card: the section it names."""
        if self.isVisible():
            self.accept()
            self.linkChosen.emit(link)

    def _open_title(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self._open_link(item.data(TARGET_ROLE))

    def _open_item(self, item: QListWidgetItem | None) -> None:
        if item is None or not self.isVisible():  # a click can also activate: open once
            return
        result: SearchResult = item.data(RESULT_ROLE)
        self.accept()
        self.linkChosen.emit(result.target)

    def open_current(self) -> None:
        if self.timer.isActive():  # Enter typed before the debounce ran: search what is typed now
            self.run_search()
        if self.titles.isVisible() and self.titles.currentItem() is not None:
            self._open_title(self.titles.currentItem())
        else:
            self._open_item(self.results.currentItem())

    def step_selection(self, step: int) -> None:
        """↑/↓ through the titles, then the results, as one list (the results' first row is where
        the search starts; ↑ from it goes up into the titles)."""
        titles = self.titles.count() if self.titles.isVisible() else 0
        if self.titles.currentItem() is not None and titles:
            row = self.titles.currentRow() + step
        else:
            row = titles + max(0, self.results.currentRow()) + step
        row = max(0, min(titles + self.results.count() - 1, row))
        if row < titles:
            self.results.setCurrentRow(-1)
            self.titles.setCurrentRow(row)
        else:
            self.titles.setCurrentRow(-1)
            self.results.setCurrentRow(row - titles)

    # -- keyboard ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and watched is self.edit:
            key = event.key()
            if key == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier:
                self._take_correction()
                return True
            if key in MOVES and (self.results.count() or self.titles.count()):
                self.step_selection(MOVES[key])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
        return super().eventFilter(watched, event)

    def _take_correction(self) -> None:
        """Alt+↓: the link of the correction line, from the keyboard without leaving the text."""
        answer = self.answer
        if answer is not None and answer.corrections:
            self._correction_chosen(AS_TYPED)
        elif answer is not None and answer.suggestion:
            self._correction_chosen(PROPOSED)
