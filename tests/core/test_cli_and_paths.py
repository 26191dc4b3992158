"""The command line (as a user runs it) and the one resolver of the data folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from coopguide import __version__
from coopguide.core.shared import paths
from tests.conftest import SHIPPED_CONTENT


def run_cli(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "coopguide", *args], capture_output=True, text=True, env=env)


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"Coopguide {__version__}"


def test_check_content_passes_on_the_shipped_content():
    result = run_cli("check-content")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("Contenu valide :")


def test_check_content_fails_with_file_and_line_on_a_broken_copy(tmp_path):
    broken = tmp_path / "content"
    shutil.copytree(SHIPPED_CONTENT, broken)
    guide = next(p for p in sorted((broken / "guides").glob("*.md")) if "- [ ]" in p.read_text("utf-8"))
    lines = guide.read_text("utf-8").splitlines()
    item_line = next(n for n, line in enumerate(lines) if line.startswith("- [ ]"))
    lines[item_line] = lines[item_line].split("{#")[0] + "{#MAUVAIS_ID}"
    lines.append("Un lien <a href='x'>brut</a> et [cassé](guide:nexiste-pas).")
    guide.write_text("\n".join(lines) + "\n", "utf-8")
    result = run_cli("check-content", "--content-dir", str(broken))
    assert result.returncode == 1
    name = f"content/guides/{guide.name}"
    assert f"{name}:{item_line + 1}: identifiant d'élément mal formé : MAUVAIS_ID" in result.stdout
    assert f"{name}:{len(lines)}: HTML brut interdit" in result.stdout
    assert f"{name}:{len(lines)}: lien vers un guide inconnu : nexiste-pas" in result.stdout
    assert "erreur(s) dans le contenu" in result.stdout


def test_data_dir_resolution_order(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "env"))
    assert paths.user_data_dir(tmp_path / "arg") == (tmp_path / "arg").resolve()
    assert paths.user_data_dir() == (tmp_path / "env").resolve()
    monkeypatch.delenv(paths.DATA_DIR_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    default = paths.user_data_dir()
    assert default == tmp_path / "xdg" / "Coopguide"
    assert paths.bundle_root() not in default.parents


def test_bundled_files_are_found():
    assert (paths.content_dir() / "edition.yaml").is_file()
    assert (paths.resources_dir() / "style" / "guide.css").is_file()
    assert Path(paths.content_files(paths.content_dir())[0]).name == "edition.yaml"


def test_bundled_files_are_looked_for_in_the_wheel_then_the_checkout_then_pyinstaller(monkeypatch, tmp_path):
    """An installed wheel has them inside the package (coopguide/_bundled, setup.py); a checkout at
    its top (parents[3] of paths.py); a PyInstaller build in sys._MEIPASS. make test-wheel and the
    frozen build's smoke test run the real thing; this checks the order."""
    checkout = Path(paths.__file__).resolve().parents[3]
    assert paths.bundle_root() == checkout
    package = tmp_path / "site-packages" / "coopguide"
    (package / "_bundled" / "content").mkdir(parents=True)
    monkeypatch.setattr(paths, "package_dir", lambda: package)
    assert paths.content_dir() == package / "_bundled" / "content"
    assert paths.resources_dir() == package / "_bundled" / "resources"
    shutil.rmtree(package / "_bundled")
    assert paths.bundle_root() == checkout
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "frozen"), raising=False)
    assert paths.bundle_root() == checkout
    monkeypatch.setattr(paths, "__file__", str(tmp_path / "frozen" / "coopguide" / "core" / "shared" / "paths.pyc"))
    assert paths.bundle_root() == tmp_path / "frozen"


def test_the_everyday_start_is_read_as_the_parser_reads_it():
    """`coopguide [--data-dir D] [--startup-check]` skips building the parser (and its sub-commands);
    it must give what the parser gives, and anything else must go to the parser."""
    from coopguide.__main__ import app_options
    from coopguide.cli import build_parser

    for argv in (
        [],
        ["--startup-check"],
        ["--data-dir", "/d"],
        ["--data-dir=/d", "--startup-check"],
        ["--data-dir", ""],
        ["--data-dir=", "--startup-check"],
        ["--data-dir", "dossiers"],
        ["--data-dir", "/a", "--data-dir=/b", "--startup-check", "--startup-check"],
    ):
        args = build_parser().parse_args(argv)
        assert args.command is None
        assert app_options(argv) == (args.data_dir, args.startup_check), argv
    for argv in (
        ["dossiers"],
        ["--help"],
        ["-h"],
        ["--version"],
        ["--data", "/d"],
        ["--startup"],
        ["--data-dir"],
        ["--data-dir", "-x"],
        ["--startup-check", "search"],
        ["--"],
        [""],
    ):
        assert app_options(argv) is None, argv
