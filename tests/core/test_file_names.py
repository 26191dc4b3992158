"""File names proposed from dossier names are valid on Windows, macOS and Linux, and stay readable."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pathvalidate import validate_filename

from coopguide.core.shared.file_names import MAX_STEM_BYTES, MAX_STEM_CHARS, free_file_name, safe_file_name

WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", "CLOCK$", "CONIN$", "CONOUT$"} | {
    f"{kind}{n}" for kind in ("COM", "LPT") for n in [*"0123456789", "¹", "²", "³"]
}


def assert_valid_everywhere(name: str) -> None:
    validate_filename(name, platform="universal")  # raises with the rule broken
    assert not any(ord(c) < 32 or c in '/\\:*?"<>|' for c in name), name
    assert name[0] not in ".- " and name[-1] not in ". ", name
    first = name.split(".", 1)[0].rstrip(" ").upper()
    assert first not in WINDOWS_DEVICES, name


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Séance 02/12 — Groupe 1", "Séance 02-12 — Groupe 1.coopguide"),
        ("Reprise « Dupont & fils »", "Reprise « Dupont & fils ».coopguide"),
        ("Groupe 1 : la suite ?", "Groupe 1 - la suite.coopguide"),
        ('a\\b*c"d<e>f|g', "a-b-c-d-e-f-g.coopguide"),
        ("CON", "CON_.coopguide"),
        ("nul.txt", "nul_.txt.coopguide"),
        ("LPT9 ", "LPT9_.coopguide"),  # the space cut shows a device name
        ("CON .x", "CON_ .x.coopguide"),  # Windows ignores the spaces before the dot
        ("conout$", "conout$_.coopguide"),
        ("Fin.", "Fin.coopguide"),
        ("  ...  ", "dossier.coopguide"),
        (".profil", "profil.coopguide"),
        ("-rf", "rf.coopguide"),
        ("a\u202eb\u200bc\x1b[31m", "abc[31m.coopguide"),  # hidden characters dropped
        ("ligne 1\nligne 2\tfin", "ligne 1 ligne 2 fin.coopguide"),
    ],
)
def test_names_people_type_become_names_every_system_accepts(typed, expected):
    assert safe_file_name(typed, ".coopguide") == expected
    assert_valid_everywhere(expected)


def test_a_slash_never_moves_the_file_to_another_folder(tmp_path):
    name = safe_file_name("Séance 02/12 — Groupe 1", ".coopguide")
    assert (tmp_path / name).parent == tmp_path


def test_long_names_are_cut_in_characters_and_bytes_keeping_accents():
    assert safe_file_name("é" * 300) == "é" * MAX_STEM_CHARS
    hearts = safe_file_name("♥" * 300)
    assert len(hearts.encode()) <= MAX_STEM_BYTES and set(hearts) == {"♥"}
    cut_on_space = safe_file_name("a" * (MAX_STEM_CHARS - 1) + " b")
    assert cut_on_space == "a" * (MAX_STEM_CHARS - 1)  # no trailing space left by the cut


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.text(max_size=300))
def test_any_text_gives_a_valid_non_empty_name(text):
    name = safe_file_name(text, ".coopguide")
    assert_valid_everywhere(name)
    stem = name.removesuffix(".coopguide")
    assert stem and len(stem) <= MAX_STEM_CHARS + 1 and len(stem.encode()) <= MAX_STEM_BYTES + 1
    assert Path(name).name == name


def test_free_file_name_numbers_a_taken_name_ignoring_case():
    assert free_file_name("Groupe", ".coopguide", set()) == "Groupe.coopguide"
    taken = {"groupe.coopguide", "groupe (2).coopguide"}
    assert free_file_name("Groupe", ".coopguide", taken) == "Groupe (3).coopguide"
