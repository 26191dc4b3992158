"""The reading pane: a QTextBrowser that shows a guide and routes every link itself.

Nothing is loaded from the network: the resource loader answers only for files inside ``content/``,
and external links are handed to the window, which asks before opening the browser.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextBrowser

LOCAL_SCHEMES = ("", "file", "qrc")


class GuideView(QTextBrowser):
    linkActivated = Signal(str)

    def __init__(self, content_root: Path, stylesheet: str, parent=None):
        super().__init__(parent)
        self._root = content_root.resolve()
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDefaultStyleSheet(stylesheet)
        self.document().setDocumentMargin(18)
        self.anchorClicked.connect(lambda url: self.linkActivated.emit(url.toString()))
        self.setAccessibleName("Texte du guide")
        self.blocked_urls: list[str] = []  # every remote resource the page asked for (never fetched)

    def show_html(self, html: str, keep_position: bool = False) -> None:
        position = self.verticalScrollBar().value()
        self.setHtml(html)
        if keep_position:
            self.verticalScrollBar().setValue(position)

    def loadResource(self, kind: int, url: QUrl):
        if url.scheme() not in LOCAL_SCHEMES or url.host():
            self.blocked_urls.append(url.toString())
            return None
        if kind == QTextDocument.ResourceType.ImageResource:
            path = (self._root / url.path().lstrip("/")).resolve()
            if path.is_file() and self._root in path.parents:
                return super().loadResource(kind, QUrl.fromLocalFile(str(path)))
            return None
        return super().loadResource(kind, url)
