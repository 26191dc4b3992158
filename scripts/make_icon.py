"""Draws the application icon (resources/icons/coopguide-*.png) with QPainter: no SVG plugin or
image tool needed at run time. Run once after changing the design: `python scripts/make_icon.py`."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

OUT = Path(__file__).resolve().parents[1] / "resources" / "icons"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 64
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#1b6e20"))
    p.drawRoundedRect(QRectF(2 * s, 2 * s, 60 * s, 60 * s), 12 * s, 12 * s)
    # two interlaced rings: people working together
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(QColor("#ffffff"), 4.5 * s))
    p.drawEllipse(QPointF(24 * s, 26 * s), 12 * s, 12 * s)
    p.drawEllipse(QPointF(40 * s, 26 * s), 12 * s, 12 * s)
    # a check mark underneath: the checklist
    tick = QPainterPath(QPointF(20 * s, 48 * s))
    tick.lineTo(28 * s, 55 * s)
    tick.lineTo(45 * s, 41 * s)
    p.setPen(
        QPen(QColor("#ffd54f"), 5.5 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    )
    p.drawPath(tick)
    p.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (32, 64, 256):
        draw(size).save(str(OUT / f"coopguide-{size}.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
