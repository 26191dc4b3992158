"""Back/forward history, without Qt: the module imports nothing from PySide6."""

from __future__ import annotations

import subprocess
import sys

from coopguide.ui.navigation.history import History


def visited(*pages: str) -> History:
    history = History()
    for page in pages:
        history.visit(page)
    return history


def test_an_empty_history_goes_nowhere():
    history = History()
    assert history.current is None and not history.can_go_back and not history.can_go_forward
    assert history.back() is None and history.forward() is None


def test_back_and_forward_walk_the_pages_read():
    history = visited("alpha", "beta", "tableau-de-bord")
    assert history.back() == "beta" and history.back() == "alpha"
    assert history.back() is None and history.current == "alpha" and not history.can_go_back
    assert history.forward() == "beta" and history.can_go_forward and history.can_go_back


def test_showing_the_page_moved_to_records_nothing():
    history = visited("alpha", "beta")
    page = history.back()
    history.visit(page)  # the controller shows it; the page reports itself
    assert history.current == "alpha" and history.forward() == "beta"


def test_a_new_visit_drops_the_pages_ahead():
    history = visited("alpha", "beta", "glossaire")
    history.back()
    history.back()
    history.visit("beta")
    assert not history.can_go_forward and history.back() == "alpha"


def test_the_same_page_twice_is_one_entry():
    history = visited("alpha", "alpha", "beta", "beta")
    assert history.back() == "alpha" and not history.can_go_back


def test_the_module_needs_no_qt():
    code = (
        "import sys\nimport coopguide.ui.navigation.history\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
