"""The start path is an allowlist: an everyday start (reading the plain command line, then what the
window needs to show its first page) loads exactly the coopguide modules listed here, both when
importing the window and in a real start up to its first painted frame. What that frame does not
show (the check-list panel and the item's details, the find bar) is built by
``MainWindow.complete`` after it, so their modules are not listed. Adding one
is a decision, made by adding a line here, not an accident; each feature's heavy part sits behind
one lazy boundary (``ui/later.py``) and loads when its first action runs. Third-party modules that
cost time and are only needed later are listed apart and must not load at all."""

from __future__ import annotations

import ast
import os
import subprocess
import sys

START_PATH = {
    "coopguide",
    "coopguide.__main__",
    "coopguide.core",
    "coopguide.core.content",
    "coopguide.core.content.cache",
    "coopguide.core.content.colours",
    "coopguide.core.content.item_boxes",
    "coopguide.core.content.markdown_lines",  # the table of contents reads the headings with it
    "coopguide.core.content.model",
    "coopguide.core.content.toc",
    "coopguide.core.shared",
    "coopguide.core.shared.crash_report",
    "coopguide.core.shared.dates",
    "coopguide.core.shared.errors",
    "coopguide.core.shared.paths",
    "coopguide.core.shared.relative_dates",  # due rules checked with every row (store.items)
    "coopguide.core.shared.safe_text",
    "coopguide.core.store",
    "coopguide.core.store.database",
    "coopguide.core.store.documents",
    "coopguide.core.store.dossiers",
    "coopguide.core.store.items",
    "coopguide.core.store.migrations",
    "coopguide.core.store.progress",
    "coopguide.core.store.reading",
    "coopguide.ui",
    "coopguide.ui.actions",
    "coopguide.ui.app",
    "coopguide.ui.app_icon",  # set_app_icon, called once the first frame is painted
    "coopguide.ui.checklist_edits",
    "coopguide.ui.crash_handler",  # installed before the window is built (its dialog loads on a bug)
    "coopguide.ui.dossiers",
    "coopguide.ui.dossiers.controller",
    "coopguide.ui.errors",
    "coopguide.ui.guide_tree",
    "coopguide.ui.guide_view",
    "coopguide.ui.later",
    "coopguide.ui.main_window",
    "coopguide.ui.navigation",
    "coopguide.ui.navigation.controller",
    "coopguide.ui.navigation.history",
    "coopguide.ui.panes",  # Affichage › show or hide the side panes
    "coopguide.ui.reading_state",
    "coopguide.ui.pyside_feature_check",  # PySide6's check of every later import, made cheaper
    "coopguide.ui.screen_fit",  # the first window's size is the screen's
    "coopguide.ui.single_instance",
    "coopguide.ui.theme",
    "coopguide.ui.window_settings",
}


# Needed later, never at start: each costs milliseconds (YAML ~15, Markdown ~20, sqlite-utils ~75,
# the rotating log handler ~7) and an everyday start reads the content cache and already-migrated data.
NEVER_AT_START = {
    "pycrdt",  # ~55 ms: imported on the first write, see core/store/document.py
    "yaml",
    "markdown",
    "sqlite_utils",
    "snowballstemmer",
    "rapidfuzz",  # ~12 ms: search spelling, imported by the thread that opens the index
    "logging.handlers",
    "platform",
    "PySide6.QtPrintSupport",
    "_strptime",  # ~2 ms + its regexes: backup names are read without datetime.strptime
    "importlib.resources",  # ~2.5 ms: paths.bundle_root looks beside the package itself
    "hashlib",  # ~2 ms: the shipped content cache's key, on a first start only
    "html",  # ~1.5 ms with its entities: the body scanner and the renderer, when the content is rebuilt
    "dataclasses",  # ~2 ms, and ~0.5 ms for each class: the start path's classes are NamedTuples or plain
    "pickle",  # ~1.5 ms around the C unpickler the content cache uses (core/content/cache.py)
    "json",  # ~1.3 ms: the dossiers' JSON columns are read by SQLite (core/store/dossiers.py)
}


QT_NAMESPACE = """Qt's namespace (PySide6.QtCore.Qt) was made before the first frame. PySide6 makes it,
with its ~90 Python enums, the first time it is read (~12 ms, 1/7 of a bare window's start): by
``from PySide6.QtCore import Qt`` at the top of a module, by any Qt.X, or by a call whose arguments
or answer are of its enums (``windowState()``, ``toolBarArea()``, ``QTreeWidgetItem.setFlags``,
even copying a QKeySequence). The modules on the start path import ``QtCore`` and read
``QtCore.Qt.X`` in the functions that run later; what the first frame needs goes without (numbers
for item roles, ``isMaximized()``...) or waits for ``MainWindow.complete``."""


