"""Seance presets ("séances"): which guides and checklists a trainer hands out for one kind of session.

One YAML file per preset in ``content/seances/<id>.yaml``, written by content authors like the guides::

    id: decouvrir-la-cae
    titre: Découvrir la CAE
    public: Porteurs de projet qui veulent tester leur activité sans créer d'entreprise
    duree: 2 heures
    guides: [cae-et-cape, financer-le-projet]
    check-lists: [cae-et-cape.rejoindre]

The file is read with PyYAML's node API (``yaml.compose``) rather than ``safe_load`` so that every
problem — an unknown guide id in the middle of a list included — is reported at its own line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from coopguide.core.content.model import Content, Problem
from coopguide.core.shared.paths import PRESETS_DIR

if TYPE_CHECKING:
    import yaml

REQUIRED = ("id", "titre", "public", "duree")
LISTS = ("guides", "check-lists")
KNOWN = (*REQUIRED, *LISTS, "description")


@dataclass(frozen=True)
class Preset:
    id: str
    title: str
    audience: str
    duration: str
    guides: tuple[str, ...]
    checklists: tuple[str, ...]
    description: str = ""
    path: str = ""
    # "guides:<id>" / "check-lists:<id>" / field name → line, for messages pointing into the file
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def targets(self) -> tuple[str, ...]:
        return self.guides + self.checklists


def preset_files(root: Path) -> list[Path]:
    folder = root / PRESETS_DIR
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def _scalar(node: yaml.Node) -> str | None:
    import yaml

    return node.value.strip() if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null" else None


def load_preset(path: Path, root: Path) -> tuple[Preset | None, list[Problem]]:
    shown = f"{root.name}/{path.relative_to(root).as_posix()}"
    import yaml  # ~15 ms with the front-matter module: only when preset files are read, never at start

    from coopguide.core.content import yaml_loader
    from coopguide.core.content.frontmatter import GUIDE_ID_RE

    problems: list[Problem] = []
    try:
        node = yaml_loader.compose(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        return None, [Problem(shown, 1, f"le fichier n'est pas en UTF-8 ({error.reason})")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        return None, [Problem(shown, mark.line + 1 if mark else 1, f"fichier YAML illisible : {reason}")]
    if not isinstance(node, yaml.MappingNode):
        return None, [Problem(shown, 1, "la séance doit être une liste de champs « clé: valeur »")]
    fields: dict[str, str] = {}
    lists: dict[str, tuple[str, ...]] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + 1
        lines[key] = line
        if key not in KNOWN:
            problems.append(Problem(shown, line, f"champ inconnu : {key} (champs permis : {', '.join(KNOWN)})"))
        elif key in LISTS:
            if not isinstance(value_node, yaml.SequenceNode):
                problems.append(Problem(shown, line, f"{key} doit être une liste d'identifiants"))
                continue
            entries = []
            for entry in value_node.value:
                value = _scalar(entry)
                if not value:
                    problems.append(Problem(shown, entry.start_mark.line + 1, f"{key} : identifiant vide ou mal écrit"))
                    continue
                entries.append(value)
                lines[f"{key}:{value}"] = entry.start_mark.line + 1
            lists[key] = tuple(entries)
        else:
            value = _scalar(value_node)
            if value is None:
                problems.append(Problem(shown, line, f"{key} doit être un texte"))
            fields[key] = value or ""
    for key in REQUIRED:
        if not fields.get(key):
            problems.append(Problem(shown, lines.get(key, 1), f"champ obligatoire manquant : {key}"))
    preset_id = str(fields.get("id", ""))
    if preset_id and not GUIDE_ID_RE.match(preset_id):
        problems.append(Problem(shown, lines["id"], f"identifiant de séance mal formé : {preset_id!r}"))
    elif preset_id and preset_id != path.stem:
        problems.append(
            Problem(shown, lines["id"], f"l'identifiant {preset_id!r} doit être le nom du fichier ({path.stem!r})")
        )
    guides, checklists = lists.get("guides", ()), lists.get("check-lists", ())
    if not guides and not checklists:
        problems.append(Problem(shown, 1, "la séance doit nommer au moins un guide ou une check-list"))
    preset = Preset(
        path.stem,
        str(fields.get("titre") or path.stem),
        str(fields.get("public", "")),
        str(fields.get("duree", "")),
        guides,
        checklists,
        str(fields.get("description", "")),
        shown,
        lines,
    )
    return preset, problems


def load_presets(root: Path) -> tuple[list[Preset], list[Problem]]:
    presets, problems = [], []
    for path in preset_files(root):
        preset, found = load_preset(path, root)
        problems += found
        if preset is not None:
            presets.append(preset)
    return presets, problems


def check_against(preset: Preset, content: Content) -> list[Problem]:
    """Every guide and checklist the preset names must exist in the content."""
    lines = preset.lines
    checklists = content.checklists()
    problems = []
    for guide_id in preset.guides:
        if guide_id not in content.guides:
            hint = " (c'est une check-list : mettez-la sous check-lists)" if guide_id in checklists else ""
            problems.append(
                Problem(preset.path, lines.get(f"guides:{guide_id}", 1), f"guide inconnu : {guide_id}{hint}")
            )
    for checklist_id in preset.checklists:
        if checklist_id not in checklists:
            hint = " (c'est un guide : mettez-le sous guides)" if checklist_id in content.guides else ""
            problems.append(
                Problem(
                    preset.path,
                    lines.get(f"check-lists:{checklist_id}", 1),
                    f"check-list inconnue : {checklist_id}{hint}",
                )
            )
    return problems


def check_presets(root: Path, content: Content) -> list[Problem]:
    """All problems of ``content/seances/``: used by ``coopguide check-content``."""
    presets, problems = load_presets(root)
    for preset in presets:
        problems += check_against(preset, content)
    return problems
