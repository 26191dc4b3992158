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
