"""check-content refuses what could make the guide view load a file or run a link (review F15)."""

from __future__ import annotations

import os

import pytest

from tests.core.test_content_loader import messages, write_guide


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("![a](/etc/hostname)\n", ":15: chemin d'image interdit : /etc/hostname"),
        ("![a](images/../../../../etc/hostname)\n", ":15: chemin d'image interdit"),
        ("![a](C:/Windows/win.ini)\n", ":15: chemin d'image interdit"),
        ("![a](data:image/png;base64,AAAA)\n", ":15: lien ou image « data: » interdit"),
        ("[a](data:text/html,x)\n", ":15: lien ou image « data: » interdit"),
        ("[a](javascript:alert(1))\n", ":15: lien ou image « javascript: » interdit"),
        ("[a](java\tscript:alert(1))\n", ":15: lien ou image « javascript: » interdit"),
        ("[a](java&#9;script:alert(1))\n", ":15: lien ou image « javascript: » interdit"),
        ("[a](&#106;avascript:alert(1))\n", ":15: lien ou image « javascript: » interdit"),
        ("[a]( JAVASCRIPT:alert(1))\n", ":15: lien ou image « javascript: » interdit"),
        ('![a](images/schema.png){: src="http://x.example/p.png" }\n', ":15: attribut interdit : src="),
        ('Texte\n{: style="background-image:url(http://x.example/p.png)" }\n', ":16: attribut interdit : style="),
        ('## Titre {: style="color:red" }\n', ":15: attribut interdit : style="),
        ('Texte {: onclick="x" }\n', ":15: attribut interdit : onclick="),
        ('## Titre <img src="/etc/hostname">\n', ":15: HTML brut interdit"),
        ("## Titre ![a](/etc/hostname)\n", ":15: chemin d'image interdit"),
        ("![img][ref]\n\n[ref]: http://x.example/p.png\n", ":15: image distante interdite"),
        ("![ref]\n\n[ref]: https://x.example/p.png\n", ":15: image distante interdite"),
        ("![x][]\n\n[x]: /etc/hostname\n", ":15: chemin d'image interdit"),
        ("[lien][r]\n\n[r]: javascript:alert(1)\n", ":17: lien ou image « javascript: » interdit"),
    ],
)
def test_unsafe_images_links_and_attributes_are_refused_with_their_line(content_root, body, expected):
    write_guide(content_root, "gamma", body)
    found = [m for m in messages(content_root) if m.startswith("content/guides/gamma.md")]
    assert any(expected in m for m in found), found


def test_a_symlinked_image_is_refused(content_root, tmp_path):
    outside = tmp_path / "dehors.png"
    outside.write_bytes((content_root / "images" / "schema.png").read_bytes())
    os.symlink(outside, content_root / "images" / "lien.png")
    write_guide(content_root, "gamma", "![a](images/lien.png)\n")
    found = [m for m in messages(content_root) if m.startswith("content/guides/gamma.md")]
    assert any(":15: image en lien symbolique interdite : images/lien.png" in m for m in found), found


def test_safe_images_and_references_still_pass(content_root):
    body = "![a](images/schema.png){: .large }\n\n![b][sch]\n\n[sch]: images/schema.png\n[doc]: https://a.example/\n"
    write_guide(content_root, "gamma", body)
    assert [m for m in messages(content_root) if m.startswith("content/guides/gamma.md")] == []
