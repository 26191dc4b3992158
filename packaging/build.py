# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds the frozen app (PyInstaller onedir) the same way on Linux, Windows and macOS.

    python packaging/build.py [--clean] [--no-smoke-test] [--bare-window]

1. ``build/venv-package``: its own venv with the pinned build tools (packaging/requirements-build.txt)
   and the app's dependencies read from pyproject.toml; re-made when either changes. PyInstaller never
   enters the test venv (.venv).
2. ``build/icons``: coopguide.ico and coopguide.icns made from resources/icons/*.png (Pillow), and
   ``build/shipped/rendered-content.pickle``: the content rendered once, so that a first start does not
   (``packaging/ship_content_cache.py``).
3. PyInstaller with packaging/coopguide.spec → ``dist/coopguide/`` (+ ``dist/Coopguide.app`` on macOS).
4. Checks the bundle holds what the app needs (content, fonts, qtbase_fr.qm, the print-support
   plugin) and nothing network-related (QtNetwork), then runs the frozen app once:
   ``--startup-check`` offscreen with a temporary data folder (creates and migrates the database,
   renders the default guide). Prints the size and the 10 largest entries.
5. With ``--bare-window``: ``benchmarks/bare_window.py`` frozen with the same options
   (``packaging/bare_window.spec``) into ``dist/bare-window/``, what ``benchmarks/startup.py
   --frozen`` compares the frozen app with.

Standard library only: it runs with the Python that makes the venv (3.11+, for tomllib).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
DIST = ROOT / "dist"
VENV = BUILD / "venv-package"
BUILT_STAMP = DIST / "coopguide.built"  # the Makefile's target: written only when every check passed
REQUIREMENTS = ROOT / "packaging" / "requirements-build.txt"
SHIPPED_CACHE = BUILD / "shipped" / "rendered-content.pickle"  # coopguide.core.content.cache.SHIPPED
IS_WIN = sys.platform == "win32"
IS_MAC = sys.platform == "darwin"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if IS_WIN else "bin/python")


def project_dependencies() -> list[str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(data["project"]["dependencies"])


def run(*command: object, **kwargs) -> subprocess.CompletedProcess:
    print("+", " ".join(str(c) for c in command), flush=True)
    return subprocess.run([str(c) for c in command], check=True, **kwargs)


def ensure_venv() -> Path:
    deps = project_dependencies()
    wanted = hashlib.sha256(
        (REQUIREMENTS.read_text(encoding="utf-8") + "\n".join(deps) + sys.version).encode()
    ).hexdigest()
    stamp = VENV / ".coopguide-build-stamp"
    if stamp.exists() and stamp.read_text().strip() == wanted and venv_python().exists():
        return venv_python()
    if VENV.exists():
        shutil.rmtree(VENV)
    print(f"Build venv: {VENV}", flush=True)
    venv.EnvBuilder(with_pip=True).create(VENV)
    py = venv_python()
    run(py, "-m", "pip", "install", "-q", "--upgrade", "pip")
    run(py, "-m", "pip", "install", "-q", "-r", REQUIREMENTS, *deps)
    stamp.write_text(wanted + "\n")
    return py


def bundle_dir() -> Path:
    return DIST / "coopguide"


def frozen_exe() -> Path:
    if IS_MAC:
        return DIST / "Coopguide.app" / "Contents" / "MacOS" / "coopguide"
    return bundle_dir() / ("coopguide.exe" if IS_WIN else "coopguide")


def check_bundle() -> list[str]:
    """What must (and must not) be in the bundle; returns the problems."""
    internal = bundle_dir() / "_internal"
    must = {  # the Qt layout differs between PySide6's Linux, Windows and macOS wheels: search by pattern
        "guides": "content/guides/*.md",
        "edition": "content/edition.yaml",
        "rendered content": "content/rendered-content.pickle",  # no rendering at first start
        "fonts": "resources/fonts/DejaVuSans.ttf",
        "css": "resources/style/guide.css",
        "icon": "resources/icons/coopguide-256.png",
        "qtbase_fr.qm": "**/translations/qtbase_fr.qm",
        "print-support plugin": "**/plugins/printsupport/*",
        "offscreen platform plugin": "**/plugins/platforms/*offscreen*",
    }
    problems = [
        f"missing in the bundle: {name} ({pattern})"
        for name, pattern in must.items()
        if not any(internal.glob(pattern))
    ]
    network = [p for p in internal.rglob("*") if re.search(r"Qt6?Network|QtNetwork", p.name)]
    problems += [f"network library in the bundle: {p.relative_to(internal)}" for p in network]
    translations = [p.name for p in internal.rglob("*.qm")]
    foreign = [n for n in translations if not re.search(r"_(fr|en)\.qm$", n)]
    if foreign:
        problems.append(f"translations other than French/English: {foreign[:5]}…")
    return problems


