"""The one atomic file write: all or nothing, synced, no temporary file left behind, French errors."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from coopguide.core.shared import files
from coopguide.core.shared.errors import BugError, KnownError, StorageError
from coopguide.core.shared.files import atomic_target, write_atomically


def names(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def fail_with(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return fail


def test_a_new_file_is_written_whole_with_the_usual_permissions(tmp_path):
    target = tmp_path / "dossier.coopguide"
    assert write_atomically(target, b"contenu", action="écrire le fichier dossier.coopguide") == target
    assert target.read_bytes() == b"contenu"
    assert names(tmp_path) == ["dossier.coopguide"]
    if os.name == "posix":  # not mkstemp's private 0600: a file to hand over, like open() makes it
        umask = os.umask(0)
        os.umask(umask)
        assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_replaced_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "journal.csv"
    target.write_bytes(b"ancien")
    target.chmod(0o640)
    write_atomically(target, b"nouveau", action="écrire le fichier journal.csv")
    assert target.read_bytes() == b"nouveau" and stat.S_IMODE(target.stat().st_mode) == 0o640


def test_the_data_is_synced_before_the_rename(tmp_path, monkeypatch):
    events = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(files.os, "fsync", lambda fd: events.append("fsync") or real_fsync(fd))
    monkeypatch.setattr(files.os, "replace", lambda a, b: events.append("replace") or real_replace(a, b))
    write_atomically(tmp_path / "x.pdf", b"%PDF", action="écrire le PDF x.pdf")
    assert events[:2] == ["fsync", "replace"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [(errno.ENOSPC, "le disque est plein"), (errno.EIO, "le disque a signalé une erreur")],
)
def test_a_failing_sync_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch, code, expected):
    target = tmp_path / "journal.csv"
    target.write_bytes(b"ancien")
    monkeypatch.setattr(files.os, "fsync", fail_with(code))
    with pytest.raises(StorageError) as raised:
        write_atomically(target, b"nouveau", action="écrire le fichier journal.csv")
    assert str(raised.value).startswith(f"Impossible d'écrire le fichier journal.csv : {expected}")
    assert "Rien n'a été modifié." in str(raised.value)
    assert isinstance(raised.value.__cause__, OSError) and raised.value.__cause__.errno == code
    assert target.read_bytes() == b"ancien"
    assert names(tmp_path) == ["journal.csv"]


def test_a_file_system_that_cannot_sync_is_not_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(files.os, "fsync", fail_with(errno.EINVAL))
    target = write_atomically(tmp_path / "x.json", b"{}", action="écrire le cache du contenu")
    assert target.read_bytes() == b"{}"


def test_a_folder_in_the_way_is_refused_and_left_alone(tmp_path):
    in_the_way = tmp_path / "export.coopguide"
    in_the_way.mkdir()
    (in_the_way / "dedans.txt").write_text("à garder")
    with pytest.raises(StorageError, match="un dossier porte déjà ce nom"):
        write_atomically(in_the_way, b"contenu", action="écrire le fichier export.coopguide")
    assert names(tmp_path) == ["export.coopguide"] and names(in_the_way) == ["dedans.txt"]


def test_a_missing_folder_is_refused_unless_asked_to_create_it(tmp_path):
    with pytest.raises(StorageError, match="n'existe pas"):
        write_atomically(tmp_path / "absent" / "x.csv", b"a", action="écrire le fichier x.csv")
    assert names(tmp_path) == []
    write_atomically(tmp_path / "cache" / "x.json", b"{}", action="écrire le cache", create_folder=True)
    assert names(tmp_path / "cache") == ["x.json"]


def test_a_read_only_medium_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "liste.pdf"
    target.write_bytes(b"ancien")
    monkeypatch.setattr(files.os, "replace", fail_with(errno.EROFS))
    with pytest.raises(StorageError, match="le support est en lecture seule"):
        write_atomically(target, b"nouveau", action="écrire le PDF liste.pdf")
    assert target.read_bytes() == b"ancien" and names(tmp_path) == ["liste.pdf"]


@pytest.mark.skipif(
    os.name != "posix" or (hasattr(os, "geteuid") and os.geteuid() == 0), reason="needs POSIX rights, not root"
)
def test_a_read_only_folder_is_refused_in_french(tmp_path):
    folder = tmp_path / "protege"
    folder.mkdir()
    (folder / "liste.pdf").write_bytes(b"ancien")
    folder.chmod(0o555)
    try:
        with pytest.raises(StorageError, match="l'accès à cet endroit vous est refusé"):
            write_atomically(folder / "liste.pdf", b"nouveau", action="écrire le PDF liste.pdf")
        assert names(folder) == ["liste.pdf"] and (folder / "liste.pdf").read_bytes() == b"ancien"
    finally:
        folder.chmod(0o755)


def test_an_error_no_machine_can_cause_is_a_bug_not_a_message(tmp_path, monkeypatch):
    target = tmp_path / "x.csv"
    monkeypatch.setattr(files.os, "replace", fail_with(errno.EXDEV))  # a rename within one folder
    with pytest.raises(BugError) as raised:
        write_atomically(target, b"a", action="écrire le fichier x.csv")
    assert not isinstance(raised.value, KnownError)
    assert raised.value.original.errno == errno.EXDEV and "EXDEV" in str(raised.value)
    assert names(tmp_path) == []


def test_atomic_target_replaces_on_success_and_cleans_up_on_any_failure(tmp_path):
    target = tmp_path / "sauvegarde.sqlite3"
    target.write_bytes(b"ancienne")
    with pytest.raises(ZeroDivisionError), atomic_target(target) as temporary:
        temporary.write_bytes(b"moitie")
        1 / 0  # noqa: B018
    assert target.read_bytes() == b"ancienne" and names(tmp_path) == ["sauvegarde.sqlite3"]
    source = sqlite3.connect(":memory:")
    source.execute("CREATE TABLE t (x)")
    with atomic_target(target) as temporary:
        assert temporary.parent == tmp_path and temporary.name.startswith(".sauvegarde.sqlite3.")
        assert temporary.name.endswith(".partiel")
        destination = sqlite3.connect(temporary)
        source.backup(destination)
        destination.close()
    assert sqlite3.connect(target).execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
    assert names(tmp_path) == ["sauvegarde.sqlite3"]


def test_two_writers_never_share_a_temporary_name(tmp_path):
    target = tmp_path / "x.json"
    with atomic_target(target) as first, atomic_target(target) as second:
        assert first != second
    assert names(tmp_path) == ["x.json"]


def test_no_other_module_replaces_files_by_itself():
    """The five former copies (exchange, backup, séance CSV, PDF, content cache) and the search index
    all go through files.py: nobody else calls mkstemp or os.replace on a temporary file."""
    package = Path(files.__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if path.name != "files.py" and ("mkstemp(" in (text := path.read_text(encoding="utf-8")) or ".partiel" in text)
    ]
    assert offenders == []


def test_the_content_cache_shrugs_off_a_full_disk_but_not_a_bug(content_root, tmp_path, monkeypatch):
    from coopguide.core.content import cache as content_cache

    cache_dir = tmp_path / "cache"
    monkeypatch.setattr(files.os, "replace", fail_with(errno.ENOSPC))
    loaded = content_cache.load(content_root, cache_dir)
    assert loaded.content.guides and names(cache_dir) == []  # rebuilt next time, nothing left over
    monkeypatch.setattr(files.os, "replace", fail_with(errno.EXDEV))
    with pytest.raises(BugError):
        content_cache.load(content_root, cache_dir)
