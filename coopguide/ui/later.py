"""The one lazy boundary of a feature: its heavy module is imported when its first action runs.

The window builds every menu at start, but dialogs, the exchange format, printing, the presentation
and the search popup are used rarely and cost imports (QtPrintSupport, YAML, the search stemmer…).
Each feature names its heavy module once, at the top of its start-path module::

    if TYPE_CHECKING:
        from coopguide.ui.dossiers import handlers
    else:
        handlers = Later("coopguide.ui.dossiers.handlers")

and calls ``handlers.ask_import(self)`` as if it were imported. The module is imported on the first
attribute read (then Python's module cache answers), and its own imports are ordinary top-of-file
imports. Type checkers see the real module. ``tests/ui/test_start_path.py`` checks that these modules
stay off the start path.
"""

from __future__ import annotations

import importlib
from typing import Any


class Later:
    """A module imported the first time one of its names is used."""

    def __init__(self, module: str) -> None:
        self._module = module

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module(self._module), name)

    def __repr__(self) -> str:
        return f"Later({self._module!r})"
