"""The list of guides, grouped by theme, with each guide's progress in the current dossier.

A long title wraps on as many lines as it needs instead of ending in « … »: at 1366 pixels, six of
the seventeen titles were cut (« Reprendre une entreprise en di… »), and a tooltip is no help on a
projector or to someone who does not think of hovering. A tree view draws wrapped text when its
``wordWrap`` is on, but does not make a row taller for it, so :meth:`GuideTree._fit_titles` gives
each wrapped title's row its height (``SizeHintRole``), measured for the width of the title column,
again whenever that width or the font changes. Qt then lays the rows out by itself: a Python
``sizeHint`` on a delegate was called ~950 times before the first frame (~10 ms). The first frame
shows the titles on one line; :meth:`GuideTree.complete`, right after it, wraps them and brings the
guide being read back into view if the rows that grew above it pushed it out. Only a single word
wider than the whole column (a list narrowed to ~100 pixels) is still cut."""

from __future__ import annotations

from PySide6 import QtCore  # not Qt itself: see tests/ui/test_start_path.py
from PySide6.QtCore import QEvent, QRect, QSize, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem

from coopguide.core.content.model import Content

# Qt.ItemDataRole values as numbers: reading Qt's namespace costs ~12 ms, which the first frame,
# where the list is built, does without (see tests/ui/test_start_path.py).
GuideIdRole = 0x0100 + 1  # Qt.ItemDataRole.UserRole + 1
ACCESSIBLE_TEXT_ROLE = 11  # Qt.ItemDataRole.AccessibleTextRole
ACCESSIBLE_DESCRIPTION_ROLE = 12  # Qt.ItemDataRole.AccessibleDescriptionRole
FOREGROUND_ROLE = 9  # Qt.ItemDataRole.ForegroundRole
SIZE_HINT_ROLE = 13  # Qt.ItemDataRole.SizeHintRole
WORD_WRAP = 0x1000  # Qt.TextFlag.TextWordWrap


