"""PNG renders of printed pages for the docs: docs/screenshots/print-*.png and pack-*.png.

Makes the PDFs with the app's own renderer (fixed date, an example dossier), then rasterises the
pages with poppler's ``pdftoppm -png -r 60`` (Debian: poppler-utils).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/print_screenshots.py
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coopguide.core.content import cache as content_cache
from coopguide.core.content.presets import load_presets
from coopguide.core.printout.layout import checklist_document
from coopguide.core.printout.pack import find_preset, pack_document
from coopguide.core.shared import paths
from coopguide.core.store.progress import DONE, NOT_APPLICABLE, ItemProgress, resolve
from coopguide.printing.output import ensure_application, write_pdf

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 30)
OUT = ROOT / "docs" / "screenshots"
CHECKLIST = "creer-une-scop.etapes"


def example_progress(content):
    """Where a group that started three weeks ago might be."""
    items = content.checklists()[CHECKLIST].items
    notes = {
        0: "Six salariés partants, deux à confirmer.",
        4: "Rendez-vous du 12/11 avec l'URSCOP Bourgogne.",
        7: "Environ 180 000 € avec le fonds de roulement.",
    }
    rows = []
    for n, item in enumerate(items[:9]):
        state = NOT_APPLICABLE if n == 2 else DONE
        rows.append(
            ItemProgress(
                item.id,
                state,
                f"2026-11-{10 + n:02d}T18:00:00+01:00",
                ("Aïcha", "Noël", "Léa")[n % 3],
                notes.get(n, ""),
            )
        )
    rows.append(
        ItemProgress(
            items[9].id, due="2026-12-05", assignee="Noël", note="Prêt d'honneur France Active à demander aussi."
        )
    )
    rows.append(ItemProgress(items[10].id, due="2026-11-25", assignee="Aïcha"))
    return resolve(rows, content)


def rasterise(pdf: Path, first: int, last: int, names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", str(first), "-l", str(last), str(pdf), f"{folder}/page"], check=True
        )
        for produced, name in zip(sorted(Path(folder).glob("page-*.png")), names, strict=True):
            shutil.move(produced, OUT / name)
            print(OUT / name)


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm est introuvable : installez poppler-utils (apt-get install poppler-utils).", file=sys.stderr)
        return 1
    ensure_application()
    loaded = content_cache.build(paths.content_dir())
    content = loaded.content
    checklist = content.checklists()[CHECKLIST]
    work = Path(tempfile.mkdtemp(prefix="coopguide-print-shots-"))
    blank = work / "vierge.pdf"
    write_pdf(checklist_document(checklist, content, None, "", TODAY), blank)
    rasterise(blank, 1, 1, ["print-blank.png"])
    filled = work / "remplie.pdf"
    write_pdf(checklist_document(checklist, content, example_progress(content), "Menuiserie Dupont", TODAY), filled)
    rasterise(filled, 1, 1, ["print-filled.png"])
    preset = find_preset("reprendre-en-scop-premiere-rencontre", load_presets(paths.content_dir())[0])
    pack = work / "seance.pdf"
    write_pdf(pack_document(preset.targets, content, loaded.html, None, "", "", preset, TODAY), pack)
    rasterise(pack, 1, 2, ["pack-cover.png", "pack-contents.png"])
    print(f"PDF : {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
