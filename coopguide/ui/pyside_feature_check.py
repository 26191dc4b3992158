"""A faster answer to the question PySide6 asks of every module imported after it.

Once ``PySide6.QtCore`` is loaded, PySide6 replaces ``__import__`` and, for each new module, asks
whether its source contains « PySide6 » (``shibokensupport.feature._mod_uses_pyside``, PYSIDE-2029):
a module that does may use ``from __feature__ import snake_case``. It finds the source with
``inspect.getsource`` (the loader, ``linecache``, a list of lines joined again): ~0.15 ms a module,
~9 ms of an everyday start, which imports ~70 modules after Qt. Coopguide never uses ``__feature__``,
but the answer must stay right for any module that would.

:func:`read_sources_directly` loads ``PySide6.QtCore`` (which installs the hook) and puts in a
function that asks the same question of the module's ``.py`` file, read as bytes. Every other module
(built in, no file) is left to PySide6's own function, so each answer is the one PySide6 would give
(``tests/ui/test_pyside_feature_check.py`` compares them over every loaded module). The one
difference: a ``.py`` file that does not decode as text but holds the bytes « PySide6 » gets yes,
where PySide6 would say no; such a module would fail to import anyway. If a PySide6 version no
longer has this function, nothing is changed.

``coopguide.__main__`` calls it before the app's modules are imported. This module imports no Qt
itself, so the Qt-free modules of ``coopguide.ui`` stay Qt-free. Written by hand because no library
does it; the cost was found with cProfile (the napari project found the same, napari/napari#8584).
"""

from __future__ import annotations

import sys
from types import ModuleType

FEATURE_MODULE = "shibokensupport.feature"


def uses_pyside_in_file(module: ModuleType) -> bool | None:
    """Whether the module's ``.py`` file mentions « PySide6 »; None when the question is left to
    PySide6's own function (no ``.py`` name, a file that cannot be read).

    A module of the frozen build names a ``.py`` file that is not there (PyInstaller ships bytecode
    only): its loader is asked for the source, as ``inspect.getsource`` would in the end (through
    ``linecache``), without the scans of every loaded module it makes on the way."""
    file = getattr(module, "__file__", None)
    if not isinstance(file, str) or not file.endswith(".py"):
        return None
    try:
        with open(file, "rb") as source:
            return b"PySide6" in source.read()
    except FileNotFoundError:
        get_source = getattr(getattr(module, "__loader__", None), "get_source", None)
        if get_source is None:
            return None
        try:
            text = get_source(module.__name__)
        except (ImportError, OSError, SyntaxError, ValueError):  # PySide6's own function says why
            return None
        return isinstance(text, str) and "PySide6" in text  # no source: PySide6's answer is False too
    except OSError:
        return None


def read_sources_directly() -> bool:
    """Install the faster question in PySide6's feature module; True when it is (or already was)."""
    import PySide6.QtCore  # noqa: F401  # installs the import hook, and its feature module

    feature = sys.modules.get(FEATURE_MODULE)
    upstream = getattr(feature, "_mod_uses_pyside", None)
    if upstream is None:
        return False
    if getattr(upstream, "reads_sources_directly", False):
        return True

    def mod_uses_pyside(module: ModuleType) -> bool:
        answer = uses_pyside_in_file(module)
        return upstream(module) if answer is None else answer

    mod_uses_pyside.reads_sources_directly = True  # type: ignore[attr-defined]
    mod_uses_pyside.upstream = upstream  # type: ignore[attr-defined]  # for the test that compares
    feature._mod_uses_pyside = mod_uses_pyside  # type: ignore[union-attr]
    return True
