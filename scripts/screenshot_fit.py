"""What a small or scaled screen shows (run under xvfb-run; `make screenshots` runs it three times):
the first window, « Préparer une séance », « Dossier de séance (PDF) », the séance log, the print
preview, the print dialog and the « PDF enregistré » box, each grabbed from the whole screen, so
whatever runs off it is seen missing. Saved as docs/screenshots/fit-<screen>-<what>.png, <screen>
being the physical size and the scale (fit-1366x768-main.png, fit-1366x768@1.5-pack.png):

    xvfb-run -a -s "-screen 0 1024x768x24" python scripts/screenshot_fit.py
    xvfb-run -a -s "-screen 0 1366x768x24" python scripts/screenshot_fit.py
    QT_SCALE_FACTOR=1.5 xvfb-run -a -s "-screen 0 1366x768x24" python scripts/screenshot_fit.py

Xvfb runs no window manager: windows have no title bar and « maximised » is the geometry the app
gives itself, which is what this checks.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QDialog
from screenshot_dossier import GUIDE, OUT, demo_dossier  # sibling scripts
from screenshot_seance import prepare as demo_seance
from screenshots import new_window

from coopguide.core.printout.layout import pdf_file_name
from coopguide.ui import print_jobs
from coopguide.ui.app import make_application
from coopguide.ui.pdf_saved import confirm_pdf
from coopguide.ui.print_menu import FILLED
from coopguide.ui.print_menu import GUIDE as GUIDE_PRINT


def screen_name() -> str:
    """« 1366x768@1.5 »: the physical size (the grab's) and the scale."""
    screen = QGuiApplication.primaryScreen()
    shot = screen.grabWindow(0)  # in physical pixels: 910.67 logical pixels would not say 1366
    ratio = screen.devicePixelRatio()
    return f"{shot.width()}x{shot.height()}" + (f"@{ratio:g}" if ratio != 1 else "")


def main() -> int:
    app = make_application()
    window = new_window(None, None, lambda store, content: (demo_seance(store, content), demo_dossier(store, content)))
    window.show()
    window.refresh_members()
    window.show_guide(GUIDE)
    window.view.scrollToAnchor("creer-une-scop.etapes")
    window.panel.select_item(window.content.guides[GUIDE].items[5].id)
    menu = window.printing
    opened: list[QDialog] = []

    def preview() -> QDialog:
        document = print_jobs.document(menu, FILLED)
        assert document is not None
        return print_jobs.preview_dialog(menu, document)

    def saved() -> QDialog:
        document = print_jobs.document(menu, FILLED)
        assert document is not None
        path = str(Path.home() / "Documents" / pdf_file_name(document))
        return confirm_pdf(window, f"PDF enregistré : {path} (2 page(s)).", path)

    def printer() -> QDialog:
        document = print_jobs.document(menu, GUIDE_PRINT)
        assert document is not None
        made = print_jobs.new_printer(menu, document)
        dialog = QPrintDialog(made, window)
        setattr(dialog, print_jobs.PRINTERS, made)  # the dialog does not own its printer
        return dialog

    steps = [
        ("main", None),
        ("prepare", window.seances.open_prepare_dialog),
        ("overview", window.seances.open_overview),
        ("pack", menu.open_pack_dialog),
        ("log", window.seances.open_log),
        ("preview", preview),
        ("print", printer),
        ("pdf-saved", saved),
    ]
    prefix = f"fit-{screen_name()}"

    def next_step() -> None:
        for dialog in opened:
            dialog.close()
        opened.clear()
        if not steps:
            app.quit()
            return
        name, make = steps.pop(0)
        if make is not None:
            dialog = make()
            if not dialog.isVisible():
                dialog.show()
            opened.append(dialog)
        QTimer.singleShot(400, lambda: grab(name))

    def grab(name: str) -> None:
        path = OUT / f"{prefix}-{name}.png"
        QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
        print(path)
        next_step()

    QTimer.singleShot(400, next_step)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
