"""Presentation mode (F5): the current guide on a projector, one section at a time, in large type.

A separate full-screen window, so the main window stays as it was (the trainer can leave with Esc,
look something up and come back). Keys are those of slide software and of USB clickers, which send
Page Down/Page Up (some also « B » or « . » to black the screen out):

- next: Page Down, →, ↓ (on a text slide), Space, Enter (on a text slide); previous: Page Up, ←, ↑, Backspace
- Home / End: first / last slide; B or « . »: black screen (any key brings the slide back)
- G: a list of the guide's sections, to jump to one (« Aller à »)
- on a checklist slide: the item's number ticks it (the number of the page and of the printed
  sheet: « 15 » is typed 1 then 5; a number that cannot grow is ticked at once, else after Enter or
  a short pause); ↑/↓ choose an item, Enter ticks it; a click on a box ticks it
- D: the séance's groups (or every dossier), to switch the dossier the ticks go into; the dossier
  is named under every checklist slide
- Esc: back to the main window, on the section being shown

It starts on the section being read in the main window (:mod:`coopguide.ui.seances.handlers`). With
two screens it goes full screen on the one the main window is not on (the projector) and a presenter
view (:mod:`coopguide.ui.seances.presenter`) shows the notes, the next slide and a timer on the
laptop; both follow ``slideChanged``.

Type size follows the screen height (45 px ≈ 34 pt on 1920×1080, 32 px ≈ 24 pt on 1024×768), black on white
for a lit room; a section longer than the screen is continued on the next slide (« suite 2/3 »).
Ticks go through :meth:`ChecklistEdits.change_item <coopguide.ui.checklist_edits.ChecklistEdits.change_item>`
(saved in the group's dossier, undoable in the main window), and what the slide shows is read back
from :class:`~coopguide.ui.reading_state.ReadingState` after the commit. Leaving emits ``closed``
with the section shown; :mod:`coopguide.ui.seances.handlers` brings the main window back there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QFont, QKeyEvent, QPalette, QResizeEvent, QScreen, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from coopguide.core.content.slides import (
    Slide,
    paginate,
    slide_body,
    slide_of_anchor,
    slide_page,
    split_sections,
    typed_number,
)
from coopguide.core.shared import paths
from coopguide.core.store.progress import DONE, NOT_APPLICABLE, TODO
from coopguide.ui.checklist_edits import ChecklistEdits
from coopguide.ui.glossary_hover import GlossaryHover
from coopguide.ui.guide_view import GuideView
from coopguide.ui.reading_state import ReadingState
from coopguide.ui.seances.choice_popup import ChoicePopup

NEXT_KEYS = {Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Space}
PREVIOUS_KEYS = {Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Backspace}
BLANK_KEYS = {Qt.Key.Key_B, Qt.Key.Key_Period}
NUMBER_KEYS = {getattr(Qt.Key, f"Key_{n}"): str(n) for n in range(10)}
TYPING_PAUSE_MS = 1500  # « 1 » on a slide of items 9–16 waits this long for a second digit
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


class Screen(Protocol):
    """What placing a window needs of a screen: a real ``QScreen``, or a stand-in in tests."""

    def geometry(self) -> QRect: ...


class PresentationWindow(QWidget):
    """Start with :meth:`start`; ``closed`` is emitted with the anchor of the section left."""

    closed = Signal(str)
    slideChanged = Signal()  # another slide, its ticks, the dossier: the presenter view follows

    def __init__(
        self, state: ReadingState, edits: ChecklistEdits, templates: Mapping[str, str], guide_id: str | None = None
    ) -> None:
        super().__init__(None)  # its own top-level window, shown on whichever screen is the projector
        self.state = state
        self.edits = edits
        content = state.content
        self.guide_id = guide_id or state.guide_id or content.first_guide_id() or ""
        self.guide = content.guides[self.guide_id]
        self.template = templates.get(self.guide_id, "")
        self.sections = split_sections(self.template, self.guide.title)
        self.slides: list[Slide] = []
        self.index = 0
        self.selected: str | None = None
        self.typed = ""  # digits of an item number being typed
        self.typing_timer = QTimer(self)
        self.typing_timer.setSingleShot(True)
        self.typing_timer.setInterval(TYPING_PAUSE_MS)
        self.typing_timer.timeout.connect(self.commit_typed)
        self.screen_used: Screen | None = None  # where start() put it (the projector, with two screens)
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
        self.glossary_hover = GlossaryHover(self.view, content.glossary())  # a word's definition on hover
        self.title_label = QLabel()
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setAccessibleName(self.tr("Guide présenté"))
        # a long title is cut, never widens the window past its screen
        self.title_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.counter = QLabel()
        self.counter.setAccessibleName(self.tr("Numéro de la diapositive"))
        self.hint = QLabel()
        self.hint.setAccessibleName(self.tr("Touches"))
        # Above every checklist slide, for the room too: which group's dossier the ticks go into. Its
        # line is kept (empty) on the other slides, so every slide has the same room for text.
        self.dossier_label = QLabel()
        self.dossier_label.setTextFormat(Qt.TextFormat.PlainText)
        self.dossier_label.setAccessibleName(self.tr("Dossier où les cases sont cochées"))
        self.dossier_label.setStyleSheet(f"color: {DONE_COLOUR}; font-weight: bold;")
        self.dossier_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        footer = QHBoxLayout()
        footer.addWidget(self.title_label, 1)
        footer.addSpacing(24)
        footer.addWidget(self.hint)
        footer.addSpacing(24)
        footer.addWidget(self.counter)
        slide_page_widget = QWidget()
        slide_page_widget.setObjectName("diapositive")
        layout = QVBoxLayout(slide_page_widget)
        layout.setContentsMargins(48, 32, 48, 16)
        layout.addWidget(self.dossier_label)
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
        self.popup = ChoicePopup(self)
        state.progressChanged.connect(self._progress_read)  # another dossier, a merge, an undo…
        state.itemsChanged.connect(self._progress_read)

    # -- showing -------------------------------------------------------------------------------
    def start(self, anchor: str = "", full_screen: bool = True, screen: Screen | None = None) -> PresentationWindow:
        """Show the window (full screen unless told otherwise) on the section ``anchor``, on
        ``screen`` when given (the projector)."""
        if screen is not None:
            place_on(self, screen)
            self.screen_used = screen
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
        for label, scale in (
            (self.title_label, 0.55),
            (self.counter, 0.7),
            (self.hint, 0.45),
            (self.dossier_label, 0.6),
        ):
            small = QFont(font)
            small.setPixelSize(max(14, round(self.base_px * scale)))
            label.setFont(small)
        self.dossier_label.setFixedHeight(self.dossier_label.fontMetrics().height() + 4)
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
        self.hint.setText(
            self.tr("n° : cocher · D : groupe · G : aller à · Échap : quitter")
            if items
            else self.tr("G : aller à une partie · Échap : quitter")
        )
        name = self.state.dossier_name()
        self.dossier_label.setText(self.tr("Cases cochées dans le dossier « %1 »").replace("%1", name) if items else "")
        self.slideChanged.emit()

    def _progress_read(self, *_args: object) -> None:
        if self.slides and self.isVisible():
            self.show_slide()

    def go_to(self, index: int) -> None:
        index = max(0, min(len(self.slides) - 1, index))
        if index != self.index:
            self.index, self.selected, self.typed = index, None, ""
            self.show_slide()

    def go_to_section(self, section: int) -> None:
        self.go_to(next((i for i, s in enumerate(self.slides) if s.section == section), self.index))

    # -- choosing from a list: a section (G), a group (D) ----------------------------------------
    def choose_section(self) -> None:
        choices = [(section.title, number) for number, section in enumerate(self.sections)]
        self.popup.ask(self.tr("Aller à une partie"), choices, self.slide.section, self.go_to_section, self.base_px)

    def group_choices(self) -> list[tuple[str, int]]:
        """The groups of the current dossier's séance (its latest); otherwise every dossier in use."""
        store = self.state.store
        groups = store.seances.groups
        seances = groups.seances_of_dossier(self.state.dossier_id)
        if seances:
            found = []
            for group in groups.of_seance(seances[0]):
                dossier = store.dossiers.get(group.dossier_id) if group.dossier_id is not None else None
                if dossier is not None and not dossier.deleted:
                    found.append((f"{group.position}. {group.name}", dossier.id))
            return found
        return [(dossier.name, dossier.id) for dossier in store.dossiers.in_use()]

    def choose_group(self) -> None:
        self.popup.ask(
            self.tr("Cocher dans le dossier de…"),
            self.group_choices(),
            self.state.dossier_id,
            self.state.set_dossier,  # the window follows; the slide is drawn again on progressChanged
            self.base_px,
        )

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
        """Tick the item that has this number (its number in its check-list, as on paper)."""
        item_id = self.slide.numbers.get(number)
        if item_id is None:
            return False
        self.selected = item_id
        return self.toggle_item(item_id)

    def type_digit(self, digit: str) -> None:
        """A digit of an item number: ticked at once when no longer number starts with what was
        typed, else after Enter or a pause."""
        self.typed += digit
        number, wait = typed_number(self.typed, self.slide.numbers)
        if wait:
            self.hint.setText(self.tr("n° %1… (Entrée pour cocher)").replace("%1", self.typed))
            self.typing_timer.start()
            return
        self.typing_timer.stop()
        self.typed = ""
        if number is not None:
            self.toggle_number(number)
        else:
            self.show_slide()

    def commit_typed(self) -> bool:
        """Enter or the pause after a digit: tick the number typed, if it is on the slide."""
        typed, self.typed = self.typed, ""
        self.typing_timer.stop()
        if typed and int(typed) in self.slide.numbers:
            return self.toggle_number(int(typed))
        self.show_slide()
        return False

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
            if self.typed:
                self.commit_typed()
            elif self.selected:
                self.toggle_item(self.selected)
            else:
                self.next()
        elif key in NUMBER_KEYS and self.slide.item_ids:
            self.type_digit(NUMBER_KEYS[key])
        elif key == Qt.Key.Key_G:
            self.choose_section()
        elif key == Qt.Key.Key_D and self.slide.item_ids:
            self.choose_group()
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


def place_on(widget: QWidget, screen: Screen) -> None:
    """Put a top-level window on ``screen`` (before it is shown full screen there)."""
    if isinstance(screen, QScreen):
        widget.setScreen(screen)
    widget.setGeometry(screen.geometry())
