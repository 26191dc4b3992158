"""The one place that decides where files are.

User data (the SQLite file, backups, window settings, caches) goes to the platform's per-user data
folder, the same folder Qt's ``QStandardPaths.AppDataLocation`` gives for an application named
"Coopguide" with no organisation (``~/.local/share/Coopguide`` on Linux, ``%APPDATA%\\Coopguide`` on
Windows, ``~/Library/Application Support/Coopguide`` on macOS). ``COOPGUIDE_DATA_DIR`` or
``--data-dir`` override it. Never beside the program: an installed copy lives in a read-only folder.

Bundled files (``content/``, ``resources/``) are found inside the package in an installed wheel
(``coopguide/_bundled``, see setup.py), at the top of a source checkout (editable installs included),
and in ``sys._MEIPASS`` in a PyInstaller build; ``COOPGUIDE_CONTENT_DIR`` points elsewhere (tests,
authors).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import coopguide
from coopguide import APP_NAME

DATA_DIR_ENV = "COOPGUIDE_DATA_DIR"
CONTENT_DIR_ENV = "COOPGUIDE_CONTENT_DIR"
DATABASE_NAME = "coopguide.sqlite3"
EDITION_FILE = "edition.yaml"
GUIDES_DIR = "guides"
PRESETS_DIR = "seances"  # session presets for handout packs (see core/content/presets.py)
# Synonyms and answer cards for the search (see core/content/search_aids.py)
SEARCH_AIDS_FILES = ("recherche-synonymes.yaml", "recherche-reponses.yaml")
KEY_DATES_FILE = "dates-cles.yaml"  # kinds of key dates, legal durations (see core/content/key_dates.py)
BUNDLED_DIR = "_bundled"  # in an installed wheel: coopguide/_bundled/{content,resources}


def user_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Folder for the user's data: the explicit override, then the env variable, then the platform's."""
    if override:
        return Path(override).expanduser().resolve()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser().resolve()
    import platformdirs  # imported here: only needed when no override is given

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def package_dir() -> Path:
    """The installed ``coopguide`` package's folder (read from the package itself, not through
    ``importlib.resources``, whose readers cost ~2.5 ms of imports at every start)."""
    return Path(coopguide.__file__).parent


def bundle_root() -> Path:
    """Folder holding ``content/`` and ``resources/``: inside the installed package (a wheel), else
    the source checkout, else PyInstaller's bundle (whose ``_internal`` folder is also where the
    checkout's rule points, ``parents[3]`` of this module)."""
    installed = package_dir() / BUNDLED_DIR
    if installed.is_dir():
        return installed
    checkout = Path(__file__).resolve().parents[3]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root and not (checkout / "content").is_dir():
        return Path(frozen_root)
    return checkout


def content_dir() -> Path:
    from_env = os.environ.get(CONTENT_DIR_ENV)
    return Path(from_env).resolve() if from_env else bundle_root() / "content"


def resources_dir() -> Path:
    return bundle_root() / "resources"


def content_files(root: Path) -> list[Path]:
    """Every file the content is made of, in a stable order (also the content cache's key)."""
    files = [root / EDITION_FILE] if (root / EDITION_FILE).exists() else []
    guides = root / GUIDES_DIR
    if guides.is_dir():
        files += sorted(guides.glob("*.md"))
    presets = root / PRESETS_DIR
    if presets.is_dir():  # their problems are part of the cached report
        files += sorted(presets.glob("*.yaml"))
    files += [root / name for name in SEARCH_AIDS_FILES if (root / name).exists()]
    if (root / KEY_DATES_FILE).exists():
        files.append(root / KEY_DATES_FILE)
    return files
