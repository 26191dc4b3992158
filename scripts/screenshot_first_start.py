"""A new user's first start, as pictures (run under xvfb-run; `make screenshots` calls it):
docs/screenshots/first-start-<n>-<what>.png.

A worker whose firm was just placed in redressement judiciaire starts Coopguide on a fresh data
folder, exactly as ``run_app`` does: « Par où commencer ? » opens by itself. The script answers as
that worker would (our firm is in difficulty, a small group, employees with the majority, in a
hurry), creates the dossier the plan proposes, enters the court's dates, dates the items from them,
ticks a few and gives some to people. Then it grabs:

1. the start page (question 1), over the window;
2. the result: guides to read first, the check-lists the dossier will follow;
3. « Comparer les formes »: each form's verdict with its rules and references;
4. the key dates dialog, filled from the court's letters;
5. the scoped dashboard with its countdown;
6. « Mes prochaines actions »;
7. the printed « Nos prochaines actions » page (the PDF, made into a PNG with pdftoppm).

Each is grabbed from the whole screen, so whatever runs off it is seen missing.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from coopguide.core.content.cache import load
from coopguide.core.next_actions import build_next_actions
from coopguide.core.next_actions_print import next_actions_document
from coopguide.core.shared import paths
from coopguide.core.store import open_store
from coopguide.core.store.progress import DONE
from coopguide.printing.output import write_pdf
from coopguide.ui.app import make_application
from coopguide.ui.dossiers.key_dates_dialog import KeyDatesDialog
from coopguide.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
ANSWERS = ("difficulte", "petit-groupe", "oui", "oui")  # situations.yaml: our firm in redressement
COMPARE = ("salaries", "deux-a-six", "oui", "non", "non", "oui")  # formes.yaml: a transformation, capital short
MEMBERS = ["Aïcha", "Karim", "Léa", "Marc"]


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def grab(app: QApplication, name: str) -> Path:
    """The whole screen (the window and any dialog over it), saved as first-start-<name>.png."""
    settle(app)
    path = OUT / f"first-start-{name}.png"
    QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
    print(path)
    return path


def answer(app: QApplication, dialog, answer_ids) -> None:
    for answer_id in answer_ids:
        dialog.current_page.buttons[answer_id].click()
        dialog.next.click()
        settle(app, 2)


def main() -> int:
    app = make_application()
    OUT.mkdir(parents=True, exist_ok=True)
    data_dir = Path(tempfile.mkdtemp(prefix="coopguide-first-start-"))
    store = open_store(data_dir)
    loaded = load(paths.content_dir(), data_dir / "cache")
    window = MainWindow(store, loaded, data_dir)
    window.show()
    settle(app)
    dialog = window.help.show_at_first_start()  # what run_app does after the first frame
    assert dialog is not None, "« Par où commencer ? » did not open at a first start"
    grab(app, "1-question")

    answer(app, dialog, ANSWERS)
    grab(app, "2-result")
    dialog.plan_page.name.setText("Reprise Menuiserie Duval")
    assert dialog.plan_page.create_dossier()
    dossier_id = window.state.dossier_id

    dialog.start_comparison()
    answer(app, dialog, COMPARE)
    grab(app, "3-comparison")
    dialog.close()

    today = dt.date.today()
    court = {
        "jugement-ouverture": today - dt.timedelta(days=9),
        "date-limite-offres": today + dt.timedelta(days=12),
        "audience-offres": today + dt.timedelta(days=33),
    }
    key_dates = KeyDatesDialog(window.content, store.key_dates.list(dossier_id), window)
    for kind, day in court.items():
        key_dates.edits[kind].setDate(day)
    key_dates.show()
    grab(app, "4-key-dates")
    assert window.dossiers.save_key_dates(key_dates.values())
    key_dates.close()

    QMessageBox.exec = lambda _box: QMessageBox.StandardButton.Yes  # « Dater N éléments ? » answered yes
    assert window.dossiers.date_from_key_dates()
    store.dossiers.update(dossier_id, members=MEMBERS)
    items = window.content.checklists()["reprendre-entreprise-en-difficulte.trente-jours"].items
    edition = window.content.edition
    for item, who in zip(items[:3], ["Aïcha", "Karim", "Aïcha"], strict=True):
        store.items.set_state(dossier_id, item.id, DONE, content_edition=edition, done_by=who)
    for item, who in zip(items[3:9], ["Léa", "Karim", "Marc", "Aïcha", "Léa", "Karim"], strict=True):
        store.items.change(dossier_id, item.id, {"assignee": who}, content_edition=edition)
    window.state.reload()
    window.show_dashboard()
    grab(app, "5-dashboard")

    actions = window.dossiers.open_next_actions()
    grab(app, "6-next-actions")
    actions.close()

    dossier = store.dossiers.require(dossier_id)
    board = build_next_actions(window.content, window.state.resolved, dossier, today, store.key_dates.list(dossier_id))
    pdf = data_dir / "prochaines-actions.pdf"
    write_pdf(next_actions_document(board, window.content), pdf)
    png = OUT / "first-start-7-actions-page"
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf), str(png)], check=True)
    print(f"{png}.png")
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
