"""The core must never import Qt: the CLI, the tests and tools use it on machines with no display."""

import pkgutil
import subprocess
import sys

import coopguide.core


def test_core_and_cli_import_without_pyside6():
    modules = [f"coopguide.core.{m.name}" for m in pkgutil.iter_modules(coopguide.core.__path__)]
    assert len(modules) >= 10
    code = (
        "import importlib, sys\n"
        f"for name in {[*modules, 'coopguide.cli', 'coopguide.__main__']!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_start_path_stays_light():
    """Importing what the window needs at start (core and the window's own modules) must not pull in
    YAML, Markdown, sqlite-utils, nor the search and its stemmer: they load on first use."""
    code = (
        "import sys\n"
        "import coopguide.core.content_cache, coopguide.core.store, coopguide.core.paths\n"
        "import coopguide.ui.app, coopguide.ui.main_window\n"
        "watched = ('yaml', 'markdown', 'sqlite_utils', 'coopguide.core.search', 'snowballstemmer')\n"
        "print(sorted(m for m in watched if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
