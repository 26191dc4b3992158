"""One guide in the main window, scrolled to a section, as a PNG, optionally with the tooltip of a
link the pointer rests on (run under xvfb-run, like scripts/screenshots.py):

    python scripts/guide_screenshots.py s-orienter docs/screenshots/guide-orienter-apres.png \\
        --anchor forme-scop --hover "#fn-scop-dirigeants"

The whole screen area of the window is grabbed, not the window alone, so that a tooltip (a window
of its own) is in the picture. Only the code and content of the checkout on PYTHONPATH are used:
running this file with PYTHONPATH set to an older checkout shows that checkout's guide, which is how
the « avant » pictures of docs/screenshots/ were made.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QTimer
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from coopguide.ui.app import make_application

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import new_window  # the script next to this one


def link_point(view, href: str) -> QPoint | None:
    """Viewport point of the first character of the first link to ``href``, scrolled into view."""
    block = view.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(view.document())
                cursor.setPosition(fragment.position() + 1)
                view.setTextCursor(cursor)
                view.ensureCursorVisible()
                right = view.cursorRect(cursor).center()
                cursor.setPosition(fragment.position())
                return (view.cursorRect(cursor).center() + right) / 2
            iterator += 1
        block = block.next()
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("guide")
    parser.add_argument("out", type=Path)
    parser.add_argument("--anchor", help="heading anchor to scroll to")
    parser.add_argument("--hover", help="href of a link to rest the pointer on (« #fn-… », « glossaire:… »)")
    args = parser.parse_args()
    app = make_application()
    window = new_window()
    window.show_guide(args.guide)
    window.show()

    def place() -> None:
        if args.anchor:
            window.view.scrollToAnchor(args.anchor)
        if args.hover:
            point = link_point(window.view, args.hover)
            if point is None:
                print(f"lien introuvable : {args.hover}", file=sys.stderr)
            else:
                viewport = window.view.viewport()
                event = QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
                QApplication.sendEvent(viewport, event)
        QTimer.singleShot(400, grab)

    def grab() -> None:
        frame = window.frameGeometry()
        picture = window.screen().grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
        args.out.parent.mkdir(parents=True, exist_ok=True)
        picture.save(str(args.out))
        print(args.out)
        app.quit()

    QTimer.singleShot(300, place)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
