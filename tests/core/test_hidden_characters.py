"""Control, bidi-override and zero-width characters never get into names, members, notes or item
rows, typed or imported, and the command line never prints one raw (review F11, F17)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from coopguide.core.shared.errors import InvalidInputError
from coopguide.core.shared.paths import DATABASE_NAME
from coopguide.core.shared.safe_text import printable, strip_controls
from coopguide.core.store import open_store
from coopguide.core.store.exchange import export_dossier, read_exchange_file
from coopguide.core.store.progress import DONE
from tests.core.test_cli_and_paths import run_cli

NASTY = "\x1b]0;pwned\x07\x1b[2J\u202e\u2066\u200b\u200c\u200d\u2060\ufeff\x08\x7f\x9b"


def test_strip_controls_keeps_text_and_line_breaks_only_when_asked():
    assert strip_controls(f"Zo{NASTY}e\u0301") == "Zo]0;pwned[2Jé"
    assert strip_controls("a\r\nb\tc") == "a b\tc"
    assert strip_controls("a\r\nb\rc", multiline=True) == "a\nb\nc"
    assert printable("a\x1b[2J\tb\nc\u202e") == "a\\u001b[2J\tb\nc\\u202e"


def test_typed_names_members_descriptions_and_notes_lose_hidden_characters(store):
    dossier = store.dossiers.create(f"Dupont{NASTY}", f"ligne 1\n{NASTY}ligne 2", [f"Aline{NASTY}", "\u200b\u200b"])
    assert dossier.name == "Dupont]0;pwned[2J"
    assert dossier.description == "ligne 1\n]0;pwned[2Jligne 2"
    assert dossier.members == ("Aline]0;pwned[2J",)
    with pytest.raises(InvalidInputError, match="Donnez un nom"):
        store.dossiers.create("\u200b\u202e\x07")  # looks empty: is empty
    store.items.set_state(dossier.id, "alpha.groupe", DONE, content_edition="t", done_by=f"Aline{NASTY}")
    saved = store.db.conn.execute("SELECT done_by FROM item_progress").fetchone()[0]
    assert saved == "Aline]0;pwned[2J"


def test_an_imported_file_loses_hidden_characters(store, tmp_path):
    dossier = store.dossiers.create("Dupont")
    store.items.set_state(dossier.id, "alpha.groupe", DONE, content_edition="t", done_by="Aline")
    path = export_dossier(store, dossier.id, tmp_path / "d.coopguide", "t")
    payload = json.loads(path.read_text(encoding="utf-8"))
    del payload["document"]  # format 1 (an older Coopguide); format 2: tests/core/test_crdt_merge.py
    payload["dossier"]["name"] = f"Dup{NASTY}ont"
    payload["dossier"]["members"] = [f"Zo{NASTY}é"]
    payload["items"][0].update(done_by=f"Zo{NASTY}é", note=f"note{NASTY}\nsuite", assignee="\u202eZoé")
    path.write_text(json.dumps(payload), encoding="utf-8")
    read = read_exchange_file(path)
    text = json.dumps([read.name, read.members, [i._asdict() for i in read.items]], ensure_ascii=False)
    for char in NASTY.replace("]0;pwned", "").replace("[2J", ""):
        assert char not in text, repr(char)
    assert read.items[0].note == "note]0;pwned[2J\nsuite"


def test_the_command_line_prints_no_raw_control_character(data_dir):
    store = open_store(data_dir)
    store.dossiers.create("Dupont")
    store.close()
    with sqlite3.connect(data_dir / DATABASE_NAME) as conn:  # an older version stored anything
        conn.execute(
            "UPDATE dossiers SET name = ?, members = ? WHERE name = ?",
            (f"Dup{NASTY}ont", json.dumps(["Zo\x1b[31mé"]), "Dupont"),
        )
    listing = run_cli("dossiers")
    assert listing.returncode == 0, listing.stderr
    assert "\x1b" not in listing.stdout and "\x07" not in listing.stdout and "\u202e" not in listing.stdout
    assert "Dup\\u001b]0;pwned\\u0007" in listing.stdout


def test_exactly_the_hidden_characters_are_removed_and_written_out():
    """Every code point of the planes in use, against the character class the rules name: C0 but
    tab, line feed and carriage return; DEL and C1; bidi embeddings, overrides and isolates;
    zero-width spaces and joiners, the word joiner and the byte-order mark."""
    import re

    from coopguide.core.shared.safe_text import printable, strip_controls

    hidden = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]")
    for code in [*range(0x3000), *range(0xFE00, 0x10000)]:
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF or char in "\r\n":
            continue
        is_hidden = bool(hidden.match(char))
        assert (strip_controls(f"a{char}b", multiline=True) == "ab") == is_hidden, hex(code)
        assert (printable(char) == f"\\u{code:04x}") == is_hidden, hex(code)
    assert printable("a\rb\tc\nd") == "a\\u000db\tc\nd"
