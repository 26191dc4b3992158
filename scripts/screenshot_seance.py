"""Screenshots of a séance with three groups: the side-by-side view at the screen's size and the
printed summary (its PDF, then PNGs with pdftoppm)::

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshot_seance.py

Writes ``docs/screenshots/seance-cote-a-cote.png`` (the whole screen: « Vue d'ensemble de la
séance » over the window) and ``seance-resume-1.png`` … (``pdftoppm -r 60`` of the summary), from the shipped
content, a prepared séance « Reprendre sa boîte en Scop » and a throw-away data folder.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from pathlib import Path

from screenshots import OUT, new_window  # sibling script

from coopguide.ui.app import make_application

PRESET = "reprendre-en-scop-premiere-rencontre"
DONE, NOT_APPLICABLE = "fait", "na"


def prepare(store, content) -> None:
    """« Séance 24/11 » at Montceau: three groups, each at a different point of the séance."""
    from coopguide.core.content.presets import load_presets
    from coopguide.core.seance_prep import create_seance, plan_seance
    from coopguide.core.shared import paths

    presets, _ = load_presets(paths.content_dir())
    preset = next(p for p in presets if p.id == PRESET)
    today = dt.date.today()
    plan = plan_seance(
        preset,
        f"Séance {today.strftime('%d/%m')}",
        ["Les Ébénistes", "Imprimerie Dupont", "Table du fond"],
        store.dossiers.free_name,
        content,
        today,
        "Permanence de Montceau-les-Mines",
    )
    created, _seance, error = create_seance(store, plan)
    assert error is None
    trente = content.checklists()["reprendre-entreprise-en-difficulte.trente-jours"].items
    verifier = content.checklists()["scop-en-bref.verifier"].items
    rendez_vous = content.checklists()["contacts.premier-rendez-vous"].items
    late = (today - dt.timedelta(days=3)).isoformat()
    soon = (today + dt.timedelta(days=7)).isoformat()

    def change(dossier, item, **fields):
        store.items.change(dossier.id, item.id, fields, content_edition=content.edition)

    first, second, third = created
    for item in trente[:9]:
        change(first, item, state=DONE)
    change(first, trente[9], due=late, assignee="Karim")
    change(first, trente[10], due=soon, assignee="Sonia", note="Liste des salariés concernés à vérifier avec le CSE")
    for item in verifier[:4]:
        change(first, item, state=DONE)
    for item in verifier:
        change(second, item, state=DONE)
    change(second, rendez_vous[0], state=DONE, note="Rendez-vous pris le 3 au matin")
    change(second, rendez_vous[1], due=soon, assignee="Marc")
    change(third, verifier[0], state=NOT_APPLICABLE)


def main() -> int:
    app = make_application()  # French buttons, as in the app
    window = new_window(size=None, prepare=prepare)
    screen = app.primaryScreen().geometry()
    window.setGeometry(screen)  # maximised (Xvfb has no window manager to do it)
    window.show()
    dialog = window.seances.open_overview()
    dialog.move(screen.center() - dialog.rect().center())
    for _ in range(30):
        app.processEvents()
    app.primaryScreen().grabWindow(0).save(str(OUT / "seance-cote-a-cote.png"))  # the whole screen
    print(OUT / "seance-cote-a-cote.png", screen.size(), dialog.geometry())

    from coopguide.core.seance_summary import seance_summary_document
    from coopguide.printing.output import write_pdf

    assert dialog.overview is not None
    pdf = Path(tempfile.mkdtemp()) / "resume.pdf"
    write_pdf(seance_summary_document(dialog.overview, window.content), pdf)
    for old in OUT.glob("seance-resume-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(OUT / "seance-resume")], check=True)
    print(*sorted(OUT.glob("seance-resume-*.png")))
    dialog.close()
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
