"""Every page in dark mode (run under xvfb-run; `make screenshots` calls it): the guide with ticks,
a « non applicable » and an overdue item, the dashboard, the A–Z glossary and the find bar finding
nothing, saved as docs/screenshots/dark-*.png. Light mode is what the other scripts show.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from screenshot_dossier import GUIDE, demo_dossier  # a sibling script: same demo dossier

from coopguide.core import paths
from coopguide.core.content_cache import load
from coopguide.core.store import open_store
from coopguide.ui import theme
from coopguide.ui.app import make_application
from coopguide.ui.main_window import SETTINGS_FILE, MainWindow

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def main() -> int:
    app = make_application()
    data_dir = Path(tempfile.mkdtemp(prefix="coopguide-shots-"))
    QSettings(str(data_dir / SETTINGS_FILE), QSettings.Format.IniFormat).setValue(theme.SETTING_KEY, theme.DARK)
    store = open_store(data_dir)
    loaded = load(paths.content_dir(), data_dir / "cache")
    demo_dossier(store, loaded.content)
    window = MainWindow(store, loaded, data_dir)
    window.resize(1360, 860)
    window.show()
    window.refresh_members()
    window.show_guide(GUIDE)
    window.view.scrollToAnchor("creer-une-scop.etapes")
    window.panel.select_item(loaded.content.guides[GUIDE].items[4].id)
    OUT.mkdir(parents=True, exist_ok=True)
    steps = [
        ("dark-guide.png", lambda: None),
        ("dark-dashboard.png", window.show_dashboard),
        ("dark-glossary.png", window.show_glossary_page),
        ("dark-find.png", lambda: (window.show_guide("scic"), window.find_bar.open_bar(),
                                   window.find_bar.edit.setText("introuvablexyz"))),
    ]

    def next_step() -> None:
        if not steps:
            app.quit()
            return
        name, action = steps.pop(0)
        action()
        QTimer.singleShot(250, lambda: (window.grab().save(str(OUT / name)), print(OUT / name), next_step()))

    QTimer.singleShot(300, next_step)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
