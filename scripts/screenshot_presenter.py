"""Screenshots of presentation mode with two screens: the slides on the projector, the presenter view
(the slide shown, the next one, notes, timer) on the laptop::

    xvfb-run -a -s "-screen 0 2390x768x24" .venv/bin/python scripts/screenshot_presenter.py

Xvfb gives Qt one screen only (no RandR monitors without xrandr), so this runs on one wide virtual
screen and tells the presentation it has two: a 1366×768 laptop on the left and a 1024×768 projector
on its right (``handlers.screens``, as the tests do). Writes ``docs/screenshots/presentateur-deux-
ecrans.png`` (the whole virtual screen), ``presentateur.png`` (the laptop) and ``presentation-
projecteur.png`` (the projector): a prepared séance, F5 pressed while reading « Check-list : les
30 premiers jours », the dossier of the group « Les Ébénistes » ticked, on the slide where its
notes are.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from screenshot_seance import prepare  # sibling script
from screenshots import OUT, new_window  # sibling script

from coopguide.ui.app import make_application

GUIDE = "reprendre-entreprise-en-difficulte"
ANCHOR = f"{GUIDE}.trente-jours"


class Screen:
    """A screen as the presentation sees it: its place on the virtual desktop."""

    def __init__(self, x: int, width: int, height: int) -> None:
        self.rect = QRect(x, 0, width, height)

    def geometry(self) -> QRect:
        return self.rect


def main() -> int:
    app = make_application()
    from coopguide.ui.seances import handlers

    laptop, projector = Screen(0, 1366, 768), Screen(1366, 1024, 768)
    handlers.screens = lambda: [laptop, projector]
    window = new_window(size=None, prepare=prepare)
    window.setGeometry(laptop.rect)
    window.show()
    seance = window.store.seances.prepared()[0]
    groups = window.store.seances.groups.of_seance(seance.id)
    window.state.set_dossier(groups[0].dossier_id)  # « Les Ébénistes »
    window.show_guide(GUIDE)
    for _ in range(20):
        app.processEvents()
    window.view.scrollToAnchor(ANCHOR)  # « Aller à », then F5
    window.seances.present_action.trigger()
    show, presenter = window.seances.presentation, window.seances.presenter
    assert show is not None and presenter is not None
    for _ in range(30):
        app.processEvents()
    show.rebuild(anchor=ANCHOR)  # its size is known now
    show.go_to(next(i for i, slide in enumerate(show.slides) if 11 in slide.numbers))  # with the group's notes
    show.move_selection(1)
    for _ in range(30):
        app.processEvents()
    presenter.tick()
    app.primaryScreen().grabWindow(0).save(str(OUT / "presentateur-deux-ecrans.png"))
    presenter.grab().save(str(OUT / "presentateur.png"))
    show.grab().save(str(OUT / "presentation-projecteur.png"))
    print(OUT / "presentateur-deux-ecrans.png", show.geometry(), presenter.geometry(), show.slide.title)
    show.close()
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
