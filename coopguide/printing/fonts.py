"""The bundled DejaVu Sans, registered once, used for every printed glyph.

DejaVu Sans covers ☐ ☑ ✓ € « » œ and the rest of French (see ``../shared/notes/packaging.md`` §5);
registering the four TTFs with ``QFontDatabase.addApplicationFont`` makes the same font available on
every system, and PDF output then embeds (a subset of) it.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont, QFontDatabase

from coopguide.core.shared import paths

FAMILY = "DejaVu Sans"
FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")
_registered: list[str] = []


def register_fonts() -> str:
    """Register the bundled fonts (once; needs a Q(Gui)Application) and return the family to use."""
    if not _registered:
        for name in FILES:
            font_id = QFontDatabase.addApplicationFont(str(paths.resources_dir() / "fonts" / name))
            if font_id < 0:
                print(
                    f"Coopguide : police {name} introuvable, l'impression utilise une police du système.",
                    file=sys.stderr,
                )
        _registered.append(FAMILY)
    return FAMILY


def print_font(point_size: float, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont(register_fonts())
    font.setPointSizeF(point_size)
    font.setBold(bold)
    font.setItalic(italic)
    # Exact outlines and metrics: hinting is for screens, print layouts must not depend on it.
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setKerning(True)
    # No "ﬁ"/"ﬀ" ligatures: the PDF's text must read back exactly as written when it is copied,
    # searched or read aloud ("fi", not U+FB01).
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font
