"""« Par où commencer ? » (Aide menu, and once at the first start) and « Comparer les formes ».

One dialog, one question per page with plain radio buttons, large text: the situation's questions
lead to the guides to read first (a click opens one in the window, the dialog stays), the check-lists
a new dossier will follow and « Créer ce dossier » (one store call, then the window switches to it);
the questionnaire leads to the six forms compared, each verdict with its rules and references. What
to ask and what the answers lead to are content (``content/orientation/``), applied by
:mod:`coopguide.core.orientation`; this module only shows them. It is imported when the Aide entry is
first used, or at a first start once the window is complete: never on the everyday start path.
The dialog is not modal: the window stays usable while it is open.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCommandLinkButton,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from coopguide.core.content.model import Content
from coopguide.core.content.orientation_data import Forms, Question, Situations, load_forms, load_situations
from coopguide.core.orientation import StartPlan, compare_forms, comparison_html, key_date_label, start_plan
from coopguide.core.shared.errors import KnownError
from coopguide.core.store import Store
from coopguide.ui.errors import plain_label, reported_errors

TEXT_SCALE = 1.15  # the dialog's text, against the application's
TITLE_SCALE = 1.45


def scaled(widget: QWidget, scale: float, bold: bool = False) -> None:
    """``scale`` × the dialog's text size (itself :data:`TEXT_SCALE` × the application's): from the
    application's font, since a widget made before it is placed in the dialog still has that one."""
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * TEXT_SCALE * scale)
    font.setBold(bold)
    widget.setFont(font)


def wrapped(text: str, scale: float = 1.0, bold: bool = False) -> QLabel:
    label = plain_label(text)
    label.setWordWrap(True)
    if scale != 1.0 or bold:
        scaled(label, scale, bold)
    return label


class QuestionPage(QWidget):
    """One question, its help, one radio button per answer (each answer's help under it)."""

    answered = Signal()

    def __init__(self, question: Question, number: int, total: int, intro: str = "") -> None:
        super().__init__()
        self.question = question
        layout = QVBoxLayout(self)
        if intro:
            layout.addWidget(wrapped(intro))
        layout.addWidget(wrapped(self.tr("Question %1 sur %2").replace("%1", str(number)).replace("%2", str(total))))
        layout.addWidget(wrapped(question.text, TITLE_SCALE, bold=True))
        if question.help:
            layout.addWidget(wrapped(question.help))
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for answer in question.answers:
            button = QRadioButton(answer.text)
            button.setAccessibleDescription(answer.help)
            self.group.addButton(button)
            self.buttons[answer.id] = button
            layout.addWidget(button)
            if answer.help:
                help_label = wrapped(answer.help, 0.9)
                help_label.setContentsMargins(28, 0, 0, 4)
                layout.addWidget(help_label)
        self.group.buttonClicked.connect(lambda _button: self.answered.emit())
        layout.addStretch(1)

    def answer(self) -> str | None:
        return next((answer_id for answer_id, b in self.buttons.items() if b.isChecked()), None)

    def choose(self, answer_id: str) -> None:
        self.buttons[answer_id].click()


