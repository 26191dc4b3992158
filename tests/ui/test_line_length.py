"""Comfortable line length: in a wide window the guide is a centred column of limited width that
follows the zoom; in a narrow one it uses the whole width (never a horizontal scroll bar)."""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF

from coopguide.core.shared import paths
from coopguide.ui.guide_view import MARGIN, READING_MEASURE, GuideView

TEXT = "<p>" + "Une coopérative appartient à ses salariés associés. " * 40 + "</p>"


def line_width(view: GuideView) -> float:
    layout = view.document().begin().layout()
    return max(layout.lineAt(i).naturalTextWidth() for i in range(layout.lineCount()))


def column(view: GuideView) -> float:
    return READING_MEASURE * QFontMetricsF(view.font()).averageCharWidth()


def open_view(qtbot, width: int, **options) -> GuideView:
    view = GuideView(paths.content_dir(), "", **options)
    qtbot.addWidget(view)
    view.resize(width, 500)
    view.show()
    qtbot.waitExposed(view)
    view.show_html(TEXT)
    return view


def test_a_wide_window_gets_a_centred_column(qtbot):
    view = open_view(qtbot, 1800)
    assert line_width(view) <= column(view) + 1
    assert line_width(view) < view.viewport().width() * 0.7
    frame = view.document().rootFrame().frameFormat()
    assert frame.leftMargin() == frame.rightMargin() > MARGIN
    view.zoomIn(4)  # larger text: a wider column, still the same number of characters
    assert line_width(view) <= column(view) + 1
    assert view.document().rootFrame().frameFormat().leftMargin() < frame.leftMargin()


def test_a_narrow_window_uses_its_whole_width(qtbot):
    view = open_view(qtbot, 420)
    assert view.document().rootFrame().frameFormat().leftMargin() == MARGIN
    assert line_width(view) > view.viewport().width() - 2 * MARGIN - 40
    assert not view.horizontalScrollBar().isVisible()


def test_slides_keep_the_whole_width(qtbot):
    view = open_view(qtbot, 1800, measure=None)
    assert view.document().rootFrame().frameFormat().leftMargin() == MARGIN
    assert line_width(view) > column(view)


def test_the_column_stays_when_another_page_is_shown(qtbot):
    """setHtml gives the root frame the document margin back: the next page gets its sides again."""
    view = open_view(qtbot, 1800)
    sides = view.document().rootFrame().frameFormat().leftMargin()
    view.show_html(TEXT.replace("texte", "page"))
    assert view.document().rootFrame().frameFormat().leftMargin() == sides > MARGIN
    assert line_width(view) <= column(view) + 1
