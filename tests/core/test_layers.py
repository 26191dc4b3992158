"""The dependency rule of the package, read from the source: every import statement, at any depth
(inside functions and ``if TYPE_CHECKING:`` blocks too).

Inside ``coopguide.core``, each group may import only these others:

    shared    → nothing else in coopguide
    content   → shared
    search    → content, shared
    store     → content, shared
    printout  → content, store, shared
    use cases (core.dashboard, core.seance_prep, core.seance_csv, core.seance_overview,
               core.seance_summary, core.merge_preview, core.exchange_batch, core.next_actions,
               core.next_actions_print, core.orientation,
               core.key_dates_view, core.suggested_dues) → any core group

Nothing in the core imports ``coopguide.ui``, ``coopguide.printing``, ``coopguide.cli`` or Qt (PySide6,
shiboken6). The print painter (``coopguide.printing``) never imports the UI, nor does the command
line (``coopguide.cli``). Any module may read the constants of the package root ``coopguide`` (name,
version), which imports nothing.

test_no_qt.py checks the modules loaded at run time; this test reads the text, so an import on a path
no test runs is caught too. Imports by name (``importlib.import_module("…")``) are not seen.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "coopguide"

USE_CASES = "use cases"
TOP_LEVEL_USE_CASES = (
    "coopguide.core.dashboard",
    "coopguide.core.seance_prep",
    "coopguide.core.seance_csv",
    "coopguide.core.seance_overview",
    "coopguide.core.seance_summary",
    "coopguide.core.merge_preview",
    "coopguide.core.exchange_batch",
    "coopguide.core.next_actions",
    "coopguide.core.next_actions_print",
    "coopguide.core.orientation",
    "coopguide.core.key_dates_view",
    "coopguide.core.suggested_dues",
)
MAY_IMPORT: dict[str, set[str]] = {
    "shared": set(),
    "content": {"shared"},
    "search": {"content", "shared"},
    "store": {"content", "shared"},
    "printout": {"content", "store", "shared"},
}
MAY_IMPORT[USE_CASES] = {*MAY_IMPORT, USE_CASES}
NEVER = {
    "coopguide.core": (
        "coopguide.ui",
        "coopguide.printing",
        "coopguide.cli",
        "coopguide.__main__",
        "PySide6",
        "shiboken6",
    ),
    "coopguide.printing": ("coopguide.ui", "coopguide.cli", "coopguide.__main__"),
    "coopguide.cli": ("coopguide.ui", "coopguide.__main__"),
}


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(module: str, source: str, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, module) for every import of ``source``. ``from a.b import c`` gives ``a.b.c`` when that
    is one of our modules, else ``a.b``; relative imports are resolved against ``module``."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package[: len(package) - node.level + 1], *([base] if base else [])])
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.append((node.lineno, candidate if candidate in MODULES else base))
    return found


def core_group(module: str) -> str | None:
    """The group of a module of coopguide.core (None for the package ``coopguide.core`` itself)."""
    if module == "coopguide.core":
        return None
    if module in TOP_LEVEL_USE_CASES:
        return USE_CASES
    group = module.split(".")[2]
    assert group in MAY_IMPORT, f"{module} is in no group of the dependency rule: add it to {__name__}"
    return group


def breaks_rule(module: str, target: str) -> str | None:
    """Why ``module`` may not import ``target``, or None when it may."""
    if module == "coopguide" and within(target, "coopguide"):
        return "the package root imports nothing from coopguide"
    for package, forbidden in NEVER.items():
        for name in forbidden:
            if within(module, package) and within(target, name):
                return f"{package} never imports {name}"
    if not within(module, "coopguide.core") or not within(target, "coopguide.core"):
        return None
    group, target_group = core_group(module), core_group(target)
    if group is None or target_group == group:
        return None
    if target_group is None:
        return "name a group of the core, not the package coopguide.core"
    allowed = MAY_IMPORT[group]
    if target_group not in allowed:
        may = ", ".join(sorted(allowed)) or "nothing else in coopguide"
        return f"{group} → {target_group}; {group} may import: {may}"
    return None


def violations(package: str) -> list[str]:
    found = []
    for module, path in MODULES.items():
        if not (within(module, package) if package != "coopguide" else module == "coopguide"):
            continue
        for line, target in imports(module, path.read_text(encoding="utf-8"), path.name == "__init__.py"):
            reason = breaks_rule(module, target)
            if reason:
                found.append(f"{path.relative_to(PACKAGE.parent).as_posix()}:{line}: imports {target} ({reason})")
    return found


@pytest.mark.parametrize("package", ["coopguide.core", "coopguide.printing", "coopguide.cli", "coopguide"])
def test_imports_follow_the_dependency_rule(package):
    found = violations(package)
    assert not found, "Imports against the dependency rule:\n" + "\n".join(found)


def test_every_core_module_is_in_a_group():
    groups = {core_group(module) for module in MODULES if within(module, "coopguide.core")}
    assert groups == {None, *MAY_IMPORT}


def test_imports_are_read_at_any_depth_and_relative_ones_resolved():
    source = (
        "from typing import TYPE_CHECKING\n"
        "import os.path\n"
        "from . import model\n"
        "from ..shared.paths import DATABASE_NAME\n"
        "if TYPE_CHECKING:\n"
        "    from coopguide.core.store import Store\n"
        "def later():\n"
        "    from coopguide.core.search.index import open_index\n"
    )
    assert [target for _, target in imports("coopguide.core.content.probe", source)] == [
        "typing",
        "os.path",
        "coopguide.core.content.model",
        "coopguide.core.shared.paths",
        "coopguide.core.store",
        "coopguide.core.search.index",
    ]


def test_the_rule_refuses_what_it_should():
    assert breaks_rule("coopguide.core.content.model", "coopguide.core.store.progress")
    assert breaks_rule("coopguide.core.shared.paths", "coopguide.core.content.model")
    assert breaks_rule("coopguide.core.store.exchange", "coopguide.core.search.index")
    assert breaks_rule("coopguide.core.printout.layout", "coopguide.core.dashboard")
    assert breaks_rule("coopguide.core.search.index", "PySide6.QtCore")
    assert breaks_rule("coopguide.core.dashboard", "coopguide.printing.output")
    assert breaks_rule("coopguide.printing.output", "coopguide.ui.main_window")
    assert breaks_rule("coopguide.cli.printing", "coopguide.ui.app")
    assert not breaks_rule("coopguide.core.printout.layout", "coopguide.core.store.progress")
    assert not breaks_rule("coopguide.core.seance_prep", "coopguide.core.search.index")
    assert not breaks_rule("coopguide.core.shared.paths", "coopguide")
    assert not breaks_rule("coopguide.cli.printing", "coopguide.printing.output")