class PlanPage(QWidget):
    """The guides to read first, the check-lists the new dossier follows (scrolled), and under them,
    always in sight, the dossier's name and « Créer ce dossier »."""

    def __init__(self, dialog: StartHereDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.plan: StartPlan | None = None
        self.guide_buttons: list[QCommandLinkButton] = []
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        row = QHBoxLayout()
        name_label = QLabel(self.tr("&Nom du nouveau dossier :"))
        self.name = QLineEdit()
        name_label.setBuddy(self.name)
        self.create_button = QPushButton(self.tr("Créer ce &dossier"))
        self.create_button.clicked.connect(self.create_dossier)
        row.addWidget(name_label)
        row.addWidget(self.name, 1)
        row.addWidget(self.create_button)
        self.done = wrapped("")
        self.done.hide()
        # the plan's key dates (jugement, date limite des offres…) go into the new dossier at once:
        # they rule the next weeks, and the dashboard counts down to them
        self.dates_button = QPushButton(self.tr("Noter les &dates clés du dossier…"))
        self.dates_button.clicked.connect(lambda: self.dialog.ask_key_dates())
        self.dates_button.hide()
        done_row = QHBoxLayout()
        done_row.addWidget(self.done, 1)
        done_row.addWidget(self.dates_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroller, 1)
        layout.addLayout(row)
        layout.addLayout(done_row)

    def show_plan(self, plan: StartPlan) -> None:
        self.plan = plan
        inner = QWidget()
        body = QVBoxLayout(inner)
        body.addWidget(wrapped(plan.title, TITLE_SCALE, bold=True))
        body.addWidget(wrapped(self.tr("À lire d'abord (un clic ouvre le guide dans la fenêtre)"), 1.1, bold=True))
        self.guide_buttons = []
        for guide in plan.guides:
            button = QCommandLinkButton(guide.title, guide.why)
            button.setToolTip(self.tr("Ouvrir ce guide dans la fenêtre"))
            button.clicked.connect(lambda _checked=False, target=guide.target: self.dialog.open_link(target))
            self.guide_buttons.append(button)
            body.addWidget(button)
        content = self.dialog.content
        checklists = content.checklists()
        titles = [checklists[c].title.removeprefix("Check-list : ") for c in plan.checklists if c in checklists]
        body.addWidget(wrapped(self.tr("Votre dossier suivra ces check-lists"), 1.1, bold=True))
        body.addWidget(wrapped("\n".join(f"• {t[:1].upper()}{t[1:]}" for t in titles)))
        body.addWidget(
            wrapped(self.tr("Les autres restent dans les guides ; vous pourrez changer ce choix plus tard."))
        )
        if plan.key_dates:
            body.addWidget(
                wrapped(self.tr("Les dates à noter dans le dossier, dès que vous les connaissez"), 1.1, bold=True)
            )
            body.addWidget(wrapped("\n".join(f"• {key_date_label(content, kind)}" for kind in plan.key_dates)))
        body.addStretch(1)
        self.scroller.setWidget(inner)
        self.name.setText(self.dialog.store.dossiers.free_name(plan.name))
        self.create_button.setEnabled(not self.dialog.store.read_only)
        self.done.hide()
        self.dates_button.hide()

    def create_dossier(self) -> bool:
        """The new dossier, following the plan's check-lists (one transaction), then shown. At a
        first start, the empty « Mon projet » made for the window becomes this dossier."""
        assert self.plan is not None
        dossiers, scope = self.dialog.store.dossiers, list(self.plan.checklists)
        with reported_errors(self.dialog) as outcome:
            unused = dossiers.untouched_default()
            if unused is not None:
                dossier = dossiers.update(unused.id, name=self.name.text(), scope=scope)
            else:
                dossier = dossiers.create(self.name.text(), scope=scope)
        if outcome.failed:
            return False
        self.dialog.switch_dossier(dossier.id)
        if self.plan.guides:  # the window leaves the guide it opened on for the first one to read
            self.dialog.open_link(self.plan.guides[0].target)
        self.dialog.created.append(dossier.id)
        message = self.tr("Le dossier « %1 » est créé et ouvert dans la fenêtre. Il suit %2 check-list(s).")
        self.done.setText(message.replace("%1", dossier.name).replace("%2", str(len(self.plan.checklists))))
        self.done.show()
        self.dates_button.setVisible(bool(self.plan.key_dates))
        self.create_button.setEnabled(False)
        return True


class StartHereDialog(QDialog):
    """``open_link(target)`` shows a guide in the window; ``switch_dossier(id)`` makes a dossier current."""

    def __init__(
        self,
        parent: QWidget,
        store: Store,
        content: Content,
        situations: Situations | None,
        forms: Forms | None,
        open_link: Callable[[str], None],
        switch_dossier: Callable[[int], object],
        ask_key_dates: Callable[[], object] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.ask_key_dates = ask_key_dates  # « Dates clés du dossier… » for the current dossier
        self.setWindowTitle(self.tr("Par où commencer ?"))
        scaled(self, 1.0)
        self.store, self.content = store, content
        self.situations, self.forms = situations, forms
        self.open_link, self.switch_dossier = open_link, switch_dossier
        self.created: list[int] = []  # ids of the dossiers made here
        self._flow: list[QWidget] = []  # the pages of the path followed: questions, then the result
        self._at = 0
        self.stack = QStackedWidget()
        intro = self.tr(
            "Quelques questions pour savoir quels guides lire d'abord et créer un dossier qui ne suit "
            "que ce qui vous concerne. Vous retrouverez cet assistant dans le menu Aide."
        )
        self.start_pages = self._question_pages(situations.questions if situations else (), intro)
        compare_intro = self.tr(
            "Scop, Scop d'amorçage, Scic, CAE, association ou société classique : répondez à ces "
            "questions, chaque forme sera jugée avec la règle qui l'explique."
        )
        self.compare_pages = self._question_pages(forms.questions if forms else (), compare_intro)
        self.plan_page = PlanPage(self)
        self.comparison = QTextBrowser()
        self.comparison.setOpenLinks(False)
        self.comparison.anchorClicked.connect(lambda url: self.open_link(url.toString()))
        for page in (*self.start_pages, *self.compare_pages, self.plan_page, self.comparison):
            self.stack.addWidget(page)
        self.back = QPushButton(self.tr("< &Précédent"))
        self.next = QPushButton(self.tr("&Suivant >"))
        self.next.setDefault(True)
        self.compare_button = QPushButton(self.tr("&Comparer les formes"))
        self.compare_button.setToolTip(self.tr("Scop, Scic, CAE, association… jugées pour vos réponses"))
        close = QPushButton(self.tr("Fermer"))
        self.back.clicked.connect(lambda: self._go(self._at - 1))
        self.next.clicked.connect(lambda: self._go(self._at + 1))
        self.compare_button.clicked.connect(self.start_comparison)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.compare_button)
        buttons.addStretch(1)
        for button in (self.back, self.next, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.resize(860, 640)
        self.start_situation()

    def _question_pages(self, questions: tuple[Question, ...], intro: str) -> list[QuestionPage]:
        pages = []
        for number, question in enumerate(questions, start=1):
            page = QuestionPage(question, number, len(questions), intro if number == 1 else "")
            page.answered.connect(self._update_buttons)
            pages.append(page)
        return pages

    # -- the two paths -----------------------------------------------------------------------------
    def start_situation(self) -> None:
        self._flow = [*self.start_pages, self.plan_page]
        self.setWindowTitle(self.tr("Par où commencer ?"))
        self._go(0)

    def start_comparison(self) -> None:
        self._flow = [*self.compare_pages, self.comparison]
        self.setWindowTitle(self.tr("Comparer les formes"))
        self._go(0)

    def answers(self, pages: list[QuestionPage]) -> dict[str, str]:
        return {page.question.id: answer for page in pages if (answer := page.answer())}

    def _go(self, index: int) -> None:
        self._at = max(0, min(index, len(self._flow) - 1))
        page = self._flow[self._at]
        if page is self.plan_page and self.situations is not None:
            plan = start_plan(self.situations, self.answers(self.start_pages), self.content)
            if plan is not None:
                self.plan_page.show_plan(plan)
        elif page is self.comparison and self.forms is not None:
            answers = self.answers(self.compare_pages)
            results = compare_forms(self.forms, answers)
            self.comparison.setHtml(comparison_html(results, self.forms.questions, answers, self.content))
        self.stack.setCurrentWidget(page)
        self._update_buttons()

    def _update_buttons(self) -> None:
        page = self._flow[self._at] if self._flow else None
        last = self._at == len(self._flow) - 1
        self.back.setEnabled(self._at > 0)
        self.next.setVisible(not last)
        self.next.setEnabled(isinstance(page, QuestionPage) and page.answer() is not None)
        self.compare_button.setVisible(page is not self.comparison and not isinstance(page, QuestionPage))
        if isinstance(page, QuestionPage) and self.next.isEnabled():
            self.next.setFocus()

    @property
    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()


def open_start_here(
    window: QWidget, store: Store, content: Content, content_dir: Path, compare: bool = False
) -> StartHereDialog:
    """The dialog over ``window`` (a MainWindow: its ``follow_link`` and ``dossiers``), shown, not modal."""
    problems: list = []  # the files' problems are check-content's job; what loads is shown
    situations, forms = load_situations(content_dir, problems), load_forms(content_dir, problems)
    if situations is None and forms is None:
        raise KnownError(
            "L'assistant « Par où commencer ? » n'est pas disponible : ses fichiers sont absents ou illisibles."
        )
    dialog = StartHereDialog(
        window,
        store,
        content,
        situations,
        forms,
        window.follow_link,  # type: ignore[attr-defined]
        window.dossiers.switch_dossier,  # type: ignore[attr-defined]
        window.dossiers.ask_key_dates,  # type: ignore[attr-defined]
    )
    if compare or situations is None:
        dialog.start_comparison()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
