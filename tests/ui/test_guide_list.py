"""The guide list on the real content: a long title wraps, never ends in « … », and takes one line
again when the list is wide enough."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyle

from coopguide.ui.guide_tree import WORD_WRAP, GuideTree


def guide_rows(tree: GuideTree):
    for theme in range(tree.topLevelItemCount()):
        parent = tree.topLevelItem(theme)
        for row in range(parent.childCount()):
            yield parent.child(row)


def lines_needed(tree: GuideTree, item) -> tuple[int, int]:
    """(lines the title needs in the room its cell gives the text, lines its cell has)."""
    cell = tree.visualRect(tree.indexFromItem(item, 0))
    margin = tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
    font = item.font(0) if isinstance(item.font(0), QFont) else tree.font()
    metrics = QFontMetrics(font)
    room = QRect(0, 0, cell.width() - 2 * margin, 100_000)
    needed = metrics.boundingRect(room, WORD_WRAP, item.text(0)).height() // metrics.lineSpacing()
    return needed, cell.height() // metrics.lineSpacing()


def open_tree(qtbot, shipped, width: int) -> GuideTree:
    tree = GuideTree(shipped.content)
    qtbot.addWidget(tree)
    tree.resize(width, 1400)
    tree.show()
    qtbot.waitExposed(tree)
    return tree


def test_a_narrow_list_wraps_every_long_title_on_the_lines_it_needs(qtbot, shipped):
    tree = open_tree(qtbot, shipped, 230)  # the guide list of a 1024-pixel window
    measured = {item.text(0): lines_needed(tree, item) for item in guide_rows(tree)}
    assert all(has >= needed for needed, has in measured.values()), measured
    assert all(has <= needed + 1 for needed, has in measured.values()), measured  # no blank rows
    wrapped = [title for title, (needed, _) in measured.items() if needed > 1]
    assert len(wrapped) >= 5, measured
    assert "Reprendre une entreprise en difficulté" in wrapped


def test_a_wide_list_gives_each_title_one_line_again(qtbot, shipped):
    tree = open_tree(qtbot, shipped, 230)
    tree.resize(800, 1400)
    qtbot.waitUntil(lambda: all(lines_needed(tree, item) == (1, 1) for item in guide_rows(tree)))
