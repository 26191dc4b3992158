"""The Qt-free core: content, store, paths. Nothing under coopguide.core may import PySide6
(tests/core/test_no_qt.py checks it), so the CLI, the tests and future tools can use it without
a display, and the UI stays a thin layer on top."""
