"""The colours of pages and hints, derived from the widgets' own text and background colours.

Why derive rather than pick: the system decides light or dark (and high contrast) and the page must
look like the rest of the window in every case. The reading pane's CSS is a template
(``resources/style/guide.css``) filled from :func:`page_colours`, and every colour it gets keeps at
least the WCAG AA contrast (4.5:1) against the page background, which :func:`readable` enforces.

Qt-free on purpose: plain ``#rrggbb`` strings, so the arithmetic is tested without a display.
"""

from __future__ import annotations

from string import Template

MIN_CONTRAST = 4.5  # WCAG 2.x AA for body text

# Colours with a meaning keep their hue in both modes; the lighter variant is for dark backgrounds.
SEMANTIC = {
    #          on light, on dark
    "link": ("#0b5cad", "#8ab4f8"),
    "done": ("#1b6e20", "#81c784"),
    "alert": ("#a40000", "#ff8a80"),
    "bar_fill": ("#2e7d32", "#43a047"),
    "match": ("#ffe680", "#ffe680"),  # a found word: yellow marker with black text in both modes
    "match_current": ("#ff9f1c", "#ff9f1c"),
}


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    if len(value) != 6:
        raise ValueError(f"couleur illisible : {colour!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _hex(rgb: tuple[float, ...]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def blend(front: str, back: str, amount: float) -> str:
    """``amount`` of ``front`` over ``back`` (0 → back, 1 → front)."""
    f, b = _rgb(front), _rgb(back)
    return _hex(tuple(b[i] + (f[i] - b[i]) * amount for i in range(3)))


def luminance(colour: str) -> float:
    """Relative luminance as WCAG defines it."""

    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def is_dark(background: str) -> bool:
    return luminance(background) < 0.2


def readable(colour: str, background: str, text: str) -> str:
    """``colour`` if it reads well on ``background``, else moved towards ``text`` until it does."""
    for step in range(11):
        candidate = blend(text, colour, step / 10)
        if contrast(candidate, background) >= MIN_CONTRAST:
            return candidate
    return text


def page_colours(text: str, background: str) -> dict[str, str]:
    """Every colour the page CSS and the hints use, for this text on this background.

    Link, done and alert keep our hues (the platforms' defaults, such as Fusion's pure blue links,
    are harsh on a long read) but are pulled towards the text colour wherever they would not reach
    AA contrast, which covers high-contrast themes.
    """
    dark = is_dark(background)
    pick = {name: pair[1 if dark else 0] for name, pair in SEMANTIC.items()}
    colours = {
        "text": text,
        "background": background,
        "muted": readable(blend(text, background, 0.65), background, text),
        "surface": blend(text, background, 0.07),  # boxes: disclaimer, table headers
        "border": blend(text, background, 0.45),
        "bar_rest": blend(text, background, 0.15),
        "bar_fill": pick["bar_fill"],
        "match": pick["match"],
        "match_current": pick["match_current"],
        "match_text": "#000000",
    }
    for name in ("link", "done", "alert"):
        colours[name] = readable(pick[name], background, text)
    colours["na"] = colours["muted"]
    colours["muted_on_surface"] = readable(colours["muted"], colours["surface"], text)
    return colours


def fill_stylesheet(template: str, colours: dict[str, str]) -> str:
    """Fill ``$name`` placeholders; an unknown name is an error, not a silently black page."""
    return Template(template).substitute(colours)
