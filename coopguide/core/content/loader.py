"""Load ``content/`` into a :class:`Content`, collecting every problem instead of stopping at the first.

The app shows whatever loads; ``check-content`` (see :mod:`coopguide.core.content.validate`) turns the
problems into a report and an exit code.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from coopguide.core.content import body_scan, frontmatter, yaml_loader
from coopguide.core.content.key_dates import load_key_dates
from coopguide.core.content.model import Content, Guide, Problem, Theme
from coopguide.core.content.search_aids import load_search_aids
from coopguide.core.shared.paths import EDITION_FILE, GUIDES_DIR


def load_content(root: Path) -> tuple[Content, list[Problem]]:
    problems: list[Problem] = []
    content = _load_edition(root, problems)
    guides_dir = root / GUIDES_DIR
    if not guides_dir.is_dir():
        problems.append(Problem(str(guides_dir), 1, "dossier des guides introuvable"))
        return content, problems
    for path in sorted(guides_dir.glob("*.md")):
        guide = load_guide(path, root, problems)
        if guide is not None:
            content.guides[guide.id] = guide
    content.search_aids = load_search_aids(root, problems)  # synonyms and answer cards, if any
    content.key_dates = load_key_dates(root, problems)  # kinds of key dates, legal durations, if any
    return content, problems


def _load_edition(root: Path, problems: list[Problem]) -> Content:
    path = root / EDITION_FILE
    shown = _shown_path(path, root)
    text = ""
    data: object = {}  # what the YAML file holds, checked below
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml_loader.safe_load(text) or {}
    except FileNotFoundError:
        problems.append(Problem(shown, 1, "fichier d'édition introuvable"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        problems.append(Problem(shown, mark.line + 1 if mark else 1, f"fichier illisible : {error}"))
    if not isinstance(data, dict):
        problems.append(Problem(shown, 1, "le fichier d'édition doit être une liste de champs"))
        data = {}
    for key in ("edition", "a_jour_au", "guide_par_defaut", "themes", "avertissement"):
        if not data.get(key):
            problems.append(Problem(shown, frontmatter.field_line(text, key), f"champ obligatoire manquant : {key}"))
    themes = []
    for theme in data.get("themes") or []:
        if isinstance(theme, dict) and isinstance(theme.get("id"), str) and isinstance(theme.get("titre"), str):
            themes.append(Theme(theme["id"], theme["titre"]))
        else:
            problems.append(
                Problem(
                    shown, frontmatter.field_line(text, "themes"), f"thème mal décrit : {theme!r} (il faut id et titre)"
                )
            )
    return Content(
        edition=str(data.get("edition", "?")),
        updated=frontmatter.parse_date(data.get("a_jour_au")) or "",
        default_guide=str(data.get("guide_par_defaut", "")),
        disclaimer=str(data.get("avertissement", "")).strip(),
        themes=tuple(themes),
    )


def _shown_path(path: Path, root: Path) -> str:
    try:
        return str(Path(root.name) / path.relative_to(root))
    except ValueError:
        return str(path)


def load_guide(path: Path, root: Path, problems: list[Problem]) -> Guide | None:
    shown = _shown_path(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        problems.append(Problem(shown, 1, f"le fichier n'est pas en UTF-8 ({error.reason})"))
        return None
    header, split_problems = frontmatter.split(text, shown)
    problems += split_problems
    if header is None:
        return None
    fields = header.fields
    field_problems = frontmatter.check_fields(fields, text, shown, path.stem)
    problems += field_problems
    kind = fields.get("type", "guide")
    scan = body_scan.scan(header.body, header.body_first_line, shown, path.stem, kind == "glossaire")
    problems += scan.problems

    def text_field(key: str) -> str:
        value = fields.get(key)
        return value if isinstance(value, str) else ""

    def int_field(key: str, default: int) -> int:
        value = fields.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else default

    tags = fields.get("etiquettes")
    return Guide(
        id=path.stem,
        title=text_field("titre") or path.stem,
        summary=text_field("resume"),
        theme=text_field("theme"),
        order=int_field("ordre", 999),
        version=int_field("version", 1),
        updated=frontmatter.parse_date(fields.get("a_jour_au")) or "",
        path=shown,
        body=header.body,
        body_first_line=header.body_first_line,
        sources=frontmatter.sources_of(fields),
        tags=tuple(t for t in tags if isinstance(t, str)) if isinstance(tags, list) else (),
        kind=kind if kind in frontmatter.GUIDE_KINDS else "guide",
        checklists=tuple(scan.checklists),
        anchors=tuple(scan.anchors),
        links=tuple(scan.links),
        glossary=tuple(scan.glossary),
        see_also=frontmatter.see_also_of(fields),
    )
