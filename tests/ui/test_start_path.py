"""The window's start loads exactly the UI modules listed here: adding one to the start path is a
decision (and a line here), not an accident. What must stay off it is in tests/core/test_no_qt.py."""

from __future__ import annotations

import ast
import subprocess
import sys

START_PATH = {
    "coopguide.ui",
    "coopguide.ui.a11y",
    "coopguide.ui.actions",
    "coopguide.ui.app",
    "coopguide.ui.checklist_edits",
    "coopguide.ui.checklist_model",
    "coopguide.ui.checklist_panel",
    "coopguide.ui.dossiers",
    "coopguide.ui.dossiers.controller",
    "coopguide.ui.errors",
    "coopguide.ui.find_bar",
    "coopguide.ui.glossary_hover",
    "coopguide.ui.guide_tree",
    "coopguide.ui.guide_view",
    "coopguide.ui.help_menu",
    "coopguide.ui.item_editor",
    "coopguide.ui.later",
    "coopguide.ui.main_window",
    "coopguide.ui.navigation",
    "coopguide.ui.navigation.controller",
    "coopguide.ui.navigation.history",
    "coopguide.ui.print_menu",
    "coopguide.ui.reading_state",
    "coopguide.ui.recovery_dialog",
    "coopguide.ui.seances",
    "coopguide.ui.seances.menu",
    "coopguide.ui.single_instance",
    "coopguide.ui.theme",
    "coopguide.ui.window_settings",
}


def test_the_start_loads_exactly_the_listed_ui_modules():
    code = (
        "import sys\n"
        "import coopguide.__main__, coopguide.ui.app, coopguide.ui.main_window\n"
        "print(sorted(m for m in sys.modules if m.startswith('coopguide.ui')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert set(ast.literal_eval(result.stdout)) == START_PATH
