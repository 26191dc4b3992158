"""PySide6's per-module check, made cheaper at start (coopguide.__main__), gives PySide6's own answers."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from coopguide.ui.pyside_feature_check import FEATURE_MODULE, read_sources_directly, uses_pyside_in_file


def installed():
    read_sources_directly()  # what coopguide.__main__ does before the app's modules
    return sys.modules[FEATURE_MODULE]._mod_uses_pyside


def test_the_check_is_replaced_once_and_for_all():
    assert getattr(installed(), "reads_sources_directly", False)
    before = installed()
    assert read_sources_directly() is True
    assert installed() is before  # not wrapped twice


def test_every_loaded_module_gets_the_answer_pyside6_would_give():
    check = installed()
    modules = [module for module in list(sys.modules.values()) if module is not None]
    compared = [(module.__name__, check(module), check.upstream(module)) for module in modules]
    assert [entry for entry in compared if entry[1] != entry[2]] == []
    assert ("coopguide.ui.app", True, True) in compared or "coopguide.ui.app" not in sys.modules
    assert any(answer for _, answer, _ in compared) and not all(answer for _, answer, _ in compared)


def load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_module_file_is_read_for_the_word(tmp_path):
    (tmp_path / "with_qt.py").write_text('"""Uses PySide6."""\nVALUE = 1\n', encoding="utf-8")
    (tmp_path / "without_qt.py").write_text("VALUE = 2\n", encoding="utf-8")
    with_qt, without_qt = load(tmp_path / "with_qt.py"), load(tmp_path / "without_qt.py")
    assert uses_pyside_in_file(with_qt) is True and installed()(with_qt) is True
    assert uses_pyside_in_file(without_qt) is False and installed()(without_qt) is False
    (tmp_path / "with_qt.py").unlink()  # no file: PySide6's own function answers
    assert uses_pyside_in_file(with_qt) is None
    assert uses_pyside_in_file(sys) is None  # built in


class BundleLoader:
    """As PyInstaller's loader: the ``.py`` file the module names is not there; the source is
    whatever the bundle has (nothing, by default)."""

    def __init__(self, source: str | None) -> None:
        self.source = source

    def get_source(self, name: str) -> str | None:
        return self.source


def test_a_frozen_module_is_asked_of_its_loader_as_pyside6_would(tmp_path, monkeypatch):
    import types

    cases = ((None, False), ("x = 1\n", False), ("import PySide6\n", True))
    for number, (source, expected) in enumerate(cases):
        module = types.ModuleType(f"coopguide_bundled_probe_{number}")
        module.__file__ = str(tmp_path / f"absent_{number}.py")  # one name each: linecache keeps them
        module.__loader__ = BundleLoader(source)
        monkeypatch.setitem(sys.modules, module.__name__, module)  # inspect finds its loader through it
        assert uses_pyside_in_file(module) is expected
        assert installed()(module) is expected
        assert installed().upstream(module) is expected  # PySide6's own answer, the slow way
