"""The guide list on the real content: a long title wraps, never ends in « … », and takes one line
again when the list is wide enough."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics
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
    metrics = QFontMetrics(item.font(0).resolve(tree.font()))  # the themes' bold on the list's font
    room = QRect(0, 0, cell.width() - 2 * margin, 100_000)
    needed = metrics.boundingRect(room, WORD_WRAP, item.text(0)).height() // metrics.lineSpacing()
    return needed, cell.height() // metrics.lineSpacing()


def open_tree(qtbot, shipped, width: int, height: int = 1400, complete: bool = True) -> GuideTree:
    tree = GuideTree(shipped.content, complete=complete)
    qtbot.addWidget(tree)
    tree.resize(width, height)
    tree.show()
    qtbot.waitExposed(tree)
    return tree


def all_fit(tree: GuideTree) -> bool:
    return all(has >= needed for needed, has in map(lambda item: lines_needed(tree, item), guide_rows(tree)))


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


def test_a_font_change_measures_the_rows_again(qtbot, shipped):
    """A larger font (a system text size changed while open): other line breaks, measured again
    on the font change itself, even when no column resize follows (the header's signals held)."""
    tree = open_tree(qtbot, shipped, 230)
    font = tree.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    tree.header().blockSignals(True)
    try:
        tree.setFont(font)
        qtbot.waitUntil(lambda: all_fit(tree))
    finally:
        tree.header().blockSignals(False)
    assert any(lines_needed(tree, tree.topLevelItem(i))[0] > 1 for i in range(tree.topLevelItemCount()))


def test_the_guide_being_read_stays_in_view_when_the_titles_wrap(qtbot, shipped):
    """The first frame shows every title on one line, the guide being read (the last one here)
    visible; the wrap, right after, makes the rows above it taller: it is brought back into view."""
    tree = open_tree(qtbot, shipped, 180, height=300, complete=False)
    last = list(guide_rows(tree))[-1]
    tree.setCurrentItem(last)
    assert tree.viewport().rect().contains(tree.visualItemRect(last))
    tree.complete()
    assert tree.viewport().rect().contains(tree.visualItemRect(last))
    assert all_fit(tree)
