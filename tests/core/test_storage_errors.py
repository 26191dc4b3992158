"""Storage errors are classified by their code, never by their text: what the machine can cause gets
a French message, anything else is a bug for the crash handler."""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from pathlib import Path

import pytest

from coopguide.core.shared.errors import BugError, KnownError, StorageError, damage_reason, storage_error
from coopguide.core.shared.paths import DATABASE_NAME

MESSAGE = re.compile(r"^Impossible (de |d')[^:]+ : .+\. Rien n'a été modifié\. [A-ZÉ].+\.$")


def sqlite_error(run) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as raised:
        run()
    return raised.value


def test_a_full_database_is_a_full_disk(tmp_path):
    conn = sqlite3.connect(tmp_path / "plein.sqlite3")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    error = sqlite_error(lambda: conn.execute("INSERT INTO t VALUES (?)", (b"x" * 100_000,)))
    assert error.sqlite_errorcode == sqlite3.SQLITE_FULL
    message = storage_error(error, "enregistrer la case cochée")
    assert isinstance(message, StorageError)
    assert str(message) == (
        "Impossible d'enregistrer la case cochée : le disque est plein. Rien n'a été modifié. "
        "Libérez de la place puis recommencez."
    )


def test_a_read_only_database_file(tmp_path):
    path = tmp_path / "lecture.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    error = sqlite_error(lambda: conn.execute("INSERT INTO t VALUES (1)"))
    assert error.sqlite_errorcode & 0xFF == sqlite3.SQLITE_READONLY
    message = storage_error(error, "enregistrer le réglage")
    assert isinstance(message, StorageError) and "en lecture seule" in str(message)
    assert MESSAGE.match(str(message))


def test_a_busy_database_asks_to_try_again(store, data_dir):
    other = sqlite3.connect(data_dir / DATABASE_NAME, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    store.db.conn.execute("PRAGMA busy_timeout = 0")
    try:
        with pytest.raises(StorageError) as raised:
            store.db.set_setting("k", "v")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert str(raised.value).startswith("Impossible d'enregistrer le réglage : le fichier est occupé")
    assert raised.value.__cause__.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY
    assert MESSAGE.match(str(raised.value))


def test_an_sql_mistake_is_a_bug_not_a_nothing_changed_message(store):
    dossier = store.dossiers.ensure_default()
    with pytest.raises(BugError) as raised, store.db.transaction("enregistrer la check-list") as conn:
        conn.execute("INSERT INTO item_progress (dossier_id, item_id, state) VALUES (?, 'a.un', 'fait')", (dossier.id,))
        conn.execute("nothing")
    bug = raised.value
    assert not isinstance(bug, KnownError)  # so no `except KnownError` in the UI dresses it up
    assert isinstance(bug.original, sqlite3.OperationalError) and bug.__cause__ is bug.original
    assert "Rien n'a été modifié" not in str(bug)
    assert str(bug) == 'enregistrer la check-list — OperationalError (SQLITE_ERROR): near "nothing": syntax error'
    assert store.items.rows(dossier.id) == []  # rolled back all the same


def test_a_closed_connection_is_a_bug(tmp_path):
    conn = sqlite3.connect(tmp_path / "x.sqlite3")
    conn.close()
    assert isinstance(storage_error(sqlite_error(lambda: conn.execute("SELECT 1")), "lire les données"), BugError)


def test_the_text_of_an_error_is_never_read():
    """An error that merely *says* "disk is full" has no code: nothing tells it from a bug."""
    for error in (sqlite3.OperationalError("database or disk is full"), OSError("No space left on device")):
        assert isinstance(storage_error(error, "enregistrer"), BugError)


def test_a_missing_dossier_is_explained():
    """A foreign key failure: the dossier was deleted meanwhile (e.g. from the command line)."""
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("CREATE TABLE d (id INTEGER PRIMARY KEY)")
    conn.execute("CREATE TABLE p (d INTEGER REFERENCES d (id))")
    error = sqlite_error(lambda: conn.execute("INSERT INTO p VALUES (5)"))
    assert "ce dossier n'existe plus" in str(storage_error(error, "enregistrer la case cochée"))
    other = sqlite_error(lambda: conn.execute("INSERT INTO d VALUES (NULL), (1), (1)"))  # UNIQUE: a bug
    assert isinstance(storage_error(other, "créer le dossier"), BugError)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ENOSPC", "le disque est plein"),
        ("EDQUOT", "quota"),
        ("EROFS", "le support est en lecture seule"),
        ("EACCES", "l'accès à cet endroit vous est refusé"),
        ("EPERM", "l'accès à cet endroit vous est refusé"),
        ("EIO", "erreur de lecture ou d'écriture"),
        ("EBUSY", "occupé"),
        ("ENOENT", "n'existe pas"),
        ("ENOTDIR", "est un fichier et non un dossier"),
        ("EISDIR", "un dossier porte déjà ce nom"),
    ],
)
def test_os_errors_by_errno(code, expected):
    if not hasattr(errno, code):
        pytest.skip(f"{code} does not exist here")
    number = getattr(errno, code)
    message = storage_error(OSError(number, os.strerror(number)), "écrire le fichier x.csv")
    assert isinstance(message, StorageError) and expected in str(message)
    assert MESSAGE.match(str(message)), str(message)


def test_unknown_os_errors_are_bugs():
    for error in (OSError(errno.EXDEV, "Invalid cross-device link"), OSError("sans code"), FileExistsError(17, "x")):
        bug = storage_error(error, "écrire le fichier x.csv")
        assert isinstance(bug, BugError) and bug.original is error


@pytest.mark.parametrize("garbage", [b"hello, I am not a database" * 50])
def test_damage_is_recognised_by_its_code(tmp_path, garbage):
    path = tmp_path / "abime.sqlite3"
    path.write_bytes(garbage)
    error = sqlite_error(lambda: sqlite3.connect(path).execute("PRAGMA quick_check").fetchall())
    assert error.sqlite_errorcode == sqlite3.SQLITE_NOTADB
    assert damage_reason(error) == "ce n'est pas une base de données SQLite"
    assert damage_reason(sqlite3.OperationalError("file is not a database")) is None  # text alone: no


def test_nothing_in_the_code_classifies_errors_by_their_text():
    package = Path(__file__).resolve().parents[2] / "coopguide"
    pattern = re.compile(r"in str\((error|exc|e)\)|str\((error|exc|e)\)\.lower\(\)")
    offenders = [
        f"{path.relative_to(package)}:{number}"
        for path in package.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
