"""The French dialog shown when the data file is damaged or too new (decision logic: core.recovery)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from PySide6 import QtCore  # not Qt itself: see tests/ui/test_start_path.py
from PySide6.QtWidgets import QPushButton

from coopguide import APP_NAME
from coopguide.core.shared.errors import DamagedDatabaseError
from coopguide.core.store import Store
from coopguide.core.store.backup import STAMP
from coopguide.core.store.recovery import QUIT, RESTORE, START_EMPTY, RecoveryOptions, recover
from coopguide.ui.app_icon import set_app_icon


def backup_label(path: Path) -> str:
    try:
        when = dt.datetime.strptime(path.stem.removeprefix("coopguide-"), STAMP)
        return when.strftime("%d/%m/%Y à %H:%M")
    except ValueError:
        return path.name


def describe(options: RecoveryOptions) -> str:
    lines = [str(options.error)]
    if options.moved_to:
        lines.append(f"\nLe fichier a été mis de côté, intact, sous le nom :\n{options.moved_to}")
    if options.latest_backup:
        lines.append(f"\nDernière sauvegarde automatique : {backup_label(options.latest_backup)}.")
    else:
        lines.append("\nAucune sauvegarde automatique n'a été trouvée.")
    return "\n".join(lines)


def ask_with_dialog(options: RecoveryOptions) -> str:
    set_app_icon()  # shown before the window's first frame, which sets it otherwise
    from PySide6.QtWidgets import QMessageBox  # its class and enums (~0.5 ms) only when it is shown

    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, describe(options))
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # quotes a path and an error text
    buttons: dict[QPushButton, str] = {}
    if RESTORE in options.choices:
        buttons[box.addButton("Restaurer la dernière sauvegarde", QMessageBox.ButtonRole.AcceptRole)] = RESTORE
    buttons[box.addButton("Repartir de zéro", QMessageBox.ButtonRole.DestructiveRole)] = START_EMPTY
    quit_button = box.addButton("Quitter", QMessageBox.ButtonRole.RejectRole)
    buttons[quit_button] = QUIT
    box.setDefaultButton(next(iter(buttons)))
    box.setEscapeButton(quit_button)
    box.exec()
    clicked = box.clickedButton()
    return buttons.get(clicked, QUIT) if isinstance(clicked, QPushButton) else QUIT


def refuse_without_asking(options: RecoveryOptions) -> str:
    """For --startup-check: say what happened on stderr and quit, the file already moved aside."""
    print(describe(options), file=sys.stderr)
    return QUIT


def recover_or_ask(data_dir: Path, error: DamagedDatabaseError, ask: bool = True) -> Store | None:
    """What to do after ``open_store`` raised ``error`` (``coopguide.ui.app`` imports this module
    only then): asked in a dialog, or refused without asking (``--startup-check``)."""
    return recover(data_dir, error, ask_with_dialog if ask else refuse_without_asking)
