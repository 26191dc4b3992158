"""A corpus of hostile ``.coopguide`` files and side files, generated here (no binary fixtures).

Every file is either refused with a French :class:`KnownError` and no row of the database changed,
or accepted, and then importing (merging) it a second time changes nothing. Stamps already stored
with values that were never checked (naive, year 1, year 9999) crash neither a merge nor the
dashboard.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import traceback

import pytest

from coopguide.core.content import cache as content_cache
from coopguide.core.dashboard import build_dashboard, dashboard_html
from coopguide.core.shared.errors import KnownError
from coopguide.core.shared.paths import DATABASE_NAME
from coopguide.core.store.exchange import (
    apply_merge,
    export_payload,
    import_as_new,
    plan_merge,
    read_exchange_file,
)
from coopguide.core.store.progress import DONE, ItemProgress, is_newer, resolve
from tests.conftest import FIXTURE_CONTENT
from tests.reliability.conftest import COUNTS

HOLE = "@@hole@@"

# raw JSON tokens put where a text (or the version number) is expected
TOKENS = {
    "surrogate": b'"\\ud800"',
    "surrogate-pair-half": b'"a\\udfffb"',
    "5000-digits": b"9" * 5000,
    "float": b"1.5",
    "bool": b"true",
    "nan": b"NaN",
    "infinity": b"-Infinity",
    "deep": b"[" * 50_000 + b"]" * 50_000,
    "naive-stamp": b'"2026-11-24T10:00:00"',
    "year-1": b'"0001-01-01T00:00:00+00:00"',
    "year-9999": b'"9999-12-31T23:59:59+14:00"',
    "over-limit": b'"' + b"x" * 30_000 + b'"',
    "at-limit": b'"' + b"y" * 200 + b'"',
}
DOSSIER_FIELDS = ("name", "description", "created_at")
ROOT_FIELDS = ("content_edition", "exported_at", "version")
ITEM_FIELDS = (
    "item_id",
    "state",
    "done_at",
    "done_by",
    "note",
    "due",
    "assignee",
    "updated_at",
    "item_text",
    "content_edition",
)


def dump(folder) -> list:
    """Every row of every user table, read by an independent connection."""
    conn = sqlite3.connect(folder / DATABASE_NAME)
    try:
        return [
            conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("dossiers", "item_progress", "settings")
        ]
    finally:
        conn.close()


def _filled(store):
    dossier = store.dossiers.create("Reprise Dupont", "Imprimerie", ["Aline", "Bruno"])
    store.items.set_state(dossier.id, "alpha.groupe", DONE, content_edition="t", done_by="Aline", item_text="Réunir")
    store.items.save_one(dossier.id, ItemProgress("beta.un", note="Note", due="2026-12-31", assignee="Bruno"))
    return dossier


def _with_hole(payload: dict, where: str, field: str, token: bytes) -> bytes:
    copy = json.loads(json.dumps(payload))
    target = copy if where == "root" else copy["dossier"] if where == "dossier" else copy["items"][0]
    if where == "members":
        copy["dossier"]["members"] = ["Aline", HOLE]
    else:
        target[field] = HOLE
    return json.dumps(copy, ensure_ascii=False).encode().replace(f'"{HOLE}"'.encode(), token)


def corpus(payload: dict) -> dict[str, bytes]:
    valid = json.dumps(payload, ensure_ascii=False, indent=1).encode()
    files: dict[str, bytes] = {}
    for label, token in TOKENS.items():
        for field in ROOT_FIELDS:
            files[f"{label}@{field}"] = _with_hole(payload, "root", field, token)
        for field in DOSSIER_FIELDS:
            files[f"{label}@dossier.{field}"] = _with_hole(payload, "dossier", field, token)
        files[f"{label}@dossier.members"] = _with_hole(payload, "members", "", token)
        for field in ITEM_FIELDS:
            files[f"{label}@items.{field}"] = _with_hole(payload, "item", field, token)
    for cut in range(0, len(valid), max(1, len(valid) // 20)):
        files[f"truncated-{cut}"] = valid[:cut]
    files["bom-utf8"] = b"\xef\xbb\xbf" + valid
    files["utf16"] = valid.decode().encode("utf-16")
    files["utf16-be-no-bom"] = valid.decode().encode("utf-16-be")
    files["utf32"] = valid.decode().encode("utf-32")
    files["latin1"] = valid.decode().replace("Reprise", "Répétée").encode("latin-1", "replace")
    files["duplicate-keys"] = valid.replace(b'"format"', b'"format": "autre", "format"', 1)
    files["duplicate-items-key"] = valid.replace(b'"items"', b'"items": 3, "items"', 1)
    files["items-object"] = json.dumps({**payload, "items": {"a": 1}}).encode()
    files["items-of-numbers"] = json.dumps({**payload, "items": [1, 2]}).encode()
    files["dossier-list"] = json.dumps({**payload, "dossier": []}).encode()
    files["members-string"] = json.dumps({**payload, "dossier": {**payload["dossier"], "members": "Aline"}}).encode()
    files["members-deep"] = _with_hole(payload, "members", "", b"[" * 3000 + b"]" * 3000)
    files["deep-object"] = b'{"a":' * 50_000 + b"1" + b"}" * 50_000
    files["nul-char"] = _with_hole(payload, "dossier", "name", b'"a\\u0000b"')
    files["empty"] = b""
    files["spaces"] = b" \n\t "
    files["zeros"] = b"\x00" * 4096
    files["huge-name-within-file-limit"] = _with_hole(payload, "dossier", "name", b'"' + b"n" * 1_000_000 + b'"')
    files["huge-note-within-limit"] = _with_hole(payload, "item", "note", b'"' + b"n" * 19_000 + b'"')
    return files


def _french(error: BaseException) -> bool:
    text = str(error)
    return bool(text) and ("«" in text or "Impossible" in text or "é" in text)


def _try(store, folder, target, path, name, problems):
    """One file: refused in French with nothing changed, or accepted and idempotent. Any exception
    other than a French KnownError is a traceback the user would have seen."""
    COUNTS["runs checked for a traceback"] += 1
    before = dump(folder)
    try:
        exchange = read_exchange_file(path)
    except KnownError as error:
        if not _french(error):
            problems.append(f"{name}: message {error!r}")
        COUNTS["refusals checked for changed rows"] += 1
        changed = dump(folder) != before
        COUNTS["rows changed on refusal"] += changed
        if changed:
            problems.append(f"{name}: rows changed on refusal")
        return
    except BaseException as error:
        COUNTS["tracebacks"] += 1
        problems.append(f"{name}: {type(error).__name__} {''.join(traceback.format_exception_only(error))[:200]}")
        return
    COUNTS["hostile files accepted (then imported twice, nothing changed)"] += 1
    try:
        imported = import_as_new(store, exchange)
        assert plan_merge(store, imported.id, exchange).is_empty, "second import changes something"
        apply_merge(store, plan_merge(store, target, exchange))
        assert plan_merge(store, target, exchange).is_empty, "second merge changes something"
    except AssertionError as error:
        problems.append(f"{name} (accepted): {error}")
    except BaseException as error:
        COUNTS["tracebacks"] += 1
        problems.append(f"{name} (accepted): {type(error).__name__} {str(error)[:200]}")


def test_hostile_exchange_files(store, data_dir, tmp_path):
    target = _filled(store).id
    payload = export_payload(store, target, "t")
    files = corpus(payload)
    problems: list[str] = []
    for index, (name, raw) in enumerate(files.items()):
        path = tmp_path / f"f{index}.coopguide"
        path.write_bytes(raw)
        _try(store, data_dir, target, path, name, problems)
        path.unlink()
    COUNTS["hostile exchange files tried"] += len(files)
    assert len(files) >= 100
    assert not problems, "\n".join(problems)


def test_special_files_are_refused_without_hanging(store, data_dir, tmp_path):
    _filled(store)
    (tmp_path / "dossier.coopguide").mkdir()
    os.mkfifo(tmp_path / "tuyau.coopguide")
    (tmp_path / "zero.coopguide").symlink_to("/dev/zero")
    (tmp_path / "boucle.coopguide").symlink_to(tmp_path / "boucle.coopguide")
    (tmp_path / "casse.coopguide").symlink_to(tmp_path / "absent")
    names = ["dossier", "tuyau", "zero", "boucle", "casse", "absent"]
    before = dump(data_dir)
    for name in names:
        COUNTS["runs checked for a traceback"] += 1  # anything but a KnownError fails the test
        with pytest.raises(KnownError) as caught:
            read_exchange_file(tmp_path / f"{name}.coopguide")
        assert _french(caught.value), caught.value
    COUNTS["hostile exchange files tried"] += len(names)
    COUNTS["refusals checked for changed rows"] += len(names)
    COUNTS["rows changed on refusal"] += dump(data_dir) != before
    assert dump(data_dir) == before


def test_stamps_stored_before_the_checks_crash_no_merge_nor_dashboard(store, data_dir, tmp_path):
    """Rows imported by an older version with naive / year 1 / year 9999 stamps."""
    dossier = _filled(store)
    bad = ["0001-01-01T00:00:00", "9999-12-31T23:59:59", "9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00"]
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    with conn:
        for index, stamp in enumerate(bad):
            conn.execute(
                "UPDATE item_progress SET updated_at = ?, done_at = ? WHERE dossier_id = ? AND item_id = ?",
                (stamp, stamp, dossier.id, "alpha.groupe" if index % 2 else "beta.un"),
            )
    conn.close()
    for a in [*bad, "", "2026-11-24T10:00:00+01:00"]:
        for b in bad:
            is_newer(a, b)
            is_newer(b, a)
    payload = export_payload(store, dossier.id, "t")
    payload["items"] = [
        {**row, "updated_at": "2026-11-24T10:00:00+01:00", "done_at": "2026-11-24T10:00:00+01:00"}
        for row in payload["items"]
    ]
    path = tmp_path / "bon.coopguide"
    path.write_text(json.dumps(payload), encoding="utf-8")
    apply_merge(store, plan_merge(store, dossier.id, read_exchange_file(path)))
    content = content_cache.load(FIXTURE_CONTENT, tmp_path / "cache").content
    rows = [*store.items.rows(dossier.id), ItemProgress("alpha.groupe", state=DONE, updated_at="9999-12-31T23:59:59")]
    board = build_dashboard(content, resolve(rows, content), store.dossiers.require(dossier.id), dt.date(2026, 12, 6))
    assert "Tableau de bord" in dashboard_html(board)


CACHE_DAMAGE = {
    "not-json": b"\x00\xff garbage",
    "truncated": None,
    "scrambled": "scrambled",
    "json-of-version-7": b'{"key": "", "content": {}, "html": {}, "problems": []}',
    "bom": "bom",
    "deep": b"[" * 100_000,
    "5000-digits": b'{"content": ' + b"9" * 5000 + b"}",
    "surrogate": b'{"content": "\\ud800"}',
    "nan": b'{"content": NaN, "html": Infinity}',
    "empty": b"",
    "list": b"[]",
}


@pytest.mark.parametrize("label", list(CACHE_DAMAGE))
def test_hostile_content_cache_is_rebuilt(tmp_path, label):
    cache_dir = tmp_path / "cache"
    first = content_cache.load(FIXTURE_CONTENT, cache_dir)
    (path,) = cache_dir.glob("content-*.pickle")
    raw = path.read_bytes()
    damage = CACHE_DAMAGE[label]
    if damage is None:
        damage = raw[: len(raw) // 2]
    elif damage == "scrambled":  # the second half's bytes changed, the length kept
        half = len(raw) // 2
        damage = raw[:half] + bytes((b * 131 + 7) % 256 for b in raw[half:])
    elif damage == "bom":
        damage = b"\xef\xbb\xbf" + raw
    path.write_bytes(damage)
    again = content_cache.load(FIXTURE_CONTENT, cache_dir)
    assert again.html == first.html
    COUNTS["damaged side files tried"] += 1


def test_dashboard_with_20000_removed_items_shows_50_rows_and_the_count(store, tmp_path):
    from coopguide.core.dashboard import MAX_REMOVED_ROWS

    dossier = _filled(store)
    content = content_cache.load(FIXTURE_CONTENT, tmp_path / "cache").content
    rows = [
        ItemProgress(f"parti.{n:05d}", state=DONE, updated_at="2026-11-24T10:00:00+01:00", item_text=f"Retiré {n}")
        for n in range(20_000)
    ]
    resolved = resolve(rows, content)
    assert len(resolved.removed) == 20_000
    text = dashboard_html(build_dashboard(content, resolved, dossier, dt.date(2026, 12, 6)))
    assert "Éléments retirés du contenu (20000)" in text
    assert text.count("parti.") == MAX_REMOVED_ROWS == 50
    assert "… et 19950 autres éléments retirés" in text
    assert len(text) < 50_000
