"""Markdown → HTML for the guide view, the same for every dossier.

Rendering happens once per content edition (the result is cached, see :mod:`content_cache`), so
checklist boxes are left as placeholders that :func:`coopguide.core.content.item_boxes.fill_items` replaces
with the current dossier's state at display time, a cheap string substitution.

Raw HTML is switched off in the Markdown parser (escaped, never interpreted) on top of the
validator's rejection, and only local links reach the page: remote images are refused by the
validator and by the view's resource loader.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from coopguide.core.content.item_boxes import PLACEHOLDER_START, number_html, placeholder
from coopguide.core.content.markdown_lines import FENCE_RE, SEE_ALSO_ANCHOR
from coopguide.core.content.model import Content, Guide

if TYPE_CHECKING:
    import markdown
from coopguide.core.shared.dates import long_date

ITEM_START_RE = re.compile(r"<li>(@@cgitem:([a-z0-9.-]+)@@)")
ITEM_LINE_RE = re.compile(r"^(\s*[-*+]\s+)\[[^\]]?\]\s*(.*?)\s*\{#([^\s}]+)[^}]*\}\s*$")
GLOSSARY_LINK_RE = re.compile(r'<a href="glossaire:([a-z0-9-]+)">')
MARKDOWN_EXTENSIONS = ["tables", "attr_list", "sane_lists", "def_list", "fenced_code"]


def _markdown() -> markdown.Markdown:
    import markdown  # heavy: imported only when content must be rendered, never on a cached start

    from coopguide.core.content import reference_notes

    md = markdown.Markdown(extensions=[*MARKDOWN_EXTENSIONS, *reference_notes.extensions()], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def _mark_items(body: str) -> str:
    lines, in_fence = [], False
    for line in body.splitlines():
        if FENCE_RE.match(line):
            in_fence = not in_fence
        match = None if in_fence else ITEM_LINE_RE.match(line)
        lines.append(f"{match.group(1)}{placeholder(match.group(3))} {match.group(2)}" if match else line)
    return "\n".join(lines)


def render_guide(guide: Guide, content: Content, md: markdown.Markdown | None = None) -> str:
    md = md or _markdown()
    md.reset()
    body = md.convert(_mark_items(guide.body))
    body = body.replace(f"<ul>\n<li>{PLACEHOLDER_START}", f'<ul class="checklist">\n<li>{PLACEHOLDER_START}')
    numbers = {item.id: n for checklist in guide.checklists for n, item in enumerate(checklist.items, start=1)}
    body = ITEM_START_RE.sub(
        lambda m: f"<li>{number_html(numbers[m.group(2)])}{m.group(1)}" if m.group(2) in numbers else m.group(0), body
    )
    # The class only: the definition is shown on hover by ui/glossary_hover.py, from the href. As a
    # title it was a third of a page's HTML, parsed at every display (~0.5 ms of the first frame).
    body = GLOSSARY_LINK_RE.sub(r'<a class="terme" href="glossaire:\1">', body)
    esc = html.escape
    header = (
        f'<h1>{esc(guide.title)}</h1>\n<p class="resume">{esc(guide.summary)}</p>\n'
        f'<p class="meta">À jour au {esc(long_date(guide.updated))} · version {guide.version} du guide</p>\n'
    )
    sources = "\n".join(
        f'<li><a href="{esc(s.url)}">{esc(s.titre)}</a></li>'
        if s.url
        else f"<li>{esc(s.titre)}{' — ' + esc(s.reference) if s.reference else ''}</li>"
        for s in guide.sources
    )
    footer = (
        f'\n<h2 id="sources">Sources</h2>\n<ol class="sources">\n{sources}\n</ol>\n'
        f'<p class="meta">Informations à jour au {esc(long_date(guide.updated))}.</p>\n'
        f'<p class="avertissement">{esc(content.disclaimer)}</p>\n'
    )
    return header + body + see_also_block(guide, content) + footer


def see_also_block(guide: Guide, content: Content) -> str:
    """« Voir aussi »: the guides of ``voir_aussi``, each a ``guide:`` link on its title followed by
    its summary; nothing when there are none (unknown ids are left out: check-content reports them)."""
    related = [content.guides[i] for i in guide.see_also if i in content.guides and i != guide.id]
    if not related:
        return ""
    esc = html.escape
    entries = "\n".join(
        f'<li><a href="guide:{esc(other.id)}"><b>{esc(other.title)}</b></a>'
        f"{' — ' + esc(other.summary) if other.summary else ''}</li>"
        for other in related
    )
    return f'\n<h2 id="{SEE_ALSO_ANCHOR}">Voir aussi</h2>\n<ul class="voir-aussi">\n{entries}\n</ul>\n'


def render_all(content: Content) -> dict[str, str]:
    md = _markdown()
    return {guide_id: render_guide(guide, content, md) for guide_id, guide in content.guides.items()}