SMOKE_CHECKLIST = "creer-une-scop.etapes"  # a checklist heading id of content/guides/creer-une-scop.md


def smoke_test() -> None:
    """Start the frozen app once (database created and migrated, Markdown rendered), print a PDF, search,
    export the dossier and import it into another data folder (pycrdt and what it imports, frozen: the
    same code as a tick)."""
    with tempfile.TemporaryDirectory(prefix="coopguide-smoke-") as data:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        pdf = Path(data) / "checklist.pdf"
        exports = Path(data) / "exports"
        exports.mkdir()

        def run_frozen(*args: str) -> None:
            result = subprocess.run([str(frozen_exe()), *args], env=env, capture_output=True, text=True, timeout=180)
            print(result.stdout + result.stderr, end="")
            if result.returncode != 0:
                raise SystemExit(f"Frozen app failed: coopguide {' '.join(args)} (exit {result.returncode})")

        run_frozen("--data-dir", data, "--startup-check")
        run_frozen("--data-dir", data, "print", SMOKE_CHECKLIST, "--out", str(pdf), "--blank")
        run_frozen("--data-dir", data, "search", "coopérateurs")  # SQLite FTS5 + Snowball, frozen
        run_frozen("--data-dir", data, "export", "--all", str(exports))
        exported = sorted(str(path) for path in exports.glob("*.coopguide"))
        if not exported:
            raise SystemExit(f"Frozen app's export wrote no .coopguide file in {exports}")
        run_frozen("--data-dir", str(Path(data) / "other"), "import", *exported)
        if not (Path(data) / "coopguide.sqlite3").exists():
            raise SystemExit("Frozen app started but created no database")
        if not pdf.exists() or pdf.read_bytes()[:5] != b"%PDF-":
            raise SystemExit(f"Frozen app's print wrote no PDF at {pdf}")
    print(
        f"Smoke test passed: {frozen_exe().name} --startup-check, print {SMOKE_CHECKLIST}, search, "
        "export and import (offscreen, temporary data folders)"
    )


def size_report(folder: Path, top: int = 10) -> None:
    """Total size, then the largest files (symbolic links not counted twice)."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    total = sum(p.stat().st_size for p in files)
    print(f"\n{folder}: {total / 1e6:.1f} MB in {len(files)} files; largest:")
    for path in sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:top]:
        print(f"  {path.stat().st_size / 1e6:7.1f} MB  {path.relative_to(folder)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache and work folder first")
    parser.add_argument("--no-smoke-test", action="store_true", help="do not run the frozen app after building")
    parser.add_argument(
        "--bare-window",
        action="store_true",
        help="also freeze benchmarks/bare_window.py the same way, into dist/bare-window (startup.py --frozen)",
    )
    args = parser.parse_args()

    BUILT_STAMP.unlink(missing_ok=True)
    py = ensure_venv()
    run(py, ROOT / "packaging" / "make_icons.py", BUILD / "icons")
    SHIPPED_CACHE.parent.mkdir(parents=True, exist_ok=True)  # a clean clone has no build/shipped yet
    run(py, ROOT / "packaging" / "ship_content_cache.py", ROOT / "content", SHIPPED_CACHE)  # taken by the spec
    for old in (bundle_dir(), DIST / "Coopguide.app"):
        if old.exists():
            shutil.rmtree(old)
    command = [
        py,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        DIST,
        "--workpath",
        BUILD / "pyinstaller",
        ROOT / "packaging" / "coopguide.spec",
    ]
    if args.clean:
        command.insert(3, "--clean")
    run(*command)
    problems = check_bundle()
    if problems:
        raise SystemExit("Bundle check failed:\n  " + "\n  ".join(problems))
    print("Bundle check passed: content, resources, qtbase_fr.qm, print-support plugin; no QtNetwork.")
    if not args.no_smoke_test:
        smoke_test()
    size_report(bundle_dir())
    BUILT_STAMP.write_text(f"{frozen_exe()}\n")
    if args.bare_window:  # the frozen start benchmark's reference (packaging/bare_window.spec)
        work = BUILD / "pyinstaller-bare-window"
        run(py, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", DIST, "--workpath", work,
            ROOT / "packaging" / "bare_window.spec")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
