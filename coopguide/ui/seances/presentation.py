"""Presentation mode (F5): the current guide on a projector, one section at a time, in large type.

A separate full-screen window, so the main window stays as it was (the trainer can leave with Esc,
look something up and come back). Keys are those of slide software and of USB clickers, which send
Page Down/Page Up (some also « B » or « . » to black the screen out):

- next: Page Down, →, ↓ (on a text slide), Space, Enter (on a text slide); previous: Page Up, ←, ↑, Backspace
- Home / End: first / last slide; B or « . »: black screen (any key brings the slide back)
- on a checklist slide: 1…9 (0 for the tenth) tick an item; ↑/↓ choose an item, Enter ticks it;
  a click on a box ticks it
- Esc: back to the main window, on the section being shown

Type size follows the screen height (45 px ≈ 34 pt on 1920×1080, 32 px ≈ 24 pt on 1024×768), black on white
for a lit room; a section longer than the screen is continued on the next slide (« suite 2/3 »).
Ticks go through :meth:`ChecklistEdits.change_item <coopguide.ui.checklist_edits.ChecklistEdits.change_item>`
(saved in the group's dossier, undoable in the main window), and what the slide shows is read back
from :class:`~coopguide.ui.reading_state.ReadingState` after the commit. Leaving emits ``closed``
with the section shown; :mod:`coopguide.ui.seances.handlers` brings the main window back there.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QFont, QKeyEvent, QPalette, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from coopguide.core.content.slides import Slide, paginate, slide_body, slide_of_anchor, slide_page, split_sections
from coopguide.core.shared import paths
from coopguide.core.store.progress import DONE, NOT_APPLICABLE, TODO
from coopguide.ui.checklist_edits import ChecklistEdits
from coopguide.ui.guide_view import GuideView
from coopguide.ui.reading_state import ReadingState

NEXT_KEYS = {Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Space}
PREVIOUS_KEYS = {Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Backspace}
BLANK_KEYS = {Qt.Key.Key_B, Qt.Key.Key_Period}
NUMBER_KEYS = {getattr(Qt.Key, f"Key_{n}"): (n or 10) for n in range(10)}
TEXT, BACKGROUND, HEADING, DONE_COLOUR, MUTED = "#000000", "#ffffff", "#0a3d7a", "#11661a", "#444444"


def slide_css(base_px: int) -> str:
    """Qt rich-text CSS for one slide; everything in pixels derived from the screen height."""
    return f"""
