"""The loader and the validator: every problem named with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopguide.core.content.validate import check_content

GOOD_HEADER = """---
id: {id}
titre: Titre
resume: Résumé.
theme: bases
ordre: 1
version: 1
a_jour_au: 2026-11-01
sources:
  - titre: A
    url: https://a.example/
  - titre: B
    url: https://b.example/
---
"""


def write_guide(root: Path, guide_id: str, body: str, header: str | None = None) -> Path:
    path = root / "guides" / f"{guide_id}.md"
    path.write_text((header if header is not None else GOOD_HEADER.format(id=guide_id)) + body, encoding="utf-8")
    return path


def messages(root: Path) -> list[str]:
    return [str(p) for p in check_content(root).problems]


def test_fixture_content_is_valid_with_counts(content_root):
    report = check_content(content_root)
    assert report.ok, report.problems
    assert report.counts() == {"guides": 3, "check-lists": 3, "éléments": 6, "termes du glossaire": 2}


def test_items_keep_their_explicit_ids_lines_and_aliases(content_root):
    content = check_content(content_root).content
    alpha = content.guides["alpha"]
    assert [c.id for c in alpha.checklists] == ["alpha.premiere", "alpha.seconde"]
    groupe = content.items()["alpha.groupe"]
    assert (groupe.text, groupe.line, groupe.checklist_id) == ("Réunir le **groupe**", 22, "alpha.premiere")
    assert content.items()["alpha.forme"].aliases == ("alpha.statut",)
    assert "ceci est du code" not in " ".join(i.text for i in content.items().values())


def test_items_checklists_and_terms_by_id_follow_the_guides_when_they_change(content_root):
    """They are kept between calls (a tick looks an item up several times), never stale: a guide
    replaced, added or removed gives new ones; unchanged guides give the very same, read-only."""
    content = check_content(content_root).content
    items = content.items()
    assert content.items() is items and content.checklists() is content.checklists()
    with pytest.raises(TypeError):
        items["alpha.nouveau"] = items["alpha.groupe"]
    alpha = content.guides["alpha"]
    premiere = alpha.checklists[0]
    renamed = premiere.items[0]._replace(text="Former l'équipe")
    content.guides["alpha"] = alpha._replace(
        checklists=(premiere._replace(items=(renamed, *premiere.items[1:])), *alpha.checklists[1:])
    )
    assert content.items()["alpha.groupe"].text == "Former l'équipe"
    assert content.checklists()["alpha.premiere"].items[0] is renamed
    assert set(content.glossary()) == {"scop", "scic"}
    del content.guides["glossaire"], content.guides["beta"]
    assert not content.glossary()
    assert set(content.items()) == {"alpha.groupe", "alpha.loi", "alpha.forme", "alpha.depot"}


def test_item_id_does_not_depend_on_text(content_root):
    path = content_root / "guides" / "alpha.md"
    path.write_text(path.read_text("utf-8").replace("Réunir le **groupe**", "Former l'équipe"), "utf-8")
    content = check_content(content_root).content
    assert content.items()["alpha.groupe"].text == "Former l'équipe"


def test_missing_front_matter_is_reported_at_line_1(content_root):
    write_guide(content_root, "gamma", "Pas d'en-tête\n", header="")
    assert "content/guides/gamma.md:1: en-tête YAML manquant" in "\n".join(messages(content_root))


def test_yaml_error_names_its_line(content_root):
    header = GOOD_HEADER.format(id="gamma").replace("ordre: 1", "ordre: [1")
    write_guide(content_root, "gamma", "Texte\n", header=header)
    found = [m for m in messages(content_root) if m.startswith("content/guides/gamma.md:")]
    assert len(found) == 1 and "YAML illisible" in found[0]
    assert int(found[0].split(":")[1]) in (6, 7)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("resume: Résumé.\n", ""), ":1: champ obligatoire manquant : resume"),
        (("id: gamma", "id: autre"), ":2: l'identifiant 'autre' doit être le nom du fichier"),
        (("a_jour_au: 2026-11-01", "a_jour_au: bientôt"), ":8: a_jour_au doit être une date"),
        (("version: 1", "version: zéro"), ":7: version doit être un nombre entier"),
        (("theme: bases", "theme: inconnu"), ":1: thème inconnu : inconnu"),
        (("  - titre: B\n    url: https://b.example/\n", ""), ":9: au moins 2 sources"),
        (("ordre: 1", "ordre: 1\nauteur: moi"), ":7: champ inconnu : auteur"),
    ],
)
def test_front_matter_problems(content_root, change, expected):
    header = GOOD_HEADER.format(id="gamma").replace(*change)
    write_guide(content_root, "gamma", "Texte\n", header=header)
    assert any(m.startswith("content/guides/gamma.md") and expected in m for m in messages(content_root)), messages(
        content_root
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("## Liste\n\n- [ ] Sans id de liste {#gamma.a}\n", ":17: check-list sans identifiant"),
        ("## Liste {#gamma.l}\n\n- [ ] Sans id\n", ":17: élément sans identifiant"),
        ("## Liste {#gamma.l}\n\n- [ ] Mal {#Gamma_A}\n", ":17: identifiant d'élément mal formé"),
        ("## Liste {#gamma.l}\n\n- [x] Coché {#gamma.a}\n", ":17: case « [x] »"),
        ("## Liste {#gamma.l}\n\n- [ ] Un {#alpha.groupe}\n", ":17: identifiant en double : alpha.groupe"),
        ("## Liste {#gamma.l}\n\n- [ ] Un {#gamma.a ancien=alpha.depot}\n", ":17: identifiant en double : alpha.depot"),
        ("Texte <b>gras</b>\n", ":15: HTML brut interdit"),
        ("<div>\nbloc\n</div>\n", ":15: HTML brut interdit"),
        ("![x](https://example.org/a.png)\n", ":15: image distante interdite"),
        ("![x](images/absente.png)\n", ":15: image introuvable"),
        ("[x](guide:inconnu)\n", ":15: lien vers un guide inconnu : inconnu"),
        ("[x](guide:beta#absente)\n", ":15: ancre inconnue dans le guide beta : #absente"),
        ("[x](item:beta.trois)\n", ":15: lien vers un élément inconnu : beta.trois"),
        ("[x](glossaire:cae)\n", ":15: terme du glossaire inconnu : cae"),
        ("[x](#nulle-part)\n", ":15: ancre inconnue dans ce guide : #nulle-part"),
        ("[x](autre.md)\n", ":15: lien non permis"),
        ("## A {#a}\n## B {#a}\n", ":16: ancre en double dans ce guide : #a"),
    ],
)
def test_body_problems_name_file_and_line(content_root, body, expected):
    write_guide(content_root, "gamma", body)
    found = [m for m in messages(content_root) if m.startswith("content/guides/gamma.md")]
    assert any(expected in m for m in found), found


def test_duplicate_item_names_the_first_place(content_root):
    write_guide(content_root, "gamma", "## L {#gamma.l}\n\n- [ ] Doublon {#beta.un}\n")
    found = messages(content_root)
    assert any("identifiant en double : beta.un (déjà utilisé : content/guides/beta.md:" in m for m in found)


def test_html_inside_code_is_allowed(content_root):
    write_guide(content_root, "gamma", "Écrivez `<br>` pour rien.\n\n```\n<div>exemple</div>\n```\n")
    assert check_content(content_root).ok


def test_every_problem_is_reported_not_only_the_first(content_root):
    write_guide(content_root, "gamma", "[x](guide:a)\n[y](guide:b)\n<i>z</i>\n")
    assert len([m for m in messages(content_root) if "gamma" in m]) == 3


def test_edition_file_problems_are_located(content_root):
    edition = content_root / "edition.yaml"
    edition.write_text(
        edition.read_text("utf-8")
        .replace("guide_par_defaut: alpha", "guide_par_defaut: zeta")
        .replace("avertissement:", "avertissements:"),
        "utf-8",
    )
    found = messages(content_root)
    assert "content/edition.yaml:1: guide_par_defaut inconnu : zeta" in found
    assert any(m.startswith("content/edition.yaml:1: champ obligatoire manquant : avertissement") for m in found)


# -- « Voir aussi » (front matter voir_aussi) ----------------------------------------------------


def see_also_header(lines: str) -> str:
    """GOOD_HEADER of guide gamma with ``lines`` added at line 14, just before the closing ---."""
    return GOOD_HEADER.format(id="gamma").removesuffix("---\n") + lines + "---\n"


def test_voir_aussi_is_read_in_order(content_root):
    write_guide(content_root, "gamma", "Texte\n", header=see_also_header("voir_aussi:\n  - beta\n  - alpha\n"))
    report = check_content(content_root)
    assert report.ok, report.problems
    assert report.content.guides["gamma"].see_also == ("beta", "alpha")
    assert report.content.guides["beta"].see_also == ()  # the field is optional


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("voir_aussi: beta\n", ":14: voir_aussi doit être une liste d'identifiants de guides"),
        ("voir_aussi:\n  - alpha\n  - inconnu\n", ":16: voir_aussi : lien vers un guide inconnu : inconnu"),
        ("voir_aussi: [alpha, zeta]\n", ":14: voir_aussi : lien vers un guide inconnu : zeta"),
        ("voir_aussi:\n  - beta\n  - gamma\n", ":16: voir_aussi : le guide se cite lui-même : gamma"),
        ("voir_aussi:\n  - beta\n  - alpha\n  - beta\n", ":17: voir_aussi : guide cité deux fois : beta"),
        ("voir_aussi:\n  - alpha\n  - 3\n", ":16: voir_aussi : identifiant de guide mal formé : 3"),
        ("voir_aussi:\n  - beta#details\n", ":15: voir_aussi : identifiant de guide mal formé : 'beta#details'"),
        ("voir_aussi:\n  - titre: Beta\n", ":15: voir_aussi : identifiant de guide mal formé : {'titre': 'Beta'}"),
    ],
)
def test_voir_aussi_problems_name_file_and_line(content_root, lines, expected):
    write_guide(content_root, "gamma", "Texte\n", header=see_also_header(lines))
    found = [m for m in messages(content_root) if m.startswith("content/guides/gamma.md")]
    assert len(found) == 1 and expected in found[0], found


def test_check_content_command_reports_voir_aussi_with_file_and_line(content_root, capsys):
    from coopguide.__main__ import main

    write_guide(content_root, "gamma", "Texte\n", header=see_also_header("voir_aussi:\n  - alpha\n  - absent\n"))
    assert main(["check-content", "--content-dir", str(content_root)]) == 1
    assert "content/guides/gamma.md:16: voir_aussi : lien vers un guide inconnu : absent" in capsys.readouterr().out
