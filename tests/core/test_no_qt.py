"""The core must never import Qt: the CLI, the tests and tools use it on machines with no display."""

import pkgutil
import subprocess
import sys

import coopguide.core


def test_core_and_cli_import_without_pyside6():
    modules = [m.name for m in pkgutil.walk_packages(coopguide.core.__path__, "coopguide.core.")]
    assert len(modules) >= 30
    code = (
        "import importlib, sys\n"
        f"for name in {[*modules, 'coopguide.cli', 'coopguide.__main__']!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# Loaded when their action is first used, never at start (benchmarks/startup.py): the window's menus
# are built at start, each feature's heavy module is imported by its first action (coopguide.ui.later).
OFF_THE_START_PATH = (
    "yaml",
    "markdown",
    "sqlite_utils",
    "snowballstemmer",
    "coopguide.core.search.index",
    "coopguide.core.shared.french_text",
    "coopguide.core.content.glossary_page",
    "coopguide.core.store.exchange",
    "coopguide.core.content.slides",
    "coopguide.core.dashboard",
    "coopguide.core.content.presets",
    "coopguide.core.printout.layout",
    "coopguide.printing",
    "PySide6.QtPrintSupport",
    "coopguide.cli_print",
    "coopguide.cli_search",
    "coopguide.ui.dossiers.handlers",
    "coopguide.ui.dossiers.dialogs",
    "coopguide.ui.dossiers.undo",
    "coopguide.ui.seances.handlers",
    "coopguide.ui.seances.presentation",
    "coopguide.ui.seances.prepare_dialog",
    "coopguide.ui.seances.log_dialog",
    "coopguide.ui.print_jobs",
    "coopguide.ui.shortcuts_dialog",
    "coopguide.ui.search_dialog",
    "coopguide.ui.pack_dialog",
    "coopguide.ui.pdf_progress",
)


def test_start_path_stays_light():
    """Reading the everyday command line and importing what the window needs at start (core and the
    window's own modules) must not pull in YAML, Markdown, sqlite-utils, the search and its stemmer,
    nor the dialogs, the presentation, printing or the CLI sub-commands: they load on first use."""
    code = (
        "import sys\n"
        "import coopguide.__main__\n"
        "assert coopguide.__main__.app_options(['--data-dir', 'x', '--startup-check']) == ('x', True)\n"
        "import coopguide.core.content.cache, coopguide.core.store, coopguide.core.shared.paths\n"
        "import coopguide.ui.app, coopguide.ui.main_window\n"
        f"watched = {OFF_THE_START_PATH!r}\n"
        "print(sorted(m for m in watched if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