body {{ color: {TEXT}; }}
h1 {{ font-size: {round(base_px * 1.45)}px; font-weight: bold; color: {HEADING}; margin-bottom: {base_px // 2}px; }}
h2 {{ font-size: {round(base_px * 1.3)}px; font-weight: bold; color: {HEADING}; margin-bottom: {base_px // 2}px; }}
h3 {{ font-size: {round(base_px * 1.1)}px; font-weight: bold; margin-top: {base_px // 2}px; }}
p, li {{ margin-top: {base_px // 4}px; margin-bottom: {base_px // 4}px; line-height: 125%; }}
p.resume {{ font-style: italic; }}
p.meta, p.avertissement, span.suite {{ color: {MUTED}; font-size: {round(base_px * 0.7)}px; }}
th {{ background-color: #dddddd; font-weight: bold; padding: 6px; border: 1px solid #666666; }}
td {{ padding: 6px; border: 1px solid #666666; vertical-align: top; }}
table.items td {{ border: none; vertical-align: middle; padding: {base_px // 5}px; }}
td.numero {{ color: {MUTED}; font-weight: bold; width: {round(base_px * 1.2)}px; }}
td.case {{ width: {round(base_px * 1.6)}px; }}
a.case {{ font-size: {round(base_px * 1.4)}px; text-decoration: none; color: {TEXT}; }}
a.case.fait, td.fait {{ color: {DONE_COLOUR}; }}
a.case.na, td.na, span.na {{ color: {MUTED}; }}
a {{ color: {HEADING}; }}
a.terme {{ color: {TEXT}; text-decoration: underline; }}
"""


class PresentationWindow(QWidget):
    """Start with :meth:`start`; ``closed`` is emitted with the anchor of the section left."""

    closed = Signal(str)

    def __init__(
        self, state: ReadingState, edits: ChecklistEdits, templates: dict[str, str], guide_id: str | None = None
    ) -> None:
        super().__init__(None)  # its own top-level window, shown on whichever screen is the projector
        self.state = state
        self.edits = edits
        content = state.content
        self.guide_id = guide_id or state.guide_id or content.first_guide_id() or ""
        self.guide = content.guides[self.guide_id]
        self.sections = split_sections(templates.get(self.guide_id, ""), self.guide.title)
        self.slides: list[Slide] = []
        self.index = 0
        self.selected: str | None = None
        self.base_px = 0
        self.setWindowTitle(self.tr("Présentation — %1").replace("%1", self.guide.title))
        self.setAccessibleName(self.tr("Présentation du guide %1").replace("%1", self.guide.title))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(
            f"PresentationWindow, QStackedWidget, #diapositive {{ background: {BACKGROUND}; }}"
            f" #noir {{ background: #000000; }} QLabel {{ color: {MUTED}; }}"
        )

        self.view = GuideView(paths.content_dir(), "", measure=None)  # slides use the whole screen
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # every key goes to the window
        self.view.setFrameShape(GuideView.Shape.NoFrame)
        self.view.setAccessibleName(self.tr("Diapositive"))
        # Slides stay dark on white whatever the window's appearance: projected in a lit room, a dark
        # slide washes out. The page's own roles are fixed so a dark palette cannot reach it.
        slide_palette = self.view.palette()
        slide_palette.setColor(QPalette.ColorRole.Base, QColor(BACKGROUND))
        slide_palette.setColor(QPalette.ColorRole.Text, QColor(TEXT))
        self.view.setPalette(slide_palette)
        self.view.linkActivated.connect(self._follow_link)
        self.title_label = QLabel()
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setAccessibleName(self.tr("Guide présenté"))
        self.counter = QLabel()
        self.counter.setAccessibleName(self.tr("Numéro de la diapositive"))
        self.hint = QLabel()
        self.hint.setAccessibleName(self.tr("Touches"))
        footer = QHBoxLayout()
        footer.addWidget(self.title_label, 1)
        footer.addWidget(self.hint)
        footer.addSpacing(24)
        footer.addWidget(self.counter)
        slide_page_widget = QWidget()
        slide_page_widget.setObjectName("diapositive")
        layout = QVBoxLayout(slide_page_widget)
        layout.setContentsMargins(48, 32, 48, 16)
        layout.addWidget(self.view, 1)
        layout.addLayout(footer)
        self.black = QWidget()
        self.black.setObjectName("noir")
        self.black.setAccessibleName(self.tr("Écran noir (appuyez sur une touche pour revenir)"))
        self.stack = QStackedWidget()
        self.stack.addWidget(slide_page_widget)
        self.stack.addWidget(self.black)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    # -- showing -------------------------------------------------------------------------------
    def start(self, anchor: str = "", full_screen: bool = True) -> PresentationWindow:
        """Show the window (full screen unless told otherwise) on the section ``anchor``."""
        if full_screen:
            self.showFullScreen()
        else:
            self.show()
        self.rebuild(anchor=anchor)
        self.activateWindow()
        self.raise_()
        self.setFocus()
        return self

    @property
    def slide(self) -> Slide:
        return self.slides[self.index]

    @property
    def blanked(self) -> bool:
        return self.stack.currentWidget() is self.black

    def rebuild(self, anchor: str | None = None) -> None:
        """Cut the guide into slides for the current window size, staying on the same section part."""
        keep = (self.slide.section, self.slide.part) if self.slides and anchor is None else None
        self.base_px = max(18, round(self.height() / 24))
        font = QFont(self.view.font())
        font.setPixelSize(self.base_px)
        self.view.document().setDefaultFont(font)
        self.view.document().setDefaultStyleSheet(slide_css(self.base_px))
        for label, scale in ((self.title_label, 0.55), (self.counter, 0.7), (self.hint, 0.45)):
            small = QFont(font)
            small.setPixelSize(max(14, round(self.base_px * scale)))
            label.setFont(small)
        self.slides = paginate(self.sections, self._fits_on_screen(font))
        if keep:
            self.index = next((i for i, s in enumerate(self.slides) if (s.section, s.part) >= keep), 0)
        else:
            self.index = slide_of_anchor(self.slides, anchor or "")
        self.show_slide()

    def _fits_on_screen(self, font: QFont):
        viewport = self.view.viewport().size()
        size = QSize(max(200, viewport.width()), max(150, viewport.height()))
        probe = QTextDocument()
        probe.setDefaultFont(font)
        probe.setDefaultStyleSheet(slide_css(self.base_px))
        probe.setDocumentMargin(self.view.document().documentMargin())

        def fits(title: str, fragment: str) -> bool:
            probe.setHtml(slide_page(Slide(0, title, "", fragment, 1, 1), slide_body(fragment, set(), set()), title))
            probe.setTextWidth(size.width())
            return probe.size().height() <= size.height()

        return fits

    def show_slide(self) -> None:
        """Draw the current slide with the progress the store holds."""
        slide = self.slide
        resolved = self.state.resolved
        na = {i for i, p in resolved.by_item.items() if p.state == NOT_APPLICABLE}
        items = slide.item_ids
        if self.selected not in items:
            self.selected = None
        body = slide_body(slide.html, resolved.complete_ids(), na, self.selected)
        self.view.show_html(slide_page(slide, body, self.guide.title))
        self.title_label.setText(f"{self.guide.title} — {slide.title}" if slide.section else self.guide.title)
        self.counter.setText(f"{self.index + 1} / {len(self.slides)}")
        self.counter.setAccessibleDescription(
            self.tr("Diapositive %1 sur %2").replace("%1", str(self.index + 1)).replace("%2", str(len(self.slides)))
        )
        self.hint.setText(self.tr("1–9 : cocher · Échap : quitter") if items else self.tr("Échap : quitter"))

    def go_to(self, index: int) -> None:
        index = max(0, min(len(self.slides) - 1, index))
        if index != self.index:
            self.index, self.selected = index, None
            self.show_slide()

    def next(self) -> None:
        self.go_to(self.index + 1)

    def previous(self) -> None:
        self.go_to(self.index - 1)

    def set_blank(self, blank: bool) -> None:
        self.stack.setCurrentIndex(self.stack.indexOf(self.black) if blank else 0)

    # -- ticking -------------------------------------------------------------------------------
    def toggle_item(self, item_id: str) -> bool:
        """Tick or untick (commit, undo step, redraw of the main window), then show the saved state."""
        if self.state.store.read_only:
            self.hint.setText(self.tr("Lecture seule : les cases ne peuvent pas être enregistrées."))
            return False
        state = TODO if self.state.resolved.get(item_id).is_complete else DONE
        label = self.tr("cocher") if state == DONE else self.tr("décocher")
        saved = self.edits.change_item(item_id, {"state": state}, label)
        self.show_slide()
        return saved

    def toggle_number(self, number: int) -> bool:
        items = self.slide.item_ids
        if not 1 <= number <= len(items):
            return False
        self.selected = items[number - 1]
        return self.toggle_item(items[number - 1])

    def move_selection(self, step: int) -> None:
        items = self.slide.item_ids
        position = items.index(self.selected) + step if self.selected in items else (0 if step > 0 else len(items) - 1)
        if 0 <= position < len(items):
            self.selected = items[position]
            self.show_slide()
        elif step > 0:
            self.next()
        else:
            self.previous()

    def _follow_link(self, target: str) -> None:
        scheme, _, rest = target.partition(":")
        if scheme == "cocher":
            self.selected = rest
            self.toggle_item(rest)
        # Other links stay inert here: following them would leave the room's slide.

    # -- keys ----------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.close()
        elif self.blanked:
            self.set_blank(False)  # any key brings the slide back, as in slide software
        elif key in BLANK_KEYS:
            self.set_blank(True)
        elif key in NEXT_KEYS:
            self.next()
        elif key in PREVIOUS_KEYS:
            self.previous()
        elif key == Qt.Key.Key_Home:
            self.go_to(0)
        elif key == Qt.Key.Key_End:
            self.go_to(len(self.slides) - 1)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            step = 1 if key == Qt.Key.Key_Down else -1
            if self.slide.item_ids:
                self.move_selection(step)
            else:
                self.go_to(self.index + step)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.selected:
                self.toggle_item(self.selected)
            else:
                self.next()
        elif key in NUMBER_KEYS and self.slide.item_ids:
            self.toggle_number(NUMBER_KEYS[key])
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.slides and event.oldSize().height() != event.size().height():
            self.rebuild()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Say which section was shown, so the main window comes back on it."""
        self.closed.emit(self.slide.anchor if self.slides else "")
        super().closeEvent(event)