def escape(text: str) -> str:
    """Plain text made safe in a rich-text tooltip (what html.escape does, without importing
    html and its entities on the start path)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class GuideTree(QTreeWidget):
    guideSelected = Signal(str)

    def __init__(self, content: Content, parent=None, *, complete: bool = True):
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setAccessibleName(self.tr("Guides par thème"))
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._checklists: dict[str, list[tuple[str, list[str]]]] = {}  # guide → (check-list id, its item ids)
        self._scope: tuple[str, ...] | None = None  # the dossier's followed check-lists (None: all)
        self._guide_of_item: dict[str, str] = {}
        self._themes: list[QTreeWidgetItem] = []
        self._fitted_width = -1  # the title column's width the rows' heights were measured for
        # What each guide's count shows (text, spoken text, greyed): a row is set again only where it
        # changes (each setter is a model change the view handles: ~0.4 ms for all rows at start).
        self._counts: dict[str, tuple[str, str, bool]] = {}
        bold = QFont()
        bold.setBold(True)
        for theme in content.themes:
            guides = content.guides_of_theme(theme.id)
            if not guides:
                continue
            theme_item = QTreeWidgetItem(self, [theme.title])
            theme_item.setFont(0, bold)
            self._themes.append(theme_item)
            for guide in guides:
                item = QTreeWidgetItem(theme_item, [guide.title, ""])
                item.setData(0, GuideIdRole, guide.id)
                item.setToolTip(0, f"<b>{escape(guide.title)}</b><br>{escape(guide.summary)}")
                item.setData(0, ACCESSIBLE_DESCRIPTION_ROLE, guide.summary)  # rows: no tooltip fallback
                self._items[guide.id] = item
                self._checklists[guide.id] = [(c.id, [i.id for i in c.items]) for c in guide.checklists]
                self._guide_of_item.update((i.id, guide.id) for i in guide.items)
        self.expandAll()
        self.currentItemChanged.connect(self._on_current_changed)
        if complete:
            self.complete()

    def complete(self) -> None:
        """What the first frame goes without (``MainWindow.complete`` calls it right after): the
        themes' rows made headings that cannot be chosen (which needs Qt's namespace), and the
        titles wrapped (see the module docstring)."""
        for theme_item in self._themes:
            theme_item.setFlags(QtCore.Qt.ItemFlag.ItemIsEnabled)
        self.setWordWrap(True)
        self.setVerticalScrollMode(QTreeWidget.ScrollMode.ScrollPerPixel)  # rows of unequal heights
        self.header().sectionResized.connect(self._titles_resized)
        self._fit_titles()
        for _ in range(2):  # laid out now; a scroll bar that appears narrows the column: once more
            self.doItemsLayout()
        current = self.currentItem()
        if current is not None and not self.viewport().rect().contains(self.visualItemRect(current)):
            # the rows that grew above it pushed it out of view: brought back, with rows around it
            self.scrollToItem(current, QTreeWidget.ScrollHint.PositionAtCenter)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._counts.clear()  # a greyed count takes the new palette's grey at the next redraw
        if self.wordWrap() and event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fitted_width = -1  # the same width, other line breaks: measured again
            QTimer.singleShot(0, self, self._fit_titles)

    def _titles_resized(self, column: int, _old: int, new: int) -> None:
        if column == 0:
            self._fit_titles(new)  # not sectionSize(0): while the header stretches it, still the old size

    def _fit_titles(self, width: int | None = None) -> None:
        """Each row whose title wraps in the title column (``width`` wide) gets the height of its lines."""
        width = self.header().sectionSize(0) if width is None else width
        if width == self._fitted_width:
            return
        self._fitted_width = width
        from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

        # the text's room: the cell less the style's margins, (PM_FocusFrameHMargin + 1) each side
        margins = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        if not self._themes:
            return
        # a one-line row's height, the style's own: that of the count column beside a title
        one_line = self.itemDelegate().sizeHint(option, self.indexFromItem(self._themes[0], 1)).height()
        for theme_item in self._themes:
            guides = (theme_item.child(row) for row in range(theme_item.childCount()))
            rows = [(theme_item, 0), *((guide, self.indentation()) for guide in guides if guide is not None)]
            for item, indent in rows:
                metrics = QFontMetrics(item.font(0).resolve(self.font()))  # as the view draws it
                room = QRect(0, 0, max(1, width - indent - margins), 100_000)
                extra = metrics.boundingRect(room, WORD_WRAP, item.text(0)).height() - metrics.height()
                item.setData(0, SIZE_HINT_ROLE, QSize(room.width(), one_line + extra) if extra > 0 else None)

    def _on_current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        guide_id = current.data(0, GuideIdRole) if current else None
        if guide_id:
            self.guideSelected.emit(guide_id)

    def select_guide(self, guide_id: str) -> None:
        item = self._items.get(guide_id)
        if item is not None and self.currentItem() is not item:
            self.setCurrentItem(item)

    def set_progress(self, done: set[str], scope: tuple[str, ...] | None = None) -> None:
        """Each guide's count of done items in the check-lists the dossier follows (``scope``,
        None: all); a guide whose check-lists it does not follow shows its count greyed."""
        self._scope = scope
        for guide_id in self._items:
            self._show_count(guide_id, done)

    def update_items(self, done: set[str], item_ids: list[str]) -> None:
        """After a tick: only the rows of the guides holding these items."""
        for guide_id in dict.fromkeys(self._guide_of_item[i] for i in item_ids if i in self._guide_of_item):
            self._show_count(guide_id, done)

    def _show_count(self, guide_id: str, done: set[str]) -> None:
        item, lists, scope = self._items[guide_id], self._checklists[guide_id], self._scope
        every = [i for _, items in lists for i in items]
        followed = [i for c, items in lists if scope is None or c in scope for i in items]
        not_followed = bool(every) and not followed
        ids = every if not_followed else followed
        total, count = len(ids), sum(i in done for i in ids)
        text = f"{count}/{total}" if total else ""
        spoken = f"{count} sur {total} fait(s)" if total else ""
        if not_followed:
            spoken += self.tr(", check-list non suivie par ce dossier")
        before = self._counts.get(guide_id, ("", "", False))  # a new row shows nothing, not greyed
        if (text, spoken, not_followed) == before:
            return
        self._counts[guide_id] = (text, spoken, not_followed)
        if text != before[0]:
            item.setText(1, text)
        if spoken != before[1]:
            item.setData(1, ACCESSIBLE_TEXT_ROLE, spoken)
        if not_followed != before[2]:
            tip = self.tr("Non suivie par ce dossier : ne compte pas dans son avancement.")
            item.setToolTip(1, tip if not_followed else "")
            item.setData(1, FOREGROUND_ROLE, self.palette().placeholderText() if not_followed else None)
