"""The Qt layer: widgets on top of :mod:`coopguide.core`. Imports point one way, ui → core.

Every module here uses Qt, so the package loads PySide6 first, then makes the check PySide6 runs on
every module imported after it cheaper (:mod:`coopguide.ui.pyside_feature_check`, ~9 ms of a start).
"""

from PySide6 import QtCore  # noqa: F401  # loads PySide6's import hook before it is made cheaper

from coopguide.ui.pyside_feature_check import read_sources_directly

read_sources_directly()
