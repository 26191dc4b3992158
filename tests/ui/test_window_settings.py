"""``fenetre.ini``: typed values, defaults for what is missing, and no crash on a damaged file."""

from __future__ import annotations

from PySide6.QtCore import QByteArray

from coopguide.ui import theme
from coopguide.ui.window_settings import SETTINGS_FILE, WindowSettings


def test_a_new_file_gives_the_defaults(tmp_path):
    settings = WindowSettings(tmp_path / SETTINGS_FILE)
    assert settings.geometry is None and settings.splitter is None and settings.last_guide is None
    assert settings.zoom == 0 and settings.appearance == theme.SYSTEM


def test_values_survive_a_restart(tmp_path):
    settings = WindowSettings(tmp_path / SETTINGS_FILE)
    settings.geometry = QByteArray(b"\x01\x02geometry")
    settings.splitter = QByteArray(b"splitter")
    settings.last_guide = "creer-une-scop"
    settings.zoom = -2
    settings.appearance = theme.DARK
    settings.sync()
    again = WindowSettings(tmp_path / SETTINGS_FILE)
    assert again.geometry == QByteArray(b"\x01\x02geometry") and again.splitter == QByteArray(b"splitter")
    assert again.last_guide == "creer-une-scop" and again.zoom == -2 and again.appearance == theme.DARK


def test_a_hand_edited_file_falls_back_to_the_defaults(tmp_path):
    (tmp_path / SETTINGS_FILE).write_text(
        "[General]\nzoom=abc\napparence=violet\ngeometrie=pas des octets\ndernier_guide=a, b\n", encoding="utf-8"
    )
    settings = WindowSettings(tmp_path / SETTINGS_FILE)
    assert settings.zoom == 0
    assert settings.appearance == theme.SYSTEM
    assert settings.geometry is None
    assert settings.last_guide is None  # the INI reader makes a list of "a, b"


def test_a_window_opens_on_a_damaged_settings_file(content_root, data_dir, open_window):
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / SETTINGS_FILE).write_text("[General]\nzoom=abc\nseparateurs=12\ndernier_guide=absent\n")
    window = open_window()
    assert window.state.guide_id == "alpha"


def test_a_window_opens_with_invalid_values_in_its_settings(content_root, data_dir, open_window):
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / SETTINGS_FILE).write_text(
        "[General]\nzoom=@Invalid()\nseparateurs=@Invalid()\ngeometrie=@Invalid()\ndernier_guide=@Invalid()\n"
    )
    window = open_window()
    assert window.state.guide_id == "alpha"
