"""The Qt binding itself: a PySide6 release that corrupts reference counts would crash a long
session (PySide6 6.12.0 under Python 3.11 drops a reference to None on each void call: after some
thousands of clicks the interpreter aborts with "none_dealloc"). pyproject.toml excludes it."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QComboBox, QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 (PEP 683)")
def test_void_qt_calls_keep_the_reference_count_of_none(qtbot):
    combo, label = QComboBox(), QLabel()
    qtbot.addWidget(combo)
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        combo.clear()
        label.setVisible(False)
    assert sys.getrefcount(None) - before > -100  # 6.12.0: -4000
