"""« Aide › Raccourcis clavier » (F1): every keyboard shortcut of the window.

The menu part is read from the window's real actions, menu by menu, when the dialog opens, so it
shows the keys that work (including the platform's own, e.g. Ctrl+Maj+Z) and a renamed or new
action appears by itself. Keys that widgets handle themselves (the page, the checklist, the search
popup, the find bar, presentation mode) have no action to read: they are listed from
:data:`WIDGET_KEYS`, to keep in step with ``guide_view``, ``checklist_panel``, ``item_editor``,
``search_dialog``, ``find_bar`` and ``presentation``. The menu entry that opens it (F1) is made by
:class:`coopguide.ui.help_menu.HelpMenu`, which imports this module only when F1 is pressed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMenuBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

WIDGET_KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Dans la page du guide",
        (
            ("Tab / Maj+Tab", "Lien suivant / précédent (cases ☐, glossaire, guides), puis la zone suivante"),
            ("Entrée", "Suivre le lien : cocher la case, voir la définition, ouvrir le guide"),
            ("Ctrl+Tab / Ctrl+Maj+Tab", "Quitter la page sans passer par tous ses liens"),
            ("↑ ↓ Page↑ Page↓", "Faire défiler la page"),
        ),
    ),
    (
        "Dans la check-list",
        (
            ("↑ ↓", "Choisir un élément"),
            ("Espace ou Entrée", "Cocher ou décocher l'élément choisi (enregistré aussitôt)"),
            ("Tab", "Aller aux détails de l'élément : état, responsable, échéance, note"),
            ("Échap", "Depuis les détails : revenir à la liste"),
        ),
    ),
    (
        "Recherche partout (Ctrl+K)",
        (
            ("↑ ↓ Page↑ Page↓", "Choisir un résultat (le texte tapé reste modifiable)"),
            ("Entrée", "Ouvrir le résultat choisi"),
            ("Échap", "Fermer"),
        ),
    ),
    (
        "Chercher dans la page (Ctrl+F)",
        (
            ("Entrée / Maj+Entrée", "Résultat suivant / précédent"),
            ("Échap", "Fermer la barre et revenir à la page"),
        ),
    ),
    (
        "Présentation (F5)",
        (
            ("Page↓  →  Espace", "Diapositive suivante"),
            ("Page↑  ←  Retour arrière", "Diapositive précédente"),
            ("Début / Fin", "Première / dernière diapositive"),
            ("G", "Aller à une partie du guide (liste)"),
            ("Numéro (1, 15…)", "Cocher l'élément de ce numéro, le même que sur la page et sur papier"),
            ("↑ ↓ puis Entrée", "Choisir un élément puis le cocher"),
            ("D", "Changer le groupe (dossier) où l'on coche"),
            ("B ou « . »", "Écran noir ; une touche pour revenir"),
            ("Échap", "Revenir à la fenêtre principale"),
        ),
    ),
    (
        "Partout",
        (
            ("Alt + lettre soulignée", "Ouvrir ce menu (Alt+F : Fichier) ou aller à ce champ (Alt+Q : Qui coche)"),
            ("Tab / Maj+Tab", "Champ suivant / précédent"),
            ("Échap", "Fermer une fenêtre de dialogue"),
        ),
    ),
)


def _clean(text: str) -> str:
    """A menu text as read: without the mnemonic marks and the trailing « … »."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("…").strip()


def _first_key(sequence: QKeySequence) -> Qt.Key:
    return sequence[0].key()  # type: ignore[index]  # a QKeySequence is indexable in PySide6


def keys_text(action: QAction) -> str:
    """The action's shortcuts as shown to the user (« Ctrl+K ou Ctrl+Maj+F »); media keys (« Back »,
    « Zoom In », « Help » on some keyboards) are left out: they are not on a laptop's keyboard."""
    keys = [
        k
        for k in action.shortcuts()
        if not k.isEmpty() and _first_key(k).value < Qt.Key.Key_Back.value and _first_key(k) != Qt.Key.Key_Help
    ]
    return " ou ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def menu_shortcuts(menu_bar: QMenuBar) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu title, [(keys, action)]) for every menu of the bar that has an action with a shortcut."""
    sections = []

    def walk(menu: QMenu, rows: list[tuple[str, str]], prefix: str = "") -> None:
        for action in menu.actions():
            if action.isSeparator() or not action.isVisible():
                continue
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, rows, f"{prefix}{_clean(action.text())} › ")
            elif keys := keys_text(action):
                rows.append((keys, prefix + _clean(action.text())))

    for action in menu_bar.actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            rows: list[tuple[str, str]] = []
            walk(menu, rows)
            if rows:
                sections.append((f"Menu {_clean(action.text())}", rows))
    return sections


class ShortcutsDialog(QDialog):
    def __init__(self, menu_bar: QMenuBar, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Raccourcis clavier"))
        self.resize(860, 620)
        intro = QLabel(
            self.tr(
                "Tout se fait aussi au clavier. Les raccourcis des menus sont lus dans les "
                "menus eux-mêmes ; les touches propres à chaque zone suivent."
            )
        )
        intro.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setColumnCount(2)
        self.table.setHeaderLabels([self.tr("Touches"), self.tr("Action")])
        self.table.setAccessibleName(self.tr("Liste des raccourcis clavier"))
        self.table.setRootIsDecorated(False)
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setStretchLastSection(True)
        bold = QFont()
        bold.setBold(True)
        sections = menu_shortcuts(menu_bar) + [(title, list(rows)) for title, rows in WIDGET_KEYS]
        for title, rows in sections:
            section = QTreeWidgetItem(self.table, [title])
            section.setFirstColumnSpanned(True)
            section.setFont(0, bold)
            for keys, action in rows:
                row = QTreeWidgetItem(section, [keys, action])
                row.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{keys} : {action}")
                row.setToolTip(1, action)
        self.table.expandAll()
        first = self.table.topLevelItem(0)
        if first is not None:
            self.table.setCurrentItem(first)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def rows(self) -> list[tuple[str, str, str]]:
        """(section, keys, action) as shown, for tests."""
        found = []
        for i in range(self.table.topLevelItemCount()):
            section = self.table.topLevelItem(i)
            rows = [section.child(j) for j in range(section.childCount())] if section else []
            found += [(section.text(0), row.text(0), row.text(1)) for row in rows if section and row]
        return found


def open_shortcuts(window: QMainWindow) -> ShortcutsDialog:
    dialog = ShortcutsDialog(window.menuBar(), window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
