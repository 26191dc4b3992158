"""The bare PySide6 window the start benchmark compares the app with (``benchmarks/startup.py``): a
QMainWindow shown; an event filter sees its first Paint event and, once that paint pass is over (a
0 ms timer), prints the time on the monotonic clock and quits. Frozen with the app's PyInstaller
options by ``packaging/build.py --bare-window`` (``packaging/bare_window.spec``) for the frozen run."""

import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, painted)
        return False


def painted():
    print(f"first-paint-monotonic: {time.monotonic():.6f}", flush=True)
    app.quit()


app = QApplication([])
window = QMainWindow()
probe = FirstPaint()
window.installEventFilter(probe)
window.show()
raise SystemExit(app.exec())
