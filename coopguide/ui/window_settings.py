"""What this screen remembers between two starts: one typed property per key of ``<data>/fenetre.ini``.

Where a setting is kept, the rule:

- **Per-screen state goes in the INI file** ``<data>/fenetre.ini`` (this class): window geometry,
  splitter sizes, the panes shown, the last guide shown, the text zoom, light or dark. It describes how this computer's
  screen was left; it is never exported and losing it costs nothing.
- **Anything that should follow the data goes in the database** ``settings`` table
  (:meth:`coopguide.core.store.Database.setting`): the current dossier (``dossier_courant``) and, per
  dossier, the member who ticks on this computer (``coche_par:<id>``). A backup or a copy of the
  database carries them with the dossiers they refer to.

A missing, hand-edited or damaged value (``zoom=abc``, a geometry that is not bytes, an unknown
appearance) reads as the default: the INI file can never stop the app from starting.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from coopguide.ui.theme import APPEARANCES, SYSTEM

SETTINGS_FILE = "fenetre.ini"
GEOMETRY, SPLITTER, LAST_GUIDE, ZOOM, APPEARANCE = "geometrie", "separateurs", "dernier_guide", "zoom", "apparence"
PANES = "volets_caches"  # the panes hidden from Affichage, by name


class WindowSettings:
    """``<data>/fenetre.ini``; values are written at once (Qt saves the file on :meth:`sync`)."""

    def __init__(self, path: Path) -> None:
        self._ini = QSettings(str(path), QSettings.Format.IniFormat)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._ini.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def geometry(self) -> QByteArray | None:
        """The window's size and place (``QWidget.saveGeometry``), or None."""
        return self._bytes(GEOMETRY)

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._ini.setValue(GEOMETRY, value)

    @property
    def splitter(self) -> QByteArray | None:
        """Widths of the guides, page and checklist columns (``QSplitter.saveState``), or None."""
        return self._bytes(SPLITTER)

    @splitter.setter
    def splitter(self, value: QByteArray) -> None:
        self._ini.setValue(SPLITTER, value)

    @property
    def last_guide(self) -> str | None:
        """The id of the guide shown when the window was closed, or None."""
        value = self._ini.value(LAST_GUIDE)
        return value if isinstance(value, str) and value else None

    @last_guide.setter
    def last_guide(self, guide_id: str) -> None:
        self._ini.setValue(LAST_GUIDE, guide_id)

    @property
    def zoom(self) -> int:
        """Text zoom in steps from the normal size (0)."""
        value = self._ini.value(ZOOM, 0)
        try:
            return int(str(value))  # whatever the file holds: "2", "abc", a list…
        except (TypeError, ValueError):
            return 0

    @zoom.setter
    def zoom(self, steps: int) -> None:
        self._ini.setValue(ZOOM, steps)

    @property
    def appearance(self) -> str:
        """``theme.SYSTEM``, ``theme.LIGHT`` or ``theme.DARK``."""
        value = self._ini.value(APPEARANCE, SYSTEM)
        return value if isinstance(value, str) and value in APPEARANCES else SYSTEM

    @appearance.setter
    def appearance(self, choice: str) -> None:
        self._ini.setValue(APPEARANCE, choice)

    @property
    def hidden_panes(self) -> frozenset[str]:
        """Names of the panes hidden from Affichage (``guides``, ``details``); none by default."""
        value = self._ini.value(PANES, "")
        names = value if isinstance(value, list) else str(value).split(",")
        return frozenset(name.strip() for name in names if isinstance(name, str) and name.strip())

    @hidden_panes.setter
    def hidden_panes(self, names: frozenset[str]) -> None:
        self._ini.setValue(PANES, ",".join(sorted(names)))

    def sync(self) -> None:
        self._ini.sync()
