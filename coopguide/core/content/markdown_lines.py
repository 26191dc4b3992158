"""The line-level Markdown patterns that the body scanner, the renderer, the table of contents and
the search all read a guide with, and the anchor of the « Voir aussi » block the renderer appends.

Apart from :mod:`coopguide.core.content.body_scan` so that the table of contents, on the start
path (« Aller à »), does not load the whole scanner.
"""

from __future__ import annotations

import re

FENCE_RE = re.compile(r"^\s*(```|~~~)")
HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
ATTR_RE = re.compile(r"\s*\{#([^\s}]*)([^}]*)\}\s*$")
SEE_ALSO_ANCHOR = "voir-aussi"
