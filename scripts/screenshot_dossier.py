"""Screenshots of a dossier in use (run under xvfb-run; `make screenshots` calls it):
docs/screenshots/item-details.png (an item with its note, due date and assignee) and
docs/screenshots/dashboard.png (the dossier's dashboard).

A throw-away data folder gets a realistic dossier: members, ticks by several people, one item not
applicable, one overdue, notes and due dates.
"""

from __future__ import annotations

import datetime as dt
import sys

from PySide6.QtCore import QTimer
from screenshots import OUT, new_window  # a sibling script

from coopguide.core.store.progress import DONE, NOT_APPLICABLE, ItemProgress
from coopguide.ui.app import make_application
from coopguide.ui.main_window import MainWindow

GUIDE = "creer-une-scop"


def demo_dossier(store, content) -> int:
    dossier = store.dossiers.update(
        store.dossiers.ensure_default().id,
        name="Reprise Imprimerie Dupont",
        description="Imprimerie de 12 salariés, départ en retraite du dirigeant.",
        members=["Aline", "Bruno", "Chloé", "Karim"],
    )
    today = dt.date.today()
    items = [item.id for item in content.guides[GUIDE].items]
    edition = content.edition
    for item_id, who in zip(items[:4], ["Aline", "Bruno", "Aline", "Karim"], strict=True):
        store.items.set_state(dossier.id, item_id, DONE, content_edition=edition, done_by=who)
    store.items.set_state(dossier.id, items[8], NOT_APPLICABLE, content_edition=edition, done_by="Chloé")
    store.items.save_one(
        dossier.id,
        ItemProgress(
            items[4],
            due=(today - dt.timedelta(days=3)).isoformat(),
            assignee="Bruno",
            note="Rendez-vous demandé par courriel le 12.",
        ),
    )
    store.items.save_one(
        dossier.id,
        ItemProgress(
            items[5],
            due=(today + dt.timedelta(days=10)).isoformat(),
            assignee="Chloé",
            note="Apporter les comptes des trois dernières années.\nDemander l'avis de l'expert-comptable.",
        ),
    )
    store.items.save_one(
        dossier.id, ItemProgress(items[7], due=(today + dt.timedelta(days=30)).isoformat(), assignee="Karim")
    )
    reprise = "reprendre-entreprise-saine"
    for item in content.guides[reprise].items[:6]:
        store.items.set_state(dossier.id, item.id, DONE, content_edition=edition, done_by="Aline")
    return dossier.id


def demo_window(settings: dict | None = None) -> MainWindow:
    """The window on a throw-away data folder holding the demo dossier, at the « Créer une Scop »
    checklist; ``settings`` are written to the window's settings file first (e.g. the appearance)."""
    window = new_window((1360, 860), settings, demo_dossier)
    window.show()
    window.refresh_members()
    window.show_guide(GUIDE)
    window.view.scrollToAnchor("creer-une-scop.etapes")
    return window


def main() -> int:
    app = make_application()
    window = demo_window()
    window.panel.ticker.setCurrentIndex(1)
    item_id = window.content.guides[GUIDE].items[5].id

    def details() -> None:
        window.panel.select_item(item_id)
        QTimer.singleShot(200, grab_details)

    def grab_details() -> None:
        window.grab().save(str(OUT / "item-details.png"))
        window.show_dashboard()
        QTimer.singleShot(200, grab_dashboard)

    def grab_dashboard() -> None:
        window.grab().save(str(OUT / "dashboard.png"))
        print(OUT / "item-details.png", OUT / "dashboard.png")
        app.quit()

    QTimer.singleShot(300, details)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
