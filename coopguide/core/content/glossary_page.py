"""The A–Z glossary page and the text of a term's tooltip, as HTML for the guide view.

Built from ``content.glossary()`` on demand (a few milliseconds), not cached: no Markdown import,
since a definition is one or two sentences whose only marks are links and emphasis, converted here
after everything was escaped. Each term gets an anchor equal to its id (``#scic`` scrolls to it);
each letter one named ``lettre-X``, linked from the letters line at the top. Under each definition:
its legal reference (the term's notes, which tooltips leave out so that they read as plain
sentences), then the guide that defines the term and the guides that use it, as ``guide:`` links.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from coopguide.core.content.item_boxes import plain_text
from coopguide.core.content.model import Content, GlossaryTerm, Guide
from coopguide.core.shared.french_text import fold

LINK_RE = re.compile(r"\[([^\]]+)\]\(((?:guide|glossaire|item):[^)\s]+|#[^)\s]+|https://[^)\s]+|mailto:[^)\s]+)\)")
BOLD_RE = re.compile(r"\*\*(.+?)\*\*")
ITALIC_RE = re.compile(r"(?<![*\w])[*_](?![\s*])(.+?)(?<![\s*])[*_](?![*\w])")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
USED_IN_SHOWN = 4  # "employé dans" names at most this many guides (the Scop is in nearly all of them)


def letter_of(term: str) -> str:
    first = fold(term)[:1].upper()
    return first if first in LETTERS else "#"


def letter_anchor(letter: str) -> str:
    return "lettre-" + ("autres" if letter == "#" else letter.lower())


def definition_html(markdown: str, glossary: Mapping[str, GlossaryTerm] | None = None) -> str:
    """A one-paragraph Markdown definition as safe HTML: text escaped first, then links and emphasis."""
    text = html.escape(markdown, quote=False)
    text = BOLD_RE.sub(r"<b>\1</b>", text)
    text = ITALIC_RE.sub(r"<i>\1</i>", text)

    def link(match: re.Match[str]) -> str:
        target = match.group(2)
        if target.startswith("glossaire:") and glossary and (term := glossary.get(target[len("glossaire:") :])):
            title = html.escape(f"{term.term} : {plain_text(term.definition)}")
            return f'<a class="terme" href="{html.escape(target)}" title="{title}">{match.group(1)}</a>'
        return f'<a href="{html.escape(target)}">{match.group(1)}</a>'

    return LINK_RE.sub(link, text)


def tooltip_html(term: GlossaryTerm) -> str:
    """What a hover or a click on a glossary word shows: the term in bold, then its definition."""
    return f"<p><b>{html.escape(term.term)}</b></p><p>{html.escape(plain_text(term.definition))}</p>"


def glossary_page_html(content: Content) -> str:
    glossary = content.glossary()
    defined_in = {term.id: guide for guide in content.guides.values() for term in guide.glossary}
    used_in: dict[str, list[Guide]] = {}
    for guide in sorted(content.guides.values(), key=lambda g: fold(g.title)):
        for term_id in dict.fromkeys(
            link.target.partition(":")[2] for link in guide.links if link.target.startswith("glossaire:")
        ):
            if guide.kind != "glossaire":
                used_in.setdefault(term_id, []).append(guide)
    terms = sorted(glossary.values(), key=lambda t: (fold(t.term), t.term))
    by_letter: dict[str, list[GlossaryTerm]] = {}
    for term in terms:
        by_letter.setdefault(letter_of(term.term), []).append(term)
    letters = " ".join(
        f'<a href="#{letter_anchor(letter)}"><b>{letter}</b></a>'
        if letter in by_letter
        else f'<span class="absente">{letter}</span>'
        for letter in [*LETTERS, *(["#"] if "#" in by_letter else [])]
    )
    parts = [
        "<h1>Glossaire de A à Z</h1>",
        f'<p class="resume">{len(terms)} mots des coopératives, de la reprise et du financement. '
        "Cliquez sur une lettre, puis sur un guide pour y lire le mot en situation.</p>",
        f'<p class="lettres">{letters}</p>',
    ]
    for letter, letter_terms in by_letter.items():
        parts.append(f'<h2 id="{letter_anchor(letter)}">{letter}</h2>')
        for term in letter_terms:
            esc = html.escape
            where = []
            if term.id in defined_in:
                guide = defined_in[term.id]
                where.append(f'Défini dans <a href="guide:{esc(guide.id)}#{esc(term.id)}">{esc(guide.title)}</a>')
            users = used_in.get(term.id, [])
            if users:
                links = ", ".join(f'<a href="guide:{esc(g.id)}">{esc(g.title)}</a>' for g in users[:USED_IN_SHOWN])
                more = len(users) - USED_IN_SHOWN
                where.append(
                    f"employé dans {links}"
                    + (f" et {more} autre{'s' if more > 1 else ''} guide{'s' if more > 1 else ''}" if more > 0 else "")
                )
            parts.append(f'<h3 id="{esc(term.id)}">{esc(term.term)}</h3>')
            parts.append(f"<p>{definition_html(term.definition, glossary)}</p>")
            if term.references:
                parts.append(f'<p class="meta">Référence : {definition_html(term.references, glossary)}.</p>')
            if where:
                parts.append(f'<p class="meta">{" ; ".join(where)}.</p>')
    return "\n".join(parts) + "\n"
