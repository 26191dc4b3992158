"""Back and forward through the pages read, like a browser: plain Python, no Qt.

A page is a guide id or the dashboard's name. Showing a page records it (:meth:`History.visit`),
which drops what was ahead; going back or forward moves in the list without recording. The
controller shows the page :meth:`back` or :meth:`forward` returns; when that page then reports
itself through :meth:`visit`, it is already the current entry and nothing changes.
"""

from __future__ import annotations


class History:
    def __init__(self) -> None:
        self._pages: list[str] = []
        self._position = -1

    @property
    def current(self) -> str | None:
        return self._pages[self._position] if self._pages else None

    @property
    def can_go_back(self) -> bool:
        return self._position > 0

    @property
    def can_go_forward(self) -> bool:
        return self._position < len(self._pages) - 1

    def visit(self, page: str) -> None:
        """``page`` is shown: it becomes the current entry, and the forward entries are dropped."""
        if page == self.current:
            return
        del self._pages[self._position + 1 :]
        self._pages.append(page)
        self._position = len(self._pages) - 1

    def back(self) -> str | None:
        """Step back; the page to show, or None at the first page."""
        return self._move(-1)

    def forward(self) -> str | None:
        """Step forward; the page to show, or None at the last page."""
        return self._move(1)

    def _move(self, step: int) -> str | None:
        position = self._position + step
        if not 0 <= position < len(self._pages):
            return None
        self._position = position
        return self._pages[position]
