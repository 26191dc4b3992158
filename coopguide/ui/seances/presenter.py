"""The presenter view: on the laptop's screen while the projector shows the slides, what only the
trainer needs: the slide shown, the next one, notes, a timer and the clock, and buttons for what the
keys do.

Notes are what the room does not see: the references the slide's text cites (numbered as on the
slide and on paper), and on a checklist slide what the group being ticked wrote on those items
(note, who, by when). The timer counts from the start of the presentation (``clock`` is given,
so a test needs no wait).

Every key goes to the presentation, so a clicker plugged into the laptop works whichever window has
the focus; the lists of sections (G) and groups (D) open here, not on the projector.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coopguide.core.content.slides import Slide, slide_body, slide_page
from coopguide.core.printout.layout import FootNote, footnotes_of
from coopguide.core.shared import paths
from coopguide.core.shared.dates import clock_time, now_iso, short_date
from coopguide.core.store.progress import NOT_APPLICABLE
from coopguide.ui.guide_view import GuideView
from coopguide.ui.seances.choice_popup import ChoicePopup
from coopguide.ui.seances.presentation import PresentationWindow, Screen, place_on, slide_css

MARKER_RE_TEMPLATE = 'href="#{}"'


def elapsed_text(seconds: float) -> str:
    """« 07:05 », « 1:02:30 »."""
    whole = int(max(0, seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class PresenterView(QWidget):
    def __init__(self, presentation: PresentationWindow, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(None)  # its own window, on the laptop's screen
        self.presentation = presentation
        self.clock = clock
        self.started = clock()
        self._template, self._notes = footnotes_of(presentation.template)
        self.setWindowTitle(self.tr("Vue présentateur — %1").replace("%1", presentation.guide.title))
        self.setAccessibleName(self.tr("Vue présentateur"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.position = QLabel()
        self.position.setAccessibleName(self.tr("Diapositive montrée"))
        self.current = self._slide_view(self.tr("Diapositive montrée"), 22)
        self.next_title = QLabel()
        self.next_title.setAccessibleName(self.tr("Diapositive suivante"))
        self.next_view = self._slide_view(self.tr("Aperçu de la diapositive suivante"), 13)
        self.timer_label = QLabel("00:00")
        self.timer_label.setAccessibleName(self.tr("Temps écoulé"))
        big = QFont(self.font())
        big.setPixelSize(44)
        big.setBold(True)
        self.timer_label.setFont(big)
        self.clock_label = QLabel()
        self.clock_label.setAccessibleName(self.tr("Heure"))
        self.dossier_label = QLabel()
        self.dossier_label.setAccessibleName(self.tr("Dossier où les cases sont cochées"))
        self.dossier_label.setTextFormat(Qt.TextFormat.PlainText)
        self.dossier_label.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setAccessibleName(self.tr("Notes pour l'animateur"))
        self.notes.setTextFormat(Qt.TextFormat.RichText)
        self.notes.setWordWrap(True)
        self.notes.setAlignment(Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("◀ &Précédente"), presentation.previous),
            (self.tr("&Suivante ▶"), presentation.next),
            (self.tr("&Aller à… (G)"), presentation.choose_section),
            (self.tr("&Groupe… (D)"), presentation.choose_group),
            (self.tr("Écran &noir (B)"), lambda: presentation.set_blank(not presentation.blanked)),
            (self.tr("&Terminer (Échap)"), presentation.close),
        ):
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the view (a clicker's Page Down)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        left = QVBoxLayout()
        left.addWidget(self.position)
        left.addWidget(self.current, 1)
        left.addLayout(buttons)
        right = QVBoxLayout()
        times = QHBoxLayout()
        times.addWidget(self.timer_label)
        times.addStretch(1)
        times.addWidget(self.clock_label)
        right.addLayout(times)
        right.addWidget(self.next_title)
        right.addWidget(self.next_view, 1)
        right.addWidget(self.dossier_label)
        heading = QLabel(self.tr("Notes"))
        heading.setStyleSheet("font-weight: bold;")
        right.addWidget(heading)
        right.addWidget(self.notes, 1)
        grid = QGridLayout(self)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.popup = ChoicePopup(self)
        presentation.popup = self.popup  # the lists open here, not in front of the room
        presentation.slideChanged.connect(self.show_slide)
        presentation.closed.connect(self.close)
        self.ticker = QTimer(self)
        self.ticker.timeout.connect(self.tick)
        self.ticker.start(1000)
        self.tick()
        self.show_slide()

    def _slide_view(self, name: str, base_px: int) -> GuideView:
        """A slide in small: the projector's page and style, black on white, at ``base_px``."""
        view = GuideView(paths.content_dir(), "", measure=None)
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.setAccessibleName(name)
        view.setStyleSheet("background: #ffffff; color: #000000;")
        font = QFont(view.font())
        font.setPixelSize(base_px)
        view.document().setDefaultFont(font)
        view.document().setDefaultStyleSheet(slide_css(base_px))
        return view

    def start(self, screen: Screen | None) -> PresenterView:
        if screen is not None:
            place_on(self, screen)
            self.showMaximized()
        else:
            self.show()
        return self

    # -- what is shown -------------------------------------------------------------------------
    def _page(self, slide: Slide) -> str:
        resolved = self.presentation.state.resolved
        na = {i for i, p in resolved.by_item.items() if p.state == NOT_APPLICABLE}
        body = slide_body(slide.html, resolved.complete_ids(), na, self.presentation.selected)
        return slide_page(slide, body, self.presentation.guide.title)

    def show_slide(self) -> None:
        show = self.presentation
        if not show.slides:
            return
        slide = show.slide
        self.position.setText(
            self.tr("Diapositive %1 / %2 — %3")
            .replace("%1", str(show.index + 1))
            .replace("%2", str(len(show.slides)))
            .replace("%3", slide.title)
            + (self.tr(" · écran noir") if show.blanked else "")
        )
        self.current.show_html(self._page(slide))
        following = show.slides[show.index + 1] if show.index + 1 < len(show.slides) else None
        self.next_title.setText(
            self.tr("Ensuite : %1").replace("%1", following.title) if following else self.tr("Dernière diapositive")
        )
        self.next_view.show_html(self._page(following) if following else "")
        self.dossier_label.setText(
            self.tr("Cases cochées dans « %1 » (D pour changer)").replace("%1", show.state.dossier_name())
            if slide.item_ids
            else ""
        )
        self.notes.setText(self.notes_html(slide))

    def notes_html(self, slide: Slide) -> str:
        """The references the slide cites, then what the group wrote on its items."""
        parts = []
        cited = [note for key, note in self._notes.items() if MARKER_RE_TEMPLATE.format(key) in slide.html]
        parts += [_reference(note) for note in cited]
        resolved = self.presentation.state.resolved
        for number, item_id in sorted(slide.numbers.items()):
            progress = resolved.get(item_id)
            said = [progress.note.strip()] if progress.note.strip() else []
            if progress.assignee:
                said.append(self.tr("responsable : %1").replace("%1", progress.assignee))
            if progress.due:
                said.append(self.tr("avant le %1").replace("%1", short_date(progress.due)))
            if said:
                parts.append(f"<p><b>n° {number}</b> : {html.escape(' · '.join(said))}</p>")
        return "".join(parts) or "<p>" + self.tr("Rien à signaler sur cette diapositive.") + "</p>"

    def tick(self) -> None:
        self.timer_label.setText(elapsed_text(self.clock() - self.started))
        self.clock_label.setText(self.tr("il est %1").replace("%1", clock_time(now_iso())))

    # -- keys and closing ----------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.presentation.keyPressEvent(event)  # the clicker and the keys, wherever the focus is
        self.show_slide()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ticker.stop()
        super().closeEvent(event)


def _reference(note: FootNote) -> str:
    return f"<p><b>{html.escape(note.number)}.</b> {note.html}</p>"
