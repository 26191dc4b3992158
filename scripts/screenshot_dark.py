"""Every page in dark mode (run under xvfb-run; `make screenshots` calls it): the guide with ticks,
a « non applicable » and an overdue item, the dashboard, the A–Z glossary and the find bar finding
nothing, saved as docs/screenshots/dark-*.png. Light mode is what the other scripts show.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from screenshot_dossier import GUIDE, OUT, demo_window  # a sibling script: same demo dossier

from coopguide.ui import theme
from coopguide.ui.app import make_application


def main() -> int:
    app = make_application()
    window = demo_window({"appearance": theme.DARK})
    window.panel.select_item(window.content.guides[GUIDE].items[4].id)
    steps = [
        ("dark-guide.png", lambda: None),
        ("dark-dashboard.png", window.show_dashboard),
        ("dark-glossary.png", window.show_glossary_page),
        (
            "dark-find.png",
            lambda: (
                window.show_guide("scic"),
                window.find_bar.open_bar(),
                window.find_bar.edit.setText("introuvablexyz"),
            ),
        ),
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
