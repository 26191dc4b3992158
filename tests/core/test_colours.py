"""Page colours: derived from the window's text and background, always readable (WCAG AA)."""

from __future__ import annotations

import re

import pytest

from coopguide.core.content.colours import MIN_CONTRAST, contrast, fill_stylesheet, is_dark, page_colours
from coopguide.core.shared import paths

FOREGROUNDS = ("text", "muted", "link", "done", "alert", "na")
PALETTES = {
    "clair": ("#000000", "#ffffff"),
    "sombre": ("#f0f0f0", "#1e1e1e"),
    "contraste élevé (Windows)": ("#ffffff", "#000000"),
    "clair jauni": ("#202020", "#fdf6e3"),
    "gris moyen": ("#ffffff", "#5a5a5a"),  # a poor system theme: our colours must still read
}


def test_contrast_of_known_pairs():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#777777") == pytest.approx(1)
    assert contrast("#fff", "#000") == contrast("#000000", "#ffffff")


@pytest.mark.parametrize("name", PALETTES)
def test_every_foreground_reads_on_the_page(name):
    text, background = PALETTES[name]
    colours = page_colours(text, background)
    for role in FOREGROUNDS:
        assert contrast(colours[role], background) >= MIN_CONTRAST, (role, colours[role])
    assert contrast(colours["muted_on_surface"], colours["surface"]) >= MIN_CONTRAST
    assert contrast(colours["match_text"], colours["match"]) >= MIN_CONTRAST


def test_dark_backgrounds_get_the_light_variants():
    light, dark = page_colours("#000000", "#ffffff"), page_colours("#f0f0f0", "#1e1e1e")
    assert is_dark("#1e1e1e") and not is_dark("#ffffff")
    assert light["link"] == "#0b5cad" and dark["link"] == "#8ab4f8"
    assert dark["surface"] != light["surface"] and is_dark(dark["surface"])


def test_the_shipped_stylesheet_is_a_template_with_no_colour_of_its_own():
    template = (paths.resources_dir() / "style" / "guide.css").read_text(encoding="utf-8")
    rules = re.sub(r"/\*.*?\*/", "", template, flags=re.S)
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", rules), "colours come from page_colours"
    for name, (text, background) in PALETTES.items():
        css = fill_stylesheet(template, page_colours(text, background))
        assert "$" not in css, name
        assert f"color: {text};" in css and f"background-color: {background};" in css


def test_an_unknown_placeholder_is_an_error_not_a_black_page():
    with pytest.raises(KeyError):
        fill_stylesheet("a { color: $nope; }", page_colours("#000000", "#ffffff"))
