"""Cross-file checks of the content: unique ids, links that resolve, themes that exist.

:func:`check_content` = everything the loader found + these checks; ``coopguide check-content``
prints the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from coopguide.core.content import frontmatter
from coopguide.core.content.fact_register import check_fact_register
from coopguide.core.content.glossary_use import check_glossary_use
from coopguide.core.content.key_dates import check_key_dates
from coopguide.core.content.loader import load_content
from coopguide.core.content.model import ChecklistItem, Content, Guide, Problem
from coopguide.core.content.orientation_data import check_orientation
from coopguide.core.content.presets import check_presets
from coopguide.core.content.search_aids import check_search_aids
from coopguide.core.shared.paths import EDITION_FILE, GUIDES_DIR

EXTERNAL_SCHEMES = ("https://", "http://", "mailto:")
PUBLISHED_IDS_FILE = "identifiants-publies.txt"


@dataclass
class Report:
    content: Content
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        guides = self.content.guides.values()
        return {
            "guides": len(self.content.guides),
            "check-lists": sum(len(g.checklists) for g in guides),
            "éléments": sum(len(g.items) for g in guides),
            "termes du glossaire": len(self.content.glossary()),
        }


def check_content(root: Path) -> Report:
    content, problems = load_content(root)
    problems += cross_check(content, root)
    problems += check_presets(root, content)  # content/seances/*.yaml: the handout presets
    problems += check_fact_register(root, content)  # content/registre-des-faits.yaml: quotes and dates
    problems += check_glossary_use(content)  # jargon linked to the glossary at its first use
    problems += check_search_aids(root, content)  # content/recherche-*.yaml: synonyms, answer cards
    problems += check_orientation(root, content)  # content/orientation/: « Par où commencer ? », the forms compared
    problems += check_key_dates(root, content)  # content/dates-cles.yaml: suggested due dates name items
    problems.sort(key=lambda p: (p.path, p.line))
    return Report(content, problems)


def cross_check(content: Content, root: Path) -> list[Problem]:
    problems: list[Problem] = []
    theme_ids = {t.id for t in content.themes}
    if content.default_guide and content.guides and content.default_guide not in content.guides:
        problems.append(
            Problem(f"{root.name}/{EDITION_FILE}", 1, f"guide_par_defaut inconnu : {content.default_guide}")
        )
    glossaries = [g for g in content.guides.values() if g.kind == "glossaire"]
    for extra in glossaries[1:]:
        problems.append(Problem(extra.path, 1, f"un seul glossaire est permis (déjà : {glossaries[0].path})"))

    owners: dict[str, str] = {}  # every checklist id, item id and alias → where it is declared

    def claim(identifier: str, path: str, line: int) -> None:
        if identifier in owners:
            problems.append(
                Problem(path, line, f"identifiant en double : {identifier} (déjà utilisé : {owners[identifier]})")
            )
        else:
            owners[identifier] = f"{path}:{line}"

    terms: dict[str, str] = {}
    for guide in content.guides.values():
        if guide.theme and guide.theme not in theme_ids:
            problems.append(Problem(guide.path, 1, f"thème inconnu : {guide.theme} (voir edition.yaml)"))
        for checklist in guide.checklists:
            claim(checklist.id, guide.path, checklist.line)
            for item in checklist.items:
                claim(item.id, guide.path, item.line)
                for alias in item.aliases:
                    claim(alias, guide.path, item.line)
        for term in guide.glossary:
            if term.id in terms:
                problems.append(Problem(guide.path, 1, f"terme du glossaire en double : {term.id}"))
            terms[term.id] = guide.path

    items = content.items()
    for guide in content.guides.values():
        problems += _check_links(guide, content, items, terms, root)
        problems += _check_see_also(guide, content, root)
    problems += _check_published_ids(root, owners)
    return problems


def published_ids(root: Path) -> list[tuple[int, str]]:
    """Ids of items and checklists already released, as ``(line, id)``: users' ticks point at them."""
    path = root / PUBLISHED_IDS_FILE
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(n, line.strip()) for n, line in enumerate(lines, start=1) if line.strip() and not line.startswith("#")]


def _check_published_ids(root: Path, declared: dict[str, str]) -> list[Problem]:
    """A released id may change place or text, never vanish: it must stay an id or become an alias
    (``ancien=``), otherwise the ticks of every user who ticked it would lose their item."""
    return [
        Problem(
            f"{root.name}/{PUBLISHED_IDS_FILE}",
            line,
            f"identifiant publié disparu : {identifier} (gardez-le, ou ajoutez ancien={identifier} "
            "à l'élément qui le remplace)",
        )
        for line, identifier in published_ids(root)
        if identifier not in declared
    ]


def _check_see_also(guide: Guide, content: Content, root: Path) -> list[Problem]:
    """Every ``voir_aussi`` id names a guide (the other rules are per file: frontmatter.check_fields)."""
    unknown = [target for target in guide.see_also if target not in content.guides]
    if not unknown:
        return []
    text = (root / GUIDES_DIR / f"{guide.id}.md").read_text(encoding="utf-8")  # only to locate the lines
    entries = frontmatter.entry_lines(text, "voir_aussi")
    return [
        Problem(
            guide.path,
            next((line for line, written in entries if written == target), frontmatter.field_line(text, "voir_aussi")),
            f"voir_aussi : lien vers un guide inconnu : {target}",
        )
        for target in unknown
    ]


def _image_problem(target: str, root: Path) -> str | None:
    """An image must be a plain file inside content/, named by a relative path without ``..``."""
    if target.startswith(("http://", "https://", "//")):
        return f"image distante interdite (rien n'est chargé d'Internet) : {target}"
    if ":" in target or target.startswith(("/", "\\")):
        return f"chemin d'image interdit : {target} (un chemin relatif depuis content/, sans « : »)"
    parts = target.replace("\\", "/").split("/")
    if ".." in parts:
        return f"chemin d'image interdit : {target} (« .. » sort du dossier content/)"
    path = root
    for part in parts:
        path = path / part
        if path.is_symlink():
            return f"image en lien symbolique interdite : {target} (copiez le fichier dans content/)"
    if not target or not path.is_file():
        return f"image introuvable : {target} (chemin depuis content/)"
    return None


def _check_links(
    guide: Guide, content: Content, items: Mapping[str, ChecklistItem], terms: dict[str, str], root: Path
) -> list[Problem]:
    problems = []
    for link in guide.links:
        target = link.target
        problem = None
        if link.is_image:
            problem = _image_problem(target, root)
        elif target.startswith(EXTERNAL_SCHEMES):
            continue
        elif target.startswith("guide:"):
            guide_id, _, anchor = target[len("guide:") :].partition("#")
            other = content.guides.get(guide_id)
            if other is None:
                problem = f"lien vers un guide inconnu : {guide_id}"
            elif anchor and anchor not in other.anchors:
                problem = f"ancre inconnue dans le guide {guide_id} : #{anchor}"
        elif target.startswith("item:"):
            if target[len("item:") :] not in items:
                problem = f"lien vers un élément inconnu : {target[len('item:') :]}"
        elif target.startswith("glossaire:"):
            if target[len("glossaire:") :] not in terms:
                problem = f"terme du glossaire inconnu : {target[len('glossaire:') :]}"
        elif target.startswith("#"):
            if target[1:] not in guide.anchors:
                problem = f"ancre inconnue dans ce guide : {target}"
        else:
            problem = f"lien non permis : {target!r} (guide:, item:, glossaire:, #ancre, https:// ou mailto:)"
        if problem:
            problems.append(Problem(guide.path, link.line, problem))
    return problems
