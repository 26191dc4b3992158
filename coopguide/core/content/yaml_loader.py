"""The one YAML loader of the content: libyaml's (C) safe loader when PyYAML has it.

Why: PyYAML's pure-Python ``SafeLoader`` spent ~40 ms of every content build (front matter of each
guide, ``edition.yaml``, the fact register, the séance presets) and the C loader ~5 ms; a build is
what a first start, ``check-content`` and an edited guide wait for. Both give the same values and
the same nodes, with the same line numbers in their marks, so messages point at the same lines.
PyYAML wheels ship libyaml; without it the Python loader is used, as before.
"""

from __future__ import annotations

from typing import Any

import yaml

SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """``yaml.safe_load`` with :data:`SafeLoader`."""
    return yaml.load(text, Loader=SafeLoader)


def compose(text: str) -> yaml.Node | None:
    """``yaml.compose`` (nodes with their line numbers) with :data:`SafeLoader`."""
    return yaml.compose(text, Loader=SafeLoader)
