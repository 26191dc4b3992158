"""Screenshots of the search and the glossary (run under xvfb-run; `make screenshots` calls it):

- docs/screenshots/search.png: the search popup over the main window, query « cape chomage »;
- docs/screenshots/search-typo.png: « redressemnt judiciaire », corrected and said so;
- docs/screenshots/search-answer-card.png: « combien coûte la création d'une scop », its answer card;
- docs/screenshots/search-titles.png: « repr », the titles suggested as you type;
- docs/screenshots/find-in-page.png: Ctrl+F in a guide, « cooperative » found in « coopérative »;
- docs/screenshots/glossary.png: the A–Z glossary page;
- docs/screenshots/glossary-tooltip.png: hovering a glossary word in a guide.

The whole X screen is grabbed (the popup and the tooltip are windows of their own), then cropped to
the main window. The wiring done here is the one the main window is meant to get.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QPoint, QTimer
from PySide6.QtGui import QCursor, QGuiApplication, QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip
from screenshots import OUT, new_window  # a sibling script

from coopguide.core.content.glossary_page import glossary_page_html
from coopguide.ui.app import make_application


def glossary_link_point(view, term_id: str) -> QPoint:
    """Viewport position of the first link to ``glossaire:term_id``, scrolled into view."""
    block = view.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref() == f"glossaire:{term_id}":
                cursor = QTextCursor(view.document())
                cursor.setPosition(fragment.position())
                view.setTextCursor(cursor)
                view.ensureCursorVisible()
                left = view.cursorRect(cursor).center()
                cursor.setPosition(fragment.position() + 1)  # the middle of the first character
                return (left + view.cursorRect(cursor).center()) / 2
            iterator += 1
        block = block.next()
    raise LookupError(term_id)


def main() -> int:
    app = make_application()
    window = new_window()
    window.move(0, 0)
    find_bar = window.find_bar
    dialog = window.search_popup()  # the window's own popup, index built in its thread
    window.show()
    OUT.mkdir(parents=True, exist_ok=True)

    def grab(name: str) -> None:
        QApplication.processEvents()
        frame = window.frameGeometry()
        shot = QGuiApplication.primaryScreen().grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
        shot.save(str(OUT / name))
        print(OUT / name)

    steps = []

    def step(delay: int):
        def add(function):
            steps.append((delay, function))
            return function

        return add

    @step(400)
    def search() -> None:
        dialog.open_search("cape chomage")

    @step(400)
    def shot_search() -> None:
        dialog.results.setCurrentRow(0)
        grab("search.png")
        dialog.open_search("redressemnt judiciaire")

    @step(300)
    def shot_typo() -> None:
        grab("search-typo.png")
        dialog.open_search("combien coûte la création d'une scop")

    @step(300)
    def shot_card() -> None:
        grab("search-answer-card.png")
        dialog.open_search("repr")

    @step(300)
    def shot_titles() -> None:
        grab("search-titles.png")
        dialog.open_search("cape chomage")
        dialog.open_current()  # Enter: the window jumps to the section

    @step(300)
    def find_in_page() -> None:
        window.show_guide("s-orienter")
        find_bar.open_bar()
        find_bar.edit.setText("cooperative")
        find_bar.find_next()

    @step(300)
    def shot_find() -> None:
        grab("find-in-page.png")
        find_bar.close_bar()
        window.view.show_html(glossary_page_html(window.content))

    @step(300)
    def shot_glossary() -> None:
        grab("glossary.png")
        window.show_guide("cae-et-cape")

    @step(300)
    def hover() -> None:
        point = glossary_link_point(window.view, "cae")
        viewport = window.view.viewport()
        QCursor.setPos(viewport.mapToGlobal(point))  # as a user would: the pointer on the word
        QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point)))

    @step(500)
    def shot_tooltip() -> None:
        if not QToolTip.isVisible():
            print("the glossary tooltip is not shown", file=sys.stderr)
        grab("glossary-tooltip.png")
        app.quit()

    elapsed = 0
    for delay, function in steps:
        elapsed += delay
        QTimer.singleShot(elapsed, function)
    code = app.exec()
    window.store.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
