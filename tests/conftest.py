"""Shared fixtures: every test gets its own data folder; Qt runs offscreen unless told otherwise."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"
SHIPPED_CONTENT = Path(__file__).resolve().parents[1] / "content"


def pytest_collection_modifyitems(items):
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch) -> Path:
    """A fresh per-test user data folder, also exported so nothing touches the real one."""
    folder = tmp_path / "donnees"
    monkeypatch.setenv("COOPGUIDE_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def content_root(tmp_path, monkeypatch) -> Path:
    """A writable copy of the small test content, used by the app through COOPGUIDE_CONTENT_DIR."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    monkeypatch.setenv("COOPGUIDE_CONTENT_DIR", str(root))
    return root


@pytest.fixture(scope="session")
def shipped():
    """The real content, loaded and rendered once for the whole session."""
    from coopguide.core.content import cache as content_cache

    return content_cache.build(SHIPPED_CONTENT)


@pytest.fixture(scope="session")
def shipped_index(shipped):
    """The search index of the real content, in memory, built once for the whole session."""
    from coopguide.core.search import index as search

    opened = search.open_index(shipped.content, None)
    yield opened
    opened.close()


@pytest.fixture
def store(data_dir):
    from coopguide.core.store import open_store

    opened = open_store(data_dir)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def _error_boxes(request, monkeypatch) -> Iterator[list[str]]:
    """Error boxes are modal and nothing answers them offscreen: in a Qt test each message is recorded
    instead. A test that expects one asks for ``shown_errors``; in any other test a message fails it."""
    shown: list[str] = []
    if "qtbot" not in request.fixturenames:
        yield shown
        return
    from coopguide.ui import errors

    monkeypatch.setattr(errors, "show_error", lambda parent, message: shown.append(message))
    yield shown
    if shown and "shown_errors" not in request.fixturenames:
        pytest.fail(f"unexpected error message: {shown}")


@pytest.fixture
def shown_errors(_error_boxes) -> list[str]:
    """The messages the UI showed in its error boxes during the test, in order."""
    return _error_boxes