UNUSED_CLASSES = """A Qt class the first frame does not use was made before it. PySide6 makes a class, with
all its enums, the first time it is read: QMessageBox (~0.5 ms) by ``from PySide6.QtWidgets import
QMessageBox`` at the top of a module (read ``QtWidgets.QMessageBox`` where it is used), QIcon
(~1.5 ms, its ThemeIcon enum has ~200 names) by ``QAction(text, parent)``, whose overloads with an
icon PySide6 weighs (``ui/actions.py`` ``named_action`` makes it from its parent, then names it)."""


def test_the_start_loads_exactly_the_listed_modules():
    code = (
        "import sys\n"
        "import coopguide.__main__\n"
        "assert coopguide.__main__.app_options(['--data-dir', 'x', '--startup-check']) == ('x', True)\n"
        "import coopguide.ui.pyside_feature_check as check\n"
        "check.read_sources_directly()\n"  # as coopguide.__main__ does
        "import coopguide.ui.app, coopguide.ui.main_window\n"
        "print(sorted(m for m in sys.modules if m == 'coopguide' or m.startswith('coopguide.')))\n"
        f"print(sorted(m for m in {sorted(NEVER_AT_START)!r} if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded, heavy = result.stdout.splitlines()
    assert set(ast.literal_eval(loaded)) == START_PATH
    assert ast.literal_eval(heavy) == []


def test_a_real_everyday_start_loads_only_those_up_to_its_first_painted_frame(tmp_path):
    """The real start (``--startup-check``, the second one: database and content cache exist),
    with the modules listed the moment its first frame is painted. Besides the window's modules,
    only what the start itself runs may have loaded; what the window builds after that frame
    (``MainWindow.complete``) comes later."""
    code = (
        "import sys\n"
        "import coopguide.ui.app as app\n"
        "said = app.say_when\n"
        "def say_when(what):\n"
        "    if what == 'first-paint':\n"
        "        print(sorted(m for m in sys.modules if m == 'coopguide' or m.startswith('coopguide.')))\n"
        f"        print(sorted(m for m in {sorted(NEVER_AT_START)!r} if m in sys.modules))\n"
        "        import PySide6.QtCore\n"
        "        print(['Qt'] if 'Qt' in vars(PySide6.QtCore) else [])\n"
        "        import PySide6.QtGui, PySide6.QtWidgets\n"
        "        made = [*vars(PySide6.QtGui), *vars(PySide6.QtWidgets)]\n"
        "        print(sorted(name for name in made if name in ('QIcon', 'QMessageBox')))\n"
        "        check = sys.modules['shibokensupport.feature']._mod_uses_pyside\n"
        "        print(['cheaper check'] if getattr(check, 'reads_sources_directly', False) else [])\n"
        "    if what == 'complete':\n"
        "        from PySide6.QtWidgets import QApplication\n"
        "        print(['icon'] if not QApplication.instance().windowIcon().isNull() else [])\n"
        "    said(what)\n"
        "app.say_when = say_when\n"
        "from coopguide.__main__ import main\n"
        f"sys.exit(main(['--data-dir', {str(tmp_path / 'data')!r}, '--startup-check']))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for _ in range(2):  # the first start creates the database and the content cache
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 0, result.stderr
    loaded, heavy, qt_namespace, unused_classes, check, icon = (
        line for line in result.stdout.splitlines() if line.startswith("[")
    )
    assert set(ast.literal_eval(loaded)) == START_PATH
    assert ast.literal_eval(heavy) == []
    assert ast.literal_eval(qt_namespace) == [], QT_NAMESPACE
    assert ast.literal_eval(unused_classes) == [], UNUSED_CLASSES
    assert ast.literal_eval(check) == ["cheaper check"]  # coopguide/ui/pyside_feature_check.py
    assert ast.literal_eval(icon) == ["icon"]  # set right after the first frame (ui/app.py set_app_icon)


def test_garbage_is_collected_again_from_the_first_frame_on(tmp_path):
    """``coopguide.__main__`` holds the cyclic collector off while the app starts (the start builds
    objects that all live on): off while the window is built, on again once its first frame is
    painted, and after the app returns."""
    code = (
        "import gc, sys\n"
        "import coopguide.ui.app as app\n"
        "said, shown = app.say_when, app.show_window\n"
        "def say_when(what):\n"
        "    print('collecting', what, gc.isenabled())\n"
        "    said(what)\n"
        "def show_window(*args):\n"
        "    print('collecting', 'window', gc.isenabled())\n"
        "    return shown(*args)\n"
        "app.say_when, app.show_window = say_when, show_window\n"
        "from coopguide.__main__ import main\n"
        f"code = main(['--data-dir', {str(tmp_path / 'data')!r}, '--startup-check'])\n"
        "print('collecting', 'returned', gc.isenabled())\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    states = [line.split()[1:] for line in result.stdout.splitlines() if line.startswith("collecting ")]
    assert states == [["window", "False"], ["first-paint", "True"], ["complete", "True"], ["returned", "True"]]
