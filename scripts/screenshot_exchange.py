"""Screenshots of exchanging dossiers between laptops (run under xvfb-run; `make screenshots` calls it):

- docs/screenshots/import-several.png: the files of a USB key, each with its destination;
- docs/screenshots/merge-preview.png: what a merge will change, by check-list, with who and when;
- docs/screenshots/merge-preview-future.png: the same for a file from a laptop whose clock is years ahead;
- docs/screenshots/import-summary.png: what happened to each file.

A throw-away data folder holds this computer's dossiers; another one stands for the groups' laptop,
whose dossiers are exported to a throw-away « key » with a damaged file and a photo beside them.
The window is 1024×768, the smallest screen the dialogs must fit.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from screenshots import OUT, new_window  # a sibling script

from coopguide.core import exchange_batch
from coopguide.core.merge_preview import build_preview
from coopguide.core.shared.file_names import safe_file_name
from coopguide.core.store import open_store
from coopguide.core.store.exchange import ExchangeFile, export_dossier, import_as_new, plan_merge
from coopguide.core.store.progress import DONE, NOT_APPLICABLE, ItemProgress
from coopguide.ui.app import make_application
from coopguide.ui.dossiers import batch
from coopguide.ui.dossiers.batch_dialogs import BatchImportDialog, SummaryDialog
from coopguide.ui.dossiers.dialogs import MergePreviewDialog

DUPONT = "Reprise Imprimerie Dupont"
THURSDAY = "Groupe du jeudi"


def this_computer(store, content) -> None:
    dupont = store.dossiers.update(store.dossiers.ensure_default().id, name=DUPONT, members=["Aline", "Bruno", "Chloé"])
    items = [item.id for item in content.guides["creer-une-scop"].items]
    for item_id in items[:3]:
        store.items.set_state(dupont.id, item_id, DONE, content_edition=content.edition, done_by="Aline")
    store.dossiers.create(THURSDAY, members=["Farid", "Inès"])


def laptop_files(content, key: Path) -> None:
    """The groups' laptop: Dupont went on during the week, Thursday's laptop has its clock in 2031,
    a new group started; then a damaged copy and a photo that landed on the key."""
    laptop = open_store(Path(tempfile.mkdtemp(prefix="coopguide-portable-")))
    laptop.dossiers.update(laptop.dossiers.ensure_default().id, name="Premier dossier")
    edition = content.edition
    dupont = laptop.dossiers.create(DUPONT, members=["Aline", "Bruno", "Chloé", "Karim"])
    creer = [item.id for item in content.guides["creer-une-scop"].items]
    reprise = [item.id for item in content.guides["reprendre-entreprise-saine"].items]
    for item_id, who in zip(creer[:6], ["Aline", "Aline", "Aline", "Karim", "Bruno", "Karim"], strict=True):
        laptop.items.set_state(dupont.id, item_id, DONE, content_edition=edition, done_by=who)
    laptop.items.set_state(dupont.id, creer[8], NOT_APPLICABLE, content_edition=edition, done_by="Chloé")
    laptop.items.save_one(
        dupont.id, ItemProgress(creer[7], note="Rendez-vous pris avec l'URSCOP le 12.", due="2026-12-18")
    )
    for item_id in reprise[:2]:
        laptop.items.set_state(dupont.id, item_id, DONE, content_edition=edition, done_by="Bruno")
    future = "2031-03-03T09:41:00.000+01:00"
    rows = tuple(
        ItemProgress(i, state=DONE, done_at=future, done_by="Inès", updated_at=future)
        for i in [item.id for item in content.guides["scic"].items][:4]
    )
    thursday = import_as_new(laptop, ExchangeFile(THURSDAY, "", ("Farid", "Inès"), future, edition, future, rows))
    fresh = laptop.dossiers.create("Séance 02/12 — Boulangerie", members=["Léa"])
    laptop.items.set_state(fresh.id, content.guides["s-orienter"].items[0].id, DONE, content_edition=edition)
    for dossier in (dupont, thursday, fresh):
        name = safe_file_name(dossier.name, ".coopguide")
        export_dossier(laptop, dossier.id, key / name, edition)
    laptop.close()
    text = (key / f"{DUPONT}.coopguide").read_text(encoding="utf-8")
    (key / "Copie de Dupont.coopguide").write_text(text[: len(text) // 2], encoding="utf-8")
    (key / "photo-du-groupe.coopguide").write_bytes(b"\xff\xd8\xff\xe0JFIF" + bytes(range(256)))


def main() -> int:
    app = make_application()
    window = new_window((1024, 768), prepare=this_computer)
    window.show()
    window.show_guide("creer-une-scop")
    key = Path(tempfile.mkdtemp(prefix="coopguide-cle-"))
    laptop_files(window.content, key)
    store, content = window.store, window.content
    files = exchange_batch.read_files(exchange_batch.files_in_folder(key))

    def preview_for(read, dossier_id):
        return build_preview(plan_merge(store, dossier_id, read.exchange, content), read.exchange, content)

    shots: list[str] = []

    def grab(widget, name: str, then) -> None:
        def take() -> None:
            widget.grab().save(str(OUT / name))
            shots.append(str(OUT / name))
            widget.close()
            then()

        widget.show()
        QTimer.singleShot(300, take)

    def merge_previews() -> None:
        dupont = next(f for f in files if f.exchange and f.exchange.name == DUPONT)
        target = store.dossiers.by_name(DUPONT)
        dialog = MergePreviewDialog(preview_for(dupont, target.id), target.name, window)
        grab(dialog, "merge-preview.png", future_preview)

    def future_preview() -> None:
        thursday = next(f for f in files if f.exchange and f.exchange.name == THURSDAY)
        target = store.dossiers.by_name(THURSDAY)
        dialog = MergePreviewDialog(preview_for(thursday, target.id), target.name, window)
        grab(dialog, "merge-preview-future.png", summary)

    def summary() -> None:
        results = exchange_batch.import_files(store, chooser.choices(), content)
        dialog = SummaryDialog(
            "Importation terminée",
            batch.import_headline(window.dossiers, results),
            ["Fichier", "Résultat"],
            [(r.path.name, batch.import_result_text(window.dossiers, r), bool(r.refused)) for r in results],
            window,
        )
        grab(dialog, "import-summary.png", done)

    def done() -> None:
        print("\n".join(shots))
        app.quit()

    chooser = BatchImportDialog(files, store.dossiers.all(), preview_for, window)
    chooser.table.selectRow(next(i for i, f in enumerate(files) if f.exchange and f.exchange.name == THURSDAY))
    grab(chooser, "import-several.png", merge_previews)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
