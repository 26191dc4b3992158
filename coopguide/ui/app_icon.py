"""Coopguide's icon on every window, set once.

The start sets it once the first frame is painted, or before any message or dialog shown earlier
(the foreign-host question, a refusal, the recovery dialog, the crash dialog). QIcon's class and
enums and three PNG files cost ~2 ms. Until the icon is set, the taskbar shows the icon of the menu
entry (Linux) or of the program file (Windows).
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from coopguide.core.shared import paths


def set_app_icon(app: QApplication | None = None) -> None:
    """Give ``app`` (default: the running one) Coopguide's icon, unless it has one already."""
    from PySide6.QtGui import QIcon

    running = app if app is not None else QApplication.instance()
    if not isinstance(running, QApplication) or not running.windowIcon().isNull():
        return
    icon = QIcon()
    for size in (32, 64, 256):
        icon.addFile(str(paths.resources_dir() / "icons" / f"coopguide-{size}.png"))
    running.setWindowIcon(icon)
